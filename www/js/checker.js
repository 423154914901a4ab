// The checker as the page uses it: a module worker (../worker.js) that checks text or a
// file's bytes and answers with the report object, so the page never waits on a check.
// Only the latest request of a kind matters; if the worker dies (a wasm trap, out of
// memory, an uncaught error), `onDeath(message)` is called, the pending requests are
// rejected with `{ died: true }` and a new worker is started.

/**
 * `createChecker({ url, onDeath, onReady })` → `{ check(text), checkBytes(bytes), crash(),
 * kill(), get worker, get generation }`. `check` and `checkBytes` resolve to `{ report,
 * count, text?, ms }` or reject with an Error (a Chinese message; `.died` when the worker
 * died on it).
 */
export function createChecker({ url = new URL('../worker.js', import.meta.url), onDeath, onReady } = {}) {
  let worker = null;
  let generation = 0;
  let nextId = 1;
  const pending = new Map();

  function fail(message) {
    const err = Object.assign(new Error(message), { died: true });
    for (const { reject } of pending.values()) reject(err);
    pending.clear();
  }

  function died(message) {
    worker?.terminate();
    worker = null;
    fail(message);
    spawn(); // before onDeath, which may ask the new worker straight away
    onDeath?.(message);
  }

  function spawn() {
    generation++;
    const w = new Worker(url, { type: 'module', name: `nianbao-check-${generation}` });
    w.onmessage = ({ data }) => {
      if (w !== worker) return;
      if (data.ready) {
        onReady?.();
        return;
      }
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if (data.ok) p.resolve(data);
      else {
        p.reject(Object.assign(new Error(data.message), { died: !!data.died }));
        if (data.died) died(data.message);
      }
    };
    w.onerror = (e) => {
      if (w !== worker) return;
      e.preventDefault?.();
      died(e.message || '检查程序出错');
    };
    w.onmessageerror = () => w === worker && died('检查程序的回复无法读取');
    worker = w;
  }

  function ask(msg, transfer = []) {
    if (!worker) spawn();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id }, transfer);
    });
  }

  spawn();
  return {
    check: (text) => ask({ op: 'text', text }),
    checkBytes: (bytes) => ask({ op: 'bytes', bytes }, [bytes]),
    /** Test hook: make the worker throw an error nobody catches. */
    crash: () => worker?.postMessage({ op: 'crash' }),
    /** Test hook: end the worker as the browser would (out of memory). */
    kill: () => died('检查程序已停止（测试）'),
    get worker() {
      return worker;
    },
    get generation() {
      return generation;
    },
  };
}
