//! Chart snapshots: the same generic draw function the page uses on a canvas, rendered to
//! SVG natively. Reports are built by hand so the charts are tested apart from the parser.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::chart::{self, chart_data, Basis, ChartKind};
use nianbao::model::{Cell, CellState, Report, Row, Summary, Table, Tables};
use nianbao::schema::{
    application_rows, proactive_subtables, Format, TableId, APPLICANT_COLUMNS, DISPUTE_BLOCKS,
    DISPUTE_COLUMNS,
};

fn num(v: f64) -> Cell {
    Cell {
        state: CellState::Number,
        value: Some(v),
        raw: v.to_string().into(),
        unit: None,
        span: None,
    }
}
fn blank() -> Cell {
    Cell {
        state: CellState::Blank,
        value: None,
        raw: Default::default(),
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

/// A 2021 report: 表三 with applications from two applicant types, one blank row, and one
/// row (部分公开) whose parts (3) disagree with its written 总计 (4); 表二 with one blank
/// cell and items of very different size; 表四 with a written total only in one block and
/// one block whose parts (2) disagree with its 总计 (3).
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
                        ("partially_granted", "total") => num(4.0),
                        ("denied_third_party", "natural_person") => num(2.0),
                        ("denied_third_party", "total") => num(2.0),
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
                            ("licensing", _) => num(15234.0),
                            ("punishment", _) => num(312.0),
                            ("coercion", _) => blank(),
                            ("fees", _) => num(976.81),
                            ("regulations", "repealed") => num(0.0),
                            ("normative_documents", "in_force") => num(41.0),
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
                        ("litigation_after_review", "upheld") => num(1.0),
                        ("litigation_after_review", "other") => num(1.0),
                        ("litigation_after_review", "total") => num(3.0),
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

/// The SVG at the height the page would give it at this width.
fn svg(r: &Report, kind: ChartKind, width: u32) -> String {
    let h = chart::preferred_height(r, kind, width);
    chart::render_svg(r, kind, width, h)
}

/// A 2019 report's 表二: documents, decisions (其他对外管理服务事项 included), fees with a
/// negative 本年增/减, procurement with an amount in 万元.
fn sample_2019() -> Report {
    let mut r = empty_report(Some(Format::F2019));
    let pro = proactive_subtables(Format::F2019)
        .iter()
        .flat_map(|s| {
            s.rows.iter().map(|row| {
                let cells = s
                    .columns
                    .iter()
                    .map(|c| {
                        let v = match (row.key, c.key) {
                            ("regulations", "produced") => num(2.0),
                            ("regulations", _) => num(12.0),
                            ("normative_documents", "total_published") => num(230.0),
                            ("normative_documents", _) => num(18.0),
                            ("licensing", "decisions") => num(2_345_678.0),
                            ("other_services", "decisions") => num(40.0),
                            ("punishment", "decisions") => num(0.0),
                            ("coercion", "decisions") => num(7.0),
                            ("fees", "previous_items") => num(9.0),
                            ("fees", "change") => num(-2.0),
                            ("procurement", "items") => num(14.0),
                            ("procurement", "amount") => Cell {
                                unit: Some("万元".into()),
                                ..num(321.5)
                            },
                            _ => num(5.0),
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
    r
}

#[test]
fn actions_2019_panels() {
    let d = chart_data(&sample_2019(), ChartKind::Actions);
    let titles: Vec<_> = d.panels.iter().filter_map(|p| p.title.clone()).collect();
    assert_eq!(d.panels.len(), 6);
    assert_eq!(titles.len(), 5, "the item heading once: {titles:?}");
    assert!(titles[0].contains("规章和规范性文件"));
    assert!(titles.iter().any(|t| t.contains("行政事业性收费")));
    let units: Vec<_> = d.panels.iter().map(|p| p.unit).collect();
    assert_eq!(units, vec!["件", "件", "件", "项", "项", "万元"]);
    let change = d
        .bars
        .iter()
        .find(|b| b.key == "fees" && b.column == Some("change"))
        .expect("本年增/减");
    assert_eq!(change.value, Some(-2.0));
    let s = svg(&sample_2019(), ChartKind::Actions, 640);
    assert!(s.contains("\n-2\n</text>"), "a negative value is drawn");
    assert!(
        s.contains("\n2,345,678\n</text>") && s.contains("万\n</text>"),
        "grouped, ticks in 万"
    );
}

#[test]
fn outcomes_svg() {
    insta::assert_snapshot!(svg(&sample(), ChartKind::Outcomes, 640));
}

#[test]
fn actions_svg() {
    insta::assert_snapshot!(svg(&sample(), ChartKind::Actions, 640));
}

#[test]
fn disputes_svg() {
    insta::assert_snapshot!(svg(&sample(), ChartKind::Disputes, 640));
}

#[test]
fn narrow_puts_labels_above_bars() {
    insta::assert_snapshot!(svg(&sample(), ChartKind::Disputes, 300));
}

#[test]
fn actions_2019_svg() {
    insta::assert_snapshot!(svg(&sample_2019(), ChartKind::Actions, 640));
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
fn parts_by_applicant_type_are_kept_for_the_data_table() {
    let d = chart_data(&sample(), ChartKind::Outcomes);
    assert_eq!(d.series, vec!["自然人", "商业企业"]);
    let granted = d.bars.iter().find(|b| b.key == "granted").expect("granted");
    assert_eq!(granted.segments.len(), 2);
    assert_eq!(granted.value, Some(24.0));
    assert!(
        granted.text.contains("自然人 20，商业企业 4"),
        "{}",
        granted.text
    );
    let other = d.bars.iter().find(|b| b.key == "other").expect("other");
    assert_eq!(
        other.value,
        Some(0.0),
        "2 zero rows and one blank row: no written total for the group, the parts sum to 0"
    );
    assert_eq!(other.basis, Basis::Sum);
    assert!(other.partial);
}

#[test]
fn hit_finds_bar_under_pointer() {
    let r = sample();
    let l = chart::layout(&r, ChartKind::Actions, 640.0, 400.0);
    let b = l
        .bars
        .iter()
        .find(|b| l.data.bars[b.index].key == "licensing")
        .expect("licensing box");
    let h = chart::hit(
        &r,
        ChartKind::Actions,
        640.0,
        400.0,
        b.bar.x + 2.0,
        b.bar.y + 2.0,
    )
    .expect("hit");
    assert_eq!(h.bar, "licensing");
    assert_eq!(h.value, Some(15234.0));
    assert!(h.text.contains("行政许可：15,234 件"), "{}", h.text);
    assert!(chart::hit(&r, ChartKind::Actions, 640.0, 400.0, 1.0, 1.0).is_none());
}

#[test]
fn draw_returns_the_layout_hit_reads() {
    use plotters::prelude::*;
    let r = sample();
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (640, 300)).into_drawing_area();
        chart::draw(&root, &r, ChartKind::Disputes).expect("draws")
    };
    assert!(drawn.fits(640.0, 300.0));
    for b in &drawn.bars {
        let (x, y) = (b.bar.x + 1.0, b.bar.y + 1.0);
        let from_handle = drawn.hit(x, y).expect("hit on the handle");
        assert_eq!(
            Some(from_handle),
            chart::hit(&r, ChartKind::Disputes, 640.0, 300.0, x, y)
        );
    }
    // Keyboard focus reads the same text the pointer shows.
    let h = drawn
        .hit(drawn.bars[0].row.x + 1.0, drawn.bars[0].row.y + 1.0)
        .expect("row hit");
    assert_eq!(Some(h.text.as_str()), drawn.bar_text(h.index));
    assert_eq!(drawn.bar_text(99), None);
}

#[test]
fn bar_number_is_the_written_total() {
    let r = sample();
    let apps = r.tables.applications.as_ref().expect("表三");
    let d = chart_data(&r, ChartKind::Outcomes);
    for key in [
        "new_received",
        "granted",
        "partially_granted",
        "carried_forward",
    ] {
        let bar = d.bars.iter().find(|b| b.key == key).expect("bar");
        let written = apps.cell(key, "total").and_then(|c| c.number());
        assert_eq!(bar.value, written, "{key}");
        assert_eq!(bar.basis, Basis::Written, "{key}");
    }
    // 部分公开: 4 written, parts 3 — the bar says 4, not 3.
    let svg = svg(&r, ChartKind::Outcomes, 640);
    assert!(svg.contains("\n4\n</text>"), "written 总计 drawn");
    let disputes = chart_data(&r, ChartKind::Disputes);
    let after = disputes
        .bars
        .iter()
        .find(|b| b.key == "litigation_after_review")
        .expect("block");
    assert_eq!(after.value, Some(3.0));
}

#[test]
fn parts_that_disagree_say_their_sum() {
    let r = sample();
    let d = chart_data(&r, ChartKind::Outcomes);
    let pg = d
        .bars
        .iter()
        .find(|b| b.key == "partially_granted")
        .expect("bar");
    assert!(pg.parts_differ);
    assert_eq!((pg.written_total, pg.parts_sum), (Some(4.0), Some(3.0)));
    assert!(pg.text.contains("各项之和为 3"), "{}", pg.text);
    let svg_o = svg(&r, ChartKind::Outcomes, 640);
    assert!(svg_o.contains("各项之和为 3"));
    assert!(
        svg_o.contains("总计与各项之和的差额"),
        "the hatch is in the legend"
    );
    let svg_d = svg(&r, ChartKind::Disputes, 640);
    assert!(svg_d.contains("各项之和为 2"));
    // Rows that agree say nothing of the kind.
    let granted = d.bars.iter().find(|b| b.key == "granted").expect("bar");
    assert!(!granted.parts_differ && !granted.text.contains("各项之和"));
}

#[test]
fn no_total_written_says_the_bar_is_the_sum() {
    let mut r = sample();
    if let Some(t) = r.tables.disputes.as_mut() {
        if let Some(c) = t.row_mut("review").and_then(|row| row.cell_mut("total")) {
            *c = blank();
        }
    }
    let d = chart_data(&r, ChartKind::Disputes);
    let review = d.bars.iter().find(|b| b.key == "review").expect("review");
    assert_eq!((review.value, review.basis), (Some(5.0), Basis::Sum));
    assert!(review.text.contains("为各项之和"), "{}", review.text);
    assert!(svg(&r, ChartKind::Disputes, 640).contains("未填总计，为各项之和"));
}

#[test]
fn empty_chart_says_so() {
    // Tables present, every cell blank.
    let mut r = sample();
    for t in [
        r.tables.applications.as_mut(),
        r.tables.proactive.as_mut(),
        r.tables.disputes.as_mut(),
    ]
    .into_iter()
    .flatten()
    {
        for row in &mut t.rows {
            for (_, c) in &mut row.cells {
                *c = blank();
            }
        }
    }
    for kind in ChartKind::ALL {
        let d = chart_data(&r, kind);
        let reason = d.empty.clone().expect("empty");
        assert!(reason.contains("没有填写数字"), "{reason}");
        assert!(d.legend.is_empty());
        let s = svg(&r, kind, 480);
        assert!(s.contains("无数据") && s.contains(&reason), "{kind:?}");
        assert!(fills(&s).is_empty(), "{kind:?} draws no bars");
    }
}

/// The fill colours of the rectangles of an SVG, background left out.
fn fills(svg: &str) -> Vec<String> {
    let mut out: Vec<String> = svg
        .lines()
        .filter(|l| l.starts_with("<rect"))
        .filter_map(|l| l.split("fill=\"").nth(1)?.split('"').next())
        .filter(|c| *c != "none" && *c != "#FFFFFF")
        .map(str::to_uppercase)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn legend_covers_every_colour() {
    for r in [sample(), sample_2019()] {
        for kind in ChartKind::ALL {
            let d = chart_data(&r, kind);
            let legend: Vec<String> = d
                .legend
                .iter()
                .map(|l| l.color.hex().to_uppercase())
                .collect();
            let s = svg(&r, kind, 640);
            for fill in fills(&s) {
                assert!(
                    legend.contains(&fill),
                    "{kind:?}: {fill} not in legend {legend:?}"
                );
            }
            for item in &d.legend {
                assert!(
                    s.contains(&item.label),
                    "{kind:?}: legend label {} drawn",
                    item.label
                );
            }
        }
    }
}

/// Reddish: red clearly above green and blue.
fn reddish(hex: &str) -> bool {
    let c = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    let (r, g, b) = (i32::from(c(1)), i32::from(c(3)), i32::from(c(5)));
    r > g + 60 && r > b + 60
}

#[test]
fn denied_is_not_red() {
    let r = sample();
    let d = chart_data(&r, ChartKind::Outcomes);
    let denied = d.bars.iter().find(|b| b.key == "denied").expect("denied");
    assert_eq!(denied.value, Some(2.0));
    assert!(!reddish(&denied.color.hex()), "{}", denied.color.hex());
    for kind in ChartKind::ALL {
        for fill in fills(&svg(&r, kind, 640)) {
            assert!(!reddish(&fill), "{kind:?}: red fill {fill}");
        }
    }
}

#[test]
fn large_numbers_are_grouped_and_ticks_compact() {
    let s = svg(&sample(), ChartKind::Actions, 640);
    assert!(
        s.contains("\n15,234\n</text>"),
        "the written number, grouped"
    );
    assert!(s.contains("万\n</text>"), "ticks in 万");
    assert!(s.contains("单位：万元"), "the fees panel has its own unit");
    assert!(s.contains("第二十条第（一）项"), "documents are charted");
}

#[test]
fn print_resolution_scales_text_and_strokes() {
    use plotters::prelude::*;
    let r = sample();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (640 * 4, 300 * 4)).into_drawing_area();
        let l = chart::draw_scaled(&root, &r, ChartKind::Outcomes, 4.0, chart::SVG_FONT_FACTOR)
            .expect("draws");
        assert!(l.fits(640.0, 300.0), "laid out in CSS pixels");
    }
    assert!(out.contains("font-size=\"52"), "13 px text at 4x");
    assert!(out.contains("stroke-width=\"4\""), "1 px lines at 4x");
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
    assert!(other_result.is_some(), "表四 uses 其他结果");
    assert_eq!(other_handling, other_result);
}

#[test]
fn extreme_values_and_sizes_do_not_panic() {
    let mut r = sample();
    for t in [r.tables.applications.as_mut(), r.tables.disputes.as_mut()]
        .into_iter()
        .flatten()
    {
        for (i, row) in t.rows.iter_mut().enumerate() {
            for (j, (_, c)) in row.cells.iter_mut().enumerate() {
                *c = match (i + j) % 4 {
                    0 => num(1e300),
                    1 => num(-7.0),
                    2 => num(1e300),
                    _ => blank(),
                };
            }
        }
    }
    for (w, h) in [(0, 0), (1, 1), (80, 60), (300, 900), (2000, 100)] {
        for kind in ChartKind::ALL {
            let s = chart::render_svg(&r, kind, w, h);
            assert!(s.starts_with("<svg"));
            let l = chart::layout(&r, kind, f64::from(w), f64::from(h));
            for y in (0..h).step_by(7) {
                let _ = l.hit(f64::from(w) / 2.0, f64::from(y));
            }
        }
    }
    let l = chart::layout(&r, ChartKind::Outcomes, f64::NAN, f64::INFINITY);
    assert!(l.width.is_finite() && l.height.is_finite());
}

/// The real reports of the corpus, drawn at a phone's and a desktop's width.
#[test]
fn corpus_reports_draw() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}: skipped", dir.display());
        return;
    };
    let mut n = 0;
    for e in entries.flatten() {
        let p = e.path();
        if !matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "html")) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let Ok((_, report)) = nianbao::check_bytes(&bytes) else {
            continue;
        };
        for kind in ChartKind::ALL {
            for w in [320, 800] {
                let s = svg(&report, kind, w);
                let d = chart_data(&report, kind);
                assert!(s.contains(&d.title), "{}: {kind:?}", p.display());
                if let Some(reason) = &d.empty {
                    assert!(s.contains(reason.as_str()));
                }
            }
        }
        n += 1;
    }
    assert!(n > 0);
}
