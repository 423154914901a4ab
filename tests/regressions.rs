//! Regression tests, each named after what broke. Inputs are generated reports
//! (src/synth.rs) turned into the shape that broke.

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
