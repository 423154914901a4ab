//! Oracles the property tests compare the checker against, computed from the value model
//! alone (never from the checker): which cells a format has, and which relations of
//! spec §4 a set of values breaks.

use super::{CellKey, Synth};
use crate::codes::Code;
use crate::schema::{
    application_rows, proactive_subtables, Format, TableId, APPLICANT_COLUMNS, APPLICANT_PARTS,
    DISPUTE_BLOCKS, DISPUTE_COLUMNS, DISPUTE_PARTS, RESULT_ROWS,
};

/// Every cell key of a format, in table order (表二, 表三, 表四; rows, then columns).
pub fn cell_keys(format: Format) -> Vec<CellKey> {
    let mut keys = Vec::new();
    for sub in proactive_subtables(format) {
        for r in sub.rows {
            for c in sub.columns {
                keys.push((TableId::Proactive, r.key, c.key));
            }
        }
    }
    for r in application_rows(format) {
        for c in APPLICANT_COLUMNS.iter() {
            keys.push((TableId::Applications, r.key, c.key));
        }
    }
    for b in DISPUTE_BLOCKS.iter() {
        for c in DISPUTE_COLUMNS.iter() {
            keys.push((TableId::Disputes, b.key, c.key));
        }
    }
    keys
}

/// Every relation of spec §4 (表三 row totals, result totals, balance; 表四 block totals)
/// that fails on `values`, as `(code, the written total's cell)`. Empty for `generate`.
pub fn broken_relations(s: &Synth) -> Vec<(Code, CellKey)> {
    let mut out = Vec::new();
    let num = |t: TableId, r: &str, c: &str| s.get(t, r, c).and_then(|v| v.value());
    let a = TableId::Applications;
    let rows = application_rows(s.format);
    for r in rows {
        let parts: Option<f64> = APPLICANT_PARTS.iter().map(|c| num(a, r.key, c)).sum();
        if let (Some(p), Some(t)) = (parts, num(a, r.key, "total")) {
            if p != t {
                out.push((Code::T3RowTotal, (a, r.key, "total")));
            }
        }
    }
    for c in APPLICANT_COLUMNS.iter() {
        let items: Option<f64> = RESULT_ROWS
            .iter()
            .filter(|k| rows.iter().any(|r| r.key == **k))
            .map(|k| num(a, k, c.key))
            .sum();
        if let (Some(i), Some(t)) = (items, num(a, "total_processed", c.key)) {
            if i != t {
                out.push((Code::T3ResultTotal, (a, "total_processed", c.key)));
            }
        }
        let lhs = num(a, "new_received", c.key)
            .zip(num(a, "carried_over", c.key))
            .map(|(x, y)| x + y);
        let rhs = num(a, "total_processed", c.key)
            .zip(num(a, "carried_forward", c.key))
            .map(|(x, y)| x + y);
        if let (Some(l), Some(r)) = (lhs, rhs) {
            if l != r {
                out.push((Code::T3Balance, (a, "new_received", c.key)));
            }
        }
    }
    let d = TableId::Disputes;
    for b in DISPUTE_BLOCKS.iter() {
        let parts: Option<f64> = DISPUTE_PARTS.iter().map(|c| num(d, b.key, c)).sum();
        if let (Some(p), Some(t)) = (parts, num(d, b.key, "total")) {
            if p != t {
                out.push((Code::T4Total, (d, b.key, "total")));
            }
        }
    }
    out
}
