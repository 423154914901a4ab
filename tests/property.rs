//! The key invariant (style.md, issue 2): a generated consistent report, in every shape and
//! both formats, checks with no error, is read as the right format and year, and every cell
//! of 表二/表三/表四 reads back exactly what was written; altering one cell of 表三 or 表四
//! yields errors that all name that cell, and only that cell is named by all of them.
//!
//! The truth is `nianbao::synth`, which never consults the checker. Each failure message
//! carries `seed`, `format` and `shape`: `Synth::generate(seed, format).render(shape)` is
//! the failing input.

// proptest, the file system and unwinding are native-only.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::synth::{broken_relations, Shape, Synth, SynthValue};
use nianbao::{check, CellRef, CellState, Diagnostic, Format, Report, Severity, TableId};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::collections::BTreeSet;

fn config() -> Config {
    Config {
        cases: 64,
        // Seeds are printed in every message; no regression files in the working tree.
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    }
}

fn formats() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::F2019), Just(Format::F2021)]
}

/// A shape as the messages name it: `full-width (over tabs)`.
fn shape_name(s: &Synth, shape: Shape) -> String {
    let base = s.base_shape(shape);
    if base == shape {
        shape.to_string()
    } else {
        format!("{shape} (over {base})")
    }
}

fn errors(report: &Report) -> Vec<&Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn describe(diags: &[&Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let cells: Vec<String> = d
                .cells
                .iter()
                .map(|c| format!("{}.{}.{}", c.table.key(), c.row, c.col))
                .collect();
            format!("{} [{}] {}", d.code, cells.join(", "), d.message)
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// Every cell of the synthetic report reads back: state `number`, the same value, the same
/// unit. Returns the first mismatch.
fn read_back(s: &Synth, report: &Report) -> Result<(), String> {
    for (&(table, row, col), v) in &s.values {
        let Some(t) = report.tables.get(table) else {
            return Err(format!("table {} not found", table.key()));
        };
        let Some(cell) = t.cell(row, col) else {
            return Err(format!("{}.{row}.{col} absent", table.key()));
        };
        match v {
            SynthValue::Blank => {
                if cell.state != CellState::Blank {
                    return Err(format!(
                        "{}.{row}.{col}: written blank, read {:?} {:?}",
                        table.key(),
                        cell.state,
                        cell.raw
                    ));
                }
            }
            _ => {
                if cell.state != CellState::Number || cell.value != v.value() {
                    return Err(format!(
                        "{}.{row}.{col}: written {:?}, read {:?} {:?} (raw {:?})",
                        table.key(),
                        v.value(),
                        cell.state,
                        cell.value,
                        cell.raw
                    ));
                }
                if cell.unit.as_deref() != v.unit() {
                    return Err(format!(
                        "{}.{row}.{col}: unit {:?}, read {:?}",
                        table.key(),
                        v.unit(),
                        cell.unit
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Every cell points at the text it was read from: its span lies in the input, on char
/// boundaries, and (markup removed) contains exactly what was written for the cell.
fn spans_hold_the_values(
    s: &Synth,
    shape: Shape,
    text: &str,
    report: &Report,
) -> Result<(), String> {
    for &(table, row, col) in s.values.keys() {
        let name = format!("{}.{row}.{col}", table.key());
        let cell = report.tables.get(table).and_then(|t| t.cell(row, col));
        let span = cell
            .and_then(|c| c.span)
            .ok_or_else(|| format!("{name} has no span"))?;
        let slice = text.get(span.start..span.end).ok_or_else(|| {
            format!("{name} span {span:?} out of the text or off a char boundary")
        })?;
        let slice = strip_tags(slice);
        let want = s.cell_text(shape, (table, row, col)).unwrap_or_default();
        if !slice.contains(&want) {
            return Err(format!(
                "{name} span {span:?} holds {slice:?}, written {want:?}"
            ));
        }
    }
    Ok(())
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    /// A consistent report in every shape: no error, right format and year, every cell
    /// exact and pointing at the text it was read from.
    #[test]
    fn consistent_report_checks_clean_and_reads_back(seed in any::<u64>(), format in formats()) {
        let s = Synth::generate(seed, format);
        prop_assert!(broken_relations(&s).is_empty());
        for shape in Shape::ALL {
            let text = s.render(shape);
            let report = check(&text);
            let errs = errors(&report);
            prop_assert!(errs.is_empty(), "seed {} {:?} {}: errors on a consistent report:\n  {}", seed, format, shape_name(&s, shape), describe(&errs));
            prop_assert_eq!(report.format, Some(format), "seed {} {:?} {}: format", seed, format, shape_name(&s, shape));
            prop_assert_eq!(report.year, Some(s.year), "seed {} {:?} {}: year", seed, format, shape_name(&s, shape));
            if let Err(e) = read_back(&s, &report) {
                prop_assert!(false, "seed {} {:?} {}: {}", seed, format, shape_name(&s, shape), e);
            }
            if let Err(e) = spans_hold_the_values(&s, shape, &text, &report) {
                prop_assert!(false, "seed {} {:?} {}: {}", seed, format, shape_name(&s, shape), e);
            }
        }
    }

    /// Blank cells (some agencies leave zeros empty) read as blank, never as 0, and make
    /// relations not assessable rather than failed: no error. Only shapes that keep blank
    /// positions can be read cell for cell; the one-cell-per-line copy loses them.
    #[test]
    fn blank_cells_stay_blank(seed in any::<u64>(), format in formats()) {
        let s = Synth::generate(seed, format).with_blanks(seed);
        for shape in Shape::ALL {
            // FullWidth/Traditional lay their style over a base shape chosen by the seed.
            if !s.base_shape(shape).keeps_blank_positions() {
                continue;
            }
            let text = s.render(shape);
            let report = check(&text);
            let errs = errors(&report);
            prop_assert!(errs.is_empty(), "seed {} {:?} {} (blanks): errors:\n  {}", seed, format, shape_name(&s, shape), describe(&errs));
            if let Err(e) = read_back(&s, &report) {
                prop_assert!(false, "seed {} {:?} {} (blanks): {}", seed, format, shape_name(&s, shape), e);
            }
        }
    }
}

/// Cells of 表三 and 表四 that can be altered, for a format.
fn alterable(format: Format) -> Vec<(TableId, &'static str, &'static str)> {
    nianbao::synth::cell_keys(format)
        .into_iter()
        .filter(|k| k.0 != TableId::Proactive)
        .collect()
}

fn altered_strategy() -> impl Strategy<Value = (u64, Format, usize, i64, usize)> {
    (
        any::<u64>(),
        formats(),
        any::<prop::sample::Index>(),
        1i64..=500,
        0..Shape::ALL.len(),
    )
        .prop_map(|(seed, format, index, delta, shape)| {
            let cells = alterable(format);
            (seed, format, index.index(cells.len()), delta, shape)
        })
}

proptest! {
    #![proptest_config(config())]

    /// Altering one cell flags exactly that cell. In 表三 every cell takes part in at least
    /// two relations (its row's total, and its column's result total or balance), so the
    /// cell is the only one all errors name. A 表四 cell takes part in one relation (its
    /// block total): every error is that block's T4-TOTAL and names the cell.
    #[test]
    fn altering_one_cell_flags_exactly_that_cell((seed, format, index, delta, shape) in altered_strategy()) {
        let s = Synth::generate(seed, format);
        let cells = alterable(format);
        let (table, row, col) = cells[index];
        let shape = Shape::ALL[shape];
        let old = match s.get(table, row, col) {
            Some(SynthValue::Count(n)) => n,
            other => {
                prop_assert!(false, "not a count: {:?}", other);
                0
            }
        };
        // A different value that is still a valid count (no CELL-NEGATIVE muddling it).
        let new = if old >= delta && seed % 2 == 0 { old - delta } else { old + delta };
        let altered = s.with_cell((table, row, col), new);
        let predicted: BTreeSet<&str> = broken_relations(&altered).iter().map(|b| b.0).collect();
        prop_assert!(!predicted.is_empty());

        let ctx = format!("seed {seed} {format:?} {}: {}.{row}.{col} {old} -> {new}", shape_name(&s, shape), table.key());
        let report = check(&altered.render(shape));
        let errs = errors(&report);
        prop_assert!(!errs.is_empty(), "{}: no error", ctx);
        let target = CellRef { table, row, col };
        for d in &errs {
            prop_assert!(d.cells.contains(&target), "{}: an error does not name the cell:\n  {}", ctx, describe(&errs));
        }
        let codes: BTreeSet<&str> = errs.iter().map(|d| d.code).collect();
        for code in &predicted {
            prop_assert!(codes.contains(code), "{}: {} not reported:\n  {}", ctx, code, describe(&errs));
        }
        let mut common: Vec<CellRef> = errs[0].cells.clone();
        for d in &errs[1..] {
            common.retain(|c| d.cells.contains(c));
        }
        match table {
            TableId::Disputes => {
                for d in &errs {
                    prop_assert!(d.code == "T4-TOTAL" && d.cells.iter().all(|c| c.table == TableId::Disputes && c.row == row),
                        "{}: unexpected error:\n  {}", ctx, describe(&errs));
                }
            }
            _ => {
                prop_assert_eq!(&common, &vec![target], "{}: cells named by every error:\n  {}", ctx, describe(&errs));
            }
        }
        // The altered value itself reads back as written.
        let cell = report.tables.get(table).and_then(|t| t.cell(row, col));
        prop_assert_eq!(cell.and_then(|c| c.number()), Some(new as f64), "{}: altered cell read back", ctx);
    }
}

/// Every shape of both formats, one fixed seed each: a quick, named failure before the
/// randomised properties run (and a reproducible example for bug reports).
#[test]
fn every_shape_of_seed_1_checks_clean() {
    let mut failures = Vec::new();
    for format in [Format::F2019, Format::F2021] {
        let s = Synth::generate(1, format);
        for shape in Shape::ALL {
            let report = check(&s.render(shape));
            let shape = shape_name(&s, shape);
            let errs = errors(&report);
            if !errs.is_empty() {
                failures.push(format!("{format:?} {shape}: errors\n  {}", describe(&errs)));
            } else if report.format != Some(format) {
                failures.push(format!("{format:?} {shape}: format {:?}", report.format));
            } else if let Err(e) = read_back(&s, &report) {
                failures.push(format!("{format:?} {shape}: {e}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 20 fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
