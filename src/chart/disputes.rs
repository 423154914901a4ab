//! 表四 as a chart: one bar per block (行政复议, the two kinds of 行政诉讼), its number the
//! block's written 总计, its parts the four results (结果维持, 结果纠正, 其他结果, 尚未审结),
//! each in its category's colour.

use super::{sum_cells, totalled_bar, Category, Extract, LegendItem, Panel, Segment, Swatch};
use crate::model::Table;
use crate::schema::{DISPUTE_BLOCKS, DISPUTE_COLUMNS, DISPUTE_PARTS};

/// The category of each result column, by key.
fn category(key: &str) -> Category {
    match key {
        "upheld" => Category::Upheld,
        "corrected" => Category::Corrected,
        "other" => Category::OtherResult,
        _ => Category::Pending,
    }
}

fn label(key: &str) -> &'static str {
    DISPUTE_COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map_or("", |c| c.label)
}

/// The unit of 表四's numbers (its 总计 column's).
const UNIT: &str = DISPUTE_COLUMNS[DISPUTE_COLUMNS.len() - 1].unit;

pub(super) fn extract(table: &Table) -> Extract {
    let mut x = Extract {
        series: DISPUTE_PARTS.iter().map(|k| label(k)).collect(),
        ..Extract::default()
    };
    x.panels.push(Panel {
        title: None,
        unit: UNIT,
    });
    let mut used = [false; DISPUTE_PARTS.len()];
    for block in &DISPUTE_BLOCKS {
        let row = table.row(block.key);
        let cell = |col: &str| row.and_then(|r| r.cell(col));
        let parts = sum_cells(DISPUTE_PARTS.iter().map(|k| cell(k)));
        let written = cell("total").and_then(|c| c.number());
        let mut segments = Vec::new();
        for (i, k) in DISPUTE_PARTS.iter().enumerate() {
            if let Some(v) = cell(k).and_then(|c| c.number()).filter(|v| *v != 0.0) {
                used[i] = true;
                segments.push(Segment {
                    key: k,
                    label: label(k),
                    value: v,
                    color: category(k).color(),
                });
            }
        }
        // A total with no parts written is drawn in the colour of the total: a neutral one.
        let color = Category::Volume.color();
        let bar = totalled_bar(
            block.key,
            block.label.to_string(),
            0,
            written,
            parts,
            segments,
            color,
            UNIT,
        );
        if bar.parts_sum.is_none()
            && bar.value.is_some_and(|v| v != 0.0)
            && !x.legend.iter().any(|l| l.color == color)
        {
            x.legend.push(LegendItem {
                label: format!("{}（各项未填写）", label("total")),
                color,
                swatch: Swatch::Fill,
            });
        }
        x.bars.push(bar);
    }
    let mut legend: Vec<LegendItem> = DISPUTE_PARTS
        .iter()
        .zip(used)
        .filter(|(_, u)| *u)
        .map(|(k, _)| LegendItem {
            label: label(k).to_string(),
            color: category(k).color(),
            swatch: Swatch::Fill,
        })
        .collect();
    legend.append(&mut x.legend);
    x.legend = legend;
    x
}
