// A worker of the batch view's pool (js/batch-pool.js): loads the wasm checker once, then
// answers jobs one message at a time. It reads the File itself (the main thread only hands
// over the handle), and sends back a digest and text — never the report object, whose
// structured clone would cost the main thread more than the check costs here.
//
//   { id, kind: 'check', name, file }                → { id, ok: true, result } | { id, ok: false, error }
//   { id, kind: 'cross', name, file, prevFile }      → the same for the current report after
//                                                      cross_check(previous, current)
//
// `result` = { digest (js/batch-digest.js), csvRow, findingsRows, cross? ({ diagnostics,
// not_assessable } of the pair), json? (spec §6 as report_json, only when the job asks
// with `json: true`: the text is large, and only the JSON export needs it) }.
import init, { Checked, cross_check, schema } from './pkg/nianbao.js';
import { digestOf } from './js/batch-digest.js';
import { checkedFromBytes, fileReaders, needsReaders } from './js/readers.js';

let SCHEMA = null;
const ready = init().then(
  () => {
    SCHEMA = schema();
    self.postMessage({ ready: true });
  },
  (e) => self.postMessage({ ready: false, error: String(e?.message ?? e) }),
);

const bytesOf = async (file) => new Uint8Array(await file.arrayBuffer());

function resultOf(checked, job) {
  const report = checked.report();
  const out = { digest: digestOf(report, SCHEMA), csvRow: checked.csv_row(job.name), findingsRows: checked.findings_csv_rows(job.name) };
  if (job.json) out.json = checked.report_json();
  return out;
}

async function run(job) {
  if (job.kind === 'check') {
    const checked = await checkedFromBytes(await bytesOf(job.file));
    try {
      return resultOf(checked, job);
    } finally {
      checked.free();
    }
  }
  if (job.kind === 'cross') {
    const [prevBytes, bytes] = await Promise.all([bytesOf(job.prevFile), bytesOf(job.file)]);
    // Both reports from one module: a Checked only goes back to the module that made it
    // (Word or PDF on either side: the file-reader module, which reads text too).
    const m = needsReaders(prevBytes) || needsReaders(bytes) ? await fileReaders() : { Checked, cross_check };
    const prev = m.Checked.from_bytes(prevBytes);
    let cur = null;
    try {
      cur = m.Checked.from_bytes(bytes);
      const cross = m.cross_check(prev, cur);
      return { ...resultOf(cur, job), cross };
    } finally {
      prev.free();
      cur?.free();
    }
  }
  throw new Error(`未知任务：${job.kind}`);
}

self.onmessage = async ({ data: job }) => {
  await ready;
  try {
    self.postMessage({ id: job.id, ok: true, result: await run(job) });
  } catch (e) {
    self.postMessage({ id: job.id, ok: false, error: String(e?.message ?? e) });
  }
};
