//! Reading a generated report back, cell for cell: shared by the shape and regression
//! tests (included with `#[path]`).

use nianbao::synth::{Synth, SynthValue};
use nianbao::{CellState, Format, Report, Severity, TableId};

/// Checks `text` (a rendering of `s`) and asserts that it has no error-level finding, that
/// every number and blank of `s` reads back in its cell, and that a `/` or text cell reads
/// no number. Returns the report for further checks.
pub fn reads_back(s: &Synth, text: &str, what: &str) -> Report {
    let r = nianbao::check(text);
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| &d.message)
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    for (&(t, row, col), v) in &s.values {
        let cell = r.tables.get(t).and_then(|tb| tb.cell(row, col));
        let got = cell.map(|c| (c.state, c.number()));
        let place = format!("{what}: {}.{row}.{col}", t.key());
        match v {
            SynthValue::Na(_) | SynthValue::Text(_) => {
                assert_eq!(cell.and_then(|c| c.number()), None, "{place}")
            }
            SynthValue::Blank => assert_eq!(got, Some((CellState::Blank, None)), "{place}"),
            _ => assert_eq!(got, Some((CellState::Number, v.value())), "{place}"),
        }
    }
    r
}

/// Each table read in the layout it is written in (表二 and 表三 as given), and the mix said
/// with `FORMAT-MIXED`.
#[allow(dead_code)] // not every test file that includes this module uses it
pub fn assert_formats(r: &Report, proactive: Format, applications: Format, what: &str) {
    assert_eq!(r.format_of(TableId::Proactive), Some(proactive), "{what}");
    assert_eq!(
        r.format_of(TableId::Applications),
        Some(applications),
        "{what}"
    );
    assert!(
        r.diagnostics.iter().any(|d| d.code == "FORMAT-MIXED"),
        "{what}: says so"
    );
}
