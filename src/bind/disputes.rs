//! 表四 (行政复议、行政诉讼): fifteen values after its heading or header words, either as
//! one run (the national layout: one row of three blocks) or as one labelled row per block
//! (a local layout).

use super::labels::{self, Key};
use super::place::cell_from;
use super::Binder;
use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::grid::{CellKind, GridCell};
use crate::model::Table;
use crate::schema::{self, TableId};
use crate::value::CellState;

impl Binder<'_> {
    /// 表四: after its heading or header words, one run of 15 values.
    pub(super) fn bind_disputes(&mut self, from: usize, heading: Option<usize>) -> Option<Table> {
        let items = &self.items;
        let anchor = heading.or_else(|| {
            (from..items.len()).find(|&i| {
                let it = &items[i];
                it.is_data() && it.key().chars() <= 20 && it.key().full.contains("行政复议")
            })
        })?;
        // Skip the header zone: short header words and blanks until the first number.
        let mut first = None;
        let mut zone_end = items.len();
        for (i, it) in items.iter().enumerate().skip(anchor + 1) {
            if !it.is_data() {
                continue;
            }
            if it.numeric() {
                first = Some(i);
                break;
            }
            if !it.value_like()
                && (it.key().chars() > 40 || labels::section_heading(it.key()).is_some())
            {
                zone_end = i;
                break;
            }
        }
        let mut table = Self::new_table(
            TableId::Disputes,
            schema::DISPUTE_BLOCKS
                .iter()
                .map(|b| (b.key, &schema::DISPUTE_COLUMNS[..])),
        );
        let Some(first) = first else {
            // No number at all: a table left entirely empty still has its fifteen cells,
            // blank, after the last header word (placeholders before them dropped).
            let after_header = (anchor + 1..zone_end)
                .rev()
                .find(|&i| items[i].is_data() && !items[i].value_like())
                .map(|i| i + 1)
                .unwrap_or(anchor + 1);
            let run: Vec<GridCell> = items[after_header..zone_end]
                .iter()
                .filter(|it| it.is_data())
                .map(|it| it.cell())
                .collect();
            if run.len() >= 15 {
                let mut cells = run[run.len() - 15..].iter();
                for row in table.rows.iter_mut() {
                    for (_, slot) in row.cells.iter_mut() {
                        if let Some(gc) = cells.next() {
                            *slot = cell_from(*gc);
                        }
                    }
                }
            }
            return Some(table);
        };
        // A local layout: one labelled row per block (行政复议 / 行政诉讼（未经复议直接起诉） /
        // 行政诉讼（复议后起诉）), each with its five values.
        let labelled = items[first].wide()
            && items[..first]
                .iter()
                .rev()
                .take_while(|it| it.row == items[first].row)
                .any(|it| schema::names_dispute_block(it.key().bare()));
        if labelled {
            let block_of = |k: &Key| schema::dispute_block_of(k.bare());
            let mut placed = 0;
            // Blocks whose row shows other than five values: which column each holds is
            // lost, so they stay missing and are said (below, once the layout is settled).
            let mut dropped: Vec<(&'static str, Vec<GridCell>)> = Vec::new();
            for (i, it) in items.iter().enumerate().skip(anchor + 1) {
                if it.is_data() && labels::section_heading(it.key()).is_some() {
                    break;
                }
                let Some(block) = (if it.is_data() && it.wide() && it.state == CellState::Text {
                    block_of(it.key())
                } else {
                    None
                }) else {
                    continue;
                };
                let got = self.collect(i, 5);
                if got.cells.len() == 5 {
                    if let Some(row) = table.row_mut(block) {
                        for ((_, slot), gc) in row.cells.iter_mut().zip(&got.cells) {
                            *slot = cell_from(*gc);
                        }
                        row.label_span = Some(it.cell().span);
                        placed += 1;
                    }
                } else if !got.cells.is_empty() && !got.hit_end {
                    dropped.push((block, got.cells.clone()));
                }
            }
            if placed > 0 {
                for (block, cells) in dropped {
                    let Some(row) = table.row_mut(block) else {
                        continue;
                    };
                    row.dropped = true;
                    let values: Vec<&str> = cells.iter().map(|c| c.text).collect();
                    let label = schema::row_label(TableId::Disputes, None, block);
                    let d = Diagnostic::new(
                        Code::RowCellsDropped,
                        format!(
                            "表四「{label}」应有 5 个单元格，只读到 {} 个（{}），无法确定各数所在的列，这些单元格按缺失处理",
                            cells.len(),
                            values.join("、")
                        ),
                    )
                    .with_cells(
                        schema::DISPUTE_COLUMNS
                            .iter()
                            .map(|c| CellRef {
                                table: TableId::Disputes,
                                row: block,
                                col: c.key,
                            })
                            .collect(),
                    )
                    .with_label(cells.first().map(|c| c.span), true, "列位置无法确定");
                    self.diagnostics.push(d);
                }
                return Some(table);
            }
        }
        // Start of the run: the first cell of the numbers' row when the input gives rows
        // (a blank first cell stays in place), else the first number itself, with blank
        // cells just before it that follow the header words.
        let mut start = first;
        if items[first].wide() {
            while start > 0
                && items[start - 1].row == items[first].row
                && (items[start - 1].value_like()
                    || !items[start - 1].stop
                    || !items[start - 1].is_data())
            {
                start -= 1;
            }
        } else {
            while start > anchor + 1
                && items[start - 1].is_data()
                && (items[start - 1].value_like() || !items[start - 1].stop)
            {
                start -= 1;
            }
        }
        let mut run: Vec<GridCell> = Vec::new();
        let mut last = start;
        for (i, it) in items.iter().enumerate().skip(start) {
            match it.cell().kind {
                // A short word in a value's place (`见附件`) is a value written as text.
                CellKind::Data if it.value_like() || !it.stop => run.push(it.cell()),
                CellKind::Data => break,
                _ => {}
            }
            last = i;
        }
        // Blank header placeholders before the values (a third header row of empty
        // cells) are not values.
        let lead = run
            .iter()
            .take(run.len().saturating_sub(15))
            .take_while(|c| c.text.trim().is_empty())
            .count();
        run.drain(..lead);
        while run.len() > 15
            && run
                .last()
                .map(|c| c.text.trim().is_empty())
                .unwrap_or(false)
        {
            run.pop();
        }
        let hit_end = run.len() < 15 && self.at_end(last);
        let mut cells = run.iter();
        if run.len() == 15 || hit_end || run.len() > 15 {
            for row in table.rows.iter_mut() {
                for (_, slot) in row.cells.iter_mut() {
                    if let Some(gc) = cells.next() {
                        *slot = cell_from(*gc);
                    }
                }
            }
            if run.len() > 15 {
                let d = Diagnostic::new(
                    Code::RowExtraCells,
                    format!(
                        "表四读到 {} 个数，比格式的 15 个多，已按前 15 个读取",
                        run.len()
                    ),
                )
                .with_label(run.get(15).map(|c| c.span), true, "多出的单元格");
                self.diagnostics.push(d);
            }
        } else {
            let values: Vec<&str> = run.iter().map(|c| c.text).collect();
            let d = Diagnostic::new(
                Code::RowCellsDropped,
                format!(
                    "表四应有 15 个单元格，只读到 {} 个（{}），无法确定各数所在的列，这些单元格按缺失处理",
                    run.len(),
                    values.join("、")
                ),
            )
            .with_label(run.first().map(|c| c.span), true, "列位置无法确定");
            self.diagnostics.push(d);
        }
        Some(table)
    }
}
