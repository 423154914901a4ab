// The checker's worker (a module worker): the page hands it the text or a file's bytes and
// gets back the report object, so no check — however large or hostile the input — can
// freeze the page. It compiles and warms the module at start (the first paste is then as
// fast as the next). A wasm trap (a panic) leaves the module's memory in an unknown state:
// the worker reports it and closes, and the page starts a new one.
import init, { check, check_bytes, report_count } from './pkg/nianbao.js';
import { checkBytes, needsReaders } from './js/readers.js';

const ready = (async () => {
  await init();
  // Warm: the first calls of a fresh module run in the baseline compiler and grow its
  // memory; a few checks of the sample leave it optimised and sized.
  try {
    const res = await fetch('./sample-2021.txt');
    if (res.ok) {
      const text = await res.text();
      for (let i = 0; i < 4; i++) check(text);
    }
  } catch {
    // The warm-up is an optimisation only.
  }
})();

const trapped = (e) => e instanceof WebAssembly.RuntimeError;

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  if (op === 'crash') {
    // Test hook: an error nobody catches, as a bug in the worker would throw.
    setTimeout(() => {
      throw new Error('worker crash (test)');
    });
    return;
  }
  try {
    await ready;
    const t0 = performance.now();
    let text;
    let report;
    if (op === 'bytes') {
      const bytes = new Uint8Array(data.bytes);
      // Word and PDF files: read by the file-reader module (loaded on the first one).
      const fromReaders = needsReaders(bytes);
      const out = await checkBytes(bytes, check_bytes);
      text = out.text;
      report = out.report;
      // The page's editor joins lines with "\n": check what it will show, so every span
      // indexes the text the clerk sees.
      if (!fromReaders && text.includes('\r')) {
        text = text.replace(/\r\n?/g, '\n');
        report = check(text);
      }
    } else {
      text = data.text;
      report = check(text);
    }
    const count = report_count(text);
    self.postMessage({ id, ok: true, report, count, text: op === 'bytes' ? text : undefined, ms: performance.now() - t0 });
  } catch (e) {
    if (trapped(e)) {
      self.postMessage({ id, ok: false, died: true, message: String(e?.message ?? e) });
      self.close();
      return;
    }
    self.postMessage({ id, ok: false, message: String(e?.message ?? e) });
  }
};

ready.then(() => self.postMessage({ ready: true }));
