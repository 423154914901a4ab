//! A standard table as the format draws it (cells in source order with their spans), and
//! the views the shapes lay it out from: the expanded grid, a Word copy's rows, header
//! placeholders, rowspan/colspan marks per row.

/// A table as the format draws it: rows of cells in source order, with their spans.
pub(in crate::synth) struct Tbl {
    pub(super) width: usize,
    pub(super) rows: Vec<Vec<TCell>>,
}

#[derive(Clone)]
pub(in crate::synth) struct TCell {
    pub(super) text: String,
    pub(super) colspan: usize,
    pub(super) rowspan: usize,
    /// A cell of a standard table's value (not a label or header).
    pub(super) value: bool,
}

impl TCell {
    pub(super) fn new(text: String) -> Self {
        TCell {
            text,
            colspan: 1,
            rowspan: 1,
            value: false,
        }
    }
    pub(super) fn span(mut self, colspan: usize, rowspan: usize) -> Self {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }
}

/// Where each grid position's content comes from: `(row, index in that row)` of the cell
/// that covers it, `None` where nothing does.
pub(in crate::synth) fn occupancy(t: &Tbl) -> Vec<Vec<Option<(usize, usize)>>> {
    let mut grid = vec![vec![None; t.width]; t.rows.len()];
    for (r, row) in t.rows.iter().enumerate() {
        let mut col = 0;
        for (i, cell) in row.iter().enumerate() {
            while col < t.width
                && grid
                    .get(r)
                    .and_then(|line| line.get(col))
                    .is_some_and(|s| s.is_some())
            {
                col += 1;
            }
            let (rows_end, cols_end) = (
                (r + cell.rowspan).min(t.rows.len()),
                (col + cell.colspan).min(t.width),
            );
            for line in grid.iter_mut().take(rows_end).skip(r) {
                for slot in line.iter_mut().take(cols_end).skip(col) {
                    *slot = Some((r, i));
                }
            }
            col += cell.colspan;
        }
    }
    grid
}

impl Tbl {
    /// The text of the cell at `(row, index in that row)`.
    fn text_at(&self, (r, i): (usize, usize)) -> &str {
        self.rows
            .get(r)
            .and_then(|row| row.get(i))
            .map_or("", |c| c.text.as_str())
    }

    /// The first row holding a value of the standard table (the header rows end there).
    pub(super) fn first_value_row(&self) -> Option<usize> {
        self.rows.iter().position(|row| row.iter().any(|c| c.value))
    }

    /// The table with merged cells expanded: text at the origin, empty elsewhere.
    pub(in crate::synth) fn expanded(&self) -> Vec<Vec<&str>> {
        let grid = occupancy(self);
        let mut seen = std::collections::BTreeSet::new();
        grid.iter()
            .map(|row| {
                row.iter()
                    .map(|slot| match slot {
                        Some(at) if seen.insert(*at) => self.text_at(*at),
                        _ => "",
                    })
                    .collect()
            })
            .collect()
    }

    /// The rows as an HTML-table converter writes them: each row's own cells, each followed
    /// by an empty filler per further column it spans; cells spanning rows only in their
    /// first row; every row padded with empty cells to the table's width.
    pub(super) fn converter_rows(&self) -> Vec<Vec<&str>> {
        self.rows
            .iter()
            .map(|row| {
                let mut out: Vec<&str> = Vec::new();
                for c in row {
                    out.push(c.text.as_str());
                    out.extend(std::iter::repeat_n("", c.colspan.saturating_sub(1)));
                }
                while out.len() < self.width {
                    out.push("");
                }
                out
            })
            .collect()
    }

    /// The rows as a Word copy gives them: a cell spanning rows leaves an empty cell in each
    /// row below it; a cell spanning columns is one cell.
    pub(super) fn word_rows(&self) -> Vec<Vec<&str>> {
        let grid = occupancy(self);
        grid.iter()
            .enumerate()
            .map(|(r, slots)| {
                let mut out = Vec::new();
                let mut last = None;
                for slot in slots.iter().flatten() {
                    if last == Some(*slot) {
                        continue;
                    }
                    last = Some(*slot);
                    let (or, oi) = *slot;
                    out.push(if or < r { "" } else { self.text_at((or, oi)) });
                }
                out
            })
            .collect()
    }

    /// The same table with header cells that span rows (one column wide) cut to one row,
    /// and an empty placeholder cell in each row they covered (`real-037.html`).
    pub(in crate::synth) fn with_header_placeholders(&self) -> Tbl {
        let grid = occupancy(self);
        let first_value_row = self.first_value_row().unwrap_or(self.rows.len());
        // (column, cell) per row, so placeholders can be put in column order.
        let mut rows: Vec<Vec<(usize, TCell)>> = vec![Vec::new(); self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for (i, c) in row.iter().enumerate() {
                let col = grid
                    .get(r)
                    .and_then(|slots| slots.iter().position(|s| *s == Some((r, i))))
                    .unwrap_or(0);
                let mut copy = c.clone();
                if r < first_value_row && c.colspan == 1 && c.rowspan > 1 {
                    copy.rowspan = 1;
                    for below in rows.iter_mut().take(r + c.rowspan).skip(r + 1) {
                        below.push((col, TCell::new(String::new())));
                    }
                }
                if let Some(cells) = rows.get_mut(r) {
                    cells.push((col, copy));
                }
            }
        }
        let rows = rows
            .into_iter()
            .map(|mut cells| {
                cells.sort_by_key(|(col, _)| *col);
                cells.into_iter().map(|(_, c)| c).collect()
            })
            .collect();
        Tbl {
            width: self.width,
            rows,
        }
    }

    /// For each row: how many cells of rows above cover positions left of its first own
    /// cell (rowspan continuations), and how many positions its own colspans add.
    pub(super) fn row_marks(&self) -> Vec<(usize, usize)> {
        let grid = occupancy(self);
        grid.iter()
            .enumerate()
            .map(|(r, slots)| {
                let mut leading = Vec::new();
                for slot in slots {
                    match slot {
                        Some((or, oi)) if *or < r => {
                            if !leading.contains(&(*or, *oi)) {
                                leading.push((*or, *oi));
                            }
                        }
                        _ => break,
                    }
                }
                let fillers = self
                    .rows
                    .get(r)
                    .map(|row| row.iter().map(|c| c.colspan - 1).sum())
                    .unwrap_or(0);
                (leading.len(), fillers)
            })
            .collect()
    }
}
