//! The cell stream: every grid cell in reading order with its matching key, its value
//! state (computed once), and whether it ends a run of values. The binders walk this
//! stream with a cursor; `find_label`, `collect` and `at_end` are the only ways they read it.

use super::labels::{self, Key};
use super::place::Collected;
use super::Binder;
use crate::grid::{CellKind, Grid, GridCell, Rows};
use crate::schema::{self, Format};
use crate::value::{is_digit_run, parse_value, CellState};

/// The grid's cells with the matching keys of those that can be labels (short text):
/// what the items point into.
pub(super) struct Stream<'g> {
    rows: &'g Rows,
    keys: Vec<Key>,
    /// What each cell reads as, computed once while the keys are made (a byte a cell:
    /// the items, made after, are what is large).
    states: Vec<CellState>,
}

impl<'g> Stream<'g> {
    pub(super) fn new(grid: &'g Grid) -> Stream<'g> {
        let rows = &grid.rows;
        let mut keys = Vec::new();
        let mut states = Vec::with_capacity(rows.cell_count());
        for row in rows.iter() {
            for cell in row.cells.iter() {
                // Labels and headings are short text; numbers and blanks need no key.
                let state = parse_value(cell.text).state;
                if cell.is_data() && state == CellState::Text && cell.text.len() <= 180 {
                    keys.push(Key::new(cell.text));
                }
                states.push(state);
            }
        }
        Stream { rows, keys, states }
    }

    /// The cells in reading order as items.
    pub(super) fn items(&mut self) -> Vec<Item<'_>> {
        let states = std::mem::take(&mut self.states);
        let this: &Stream = self;
        let rows = this.rows;
        let mut out = Vec::with_capacity(rows.cell_count());
        let mut key = 0u32;
        let mut index = 0;
        for (r, row) in rows.iter().enumerate() {
            let from = out.len();
            let mut data = 0;
            for cell in row.cells.iter() {
                let state = states[index];
                let mut flags = match cell.kind {
                    CellKind::Data => DATA,
                    CellKind::Filler => FILLER,
                    CellKind::SpanCopy { .. } => 0,
                };
                let is_data = flags == DATA;
                data += usize::from(is_data);
                let keyed = is_data && state == CellState::Text && cell.text.len() <= 180;
                let value_like =
                    matches!(state, CellState::Number | CellState::Blank | CellState::Na)
                        || (state == CellState::Text && is_digit_run(cell.text));
                if value_like {
                    flags |= VALUE_LIKE;
                }
                out.push(Item {
                    stream: this,
                    text: cell.text,
                    key: if keyed { key } else { NO_KEY_INDEX },
                    index: index as u32,
                    row: r as u32,
                    flags,
                    state,
                    stop: false,
                });
                key += u32::from(keyed);
                index += 1;
            }
            // Two or more data cells: the input gave real rows.
            if data >= 2 {
                for it in &mut out[from..] {
                    it.flags |= WIDE;
                }
            }
        }
        out
    }
}

/// One cell of the grid in reading order, with its matching key. 40 bytes: its text, and
/// the cell and its key as indices into the stream (`cell()` gives its text, span and
/// kind, `col()` its place in the row, `key()` its key).
pub struct Item<'g> {
    stream: &'g Stream<'g>,
    /// The cell's text (the binders read it at every look; the grid's cell would have to
    /// be made anew each time).
    text: &'g str,
    /// Index of the cell's key in the stream, `NO_KEY_INDEX` for numbers, blanks, copies
    /// and long prose.
    key: u32,
    /// Index of the cell among the grid's cells.
    index: u32,
    pub row: u32,
    /// What the cell is (`DATA`, `FILLER`, else a span copy), whether its grid row has
    /// two or more data cells (`WIDE`: the input gave real rows) and whether it stands in
    /// a value's place (`VALUE_LIKE`): computed once, as the binders ask for every item
    /// they pass.
    flags: u8,
    /// What the cell reads as (number, blank, `/`, text), computed once.
    pub state: CellState,
    /// Ends a run of values (a label, heading, header or long text); set once the format
    /// is known.
    pub stop: bool,
}

const NO_KEY_INDEX: u32 = u32::MAX;
const DATA: u8 = 1;
const FILLER: u8 = 2;
const WIDE: u8 = 4;
const VALUE_LIKE: u8 = 8;

/// The key of every item that has none.
static NO_KEY: Key = Key::EMPTY;

impl<'g> Item<'g> {
    /// The grid cell: its text, span and kind.
    pub(super) fn cell(&self) -> GridCell<'g> {
        let index = self.index as usize;
        let kind = match self.flags & (DATA | FILLER) {
            DATA => CellKind::Data,
            FILLER => CellKind::Filler,
            // A copy's origin is in the grid's cell.
            _ => return self.stream.rows.cell(index),
        };
        GridCell {
            text: self.text,
            span: self.stream.rows.span(index),
            kind,
        }
    }
    /// The cell's text.
    pub(super) fn text(&self) -> &'g str {
        self.text
    }
    pub(super) fn key(&self) -> &'g Key {
        self.stream.keys.get(self.key as usize).unwrap_or(&NO_KEY)
    }
    /// Position in the grid row, counting copies and fillers (aligned across rows when
    /// the input keeps merged cells as placeholders: HTML, tabs, Markdown).
    pub(super) fn col(&self) -> usize {
        self.index as usize - self.stream.rows.row(self.row as usize).cells.first_index()
    }
    pub(super) fn is_data(&self) -> bool {
        self.flags & DATA != 0
    }
    /// A converter's filler (no position of its own).
    pub(super) fn is_filler(&self) -> bool {
        self.flags & FILLER != 0
    }
    /// A copy of a merged cell (the span's origin stands elsewhere).
    pub(super) fn is_copy(&self) -> bool {
        self.flags & (DATA | FILLER) == 0
    }
    /// The cell has a key: short text that can be a label or heading.
    pub(super) fn keyed(&self) -> bool {
        self.key != NO_KEY_INDEX
    }
    pub(super) fn wide(&self) -> bool {
        self.flags & WIDE != 0
    }
    /// Stands in a value's place: a number, blank, `/`, or a digit run too long to be a
    /// number (`CELL-UNREADABLE` in its own column, never a label that shifts the row).
    pub(super) fn value_like(&self) -> bool {
        self.flags & VALUE_LIKE != 0
    }
    pub(super) fn numeric(&self) -> bool {
        matches!(self.state, CellState::Number | CellState::Na)
    }
}

impl<'g> Binder<'g> {
    /// True when no data cell with text follows item `i`.
    pub(super) fn at_end(&self, i: usize) -> bool {
        self.last_text.is_none_or(|last| i >= last)
    }

    pub(super) fn is_stop(&self, it: &Item) -> bool {
        it.stop
    }

    /// The formats whose row labels end a run of values: both when the report mixes them.
    fn stop_formats(&self) -> &'static [Format] {
        match (self.mixed, self.format) {
            (true, _) => &[Format::F2019, Format::F2021],
            (false, Some(Format::F2019)) => &[Format::F2019],
            _ => &[Format::F2021],
        }
    }

    /// A cell that ends a run of values: a label, heading, header or a long text.
    pub(super) fn compute_stop(&self, it: &Item) -> bool {
        if !it.is_data() || it.value_like() {
            return false;
        }
        let k = &it.key();
        // Cheapest tests first: most stops are long (text too long for a key, over 180
        // bytes, is prose) or carry an ordinal.
        !it.keyed()
            || k.chars() > 8
            || k.has_ordinal()
            || labels::is_header_word(k)
            || labels::is_application_group(k, self.format)
            || labels::section_heading(k).is_some()
            || self.stop_formats().iter().any(|f| {
                schema::application_rows(*f)
                    .iter()
                    .any(|d| labels::matches_application_row(d, k))
                    || schema::proactive_subtables(*f)
                        .iter()
                        .flat_map(|s| s.rows.iter())
                        .any(|d| labels::matches_proactive_row(d, k))
            })
    }

    /// The values after the label at item `at`, up to `n`.
    pub(super) fn collect(&self, at: usize, n: usize) -> Collected<'g> {
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
            // The row's values and a filler or two, at most the rest of the label's row
            // (not all of it: a row can be a whole report run into one line, and each of
            // its labels collects only up to the next).
            let row_len = self.grid.rows.row(label.row as usize).cells.len();
            c.after
                .reserve(row_len.saturating_sub(label.col() + 1).min(n + 2));
            let mut i = at + 1;
            while i < items.len() && items[i].row == label.row {
                let it = &items[i];
                c.last = i;
                // Copies and fillers hold no value.
                if it.is_data() {
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
                        c.after.push((it.col(), it.cell()));
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
        let mut unclosed = continues(label.text());
        c.cells.reserve(n);
        let mut i = at + 1;
        while i < items.len() && c.cells.len() < n {
            let it = &items[i];
            // Copies and fillers hold no value.
            if it.is_data() {
                if unclosed && c.cells.is_empty() && it.state == CellState::Text {
                    // The label's rest opens a row of its own: its values are the rest of
                    // that row.
                    if it.wide() && !continues(it.text()) {
                        return self.collect(i, n);
                    }
                    unclosed = continues(it.text());
                    c.last = i;
                    i += 1;
                    continue;
                }
                if self.is_stop(it) {
                    break;
                }
                c.cells.push(it.cell());
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
    pub(super) fn find_label(&self, from: usize, pred: impl Fn(&Key) -> bool) -> Option<usize> {
        (from..self.items.len()).find(|&i| {
            let it = &self.items[i];
            // A label is short text: only a keyed item can be one.
            it.keyed() && it.key().chars() <= 60 && pred(it.key()) && self.followed_by_value(i)
        })
    }

    fn followed_by_value(&self, i: usize) -> bool {
        // The rest of a label wrapped inside its brackets comes first.
        let mut unclosed = continues(self.items[i].text());
        for it in &self.items[i + 1..] {
            if it.is_copy() {
                continue;
            }
            if it.is_filler() {
                return true;
            }
            if unclosed && it.state == CellState::Text {
                unclosed = continues(it.text());
            } else {
                return it.value_like() || (it.key().chars() <= 8 && !self.is_stop(it));
            }
        }
        true
    }
}

/// Does a label go on on the next line: a bracket left open, or a line that ends on a
/// comma (`2.申请人逾期未按收费通知要求缴纳费用、` / `行政机关不再处理…`)?
pub(super) fn continues(t: &str) -> bool {
    let t = t.trim_end();
    // Brackets counted over the bytes: `（` and `）` are EF BC 88 and EF BC 89 in UTF-8.
    let b = t.as_bytes();
    let mut open = 0i64;
    for (i, &x) in b.iter().enumerate() {
        match x {
            b'(' => open += 1,
            b')' => open -= 1,
            0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
                Some(0x88) => open += 1,
                Some(0x89) => open -= 1,
                _ => {}
            },
            _ => {}
        }
    }
    open > 0 || t.ends_with(['、', '，', ','])
}

#[cfg(test)]
mod tests {
    use super::continues;

    #[test]
    fn continues_counts_brackets_as_the_characters_do() {
        let plain = |t: &str| {
            let t = t.trim_end();
            t.matches(['(', '（']).count() > t.matches([')', '）']).count()
                || t.ends_with(['、', '，', ','])
        };
        let parts = [
            "(",
            ")",
            "（",
            "）",
            "、",
            "，",
            ",",
            "部分公开",
            "１",
            "\u{3000}",
            " ",
            "ａ",
            "",
            "（二）",
            "\u{FF08}",
            "\u{FF09}",
            "\u{FF0C}",
            "\u{FFFD}",
            "x",
        ];
        // Every string of up to three parts.
        for a in parts {
            for b in parts {
                for c in parts {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(continues(&t), plain(&t), "{t:?}");
                }
            }
        }
    }
}
