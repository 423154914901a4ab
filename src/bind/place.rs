//! Placement policy: which of the cells read after a label are the row's values, and how
//! they go into the row's cells. Nothing is guessed silently: values that cannot be placed
//! stay `missing` with `ROW-CELLS-DROPPED`, the one stated rule (a 表三 row showing two
//! numbers is 自然人 and 总计) says so with `ROW-CELLS-PLACED`, surplus cells are
//! `ROW-EXTRA-CELLS`, numbers between rows that no row label claims `ROW-UNLABELED-VALUES`.
//! These are findings made while reading, emitted through the registry.

use super::Binder;
use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::grid::GridCell;
use crate::ingest::layout::is_page_number;
use crate::model::{Cell, CellText, Row};
use crate::schema::{ColumnDef, TableId};
use crate::span::{LineCounter, Span};
use crate::value::{parse_value, CellState};

/// Values read after a label.
pub(super) struct Collected<'a> {
    pub(super) cells: Vec<GridCell<'a>>,
    /// The text ended before the row was complete.
    pub(super) hit_end: bool,
    /// Non-blank cells beyond what the row holds (wide rows only).
    pub(super) extra: Vec<GridCell<'a>>,
    /// Index of the last item consumed.
    pub(super) last: usize,
    /// Wide rows: every data cell after the label with its grid column, before selection.
    pub(super) after: Vec<(usize, GridCell<'a>)>,
}

impl<'a> Collected<'a> {
    /// Choose the `n` value cells of a wide row whose label is followed by `skip` empty
    /// fillers (a converter that writes one per further column the label spans): the `n`
    /// cells after them, blank or not; what follows must be blank padding, else extra.
    pub(super) fn select_after_fillers(&mut self, skip: usize, n: usize) {
        let rest = &self.after[skip.min(self.after.len())..];
        self.cells = rest.iter().take(n).map(|(_, c)| *c).collect();
        self.extra = rest
            .iter()
            .skip(n)
            .map(|(_, c)| *c)
            .filter(|c| !c.text.trim().is_empty())
            .collect();
    }

    /// Choose the `n` value cells of a wide row from the cells after its label. Merged
    /// label cells leave empty placeholders before the values (Excel/Word copies) and pipe
    /// converters leave empty fillers after them: aligned to the column where the table's
    /// complete rows start (`start`), else by dropping the blank surplus at the end, then at
    /// the start; anything else is reported as extra.
    pub(super) fn select(&mut self, n: usize, start: Option<usize>) {
        let after = &self.after;
        if after.len() <= n {
            self.cells = after.iter().map(|(_, c)| *c).collect();
            return;
        }
        let blank = |c: &GridCell| c.text.trim().is_empty();
        if let Some(start) = start {
            let aligned: Vec<GridCell> = after
                .iter()
                .filter(|(col, _)| (start..start + n).contains(col))
                .map(|(_, c)| *c)
                .collect();
            let outside_blank = after
                .iter()
                .filter(|(col, _)| !(start..start + n).contains(col))
                .all(|(_, c)| blank(c));
            let beyond = after.iter().any(|(col, _)| *col >= start + n);
            if aligned.len() == n && outside_blank && !beyond {
                self.cells = aligned;
                return;
            }
        }
        // Blank surplus: converters' fillers after the values go first, then placeholders
        // of merged label cells before them.
        // Index arithmetic, not removal from the front: linear in the row's length.
        let mut end = after.len();
        while end > n && blank(&after[end - 1].1) {
            end -= 1;
        }
        let mut start = 0;
        while end - start > n && blank(&after[start].1) {
            start += 1;
        }
        let cells = &after[start..end];
        if cells.len() > n {
            self.extra = cells[n..]
                .iter()
                .map(|(_, c)| *c)
                .filter(|c| !blank(c))
                .collect();
        }
        self.cells = cells[..cells.len().min(n)]
            .iter()
            .map(|(_, c)| *c)
            .collect();
    }
}

/// What the cells after a label that spans columns tell of fillers (`fill` empty cells a
/// converter writes after it, one per further column) before the row's `n` values:
/// `Some(false)` when the cells are too few to hold fillers or the first of them is not
/// blank; `Some(true)` when those are blank and a value stands where only fillers can
/// have pushed it (past the `n`th cell); `None` when the row cannot tell — a blank 总计 or
/// blank last cells, where fillers and the row's own leading blanks look alike.
pub(super) fn fillers_told(cells: &[GridCell], fill: usize, n: usize) -> Option<bool> {
    let blank = |c: &GridCell| c.text.trim().is_empty();
    if cells.len() < fill + n || !cells[..fill].iter().all(&blank) {
        return Some(false);
    }
    if cells[n..fill + n].iter().any(|c| !blank(c)) {
        return Some(true);
    }
    None
}

pub(super) fn cell_from(gc: GridCell) -> Cell {
    let v = parse_value(gc.text);
    Cell {
        state: v.state,
        value: v.value,
        raw: CellText::from(gc.text),
        unit: v.unit,
        span: Some(gc.span),
    }
}

pub(super) fn blank_cell() -> Cell {
    Cell {
        state: CellState::Blank,
        value: None,
        raw: CellText::default(),
        unit: None,
        span: None,
    }
}

impl<'g> Binder<'g> {
    /// Place the collected values of one row into its cells, or report why not.
    pub(super) fn place(
        &mut self,
        table: TableId,
        row: &mut Row,
        label_label: &str,
        columns: &[ColumnDef],
        got: &Collected<'g>,
    ) -> bool {
        let n = columns.len();
        let k = got.cells.len();
        let mut cut = false;
        if k == n || (k < n && got.hit_end) {
            for (i, gc) in got.cells.iter().enumerate() {
                let mut cell = cell_from(*gc);
                // The last cell of a copy that stops right after it may be cut mid-number.
                if got.hit_end
                    && i + 1 == k
                    && k < n + 1
                    && self.grid.ends_at(gc.span.end)
                    && cell.state == CellState::Number
                {
                    cell = Cell {
                        state: CellState::Missing,
                        value: None,
                        raw: CellText::from(gc.text),
                        unit: None,
                        span: Some(gc.span),
                    };
                    cut = true;
                }
                if let Some((_, slot)) = row.cells.get_mut(i) {
                    *slot = cell;
                }
            }
            cut |= k < n;
            if !got.extra.is_empty() {
                let extra: Vec<&str> = got.extra.iter().map(|c| c.text).collect();
                let d = Diagnostic::new(
                    Code::RowExtraCells,
                    format!(
                        "{}「{}」行比格式多出 {} 个单元格（{}），已按前 {} 格读取",
                        table.name_zh(),
                        label_label,
                        got.extra.len(),
                        extra.join("、"),
                        n
                    ),
                )
                .with_cells(vec![CellRef {
                    table,
                    row: row.key,
                    col: columns[n - 1].key,
                }])
                .with_label(
                    got.extra.first().map(|c| c.span),
                    true,
                    "多出的单元格",
                );
                self.diagnostics.push(d);
            }
            return cut;
        }
        let values: Vec<&str> = got.cells.iter().map(|c| c.text).collect();
        let non_blank = got
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .count();
        // Stated rule: a 表三 row that shows only two numbers, its other cells collapsed
        // away, is 自然人 and 总计 — the way reports write a row where only natural persons
        // applied. Said in an info diagnostic; the five 法人 cells stay blank (not 0).
        if table == TableId::Applications && n == 7 && k == 2 && non_blank == 2 {
            for (col, gc) in [(0usize, got.cells[0]), (6usize, got.cells[1])] {
                if let Some((_, slot)) = row.cells.get_mut(col) {
                    *slot = cell_from(gc);
                }
            }
            // The row shows nothing in these five places: they are blank, as the
            // message says.
            for (_, slot) in row.cells.iter_mut().take(6).skip(1) {
                *slot = blank_cell();
            }
            let d = Diagnostic::new(
                Code::RowCellsPlaced,
                format!(
                    "表三「{}」行只显示两个数（{}），空单元格的位置已丢失；按「自然人」「总计」放置，其余五格视为空白",
                    label_label,
                    values.join("、")
                ),
            )
            .with_cells(vec![
                CellRef { table, row: row.key, col: "natural_person" },
                CellRef { table, row: row.key, col: "total" },
            ])
            .with_label(Some(got.cells[0].span), true, "按「自然人」读取")
            .with_label(Some(got.cells[1].span), false, "按「总计」读取");
            self.diagnostics.push(d);
            return false;
        }
        let d = Diagnostic::new(
            Code::RowCellsDropped,
            format!(
                "{}「{}」行应有 {} 个单元格，只读到 {} 个（{}），无法确定各数所在的列，这些单元格按缺失处理",
                table.name_zh(),
                label_label,
                n,
                k,
                if values.is_empty() { "无".to_string() } else { values.join("、") }
            ),
        )
        .with_cells(columns.iter().map(|c| CellRef { table, row: row.key, col: c.key }).collect())
        .with_label(got.cells.first().map(|c| c.span), true, "列位置无法确定");
        self.diagnostics.push(d);
        row.dropped = true;
        false
    }
}

/// A row as bound: its label (as the format prints it), the item of its label and the
/// last item its values took.
pub(super) struct BoundRow {
    pub(super) label: &'static str,
    pub(super) at: usize,
    pub(super) last: usize,
}

impl Binder<'_> {
    /// Numbers that no row claims: between two bound rows of a table (a row whose label is
    /// not the format's, a row the format does not have, values beyond a row's cells in a
    /// stream of cells), and after the last row up to the next label or heading. They are
    /// read into no cell; `ROW-UNLABELED-VALUES` names their lines and quotes them.
    pub(super) fn unlabeled_values(&mut self, table: TableId, rows: &[BoundRow]) {
        for (i, row) in rows.iter().enumerate() {
            let from = row.last.max(row.at) + 1;
            let next = rows.get(i + 1);
            let to = match next {
                Some(n) => n.at,
                // After the last row: the run of cells that goes on from its values.
                None => (from..self.items.len())
                    .find(|&j| self.items[j].is_data() && self.items[j].stop)
                    .unwrap_or(self.items.len()),
            };
            if from >= to || to > self.items.len() {
                continue;
            }
            // Item indices, not cells: after the last row of a long copy there may be
            // millions.
            let numbers: Vec<u32> = (from..to)
                .filter(|&j| self.items[j].is_data() && self.items[j].state == CellState::Number)
                .map(|j| j as u32)
                .collect();
            let number = |k: usize| self.items[numbers[k] as usize].cell();
            if numbers.is_empty() {
                continue;
            }
            // A page number copied between two rows (a page break inside the table) is one
            // line that reads as a page number and nothing else: not a value. (A single
            // stray number on a line of its own looks the same and is not reported either.)
            let grid_row = self.items[from..to]
                .iter()
                .find(|it| it.is_data() && it.state == CellState::Number)
                .map(|it| it.row);
            if let Some(r) = grid_row {
                let one_row = self.items[from..to]
                    .iter()
                    .filter(|it| it.is_data() && it.state == CellState::Number)
                    .all(|it| it.row == r);
                let line: Vec<&str> = self
                    .grid
                    .rows
                    .row(r as usize)
                    .data_cells()
                    .map(|c| c.text)
                    .collect();
                let line = line.join(" ");
                // `3 / 12` holds two numbers; `3 0 0` is three values, not a page number.
                if one_row && (numbers.len() == 1 || line.contains('/')) && is_page_number(&line) {
                    continue;
                }
            }
            // The numbers' lines, counted, and the first `QUOTED` of them each with one span
            // over its numbers: all that the message shows (a long copy may put millions
            // of numbers here).
            const QUOTED: usize = 12;
            let mut counter = LineCounter::new(self.grid.text());
            let mut spans: Vec<(usize, Span)> = Vec::new();
            let (mut first, mut last, mut distinct) = (0usize, 0usize, 0usize);
            for k in 0..numbers.len() {
                let span = number(k).span;
                let line = counter.line_of(span.start);
                if distinct == 0 || line != last {
                    if distinct == 0 {
                        first = line;
                    }
                    last = line;
                    distinct += 1;
                    if spans.len() < QUOTED {
                        spans.push((line, span));
                    }
                } else if let Some((_, s)) = spans.last_mut().filter(|(l, _)| *l == line) {
                    *s = s.cover(span);
                }
            }
            let where_ = if distinct == 1 {
                format!("第 {first} 行")
            } else if distinct == last - first + 1 {
                format!("第 {first}–{last} 行")
            } else {
                let listed: Vec<String> = spans.iter().map(|(l, _)| l.to_string()).collect();
                let more = if distinct > spans.len() {
                    format!(" 等 {distinct} 行")
                } else {
                    " 行".to_string()
                };
                format!("第 {}{more}", listed.join("、"))
            };
            let mut values: Vec<&str> = (0..numbers.len().min(QUOTED))
                .map(|k| number(k).text)
                .collect();
            if numbers.len() > QUOTED {
                values.push("…");
            }
            let place = match next {
                Some(n) => format!("「{}」行与「{}」行之间", row.label, n.label),
                None => format!("「{}」行之后", row.label),
            };
            let mut d = Diagnostic::new(
                Code::RowUnlabeledValues,
                format!(
                    "{}{}有 {} 个数没有行标签（{}：{}），未读入任何单元格",
                    table.name_zh(),
                    place,
                    numbers.len(),
                    where_,
                    values.join("、")
                ),
            );
            // The words standing before the numbers, when they are short: the label the
            // format does not know.
            let first = number(0).span.start;
            if let Some(label) = self.items[from..to]
                .iter()
                .rfind(|it| {
                    it.is_data() && it.cell().span.start < first && it.state == CellState::Text
                })
                .filter(|it| it.text().chars().count() <= 40)
            {
                d = d.with_note(format!(
                    "这些数前面的「{}」不是格式中的行标签",
                    label.text()
                ));
            }
            // One label per source line, over the numbers it holds.
            for (k, (_, span)) in spans.iter().enumerate() {
                d = d.with_label(Some(*span), k == 0, "没有行标签的数");
            }
            self.diagnostics.push(d);
        }
    }
}
