//! The real reports of `../shared/corpus/dev/` (read from there, never copied into the
//! project): every file reads without panic into valid JSON; the seed report gives exactly
//! the five errors of spec §5; every table visible in a file is read cell for cell (the
//! values below are the ones printed in each file, see its INDEX.tsv line); copies cut off
//! part-way say TABLE-INCOMPLETE.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::{CellState, Format, Report, Severity, TableId};
use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: {} is absent; corpus tests skipped", dir.display());
        None
    }
}

fn load(name: &str) -> Option<Report> {
    let dir = corpus_dir()?;
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    match nianbao::check_bytes(&bytes) {
        Ok((_, report)) => Some(report),
        Err(e) => panic!("{name}: unreadable: {e}"),
    }
}

/// An expected cell: a number, blank, not-applicable, missing.
#[derive(Debug, Clone, Copy)]
enum V {
    N(f64),
    B,
    M,
}
use V::{B, M, N};

fn table(id: &str) -> TableId {
    match id {
        "proactive" => TableId::Proactive,
        "applications" => TableId::Applications,
        _ => TableId::Disputes,
    }
}

/// Assert the cells of one row, in schema column order.
fn row(report: &Report, file: &str, t: &str, row_key: &str, want: &[V]) {
    let Some(tb) = report.tables.get(table(t)) else {
        panic!("{file}: table {t} not read");
    };
    let Some(r) = tb.row(row_key) else {
        panic!("{file}: {t}.{row_key} absent");
    };
    assert_eq!(
        r.cells.len(),
        want.len(),
        "{file}: {t}.{row_key} has {} columns",
        r.cells.len()
    );
    for ((col, cell), w) in r.cells.iter().zip(want) {
        let ok = match w {
            N(v) => cell.state == CellState::Number && cell.value == Some(*v),
            B => cell.state == CellState::Blank,
            M => cell.state == CellState::Missing,
        };
        assert!(
            ok,
            "{file}: {t}.{row_key}.{col}: want {w:?}, read {:?} {:?} ({:?})",
            cell.state, cell.value, cell.raw
        );
    }
}

fn codes(report: &Report, severity: Severity) -> Vec<&'static str> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.code.as_str())
        .collect()
}

fn errors_only(report: &Report, file: &str, allowed: &[&str]) {
    for c in codes(report, Severity::Error) {
        assert!(
            allowed.contains(&c),
            "{file}: unexpected error {c}: {:#?}",
            report.diagnostics.iter().find(|d| d.code == c)
        );
    }
}

#[test]
fn every_file_reads_into_valid_json() {
    let Some(dir) = corpus_dir() else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("corpus dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if !(name.ends_with(".txt") || name.ends_with(".html")) {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        let (_, report) = nianbao::check_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_string(&report).expect("serialise");
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert!(
            back.get("tables").is_some() && back.get("diagnostics").is_some(),
            "{name}: spec §6 keys"
        );
        n += 1;
    }
    assert!(n >= 10, "corpus has {n} reports");
}

#[test]
fn seed_report_has_exactly_the_five_errors_of_the_spec() {
    let Some(r) = load("seed-2020-linyi-police.txt") else {
        return;
    };
    assert_eq!(r.format, Some(Format::F2019));
    assert_eq!(r.year, Some(2020));
    // The agency is the title's words before the year, on the file's first line.
    let first_line = corpus_dir()
        .and_then(|d| std::fs::read_to_string(d.join("seed-2020-linyi-police.txt")).ok())
        .and_then(|t| t.lines().next().map(str::to_string))
        .unwrap_or_default();
    let agency = r.agency.clone().unwrap_or_default();
    assert!(
        agency.ends_with('局') && first_line.starts_with(&format!("{agency}2020年")),
        "{agency:?} / {first_line:?}"
    );
    let mut found: Vec<(&str, &str, &str, f64, f64)> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.code.as_str(),
                d.cells[0].row,
                d.cells[0].col,
                d.expected.unwrap_or(f64::NAN),
                d.actual.unwrap_or(f64::NAN),
            )
        })
        .collect();
    found.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut want = vec![
        ("T3-ROW-TOTAL", "granted", "total", 3.0, 0.0),
        (
            "T3-ROW-TOTAL",
            "denied_prohibited_by_law",
            "total",
            1.0,
            0.0,
        ),
        ("T3-ROW-TOTAL", "unable_needs_creation", "total", 1.0, 0.0),
        ("T3-RESULT-TOTAL", "total_processed", "total", 18.0, 23.0),
        ("T4-TOTAL", "litigation_after_review", "total", 4.0, 0.0),
    ];
    want.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    assert_eq!(found, want);
    // T3-BALANCE holds in every column; T4-TOTAL holds for the other two blocks.
    assert!(!r.diagnostics.iter().any(|d| d.code == "T3-BALANCE"));
    assert_eq!(r.summary.not_assessable, 0, "{:#?}", r.not_assessable);
    row(
        &r,
        "seed",
        "applications",
        "granted",
        &[N(3.), N(0.), N(0.), N(0.), N(0.), N(0.), N(0.)],
    );
    row(
        &r,
        "seed",
        "disputes",
        "litigation_after_review",
        &[N(4.), N(0.), N(0.), N(0.), N(0.)],
    );
    row(
        &r,
        "seed",
        "proactive",
        "licensing",
        &[N(39.), N(0.), N(320131.)],
    );
    row(
        &r,
        "seed",
        "proactive",
        "procurement",
        &[N(784.), N(6727.41)],
    );
}

#[test]
fn inline_pipes_cut_in_table_three() {
    let f = "real-006.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.format, r.year), (Some(Format::F2021), Some(2024)));
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(5.), N(1.), N(25.)],
    );
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[N(58.), N(7.), N(0.), N(0.), N(1.), N(0.), N(66.)],
    );
    row(
        &r,
        f,
        "applications",
        "granted",
        &[N(2.), N(1.), N(0.), N(0.), N(0.), N(0.), N(3.)],
    );
    row(
        &r,
        f,
        "applications",
        "partially_granted",
        &[N(16.), N(1.), N(0.), N(0.), N(0.), N(0.), N(17.)],
    );
    row(
        &r,
        f,
        "applications",
        "denied_internal_affairs",
        &[N(1.), N(0.), N(0.), N(0.), N(0.), N(0.), N(1.)],
    );
    row(
        &r,
        f,
        "applications",
        "denied_enforcement_file",
        &[N(0.), N(0.), N(0.), N(0.), N(0.), N(0.), M],
    );
    row(
        &r,
        f,
        "applications",
        "carried_forward",
        &[M, M, M, M, M, M, M],
    );
    assert!(codes(&r, Severity::Error).contains(&"TABLE-INCOMPLETE"));
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn pipe_separator_lines_with_decimal_fee() {
    let f = "real-010.txt";
    let Some(r) = load(f) else { return };
    assert_eq!(r.format, Some(Format::F2021));
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(0.), N(0.), N(0.)],
    );
    row(&r, f, "proactive", "licensing", &[N(2910.)]);
    row(&r, f, "proactive", "punishment", &[N(46.)]);
    row(&r, f, "proactive", "fees", &[N(0.092)]);
    assert!(
        codes(&r, Severity::Error).contains(&"TABLE-INCOMPLETE"),
        "表三 header only"
    );
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn inline_pipes_2019_with_negative_change() {
    let f = "real-017.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.format, r.year), (Some(Format::F2019), Some(2019)));
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(0.), N(8.), N(8.)],
    );
    row(
        &r,
        f,
        "proactive",
        "licensing",
        &[N(716.), N(-417.), N(298.)],
    );
    row(&r, f, "proactive", "punishment", &[N(3.), N(6.), N(9.)]);
    row(&r, f, "proactive", "fees", &[N(0.), N(0.)]);
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[N(2.), N(0.), N(0.), N(0.), N(0.), N(0.), N(2.)],
    );
    // -417 is a change, allowed to be negative; 716 − 417 ≠ 298 is not a relation.
    assert!(!r.diagnostics.iter().any(|d| d.code == "CELL-NEGATIVE"));
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn collapsed_empty_cells_are_placed_by_the_stated_rule_or_left_missing() {
    let f = "real-028.txt";
    let Some(r) = load(f) else { return };
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[N(3.), B, B, B, B, B, N(3.)],
    );
    row(
        &r,
        f,
        "applications",
        "granted",
        &[N(3.), B, B, B, B, B, N(3.)],
    );
    row(
        &r,
        f,
        "applications",
        "partially_granted",
        &[M, M, M, M, M, M, M],
    );
    let placed = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "ROW-CELLS-PLACED")
        .count();
    assert_eq!(placed, 3, "an info diagnostic for each placed row");
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "ROW-CELLS-DROPPED" && d.severity == Severity::Warning));
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn explicit_blank_cells_stay_blank() {
    let f = "real-029.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.format, r.year), (Some(Format::F2021), None));
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(3.), N(0.), N(101.)],
    );
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[N(0.), B, B, B, B, B, N(0.)],
    );
    row(
        &r,
        f,
        "applications",
        "carried_over",
        &[B, B, B, B, B, B, N(0.)],
    );
    row(
        &r,
        f,
        "applications",
        "denied_internal_affairs",
        &[B, B, B, B, B, B, N(0.)],
    );
    row(
        &r,
        f,
        "applications",
        "denied_process_info",
        &[M, M, M, M, M, M, M],
    );
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn blank_line_cells_with_split_headers() {
    let f = "real-030.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.format, r.year), (Some(Format::F2021), Some(2022)));
    row(
        &r,
        f,
        "applications",
        "denied_security_stability",
        &[N(0.); 7],
    );
    row(&r, f, "applications", "denied_third_party", &[M; 7]);
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn html_fixture_reads_whole_and_balances() {
    let f = "real-037.html";
    let Some(r) = load(f) else { return };
    assert_eq!(
        (r.format, r.year, r.agency.as_deref()),
        (Some(Format::F2021), Some(2025), Some("测试市"))
    );
    row(&r, f, "proactive", "licensing", &[N(11398889.)]);
    row(&r, f, "proactive", "fees", &[N(316441.)]);
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[
            N(13612.),
            N(252.),
            N(0.),
            N(45.),
            N(128.),
            N(32.),
            N(14069.),
        ],
    );
    row(
        &r,
        f,
        "applications",
        "other_reasons",
        &[N(941.), N(17.), N(0.), N(1.), N(3.), N(3.), N(965.)],
    );
    row(
        &r,
        f,
        "applications",
        "carried_forward",
        &[N(783.), N(6.), N(0.), N(2.), N(25.), N(3.), N(819.)],
    );
    row(
        &r,
        f,
        "disputes",
        "review",
        &[N(376.), N(97.), N(196.), N(121.), N(790.)],
    );
    row(
        &r,
        f,
        "disputes",
        "litigation_after_review",
        &[N(74.), N(1.), N(30.), N(51.), N(156.)],
    );
    assert_eq!(r.summary.errors, 0, "{:#?}", r.diagnostics);
    assert_eq!(r.summary.not_assessable, 0);
    assert_eq!(r.sections.len(), 6);
}

#[test]
fn pdf_text_table_four_on_one_line() {
    let f = "real-044.txt";
    let Some(r) = load(f) else { return };
    for block in ["review", "litigation_direct", "litigation_after_review"] {
        row(&r, f, "disputes", block, &[N(0.); 5]);
    }
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn markdown_and_collapsed_table_four() {
    let f = "real-046.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.year, r.agency.as_deref()), (Some(2025), Some("宿迁市")));
    row(&r, f, "proactive", "regulations", &[N(3.), N(0.), N(15.)]);
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(61.), N(59.), N(422.)],
    );
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[N(3746.), N(63.), N(0.), N(0.), N(19.), N(2.), N(3830.)],
    );
    row(
        &r,
        f,
        "disputes",
        "review",
        &[N(119.), N(25.), N(91.), N(24.), N(259.)],
    );
    row(
        &r,
        f,
        "disputes",
        "litigation_direct",
        &[N(7.), N(0.), N(15.), N(6.), N(28.)],
    );
    row(
        &r,
        f,
        "disputes",
        "litigation_after_review",
        &[N(21.), N(1.), N(7.), N(9.), N(38.)],
    );
    assert!(!codes(&r, Severity::Error).contains(&"T4-TOTAL"));
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn blank_line_cells_2019_with_units() {
    let f = "real-048.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.format, r.year), (Some(Format::F2019), Some(2019)));
    row(&r, f, "proactive", "licensing", &[N(2.), N(1.), N(1.)]);
    row(&r, f, "proactive", "fees", &[N(1288.), N(591.)]);
    row(&r, f, "proactive", "procurement", &[N(6.), N(976.81)]);
    let amount = r
        .tables
        .proactive
        .as_ref()
        .and_then(|t| t.cell("procurement", "amount"))
        .and_then(|c| c.unit.clone());
    assert_eq!(
        amount.as_deref(),
        Some("万元"),
        "the unit is kept apart from the value"
    );
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn extra_newlines_are_empty_cells() {
    let f = "real-055.txt";
    let Some(r) = load(f) else { return };
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(0.), N(0.), N(5.)],
    );
    row(&r, f, "proactive", "licensing", &[N(403.)]);
    row(&r, f, "proactive", "punishment", &[N(26.)]);
    row(
        &r,
        f,
        "applications",
        "new_received",
        &[N(103.), N(3.), B, B, N(1.), B, N(107.)],
    );
    row(
        &r,
        f,
        "applications",
        "carried_over",
        &[N(8.), N(0.), B, B, B, N(0.), N(8.)],
    );
    row(
        &r,
        f,
        "applications",
        "partially_granted",
        &[N(31.), B, B, B, B, B, N(31.)],
    );
    row(&r, f, "applications", "denied_state_secret", &[B; 7]);
    row(&r, f, "applications", "denied_enforcement_file", &[M; 7]);
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn outdated_layout_for_a_later_year() {
    let f = "real-061.txt";
    let Some(r) = load(f) else { return };
    assert_eq!((r.format, r.year), (Some(Format::F2019), Some(2023)));
    assert!(codes(&r, Severity::Warning).contains(&"FORMAT-YEAR"));
    row(&r, f, "proactive", "regulations", &[N(1.), N(1.), N(1.)]);
    row(
        &r,
        f,
        "proactive",
        "normative_documents",
        &[N(22.), N(22.), N(22.)],
    );
    row(&r, f, "proactive", "licensing", &[B, B, B]);
    row(&r, f, "proactive", "procurement", &[N(0.), N(0.)]);
    errors_only(&r, f, &["TABLE-INCOMPLETE"]);
}

#[test]
fn reports_without_tables() {
    // Copies that stop before their tables: the tables are not in the copy.
    for f in ["real-012.txt", "real-035.txt"] {
        let Some(r) = load(f) else { return };
        let cut: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "TABLE-INCOMPLETE")
            .collect();
        assert_eq!(cut.len(), 1, "{f}: one finding for one cut");
        assert!(
            cut[0].message.contains("表二、表三、表四"),
            "{f}: {}",
            cut[0].message
        );
        errors_only(&r, f, &["TABLE-INCOMPLETE"]);
        assert_eq!(r.format, Some(Format::F2021), "{f}: set by the report year");
    }
    // A whole report whose tables are pictures: they are missing, and said to be pictures.
    let Some(r) = load("real-020.txt") else {
        return;
    };
    let missing: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "TABLE-MISSING")
        .collect();
    assert_eq!(missing.len(), 3);
    assert!(
        missing
            .iter()
            .all(|d| d.notes.iter().any(|n| n.contains("图片"))),
        "{missing:#?}"
    );
    errors_only(&r, "real-020.txt", &["TABLE-MISSING"]);
}

#[test]
fn cut_copies_say_table_incomplete() {
    for f in [
        "real-006.txt",
        "real-010.txt",
        "real-017.txt",
        "real-028.txt",
        "real-029.txt",
        "real-030.txt",
        "real-046.txt",
        "real-048.txt",
        "real-055.txt",
        "real-061.txt",
    ] {
        let Some(r) = load(f) else { return };
        assert!(
            codes(&r, Severity::Error).contains(&"TABLE-INCOMPLETE"),
            "{f}"
        );
    }
}

#[test]
fn the_cli_exits_0_or_1_with_valid_json_for_every_file() {
    let Some(dir) = corpus_dir() else { return };
    for entry in std::fs::read_dir(dir).expect("corpus dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if !(name.ends_with(".txt") || name.ends_with(".html")) {
            continue;
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["check", "--json"])
            .arg(&path)
            .output()
            .expect("run nianbao");
        let code = out.status.code();
        assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}");
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors = v["summary"]["errors"].as_u64().unwrap_or(0);
        assert_eq!(
            code == Some(1),
            errors > 0,
            "{name}: exit status follows the errors"
        );
    }
}
