//! Rules: the arithmetic relations (data in `relations`, one generic evaluator here), the
//! cell checks (negative, not an integer, unreadable, blank), prose against tables, and
//! the cross-year carry check. A relation whose operand has no value is *not assessable*:
//! recorded apart, never a pass and never a failure.

pub mod prose;
pub mod relations;

use crate::diagnostics::{CellRef, Code, Diagnostic, NotAssessable, Severity};
use crate::grid::Grid;
use crate::model::{Cell, CellState, Report, Table};
use crate::schema::{self, Format, TableId, ValueKind};
use crate::value::format_number;
use relations::{Cmp, Over, Relation, RELATIONS};

/// `表三「（一）予以公开」行「总计」列`
pub fn cell_name(format: Option<Format>, c: &CellRef) -> String {
    let row = schema::row_label(c.table, format, c.row);
    let col = schema::column_label(c.table, format, c.row, c.col);
    match c.table {
        TableId::Disputes => format!("表四「{row}」的「{col}」"),
        _ => format!("{}「{row}」行「{col}」列", c.table.name_zh()),
    }
}

fn describe(cell: &Cell) -> String {
    match cell.state {
        CellState::Number => cell.value.map(format_number).unwrap_or_default(),
        CellState::Blank => "空白".to_string(),
        CellState::Na => format!("「{}」", cell.raw),
        CellState::Text => format!("「{}」", cell.raw),
        CellState::Missing => "缺失".to_string(),
    }
}

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
fn evaluate(report: &mut Report) -> (Vec<Diagnostic>, Vec<NotAssessable>, usize) {
    let Some(format) = report.format else {
        return (Vec::new(), Vec::new(), 0);
    };
    let mut diags = Vec::new();
    let mut na = Vec::new();
    let mut passed = 0;
    for rel in RELATIONS.iter().filter(|r| r.formats.contains(&format)) {
        let Some(table) = report.tables.get(rel.table) else {
            continue;
        };
        for inst in instances(rel, table) {
            let all: Vec<CellRef> = std::iter::once(inst.total)
                .chain(inst.with_total.iter().copied())
                .chain(inst.parts.iter().copied())
                .collect();
            let unusable: Vec<CellRef> = all
                .iter()
                .copied()
                .filter(|c| get(report, c).and_then(Cell::number).is_none())
                .collect();
            if !unusable.is_empty() {
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
            let val = |c: &CellRef| get(report, c).and_then(Cell::number).unwrap_or(0.0);
            let actual = val(&inst.total);
            let parts: f64 = inst.parts.iter().map(val).sum();
            let others: f64 = inst.with_total.iter().map(val).sum();
            let expected = parts - others;
            let ok = match rel.cmp {
                Cmp::Equal => actual == expected,
                Cmp::AtLeast => actual >= expected,
            };
            if ok {
                passed += 1;
                continue;
            }
            let total_name =
                schema::column_label(rel.table, Some(format), inst.total.row, inst.total.col);
            let total_label = match rel.over {
                Over::EveryRow => total_name.to_string(),
                Over::EveryColumn => {
                    schema::row_label(rel.table, Some(format), inst.total.row).to_string()
                }
            };
            let message = match rel.cmp {
                Cmp::Equal => format!(
                    "{}：「{}」填写 {}，{}为 {}，相差 {}",
                    along_name(rel, table, format, inst.along),
                    total_label,
                    format_number(actual),
                    rel.parts_zh,
                    format_number(expected),
                    format_number((actual - expected).abs())
                ),
                Cmp::AtLeast => format!(
                    "{}：「{}」为 {}，小于{} {}",
                    along_name(rel, table, format, inst.along),
                    total_label,
                    format_number(actual),
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
                format!(
                    "填写 {}，应为 {}",
                    format_number(actual),
                    format_number(expected)
                ),
            );
            for c in inst.with_total.iter().chain(inst.parts.iter()) {
                let cell = get(report, c);
                if let Some(v) = cell.and_then(Cell::number) {
                    if v != 0.0 {
                        d = d.with_label(cell.and_then(|c| c.span), false, format_number(v));
                    }
                }
            }
            diags.push(d);
        }
    }
    (diags, na, passed)
}

/// CELL-NEGATIVE, CELL-NOT-INTEGER, CELL-UNREADABLE, CELL-BLANK.
fn cell_checks(report: &Report) -> Vec<Diagnostic> {
    let format = report.format;
    let mut out = Vec::new();
    for table in report.tables.iter() {
        for row in &table.rows {
            let cols = schema::columns_of(table.id, format.unwrap_or(Format::F2021), row.key);
            let mut blanks: Vec<CellRef> = Vec::new();
            let mut blank_span = None;
            for (col, cell) in &row.cells {
                let kind = cols
                    .iter()
                    .find(|c| c.key == *col)
                    .map(|c| c.kind)
                    .unwrap_or(ValueKind::Count);
                let r = CellRef {
                    table: table.id,
                    row: row.key,
                    col,
                };
                let name = || cell_name(format, &r);
                match (cell.state, cell.value) {
                    (CellState::Number, Some(v)) => {
                        if v < 0.0 && kind != ValueKind::SignedCount && kind != ValueKind::Amount {
                            out.push(
                                Diagnostic::new(
                                    Code::CellNegative,
                                    format!("{}填写 {}，数量不能为负", name(), format_number(v)),
                                )
                                .with_cells(vec![r])
                                .with_label(cell.span, true, "负数"),
                            );
                        }
                        if v.fract() != 0.0 && kind != ValueKind::Amount {
                            out.push(
                                Diagnostic::new(
                                    Code::CellNotInteger,
                                    format!("{}填写 {}，数量应为整数", name(), format_number(v)),
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
                let along = match table.id {
                    TableId::Disputes => {
                        format!("表四「{}」", schema::row_label(table.id, format, row.key))
                    }
                    id => format!(
                        "{}「{}」行",
                        id.name_zh(),
                        schema::row_label(id, format, row.key)
                    ),
                };
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

/// Run every rule on a bound report; fills `diagnostics`, `not_assessable` and `summary`.
pub fn check(report: &mut Report, grid: &Grid) {
    let (relation_diags, na, passed) = evaluate(report);
    let cells = cell_checks(report);
    let prose = prose::check(report, grid);
    report.diagnostics.extend(relation_diags);
    report.diagnostics.extend(cells);
    report.diagnostics.extend(prose);
    // Errors first, then by position in the source.
    report.diagnostics.sort_by_key(|d| {
        (
            d.severity,
            d.primary_span().map(|s| s.start).unwrap_or(usize::MAX),
        )
    });
    report.not_assessable = na;
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    report.summary.errors = count(Severity::Error);
    report.summary.warnings = count(Severity::Warning);
    report.summary.infos = count(Severity::Info);
    report.summary.not_assessable = report.not_assessable.len();
    report.summary.passed = passed;
}

/// CROSS-YEAR-CARRY: year N−1's 结转下年度 equals year N's 上年结转, column by column.
pub fn cross_year(previous: &Report, current: &Report) -> Vec<Diagnostic> {
    let (Some(prev), Some(cur)) = (&previous.tables.applications, &current.tables.applications)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for col in schema::APPLICANT_COLUMNS {
        let a = prev.cell("carried_forward", col.key).and_then(Cell::number);
        let b = cur.cell("carried_over", col.key);
        if let (Some(a), Some(bc)) = (a, b) {
            if let Some(bv) = bc.number() {
                if a != bv {
                    out.push(
                        Diagnostic::new(
                            Code::CrossYearCarry,
                            format!(
                                "{}年度「上年结转」「{}」列为 {}，而{}年度报告「结转下年度继续办理」为 {}",
                                current.year.map(|y| y.to_string()).unwrap_or_else(|| "本".into()),
                                col.label,
                                format_number(bv),
                                previous.year.map(|y| y.to_string()).unwrap_or_else(|| "上一".into()),
                                format_number(a)
                            ),
                        )
                        .with_cells(vec![CellRef { table: TableId::Applications, row: "carried_over", col: col.key }])
                        .with_evidence(a, bv)
                        .with_label(bc.span, true, format!("应为 {}", format_number(a))),
                    );
                }
            }
        }
    }
    out
}
