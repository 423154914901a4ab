//! TEXT-TABLE-MISMATCH: numbers a report states in words (本年度共收到政府信息公开申请23件,
//! 被申请行政复议2件, 提起行政诉讼1件, 上年结转…, 结转下年度…) against the table cells they
//! describe. Only a clear statement counts: a keyword, then within the same clause a number
//! with a counting unit. The label spans the sentence fragment.

use super::names::cell_name;
use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::grid::{Grid, GridCell, Span};
use crate::model::{Cell, Report};
use crate::normalize::{fold_char, is_ideograph};
use crate::schema::{self, Format, TableId};

/// What a statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    Received,
    CarriedOver,
    CarriedForward,
    Review,
    Litigation,
}

struct Pattern {
    claim: Claim,
    keywords: &'static [&'static str],
    /// Must appear between keyword and number (empty: nothing required).
    requires: &'static [&'static str],
    /// Must not appear between keyword and number.
    forbids: &'static [&'static str],
    /// How many characters may stand between keyword and number.
    window: usize,
}

const PATTERNS: &[Pattern] = &[
    Pattern {
        claim: Claim::Received,
        keywords: &["收到", "受理", "新收"],
        requires: &["申请"],
        forbids: &[
            "结转", "复议", "诉讼", "办结", "答复", "咨询", "举报", "投诉", "信访", "年",
        ],
        window: 24,
    },
    Pattern {
        claim: Claim::CarriedOver,
        keywords: &["上年结转", "上年度结转"],
        requires: &[],
        forbids: &["年"],
        window: 16,
    },
    Pattern {
        claim: Claim::CarriedForward,
        keywords: &["结转下年", "结转至下年", "结转到下年", "转入下年"],
        requires: &[],
        forbids: &["年度继续办理的申请数量"],
        window: 12,
    },
    Pattern {
        claim: Claim::Review,
        keywords: &["行政复议"],
        requires: &[],
        forbids: &["诉讼", "维持", "纠正"],
        window: 4,
    },
    Pattern {
        claim: Claim::Litigation,
        keywords: &["行政诉讼"],
        requires: &[],
        forbids: &["复议", "维持", "驳回"],
        window: 4,
    },
];

const UNITS: [char; 8] = ['件', '条', '起', '个', '份', '宗', '次', '例'];
const BREAKS: [char; 6] = ['。', ';', '；', '!', '?', '\n'];

fn value(report: &Report, table: TableId, row: &str, col: &str) -> Option<(f64, Option<Span>)> {
    let cell: &Cell = report.tables.get(table)?.cell(row, col)?;
    Some((cell.number()?, cell.span))
}

/// What the tables say about a claim.
struct TableValue {
    value: f64,
    /// The cells the value comes from.
    cells: Vec<CellRef>,
    span: Option<Span>,
    /// Another reading that also agrees (received including carried over).
    alt: Option<f64>,
}

/// The table's value for a claim.
fn table_value(report: &Report, claim: Claim) -> Option<TableValue> {
    let a = TableId::Applications;
    let d = TableId::Disputes;
    let r = |t: TableId, row: &'static str, col: &'static str| CellRef { table: t, row, col };
    let one = |t: TableId, row: &'static str| {
        let (value, span) = value(report, t, row, "total")?;
        Some(TableValue {
            value,
            cells: vec![r(t, row, "total")],
            span,
            alt: None,
        })
    };
    match claim {
        Claim::Received => {
            let mut v = one(a, "new_received")?;
            v.alt = value(report, a, "carried_over", "total").map(|(c, _)| v.value + c);
            Some(v)
        }
        Claim::CarriedOver => one(a, "carried_over"),
        Claim::CarriedForward => one(a, "carried_forward"),
        Claim::Review => one(d, "review"),
        Claim::Litigation => {
            let x = one(d, "litigation_direct")?;
            let y = one(d, "litigation_after_review")?;
            Some(TableValue {
                value: x.value + y.value,
                cells: x.cells.into_iter().chain(y.cells).collect(),
                span: x.span,
                alt: None,
            })
        }
    }
}

/// What a claim is called in a message, and the table cell(s) it is compared with (named
/// from the schema's labels).
fn claim_zh(c: Claim, format: Option<Format>) -> (&'static str, String) {
    let a = |row: &'static str| {
        cell_name(
            format,
            &CellRef {
                table: TableId::Applications,
                row,
                col: "total",
            },
        )
    };
    let review = || {
        cell_name(
            format,
            &CellRef {
                table: TableId::Disputes,
                row: "review",
                col: "total",
            },
        )
    };
    match c {
        Claim::Received => ("收到申请", a("new_received")),
        Claim::CarriedOver => ("上年结转", a("carried_over")),
        Claim::CarriedForward => ("结转下年度", a("carried_forward")),
        Claim::Review => ("行政复议", review()),
        Claim::Litigation => (
            "行政诉讼",
            format!("表四两类{}「总计」之和", schema::LITIGATION_HEADER),
        ),
    }
}

/// A statement found in prose: the claim, the number, and its byte span in the source.
struct Statement {
    claim: Claim,
    number: f64,
    span: Span,
    quote: String,
}

/// A set of characters by the low six bits of each (64 bits, one per value): a character
/// outside it is none of them, one inside may be. The scan tries its words only where one
/// may start, not at every character.
#[derive(Clone, Copy)]
struct Starts(u64);

impl Starts {
    /// The characters the words start with.
    const fn of(words: &[&str]) -> Starts {
        let mut set = 0;
        let mut k = 0;
        while k < words.len() {
            set |= 1 << low_bits(words[k]);
            k += 1;
        }
        Starts(set)
    }

    fn may_start(self, c: char) -> bool {
        self.0 >> (c as u32 & 63) & 1 != 0
    }
}

/// The low six bits of a text's first character: those of the last byte of its UTF-8
/// encoding (a continuation byte carries six bits of the code point, ASCII all seven).
const fn low_bits(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() && b[i + 1] & 0xC0 == 0x80 {
        i += 1;
    }
    (b[i] & 0x3F) as u32
}

/// Where each pattern's keywords may start (`PATTERNS` in order).
const KEYWORD_STARTS: [Starts; PATTERNS.len()] = {
    let mut out = [Starts(0); PATTERNS.len()];
    let mut p = 0;
    while p < PATTERNS.len() {
        out[p] = Starts::of(PATTERNS[p].keywords);
        p += 1;
    }
    out
};

fn scan(chars: &[(u32, char)], base_end: usize, out: &mut Vec<Statement>) {
    let n = chars.len();
    let at = |i: usize| chars[i].1;
    let text =
        |from: usize, to: usize| -> String { chars[from..to].iter().map(|(_, c)| *c).collect() };
    let starts_with = |i: usize, w: &str| {
        w.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k).map(|(_, x)| *x) == Some(c))
    };
    for (pat, &may) in PATTERNS.iter().zip(&KEYWORD_STARTS) {
        let mut i = 0;
        while i < n {
            if !may.may_start(at(i)) {
                i += 1;
                continue;
            }
            let Some(kw) = pat.keywords.iter().find(|k| starts_with(i, k)) else {
                i += 1;
                continue;
            };
            let kw_len = kw.chars().count();
            let mut j = i + kw_len;
            let limit = (j + pat.window + 1).min(n);
            let mut found = None;
            while j < limit {
                let c = at(j);
                if BREAKS.contains(&c) {
                    break;
                }
                if c.is_ascii_digit() {
                    let mut k = j;
                    while k < n && at(k).is_ascii_digit() {
                        k += 1;
                    }
                    // Spaces in PDF text: `1 件`.
                    let mut u = k;
                    while u < n && at(u) == ' ' {
                        u += 1;
                    }
                    if u < n
                        && UNITS.contains(&at(u))
                        && (j == 0 || !at(j - 1).is_ascii_digit() && at(j - 1) != '.')
                    {
                        found = Some((j, k, u + 1));
                    }
                    break;
                }
                j += 1;
            }
            if let Some((a, b, end)) = found {
                let between = text(i + kw_len, a);
                let ok = pat
                    .requires
                    .iter()
                    .all(|r| between.contains(r) || kw.contains(r))
                    && !pat.forbids.iter().any(|f| between.contains(f));
                if ok {
                    if let Ok(v) = text(a, b).parse::<f64>() {
                        let start = chars[i].0 as usize;
                        let stop = chars.get(end).map(|(p, _)| *p as usize).unwrap_or(base_end);
                        out.push(Statement {
                            claim: pat.claim,
                            number: v,
                            span: Span::new(start, stop),
                            quote: text(i, end),
                        });
                    }
                }
                i = end;
            } else {
                i += kw_len;
            }
        }
    }
}

/// Characters of a cell for scanning, each with the byte offset it maps to. Offsets map
/// into the source only when the cell text is a verbatim slice (plain text); for HTML a
/// statement is located by its paragraph.
fn cell_chars(grid: &Grid, cell: GridCell, out: &mut Vec<(u32, char)>) {
    if verbatim(grid, cell) {
        out.extend(
            cell.text
                .char_indices()
                .map(|(i, c)| (offset(cell.span.start + i), fold_char(c))),
        );
    } else {
        let at = offset(cell.span.start);
        out.extend(cell.text.chars().map(|c| (at, fold_char(c))));
    }
}

/// The cell's text is the source at its span (plain text), not a decoded copy (HTML). The
/// same slice is the common case and needs no byte comparison.
fn verbatim(grid: &Grid, cell: GridCell) -> bool {
    grid.text()
        .get(cell.span.start..cell.span.end)
        .is_some_and(|s| std::ptr::eq(s, cell.text) || s == cell.text)
}

/// A byte offset as scanned: 32 bits, as inputs are limited to 20 MB
/// (`ingest::limits::MAX_INPUT_BYTES`); a long paragraph costs 8 bytes a character, not 16.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Only sentences that mention what the tables count (simplified or traditional).
const HINTS: [&str; 9] = [
    "收", "受理", "结转", "結轉", "复议", "復議", "诉讼", "訴訟", "转入",
];

/// Where a hint may start.
const HINT_STARTS: Starts = Starts::of(&HINTS);

/// The text holds a hint: looked for only where one may start.
fn hinted(text: &str) -> bool {
    text.char_indices()
        .any(|(i, c)| HINT_STARTS.may_start(c) && HINTS.iter().any(|h| text[i..].starts_with(h)))
}

/// Row `i` when it is prose: one data cell of at least two characters.
fn prose_cell(grid: &Grid, i: usize) -> Option<GridCell<'_>> {
    let c = grid.rows.sole_cell(i).filter(GridCell::is_data)?;
    c.text.chars().nth(1).map(|_| c)
}

/// A digit once folded (`2`, `２`). An ideograph folds to an ideograph, never to a digit, so
/// the text's words are passed over without folding.
fn is_digit(c: char) -> bool {
    !is_ideograph(c) && fold_char(c).is_ascii_digit()
}

pub fn check(report: &Report, grid: &Grid) -> Vec<Diagnostic> {
    // Prose comes one paragraph (or PDF line) per one-cell row; a sentence a PDF wrapped
    // over two lines (`提起行政` / `诉讼14件。`) is read across the line end.
    let mut statements = Vec::new();
    let mut chars: Vec<(u32, char)> = Vec::new();
    for row in 0..grid.rows.len() {
        // A sentence is at least a few characters; table labels and values are not prose
        // to join, but a label is still scanned on its own.
        // (Twelve bytes are at least the two characters of a prose cell.)
        let Some(cell) = grid.rows.sole_data_cell(row, 12) else {
            continue;
        };
        // The next line continues this sentence when this one does not end it and the next
        // is words, not a number.
        let next = prose_cell(grid, row + 1).filter(|c| {
            c.text.len() < 600
                && c.text.chars().next().is_some_and(is_ideograph)
                && !cell.text.trim_end().ends_with(['。', '；', ';', '!', '?'])
        });
        let has_digit = |c: GridCell| c.text.chars().any(is_digit);
        if !(has_digit(cell) || next.is_some_and(has_digit)) {
            continue;
        }
        // A hint in the line, or a two-character hint across the line end (`行政` / `诉讼`
        // is found in the next line; `复` / `议` across it).
        let last = cell.text.trim_end().chars().last().unwrap_or(' ');
        let first = next.and_then(|n| n.text.chars().next()).unwrap_or(' ');
        if !(hinted(cell.text)
            || next.is_some_and(|n| hinted(n.text))
            || HINTS.iter().any(|h| h.chars().eq([last, first])))
        {
            continue;
        }
        chars.clear();
        cell_chars(grid, cell, &mut chars);
        let first_len = chars.len();
        if let Some(n) = next {
            cell_chars(grid, n, &mut chars);
        }
        let end = next.map(|n| n.span.end).unwrap_or(cell.span.end);
        let before = statements.len();
        scan(&chars, end, &mut statements);
        // A statement belongs to the line its keyword starts on; the next line's own
        // statements are found when it is scanned.
        let first_end = chars
            .get(first_len)
            .map(|(p, _)| *p as usize)
            .unwrap_or(usize::MAX);
        let mut kept = before;
        for i in before..statements.len() {
            if statements[i].span.start < first_end || first_len == chars.len() {
                statements.swap(kept, i);
                kept += 1;
            }
        }
        statements.truncate(kept);
        // HTML paragraphs: the statement is shown on its paragraph.
        if !verbatim(grid, cell) {
            for st in &mut statements[before..] {
                st.span = cell.span;
            }
        }
    }
    let mut out = Vec::new();
    for s in statements {
        let Some(TableValue {
            value: v,
            cells,
            span,
            alt,
        }) = table_value(report, s.claim)
        else {
            continue;
        };
        if s.number == v || alt == Some(s.number) {
            continue;
        }
        let (what, where_) = claim_zh(s.claim, report.format);
        let fmt = |x: f64| format!("{}", x as i64);
        out.push(
            Diagnostic::new(
                Code::TextTableMismatch,
                format!(
                    "正文称「{}」（{}{}），但{}为 {}",
                    s.quote,
                    what,
                    fmt(s.number),
                    where_,
                    fmt(v)
                ),
            )
            .with_cells(cells)
            .with_evidence(v, s.number)
            .with_label(Some(s.span), true, format!("正文：{}", fmt(s.number)))
            .with_label(span, false, format!("表格：{}", fmt(v))),
        );
    }
    out
}
