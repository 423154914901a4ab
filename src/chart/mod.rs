//! Charts of a checked report — 表三 application outcomes, 表二 administrative actions,
//! 表四 review and litigation outcomes — as plain data (`ChartData`), laid out once
//! (`layout`) and drawn from primitives by one function generic over the plotters backend
//! (`draw`): the same code draws on the browser canvas and into SVG for snapshot tests and
//! the CLI. Hit-testing reads the same layout, so the page's tooltip always matches the bars.
//!
//! Invariants:
//! - Blank is not zero. A bar whose cells hold no number is not drawn (it is labelled
//!   未填写); a `0` that was written is drawn as an empty bar with its value.
//! - One colour per outcome category, the same in every chart and every report.
//! - No text measuring by the backend: label widths are estimated here (CJK = 1 em), so the
//!   layout is identical on every backend and costs nothing in the browser.

mod draw;

pub use draw::{
    draw, draw_layout, draw_scaled, hit, layout, preferred_height, render_svg, Hit, Layout,
    SVG_FONT_FACTOR,
};

use crate::model::{Report, Table};
use crate::schema::{Format, APPLICANT_COLUMNS, APPLICANT_PARTS, DISPUTE_BLOCKS, DISPUTE_COLUMNS};
pub use crate::value::format_number;
use serde::Serialize;

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

    /// The chart title; it names the table the numbers come from.
    pub fn title_zh(self) -> &'static str {
        match self {
            ChartKind::Outcomes => "表三 政府信息公开申请办理情况",
            ChartKind::Actions => "表二 行政许可、行政处罚、行政强制处理决定数量",
            ChartKind::Disputes => "表四 行政复议、行政诉讼结果",
        }
    }

    /// What is drawn when there is nothing to draw.
    fn missing_zh(self) -> &'static str {
        match self {
            ChartKind::Outcomes => "未读到表三",
            ChartKind::Actions => "未读到表二",
            ChartKind::Disputes => "未读到表四",
        }
    }
}

/// A colour as `#rrggbb` in data, `(r, g, b)` for drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
    /// Mix towards white by `t` in 0..=1 (shades of one category for stacked segments).
    pub fn tint(self, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let f = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8;
        Rgb(f(self.0), f(self.1), f(self.2))
    }
    /// True when dark text reads better than white on this colour.
    pub fn is_light(self) -> bool {
        let l = 0.299 * f64::from(self.0) + 0.587 * f64::from(self.1) + 0.114 * f64::from(self.2);
        l > 150.0
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

/// The categories a bar or segment can stand for, each with its one colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Quantities: 新收, 上年结转, 结转下年度, 表二 decision counts.
    Volume,
    Granted,
    PartiallyGranted,
    Denied,
    Unable,
    Rejected,
    OtherHandling,
    Upheld,
    Corrected,
    OtherResult,
    Pending,
    /// A written total drawn because none of its parts holds a number.
    TotalOnly,
}

impl Category {
    pub fn color(self) -> Rgb {
        match self {
            Category::Volume => Rgb(0x4e, 0x79, 0xa7),
            Category::Granted => Rgb(0x3f, 0x8f, 0x3a),
            Category::PartiallyGranted => Rgb(0x8c, 0xc0, 0x6c),
            Category::Denied => Rgb(0xd1, 0x45, 0x47),
            Category::Unable => Rgb(0xe8, 0x86, 0x1c),
            Category::Rejected => Rgb(0x9b, 0x6b, 0xa8),
            // "Other" is grey in both tables: the same idea, the same colour.
            Category::OtherHandling | Category::OtherResult => Rgb(0x8f, 0x8a, 0x85),
            Category::Upheld => Rgb(0x3b, 0x9e, 0x9a),
            Category::Corrected => Rgb(0xd9, 0xa4, 0x00),
            Category::Pending => Rgb(0x8a, 0x63, 0x4a),
            Category::TotalOnly => Rgb(0xa8, 0xb4, 0xc4),
        }
    }
}

/// A part of a stacked bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub key: &'static str,
    pub label: &'static str,
    pub value: f64,
    pub color: Rgb,
}

/// One bar: its label, its parts, and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub key: &'static str,
    pub label: &'static str,
    /// Bars of one group are drawn together; a gap separates groups.
    pub group: u8,
    /// The plotted length: the sum of the segments; `None` when no cell holds a number
    /// (the bar is not drawn, never drawn as 0).
    pub value: Option<f64>,
    pub segments: Vec<Segment>,
    pub color: Rgb,
    /// The `总计` written in the table, when it differs from `value`.
    pub written_total: Option<f64>,
    /// Some of the cells summed into this bar hold no number.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendItem {
    pub label: &'static str,
    pub color: Rgb,
}

/// What a chart shows, independent of any backend; also the data table offered to
/// screen readers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartData {
    pub kind: ChartKind,
    pub title: &'static str,
    pub unit: &'static str,
    pub bars: Vec<Bar>,
    /// Column headings of the segments (stacked charts), in segment order.
    pub series: Vec<&'static str>,
    pub legend: Vec<LegendItem>,
    /// Why there is nothing to draw (`None` when at least one bar has a value).
    pub empty: Option<&'static str>,
}

/// The bars of `kind` for `report`.
pub fn chart_data(report: &Report, kind: ChartKind) -> ChartData {
    let (table, bars, series, legend) = match kind {
        ChartKind::Outcomes => {
            let t = report.tables.applications.as_ref();
            let (bars, series, legend) = t.map(outcome_bars).unwrap_or_default();
            (t, bars, series, legend)
        }
        ChartKind::Actions => {
            let t = report.tables.proactive.as_ref();
            (
                t,
                t.map(|t| action_bars(t, report.format)).unwrap_or_default(),
                Vec::new(),
                Vec::new(),
            )
        }
        ChartKind::Disputes => {
            let t = report.tables.disputes.as_ref();
            let bars = t.map(dispute_bars).unwrap_or_default();
            let legend = DISPUTE_OUTCOMES
                .iter()
                .map(|(_, label, cat)| LegendItem {
                    label,
                    color: cat.color(),
                })
                .collect();
            let series = DISPUTE_OUTCOMES
                .iter()
                .map(|(_, label, _)| *label)
                .collect();
            (t, bars, series, legend)
        }
    };
    let empty = match table {
        None => Some(kind.missing_zh()),
        Some(_) if bars.iter().all(|b| b.value.is_none()) => Some("表中没有可用的数字"),
        Some(_) => None,
    };
    ChartData {
        kind,
        title: kind.title_zh(),
        unit: "件",
        bars,
        series,
        legend,
        empty,
    }
}

/// Sum of the cells that hold a number; `None` when none does. The flag says whether
/// some cell had no number.
fn sum_cells<'a>(
    cells: impl Iterator<Item = Option<&'a crate::model::Cell>>,
) -> (Option<f64>, bool) {
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

// ---------------------------------------------------------------------------------------
// 表三

struct OutcomeDef {
    key: &'static str,
    label: &'static str,
    group: u8,
    category: Category,
    rows: &'static [&'static str],
}

const OUTCOMES: [OutcomeDef; 9] = [
    OutcomeDef {
        key: "new_received",
        label: "本年新收",
        group: 0,
        category: Category::Volume,
        rows: &["new_received"],
    },
    OutcomeDef {
        key: "carried_over",
        label: "上年结转",
        group: 0,
        category: Category::Volume,
        rows: &["carried_over"],
    },
    OutcomeDef {
        key: "granted",
        label: "予以公开",
        group: 1,
        category: Category::Granted,
        rows: &["granted"],
    },
    OutcomeDef {
        key: "partially_granted",
        label: "部分公开",
        group: 1,
        category: Category::PartiallyGranted,
        rows: &["partially_granted"],
    },
    OutcomeDef {
        key: "denied",
        label: "不予公开",
        group: 1,
        category: Category::Denied,
        rows: crate::schema::DENIED_ROWS,
    },
    OutcomeDef {
        key: "unable",
        label: "无法提供",
        group: 1,
        category: Category::Unable,
        rows: crate::schema::UNABLE_ROWS,
    },
    OutcomeDef {
        key: "rejected",
        label: "不予处理",
        group: 1,
        category: Category::Rejected,
        rows: crate::schema::REJECTED_ROWS,
    },
    OutcomeDef {
        key: "other",
        label: "其他处理",
        group: 1,
        category: Category::OtherHandling,
        // 2019 has one row, 2021 three; rows the table does not have are skipped.
        rows: crate::schema::OTHER_HANDLING_ROWS,
    },
    OutcomeDef {
        key: "carried_forward",
        label: "结转下年度",
        group: 2,
        category: Category::Volume,
        rows: &["carried_forward"],
    },
];

/// Shade of the k-th of `n` stacked applicant types within its category's colour
/// (darkest first, 自然人 usually).
fn applicant_shade(base: Rgb, k: usize, n: usize) -> Rgb {
    base.tint(k as f64 * 0.6 / n.max(1) as f64)
}

fn outcome_cell_sum(table: &Table, def: &OutcomeDef, col: &str) -> (Option<f64>, bool) {
    let rows: Vec<_> = def.rows.iter().filter_map(|r| table.row(r)).collect();
    if rows.is_empty() {
        return (None, false);
    }
    sum_cells(rows.iter().map(|r| r.cell(col)))
}

fn outcome_bars(table: &Table) -> (Vec<Bar>, Vec<&'static str>, Vec<LegendItem>) {
    // Stack by applicant type only when more than one type has a non-zero number.
    let active: Vec<usize> = (0..APPLICANT_PARTS.len())
        .filter(|&i| {
            OUTCOMES.iter().any(
                |d| matches!(outcome_cell_sum(table, d, APPLICANT_PARTS[i]).0, Some(v) if v != 0.0),
            )
        })
        .collect();
    let stacked = active.len() > 1;
    let bars = OUTCOMES
        .iter()
        .map(|def| {
            let color = def.category.color();
            let (written_total, _) = outcome_cell_sum(table, def, "total");
            let mut segments = Vec::new();
            let mut value = None;
            let mut partial = false;
            for (i, col) in APPLICANT_PARTS.iter().enumerate() {
                let (v, p) = outcome_cell_sum(table, def, col);
                partial |= p || v.is_none();
                if let Some(v) = v {
                    *value.get_or_insert(0.0) += v;
                    if v != 0.0 {
                        let seg_color = match active.iter().position(|&a| a == i) {
                            Some(k) if stacked => applicant_shade(color, k, active.len()),
                            _ => color,
                        };
                        segments.push(Segment {
                            key: col,
                            label: APPLICANT_COLUMNS[i].label,
                            value: v,
                            color: seg_color,
                        });
                    }
                }
            }
            let mut bar_color = color;
            if value.is_none() {
                // Only the 总计 column was filled in: draw it, marked as such.
                if let Some(t) = written_total {
                    value = Some(t);
                    partial = true;
                    bar_color = color;
                    if t != 0.0 {
                        segments.push(Segment {
                            key: "total",
                            label: "总计",
                            value: t,
                            color,
                        });
                    }
                }
            }
            if !stacked && segments.len() > 1 {
                let v = segments.iter().map(|s| s.value).sum();
                segments = vec![Segment {
                    key: "sum",
                    label: "合计",
                    value: v,
                    color,
                }];
            }
            Bar {
                key: def.key,
                label: def.label,
                group: def.group,
                value,
                segments,
                color: bar_color,
                written_total: written_total.filter(|t| Some(*t) != value),
                partial: partial && value.is_some(),
            }
        })
        .collect();
    if stacked {
        let series = active.iter().map(|&i| APPLICANT_COLUMNS[i].label).collect();
        let neutral = Rgb(0x55, 0x5f, 0x6b);
        let legend = active
            .iter()
            .enumerate()
            .map(|(k, &i)| LegendItem {
                label: APPLICANT_COLUMNS[i].label,
                color: applicant_shade(neutral, k, active.len()),
            })
            .collect();
        (bars, series, legend)
    } else {
        (bars, Vec::new(), Vec::new())
    }
}

// ---------------------------------------------------------------------------------------
// 表二

fn action_bars(table: &Table, format: Option<Format>) -> Vec<Bar> {
    let mut rows: Vec<(&'static str, &'static str)> = vec![
        ("licensing", "行政许可"),
        ("punishment", "行政处罚"),
        ("coercion", "行政强制"),
    ];
    // 2019 also reports 其他对外管理服务事项; show it whenever the table has the row.
    if format == Some(Format::F2019) || table.row("other_services").is_some() {
        rows.insert(1, ("other_services", "其他对外管理服务事项"));
    }
    rows.into_iter()
        .map(|(key, label)| {
            let color = Category::Volume.color();
            let value = table.cell(key, "decisions").and_then(|c| c.number());
            let segments = value
                .filter(|v| *v != 0.0)
                .map(|v| {
                    vec![Segment {
                        key: "decisions",
                        label: "处理决定数量",
                        value: v,
                        color,
                    }]
                })
                .unwrap_or_default();
            Bar {
                key,
                label,
                group: 0,
                value,
                segments,
                color,
                written_total: None,
                partial: false,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// 表四

const DISPUTE_OUTCOMES: [(&str, &str, Category); 4] = [
    ("upheld", "结果维持", Category::Upheld),
    ("corrected", "结果纠正", Category::Corrected),
    ("other", "其他结果", Category::OtherResult),
    ("pending", "尚未审结", Category::Pending),
];

fn dispute_bars(table: &Table) -> Vec<Bar> {
    debug_assert_eq!(DISPUTE_COLUMNS.len(), DISPUTE_OUTCOMES.len() + 1);
    DISPUTE_BLOCKS
        .iter()
        .map(|block| {
            let row = table.row(block.key);
            let label = match block.key {
                "review" => "行政复议",
                "litigation_direct" => "行政诉讼（未经复议直接起诉）",
                _ => "行政诉讼（复议后起诉）",
            };
            let cell = |col: &str| row.and_then(|r| r.cell(col));
            let (mut value, partial) = sum_cells(DISPUTE_OUTCOMES.iter().map(|(k, _, _)| cell(k)));
            let written_total = cell("total").and_then(|c| c.number());
            let mut segments: Vec<Segment> = DISPUTE_OUTCOMES
                .iter()
                .filter_map(|(k, l, cat)| {
                    let v = cell(k).and_then(|c| c.number())?;
                    (v != 0.0).then_some(Segment {
                        key: k,
                        label: l,
                        value: v,
                        color: cat.color(),
                    })
                })
                .collect();
            let mut color = Category::Upheld.color();
            if value.is_none() {
                if let Some(t) = written_total {
                    value = Some(t);
                    color = Category::TotalOnly.color();
                    if t != 0.0 {
                        segments.push(Segment {
                            key: "total",
                            label: "总计",
                            value: t,
                            color,
                        });
                    }
                }
            }
            Bar {
                key: block.key,
                label,
                group: 0,
                value,
                segments,
                color,
                written_total: written_total.filter(|t| Some(*t) != value),
                partial: partial && value.is_some(),
            }
        })
        .collect()
}
