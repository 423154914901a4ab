//! Rules: the arithmetic relations (data in `relations`, one generic evaluator in
//! `evaluate`) and the checks that are not arithmetic, one file each with its basis:
//! `cells`, `tables` (present and complete), `sections`, `format_year`, `prose` (prose
//! against tables) and `cross_year` (across two reports). Every finding is made with
//! `Diagnostic::new(Code, …)`, which takes its severity from the registry (`crate::codes`).
//! A relation whose operand has no value is *not assessable*: recorded apart, never a
//! pass and never a failure.

mod cells;
pub mod cross_year;
mod evaluate;
mod format_year;
mod names;
mod not_a_report;
mod prose;
pub mod relations;
mod sections;
mod tables;

use crate::bind::Facts;
use crate::diagnostics::Severity;
use crate::grid::Grid;
use crate::model::Report;

/// Run every rule on a bound report; fills `diagnostics`, `not_assessable` and `summary`.
pub fn check(report: &mut Report, grid: &Grid, facts: &Facts) {
    let text = grid.text();
    if !text.trim().is_empty() && not_a_report::is_not_a_report(report, facts) {
        report.diagnostics = vec![not_a_report::finding(text)];
        summarize(report);
        return;
    }
    // Findings in a fixed order before sorting, so findings at one position keep it:
    // the format, binding's own, structure, relations, cells, prose.
    let mut diagnostics: Vec<_> = format_year::mixed(report, facts).into_iter().collect();
    diagnostics.append(&mut report.diagnostics);
    diagnostics.extend(tables::check(report, text, facts));
    diagnostics.extend(sections::check(report, text));
    diagnostics.extend(format_year::check(report, text));
    let (relation_diags, na, passed) = evaluate::evaluate(report);
    diagnostics.extend(relation_diags);
    diagnostics.extend(cells::check(report));
    diagnostics.extend(prose::check(report, grid));
    report.diagnostics = diagnostics;
    report.not_assessable = na;
    report.summary.passed = passed;
    summarize(report);
}

/// Sort the findings (errors first, then by position in the source) and count them.
pub fn summarize(report: &mut Report) {
    report.diagnostics.sort_by_key(|d| {
        (
            d.severity,
            d.primary_span().map(|s| s.start).unwrap_or(usize::MAX),
        )
    });
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    report.summary.errors = count(Severity::Error);
    report.summary.warnings = count(Severity::Warning);
    report.summary.infos = count(Severity::Info);
    report.summary.not_assessable = report.not_assessable.len();
}
