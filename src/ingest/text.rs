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

/// A source line: byte range without its terminator, its trimmed part, and what its bytes
/// hold, all found in the one scan that finds its end. Every pass over the lines asks
/// whether a line is blank, holds a pipe, a tab or a quote: a copy of one short cell per
/// line is mostly line ends, and a search call per question on a slice of a few bytes
/// costs more than reading the bytes once.
///
/// Offsets and counts are 32 bits (36 bytes a line: the survey keeps lines for the
/// reading pass, and a line is moved at every step): text is read only within
/// `limits::MAX_INPUT_BYTES`, as the grid's stored cells assume too.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: u32,
    end: u32,
    trim_start: u32,
    trim_end: u32,
    /// ASCII `|`s.
    pipes: u32,
    /// Full-width `｜`s.
    wide_pipes: u32,
    tabs: u32,
    quotes: u32,
    /// A `-` (a Markdown delimiter row has one).
    dash: bool,
}

/// What `Line::scan` does at a character, by its first byte: steps over it (its length,
/// which is most characters) or, at `MARK` and above, looks at a byte it counts or ends
/// a line at. A character at a time: an ideograph is one look, not three.
const MARK: u8 = 8;
const LINE_END: u8 = MARK;
const PIPE: u8 = MARK + 1;
const TAB: u8 = MARK + 2;
const QUOTE: u8 = MARK + 3;
const DASH: u8 = MARK + 4;
/// EF: the lead byte of `｜` (EF BD 9C), and of other full-width forms.
const WIDE: u8 = MARK + 5;

static SCAN: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b'\n' | b'\r' => LINE_END,
            b'|' => PIPE,
            b'\t' => TAB,
            b'"' => QUOTE,
            b'-' => DASH,
            0xEF => WIDE,
            c => utf8_len(c),
        };
        i += 1;
    }
    t
};

/// The length of the character a byte starts (1 for a continuation byte, which no step
/// lands on).
const fn utf8_len(lead: u8) -> u8 {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

impl Line {
    /// The line from `start`: up to the first `\n` or `\r` before `stop` when `EOL`,
    /// otherwise all of `start..stop` (a quoted cell's lines joined). `start` and `stop`
    /// lie on char boundaries.
    fn scan<const EOL: bool>(text: &str, start: usize, stop: usize) -> Line {
        let bytes = text.as_bytes();
        let b = bytes.get(start..stop).unwrap_or_default();
        let mut end = b.len();
        let (mut pipes, mut wide_pipes, mut tabs, mut quotes) = (0, 0, 0, 0);
        let mut dash = false;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            let step = SCAN[usize::from(c)];
            if step < MARK {
                i += usize::from(step);
                continue;
            }
            match step {
                LINE_END if EOL => {
                    end = i;
                    break;
                }
                PIPE => pipes += 1,
                TAB => tabs += 1,
                QUOTE => quotes += 1,
                DASH => dash = true,
                // A lead byte is followed by its whole character.
                WIDE => {
                    if b.get(i + 1..i + 3) == Some(&WIDE_PIPE[1..]) {
                        wide_pipes += 1;
                    }
                    i += 2;
                }
                _ => {}
            }
            i += 1;
        }
        let end = start + end;
        let trim = trimmed_line(text, start, end);
        Line {
            start: narrow(start),
            end: narrow(end),
            trim_start: narrow(trim.start),
            trim_end: narrow(trim.end),
            pipes,
            wide_pipes,
            tabs,
            quotes,
            dash,
        }
    }
    fn start(&self) -> usize {
        self.start as usize
    }
    fn end(&self) -> usize {
        self.end as usize
    }
    /// The line without its leading and trailing spaces.
    fn trim(&self) -> Span {
        Span::new(self.trim_start as usize, self.trim_end as usize)
    }
    /// The trimmed line's text.
    fn trimmed_text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.trim_start as usize..self.trim_end as usize]
    }
    /// The trimmed line's bytes (for looks at its ends: no char boundary to check).
    fn trimmed_bytes<'t>(&self, text: &'t str) -> &'t [u8] {
        &text.as_bytes()[self.trim_start as usize..self.trim_end as usize]
    }
    fn pipes(&self) -> usize {
        self.pipes as usize
    }
    fn wide_pipes(&self) -> usize {
        self.wide_pipes as usize
    }
    fn tabs(&self) -> usize {
        self.tabs as usize
    }
    fn quotes(&self) -> usize {
        self.quotes as usize
    }
    fn blank(&self) -> bool {
        self.trim_start == self.trim_end
    }
    /// Does the line hold a cell separator, `|` or the full-width `｜`?
    fn has_pipe(&self) -> bool {
        self.pipes + self.wide_pipes > 0
    }
}

/// An offset or count of a line in 32 bits (see `Line`).
fn narrow(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// The lines of `text`, ended by `\n`, `\r\n`, or a lone `\r` (old Mac files). An
/// iterator, not a vector: a copy of one short cell per line would otherwise hold a `Line`
/// per line of a few bytes while it is read (the survey keeps only the first
/// `KEPT_LINES`).
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
        let line = Line::scan::<true>(self.text, start, bytes.len());
        self.start = next_line_start(bytes, line.end());
        Some(line)
    }
}

/// Where the line after the one ending at `end` starts: past its terminator.
#[inline]
fn next_line_start(bytes: &[u8], end: usize) -> usize {
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
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

/// How `has_space` steps over a character by its first byte: its length when it cannot
/// be a space, `SPACE` for an ASCII space, and `MAYBE` for a lead byte that starts a
/// Unicode space (C2, E1, E2, E3, EF: U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000,
/// U+FEFF). Stepping a character at a time never lands on a continuation byte.
const SPACE: u8 = 0;
const MAYBE: u8 = 0xFF;
static SPACE_STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => MAYBE,
            c => utf8_len(c),
        };
        i += 1;
    }
    t
};

/// Does `s` hold a space anywhere? A character at a time by its first byte: only an
/// ASCII space or a character whose lead byte starts a Unicode space is decoded, and an
/// ideograph costs one step, not three.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn has_space(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let step = SPACE_STEP[usize::from(c)];
        // A step (1 to 4 bytes): one compare for both SPACE (0) and MAYBE (FF).
        if step.wrapping_sub(1) < 4 {
            i += usize::from(step);
            continue;
        }
        match s.get(i..).and_then(|t| t.chars().next()) {
            Some(c) if is_space(c) => return true,
            Some(c) => i += c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// `trimmed` for a line: most start and end with a character that cannot be a space
/// (cells between pipes mostly have spaces around them), which is two looks at the table
/// of lead bytes here.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn trimmed_line(text: &str, start: usize, end: usize) -> Span {
    let b = text.as_bytes();
    let end = end.min(b.len());
    let no_space = |lead: u8| !matches!(SPACE_STEP[usize::from(lead)], SPACE | MAYBE);
    if start == end {
        return Span::new(start, end);
    }
    if start < end && no_space(b[start]) {
        // The last character's lead byte (`start` is one, so the search stops there).
        let mut last = end - 1;
        while last > start && b[last] & 0xC0 == 0x80 {
            last -= 1;
        }
        if no_space(b[last]) {
            return Span::new(start, end);
        }
    }
    trimmed(text, start, end)
}

/// Is `s` nothing but spaces (`s.chars().all(is_space)`)? A character at a time by its
/// lead byte, as `has_space`: most texts asked about fail at their first character.
fn all_spaces(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match SPACE_STEP[usize::from(c)] {
            SPACE => i += 1,
            MAYBE => match s.get(i..).and_then(|t| t.chars().next()) {
                Some(c) if is_space(c) => i += c.len_utf8(),
                _ => return false,
            },
            _ => return false,
        }
    }
    true
}

/// The trimmed sub-span of `text[start..end]`. Byte by byte while the bytes are ASCII
/// (most lines and cells start and end with a character that is not a space, or with an
/// ASCII space): this runs for every line and cell, and only an end that is not ASCII
/// goes to `trimmed_wide`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let b = text.as_bytes();
    let is_ascii_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let end = end.min(b.len());
    let (mut a, mut z) = (start, end);
    while a < z && is_ascii_space(b[a]) {
        a += 1;
    }
    while z > a && is_ascii_space(b[z - 1]) {
        z -= 1;
    }
    // Only a character led by C2, E1, E2, E3 or EF can be a Unicode space: an ideograph
    // (E4–E9) at either end is looked at no further.
    let may_be_space = |lead: u8| matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
    if a < z
        && ((b[a] >= 0x80 && may_be_space(b[a]))
            || (b[z - 1] >= 0x80
                && ((z >= a + 2 && b[z - 2] == 0xC2) || (z >= a + 3 && may_be_space(b[z - 3])))))
    {
        // From the end as given: a line of spaces ends its empty span where the scan from
        // the left stops.
        return trimmed_wide(text, a, end);
    }
    Span::new(a, z)
}

/// `trimmed` for a span that starts or ends with a character beyond ASCII (which may be a
/// space: U+3000, U+00A0, U+200B, U+FEFF…).
#[inline(never)]
fn trimmed_wide(text: &str, start: usize, end: usize) -> Span {
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

/// `｜` in UTF-8.
const WIDE_PIPE: &[u8] = "｜".as_bytes();

/// The length of the pipe the text `s` starts with (0 when none).
fn pipe_at_start(s: &[u8]) -> usize {
    if s.starts_with(b"|") {
        1
    } else if s.starts_with(WIDE_PIPE) {
        WIDE_PIPE.len()
    } else {
        0
    }
}

/// The length of the pipe the text `s` ends with (0 when none).
fn pipe_at_end(s: &[u8]) -> usize {
    if s.ends_with(b"|") {
        1
    } else if s.ends_with(WIDE_PIPE) {
        WIDE_PIPE.len()
    } else {
        0
    }
}

/// Cells of a line that contains pipes. `lone_pipe_is_cell`: in a copy whose cells are
/// lines ending in ` |`, a line holding only `|` is an empty cell; where cells are
/// separated by `|` lines it is a separator.
fn pipe_cells(text: &str, line: Line, lone_pipe_is_cell: bool, out: &mut Rows) {
    let s = &text[line.start()..line.end()];
    // A line of nothing but pipes stands for collapsed empty cells or a row end:
    // fillers, which carry no position. (Pipes with spaces between them, `| | | |`, are
    // empty cells in their places.)
    if only_pipes_and_spaces(s) && !has_space(line.trimmed_text(text)) {
        let n = (line.pipes() + line.wide_pipes()).min(super::limits::MAX_EMPTY_RUN);
        if n == 1 && lone_pipe_is_cell {
            out.push_slice(Span::new(line.trim().start, line.trim().start));
            return;
        }
        // A lone `|` between two cells' lines separates them and stands for no cell: a
        // filler row for each would double what a long copy of this shape holds.
        if n == 1 {
            return;
        }
        let at = Span::new(line.start(), line.start());
        for _ in 0..n {
            out.push(text, "", at, CellKind::Filler);
        }
        return;
    }
    // Markdown delimiter row `|---|:---:|`: every segment dashes with optional colons,
    // one of them at least three long (`- |` alone is a not-applicable cell).
    if line.dash && s.contains("---") && is_markdown_delimiter(s) {
        return;
    }
    // The segments between pipes, one after the other (never collected: a line of a few
    // hundred thousand pipes would hold 16 bytes each). The part after the last pipe is
    // the line end when it holds nothing; the part before a leading pipe likewise
    // (Markdown, rowspan continuation rows `| | 2.…`). Found a character at a time, and
    // only up to the last pipe the scan counted: `|` is ASCII and `｜` starts with a lead
    // byte, so every cut lies on a char boundary.
    let t = line.trimmed_bytes(text);
    let leading_pipe = pipe_at_start(t);
    let mut keep = empty_run_limit();
    let b = text.as_bytes();
    let mut pipes_left = line.pipes() + line.wide_pipes();
    let mut seg_start = line.start();
    let mut i = line.start();
    // A leading pipe ends a segment of spaces, which stands for no cell: the cutting
    // starts after it.
    if leading_pipe > 0 {
        pipes_left -= 1;
        i = line.trim().start + leading_pipe;
        seg_start = i;
    }
    // The last pipe, when the line ends with one: no need to look for it.
    let last_pipe = t.ends_with(b"|").then(|| line.trim().end - 1);
    while pipes_left > 0 && i < line.end() {
        let width = match last_pipe {
            Some(p) if pipes_left == 1 => {
                i = p;
                1
            }
            // Only `|`s: eight bytes at a time.
            _ if line.wide_pipes == 0 => match find_pipe(b, i, line.end()) {
                Some(at) => {
                    i = at;
                    1
                }
                None => 0,
            },
            // A character at a time, as the scan counted them.
            _ => loop {
                match SCAN[usize::from(b[i])] {
                    PIPE => break 1,
                    WIDE if line.wide_pipes > 0 && b.get(i + 1..i + 3) == Some(&WIDE_PIPE[1..]) => {
                        break 3
                    }
                    step => i += if step < MARK { usize::from(step) } else { 1 },
                }
                if i >= line.end() {
                    break 0;
                }
            },
        };
        if width == 0 {
            break;
        }
        // Nothing between two pipes is an empty cell there, with nothing to trim.
        let span = if seg_start == i {
            Span::new(i, i)
        } else {
            cell_at(text, seg_start, i)
        };
        if keep(span) {
            out.push_slice(span);
        }
        pipes_left -= 1;
        i += width;
        seg_start = i;
    }
    if seg_start == line.end() {
        return;
    }
    let span = cell_at(text, seg_start, line.end());
    if !span.is_empty() && keep(span) {
        out.push_slice(span);
    }
}

/// The first `|` in `b[from..to]`. Eight bytes at a time while eight are left: a byte
/// equal to `|` is a zero byte of the word xor `|`s, and the lowest byte the zero test
/// flags is the first zero (a borrow only flags bytes above one).
#[inline]
fn find_pipe(b: &[u8], from: usize, to: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const PIPES: u64 = u64::from_ne_bytes([b'|'; 8]);
    let mut i = from;
    while let Some(word) = b.get(i..i + 8).filter(|_| i + 8 <= to) {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ PIPES;
        let zeros = x.wrapping_sub(ONES) & !x & HIGH;
        if zeros != 0 {
            return Some(i + (zeros.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..to)?.iter().position(|&c| c == b'|').map(|k| i + k)
}

/// Is `s` nothing but pipes and spaces (`s.chars().all(|c| is_pipe(c) || is_space(c))`)?
/// A character at a time, decoding only one whose lead byte may start `｜` or a Unicode
/// space: most lines with pipes fail at their first cell's first character.
fn only_pipes_and_spaces(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match SPACE_STEP[usize::from(c)] {
            SPACE => i += 1,
            MAYBE => match s.get(i..).and_then(|t| t.chars().next()) {
                Some(c) if is_pipe(c) || is_space(c) => i += c.len_utf8(),
                _ => return false,
            },
            _ if c == b'|' => i += 1,
            _ => return false,
        }
    }
    true
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

/// Cells of a line with tabs. Byte by byte: a tab and a quote are ASCII, so every cut
/// lies on a char boundary.
fn tab_cells(text: &str, line: Line, out: &mut Rows) {
    let b = text.as_bytes();
    let mut seg_start = line.start();
    let mut quoted = false;
    let mut keep = empty_run_limit();
    // A character at a time, as the scan counted them.
    let mut i = line.start();
    while i < line.end() {
        match SCAN[usize::from(b[i])] {
            QUOTE => quoted = !quoted,
            TAB if !quoted => {
                let cell = unquoted_cell(text, seg_start, i);
                if keep(cell) {
                    out.push_slice(cell);
                }
                seg_start = i + 1;
            }
            WIDE => i += 2,
            step if step < MARK => i += usize::from(step) - 1,
            _ => {}
        }
        i += 1;
    }
    // Excel and Word join cells with tabs and add none at the end: a trailing tab is
    // followed by one more, empty, cell.
    out.push_slice(unquoted_cell(text, seg_start, line.end()));
}

/// A tab-separated cell; Excel quotes a cell holding a line break (`"…\n…"`).
fn unquoted_cell(text: &str, start: usize, end: usize) -> Span {
    let span = trimmed(text, start, end);
    let t = &text.as_bytes()[span.start..span.end];
    if t.len() >= 2 && t.starts_with(b"\"") && t.ends_with(b"\"") {
        return cell_at(text, span.start + 1, span.end - 1);
    }
    span
}

/// Does this line of a tab-separated copy open a quoted cell that goes on past the line end?
fn opens_quote(text: &str, line: &Line) -> bool {
    line.quotes() % 2 == 1 && (line.tabs() > 0 || text[line.start()..line.end()].starts_with('"'))
}

/// Whitespace-separated tokens of a line with their byte ranges.
fn tokens(text: &str, line: Line) -> Vec<(usize, usize)> {
    let s = &text[line.start()..line.end()];
    let mut out = Vec::new();
    let mut tok_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_space(c) {
            if let Some(a) = tok_start.take() {
                out.push((line.start() + a, line.start() + i));
            }
        } else if tok_start.is_none() {
            tok_start = Some(i);
        }
    }
    if let Some(a) = tok_start {
        out.push((line.start() + a, line.end()));
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
            out.push_slice(span);
        }
        true
    })
}

fn numeric_run(text: &str, line: Line) -> Option<Vec<Span>> {
    // One word (a number, a label, a sentence without spaces) is no run: most lines.
    if !has_space(line.trimmed_text(text)) {
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

/// Lines the survey keeps for the reading pass, which then scans only the lines after
/// them again: a short report's every line, while a long copy of one short cell per line
/// holds no more than these at once.
const KEPT_LINES: usize = 4096;

/// The survey, keeping the first `keep` lines in `kept`.
// Not inlined into `read_rows`: the two loops apart keep more of the reading pass's
// state in registers (measured: fewer instructions for every shape).
#[inline(never)]
fn survey(text: &str, lines: Lines, keep: usize, kept: &mut Vec<Line>) -> Survey {
    // The blank-line rhythm: gaps of 0 and 1 blank lines between two short lines.
    let mut gaps = [0usize; 2];
    let mut prev_short: Option<usize> = None;
    let mut blanks = 0usize;
    // Lines ending in a pipe against lone `|` lines after a plain line.
    let (mut terminated, mut separated) = (0usize, 0usize);
    let mut prev_plain = false;
    let (mut written, mut cells) = (0usize, 0usize);
    for (i, l) in lines.enumerate() {
        if kept.len() < keep {
            kept.push(l);
        }
        if l.blank() {
            blanks += 1;
            continue;
        }
        let t = l.trimmed_bytes(text);
        let pipe = l.has_pipe();
        let separators = l.pipes() + l.tabs();
        written += 1;
        cells += separators.clamp(1, super::limits::MAX_ROW_CELLS);
        let short = !pipe
            && l.tabs() == 0
            && l.end() - l.start() <= 96
            // No more characters than bytes: only a line of 25 bytes or more is counted.
            && (l.end() - l.start() <= 24 || text[l.start()..l.end()].chars().count() <= 24);
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
        let pipes = l.pipes() + l.wide_pipes();
        let lone = t == b"|" || t == WIDE_PIPE;
        // `25 |`, and `| 25 |` (a cell between two pipes on its own line: with two pipes,
        // one at each end, what lies between them is not blank).
        let (first, last) = (pipe_at_start(t), pipe_at_end(t));
        let wrapped = pipes == 2
            && first > 0
            && last > 0
            && t.len() > first + last
            && !all_spaces(&text[l.trim().start + first..l.trim().end - last]);
        if (pipes == 1 && last > 0 && !lone) || wrapped {
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

/// The lines the survey kept, then the lines after them scanned again.
struct Reread<'t> {
    kept: Vec<Line>,
    /// The next kept line.
    at: usize,
    rest: Lines<'t>,
}

impl Iterator for Reread<'_> {
    type Item = Line;
    #[inline]
    fn next(&mut self) -> Option<Line> {
        match self.kept.get(self.at) {
            Some(&line) => {
                self.at += 1;
                Some(line)
            }
            None => self.rest.next(),
        }
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
    read_rows_keeping(text, KEPT_LINES)
}

/// `read_rows` with the survey keeping `keep` lines for the reading pass.
fn read_rows_keeping(text: &str, keep: usize) -> Rows {
    // Room for the lines to keep at once (counting `\n`s costs a fraction of growing the
    // store step by step; lines ended by a lone `\r` grow it).
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut kept = Vec::with_capacity(lines.min(keep));
    let Survey {
        baseline,
        lone_pipe_is_cell,
        written,
        cells,
    } = survey(text, split_lines(text), keep, &mut kept);
    // The lines after the kept ones, scanned again (none when all were kept).
    let resume = match kept.last() {
        _ if kept.len() < keep => text.len(),
        Some(l) => next_line_start(text.as_bytes(), l.end()),
        None => 0,
    };
    let mut rows = Rows::with_capacity(cells + 16, written + 16);
    // Where each blank line of the current run starts.
    let mut blank_run: Vec<usize> = Vec::new();
    let mut lines = Reread {
        kept,
        at: 0,
        rest: Lines {
            text,
            start: resume,
        },
    };
    while let Some(mut line) = lines.next() {
        // An Excel cell with a line break: the row goes on until its quote closes.
        if opens_quote(text, &line) {
            let mut quotes = line.quotes();
            let mut end = line.end();
            while quotes % 2 == 1 {
                let Some(next) = lines.next() else { break };
                quotes += next.quotes();
                end = next.end();
            }
            line = Line::scan::<false>(text, line.start(), end);
        }
        if line.blank() {
            if blank_run.len() < baseline + super::limits::MAX_EMPTY_RUN {
                blank_run.push(line.start());
            }
            continue;
        }
        // Extra blank lines between two cells stand for empty cells.
        if !rows.is_empty() && blank_run.len() > baseline {
            for &start in &blank_run[baseline..] {
                let at = Span::new(start, start);
                rows.push_slice(at);
                rows.end_row(at, None);
            }
        }
        blank_run.clear();
        if line.has_pipe() {
            pipe_cells(text, line, lone_pipe_is_cell, &mut rows);
        } else if line.tabs() > 0 {
            tab_cells(text, line, &mut rows);
        } else if !numeric_run_cells(text, line, &mut rows) {
            rows.push_slice(line.trim());
        }
        // A row without cells (a Markdown delimiter row) is dropped.
        rows.end_row(line.trim(), None);
    }
    rows.shrink_to_fit();
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of up to five of `pieces` (the cutters' tests run on all of them).
    fn lines_of(pieces: &[&str]) -> Vec<String> {
        let mut lines = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = lines
                .iter()
                .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
                .collect();
            lines.extend(longer);
            lines.dedup();
        }
        lines
    }

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

    #[test]
    fn one_scan_counts_what_the_passes_ask() {
        let t = "a｜b|\t\"-c\r\nnext";
        let l = split_lines(t).next().unwrap();
        assert_eq!((l.start(), l.end()), (0, t.find('\r').unwrap()));
        assert_eq!(
            (l.pipes(), l.wide_pipes(), l.tabs(), l.quotes(), l.dash),
            (1, 1, 1, 1, true)
        );
        let lines: Vec<(usize, usize)> = split_lines("x\r\ry\n")
            .map(|l| (l.start(), l.end()))
            .collect();
        assert_eq!(lines, [(0, 1), (2, 2), (3, 4)]);
    }

    #[test]
    fn kept_lines_read_as_lines_scanned_again() {
        use crate::synth::{Shape, Synth};
        let mut texts: Vec<String> = Shape::ALL
            .iter()
            .map(|&s| Synth::generate(3, crate::Format::F2021).render(s))
            .collect();
        texts.push("a\t\"b\nc\"\td\r\n\r\n\n| x |\n|\n\n\n1 2 3\r".repeat(40));
        for t in &texts {
            let all = read_rows_keeping(t, KEPT_LINES);
            for keep in [0, 1, 2, 5, 37] {
                assert_eq!(read_rows_keeping(t, keep), all, "keeping {keep}");
            }
        }
    }

    #[test]
    fn scanning_by_characters_counts_every_byte() {
        use crate::synth::{Shape, Synth};
        let mut texts: Vec<String> = Shape::ALL
            .iter()
            .map(|&s| Synth::generate(5, crate::Format::F2021).render(s))
            .collect();
        texts.push("｜a，｜\t“x”\"-😀|é\r\n－|\r｜\n\n\"\t\"｜".repeat(3));
        for t in &texts {
            let mut start = 0;
            for l in split_lines(t) {
                let end = t[start..].find(['\n', '\r']).map_or(t.len(), |e| start + e);
                let s = &t[start..end];
                assert_eq!((l.start(), l.end()), (start, end));
                assert_eq!(
                    (l.pipes(), l.wide_pipes(), l.tabs(), l.quotes(), l.dash),
                    (
                        s.matches('|').count(),
                        s.matches('｜').count(),
                        s.matches('\t').count(),
                        s.matches('"').count(),
                        s.contains('-')
                    ),
                    "{s:?}"
                );
                start = next_line_start(t.as_bytes(), end);
            }
            assert_eq!(start, t.len());
        }
    }

    /// `pipe_cells` as it reads: every segment between pipes trimmed, the one before a
    /// leading pipe and the one after the last pipe dropped when empty.
    fn pipe_cells_plain(text: &str, line: Line, lone_pipe_is_cell: bool, out: &mut Rows) {
        let s = &text[line.start()..line.end()];
        let t = line.trimmed_text(text);
        if s.chars().all(|c| is_pipe(c) || is_space(c)) && !t.chars().any(is_space) {
            let n = s.chars().filter(|&c| is_pipe(c)).count();
            match n.min(super::super::limits::MAX_EMPTY_RUN) {
                1 if lone_pipe_is_cell => {
                    out.push_data(text, Span::new(line.trim().start, line.trim().start))
                }
                1 => {}
                n => (0..n).for_each(|_| {
                    out.push(
                        text,
                        "",
                        Span::new(line.start(), line.start()),
                        CellKind::Filler,
                    )
                }),
            }
            return;
        }
        if s.contains("---") && is_markdown_delimiter(s) {
            return;
        }
        let mut keep = empty_run_limit();
        let mut seg_start = line.start();
        let cuts: Vec<(usize, usize)> = s
            .char_indices()
            .filter(|&(_, c)| is_pipe(c))
            .map(|(i, c)| (line.start() + i, c.len_utf8()))
            .collect();
        for (k, &(at, width)) in cuts.iter().enumerate() {
            let span = trimmed(text, seg_start, at);
            if !(k == 0 && pipe_at_start(t.as_bytes()) > 0 && span.is_empty()) && keep(span) {
                out.push_data(text, span);
            }
            seg_start = at + width;
        }
        let span = trimmed(text, seg_start, line.end());
        if !span.is_empty() && keep(span) {
            out.push_data(text, span);
        }
    }

    #[test]
    fn pipe_cells_cut_as_they_read() {
        let mut lines = lines_of(&["|", "｜", " ", "\u{3000}", "a", "行", "-", "\t", "，"]);
        lines.extend(
            [
                "| 1 | | 2 |",
                "｜甲｜乙｜",
                " |---|:---:| ",
                "| a |b",
                "a | b | c |",
                "| 第二十条第(一)项 |  |  |  |",
                "一、本年新收政府信息公开申请数量|x||||  | 33 |",
                "|||||||||||||||||||",
                "很长很长的一个单元格里没有竖线但是有很多字 | 1",
            ]
            .map(String::from),
        );
        for l in &lines {
            let line = split_lines(l).next().unwrap_or(Line::scan::<true>(l, 0, 0));
            if !line.has_pipe() {
                continue;
            }
            for lone in [false, true] {
                let (mut fast, mut plain) = (Rows::new(), Rows::new());
                pipe_cells(l, line, lone, &mut fast);
                pipe_cells_plain(l, line, lone, &mut plain);
                assert_eq!(fast, plain, "{l:?}");
            }
        }
    }

    /// `tab_cells` byte by byte.
    fn tab_cells_plain(text: &str, line: Line, out: &mut Rows) {
        let mut keep = empty_run_limit();
        let (mut seg_start, mut quoted) = (line.start(), false);
        for (i, c) in text.bytes().enumerate().take(line.end()).skip(line.start()) {
            match c {
                b'"' => quoted = !quoted,
                b'\t' if !quoted => {
                    let cell = unquoted_cell(text, seg_start, i);
                    if keep(cell) {
                        out.push_data(text, cell);
                    }
                    seg_start = i + 1;
                }
                _ => {}
            }
        }
        out.push_data(text, unquoted_cell(text, seg_start, line.end()));
    }

    #[test]
    fn finding_a_pipe_a_word_at_a_time_finds_the_first() {
        let t = "ab|行|||  x \u{7c}\u{fc}|0123456789|abcdefghijklmnop|\u{3000}|";
        let b = t.as_bytes();
        for from in 0..=b.len() {
            for to in from..=b.len() {
                let plain = b[from..to]
                    .iter()
                    .position(|&c| c == b'|')
                    .map(|k| from + k);
                assert_eq!(find_pipe(b, from, to), plain, "{from}..{to}");
            }
        }
    }

    #[test]
    fn tab_cells_cut_as_they_read() {
        let lines = lines_of(&["\t", "\"", "a", "行", " ", "，", "\u{3000}", "｜", "\n"]);
        for l in &lines {
            // Whole, as a quoted cell's lines are joined.
            let line = Line::scan::<false>(l, 0, l.len());
            let (mut fast, mut plain) = (Rows::new(), Rows::new());
            tab_cells(l, line, &mut fast);
            tab_cells_plain(l, line, &mut plain);
            assert_eq!(fast, plain, "{l:?}");
        }
    }

    #[test]
    fn space_and_pipe_tests_agree_with_is_space() {
        // Every character alone and between an ideograph and a digit, then mixed lines.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("行{c}1"),
                format!("a{c}"),
                format!("|{c}｜"),
                format!("｜ {c}\t|"),
            ] {
                assert_eq!(has_space(&s), s.chars().any(is_space), "{:?}", s);
                let plain = s.chars().all(|c| is_pipe(c) || is_space(c));
                assert_eq!(only_pipes_and_spaces(&s), plain, "{:?}", s);
                assert_eq!(all_spaces(&s), s.chars().all(is_space), "{:?}", s);
            }
        }
        for s in [
            "",
            "一、总体情况",
            "（一）\u{200B}",
            "1\t2",
            "规章\u{3000}",
            "\u{a0}",
            "２０２２年",
            "\u{feff}x",
            "x\u{2028}",
            "😀\u{1680}",
            "😀é—·",
            "| | ｜\u{3000}|",
            "||||\u{a0}",
            "|，|",
        ] {
            assert_eq!(has_space(s), s.chars().any(is_space), "{:?}", s);
            let plain = s.chars().all(|c| is_pipe(c) || is_space(c));
            assert_eq!(only_pipes_and_spaces(s), plain, "{:?}", s);
            assert_eq!(all_spaces(s), s.chars().all(is_space), "{:?}", s);
        }
    }

    #[test]
    fn trimming_looks_at_the_ends_as_it_trims_them() {
        let ends = [
            "", " ", "\t", "\u{3000}", "\u{a0}", "\u{85}", "\u{200B}", "\u{feff}",
        ];
        let inner = ["", "行", "1", "é", "，", "😀", "\u{2028}", "a b", "。"];
        for a in ends {
            for x in inner {
                for y in inner {
                    for z in ends {
                        let s = format!("{a}{x}{y}{z}");
                        let fast = trimmed_line(&s, 0, s.len());
                        assert_eq!(fast, trimmed(&s, 0, s.len()), "{s:?}");
                        if !s.trim_matches(is_space).is_empty() {
                            assert_eq!(&s[fast.start..fast.end], s.trim_matches(is_space));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn trimming_steps_over_unicode_spaces_only() {
        let span = |s: &str| {
            let t = trimmed(s, 0, s.len());
            (t.start, t.end)
        };
        assert_eq!(span(" 行政 "), (1, 7));
        assert_eq!(span("\u{3000}25\u{a0}"), (3, 5));
        assert_eq!(span("（一）\u{200B}"), (0, 9));
        // A cell of spaces is empty where the scan from its start ends.
        assert_eq!(span("\x0b\u{a0}\r"), (4, 4));
    }
}
