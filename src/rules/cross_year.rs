//! `CROSS-YEAR-CARRY`: two reports of one agency for consecutive years. Year N−1's
//! 结转下年度继续办理 equals year N's 上年结转政府信息公开申请数量, column by column.

use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::model::{Cell, Report};
use crate::schema::{self, TableId};
use crate::value::format_number;

/// CROSS-YEAR-CARRY: year N−1's 结转下年度 equals year N's 上年结转, column by column.
pub fn check(previous: &Report, current: &Report) -> Vec<Diagnostic> {
    let (Some(prev), Some(cur)) = (&previous.tables.applications, &current.tables.applications)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for col in schema::APPLICANT_COLUMNS {
        let a = prev.cell("carried_forward", col.key).and_then(Cell::number);
        let b = cur.cell("carried_over", col.key);
        if let (Some(a), Some(bc)) = (a, b) {
            if let Some(bv) = bc.number() {
                if a != bv {
                    out.push(
                        Diagnostic::new(
                            Code::CrossYearCarry,
                            format!(
                                "{}年度「上年结转」「{}」列为 {}，而{}年度报告「结转下年度继续办理」为 {}",
                                current.year.map(|y| y.to_string()).unwrap_or_else(|| "本".into()),
                                col.label,
                                format_number(bv),
                                previous.year.map(|y| y.to_string()).unwrap_or_else(|| "上一".into()),
                                format_number(a)
                            ),
                        )
                        .with_cells(vec![CellRef { table: TableId::Applications, row: "carried_over", col: col.key }])
                        .with_evidence(a, bv)
                        .with_label(bc.span, true, format!("应为 {}", format_number(a))),
                    );
                }
            }
        }
    }
    out
}

/// An agency's name for pairing: folded, without the 省/市 of its place name (`临沂市公安局`
/// and `临沂公安局` are one agency) and without a leading province (`山东省临沂市公安局`).
fn agency_key(name: &str) -> String {
    let folded = crate::normalize::label_key(name);
    let body = match folded.find('省') {
        // A province prefix is dropped when a city or county follows.
        Some(p) if folded[p..].contains(['市', '县', '区', '州']) => {
            &folded[p + '省'.len_utf8()..]
        }
        _ => folded.as_str(),
    };
    body.chars().filter(|c| *c != '市').collect()
}

/// Pair reports of one agency for consecutive years (N−1, N): indices `(previous, current)`.
/// A report with no agency or year is never paired; two reports of the same agency and
/// year make the pairing ambiguous, and neither is paired for that year.
pub fn pairs(reports: &[Report]) -> Vec<(usize, usize)> {
    let keys: Vec<Option<(String, i32)>> = reports
        .iter()
        .map(|r| Some((agency_key(r.agency.as_deref()?), r.year?)))
        .collect();
    let unique = |agency: &str, year: i32| {
        let found: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.as_ref().is_some_and(|(a, y)| a == agency && *y == year))
            .map(|(i, _)| i)
            .collect();
        (found.len() == 1).then(|| found[0])
    };
    let mut out = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let Some((agency, year)) = key else { continue };
        if unique(agency, *year) != Some(i) {
            continue;
        }
        if let Some(j) = unique(agency, year - 1) {
            out.push((j, i));
        }
    }
    out
}

/// Check every pair of a batch; the current year's report carries the findings.
pub fn check_many(reports: &mut [Report]) {
    for (prev, cur) in pairs(reports) {
        let found = check(&reports[prev], &reports[cur]);
        let r = &mut reports[cur];
        r.diagnostics.extend(found);
        super::summarize(r);
    }
}
