//! HTML (a saved portal page, a pasted fragment, Word-exported HTML) into the grid, with
//! html5gum's tokenizer. Tables become rows of cells with rowspan/colspan expanded into
//! marked copies of their origin cell; everything else becomes one-cell rows, one per
//! block (paragraph, heading, list item, `<br>` line). Script, style and comments are
//! skipped. Cell spans cover the cell's text in the source.
//!
//! Layout tables (a report nested inside a page's layout `<table>`) are handled by
//! treating only the innermost table as data: an outer cell that contains a table becomes
//! a container whose own text is emitted as paragraphs.

use super::{limits, Charset, InputError, InputErrorKind};
use crate::grid::{CellKind, Grid, Rows, Shape, Span};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::Tokenizer;
use std::convert::Infallible;

/// A cell being read.
struct OpenCell {
    text: String,
    span: Option<Span>,
    content_start: usize,
    colspan: usize,
    rowspan: usize,
    /// A table started inside this cell: it is layout, not data.
    container: bool,
}

/// A cell of a row being read: a data cell, or a copy of the cell at (row, column).
enum Pending {
    Data(String, Span),
    Copy(Span, usize, usize),
}

impl Pending {
    fn is_data(&self) -> bool {
        matches!(self, Pending::Data(..))
    }
}

/// A row being read inside one table: cells placed so far (grid column → cell).
struct TableState {
    index: usize,
    /// Rowspan carry-over per column: (rows still covered, origin row, origin col).
    carry: Vec<Option<(usize, usize, usize)>>,
    row: Option<Vec<Pending>>,
    row_span: Option<Span>,
    cell: Option<OpenCell>,
}

struct Builder<'a> {
    src: &'a str,
    /// Span copies still allowed (colspan/rowspan expansion is bounded by the input's size,
    /// so a few bytes of `rowspan` cannot become millions of cells).
    copy_budget: usize,
    /// The budget ran out: the grid holds only part of the tables.
    overflow: bool,
    rows: Rows,
    tables: Vec<TableState>,
    table_count: usize,
    para: String,
    para_span: Option<Span>,
    skip_depth: usize,
    /// Tables open beyond `MAX_TABLE_DEPTH`.
    too_deep: usize,
}

/// A `colspan`/`rowspan` value: a positive count, 1 when absent or unreadable, at most
/// `limits::MAX_SPAN` (the official tables have a few dozen columns). Parsed as `u64`, so
/// `colspan="4294967296"` reads the same natively and in wasm32.
fn span_count(value: &[u8]) -> usize {
    std::str::from_utf8(value)
        .ok()
        .and_then(|v| v.trim().trim_end_matches(';').parse::<u64>().ok())
        .map(|n| n.clamp(1, limits::MAX_SPAN as u64) as usize)
        .unwrap_or(1)
}

const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"br",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"ul",
    b"ol",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"blockquote",
    b"pre",
    b"hr",
    b"dt",
    b"dd",
    b"title",
    b"body",
    b"caption",
];

const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"xml",
    b"svg",
    b"head",
];

fn push_text(buf: &mut String, span: &mut Option<Span>, s: &str, at: Span) {
    if s.trim().is_empty() {
        if !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        return;
    }
    buf.push_str(s);
    *span = Some(match span {
        Some(sp) => sp.cover(at),
        None => at,
    });
}

/// The sub-span of a text token without its leading/trailing whitespace.
fn inner_span(src: &str, span: Span) -> Span {
    let s = src.get(span.start..span.end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    Span::new(span.start + lead, span.start + lead + body.len())
}

impl Builder<'_> {
    fn flush_para(&mut self) {
        let text = collapse(&self.para);
        if let (false, Some(span)) = (text.is_empty(), self.para_span) {
            self.rows.push(self.src, &text, span, CellKind::Data);
            self.rows.end_row(span, None);
        }
        self.para.clear();
        self.para_span = None;
    }

    fn text(&mut self, s: &str, span: Span) {
        if self.skip_depth > 0 {
            return;
        }
        let at = inner_span(self.src, span);
        if let Some(t) = self.tables.last_mut() {
            if let Some(cell) = t.cell.as_mut() {
                if !cell.container {
                    push_text(&mut cell.text, &mut cell.span, s, at);
                    return;
                }
            }
        }
        let (mut para, mut para_span) = (std::mem::take(&mut self.para), self.para_span.take());
        push_text(&mut para, &mut para_span, s, at);
        self.para = para;
        self.para_span = para_span;
    }

    fn break_block(&mut self) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            if !cell.container {
                if !cell.text.is_empty() && !cell.text.ends_with(' ') {
                    cell.text.push(' ');
                }
                return;
            }
        }
        self.flush_para();
    }

    fn start_table(&mut self) {
        // Past the nesting limit a table is read as part of the one it stands in.
        if self.tables.len() >= super::limits::MAX_TABLE_DEPTH {
            self.too_deep += 1;
            return;
        }
        self.flush_para();
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            if !cell.container {
                cell.container = true;
                let text = std::mem::take(&mut cell.text);
                let span = cell.span.take();
                self.para = text;
                self.para_span = span;
                self.flush_para();
            }
        }
        let index = self.table_count;
        self.table_count += 1;
        self.tables.push(TableState {
            index,
            carry: Vec::new(),
            row: None,
            row_span: None,
            cell: None,
        });
    }

    fn end_table(&mut self) {
        if self.too_deep > 0 {
            self.too_deep -= 1;
            return;
        }
        self.end_row();
        self.tables.pop();
        self.flush_para();
    }

    fn start_row(&mut self, at: usize) {
        self.end_row();
        self.flush_para();
        if let Some(t) = self.tables.last_mut() {
            t.row = Some(Vec::new());
            t.row_span = Some(Span::new(at, at));
        }
    }

    /// Place rowspan copies at the row's next columns while they are covered from above.
    fn fill_carry(t: &mut TableState, budget: &mut usize, overflow: &mut bool) {
        let Some(row) = t.row.as_mut() else { return };
        let at = t
            .row_span
            .map(|s| Span::new(s.start, s.start))
            .unwrap_or_default();
        while let Some(Some((left, orow, ocol))) = t.carry.get(row.len()).copied() {
            let col = row.len();
            if *budget == 0 {
                *overflow = true;
                t.carry[col] = None;
                continue;
            }
            *budget -= 1;
            row.push(Pending::Copy(at, orow, ocol));
            t.carry[col] = if left > 1 {
                Some((left - 1, orow, ocol))
            } else {
                None
            };
        }
    }

    fn start_cell(&mut self, tag: &OpenTag) {
        self.end_cell(tag.start);
        if self.tables.last().map(|t| t.row.is_none()).unwrap_or(false) {
            self.start_row(tag.start);
        }
        if let Some(t) = self.tables.last_mut() {
            Self::fill_carry(t, &mut self.copy_budget, &mut self.overflow);
            t.cell = Some(OpenCell {
                text: String::new(),
                span: None,
                content_start: tag.end,
                colspan: tag.colspan,
                rowspan: tag.rowspan,
                container: false,
            });
        }
    }

    fn end_cell(&mut self, at: usize) {
        let grid_row = self.rows.len();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(cell) = t.cell.take() else { return };
        if cell.container {
            self.flush_para();
            return;
        }
        let Some(row) = t.row.as_mut() else { return };
        let col = row.len();
        let text = collapse(&cell.text);
        let _ = at;
        let span = cell
            .span
            .unwrap_or(Span::new(cell.content_start, cell.content_start));
        row.push(Pending::Data(text, span));
        // A row is never wider than a real table can be.
        let colspan = cell
            .colspan
            .min(limits::MAX_ROW_CELLS.saturating_sub(row.len()) + 1);
        for _ in 1..colspan {
            if self.copy_budget == 0 {
                self.overflow = true;
                break;
            }
            self.copy_budget -= 1;
            row.push(Pending::Copy(span, grid_row, col));
        }
        if cell.rowspan > 1 {
            let end = (col + colspan).min(limits::MAX_ROW_CELLS);
            if t.carry.len() < end {
                t.carry.resize(end, None);
            }
            for c in col..end {
                t.carry[c] = Some((cell.rowspan - 1, grid_row, col));
            }
        }
        if let Some(rs) = t.row_span.as_mut() {
            *rs = rs.cover(Span::new(at, at));
        }
    }

    fn end_row(&mut self) {
        let pending = self
            .tables
            .last()
            .map(|t| t.cell.is_some())
            .unwrap_or(false);
        if pending {
            let end = self
                .tables
                .last()
                .and_then(|t| t.row_span)
                .map(|s| s.end)
                .unwrap_or(0);
            self.end_cell(end);
        }
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if t.row.is_none() {
            return;
        }
        // Rowspans that cover the columns after the last written cell.
        Self::fill_carry(t, &mut self.copy_budget, &mut self.overflow);
        let row = t.row.take().unwrap_or_default();
        // Covered columns past a gap still count down.
        for slot in t.carry.iter_mut().skip(row.len()) {
            if let Some((left, _, _)) = slot {
                *left -= 1;
                if *left == 0 {
                    *slot = None;
                }
            }
        }
        let span = t.row_span.take().unwrap_or_default();
        let index = t.index;
        if row.iter().any(Pending::is_data) {
            let span = row
                .iter()
                .filter_map(|c| match c {
                    Pending::Data(_, s) if !s.is_empty() => Some(*s),
                    _ => None,
                })
                .fold(span, |acc, s| if acc.is_empty() { s } else { acc.cover(s) });
            let first = self.rows.next_cell();
            for c in row {
                match c {
                    Pending::Data(text, at) => self.rows.push(self.src, &text, at, CellKind::Data),
                    Pending::Copy(at, orow, ocol) => {
                        let origin =
                            self.rows.get(orow).map_or(first, |r| r.cells.first_index()) + ocol;
                        self.rows
                            .push(self.src, "", at, CellKind::SpanCopy { origin });
                    }
                }
            }
            self.rows.end_row(span, Some(index));
        }
    }
}

/// Collapse runs of whitespace (including `&nbsp;`) into one space and trim.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A start tag as the tokenizer reports it, piece by piece.
#[derive(Default)]
struct OpenTag {
    name: Vec<u8>,
    start: usize,
    end: usize,
    attribute: Vec<u8>,
    colspan: usize,
    rowspan: usize,
}

impl Builder<'_> {
    fn start_tag(&mut self, tag: &OpenTag, self_closing: bool) {
        let name = tag.name.as_slice();
        if SKIPPED.contains(&name) && !self_closing {
            if name != b"head" {
                self.skip_depth += 1;
            }
            return;
        }
        match name {
            b"title" => {
                self.flush_para();
            }
            b"table" => self.start_table(),
            b"tr" => self.start_row(tag.start),
            b"td" | b"th" => {
                if self.tables.is_empty() {
                    self.start_table();
                }
                self.start_cell(tag);
            }
            n if BLOCKS.contains(&n) => self.break_block(),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8], at: usize) {
        if SKIPPED.contains(&name) {
            if name != b"head" {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            return;
        }
        match name {
            b"title" => {
                self.flush_para();
            }
            b"table" if !self.tables.is_empty() => {
                self.end_table();
            }
            b"tr" => self.end_row(),
            b"td" | b"th" => self.end_cell(at),
            n if BLOCKS.contains(&n) => self.break_block(),
            _ => {}
        }
    }
}

/// Read HTML into grid rows. html5gum's callback emitter hands over borrowed pieces of
/// each token, so nothing is allocated per tag.
/// The HTML reader: decode the bytes in their declared (or sniffed) charset, then read.
pub fn read_bytes(bytes: &[u8], charset: Charset) -> Result<Grid, InputError> {
    let text = super::decode(bytes, charset)?;
    let (rows, overflow) = read_bounded(&text);
    if overflow {
        return Err(InputErrorKind::TooManyCells {
            limit: text.len() / 4 + limits::SPAN_COPIES_BASE,
        }
        .into());
    }
    Ok(Grid::new(text, Shape::Html, rows))
}

/// Read HTML into grid rows over a copy of it.
pub fn read(src: &str) -> Rows {
    read_bounded(src).0.with_text(src.to_owned())
}

/// The tokenizer's emitter without parse-error reporting: the reader never looks at
/// parse errors, and validating every byte for them was a tenth of reading a page.
struct Quiet<E>(E);

impl<E: html5gum::Emitter> html5gum::ForwardingEmitter for Quiet<E> {
    type Token = E::Token;
    fn inner(&mut self) -> &mut impl html5gum::Emitter<Token = Self::Token> {
        &mut self.0
    }
    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Read HTML into grid rows; `true` when span expansion hit its budget (the rows hold
/// only part of the tables, and `check` says the input has too many cells).
/// The rows are not yet given their text (`Rows::with_text`).
pub fn read_bounded(src: &str) -> (Rows, bool) {
    let mut b = Builder {
        src,
        copy_budget: src.len() / 4 + limits::SPAN_COPIES_BASE,
        overflow: false,
        rows: Rows::new(),
        tables: Vec::new(),
        table_count: 0,
        para: String::new(),
        para_span: None,
        skip_depth: 0,
        too_deep: 0,
    };
    let mut tag = OpenTag::default();
    let clamp = |x: usize| x.min(src.len());
    {
        let builder = &mut b;
        let mut emitter = CallbackEmitter::new(
            |event: CallbackEvent<'_>, span: html5gum::Span<usize>| -> Option<Infallible> {
                match event {
                    CallbackEvent::OpenStartTag { name } => {
                        tag.name.clear();
                        tag.name.extend(name.iter().map(u8::to_ascii_lowercase));
                        tag.start = clamp(span.start);
                        tag.colspan = 1;
                        tag.rowspan = 1;
                    }
                    CallbackEvent::AttributeName { name } => {
                        tag.attribute.clear();
                        tag.attribute
                            .extend(name.iter().map(u8::to_ascii_lowercase));
                    }
                    CallbackEvent::AttributeValue { value } => match tag.attribute.as_slice() {
                        b"colspan" => tag.colspan = span_count(value),
                        b"rowspan" => tag.rowspan = span_count(value),
                        _ => {}
                    },
                    CallbackEvent::CloseStartTag { self_closing } => {
                        tag.end = clamp(span.end);
                        builder.start_tag(&tag, self_closing);
                    }
                    CallbackEvent::EndTag { name } => {
                        let lower: Vec<u8> = name.iter().map(u8::to_ascii_lowercase).collect();
                        builder.end_tag(&lower, clamp(span.start));
                    }
                    CallbackEvent::String { value } => {
                        let at = Span::new(clamp(span.start), clamp(span.end));
                        if let (Ok(text), true) = (
                            std::str::from_utf8(value),
                            src.is_char_boundary(at.start) && src.is_char_boundary(at.end),
                        ) {
                            builder.text(text, at);
                        }
                    }
                    _ => {}
                }
                None
            },
        );
        emitter.naively_switch_states(true);
        let _ = Tokenizer::new_with_emitter(src, Quiet(emitter)).finish();
    }
    while !b.tables.is_empty() {
        b.end_table();
    }
    b.flush_para();
    let overflow = b.overflow;
    let mut rows = piped_paragraphs(src, b.rows);
    rows.shrink_to_fit();
    (rows, overflow)
}

/// Paragraphs that hold a pipe-separated copy (`<p>30 |</p>`, a rich-text paste of a
/// plain-text table) are read as the lines of text they are; each cell keeps its
/// paragraph's span.
fn piped_paragraphs(src: &str, rows: Rows) -> Rows {
    // A paragraph row: one cell outside any table, with its text.
    let para = |i: usize| {
        let r = rows.row(i);
        (r.table.is_none() && r.cells.len() == 1)
            .then(|| rows.cell_over(src, r.cells.first_index()).text)
    };
    let piped = (0..rows.len())
        .filter(|&i| para(i).is_some_and(|t| t.contains(['|', '｜'])))
        .count();
    if piped < 3 {
        return rows;
    }
    let mut out = Rows::with_capacity(rows.cell_count(), rows.len());
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, out: &mut Rows| {
        if run.is_empty() {
            return;
        }
        // The run as text, one paragraph a line, and where each line starts.
        let mut text = String::new();
        let mut starts = Vec::with_capacity(run.len());
        for &i in run.iter() {
            starts.push(text.len());
            text.push_str(para(i).unwrap_or(""));
            text.push('\n');
        }
        let lines = super::text::read_rows(&text);
        for k in 0..lines.len() {
            let line = starts
                .partition_point(|&s| s <= lines.row(k).span.start)
                .saturating_sub(1);
            let span = run.get(line).map(|&i| rows.row(i).span).unwrap_or_default();
            out.append_row(src, &lines, &text, k, Some(span));
        }
        run.clear();
    };
    for i in 0..rows.len() {
        if para(i).is_some() {
            run.push(i);
            continue;
        }
        flush(&mut run, &mut out);
        out.append_row(src, &rows, src, i, None);
    }
    flush(&mut run, &mut out);
    out
}

/// Does this text look like HTML (a page or a pasted fragment) rather than plain text?
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if !t.starts_with('<') {
        return false;
    }
    let mut end = t.len().min(2048);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let lower = t[..end].to_ascii_lowercase();
    [
        "<!doctype",
        "<html",
        "<meta",
        "<table",
        "<body",
        "<p",
        "<div",
        "<head",
        "<span",
        "<tr",
        "<!--",
        "<h1",
        "<h2",
        "<section",
        "<article",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &Rows) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| match c.kind {
                        CellKind::SpanCopy { .. } => "^".to_string(),
                        _ => c.text.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rowspan_and_colspan_expand_to_marked_copies() {
        let h = "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>1</td><td>2</td></tr></table>";
        assert_eq!(texts(&read(h)), [vec!["A", "B", "^"], vec!["^", "1", "2"]]);
    }

    #[test]
    fn word_html_cells_read_as_text() {
        let h = "<p class=MsoNormal>一、总体情况</p><table><tr><td><p class=MsoNormal><span style='mso-x'>1&nbsp;2</span><o:p></o:p></p></td><td>&nbsp;</td></tr></table>";
        assert_eq!(texts(&read(h)), [vec!["一、总体情况"], vec!["1 2", ""]]);
    }

    #[test]
    fn script_and_style_are_skipped() {
        let h = "<p>甲</p><script>alert('x')</script><style>p{}</style><p>乙</p>";
        assert_eq!(texts(&read(h)), [vec!["甲"], vec!["乙"]]);
    }

    #[test]
    fn layout_tables_are_containers() {
        let h = "<table><tr><td>前言<table><tr><td>规章</td><td>1</td></tr></table>后记</td></tr></table>";
        assert_eq!(
            texts(&read(h)),
            [vec!["前言"], vec!["规章", "1"], vec!["后记"]]
        );
    }

    #[test]
    fn cell_spans_cover_the_text() {
        let h = "<table><tr><td> 规章 </td><td>&#49;2</td></tr></table>";
        let rows = read(h);
        let cells = rows.row(0).cells;
        let first = cells.get(0).unwrap();
        assert_eq!(&h[first.span.start..first.span.end], "规章");
        assert_eq!(cells.get(1).unwrap().text, "12");
    }
}
