//! Chart snapshots: the same generic draw function the page uses on a canvas, rendered to
//! SVG natively. Reports are built by hand so the charts are tested apart from the parser.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::chart::{self, chart_data, ChartKind};
use nianbao::model::{Cell, CellState, Report, Row, Summary, Table, Tables};
use nianbao::schema::{
    application_rows, proactive_subtables, Format, TableId, APPLICANT_COLUMNS, DISPUTE_BLOCKS,
    DISPUTE_COLUMNS,
};

fn num(v: f64) -> Cell {
    Cell {
        state: CellState::Number,
        value: Some(v),
        raw: v.to_string(),
        unit: None,
        span: None,
    }
}
fn blank() -> Cell {
    Cell {
        state: CellState::Blank,
        value: None,
        raw: String::new(),
        unit: None,
        span: None,
    }
}

fn empty_report(format: Option<Format>) -> Report {
    Report {
        format,
        table_formats: Default::default(),
        year: Some(2021),
        agency: None,
        input: "text",
        sections: Vec::new(),
        tables: Tables::default(),
        diagnostics: Vec::new(),
        not_assessable: Vec::new(),
        summary: Summary::default(),
    }
}

/// A 2021 report: 表三 with applications from two applicant types, one blank row;
/// 表二 with one blank cell; 表四 with a written total only in one block.
fn sample() -> Report {
    let mut r = empty_report(Some(Format::F2021));
    let apps = application_rows(Format::F2021)
        .iter()
        .map(|def| {
            let cells = APPLICANT_COLUMNS
                .iter()
                .map(|c| {
                    let v = match (def.key, c.key) {
                        ("new_received", "natural_person") => num(40.0),
                        ("new_received", "commercial") => num(6.0),
                        ("new_received", "total") => num(46.0),
                        ("carried_over", "natural_person") => num(2.0),
                        ("carried_over", "total") => num(2.0),
                        ("granted", "natural_person") => num(20.0),
                        ("granted", "commercial") => num(4.0),
                        ("granted", "total") => num(24.0),
                        ("partially_granted", "natural_person") => num(3.0),
                        ("partially_granted", "total") => num(3.0),
                        ("unable_not_held", "natural_person") => num(12.0),
                        ("unable_not_held", "commercial") => num(1.0),
                        ("unable_not_held", "total") => num(13.0),
                        ("rejected_duplicate", "natural_person") => num(5.0),
                        ("rejected_duplicate", "total") => num(5.0),
                        ("other_reasons", _) => blank(),
                        ("carried_forward", "natural_person") => num(2.0),
                        ("carried_forward", "commercial") => num(1.0),
                        ("carried_forward", "total") => num(3.0),
                        _ => num(0.0),
                    };
                    (c.key, v)
                })
                .collect();
            Row {
                key: def.key,
                cells,
                label_span: None,
                dropped: false,
            }
        })
        .collect();
    r.tables.applications = Some(Table {
        id: TableId::Applications,
        rows: apps,
    });
    let pro = proactive_subtables(Format::F2021)
        .iter()
        .flat_map(|s| {
            s.rows.iter().map(|row| {
                let cells = s
                    .columns
                    .iter()
                    .map(|c| {
                        let v = match (row.key, c.key) {
                            ("licensing", _) => num(1520.0),
                            ("punishment", _) => num(312.0),
                            ("coercion", _) => blank(),
                            _ => num(3.0),
                        };
                        (c.key, v)
                    })
                    .collect();
                Row {
                    key: row.key,
                    cells,
                    label_span: None,
                    dropped: false,
                }
            })
        })
        .collect();
    r.tables.proactive = Some(Table {
        id: TableId::Proactive,
        rows: pro,
    });
    let disp = DISPUTE_BLOCKS
        .iter()
        .map(|b| {
            let cells = DISPUTE_COLUMNS
                .iter()
                .map(|c| {
                    let v = match (b.key, c.key) {
                        ("review", "upheld") => num(3.0),
                        ("review", "corrected") => num(1.0),
                        ("review", "pending") => num(1.0),
                        ("review", "total") => num(5.0),
                        ("litigation_direct", "total") => num(2.0),
                        ("litigation_direct", _) => blank(),
                        _ => num(0.0),
                    };
                    (c.key, v)
                })
                .collect();
            Row {
                key: b.key,
                cells,
                label_span: None,
                dropped: false,
            }
        })
        .collect();
    r.tables.disputes = Some(Table {
        id: TableId::Disputes,
        rows: disp,
    });
    r
}

#[test]
fn outcomes_svg() {
    insta::assert_snapshot!(chart::render_svg(&sample(), ChartKind::Outcomes, 640, 360));
}

#[test]
fn actions_svg() {
    insta::assert_snapshot!(chart::render_svg(&sample(), ChartKind::Actions, 640, 200));
}

#[test]
fn disputes_svg() {
    insta::assert_snapshot!(chart::render_svg(&sample(), ChartKind::Disputes, 640, 200));
}

#[test]
fn narrow_puts_labels_above_bars() {
    insta::assert_snapshot!(chart::render_svg(&sample(), ChartKind::Disputes, 300, 220));
}

#[test]
fn missing_table_renders_no_data() {
    let r = empty_report(None);
    for kind in ChartKind::ALL {
        let svg = chart::render_svg(&r, kind, 480, 160);
        assert!(svg.contains("无数据"), "{kind:?}: {svg}");
        assert!(!svg.contains("<rect x=\"12\""), "{kind:?} draws no bars");
        assert!(chart_data(&r, kind).empty.is_some());
    }
}

#[test]
fn blank_is_not_drawn_as_zero() {
    let data = chart_data(&sample(), ChartKind::Actions);
    let coercion = data
        .bars
        .iter()
        .find(|b| b.key == "coercion")
        .expect("coercion bar");
    assert_eq!(coercion.value, None);
    assert!(coercion.segments.is_empty());
    let svg = chart::render_svg(&sample(), ChartKind::Actions, 640, 200);
    assert!(svg.contains("未填写"));

    // All parts blank, total written: the total is drawn, marked as total only.
    let d = chart_data(&sample(), ChartKind::Disputes);
    let direct = d
        .bars
        .iter()
        .find(|b| b.key == "litigation_direct")
        .expect("block");
    assert_eq!(direct.value, Some(2.0));
    assert!(direct.partial);
}

#[test]
fn stacks_by_applicant_type_when_more_than_one_has_data() {
    let d = chart_data(&sample(), ChartKind::Outcomes);
    assert_eq!(d.series, vec!["自然人", "商业企业"]);
    let granted = d.bars.iter().find(|b| b.key == "granted").expect("granted");
    assert_eq!(granted.segments.len(), 2);
    assert_eq!(granted.value, Some(24.0));
    let other = d.bars.iter().find(|b| b.key == "other").expect("other");
    assert_eq!(
        other.value,
        Some(0.0),
        "2 zero rows and one blank row sum to 0, partially"
    );
    assert!(other.partial);
}

#[test]
fn hit_finds_bar_under_pointer() {
    let r = sample();
    let l = chart::layout(&r, ChartKind::Actions, 640.0, 200.0);
    let b = &l.bars[0];
    let seg = b.segments[0];
    let h = chart::hit(
        &r,
        ChartKind::Actions,
        640.0,
        200.0,
        seg.x + 2.0,
        seg.y + 2.0,
    )
    .expect("hit");
    assert_eq!(h.bar, "licensing");
    assert_eq!(h.value, Some(1520.0));
    assert!(h.text.contains("行政许可：1520 件"), "{}", h.text);
    assert!(chart::hit(&r, ChartKind::Actions, 640.0, 200.0, 1.0, 1.0).is_none());
}

#[test]
fn same_colour_for_same_category_across_charts() {
    let r = sample();
    let o = chart_data(&r, ChartKind::Outcomes);
    let d = chart_data(&r, ChartKind::Disputes);
    let other_handling = o.bars.iter().find(|b| b.key == "other").map(|b| b.color);
    let other_result = d
        .legend
        .iter()
        .find(|l| l.label == "其他结果")
        .map(|l| l.color);
    assert_eq!(other_handling, other_result);
}
