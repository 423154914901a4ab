//! The limits every reader keeps, the same natively and in the page. Real reports are far
//! below each (the largest in the corpus is well under 1 MB of text, its tables a few
//! hundred cells); anything beyond is refused with a message instead of freezing the tab.

/// Input text (decoded) or file bytes: 20 MB.
pub const MAX_INPUT_BYTES: usize = 20 << 20;
/// Cells of one grid from a structured file (DOCX, PDF): the three official tables have
/// about 200 cells, a document with many layout tables a few thousand.
pub const MAX_GRID_CELLS: usize = 1_000_000;
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
/// Entries in a `.docx` zip: a Word document has a few dozen (one per part and picture).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// `word/document.xml`, decompressed: 64 MB (a long report with pictures elsewhere is a
/// few MB; the text it yields is held to `MAX_INPUT_BYTES` besides).
pub const MAX_DOCUMENT_XML: usize = 64 << 20;
/// Any other part that is read (`numbering.xml`, `styles.xml`), decompressed: 8 MB.
pub const MAX_DOCX_PART: usize = 8 << 20;
/// How many times a part may expand over its compressed size. Word's XML deflates 5–30
/// times; a zip bomb a thousand times.
pub const MAX_COMPRESSION_RATIO: usize = 100;
/// Output allowed whatever the ratio (a small part of repetitive XML may deflate far).
pub const RATIO_ALLOWANCE: usize = 4 << 20;
/// Nesting depth of XML elements that is followed; deeper content is dropped.
pub const MAX_XML_DEPTH: usize = 256;

/// PDF (the `pdf` reader): pages of one file. Annual reports run to a few dozen pages.
pub const MAX_PDF_PAGES: usize = 2_000;
/// PDF: objects in one file (a long report from Word has a few thousand).
pub const MAX_PDF_OBJECTS: usize = 200_000;
/// PDF: one stream once decompressed, read through a bounded inflater whatever length
/// the file declares.
pub const MAX_PDF_STREAM_BYTES: usize = 16 << 20;
/// PDF: all decompressed stream data of one file together.
pub const MAX_PDF_INFLATED_BYTES: usize = 64 << 20;
/// PDF: content-stream operators of all pages together (a text page has a few thousand).
pub const MAX_PDF_OPERATORS: usize = 5_000_000;
/// PDF: nesting of arrays and dictionaries, of the page tree, and of Form XObjects.
pub const MAX_PDF_NESTING: usize = 64;
/// PDF: characters shown in all pages together (a long report has about 100,000).
pub const MAX_PDF_GLYPHS: usize = 1_000_000;
/// Layout: characters × ruling lines of one page beyond which the page is laid out by
/// gaps alone (a real table page is a few million; a hatched page could be billions).
pub const MAX_LAYOUT_RULE_WORK: usize = 40_000_000;
/// Empty cells one run of blank lines, or one line of nothing but pipes, stands for. A
/// whole empty table is a few hundred cells; a longer run stands for nothing more, so
/// a paste of newlines or pipes costs no cell per byte.
pub const MAX_EMPTY_RUN: usize = 256;
