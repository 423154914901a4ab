//! 表三 as a chart: one bar per line of the format (本年新收, 上年结转, each result group,
//! 结转下年度), in three groups (received, results, carried forward), each bar in its
//! category's colour.
//!
//! A bar's number is the 总计 column of its rows as written (for a result group of several
//! rows, the sum of their written 总计); the applicant columns are its parts. The parts are
//! one colour — the category's: a shade per applicant type would need a legend entry per
//! shade and category — and their breakdown by applicant type is in the bar's text (tooltip,
//! keyboard focus) and in the data table (`series`).

use super::{sum_cells, totalled_bar, Category, Extract, LegendItem, Panel, Segment, Swatch};
use crate::model::{Row, Table};
use crate::schema::{RowGroupDef, APPLICANT_COLUMNS, APPLICANT_PARTS, APPLICATION_LINES};

/// The chart's group and category of each line of `APPLICATION_LINES`, by key.
fn style(key: &str) -> (u8, Category) {
    match key {
        "new_received" | "carried_over" => (0, Category::Volume),
        "granted" => (1, Category::Granted),
        "partially_granted" => (1, Category::PartiallyGranted),
        "denied" => (1, Category::Denied),
        "unable" => (1, Category::Unable),
        "rejected" => (1, Category::Rejected),
        "other" => (1, Category::OtherHandling),
        _ => (2, Category::Volume),
    }
}

/// The unit of 表三's numbers (its 总计 column's).
const UNIT: &str = APPLICANT_COLUMNS[APPLICANT_COLUMNS.len() - 1].unit;

/// The legend's word for the quantities (新收, 结转): what the blue bars count.
const VOLUME_LEGEND: &str = "申请数量";

fn rows<'t>(table: &'t Table, line: &RowGroupDef) -> Vec<&'t Row> {
    line.rows.iter().filter_map(|r| table.row(r)).collect()
}

/// The written 总计 of a line: the `total` cells of its rows, when every one of them holds a
/// number (a partly written total is not a written total: the parts decide then).
fn written_total(rows: &[&Row]) -> Option<f64> {
    if rows.is_empty() {
        return None;
    }
    rows.iter()
        .map(|r| r.cell("total").and_then(|c| c.number()))
        .sum()
}

pub(super) fn extract(table: &Table) -> Extract {
    let mut x = Extract::default();
    x.panels.push(Panel {
        title: None,
        unit: UNIT,
    });
    // The applicant types that hold a non-zero number anywhere: the data table's columns.
    let active: Vec<usize> = (0..APPLICANT_PARTS.len())
        .filter(|&i| {
            APPLICATION_LINES.iter().any(|line| {
                rows(table, line).iter().any(|r| {
                    matches!(r.cell(APPLICANT_PARTS[i]).and_then(|c| c.number()), Some(v) if v != 0.0)
                })
            })
        })
        .collect();
    x.series = active.iter().map(|&i| APPLICANT_COLUMNS[i].label).collect();
    for line in &APPLICATION_LINES {
        let (group, category) = style(line.key);
        let color = category.color();
        let rs = rows(table, line);
        let mut parts = (None, rs.is_empty());
        let mut segments = Vec::new();
        for (i, col) in APPLICANT_PARTS.iter().enumerate() {
            let (v, p) = sum_cells(rs.iter().map(|r| r.cell(col)));
            parts.1 |= p;
            if let Some(v) = v {
                *parts.0.get_or_insert(0.0) += v;
                if v != 0.0 {
                    segments.push(Segment {
                        key: col,
                        label: APPLICANT_COLUMNS[i].label,
                        value: v,
                        color,
                    });
                }
            }
        }
        let bar = totalled_bar(
            line.key,
            line.short.to_string(),
            group,
            written_total(&rs),
            parts,
            segments,
            color,
            UNIT,
        );
        if (!bar.segments.is_empty() || bar.value.is_some_and(|v| v != 0.0))
            && !x.legend.iter().any(|l| l.color == color)
        {
            let label = if category == Category::Volume {
                VOLUME_LEGEND
            } else {
                line.short
            };
            x.legend.push(LegendItem {
                label: label.to_string(),
                color,
                swatch: Swatch::Fill,
            });
        }
        x.bars.push(bar);
    }
    x
}
