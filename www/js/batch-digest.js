// What the batch view keeps of each report: a small digest made in the worker (no DOM), so
// the main thread receives a few numbers and codes per report instead of the whole report
// object (whose structured clone, a thousand times over, would block the page). The full
// report travels as its JSON text, parsed by nobody until it is exported.

const num = (report, table, row, col) => {
  const c = report.tables?.[table]?.[row]?.[col];
  return c?.state === 'number' && Number.isFinite(c.value) ? c.value : null;
};

/** 表三's outcome groups of a format: [{ label, rows: [key] }] from the schema's rows. */
export function outcomeGroups(schema, format) {
  const rows = schema.formats[format].applications.rows;
  const first = rows.findIndex((r) => r.key === 'carried_over') + 1;
  const last = rows.findIndex((r) => r.key === 'total_processed');
  const results = rows.slice(first, last);
  // Rows under the table's own heading (三、本年度办理结果) stand alone (（一）予以公开);
  // rows under an item of it (（三）不予公开) add up to that item.
  const heading = results[0]?.group;
  const groups = [];
  for (const r of results) {
    const label = r.group && r.group !== heading ? r.group : r.label;
    const g = groups.find((x) => x.label === label);
    if (g) g.rows.push(r.key);
    else groups.push({ label, rows: [r.key] });
  }
  return groups;
}

/**
 * The digest of a report (spec §6 object): `{ agency, year, format, summary, codes,
 * received, carriedOver, processed, outcomes: [[group, n]], disputes: [[block·outcome, n]],
 * gaps, labels }` — 表三 and 表四 `total` columns summed as the totals need them; a total
 * cell without a number is null (and counted in `gaps`).
 */
export function digestOf(report, schema) {
  const f = report.format ?? '2021';
  const label = (key) => schema.formats[f].applications.rows.find((r) => r.key === key)?.label ?? key;
  const d = {
    agency: report.agency ?? null,
    year: report.year ?? null,
    format: report.format ?? null,
    summary: report.summary,
    codes: [...new Set([...report.diagnostics, ...report.not_assessable].map((x) => x.code))],
    received: null,
    carriedOver: null,
    processed: null,
    outcomes: [],
    disputes: [],
    gaps: 0,
    labels: { received: label('new_received'), carriedOver: label('carried_over'), processed: label('total_processed') },
  };
  if (report.tables?.applications) {
    for (const [k, key] of [['received', 'new_received'], ['carriedOver', 'carried_over'], ['processed', 'total_processed']]) {
      d[k] = num(report, 'applications', key, 'total');
      if (d[k] === null) d.gaps++;
    }
    for (const g of outcomeGroups(schema, f)) d.outcomes.push([g.label, g.rows.reduce((n, row) => n + (num(report, 'applications', row, 'total') ?? 0), 0)]);
  }
  if (report.tables?.disputes) {
    const cols = schema.formats[f].disputes.columns.filter((c) => c.key !== 'total');
    for (const b of schema.formats[f].disputes.rows) {
      for (const c of cols) {
        const v = num(report, 'disputes', b.key, c.key);
        if (v !== null) d.disputes.push([`${b.label}·${c.label}`, v]);
      }
    }
  }
  return d;
}

/** Sums over digests: `{ reports, received, carriedOver, processed, outcomes: Map, disputes: Map, gaps, labels }`. */
export function batchTotals(digests) {
  const out = { reports: 0, received: 0, carriedOver: 0, processed: 0, outcomes: new Map(), disputes: new Map(), gaps: 0, labels: {} };
  const add = (map, k, v) => map.set(k, (map.get(k) ?? 0) + v);
  for (const d of digests) {
    out.reports++;
    out.gaps += d.gaps;
    for (const k of ['received', 'carriedOver', 'processed']) {
      out[k] += d[k] ?? 0;
      out.labels[k] ??= d.labels[k];
    }
    for (const [k, v] of d.outcomes) add(out.outcomes, k, v);
    for (const [k, v] of d.disputes) add(out.disputes, k, v);
  }
  return out;
}
