//! `CELL-NEGATIVE`, `CELL-NOT-INTEGER`, `CELL-UNREADABLE`, `CELL-BLANK`: what one cell
//! holds. Counts are non-negative integers (only 2019's 本年增/减 may be negative, only
//! amounts may have decimals); text in a number's place cannot be checked; blank is not
//! zero, so a blank or `/` cell makes its relations not assessable and is said once per row.

use super::names::{cell_name, row_name, written};
use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::model::{CellState, Report};
use crate::schema::{self, Format, ValueKind};

/// CELL-NEGATIVE, CELL-NOT-INTEGER, CELL-UNREADABLE, CELL-BLANK.
pub(crate) fn check(report: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for table in report.tables.iter() {
        let format = report.format_of(table.id);
        for row in &table.rows {
            // A column's kind matters only for a negative or fractional number: looked up
            // then, not for every row (the schema hands its columns over as a new Vec).
            let kind = |col: &str| {
                schema::columns_of(table.id, format.unwrap_or(Format::F2021), row.key)
                    .iter()
                    .find(|c| c.key == col)
                    .map(|c| c.kind)
                    .unwrap_or(ValueKind::Count)
            };
            let mut blanks: Vec<CellRef> = Vec::new();
            let mut blank_span = None;
            for (col, cell) in &row.cells {
                let r = CellRef {
                    table: table.id,
                    row: row.key,
                    col,
                };
                let name = || cell_name(format, &r);
                match (cell.state, cell.value) {
                    (CellState::Number, Some(v)) => {
                        if v < 0.0
                            && !matches!(kind(col), ValueKind::SignedCount | ValueKind::Amount)
                        {
                            out.push(
                                Diagnostic::new(
                                    Code::CellNegative,
                                    format!("{}填写 {}，数量不能为负", name(), written(cell)),
                                )
                                .with_cells(vec![r])
                                .with_label(cell.span, true, "负数"),
                            );
                        }
                        if v.fract() != 0.0 && kind(col) != ValueKind::Amount {
                            out.push(
                                Diagnostic::new(
                                    Code::CellNotInteger,
                                    format!("{}填写 {}，数量应为整数", name(), written(cell)),
                                )
                                .with_cells(vec![r])
                                .with_label(
                                    cell.span,
                                    true,
                                    "不是整数",
                                ),
                            );
                        }
                    }
                    (CellState::Text, _) => out.push(
                        Diagnostic::new(
                            Code::CellUnreadable,
                            format!("{}写的是「{}」，不是数字", name(), cell.raw),
                        )
                        .with_cells(vec![r])
                        .with_label(cell.span, true, "不是数字"),
                    ),
                    (CellState::Blank | CellState::Na, _) => {
                        blanks.push(r);
                        blank_span = blank_span.or(cell.span);
                    }
                    _ => {}
                }
            }
            if !blanks.is_empty() {
                let along = row_name(table.id, format, row.key);
                let cols: Vec<&str> = blanks
                    .iter()
                    .map(|c| schema::column_label(table.id, format, c.row, c.col))
                    .collect();
                out.push(
                    Diagnostic::new(
                        Code::CellBlank,
                        format!("{along}有 {} 格空白或为「/」（{}）：空白不等于 0，相关勾稽关系无法判断", blanks.len(), cols.join("、")),
                    )
                    .with_cells(blanks)
                    .with_label(blank_span, true, "空白"),
                );
            }
        }
    }
    out
}
