// The page against anything a user can paste or upload: oversize input refused with the
// core's message before anything freezes, garbage told apart, the checker's worker
// restarted after a crash with the text kept, the strict CSP never violated, no request
// beyond the page's own files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { paste, samplePath, sourceText, start, waitForResult } from './lib.mjs';

const sample = readFileSync(samplePath, 'utf8');
let s;
let page;

before(async () => {
  s = await start();
  page = await s.open();
});

after(async () => {
  await s?.stop();
});

/** Sample checked: the page still works. */
async function stillWorks() {
  await paste(page, sample);
  await waitForResult(page);
  assert.match(await page.textContent('#verdict'), /发现 3 处错误/);
}

describe('limits', () => {
  test('a paste over 20 MB is refused with the core message, the page keeps working', async () => {
    const t0 = Date.now();
    await page.evaluate(() => {
      const view = window.nianbao.editor.view;
      const dt = new DataTransfer();
      dt.setData('text/plain', '表'.repeat(7_500_000)); // 22.5 MB of UTF-8
      view.contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('#input-status.error');
    const status = await page.textContent('#input-status');
    assert.match(status, /^无法读取：输入过大（21\.5 MB），超过 20\.0 MB 的上限/);
    assert.equal(await sourceText(page), '', 'the text was not inserted');
    assert.ok(Date.now() - t0 < 15000);
    await stillWorks();
  });

  test('a file over 20 MB is refused by its size, before it is read', async () => {
    await page.setInputFiles('#file', { name: '大文件.txt', mimeType: 'text/plain', buffer: Buffer.alloc(21 << 20, 0x31) });
    await page.waitForSelector('#input-status.error');
    assert.match(await page.textContent('#input-status'), /「大文件\.txt」：无法读取：输入过大/);
    assert.equal(await page.locator('#findings-box').isVisible(), false, 'the previous report is gone');
    assert.match(await page.textContent('#verdict'), /输入过大/);
    await stillWorks();
  });

  test('garbage and binary files give their message', async () => {
    await paste(page, '\u0001\u0002乱码%%%###@@@' + 'ÿþ'.repeat(500));
    await waitForResult(page);
    assert.match(await page.textContent('#verdict'), /这不像政府信息公开工作年度报告/);
    await page.setInputFiles('#file', { name: 'scan.txt', mimeType: 'text/plain', buffer: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0, 1, 2, 3]) });
    await page.waitForSelector('#input-status.error');
    assert.match(await page.textContent('#input-status'), /「scan\.txt」：无法读取/);
    await stillWorks();
  });
});

describe('the worker', () => {
  test('a large paste is checked off the main thread, with a busy indicator', async () => {
    const big = sample + ('\n本机关坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。'.repeat(80000)); // ≈ 2.9 M characters
    const gaps = await page.evaluate(async (text) => {
      // The longest pause of the main thread while the check runs.
      let last = performance.now();
      let worst = 0;
      let busySeen = false;
      const tick = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        busySeen ||= document.getElementById('verdict').classList.contains('busy');
      }, 10);
      window.nianbao.setText(text);
      last = performance.now();
      const ms = await window.nianbao.run(text);
      clearInterval(tick);
      return { worst, ms, busySeen };
    }, big);
    assert.ok(gaps.busySeen, `the busy indicator showed (${gaps.ms} ms)`);
    await waitForResult(page);
    assert.match(await page.textContent('#verdict'), /发现 3 处错误/);
    assert.match(await page.textContent('#charts'), /报告较大/, 'charts of a report that large are not drawn on the main thread');
    console.log(`# large paste (${(big.length / 1e6).toFixed(1)} M chars): ${gaps.ms.toFixed(0)} ms, longest main-thread pause ${gaps.worst.toFixed(0)} ms`);
  });

  test('restarts after an uncaught error, keeping the text and checking it again', async () => {
    await stillWorks();
    // The findings on screen before the crash are marked: the check after the restart
    // renders new ones (waiting for "a result" alone could see the old one, still shown
    // until the new check's busy indicator comes up).
    await page.evaluate(() => document.querySelectorAll('#findings > li').forEach((li) => (li.dataset.before = '1')));
    const gen = await page.evaluate(() => window.nianbao.checker.generation);
    await page.evaluate(() => window.nianbao.checker.crash());
    await page.waitForFunction((g) => window.nianbao.checker.generation > g, gen);
    await page.waitForFunction(() => /已重新启动/.test(document.getElementById('input-status').textContent));
    assert.equal(await sourceText(page), sample, 'the text is kept');
    await page.waitForFunction(() => document.querySelector('#findings > li') && !document.querySelector('#findings > li[data-before]'));
    await waitForResult(page);
    assert.match(await page.textContent('#verdict'), /发现 3 处错误/);
    s.errors.length = 0; // the crash's own uncaught error, reported by the worker
  });

  test('restarts after the worker is terminated mid-check', async () => {
    await page.evaluate(() => document.querySelectorAll('#findings > li').forEach((li) => (li.dataset.before = '1')));
    const gen = await page.evaluate(() => window.nianbao.checker.generation);
    await page.evaluate(() => {
      window.nianbao.setText(document.defaultView.nianbao.text() + '\n');
      window.nianbao.run(window.nianbao.text());
      window.nianbao.checker.kill();
    });
    await page.waitForFunction((g) => window.nianbao.checker.generation > g, gen);
    // The check after the restart renders its own findings (see the test before).
    await page.waitForFunction(() => document.querySelector('#findings > li') && !document.querySelector('#findings > li[data-before]'));
    await waitForResult(page);
    assert.match(await page.textContent('#verdict'), /发现 3 处错误/);
    await stillWorks();
  });
});

describe('security', () => {
  test('the CSP arrives as a header and a meta element, and nothing violates it', async () => {
    const res = await page.request.get(s.url);
    const header = res.headers()['content-security-policy'];
    assert.match(header, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(meta, /style-src 'self'/);
    assert.doesNotMatch(meta + header, /unsafe-inline/);
    // An inline style attribute really is refused (the listener sees violations).
    const seen = s.violations.length;
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p id="csp-probe" style="color: red">x</p>'));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(s.violations.length > seen, 'the probe is reported');
    s.violations.splice(seen);
    s.errors.splice(0); // the console echo of the probe's violation
    await page.evaluate(() => document.getElementById('csp-probe').remove());
  });

  test('report text reaches the DOM as text only', async () => {
    const hostile = sample.replace('示例县数据管理局2023年', '<img src=x onerror="window.__pwned=1">示例县数据管理局2023年');
    await paste(page, hostile);
    await waitForResult(page);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#results img:not(.print-only)').count(), 0);
    assert.equal(await page.evaluate(() => document.getElementById('source').shadowRoot.querySelectorAll('img').length), 0, 'none in the source view');
    assert.match(await page.evaluate(() => document.getElementById('source').shadowRoot.querySelector('.cm-content').textContent), /<img src=x onerror/, 'shown as text');
  });

  test('no violation, no page error, no foreign request in all of this', () => {
    const origin = new URL(s.url).origin;
    const foreign = s.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith(`blob:${origin}/`) && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(s.violations, []);
    assert.deepEqual(s.errors, []);
  });
});
