// The page benchmark: gzipped size of what the browser downloads to run the check, and the
// time from paste to findings + tables + charts (checked in the worker, rendered, charts
// drawn, laid out) in Chromium: the first paste of a freshly loaded page, and the median of
// repeated runs, for the seed report, the sample and a large report.
//   node scripts/bench-web.mjs [--runs N]      (after scripts/build-web.sh)
// and the batch view: N generated reports (examples/synth_batch.rs, every shape, both
// formats, cross-year pairs) dropped on the page at once, time to the finished summary
// and the main thread's long tasks (PerformanceObserver 'longtask'):
//   node scripts/bench-web.mjs --batch N       (default 1000; --batch 0 skips it)
//   node scripts/bench-web.mjs --batch-only [--batch N]
// and Word and PDF files: a .docx and a .pdf fixture (and the corpus's seed turned into
// both, examples/seed_files.rs, when the corpus is there) dropped on the page, timed from
// the drop to the findings and tables shown: the first file of a fresh page (the
// file-reader module fetched, compiled and run for the first time) and warm; the gzipped
// size of the file-reader module (www/pkg-pdf/):
//   node scripts/bench-web.mjs --files-only
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { serve, WWW } from './serve.mjs';
import { fileReaderFiles } from './widget-files.mjs';
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_ENV, repoRoot, seedPath, samplePath, textToHtml } from '../tests/e2e/lib.mjs';

const BUDGET_KB = 250;
const GOAL_MS = 16;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 41;
const WARMUP = 5;
const batchArg = process.argv.indexOf('--batch');
const BATCH = batchArg > 0 ? Number(process.argv[batchArg + 1]) : 1000;
const BATCH_ONLY = process.argv.includes('--batch-only');
const FILES_ONLY = process.argv.includes('--files-only');
const FILE_FIRSTS = 5;
const FILE_RUNS = 11;
const BATCH_GOAL_MS = 5000;
const LONG_TASK_GOAL_MS = 100;
const BATCH_RUNS = 3;

// --- size -----------------------------------------------------------------------------
// The page's modules: the entry, the worker and every module under www/js/; the vendored
// editor (CodeMirror) counted apart. The batch view's modules load when it is first opened
// (app.js imports js/batch.js on demand), so they are listed apart and not counted in what
// the first load downloads.
const LAZY = new Set(['js/batch.js', 'js/batch-pool.js', 'js/batch-digest.js', 'batch-worker.js']);
const modules = ['app.js', 'worker.js', ...readdirSync(resolve(WWW, 'js')).filter((f) => f.endsWith('.js')).sort().map((f) => `js/${f}`)];
const files = ['pkg/nianbao_bg.wasm', 'pkg/nianbao.js', ...modules.filter((f) => !LAZY.has(f)), 'vendor/codemirror.js', 'index.html', 'style.css', 'batch.css'];
let total = 0;
let wasmJs = 0;
let own = 0;
let editor = 0;
let lazy = 0;
console.log('size (gzip -9)');
/** Print one file's size and gzipped size (`note` after it); its gzipped bytes (0 if absent and optional). */
function sized(f, { optional = false, note = '' } = {}) {
  const path = resolve(WWW, f);
  if (!existsSync(path)) {
    if (optional) return 0;
    console.error(`missing ${path}: run bash scripts/build-web.sh`);
    process.exit(2);
  }
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  console.log(`  ${f.padEnd(27)} ${(raw.length / 1024).toFixed(1).padStart(8)} KB  → ${(gz / 1024).toFixed(1).padStart(7)} KB${note}`);
  return gz;
}
for (const f of [...LAZY]) lazy += sized(f, { optional: true, note: '  (batch view, loaded on first use)' });
for (const f of files) {
  const gz = sized(f);
  total += gz;
  if (f.startsWith('pkg/')) wasmJs += gz;
  else if (f.startsWith('vendor/')) editor += gz;
  else if (f.endsWith('.js')) own += gz;
}
console.log(`  wasm + its JS gzipped: ${(wasmJs / 1024).toFixed(1)} KB (budget ${BUDGET_KB} KB: ${wasmJs / 1024 <= BUDGET_KB ? 'within' : 'OVER'}); the page's modules ${(own / 1024).toFixed(1)} KB; the editor (CodeMirror) ${(editor / 1024).toFixed(1)} KB; whole page: ${(total / 1024).toFixed(1)} KB; the batch view adds ${(lazy / 1024).toFixed(1)} KB when opened`);
// The file-reader module (PDF and DOCX) that js/readers.js fetches only when such a file
// arrives (found as the widget's build finds it).
let readers = 0;
for (const f of fileReaderFiles()) readers += sized(f, { note: '  (file readers, loaded with the first Word or PDF file)' });
console.log(`  the file-reader module (pkg-pdf: PDF and DOCX) gzipped: ${(readers / 1024).toFixed(1)} KB, fetched only when a Word or PDF file arrives`);

// --- inputs ---------------------------------------------------------------------------
const inputs = [];
const sample = readFileSync(samplePath, 'utf8');
if (existsSync(seedPath)) inputs.push(['seed (10 KB text)', readFileSync(seedPath, 'utf8')]);
else console.log(`  (seed report not found at ${seedPath}: skipped)`);
inputs.push(['sample (4 KB text)', sample]);

// A large report the way Word saves it as a web page: every cell and paragraph wrapped in
// styled spans, long prose; the sample's tables and numbers.
function wordHtml(text, paragraphs) {
  const prose = '本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读与回应关切、平台建设和监督保障等方面，持续推进政务公开标准化规范化建设，全年主动公开各类政府信息并及时更新栏目内容。';
  const span = (t) => `<p class=MsoNormal align=center style='text-align:center;line-height:20.0pt;mso-line-height-rule:exactly'><span style='font-size:12.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman";color:black;mso-font-kerning:0pt'>${t}<o:p></o:p></span></p>`;
  let html = textToHtml(text).replace(/<td>(.*?)<\/td>/g, (_, c) => `<td width=64 valign=center style='width:48.0pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>${span(c)}</td>`);
  const extra = Array.from({ length: paragraphs }, (_, i) => `<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>（${i + 1}）${prose}${prose}<o:p></o:p></span></p>`).join('\n');
  html = html.replace('<p>一、总体情况</p>', `<p>一、总体情况</p>\n${extra}`);
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0cm;font-size:10.5pt;font-family:等线}</style></head>` + html.replace(/^<!DOCTYPE html><html><head>.*?<\/head>/s, '');
}
const large = wordHtml(sample, 600);
inputs.push([`large (${Math.round(Buffer.byteLength(large) / 1024)} KB Word HTML)`, large]);

// --- latency --------------------------------------------------------------------------
const server = await serve({ port: 0 });
// --expose-gc: the batch part collects the bench's own garbage before timing.
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'], env: CHROMIUM_ENV });
try {
  console.log(`\npaste → findings + tables + charts drawn and laid out (Chromium; the check in the worker, the charts on the page; ms)`);
  const median = (a) => a[Math.floor(a.length / 2)];
  // The first paste of a freshly loaded page, as a clerk makes it: a new page per run,
  // once the page has warmed its modules (data-warm: well under a second after load,
  // before anyone has pasted anything), 5 pages.
  for (const [name, text] of inputs.slice(0, 1)) {
    const firsts = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url);
      await page.waitForSelector('html[data-warm="true"]');
      firsts.push(await page.evaluate((text) => window.nianbao.run(text), text));
      await page.close();
    }
    firsts.sort((a, b) => a - b);
    console.log(`  first paste after load, ${name}: median ${median(firsts).toFixed(1)}  (runs: ${firsts.map((t) => t.toFixed(0)).join(', ')})`);
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready="true"]');
  if (!BATCH_ONLY && !FILES_ONLY) await latency(page);
  if (!BATCH_ONLY) await fileDrops(browser);
  if (BATCH > 0 && !FILES_ONLY) await batch(browser);
} finally {
  await browser.close();
  await server.close();
}

async function latency(page) {
  console.log(`\ninput → findings + tables + charts, laid out (Chromium, ${RUNS} runs after ${WARMUP} warm-up, ms)`);
  const median = (a) => a[Math.floor(a.length / 2)];
  for (const [name, text] of inputs) {
    const times = await page.evaluate(
      async ([text, runs, warmup]) => {
        const out = [];
        for (let i = 0; i < warmup + runs; i++) {
          // A different text each time (a clerk's edit): nothing is cached by identity.
          const ms = await window.nianbao.run(i % 2 ? text : text + '\n');
          if (i >= warmup) out.push(ms);
        }
        return out.sort((a, b) => a - b);
      },
      [text, RUNS, WARMUP],
    );
    const errors = await page.$$eval('#findings > li[data-severity="error"]', (l) => l.length);
    const m = median(times);
    console.log(
      `  ${name.padEnd(30)} median ${m.toFixed(2).padStart(7)}  p90 ${times[Math.floor(times.length * 0.9)].toFixed(2).padStart(7)}  min ${times[0].toFixed(2).padStart(7)}  (${errors} errors listed; goal ${GOAL_MS} ms: ${m <= GOAL_MS ? 'met' : 'missed'})`,
    );
  }
}

// --- Word and PDF files ----------------------------------------------------------------
/** The files to drop: fixtures made by real producers, and the seed when the corpus is there. */
function fileInputs() {
  const list = [
    ['DOCX (python-docx, 2021)', resolve(repoRoot, 'tests/fixtures/docx/f2021-layout.docx')],
    ['PDF (Chromium print, 2021, 5 pages)', resolve(repoRoot, 'tests/fixtures/pdf/chromium_s08_word_2021.pdf')],
  ];
  if (existsSync(seedPath)) {
    const dir = mkdtempSync(resolve(tmpdir(), 'nianbao-seed-'));
    try {
      const pdf = execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--example', 'seed_files', '--', dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
      list.push(['seed as DOCX (zip writer)', resolve(dir, 'seed-2020-linyi-police.docx')], ['seed as PDF (Chromium print)', pdf]);
    } catch {
      console.log('  (the seed could not be turned into Word and PDF files: skipped)');
    }
    const out = list.map(([name, path]) => [name, readFileSync(path)]);
    rmSync(dir, { recursive: true, force: true });
    return out;
  }
  return list.map(([name, path]) => [name, readFileSync(path)]);
}

/** In the page: drop `window.__benchFile` and resolve to the ms until the findings are shown and laid out. */
async function dropTimed(page) {
  return page.evaluate(async () => {
    const findings = document.getElementById('findings');
    const shown = new Promise((ok) => {
      const mo = new MutationObserver(() => {
        if (findings.childElementCount) mo.disconnect(), ok();
      });
      mo.observe(findings, { childList: true });
    });
    const dt = new DataTransfer();
    dt.items.add(window.__benchFile);
    const t0 = performance.now();
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await shown;
    void document.body.offsetHeight; // style and layout of the new results
    return performance.now() - t0;
  });
}

async function stageFile(page, name, bytes) {
  await page.evaluate(
    ([name, b64]) => {
      const bin = atob(b64);
      const u8 = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
      window.__benchFile = new File([u8], name);
    },
    [name, Buffer.from(bytes).toString('base64')],
  );
}

async function fileDrops(browser) {
  const list = fileInputs();
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`\nWord and PDF files dropped on the page → findings and tables shown (Chromium; read in the worker by the file-reader module; ms)`);
  for (const [name, bytes] of list) {
    const ext = /PDF/.test(name) ? 'pdf' : 'docx';
    // First: a fresh page (warmed as a clerk finds it), the file-reader module not yet loaded.
    const firsts = [];
    for (let i = 0; i < FILE_FIRSTS; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url);
      await page.waitForSelector('html[data-warm="true"]');
      await stageFile(page, `report.${ext}`, bytes);
      firsts.push(await dropTimed(page));
      await page.close();
    }
    // Warm: the same page, the module loaded; each drop waits for the previous charts.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('html[data-warm="true"]');
    await stageFile(page, `report.${ext}`, bytes);
    const warm = [];
    for (let i = 0; i < FILE_RUNS + 1; i++) {
      const ms = await dropTimed(page);
      if (i > 0) warm.push(ms);
      await page.waitForTimeout(100);
    }
    const errors = await page.$$eval('#findings > li[data-severity="error"]', (l) => l.length);
    await page.close();
    const kb = bytes.length / 1024;
    console.log(
      `  ${name.padEnd(36)} ${kb.toFixed(0).padStart(4)} KB  first ${median(firsts).toFixed(0).padStart(5)} (median of ${FILE_FIRSTS} fresh pages; ${firsts.map((t) => t.toFixed(0)).join(', ')})  warm median ${median(warm).toFixed(1).padStart(6)}, min ${Math.min(...warm).toFixed(1)}  (${(median(warm) / (bytes.length / 1e6)).toFixed(0)} ms per MB warm; ${errors} errors listed)`,
    );
  }
}

// --- batch ----------------------------------------------------------------------------
// BATCH reports written by the Rust synth, dropped on the page (a DataTransfer of Files,
// as a drop delivers them); timed from the drop to the finished summary (totals, pairs),
// in a fresh page each run (the first run of a page also starts the workers).
async function batch(browser) {
  const dir = mkdtempSync(resolve(tmpdir(), 'nianbao-batch-'));
  try {
    execFileSync('cargo', ['run', '--quiet', '--example', 'synth_batch', '--', dir, String(BATCH), '11'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    const list = readdirSync(dir).sort().map((name) => ({ name, text: readFileSync(resolve(dir, name), 'latin1') }));
    const mb = list.reduce((n, f) => n + f.text.length, 0) / 1e6;
    console.log(`\nbatch: ${list.length} files (${mb.toFixed(1)} MB) dropped at once → finished summary (Chromium, ${BATCH_RUNS} runs, each in a fresh page)`);
    for (let run = 1; run <= BATCH_RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url);
      await page.waitForSelector('html[data-ready="true"]');
      await page.evaluate((list) => {
        // Bytes as written ('latin1' carries them through unchanged); built in a task of
        // its own, before the long-task observer starts.
        const dt = new DataTransfer();
        for (const f of list) {
          const bytes = new Uint8Array(f.text.length);
          for (let i = 0; i < bytes.length; i++) bytes[i] = f.text.charCodeAt(i);
          dt.items.add(new File([bytes], f.name));
        }
        window.__benchDrop = dt;
      }, list);
      // The strings that carried the files in are the bench's garbage, not the page's.
      await page.evaluate(() => globalThis.gc?.());
      await page.waitForTimeout(200);
      const out = await page.evaluate(async () => {
        const dt = window.__benchDrop;
        const long = [];
        let t0 = 0;
        const observer = new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => ({ at: e.startTime - t0, ms: e.duration }))));
        observer.observe({ type: 'longtask' });
        const section = document.getElementById('batch');
        const done = new Promise((ok) => {
          const mo = new MutationObserver(() => {
            if (section.dataset.state === 'done') mo.disconnect(), ok();
          });
          mo.observe(section, { attributes: true, attributeFilter: ['data-state'] });
        });
        // Frames between the drop and the end: the page stays responsive if they keep coming.
        let frames = 0;
        let counting = true;
        const tick = () => counting && (frames++, requestAnimationFrame(tick));
        t0 = performance.now();
        requestAnimationFrame(tick);
        document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        await done;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // the summary painted
        const ms = performance.now() - t0;
        counting = false;
        await new Promise((r) => setTimeout(r, 50)); // deliver the last long-task entries
        observer.disconnect();
        const rows = document.getElementById('batch-shown').textContent;
        const pairs = Number(/配对 (\d+) 对/.exec(document.getElementById('batch-count').textContent)?.[1] ?? 0);
        return { ms, long, frames, rows, pairs, state: window.nianbao.batch(), count: document.getElementById('batch-count').textContent };
      });
      const longest = Math.max(0, ...out.long.map((l) => l.ms));
      const worst = out.long.find((l) => l.ms === longest);
      console.log(
        `  run ${run}: ${(out.ms / 1000).toFixed(2)} s to the finished summary (goal ${BATCH_GOAL_MS / 1000} s: ${out.ms <= BATCH_GOAL_MS ? 'met' : 'missed'}); ` +
          `${out.state.workers} workers; ${out.pairs} pairs (table: ${out.rows}); ${out.frames} frames (${(out.frames / (out.ms / 1000)).toFixed(0)}/s); ` +
          `long tasks: ${out.long.length}, longest ${longest.toFixed(0)} ms${worst ? ` at ${(worst.at / 1000).toFixed(2)} s` : ''} (goal ≤ ${LONG_TASK_GOAL_MS} ms: ${longest <= LONG_TASK_GOAL_MS ? 'met' : 'missed'})`,
      );
      console.log(`         「${out.count}」`);
      await page.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
