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

fn scan(chars: &[(u32, char)], base_end: usize, out: &mut Vec<Statement>) {
    let folded: Vec<char> = chars.iter().map(|(_, c)| *c).collect();
    let n = folded.len();
    let starts_with = |i: usize, w: &str| {
        w.chars()
            .enumerate()
            .all(|(k, c)| folded.get(i + k) == Some(&c))
    };
    for pat in PATTERNS {
        let mut i = 0;
        while i < n {
            let Some(kw) = pat.keywords.iter().find(|k| starts_with(i, k)) else {
                i += 1;
                continue;
            };
            let kw_len = kw.chars().count();
            let mut j = i + kw_len;
            let limit = (j + pat.window + 1).min(n);
            let mut found = None;
            while j < limit {
                let c = folded[j];
                if BREAKS.contains(&c) {
                    break;
                }
                if c.is_ascii_digit() {
                    let mut k = j;
                    while k < n && folded[k].is_ascii_digit() {
                        k += 1;
                    }
                    // Spaces in PDF text: `1 件`.
                    let mut u = k;
                    while u < n && folded[u] == ' ' {
                        u += 1;
                    }
                    if u < n
                        && UNITS.contains(&folded[u])
                        && (j == 0 || !folded[j - 1].is_ascii_digit() && folded[j - 1] != '.')
                    {
                        found = Some((j, k, u + 1));
                    }
                    break;
                }
                j += 1;
            }
            if let Some((a, b, end)) = found {
                let between: String = folded[i + kw_len..a].iter().collect();
                let ok = pat
                    .requires
                    .iter()
                    .all(|r| between.contains(r) || kw.contains(r))
                    && !pat.forbids.iter().any(|f| between.contains(f));
                if ok {
                    let digits: String = folded[a..b].iter().collect();
                    if let Ok(v) = digits.parse::<f64>() {
                        let start = chars[i].0 as usize;
                        let stop = chars.get(end).map(|(p, _)| *p as usize).unwrap_or(base_end);
                        out.push(Statement {
                            claim: pat.claim,
                            number: v,
                            span: Span::new(start, stop),
                            quote: folded[i..end].iter().collect(),
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
    let verbatim = grid.text().get(cell.span.start..cell.span.end) == Some(cell.text);
    if verbatim {
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

/// A byte offset as scanned: 32 bits, as inputs are limited to 20 MB
/// (`ingest::limits::MAX_INPUT_BYTES`); a long paragraph costs 8 bytes a character, not 16.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Only sentences that mention what the tables count (simplified or traditional).
const HINTS: [&str; 9] = [
    "收", "受理", "结转", "結轉", "复议", "復議", "诉讼", "訴訟", "转入",
];

pub fn check(report: &Report, grid: &Grid) -> Vec<Diagnostic> {
    // Prose comes one paragraph (or PDF line) per one-cell row; a sentence a PDF wrapped
    // over two lines (`提起行政` / `诉讼14件。`) is read across the line end.
    let prose: Vec<(usize, GridCell)> = grid
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r.cells.first() {
            Some(c) if r.cells.len() == 1 && c.is_data() && c.text.chars().count() >= 2 => {
                Some((i, c))
            }
            _ => None,
        })
        .collect();
    let mut statements = Vec::new();
    let mut chars: Vec<(u32, char)> = Vec::new();
    for (k, &(row, cell)) in prose.iter().enumerate() {
        // A sentence is at least a few characters; table labels and values are not prose
        // to join, but a label is still scanned on its own.
        if cell.text.len() < 12 {
            continue;
        }
        // The next line continues this sentence when this one does not end it and the next
        // is words, not a number.
        let next = prose
            .get(k + 1)
            .filter(|(r, c)| {
                *r == row + 1
                    && c.text.len() < 600
                    && c.text.chars().next().is_some_and(is_ideograph)
                    && !cell.text.trim_end().ends_with(['。', '；', ';', '!', '?'])
            })
            .map(|(_, c)| *c);
        let has_digit = |c: GridCell| c.text.chars().any(|ch| fold_char(ch).is_ascii_digit());
        if !(has_digit(cell) || next.is_some_and(has_digit)) {
            continue;
        }
        // A hint in the line, or a two-character hint across the line end (`行政` / `诉讼`
        // is found in the next line; `复` / `议` across it).
        let last = cell.text.trim_end().chars().last().unwrap_or(' ');
        let first = next.and_then(|n| n.text.chars().next()).unwrap_or(' ');
        let hinted = HINTS.iter().any(|h| {
            cell.text.contains(h)
                || next.is_some_and(|n| n.text.contains(h))
                || h.chars().eq([last, first])
        });
        if !hinted {
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
        if grid.text().get(cell.span.start..cell.span.end) != Some(cell.text) {
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
