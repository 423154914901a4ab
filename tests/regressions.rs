//! Regression tests, each named after what broke. Inputs are generated reports
//! (src/synth.rs) turned into the shape that broke.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::synth::{Shape, Synth, SynthValue};
use nianbao::{CellState, Format, Severity, TableId};

/// PDF text of a pipe copy: cells separated by single spaces, no pipes.
fn pdf_text(s: &Synth) -> String {
    s.render(Shape::InlinePipes)
        .lines()
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_reads_back(s: &Synth, text: &str) {
    let r = nianbao::check(text);
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| &d.message)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for (t, row, col) in nianbao::synth::cell_keys(s.format) {
        let want = s.get(t, row, col).and_then(|v| v.value());
        let got = r
            .tables
            .get(t)
            .and_then(|tb| tb.cell(row, col))
            .and_then(|c| c.number());
        assert_eq!(got, want, "{}.{row}.{col}", t.key());
    }
}

#[test]
fn pdf_text_group_label_run_into_its_first_row() {
    // `（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0`: the group label is not part of the row label.
    for format in [Format::F2019, Format::F2021] {
        let s = Synth::generate(5, format);
        assert_reads_back(&s, &pdf_text(&s));
    }
}

#[test]
fn pdf_text_label_wrapped_over_two_lines() {
    let s = Synth::generate(5, Format::F2021);
    let text = pdf_text(&s).replacen(
        "只计这一情形,不计其他情形)",
        "只计这一情形,\n不计其他情形)",
        1,
    );
    assert!(
        text.contains("只计这一情形,\n"),
        "the fixture wraps the label"
    );
    assert_reads_back(&s, &text);
}

#[test]
fn dash_cell_is_not_a_markdown_delimiter() {
    // `- |` on its own line is a not-applicable cell of a one-cell-per-line copy.
    let s = Synth::generate(0, Format::F2019);
    let marked = s.with_value(
        (TableId::Applications, "denied_internal_affairs", "total"),
        SynthValue::Amount {
            milli: 987_654_321,
            unit: None,
        },
    );
    let text = marked
        .render(Shape::CellPerLinePipes)
        .replace("987654.321", "-");
    let r = nianbao::check(&text);
    let cell = r
        .tables
        .applications
        .as_ref()
        .and_then(|t| t.cell("denied_internal_affairs", "total"))
        .map(|c| c.state);
    assert_eq!(cell, Some(CellState::Na));
    let next = r
        .tables
        .applications
        .as_ref()
        .and_then(|t| t.cell("denied_process_info", "natural_person"))
        .and_then(|c| c.number());
    assert_eq!(
        next,
        s.get(
            TableId::Applications,
            "denied_process_info",
            "natural_person"
        )
        .and_then(|v| v.value())
    );
}

#[test]
fn word_in_table_four_is_a_text_value() {
    // `见附件` where a 表四 number belongs ended the run and lost the cells after it.
    let s = Synth::generate(0, Format::F2019);
    for (block, col) in [("review", "upheld"), ("litigation_direct", "other")] {
        let marked = s.with_value(
            (TableId::Disputes, block, col),
            SynthValue::Amount {
                milli: 987_654_321,
                unit: None,
            },
        );
        for shape in [Shape::Html, Shape::Markdown, Shape::CellPerLinePipes] {
            let text = marked.render(shape).replace("987654.321", "见附件");
            let r = nianbao::check(&text);
            let t = r.tables.disputes.as_ref().expect("表四");
            assert_eq!(
                t.cell(block, col).map(|c| c.state),
                Some(CellState::Text),
                "{shape}"
            );
            let last = t
                .cell("litigation_after_review", "total")
                .and_then(|c| c.number());
            assert_eq!(
                last,
                s.get(TableId::Disputes, "litigation_after_review", "total")
                    .and_then(|v| v.value()),
                "{shape}"
            );
        }
    }
}

#[test]
fn pdf_text_word_among_a_rows_numbers() {
    // `(一)予以公开 1 0 0 0 若干 0 1` was one cell, so the row read missing.
    let s = Synth::generate(5, Format::F2021);
    let marked = s.with_value(
        (TableId::Applications, "granted", "legal_service"),
        SynthValue::Amount {
            milli: 987_654_321,
            unit: None,
        },
    );
    let text = pdf_text(&marked).replace("987654.321", "若干");
    let r = nianbao::check(&text);
    let t = r.tables.applications.as_ref().expect("表三");
    assert_eq!(
        t.cell("granted", "legal_service").map(|c| c.state),
        Some(CellState::Text)
    );
    assert_eq!(
        t.cell("granted", "total").and_then(|c| c.number()),
        s.get(TableId::Applications, "granted", "total")
            .and_then(|v| v.value())
    );
    assert!(
        !r.diagnostics.iter().any(|d| d.severity == Severity::Error),
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn prose_sentence_wrapped_over_two_lines() {
    // `提起行政` / `诉讼 14 件。` escaped the prose check.
    let s = Synth::generate(5, Format::F2021);
    let lawsuits = ["litigation_direct", "litigation_after_review"]
        .iter()
        .filter_map(|b| s.get(TableId::Disputes, b, "total").and_then(|v| v.value()))
        .sum::<f64>() as i64;
    let text = pdf_text(&s).replacen(
        "二、主动公开政府信息情况",
        &format!(
            "本年度提起行政\n诉讼 {} 件。\n二、主动公开政府信息情况",
            lawsuits + 3
        ),
        1,
    );
    let r = nianbao::check(&text);
    let found: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "TEXT-TABLE-MISMATCH")
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(found[0].actual, Some((lawsuits + 3) as f64));
}

/// The thread's CPU time (the machine running the tests may be shared).
#[path = "../src/bin/shared/cpu.rs"]
#[allow(dead_code)]
mod cpu;

/// CPU time of `check` on `text`, at most `limit_ms` in an optimised build; debug builds
/// (the test command) are given 20 times as long. Quadratic paths take seconds to minutes
/// on these inputs, so the margin tells them apart from a slow machine.
fn assert_fast(text: &str, limit_ms: u64) {
    let limit = if cfg!(debug_assertions) {
        limit_ms * 20
    } else {
        limit_ms
    };
    let start = cpu::Stopwatch::start();
    let r = nianbao::check(text);
    let took = start.elapsed().as_millis() as u64;
    assert!(
        took <= limit,
        "{} bytes took {took} ms (limit {limit} ms)",
        text.len()
    );
    let _ = serde_json::to_string(&r);
}

/// The title search tested every occurrence of the topic words against the whole row for a
/// year and an agency: a line repeating 政府信息公开工作年度报告 with no year took 5 s for 100 KB.
#[test]
fn title_search_on_a_repeated_title_without_year() {
    let line = "政府信息公开工作年度报告".repeat(3_000);
    assert_fast(&line, 100);
    let with_agency = format!("某某市某某局{}", "政府信息公开工作年度报告".repeat(3_000));
    let r = nianbao::check(&with_agency);
    assert_eq!(r.agency.as_deref(), Some("某某市某某局"));
}

/// A line of nothing but pipes made one filler cell per byte (1 MB of `|` held 240 MB).
#[test]
fn pipe_only_line_is_a_bounded_run_of_fillers() {
    let rows = nianbao::ingest::text::read(&"|".repeat(100_000));
    let cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    assert!(
        cells <= nianbao::ingest::limits::MAX_EMPTY_RUN,
        "{cells} cells"
    );
}

/// A run of blank lines (or of lone `\r`) made one empty-cell row per byte.
#[test]
fn blank_line_run_is_a_bounded_run_of_empty_cells() {
    let text = format!("甲\n\n1\n\n{}\n\n2\n\n乙", "\r".repeat(100_000));
    let rows = nianbao::ingest::text::read(&text);
    assert!(
        rows.len() <= 8 + nianbao::ingest::limits::MAX_EMPTY_RUN,
        "{} rows",
        rows.len()
    );
}

/// A colspan/rowspan of 1000 expanded into a million span copies from one tag.
#[test]
fn html_spans_are_clamped_to_the_span_limit() {
    let html =
        "<table><tr><td colspan=\"1000\" rowspan=\"1000\">1</td></tr><tr><td>2</td></tr></table>";
    let rows = nianbao::ingest::html::read(html);
    let widest = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    assert!(
        widest <= nianbao::ingest::limits::MAX_SPAN + 1,
        "{widest} cells in a row"
    );
}

/// A line of 290 KB of tabs made one empty cell per byte (83 MB of heap, 0.7 s).
#[test]
fn line_of_tabs_is_a_bounded_run_of_empty_cells() {
    let text = format!("申请 {}2\n", "\t".repeat(100_000));
    let rows = nianbao::ingest::text::read(&text);
    let cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    assert!(
        cells <= 2 + nianbao::ingest::limits::MAX_EMPTY_RUN,
        "{cells} cells"
    );
    assert_fast(&text, 100);
}

/// 40,000 nested `<table>` tags each opened a table state (37× the input in heap): tables
/// deeper than the stated limit are read as part of the one they stand in.
#[test]
fn deeply_nested_tables_stop_at_the_depth_limit() {
    let html = format!(
        "<table><tr><td>总计</td><td>3</td></tr></table>{}<td>1</td>{}",
        "<table><tr><td>".repeat(20_000),
        "</td></tr></table>".repeat(20_000)
    );
    let rows = nianbao::ingest::html::read(&html);
    assert!(rows.len() < 20_000, "{} rows", rows.len());
    assert_fast(&html, 200);
}
