//! nianbao (年报体检): reads a 政府信息公开工作年度报告 in any shape people paste or save,
//! binds its tables to the national format, checks every relation, and reports each finding
//! on the exact cell. The core is pure: it takes text or bytes and returns values; only
//! `wasm` (the browser facade) and the CLI binary touch the outside world.
//!
//! Pipeline: bytes ─▶ `ingest` (decode, sniff, text/HTML → `grid::Grid`) ─▶ `bind`
//! (grid → `model::Report` tables) ─▶ `rules` (relations as data + checks) ─▶
//! `diagnostics` (plain data) ─▶ renderers (`chart`, JSON, terminal, page).

pub mod bind;
pub mod chart;
pub mod codes;
pub mod diagnostics;
pub mod export;
#[cfg(feature = "synth")]
pub mod fuzz;
pub mod grid;
pub mod ingest;
pub mod model;
pub(crate) mod normalize;
pub mod rules;
pub mod schema;
pub mod span;
#[cfg(feature = "synth")]
pub mod synth;
#[cfg(feature = "cli")]
pub mod terminal;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use codes::{Code, Severity};
pub use diagnostics::{CellRef, Diagnostic, Label, NotAssessable};
pub use ingest::{InputError, InputErrorKind};
pub use model::{Cell, CellState, Report};
pub use schema::{Format, TableId};

/// Check a report given as text (pasted text, or the source of an HTML page).
pub fn check(text: &str) -> Report {
    check_grid(&ingest::read_text(text))
}

/// Check pasted text within the input limits (the page and the widget call this): text
/// over the size limit or HTML that would expand beyond the cell budget is an
/// `InputError` with a Chinese message, said before any more work is done.
pub fn try_check(text: &str) -> Result<Report, InputError> {
    Ok(check_grid(&ingest::read_text_bounded(text)?))
}

/// Check a report already read into the grid (by any reader).
pub fn check_grid(grid: &grid::Grid) -> Report {
    let (mut report, facts) = bind::bind(grid);
    rules::check(&mut report, grid, &facts);
    report
}

/// Check a report given as the bytes of a file: decodes (UTF-8, UTF-16 with BOM, GBK/GB18030
/// when the `encoding` feature is on) and returns the decoded text with the report, since
/// every span indexes into that text.
pub fn check_bytes(bytes: &[u8]) -> Result<(String, Report), InputError> {
    let grid = ingest::read(bytes)?;
    let report = check_grid(&grid);
    Ok((grid.into_text(), report))
}

/// Checks across two reports of one agency (years N−1 and N): `CROSS-YEAR-CARRY` and
/// `CROSS-YEAR-STOCK`.
pub fn check_pair(previous: &Report, current: &Report) -> Vec<Diagnostic> {
    rules::cross_year::check_pair(previous, current).0
}

/// Checks across many reports (a batch): reports of one agency for consecutive years are
/// paired and checked against each other; each report's findings and summary include
/// them. The CLI, the page and the batch view call this one function.
pub fn check_many(reports: &mut [Report]) {
    rules::cross_year::check_many(reports);
}
