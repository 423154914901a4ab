// Every finding the page can show names its rule as the catalogue does (schema().rules),
// never by its raw code: every fixture of tests/fixtures/shapes/ and a crafted input per
// rule (the failing fixtures of tests/rules.rs, written against the sample) go through the
// page, and every listed finding — not-assessable ones included — is compared with the
// catalogue. Together they must reach every code a single report can trigger.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { repoRoot, samplePath, start } from './lib.mjs';

const sample = readFileSync(samplePath, 'utf8');
const shapesDir = join(repoRoot, 'tests/fixtures/shapes');

/** A fixture's text: UTF-8, or GBK when it is not (s09_gbk_2019.html). */
function readFixture(path) {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gbk');
  }
}

/** `text` with `from` replaced by `to`; fails when `from` is not there (the sample changed). */
function edit(text, from, to) {
  assert.ok(text.includes(from), `the text has ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** `text` without its lines from the one starting with `from` up to the one starting with `to` (or the end). */
function dropLines(text, from, to) {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(from));
  assert.ok(i >= 0, `a line starts with ${from}`);
  const j = to ? lines.findIndex((l, k) => k > i && l.startsWith(to)) : lines.length;
  assert.ok(j > i, `a line after it starts with ${to}`);
  return [...lines.slice(0, i), ...lines.slice(j)].join('\n');
}

const s2019 = readFixture(join(shapesDir, 's05_tabs_2019.txt'));
const carried = '二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2';
const heading = (n) => sample.split('\n').find((l) => l.startsWith(n));

/** code → an input that triggers it (besides whatever else it triggers). */
const CRAFTED = {
  'T3-ROW-TOTAL': sample,
  'T3-RESULT-TOTAL': sample,
  'T4-TOTAL': sample,
  // 本年新收 + 上年结转 = 68 + 6 ≠ 办理结果 64 + 结转下年度 6, with the row total kept right.
  'T3-BALANCE': edit(sample, carried, '二、上年结转政府信息公开申请数量\t6\t0\t0\t0\t0\t0\t6'),
  'CELL-NEGATIVE': edit(sample, '行政强制\t12', '行政强制\t-12'),
  'CELL-NOT-INTEGER': edit(sample, '行政许可\t1286', '行政许可\t1286.5'),
  'CELL-UNREADABLE': edit(sample, '行政许可\t1286', '行政许可\t若干'),
  'CELL-BLANK': edit(sample, '规章\t0\t0\t0', '规章\t\t0\t0'),
  'TABLE-MISSING': dropLines(sample, '行政复议\t', '五、'),
  'TABLE-INCOMPLETE': sample.slice(0, sample.indexOf('5.属于三类内部事务信息')),
  'ROW-CELLS-DROPPED': readFixture(join(shapesDir, 's17_collapsed_cells_2019.txt')),
  'ROW-CELLS-PLACED': edit(sample, carried, '二、上年结转政府信息公开申请数量\t2\t2'),
  'ROW-EXTRA-CELLS': edit(sample, '四、结转下年度继续办理\t5\t1\t0\t0\t0\t0\t6', '四、结转下年度继续办理\t5\t1\t0\t0\t0\t0\t6\t9'),
  // A row the format does not have, between two of its rows: its numbers have no label.
  'ROW-UNLABELED-VALUES': edit(sample, carried, `其中：网上申请\t1\t0\t0\t0\t0\t0\t1\n${carried}`),
  'SECTION-MISSING': dropLines(sample, '六、'),
  'SECTION-ORDER': sample.replace(heading('五、'), '\u0001').replace(heading('六、'), heading('五、')).replace('\u0001', heading('六、')),
  'FORMAT-YEAR': sample.replaceAll('2023', '2020').replaceAll('2024', '2021'),
  'FORMAT-MIXED': edit(sample, '本年废止件数', '本年新公开数量'),
  'YEAR-MISSING': sample.replaceAll('2023', '本').replaceAll('2024', '次'),
  'TEXT-TABLE-MISMATCH': edit(sample, '共收到政府信息公开申请68件', '共收到政府信息公开申请78件'),
  'T2-IN-FORCE': edit(sample, '行政规范性文件\t3\t1\t25', '行政规范性文件\t30\t1\t25'),
  'T2-PUBLISHED-TOTAL': edit(s2019, '规范性文件\t3\t3\t17', '规范性文件\t3\t20\t17'),
  'NOT-A-REPORT': '会议纪要\n今天讨论了食堂菜单，决定下周一起增加一道汤。\n',
};

// Codes a single report cannot trigger: the CROSS-YEAR-* checks compare two reports (the
// CLI and the batch view).
const NOT_ON_THE_PAGE = ['CROSS-YEAR-CARRY', 'CROSS-YEAR-STOCK'];

let s;
let page;
let schema;

before(async () => {
  s = await start();
  page = await s.open();
  schema = await page.evaluate(async () => (await import('./pkg/nianbao.js')).schema());
});

after(async () => {
  await s?.stop();
});

/** Check `text` in the page; every listed finding as { code, severity, name, sev, title }. */
function findingsOf(text) {
  return page.evaluate(async (text) => {
    await window.nianbao.run(text);
    return [...document.querySelectorAll('#findings li[data-code]')].map((li) => ({
      code: li.dataset.code,
      severity: li.dataset.severity,
      name: li.querySelector('.finding .name .rule')?.textContent,
      nameLine: li.querySelector('.finding .name')?.textContent,
      sev: li.querySelector('.finding .sev')?.textContent.trim(),
      title: li.querySelector('.finding')?.title,
    }));
  }, text);
}

function assertNamedByCatalogue(found, where) {
  for (const f of found) {
    const rule = schema.rules.find((r) => r.code === f.code);
    assert.ok(rule, `${where}: ${f.code} is a catalogue code`);
    assert.equal(f.name, rule.name, `${where}: ${f.code} is named as the catalogue names it`);
    assert.notEqual(f.name, f.code, `${where}: the name is not the raw code`);
    assert.equal(f.nameLine, rule.name + f.code, `${where}: the name, then the code (and nothing else)`);
    assert.equal(f.title, rule.explain, `${where}: the explanation is the item's title`);
    const word = f.severity === 'na' ? '无法判断' : schema.severities[f.severity];
    assert.ok(word && f.sev.endsWith(word), `${where}: ${f.code} shows the severity ${word}, not ${f.sev}`);
    if (f.severity !== 'na') assert.equal(f.severity, rule.severity, `${where}: ${f.code} has the catalogue's severity`);
  }
}

describe('findings are named by the catalogue', () => {
  const seen = new Set();

  test('a crafted input per rule triggers it, named as the catalogue names it', async () => {
    for (const [code, text] of Object.entries(CRAFTED)) {
      const found = await findingsOf(text);
      assert.ok(
        found.some((f) => f.code === code),
        `${code}: the crafted input is flagged; found ${[...new Set(found.map((f) => f.code))].join(', ')}`,
      );
      assertNamedByCatalogue(found, `crafted ${code}`);
      for (const f of found) seen.add(f.code);
    }
  });

  test('every fixture of tests/fixtures/shapes/', async () => {
    const files = readdirSync(shapesDir).sort();
    assert.ok(files.length > 50, `${files.length} fixtures`);
    for (const file of files) {
      const found = await findingsOf(readFixture(join(shapesDir, file)));
      assertNamedByCatalogue(found, file);
      for (const f of found) seen.add(f.code);
    }
  });

  test('together they reach every code a single report can trigger', () => {
    const expected = schema.rules.map((r) => r.code).filter((c) => !NOT_ON_THE_PAGE.includes(c));
    assert.deepEqual(expected.filter((c) => !seen.has(c)), [], 'codes no input showed');
    assert.ok(expected.length >= 21, `${expected.length} codes`);
  });

  test('no page error while checking them', () => {
    assert.deepEqual(s.errors, []);
  });
});

describe('table headers and the footer come from the schema', () => {
  test('表二, 表三 and 表四 print the schema header words of the report format', async () => {
    for (const [format, text] of [['2021', sample], ['2019', s2019]]) {
      const heads = await page.evaluate(async (text) => {
        await window.nianbao.run(text);
        const ths = (sel) => [...document.querySelectorAll(`${sel} thead th`)].map((th) => th.textContent);
        return { proactive: ths('#table-proactive'), applications: ths('#table-applications'), disputes: ths('#table-disputes') };
      }, text);
      const f = schema.formats[format];
      for (const sub of f.proactive.subtables) assert.ok(heads.proactive.includes(sub.row_heading), `${format} 表二 ${sub.row_heading}`);
      const a = f.applications;
      assert.deepEqual(heads.applications.slice(0, 2), [a.note, a.applicants], `${format} 表三 top row`);
      assert.deepEqual(heads.applications.slice(2, 5), [a.columns[0].label, a.organisations, a.columns.at(-1).label], `${format} 表三 second row`);
      const d = f.disputes;
      const grouped = d.rows.filter((b) => b.group);
      assert.deepEqual(
        heads.disputes.slice(0, 2 + grouped.length),
        [d.rows[0].heading, grouped[0].group, ...grouped.map((b) => b.heading)],
        `${format} 表四 header rows`,
      );
    }
  });

  test('the footer cites both formats by their notices', async () => {
    const basis = await page.textContent('#basis');
    for (const f of Object.values(schema.formats)) assert.ok(basis.includes(f.notice), `${basis} cites ${f.notice}`);
  });
});
