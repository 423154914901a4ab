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
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const requests = [];
  const errors = [];
  const dialogs = [];
  async function open({ width = 1280, height = 900, dpr = 1 } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    // Console errors include Content-Security-Policy violations and failed loads.
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]');
    return page;
  }
  async function stop() {
    await browser.close();
    await server.close();
  }
  return { url: server.url, open, stop, requests, errors, dialogs };
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
