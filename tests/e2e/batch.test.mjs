// The batch view end to end in Chromium: a folder's worth of generated reports (every text
// shape and HTML, both formats, three cross-year pairs, planted errors, one unreadable PDF,
// plus tests/fixtures/{docx,pdf}/ when present) dropped on the page at once; the progress
// bar finishing, the summary table, sorting, filtering by rule, one report opened and
// closed, the pair's CROSS-YEAR-CARRY and its side-by-side view, the totals, and the CSV
// export compared cell by cell with the reports (the JSON export).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtPage, inkedPixels, outDir, repoRoot, start } from './lib.mjs';

const N = 22; // reports generated (+ unreadable.pdf)
let env;
let files = []; // [{ name, b64 }]

/** Files of the folder written by `cargo run --example synth_batch`, and any docx/pdf fixtures. */
function generate() {
  const dir = resolve(outDir, 'batch');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--example', 'synth_batch', '--', dir, String(N), '7'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const out = readdirSync(dir).sort().map((name) => ({ name, path: resolve(dir, name) }));
  // One Word and one PDF report of the fixtures (made by python-docx and LibreOffice):
  // read by the file-reader module the page loads for them.
  for (const [kind, name] of [['docx', 'f2021-blanks.docx'], ['pdf', 'lo_s08_word_2021.pdf']]) {
    const path = resolve(repoRoot, 'tests/fixtures', kind, name);
    if (existsSync(path)) out.push({ name: `${kind}-${name}`, path });
  }
  return out.map((f) => ({ name: f.name, b64: readFileSync(f.path).toString('base64') }));
}

/** Drop `files` on the page's drop zone the way the browser delivers a drop. */
export async function dropFiles(page, selector, list) {
  await page.evaluate(
    ([selector, list]) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name));
      }
      const target = document.querySelector(selector);
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [selector, list],
  );
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines in quotes) → rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await d.path(), 'utf8');
}

const rowNames = (page) => page.$$eval('#batch-table tbody tr:not([hidden])', (trs) => trs.map((tr) => tr.dataset.file));

before(async () => {
  if (!builtPage()) return;
  files = generate();
  env = await start();
});
after(async () => env?.stop());

test('a dropped folder of reports: progress, summary, sort, filter, report view, pair, totals, CSV', { skip: !builtPage() && 'www/pkg missing: run bash scripts/build-web.sh' }, async () => {
  assert.ok(files.length >= 20, `${files.length} files`);
  const page = await env.open({ width: 1280, height: 900 });
  await dropFiles(page, 'body', files);
  await page.waitForSelector('#batch:not([hidden])');
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 60_000 });

  // Progress: finished, every file counted, the unreadable one said so.
  const count = await page.textContent('#batch-count');
  assert.match(count, new RegExp(`已检查 ${files.length} / ${files.length}`));
  assert.match(count, /1 份无法读取/);
  assert.deepEqual(await page.$eval('#batch-progress', (p) => [p.value, p.max]), [1, 1]);
  assert.ok(await page.isHidden('main.layout'), 'the single-report layout is hidden');

  // Summary: one row per file; the unreadable PDF first (errors first), then by errors.
  const rows = await page.$$eval('#batch-table tbody tr', (trs) =>
    trs.map((tr) => ({
      file: tr.dataset.file,
      state: tr.dataset.state,
      cells: [...tr.querySelectorAll('td[data-col]')].map((td) => td.textContent),
      error: tr.querySelector('.read-error')?.textContent ?? null,
    })),
  );
  assert.equal(rows.length, files.length);
  assert.equal(rows[0].file, 'unreadable.pdf');
  assert.equal(rows[0].state, 'failed');
  assert.match(rows[0].error, /PDF|损坏/);
  const errs = rows.slice(1).map((r) => Number(r.cells[3]));
  assert.deepEqual(errs, [...errs].sort((a, b) => b - a), 'errors first');
  assert.ok(errs[0] > 0, 'planted errors found');
  assert.ok(rows.slice(1).every((r) => r.state === 'done' && r.cells[0] !== '未识别' && /^20\d\d$/.test(r.cells[1])));
  const heads = await page.$$eval('#batch-table thead th', (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(heads.slice(0, 7), ['文件', '单位', '年度', '格式', '错误', '警告', '无法判断']);

  // Sorting by file name, both ways, then back to errors.
  await page.click('button.sort[data-sort="name"]');
  const byName = await rowNames(page);
  assert.deepEqual(byName, [...byName].sort());
  assert.equal(await page.getAttribute('th[data-col="name"]', 'aria-sort'), 'ascending');
  await page.click('button.sort[data-sort="name"]');
  assert.deepEqual(await rowNames(page), [...byName].reverse());
  await page.click('button.sort[data-sort="errors"]');
  assert.equal((await rowNames(page))[0], 'unreadable.pdf');

  // Filter by rule: the three cross-year pairs (r0000→r0001, r0010→r0011, r0020→r0021).
  const options = await page.$$eval('#batch-rule option', (os) => os.map((o) => [o.value, o.textContent]));
  const carry = options.find(([v]) => v === 'CROSS-YEAR-CARRY');
  assert.ok(carry, `CROSS-YEAR-CARRY offered: ${options.map((o) => o[0])}`);
  assert.match(carry[1], /跨年度结转不符/);
  await page.selectOption('#batch-rule', 'CROSS-YEAR-CARRY');
  const paired = (await rowNames(page)).sort();
  assert.deepEqual(paired.map((n) => n.slice(0, 5)), ['r0001', 'r0011', 'r0021']);
  // The pairing shows in the row: the previous year's report is selected.
  const prevOf = await page.$eval(`#batch-table tr[data-file="${paired[0]}"] select.prev`, (s) => s.selectedOptions[0].textContent);
  assert.match(prevOf, /^r0000/);
  assert.match(await page.textContent('#batch-shown'), /符合条件 3 \/ /);

  // Open the pair's current report: findings, tables, charts, side by side; and back.
  await page.click(`#batch-table tr[data-file="${paired[0]}"] button.open`);
  await page.waitForSelector('#batch-detail:not([hidden])');
  assert.ok(await page.isHidden('#batch-list'));
  assert.equal(await page.textContent('#batch-detail-title'), paired[0]);
  const codes = await page.$$eval('#batch-findings li[data-code], #batch-findings [data-code]', (l) => l.map((x) => x.dataset.code));
  assert.ok(codes.includes('CROSS-YEAR-CARRY'), `findings: ${codes}`);
  assert.ok((await page.$$('.batch-detail-tables td[data-cell]')).length > 50, 'tables drawn');
  assert.ok((await inkedPixels(page, '#batch-detail canvas[data-chart="outcomes"]')) > 500, 'the outcomes chart is drawn');
  // Side by side: last year's 结转下年度 and this year's 上年结转, the 自然人 column marked.
  assert.match(await page.textContent('#batch-pair'), /跨年度结转不符/);
  const diffPrev = await page.$$eval('.pair-side:first-of-type td.diff', (tds) => tds.map((td) => td.dataset.cell));
  const diffCur = await page.$$eval('.pair-side:last-of-type td.diff', (tds) => tds.map((td) => td.dataset.cell));
  assert.ok(diffPrev.includes('applications:carried_forward:natural_person'), `prev marked: ${diffPrev}`);
  assert.ok(diffCur.includes('applications:carried_over:natural_person'), `cur marked: ${diffCur}`);
  // The compact table: both years' rows, the 自然人 column and the 总计 it adds to marked.
  assert.deepEqual(await page.$$eval('#batch-pair-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td.diff')].map((td) => td.dataset.col))), [['natural_person', 'total'], ['natural_person', 'total']]);
  await page.screenshot({ path: resolve(outDir, 'batch-detail.png'), fullPage: true });
  await page.click('#batch-back');
  assert.ok(await page.isVisible('#batch-list'));
  assert.ok(await page.isHidden('#batch-detail'));
  await page.selectOption('#batch-rule', '');
  assert.equal((await rowNames(page)).length, files.length);

  // Exports: the CSV (BOM once, one row per readable report) against the JSON reports.
  const csvText = await download(page, '#batch-csv');
  assert.ok(csvText.startsWith('\uFEFF') && !csvText.slice(1).includes('\uFEFF'), 'BOM once');
  const [header, ...lines] = parseCsv(csvText.slice(1)).filter((r) => r.length > 1);
  assert.deepEqual(header.slice(0, 4), ['文件', '单位', '年度', '格式']);
  const reports = JSON.parse(await download(page, '#batch-json'));
  assert.equal(reports.length, files.length - 1);
  assert.equal(lines.length, reports.length);
  let compared = 0;
  lines.forEach((line, i) => {
    const r = reports[i];
    assert.equal(line[1], r.agency ?? '');
    assert.equal(line[2], String(r.year ?? ''));
    assert.equal(Number(line[4]), r.summary.errors, `${line[0]} errors`);
    header.forEach((key, j) => {
      const m = /^(proactive|applications|disputes)\.(\w+)\.(\w+)$/.exec(key);
      if (!m) return;
      const cell = r.tables?.[m[1]]?.[m[2]]?.[m[3]];
      const got = line[j];
      if (!cell) return assert.ok(got === '' || got === '（未读到）', `${line[0]} ${key}: ${got}`);
      if (cell.state === 'number') assert.equal(Number(got), cell.value, `${line[0]} ${key}`);
      else if (cell.state === 'blank') assert.equal(got, '', `${line[0]} ${key}`);
      else if (cell.state === 'missing') assert.equal(got, '（未读到）', `${line[0]} ${key}`);
      else assert.equal(got.replace(/^'/, ''), cell.raw, `${line[0]} ${key}`);
      compared++;
    });
  });
  assert.ok(compared > lines.length * 100, `${compared} cells compared`);
  // The cross-year findings are in the export of the current year's report.
  const r1 = reports.find((r, i) => lines[i][0] === paired[0]);
  assert.ok(r1.diagnostics.some((d) => d.code === 'CROSS-YEAR-CARRY'));
  const findingsCsv = parseCsv((await download(page, '#batch-findings-csv')).slice(1));
  assert.ok(findingsCsv.some((row) => row[0] === paired[0] && row[4] === 'CROSS-YEAR-CARRY'));

  // Totals across the reports: 本年新收 equals the sum of the CSV's column.
  const col = header.indexOf('applications.new_received.total');
  const sum = lines.reduce((n, l) => n + (Number(l[col]) || 0), 0);
  const sums = await page.$$eval('#batch-sums div', (ds) => ds.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]));
  const received = sums.find(([k]) => /新收/.test(k));
  assert.ok(received, JSON.stringify(sums));
  assert.equal(Number(received[1].replace(/[^\d.]/g, '')), sum);
  assert.ok((await page.$$('#batch-totals svg.bar-chart rect')).length >= 5, 'outcome bars');
  assert.ok((await page.$$('#batch-compare-chart svg.bar-chart rect')).length >= 20, 'one bar per report');

  // Re-pair by hand: no previous report for the pair → its CROSS-YEAR-CARRY is gone.
  await page.selectOption(`#batch-table tr[data-file="${paired[0]}"] select.prev`, '');
  await page.waitForSelector('#batch[data-state="done"]');
  await page.selectOption('#batch-rule', 'CROSS-YEAR-CARRY');
  assert.equal((await rowNames(page)).length, 2);

  // The printed check report: the table and totals without the controls.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.isVisible('#batch-table'));
  for (const sel of ['#batch-pick', '#batch-csv', '#batch-rule', '#batch-cancel']) assert.ok(await page.isHidden(sel), `${sel} hidden in print`);
  await page.emulateMedia({ media: 'screen' });

  // Nothing but the page's own files was requested; no errors.
  assert.deepEqual(env.errors, []);
  assert.ok(env.requests.every((u) => u.startsWith(env.url) || u.startsWith('blob:') || u.startsWith('data:')), env.requests.filter((u) => !u.startsWith(env.url)).join(' '));
  await page.close();
});

test('several files picked with 选择文件 open the batch view; 返回单份检查 closes it', { skip: !builtPage() && 'www/pkg missing' }, async () => {
  const page = await env.open();
  const picked = files.filter((f) => f.name.endsWith('.html') || f.name.endsWith('.txt')).slice(0, 3);
  await page.setInputFiles('#file', picked.map((f) => ({ name: f.name, mimeType: f.name.endsWith('.html') ? 'text/html' : 'text/plain', buffer: Buffer.from(f.b64, 'base64') })));
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 30_000 });
  assert.equal((await rowNames(page)).length, 3);
  assert.match(await page.textContent('#batch-count'), /已检查 3 \/ 3/);
  await page.click('#batch-close');
  assert.ok(await page.isHidden('#batch'));
  assert.ok(await page.isVisible('main.layout'));
  await page.close();
});

test('选择文件夹 reads a folder with its relative paths', { skip: !builtPage() && 'www/pkg missing' }, async () => {
  const page = await env.open();
  await page.setInputFiles('#folder', resolve(outDir, 'batch'));
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 60_000 });
  const names = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => tr.dataset.file));
  assert.ok(names.length >= 20, `${names.length} rows`);
  assert.ok(names.every((n) => n.startsWith('batch/')), names.slice(0, 3).join(' '));
  await page.close();
});

test('取消 stops the files not yet checked', { skip: !builtPage() && 'www/pkg missing' }, async () => {
  const page = await env.open();
  // Cancel as soon as the batch starts checking (the jobs are queued, none has finished).
  await page.evaluate(() => {
    const section = document.getElementById('batch');
    const mo = new MutationObserver(() => {
      if (section.dataset.state === 'checking') mo.disconnect(), document.getElementById('batch-cancel').click();
    });
    mo.observe(section, { attributes: true, attributeFilter: ['data-state'] });
  });
  await dropFiles(page, 'body', files);
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 60_000 });
  const count = await page.textContent('#batch-count');
  assert.match(count, /^已取消：已检查 (\d+) \//);
  const checked = Number(/已检查 (\d+)/.exec(count)[1]);
  assert.ok(checked < files.length, count);
  const [value, max] = await page.$eval('#batch-progress', (p) => [p.value, p.max]);
  assert.ok(value < max, `the bar stops where the checks did (${value} / ${max})`);
  assert.ok((await page.$$('#batch-table tr[data-state="queued"]')).length > 0, 'rows not checked say so');
  await page.close();
});
