//! `FORMAT-YEAR`, `FORMAT-MIXED` and `YEAR-MISSING`: 2019 and 2020 reports use the 2019
//! format (国办公开办函〔2019〕60号), 2021 and later the 2021 one (〔2021〕30号). The format
//! is what the tables print (binding counts each format's header words), never the notice
//! a report cites; the year is the title's.

use crate::bind::Facts;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Report;

/// `FORMAT-MIXED`: header words of both formats in one report.
pub(crate) fn mixed(facts: &Facts) -> Option<Diagnostic> {
    let (f19, f21) = facts.format_votes;
    (f19 > 0 && f21 > 0).then(|| {
        Diagnostic::new(
            Code::FormatMixed,
            format!(
                "报告同时使用了 2019 年版（{f19} 处）和 2021 年版（{f21} 处）格式的表头，已按 {} 年版读取",
                facts.format.map(|f| f.key()).unwrap_or("?")
            ),
        )
    })
}

/// `FORMAT-YEAR` and `YEAR-MISSING`.
pub(crate) fn check(report: &Report, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Format against year.
    if let (Some(f), Some(y), true) = (
        report.format,
        report.year,
        report.tables.iter().next().is_some(),
    ) {
        let (lo, hi) = f.years();
        if y < lo || y > hi {
            out.push(Diagnostic::new(
                Code::FormatYear,
                format!(
                    "{y} 年度报告使用了 {} 年版表格（{}，适用于 {}），应使用 {} 年版",
                    f.key(),
                    f.notice(),
                    if hi == i32::MAX {
                        format!("{lo} 年度及以后")
                    } else {
                        format!("{lo}—{hi} 年度")
                    },
                    if y >= 2021 { "2021" } else { "2019" }
                ),
            ));
        }
    }
    if report.year.is_none() && !text.trim().is_empty() {
        out.push(Diagnostic::new(
            Code::YearMissing,
            "文中没有写明报告年度（如「2024年政府信息公开工作年度报告」）",
        ));
    }
    out
}
