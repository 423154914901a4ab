//! Regression tests, each named after what broke. Inputs are generated reports
//! (src/synth) turned into the shape that broke.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/readback.rs"]
mod readback;

use nianbao::synth::{Shape, Synth, SynthValue};
use nianbao::{CellState, Format, Severity, TableId};
use readback::{assert_formats, reads_back};

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

/// The part of a rendered report from the heading that starts with `from` up to the one
/// that starts with `to` (or the end).
fn part<'a>(text: &'a str, from: &str, to: Option<&str>) -> &'a str {
    let start = text.find(from).unwrap_or(0);
    let end = to
        .and_then(|t| text[start..].find(t).map(|p| start + p))
        .unwrap_or(text.len());
    &text[start..end]
}

#[test]
fn per_table_format_2019_table_two_with_2021_tables_three_and_four() {
    let old = Synth::generate(71, Format::F2019);
    let new = Synth::generate(72, Format::F2021);
    for shape in [Shape::InlinePipes, Shape::Html, Shape::Tabs] {
        let (a, b) = (old.render(shape), new.render(shape));
        // 2021's report with 2019's 二、主动公开 part spliced in.
        let text = format!(
            "{}{}{}",
            part(&b, "", Some("二、")),
            part(&a, "二、", Some("三、")),
            part(&b, "三、", None)
        );
        let r = nianbao::check(&text);
        assert_formats(&r, Format::F2019, Format::F2021, &format!("{shape:?}"));
        for (t, row, col) in nianbao::schema::cell_keys(Format::F2019) {
            if t != TableId::Proactive {
                continue;
            }
            let want = old.get(t, row, col).and_then(|v| v.value());
            let got = r
                .tables
                .get(t)
                .and_then(|tb| tb.cell(row, col))
                .and_then(|c| c.number());
            assert_eq!(got, want, "{shape:?} 2019 表二 {row}.{col}");
        }
        for (t, row, col) in nianbao::schema::cell_keys(Format::F2021) {
            if t == TableId::Proactive {
                continue;
            }
            let want = new.get(t, row, col).and_then(|v| v.value());
            let got = r
                .tables
                .get(t)
                .and_then(|tb| tb.cell(row, col))
                .and_then(|c| c.number());
            assert_eq!(got, want, "{shape:?} 2021 {}.{row}.{col}", t.key());
        }
        let errors: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| &d.message)
            .collect();
        assert!(errors.is_empty(), "{shape:?}: {errors:#?}");
    }
}

#[test]
fn panic_higher_section_heading_before_a_lower_one() {
    let r = nianbao::check("六、其他需要报告的事项\n四、政府信息公开行政复议、行政诉讼\n");
    assert!(r.diagnostics.iter().any(|d| d.code == "SECTION-ORDER"));
}

#[test]
fn quadratic_select_a_megabyte_of_pipes_after_a_row_label() {
    let text = format!("（七）总计\n{}", " |\n".repeat(350_000));
    let r = nianbao::check(&text);
    assert!(r.summary.errors > 0 || r.summary.warnings > 0);
}

#[test]
fn amplification_huge_colspan_and_rowspan_is_bounded_with_a_message() {
    // 9 KB of spans that once expanded to 2.8 GB: rows are at most 256 cells wide.
    let mut html = String::from("<table><tr>");
    for _ in 0..250 {
        html.push_str("<td colspan=1000 rowspan=1000>1</td>");
    }
    html.push_str("</tr>");
    for _ in 0..300 {
        html.push_str("<tr><td>2</td></tr>");
    }
    html.push_str("</table>");
    let grid = nianbao::ingest::read_text(&html);
    // Copies never widen a row past 256 columns (data cells are bounded by the input).
    assert!(grid
        .rows
        .iter()
        .all(|r| r.cells.iter().filter(|c| !c.is_data()).count()
            <= nianbao::ingest::limits::MAX_ROW_CELLS));
    // Every row re-spanning the full width: the copies' budget runs out, and the bounded
    // entry point says so.
    let row = "<tr>".to_string() + &"<td colspan=64 rowspan=64>1</td>".repeat(4) + "</tr>";
    let html = format!("<table>{}</table>", row.repeat(3000));
    let err = nianbao::try_check(&html).expect_err("too many cells");
    assert!(matches!(
        err.kind,
        nianbao::InputErrorKind::TooManyCells { .. }
    ));
    assert!(err.to_string().contains("过多"));
    // The infallible entry point reads what fits in the budget and returns.
    let _ = nianbao::check(&html);
}

#[test]
fn colspan_beyond_u32_reads_as_the_clamped_span() {
    let a = nianbao::ingest::read_text(
        "<table><tr><td colspan=\"4294967296\">1</td><td>2</td></tr></table>",
    );
    let b =
        nianbao::ingest::read_text("<table><tr><td colspan=\"64\">1</td><td>2</td></tr></table>");
    assert_eq!(a.rows.row(0).cells.len(), b.rows.row(0).cells.len());
    assert_eq!(a.rows.row(0).cells.len(), 65);
}

#[test]
fn bom_followed_by_binary_garbage_is_not_text() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend((0u32..6000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let err = nianbao::check_bytes(&bytes).expect_err("binary");
    assert_eq!(err.kind, nianbao::InputErrorKind::Binary);
    let err = nianbao::check_bytes(b"\xEF\xBB\xBF").expect_err("a BOM alone");
    assert_eq!(err.kind, nianbao::InputErrorKind::Empty);
}

#[test]
fn pasted_binary_garbage_is_not_a_report() {
    let garbage: String = (0u32..3000)
        .map(|i| {
            char::from_u32(0x20 + (i.wrapping_mul(2_654_435_761) >> 20) % 0x2000).unwrap_or('?')
        })
        .collect();
    let r = nianbao::check(&garbage);
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["NOT-A-REPORT"]);
}

#[test]
fn ten_thousand_digit_number_stays_in_its_column() {
    let s = Synth::generate(9, Format::F2021);
    let huge = "9".repeat(10_000);
    let base = s.render(Shape::InlinePipes);
    // Replace 表三's （一）予以公开 自然人 value in its row.
    let want = s
        .get(TableId::Applications, "granted", "natural_person")
        .and_then(|v| v.value())
        .unwrap_or(0.0);
    let line = base
        .lines()
        .find(|l| l.contains("予以公开") && !l.contains("部分"))
        .unwrap_or_default()
        .to_string();
    let needle = format!("| {} |", nianbao::value::format_number(want));
    let changed = line.replacen(&needle, &format!("| {huge} |"), 1);
    assert_ne!(changed, line, "the value stands in the row");
    let text = base.replacen(&line, &changed, 1);
    let r = nianbao::check(&text);
    let cell = r
        .tables
        .get(TableId::Applications)
        .and_then(|t| t.cell("granted", "natural_person"))
        .cloned()
        .expect("cell");
    assert_eq!(cell.state, CellState::Text);
    assert!(r.diagnostics.iter().any(|d| d.code == "CELL-UNREADABLE"));
    // The rest of the row stays in place: its 总计 is read as written.
    let total = s
        .get(TableId::Applications, "granted", "total")
        .and_then(|v| v.value());
    assert_eq!(
        r.tables
            .get(TableId::Applications)
            .and_then(|t| t.cell("granted", "total"))
            .and_then(|c| c.number()),
        total
    );
    assert!(
        r.summary.errors == 0,
        "{:#?}",
        r.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect::<Vec<_>>()
    );
}

#[test]
fn huge_totals_are_quoted_as_written() {
    let s = Synth::generate(5, Format::F2021)
        .with_cell((TableId::Disputes, "review", "total"), 1_234_567_890_123);
    let r = nianbao::check(&s.render(Shape::InlinePipes));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "T4-TOTAL")
        .expect("T4-TOTAL");
    assert!(d.message.contains("1234567890123"), "{}", d.message);
}

/// A report whose row labels are rewritten by `edit`, read back cell for cell.
fn relabelled(s: &Synth, shape: Shape, edit: &[(&str, &str)]) -> String {
    let mut text = s.render(shape);
    for (from, to) in edit {
        assert!(text.contains(from), "{from} in the {shape:?} rendering");
        text = text.replace(from, to);
    }
    text
}

#[test]
fn row_labels_with_bracketed_notes_hubei_template() {
    let s = Synth::generate(12, Format::F2021);
    for shape in [
        Shape::InlinePipes,
        Shape::Tabs,
        Shape::Html,
        Shape::CellPerLinePipes,
    ] {
        let text = relabelled(
            &s,
            shape,
            &[("规章", "规章(设区的市、自治州人民政府应提供相关数据)")],
        );
        assert_reads_back(&s, &text);
    }
    let s = Synth::generate(13, Format::F2019);
    for shape in [Shape::InlinePipes, Shape::Tabs, Shape::Html] {
        let text = relabelled(
            &s,
            shape,
            &[(
                "其他对外管理服务事项",
                "其他对外管理服务事项（指除行政许可、行政处罚、行政强制以外的事项）",
            )],
        );
        assert_reads_back(&s, &text);
    }
}

#[test]
fn mirror_converter_word_swaps_beyond_character_folding() {
    let s = Synth::generate(14, Format::F2021);
    let text = relabelled(
        &s,
        Shape::InlinePipes,
        &[("行政规范性文件", "行政規範性檔案")],
    );
    assert_reads_back(&s, &text);
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

/// `bind_disputes` took its values from the front of a vector in a loop, as
/// `Collected::select` did: a block label followed by a megabyte of empty ` |` cells.
#[test]
fn quadratic_disputes_a_megabyte_of_pipes_after_a_block_label() {
    let text = format!(
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n{}",
        " |\n".repeat(350_000)
    );
    assert_fast(&text, 1_000);
}

/// `find_label` scanned all items after the table's heading for every row definition it
/// looked for: 50,000 rows whose label is none of the table's (750 KB). Nor may a label
/// whose bracket never closes make every later line its rest.
#[test]
fn find_label_over_many_rows_no_definition_matches() {
    for (line, n) in [("某某 | 1 | 2\n", 50_000), ("（一）予以公开（\n", 20_000)] {
        let text = format!("三、收到和处理政府信息公开申请情况\n{}", line.repeat(n));
        assert_fast(&text, 1_000);
    }
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

/// The reverse of `per_table_format_2019_table_two_with_2021_tables_three_and_four`: a 2021
/// 表二 in a 2019 report. The 2019 表三 prints no header word of its own, so the report read
/// as one 2021 report and 表三 lost its （六）其他处理 row (a false `TABLE-INCOMPLETE`); its
/// single （六） row with values of its own now tells it.
#[test]
fn per_table_format_2021_table_two_with_2019_tables_three_and_four() {
    let old = Synth::generate(71, Format::F2019);
    for shape in [
        Shape::InlinePipes,
        Shape::Html,
        Shape::Tabs,
        Shape::CellPerLinePipes,
        Shape::BlankLineCells,
    ] {
        let s = old.with_proactive_in(Format::F2021, 9);
        let what = format!("{shape:?}");
        let r = reads_back(&s, &s.render(shape), &what);
        assert_formats(&r, Format::F2021, Format::F2019, &what);
    }
}
