// Word and PDF files in the page: picked and dropped, read by the lazily loaded
// file-reader module (www/pkg-pdf/), with the seed's five errors; files we cannot read
// (a scan, a legacy .doc, an encrypted file, a zip bomb) get their Chinese message and the
// page keeps working. The fixtures are made by real producers (scripts/make-*-fixtures.sh).
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
before(async () => {
  s = await start();
  if (seed) {
    seedDir = mkdtempSync(join(tmpdir(), 'nianbao-seed-'));
    execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--example', 'seed_files', '--', seedDir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
});
after(async () => {
  await s?.stop();
  if (seedDir) rmSync(seedDir, { recursive: true, force: true });
});
const skipSeed = { skip: seed || process.env.CI ? false : SEED_MISSING };

/** Drop a file (name, bytes) anywhere on the page, as a desktop drag does. */
async function drop(page, name, bytes, type) {
  await page.evaluate(
    ([name, data, type]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name, { type }));
      const target = document.querySelector('#verdict') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    },
    [name, [...bytes], type],
  );
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
    ];
    for (const [name, bytes, message] of cases) {
      const t0 = Date.now();
      await drop(page, name, bytes, '');
      await page.waitForFunction(
        (n) => {
          const said = (document.querySelector('#input-status')?.textContent ?? '') + (document.querySelector('#verdict')?.textContent ?? '');
          return said.includes(n) && /无法读取|损坏|加密/.test(said);
        },
        name,
        { timeout: 10_000 },
      );
      const said = (await page.textContent('#input-status')) + (await page.textContent('#verdict'));
      assert.match(said, message, `${name}: ${said}`);
      assert.ok(Date.now() - t0 < 5000, `${name}: answered in time`);
    }
    // Still working: the sample checks.
    await page.click('#sample');
    await waitForResult(page);
    assert.ok((await codes(page, 'error')).length > 0);
    assert.deepEqual(errors, []);
  });
});
