//! The one generic evaluator of the arithmetic relations (`relations::RELATIONS`, data):
//! every instance along every row, column or block. A failure is a diagnostic on the
//! written total with its operands as secondary labels; an instance with an operand that
//! has no value (blank, `/`, text, missing) is *not assessable*, recorded apart, never a
//! pass and never a failure.

use super::names::{cell_name, describe, written};
use super::relations::{Cmp, Over, Relation, RELATIONS};
use crate::diagnostics::{CellRef, Diagnostic, NotAssessable};
use crate::model::{Cell, Report, Row, Table};
use crate::schema::{self, Format, TableId};
use crate::value::format_number;

/// One instance of a relation: the cells it ties together, total first, each with the
/// cell it names (found once, while the instance is made: lookups by key were the
/// evaluator's main cost).
struct Instance<'t> {
    total: Operand<'t>,
    with_total: Vec<Operand<'t>>,
    parts: Vec<Operand<'t>>,
    /// The row (or column) key the instance runs along; named only for messages.
    along: &'static str,
}

#[derive(Clone, Copy)]
struct Operand<'t> {
    at: CellRef,
    cell: &'t Cell,
}

impl Operand<'_> {
    fn number(&self) -> Option<f64> {
        self.cell.number()
    }
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

fn instances<'t>(rel: &Relation, table: &'t Table) -> Vec<Instance<'t>> {
    let id = table.id;
    let mut out = Vec::new();
    match rel.over {
        Over::EveryRow => {
            for row in &table.rows {
                let at = |col: &'static str| {
                    row.cell(col).map(|cell| Operand {
                        at: CellRef {
                            table: id,
                            row: row.key,
                            col,
                        },
                        cell,
                    })
                };
                // A row without one of the relation's columns has no instance.
                let Some(total) = at(rel.total) else {
                    continue;
                };
                let Some(parts) = rel.parts.iter().map(|k| at(k)).collect() else {
                    continue;
                };
                let Some(with_total) = rel.with_total.iter().map(|k| at(k)).collect() else {
                    continue;
                };
                out.push(Instance {
                    total,
                    with_total,
                    parts,
                    along: row.key,
                });
            }
        }
        Over::EveryColumn => {
            let Some(first) = table.rows.first() else {
                return out;
            };
            // The relation's rows found once, not once per column.
            let row = |key: &'static str| table.row(key).map(|r| (key, r));
            let total_row = row(rel.total);
            let with_total_rows: Vec<_> = rel.with_total.iter().filter_map(|k| row(k)).collect();
            let parts_rows: Vec<_> = rel.parts.iter().filter_map(|k| row(k)).collect();
            for (col, _) in &first.cells {
                let at = |&(row, r): &(&'static str, &'t Row)| {
                    r.cell(col).map(|cell| Operand {
                        at: CellRef {
                            table: id,
                            row,
                            col,
                        },
                        cell,
                    })
                };
                let Some(total) = total_row.as_ref().and_then(at) else {
                    continue;
                };
                out.push(Instance {
                    total,
                    // Rows the column lacks are left out.
                    with_total: with_total_rows.iter().filter_map(at).collect(),
                    parts: parts_rows.iter().filter_map(at).collect(),
                    along: col,
                });
            }
        }
    }
    out
}

/// Evaluate every relation instance: failures become diagnostics, instances with an
/// operand lacking a value are recorded as not assessable.
pub(crate) fn evaluate(report: &Report) -> (Vec<Diagnostic>, Vec<NotAssessable>, usize) {
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
            let operands = || {
                std::iter::once(&inst.total)
                    .chain(&inst.with_total)
                    .chain(&inst.parts)
            };
            let all = || -> Vec<CellRef> { operands().map(|o| o.at).collect() };
            if !operands().all(|o| o.number().is_some()) {
                let unusable: Vec<&Operand> = operands().filter(|o| o.number().is_none()).collect();
                let what: Vec<String> = unusable
                    .iter()
                    .take(3)
                    .map(|o| format!("{}为{}", cell_name(Some(format), &o.at), describe(o.cell)))
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
                    cells: all(),
                    unusable: unusable.iter().map(|o| o.at).collect(),
                });
                continue;
            }
            let sum = |ops: &[Operand]| -> f64 { ops.iter().filter_map(Operand::number).sum() };
            let actual = inst.total.number().unwrap_or(0.0);
            let expected = sum(&inst.parts) - sum(&inst.with_total);
            let ok = match rel.cmp {
                Cmp::Equal => actual == expected,
                Cmp::AtLeast => actual >= expected,
            };
            if ok {
                passed += 1;
                continue;
            }
            let total_name = schema::column_label(
                rel.table,
                Some(format),
                inst.total.at.row,
                inst.total.at.col,
            );
            let total_label = match rel.over {
                Over::EveryRow => total_name.to_string(),
                Over::EveryColumn => {
                    schema::row_label(rel.table, Some(format), inst.total.at.row).to_string()
                }
            };
            // The written total is quoted as written, not as the f64 it parsed to.
            let written_total = written(inst.total.cell);
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
            let mut d = Diagnostic::new(rel.code, message).with_cells(all());
            if rel.cmp == Cmp::Equal {
                d = d.with_evidence(expected, actual);
            }
            d = d.with_label(
                inst.total.cell.span,
                true,
                format!("填写 {}，应为 {}", written_total, format_number(expected)),
            );
            for o in inst.with_total.iter().chain(&inst.parts) {
                if o.number().is_some_and(|v| v != 0.0) {
                    d = d.with_label(o.cell.span, false, written(o.cell));
                }
            }
            diags.push(d);
        }
    }
    (diags, na, passed)
}
