//! Across two reports of one agency for consecutive years (N−1, N):
//! - `CROSS-YEAR-CARRY`: year N−1's 结转下年度继续办理 equals year N's 上年结转政府信息公开
//!   申请数量, column by column;
//! - `CROSS-YEAR-STOCK`: for two 2021-format years, 表二 现行有效件数(N) equals
//!   现行有效件数(N−1) plus 本年制发件数(N) minus 本年废止件数(N), per row (规章,
//!   行政规范性文件). Across the 2020 → 2021 format change the 2019 table has no 现行有效
//!   column: the check is skipped and the skip is recorded as not assessable, saying why.
//!
//! Pairing a batch (`pairs`) is by agency name and year as read from each report's title.

use crate::diagnostics::{CellRef, Code, Diagnostic, NotAssessable};
use crate::model::{Cell, Report};
use crate::schema::Format;
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

/// An agency's name for pairing: folded, without the 省/市 of its place name (`青州市公安局`
/// and `青州公安局` are one agency) and without a leading province (`山东省青州市公安局`).
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
    let ids: Vec<(Option<&str>, Option<i32>)> = reports
        .iter()
        .map(|r| (r.agency.as_deref(), r.year))
        .collect();
    pairs_by(&ids)
}

/// `pairs` over (agency, year) as read from each report (the page pairs reports checked
/// in separate workers by what they read).
pub fn pairs_by(ids: &[(Option<&str>, Option<i32>)]) -> Vec<(usize, usize)> {
    let keys: Vec<Option<(String, i32)>> = ids
        .iter()
        .map(|(agency, year)| Some((agency_key((*agency)?), (*year)?)))
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

/// `CROSS-YEAR-STOCK` for one pair: findings, and the instances that could not be
/// evaluated (an operand without a value, or the format change).
pub fn stock(previous: &Report, current: &Report) -> (Vec<Diagnostic>, Vec<NotAssessable>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let (Some(prev), Some(cur)) = (&previous.tables.proactive, &current.tables.proactive) else {
        return (found, skipped);
    };
    let year = |r: &Report, fallback: &str| {
        r.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| fallback.to_string())
    };
    let p = TableId::Proactive;
    let cell = |row: &'static str, col: &'static str| CellRef { table: p, row, col };
    for row in ["regulations", "normative_documents"] {
        let label = schema::row_label(p, current.format, row);
        let in_force = cell(row, "in_force");
        if previous.format != Some(Format::F2021) || current.format != Some(Format::F2021) {
            if current.format == Some(Format::F2021) && previous.format == Some(Format::F2019) {
                skipped.push(NotAssessable {
                    code: Code::CrossYearStock,
                    message: format!(
                        "表二「{label}」现行有效件数无法跨年核对：{}年度报告使用 2019 年版格式，没有「现行有效件数」栏（{}年度起使用 2021 年版）",
                        year(previous, "上一"),
                        year(current, "本")
                    ),
                    cells: vec![in_force],
                    unusable: vec![cell(row, "in_force")],
                });
            }
            continue;
        }
        let prev_stock = prev.cell(row, "in_force");
        let get = |c: &'static str| cur.cell(row, c);
        let operands = [
            (prev_stock, cell(row, "in_force")),
            (get("issued"), cell(row, "issued")),
            (get("repealed"), cell(row, "repealed")),
            (get("in_force"), in_force),
        ];
        let unusable: Vec<CellRef> = operands
            .iter()
            .filter(|(c, _)| c.and_then(Cell::number).is_none())
            .map(|(_, r)| *r)
            .collect();
        let value = |c: Option<&Cell>| c.and_then(Cell::number).unwrap_or(0.0);
        if !unusable.is_empty() {
            skipped.push(NotAssessable {
                code: Code::CrossYearStock,
                message: format!("表二「{label}」现行有效件数无法跨年核对：相关单元格空白、填写「/」或文字，或未读到"),
                cells: operands.iter().map(|(_, r)| *r).collect(),
                unusable,
            });
            continue;
        }
        let expected = value(prev_stock) + value(get("issued")) - value(get("repealed"));
        let actual = value(get("in_force"));
        if expected != actual {
            let span = get("in_force").and_then(|c| c.span);
            found.push(
                Diagnostic::new(
                    Code::CrossYearStock,
                    format!(
                        "表二「{label}」现行有效件数为 {}，而{}年度报告现行有效 {} + 本年制发 {} − 本年废止 {} = {}",
                        format_number(actual),
                        year(previous, "上一"),
                        format_number(value(prev_stock)),
                        format_number(value(get("issued"))),
                        format_number(value(get("repealed"))),
                        format_number(expected)
                    ),
                )
                .with_cells(vec![in_force, cell(row, "issued"), cell(row, "repealed")])
                .with_evidence(expected, actual)
                .with_label(span, true, format!("应为 {}", format_number(expected))),
            );
        }
    }
    (found, skipped)
}

/// Every cross-year finding of one pair, and what could not be evaluated.
pub fn check_pair(previous: &Report, current: &Report) -> (Vec<Diagnostic>, Vec<NotAssessable>) {
    let mut found = check(previous, current);
    let (stock, skipped) = stock(previous, current);
    found.extend(stock);
    (found, skipped)
}

/// Check every pair of a batch; the current year's report carries the findings.
pub fn check_many(reports: &mut [Report]) {
    for (prev, cur) in pairs(reports) {
        let (found, skipped) = check_pair(&reports[prev], &reports[cur]);
        let r = &mut reports[cur];
        r.diagnostics.extend(found);
        r.not_assessable.extend(skipped);
        super::summarize(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_pair_across_spellings_of_their_place_and_never_across_agencies() {
        let ids = [
            (Some("青州市公安局"), Some(2020)),
            (Some("青州公安局"), Some(2021)),
            (Some("山东省青州市公安局"), Some(2022)),
            (Some("青州市民政局"), Some(2021)),
            (Some("青州市公安局"), Some(2023)),
            (None, Some(2024)),
        ];
        assert_eq!(pairs_by(&ids), vec![(0, 1), (1, 2), (2, 4)]);
        // Two reports of one agency and year: ambiguous, neither is paired for it.
        let twice = [
            (Some("某某局"), Some(2020)),
            (Some("某某局"), Some(2021)),
            (Some("某某局"), Some(2021)),
        ];
        assert!(pairs_by(&twice).is_empty());
    }
}
