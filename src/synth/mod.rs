//! Synthetic reports for tests and benchmarks: a seeded generator of **consistent**
//! 政府信息公开工作年度报告 (every relation of spec §4 holds) as a value model keyed by the
//! canonical keys of `schema`, and renderers that write it in every shape real copies take
//! (see `../shared/corpus/dev/INDEX.tsv`): one cell per line with pipes, one row per line,
//! blank-line separated cells, pipe separator lines, tab-separated, Markdown, a portal page,
//! a Word-exported page, full-width characters, traditional characters (`Shape::ALL`), and
//! PDF-extracted text (`Shape::EXTRA`).
//!
//! Each shape comes in the dialects the corpus shows, chosen by the report's seed: pipes
//! marked/bare/padded, runs of pipes after rows, Word or spreadsheet tab copies, expanded or
//! bare Markdown, HTML with rowspans or header placeholders, `<th>`, `<br>`, nested layout
//! tables, fragments, zero-width spaces, page chrome around text copies, CRLF, no-break
//! spaces, thousands separators, `+` signs, units in cells, mirror-site 資訊 and 檔案,
//! converters that drop rowspan labels, fill after colspan labels and pad rows, a lone `|`
//! per empty position in one-cell-per-line copies, whitespace-only empty cells between
//! blank lines, a copy cut right after 表四's last value (no closing pipe), and a
//! template's bracketed notes after 表二 labels. `with_sparse_rows` (only 总计, blank 总计)
//! and `with_proactive_in` (表二 in the other format's layout) change what is written.
//!
//! The generator is the truth the property tests compare the checker against, so it never
//! reads the checker: labels come from `schema`, values from a small seeded PRNG
//! (SplitMix64; no `rand` dependency, identical output on every platform and in WASM).
//!
//! ```
//! use nianbao::synth::{Shape, Synth};
//! use nianbao::Format;
//! let s = Synth::generate(7, Format::F2021);
//! for shape in Shape::ALL {
//!     let text = s.render(shape);
//!     assert!(text.contains("总计") || text.contains("總計"));
//! }
//! // Plant a fault: the written 总计 of 予以公开 no longer matches its row.
//! let bad = s.with_cell((nianbao::TableId::Applications, "granted", "total"), 1_000_000);
//! assert_eq!(nianbao::synth::broken_relations(&bad).len(), 2);
//! ```
//!
//! Faults to plant: `with_cell`/`with_value` (a count, an amount, `Blank`, `Na("/")`,
//! `Text("若干")`), `with_blanks` (zeros left empty), `stated` (a number the prose states),
//! `year` (a format outside its years), `next_year` (the agency's following report, for
//! `CROSS-YEAR-CARRY`). `corpus(n, seed)` gives `n` reports across shapes for benchmarks.
//!
//! Invariants: `generate` yields numbers only (no blanks), integer counts that are never
//! negative (except 2019 `change`), and 表三/表四 relations that hold exactly. Rendering
//! writes every cell of `values` exactly once at its own position; blanks are written as
//! the shape writes an empty cell (lossy only in `CellPerLinePipes` and `PdfText`, as in
//! real copies).
//!
//! By stage: this module is the model (`Synth`, `SynthValue`, `Stated`, the faults),
//! `generate` draws consistent values, `rng` is the PRNG, `truth` holds the oracles
//! (`cell_keys`, `broken_relations`), and `render` writes a report in a shape — the
//! shape-free document, then one module per shape family (plain text, PDF text, HTML,
//! Word HTML) over the table views and the character style and dialect of a rendering.
//! Behind the `synth` feature: test and benchmark support, never in the page.

mod generate;
mod render;
mod rng;
#[cfg(test)]
mod tests;
mod truth;

pub use render::Shape;
pub use rng::Rng;
pub use truth::{broken_relations, cell_keys, strip_tags};

use crate::schema::{application_rows, Format, TableId, APPLICANT_COLUMNS, APPLICANT_PARTS};
use generate::{generate_applications, generate_disputes, generate_proactive, put, AGENCIES};
use std::collections::BTreeMap;

/// A cell of a standard table by canonical keys: (table, row or 表四 block, column).
pub type CellKey = (TableId, &'static str, &'static str);

/// What a synthetic cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthValue {
    /// An integer count (may be negative only for 2019 `change`, or when altered).
    Count(i64),
    /// Money in thousandths (`milli / 1000`), written with up to three decimals, and the
    /// unit written in the cell (2019 采购总金额: `元`, `万元`, `万`, or none).
    Amount {
        milli: i64,
        unit: Option<&'static str>,
    },
    /// An empty cell: not zero, not applicable — nothing was written.
    Blank,
    /// A mark for "not applicable" written in the cell: `/`, `—`, `无`…
    Na(&'static str),
    /// Words where a number belongs: `若干`, `见附件`…
    Text(&'static str),
}

impl SynthValue {
    /// The number a checker must read back (`None` for a blank).
    pub fn value(&self) -> Option<f64> {
        match *self {
            SynthValue::Count(n) => Some(n as f64),
            // Division is correctly rounded, as is parsing the decimal text: both give the
            // double nearest to milli/1000, so the read-back compares equal.
            SynthValue::Amount { milli, .. } => Some(milli as f64 / 1000.0),
            SynthValue::Blank | SynthValue::Na(_) | SynthValue::Text(_) => None,
        }
    }
    /// The unit written in the cell, if any.
    pub fn unit(&self) -> Option<&'static str> {
        match *self {
            SynthValue::Amount { unit, .. } => unit,
            _ => None,
        }
    }
    pub fn is_blank(&self) -> bool {
        matches!(self, SynthValue::Blank)
    }
    /// The cell text in ASCII digits; `thousands` groups the integer part by three (as a
    /// spreadsheet's number format does).
    pub fn text(&self, thousands: bool) -> String {
        match *self {
            SynthValue::Count(n) => {
                let digits = group(n.unsigned_abs(), thousands);
                if n < 0 {
                    format!("-{digits}")
                } else {
                    digits
                }
            }
            SynthValue::Amount { milli, unit } => {
                let int = group(milli.unsigned_abs() / 1000, thousands);
                let frac = milli.unsigned_abs() % 1000;
                let mut s = String::new();
                if milli < 0 {
                    s.push('-');
                }
                s.push_str(&int);
                if frac != 0 {
                    let f = format!("{frac:03}");
                    s.push('.');
                    s.push_str(f.trim_end_matches('0'));
                }
                if let Some(u) = unit {
                    s.push_str(u);
                }
                s
            }
            SynthValue::Blank => String::new(),
            SynthValue::Na(s) | SynthValue::Text(s) => s.to_string(),
        }
    }
}

fn group(n: u64, thousands: bool) -> String {
    let plain = n.to_string();
    if !thousands || plain.len() <= 3 {
        return plain;
    }
    let mut out = String::with_capacity(plain.len() + plain.len() / 3);
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A synthetic report: what was "written" in every cell of the three standard tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Synth {
    pub format: Format,
    pub year: i32,
    pub agency: String,
    pub values: BTreeMap<CellKey, SynthValue>,
    /// Chooses rendering quirks (split header words, a split title, the base shape of
    /// `FullWidth`/`Traditional`), so one report always renders the same way.
    pub seed: u64,
    /// Numbers the prose states instead of the table's (to plant `TEXT-TABLE-MISMATCH`),
    /// by `Stated` key. Empty: the prose agrees with the tables.
    pub stated: BTreeMap<Stated, i64>,
    /// 表二 written in the other format's layout (a report mixing the 2019 and 2021
    /// tables); `None`: in the report's own.
    pub proactive_format: Option<Format>,
}

/// A number 总体情况 states in words, and the cell(s) it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stated {
    /// 本年度共收到政府信息公开申请N件 — `applications.new_received.total`.
    Received,
    /// 上年结转N件 — `applications.carried_over.total`.
    CarriedOver,
    /// 被申请行政复议N件 — `disputes.review.total`.
    Review,
    /// 提起行政诉讼N件 — `disputes.litigation_direct.total` + `litigation_after_review.total`.
    Litigation,
}

impl Stated {
    pub const ALL: [Stated; 4] = [
        Stated::Received,
        Stated::CarriedOver,
        Stated::Review,
        Stated::Litigation,
    ];
    /// The cells whose values (summed) the statement describes.
    pub fn cells(self) -> &'static [CellKey] {
        match self {
            Stated::Received => &[(TableId::Applications, "new_received", "total")],
            Stated::CarriedOver => &[(TableId::Applications, "carried_over", "total")],
            Stated::Review => &[(TableId::Disputes, "review", "total")],
            Stated::Litigation => &[
                (TableId::Disputes, "litigation_direct", "total"),
                (TableId::Disputes, "litigation_after_review", "total"),
            ],
        }
    }
}

impl Synth {
    /// A consistent report of `format`: 表三 row totals, result totals and balance and 表四
    /// block totals all hold; no cell is blank.
    pub fn generate(seed: u64, format: Format) -> Synth {
        let mut rng = Rng::new(seed ^ 0x6E69_616E_6261_6F00);
        let (first, last) = match format {
            Format::F2019 => (2019, 2020),
            Format::F2021 => (2021, 2025),
        };
        let year = rng.range(first, last) as i32;
        let agency = rng
            .pick(&AGENCIES)
            .copied()
            .unwrap_or("测试市人民政府")
            .to_string();
        let mut values = BTreeMap::new();
        generate_proactive(&mut rng, format, &mut values);
        generate_applications(&mut rng, format, &mut values);
        generate_disputes(&mut rng, &mut values);
        Synth {
            format,
            year,
            agency,
            values,
            seed,
            stated: BTreeMap::new(),
            proactive_format: None,
        }
    }

    /// The layout 表二 is written in.
    pub fn proactive_layout(&self) -> Format {
        self.proactive_format.unwrap_or(self.format)
    }

    /// The same report with 表二 in `format`'s layout and values drawn for it (the 2019
    /// 表二 with the 2021 表三/表四, or the reverse, as some agencies publish): each table
    /// is read in the layout it is written in.
    pub fn with_proactive_in(&self, format: Format, seed: u64) -> Synth {
        let mut out = self.clone();
        out.values.retain(|k, _| k.0 != TableId::Proactive);
        let mut rng = Rng::new(seed ^ 0x7AB1_E200);
        generate_proactive(&mut rng, format, &mut out.values);
        out.proactive_format = (format != self.format).then_some(format);
        out
    }

    /// The same report with some zero cells of 表三 and 表二 left blank instead, as some
    /// agencies publish them (`real-029.txt`, `real-055.txt`). Relations whose operands are
    /// blank become not assessable; none is broken.
    pub fn with_blanks(&self, seed: u64) -> Synth {
        let mut rng = Rng::new(seed ^ 0xB1A4_4B1A);
        let mut out = self.clone();
        for (key, v) in out.values.iter_mut() {
            let blankable = key.0 != TableId::Disputes && key.2 != "total";
            if blankable && *v == SynthValue::Count(0) && rng.chance(600) {
                *v = SynthValue::Blank;
            }
        }
        out
    }

    /// The same report with sparse 表三 rows, as agencies fill them: some rows with only
    /// 总计 written (the other six cells blank), some with 总计 blank (and, in some, the cells
    /// before it too). Blank is not zero: the rows' relations become not assessable.
    pub fn with_sparse_rows(&self, seed: u64) -> Synth {
        let mut rng = Rng::new(seed ^ 0x5BA2_5E00);
        let mut out = self.clone();
        let a = TableId::Applications;
        for r in application_rows(self.format) {
            let cols: Vec<&str> = APPLICANT_COLUMNS.iter().map(|c| c.key).collect();
            match rng.below(5) {
                0 => {
                    for c in &cols[..6] {
                        out = out.with_value((a, r.key, c), SynthValue::Blank);
                    }
                }
                1 => {
                    let from = 6 - rng.below(3) as usize;
                    for c in &cols[from..] {
                        out = out.with_value((a, r.key, c), SynthValue::Blank);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The same agency's report of the following year: consistent in itself, and its
    /// 上年结转 equals this report's 结转下年度继续办理 in every column, so
    /// `CROSS-YEAR-CARRY` holds between the two.
    pub fn next_year(&self, seed: u64) -> Synth {
        let a = TableId::Applications;
        let mut next = Synth::generate(seed, self.format);
        next.year = self.year + 1;
        next.agency = self.agency.clone();
        for col in APPLICANT_PARTS {
            let over = self.count(a, "carried_forward", col);
            let processed = next.count(a, "total_processed", col);
            let mut forward = next.count(a, "carried_forward", col);
            // The balance 一 + 二 = 七 + 四 decides what was received; never below zero.
            let mut received = processed + forward - over;
            if received < 0 {
                forward -= received;
                received = 0;
            }
            put(&mut next.values, (a, "carried_over", col), over);
            put(&mut next.values, (a, "carried_forward", col), forward);
            put(&mut next.values, (a, "new_received", col), received);
        }
        for row in ["new_received", "carried_over", "carried_forward"] {
            let total = APPLICANT_PARTS.iter().map(|c| next.count(a, row, c)).sum();
            put(&mut next.values, (a, row, "total"), total);
        }
        next
    }

    /// The same report with one count cell changed (an unknown cell leaves it unchanged).
    pub fn with_cell(&self, cell: (TableId, &str, &str), value: i64) -> Synth {
        self.with_value(cell, SynthValue::Count(value))
    }

    /// The same report with one cell set to any value (an unknown cell leaves it unchanged).
    pub fn with_value(&self, cell: (TableId, &str, &str), value: SynthValue) -> Synth {
        let mut out = self.clone();
        if let Some(v) = out
            .values
            .iter_mut()
            .find(|(k, _)| k.0 == cell.0 && k.1 == cell.1 && k.2 == cell.2)
        {
            *v.1 = value;
        }
        out
    }

    pub fn get(&self, table: TableId, row: &str, col: &str) -> Option<SynthValue> {
        self.values
            .iter()
            .find(|(k, _)| k.0 == table && k.1 == row && k.2 == col)
            .map(|(_, v)| *v)
    }

    /// The number the prose states for `what`: the override, or what the tables hold.
    pub fn stated_number(&self, what: Stated) -> i64 {
        match self.stated.get(&what) {
            Some(n) => *n,
            None => what.cells().iter().map(|k| self.count(k.0, k.1, k.2)).sum(),
        }
    }

    fn count(&self, table: TableId, row: &str, col: &str) -> i64 {
        match self.get(table, row, col) {
            Some(SynthValue::Count(n)) => n,
            _ => 0,
        }
    }
}

/// `n` reports across every shape and both formats (for the benchmark): `(shape, text)`.
pub fn corpus(n: usize, seed: u64) -> Vec<(Shape, String)> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let format = if i % 2 == 0 {
                Format::F2021
            } else {
                Format::F2019
            };
            let shape = Shape::ALL
                .get(i % Shape::ALL.len())
                .copied()
                .unwrap_or(Shape::InlinePipes);
            let s = Synth::generate(rng.next_u64(), format);
            (shape, s.render(shape))
        })
        .collect()
}
