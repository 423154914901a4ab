//! 表二 as a chart: small multiples, one panel per item of 条例第二十条 the format lists
//! (（一）规章和规范性文件, （五）行政许可, （六）行政处罚和行政强制, （八）行政事业性收费, and
//! 2019's （九）政府集中采购), each with its own linear axis and unit.
//!
//! Why panels and not one log axis: the items count different things in different units
//! (documents, decisions, 万元 of fees) that should never share an axis, and a licensing
//! count of 15,000 beside three coercive measures is common. A log axis would keep them on
//! one scale but cannot show the zeros these tables are full of and makes bar lengths lie
//! to a reader who does not notice it; a panel per item keeps every bar honest against its
//! own axis, and every bar is labelled with its written number, so a small bar beside a
//! large one in the same panel still reads exactly.
//!
//! Which columns: the `decisions` column where an item has one (2019's 上一年项目数量 and
//! 本年增/减 of those items are counts of a different thing, left to the data table);
//! otherwise every column of the item. Columns of different units go to separate panels.
//! 2019's 本年增/减 may be negative: the axis then reaches below zero.

use super::{Bar, Basis, Category, Extract, LegendItem, Panel, Swatch};
use crate::model::Table;
use crate::schema::{proactive_subtables, ColumnDef, Format, SubTableDef};

/// The legend's word for the one colour of this chart.
const LEGEND: &str = "表中填写的数值";

fn charted_columns(sub: &SubTableDef) -> Vec<&'static ColumnDef> {
    let decisions: Vec<_> = sub
        .columns
        .iter()
        .filter(|c| c.key == "decisions")
        .collect();
    if decisions.is_empty() {
        sub.columns.iter().collect()
    } else {
        decisions
    }
}

/// The unit of a column: the format's, else the one written in its cells.
fn unit_of(table: &Table, sub: &SubTableDef, col: &ColumnDef) -> &'static str {
    if !col.unit.is_empty() {
        return col.unit;
    }
    let written = sub.rows.iter().find_map(|r| {
        let u = table.cell(r.key, col.key)?.unit.as_deref()?;
        // Only a unit of money the reader knows becomes the axis caption.
        crate::value::UNITS
            .into_iter()
            .find(|k| *k == u && k.ends_with('元'))
    });
    written.unwrap_or("")
}

pub(super) fn extract(table: &Table, format: Option<Format>) -> Extract {
    let format = format.unwrap_or(if table.row("other_services").is_some() {
        Format::F2019
    } else {
        Format::F2021
    });
    let mut x = Extract::default();
    let color = Category::Volume.color();
    for sub in proactive_subtables(format) {
        let rows: Vec<_> = sub
            .rows
            .iter()
            .filter(|r| table.row(r.key).is_some())
            .collect();
        if rows.is_empty() {
            continue;
        }
        let cols = charted_columns(sub);
        // One panel per unit, in column order.
        let mut units: Vec<&'static str> = Vec::new();
        for c in &cols {
            let u = unit_of(table, sub, c);
            if !units.contains(&u) {
                units.push(u);
            }
        }
        for (k, unit) in units.into_iter().enumerate() {
            let panel = x.panels.len();
            // The item's heading once, above its first panel.
            x.panels.push(Panel {
                title: (k == 0).then(|| format!("{} {}", sub.caption(), sub.topic)),
                unit,
            });
            for (g, row) in rows.iter().enumerate() {
                for col in cols.iter().filter(|c| unit_of(table, sub, c) == unit) {
                    let value = table.cell(row.key, col.key).and_then(|c| c.number());
                    let label = if cols.len() > 1 {
                        format!("{} · {}", row.label, col.label)
                    } else {
                        row.label.to_string()
                    };
                    x.bars.push(Bar {
                        key: row.key,
                        column: Some(col.key),
                        label,
                        group: u8::try_from(g).unwrap_or(u8::MAX),
                        panel,
                        value,
                        basis: Basis::Cell,
                        written_total: None,
                        parts_sum: None,
                        parts_differ: false,
                        partial: false,
                        segments: Vec::new(),
                        color,
                        unit,
                        text: String::new(),
                    });
                }
            }
        }
    }
    if x.bars.iter().any(|b| b.value.is_some_and(|v| v != 0.0)) {
        x.legend.push(LegendItem {
            label: LEGEND.into(),
            color,
            swatch: Swatch::Fill,
        });
    }
    x
}
