//! How messages name things: a cell (`表三「（一）予以公开」行「总计」列`), a cell's content
//! (`空白`, `「/」`, the written number), a line number, a short quote of the source.

use crate::diagnostics::CellRef;
use crate::model::{Cell, CellState};
use crate::schema::{self, Format, TableId};
use crate::span::Span;
use crate::value::format_number;

/// `表三「（一）予以公开」行「总计」列`
pub(crate) fn cell_name(format: Option<Format>, c: &CellRef) -> String {
    let row = schema::row_label(c.table, format, c.row);
    let col = schema::column_label(c.table, format, c.row, c.col);
    match c.table {
        TableId::Disputes => format!("表四「{row}」的「{col}」"),
        _ => format!("{}「{row}」行「{col}」列", c.table.name_zh()),
    }
}

pub(crate) fn describe(cell: &Cell) -> String {
    match cell.state {
        CellState::Number => cell.value.map(format_number).unwrap_or_default(),
        CellState::Blank => "空白".to_string(),
        CellState::Na => format!("「{}」", cell.raw),
        CellState::Text => format!("「{}」", cell.raw),
        CellState::Missing => "缺失".to_string(),
    }
}

/// A number cell's value as written (`1,234`, `２３`, `976.81万元`): messages quote what
/// the report says, never the float it was read as.
pub(crate) fn written(cell: &Cell) -> String {
    let raw = cell.raw.trim();
    if raw.is_empty() {
        cell.value.map(format_number).unwrap_or_default()
    } else {
        raw.to_string()
    }
}

/// `表三「（一）予以公开」行` or `表四「行政复议」`: a row (or 表四 block) for messages.
pub(crate) fn row_name(table: TableId, format: Option<Format>, row: &str) -> String {
    match table {
        TableId::Disputes => format!("表四「{}」", schema::row_label(table, format, row)),
        id => format!(
            "{}「{}」行",
            id.name_zh(),
            schema::row_label(id, format, row)
        ),
    }
}

/// A short quote of the source at a span, for messages.
pub(crate) fn quote(text: &str, span: Span) -> String {
    let s = text.get(span.start..span.end).unwrap_or("");
    let q: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        format!("{q}…")
    } else {
        q
    }
}
