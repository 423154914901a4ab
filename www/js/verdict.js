// The verdict banner and the summary list of one report: pure functions of (report, schema).
import { el } from './dom.js';
import { formatOf, SEVERITY_ICONS, severityWord } from './schema.js';

/** True when the report has any of the three tables. */
export function hasTables(report) {
  return ['proactive', 'applications', 'disputes'].some((k) => report.tables?.[k]);
}

/** The banner's words for input that is not an annual report at all (code NOT-A-REPORT). */
export const NOT_A_REPORT = '这不像政府信息公开工作年度报告';

/**
 * `{ cls: 'error' | 'ok' | 'na', icon, text }`: what the banner says of the report.
 * Options: `count`, how many reports the checked text seems to hold (wasm
 * `report_count`): above 1 the banner says only the first is checked.
 */
export function verdictOf(report, schema, { count = 1 } = {}) {
  if (report.diagnostics.some((d) => d.code === 'NOT-A-REPORT')) {
    return { cls: 'na', icon: SEVERITY_ICONS.na, text: `${NOT_A_REPORT}：没有找到报告标题、一至六部分或三张统计表。` };
  }
  const v = bannerOf(report, schema);
  if (count > 1) v.text += `。注意：粘贴的内容中似乎有 ${count} 份报告，只按读到的一份检查，请一次只粘贴一份`;
  return v;
}

function bannerOf(report, schema) {
  const s = report.summary;
  const word = (sev) => severityWord(schema, sev);
  const extra = [];
  if (s.warnings) extra.push(`${s.warnings} 个${word('warning')}`);
  const tail = () => (extra.length ? '；' + extra.join('，') : '');
  if (s.errors) {
    if (s.not_assessable) extra.push(`${word('na')} ${s.not_assessable} 项`);
    return { cls: 'error', icon: SEVERITY_ICONS.error, text: `发现 ${s.errors} 处${word('error')}${tail()}` };
  }
  if (!hasTables(report)) {
    const names = schema.tables.map((t) => t.name).join('、');
    return { cls: 'na', icon: SEVERITY_ICONS.na, text: `未读到年报表格（${names}）${tail()}` };
  }
  if (s.not_assessable) return { cls: 'na', icon: SEVERITY_ICONS.na, text: `未发现${word('error')}，${word('na')} ${s.not_assessable} 项${tail()}` };
  return { cls: 'ok', icon: '✔', text: `表格勾稽关系全部成立${tail()}` };
}

/** The banner's content for a verdict (the banner element itself, a live region, stays). */
export function verdictNodes({ icon, text }) {
  return [el('span', { class: 'verdict-icon', 'aria-hidden': 'true', text: icon }), el('span', { class: 'verdict-text', text })];
}

/** The `<div><dt/><dd/></div>` items of the summary list. */
export function renderSummary(report, schema) {
  const s = report.summary;
  const word = (sev) => severityWord(schema, sev);
  const f = report.format ? `${report.format} 年格式（${formatOf(schema, report).notice}）` : '未识别';
  const rows = [
    ['格式', f],
    ['年度', report.year ? `${report.year} 年` : '未识别'],
    ['单位', report.agency || '未识别'],
    ['读取方式', report.input === 'html' ? '网页表格' : '纯文本'],
    [word('error'), `${s.errors} 处`],
    [word('warning'), `${s.warnings} 个`],
    [word('na'), `${s.not_assessable} 项`],
    ['成立', `${s.passed} 项`],
  ];
  return rows.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
}
