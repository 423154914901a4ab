// 年报体检 page: the entry module. It loads the WebAssembly, wires the page's elements to the
// input (js/input.js) and puts what the renderers return — verdict, summary, findings,
// tables, charts — into them. Everything runs here; nothing is sent anywhere. The
// renderers take the report and the schema and return nodes, so a batch view or the
// <nianbao-report> widget (shadow DOM) can reuse them with their own roots.
import init, { Checked, schema as wasmSchema, version } from './pkg/nianbao.js';
import { saveFile } from './js/dom.js';
import { pressFinding, primarySpan, renderFindings } from './js/findings.js';
import { wireInput } from './js/input.js';
import { SEVERITY_ICONS } from './js/schema.js';
import { highlightCells, renderTables } from './js/tables.js';
import { createCharts } from './js/charts.js';
import { renderSummary, verdictNodes, verdictOf } from './js/verdict.js';
import { filesOf, takesAsBatch } from './js/batch-files.js'; // batch view (js/batch.js loads on first use)

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

let SCHEMA = null;
let current = null; // { checked, report, mode: 'text' | 'html' }
let chartSet = null;
let debounce = 0;

function setVerdict(v) {
  verdict.className = `verdict ${v.cls}`;
  verdict.replaceChildren(...verdictNodes(v));
}

function resetResults() {
  setVerdict({ cls: 'idle', icon: SEVERITY_ICONS.info, text: '粘贴报告全文，或点“示例”看看效果。' });
  for (const box of [summary, exportBar, findingsBox, tablesBox, chartsBox]) box.hidden = true;
  current?.checked.free();
  current = null;
}

const input = wireInput(
  {
    source: $('source'),
    htmlBox: $('html-source-box'),
    htmlSource: $('html-source'),
    status: $('input-status'),
    run: $('run'),
    usePlain: $('use-plain'),
    clear: $('clear'),
    sample: $('sample'),
    pick: $('pick'),
    file: $('file'),
    drop: $('drop'),
  },
  { run: runNow, schedule, reset: resetResults, show, batch: (source) => !!SCHEMA && takesAsBatch(source) && (openBatch(source), true) },
);
// batch view: several files or a folder; the files are taken now (during a drop event), the view loads once
let batchView = null;
let batchLoad = null;
const openBatch = async (source, files = filesOf(source)) => {
  batchLoad ??= import('./js/batch.js').then((m) => (batchView = m.createBatch($('batch'), SCHEMA, { onClose: () => $('source').focus() })));
  return (await batchLoad).open(files);
};

/** Check the current input now; returns the time taken in ms (input → findings + charts). */
function runNow() {
  clearTimeout(debounce);
  const { text, mode } = input.current();
  if (!text.trim()) {
    resetResults();
    return 0;
  }
  const t0 = performance.now();
  let checked;
  try {
    checked = new Checked(text);
  } catch (e) {
    setVerdict({ cls: 'na', icon: SEVERITY_ICONS.na, text: `检查时出错：${e?.message ?? e}` });
    return 0;
  }
  show(checked, mode);
  return performance.now() - t0;
}

function schedule() {
  clearTimeout(debounce);
  debounce = setTimeout(runNow, 300);
}

function show(checked, readMode) {
  const report = checked.report();
  current?.checked.free();
  current = { checked, report, mode: readMode };
  setVerdict(verdictOf(report, SCHEMA));
  summary.replaceChildren(...renderSummary(report, SCHEMA));
  summary.hidden = false;
  exportBar.hidden = false;
  findings.replaceChildren(...renderFindings(report, SCHEMA, { onSelect: selectFinding }));
  findingsBox.hidden = false;
  tables.replaceChildren(...renderTables(report, SCHEMA));
  tablesBox.hidden = false;
  if (!chartSet) {
    chartSet = createCharts(SCHEMA, { checked: () => current?.checked ?? null, save: saveFile });
    charts.append(...chartSet.nodes);
  }
  chartsBox.hidden = false;
  chartSet.update();
}

function selectFinding(d, button, focusSource = false) {
  pressFinding(findings, button);
  highlightCells(tables, d.cells ?? [])?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  const span = current && primarySpan(d, current.report);
  if (span) input.select(current.mode, span.start, span.end, focusSource);
}

$('export-json').addEventListener('click', () => {
  if (!current) return;
  const r = current.report;
  const name = `年报体检-${r.agency ?? '报告'}${r.year ? '-' + r.year : ''}.json`.replace(/[\\/:*?"<>|]/g, '_');
  saveFile(name, new Blob([current.checked.report_json()], { type: 'application/json' }));
});
$('print').addEventListener('click', () => window.print());

let resizeFrame = 0;
const resizeObserver = new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (current && !chartsBox.hidden) chartSet?.resize();
  });
});

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
  // For tests and the benchmark: check a text the way a paste does, return the ms taken.
  window.nianbao = {
    run(text) {
      input.setText(text);
      const t0 = performance.now();
      runNow();
      void document.body.offsetHeight; // include style and layout of the new results
      return performance.now() - t0;
    },
    batch: () => batchView?.state() ?? null, // batch view: its state and the last batch's time
  };
  if (input.current().text.trim()) runNow();
  else resetResults();
  document.documentElement.dataset.ready = 'true';
}

main();
