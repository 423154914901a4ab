// A worker of the batch view's pool (js/batch-pool.js): loads the wasm checker once, then
// answers jobs one message at a time. Nothing leaves the machine; the bytes come from the
// page's File objects.
//
//   { id, kind: 'check', file, bytes }            → { id, ok, result } | { id, ok: false, error }
//   { id, kind: 'cross', file, prev, bytes, prevBytes } → the current report with the
//                                                   cross-year findings of (prev → file)
//
// `result` = { report, csvRow, findingsRows, cross? } (cross: { diagnostics, not_assessable }).
import init, { Checked, cross_check } from './pkg/nianbao.js';

const ready = init().then(
  () => self.postMessage({ ready: true }),
  (e) => self.postMessage({ ready: false, error: String(e?.message ?? e) }),
);

function summaryOf(checked, file) {
  return { report: checked.report(), csvRow: checked.csv_row(file), findingsRows: checked.findings_csv_rows(file) };
}

function run(job) {
  if (job.kind === 'check') {
    const checked = Checked.from_bytes(new Uint8Array(job.bytes));
    try {
      return summaryOf(checked, job.file);
    } finally {
      checked.free();
    }
  }
  if (job.kind === 'cross') {
    const prev = Checked.from_bytes(new Uint8Array(job.prevBytes));
    const cur = Checked.from_bytes(new Uint8Array(job.bytes));
    try {
      const cross = cross_check(prev, cur);
      return { ...summaryOf(cur, job.file), cross };
    } finally {
      prev.free();
      cur.free();
    }
  }
  throw new Error(`未知任务：${job.kind}`);
}

self.onmessage = async ({ data: job }) => {
  await ready;
  try {
    self.postMessage({ id: job.id, ok: true, result: run(job) });
  } catch (e) {
    self.postMessage({ id: job.id, ok: false, error: String(e?.message ?? e) });
  }
};
