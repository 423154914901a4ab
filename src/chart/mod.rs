//! Charts of a checked report — 表三 application outcomes (`outcomes`), 表二 administrative
//! actions, documents and fees (`actions`), 表四 review and litigation outcomes
//! (`disputes`) — as plain data (`ChartData`), laid out once (`layout`) and drawn from
//! primitives by one function generic over the plotters backend (`draw`): the same code
//! draws on the browser canvas and into SVG for snapshot tests and the CLI. Drawing returns
//! the `Layout` it drew; hit-testing reads that handle, so the tooltip always matches the
//! bars and a pointer move costs no layout.
//!
//! Invariants:
//! - A bar shows what was published. Its number is the written 总计 of its row or block
//!   where one is written (`Basis::Written`); where the parts add up to something else the
//!   bar draws the difference (an outline and a hatch) and says 各项之和为 N. Where no total
//!   is written the bar is the sum of its parts and says so (`Basis::Sum`).
//! - Blank is not zero. A bar whose cells hold no number is not drawn (it is labelled
//!   未填写); a `0` that was written is drawn as an empty bar with its value.
//! - One colour per category, the same in every chart and every report (`palette`); no red
//!   (red means an error on the page), and one legend lists every colour a chart uses.
//! - Labels that are facts of the format come from `crate::schema`; numbers are written by
//!   `crate::value` (`format_grouped` for values, `format_compact` for axis ticks).
//! - No text measuring by the backend: label widths are estimated (CJK = 1 em), so the
//!   layout is identical on every backend and costs nothing in the browser.

mod actions;
mod disputes;
mod draw;
mod layout;
mod outcomes;
mod palette;

pub use draw::{draw, draw_layout, draw_scaled, render_svg, SVG_FONT_FACTOR};
pub use layout::{hit, layout, layout_data, preferred_height, BarBox, Hit, Layout, Rect};
pub use palette::{Category, Rgb, HATCH};

use crate::model::{Cell, Report};
use crate::schema::{TableId, APPLICANT_COLUMNS};
use crate::value::format_grouped;
pub use crate::value::format_number;
use serde::Serialize;

/// The word the format prints over a total column (表三 and 表四 alike).
const TOTAL: &str = APPLICANT_COLUMNS[APPLICANT_COLUMNS.len() - 1].label;

/// The three charts, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Outcomes,
    Actions,
    Disputes,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] = [ChartKind::Outcomes, ChartKind::Actions, ChartKind::Disputes];

    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Outcomes => "outcomes",
            ChartKind::Actions => "actions",
            ChartKind::Disputes => "disputes",
        }
    }

    pub fn from_key(key: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Position in `ALL` (a slot per chart, e.g. for the handles the page keeps).
    pub fn index(self) -> usize {
        match self {
            ChartKind::Outcomes => 0,
            ChartKind::Actions => 1,
            ChartKind::Disputes => 2,
        }
    }

    /// The table the chart's numbers come from.
    pub fn table(self) -> TableId {
        match self {
            ChartKind::Outcomes => TableId::Applications,
            ChartKind::Actions => TableId::Proactive,
            ChartKind::Disputes => TableId::Disputes,
        }
    }

    /// The chart title: the table's name and title as the format prints them.
    pub fn title_zh(self) -> String {
        let t = self.table();
        format!("{} {}", t.name_zh(), t.title_zh())
    }
}

/// Where a bar's number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The 总计 written in the table (for a group of rows: the sum of their written 总计).
    Written,
    /// No 总计 is written: the sum of the parts that hold a number.
    Sum,
    /// A single cell, which has no parts (表二).
    Cell,
}

/// A part of a bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub key: &'static str,
    pub label: &'static str,
    pub value: f64,
    pub color: Rgb,
}

/// One bar: its label, its number, its parts, and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The row or block key (表二: the row key; `column` tells which of its cells).
    pub key: &'static str,
    pub column: Option<&'static str>,
    pub label: String,
    /// Bars of one group are drawn together; a gap separates groups.
    pub group: u8,
    /// Index into `ChartData::panels`: bars of one panel share an axis.
    pub panel: usize,
    /// The number the bar stands for (see `basis`); `None` when no cell holds a number
    /// (the bar is not drawn, never drawn as 0).
    pub value: Option<f64>,
    pub basis: Basis,
    /// The 总计 written in the table, when one is.
    pub written_total: Option<f64>,
    /// The sum of the parts that hold a number; `None` when none does.
    pub parts_sum: Option<f64>,
    /// A total is written and the parts add up to something else: drawn as a hatched
    /// difference and labelled 各项之和为 `parts_sum`.
    pub parts_differ: bool,
    /// Some of the cells behind this bar hold no number.
    pub partial: bool,
    /// The parts, in column order (zeros left out). Segments of one colour are drawn as
    /// one run; their breakdown is in `text`.
    pub segments: Vec<Segment>,
    pub color: Rgb,
    pub unit: &'static str,
    /// The tooltip and keyboard-focus text: everything the bar says, in one line.
    pub text: String,
}

/// A part of a chart with its own axis (表二: one per item of 条例第二十条).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    /// Printed above the panel's bars; `None` for a chart of one panel.
    pub title: Option<String>,
    pub unit: &'static str,
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Swatch {
    Fill,
    /// The outline and hatch of a difference between a written total and its parts.
    Hatch,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendItem {
    pub label: String,
    pub color: Rgb,
    pub swatch: Swatch,
}

/// What a chart shows, independent of any backend; also the data table offered to
/// screen readers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartData {
    pub kind: ChartKind,
    pub title: String,
    /// The unit of the first panel (all of them but in 表二).
    pub unit: &'static str,
    pub panels: Vec<Panel>,
    pub bars: Vec<Bar>,
    /// Column headings of the parts (the data table's columns), in segment order.
    pub series: Vec<&'static str>,
    /// Every colour the chart draws, once.
    pub legend: Vec<LegendItem>,
    /// Why there is nothing to draw (`None` when at least one bar has a value); the page
    /// offers no download then.
    pub empty: Option<String>,
}

/// What one chart module extracts from its table.
#[derive(Debug, Default)]
struct Extract {
    panels: Vec<Panel>,
    bars: Vec<Bar>,
    series: Vec<&'static str>,
    legend: Vec<LegendItem>,
}

/// The bars of `kind` for `report`.
pub fn chart_data(report: &Report, kind: ChartKind) -> ChartData {
    let table = report.tables.get(kind.table());
    let mut x = match (kind, table) {
        (_, None) => Extract::default(),
        (ChartKind::Outcomes, Some(t)) => outcomes::extract(t),
        (ChartKind::Actions, Some(t)) => actions::extract(t, report.format_of(kind.table())),
        (ChartKind::Disputes, Some(t)) => disputes::extract(t),
    };
    if x.panels.is_empty() {
        x.panels.push(Panel {
            title: None,
            unit: "",
        });
    }
    for bar in &mut x.bars {
        bar.text = bar_text(bar);
    }
    if x.bars.iter().any(|b| b.parts_differ) {
        x.legend.push(LegendItem {
            label: format!("{TOTAL}与各项之和的差额"),
            color: HATCH,
            swatch: Swatch::Hatch,
        });
    }
    let name = kind.table().name_zh();
    let empty = match table {
        None => Some(format!("未读到{name}")),
        Some(_) if x.bars.iter().all(|b| b.value.is_none()) => {
            Some(format!("{name}中没有填写数字"))
        }
        Some(_) => None,
    };
    ChartData {
        kind,
        title: kind.title_zh(),
        unit: x.panels[0].unit,
        panels: x.panels,
        bars: x.bars,
        series: x.series,
        legend: if empty.is_some() {
            Vec::new()
        } else {
            x.legend
        },
        empty,
    }
}

/// A number with its unit, grouped for reading (`12,345 件`, `976.81 万元`).
pub(crate) fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        format_grouped(v)
    } else {
        format!("{} {unit}", format_grouped(v))
    }
}

/// Everything a bar says, in one line: the tooltip and the keyboard-focus text.
fn bar_text(bar: &Bar) -> String {
    let Some(v) = bar.value else {
        return format!("{}：未填写", bar.label);
    };
    let mut s = format!("{}：{}", bar.label, with_unit(v, bar.unit));
    let parts = |s: &mut String| {
        if bar.segments.len() > 1 {
            let list: Vec<String> = bar
                .segments
                .iter()
                .map(|g| format!("{} {}", g.label, format_grouped(g.value)))
                .collect();
            s.push_str(&format!("（{}）", list.join("，")));
        }
    };
    match bar.basis {
        Basis::Written if bar.parts_differ => {
            s.push_str(&format!("（表中{TOTAL}）"));
            parts(&mut s);
            if let Some(p) = bar.parts_sum {
                let filled = if bar.partial { "已填" } else { "" };
                s.push_str(&format!("；{filled}各项之和为 {}", format_grouped(p)));
            }
        }
        Basis::Written => {
            parts(&mut s);
            if bar.parts_sum.is_none() {
                s.push_str("；各项未填写数字");
            }
        }
        Basis::Sum => {
            s.push_str(&format!("（未填{TOTAL}，为各项之和）"));
            parts(&mut s);
        }
        Basis::Cell => {}
    }
    if bar.partial && bar.parts_sum.is_some() {
        s.push_str("；部分单元格未填写数字");
    }
    s
}

/// Sum of the cells that hold a number; `None` when none does. The flag says whether
/// some cell had no number.
fn sum_cells<'a>(cells: impl Iterator<Item = Option<&'a Cell>>) -> (Option<f64>, bool) {
    let mut sum = None;
    let mut partial = false;
    for c in cells {
        match c.and_then(|c| c.number()) {
            Some(v) => *sum.get_or_insert(0.0) += v,
            None => partial = true,
        }
    }
    (sum, partial)
}

/// A bar from its written total (if any) and its parts: the number is the written total
/// where there is one, else the sum of the parts.
#[allow(clippy::too_many_arguments)]
fn totalled_bar(
    key: &'static str,
    label: String,
    group: u8,
    written_total: Option<f64>,
    parts: (Option<f64>, bool),
    segments: Vec<Segment>,
    color: Rgb,
    unit: &'static str,
) -> Bar {
    let (parts_sum, partial) = parts;
    let (value, basis) = match written_total {
        Some(t) => (Some(t), Basis::Written),
        None => (parts_sum, Basis::Sum),
    };
    let parts_differ = matches!((written_total, parts_sum), (Some(t), Some(p)) if !same(t, p));
    Bar {
        key,
        column: None,
        label,
        group,
        panel: 0,
        value,
        basis,
        written_total,
        parts_sum,
        parts_differ,
        partial: partial && value.is_some(),
        segments,
        color,
        unit,
        text: String::new(),
    }
}

/// Equal up to float noise from adding amounts.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}
