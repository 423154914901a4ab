//! The one generic evaluator of the arithmetic relations (`relations::RELATIONS`, data):
//! every instance along every row, column or block. A failure is a diagnostic on the
//! written total with its operands as secondary labels; an instance with an operand that
//! has no value (blank, `/`, text, missing) is *not assessable*, recorded apart, never a
//! pass and never a failure.

use super::names::{cell_name, describe, written};
use super::relations::{Cmp, Over, Relation, RELATIONS};
use crate::diagnostics::{CellRef, Diagnostic, NotAssessable};
use crate::model::{Cell, Report, Table};
use crate::schema::{self, Format, TableId};
use crate::value::format_number;

/// One instance of a relation: the cells it ties together, total first.
struct Instance {
    total: CellRef,
    with_total: Vec<CellRef>,
    parts: Vec<CellRef>,
    /// The row (or column) key the instance runs along; named only for messages.
    along: &'static str,
}

/// `表三「（一）予以公开」行` or `表三「自然人」列`, for messages.
fn along_name(rel: &Relation, table: &Table, format: Format, key: &'static str) -> String {
    let id = table.id;
    match (rel.over, id) {
        (Over::EveryRow, TableId::Disputes) => {
            format!("表四「{}」", schema::row_label(id, Some(format), key))
        }
        (Over::EveryRow, _) => format!(
            "{}「{}」行",
            id.name_zh(),
            schema::row_label(id, Some(format), key)
        ),
        (Over::EveryColumn, _) => {
            let first = table.rows.first().map(|r| r.key).unwrap_or("");
            format!(
                "{}「{}」列",
                id.name_zh(),
                schema::column_label(id, Some(format), first, key)
            )
        }
    }
}

fn instances(rel: &Relation, table: &Table) -> Vec<Instance> {
    let id = table.id;
    let mut out = Vec::new();
    match rel.over {
        Over::EveryRow => {
            for row in &table.rows {
                let has = |k: &str| row.cell(k).is_some();
                if !has(rel.total)
                    || !rel.parts.iter().all(|k| has(k))
                    || !rel.with_total.iter().all(|k| has(k))
                {
                    continue;
                }
                let r = |k: &'static str| CellRef {
                    table: id,
                    row: row.key,
                    col: k,
                };
                out.push(Instance {
                    total: r(rel.total),
                    with_total: rel.with_total.iter().map(|k| r(k)).collect(),
                    parts: rel.parts.iter().map(|k| r(k)).collect(),
                    along: row.key,
                });
            }
        }
        Over::EveryColumn => {
            let Some(first) = table.rows.first() else {
                return out;
            };
            for (col, _) in &first.cells {
                let present = |k: &str| table.cell(k, col).is_some();
                if !present(rel.total) {
                    continue;
                }
                let c = |k: &'static str| CellRef {
                    table: id,
                    row: k,
                    col,
                };
                out.push(Instance {
                    total: c(rel.total),
                    with_total: rel
                        .with_total
                        .iter()
                        .filter(|k| present(k))
                        .map(|k| c(k))
                        .collect(),
                    parts: rel
                        .parts
                        .iter()
                        .filter(|k| present(k))
                        .map(|k| c(k))
                        .collect(),
                    along: col,
                });
            }
        }
    }
    out
}

fn get<'a>(report: &'a Report, c: &CellRef) -> Option<&'a Cell> {
    report
        .tables
        .get(c.table)
        .and_then(|t| t.cell(c.row, c.col))
}

/// Evaluate every relation instance: failures become diagnostics, instances with an
/// operand lacking a value are recorded as not assessable.
pub(crate) fn evaluate(report: &mut Report) -> (Vec<Diagnostic>, Vec<NotAssessable>, usize) {
    let mut diags = Vec::new();
    let mut na = Vec::new();
    let mut passed = 0;
    for rel in RELATIONS {
        // Each table in the format it was read in.
        let Some(format) = report.format_of(rel.table) else {
            continue;
        };
        if !rel.formats.contains(&format) {
            continue;
        }
        let Some(table) = report.tables.get(rel.table) else {
            continue;
        };
        for inst in instances(rel, table) {
            // Each operand looked up once (the lookups are the evaluator's main cost).
            let total = get(report, &inst.total);
            let with_total: Vec<Option<&Cell>> =
                inst.with_total.iter().map(|c| get(report, c)).collect();
            let parts_cells: Vec<Option<&Cell>> =
                inst.parts.iter().map(|c| get(report, c)).collect();
            let number = |c: &Option<&Cell>| c.and_then(Cell::number);
            let assessable = number(&total).is_some()
                && with_total.iter().all(|c| number(c).is_some())
                && parts_cells.iter().all(|c| number(c).is_some());
            let all = || -> Vec<CellRef> {
                std::iter::once(inst.total)
                    .chain(inst.with_total.iter().copied())
                    .chain(inst.parts.iter().copied())
                    .collect()
            };
            if !assessable {
                let all = all();
                let unusable: Vec<CellRef> = all
                    .iter()
                    .copied()
                    .filter(|c| get(report, c).and_then(Cell::number).is_none())
                    .collect();
                let what: Vec<String> = unusable
                    .iter()
                    .take(3)
                    .map(|c| {
                        format!(
                            "{}为{}",
                            cell_name(Some(format), c),
                            get(report, c).map(describe).unwrap_or_default()
                        )
                    })
                    .collect();
                na.push(NotAssessable {
                    code: rel.code,
                    message: format!(
                        "{}无法判断：{}{}",
                        along_name(rel, table, format, inst.along),
                        what.join("，"),
                        if unusable.len() > 3 {
                            format!(" 等 {} 格", unusable.len())
                        } else {
                            String::new()
                        }
                    ),
                    cells: all,
                    unusable,
                });
                continue;
            }
            let val = |c: &Option<&Cell>| number(c).unwrap_or(0.0);
            let actual = val(&total);
            let parts: f64 = parts_cells.iter().map(val).sum();
            let others: f64 = with_total.iter().map(val).sum();
            let expected = parts - others;
            let ok = match rel.cmp {
                Cmp::Equal => actual == expected,
                Cmp::AtLeast => actual >= expected,
            };
            if ok {
                passed += 1;
                continue;
            }
            let all = all();
            let total_name =
                schema::column_label(rel.table, Some(format), inst.total.row, inst.total.col);
            let total_label = match rel.over {
                Over::EveryRow => total_name.to_string(),
                Over::EveryColumn => {
                    schema::row_label(rel.table, Some(format), inst.total.row).to_string()
                }
            };
            // The written total is quoted as written, not as the f64 it parsed to.
            let written_total = get(report, &inst.total)
                .map(written)
                .unwrap_or_else(|| format_number(actual));
            let message = match rel.cmp {
                Cmp::Equal => format!(
                    "{}：「{}」填写 {}，{}为 {}，相差 {}",
                    along_name(rel, table, format, inst.along),
                    total_label,
                    written_total,
                    rel.parts_zh,
                    format_number(expected),
                    format_number((actual - expected).abs())
                ),
                Cmp::AtLeast => format!(
                    "{}：「{}」为 {}，小于{} {}",
                    along_name(rel, table, format, inst.along),
                    total_label,
                    written_total,
                    rel.parts_zh,
                    format_number(expected)
                ),
            };
            let mut d = Diagnostic::new(rel.code, message).with_cells(all.clone());
            if rel.cmp == Cmp::Equal {
                d = d.with_evidence(expected, actual);
            }
            let total_span = get(report, &inst.total).and_then(|c| c.span);
            d = d.with_label(
                total_span,
                true,
                format!("填写 {}，应为 {}", written_total, format_number(expected)),
            );
            for c in inst.with_total.iter().chain(inst.parts.iter()) {
                let cell = get(report, c);
                if let Some(v) = cell.and_then(Cell::number) {
                    if v != 0.0 {
                        d = d.with_label(
                            cell.and_then(|c| c.span),
                            false,
                            cell.map(written).unwrap_or_else(|| format_number(v)),
                        );
                    }
                }
            }
            diags.push(d);
        }
    }
    (diags, na, passed)
}
