//! The limits every reader keeps, the same natively and in the page. Real reports are far
//! below each (the largest in the corpus is well under 1 MB of text, its tables a few
//! hundred cells); anything beyond is refused with a message instead of freezing the tab.

/// Input text (decoded) or file bytes: 20 MB.
pub const MAX_INPUT_BYTES: usize = 20 << 20;
/// Cells of one grid row: the widest official table row has 16 cells.
pub const MAX_ROW_CELLS: usize = 256;
/// Span copies (colspan/rowspan expansion) an HTML input may make: this many plus one per
/// 4 bytes of input. The official tables need about 100; a real page a few thousand.
pub const SPAN_COPIES_BASE: usize = 20_000;
/// `colspan` / `rowspan` of one HTML cell: the official tables have at most a few dozen
/// columns and rows.
pub const MAX_SPAN: usize = 64;
/// Nesting depth of tables (HTML, DOCX) that is followed; deeper ones are read as text.
pub const MAX_TABLE_DEPTH: usize = 32;
