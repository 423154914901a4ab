// What the page knows of the format and the catalogue, read from the wasm module that owns
// it: `schema()` (labels, rule names, severity words) and `format_number` (how numbers are
// written). Nothing here restates a fact; only presentation (icons, order) is kept in JS.
import { format_number } from '../pkg/nianbao.js';

/** Icons beside the severity words (presentation; the words come from the schema). */
export const SEVERITY_ICONS = { error: '✖', warning: '⚠', info: 'ⓘ', na: '？' };
/** Findings are listed errors first. */
export const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
/** Not a severity of the catalogue: a relation that could not be evaluated (a UI word). */
export const NOT_ASSESSABLE = '无法判断';

const rulesByCode = new WeakMap();

/** The catalogue row `{ code, severity, name, explain, basis }` of a code, or undefined. */
export function ruleOf(schema, code) {
  let map = rulesByCode.get(schema);
  if (!map) {
    map = new Map(schema.rules.map((r) => [r.code, r]));
    rulesByCode.set(schema, map);
  }
  return map.get(code);
}

/** The Chinese word of a severity (`error` → 错误), or 无法判断 for `na`. */
export function severityWord(schema, severity) {
  return severity === 'na' ? NOT_ASSESSABLE : (schema.severities[severity] ?? severity);
}

/** `{ key, name, title }` of a table (表二, 表三, 表四). */
export function tableMeta(schema, key) {
  return schema.tables.find((t) => t.key === key);
}

/** The labels of the report's format (2021 when no format was recognised). */
export function formatOf(schema, report) {
  return schema.formats[report.format ?? '2021'];
}

/** A number as the tables write it, '' for none: the Rust formatter, the page's only one. */
export function fmt(v) {
  return v === null || v === undefined ? '' : format_number(v);
}
