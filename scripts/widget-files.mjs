// The files the <nianbao-report> widget needs, found by following its imports (static
// `from '…'` and dynamic `import('…')`) from www/nianbao-report.js: the module itself, the
// renderers it imports from www/js/, the wasm-bindgen glue and the wasm beside it. Used by
// scripts/build-widget.mjs (dist/widget/) and the size benchmark (scripts/bench-web.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'www');
export const WIDGET = 'nianbao-report.js';

/** Paths relative to www/, the widget module first, then its imports, then the wasm. */
export function widgetFiles(root = WWW) {
  const seen = [];
  const visit = (rel) => {
    if (seen.includes(rel)) return;
    const path = join(root, rel);
    if (!existsSync(path)) throw new Error(`${rel} is missing (imported by the widget): run bash scripts/build-web.sh`);
    seen.push(rel);
    const src = readFileSync(path, 'utf8');
    const specs = [...src.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
    for (const s of specs) visit(relative(root, normalize(join(dirname(path), s))));
  };
  visit(WIDGET);
  // The glue fetches its wasm by `new URL('nianbao_bg.wasm', import.meta.url)`.
  for (const f of seen.filter((f) => f.endsWith('/nianbao.js'))) seen.push(join(dirname(f), 'nianbao_bg.wasm'));
  return seen;
}
