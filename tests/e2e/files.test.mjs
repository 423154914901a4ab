// Word and PDF files in the page: picked and dropped, read by the lazily loaded
// file-reader module (www/pkg-pdf/), with the seed's five errors; files we cannot read
// (a scan, a legacy .doc, an encrypted file, a broken zip, a zip bomb, too many entries)
// get their Chinese message and the page keeps working. The fixtures are made by real
// producers (scripts/make-*-fixtures.sh; the hostile packages by the zip crate).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codes, readSeed, repoRoot, SEED_MISSING, start, waitForResult, waitForCharts, inkedPixels } from './lib.mjs';

const docx = join(repoRoot, 'tests/fixtures/docx');
const pdf = join(repoRoot, 'tests/fixtures/pdf');
// The seed's five errors (spec §5): 表三 row and result totals, 表四 totals.
const SEED_ERRORS = ['T3-RESULT-TOTAL', 'T3-ROW-TOTAL', 'T4-TOTAL'];

let s;
// The seed is a real report, never committed: read from ../shared/corpus/dev/ and turned
// into a Word file and a PDF (Chromium's print-to-PDF) for this run.
const seed = readSeed();
let seedDir;
// Hostile Word packages written by the zip crate (examples/hostile_files.rs): a zip bomb
// (a 400 MB document.xml deflated to ~400 KB) and one entry over the entry limit.
let hostileDir;
before(async () => {
  s = await start();
  hostileDir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
  execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--example', 'hostile_files', '--', hostileDir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (seed) {
    seedDir = mkdtempSync(join(tmpdir(), 'nianbao-seed-'));
    execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--example', 'seed_files', '--', seedDir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
});
after(async () => {
  await s?.stop();
  if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  if (hostileDir) rmSync(hostileDir, { recursive: true, force: true });
});
const skipSeed = { skip: seed || process.env.CI ? false : SEED_MISSING };

/** Put a file (name, bytes) into the page, ready to be dropped (base64: fast for large files). */
async function stage(page, name, bytes, type) {
  await page.evaluate(
    ([name, data, type]) => {
      const bin = atob(data);
      const u8 = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
      window.__staged = new File([u8], name, { type });
    },
    [name, Buffer.from(bytes).toString('base64'), type],
  );
}

/** Drop the staged file anywhere on the page, as a desktop drag does. */
async function dropStaged(page) {
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(window.__staged);
    const target = document.querySelector('#verdict') ?? document.body;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
  });
}

/** Drop a file (name, bytes) anywhere on the page. */
async function drop(page, name, bytes, type) {
  await stage(page, name, bytes, type);
  await dropStaged(page);
}

describe('Word and PDF files', () => {
  test('the seed as .docx, picked: its errors, its tables and its charts', skipSeed, async () => {
    const page = await s.open();
    await page.setInputFiles('#file', join(seedDir, 'seed-2020-linyi-police.docx'));
    await waitForResult(page);
    const errors = [...new Set(await codes(page, 'error'))].sort();
    assert.deepEqual(errors, SEED_ERRORS);
    assert.equal((await codes(page, 'error')).length, 5, 'the five errors of the seed');
    assert.match(await page.textContent('#input-status'), /seed-2020-linyi-police\.docx/);
    await waitForCharts(page);
    assert.ok((await inkedPixels(page, '#chart-outcomes canvas')) > 500, 'the chart is drawn');
  });

  test('the seed as PDF (Chromium print), dropped on the page: its five errors', skipSeed, async () => {
    const page = await s.open();
    await drop(page, 'seed.pdf', readFileSync(join(seedDir, 'seed-2020-linyi-police.pdf')), 'application/pdf');
    await waitForResult(page);
    assert.equal((await codes(page, 'error')).length, 5);
    assert.deepEqual([...new Set(await codes(page, 'error'))].sort(), SEED_ERRORS);
  });

  test('a Chromium-printed PDF and a 2019 Word file read as their reports', async () => {
    const page = await s.open();
    await page.setInputFiles('#file', join(pdf, 'chromium_s08_word_2021.pdf'));
    await waitForResult(page);
    assert.match(await page.textContent('#summary'), /2021 年/);
    await page.setInputFiles('#file', join(docx, 'f2019-plain.docx'));
    await page.waitForFunction(() => /2019 年/.test(document.querySelector('#summary')?.textContent ?? ''));
  });

  test('files we cannot read say so in Chinese, and the page keeps working', async () => {
    const page = await s.open();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    const cases = [
      ['scanned.pdf', readFileSync(join(pdf, 'scanned.pdf')), /扫描件|图片/],
      ['encrypted.pdf', readFileSync(join(pdf, 'encrypted.pdf')), /加密/],
      ['old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]), /旧版 Office|\.docx/],
      ['broken.docx', Buffer.from('PK\u0003\u0004 word/document.xml broken'), /损坏|不完整/],
      ['bomb.docx', readFileSync(join(hostileDir, 'bomb.docx')), /解压后过大/],
      ['many-entries.docx', readFileSync(join(hostileDir, 'many-entries.docx')), /文件过多/],
    ];
    assert.ok(cases.at(-2)[1].length < 1 << 20, 'the bomb is small on disk');
    for (const [name, bytes, message] of cases) {
      await stage(page, name, bytes, '');
      const t0 = Date.now();
      await dropStaged(page);
      await page.waitForFunction(
        (n) => {
          const said = (document.querySelector('#input-status')?.textContent ?? '') + (document.querySelector('#verdict')?.textContent ?? '');
          // While the file is read the status says so (`正在读取「…」…`), and the verdict
          // may still hold the previous file's message: wait for this file's own.
          return !said.includes('正在读取') && said.includes(n) && /无法读取|损坏|加密/.test(said);
        },
        name,
        { timeout: 10_000 },
      );
      const said = (await page.textContent('#input-status')) + (await page.textContent('#verdict'));
      assert.match(said, message, `${name}: ${said}`);
      assert.ok(Date.now() - t0 < 5000, `${name}: answered in time`);
    }
    // Still working: the file-reader module reads a Word file, and the sample checks.
    await drop(page, 'f2019-plain.docx', readFileSync(join(docx, 'f2019-plain.docx')), '');
    await page.waitForFunction(() => /2019 年/.test(document.querySelector('#summary')?.textContent ?? ''));
    await page.click('#sample');
    await waitForResult(page);
    assert.ok((await codes(page, 'error')).length > 0);
    assert.deepEqual(errors, []);
  });
});
