//! TEXT-TABLE-MISMATCH: numbers a report states in words (本年度共收到政府信息公开申请23件,
//! 被申请行政复议2件, 提起行政诉讼1件, 上年结转…, 结转下年度…) against the table cells they
//! describe. Only a clear statement counts: a keyword, then within the same clause a number
//! with a counting unit. The label spans the sentence fragment.

use crate::diagnostics::{CellRef, Diagnostic, Severity};
use crate::grid::{Grid, Span};
use crate::model::{Cell, Report};
use crate::normalize::fold_char;
use crate::schema::TableId;

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

/// The table's value for a claim, the cells it comes from, and an alternative reading
/// that also counts as agreeing (received including carried over).
fn table_value(
    report: &Report,
    claim: Claim,
) -> Option<(f64, Vec<CellRef>, Option<Span>, Option<f64>)> {
    let a = TableId::Applications;
    let d = TableId::Disputes;
    let r = |t: TableId, row: &'static str, col: &'static str| CellRef { table: t, row, col };
    match claim {
        Claim::Received => {
            let (v, span) = value(report, a, "new_received", "total")?;
            let alt = value(report, a, "carried_over", "total").map(|(c, _)| v + c);
            Some((v, vec![r(a, "new_received", "total")], span, alt))
        }
        Claim::CarriedOver => {
            let (v, span) = value(report, a, "carried_over", "total")?;
            Some((v, vec![r(a, "carried_over", "total")], span, None))
        }
        Claim::CarriedForward => {
            let (v, span) = value(report, a, "carried_forward", "total")?;
            Some((v, vec![r(a, "carried_forward", "total")], span, None))
        }
        Claim::Review => {
            let (v, span) = value(report, d, "review", "total")?;
            Some((v, vec![r(d, "review", "total")], span, None))
        }
        Claim::Litigation => {
            let (x, span) = value(report, d, "litigation_direct", "total")?;
            let (y, _) = value(report, d, "litigation_after_review", "total")?;
            Some((
                x + y,
                vec![
                    r(d, "litigation_direct", "total"),
                    r(d, "litigation_after_review", "total"),
                ],
                span,
                None,
            ))
        }
    }
}

fn claim_zh(c: Claim) -> (&'static str, &'static str) {
    match c {
        Claim::Received => (
            "收到申请",
            "表三「一、本年新收政府信息公开申请数量」「总计」",
        ),
        Claim::CarriedOver => (
            "上年结转",
            "表三「二、上年结转政府信息公开申请数量」「总计」",
        ),
        Claim::CarriedForward => ("结转下年度", "表三「四、结转下年度继续办理」「总计」"),
        Claim::Review => ("行政复议", "表四「行政复议」「总计」"),
        Claim::Litigation => ("行政诉讼", "表四两类行政诉讼「总计」之和"),
    }
}

/// A statement found in prose: the claim, the number, and its byte span in the source.
struct Statement {
    claim: Claim,
    number: f64,
    span: Span,
    quote: String,
}

fn scan(chars: &[(usize, char)], base_end: usize, out: &mut Vec<Statement>) {
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
                        let start = chars[i].0;
                        let stop = chars.get(end).map(|(p, _)| *p).unwrap_or(base_end);
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

pub fn check(report: &Report, grid: &Grid) -> Vec<Diagnostic> {
    let mut statements = Vec::new();
    for row in &grid.rows {
        for cell in row.cells.iter().filter(|c| c.is_data()) {
            if cell.text.len() < 16 || !cell.text.chars().any(|c| fold_char(c).is_ascii_digit()) {
                continue;
            }
            // Only sentences that mention what the tables count (simplified or traditional).
            const HINTS: [&str; 9] = [
                "收", "受理", "结转", "結轉", "复议", "復議", "诉讼", "訴訟", "转入",
            ];
            if !HINTS.iter().any(|h| cell.text.contains(h)) {
                continue;
            }
            // Offsets map to the source only when the cell text is a verbatim slice
            // (plain text); for HTML the statement is located by its paragraph.
            let verbatim =
                grid.text.get(cell.span.start..cell.span.end) == Some(cell.text.as_str());
            let chars: Vec<(usize, char)> = if verbatim {
                cell.text
                    .char_indices()
                    .map(|(i, c)| (cell.span.start + i, fold_char(c)))
                    .collect()
            } else {
                cell.text
                    .chars()
                    .map(|c| (cell.span.start, fold_char(c)))
                    .collect()
            };
            let before = statements.len();
            scan(&chars, cell.span.end, &mut statements);
            if !verbatim {
                for s in &mut statements[before..] {
                    s.span = cell.span;
                }
            }
        }
    }
    let mut out = Vec::new();
    for s in statements {
        let Some((v, cells, span, alt)) = table_value(report, s.claim) else {
            continue;
        };
        if s.number == v || alt == Some(s.number) {
            continue;
        }
        let (what, where_) = claim_zh(s.claim);
        let fmt = |x: f64| format!("{}", x as i64);
        out.push(
            Diagnostic::new(
                "TEXT-TABLE-MISMATCH",
                Severity::Warning,
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
