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
use serde::Serialize;

/// How a grid cell stands in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A cell written at its own position (possibly empty: an empty `<td>`, `| |`, an extra
    /// blank line in a blank-line-separated table).
    Data,
    /// A copy of the cell at index `origin` of the grid's cells (in reading order),
    /// produced by expanding colspan/rowspan.
    SpanCopy { origin: usize },
    /// A separator run that stands for empty cells whose positions were lost (a line of
    /// pipes `|||||` after the values in a one-cell-per-line copy).
    Filler,
}

/// A cell as the grid hands it out: its text (tags stripped and entities decoded for HTML,
/// whitespace trimmed; otherwise untouched, normalisation happens when binding), its span
/// and how it stands. A view into the grid; copies and fillers have empty text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridCell<'g> {
    pub text: &'g str,
    pub span: Span,
    pub kind: CellKind,
}

impl GridCell<'_> {
    pub fn is_data(&self) -> bool {
        self.kind == CellKind::Data
    }
}

/// A stored cell: 12 bytes. Spans fit 32 bits (inputs are at most
/// `ingest::limits::MAX_INPUT_BYTES`); `tag` holds the kind in its top two bits and, below
/// them, the index of the cell's decoded text (a data cell whose text is not the verbatim
/// source slice) or of a copy's origin cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stored {
    start: u32,
    end: u32,
    tag: u32,
}

const KIND_SHIFT: u32 = 30;
const INDEX_MASK: u32 = (1 << KIND_SHIFT) - 1;
const VERBATIM: u32 = 0;
const DECODED: u32 = 1;
const FILLER: u32 = 2;
const COPY: u32 = 3;

/// A stored row: its first cell (its cells run to the next row's first) and its span.
/// 12 bytes; the row's table is kept apart (`Rows::tables`), as plain text has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StoredRow {
    first: u32,
    start: u32,
    end: u32,
}

const NO_TABLE: u32 = u32::MAX;

fn narrow(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// The rows of a grid, over the source text they index into. One flat store: cells in
/// reading order, rows as index ranges into them, and one arena for the texts that are
/// not a verbatim slice of the source (decoded HTML entities, collapsed whitespace), so a
/// cell of a few bytes of input costs 12 bytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    text: String,
    cells: Vec<Stored>,
    rows: Vec<StoredRow>,
    /// The table of each row (`NO_TABLE` when none), empty while no row has a table.
    tables: Vec<u32>,
    /// Texts of cells that are not verbatim slices, one after the other…
    decoded: String,
    /// …and where each ends in `decoded` (the `n`th starts where the `n - 1`th ends).
    decoded_ends: Vec<u32>,
    /// The first cell of the row being built.
    open: u32,
}

impl Rows {
    /// An empty store for rows read from a source that the reader holds; the text is
    /// handed over at the end (`with_text`).
    pub fn new() -> Rows {
        Rows::default()
    }

    /// Room for about `cells` cells and `rows` rows.
    pub fn with_capacity(cells: usize, rows: usize) -> Rows {
        Rows {
            cells: Vec::with_capacity(cells),
            rows: Vec::with_capacity(rows),
            ..Rows::default()
        }
    }

    /// The store over its source text (the text every span indexes into).
    pub fn with_text(mut self, text: String) -> Rows {
        self.text = text;
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// Add a cell to the open row. `src` is the text spans index into; a text that is the
    /// verbatim slice `src[span]` costs nothing more, any other goes to the arena. A copy's
    /// or filler's text is empty.
    pub fn push(&mut self, src: &str, text: &str, span: Span, kind: CellKind) {
        let tag = match kind {
            CellKind::Data if src.get(span.start..span.end) == Some(text) => VERBATIM << KIND_SHIFT,
            CellKind::Data => {
                self.decoded.push_str(text);
                self.decoded_ends.push(narrow(self.decoded.len()));
                (DECODED << KIND_SHIFT) | (narrow(self.decoded_ends.len() - 1) & INDEX_MASK)
            }
            CellKind::Filler => FILLER << KIND_SHIFT,
            CellKind::SpanCopy { origin } => (COPY << KIND_SHIFT) | (narrow(origin) & INDEX_MASK),
        };
        self.store(span, tag);
    }

    /// Add a data cell whose text is the slice `src[span]`.
    pub fn push_data(&mut self, src: &str, span: Span) {
        match src.get(span.start..span.end) {
            // Its own slice: verbatim, without comparing the text with itself.
            Some(_) => self.store(span, VERBATIM << KIND_SHIFT),
            None => self.push(src, "", span, CellKind::Data),
        }
    }

    /// Add a data cell whose text is the slice `src[span]`, for a reader that cut `span`
    /// on the source's char boundaries itself: stored without looking at the text again
    /// (a span off them would read as an empty text, as `push_data` stores it).
    pub fn push_slice(&mut self, span: Span) {
        self.store(span, VERBATIM << KIND_SHIFT);
    }

    fn store(&mut self, span: Span, tag: u32) {
        self.cells.push(Stored {
            start: narrow(span.start),
            end: narrow(span.end),
            tag,
        });
    }

    /// Cells in the open row so far.
    pub fn open_len(&self) -> usize {
        self.cells.len() - self.open as usize
    }

    /// Index the next cell pushed will have.
    pub fn next_cell(&self) -> usize {
        self.cells.len()
    }

    /// Close the open row with its span and table. A row without cells is dropped.
    pub fn end_row(&mut self, span: Span, table: Option<usize>) {
        if self.open_len() == 0 {
            return;
        }
        if let Some(t) = table {
            // The first row with a table: the rows before it had none.
            self.tables.resize(self.rows.len(), NO_TABLE);
            self.tables.push(narrow(t));
        } else if !self.tables.is_empty() {
            self.tables.push(NO_TABLE);
        }
        self.rows.push(StoredRow {
            first: self.open,
            start: narrow(span.start),
            end: narrow(span.end),
        });
        self.open = narrow(self.cells.len());
    }

    /// Drop the cells of the open row.
    pub fn discard_open(&mut self) {
        // Decoded texts of the dropped cells stay in the arena; they are rare and small.
        self.cells.truncate(self.open as usize);
    }

    /// Give back spare capacity: the grid of a long report is the largest thing in memory.
    pub fn shrink_to_fit(&mut self) {
        self.cells.shrink_to_fit();
        self.rows.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.decoded.shrink_to_fit();
        self.decoded_ends.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Cells of all rows.
    pub fn cell_count(&self) -> usize {
        self.rows.last().map_or(0, |_| self.open as usize)
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> RowRef<'_> {
        let r = self.rows[i];
        let end = self.rows.get(i + 1).map_or(self.open, |n| n.first);
        RowRef {
            cells: Cells {
                rows: self,
                first: r.first,
                end,
            },
            span: Span::new(r.start as usize, r.end as usize),
            table: self
                .tables
                .get(i)
                .filter(|&&t| t != NO_TABLE)
                .map(|&t| t as usize),
        }
    }

    pub fn get(&self, i: usize) -> Option<RowRef<'_>> {
        (i < self.rows.len()).then(|| self.row(i))
    }

    /// The cell of row `i` when the row has exactly one (a paragraph, a line of text),
    /// without making the row.
    pub fn sole_cell(&self, i: usize) -> Option<GridCell<'_>> {
        let r = self.rows.get(i)?;
        let end = self.rows.get(i + 1).map_or(self.open, |n| n.first);
        (end == r.first + 1).then(|| self.cell(r.first as usize))
    }

    /// `sole_cell(i)` when it is a data cell of at least `min` bytes of text; a verbatim
    /// cell's length is its span's, so a short one is passed without making the cell.
    pub fn sole_data_cell(&self, i: usize, min: usize) -> Option<GridCell<'_>> {
        let r = self.rows.get(i)?;
        let end = self.rows.get(i + 1).map_or(self.open, |n| n.first);
        if end != r.first + 1 {
            return None;
        }
        let c = self.cells[r.first as usize];
        match c.tag >> KIND_SHIFT {
            VERBATIM if ((c.end - c.start) as usize) < min => None,
            VERBATIM | DECODED => Some(self.cell(r.first as usize)).filter(|c| c.text.len() >= min),
            _ => None,
        }
    }

    pub fn first(&self) -> Option<RowRef<'_>> {
        self.get(0)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = RowRef<'_>> + ExactSizeIterator {
        (0..self.rows.len()).map(move |i| self.row(i))
    }

    /// Cell `i` of all cells in reading order.
    pub fn cell(&self, i: usize) -> GridCell<'_> {
        self.cell_over(&self.text, i)
    }

    /// The span of cell `i` of all cells in reading order.
    pub fn span(&self, i: usize) -> Span {
        let c = self.cells[i];
        Span::new(c.start as usize, c.end as usize)
    }

    /// The two texts every cell's text is a slice of: the source and the decoded texts.
    pub fn texts(&self) -> [&str; 2] {
        [&self.text, &self.decoded]
    }

    /// Cell `i` of a store still being read, over the source `src` it is read from.
    pub fn cell_over<'a>(&'a self, src: &'a str, i: usize) -> GridCell<'a> {
        let c = self.cells[i];
        let span = Span::new(c.start as usize, c.end as usize);
        let index = (c.tag & INDEX_MASK) as usize;
        let (text, kind) = match c.tag >> KIND_SHIFT {
            VERBATIM => (src.get(span.start..span.end).unwrap_or(""), CellKind::Data),
            DECODED => {
                let start = index
                    .checked_sub(1)
                    .map_or(0, |p| self.decoded_ends[p] as usize);
                let end = self.decoded_ends[index] as usize;
                (&self.decoded[start..end], CellKind::Data)
            }
            FILLER => ("", CellKind::Filler),
            _ => ("", CellKind::SpanCopy { origin: index }),
        };
        GridCell { text, span, kind }
    }

    /// All cells in reading order.
    pub fn cells(&self) -> impl DoubleEndedIterator<Item = GridCell<'_>> + ExactSizeIterator {
        (0..self.cell_count()).map(move |i| self.cell(i))
    }

    /// Copy row `i` of `other` (read from `other_src`) into this store; `respan`, when
    /// given, becomes the span of the row and of each of its cells.
    pub fn append_row(
        &mut self,
        src: &str,
        other: &Rows,
        other_src: &str,
        i: usize,
        respan: Option<Span>,
    ) {
        let row = other.row(i);
        let first = row.cells.first_index();
        // Copies keep pointing at their origin: the cells before it moved by as many as
        // this row's did.
        let shift = self.next_cell() as isize - first as isize;
        for k in first..first + row.cells.len() {
            let c = other.cell_over(other_src, k);
            let kind = match c.kind {
                CellKind::SpanCopy { origin } => CellKind::SpanCopy {
                    origin: origin.saturating_add_signed(shift),
                },
                k => k,
            };
            self.push(src, c.text, respan.unwrap_or(c.span), kind);
        }
        self.end_row(respan.unwrap_or(row.span), row.table);
    }
}

/// A row of the grid: what the input itself presents as a row.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'g> {
    pub cells: Cells<'g>,
    /// Span of the whole row in the source.
    pub span: Span,
    /// Index of the HTML `<table>` (or text table block) this row belongs to, if any.
    pub table: Option<usize>,
}

impl<'g> RowRef<'g> {
    /// Data cells (cells at their own position).
    pub fn data_cells(&self) -> impl Iterator<Item = GridCell<'g>> + 'g {
        self.cells.iter().filter(|c| c.is_data())
    }
}

/// The cells of one row.
#[derive(Debug, Clone, Copy)]
pub struct Cells<'g> {
    rows: &'g Rows,
    first: u32,
    end: u32,
}

impl<'g> Cells<'g> {
    pub fn len(&self) -> usize {
        (self.end - self.first) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Index of this row's first cell among all cells.
    pub fn first_index(&self) -> usize {
        self.first as usize
    }
    pub fn get(&self, i: usize) -> Option<GridCell<'g>> {
        (i < self.len()).then(|| self.rows.cell(self.first as usize + i))
    }
    pub fn first(&self) -> Option<GridCell<'g>> {
        self.get(0)
    }
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = GridCell<'g>> + ExactSizeIterator + 'g {
        let rows = self.rows;
        (self.first as usize..self.end as usize).map(move |i| rows.cell(i))
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

#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub shape: Shape,
    /// The rows, over the decoded source text (`text`).
    pub rows: Rows,
}

impl Grid {
    pub fn new(text: String, shape: Shape, rows: Rows) -> Grid {
        Grid {
            shape,
            rows: rows.with_text(text),
        }
    }
    /// The decoded source text every span indexes into.
    pub fn text(&self) -> &str {
        self.rows.text()
    }
    pub fn into_text(self) -> String {
        self.rows.into_text()
    }
    /// True when the source ends right at `pos` with nothing after it (the copy may have
    /// been cut inside this cell). A space, a line end or a pipe after the value says the
    /// value was copied whole (`… 0 ` at the end of a cut copy is the cell 0).
    pub fn ends_at(&self, pos: usize) -> bool {
        pos >= self.text().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_pushed_unchecked_reads_as_one_pushed_checked() {
        let src = "规章 | ０ | 12 |é";
        for a in 0..=src.len() + 1 {
            for b in a..=src.len() + 1 {
                let span = Span::new(a, b);
                let (mut checked, mut unchecked) = (Rows::new(), Rows::new());
                checked.push_data(src, span);
                unchecked.push_slice(span);
                if src.get(a..b).is_some() {
                    assert_eq!(checked, unchecked);
                }
                let (c, u) = (checked.cell_over(src, 0), unchecked.cell_over(src, 0));
                assert_eq!((c.text, c.span, c.kind), (u.text, u.span, u.kind));
            }
        }
    }

    #[test]
    fn sole_data_cell_is_sole_cell_filtered() {
        // Plain lines, a table's rows with merged cells (copies) and entities (decoded).
        let inputs = [
            "一、总体情况\n本年度共收到申请33件。\n| 规章 | 3 | 0 |\n短\n",
            "<p>本年度&nbsp;收到&amp;申请 12 件</p><table><tr><td rowspan=2>三、本年度办理结果</td>\
             <td>予以公开</td><td>5</td></tr><tr><td>部分公开</td><td></td></tr></table><p>x</p>",
        ];
        for text in inputs {
            let grid = crate::ingest::read_text(text);
            for i in 0..=grid.rows.len() {
                for min in 0..40 {
                    let plain = grid
                        .rows
                        .sole_cell(i)
                        .filter(|c| c.is_data() && c.text.len() >= min);
                    assert_eq!(
                        grid.rows.sole_data_cell(i, min),
                        plain,
                        "{text:?} row {i} min {min}"
                    );
                }
            }
        }
    }
}
