// A pool of module workers (../batch-worker.js) checking a batch off the main thread.
//
// Design: `size` workers (navigator.hardwareConcurrency, at least 1, at most 8, never more
// than there are jobs) are started on the first job and kept for the page's life, so each
// compiles and instantiates the wasm module once. Jobs wait in one FIFO queue; a worker is
// given at most DEPTH jobs at a time (one running, one waiting in its message queue, so it
// never idles while the main thread is busy). A job carries File handles, not bytes: the
// worker reads the file, so neither reading nor copying bytes happens on the main thread and
// a folder of 1,000 reports is never held in memory at once. `cancel()` drops every job not
// yet handed out (their promises reject with `CANCELLED`); the few in flight finish and are
// ignored by the caller.

/** The rejection reason of a cancelled job. */
export const CANCELLED = 'cancelled';

const DEPTH = 2;

/** The number of workers for this machine. */
export function poolSize(jobs = Infinity) {
  const cores = Number(navigator.hardwareConcurrency) || 2;
  return Math.max(1, Math.min(cores, 8, jobs));
}

/**
 * `createPool({ url, size })` → `{ run(message), cancel(), size, busy() }`.
 * `run` posts `message` (with an `id` added) to a worker when one is free, and resolves to
 * the worker's `result` or rejects with an Error carrying its message.
 */
export function createPool({ url = new URL('../batch-worker.js', import.meta.url), size = poolSize() } = {}) {
  const queue = [];
  const workers = [];
  let nextId = 1;

  function spawn() {
    const w = { worker: new Worker(url, { type: 'module', name: `nianbao-${workers.length + 1}` }), inflight: new Map(), ready: false, failed: null };
    w.worker.onmessage = ({ data }) => {
      if ('ready' in data) {
        w.ready = data.ready;
        if (!data.ready) {
          w.failed = data.error;
          for (const job of w.inflight.values()) job.reject(new Error(`检查程序载入失败：${data.error}`));
          w.inflight.clear();
        }
        pump();
        return;
      }
      const job = w.inflight.get(data.id);
      if (!job) return;
      w.inflight.delete(data.id);
      if (data.ok) job.resolve(data.result);
      else job.reject(new Error(data.error));
      pump();
    };
    w.worker.onerror = (e) => {
      e.preventDefault?.();
      w.failed = e.message || '工作线程出错';
      for (const job of w.inflight.values()) job.reject(new Error(w.failed));
      w.inflight.clear();
      pump();
    };
    workers.push(w);
  }

  function hand(w, job) {
    const id = nextId++;
    w.inflight.set(id, job);
    w.worker.postMessage({ ...job.message, id });
  }

  function pump() {
    while (queue.length) {
      const alive = workers.filter((w) => !w.failed);
      if (!alive.length) {
        const reason = workers[0]?.failed ?? '没有可用的工作线程';
        for (const job of queue.splice(0)) job.reject(new Error(`检查程序载入失败：${reason}`));
        return;
      }
      // The least loaded worker; jobs may be handed out before a worker is ready (they
      // wait in its message queue), which overlaps reading files with loading the wasm.
      const w = alive.reduce((a, b) => (b.inflight.size < a.inflight.size ? b : a));
      if (w.inflight.size >= DEPTH) return;
      hand(w, queue.shift());
    }
  }

  return {
    size,
    /** Queue a job; see above. */
    run(message) {
      if (!workers.length) for (let i = 0; i < size; i++) spawn();
      return new Promise((resolve, reject) => {
        queue.push({ message, resolve, reject });
        pump();
      });
    },
    /** Drop every job not yet handed to a worker. */
    cancel() {
      for (const job of queue.splice(0)) job.reject(CANCELLED);
    },
    /** Jobs queued or in flight. */
    busy: () => queue.length + workers.reduce((n, w) => n + w.inflight.size, 0),
  };
}
