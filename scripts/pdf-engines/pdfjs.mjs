// pdf.js (pdfjs-dist, installed by scripts/compare-pdf-engines.sh into a scratch folder
// under target/) reading the PDF fixtures for the engine comparison: for each file, every
// page's getTextContent() items (text, origin, width, font size) and the ruling lines of
// its operator list (thin filled shapes and axis-aligned stroked segments, the rule our
// reader uses), its text (items joined, a line break where pdf.js says one ends) and the
// best of 3 read times; then the corrupted copies, each with a time limit.
//   node pdfjs.mjs PDFJS_DIR OUT.json MUTANTS_DIR PDF…
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pdfjsDir, outPath, mutantsDir, ...pdfs] = process.argv.slice(2);
const dist = join(pdfjsDir, 'node_modules/pdfjs-dist');
const pdfjs = await import(pathToFileURL(join(dist, 'legacy/build/pdf.mjs')).href);
const { OPS, getDocument, VerbosityLevel } = pdfjs;
const version = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')).version;
const RUNS = 3;
const LIMIT_MS = 10_000;
const THIN = 2.5;
const MIN_LEN = 3;

const FILL = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const STROKE = new Set([OPS.stroke, OPS.closeStroke]);

const mul = (m, n) => [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
const apply = (m, x, y) => [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];

/** Ruling lines of one page's operator list (pdfjs 5: constructPath carries its paint op). */
function rulesOf(ops) {
  const rules = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(args, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (args?.[0]) ctm = mul(args[0], ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const [op, data] = args;
      const path = data?.[0];
      if (!path || !(FILL.has(op) || STROKE.has(op))) continue;
      const subpaths = [];
      for (let j = 0; j < path.length; ) {
        const code = path[j++];
        if (code === 0) subpaths.push([apply(ctm, path[j++], path[j++])]);
        else if (code === 1) (subpaths.at(-1) ?? subpaths[subpaths.push([]) - 1]).push(apply(ctm, path[j++], path[j++]));
        else if (code === 2) (j += 4), (subpaths.at(-1) ?? subpaths[subpaths.push([]) - 1]).push(apply(ctm, path[j++], path[j++]));
        else if (code === 3) (j += 2), (subpaths.at(-1) ?? subpaths[subpaths.push([]) - 1]).push(apply(ctm, path[j++], path[j++]));
        // 4: closePath
      }
      for (const sp of subpaths.filter((s) => s.length >= 2)) {
        if (FILL.has(op)) {
          const xs = sp.map((p) => p[0]);
          const ys = sp.map((p) => p[1]);
          const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          if (y1 - y0 <= THIN && x1 - x0 >= MIN_LEN) rules.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
          else if (x1 - x0 <= THIN && y1 - y0 >= MIN_LEN) rules.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
        } else {
          for (let k = 1; k < sp.length; k++) {
            const [[ax, ay], [bx, by]] = [sp[k - 1], sp[k]];
            if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) >= MIN_LEN) rules.push({ x0: Math.min(ax, bx), y0: ay, x1: Math.max(ax, bx), y1: ay });
            else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) >= MIN_LEN) rules.push({ x0: ax, y0: Math.min(ay, by), x1: ax, y1: Math.max(ay, by) });
          }
        }
      }
    }
  }
  return rules;
}

/** One file read by pdf.js: pages of items and rules, and the text. */
async function readPdf(bytes) {
  const doc = await getDocument({
    data: bytes,
    cMapUrl: join(dist, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(dist, 'standard_fonts') + '/',
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
    stopAtErrors: false,
  }).promise;
  const pages = [];
  let text = '';
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        text += it.str + (it.hasEOL ? '\n' : '');
        if (!it.str) continue;
        const [, , c, d, e, f] = it.transform;
        items.push({ str: it.str, x: e, y: f, width: it.width, size: Math.hypot(c, d) });
      }
      text += '\n';
      const rules = rulesOf(await page.getOperatorList());
      pages.push({ top: Math.max(y0, y1), bottom: Math.min(y0, y1), items, rules });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { pages, text };
}

const withLimit = (p) => Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error('hang')), LIMIT_MS))]);

const out = { version, files: {}, corrupted: { read: 0, refused: 0, hangs: 0, slowest_ms: 0 } };
for (const path of pdfs) {
  const bytes = readFileSync(path);
  let best = Infinity;
  let last;
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await readPdf(new Uint8Array(bytes));
      best = Math.min(best, performance.now() - t0);
    }
    out.files[basename(path)] = { ms: best, ...last };
  } catch (e) {
    out.files[basename(path)] = { ms: best, error: String(e?.message ?? e), text: '' };
  }
}
if (mutantsDir) {
  for (const name of readdirSync(mutantsDir).sort()) {
    const t0 = performance.now();
    try {
      await withLimit(readPdf(new Uint8Array(readFileSync(join(mutantsDir, name)))));
      out.corrupted.read++;
    } catch (e) {
      if (String(e?.message) === 'hang') out.corrupted.hangs++;
      else out.corrupted.refused++;
    }
    out.corrupted.slowest_ms = Math.max(out.corrupted.slowest_ms, performance.now() - t0);
  }
}
writeFileSync(outPath, JSON.stringify(out));
console.error(`pdf.js ${version}: ${pdfs.length} files, ${mutantsDir ? readdirSync(mutantsDir).length : 0} corrupted copies`);
