// 年报体检 page: input (paste, file, drop, sample) → WebAssembly check → verdict, findings,
// the three tables and the three charts. Everything runs here; nothing is sent anywhere.
// Report content is only ever inserted with textContent / value, never as HTML.
import init, { Checked, schema as wasmSchema, version } from './pkg/nianbao.js';

const $ = (id) => document.getElementById(id);
const source = $('source');
const htmlBox = $('html-source-box');
const htmlSource = $('html-source');
const verdict = $('verdict');
const summary = $('summary');
const findingsBox = $('findings-box');
const findings = $('findings');
const tablesBox = $('tables-box');
const tables = $('tables');
const chartsBox = $('charts-box');
const charts = $('charts');
const inputStatus = $('input-status');
const exportBar = $('export');

// Short Chinese names of the rule codes (spec §4), shown before each message.
const RULE_NAMES = {
  'T3-ROW-TOTAL': '表三行合计不符',
  'T3-RESULT-TOTAL': '表三办理结果总计不符',
  'T3-BALANCE': '表三申请数量不平衡',
  'T4-TOTAL': '表四总计不符',
  'CELL-NEGATIVE': '出现负数',
  'CELL-NOT-INTEGER': '件数不是整数',
  'CELL-UNREADABLE': '单元格内容无法识别',
  'CELL-BLANK': '单元格空白',
  'TABLE-MISSING': '缺少表格',
  'TABLE-INCOMPLETE': '表格不完整',
  'SECTION-MISSING': '缺少章节',
  'SECTION-ORDER': '章节顺序有误',
  'FORMAT-YEAR': '格式与年度不符',
  'FORMAT-MIXED': '新旧格式混用',
  'TEXT-TABLE-MISMATCH': '正文与表格数字不一致',
  'CROSS-YEAR-CARRY': '跨年度结转不一致',
};
const SEVERITY = {
  error: { icon: '✖', text: '错误' },
  warning: { icon: '⚠', text: '警告' },
  info: { icon: 'ⓘ', text: '提示' },
  na: { icon: '？', text: '无法判断' },
};
const SEV_ORDER = { error: 0, warning: 1, info: 2 };
const NA_SHOWN = 30;

let SCHEMA = null;
let current = null; // { checked, report, mode: 'text' | 'html' }
let mode = 'text'; // what the last check read: the textarea, or the clipboard's HTML
let pastedHtml = '';
let suppressInput = false;
let debounce = 0;
const figures = new Map(); // chart key → { figure, canvas, tooltip, table, width }

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

const fmt = (v) => (v === null || v === undefined ? '' : Number.isInteger(v) ? String(v) : String(+v.toFixed(2)));

// ---------------------------------------------------------------------------------------
// Running a check

function setVerdict(cls, icon, text) {
  verdict.className = `verdict ${cls}`;
  verdict.replaceChildren(el('span', { class: 'verdict-icon', 'aria-hidden': 'true', text: icon }), el('span', { class: 'verdict-text', text }));
}

function resetResults() {
  setVerdict('idle', 'ⓘ', '粘贴报告全文，或点“示例”看看效果。');
  for (const box of [summary, exportBar, findingsBox, tablesBox, chartsBox]) box.hidden = true;
  current?.checked.free();
  current = null;
}

/** Check the current input now; returns the time taken in ms (input → findings + charts). */
function runNow() {
  clearTimeout(debounce);
  const text = mode === 'html' ? pastedHtml : source.value;
  if (!text.trim()) {
    resetResults();
    return 0;
  }
  const t0 = performance.now();
  let checked;
  try {
    checked = new Checked(text);
  } catch (e) {
    setVerdict('na', '？', `检查时出错：${e?.message ?? e}`);
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
  renderVerdict(report);
  renderSummary(report);
  renderFindings(report);
  renderTables(report);
  renderCharts();
}

function hasTables(report) {
  return ['proactive', 'applications', 'disputes'].some((k) => report.tables?.[k]);
}

function renderVerdict(report) {
  const s = report.summary;
  const extra = [];
  if (s.warnings) extra.push(`${s.warnings} 个警告`);
  if (s.errors) {
    if (s.not_assessable) extra.push(`无法判断 ${s.not_assessable} 项`);
    setVerdict('error', '✖', `发现 ${s.errors} 处错误${extra.length ? '；' + extra.join('，') : ''}`);
  } else if (!hasTables(report)) {
    setVerdict('na', '？', `未读到年报表格（表二、表三、表四）${extra.length ? '；' + extra.join('，') : ''}`);
  } else if (s.not_assessable) {
    setVerdict('na', '？', `未发现错误，无法判断 ${s.not_assessable} 项${extra.length ? '；' + extra.join('，') : ''}`);
  } else {
    setVerdict('ok', '✔', `表格勾稽关系全部成立${extra.length ? '；' + extra.join('，') : ''}`);
  }
}

function renderSummary(report) {
  const s = report.summary;
  const f = report.format ? `${report.format} 年格式（${SCHEMA.formats[report.format].notice}）` : '未识别';
  const rows = [
    ['格式', f],
    ['年度', report.year ? `${report.year} 年` : '未识别'],
    ['单位', report.agency || '未识别'],
    ['读取方式', report.input === 'html' ? '网页表格' : '纯文本'],
    ['错误', `${s.errors} 处`],
    ['警告', `${s.warnings} 个`],
    ['无法判断', `${s.not_assessable} 项`],
    ['成立', `${s.passed} 项`],
  ];
  summary.replaceChildren(...rows.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v }))));
  summary.hidden = false;
  exportBar.hidden = false;
}

// ---------------------------------------------------------------------------------------
// Findings

function cellKey(ref) {
  return `${ref.table}:${ref.row}:${ref.col}`;
}

function findingItem(d, sev) {
  const meta = SEVERITY[sev];
  const button = el(
    'button',
    { type: 'button', class: `finding ${sev}`, 'aria-pressed': 'false' },
    el('span', { class: 'sev' }, el('span', { 'aria-hidden': 'true', text: meta.icon + ' ' }), meta.text),
    el('span', { class: 'name' }, RULE_NAMES[d.code] ?? d.code, el('span', { class: 'code', text: d.code })),
    el('span', { class: 'msg', text: d.message }),
  );
  // A pointer click also shows the source selection (focus moves to the text); from the
  // keyboard focus stays in the list and 原文 moves it on request.
  button.addEventListener('click', (e) => selectFinding(d, button, e.detail > 0));
  const li = el('li', { dataset: { code: d.code, severity: sev } }, button);
  if (primarySpan(d)) {
    const locate = el('button', { type: 'button', class: 'locate', text: '原文', 'aria-label': `在原文中查看：${RULE_NAMES[d.code] ?? d.code}` });
    locate.addEventListener('click', () => selectFinding(d, button, true));
    li.append(locate);
  }
  return li;
}

function renderFindings(report) {
  const diags = [...report.diagnostics].sort((a, b) => (SEV_ORDER[a.severity] ?? 3) - (SEV_ORDER[b.severity] ?? 3));
  const items = diags.map((d) => findingItem(d, d.severity));
  const na = report.not_assessable ?? [];
  if (na.length) {
    const list = el('ol', { class: 'findings' }, ...na.slice(0, NA_SHOWN).map((d) => findingItem(d, 'na')));
    if (na.length > NA_SHOWN) list.append(el('li', { class: 'more', text: `另有 ${na.length - NA_SHOWN} 项未列出。` }));
    items.push(el('li', {}, el('details', {}, el('summary', { text: `无法判断的 ${na.length} 项（相关单元格空白、填写“/”或文字，或未读到）` }), list)));
  }
  if (!items.length) items.push(el('li', { class: 'more', text: hasTables(report) ? '没有发现问题。' : '没有可列出的问题。' }));
  findings.replaceChildren(...items);
  findingsBox.hidden = false;
}

function primarySpan(d) {
  const label = (d.labels ?? []).find((l) => l.primary) ?? (d.labels ?? [])[0];
  if (label) return label.span;
  const ref = d.cells?.[0];
  return ref ? current?.report.tables?.[ref.table]?.[ref.row]?.[ref.col]?.span : undefined;
}

function selectFinding(d, button, focusSource = false) {
  for (const b of findings.querySelectorAll('.finding[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
  for (const td of tables.querySelectorAll('td.hl')) td.classList.remove('hl', 'hl-primary');
  let first = null;
  (d.cells ?? []).forEach((ref, i) => {
    const td = tables.querySelector(`td[data-cell="${CSS.escape(cellKey(ref))}"]`);
    if (td) {
      td.classList.add('hl');
      // cells[0] is the wrong one (the written total); the others are its operands.
      if (i === 0) td.classList.add('hl-primary');
      first ??= td;
    }
  });
  first?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  const span = primarySpan(d);
  if (span) selectSource(span.start, span.end, focusSource);
}

/** Select [start, end) (UTF-16 units) in the text the report was read from, and scroll to it. */
function selectSource(start, end, focus = false) {
  const ta = current?.mode === 'html' ? htmlSource : source;
  if (ta === htmlSource) htmlBox.open = true;
  if (focus) ta.focus({ preventScroll: true });
  ta.setSelectionRange(start, end);
  const line = ta.value.slice(0, start).split('\n').length - 1;
  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 22;
  ta.scrollTop = Math.max(0, line * lh - ta.clientHeight / 3);
}

// ---------------------------------------------------------------------------------------
// Tables

function marksOf(report) {
  const marks = new Map();
  for (const d of report.diagnostics) {
    (d.cells ?? []).forEach((ref, i) => {
      const k = cellKey(ref);
      const m = marks.get(k) ?? {};
      if (d.severity === 'error' && i === 0) {
        m.wrong = true;
        if (d.expected !== undefined && d.expected !== null) m.expected = d.expected;
      } else if (d.severity === 'warning') m.warn = true;
      marks.set(k, m);
    });
  }
  return marks;
}

function cellTd(table, row, col, cell, marks, colLabel, rowLabel) {
  const ref = `${table}:${row}:${col}`;
  const state = cell?.state ?? 'missing';
  const td = el('td', { class: state, dataset: { cell: ref, state } });
  if (state === 'blank') td.append(el('span', { class: 'visually-hidden', text: '空白' }));
  else if (state === 'missing') td.append(el('span', { class: 'visually-hidden', text: '未读到' }));
  else td.append(el('span', { class: 'val', text: cell.raw }));
  const m = marks.get(ref);
  if (m?.wrong) {
    td.classList.add('wrong');
    td.tabIndex = 0;
    td.prepend(el('span', { class: 'mark', 'aria-hidden': 'true', text: '✖' }));
    const expect = m.expected !== undefined ? `应为 ${fmt(m.expected)}` : '填写有误';
    td.append(el('span', { class: 'expect', text: expect }));
    td.title = `${rowLabel}「${colLabel}」：填写 ${cell?.raw || '（空白）'}，${expect}`;
  } else if (m?.warn) {
    td.classList.add('warn');
    td.title = `${rowLabel}「${colLabel}」需要注意`;
  }
  return td;
}

function missingTable(name, title) {
  return el('p', { class: 'hint', text: `未读到${name}（${title}）。` });
}

function renderApplications(report, fs, marks) {
  const t = report.tables.applications;
  const meta = SCHEMA.tables.find((x) => x.key === 'applications');
  if (!t) return missingTable(meta.name, meta.title);
  const cols = fs.applications.columns;
  const head = el(
    'thead',
    {},
    el('tr', {}, el('th', { rowspan: 3, colspan: 2, scope: 'col', text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' }), el('th', { colspan: cols.length, scope: 'colgroup', text: '申请人情况' })),
    el('tr', {}, el('th', { rowspan: 2, scope: 'col', text: cols[0].label }), el('th', { colspan: cols.length - 2, scope: 'colgroup', text: '法人或其他组织' }), el('th', { rowspan: 2, scope: 'col', text: cols[cols.length - 1].label })),
    el('tr', {}, ...cols.slice(1, -1).map((c) => el('th', { scope: 'col', text: c.label }))),
  );
  const rows = fs.applications.rows;
  const body = el('tbody');
  rows.forEach((r, i) => {
    const tr = el('tr');
    if (r.group) {
      if (i === 0 || rows[i - 1].group !== r.group) {
        let n = 0;
        while (i + n < rows.length && rows[i + n].group === r.group) n++;
        tr.append(el('th', { class: 'group', rowspan: n, scope: 'rowgroup', text: r.group }));
      }
      tr.append(el('th', { scope: 'row', text: r.label }));
    } else {
      tr.append(el('th', { scope: 'row', colspan: 2, text: r.label }));
    }
    for (const c of cols) tr.append(cellTd('applications', r.key, c.key, t[r.key]?.[c.key], marks, c.label, r.label));
    body.append(tr);
  });
  return el('div', { class: 'table-wrap' }, el('table', { class: 'report', id: 'table-applications' }, el('caption', { text: `${meta.name} ${meta.title}` }), head, body));
}

function renderDisputes(report, fs, marks) {
  const t = report.tables.disputes;
  const meta = SCHEMA.tables.find((x) => x.key === 'disputes');
  if (!t) return missingTable(meta.name, meta.title);
  const cols = fs.disputes.columns;
  const blocks = fs.disputes.rows;
  const sub = (b) => b.label.split('·').pop();
  const head = el(
    'thead',
    {},
    el('tr', {}, el('th', { colspan: cols.length, rowspan: 2, scope: 'colgroup', text: blocks[0].label }), el('th', { colspan: cols.length * (blocks.length - 1), scope: 'colgroup', text: '行政诉讼' })),
    el('tr', {}, ...blocks.slice(1).map((b) => el('th', { colspan: cols.length, scope: 'colgroup', text: sub(b) }))),
    el('tr', {}, ...blocks.flatMap(() => cols.map((c) => el('th', { scope: 'col', text: c.label })))),
  );
  const tr = el('tr');
  for (const b of blocks) for (const c of cols) tr.append(cellTd('disputes', b.key, c.key, t[b.key]?.[c.key], marks, c.label, b.label));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'report', id: 'table-disputes' }, el('caption', { text: `${meta.name} ${meta.title}` }), head, el('tbody', {}, tr)));
}

function renderProactive(report, fs, marks) {
  const t = report.tables.proactive;
  const meta = SCHEMA.tables.find((x) => x.key === 'proactive');
  if (!t) return missingTable(meta.name, meta.title);
  const wrap = el('div', { id: 'table-proactive' }, el('p', { class: 'caption-line', text: `${meta.name} ${meta.title}` }));
  for (const s of fs.proactive.subtables) {
    const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '信息内容' }), ...s.columns.map((c) => el('th', { scope: 'col', text: c.label }))));
    const body = el('tbody', {}, ...s.rows.map((r) => el('tr', {}, el('th', { scope: 'row', text: r.label }), ...s.columns.map((c) => cellTd('proactive', r.key, c.key, t[r.key]?.[c.key], marks, c.label, r.label)))));
    wrap.append(el('div', { class: 'table-wrap' }, el('table', { class: 'report' }, el('caption', { text: s.caption }), head, body)));
  }
  return wrap;
}

function renderTables(report) {
  const fs = SCHEMA.formats[report.format ?? '2021'];
  const marks = marksOf(report);
  tables.replaceChildren(renderProactive(report, fs, marks), renderApplications(report, fs, marks), renderDisputes(report, fs, marks));
  tablesBox.hidden = false;
}

// ---------------------------------------------------------------------------------------
// Charts

function buildFigures() {
  for (const c of SCHEMA.charts) {
    const canvas = el('canvas', { tabindex: 0, role: 'img', 'aria-label': `${c.title}（柱状图，数据见其下的数据表）`, dataset: { chart: c.key } });
    const tooltip = el('div', { class: 'tooltip', hidden: true, role: 'status' });
    const download = el('button', { type: 'button', class: 'download', text: '下载图片' });
    const note = el('span', { class: 'note', text: '斜线部分：表中“总计”与各项之和的差额。' });
    const table = el('div');
    const figure = el(
      'figure',
      { class: 'chart', id: `chart-${c.key}` },
      canvas,
      tooltip,
      el('figcaption', {}, note, download),
      el('details', { class: 'chart-table' }, el('summary', { text: '数据表' }), table),
    );
    const f = { key: c.key, title: c.title, figure, canvas, tooltip, table, note, download, width: 0, focusIndex: 0 };
    figures.set(c.key, f);
    charts.append(figure);

    canvas.addEventListener('pointermove', (e) => {
      if (!current) return;
      const r = canvas.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const hit = current.checked.hit(f.key, r.width, r.height, x, y);
      if (hit) showTooltip(f, hit.text, x, y);
      else f.tooltip.hidden = true;
    });
    canvas.addEventListener('pointerleave', () => (f.tooltip.hidden = true));
    canvas.addEventListener('focus', () => focusBar(f, f.focusIndex));
    canvas.addEventListener('blur', () => (f.tooltip.hidden = true));
    canvas.addEventListener('keydown', (e) => {
      const n = f.data?.bars.length ?? 0;
      if (!n) return;
      const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
      if (step) f.focusIndex = (f.focusIndex + step + n) % n;
      else if (e.key === 'Home') f.focusIndex = 0;
      else if (e.key === 'End') f.focusIndex = n - 1;
      else return;
      e.preventDefault();
      focusBar(f, f.focusIndex);
    });
    download.addEventListener('click', () => downloadPng(f));
  }
}

function focusBar(f, i) {
  const bar = f.data?.bars[i];
  if (!bar) return;
  // The same text the pointer's tooltip shows (Checked.bar_text / bar.text, from Rust).
  showTooltip(f, `${bar.text}（${i + 1}/${f.data.bars.length}，方向键切换）`, 8, 8);
}

function showTooltip(f, text, x, y) {
  f.tooltip.textContent = text;
  f.tooltip.hidden = false;
  const w = f.figure.clientWidth;
  const left = Math.min(x + 14, Math.max(4, w - f.tooltip.offsetWidth - 4));
  f.tooltip.style.left = `${left + 8}px`;
  f.tooltip.style.top = `${y + 18}px`;
}

function drawChart(f) {
  if (!current) return;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(160, Math.floor(f.canvas.clientWidth || f.figure.clientWidth - 16));
  const h = current.checked.preferred_height(f.key, w);
  f.canvas.style.height = `${h}px`;
  f.canvas.width = Math.round(w * dpr);
  f.canvas.height = Math.round(h * dpr);
  current.checked.draw(f.key, f.canvas, dpr);
  f.width = w;
  f.dpr = dpr;
}

function chartTable(data) {
  const series = data.series.length ? data.series : [];
  const head = el('tr', {}, el('th', { scope: 'col', text: '项目' }), ...series.map((s) => el('th', { scope: 'col', text: s })), el('th', { scope: 'col', text: series.length ? '合计' : `数量（${data.unit}）` }));
  const rows = data.bars.map((b) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: b.label }),
      ...series.map((s) => el('td', { text: fmt(b.segments.find((g) => g.label === s)?.value ?? (b.value === null ? null : 0)) })),
      el('td', { text: b.value === null ? '未填写' : fmt(b.value) + (b.parts_differ ? `（各项之和为 ${fmt(b.parts_sum)}）` : b.basis === 'sum' ? '（各项之和）' : '') }),
    ),
  );
  return el('table', {}, el('caption', { class: 'visually-hidden', text: data.title }), el('thead', {}, head), el('tbody', {}, ...rows));
}

function renderCharts() {
  if (!figures.size) buildFigures();
  for (const f of figures.values()) {
    f.data = current.checked.chart_data(f.key);
    f.focusIndex = 0;
    f.tooltip.hidden = true;
    f.table.replaceChildren(f.data.empty ? el('p', { text: `无数据：${f.data.empty}` }) : chartTable(f.data));
    f.note.hidden = !f.data.bars.some((b) => b.parts_differ);
    f.download.hidden = !!f.data.empty; // nothing to save
  }
  chartsBox.hidden = false;
  for (const f of figures.values()) drawChart(f);
}

/** The PNG is drawn again at print resolution (4 device pixels per CSS pixel). */
function downloadPng(f) {
  if (!current) return;
  const PRINT_DPR = 4;
  const w = f.width || f.canvas.clientWidth;
  const h = parseFloat(f.canvas.style.height) || f.canvas.clientHeight;
  const c = document.createElement('canvas');
  c.width = Math.round(w * PRINT_DPR);
  c.height = Math.round(h * PRINT_DPR);
  current.checked.draw(f.key, c, PRINT_DPR);
  c.toBlob((blob) => {
    if (blob) saveFile(`年报体检-${f.title}.png`, blob);
  }, 'image/png');
}

function saveFile(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 2000);
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
    if (!current || chartsBox.hidden) return;
    for (const f of figures.values()) {
      const w = Math.floor(f.canvas.clientWidth);
      if (w && (w !== f.width || (window.devicePixelRatio || 1) !== f.dpr)) drawChart(f);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Input: paste, typing, files, drop, sample

function useText() {
  mode = 'text';
  pastedHtml = '';
  htmlBox.hidden = true;
  htmlSource.value = '';
}

function insertPlain(text) {
  suppressInput = true;
  try {
    source.focus();
    // execCommand keeps the browser's undo history; setRangeText is the fallback.
    if (!document.execCommand('insertText', false, text)) {
      source.setRangeText(text, source.selectionStart, source.selectionEnd, 'end');
    }
  } finally {
    suppressInput = false;
  }
}

source.addEventListener('paste', (e) => {
  const dt = e.clipboardData;
  if (!dt) return;
  const html = dt.getData('text/html');
  const plain = dt.getData('text/plain');
  const replacesAll = source.selectionStart === 0 && source.selectionEnd === source.value.length;
  if (html && /<table[\s>]/i.test(html) && replacesAll) {
    // A copied web table: check its HTML so rows and columns keep their structure; the
    // textarea shows the plain text as pasted, the HTML stays viewable below it.
    e.preventDefault();
    const text = plain || new DOMParser().parseFromString(html, 'text/html').body.textContent || '';
    insertPlain(text);
    mode = 'html';
    pastedHtml = html;
    htmlSource.value = html;
    htmlBox.hidden = false;
    inputStatus.className = 'input-status';
    inputStatus.textContent = '已按粘贴内容中的网页表格结构检查。';
    runNow();
  }
});

source.addEventListener('input', (e) => {
  if (suppressInput) return;
  if (mode === 'html') useText();
  inputStatus.textContent = '';
  if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') runNow();
  else schedule();
});

$('run').addEventListener('click', () => {
  runNow();
});
$('use-plain').addEventListener('click', () => {
  useText();
  runNow();
});
$('clear').addEventListener('click', () => {
  useText();
  source.value = '';
  inputStatus.textContent = '';
  resetResults();
  source.focus();
});
$('sample').addEventListener('click', async () => {
  try {
    const res = await fetch('sample-2021.txt');
    if (!res.ok) throw new Error(String(res.status));
    useText();
    source.value = await res.text();
    inputStatus.className = 'input-status';
    inputStatus.textContent = '已载入示例报告（虚构，表中有意留有错误）。';
    runNow();
  } catch {
    inputStatus.className = 'input-status error';
    inputStatus.textContent = '示例报告载入失败。';
  }
});

async function readFile(file) {
  inputStatus.className = 'input-status';
  if (!/\.(txt|html?|)$/i.test(file.name) && !/^text\//.test(file.type)) {
    inputStatus.className = 'input-status error';
    inputStatus.textContent = `「${file.name}」不是 .txt / .html 文件，请另存为网页或纯文本后再试。`;
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let checked;
  try {
    checked = Checked.from_bytes(bytes);
  } catch (e) {
    inputStatus.className = 'input-status error';
    inputStatus.textContent = `「${file.name}」：${e?.message ?? e}`;
    return;
  }
  useText();
  source.value = checked.text;
  const kb = bytes.length < 1024 ? `${bytes.length} 字节` : `${(bytes.length / 1024).toFixed(1)} KB`;
  inputStatus.textContent = `已读取文件「${file.name}」（${kb}）。`;
  show(checked, 'text');
}

const fileInput = $('file');
$('pick').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) readFile(file);
  fileInput.value = '';
});

const drop = $('drop');
const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
drop.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  drop.classList.remove('over');
  const files = e.dataTransfer?.files;
  if (!files?.length) return;
  e.preventDefault();
  readFile(files[0]);
  if (files.length > 1) inputStatus.textContent += ' 一次只检查一个文件，已读取第一个。';
});

// ---------------------------------------------------------------------------------------

async function main() {
  setVerdict('idle busy', '…', '正在载入检查程序…');
  try {
    await init();
  } catch (e) {
    setVerdict('na', '？', `检查程序载入失败：${e?.message ?? e}`);
    return;
  }
  SCHEMA = wasmSchema();
  $('version').textContent = `v${version()}`;
  resizeObserver.observe(charts);
  // For tests and the benchmark: check a text the way a paste does, return the ms taken.
  window.nianbao = {
    run(text) {
      useText();
      source.value = text;
      const t0 = performance.now();
      runNow();
      void document.body.offsetHeight; // include style and layout of the new results
      return performance.now() - t0;
    },
  };
  if (source.value.trim()) runNow();
  else resetResults();
  document.documentElement.dataset.ready = 'true';
}

main();
