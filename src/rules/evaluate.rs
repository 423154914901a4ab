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
/// evaluator's main cost). The operands lie in buffers the walk over a table reuses, so an
/// instance that holds (nearly all of them) costs no allocation.
struct Instance<'a, 't> {
    total: Operand<'t>,
    with_total: &'a [Operand<'t>],
    parts: &'a [Operand<'t>],
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

/// A row's cell by column key and its place in the row, looked at first at `hint`: a
/// table's rows have the same columns in the same order (the schema's, each key once), so
/// the place of a column in one row is nearly always its place in the next.
fn cell_at<'t>(row: &'t Row, col: &str, hint: usize) -> Option<(usize, &'t Cell)> {
    match row.cells.get(hint) {
        Some((k, cell)) if *k == col => Some((hint, cell)),
        _ => {
            let i = row.cells.iter().position(|(k, _)| *k == col)?;
            Some((i, &row.cells[i].1))
        }
    }
}

/// Call `f` on every instance of `rel` in `table`, in order.
fn each_instance<'t>(rel: &Relation, table: &'t Table, mut f: impl FnMut(&Instance<'_, 't>)) {
    let id = table.id;
    let mut with_total: Vec<Operand<'t>> = Vec::new();
    let mut parts: Vec<Operand<'t>> = Vec::new();
    match rel.over {
        Over::EveryRow => {
            // Where each operand's column was in the row before: the total, then the parts,
            // then the other terms on the total's side.
            let mut hints = vec![0; 1 + rel.parts.len() + rel.with_total.len()];
            for row in &table.rows {
                let mut at = |k: usize, col: &'static str| {
                    let (i, cell) = cell_at(row, col, hints[k])?;
                    hints[k] = i;
                    Some(Operand {
                        at: CellRef {
                            table: id,
                            row: row.key,
                            col,
                        },
                        cell,
                    })
                };
                // A row without one of the relation's columns has no instance.
                let Some(total) = at(0, rel.total) else {
                    continue;
                };
                parts.clear();
                let found = rel
                    .parts
                    .iter()
                    .enumerate()
                    .all(|(k, col)| at(1 + k, col).map(|o| parts.push(o)).is_some());
                if !found {
                    continue;
                }
                with_total.clear();
                let found = rel.with_total.iter().enumerate().all(|(k, col)| {
                    at(1 + rel.parts.len() + k, col)
                        .map(|o| with_total.push(o))
                        .is_some()
                });
                if !found {
                    continue;
                }
                f(&Instance {
                    total,
                    with_total: &with_total,
                    parts: &parts,
                    along: row.key,
                });
            }
        }
        Over::EveryColumn => {
            let Some(first) = table.rows.first() else {
                return;
            };
            // The relation's rows found once, not once per column, each looked for first
            // after the one before (the schema lists them in table order, each key once).
            let mut from = 0;
            let mut row = |key: &'static str| {
                let rows = &table.rows;
                let i = match rows[from..].iter().position(|r| r.key == key) {
                    Some(i) => from + i,
                    None => rows[..from].iter().position(|r| r.key == key)?,
                };
                from = i + 1;
                Some((key, &rows[i]))
            };
            let total_row = row(rel.total);
            let with_total_rows: Vec<_> = rel.with_total.iter().filter_map(|k| row(k)).collect();
            let parts_rows: Vec<_> = rel.parts.iter().filter_map(|k| row(k)).collect();
            for (place, (col, _)) in first.cells.iter().enumerate() {
                let at = |&(row, r): &(&'static str, &'t Row)| {
                    cell_at(r, col, place).map(|(_, cell)| Operand {
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
                // Rows the column lacks are left out.
                with_total.clear();
                with_total.extend(with_total_rows.iter().filter_map(at));
                parts.clear();
                parts.extend(parts_rows.iter().filter_map(at));
                f(&Instance {
                    total,
                    with_total: &with_total,
                    parts: &parts,
                    along: col,
                });
            }
        }
    }
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
        each_instance(rel, table, |inst| {
            let operands = || {
                std::iter::once(&inst.total)
                    .chain(inst.with_total)
                    .chain(inst.parts)
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
                return;
            }
            let sum = |ops: &[Operand]| -> f64 { ops.iter().filter_map(Operand::number).sum() };
            let actual = inst.total.number().unwrap_or(0.0);
            let expected = sum(inst.parts) - sum(inst.with_total);
            let ok = match rel.cmp {
                Cmp::Equal => actual == expected,
                Cmp::AtLeast => actual >= expected,
            };
            if ok {
                passed += 1;
                return;
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
            for o in inst.with_total.iter().chain(inst.parts) {
                if o.number().is_some_and(|v| v != 0.0) {
                    d = d.with_label(o.cell.span, false, written(o.cell));
                }
            }
            diags.push(d);
        });
    }
    (diags, na, passed)
}
