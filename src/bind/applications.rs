//! 表三 (依申请公开): each row of the format found by its label in the format's order, its
//! seven values placed by the placement policy; a 小计 column outside the format is found
//! in the header and left out of every row.

use super::labels;
use super::place::{fillers_told, BoundRow, Collected};
use super::Binder;
use crate::diagnostics::{Code, Diagnostic};
use crate::grid::GridCell;
use crate::model::Table;
use crate::schema::{self, Format, TableId};

impl<'g> Binder<'g> {
    pub(super) fn bind_applications(&mut self, from: usize) -> (Option<Table>, usize) {
        let format = self.format.unwrap_or(Format::F2021);
        let defs = schema::application_rows(format);
        let mut table = Self::new_table(
            TableId::Applications,
            defs.iter().map(|d| (d.key, &schema::APPLICANT_COLUMNS[..])),
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
            let len = self.grid.rows.row(self.items[*at].row as usize).cells.len();
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
        // Label geometry from the format: a converter that writes an empty filler after a
        // label for each further column it spans (and pads rows to the widest) puts a row's
        // values `span − 1` cells after its label, whatever is blank at the row's ends.
        // Told by the rows whose label spans columns: no row against fillers, two for them.
        let (mut with_fillers, mut without) = (0, 0);
        for (def, _, got) in &bound {
            let fill = schema::application_label_span(def) - 1;
            if fill == 0 || got.after.len() < 7 {
                continue;
            }
            let cells: Vec<GridCell> = got.after.iter().map(|(_, c)| *c).collect();
            match fillers_told(&cells, fill, 7) {
                Some(true) => with_fillers += 1,
                Some(false) => without += 1,
                None => {}
            }
        }
        let fillers = start.is_none() && with_fillers >= 2 && without == 0;
        // The same geometry in a stream of cells (one cell per line, blank-line cells): a
        // copy of a table that keeps every merged position writes an empty cell after a
        // label for each further column it spans, then the values, then the next row's
        // rowspan placeholders; a copy that writes no fillers meets the next label after
        // the row's values.
        let (mut with_fillers, mut without) = (0, 0);
        for (def, at, got) in &bound {
            let fill = schema::application_label_span(def) - 1;
            if fill == 0 || self.items[*at].wide() || !got.after.is_empty() {
                continue;
            }
            let probe = self.collect(*at, width + fill);
            if probe.hit_end {
                continue;
            }
            match fillers_told(&probe.cells, fill, width) {
                Some(true) => with_fillers += 1,
                Some(false) => without += 1,
                None => {}
            }
        }
        let stream_fillers = with_fillers >= 2 && without == 0;
        let mut rows = Vec::with_capacity(bound.len());
        for (def, at, mut got) in bound {
            let fill = schema::application_label_span(def) - 1;
            if stream_fillers && fill > 0 && !self.items[at].wide() {
                let mut probe = self.collect(at, width + fill);
                let skip = fill.min(probe.cells.len());
                probe.cells.drain(..skip);
                if let Some(sub) = subtotal {
                    if probe.cells.len() == 8 {
                        probe.cells.remove(sub);
                    }
                }
                last_end = last_end.max(probe.last + 1);
                got = probe;
            }
            if !got.after.is_empty() {
                if fillers {
                    got.select_after_fillers(fill, 7);
                } else {
                    got.select(7, start);
                }
            }
            rows.push(BoundRow {
                label: def.label,
                at,
                last: got.last,
            });
            let label_span = self.items[at].cell().span;
            if let Some(row) = table.rows.iter_mut().find(|r| r.key == def.key) {
                row.label_span = Some(label_span);
                self.place(
                    TableId::Applications,
                    row,
                    def.label,
                    &schema::APPLICANT_COLUMNS,
                    &got,
                );
            }
        }
        self.unlabeled_values(TableId::Applications, &rows);
        if !found_any {
            return (None, from);
        }
        (Some(table), last_end)
    }

    /// The value index of a 小计 column in 表三's header, if the header has one: after 其他
    /// (the five 法人 columns' subtotal) it is the 7th value, before 商业企业 the 2nd.
    fn subtotal_column(&self, from: usize) -> Option<usize> {
        let first_row = (from..self.items.len())
            .find(|&i| self.items[i].key().bare().contains("本年新收"))
            .unwrap_or(self.items.len());
        let header = &self.items[from.min(first_row)..first_row];
        let at = header
            .iter()
            .position(|it| it.key().bare() == schema::SUBTOTAL_HEADER)?;
        let before_commercial = header[..at]
            .iter()
            .all(|it| !it.key().bare().starts_with("商业"));
        Some(if before_commercial { 1 } else { 6 })
    }
}
