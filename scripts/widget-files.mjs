// The files the <nianbao-report> widget needs, found by following its imports (static
// `from '…'` and dynamic `import('…')`) from www/nianbao-report.js: the module itself, the
// renderers it imports from www/js/, the wasm-bindgen glue and the wasm beside it. Used by
// scripts/build-widget.mjs (dist/widget/) and the size benchmark (scripts/bench-widget.mjs).
// `fileReaderFiles()` lists apart what is fetched only when a Word or PDF file arrives
// (`src="report.docx"`): the file-reader module js/readers.js loads by
// `new URL('…', import.meta.url)`, its glue and wasm.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'www');
export const WIDGET = 'nianbao-report.js';

const IMPORTS = /\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
// A module or wasm located relative to the importing file (`new URL('x', import.meta.url)`).
const URLS = /\bnew\s+URL\s*\(\s*['"]([^'":]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/** Every file reachable from `entries` by imports, and the `new URL` targets met on the way. */
function walk(root, entries) {
  const seen = [];
  const located = [];
  const visit = (rel) => {
    if (seen.includes(rel)) return;
    const path = join(root, rel);
    if (!existsSync(path)) throw new Error(`${rel} is missing (imported by the widget): run bash scripts/build-web.sh`);
    seen.push(rel);
    const src = readFileSync(path, 'utf8');
    for (const m of src.matchAll(IMPORTS)) visit(relative(root, normalize(join(dirname(path), m[1] ?? m[2]))));
    for (const m of src.matchAll(URLS)) located.push(relative(root, normalize(join(dirname(path), m[1]))));
  };
  entries.forEach(visit);
  return { seen, located: [...new Set(located)] };
}

/** Paths relative to www/, the widget module first, then its imports, then the wasm. */
export function widgetFiles(root = WWW) {
  const { seen, located } = walk(root, [WIDGET]);
  // The wasm each glue fetches beside itself (the glue's own `new URL('…_bg.wasm', …)`).
  return [...seen, ...located.filter((f) => f.endsWith('.wasm') && existsSync(join(root, f)) && !seen.includes(f))];
}

/** The file-reader module (glue and wasm), fetched only when a Word or PDF file arrives. */
export function fileReaderFiles(root = WWW) {
  const first = widgetFiles(root);
  const modules = walk(root, [WIDGET]).located.filter((f) => f.endsWith('.js'));
  const { seen, located } = walk(root, modules);
  return [...seen, ...located.filter((f) => f.endsWith('.wasm'))].filter((f) => !first.includes(f));
}
