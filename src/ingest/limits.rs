//! The limits every reader keeps, the same natively and in the page. Real reports are far
//! below each (the largest in the corpus is well under 1 MB of text, its tables a few
//! hundred cells); anything beyond is refused with a message instead of freezing the tab.

/// Input text (decoded) or file bytes: 20 MB.
pub const MAX_INPUT_BYTES: usize = 20 << 20;
/// Cells in one grid (every table of the report together). The three official tables have
/// about 200 cells; a generous page of layout tables a few thousand.
pub const MAX_GRID_CELLS: usize = 1_000_000;
/// `colspan` / `rowspan` of one HTML cell: the official tables have at most a few dozen
/// columns and rows.
pub const MAX_SPAN: usize = 64;
/// Nesting depth of tables (HTML, DOCX) that is followed; deeper ones are read as text.
pub const MAX_TABLE_DEPTH: usize = 32;
/// Empty cells one run of blank lines, or one line of nothing but pipes, stands for. A
/// whole empty table is a few hundred cells; a longer run stands for nothing more, so
/// a paste of newlines or pipes costs no cell per byte.
pub const MAX_EMPTY_RUN: usize = 256;
