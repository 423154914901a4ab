// The widget benchmark (README numbers, run by scripts/bench-web.sh after the page's): the
// gzipped size of what a portal page downloads for <nianbao-report> (the module, the
// renderers it imports, the wasm and its glue; budget 250 KB like the page), and the time
// from the element entering view to its charts drawn, on the mock portal page
// (www/embed.html, strict CSP) in Chromium:
//   cold: a fresh page, the first widget scrolled into view (the wasm fetched, compiled and
//         instantiated, the renderers imported, the article read, checked and drawn);
//   warm: another widget added further down the same page and scrolled into view.
//   node scripts/bench-widget.mjs [--runs N]      (after scripts/build-web.sh)
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { serve } from './serve.mjs';
import { widgetFiles, WWW } from './widget-files.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/lib.mjs';

const BUDGET_KB = 250;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 41;
const COLD_RUNS = Math.max(3, Math.min(RUNS, 15));

// --- size -----------------------------------------------------------------------------
console.log('\nwidget size (gzip -9): what a portal page downloads for <nianbao-report>');
let total = 0;
let own = 0;
for (const f of widgetFiles()) {
  const raw = readFileSync(resolve(WWW, f));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  if (f === 'nianbao-report.js') own = gz;
  console.log(`  ${f.padEnd(22)} ${(raw.length / 1024).toFixed(1).padStart(8)} KB  → ${(gz / 1024).toFixed(1).padStart(7)} KB`);
}
console.log(`  widget gzipped: ${(total / 1024).toFixed(1)} KB (budget ${BUDGET_KB} KB: ${total / 1024 <= BUDGET_KB ? 'within' : 'OVER'}); the element's own module ${(own / 1024).toFixed(1)} KB`);

// --- time from entering view to charts drawn -------------------------------------------
const server = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fmt = (a) => `median ${median(a).toFixed(1).padStart(6)}  min ${Math.min(...a).toFixed(1).padStart(6)}  max ${Math.max(...a).toFixed(1).padStart(6)}`;

/** Scroll `w` into view and resolve with the ms until it has drawn (nianbao-checked). */
function scrollAndTime(w) {
  return new Promise((ok, fail) => {
    let t0 = 0;
    w.addEventListener('nianbao-checked', () => ok(performance.now() - t0), { once: true });
    w.addEventListener('nianbao-error', (e) => fail(new Error(e.detail.message)), { once: true });
    t0 = performance.now();
    w.scrollIntoView();
  });
}

try {
  // A phone-sized viewport: both widgets of embed.html are below the article at load.
  const cold = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url + 'embed.html');
    await page.waitForLoadState('load');
    await page.waitForTimeout(100);
    cold.push(await page.evaluate(`(${scrollAndTime})(document.getElementById('widget-charts'))`));
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + 'embed.html');
  await page.waitForSelector('#widget-check[state="ready"]');
  await page.evaluate(`window.__scrollAndTime = ${scrollAndTime}`);
  const warm = await page.evaluate(
    async (runs) => {
      const out = [];
      for (let i = 0; i < runs; i++) {
        const spacer = document.createElement('div');
        spacer.className = 'bench-spacer';
        spacer.append(...Array.from({ length: 60 }, () => document.createElement('br')));
        const w = document.createElement('nianbao-report');
        w.setAttribute('for', '#zoom');
        document.querySelector('.charts-block').append(spacer, w);
        out.push(await window.__scrollAndTime(w));
        w.remove();
        spacer.remove();
      }
      return out;
    },
    RUNS,
  );
  await context.close();
  console.log(`\nwidget: entering view → charts drawn (Chromium, mock portal page, ms)`);
  console.log(`  cold (fresh page, wasm loaded on entering view, ${COLD_RUNS} runs)  ${fmt(cold)}`);
  console.log(`  warm (another widget on the page, ${RUNS} runs)              ${fmt(warm)}`);
} finally {
  await browser.close();
  await server.close();
}
