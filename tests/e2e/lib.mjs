// Shared set-up of the end-to-end tests: the page served from www/ by scripts/serve.mjs on
// a free port, Chromium (Debian's /usr/bin/chromium, driven by playwright-core; nothing is
// downloaded), and a record of every request the page makes.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Real reports live beside the repository (CI clones it next to shared/), never inside it.
export const corpusDir = resolve(repoRoot, '../shared/corpus/dev');
export const seedPath = resolve(corpusDir, 'seed-2020-linyi-police.txt');
export const outDir = resolve(repoRoot, 'tests/e2e/out');
export const samplePath = resolve(repoRoot, 'www/sample-2021.txt');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

// Chromium takes its locale from the environment: without a UTF-8 one (a machine that sets
// no LANG) download names and upload names with 汉字 break. Pass one when none is set.
export const CHROMIUM_ENV = {
  ...process.env,
  LANG: process.env.LC_ALL || process.env.LANG || 'C.UTF-8',
};

export function readSeed() {
  return existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : null;
}

export const SEED_MISSING = `seed report not found at ${seedPath} (shared/ must sit beside the repository)`;

export function builtPage() {
  return existsSync(resolve(repoRoot, 'www/pkg/nianbao_bg.wasm'));
}

/** Start the server and the browser; `requests` collects every URL the page asks for. */
export async function start() {
  if (!builtPage()) throw new Error('www/pkg is missing: run `bash scripts/build-web.sh` first');
  mkdirSync(outDir, { recursive: true });
  const server = await serve({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env: CHROMIUM_ENV });
  const requests = [];
  const errors = [];
  const dialogs = [];
  const leaving = []; // beforeunload prompts (accepted: the test navigates on)
  const violations = [];
  async function open({ width = 1280, height = 900, dpr = 1, isMobile = false, hasTouch = false, context: given } = {}) {
    const context = given ?? (await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale: 'zh-CN', isMobile, hasTouch }));
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    // Console errors include Content-Security-Policy violations and failed loads.
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      if (d.type() === 'beforeunload') {
        leaving.push(d.message());
        d.accept().catch(() => {});
        return;
      }
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    // Every CSP violation of the page (and of its workers' loads), with what was blocked.
    await page.exposeFunction('__nianbaoViolation', (v) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.__nianbaoViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]');
    return page;
  }
  async function stop() {
    await browser.close();
    await server.close();
  }
  return { url: server.url, open, stop, requests, errors, dialogs, leaving, violations, browser };
}

/** Paste `text` (and `html`, the clipboard's HTML flavour) into the source view, replacing all of it. */
export async function paste(page, text, html = '') {
  await page.evaluate(
    ([text, html]) => {
      const view = window.nianbao.editor.view;
      view.focus();
      view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } });
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      if (html) dt.setData('text/html', html);
      view.contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [text, html],
  );
}

/** The source view's text. */
export function sourceText(page) {
  return page.evaluate(() => window.nianbao.text());
}

/** Wait until the page shows the results of a check. */
export async function waitForResult(page) {
  await page.waitForSelector('#verdict:not(.idle):not(.busy)');
  await page.waitForSelector('#findings-box:not([hidden])');
}

/** Wait until the charts of the latest check are drawn (or say why not). */
export async function waitForCharts(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('#charts figure')].every((f) => f.querySelector('canvas').width > 0 || !f.querySelector('.chart-empty').hidden) && !document.getElementById('charts-box').hidden);
}

/** The codes of the listed findings of a severity, sorted. */
export async function codes(page, severity = 'error') {
  const list = await page.$$eval(`#findings > li[data-severity="${severity}"]`, (lis) => lis.map((li) => li.dataset.code));
  return list.sort();
}

/** Pixels of a canvas that are neither white nor transparent. */
export async function inkedPixels(page, selector) {
  return page.$eval(selector, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
    return n;
  });
}

/** Lines of tab-separated cells become <table> rows; other lines become paragraphs. */
export function textToHtml(text, { charset = 'utf-8', title = '' } = {}) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const out = [`<!DOCTYPE html><html><head><meta charset="${charset}"><title>${esc(title)}</title></head><body>`];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      if (!inTable) out.push('<table border="1">');
      inTable = true;
      out.push('<tr>' + line.split('\t').map((c) => `<td>${esc(c)}</td>`).join('') + '</tr>');
    } else {
      if (inTable) out.push('</table>');
      inTable = false;
      if (line.trim()) out.push(`<p>${esc(line)}</p>`);
    }
  }
  if (inTable) out.push('</table>');
  out.push('</body></html>');
  return out.join('\n');
}
