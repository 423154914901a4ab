//! Oracles the property tests compare the checker against, computed from the value model
//! alone (never from the checker): which cells a format has, and which relations of
//! spec §4 a set of values breaks.

use super::{CellKey, Synth};
use crate::codes::Code;
use crate::schema::{
    application_rows, Format, TableId, APPLICANT_COLUMNS, APPLICANT_PARTS, DISPUTE_BLOCKS,
    DISPUTE_PARTS, RESULT_ROWS,
};

/// Every cell key of a format, in table order (表二, 表三, 表四; rows, then columns): the
/// schema's list (one owner).
pub fn cell_keys(format: Format) -> Vec<CellKey> {
    crate::schema::cell_keys(format)
}

/// Every relation of spec §4 (表三 row totals, result totals, balance; 表四 block totals)
/// that fails on `values`, as `(code, the written total's cell)`. Empty for `generate`.
/// A relation with a blank operand is not assessable, so not broken.
pub fn broken_relations(s: &Synth) -> Vec<(Code, CellKey)> {
    let mut out = Vec::new();
    let mut holds = |code: Code, cell: CellKey, lhs: Option<f64>, rhs: Option<f64>| {
        if let (Some(l), Some(r)) = (lhs, rhs) {
            if l != r {
                out.push((code, cell));
            }
        }
    };
    let num = |t: TableId, r: &str, c: &str| s.get(t, r, c).and_then(|v| v.value());
    let a = TableId::Applications;
    for r in application_rows(s.format) {
        let parts = APPLICANT_PARTS.iter().map(|c| num(a, r.key, c)).sum();
        let total = (a, r.key, "total");
        holds(Code::T3RowTotal, total, parts, num(a, r.key, "total"));
    }
    let results = result_rows(s.format);
    for c in APPLICANT_COLUMNS.iter().map(|c| c.key) {
        let items = results.iter().map(|k| num(a, k, c)).sum();
        let processed = num(a, "total_processed", c);
        holds(
            Code::T3ResultTotal,
            (a, "total_processed", c),
            items,
            processed,
        );
        let lhs = num(a, "new_received", c)
            .zip(num(a, "carried_over", c))
            .map(|(x, y)| x + y);
        let rhs = processed
            .zip(num(a, "carried_forward", c))
            .map(|(x, y)| x + y);
        holds(Code::T3Balance, (a, "new_received", c), lhs, rhs);
    }
    let d = TableId::Disputes;
    for b in DISPUTE_BLOCKS.iter() {
        let parts = DISPUTE_PARTS.iter().map(|c| num(d, b.key, c)).sum();
        holds(
            Code::T4Total,
            (d, b.key, "total"),
            parts,
            num(d, b.key, "total"),
        );
    }
    out
}

/// The result rows （一）…（六） of 表三 that `format` has, in table order: the items
/// whose sum is （七）总计.
pub(super) fn result_rows(format: Format) -> Vec<&'static str> {
    let rows = application_rows(format);
    RESULT_ROWS
        .iter()
        .copied()
        .filter(|k| rows.iter().any(|r| r.key == *k))
        .collect()
}

/// The text of an HTML rendering (or a piece of one) without its tags, to find what
/// `Synth::cell_text` says is written.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
