//! Peak heap of checking inputs that once took many times their size (regressions named
//! after what broke). One test, run case after case: the counting allocator sees the
//! whole process, so cases must not overlap. The growth benchmark (README §Growth)
//! measures every shape up to 10 MB in an optimised build; these are the inputs that
//! broke, small enough for the test build.

#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

#[path = "../src/bin/shared/counting.rs"]
mod counting;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

/// Peak heap of `nianbao::check` on `text`, above what was live before.
fn peak_of_check(text: &str) -> usize {
    let base = counting::reset_peak();
    let report = nianbao::check(text);
    let peak = counting::peak_since(base);
    drop(report);
    peak
}

fn assert_within(name: &str, text: &str, times: usize) {
    let peak = peak_of_check(text);
    eprintln!("{name}: {:.1}x", peak as f64 / text.len() as f64);
    assert!(
        peak <= times * text.len(),
        "{name}: peak heap {peak} bytes for {} bytes of input ({:.1}x, limit {times}x)",
        text.len(),
        peak as f64 / text.len() as f64
    );
}

#[test]
fn memory_regressions() {
    // A line of pipes with a few words among them (a fuzzer's input): every segment
    // between two pipes was collected (16 bytes each) before the empty runs were bounded,
    // and the row store was reserved a cell per pipe: 275 KB took 12 MB (43x).
    let line_of_pipes_with_words = format!(
        "公园街道办事处\n标题:{}2021年\n一、总体情况\n",
        "|".repeat(300_000)
    );
    assert_within(
        "line_of_pipes_with_words_is_read_without_a_cell_per_pipe",
        &line_of_pipes_with_words,
        4,
    );

    // A copy with a `|` line between cells, grown by rows (a lone `|` separated lines of
    // two or three bytes): the reader held 32 bytes per source line and a filler row per
    // separator, 17x the input at 10 MB.
    let mut grown =
        String::from("2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n");
    while grown.len() < 1 << 20 {
        grown.push_str("一、本年新收政府信息公开申请数量\n|\n");
        for v in ["12", "0", "3", "0", "0", "1", "16"] {
            grown.push_str(&format!(" {v} \n|\n"));
        }
    }
    assert_within("separator_lines_grown_by_rows_stay_within_10x", &grown, 10);

    // A table run into one line of pipes, with thousands of empty cells after it (a
    // fuzzer's input): every label of the line reserved room for the rest of the line's
    // cells when its values were collected, and the collected rows are kept until the
    // table is placed: 15 KB took 5.4 MB (350x).
    let report = nianbao::synth::Synth::generate(1, nianbao::Format::F2021)
        .render(nianbao::synth::Shape::InlinePipes);
    let mut one_line = String::new();
    for line in report.lines() {
        if line.starts_with('|') {
            one_line.push_str(line.trim_end_matches('|'));
        } else {
            one_line.push_str(line);
            one_line.push('\n');
        }
    }
    one_line.push_str(&"| ".repeat(5000));
    assert_within(
        "a_table_run_into_one_line_reserves_no_row_per_label",
        &one_line,
        10,
    );
}
