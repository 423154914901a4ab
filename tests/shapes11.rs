//! Shapes of the "no false error" issue, generated from synthetic reports with sparse 表三
//! rows (only 总计 filled, 总计 blank): every cell must read back in its column.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/readback.rs"]
mod readback;

use nianbao::synth::{Shape, Synth, SynthValue};
use nianbao::{CellState, Format, Severity, TableId};
use readback::reads_back;

/// Blank-line cells where an empty cell is a line holding only whitespace.
#[test]
fn whitespace_only_cells_in_the_blank_line_shape() {
    for seed in 1..6 {
        for format in [Format::F2019, Format::F2021] {
            let s = Synth::generate(seed, format).with_sparse_rows(seed);
            let text = s.render(Shape::BlankLineCells);
            for ws in [" ", "\u{a0}", "\u{3000}", "\t"] {
                // An empty cell is an extra newline: write the whitespace on that line.
                let t = text.replace("\n\n\n", &format!("\n\n{ws}\n"));
                reads_back(&s, &t, &format!("seed {seed} {format:?} {ws:?}"));
            }
        }
    }
}

/// A last cell without its closing pipe at the very end of a cut copy is a cell.
#[test]
fn last_cell_without_its_closing_pipe() {
    let s = Synth::generate(3, Format::F2021);
    let text = s.render(Shape::CellPerLinePipes);
    // The copy stops right after 表四's last value, its closing ` |` not copied.
    let cut = text.find("五、").expect("part 五");
    let before = text[..cut].trim_end();
    // `0 `: the value and a space, no pipe.
    let t = format!(
        "{} ",
        before
            .strip_suffix('|')
            .expect("a cell closes with a pipe")
            .trim_end()
    );
    assert!(t.trim_end().ends_with(|c: char| c.is_ascii_digit()));
    let r = nianbao::check(&t);
    let last = r
        .tables
        .disputes
        .as_ref()
        .and_then(|d| d.cell("litigation_after_review", "total"))
        .map(|c| c.state);
    // The value and a space: copied whole, a cell like any other.
    assert_eq!(last, Some(CellState::Number), "{:?}", &t[t.len() - 30..]);
    let before_last = r
        .tables
        .disputes
        .as_ref()
        .and_then(|d| d.cell("litigation_after_review", "pending"))
        .and_then(|c| c.number());
    let want = s
        .get(
            nianbao::TableId::Disputes,
            "litigation_after_review",
            "pending",
        )
        .and_then(|v| v.value());
    assert_eq!(before_last, want);
}

/// The spreadsheet copy (`Shape::Tabs`) rewritten one cell per line: every cell `| 25 |`,
/// every empty position (a filler after a spanning label, a rowspan placeholder, an empty
/// value) a line holding only `|`.
fn lone_pipe_copy(tabs: &str) -> String {
    let mut t = String::new();
    for line in tabs.lines() {
        if !line.contains('\t') {
            t.push_str(line);
            t.push('\n');
            continue;
        }
        for cell in line.split('\t') {
            let c = cell.trim();
            if c.is_empty() {
                t.push_str("|\n");
            } else {
                t.push_str(&format!("| {c} |\n"));
            }
        }
    }
    t
}

/// Cell per line where every cell is `| 25 |` and an empty cell a line holding only `|`:
/// a label that spans columns (`四、结转下年度继续办理` spans three, so two empty cells
/// follow it) is followed by its fillers, then the row's seven cells, then the next row's
/// rowspan placeholders; every value lands in its column.
#[test]
fn lone_pipe_empty_cells_in_the_cell_per_line_shape() {
    for seed in 1..6 {
        for format in [Format::F2019, Format::F2021] {
            let s = Synth::generate(seed, format).with_sparse_rows(seed);
            let t = lone_pipe_copy(&s.render(Shape::Tabs));
            reads_back(&s, &t, &format!("seed {seed} {format:?}"));
        }
    }
}

/// The same copy with the rows that shift when the geometry is ignored, in both formats
/// and both tab dialects (a spreadsheet copy writes a filler after each spanning label, a
/// Word copy does not): 总计 blank on a row spanning three label columns, only 总计 filled
/// on rows spanning two and one, the last three cells blank, and a row left all blank.
#[test]
fn lone_pipe_cells_with_blank_total_only_total_and_blank_tail() {
    const A: TableId = TableId::Applications;
    let cols = nianbao::schema::APPLICANT_COLUMNS.map(|c| c.key);
    let (mut with_fillers, mut without) = (0, 0);
    for seed in 1..9 {
        for format in [Format::F2019, Format::F2021] {
            let mut s = Synth::generate(seed, format);
            s = s.with_value((A, "carried_forward", "total"), SynthValue::Blank);
            for c in &cols[..6] {
                s = s.with_value((A, "granted", c), SynthValue::Blank);
                s = s.with_value((A, "denied_third_party", c), SynthValue::Blank);
            }
            for c in &cols[4..] {
                s = s.with_value((A, "new_received", c), SynthValue::Blank);
            }
            for c in cols {
                s = s.with_value((A, "rejected_duplicate", c), SynthValue::Blank);
            }
            let t = lone_pipe_copy(&s.render(Shape::Tabs));
            // Which geometry this copy has: fillers after 一、本年新收's label or not.
            let first_row: Vec<&str> = t
                .lines()
                .skip_while(|l| !l.contains("一、本年新收"))
                .skip(1)
                .take(2)
                .collect();
            if first_row == ["|", "|"] {
                with_fillers += 1;
            } else {
                without += 1;
            }
            reads_back(&s, &t, &format!("seed {seed} {format:?}"));
        }
    }
    assert!(
        with_fillers > 0 && without > 0,
        "{with_fillers} / {without}"
    );
}

/// The text with `insert` put before the first line that starts with `before`.
fn insert_before(text: &str, before: &str, insert: &str) -> String {
    let at = text
        .find(&format!("\n{before}"))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line starts with {before}"));
    format!("{}{insert}{}", &text[..at], &text[at..])
}

/// Numbers that no row label claims — a row the format does not have, between two of its
/// rows — are said with their lines, never dropped in silence; a page number copied between
/// two rows is not a value. Every cell of the format still reads back.
#[test]
fn numbers_without_a_row_label_are_said() {
    let unlabeled = |text: &str| {
        nianbao::check(text)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "ROW-UNLABELED-VALUES")
            .collect::<Vec<_>>()
    };
    for format in [Format::F2019, Format::F2021] {
        let s = Synth::generate(5, format);
        for (shape, row) in [
            (Shape::Tabs, "其中：网上申请\t1\t0\t0\t0\t0\t0\t1\r\n"),
            (
                Shape::CellPerLinePipes,
                "其中：网上申请 |\n1 |\n0 |\n0 |\n0 |\n0 |\n0 |\n1 |\n",
            ),
        ] {
            let text = s.render(shape);
            let what = format!("{format:?} {shape}");
            assert!(
                unlabeled(&text).is_empty(),
                "{what}: {:#?}",
                unlabeled(&text)
            );
            let t = insert_before(&text, "二、上年结转", row);
            reads_back(&s, &t, &what);
            let found = unlabeled(&t);
            assert_eq!(found.len(), 1, "{what}: {found:#?}");
            let line = t[..t.find("其中：网上申请").unwrap_or(0)].lines().count() + 1;
            let lines = if shape == Shape::Tabs {
                format!("第 {line} 行")
            } else {
                format!("第 {}–{} 行", line + 1, line + 7)
            };
            assert!(
                found[0].message.contains(&lines)
                    && found[0].message.contains("1、0、0、0、0、0、1"),
                "{what}: {}",
                found[0].message
            );
            assert_eq!(found[0].severity, Severity::Warning);
            for page in ["- 3 -", "3", "3 / 12"] {
                let t = insert_before(&text, "二、上年结转", &format!("{page}\n"));
                reads_back(&s, &t, &format!("{what} page number {page}"));
                assert!(
                    unlabeled(&t).is_empty(),
                    "{what} {page}: {:#?}",
                    unlabeled(&t)
                );
            }
        }
    }
}

/// A padded pipe copy (trailing pipes for the positions a row does not write, no fillers
/// after labels) in which every row whose label spans columns shows only 总计: those rows
/// look like rows after label fillers, and were read two columns off.
#[test]
fn padded_pipes_where_every_spanning_row_shows_only_its_total() {
    let s = Synth::generate(97, Format::F2021).with_sparse_rows(97);
    for shape in [Shape::InlinePipes, Shape::Traditional] {
        let text = s.render(shape);
        assert!(
            text.contains("四、结转下年度继续办理  | | | | | | |") || shape != Shape::InlinePipes
        );
        reads_back(&s, &text, &format!("{shape}"));
    }
}

/// 表四 as one labelled row per block (a local template) where one block's row shows four
/// values: their columns are lost, so the block stays missing and says so with
/// `ROW-CELLS-DROPPED` (a warning naming the values), not silently; the other blocks read.
#[test]
fn labelled_table_four_block_with_a_value_too_few() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/shapes/x_table_four_three_rows_2021.txt"
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let full = nianbao::check(&text);
    let t = text.replacen(
        "行政复议 | 2 | 1 | 0 | 1 | 4 |",
        "行政复议 | 2 | 1 | 1 | 4 |",
        1,
    );
    assert_ne!(t, text, "the fixture has the 行政复议 row");
    let r = nianbao::check(&t);
    let dropped: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "ROW-CELLS-DROPPED")
        .collect();
    assert_eq!(dropped.len(), 1, "{:#?}", r.diagnostics);
    assert!(
        dropped[0].message.contains("2、1、1、4"),
        "{}",
        dropped[0].message
    );
    assert!(
        !r.diagnostics.iter().any(|d| d.severity == Severity::Error),
        "{:#?}",
        r.diagnostics
    );
    let d = r.tables.disputes.as_ref().expect("表四");
    for col in ["upheld", "corrected", "other", "pending", "total"] {
        assert_eq!(
            d.cell("review", col).map(|c| c.state),
            Some(CellState::Missing)
        );
        for block in ["litigation_direct", "litigation_after_review"] {
            let want = full
                .tables
                .disputes
                .as_ref()
                .and_then(|f| f.cell(block, col));
            let read = |c: Option<&nianbao::Cell>| c.map(|c| (c.state, c.number()));
            assert_eq!(read(d.cell(block, col)), read(want), "{block}.{col}");
        }
    }
}
