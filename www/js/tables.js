// The three tables of a report (表二, 表三, 表四) laid out as the format prints them, every
// label from the schema. Each <td> carries `data-cell="table:row:col"` and its state;
// a wrong cell shows the written value and, beneath it in the cell (never in a popover a
// scroll box could clip, and printed), "应为 N". Pure: (report, schema) → nodes.
import { cellKey, el } from './dom.js';
import { fmt, formatOf, SEVERITY_ICONS, tableMeta } from './schema.js';

/** The report's cell at `ref`, or undefined (not read). */
const cellAt = (report, ref) => report.tables?.[ref.table]?.[ref.row]?.[ref.col];

/**
 * cellKey → { wrong, expected, warn, cut }: what the findings say of each cell. A cell
 * an error points at but that was not read (the first missing cell of a table cut short)
 * is `cut`, never `wrong`: nothing was written there.
 */
export function marksOf(report) {
  const marks = new Map();
  for (const d of report.diagnostics) {
    (d.cells ?? []).forEach((ref, i) => {
      const k = cellKey(ref);
      const m = marks.get(k) ?? {};
      const state = cellAt(report, ref)?.state ?? 'missing';
      // cells[0] of an error is the wrong one (the written total); the others are operands.
      if (d.severity === 'error' && i === 0 && state === 'missing') m.cut = true;
      else if (d.severity === 'error' && i === 0) {
        m.wrong = true;
        if (d.expected !== undefined && d.expected !== null) m.expected = d.expected;
      } else if (d.severity === 'warning') m.warn = true;
      marks.set(k, m);
    });
  }
  return marks;
}

function cellTd(ref, cell, marks, colLabel, rowLabel) {
  const key = cellKey(ref);
  const state = cell?.state ?? 'missing';
  const td = el('td', { class: state, dataset: { cell: key, state } });
  if (state === 'blank') td.append(el('span', { class: 'visually-hidden', text: '空白' }));
  else if (state === 'missing') td.append(el('span', { class: 'visually-hidden', text: '未读到' }));
  else td.append(el('span', { class: 'val', text: cell.raw }));
  const m = marks.get(key);
  if (m?.wrong) {
    td.classList.add('wrong');
    td.tabIndex = 0;
    td.prepend(el('span', { class: 'mark', 'aria-hidden': 'true', text: SEVERITY_ICONS.error }));
    const expect = m.expected !== undefined ? `应为 ${fmt(m.expected)}` : '填写有误';
    td.append(el('span', { class: 'expect', text: expect }));
    td.title = `${rowLabel}「${colLabel}」：填写 ${cell?.raw || '（空白）'}，${expect}`;
  } else if (m?.warn) {
    td.classList.add('warn');
    td.title = `${rowLabel}「${colLabel}」需要注意`;
  } else if (m?.cut) {
    td.classList.add('cut');
    td.title = `${rowLabel}「${colLabel}」：未读到（复制的内容在此之前截断）`;
  }
  return td;
}

/** A row's value cells, one per column. */
function valueCells(table, t, row, columns, marks) {
  return columns.map((c) => cellTd({ table, row: row.key, col: c.key }, t[row.key]?.[c.key], marks, c.label, row.label));
}

const caption = (meta) => `${meta.name} ${meta.title}`;

/** The table as a wrapped <table>, or a line saying it was not read. */
function tableOr(report, schema, key, build) {
  const meta = tableMeta(schema, key);
  const t = report.tables?.[key];
  if (!t) return el('p', { class: 'hint', text: `未读到${meta.name}（${meta.title}）。` });
  return build(t, meta);
}

/** 表三: the note and the applicant column groups as printed, rows grouped by their rowspan label. */
export function renderApplications(report, schema, marks = marksOf(report)) {
  return tableOr(report, schema, 'applications', (t, meta) => {
    const fs = formatOf(schema, report).applications;
    const cols = fs.columns;
    const head = el(
      'thead',
      {},
      el('tr', {}, el('th', { rowspan: 3, colspan: 2, scope: 'col', text: fs.note }), el('th', { colspan: cols.length, scope: 'colgroup', text: fs.applicants })),
      el('tr', {}, el('th', { rowspan: 2, scope: 'col', text: cols[0].label }), el('th', { colspan: cols.length - 2, scope: 'colgroup', text: fs.organisations }), el('th', { rowspan: 2, scope: 'col', text: cols[cols.length - 1].label })),
      el('tr', {}, ...cols.slice(1, -1).map((c) => el('th', { scope: 'col', text: c.label }))),
    );
    const rows = fs.rows;
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
      tr.append(...valueCells('applications', t, r, cols, marks));
      body.append(tr);
    });
    return el('div', { class: 'table-wrap' }, el('table', { class: 'report', id: 'table-applications' }, el('caption', { text: caption(meta) }), head, body));
  });
}

/** 表四: one value row; blocks sharing a group (行政诉讼) stand under one header. */
export function renderDisputes(report, schema, marks = marksOf(report)) {
  return tableOr(report, schema, 'disputes', (t, meta) => {
    const { columns: cols, rows: blocks } = formatOf(schema, report).disputes;
    const top = el('tr');
    const middle = el('tr');
    blocks.forEach((b, i) => {
      if (!b.group) top.append(el('th', { colspan: cols.length, rowspan: 2, scope: 'colgroup', text: b.heading }));
      else {
        if (blocks[i - 1]?.group !== b.group) {
          const n = blocks.filter((x) => x.group === b.group).length;
          top.append(el('th', { colspan: cols.length * n, scope: 'colgroup', text: b.group }));
        }
        middle.append(el('th', { colspan: cols.length, scope: 'colgroup', text: b.heading }));
      }
    });
    const bottom = el('tr', {}, ...blocks.flatMap(() => cols.map((c) => el('th', { scope: 'col', text: c.label }))));
    const values = el('tr', {}, ...blocks.flatMap((b) => valueCells('disputes', t, b, cols, marks)));
    return el('div', { class: 'table-wrap' }, el('table', { class: 'report', id: 'table-disputes' }, el('caption', { text: caption(meta) }), el('thead', {}, top, middle, bottom), el('tbody', {}, values)));
  });
}

/** 表二: one small table per 第二十条 item. */
export function renderProactive(report, schema, marks = marksOf(report)) {
  return tableOr(report, schema, 'proactive', (t, meta) => {
    const wrap = el('div', { id: 'table-proactive' }, el('p', { class: 'caption-line', text: caption(meta) }));
    for (const s of formatOf(schema, report).proactive.subtables) {
      const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: s.row_heading }), ...s.columns.map((c) => el('th', { scope: 'col', text: c.label }))));
      const body = el('tbody', {}, ...s.rows.map((r) => el('tr', {}, el('th', { scope: 'row', text: r.label }), ...valueCells('proactive', t, r, s.columns, marks))));
      wrap.append(el('div', { class: 'table-wrap' }, el('table', { class: 'report' }, el('caption', { text: s.caption }), head, body)));
    }
    return wrap;
  });
}

/** The three tables in the report's order: 表二, 表三, 表四. */
export function renderTables(report, schema) {
  const marks = marksOf(report);
  return [renderProactive(report, schema, marks), renderApplications(report, schema, marks), renderDisputes(report, schema, marks)];
}

/**
 * Scroll each wide table under `root` (wider than its box, as on a phone) sideways so its
 * first wrong cell is in the middle; returns how many were scrolled. Call once the tables
 * are in the document.
 */
export function scrollToWrong(root) {
  let n = 0;
  for (const wrap of root.querySelectorAll('.table-wrap')) {
    const td = wrap.querySelector('td.wrong');
    if (!td || wrap.scrollWidth <= wrap.clientWidth) continue;
    const w = wrap.getBoundingClientRect();
    const c = td.getBoundingClientRect();
    wrap.scrollLeft += c.left + c.width / 2 - (w.left + w.width / 2);
    n++;
  }
  return n;
}

/**
 * Highlight the cells `refs` among the tables under `root` (clearing earlier highlights);
 * refs[0], the wrong cell, most strongly. Returns the first cell found, or null.
 */
export function highlightCells(root, refs) {
  for (const td of root.querySelectorAll('td.hl')) td.classList.remove('hl', 'hl-primary');
  let first = null;
  refs.forEach((ref, i) => {
    const td = root.querySelector(`td[data-cell="${CSS.escape(cellKey(ref))}"]`);
    if (td) {
      td.classList.add('hl');
      if (i === 0) td.classList.add('hl-primary');
      first ??= td;
    }
  });
  return first;
}
