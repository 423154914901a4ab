// The findings list: one item per diagnostic, then the not-assessable relations folded
// away per table. Each item shows the severity word and the rule's name from the catalogue (the
// code beside it, quiet), and the message. Pure: (report, schema, options) → <li> nodes.
import { el } from './dom.js';
import { ruleOf, SEVERITY_ICONS, SEVERITY_ORDER, severityWord } from './schema.js';
import { hasTables } from './verdict.js';

/** How many not-assessable items are listed before "另有 N 项未列出". */
export const NA_SHOWN = 30;

/** The span (UTF-16 units) a finding points at in the source: its primary label, else its wrong cell. */
export function primarySpan(d, report) {
  const label = (d.labels ?? []).find((l) => l.primary) ?? (d.labels ?? [])[0];
  if (label) return label.span;
  const ref = d.cells?.[0];
  return ref ? report.tables?.[ref.table]?.[ref.row]?.[ref.col]?.span : undefined;
}

/**
 * One finding as an <li>. `severity` is the diagnostic's, or 'na' for a relation that could
 * not be evaluated. `onSelect(d, button, focusSource)` is called on activation; `locate`
 * adds a 原文 button that moves focus to the source text.
 */
export function findingItem(d, severity, schema, { onSelect, locate = false } = {}) {
  const rule = ruleOf(schema, d.code);
  const name = rule?.name ?? d.code;
  const button = el(
    'button',
    { type: 'button', class: `finding ${severity}`, 'aria-pressed': 'false', title: rule?.explain },
    el('span', { class: 'sev' }, el('span', { 'aria-hidden': 'true', text: SEVERITY_ICONS[severity] + ' ' }), severityWord(schema, severity)),
    el('span', { class: 'name' }, el('span', { class: 'rule', text: name }), el('span', { class: 'code', text: d.code })),
    el('span', { class: 'msg', text: d.message }),
  );
  // A pointer click also shows the source selection (focus moves to the text); from the
  // keyboard focus stays in the list and 原文 moves it on request.
  if (onSelect) button.addEventListener('click', (e) => onSelect(d, button, e.detail > 0));
  const li = el('li', { dataset: { code: d.code, severity } }, button);
  if (locate) {
    const b = el('button', { type: 'button', class: 'locate', text: '原文', 'aria-label': `在原文中查看：${name}` });
    if (onSelect) b.addEventListener('click', () => onSelect(d, button, true));
    li.append(b);
  }
  return li;
}

/**
 * The items of the findings list: diagnostics errors first, then (folded) the relations
 * that could not be evaluated. Options: `onSelect` (see `findingItem`; without it the items
 * are static and have no 原文 button), `naShown`.
 */
export function renderFindings(report, schema, { onSelect, naShown = NA_SHOWN } = {}) {
  const item = (d, sev) => findingItem(d, sev, schema, { onSelect, locate: !!onSelect && !!primarySpan(d, report) });
  const order = (d) => SEVERITY_ORDER[d.severity] ?? 3;
  const items = [...report.diagnostics].sort((a, b) => order(a) - order(b)).map((d) => item(d, d.severity));
  const na = report.not_assessable ?? [];
  if (na.length) items.push(...notAssessableItems(report, schema, na, item, naShown));
  if (!items.length) items.push(el('li', { class: 'more', text: hasTables(report) ? '没有发现问题。' : '没有可列出的问题。' }));
  return items;
}

/** Why cells stopped a relation, in the words of the tables' legend. */
const STATE_WORDS = { missing: '未读到', blank: '空白', na: '填写“/”等', text: '填写文字' };

/**
 * The not-assessable relations, summarised per table: one folded item per table saying
 * how many relations could not be evaluated and why (how many of their cells were not
 * read, blank, "/" or text), its relations listed inside — a cut copy's hundreds of items
 * are three lines, not a list cell by cell.
 */
function notAssessableItems(report, schema, na, item, naShown) {
  const byTable = new Map();
  for (const d of na) {
    const t = d.cells?.[0]?.table ?? d.unusable?.[0]?.table ?? '';
    if (!byTable.has(t)) byTable.set(t, []);
    byTable.get(t).push(d);
  }
  const order = ['proactive', 'applications', 'disputes'];
  const keys = [...byTable.keys()].sort((a, b) => (order.indexOf(a) + 1 || 9) - (order.indexOf(b) + 1 || 9));
  return keys.map((t) => {
    const list = byTable.get(t);
    const cells = new Map();
    for (const d of list) for (const ref of d.unusable ?? []) cells.set(`${ref.table}:${ref.row}:${ref.col}`, report.tables?.[ref.table]?.[ref.row]?.[ref.col]?.state ?? 'missing');
    const counts = {};
    for (const state of cells.values()) counts[state] = (counts[state] ?? 0) + 1;
    const why = Object.entries(STATE_WORDS)
      .filter(([k]) => counts[k])
      .map(([k, w]) => `${counts[k]} 个单元格${w}`)
      .join('，');
    const name = schema.tables.find((x) => x.key === t)?.name ?? '其他';
    const title = `${name}：${severityWord(schema, 'na')} ${list.length} 项${why ? `（${why}）` : ''}`;
    const inner = el('ol', { class: 'findings' }, ...list.slice(0, naShown).map((d) => item(d, 'na')));
    if (list.length > naShown) inner.append(el('li', { class: 'more', text: `另有 ${list.length - naShown} 项未列出。` }));
    return el('li', { class: 'na-group', dataset: { table: t, count: String(list.length) } }, el('details', {}, el('summary', { text: title }), inner));
  });
}

/** Mark `button` as the selected finding of the list under `root`. */
export function pressFinding(root, button) {
  for (const b of root.querySelectorAll('.finding[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
}
