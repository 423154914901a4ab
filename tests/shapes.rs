//! Extraction fixtures, one per input shape real copies of a report take, in both formats
//! where the shape allows. Each fixture under `tests/fixtures/shapes/` is a small but complete
//! invented report (title with agency and year, the six sections, 表二, every row of 表三,
//! 表四); its expected cells are data below (`APPS_2021`, … plus per-fixture overrides).
//! Every test asserts the detected format and year, the state and value of every listed
//! cell, the exact set of error-level diagnostics (code and `cells[0]`), and which
//! warnings may or must appear. A fixture the parser reads wrongly stays here, marked
//! `#[ignore = "parser bug: …"]`, until the parser is fixed.

use nianbao::{CellState, Format, Report, Severity, TableId};
use std::fmt::Write as _;

const A: TableId = TableId::Applications;
const D: TableId = TableId::Disputes;
const P: TableId = TableId::Proactive;

/// What a cell must hold.
#[derive(Debug, Clone, Copy, PartialEq)]
enum E {
    Num(f64),
    /// A number with the unit written in the cell.
    Unit(f64, &'static str),
    Blank,
    Na,
    Text,
    Missing,
    /// Dropped by the copy: either state is honest (never a number, never 0).
    BlankOrMissing,
}
use E::*;

const APP_COLS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
];
const DISPUTE_COLS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

// 2021 format: 某某市某某局 2023. Every relation of spec §4 holds.
const APPS_2021: &[(&str, [i64; 7])] = &[
    ("new_received", [40, 5, 1, 0, 2, 1, 49]),
    ("carried_over", [3, 1, 0, 0, 0, 0, 4]),
    ("granted", [20, 3, 1, 0, 1, 0, 25]),
    ("partially_granted", [5, 1, 0, 0, 0, 0, 6]),
    ("denied_state_secret", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_prohibited_by_law", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_security_stability", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_third_party", [2, 0, 0, 0, 0, 0, 2]),
    ("denied_internal_affairs", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_process_info", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_enforcement_file", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_administrative_query", [1, 0, 0, 0, 0, 0, 1]),
    ("unable_not_held", [6, 2, 0, 0, 0, 1, 9]),
    ("unable_needs_creation", [1, 0, 0, 0, 0, 0, 1]),
    ("unable_unclear", [1, 0, 0, 0, 0, 0, 1]),
    ("rejected_petition", [1, 0, 0, 0, 0, 0, 1]),
    ("rejected_duplicate", [1, 0, 0, 0, 0, 0, 1]),
    ("rejected_publication", [0, 0, 0, 0, 0, 0, 0]),
    ("rejected_excessive", [0, 0, 0, 0, 0, 0, 0]),
    ("rejected_confirmation", [0, 0, 0, 0, 0, 0, 0]),
    ("other_overdue_correction", [0, 0, 0, 0, 0, 0, 0]),
    ("other_overdue_fee", [0, 0, 0, 0, 0, 0, 0]),
    ("other_reasons", [0, 0, 0, 0, 1, 0, 1]),
    ("total_processed", [41, 6, 1, 0, 2, 1, 51]),
    ("carried_forward", [2, 0, 0, 0, 0, 0, 2]),
];
const DISPUTES_2021: &[(&str, [i64; 5])] = &[
    ("review", [2, 1, 0, 1, 4]),
    ("litigation_direct", [1, 0, 0, 0, 1]),
    ("litigation_after_review", [0, 1, 0, 0, 1]),
];
const PROACTIVE_2021: &[(&str, &str, E)] = &[
    ("regulations", "issued", Num(0.0)),
    ("regulations", "repealed", Num(0.0)),
    ("regulations", "in_force", Num(2.0)),
    ("normative_documents", "issued", Num(5.0)),
    ("normative_documents", "repealed", Num(1.0)),
    ("normative_documents", "in_force", Num(23.0)),
    ("licensing", "decisions", Num(1234.0)),
    ("punishment", "decisions", Num(56.0)),
    ("coercion", "decisions", Num(3.0)),
    ("fees", "amount", Num(12.5)),
];

// 2019 format: 某某县某某局 2020. Every relation of spec §4 holds.
const APPS_2019: &[(&str, [i64; 7])] = &[
    ("new_received", [30, 2, 0, 1, 0, 0, 33]),
    ("carried_over", [1, 0, 0, 0, 0, 0, 1]),
    ("granted", [15, 1, 0, 0, 0, 0, 16]),
    ("partially_granted", [3, 0, 0, 1, 0, 0, 4]),
    ("denied_state_secret", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_prohibited_by_law", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_security_stability", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_third_party", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_internal_affairs", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_process_info", [1, 0, 0, 0, 0, 0, 1]),
    ("denied_enforcement_file", [0, 0, 0, 0, 0, 0, 0]),
    ("denied_administrative_query", [0, 0, 0, 0, 0, 0, 0]),
    ("unable_not_held", [5, 1, 0, 0, 0, 0, 6]),
    ("unable_needs_creation", [0, 0, 0, 0, 0, 0, 0]),
    ("unable_unclear", [1, 0, 0, 0, 0, 0, 1]),
    ("rejected_petition", [2, 0, 0, 0, 0, 0, 2]),
    ("rejected_duplicate", [0, 0, 0, 0, 0, 0, 0]),
    ("rejected_publication", [0, 0, 0, 0, 0, 0, 0]),
    ("rejected_excessive", [0, 0, 0, 0, 0, 0, 0]),
    ("rejected_confirmation", [0, 0, 0, 0, 0, 0, 0]),
    ("other_handling", [1, 0, 0, 0, 0, 0, 1]),
    ("total_processed", [29, 2, 0, 1, 0, 0, 32]),
    ("carried_forward", [2, 0, 0, 0, 0, 0, 2]),
];
const DISPUTES_2019: &[(&str, [i64; 5])] = &[
    ("review", [1, 0, 0, 0, 1]),
    ("litigation_direct", [0, 0, 0, 1, 1]),
    ("litigation_after_review", [0, 0, 0, 0, 0]),
];
const PROACTIVE_2019: &[(&str, &str, E)] = &[
    ("regulations", "produced", Num(0.0)),
    ("regulations", "published", Num(0.0)),
    ("regulations", "total_published", Num(0.0)),
    ("normative_documents", "produced", Num(3.0)),
    ("normative_documents", "published", Num(3.0)),
    ("normative_documents", "total_published", Num(17.0)),
    ("licensing", "previous_items", Num(212.0)),
    ("licensing", "change", Num(-17.0)),
    ("licensing", "decisions", Num(530.0)),
    ("other_services", "previous_items", Num(4.0)),
    ("other_services", "change", Num(0.0)),
    ("other_services", "decisions", Num(88.0)),
    ("punishment", "previous_items", Num(31.0)),
    ("punishment", "change", Num(3.0)),
    ("punishment", "decisions", Num(120.0)),
    ("coercion", "previous_items", Num(5.0)),
    ("coercion", "change", Num(0.0)),
    ("coercion", "decisions", Num(7.0)),
    ("fees", "previous_items", Num(2.0)),
    ("fees", "change", Num(-1.0)),
    ("procurement", "items", Num(9.0)),
    ("procurement", "amount", Unit(976.81, "万元")),
];

type Key = (TableId, &'static str, &'static str);

/// What one fixture must read as.
struct Expect {
    format: Format,
    year: Option<i32>,
    cells: Vec<(Key, E)>,
    /// The exact error-level findings: code and `cells[0]`.
    errors: Vec<(&'static str, Key)>,
    /// A cell each error must name among its cells (the planted change).
    errors_mention: Vec<Key>,
    /// Warning and info codes that may appear (anything else is a false finding).
    allowed: Vec<&'static str>,
    /// Codes that must appear (any severity).
    required: Vec<&'static str>,
}

impl Expect {
    fn base(format: Format) -> Self {
        let (apps, disputes, proactive, year) = match format {
            Format::F2021 => (APPS_2021, DISPUTES_2021, PROACTIVE_2021, 2023),
            Format::F2019 => (APPS_2019, DISPUTES_2019, PROACTIVE_2019, 2020),
        };
        let mut cells = Vec::new();
        for &(row, cols, e) in proactive {
            cells.push(((P, row, cols), e));
        }
        for (row, vals) in apps {
            for (col, v) in APP_COLS.iter().zip(vals) {
                cells.push(((A, *row, *col), Num(*v as f64)));
            }
        }
        for (row, vals) in disputes {
            for (col, v) in DISPUTE_COLS.iter().zip(vals) {
                cells.push(((D, *row, *col), Num(*v as f64)));
            }
        }
        Expect {
            format,
            year: Some(year),
            cells,
            errors: Vec::new(),
            errors_mention: Vec::new(),
            allowed: Vec::new(),
            required: Vec::new(),
        }
    }
    fn set(mut self, t: TableId, row: &'static str, col: &'static str, e: E) -> Self {
        match self.cells.iter_mut().find(|(k, _)| *k == (t, row, col)) {
            Some(slot) => slot.1 = e,
            None => self.cells.push(((t, row, col), e)),
        }
        self
    }
    /// Every cell of a 表三 row.
    fn app_row(mut self, row: &'static str, es: [E; 7]) -> Self {
        for (col, e) in APP_COLS.iter().zip(es) {
            self = self.set(A, row, col, e);
        }
        self
    }
    fn error(
        mut self,
        code: &'static str,
        t: TableId,
        row: &'static str,
        col: &'static str,
    ) -> Self {
        self.errors.push((code, (t, row, col)));
        self
    }
    fn mention(mut self, t: TableId, row: &'static str, col: &'static str) -> Self {
        self.errors_mention.push((t, row, col));
        self
    }
    fn allow(mut self, codes: &[&'static str]) -> Self {
        self.allowed.extend_from_slice(codes);
        self
    }
    fn require(mut self, codes: &[&'static str]) -> Self {
        self.required.extend_from_slice(codes);
        self.allowed.extend_from_slice(codes);
        self
    }
    fn year(mut self, y: Option<i32>) -> Self {
        self.year = y;
        self
    }
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/shapes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/shapes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn state_name(s: CellState) -> &'static str {
    match s {
        CellState::Number => "number",
        CellState::Blank => "blank",
        CellState::Na => "na",
        CellState::Text => "text",
        CellState::Missing => "missing",
    }
}

/// Every way `report` differs from `want`, one line each.
fn differences(report: &Report, want: &Expect) -> Vec<String> {
    let mut out = Vec::new();
    if report.format != Some(want.format) {
        out.push(format!(
            "format: want {:?}, read {:?}",
            want.format, report.format
        ));
    }
    if report.year != want.year {
        out.push(format!(
            "year: want {:?}, read {:?}",
            want.year, report.year
        ));
    }
    for &((t, row, col), e) in &want.cells {
        let cell = report.tables.get(t).and_then(|tb| tb.cell(row, col));
        let (state, value, unit, raw) = match cell {
            Some(c) => (c.state, c.value, c.unit.clone(), c.raw.clone()),
            None => (CellState::Missing, None, None, String::new()),
        };
        let ok = match e {
            Num(v) => state == CellState::Number && value.is_some_and(|x| (x - v).abs() < 1e-9),
            Unit(v, u) => {
                state == CellState::Number
                    && value.is_some_and(|x| (x - v).abs() < 1e-9)
                    && unit.as_deref() == Some(u)
            }
            Blank => state == CellState::Blank,
            Na => state == CellState::Na,
            Text => state == CellState::Text,
            Missing => state == CellState::Missing,
            BlankOrMissing => matches!(state, CellState::Blank | CellState::Missing),
        };
        if !ok {
            out.push(format!(
                "{}.{row}.{col}: want {e:?}, read {} {value:?} unit {unit:?} raw {raw:?}",
                t.key(),
                state_name(state)
            ));
        }
    }
    let mut errors: Vec<(&str, Option<Key>)> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.cells.first().map(|c| (c.table, c.row, c.col))))
        .collect();
    for want_err in &want.errors {
        match errors
            .iter()
            .position(|(c, k)| *c == want_err.0 && *k == Some(want_err.1))
        {
            Some(i) => {
                errors.remove(i);
            }
            None => out.push(format!(
                "missing error {} on {}.{}.{}",
                want_err.0,
                want_err.1 .0.key(),
                want_err.1 .1,
                want_err.1 .2
            )),
        }
    }
    for (code, k) in errors {
        out.push(format!("unexpected error {code} on {k:?}"));
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        for m in &want.errors_mention {
            if !d.cells.iter().any(|c| (c.table, c.row, c.col) == *m) {
                out.push(format!(
                    "error {} does not name the changed cell {m:?}",
                    d.code
                ));
            }
        }
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Error)
    {
        if !want.allowed.contains(&d.code) {
            out.push(format!(
                "unexpected {:?} {}: {}",
                d.severity, d.code, d.message
            ));
        }
    }
    for code in &want.required {
        if !report.diagnostics.iter().any(|d| d.code == *code) {
            out.push(format!("no {code} diagnostic"));
        }
    }
    out
}

fn assert_reads(name: &str, report: &Report, want: &Expect) {
    let diffs = differences(report, want);
    if !diffs.is_empty() {
        let mut msg = format!("{name}: {} differences\n", diffs.len());
        for d in &diffs {
            let _ = writeln!(msg, "  {d}");
        }
        let _ = writeln!(msg, "diagnostics:");
        for d in &report.diagnostics {
            let cells: Vec<String> = d
                .cells
                .iter()
                .map(|c| format!("{}.{}", c.row, c.col))
                .collect();
            let _ = writeln!(
                msg,
                "  {:?} {} [{}] {}",
                d.severity,
                d.code,
                cells.join(","),
                d.message
            );
        }
        panic!("{msg}");
    }
}

fn check_fixture(name: &str, want: Expect) -> Report {
    let report = nianbao::check(&fixture(name));
    assert_reads(name, &report, &want);
    report
}

// ---------------------------------------------------------------------------------------
// 1. One cell per line ending in ` |` (the seed's shape).

#[test]
fn cell_per_line_pipes_2021() {
    check_fixture("s01_cell_per_line_2021.txt", Expect::base(Format::F2021));
}

#[test]
fn cell_per_line_pipes_2019() {
    check_fixture("s01_cell_per_line_2019.txt", Expect::base(Format::F2019));
}

// 2. Inline pipes: colspan fillers `| |||`, rowspan placeholders `| | 2.…`, trailing ` | ||`.

#[test]
fn inline_pipes_2021() {
    check_fixture("s02_inline_pipes_2021.txt", Expect::base(Format::F2021));
}

#[test]
fn inline_pipes_2019() {
    check_fixture("s02_inline_pipes_2019.txt", Expect::base(Format::F2019));
}

// 3. A `|` on its own line between cells, a run of pipes ending each row (real-010).

#[test]
fn pipe_separator_lines_2021() {
    check_fixture("s03_pipe_lines_2021.txt", Expect::base(Format::F2021));
}

#[test]
fn pipe_separator_lines_2019() {
    check_fixture("s03_pipe_lines_2019.txt", Expect::base(Format::F2019));
}

// 4. Cells separated by blank lines; an empty cell is one extra newline (real-055).

#[test]
fn blank_line_cells_2019() {
    check_fixture("s04_blank_lines_2019.txt", Expect::base(Format::F2019));
}

// 5. Tab-separated rows as copied from Excel/Word: merged cells leave empty tab cells.

#[test]
fn tabs_2021() {
    check_fixture("s05_tabs_2021.txt", Expect::base(Format::F2021));
}

#[test]
fn tabs_2019() {
    check_fixture("s05_tabs_2019.txt", Expect::base(Format::F2019));
}

// 6. Markdown tables.

#[test]
fn markdown_2021() {
    check_fixture("s06_markdown_2021.md", Expect::base(Format::F2021));
}

#[test]
fn markdown_2019() {
    check_fixture("s06_markdown_2019.md", Expect::base(Format::F2019));
}
