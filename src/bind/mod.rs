//! Binding: the neutral grid to the two national formats. Runs once for every input shape.
//!
//! The grid is read as a stream of cells. Sections are found by their headings; the
//! format by the header words only one format prints; each standard row by its label, in
//! the format's order (a cursor moves forward, so `总计` after the result rows is the
//! （七）总计 row and not the column header). A row's values are the cells after its label:
//! in the same grid row when the input gives rows (pipes, tabs, HTML), or the following
//! one-cell rows when it gives one cell per line.
//!
//! Nothing is guessed silently: values that cannot be placed stay `missing` with a
//! warning, a placement made by a stated rule says so in an info diagnostic, and a copy
//! that stops part-way gets `TABLE-INCOMPLETE` saying where.

pub mod labels;
pub mod meta;

use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::grid::{CellKind, Grid, GridCell, Span};
use crate::model::{Cell, CellState, Report, Row, Summary, Table, Tables};
use crate::schema::{self, ColumnDef, Format, TableId};
use crate::value::parse_value;
use labels::Key;

/// One cell of the grid in reading order, with its matching key.
pub struct Item<'g> {
    pub cell: &'g GridCell,
    pub row: usize,
    /// Position in the grid row, counting copies and fillers (aligned across rows when
    /// the input keeps merged cells as placeholders: HTML, tabs, Markdown).
    pub col: usize,
    /// Data cells in this item's grid row (2+ means the input gave real rows).
    pub row_width: usize,
    pub key: Key,
    /// What the cell reads as (number, blank, `/`, text), computed once.
    pub state: CellState,
    /// Ends a run of values (a label, heading, header or long text); set once the format
    /// is known.
    pub stop: bool,
}

impl Item<'_> {
    fn is_data(&self) -> bool {
        self.cell.kind == CellKind::Data
    }
    fn wide(&self) -> bool {
        self.row_width >= 2
    }
    fn value_like(&self) -> bool {
        matches!(
            self.state,
            CellState::Number | CellState::Blank | CellState::Na
        )
    }
    fn numeric(&self) -> bool {
        matches!(self.state, CellState::Number | CellState::Na)
    }
}

pub fn items(grid: &Grid) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        let width = row.cells.iter().filter(|c| c.is_data()).count();
        for (col, cell) in row.cells.iter().enumerate() {
            // Labels and headings are short text; numbers and blanks need no key.
            let state = parse_value(&cell.text).state;
            let key = if cell.is_data() && state == CellState::Text && cell.text.len() <= 180 {
                Key::new(&cell.text)
            } else {
                Key::new("")
            };
            out.push(Item {
                cell,
                row: r,
                col,
                row_width: width,
                key,
                state,
                stop: false,
            });
        }
    }
    out
}

/// Everything binding found, handed to the rules.
pub struct Binder<'g> {
    pub grid: &'g Grid,
    pub items: Vec<Item<'g>>,
    pub format: Option<Format>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Values read after a label.
struct Collected<'a> {
    cells: Vec<&'a GridCell>,
    /// The text ended before the row was complete.
    hit_end: bool,
    /// Non-blank cells beyond what the row holds (wide rows only).
    extra: Vec<&'a GridCell>,
    /// Index of the last item consumed.
    last: usize,
    /// Wide rows: every data cell after the label with its grid column, before selection.
    after: Vec<(usize, &'a GridCell)>,
}

impl<'a> Collected<'a> {
    /// Choose the `n` value cells of a wide row from the cells after its label. Merged
    /// label cells leave empty placeholders before the values (Excel/Word copies) and pipe
    /// converters leave empty fillers after them: aligned to the column where the table's
    /// complete rows start (`start`), else by dropping the blank surplus at the end, then at
    /// the start; anything else is reported as extra.
    fn select(&mut self, n: usize, start: Option<usize>) {
        let after = &self.after;
        if after.len() <= n {
            self.cells = after.iter().map(|(_, c)| *c).collect();
            return;
        }
        let blank = |c: &&GridCell| c.text.trim().is_empty();
        if let Some(start) = start {
            let aligned: Vec<&GridCell> = after
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
        let mut cells: Vec<&GridCell> = after.iter().map(|(_, c)| *c).collect();
        while cells.len() > n && cells.last().is_some_and(blank) {
            cells.pop();
        }
        while cells.len() > n && cells.first().is_some_and(blank) {
            cells.remove(0);
        }
        if cells.len() > n {
            self.extra = cells[n..].iter().copied().filter(|c| !blank(c)).collect();
            cells.truncate(n);
        }
        self.cells = cells;
    }
}

fn cell_from(gc: &GridCell) -> Cell {
    let v = parse_value(&gc.text);
    Cell {
        state: v.state,
        value: v.value,
        raw: gc.text.clone(),
        unit: v.unit,
        span: Some(gc.span),
    }
}

fn blank_cell() -> Cell {
    Cell {
        state: CellState::Blank,
        value: None,
        raw: String::new(),
        unit: None,
        span: None,
    }
}

fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// A short quote of the source around a span, for messages.
fn quote(text: &str, span: Span) -> String {
    let s = text.get(span.start..span.end).unwrap_or("");
    let q: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        format!("{q}…")
    } else {
        q
    }
}

impl<'g> Binder<'g> {
    /// True when no data cell with text follows item `i`.
    fn at_end(&self, i: usize) -> bool {
        !self.items[i + 1..]
            .iter()
            .any(|it| it.is_data() && !it.cell.text.is_empty())
    }

    fn is_stop(&self, it: &Item) -> bool {
        it.stop
    }

    /// A cell that ends a run of values: a label, heading, header or a long text.
    fn compute_stop(&self, it: &Item) -> bool {
        if !it.is_data() || it.value_like() {
            return false;
        }
        let k = &it.key;
        // Cheapest tests first: most stops are long (text too long for a key is prose) or
        // carry an ordinal.
        it.cell.text.len() > 180
            || k.chars() > 8
            || k.has_ordinal()
            || labels::is_header_word(k)
            || labels::is_application_group(k, self.format)
            || labels::section_heading(k).is_some()
            || schema::application_rows(self.format.unwrap_or(Format::F2021))
                .iter()
                .any(|d| labels::matches_application_row(d, k))
            || schema::proactive_subtables(self.format.unwrap_or(Format::F2021))
                .iter()
                .flat_map(|s| s.rows.iter())
                .any(|d| labels::matches_proactive_row(d, k))
    }

    /// The values after the label at item `at`, up to `n`.
    fn collect(&self, at: usize, n: usize) -> Collected<'g> {
        let items = &self.items;
        let label = &items[at];
        let mut c = Collected {
            cells: Vec::new(),
            hit_end: false,
            extra: Vec::new(),
            last: at,
            after: Vec::new(),
        };
        if label.wide() {
            let mut i = at + 1;
            while i < items.len() && items[i].row == label.row {
                let it = &items[i];
                c.last = i;
                match it.cell.kind {
                    CellKind::SpanCopy { .. } => {}
                    CellKind::Filler => {}
                    CellKind::Data => {
                        if !it.value_like() && self.is_stop(it) {
                            if c.after.is_empty() {
                                // A second label (the row label after its group label).
                            } else {
                                // The next row's label: rows run together (line breaks
                                // lost), this row ends here.
                                c.last = i - 1;
                                break;
                            }
                        } else {
                            c.after.push((it.col, it.cell));
                        }
                    }
                }
                i += 1;
            }
            c.select(n, None);
            if c.cells.len() < n && self.at_end(c.last) {
                c.hit_end = true;
            }
            return c;
        }
        // A label wrapped over lines (PDF text): `（二）部分公开（区分处理的，只计这一情形，`
        // then `不计其他情形） 0 0 …` — the rest of the label is not a value.
        let mut unclosed = continues(&label.cell.text);
        let mut i = at + 1;
        while i < items.len() && c.cells.len() < n {
            let it = &items[i];
            match it.cell.kind {
                CellKind::SpanCopy { .. } => {}
                CellKind::Filler => {}
                CellKind::Data => {
                    if unclosed && c.cells.is_empty() && it.state == CellState::Text {
                        // The label's rest opens a row of its own: its values are the
                        // rest of that row.
                        if it.wide() && !continues(&it.cell.text) {
                            return self.collect(i, n);
                        }
                        unclosed = continues(&it.cell.text);
                        c.last = i;
                        i += 1;
                        continue;
                    }
                    if self.is_stop(it) {
                        break;
                    }
                    c.cells.push(it.cell);
                }
            }
            c.last = i;
            i += 1;
        }
        if c.cells.len() < n && (i >= items.len() || self.at_end(c.last)) {
            c.hit_end = true;
        }
        c
    }

    /// Find the first item at or after `from` that satisfies `pred` and is followed by at
    /// least one value-like cell (a label with nothing after it is prose or a title).
    fn find_label(&self, from: usize, pred: impl Fn(&Key) -> bool) -> Option<usize> {
        (from..self.items.len()).find(|&i| {
            let it = &self.items[i];
            it.is_data() && it.key.chars() <= 60 && pred(&it.key) && self.followed_by_value(i)
        })
    }

    fn followed_by_value(&self, i: usize) -> bool {
        // The rest of a label wrapped inside its brackets comes first.
        let mut unclosed = continues(&self.items[i].cell.text);
        for it in &self.items[i + 1..] {
            match it.cell.kind {
                CellKind::SpanCopy { .. } => continue,
                CellKind::Filler => return true,
                CellKind::Data if unclosed && it.state == CellState::Text => {
                    unclosed = continues(&it.cell.text);
                }
                CellKind::Data => {
                    return it.value_like() || (it.key.chars() <= 8 && !self.is_stop(it))
                }
            }
        }
        true
    }

    /// Place the collected values of one row into its cells, or report why not.
    fn place(
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
                let mut cell = cell_from(gc);
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
                        raw: gc.text.clone(),
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
                let extra: Vec<&str> = got.extra.iter().map(|c| c.text.as_str()).collect();
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
        let values: Vec<&str> = got.cells.iter().map(|c| c.text.as_str()).collect();
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
        false
    }

    /// A table of the format with every cell missing.
    fn blank_table(id: TableId, format: Format) -> Table {
        let rows: Vec<(&'static str, Vec<ColumnDef>)> = match id {
            TableId::Applications => schema::application_rows(format)
                .iter()
                .map(|d| (d.key, schema::APPLICANT_COLUMNS.to_vec()))
                .collect(),
            TableId::Disputes => schema::DISPUTE_BLOCKS
                .iter()
                .map(|b| (b.key, schema::DISPUTE_COLUMNS.to_vec()))
                .collect(),
            TableId::Proactive => schema::proactive_subtables(format)
                .iter()
                .flat_map(|s| s.rows.iter().map(move |r| (r.key, s.columns.to_vec())))
                .collect(),
        };
        Self::new_table(id, rows)
    }

    fn new_table(id: TableId, rows: Vec<(&'static str, Vec<ColumnDef>)>) -> Table {
        Table {
            id,
            rows: rows
                .into_iter()
                .map(|(key, cols)| Row {
                    key,
                    cells: cols.iter().map(|c| (c.key, Cell::missing())).collect(),
                    label_span: None,
                })
                .collect(),
        }
    }

    fn bind_applications(&mut self, from: usize) -> (Option<Table>, usize) {
        let format = self.format.unwrap_or(Format::F2021);
        let defs = schema::application_rows(format);
        let mut table = Self::new_table(
            TableId::Applications,
            defs.iter()
                .map(|d| (d.key, schema::APPLICANT_COLUMNS.to_vec()))
                .collect(),
        );
        // A 小计 column the format does not have (法人或其他组织 subtotal): where it stands
        // among the value columns, so it can be left out of every row.
        let subtotal = self.subtotal_column(from);
        let width = if subtotal.is_some() { 8 } else { 7 };
        let mut cursor = from;
        let mut found_any = false;
        let mut last_end = from;
        let mut bound: Vec<(&schema::RowDef, usize, Collected<'g>)> = Vec::new();
        for def in defs {
            // A bare 总计 is the （七）总计 row only once the result rows were read; before
            // them it is the column header.
            let bare_total_ok = found_any;
            let Some(at) = self.find_label(cursor, |k| {
                labels::matches_application_row(def, k)
                    && (def.key != "total_processed" || k.has_ordinal() || bare_total_ok)
            }) else {
                continue;
            };
            found_any = true;
            let mut got = self.collect(at, width);
            if let Some(sub) = subtotal {
                if got.after.len() >= 8 {
                    let values: Vec<usize> = (0..got.after.len())
                        .filter(|&i| !got.after[i].1.text.trim().is_empty())
                        .collect();
                    // Only a row that shows all eight values tells where the subtotal is.
                    if values.len() == 8 {
                        got.after.remove(values[sub]);
                    } else if got.after.len() == 8 {
                        got.after.remove(sub);
                    }
                    got.select(7, None);
                } else if got.cells.len() == 8 {
                    got.cells.remove(sub);
                }
            }
            cursor = got.last.max(at) + 1;
            last_end = cursor;
            bound.push((def, at, got));
        }
        if let Some(sub) = subtotal {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::RowExtraCells,
                    format!(
                        "表三多了格式之外的「小计」列（第 {} 个数），已略去该列后按格式读取",
                        sub + 1
                    ),
                )
                .with_note("2019、2021 年版表三均无「法人或其他组织」小计列"),
            );
        }
        // The column where complete wide rows start their values, by majority.
        let mut votes: Vec<(usize, usize)> = Vec::new();
        for (_, _, got) in &bound {
            if got.after.len() == 7 {
                let col = got.after[0].0;
                match votes.iter_mut().find(|(c, _)| *c == col) {
                    Some(v) => v.1 += 1,
                    None => votes.push((col, 1)),
                }
            }
        }
        // Columns are aligned only when the input keeps every merged cell as a placeholder
        // (HTML copies, Excel/Word tabs): then the wide rows all have one length. Pipe
        // converters drop some placeholders, and there alignment would mislead.
        let mut lengths: Vec<(usize, usize)> = Vec::new();
        let mut wide_rows = 0;
        for (_, at, got) in &bound {
            if got.after.is_empty() {
                continue;
            }
            wide_rows += 1;
            let len = self.grid.rows[self.items[*at].row].cells.len();
            match lengths.iter_mut().find(|(l, _)| *l == len) {
                Some(v) => v.1 += 1,
                None => lengths.push((len, 1)),
            }
        }
        let aligned = wide_rows > 0
            && lengths.iter().map(|(_, n)| *n).max().unwrap_or(0) * 10 >= wide_rows * 9;
        let start = votes
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(c, _)| *c)
            .filter(|_| aligned);
        for (def, at, mut got) in bound {
            if !got.after.is_empty() {
                got.select(7, start);
            }
            let label_span = self.items[at].cell.span;
            if let Some(ri) = table.rows.iter().position(|r| r.key == def.key) {
                let mut row = table.rows[ri].clone();
                row.label_span = Some(label_span);
                self.place(
                    TableId::Applications,
                    &mut row,
                    def.label,
                    &schema::APPLICANT_COLUMNS,
                    &got,
                );
                table.rows[ri] = row;
            }
        }
        if !found_any {
            return (None, from);
        }
        (Some(table), last_end)
    }

    /// The value index of a 小计 column in 表三's header, if the header has one: after 其他
    /// (the five 法人 columns' subtotal) it is the 7th value, before 商业企业 the 2nd.
    fn subtotal_column(&self, from: usize) -> Option<usize> {
        let first_row = (from..self.items.len())
            .find(|&i| self.items[i].key.bare().contains("本年新收"))
            .unwrap_or(self.items.len());
        let header = &self.items[from.min(first_row)..first_row];
        let at = header.iter().position(|it| it.key.bare() == "小计")?;
        let before_commercial = header[..at]
            .iter()
            .all(|it| !it.key.bare().starts_with("商业"));
        Some(if before_commercial { 1 } else { 6 })
    }

    fn bind_proactive(&mut self, from: usize, until: usize) -> (Option<Table>, usize) {
        let format = self.format.unwrap_or(Format::F2021);
        let subs = schema::proactive_subtables(format);
        let mut table = Self::new_table(
            TableId::Proactive,
            subs.iter()
                .flat_map(|s| s.rows.iter().map(move |r| (r.key, s.columns.to_vec())))
                .collect(),
        );
        let mut cursor = from;
        let mut found_any = false;
        for sub in subs {
            for def in sub.rows {
                let Some(at) = self.find_label(cursor, |k| labels::matches_proactive_row(def, k))
                else {
                    continue;
                };
                if at >= until {
                    continue;
                }
                found_any = true;
                let got = self.collect(at, sub.columns.len());
                if let Some(ri) = table.rows.iter().position(|r| r.key == def.key) {
                    let mut row = table.rows[ri].clone();
                    row.label_span = Some(self.items[at].cell.span);
                    self.place(TableId::Proactive, &mut row, def.label, sub.columns, &got);
                    table.rows[ri] = row;
                }
                cursor = got.last.max(at) + 1;
            }
        }
        if !found_any {
            return (None, from);
        }
        (Some(table), cursor)
    }

    /// 表四: after its heading or header words, one run of 15 values.
    fn bind_disputes(&mut self, from: usize, heading: Option<usize>) -> Option<Table> {
        let items = &self.items;
        let anchor = heading.or_else(|| {
            (from..items.len()).find(|&i| {
                let it = &items[i];
                it.is_data() && it.key.chars() <= 20 && it.key.full.contains("行政复议")
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
                && (it.key.chars() > 40 || labels::section_heading(&it.key).is_some())
            {
                zone_end = i;
                break;
            }
        }
        let mut table = Self::new_table(
            TableId::Disputes,
            schema::DISPUTE_BLOCKS
                .iter()
                .map(|b| (b.key, schema::DISPUTE_COLUMNS.to_vec()))
                .collect(),
        );
        let Some(first) = first else {
            // No number at all: a table left entirely empty still has its fifteen cells,
            // blank, after the last header word (placeholders before them dropped).
            let after_header = (anchor + 1..zone_end)
                .rev()
                .find(|&i| items[i].is_data() && !items[i].value_like())
                .map(|i| i + 1)
                .unwrap_or(anchor + 1);
            let run: Vec<&GridCell> = items[after_header..zone_end]
                .iter()
                .filter(|it| it.is_data())
                .map(|it| it.cell)
                .collect();
            if run.len() >= 15 {
                let mut cells = run[run.len() - 15..].iter();
                for row in table.rows.iter_mut() {
                    for (_, slot) in row.cells.iter_mut() {
                        if let Some(gc) = cells.next() {
                            *slot = cell_from(gc);
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
                .any(|it| it.key.bare().contains("复议") || it.key.bare().contains("诉讼"));
        if labelled {
            let block_of = |k: &Key| {
                let b = k.bare();
                if b.contains("未经复议") || b.contains("直接起诉") {
                    Some("litigation_direct")
                } else if b.contains("复议后") {
                    Some("litigation_after_review")
                } else if b.contains("行政复议") && !b.contains("诉讼") {
                    Some("review")
                } else {
                    None
                }
            };
            let mut placed = 0;
            for (i, it) in items.iter().enumerate().skip(anchor + 1) {
                if it.is_data() && labels::section_heading(&it.key).is_some() {
                    break;
                }
                let Some(block) = (if it.is_data() && it.wide() && it.state == CellState::Text {
                    block_of(&it.key)
                } else {
                    None
                }) else {
                    continue;
                };
                let got = self.collect(i, 5);
                if got.cells.len() == 5 {
                    if let Some(row) = table.row_mut(block) {
                        for ((_, slot), gc) in row.cells.iter_mut().zip(&got.cells) {
                            *slot = cell_from(gc);
                        }
                        row.label_span = Some(it.cell.span);
                        placed += 1;
                    }
                }
            }
            if placed > 0 {
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
        let mut run: Vec<&GridCell> = Vec::new();
        let mut last = start;
        for (i, it) in items.iter().enumerate().skip(start) {
            match it.cell.kind {
                // A short word in a value's place (`见附件`) is a value written as text.
                CellKind::Data if it.value_like() || !it.stop => run.push(it.cell),
                CellKind::Data => break,
                _ => {}
            }
            last = i;
        }
        // Blank header placeholders before the values (a third header row of empty
        // cells) are not values.
        while run.len() > 15 && run[0].text.trim().is_empty() {
            run.remove(0);
        }
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
                        *slot = cell_from(gc);
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
            let values: Vec<&str> = run.iter().map(|c| c.text.as_str()).collect();
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

/// Does a label go on on the next line: a bracket left open, or a line that ends on a
/// comma (`2.申请人逾期未按收费通知要求缴纳费用、` / `行政机关不再处理…`)?
fn continues(t: &str) -> bool {
    let t = t.trim_end();
    t.matches(['(', '（']).count() > t.matches([')', '）']).count()
        || t.ends_with(['、', '，', ','])
}

/// Header words that show a table has begun.
fn header_of(id: TableId, key: &Key) -> bool {
    let bare = key.bare();
    match id {
        TableId::Proactive => bare.starts_with("第二十条第"),
        TableId::Applications => bare.contains("申请人情况") || bare.contains("勾稽关系"),
        TableId::Disputes => {
            bare.contains("复议后起诉") || bare.contains("未经复议") || bare == "结果维持"
        }
    }
}

/// Detect the format from header words and row labels only one format prints.
fn detect_format(items: &[Item]) -> (Option<Format>, usize, usize) {
    let (mut f19, mut f21) = (0usize, 0usize);
    for it in items
        .iter()
        .filter(|it| it.is_data() && it.key.chars() <= 40)
    {
        let bare = it.key.bare();
        // Every marker names a count, an amount, a deadline or the 2019 service row.
        if !bare.contains(['数', '额', '逾', '务']) {
            continue;
        }
        for (marker, f) in schema::FORMAT_MARKERS {
            if bare.contains(marker) {
                match f {
                    Format::F2019 => f19 += 1,
                    Format::F2021 => f21 += 1,
                }
            }
        }
    }
    let format = match (f19, f21) {
        (0, 0) => None,
        (a, b) if a > b => Some(Format::F2019),
        _ => Some(Format::F2021),
    };
    (format, f19, f21)
}

/// Bind the grid to the standard tables and report structure findings.
pub fn bind(grid: &Grid) -> Report {
    let items = items(grid);
    let (detected, f19, f21) = detect_format(&items);
    let meta = meta::read(grid, &items);
    let format = detected.or(match meta.year {
        Some(y) if y >= 2021 => Some(Format::F2021),
        Some(y) if y >= 2019 => Some(Format::F2019),
        _ => None,
    });
    let mut b = Binder {
        grid,
        items,
        format,
        diagnostics: Vec::new(),
    };
    let stops: Vec<bool> = b.items.iter().map(|it| b.compute_stop(it)).collect();
    for (it, stop) in b.items.iter_mut().zip(stops) {
        it.stop = stop;
    }
    if f19 > 0 && f21 > 0 {
        b.diagnostics.push(Diagnostic::new(
            Code::FormatMixed,
            format!(
                "报告同时使用了 2019 年版（{f19} 处）和 2021 年版（{f21} 处）格式的表头，已按 {} 年版读取",
                format.map(|f| f.key()).unwrap_or("?")
            ),
        ));
    }

    let sec_item = |n: usize| {
        meta.sections
            .iter()
            .find(|s| s.number as usize == n)
            .map(|s| s.item)
    };
    let t2_from = sec_item(2).unwrap_or(0);
    let t3_from = sec_item(3);
    let (proactive, t2_end) = b.bind_proactive(t2_from, t3_from.unwrap_or(usize::MAX));
    let (applications, t3_end) = b.bind_applications(t3_from.unwrap_or(t2_end));
    let t4_heading = sec_item(4);
    let disputes = b.bind_disputes(t4_heading.unwrap_or(t3_end), t4_heading);
    let mut tables = Tables {
        proactive,
        applications,
        disputes,
    };
    // A table whose every cell is missing was not found, unless its header stands in the
    // text (a copy cut right after the header): then it is there, and incomplete.
    for id in TableId::ALL {
        let empty = tables.get(id).map(|t| t.is_empty()).unwrap_or(true);
        let from = match id {
            TableId::Proactive => t2_from,
            TableId::Applications => t3_from.unwrap_or(0),
            TableId::Disputes => t4_heading.unwrap_or(0),
        };
        let started = b.items[from.min(b.items.len())..]
            .iter()
            .any(|it| header_of(id, &it.key));
        let table = match (empty, started) {
            (false, _) => continue,
            (true, true) => Some(Binder::blank_table(id, format.unwrap_or(Format::F2021))),
            (true, false) => None,
        };
        match id {
            TableId::Proactive => tables.proactive = table,
            TableId::Applications => tables.applications = table,
            TableId::Disputes => tables.disputes = table,
        }
    }
    let mut diagnostics = b.diagnostics;
    structure_findings(grid, &b.items, &tables, &meta, format, &mut diagnostics);
    Report {
        format,
        year: meta.year,
        agency: meta.agency,
        input: match grid.shape {
            crate::grid::Shape::Html => "html",
            crate::grid::Shape::Text => "text",
            crate::grid::Shape::Pdf => "pdf",
        },
        sections: meta.sections.into_iter().map(|s| s.section).collect(),
        tables,
        diagnostics,
        not_assessable: Vec::new(),
        summary: Summary::default(),
    }
}

/// TABLE-MISSING / TABLE-INCOMPLETE, SECTION-*, FORMAT-YEAR.
fn structure_findings(
    grid: &Grid,
    items: &[Item],
    tables: &Tables,
    meta: &meta::Meta,
    format: Option<Format>,
    out: &mut Vec<Diagnostic>,
) {
    let text = &grid.text;
    let last_line = line_of(text, text.trim_end().len());
    let tail: String = {
        let t = text.trim_end();
        let start = t.char_indices().rev().nth(11).map(|(i, _)| i).unwrap_or(0);
        t[start..].trim_start().to_string()
    };
    // A copy cut off: it ends mid-sentence before the last section, or starts after the
    // first. A table whose part of the report lies outside the copy is not missing from
    // the report; it is missing from the copy, and that is TABLE-INCOMPLETE.
    let found = |n: usize| meta.sections.iter().any(|s| s.number as usize == n);
    let last_found = meta
        .sections
        .iter()
        .map(|s| s.number as usize)
        .max()
        .unwrap_or(0);
    let first_found = meta
        .sections
        .iter()
        .map(|s| s.number as usize)
        .min()
        .unwrap_or(7);
    // The copy does not reach the report's end when 六 is absent though earlier parts
    // are there (a report that lacks 六 itself also gets SECTION-MISSING).
    let ends_cut = !found(6) && last_found >= 1;
    let starts_cut = !found(1) && first_found <= 6;
    let mut after_end: Vec<TableId> = Vec::new();
    let mut before_start: Vec<TableId> = Vec::new();
    for id in TableId::ALL {
        let sec_no = match id {
            TableId::Proactive => 2,
            TableId::Applications => 3,
            TableId::Disputes => 4,
        };
        match tables.get(id) {
            None if !found(sec_no) && ends_cut && last_found < sec_no => after_end.push(id),
            None if !found(sec_no) && starts_cut && first_found > sec_no => before_start.push(id),
            None => {
                let mut d = Diagnostic::new(
                    Code::TableMissing,
                    format!("未找到{}（{}）", id.name_zh(), id.title_zh()),
                );
                if let Some(sec) = meta.sections.iter().find(|s| s.number as usize == sec_no) {
                    d = d.with_label(Some(sec.section.span), true, "该部分下没有读到表格");
                    // A table published as a picture.
                    let next = meta
                        .sections
                        .iter()
                        .find(|s| s.number as usize > sec_no)
                        .map(|s| s.item)
                        .unwrap_or(items.len());
                    if let Some(img) = items[sec.item..next].iter().find(|it| {
                        let t = it.cell.text.to_ascii_lowercase();
                        [".jpg", ".jpeg", ".png", ".gif", ".bmp"]
                            .iter()
                            .any(|e| t.contains(e))
                    }) {
                        d = d
                            .with_label(Some(img.cell.span), false, "图片")
                            .with_note(format!(
                                "该处是图片「{}」：表格以图片形式发布，无法核验其中的数字",
                                quote(text, img.cell.span)
                            ));
                    }
                } else if !text.trim().is_empty() {
                    d = d.with_note(format!(
                        "文本共 {last_line} 行，末尾为「{tail}」，可能复制不完整"
                    ));
                }
                out.push(d);
            }
            Some(t) => {
                let missing_rows: Vec<&Row> = t
                    .rows
                    .iter()
                    .filter(|r| r.cells.iter().any(|(_, c)| c.state == CellState::Missing))
                    .collect();
                if missing_rows.is_empty() {
                    continue;
                }
                // Rows already reported as dropped carry their own warning.
                let dropped: Vec<&str> = out
                    .iter()
                    .filter(|d| d.code == Code::RowCellsDropped)
                    .flat_map(|d| d.cells.iter().filter(|c| c.table == id).map(|c| c.row))
                    .collect();
                let missing_rows: Vec<&Row> = missing_rows
                    .into_iter()
                    .filter(|r| !dropped.contains(&r.key))
                    .collect();
                if missing_rows.is_empty() {
                    continue;
                }
                let last_read = t
                    .rows
                    .iter()
                    .rfind(|r| r.cells.iter().any(|(_, c)| c.state != CellState::Missing))
                    .map(|r| schema::row_label(id, format, r.key));
                let first_missing = schema::row_label(id, format, missing_rows[0].key);
                let cells: Vec<CellRef> = missing_rows
                    .iter()
                    .flat_map(|r| {
                        r.cells
                            .iter()
                            .filter(|(_, c)| c.state == CellState::Missing)
                            .map(move |(col, _)| CellRef {
                                table: id,
                                row: r.key,
                                col,
                            })
                    })
                    .collect();
                let message = match last_read {
                    None => format!("{}只读到表头，其后内容缺失", id.name_zh()),
                    Some(last) if id != TableId::Disputes => format!(
                        "{}不完整：{} 行缺少单元格（自「{}」起），最后读到的是「{}」行",
                        id.name_zh(),
                        missing_rows.len(),
                        first_missing,
                        last
                    ),
                    _ => format!("{}不完整：{} 个单元格缺失", id.name_zh(), cells.len()),
                };
                let last_span = t
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().filter_map(|(_, c)| c.span))
                    .max_by_key(|s| s.end);
                let mut d = Diagnostic::new(Code::TableIncomplete, message).with_cells(cells);
                if last_span.is_none() && !text.trim().is_empty() {
                    d = d.with_note(format!("文本在第 {last_line} 行「{tail}」处结束：复制的内容不完整，缺失的单元格无法核验"));
                }
                if let Some(span) = last_span {
                    let at_end = text[span.end.min(text.len())..].trim().len() < 40;
                    d = d.with_label(Some(span), true, "最后读到的单元格");
                    if at_end {
                        d = d.with_note(format!(
                            "文本在第 {} 行「{}」处结束：复制的内容不完整，缺失的单元格无法核验",
                            line_of(text, span.end),
                            tail
                        ));
                    }
                }
                out.push(d);
            }
        }
    }

    // Tables outside the copy: one finding per cut, on the table cut part-way if any.
    let names = |ids: &[TableId]| {
        ids.iter()
            .map(|t| t.name_zh())
            .collect::<Vec<_>>()
            .join("、")
    };
    if !after_end.is_empty() {
        let note = format!(
            "{}不在复制的内容中：内容到第 {last_line} 行「{tail}」为止",
            names(&after_end)
        );
        match out
            .iter_mut()
            .rev()
            .find(|d| d.code == Code::TableIncomplete)
        {
            Some(d) if d.notes.iter().any(|n| n.starts_with("文本在第")) => d
                .notes
                .insert(0, format!("{}不在复制的内容中", names(&after_end))),
            Some(d) => d.notes.insert(0, note),
            None => out.push(
                Diagnostic::new(
                    Code::TableIncomplete,
                    format!("未读到{}：复制的内容不完整", names(&after_end)),
                )
                .with_note(note),
            ),
        }
    }
    if !before_start.is_empty() {
        out.push(Diagnostic::new(
            Code::TableIncomplete,
            format!(
                "未读到{}：复制的内容从报告中间开始，{}不在其中",
                names(&before_start),
                names(&before_start)
            ),
        ));
    }

    // Sections.
    let found: Vec<usize> = meta.sections.iter().map(|s| s.number as usize).collect();
    let missing: Vec<String> = schema::SECTIONS
        .iter()
        .enumerate()
        .filter(|(i, _)| !found.contains(&(i + 1)))
        .map(|(_, s)| format!("{}、{}", s.number, s.title))
        .collect();
    if !missing.is_empty() && !text.trim().is_empty() {
        out.push(Diagnostic::new(
            Code::SectionMissing,
            format!("未找到 {} 个部分：{}", missing.len(), missing.join("；")),
        ));
    }
    if found.windows(2).any(|w| w[0] > w[1]) {
        let order: Vec<String> = found
            .iter()
            .map(|n| schema::SECTIONS[n - 1].number.to_string())
            .collect();
        let mut d = Diagnostic::new(
            Code::SectionOrder,
            format!("六个部分的顺序应为一至六，本报告为：{}", order.join("、")),
        );
        if let Some(s) = meta.sections.windows(2).find(|w| w[0].number > w[1].number) {
            d = d.with_label(Some(s[1].section.span), true, "顺序不对");
        }
        out.push(d);
    }

    // Format against year.
    if let (Some(f), Some(y), true) = (format, meta.year, tables.iter().next().is_some()) {
        let (lo, hi) = f.years();
        if y < lo || y > hi {
            out.push(Diagnostic::new(
                Code::FormatYear,
                format!(
                    "{y} 年度报告使用了 {} 年版表格（{}，适用于 {}），应使用 {} 年版",
                    f.key(),
                    f.notice(),
                    if hi == i32::MAX {
                        format!("{lo} 年度及以后")
                    } else {
                        format!("{lo}—{hi} 年度")
                    },
                    if y >= 2021 { "2021" } else { "2019" }
                ),
            ));
        }
    }
    if meta.year.is_none() && !text.trim().is_empty() {
        out.push(Diagnostic::new(
            Code::YearMissing,
            "文中没有写明报告年度（如「2024年政府信息公开工作年度报告」）",
        ));
    }
}
