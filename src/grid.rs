//! The neutral grid: every input shape (pasted text of any layout, HTML, Word HTML, DOCX)
//! becomes the same sequence of rows of cells, each cell carrying the byte span of the
//! source text it was read from. Binding the grid to the standard tables happens once,
//! afterwards, for all shapes (see `bind`).
//!
//! Invariants:
//! - `Grid::text` is the decoded source text; every `span` indexes into it and lies on
//!   `char` boundaries.
//! - A row is what the input itself presents as a row: a line with separators, a `<tr>`,
//!   or a single line/paragraph (one cell) when the input gives cells one per line.
//! - Cells that carry no position of their own (colspan/rowspan copies, pipe-run fillers)
//!   are kept and marked, never silently dropped, so the binder can tell "an empty cell
//!   stood here" from "empty cells were collapsed somewhere".

pub use crate::span::Span;
use compact_str::CompactString;
use serde::Serialize;

/// How a grid cell stands in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// A cell written at its own position (possibly empty: an empty `<td>`, `| |`, an extra
    /// blank line in a blank-line-separated table).
    Data,
    /// A copy of the cell at `origin` (row, column) produced by expanding colspan/rowspan.
    SpanCopy { row: usize, col: usize },
    /// A separator run that stands for empty cells whose positions were lost (a line of
    /// pipes `|||||` after the values in a one-cell-per-line copy).
    Filler,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridCell {
    /// The cell text as read: tags stripped and entities decoded for HTML, whitespace
    /// trimmed; otherwise untouched (normalisation happens when binding). Inline up to 24
    /// bytes: numbers and short labels cost no allocation.
    pub text: CompactString,
    pub span: Span,
    pub kind: CellKind,
}

impl GridCell {
    pub fn data(text: impl Into<CompactString>, span: Span) -> Self {
        GridCell {
            text: text.into(),
            span,
            kind: CellKind::Data,
        }
    }
    pub fn is_data(&self) -> bool {
        self.kind == CellKind::Data
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridRow {
    pub cells: Vec<GridCell>,
    /// Span of the whole row in the source.
    pub span: Span,
    /// Index of the HTML `<table>` (or text table block) this row belongs to, if any.
    pub table: Option<usize>,
}

impl GridRow {
    /// Data cells (cells at their own position).
    pub fn data_cells(&self) -> impl Iterator<Item = &GridCell> {
        self.cells.iter().filter(|c| c.is_data())
    }
}

/// How the source presented itself; reported to the user and used for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    Html,
    Text,
    /// A Word `.docx`: `text` is the document's derived text (paragraphs as lines, a table
    /// row as one line of tab-separated cells).
    Docx,
    /// Laid out from a PDF's text layer (`ingest::layout`): `Grid::text` is the derived
    /// layout text.
    Pdf,
}

impl Shape {
    /// How the report says it was read (`input` in the JSON).
    pub fn key(self) -> &'static str {
        match self {
            Shape::Html => "html",
            Shape::Text => "text",
            Shape::Docx => "docx",
            Shape::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    #[serde(skip)]
    pub text: String,
    pub shape: Shape,
    pub rows: Vec<GridRow>,
}

impl Grid {
    /// True when the source ends right at `pos` with nothing after it (the copy may have
    /// been cut inside this cell). A space, a line end or a pipe after the value says the
    /// value was copied whole (`… 0 ` at the end of a cut copy is the cell 0).
    pub fn ends_at(&self, pos: usize) -> bool {
        pos >= self.text.len()
    }
}
