// A tiny static file server for www/ (no dependencies). Used by scripts/serve.sh, the
// end-to-end tests and the page benchmark:
//   node scripts/serve.mjs [PORT]        serves www/ on 127.0.0.1 (default $PORT or 8080)
//   import { serve } from './serve.mjs'  await serve({ port: 0 }) → { url, close() }
// `csp` maps paths to a Content-Security-Policy header sent with them (the embedding demo,
// www/embed.html, is served under STRICT_CSP, the policy a portal is told to use).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const WWW = resolve(here, '..', 'www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// The page's Content-Security-Policy, also sent as a header (the page carries it as a
// <meta> too, for hosts that serve it as plain files): only its own files, WebAssembly
// allowed to compile, its own module worker, no inline script or style attribute.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";


/** The strictest policy the widget works under (README, 嵌入 / Embed). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
/** Paths served with a policy of their own (the mock portal: the strict policy a portal
 * would send); every other HTML file gets `CSP`. */
export const DEFAULT_CSP = { '/embed.html': STRICT_CSP };

export function serve({ root = WWW, port = 0, host = '127.0.0.1', log = false, csp = DEFAULT_CSP } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      const policy = csp?.[path] ?? (extname(file) === '.html' ? CSP : null);
      if (policy) headers['content-security-policy'] = policy;
      res.writeHead(200, headers);
      res.end(body);
      if (log) console.log(`200 ${req.url}`);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      if (log) console.log(`404 ${req.url}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ url: `http://${host}:${p}/`, port: p, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await serve({ port, log: !!process.env.VERBOSE });
  console.log(`年报体检: ${url}  (Ctrl+C 停止)`);
}
