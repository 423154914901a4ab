// The findings list: one item per diagnostic, then the not-assessable relations folded
// away. Each item shows the severity word and the rule's name from the catalogue (the
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
  if (na.length) {
    const list = el('ol', { class: 'findings' }, ...na.slice(0, naShown).map((d) => item(d, 'na')));
    if (na.length > naShown) list.append(el('li', { class: 'more', text: `另有 ${na.length - naShown} 项未列出。` }));
    const title = `${severityWord(schema, 'na')}的 ${na.length} 项（相关单元格空白、填写“/”或文字，或未读到）`;
    items.push(el('li', {}, el('details', {}, el('summary', { text: title }), list)));
  }
  if (!items.length) items.push(el('li', { class: 'more', text: hasTables(report) ? '没有发现问题。' : '没有可列出的问题。' }));
  return items;
}

/** Mark `button` as the selected finding of the list under `root`. */
export function pressFinding(root, button) {
  for (const b of root.querySelectorAll('.finding[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
}
