// The clerk's loop and the portal visitor's view, end to end in Chromium: 原文 brings each
// finding's text into the source view, selecting a finding brings its cell and "应为 N"
// into the viewport, the draft survives a reload, a file dropped anywhere is read, 清空
// leaves nothing of the old report (and can be undone), the printout carries every
// expected value and no control, charts show what was published. Screenshots for review
// go to tests/e2e/out/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outDir, paste, readSeed, samplePath, SEED_MISSING, sourceText, start, waitForCharts, waitForResult } from './lib.mjs';

const seed = readSeed();
const sample = readFileSync(samplePath, 'utf8');
let s;

before(async () => {
  s = await start();
});

after(async () => {
  await s?.stop();
});

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The rectangle of the first element matching `sel` (shadow roots pierced), in viewport px. */
const rect = (page, sel) => page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().toJSON());
const inside = (a, b) => a.top >= b.top - 1 && a.bottom <= b.bottom + 1 && a.left >= b.left - 1 && a.right <= b.right + 1;

describe('the seed report, as the clerk fixes it', { skip: seed || process.env.CI ? false : SEED_MISSING }, () => {
  let page;
  before(async () => {
    page = await s.open({ width: 1280, height: 800 });
    await paste(page, seed);
    await waitForResult(page);
    await waitForCharts(page);
  });

  test('原文 of each finding marks its text inside the visible part of the source view', async () => {
    const items = await page.locator('#findings > li[data-code] button.locate').count();
    assert.equal(items, 5, 'five findings with 原文');
    for (let i = 0; i < items; i++) {
      await page.locator('#findings > li[data-code] button.locate').nth(i).click();
      const want = await page.evaluate((i) => {
        const li = document.querySelectorAll('#findings > li[data-code]')[i];
        return li.querySelector('.msg').textContent;
      }, i);
      // CodeMirror scrolls in its next measure cycle.
      await page.waitForFunction(() => {
        const root = document.getElementById('source').shadowRoot;
        const mark = root.querySelector('.nb-active');
        if (!mark) return false;
        const m = mark.getBoundingClientRect();
        const v = root.querySelector('.cm-scroller').getBoundingClientRect();
        return m.height > 0 && m.top >= v.top && m.bottom <= v.bottom && m.left >= v.left && m.right <= v.right;
      });
      const { text, selected } = await page.evaluate(() => {
        const { state } = window.nianbao.editor.view;
        const { from, to } = state.selection.main;
        return { text: document.getElementById('source').shadowRoot.querySelector('.nb-active').textContent, selected: state.sliceDoc(from, to) };
      });
      assert.equal(text, selected, `finding ${i}: the marked text is the selection`);
      assert.match(want, new RegExp(`填写 ${selected.trim()}`), `finding ${i}: the written value is what is selected (${selected})`);
      assert.ok(await page.evaluate(() => document.getElementById('source').contains(document.activeElement) || document.activeElement?.id === 'source'), 'focus moved to the source');
    }
  });

  test('the source view marks every finding, its message on hover', async () => {
    await page.locator('#findings > li[data-code="T4-TOTAL"] button.locate').click();
    const mark = page.locator('#source .nb-mark.nb-error');
    await page.waitForFunction(() => document.getElementById('source').shadowRoot.querySelector('.nb-active'));
    const box = await page.locator('#source .nb-active').first().boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#source .nb-tip', { timeout: 3000 });
    assert.match(await page.locator('#source .nb-tip').textContent(), /表四合计不符：表四「行政诉讼·复议后起诉」/);
    assert.ok((await mark.count()) >= 1);
    await page.mouse.move(5, 5);
  });

  test('selecting a finding brings its cell and its expected value into the middle of the viewport', async () => {
    for (const code of ['T3-ROW-TOTAL', 'T3-RESULT-TOTAL', 'T4-TOTAL']) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator(`#findings > li[data-code="${code}"] button.finding`).first().click();
      const vp = { top: 0, left: 0, bottom: 800, right: 1280 };
      const td = await rect(page, 'td.hl-primary');
      const expect = await rect(page, 'td.hl-primary .expect');
      assert.ok(inside(td, vp), `${code}: the cell is in the viewport ${JSON.stringify(td)}`);
      assert.ok(inside(expect, vp) && expect.width > 20, `${code}: 应为 N is in the viewport ${JSON.stringify(expect)}`);
      // Not clipped by the table's scroll box either.
      const wrap = await page.locator('td.hl-primary').evaluate((e) => e.closest('.table-wrap').getBoundingClientRect().toJSON());
      assert.ok(inside(expect, wrap), `${code}: 应为 N inside its table's box`);
      assert.ok(Math.abs((td.top + td.bottom) / 2 - 400) < 200, `${code}: the cell near the middle (${td.top})`);
    }
    await page.screenshot({ path: join(outDir, 'seed-results.png'), fullPage: false });
  });

  test('a chart shows the 总计 the agency wrote (chart_data: written totals kept beside the drawn bars)', async () => {
    // The drawing itself is being redone in src/chart (written totals on the bars); until
    // then the page's data table and tooltip carry the written 总计 of each bar.
    const rows = await page.evaluate(async (text) => {
      const m = await import('./pkg/nianbao.js');
      const c = new m.Checked(text);
      const data = c.chart_data('disputes');
      const t = c.report().tables.disputes;
      c.free();
      return data.bars.map((b) => ({ key: b.key, value: b.value, written: b.written_total, total: t[b.key]?.total?.value }));
    }, seed);
    assert.equal(rows.length, 3);
    for (const r of rows) assert.equal(r.written ?? r.value, r.total, `${r.key}: the written 总计 ${r.total} is what the chart reports`);
  });

  test('a bar\'s number is the written 总计 of its row (表三 and 表四)', async () => {
    const rows = await page.evaluate(async (text) => {
      const m = await import('./pkg/nianbao.js');
      const c = new m.Checked(text);
      const data = c.chart_data('disputes');
      const t = c.report().tables.disputes;
      const apps = c.chart_data('outcomes');
      const a = c.report().tables.applications;
      c.free();
      // 表三's bars of single rows (予以公开, 部分公开…) carry their row's written 总计.
      const single = apps.bars.filter((b) => a[b.key]);
      return [...data.bars.map((b) => ({ key: b.key, value: b.value, total: t[b.key]?.total?.value })), ...single.map((b) => ({ key: b.key, value: b.value, total: a[b.key]?.total?.value }))];
    }, seed);
    assert.ok(rows.length >= 3);
    for (const r of rows) assert.equal(r.value, r.total, `${r.key}: the bar shows the written 总计`);
  });

  test('the printout shows every 应为 N, the charts as images, the footer, and no control', async () => {
    const pdfPath = join(outDir, 'seed-print.pdf');
    await page.evaluate(() => window.scrollTo(0, 0));
    // The print images are made when the page is idle after drawing.
    await page.waitForFunction(() => [...document.querySelectorAll('#charts img.print-only:not([hidden])')].every((i) => i.complete && i.naturalWidth > 0));
    await page.pdf({ format: 'A4', path: pdfPath, printBackground: true });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const visible = (e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      };
      return {
        expects: [...document.querySelectorAll('td.wrong .expect')].filter(visible).map((e) => e.textContent),
        buttons: [...document.querySelectorAll('button:not(.finding), input, .cm-editor')].filter(visible).map((b) => b.textContent),
        canvases: [...document.querySelectorAll('canvas')].filter(visible).length,
        images: [...document.querySelectorAll('img.print-only')].filter(visible).map((i) => i.getBoundingClientRect().width / i.getBoundingClientRect().height),
        ratio: [...document.querySelectorAll('img.print-only')].map((i) => i.naturalWidth / i.naturalHeight),
        foot: visible(document.querySelector('.foot')),
      };
    });
    await page.screenshot({ path: join(outDir, 'seed-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(printed.expects.length, 5, `five 应为 N: ${printed.expects}`);
    assert.deepEqual(printed.buttons, [], 'no button or input printed');
    assert.equal(printed.canvases, 0, 'the canvases give way to the vector images');
    assert.equal(printed.images.length, 3, 'three chart images printed');
    printed.images.forEach((r, i) => assert.ok(Math.abs(r - printed.ratio[i]) < 0.02, `chart ${i} undistorted: ${r} vs ${printed.ratio[i]}`));
    assert.ok(printed.foot, 'the footer prints');
    if (hasPdftotext) {
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      const expects = await page.$$eval('td.wrong .expect', (l) => l.map((e) => e.textContent));
      for (const e of expects) assert.ok(text.replace(/\s+/g, ' ').includes(e), `the PDF has ${e}`);
      for (const word of ['原文', '导出 JSON', '下载 PNG', '下载 SVG', '选择文件', '撤销清空']) assert.ok(!text.includes(word), `no ${word} in the PDF`);
      assert.match(text, /国办公开办函/, 'the legal basis prints');
      assert.match(text, /年报体检 v\d/, 'the version prints');
    }
  });

  test('downloads a chart as SVG and as a PNG at print resolution', async () => {
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#chart-outcomes button[data-format="svg"]')]);
    assert.match(svg.suggestedFilename(), /^年报体检-表三.*\.svg$/);
    await svg.saveAs(join(outDir, 'chart-outcomes.svg'));
    assert.match(readFileSync(join(outDir, 'chart-outcomes.svg'), 'utf8'), /<svg[\s\S]*<\/svg>/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#chart-outcomes button[data-format="png"]')]);
    const path = join(outDir, 'chart-outcomes-print.png');
    await png.saveAs(path);
    const bytes = readFileSync(path);
    const cssWidth = await page.$eval('canvas[data-chart="outcomes"]', (c) => c.clientWidth);
    assert.equal(bytes.readUInt32BE(16), Math.round(cssWidth * 3), 'drawn at 3× its CSS width');
  });
});

describe('never lose the text', () => {
  test('a reload offers the draft back; 恢复草稿 restores and checks it, 丢弃 drops it', async () => {
    const page = await s.open();
    await paste(page, sample);
    await waitForResult(page);
    await page.waitForFunction(() => localStorage.getItem('nianbao:draft'));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('#draft:not([hidden])');
    assert.match(await page.textContent('#draft-info'), /保存在本机浏览器中/);
    await page.click('#draft-restore');
    await waitForResult(page);
    assert.equal(await sourceText(page), sample);
    assert.match(await page.textContent('#verdict'), /发现 3 处错误/);
    await page.reload();
    await page.waitForSelector('#draft:not([hidden])');
    await page.click('#draft-discard');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('#draft').isHidden(), true, 'a discarded draft is not offered again');
    await page.close();
  });

  test('a file dropped outside the text box is read, never opened in place of the page', async () => {
    const page = await s.open();
    const url = page.url();
    const prevented = await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '拖到页面上的报告.txt', { type: 'text/plain' }));
      const target = document.querySelector('#results');
      const opts = { dataTransfer: dt, bubbles: true, cancelable: true, composed: true };
      target.dispatchEvent(new DragEvent('dragenter', opts));
      const over = new DragEvent('dragover', opts);
      target.dispatchEvent(over);
      const overlay = document.documentElement.classList.contains('dragging');
      const drop = new DragEvent('drop', opts);
      target.dispatchEvent(drop);
      return { over: over.defaultPrevented, drop: drop.defaultPrevented, overlay };
    }, sample);
    assert.deepEqual(prevented, { over: true, drop: true, overlay: true }, 'the browser does not open the file');
    await waitForResult(page);
    assert.match(await page.textContent('#input-status'), /拖到页面上的报告\.txt/);
    assert.equal(await sourceText(page), sample);
    assert.equal(page.url(), url);
  });

  test('清空 leaves no figure of the old report, and can be undone', { skip: seed || process.env.CI ? false : SEED_MISSING }, async () => {
    const page = await s.open();
    await paste(page, seed);
    await waitForResult(page);
    await waitForCharts(page);
    await page.click('#clear');
    const left = await page.evaluate(() => ({
      text: document.querySelector('#results').innerText,
      shown: ['summary', 'export', 'findings-box', 'tables-box', 'charts-box'].filter((id) => !document.getElementById(id).hidden || document.getElementById(id).offsetHeight > 0),
      cells: document.querySelectorAll('td').length,
      canvas: [...document.querySelectorAll('canvas')].map((c) => c.width * c.height).reduce((a, b) => a + b, 0),
      source: window.nianbao.text(),
    }));
    assert.deepEqual(left.shown, [], 'no box of the old report shows');
    assert.equal(left.cells, 0);
    assert.equal(left.canvas, 0, 'no chart pixels kept');
    assert.equal(left.source, '');
    for (const figure of ['临沂', '23', '发现 5 处错误', '导出 JSON']) assert.ok(!left.text.includes(figure), `no "${figure}" left: ${left.text}`);
    await page.screenshot({ path: join(outDir, 'empty.png') });
    await page.click('#undo-clear');
    await waitForResult(page);
    assert.equal(await sourceText(page), seed);
    assert.match(await page.textContent('#verdict'), /发现 5 处错误/);
  });

  test('the empty page shows no summary and no export buttons', async () => {
    const page = await s.open();
    assert.equal(await page.locator('#summary').isVisible(), false);
    assert.equal(await page.locator('#export').isVisible(), false);
    assert.equal(await page.locator('#export-json').isVisible(), false);
    await page.screenshot({ path: join(outDir, 'empty-page.png') });
  });

  test('leaving with typed text asks first', async () => {
    const page = await s.open();
    await page.locator('#source .cm-content').click();
    await page.keyboard.type('草稿：本年度');
    const before = s.leaving.length;
    await page.close({ runBeforeUnload: true });
    for (let i = 0; i < 50 && s.leaving.length === before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(s.leaving.length, before + 1, 'a beforeunload prompt');
  });
});

describe('words for clerks', () => {
  let page;
  before(async () => {
    page = await s.open();
  });

  test('input that is not a report gets 这不像政府信息公开工作年度报告', async () => {
    await paste(page, '会议纪要\n今天讨论了食堂菜单，决定下周一起增加一道汤。\n');
    await waitForResult(page);
    assert.match(await page.textContent('#verdict'), /^？?这不像政府信息公开工作年度报告/);
    assert.doesNotMatch(await page.textContent('#verdict'), /未读到年报表格/);
  });

  test('a paste holding two reports says so', async () => {
    await paste(page, `${sample}\n${sample}`);
    await waitForResult(page);
    assert.match(await page.textContent('#verdict'), /似乎有 2 份报告/);
  });

  test('a cut copy summarises its 无法判断 items per table', async () => {
    await paste(page, sample.slice(0, sample.indexOf('5.属于三类内部事务信息')));
    await waitForResult(page);
    const groups = await page.$$eval('#findings > li.na-group', (l) => l.map((li) => [li.dataset.table, li.querySelector('summary').textContent]));
    assert.ok(groups.length >= 1 && groups.length <= 3, JSON.stringify(groups));
    assert.ok(groups.some(([t, text]) => t === 'applications' && /^表三：无法判断 \d+ 项（\d+ 个单元格未读到/.test(text)), JSON.stringify(groups));
    // The first missing cell of the cut table is missing, not wrong.
    const cut = await page.$$eval('td.wrong', (l) => l.filter((td) => td.dataset.state === 'missing').length);
    assert.equal(cut, 0, 'no missing cell styled as wrong');
    assert.ok((await page.locator('#findings > li[data-code] .name').first().textContent()).length > 0);
  });

  test('the rule name leads each finding, the code after it', async () => {
    await paste(page, sample);
    await waitForResult(page);
    const first = await page.$eval('#findings > li[data-code] .name', (n) => [n.firstElementChild.className, n.lastElementChild.className]);
    assert.deepEqual(first, ['rule', 'code']);
  });
});

describe('on a phone', { skip: seed || process.env.CI ? false : SEED_MISSING }, () => {
  test('the wide tables open scrolled to their first wrong cell', async () => {
    const page = await s.open({ width: 390, height: 844, dpr: 2, isMobile: true, hasTouch: true });
    await paste(page, seed);
    await waitForResult(page);
    await waitForCharts(page);
    const wraps = await page.$$eval('.table-wrap', (l) =>
      l
        .filter((w) => w.querySelector('td.wrong') && w.scrollWidth > w.clientWidth)
        .map((w) => {
          const r = w.getBoundingClientRect();
          const c = w.querySelector('td.wrong').getBoundingClientRect();
          return { scrolled: w.scrollLeft, inside: c.left >= r.left - 1 && c.right <= r.right + 1 };
        }),
    );
    assert.ok(wraps.length >= 1, 'a wide table with a wrong cell');
    for (const w of wraps) assert.ok(w.scrolled > 0 && w.inside, JSON.stringify(w));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling of the page (${width})`);
    await page.locator('#tables-box').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir, 'phone.png'), fullPage: true });
  });
});

test('no page error, no CSP violation in all of this', () => {
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.violations, []);
  assert.ok(existsSync(outDir));
});
