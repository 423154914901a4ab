// 年报体检 page: the entry module. It loads the WebAssembly (for the schema, the number
// formatter and the charts), starts the checker's worker (js/checker.js), wires the
// page's elements to the input (js/input.js) and puts what the renderers return —
// verdict, summary, findings, tables, charts — into them. Everything runs here; nothing
// is sent anywhere. The renderers take the report and the schema and return nodes, so a
// batch view or the <nianbao-report> widget (shadow DOM) can reuse them with their own
// roots.
//
// Checking happens in the worker, which answers with the report object: findings and
// tables appear without the page ever waiting on a check. The charts need a `Checked` on
// this thread (plotters draws on the page's canvas, and the pointer asks it what bar is
// under it); it is built lazily, after the findings are shown, and only for reports up to
// CHART_TEXT_LIMIT characters (a few milliseconds of work): beyond that the charts say why
// they are not drawn, and the page stays responsive.
import init, { Checked, schema as wasmSchema, version } from './pkg/nianbao.js';
import { checkedFromBytes, needsReaders } from './js/readers.js';
import { saveFile } from './js/dom.js';
import { createChecker } from './js/checker.js';
import { pressFinding, primarySpan, renderFindings } from './js/findings.js';
import { sizeWord, tooLarge, wireInput } from './js/input.js';
import { ruleOf, SEVERITY_ICONS } from './js/schema.js';
import { createSourceView } from './js/source.js';
import { highlightCells, renderTables, scrollToWrong } from './js/tables.js';
import { createCharts } from './js/charts.js';
import { renderSummary, verdictNodes, verdictOf } from './js/verdict.js';
import { filesOf, takesAsBatch } from './js/batch-files.js'; // batch view (js/batch.js loads on first use)

/** Reports up to this many characters get their charts drawn on this thread (≈ 2 MB). */
export const CHART_TEXT_LIMIT = 2_000_000;
/** Up to this many characters the charts are drawn in the same task as the findings. */
const CHART_SYNC_LIMIT = 200_000;

const $ = (id) => document.getElementById(id);
const verdict = $('verdict');
const summary = $('summary');
const findingsBox = $('findings-box');
const findings = $('findings');
const tablesBox = $('tables-box');
const tables = $('tables');
const chartsBox = $('charts-box');
const charts = $('charts');
const exportBar = $('export');
const results = $('results');

let SCHEMA = null;
let current = null; // { report, text, mode, checked (lazy, for the charts) }
let chartSet = null;
let debounce = 0;
let seq = 0; // the latest check; answers to earlier ones are dropped
let busyTimer = 0;
let lastDeath = null; // { text, at } of the check the worker last died on

function setVerdict(v) {
  verdict.className = `verdict ${v.cls}`;
  verdict.replaceChildren(...verdictNodes(v));
}

function setBusy(on) {
  clearTimeout(busyTimer);
  busyTimer = 0;
  results.setAttribute('aria-busy', on ? 'true' : 'false');
  results.classList.toggle('stale', on);
  if (on) setVerdict({ cls: `${verdict.className.replace(/verdict|busy/g, '').trim() || 'idle'} busy`, icon: '…', text: '正在检查…' });
}

/** Show the busy indicator if the check takes longer than a frame. */
function busySoon() {
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => setBusy(true), 16);
}

function freeCurrent() {
  current?.checked?.free();
  current = null;
}

/** Nothing of an earlier report stays on screen: verdict idle (or `message`), every box hidden and emptied. */
function resetResults(message = null) {
  seq++;
  setBusy(false);
  if (message) setVerdict({ cls: 'na', icon: SEVERITY_ICONS.na, text: message });
  else setVerdict({ cls: 'idle', icon: SEVERITY_ICONS.info, text: '粘贴报告全文，或点“示例”看看效果。' });
  for (const box of [summary, exportBar, findingsBox, tablesBox, chartsBox]) box.hidden = true;
  summary.replaceChildren();
  findings.replaceChildren();
  tables.replaceChildren();
  chartSet?.clear();
  editor.mark([]);
  freeCurrent();
}

const editor = createSourceView($('source'), {
  label: '年度报告全文',
  placeholder: '在此粘贴政府信息公开工作年度报告全文（可直接从网页或 Word 中复制，含表格），粘贴后自动检查。也可以把 .txt / .html 文件拖到页面上任何地方。',
});

let workerWarm = false;
let pageWarm = false;
/** `data-warm` on the root once the worker's module and this thread's charts are warmed (tests, bench). */
const markWarm = () => {
  if (workerWarm && pageWarm) document.documentElement.dataset.warm = 'true';
};

const checker = createChecker({
  onReady() {
    workerWarm = true;
    markWarm();
  },
  onDeath(message) {
    // Keep the text; check it again with the new worker unless it just killed one.
    const { text } = input.current();
    const again = lastDeath && lastDeath.text === text && performance.now() - lastDeath.at < 10_000;
    lastDeath = { text, at: performance.now() };
    input.say(`检查程序意外停止（${message}），已重新启动；输入的内容保留。`, true);
    if (again) resetResults('检查程序在检查这份内容时两次意外停止，请检查输入是否为年度报告。');
    else if (text.trim()) runNow();
  },
});

const input = wireInput(
  {
    editor,
    htmlBox: $('html-source-box'),
    htmlSource: $('html-source'),
    status: $('input-status'),
    run: $('run'),
    usePlain: $('use-plain'),
    clear: $('clear'),
    sample: $('sample'),
    pick: $('pick'),
    file: $('file'),
    draftBar: $('draft'),
    draftInfo: $('draft-info'),
    draftRestore: $('draft-restore'),
    draftDiscard: $('draft-discard'),
  },
  { run: runNow, schedule, reset: () => resetResults(), reject: (message) => resetResults(message), file: checkFile, batch: (source) => !!SCHEMA && takesAsBatch(source) && (openBatch(source), true) },
);
// batch view: several files or a folder; the files are taken now (during a drop event), the view loads once
let batchView = null;
let batchLoad = null;
const openBatch = async (source, files = filesOf(source)) => {
  batchLoad ??= import('./js/batch.js').then((m) => (batchView = m.createBatch($('batch'), SCHEMA, { onClose: () => $('source').focus() })));
  return (await batchLoad).open(files);
};

/** Check the current input in the worker; resolves to the ms taken (input → findings, tables and charts drawn). */
function runNow() {
  clearTimeout(debounce);
  const { text, mode } = input.current();
  if (!text.trim()) {
    resetResults();
    return Promise.resolve(0);
  }
  const big = tooLarge({ text });
  if (big) {
    resetResults(big);
    input.say(big, true);
    return Promise.resolve(0);
  }
  const my = ++seq;
  const t0 = performance.now();
  busySoon();
  return checker.check(text).then(
    (res) => (my === seq ? show(res.report, text, mode, res.count).then(() => performance.now() - t0) : 0),
    (e) => {
      if (my !== seq || e.died) return 0; // a newer check, or the worker's restart re-runs it
      resetResults(`检查时出错：${e.message}`);
      return 0;
    },
  );
}

function schedule() {
  clearTimeout(debounce);
  debounce = setTimeout(runNow, 300);
}

/** A file chosen or dropped: its bytes checked in the worker; `setText` puts its decoded text in the view. */
async function checkFile(file, setText) {
  const my = ++seq;
  busySoon();
  let res;
  let keep = null;
  try {
    const buf = await file.arrayBuffer();
    // A Word or PDF file: its charts are drawn from the file-reader module's own reading
    // of the bytes (kept here; the worker gets the buffer).
    if (needsReaders(new Uint8Array(buf))) keep = new Uint8Array(buf.slice(0));
    res = await checker.checkBytes(buf);
  } catch (e) {
    if (my === seq) resetResults(`「${file.name}」：${e.message}`);
    throw e;
  }
  if (my !== seq) return;
  setText(res.text);
  await show(res.report, res.text, 'text', res.count, keep);
}

function show(report, text, readMode, count, bytes = null) {
  setBusy(false);
  freeCurrent();
  current = { report, text, mode: readMode, checked: null, bytes };
  setVerdict(verdictOf(report, SCHEMA, { count }));
  summary.replaceChildren(...renderSummary(report, SCHEMA));
  summary.hidden = false;
  exportBar.hidden = false;
  findings.replaceChildren(...renderFindings(report, SCHEMA, { onSelect: selectFinding }));
  findingsBox.hidden = false;
  tables.replaceChildren(...renderTables(report, SCHEMA));
  tablesBox.hidden = false;
  scrollToWrong(tables);
  // Every finding marked in the source (when the source is the text shown).
  editor.mark(
    readMode === 'text'
      ? report.diagnostics.flatMap((d) => {
          const span = primarySpan(d, report);
          const name = ruleOf(SCHEMA, d.code)?.name ?? d.code;
          return span ? [{ from: span.start, to: span.end, severity: d.severity, message: `${name}：${d.message}` }] : [];
        })
      : [],
  );
  chartsBox.hidden = false;
  if (!chartSet) {
    chartSet = createCharts(SCHEMA, { checked: () => current?.checked ?? null, save: saveFile });
    charts.append(...chartSet.nodes);
  }
  const me = current;
  if (text.length <= CHART_SYNC_LIMIT) {
    // A few milliseconds: drawn in the same task, so the results appear whole.
    drawCharts(me);
    return Promise.resolve();
  }
  return new Promise((done) => {
    // After this frame: the findings and tables show first, the charts follow.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (current === me) drawCharts(me);
        done();
      }),
    );
  });
}

function drawCharts(c) {
  if (c.text.length > CHART_TEXT_LIMIT) {
    chartSet.clear(`报告较大（${sizeWord(c.text.length)} 字符），为保持页面流畅，未绘制图表；数据见上方表格。`);
    return;
  }
  if (c.bytes) {
    // Read by the file-reader module (already loaded by the worker's reading of it here too).
    checkedFromBytes(c.bytes).then(
      (checked) => {
        if (current !== c) return checked.free();
        c.checked = checked;
        chartSet.update();
      },
      (e) => chartSet.clear(`无法绘制图表：${e?.message ?? e}`),
    );
    return;
  }
  try {
    c.checked = new Checked(c.text);
  } catch (e) {
    chartSet.clear(`无法绘制图表：${e?.message ?? e}`);
    return;
  }
  chartSet.update();
}

function selectFinding(d, button, focusSource = false) {
  pressFinding(findings, button);
  const td = highlightCells(tables, d.cells ?? []);
  td?.scrollIntoView({ block: 'center', inline: 'center' });
  const span = current && primarySpan(d, current.report);
  if (span) input.select(current.mode, span.start, span.end, focusSource);
}

$('export-json').addEventListener('click', () => {
  if (!current) return;
  const r = current.report;
  const name = `年报体检-${r.agency ?? '报告'}${r.year ? '-' + r.year : ''}.json`.replace(/[\\/:*?"<>|]/g, '_');
  saveFile(name, new Blob([JSON.stringify(r, null, 2)], { type: 'application/json' }));
});
$('print').addEventListener('click', () => window.print());

let resizeFrame = 0;
const resizeObserver = new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (current?.checked && !chartsBox.hidden) chartSet?.resize();
  });
});

/** Warm this thread's module too (the charts' first drawing), when the page is idle. */
async function warmCharts() {
  try {
    const res = await fetch('sample-2021.txt');
    if (!res.ok) return;
    const c = new Checked(await res.text());
    const canvas = document.createElement('canvas');
    canvas.width = 600;
    canvas.height = 300;
    c.draw('outcomes', canvas, 1);
    c.free();
  } catch {
    // An optimisation only.
  } finally {
    pageWarm = true;
    markWarm();
  }
}

async function main() {
  setVerdict({ cls: 'idle busy', icon: '…', text: '正在载入检查程序…' });
  try {
    await init();
  } catch (e) {
    setVerdict({ cls: 'na', icon: SEVERITY_ICONS.na, text: `检查程序载入失败：${e?.message ?? e}` });
    return;
  }
  SCHEMA = wasmSchema();
  $('version').textContent = `v${version()}`;
  const { 2019: f2019, 2021: f2021 } = SCHEMA.formats;
  $('basis').textContent = `依据政府信息公开工作年度报告格式（${f2021.notice}、${f2019.notice}）检查表格勾稽关系。`;
  resizeObserver.observe(charts);
  // batch view: 选择文件夹 opens it too.
  $('pick-folder').addEventListener('click', () => $('folder').click());
  $('folder').addEventListener('change', (e) => (openBatch([...e.target.files]), (e.target.value = '')));
  // For tests and the benchmark: check a text the way a paste does; resolves to the ms
  // taken until findings, tables and charts are drawn and laid out.
  window.nianbao = {
    async run(text) {
      input.setText(text);
      const t0 = performance.now();
      await runNow();
      void document.body.offsetHeight; // include style and layout of the new results
      return performance.now() - t0;
    },
    text: () => editor.text(),
    setText: (text) => input.setText(text),
    select: (start, end) => editor.select(start, end),
    checker,
    editor,
    batch: () => batchView?.state() ?? null, // batch view: its state and the last batch's time
  };
  if (input.current().text.trim()) runNow();
  else resetResults();
  document.documentElement.dataset.ready = 'true';
  (window.requestIdleCallback ?? setTimeout)(() => warmCharts(), { timeout: 500 });
}

main();
