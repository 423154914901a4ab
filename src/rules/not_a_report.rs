//! `NOT-A-REPORT`: input with none of a report's marks — no title naming the topic, no
//! section heading, no table of the format — is not a 政府信息公开工作年度报告 (pasted
//! garbage, another document, an empty page). It gets this one finding instead of a list
//! of everything a report would have.

use crate::bind::Facts;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Report;

/// True when nothing of a report was found.
pub(crate) fn is_not_a_report(report: &Report, facts: &Facts) -> bool {
    report.sections.is_empty()
        && report.tables.iter().next().is_none()
        && report.year.is_none()
        && report.agency.is_none()
        && facts.format_votes == (0, 0)
}

pub(crate) fn finding(text: &str) -> Diagnostic {
    let chars = text.chars().count();
    Diagnostic::new(
        Code::NotAReport,
        "这不像政府信息公开工作年度报告：没有找到报告标题、一至六部分的标题或表二、表三、表四",
    )
    .with_note(format!(
        "读到 {chars} 个字符；请粘贴年度报告全文（含标题和三张统计表），或上传报告文件"
    ))
}
