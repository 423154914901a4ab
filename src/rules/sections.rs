//! `SECTION-MISSING` and `SECTION-ORDER`: a report has six parts, 一 to 六, in that order
//! (条例第五十条 and the format's outline). Parts are found by their headings in binding.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Report;
use crate::schema;

pub(crate) fn check(report: &Report, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Sections.
    let found: Vec<usize> = report.sections.iter().map(|s| s.number as usize).collect();
    let missing: Vec<String> = schema::SECTIONS
        .iter()
        .enumerate()
        .filter(|(i, _)| !found.contains(&(i + 1)))
        .map(|(_, s)| format!("{}、{}", s.number, s.title))
        .collect();
    if !missing.is_empty() && !text.trim().is_empty() {
        out.push(Diagnostic::new(
            Code::SectionMissing,
            format!("未找到 {} 个部分：{}", missing.len(), missing.join("；")),
        ));
    }
    if found.windows(2).any(|w| w[0] > w[1]) {
        let order: Vec<String> = found
            .iter()
            .map(|n| schema::SECTIONS[n - 1].number.to_string())
            .collect();
        let mut d = Diagnostic::new(
            Code::SectionOrder,
            format!("六个部分的顺序应为一至六，本报告为：{}", order.join("、")),
        );
        if let Some(s) = report
            .sections
            .windows(2)
            .find(|w| w[0].number > w[1].number)
        {
            d = d.with_label(Some(s[1].span), true, "顺序不对");
        }
        out.push(d);
    }

    out
}
