// The reviewer's desk: a folder of reports at once. Files picked or dropped (a whole
// folder too) are checked off the main thread by a pool of workers (batch-pool.js), listed
// in a sortable, filterable summary table with totals and charts across the reports, paired
// year over year (pair_reports, re-pairable by hand) and cross-checked in a worker, and
// exported as JSON, CSV (one row per report, and the findings) or printed. A click on a
// report opens its full view — the single-report renderers of this folder, on a `Checked`
// rebuilt on the main thread from the file's bytes — and 返回列表 comes back.
//
// Nothing is kept but File objects and what the workers return (the report object and its
// CSV lines): bytes are read again from the File when they are needed.
import { Checked, cross_check, csv_header, findings_csv_header, pair_reports } from '../pkg/nianbao.js';
import { fileReaders, needsReaders } from './readers.js';
import { batchTotals } from './batch-digest.js';
import { filesOf } from './batch-files.js';
import { CANCELLED, createPool, poolSize } from './batch-pool.js';
import { createCharts } from './charts.js';
import { el, saveFile } from './dom.js';
import { pressFinding, renderFindings } from './findings.js';
import { fmt, formatOf, NOT_ASSESSABLE, ruleOf, SEVERITY_ORDER, severityWord } from './schema.js';
import { highlightCells, renderApplications, renderProactive, renderTables } from './tables.js';
import { renderSummary, verdictNodes, verdictOf } from './verdict.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Bars shown in the per-report comparison chart (the largest first). */
export const COMPARE_SHOWN = 30;
/** Rows of the summary table shown at first (and added by 再显示). */
export const PAGE = 50;

/** `root` without the ids of the single-report view's elements (this is a second copy). */
function stripIds(root) {
  for (const n of root.querySelectorAll('[id]')) n.removeAttribute('id');
  return root;
}

/** An SVG element (attributes only, no inline style). */
function svgEl(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/**
 * A horizontal bar chart as SVG DOM: `bars` = [{ label, value, cls? }], one row each.
 * Returns a <figure> with the chart and (for screen readers and print) its data table.
 */
export function barChart(title, bars, { unit = '件', note = '' } = {}) {
  const rowH = 22;
  const labelW = 260;
  const width = 760;
  const plotW = width - labelW - 70;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const svg = svgEl('svg', {
    class: 'bar-chart',
    viewBox: `0 0 ${width} ${bars.length * rowH + 8}`,
    role: 'img',
    'aria-label': `${title}（条形图，数据见其下的数据表）`,
  });
  bars.forEach((b, i) => {
    const y = i * rowH + 4;
    const w = b.value ? Math.max(1, (b.value / max) * plotW) : 0;
    const label = b.label.length > 18 ? b.label.slice(0, 17) + '…' : b.label;
    svg.append(
      svgEl('g', { class: `bar ${b.cls ?? ''}`.trim() },
        svgEl('title', {}, `${b.label}：${b.value === null ? '未填写' : fmt(b.value)} ${unit}`),
        svgEl('text', { x: labelW - 6, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'bar-label' }, label),
        svgEl('rect', { x: labelW, y: y + 3, width: w.toFixed(1), height: rowH - 6, rx: 2 }),
        svgEl('text', { x: labelW + w + 4, y: y + rowH / 2 + 4, class: 'bar-value' }, b.value === null ? '—' : fmt(b.value)),
      ),
    );
  });
  const table = el('table', { class: 'chart-data' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '项目' }), el('th', { scope: 'col', text: `数量（${unit}）` }))),
    el('tbody', {}, ...bars.map((b) => el('tr', {}, el('th', { scope: 'row', text: b.label }), el('td', { text: b.value === null ? '未填写' : fmt(b.value) })))),
  );
  return el('figure', { class: 'batch-chart' },
    el('figcaption', { text: title }), svg,
    note ? el('p', { class: 'hint', text: note }) : null,
    el('details', { class: 'chart-table' }, el('summary', { text: '数据表' }), table),
  );
}

// ---------------------------------------------------------------------------------------
// The view

const COLUMNS = [
  { key: 'name', label: '文件' },
  { key: 'agency', label: '单位' },
  { key: 'year', label: '年度' },
  { key: 'format', label: '格式' },
  { key: 'errors', label: null, sev: 'error' },
  { key: 'warnings', label: null, sev: 'warning' },
  { key: 'na', label: null, sev: 'na' },
];

/** The digest of the report an entry shows (with its cross-year findings once cross-checked). */
const reportOf = (e) => (e.cross ?? e.base)?.digest ?? null;

function sortValue(e, key) {
  const r = reportOf(e);
  if (key === 'name') return e.name;
  if (!r) return null;
  switch (key) {
    case 'agency': return r.agency ?? '';
    case 'year': return r.year;
    case 'format': return r.format;
    case 'errors': return r.summary.errors;
    case 'warnings': return r.summary.warnings;
    case 'na': return r.summary.not_assessable;
  }
  return null;
}

/** Compare two entries for `sort` = { key, dir } (errors first by default, ties by name). */
function compare(a, b, { key, dir }) {
  // Unreadable files lead a sort by findings (they are the worst); by the other columns
  // they have no value and trail (by file name they sort as any file).
  const bad = (e) => (e.error ? 1 : 0);
  if (bad(a) !== bad(b) && ['errors', 'warnings', 'na'].includes(key)) return dir < 0 ? bad(b) - bad(a) : bad(a) - bad(b);
  const va = sortValue(a, key);
  const vb = sortValue(b, key);
  if (va !== vb) {
    if (va === null || va === undefined) return 1;
    if (vb === null || vb === undefined) return -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'zh-CN');
    if (c) return c * dir;
  }
  if (key === 'errors') {
    const w = (sortValue(b, 'warnings') ?? 0) - (sortValue(a, 'warnings') ?? 0);
    if (w) return w;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Build the batch view inside `root` (the page's `<section id="batch" hidden>`).
 * `schema` is the wasm schema(); `onClose()` is called by 返回单份检查. Returns
 * `{ open(source), close(), state() }`: `open` takes what `filesOf` takes (or the promise
 * it returned) and resolves when the batch (checks and cross-year checks) is finished.
 */
export function createBatch(root, schema, { onClose } = {}) {
  const word = (sev) => severityWord(schema, sev);
  let pool = null;
  let entries = [];
  let generation = 0;
  let sort = { key: 'errors', dir: -1 };
  let ruleFilter = '';
  let detail = null; // { entry, checked }
  let chartSet = null;

  // --- skeleton ----------------------------------------------------------------------
  const pickFiles = el('input', { type: 'file', multiple: true, hidden: true, id: 'batch-files' });
  const pickFolder = el('input', { type: 'file', multiple: true, hidden: true, id: 'batch-folder', webkitdirectory: true });
  const count = el('span', { class: 'batch-count', id: 'batch-count', role: 'status', 'aria-live': 'polite' });
  const bar = el('progress', { id: 'batch-progress', max: 1, value: 0 });
  const cancel = el('button', { type: 'button', id: 'batch-cancel', text: '取消' });
  const progress = el('div', { class: 'batch-progress' }, bar, count, cancel);
  const ruleSelect = el('select', { id: 'batch-rule' });
  const exports = el('div', { class: 'actions export batch-exports' },
    el('button', { type: 'button', id: 'batch-csv', text: '导出 CSV（每份报告一行）' }),
    el('button', { type: 'button', id: 'batch-findings-csv', text: '导出问题清单 CSV' }),
    el('button', { type: 'button', id: 'batch-json', text: '导出 JSON' }),
    el('button', { type: 'button', id: 'batch-print', text: '打印检查报告' }),
  );
  const headRow = el('tr', {});
  const tbody = el('tbody', {});
  const table = el('table', { class: 'batch-table', id: 'batch-table' },
    el('caption', { class: 'visually-hidden', text: '各报告检查结果（点击列名排序，点击文件名查看报告）' }),
    el('thead', {}, headRow), tbody);
  const shown = el('p', { class: 'hint', id: 'batch-shown' });
  const more = el('button', { type: 'button', id: 'batch-more', hidden: true });
  let rowLimit = PAGE;
  more.addEventListener('click', () => {
    rowLimit += PAGE;
    renderRows();
  });
  const totals = el('section', { class: 'batch-totals', id: 'batch-totals', 'aria-labelledby': 'batch-totals-title', hidden: true });
  const compareBy = el('select', { id: 'batch-compare-by' },
    el('option', { value: 'received', text: '按本年新收申请数' }),
    el('option', { value: 'errors', text: `按${word('error')}数` }));
  const compareChart = el('div', { id: 'batch-compare-chart' });
  const compareBox = el('section', { class: 'batch-compare', hidden: true, 'aria-labelledby': 'batch-compare-title' },
    el('h3', { id: 'batch-compare-title', text: '各报告对比' }),
    el('label', { class: 'inline' }, '排序依据 ', compareBy), compareChart);
  const list = el('div', { class: 'batch-list', id: 'batch-list' },
    el('div', { class: 'batch-tools' }, el('label', { class: 'inline' }, '按规则筛选 ', ruleSelect), exports),
    shown, el('div', { class: 'table-wrap' }, table), el('div', { class: 'actions' }, more), totals, compareBox);
  const back = el('button', { type: 'button', id: 'batch-back', text: '← 返回列表' });
  const detailBox = el('div', { class: 'batch-detail', id: 'batch-detail', hidden: true });
  root.replaceChildren(
    el('div', { class: 'batch-head' },
      el('h2', { id: 'batch-title', text: '批量检查' }),
      el('p', { class: 'hint', text: '多份报告同时检查，逐份列出问题；同一单位相邻两年的报告自动配对，核对结转件数。全部在本机处理，不会上传。' }),
      el('div', { class: 'actions batch-controls' },
        el('button', { type: 'button', id: 'batch-pick', text: '选择多个文件' }),
        el('button', { type: 'button', id: 'batch-pick-folder', text: '选择文件夹' }),
        el('button', { type: 'button', id: 'batch-close', text: '返回单份检查' }),
        pickFiles, pickFolder)),
    progress, list, detailBox);

  // --- header (sortable) --------------------------------------------------------------
  const sortButtons = new Map();
  for (const c of COLUMNS) {
    const label = c.label ?? word(c.sev);
    const b = el('button', { type: 'button', class: 'sort', dataset: { sort: c.key }, text: label });
    b.addEventListener('click', () => {
      sort = sort.key === c.key ? { key: c.key, dir: -sort.dir } : { key: c.key, dir: ['errors', 'warnings', 'na', 'year'].includes(c.key) ? -1 : 1 };
      renderRows();
    });
    sortButtons.set(c.key, b);
    headRow.append(el('th', { scope: 'col', dataset: { col: c.key } }, b));
  }
  headRow.append(el('th', { scope: 'col', text: '上一年度报告' }));

  // --- rows -----------------------------------------------------------------------------
  function rowOf(e) {
    const open = el('button', { type: 'button', class: 'link open', text: e.name, title: '查看这份报告的全部结果' });
    open.addEventListener('click', () => openDetail(e));
    const prev = el('select', { class: 'prev', 'aria-label': `「${e.name}」的上一年度报告` });
    prev.addEventListener('change', () => repair(e, prev.value === '' ? null : Number(prev.value)));
    for (const ev of ['pointerdown', 'focus', 'keydown']) prev.addEventListener(ev, () => listAllChoices(e));
    const tr = el('tr', { dataset: { file: e.name, state: 'queued' } },
      el('th', { scope: 'row', class: 'file' }, open),
      ...COLUMNS.slice(1).map((c) => el('td', { dataset: { col: c.key } })),
      el('td', { class: 'pair' }, prev));
    e.row = tr;
    e.prevSelect = prev;
    fillRow(e);
    fillPairSelect(e);
    return tr;
  }

  function fillRow(e) {
    if (!e.row) return;
    const tds = e.row.querySelectorAll('td[data-col]');
    const r = reportOf(e);
    const th = e.row.querySelector('th.file');
    th.querySelector('.read-error')?.remove();
    e.row.dataset.state = e.error ? 'failed' : r ? 'done' : 'queued';
    e.row.classList.toggle('has-errors', !!r?.summary.errors);
    if (e.error) {
      th.append(el('span', { class: 'read-error', text: e.error }));
      tds.forEach((td, i) => (td.textContent = i === 2 ? '无法读取' : ''));
      e.prevSelect.disabled = true;
      return;
    }
    if (!r) {
      tds.forEach((td, i) => (td.textContent = i === 0 ? '排队中…' : ''));
      return;
    }
    const s = r.summary;
    const vals = [r.agency ?? '未识别', r.year ?? '未识别', r.format ? `${r.format} 年版` : '未识别', s.errors, s.warnings, s.not_assessable];
    tds.forEach((td, i) => {
      td.textContent = String(vals[i]);
      td.classList.toggle('nonzero', i >= 3 && vals[i] > 0);
    });
  }

  const pairOption = (o) => {
    const r = reportOf(o);
    return el('option', { value: String(o.index), text: `${o.name}（${r?.agency ?? '单位未识别'} ${r?.year ?? ''}）` });
  };

  /**
   * The "上一年度报告" choice of every row: （无） or the paired report. The other readable
   * reports are listed when the select is first used (n selects of n options each would
   * be n² elements: a million for a folder of 1,000).
   */
  function fillPairSelect(e) {
    const sel = e.prevSelect;
    if (e.error || !sel) return;
    sel.replaceChildren(...[el('option', { value: '', text: '（无）' }), e.prev === null ? null : pairOption(entries[e.prev])].filter(Boolean));
    sel.value = e.prev === null ? '' : String(e.prev);
    sel.dataset.full = '';
  }

  function listAllChoices(e) {
    const sel = e.prevSelect;
    if (sel.dataset.full === 'true' || !entries.length) return;
    sel.dataset.full = 'true';
    const value = sel.value;
    sel.replaceChildren(el('option', { value: '', text: '（无）' }), ...entries.filter((o) => o !== e && reportOf(o)).map(pairOption));
    sel.value = value;
  }

  function renderRows() {
    for (const [k, b] of sortButtons) {
      const th = b.parentElement;
      if (k === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    const matching = entries.filter((e) => {
      const r = reportOf(e);
      return !ruleFilter || (ruleFilter === '!unreadable' ? !!e.error : !!r && r.codes.includes(ruleFilter));
    });
    matching.sort((a, b) => compare(a, b, sort));
    // Rows are built when first shown, PAGE at a time: a thousand rows with a select each
    // would be one long layout for a table nobody reads to the end.
    const page = matching.slice(0, rowLimit);
    tbody.replaceChildren(...page.map((e) => e.row ?? rowOf(e)));
    const n = matching.length;
    let text = ruleFilter ? `符合条件 ${n} / ${entries.length} 份报告` : `共 ${entries.length} 份报告`;
    if (n > page.length) text += `，显示前 ${page.length} 份`;
    shown.textContent = text;
    more.hidden = n <= page.length;
    more.textContent = `再显示 ${Math.min(PAGE, n - page.length)} 份`;
  }

  function fillRuleFilter() {
    const counts = new Map();
    for (const e of entries) {
      const r = reportOf(e);
      if (!r) continue;
      for (const code of r.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const unreadable = entries.filter((e) => e.error).length;
    const rules = schema.rules.filter((r) => counts.has(r.code)).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    ruleSelect.replaceChildren(
      el('option', { value: '', text: '全部报告' }),
      ...rules.map((r) => el('option', { value: r.code, text: `${r.name}（${r.code}，${word(r.severity)}）· ${counts.get(r.code)} 份` })),
      ...(unreadable ? [el('option', { value: '!unreadable', text: `无法读取的文件 · ${unreadable} 份` })] : []),
    );
    ruleSelect.value = counts.has(ruleFilter) || (ruleFilter === '!unreadable' && unreadable) ? ruleFilter : '';
    ruleFilter = ruleSelect.value;
  }
  ruleSelect.addEventListener('change', () => {
    ruleFilter = ruleSelect.value;
    rowLimit = PAGE;
    renderRows();
  });

  // --- totals and charts ------------------------------------------------------------------
  function renderTotals() {
    const reports = entries.map(reportOf).filter(Boolean);
    const t = batchTotals(reports);
    const errors = reports.reduce((n, r) => n + r.summary.errors, 0);
    const withErrors = reports.filter((r) => r.summary.errors).length;
    const items = [
      ['报告', `${t.reports} 份（无法读取 ${entries.length - t.reports} 份）`],
      [`有${word('error')}的报告`, `${withErrors} 份，共 ${errors} 处`],
      [t.labels.received ?? '本年新收', `${fmt(t.received)} 件`],
      [t.labels.carriedOver ?? '上年结转', `${fmt(t.carriedOver)} 件`],
      [t.labels.processed ?? '办理结果总计', `${fmt(t.processed)} 件`],
    ];
    const dl = el('dl', { class: 'summary batch-sums', id: 'batch-sums' },
      ...items.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v }))));
    const charts = [barChart('办理结果（表三，各报告合计）', [...t.outcomes].map(([label, value]) => ({ label, value })))];
    if (t.disputes.size) charts.push(barChart('行政复议、行政诉讼结果（表四，各报告合计）', [...t.disputes].map(([label, value]) => ({ label, value }))));
    totals.replaceChildren(...[
      el('h3', { id: 'batch-totals-title', text: `合计（${t.reports} 份报告）` }), dl,
      t.gaps ? el('p', { class: 'hint', text: `有 ${t.gaps} 个合计单元格未填写数字，未计入。` }) : null,
      el('div', { class: 'batch-charts' }, ...charts)].filter(Boolean));
    totals.hidden = !reports.length;
    renderCompare();
  }

  function renderCompare() {
    const by = compareBy.value;
    const bars = entries.filter((e) => reportOf(e)).map((e) => {
      const r = reportOf(e);
      const value = by === 'errors' ? r.summary.errors : r.received;
      return { label: r.agency ? `${r.agency} ${r.year ?? ''}`.trim() : e.name, value, cls: r.summary.errors ? 'error' : '' };
    }).sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    const title = by === 'errors' ? `各报告${word('error')}数` : '各报告本年新收申请数（表三总计）';
    const note = bars.length > COMPARE_SHOWN ? `共 ${bars.length} 份报告，仅显示前 ${COMPARE_SHOWN} 份。` : '';
    compareChart.replaceChildren(barChart(title, bars.slice(0, COMPARE_SHOWN), { unit: by === 'errors' ? '处' : '件', note }));
    compareBox.hidden = !bars.length;
  }
  compareBy.addEventListener('change', renderCompare);

  // --- progress ---------------------------------------------------------------------------
  const progressState = { checked: 0, total: 0, crossDone: 0, crossTotal: 0 };
  let frame = 0;
  function showProgress() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const p = progressState;
      bar.max = Math.max(1, p.total + p.crossTotal);
      bar.value = p.checked + p.crossDone;
      let text = `已检查 ${p.checked} / ${p.total}`;
      if (p.crossTotal) text += `，跨年度核对 ${p.crossDone} / ${p.crossTotal}`;
      count.textContent = text;
      for (const e of dirty) fillRow(e);
      dirty.clear();
    });
  }
  const dirty = new Set();

  function getPool() {
    pool ??= createPool({ size: poolSize() });
    return pool;
  }

  /** Cross-check entry `e` against `entries[prev]` in a worker (or drop its pairing). */
  function crossJob(e, gen) {
    const p = entries[e.prev];
    return getPool()
      .run({ kind: 'cross', name: e.name, file: e.file, prevFile: p.file })
      .then((result) => {
        if (gen !== generation) return;
        e.cross = result;
      })
      .catch((err) => {
        if (err === CANCELLED || gen !== generation) return;
        e.crossError = err.message;
      });
  }

  /** The user chose `prev` as the previous year of `e` (or none). */
  async function repair(e, prev) {
    e.prev = prev;
    e.cross = null;
    e.auto = false;
    const gen = generation;
    if (prev !== null) {
      root.dataset.state = 'pairing';
      await crossJob(e, gen);
    }
    if (gen !== generation) return;
    fillRow(e);
    fillRuleFilter();
    renderRows();
    renderTotals();
    root.dataset.state = 'done';
  }

  // --- a batch ------------------------------------------------------------------------------
  async function open(source) {
    const gen = ++generation;
    pool?.cancel();
    closeDetail();
    show();
    root.dataset.state = 'reading';
    count.textContent = '正在读取文件列表…';
    // A promise of files (the entry took them from the drop event), or what filesOf takes.
    const files = await (typeof source?.then === 'function' ? source : filesOf(source));
    if (gen !== generation) return;
    entries = files.map(({ file, name }, index) => ({ index, file, name, base: null, cross: null, error: null, prev: null, auto: false, row: null, prevSelect: null }));
    Object.assign(progressState, { checked: 0, total: entries.length, crossDone: 0, crossTotal: 0 });
    ruleFilter = '';
    sort = { key: 'errors', dir: -1 };
    rowLimit = PAGE;
    tbody.replaceChildren();
    totals.hidden = true;
    compareBox.hidden = true;
    fillRuleFilter();
    renderRows();
    cancel.hidden = false;
    progress.hidden = false;
    // The table is laid out once, at the end: rows changing under a visible table of a
    // thousand rows would mean a layout per frame on the main thread.
    list.hidden = true;
    root.dataset.state = 'checking';
    showProgress();
    const t0 = performance.now();
    const p = getPool();
    await Promise.all(entries.map((e) =>
      p.run({ kind: 'check', name: e.name, file: e.file })
        .then((result) => {
          if (gen !== generation) return;
          e.base = result;
        })
        .catch((err) => {
          if (err === CANCELLED || gen !== generation) return;
          e.error = err.message;
        })
        .finally(() => {
          if (gen !== generation) return;
          if (e.base || e.error) progressState.checked++;
          dirty.add(e);
          showProgress();
        })));
    if (gen !== generation) return;
    // Year over year: pairs by what each report read, then the cross-year checks.
    if (!cancelled) {
      const ids = entries.map((e) => ({ agency: e.base?.digest.agency ?? null, year: e.base?.digest.year ?? null }));
      for (const [prev, cur] of pair_reports(ids)) {
        entries[cur].prev = prev;
        entries[cur].auto = true;
      }
      const paired = entries.filter((e) => e.prev !== null);
      progressState.crossTotal = paired.length;
      root.dataset.state = 'pairing';
      showProgress();
      await Promise.all(paired.map((e) => crossJob(e, gen).finally(() => {
        progressState.crossDone++;
        dirty.add(e);
        showProgress();
      })));
      if (gen !== generation) return;
    }
    await finish(t0);
  }

  let cancelled = false;
  let lastMs = 0;
  async function finish(t0) {
    const gen = generation;
    cancelAnimationFrame(frame); // a pending progress frame would overwrite the final line
    frame = 0;
    dirty.clear();
    cancel.hidden = true;
    list.hidden = false;
    for (const e of entries) fillRow(e);
    for (const e of entries) fillPairSelect(e);
    fillRuleFilter();
    renderRows();
    // The totals and charts in a task of their own: the table's layout is task enough.
    await new Promise((ok) => setTimeout(ok, 0));
    if (gen !== generation) return;
    renderTotals();
    const ms = performance.now() - t0;
    lastMs = ms;
    const p = progressState;
    const failed = entries.filter((e) => e.error).length;
    count.textContent = `${cancelled ? '已取消：' : ''}已检查 ${p.checked} / ${p.total}${failed ? `（${failed} 份无法读取）` : ''}${p.crossTotal ? `，跨年度配对 ${p.crossTotal} 对` : ''}，用时 ${(ms / 1000).toFixed(1)} 秒`;
    // Cancelled: the bar stays where the checks stopped.
    bar.max = cancelled ? Math.max(1, p.total + p.crossTotal) : 1;
    bar.value = cancelled ? p.checked + p.crossDone : 1;
    root.dataset.state = 'done';
    cancelled = false;
  }

  cancel.addEventListener('click', () => {
    cancelled = true;
    pool?.cancel();
  });

  // --- one report's full view -------------------------------------------------------------
  async function openDetail(e) {
    if (e.error) return;
    const gen = generation;
    detail?.checked.free();
    detail = null;
    let checked;
    let prevReport = null;
    try {
      const bytes = new Uint8Array(await e.file.arrayBuffer());
      const prevBytes = e.prev !== null ? new Uint8Array(await entries[e.prev].file.arrayBuffer()) : null;
      // Both from one module (a Checked only goes back to the module that made it): Word or
      // PDF on either side reads through the file-reader module.
      const m = needsReaders(bytes) || (prevBytes && needsReaders(prevBytes)) ? await fileReaders() : { Checked, cross_check };
      checked = m.Checked.from_bytes(bytes);
      if (prevBytes) {
        const prev = m.Checked.from_bytes(prevBytes);
        try {
          m.cross_check(prev, checked);
          prevReport = prev.report();
        } finally {
          prev.free();
        }
      }
    } catch (err) {
      checked?.free();
      shown.textContent = `「${e.name}」：${err?.message ?? err}`;
      return;
    }
    if (gen !== generation) {
      checked.free();
      return;
    }
    detail = { entry: e, checked };
    const report = checked.report();
    const tablesRoot = stripIds(el('div', { class: 'batch-detail-tables' }, ...renderTables(report, schema)));
    const findingsList = el('ol', { class: 'findings', id: 'batch-findings' },
      ...renderFindings(report, schema, {
        onSelect: (d, button) => {
          pressFinding(findingsList, button);
          highlightCells(tablesRoot, d.cells ?? [])?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
        },
      }));
    // No source text is shown here: a finding highlights its cells, 原文 has nowhere to go.
    for (const b of findingsList.querySelectorAll('button.locate')) b.remove();
    const v = verdictOf(report, schema);
    if (!chartSet) {
      chartSet = createCharts(schema, { checked: () => detail?.checked ?? null, save: saveFile });
      // The single-report view's figures carry ids; these are a second set.
      for (const n of chartSet.nodes) n.removeAttribute('id');
    }
    const chartsBox = el('div', { class: 'charts' });
    chartsBox.append(...chartSet.nodes);
    detailBox.replaceChildren(...[
      el('div', { class: 'actions' }, back),
      el('h3', { id: 'batch-detail-title', text: e.name }),
      el('div', { class: `verdict ${v.cls}`, role: 'status' }, ...verdictNodes(v)),
      el('dl', { class: 'summary' }, ...renderSummary(report, schema)),
      prevReport ? pairView(entries[e.prev], prevReport, e, report) : null,
      el('section', { 'aria-labelledby': 'batch-findings-title' }, el('h4', { id: 'batch-findings-title', text: '发现的问题' }), findingsList),
      el('section', { 'aria-labelledby': 'batch-tables-title' }, el('h4', { id: 'batch-tables-title', text: '表格' }), tablesRoot),
      el('section', { 'aria-labelledby': 'batch-charts-title' }, el('h4', { id: 'batch-charts-title', text: '图表' }), chartsBox),
    ].filter(Boolean));
    list.hidden = true;
    detailBox.hidden = false;
    chartSet.update();
    back.focus();
    root.scrollIntoView?.({ block: 'start' });
  }

  function closeDetail() {
    detail?.checked.free();
    detail = null;
    detailBox.hidden = true;
    detailBox.replaceChildren();
    list.hidden = false;
  }
  back.addEventListener('click', () => {
    const row = detail?.entry.row;
    closeDetail();
    row?.querySelector('button.open')?.focus();
  });

  /**
   * Last year's and this year's report side by side: 表三 结转下年度 (N−1) against 上年结转
   * (N), and for two 2021-format years 表二 现行有效, each differing cell marked in both.
   */
  function pairView(prevEntry, prev, curEntry, cur) {
    const cross = cur.diagnostics.filter((d) => d.code.startsWith('CROSS-YEAR'));
    const prevMarks = new Set();
    const curMarks = new Set();
    for (const d of cross) {
      for (const c of d.cells ?? []) {
        curMarks.add(`${c.table}:${c.row}:${c.col}`);
        const counterpart = c.table === 'applications' && c.row === 'carried_over' ? 'carried_forward' : c.row;
        prevMarks.add(`${c.table}:${counterpart}:${c.col}`);
      }
    }
    const f = formatOf(schema, cur);
    const cols = f.applications.columns;
    const rowLabel = (r, key) => formatOf(schema, r).applications.rows.find((x) => x.key === key)?.label ?? key;
    const line = (label, r, key) => el('tr', {}, el('th', { scope: 'row', text: label }),
      ...cols.map((c) => {
        const cell = r.tables?.applications?.[key]?.[c.key];
        const differs = curMarks.has(`applications:carried_over:${c.key}`);
        return el('td', { class: differs ? 'diff' : null, dataset: { col: c.key }, text: cell ? (cell.state === 'number' ? fmt(cell.value) : cell.raw || '（空白）') : '—' });
      }));
    const compact = el('table', { class: 'pair-table', id: 'batch-pair-table' },
      el('caption', { text: `表三结转件数：${prev?.year ?? '上一'}年度「${rowLabel(prev ?? cur, 'carried_forward')}」应等于${cur.year ?? '本'}年度「${rowLabel(cur, 'carried_over')}」` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '' }), ...cols.map((c) => el('th', { scope: 'col', text: c.label })))),
      el('tbody', {},
        prev ? line(`${prevEntry.name}（${prev.year ?? '?'} 年）结转下年度`, prev, 'carried_forward') : null,
        line(`${curEntry.name}（${cur.year ?? '?'} 年）上年结转`, cur, 'carried_over')));
    const side = (r, marks, name) => {
      const box = el('div', { class: 'pair-side' }, el('h5', { text: `${name}（${r.year ?? '年度未识别'}）` }), renderApplications(r, schema));
      if (r.format === '2021' && cur.format === '2021' && prev?.format === '2021') box.append(renderProactive(r, schema));
      stripIds(box);
      for (const k of marks) box.querySelector(`td[data-cell="${CSS.escape(k)}"]`)?.classList.add('diff');
      return box;
    };
    const found = cross.length
      ? el('ul', { class: 'pair-findings' }, ...cross.map((d) => el('li', { dataset: { code: d.code } }, el('strong', { text: `${ruleOf(schema, d.code)?.name ?? d.code}（${d.code}）` }), `：${d.message}`)))
      : el('p', { class: 'hint', text: '跨年度核对全部成立。' });
    const skipped = cur.not_assessable.filter((n) => n.code.startsWith('CROSS-YEAR'));
    return el('section', { class: 'pair', id: 'batch-pair', 'aria-labelledby': 'batch-pair-title' },
      el('h4', { id: 'batch-pair-title', text: `跨年度对照：${prevEntry.name} → ${curEntry.name}` }),
      found,
      skipped.length ? el('ul', { class: 'hint' }, ...skipped.map((n) => el('li', { text: `${NOT_ASSESSABLE}：${n.message}` }))) : null,
      compact,
      el('div', { class: 'pair-sides' }, prev ? side(prev, prevMarks, prevEntry.name) : null, side(cur, curMarks, curEntry.name)),
      el('p', { class: 'legend' }, el('span', { class: 'swatch diff', 'aria-hidden': 'true' }), ' 两年不一致的单元格'));
  }

  // --- exports ------------------------------------------------------------------------------
  const readable = () => entries.filter((e) => e.cross ?? e.base).sort((a, b) => (a.name < b.name ? -1 : 1));
  const stamp = () => new Date().toISOString().slice(0, 10);
  root.querySelector('#batch-csv').addEventListener('click', () => {
    const lines = ['\uFEFF', csv_header(), ...readable().map((e) => (e.cross ?? e.base).csvRow)];
    saveFile(`年报体检-批量-${stamp()}.csv`, new Blob(lines, { type: 'text/csv;charset=utf-8' }));
  });
  root.querySelector('#batch-findings-csv').addEventListener('click', () => {
    const lines = ['\uFEFF', findings_csv_header(), ...readable().map((e) => (e.cross ?? e.base).findingsRows)];
    saveFile(`年报体检-问题清单-${stamp()}.csv`, new Blob(lines, { type: 'text/csv;charset=utf-8' }));
  });
  const jsonButton = root.querySelector('#batch-json');
  jsonButton.addEventListener('click', async () => {
    // The reports' own JSON texts (report_json), made again in the workers on request:
    // kept from the check they would be the bulk of what a batch sends the main thread.
    const gen = generation;
    const list = readable();
    jsonButton.disabled = true;
    root.dataset.export = 'running';
    try {
      const texts = await Promise.all(list.map((e) => getPool().run(e.prev !== null
        ? { kind: 'cross', name: e.name, file: e.file, prevFile: entries[e.prev].file, json: true }
        : { kind: 'check', name: e.name, file: e.file, json: true }).then((r) => r.json)));
      if (gen !== generation) return;
      const parts = texts.flatMap((t, i) => [i ? ',\n' : '', t]);
      saveFile(`年报体检-批量-${stamp()}.json`, new Blob(['[\n', ...parts, '\n]\n'], { type: 'application/json' }));
    } catch (err) {
      if (err !== CANCELLED) shown.textContent = `导出 JSON 失败：${err?.message ?? err}`;
    } finally {
      jsonButton.disabled = false;
      delete root.dataset.export;
    }
  });
  root.querySelector('#batch-print').addEventListener('click', () => window.print());
  // A printed check report lists every report, not the first page of rows.
  window.addEventListener('beforeprint', () => {
    if (root.hidden || !entries.length) return;
    rowLimit = Infinity;
    renderRows();
  });

  // --- opening and closing ---------------------------------------------------------------
  function show() {
    root.hidden = false;
    document.body.classList.add('batch-open');
  }
  function close() {
    ++generation;
    pool?.cancel();
    closeDetail();
    root.hidden = true;
    document.body.classList.remove('batch-open');
    onClose?.();
  }
  root.querySelector('#batch-close').addEventListener('click', close);
  root.querySelector('#batch-pick').addEventListener('click', () => pickFiles.click());
  root.querySelector('#batch-pick-folder').addEventListener('click', () => pickFolder.click());
  for (const input of [pickFiles, pickFolder]) {
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      if (files.length) open(files);
    });
  }
  // More files dropped on the batch view start a new batch.
  root.addEventListener('dragover', (ev) => {
    if (![...(ev.dataTransfer?.types ?? [])].includes('Files')) return;
    ev.preventDefault();
    root.classList.add('over');
  });
  root.addEventListener('dragleave', () => root.classList.remove('over'));
  root.addEventListener('drop', (ev) => {
    root.classList.remove('over');
    if (!ev.dataTransfer?.files?.length && !ev.dataTransfer?.items?.length) return;
    ev.preventDefault();
    open(ev.dataTransfer);
  });

  return {
    open,
    close,
    /** For tests and the benchmark: where the batch is and how long the last one took. */
    state: () => ({ state: root.dataset.state, entries: entries.length, ms: lastMs, workers: pool?.size ?? 0 }),
  };
}
