//! Plain text of every shape people paste into the grid: one cell per line (with or without
//! a trailing ` |`), inline pipes with colspan fillers and rowspan placeholders, a `|` on
//! its own line between cells, blank-line-separated cells (an extra newline standing for an
//! empty cell), tab-separated rows from Word/Excel, Markdown tables, and PDF text where a
//! row's numbers stand on one line separated by spaces.
//!
//! Each source line becomes one grid row; the binder decides which rows form a table row.
//! Blank lines become empty cells only where the document's own rhythm says a blank line
//! is more than a separator (see `Survey::baseline`).

use super::{Charset, InputError};
use crate::grid::{CellKind, Grid, Rows, Shape, Span};
use crate::normalize::fold_char;
use crate::value::parse_value;
use crate::value::CellState;

/// A source line: byte range without its terminator, and its trimmed part (computed
/// once: every pass over the lines asks whether a line is blank).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    trim: Span,
}

impl Line {
    fn new(text: &str, start: usize, end: usize) -> Line {
        Line {
            start,
            end,
            trim: trimmed(text, start, end),
        }
    }
    fn blank(&self) -> bool {
        self.trim.is_empty()
    }
}

/// The lines of `text`, found by memchr: ended by `\n`, `\r\n`, or a lone `\r` (old Mac
/// files). An iterator, not a vector: a copy of one short cell per line would otherwise
/// hold 32 bytes per line of a few bytes while it is read.
#[derive(Clone)]
struct Lines<'t> {
    text: &'t str,
    start: usize,
}

fn split_lines(text: &str) -> Lines<'_> {
    Lines { text, start: 0 }
}

impl Iterator for Lines<'_> {
    type Item = Line;
    fn next(&mut self) -> Option<Line> {
        let bytes = self.text.as_bytes();
        let start = self.start;
        if start >= bytes.len() {
            return None;
        }
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) => {
                let i = start + i;
                let crlf = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
                (i, i + 1 + usize::from(crlf))
            }
            None => (bytes.len(), bytes.len()),
        };
        self.start = next;
        Some(Line::new(self.text, start, end))
    }
}

#[inline]
fn is_space(c: char) -> bool {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => true,
        _ if (c as u32) < 0x80 => false,
        _ => c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}'),
    }
}

fn is_blank(s: &str) -> bool {
    let t = trimmed(s, 0, s.len());
    t.start == t.end
}

/// The trimmed sub-span of `text[start..end]`. Byte by byte while the bytes are ASCII
/// (most lines start and end with a character that is not a space): this runs for every
/// line and cell.
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut a = 0;
    while a < b.len() {
        let step = if b[a] < 0x80 {
            usize::from(is_space(b[a] as char))
        } else {
            match s[a..].chars().next() {
                Some(c) if is_space(c) => c.len_utf8(),
                _ => 0,
            }
        };
        if step == 0 {
            break;
        }
        a += step;
    }
    let mut z = b.len();
    while z > a {
        let step = if b[z - 1] < 0x80 {
            usize::from(is_space(b[z - 1] as char))
        } else {
            match s[..z].chars().next_back() {
                Some(c) if is_space(c) => c.len_utf8(),
                _ => 0,
            }
        };
        if step == 0 {
            break;
        }
        z -= step;
    }
    Span::new(start + a, start + z)
}

/// The cell `text[start..end]`, trimmed: its span.
fn cell_at(text: &str, start: usize, end: usize) -> Span {
    trimmed(text, start, end)
}

/// Is this a pipe that separates cells? Full-width `｜` counts too.
fn is_pipe(c: char) -> bool {
    c == '|' || c == '｜'
}

/// Cells of a line that contains pipes. `lone_pipe_is_cell`: in a copy whose cells are
/// lines ending in ` |`, a line holding only `|` is an empty cell; where cells are
/// separated by `|` lines it is a separator.
fn pipe_cells(text: &str, line: Line, lone_pipe_is_cell: bool, out: &mut Rows) {
    let s = &text[line.start..line.end];
    // A line of nothing but pipes stands for collapsed empty cells or a row end:
    // fillers, which carry no position. (Pipes with spaces between them, `| | | |`, are
    // empty cells in their places.)
    let only_pipes = s.bytes().all(|b| matches!(b, b'|' | b' ' | b'\t'))
        || s.chars().all(|c| is_pipe(c) || is_space(c));
    if only_pipes && !s.trim_matches(is_space).chars().any(is_space) {
        let n = s
            .chars()
            .filter(|c| is_pipe(*c))
            .count()
            .min(super::limits::MAX_EMPTY_RUN);
        if n == 1 && lone_pipe_is_cell {
            let at = trimmed(text, line.start, line.end);
            out.push_data(text, Span::new(at.start, at.start));
            return;
        }
        // A lone `|` between two cells' lines separates them and stands for no cell: a
        // filler row for each would double what a long copy of this shape holds.
        if n == 1 {
            return;
        }
        let at = Span::new(line.start, line.start);
        for _ in 0..n {
            out.push(text, "", at, CellKind::Filler);
        }
        return;
    }
    // Markdown delimiter row `|---|:---:|`: every segment dashes with optional colons,
    // one of them at least three long (`- |` alone is a not-applicable cell).
    if memchr::memchr(b'-', s.as_bytes()).is_some() && s.contains("---") && is_markdown_delimiter(s)
    {
        return;
    }
    // The segments between pipes, one after the other (never collected: a line of a few
    // hundred thousand pipes would hold 16 bytes each). The part after the last pipe is
    // the line end when it holds nothing; the part before a leading pipe likewise
    // (Markdown, rowspan continuation rows `| | 2.…`).
    let leading_pipe = s.trim_start_matches(is_space).starts_with(is_pipe);
    let mut keep = empty_run_limit();
    let mut cell = |a: usize, b: usize| {
        let span = cell_at(text, a, b);
        if keep(span) {
            out.push_data(text, span);
        }
    };
    let mut seg_start = line.start;
    for (k, (i, p)) in s.match_indices(['|', '｜']).enumerate() {
        let end = line.start + i;
        if !(k == 0 && leading_pipe && is_blank(&text[seg_start..end])) {
            cell(seg_start, end);
        }
        seg_start = end + p.len();
    }
    if !is_blank(&text[seg_start..line.end]) {
        cell(seg_start, line.end);
    }
}

fn is_markdown_delimiter(s: &str) -> bool {
    let segs: Vec<&str> = s
        .split(is_pipe)
        .map(|g| g.trim_matches(is_space))
        .filter(|g| !g.is_empty())
        .collect();
    !segs.is_empty()
        && segs.iter().all(|g| {
            let d = g.trim_start_matches(':').trim_end_matches(':');
            !d.is_empty() && d.chars().all(|c| c == '-')
        })
        && segs.iter().any(|g| g.matches('-').count() >= 3)
}

fn tab_cells(text: &str, line: Line, out: &mut Rows) {
    let s = &text[line.start..line.end];
    let mut seg_start = line.start;
    let mut quoted = false;
    let mut keep = empty_run_limit();
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == '\t' && !quoted {
            let cell = unquoted_cell(text, seg_start, line.start + i);
            if keep(cell) {
                out.push_data(text, cell);
            }
            seg_start = line.start + i + 1;
        }
    }
    // Excel and Word join cells with tabs and add none at the end: a trailing tab is
    // followed by one more, empty, cell.
    out.push_data(text, unquoted_cell(text, seg_start, line.end));
}

/// A tab-separated cell; Excel quotes a cell holding a line break (`"…\n…"`).
fn unquoted_cell(text: &str, start: usize, end: usize) -> Span {
    let span = trimmed(text, start, end);
    let t = &text[span.start..span.end];
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        return cell_at(text, span.start + 1, span.end - 1);
    }
    cell_at(text, start, end)
}

/// Does this line of a tab-separated copy open a quoted cell that goes on past the line end?
fn opens_quote(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr(b'"', b).is_some()
        && (memchr::memchr(b'\t', b).is_some() || s.starts_with('"'))
        && memchr::memchr_iter(b'"', b).count() % 2 == 1
}

/// Does the line hold a cell separator, `|` or the full-width `｜`?
fn has_pipe(s: &str) -> bool {
    memchr::memchr(b'|', s.as_bytes()).is_some() || s.contains('｜')
}

/// Whitespace-separated tokens of a line with their byte ranges.
fn tokens(text: &str, line: Line) -> Vec<(usize, usize)> {
    let s = &text[line.start..line.end];
    let mut out = Vec::new();
    let mut tok_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_space(c) {
            if let Some(a) = tok_start.take() {
                out.push((line.start + a, line.start + i));
            }
        } else if tok_start.is_none() {
            tok_start = Some(i);
        }
    }
    if let Some(a) = tok_start {
        out.push((line.start + a, line.end));
    }
    out
}

fn is_number_token(s: &str) -> bool {
    matches!(parse_value(s).state, CellState::Number | CellState::Na)
}

/// A line such as `0 0 0 0 0` or `一、本年新收… 58 7 0 0 1 0 66` (PDF text): a label
/// made of the leading words, then at least two values. `12 3` alone stays one cell
/// (it is unreadable, not two numbers), so a run without a label needs three values.
/// Pushes the cells and returns true, or pushes nothing and returns false.
fn numeric_run_cells(text: &str, line: Line, out: &mut Rows) -> bool {
    numeric_run(text, line).is_some_and(|cells| {
        for span in cells {
            out.push_data(text, span);
        }
        true
    })
}

fn numeric_run(text: &str, line: Line) -> Option<Vec<Span>> {
    // One word (a number, a label, a sentence without spaces) is no run: most lines.
    if !text[line.trim.start..line.trim.end].chars().any(is_space) {
        return None;
    }
    let toks = tokens(text, line);
    if toks.len() < 3 {
        // `label 12` is a label with one value only when the label has no digits.
        if toks.len() == 2 {
            let (a0, b0) = toks[0];
            let (a1, b1) = toks[1];
            let first = &text[a0..b0];
            if !is_number_token(first)
                && first.chars().count() >= 2
                && !first.chars().any(|c| fold_char(c).is_ascii_digit())
                && is_number_token(&text[a1..b1])
                && !first.ends_with(['年', '月', '日', ':', '：'])
            {
                return Some(vec![cell_at(text, a0, b0), cell_at(text, a1, b1)]);
            }
        }
        return None;
    }
    let first_value = toks
        .iter()
        .position(|&(a, b)| is_number_token(&text[a..b]))?;
    // After the first number, every token is a value: a number, a not-applicable mark, or
    // a short word written in a number's place (`若干`), as long as numbers dominate.
    let numbers = toks[first_value..]
        .iter()
        .filter(|&&(a, b)| is_number_token(&text[a..b]))
        .count();
    let word_in_place = |&(a, b): &(usize, usize)| {
        let t = &text[a..b];
        t.chars().count() <= 4
            && !t
                .chars()
                .any(|c| fold_char(c).is_ascii_digit() || matches!(c, '。' | '，' | ','))
    };
    if !toks[first_value..]
        .iter()
        .all(|t| is_number_token(&text[t.0..t.1]) || word_in_place(t))
        || numbers * 3 < (toks.len() - first_value) * 2
    {
        return None;
    }
    let values = toks.len() - first_value;
    if (first_value == 0 && values < 3) || values < 2 {
        return None;
    }
    if first_value > 0 {
        let label = &text[toks[0].0..toks[first_value - 1].1];
        if label.chars().any(|c| fold_char(c).is_ascii_digit()) && !label.contains(['.', '、']) {
            return None;
        }
    }
    let mut cells = Vec::with_capacity(values + 2);
    // The label words: one cell, except where a wide gap parts two columns (pdftotext
    // -layout: `三、本年度办理      1.属于国家秘密   0 0 …`).
    let mut start = 0;
    for j in 1..=first_value {
        let wide_gap = j < first_value && text[toks[j - 1].1..toks[j].0].chars().count() >= 2;
        if j == first_value || wide_gap {
            cells.push(cell_at(text, toks[start].0, toks[j - 1].1));
            start = j;
        }
    }
    cells.extend(
        toks[first_value..]
            .iter()
            .map(|&(a, b)| cell_at(text, a, b)),
    );
    Some(cells)
}

/// What one pass over the lines tells before the rows are read: the blank-line rhythm,
/// whether a lone `|` is a cell, and how many rows and cells to reserve. One pass, not
/// one per question: a copy of one short cell per line is mostly line ends.
struct Survey {
    /// How many blank lines normally separate two short cell lines: 0 (one cell per
    /// line) or 1 (cells separated by a blank line). Beyond the baseline, each extra
    /// newline stands for one empty cell, as rich-text copies write an empty paragraph as
    /// a single newline.
    baseline: usize,
    /// The copy writes each cell as a line ending in ` |`, or between pipes (`| 25 |`),
    /// rather than separating cells with lines that hold only `|`: then a lone `|` is an
    /// empty cell in its place.
    lone_pipe_is_cell: bool,
    /// Lines that are not blank (a paste of newlines would otherwise reserve a row per
    /// byte).
    written: usize,
    /// Cells: one a line, or one per separator on a line that has them (a line of numbers
    /// adds more, and the store grows).
    cells: usize,
}

fn survey(text: &str, lines: Lines) -> Survey {
    // The blank-line rhythm: gaps of 0 and 1 blank lines between two short lines.
    let mut gaps = [0usize; 2];
    let mut prev_short: Option<usize> = None;
    let mut blanks = 0usize;
    // Lines ending in a pipe against lone `|` lines after a plain line.
    let (mut terminated, mut separated) = (0usize, 0usize);
    let mut prev_plain = false;
    let (mut written, mut cells) = (0usize, 0usize);
    for (i, l) in lines.enumerate() {
        if l.blank() {
            blanks += 1;
            continue;
        }
        let s = &text[l.start..l.end];
        let t = &text[l.trim.start..l.trim.end];
        let pipe = has_pipe(t);
        let separators = memchr::memchr2_iter(b'|', b'\t', s.as_bytes()).count();
        written += 1;
        cells += separators.clamp(1, super::limits::MAX_ROW_CELLS);
        let short = s.len() <= 96
            && s.chars().count() <= 24
            && !pipe
            && memchr::memchr(b'\t', s.as_bytes()).is_none();
        if short {
            if let Some(p) = prev_short {
                if p + blanks + 1 == i && blanks < 2 {
                    gaps[blanks] += 1;
                }
            }
            prev_short = Some(i);
        } else {
            prev_short = None;
        }
        blanks = 0;
        if !pipe {
            prev_plain = true;
            continue;
        }
        let pipes = t.matches(['|', '｜']).count();
        let lone = t == "|" || t == "｜";
        // `25 |`, and `| 25 |` (a cell between two pipes on its own line).
        let wrapped = pipes == 2
            && t.starts_with(is_pipe)
            && t.ends_with(is_pipe)
            && t.chars().count() > 2
            && !t.trim_matches(is_pipe).trim_matches(is_space).is_empty();
        if (pipes == 1 && t.ends_with(is_pipe) && !lone) || wrapped {
            terminated += 1;
        }
        if lone && prev_plain {
            separated += 1;
        }
        prev_plain = false;
    }
    Survey {
        baseline: usize::from(gaps[1] > gaps[0]),
        lone_pipe_is_cell: terminated > separated,
        written,
        cells,
    }
}

/// Keeps each run of empty cells of a row (a line of tabs, `| | | …`) to `MAX_EMPTY_RUN`
/// while the row is built: no table is that wide, and a line of separators would
/// otherwise cost a cell per byte.
fn empty_run_limit() -> impl FnMut(Span) -> bool {
    let mut run = 0;
    move |c| {
        run = if c.is_empty() { run + 1 } else { 0 };
        run <= super::limits::MAX_EMPTY_RUN
    }
}

/// Read plain text into grid rows.
/// The text reader: decode the bytes, then read the rows.
pub fn read_bytes(bytes: &[u8], charset: Charset) -> Result<Grid, InputError> {
    let text = super::decode(bytes, charset)?;
    let rows = read_rows(&text);
    Ok(Grid::new(text, Shape::Text, rows))
}

/// Read plain text into grid rows over a copy of it.
pub fn read(text: &str) -> Rows {
    read_rows(text).with_text(text.to_owned())
}

/// Read plain text into grid rows (not yet given their text).
pub(crate) fn read_rows(text: &str) -> Rows {
    let lines = split_lines(text);
    let Survey {
        baseline,
        lone_pipe_is_cell,
        written,
        cells,
    } = survey(text, lines.clone());
    let mut rows = Rows::with_capacity(cells + 16, written + 16);
    let mut blank_run: Vec<Line> = Vec::new();
    let mut lines = lines;
    while let Some(mut line) = lines.next() {
        // An Excel cell with a line break: the row goes on until its quote closes.
        if opens_quote(&text[line.start..line.end]) {
            let mut quotes = text[line.start..line.end].matches('"').count();
            while quotes % 2 == 1 {
                let Some(next) = lines.next() else { break };
                quotes += text[next.start..next.end].matches('"').count();
                line.end = next.end;
            }
            line = Line::new(text, line.start, line.end);
        }
        let s = &text[line.start..line.end];
        if line.blank() {
            if blank_run.len() < baseline + super::limits::MAX_EMPTY_RUN {
                blank_run.push(line);
            }
            continue;
        }
        // Extra blank lines between two cells stand for empty cells.
        if !rows.is_empty() && blank_run.len() > baseline {
            for l in &blank_run[baseline..] {
                let at = Span::new(l.start, l.start);
                rows.push_data(text, at);
                rows.end_row(at, None);
            }
        }
        blank_run.clear();
        if has_pipe(s) {
            pipe_cells(text, line, lone_pipe_is_cell, &mut rows);
        } else if memchr::memchr(b'\t', s.as_bytes()).is_some() {
            tab_cells(text, line, &mut rows);
        } else if !numeric_run_cells(text, line, &mut rows) {
            rows.push_data(text, line.trim);
        }
        // A row without cells (a Markdown delimiter row) is dropped.
        rows.end_row(line.trim, None);
    }
    rows.shrink_to_fit();
    rows
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
                        CellKind::Filler => "<f>".to_string(),
                        _ => c.text.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn inline_pipes_keep_positional_blanks_and_drop_line_ends() {
        let rows = read("一、本年新收 | 0 | | | | | | 0 |\n| | 2.其他法律 | | 1 |\n");
        assert_eq!(
            texts(&rows)[0],
            ["一、本年新收", "0", "", "", "", "", "", "0"]
        );
        assert_eq!(texts(&rows)[1], ["", "2.其他法律", "", "1"]);
    }

    #[test]
    fn pipe_runs_are_fillers() {
        let rows = read("3 |\n|||||||\n");
        assert_eq!(texts(&rows), [vec!["3"], vec!["<f>"; 7]]);
    }

    #[test]
    fn extra_blank_lines_are_empty_cells() {
        let t = "甲\n\n103\n\n3\n\n\n\n1\n\n\n107\n\n乙\n\n1\n\n2";
        let rows = read(t);
        let flat: Vec<String> = texts(&rows).into_iter().flatten().collect();
        assert_eq!(
            flat,
            ["甲", "103", "3", "", "", "1", "", "107", "乙", "1", "2"]
        );
    }

    #[test]
    fn pdf_rows_split_only_with_enough_values() {
        assert_eq!(texts(&read("0 0 0 0 0"))[0].len(), 5);
        assert_eq!(texts(&read("12 3"))[0], ["12 3"]);
        assert_eq!(
            texts(&read("一、本年新收申请数量 58 7 0"))[0],
            ["一、本年新收申请数量", "58", "7", "0"]
        );
        assert_eq!(texts(&read("2025 年"))[0], ["2025 年"]);
        assert_eq!(texts(&read("(一)予以公开 1 0 0 若干 0 0 1"))[0].len(), 8);
        assert_eq!(texts(&read("共 3 件 其中 2 件"))[0].len(), 1);
    }

    #[test]
    fn spans_point_into_the_source() {
        let t = "规章 | ０ | 12 |";
        for row in read(t).iter() {
            for c in row.cells.iter() {
                assert_eq!(&t[c.span.start..c.span.end], c.text);
            }
        }
    }
}
