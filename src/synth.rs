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
//! spaces, thousands separators, `+` signs, units in cells, mirror-site 資訊.
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

use crate::codes::Code;
use crate::schema::{
    application_rows, proactive_subtables, Format, TableId, ValueKind, APPLICANT_COLUMNS,
    APPLICANT_PARTS, APPLICATION_GROUPS, DISPUTE_BLOCKS, DISPUTE_COLUMNS, DISPUTE_PARTS,
    RESULT_ROWS,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

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

/// The shapes real copies of a report take. Every shape writes the same report; the
/// comments name the corpus file each one imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// Each cell on its own line ending in ` |`, spans written once, in source order
    /// (`seed-2020-linyi-police.txt`). Blank cells collapse into a trailing run of pipes
    /// after the row (`real-028.txt`), so their positions are lost, as in real copies.
    CellPerLinePipes,
    /// One table row per line, ` | ` separators and a trailing ` |`; colspan as a run of
    /// filler pipes (`| |||`, `real-017.txt`); rows under a rowspan start with one `| ` per
    /// covering cell (`real-029.txt`); empty cells as `| |`.
    InlinePipes,
    /// Cells separated by a blank line, no pipes; an empty cell is one extra newline
    /// (`real-055.txt`, `real-030.txt`); header words may be split into two cells.
    BlankLineCells,
    /// Cell, a line `|`, cell, `|` …; a row ends with a line of `1 + colspan fillers` pipes
    /// (`real-010.txt`).
    PipeSeparatorLines,
    /// Tab-separated rows with merged cells expanded (a spreadsheet copy), CRLF line ends,
    /// thousands separators in large numbers.
    Tabs,
    /// GitHub-flavoured Markdown tables (`|---|` after the first row), merged cells expanded
    /// (`real-046.txt`).
    Markdown,
    /// A saved portal page: `<table>` with the format's rowspan/colspan (`real-037.html`).
    Html,
    /// A Word "save as web page" export: `MsoNormal` paragraphs, `mso-` styles, `<o:p>`,
    /// `&nbsp;` in empty cells, entities, CRLF.
    WordHtml,
    /// Full-width digits and punctuation (`１２`, `（一）`) in any base shape (chosen by seed).
    FullWidth,
    /// Traditional characters in labels and prose (`總計`, `處理`), any base shape (by seed).
    Traditional,
    /// Text extracted from a PDF (`real-044.txt`, `real-046.txt`): a table row per line with
    /// cells separated by spaces, long labels wrapped onto the next line, prose hard-wrapped
    /// with spaces around digits (`2025 年`). Not in `ALL` (see `EXTRA`).
    PdfText,
}

impl Shape {
    pub const ALL: [Shape; 10] = [
        Shape::CellPerLinePipes,
        Shape::InlinePipes,
        Shape::BlankLineCells,
        Shape::PipeSeparatorLines,
        Shape::Tabs,
        Shape::Markdown,
        Shape::Html,
        Shape::WordHtml,
        Shape::FullWidth,
        Shape::Traditional,
    ];
    /// Shapes held only to the consistent read-back property (`pdf_text_checks_clean_and_reads_back`),
    /// not yet to every property of `ALL`.
    pub const EXTRA: [Shape; 1] = [Shape::PdfText];
    /// The shapes that are a layout of their own (`FullWidth`/`Traditional` are styles
    /// laid over one of these).
    pub const BASES: [Shape; 8] = [
        Shape::CellPerLinePipes,
        Shape::InlinePipes,
        Shape::BlankLineCells,
        Shape::PipeSeparatorLines,
        Shape::Tabs,
        Shape::Markdown,
        Shape::Html,
        Shape::WordHtml,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Shape::CellPerLinePipes => "cell-per-line-pipes",
            Shape::InlinePipes => "inline-pipes",
            Shape::BlankLineCells => "blank-line-cells",
            Shape::PipeSeparatorLines => "pipe-separator-lines",
            Shape::Tabs => "tabs",
            Shape::Markdown => "markdown",
            Shape::Html => "html",
            Shape::WordHtml => "word-html",
            Shape::FullWidth => "full-width",
            Shape::Traditional => "traditional",
            Shape::PdfText => "pdf-text",
        }
    }
    /// False when the shape loses the position of blank cells (real copies do this too).
    pub fn keeps_blank_positions(self) -> bool {
        !matches!(self, Shape::CellPerLinePipes | Shape::PdfText)
    }
    fn is_html(self) -> bool {
        matches!(self, Shape::Html | Shape::WordHtml)
    }
}

impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// SplitMix64: tiny, fast, well distributed, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            // Multiply-shift: unbiased enough for test data, never panics.
            ((self.next_u64() as u128 * n as u128) >> 64) as u64
        }
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }
    /// True with probability `permille / 1000`.
    pub fn chance(&mut self, permille: u64) -> bool {
        self.below(1000) < permille
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
    /// A count whose order of magnitude is uniform up to `max_digits` digits (zero included):
    /// small agencies report 0 or 3, cities 11,398,889.
    pub fn magnitude(&mut self, max_digits: u32) -> i64 {
        let digits = self.below(max_digits as u64 + 1) as u32;
        if digits == 0 {
            return 0;
        }
        let lo = 10i64.saturating_pow(digits - 1);
        let hi = 10i64.saturating_pow(digits).saturating_sub(1);
        self.range(if digits == 1 { 1 } else { lo }, hi)
    }
    /// A count near `mean` (uniform in `0..=2·mean`), zero with probability `zero_permille`.
    pub fn around(&mut self, mean: f64, zero_permille: u64) -> i64 {
        if mean <= 0.0 || self.chance(zero_permille) {
            return 0;
        }
        let hi = (mean * 2.0).round().clamp(0.0, 1.0e12) as i64;
        if hi == 0 {
            // Small means still give an occasional 1.
            return i64::from(self.chance((mean * 1000.0).clamp(0.0, 1000.0) as u64));
        }
        self.range(0, hi)
    }
}

/// Invented agencies of every level (a city bureau, a county, a district office, a
/// street office, a town), so generated reports never carry a real agency's name.
const AGENCIES: [&str; 10] = [
    "青石市公安局",
    "测试市人民政府",
    "白河县司法局",
    "云岭市人民政府办公室",
    "东湖市自然资源和规划局西城分局",
    "北桥区中山街道办事处",
    "南岭县杨柳镇人民政府",
    "清河市文峰区住房和城乡建设局",
    "柳岸示范区教育局",
    "西江市龙岭区发展和改革局",
];

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

/// Every cell key of a format, in table order (表二, 表三, 表四; rows, then columns).
pub fn cell_keys(format: Format) -> Vec<CellKey> {
    let mut keys = Vec::new();
    for sub in proactive_subtables(format) {
        for r in sub.rows {
            for c in sub.columns {
                keys.push((TableId::Proactive, r.key, c.key));
            }
        }
    }
    for r in application_rows(format) {
        for c in APPLICANT_COLUMNS.iter() {
            keys.push((TableId::Applications, r.key, c.key));
        }
    }
    for b in DISPUTE_BLOCKS.iter() {
        for c in DISPUTE_COLUMNS.iter() {
            keys.push((TableId::Disputes, b.key, c.key));
        }
    }
    keys
}

/// Weight of each applicant column relative to 自然人 (most applicants are people).
const COLUMN_WEIGHTS: [(&str, f64); 6] = [
    ("natural_person", 1.0),
    ("commercial", 0.08),
    ("research", 0.004),
    ("social_welfare", 0.01),
    ("legal_service", 0.03),
    ("other_org", 0.02),
];

/// Share of each result row (rough shape of real city-level reports).
fn result_weight(row: &str) -> f64 {
    match row {
        "granted" => 0.38,
        "partially_granted" => 0.12,
        "unable_not_held" => 0.2,
        "other_handling" | "other_reasons" => 0.06,
        "other_overdue_correction" => 0.02,
        "unable_needs_creation" | "rejected_petition" | "rejected_duplicate" => 0.015,
        "denied_enforcement_file" | "denied_process_info" | "denied_internal_affairs" => 0.01,
        _ => 0.004,
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
        }
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

    /// The report as text in `shape`.
    pub fn render(&self, shape: Shape) -> String {
        let (base, style) = self.resolve(shape);
        let doc = self.document(base, style);
        render_doc(&doc, base, style)
    }

    /// The report padded with prose in 总体情况 until it is at least `min_bytes` long (for
    /// memory and throughput measurements on one large input).
    pub fn render_padded(&self, shape: Shape, min_bytes: usize) -> String {
        let (base, style) = self.resolve(shape);
        let mut doc = self.document(base, style);
        let base_len = render_doc(&doc, base, style).len();
        let mut rng = Rng::new(self.seed ^ 0x9ADD);
        let mut extra = Vec::new();
        let mut added = 0;
        while base_len + added < min_bytes {
            let p = style.apply(&filler_paragraph(&mut rng, self.year, &self.agency));
            added += p.len() + 1;
            extra.push(Block::Para(p));
        }
        // After the first paragraph of 总体情况, where long reports put their narrative.
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(_)))
            .map(|i| i + 2)
            .unwrap_or(0);
        let at = at.min(doc.blocks.len());
        doc.blocks.splice(at..at, extra);
        render_doc(&doc, base, style)
    }

    /// The layout `render(shape)` uses: `shape` itself, or for `FullWidth`/`Traditional`
    /// the base shape this report's seed chose.
    pub fn base_shape(&self, shape: Shape) -> Shape {
        self.resolve(shape).0
    }

    /// The base layout and character style a shape stands for.
    fn resolve(&self, shape: Shape) -> (Shape, Style) {
        let dialect = Rng::new(self.seed ^ 0x0D1A_1EC7).next_u64();
        let pick = |salt: u64| {
            let i = (Rng::new(self.seed ^ salt).next_u64() % Shape::BASES.len() as u64) as usize;
            Shape::BASES.get(i).copied().unwrap_or(Shape::InlinePipes)
        };
        match shape {
            Shape::FullWidth => {
                let base = pick(0xF0F0);
                (
                    base,
                    Style {
                        full_width: true,
                        traditional: false,
                        half_punct: !base.is_html(),
                        dialect,
                    },
                )
            }
            Shape::Traditional => {
                let base = pick(0x7A7A);
                (
                    base,
                    Style {
                        full_width: false,
                        traditional: true,
                        half_punct: !base.is_html(),
                        dialect,
                    },
                )
            }
            // Copies out of a browser into plain text come with ASCII brackets and commas
            // (every .txt of the corpus); saved pages keep the format's full-width ones.
            base => (
                base,
                Style {
                    full_width: false,
                    traditional: false,
                    half_punct: !base.is_html(),
                    dialect,
                },
            ),
        }
    }

    /// The report as a sequence of paragraphs and tables, before it takes a shape.
    fn document(&self, base: Shape, style: Style) -> Doc {
        let mut rng = Rng::new(self.seed ^ 0xD0C);
        let f = self.format;
        let y = self.year;
        let a = self.agency.as_str();
        let thousands = style.thousands(base);
        let mut blocks = Vec::new();
        let st = |s: &str| style.apply(s);
        let total_new = self.stated_number(Stated::Received);
        let total_over = self.stated_number(Stated::CarriedOver);
        let review = self.stated_number(Stated::Review);
        let litigation = self.stated_number(Stated::Litigation);

        let title = format!("{a}{y}年政府信息公开工作年度报告");
        let published = format!("{}-01-{:02}", y + 1, 10 + self.seed % 20);
        let chrome = !base.is_html() && style.text_chrome();
        if chrome {
            // A portal page copied whole (`real-012.txt`): its metadata lines, the title
            // again, and bullet chrome whose lone `|` is no table.
            blocks.push(Block::Para(st(&format!("标题: {title}"))));
            blocks.push(Block::Para(st(&format!(
                "索引号: 11{:014}K/{}-None 文号: 无文号",
                self.seed % 100_000_000_000_000,
                y + 1
            ))));
            blocks.push(Block::Para(st(&format!(
                "发文日期: {published} 发布机构: {a}"
            ))));
            blocks.push(Block::Title(st(&title)));
            blocks.push(Block::Para(st(&format!("发布日期:{published}"))));
            blocks.push(Block::Para("  • 字号:".to_string()));
            blocks.push(Block::Para("  • |".to_string()));
            blocks.push(Block::Para("  • 打印".to_string()));
        }
        if base == Shape::CellPerLinePipes && rng.chance(500) {
            // Copied headings wrap like the seed's "…2020年政府信息\n公开工作年度报告".
            let cut = title
                .char_indices()
                .nth(title.chars().count().saturating_sub(8))
                .map(|(i, _)| i);
            match cut {
                Some(i) => {
                    blocks.push(Block::Title(st(&title[..i])));
                    blocks.push(Block::Title(st(&title[i..])));
                }
                None => blocks.push(Block::Title(st(&title))),
            }
        } else {
            blocks.push(Block::Title(st(&title)));
        }
        blocks.push(Block::Para(st(&format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（{}）要求编制。本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。如对本报告有疑问，请与{a}联系{}。",
            f.notice(),
            if chrome { "（邮编：255000，电话：0533-2286643，传真：0533-2287070）" } else { "" }
        ))));

        blocks.push(Block::Heading(st("一、总体情况")));
        blocks.push(Block::Para(st(&format!(
            "{y}年，{a}深入贯彻落实《条例》和上级关于政务公开工作的部署，坚持以公开为常态、不公开为例外，持续提升政务公开质量和实效。"
        ))));
        blocks.push(Block::Para(st("（一）主动公开")));
        blocks.push(Block::Para(st(
            "围绕中心工作，及时公开政策文件、规划计划、财政预决算、重点领域信息，并做好政策解读和回应关切。",
        )));
        blocks.push(Block::Para(st("（二）依申请公开")));
        blocks.push(Block::Para(st(&format!(
            "本年度共收到政府信息公开申请{total_new}件，上年结转{total_over}件，均在法定期限内答复。"
        ))));
        blocks.push(Block::Para(st("（三）政府信息管理")));
        blocks.push(Block::Para(st(
            "严格落实信息发布保密审查制度，动态更新政府信息公开指南和目录。",
        )));
        blocks.push(Block::Para(st("（四）平台建设")));
        blocks.push(Block::Para(st(
            "优化政府网站信息公开专栏，加强政务新媒体管理，拓宽公开渠道。",
        )));
        blocks.push(Block::Para(st("（五）监督保障")));
        blocks.push(Block::Para(st(&format!(
            "本年度因政府信息公开工作被申请行政复议{review}件，提起行政诉讼{litigation}件。"
        ))));

        blocks.push(Block::Heading(st("二、主动公开政府信息情况")));
        if base == Shape::Markdown {
            blocks.push(Block::Para(st("## 表二：主动公开政府信息情况")));
        }
        blocks.push(Block::Table(
            self.proactive_table(style, thousands, base, &mut rng),
        ));

        blocks.push(Block::Heading(st("三、收到和处理政府信息公开申请情况")));
        if rng.chance(500) {
            blocks.push(Block::Para(st(&format!(
                "{y}年度收到政府信息公开申请情况如下。"
            ))));
        }
        if base == Shape::Markdown {
            blocks.push(Block::Para(st("## 表三：收到和处理政府信息公开申请情况")));
        }
        blocks.push(Block::Table(
            self.applications_table(style, thousands, base, &mut rng),
        ));

        blocks.push(Block::Heading(st(if rng.chance(300) {
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
        } else {
            "四、政府信息公开行政复议、行政诉讼情况"
        })));
        blocks.push(Block::Table(self.disputes_table(style, thousands)));

        blocks.push(Block::Heading(st(if rng.chance(500) {
            "五、政府信息公开工作存在的主要问题及改进情况"
        } else {
            "五、存在的主要问题及改进情况"
        })));
        blocks.push(Block::Para(st(
            "本年度政府信息公开工作取得一定成效，但仍存在一些不足：一是主动公开的深度和广度有待拓展；二是政策解读形式不够丰富。下一步，将加强业务培训，完善工作机制，提高公开质量。",
        )));
        blocks.push(Block::Heading(st("六、其他需要报告的事项")));
        blocks.push(Block::Para(st("本年度未收取信息处理费。")));
        blocks.push(Block::Para(st(a)));
        blocks.push(Block::Para(st(&format!(
            "{}年1月{}日",
            y + 1,
            rng.range(10, 30)
        ))));
        if chrome {
            blocks.push(Block::Para(st("【打印本页】 【关闭窗口】")));
        }
        let published = format!("{}-01-{:02}", y + 1, rng.range(10, 31));
        let meta = vec![
            (
                st("索引号："),
                format!(
                    "11{:014}X/{}-{:05}",
                    rng.below(10u64.pow(14)),
                    y + 1,
                    rng.range(1, 300)
                ),
            ),
            (st("发布机构："), st(a)),
            (st("发文日期："), published),
            (st("标题："), st(&title)),
        ];
        Doc {
            title: st(&title),
            meta,
            blocks,
        }
    }

    fn value_cell(&self, key: CellKey, style: Style, thousands: bool) -> TCell {
        let text = self.value_text(key, style, thousands);
        // Word and some editors pad a number with no-break spaces (`&nbsp;12`).
        let text = if style.nbsp_values() && !text.is_empty() {
            format!("\u{a0}{text}\u{a0}")
        } else {
            text
        };
        let mut cell = TCell::new(text);
        cell.value = true;
        cell
    }

    /// The text written for a cell: the value's text, styled; some reports sign a 2019
    /// 本年增/减 increase (`+173`).
    fn value_text(&self, key: CellKey, style: Style, thousands: bool) -> String {
        let v = self.values.get(&key).copied().unwrap_or(SynthValue::Blank);
        let text = match v {
            SynthValue::Count(n) if key.2 == "change" && n > 0 && self.seed % 3 == 0 => {
                format!("+{n}")
            }
            _ => v.text(thousands),
        };
        style.apply(&text)
    }

    /// Exactly the text `render(shape)` writes for a cell (before HTML markup), or `None`
    /// for a cell the report does not have.
    pub fn cell_text(&self, shape: Shape, cell: (TableId, &str, &str)) -> Option<String> {
        let key = *self
            .values
            .keys()
            .find(|k| k.0 == cell.0 && k.1 == cell.1 && k.2 == cell.2)?;
        let (base, style) = self.resolve(shape);
        Some(self.value_text(key, style, style.thousands(base)))
    }

    /// A piece of text (a label, a heading) as `render(shape)` styles it: full-width,
    /// traditional or ASCII punctuation. HTML shapes may further escape or split it.
    pub fn styled(&self, shape: Shape, text: &str) -> String {
        self.resolve(shape).1.apply(text)
    }

    /// 表二: one table of four columns, each sub-table headed by its 第二十条 caption.
    fn proactive_table(&self, style: Style, thousands: bool, base: Shape, rng: &mut Rng) -> Tbl {
        let width = 4;
        let mut rows = Vec::new();
        let split_2019 = base == Shape::CellPerLinePipes && rng.chance(500);
        for sub in proactive_subtables(self.format) {
            rows.push(vec![TCell::new(
                style.apply(&format!("第二十条第（{}）项", sub.item)),
            )
            .span(width, 1)]);
            let last_span = width - sub.columns.len();
            let mut head = vec![TCell::new(style.apply("信息内容"))];
            for (i, c) in sub.columns.iter().enumerate() {
                // The seed wraps 2019 headers: "本年新 制作数量".
                let label = if split_2019 && c.label.starts_with("本年新") {
                    c.label.replacen("本年新", "本年新 ", 1)
                } else {
                    c.label.to_string()
                };
                let cs = if i + 1 == sub.columns.len() {
                    last_span
                } else {
                    1
                };
                head.push(TCell::new(style.apply(&label)).span(cs, 1));
            }
            rows.push(head);
            for r in sub.rows {
                let mut row = vec![TCell::new(style.apply(r.label))];
                for (i, c) in sub.columns.iter().enumerate() {
                    let cs = if i + 1 == sub.columns.len() {
                        last_span
                    } else {
                        1
                    };
                    row.push(
                        self.value_cell((TableId::Proactive, r.key, c.key), style, thousands)
                            .span(cs, 1),
                    );
                }
                rows.push(row);
            }
        }
        Tbl { width, rows }
    }

    /// 表三 with the format's merged cells: a three-column label area, groups as rowspans.
    fn applications_table(&self, style: Style, thousands: bool, base: Shape, rng: &mut Rng) -> Tbl {
        let width = 10;
        let st = |s: &str| style.apply(s);
        // Header words split over two lines in the source cell (`real-030.txt`,
        // `real-055.txt`, `real-006.txt`): "商业 企业" in one cell, or two cells.
        let split_words = rng.chance(500);
        let word = |label: &str| -> Vec<TCell> {
            let parts: Option<(&str, &str)> = match label {
                "商业企业" => Some(("商业", "企业")),
                "科研机构" => Some(("科研", "机构")),
                _ => None,
            };
            match (parts, split_words, base) {
                (Some((x, y)), true, Shape::BlankLineCells) => {
                    vec![TCell::new(st(x)), TCell::new(st(y))]
                }
                (Some((x, y)), true, Shape::InlinePipes) => {
                    vec![TCell::new(st(&format!("{x} {y}")))]
                }
                _ => vec![TCell::new(st(label))],
            }
        };
        let mut rows = vec![
            vec![
                TCell::new(st(
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                ))
                .span(3, 3),
                TCell::new(st("申请人情况")).span(7, 1),
            ],
            vec![
                TCell::new(st("自然人")).span(1, 2),
                TCell::new(st("法人或其他组织")).span(5, 1),
                TCell::new(st("总计")).span(1, 2),
            ],
        ];
        let mut third = Vec::new();
        for c in APPLICANT_COLUMNS
            .iter()
            .filter(|c| c.key != "natural_person" && c.key != "total")
        {
            third.extend(word(c.label));
        }
        rows.push(third);

        let app_rows = application_rows(self.format);
        let results = app_rows
            .iter()
            .filter(|r| r.group.is_some() || r.key == "other_handling")
            .count()
            + 1;
        let mut open_groups: Vec<&str> = Vec::new();
        for r in app_rows {
            let mut row = Vec::new();
            let label = if r.key == "partially_granted" {
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
            } else {
                r.label
            };
            match r.key {
                "new_received" | "carried_over" | "carried_forward" => {
                    row.push(TCell::new(st(label)).span(3, 1))
                }
                _ => {
                    if r.key == "granted" {
                        row.push(TCell::new(st("三、本年度办理结果")).span(1, results));
                    }
                    // Sub-groups （三）（四）（五）and 2021 （六）: a rowspan over their items.
                    let sub = r
                        .group
                        .filter(|g| APPLICATION_GROUPS.iter().skip(1).any(|(l, _)| l == g));
                    match sub {
                        Some(g) if !open_groups.contains(&g) => {
                            open_groups.push(g);
                            let n = app_rows.iter().filter(|x| x.group == Some(g)).count();
                            row.push(TCell::new(st(g)).span(1, n));
                            row.push(TCell::new(st(label)));
                        }
                        Some(_) => row.push(TCell::new(st(label))),
                        None => row.push(TCell::new(st(label)).span(2, 1)),
                    }
                }
            }
            for c in APPLICANT_COLUMNS.iter() {
                row.push(self.value_cell((TableId::Applications, r.key, c.key), style, thousands));
            }
            rows.push(row);
        }
        Tbl { width, rows }
    }

    /// 表四: 行政复议 (5) | 行政诉讼 (10: 未经复议直接起诉 5, 复议后起诉 5), one value row.
    fn disputes_table(&self, style: Style, thousands: bool) -> Tbl {
        let st = |s: &str| style.apply(s);
        let top = vec![
            TCell::new(st("行政复议")).span(5, 1),
            TCell::new(st("行政诉讼")).span(10, 1),
        ];
        // 行政复议's five columns span two rows; the two kinds of 行政诉讼 span five columns.
        let mut middle: Vec<TCell> = DISPUTE_COLUMNS
            .iter()
            .map(|c| TCell::new(st(c.label)).span(1, 2))
            .collect();
        for b in DISPUTE_BLOCKS.iter().skip(1) {
            let short = b.label.rsplit('·').next().unwrap_or(b.label);
            middle.push(TCell::new(st(short)).span(5, 1));
        }
        let bottom: Vec<TCell> = (0..2)
            .flat_map(|_| DISPUTE_COLUMNS.iter().map(|c| TCell::new(st(c.label))))
            .collect();
        let values: Vec<TCell> = DISPUTE_BLOCKS
            .iter()
            .flat_map(|b| DISPUTE_COLUMNS.iter().map(move |c| (b.key, c.key)))
            .map(|(b, c)| self.value_cell((TableId::Disputes, b, c), style, thousands))
            .collect();
        Tbl {
            width: 15,
            rows: vec![top, middle, bottom, values],
        }
    }
}

// ---------------------------------------------------------------------------------------
// Generation

fn put(values: &mut BTreeMap<CellKey, SynthValue>, key: CellKey, n: i64) {
    values.insert(key, SynthValue::Count(n));
}

fn generate_proactive(rng: &mut Rng, format: Format, values: &mut BTreeMap<CellKey, SynthValue>) {
    let p = TableId::Proactive;
    for sub in proactive_subtables(format) {
        for r in sub.rows {
            let mut previous = 0i64;
            // 现行有效 / 对外公开总数 include what was issued / published this year.
            let mut row_max = 0i64;
            for c in sub.columns {
                let v = match (c.kind, c.key) {
                    (ValueKind::Amount, _) => {
                        // Money: 0, 0.092, 316441, 6727.41 — in thousandths.
                        let int = rng.magnitude(6);
                        let frac = match rng.below(3) {
                            0 => 0,
                            1 => rng.range(0, 99) * 10,
                            _ => rng.range(0, 999),
                        };
                        let unit = if format == Format::F2019 {
                            rng.pick(&[None, Some("万元"), Some("元"), Some("万")])
                                .copied()
                                .flatten()
                        } else {
                            None
                        };
                        values.insert(
                            (p, r.key, c.key),
                            SynthValue::Amount {
                                milli: int * 1000 + frac,
                                unit,
                            },
                        );
                        continue;
                    }
                    (ValueKind::SignedCount, _) => rng.range(-previous, (previous / 2).max(3)),
                    (_, "previous_items" | "items") => {
                        previous = rng.magnitude(3);
                        previous
                    }
                    (_, "decisions") => rng.magnitude(if r.key == "coercion" { 5 } else { 7 }),
                    (_, "in_force" | "total_published") => {
                        rng.magnitude(if r.key == "regulations" { 2 } else { 4 }) + row_max
                    }
                    _ => rng.magnitude(if r.key == "regulations" { 1 } else { 3 }),
                };
                row_max = row_max.max(v);
                put(values, (p, r.key, c.key), v);
            }
        }
    }
}

fn generate_applications(
    rng: &mut Rng,
    format: Format,
    values: &mut BTreeMap<CellKey, SynthValue>,
) {
    let a = TableId::Applications;
    // Agencies range from none at all to a city's 14,000 applications a year.
    let scale = match rng.below(20) {
        0 => 0.0,
        1..=6 => rng.range(1, 8) as f64,
        7..=12 => rng.range(10, 80) as f64,
        13..=17 => rng.range(100, 900) as f64,
        _ => rng.range(1000, 15000) as f64,
    };
    let rows = application_rows(format);
    let results: Vec<&'static str> = RESULT_ROWS
        .iter()
        .copied()
        .filter(|k| rows.iter().any(|r| r.key == *k))
        .collect();
    for (col, weight) in COLUMN_WEIGHTS {
        let s = scale * weight * (0.5 + rng.below(1000) as f64 / 1000.0);
        let mut processed = 0;
        for row in &results {
            let n = rng.around(s * result_weight(row), 300);
            processed += n;
            put(values, (a, row, col), n);
        }
        let forward = rng.around(s * 0.06, 400);
        let over = rng.around(s * 0.05, 400).min(processed + forward);
        put(values, (a, "total_processed", col), processed);
        put(values, (a, "carried_forward", col), forward);
        put(values, (a, "carried_over", col), over);
        // The balance 一 + 二 = 七 + 四 decides what was received.
        put(values, (a, "new_received", col), processed + forward - over);
    }
    for r in rows {
        let total: i64 = APPLICANT_PARTS
            .iter()
            .map(|c| match values.get(&(a, r.key, *c)) {
                Some(SynthValue::Count(n)) => *n,
                _ => 0,
            })
            .sum();
        put(values, (a, r.key, "total"), total);
    }
}

fn generate_disputes(rng: &mut Rng, values: &mut BTreeMap<CellKey, SynthValue>) {
    let d = TableId::Disputes;
    let scale = match rng.below(10) {
        0..=3 => 0.0,
        4..=7 => rng.range(1, 6) as f64,
        _ => rng.range(10, 300) as f64,
    };
    for b in DISPUTE_BLOCKS.iter() {
        let s = scale * (0.3 + rng.below(1000) as f64 / 1000.0);
        let mut total = 0;
        for (i, c) in DISPUTE_PARTS.iter().enumerate() {
            let share = [0.5, 0.1, 0.25, 0.15].get(i).copied().unwrap_or(0.1);
            let n = rng.around(s * share, 300);
            total += n;
            put(values, (d, b.key, c), n);
        }
        put(values, (d, b.key, "total"), total);
    }
}

fn filler_paragraph(rng: &mut Rng, year: i32, agency: &str) -> String {
    const PHRASES: [&str; 8] = [
        "坚持以人民为中心的发展思想，",
        "围绕优化营商环境、乡村振兴、民生保障等重点领域，",
        "进一步规范政府信息公开申请办理流程，",
        "强化政策解读和回应关切，",
        "依托政府网站集约化平台，",
        "严格落实保密审查制度，",
        "推动政务公开标准化规范化建设向基层延伸，",
        "持续加强政务新媒体管理，",
    ];
    let mut p = format!("{year}年，{agency}");
    for _ in 0..rng.range(4, 10) {
        if let Some(x) = rng.pick(&PHRASES) {
            p.push_str(x);
        }
    }
    p.push_str("政务公开工作取得新成效。");
    p
}

/// Every relation of spec §4 (表三 row totals, result totals, balance; 表四 block totals)
/// that fails on `values`, as `(code, the written total's cell)`. Empty for `generate`.
pub fn broken_relations(s: &Synth) -> Vec<(Code, CellKey)> {
    let mut out = Vec::new();
    let num = |t: TableId, r: &str, c: &str| s.get(t, r, c).and_then(|v| v.value());
    let a = TableId::Applications;
    let rows = application_rows(s.format);
    for r in rows {
        let parts: Option<f64> = APPLICANT_PARTS.iter().map(|c| num(a, r.key, c)).sum();
        if let (Some(p), Some(t)) = (parts, num(a, r.key, "total")) {
            if p != t {
                out.push((Code::T3RowTotal, (a, r.key, "total")));
            }
        }
    }
    for c in APPLICANT_COLUMNS.iter() {
        let items: Option<f64> = RESULT_ROWS
            .iter()
            .filter(|k| rows.iter().any(|r| r.key == **k))
            .map(|k| num(a, k, c.key))
            .sum();
        if let (Some(i), Some(t)) = (items, num(a, "total_processed", c.key)) {
            if i != t {
                out.push((Code::T3ResultTotal, (a, "total_processed", c.key)));
            }
        }
        let lhs = num(a, "new_received", c.key)
            .zip(num(a, "carried_over", c.key))
            .map(|(x, y)| x + y);
        let rhs = num(a, "total_processed", c.key)
            .zip(num(a, "carried_forward", c.key))
            .map(|(x, y)| x + y);
        if let (Some(l), Some(r)) = (lhs, rhs) {
            if l != r {
                out.push((Code::T3Balance, (a, "new_received", c.key)));
            }
        }
    }
    let d = TableId::Disputes;
    for b in DISPUTE_BLOCKS.iter() {
        let parts: Option<f64> = DISPUTE_PARTS.iter().map(|c| num(d, b.key, c)).sum();
        if let (Some(p), Some(t)) = (parts, num(d, b.key, "total")) {
            if p != t {
                out.push((Code::T4Total, (d, b.key, "total")));
            }
        }
    }
    out
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

// ---------------------------------------------------------------------------------------
// Characters

/// How characters are written: full-width ASCII, traditional characters, or ASCII brackets
/// and commas (plain-text copies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    full_width: bool,
    traditional: bool,
    half_punct: bool,
    /// Random bits choosing among the ways real copies of one shape differ (`PipeDialect` and the flags below).
    dialect: u64,
}

/// The variants real copies of one base shape come in, each seen in the corpus; a report's
/// seed picks one per shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PipeDialect {
    /// InlinePipes: `| ` per rowspan continuation, a `|||` run per colspan (`real-029.txt`).
    Marked,
    /// InlinePipes: merged cells written once, nothing marks them (`real-006.txt`).
    Bare,
    /// InlinePipes: `  | ` separators, a trailing run of one pipe per position the row does
    /// not write itself (`real-017.txt`).
    Padded,
}

impl Style {
    fn pipes(&self) -> PipeDialect {
        match self.dialect % 3 {
            0 => PipeDialect::Marked,
            1 => PipeDialect::Bare,
            _ => PipeDialect::Padded,
        }
    }
    /// CellPerLinePipes: a run of pipes after each row for the positions it does not
    /// write (`real-028.txt`) rather than nothing (the seed).
    fn cell_runs(&self) -> bool {
        (self.dialect >> 2) & 1 == 1
    }
    /// BlankLineCells: numbers indented by one or two spaces (`real-048.txt`).
    fn indented_numbers(&self) -> bool {
        (self.dialect >> 3) & 1 == 1
    }
    /// PipeSeparatorLines: phantom rows of lone pipes after a table (`real-010.txt`).
    fn phantom_rows(&self) -> bool {
        (self.dialect >> 4) & 1 == 1
    }
    /// Tabs: a Word copy (a rowspan continuation is an empty cell, a colspan one cell)
    /// rather than a spreadsheet copy (every merged position an empty cell).
    fn word_tabs(&self) -> bool {
        (self.dialect >> 5) & 1 == 1
    }
    /// Html: header cells spanning rows written as one cell plus empty `<td></td>`
    /// placeholders below it (`real-037.html`).
    fn header_placeholders(&self) -> bool {
        (self.dialect >> 6) & 1 == 1
    }
    /// Html: header rows in `<th>` cells.
    fn th_headers(&self) -> bool {
        (self.dialect >> 7) & 1 == 1
    }
    /// Numbers of four digits and more grouped by thousands (`11,398,889`): always in a
    /// spreadsheet copy, in a quarter of the others.
    fn thousands(&self, base: Shape) -> bool {
        base == Shape::Tabs || (self.dialect >> 8) & 3 == 0
    }
    /// Text copies of a whole portal page: metadata lines, the title again, bullet chrome
    /// with a lone `|` (`real-012.txt`).
    fn text_chrome(&self) -> bool {
        (self.dialect >> 12) & 3 == 0
    }
    /// PdfText: 表四's header words split over lines and interleaved (`real-044.txt`).
    fn pdf_split_headers(&self) -> bool {
        (self.dialect >> 14) & 1 == 1
    }
    /// Markdown: merged cells written once, rows of unequal length (`real-046.txt`).
    fn markdown_bare(&self) -> bool {
        (self.dialect >> 20) & 1 == 1
    }
    /// Html: two-word header cells broken by `<br>` (商业<br>企业).
    fn header_breaks(&self) -> bool {
        (self.dialect >> 21) & 1 == 1
    }
    /// Text files saved on Windows: CRLF line ends.
    fn crlf(&self) -> bool {
        (self.dialect >> 15) & 1 == 1
    }
    /// Numbers padded with no-break spaces.
    fn nbsp_values(&self) -> bool {
        (self.dialect >> 16) & 3 == 0
    }
    /// Html: the article inside a layout table, as older portals nest it.
    fn layout_table(&self) -> bool {
        (self.dialect >> 13) & 1 == 1
    }
    /// Html: zero-width spaces left in row labels by the portal's editor.
    fn zero_width_spaces(&self) -> bool {
        (self.dialect >> 18) & 3 == 0
    }
    /// Html: a fragment pasted from the clipboard (paragraphs and tables only, no page).
    fn fragment(&self) -> bool {
        (self.dialect >> 11) & 1 == 1
    }
    /// Traditional: a mirror site's Taiwan wording, 資訊 for 信息.
    fn mirror_words(&self) -> bool {
        (self.dialect >> 10) & 1 == 1
    }
}

/// Simplified → traditional for the characters of labels and prose the generator writes.
/// Each pair is one `normalize` folds back (a unit test holds it to that).
pub const SIMP_TRAD: [(char, char); 76] = [
    ('报', '報'),
    ('开', '開'),
    ('况', '況'),
    ('关', '關'),
    ('请', '請'),
    ('数', '數'),
    ('总', '總'),
    ('计', '計'),
    ('结', '結'),
    ('转', '轉'),
    ('处', '處'),
    ('体', '體'),
    ('业', '業'),
    ('机', '機'),
    ('构', '構'),
    ('会', '會'),
    ('务', '務'),
    ('规', '規'),
    ('范', '範'),
    ('许', '許'),
    ('强', '強'),
    ('罚', '罰'),
    ('费', '費'),
    ('购', '購'),
    ('项', '項'),
    ('条', '條'),
    ('议', '議'),
    ('讼', '訟'),
    ('决', '決'),
    ('纠', '糾'),
    ('维', '維'),
    ('审', '審'),
    ('国', '國'),
    ('护', '護'),
    ('权', '權'),
    ('类', '類'),
    ('过', '過'),
    ('执', '執'),
    ('询', '詢'),
    ('现', '現'),
    ('补', '補'),
    ('确', '確'),
    ('访', '訪'),
    ('举', '舉'),
    ('诉', '訴'),
    ('复', '復'),
    ('获', '獲'),
    ('无', '無'),
    ('当', '當'),
    ('办', '辦'),
    ('发', '發'),
    ('废', '廢'),
    ('额', '額'),
    ('万', '萬'),
    ('单', '單'),
    ('采', '採'),
    ('对', '對'),
    ('减', '減'),
    ('续', '續'),
    ('继', '繼'),
    ('属', '屬'),
    ('稳', '穩'),
    ('没', '沒'),
    ('后', '後'),
    ('缴', '繳'),
    ('纳', '納'),
    ('经', '經'),
    ('组', '組'),
    ('织', '織'),
    ('进', '進'),
    ('与', '與'),
    ('问', '問'),
    ('动', '動'),
    ('见', '見'),
    ('时', '時'),
    ('题', '題'),
];

impl Style {
    fn apply(&self, s: &str) -> String {
        let out: String = s
            .chars()
            .map(|c| {
                let c = if self.traditional {
                    SIMP_TRAD
                        .iter()
                        .find(|(simp, _)| *simp == c)
                        .map(|(_, t)| *t)
                        .unwrap_or(c)
                } else {
                    c
                };
                if self.full_width {
                    match c {
                        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                        _ => c,
                    }
                } else if self.half_punct {
                    match c {
                        '（' => '(',
                        '）' => ')',
                        '，' => ',',
                        '：' => ':',
                        '；' => ';',
                        _ => c,
                    }
                } else {
                    c
                }
            })
            .collect();
        if self.traditional && self.mirror_words() && out.contains("信息") {
            out.replace("信息", "資訊")
        } else {
            out
        }
    }
}

// ---------------------------------------------------------------------------------------
// Layout

enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Table(Tbl),
}

struct Doc {
    title: String,
    /// A portal's metadata table above the article (索引号, 发布机构, 发文日期, 标题).
    meta: Vec<(String, String)>,
    blocks: Vec<Block>,
}

/// A table as the format draws it: rows of cells in source order, with their spans.
struct Tbl {
    width: usize,
    rows: Vec<Vec<TCell>>,
}

struct TCell {
    text: String,
    colspan: usize,
    rowspan: usize,
    /// A cell of a standard table's value (not a label or header).
    value: bool,
}

impl TCell {
    fn new(text: String) -> Self {
        TCell {
            text,
            colspan: 1,
            rowspan: 1,
            value: false,
        }
    }
    fn span(mut self, colspan: usize, rowspan: usize) -> Self {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }
}

/// Where each grid position's content comes from: `(row, index in that row)` of the cell
/// that covers it, `None` where nothing does.
fn occupancy(t: &Tbl) -> Vec<Vec<Option<(usize, usize)>>> {
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
    /// The table with merged cells expanded: text at the origin, empty elsewhere.
    fn expanded(&self) -> Vec<Vec<&str>> {
        let grid = occupancy(self);
        let mut seen = std::collections::BTreeSet::new();
        grid.iter()
            .map(|row| {
                row.iter()
                    .map(|slot| match slot {
                        Some((r, i)) if seen.insert((*r, *i)) => self
                            .rows
                            .get(*r)
                            .and_then(|row| row.get(*i))
                            .map(|c| c.text.as_str())
                            .unwrap_or(""),
                        _ => "",
                    })
                    .collect()
            })
            .collect()
    }

    /// The rows as a Word copy gives them: a cell spanning rows leaves an empty cell in each
    /// row below it; a cell spanning columns is one cell.
    fn word_rows(&self) -> Vec<Vec<&str>> {
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
                    if or < r {
                        out.push("");
                    } else {
                        out.push(
                            self.rows
                                .get(or)
                                .and_then(|row| row.get(oi))
                                .map(|c| c.text.as_str())
                                .unwrap_or(""),
                        );
                    }
                }
                out
            })
            .collect()
    }

    /// The same table with header cells that span rows (one column wide) cut to one row,
    /// and an empty placeholder cell in each row they covered (`real-037.html`).
    fn with_header_placeholders(&self) -> Tbl {
        let grid = occupancy(self);
        let first_value_row = self
            .rows
            .iter()
            .position(|row| row.iter().any(|c| c.value))
            .unwrap_or(self.rows.len());
        // (column, cell) per row, so placeholders can be put in column order.
        let mut rows: Vec<Vec<(usize, TCell)>> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let mut cells = Vec::new();
            for (i, c) in row.iter().enumerate() {
                let col = grid
                    .get(r)
                    .and_then(|slots| slots.iter().position(|s| *s == Some((r, i))))
                    .unwrap_or(0);
                let mut copy = TCell {
                    text: c.text.clone(),
                    colspan: c.colspan,
                    rowspan: c.rowspan,
                    value: c.value,
                };
                if r < first_value_row && c.colspan == 1 && c.rowspan > 1 {
                    copy.rowspan = 1;
                }
                cells.push((col, copy));
            }
            rows.push(cells);
        }
        for (r, row) in self.rows.iter().enumerate().take(first_value_row) {
            for (i, c) in row.iter().enumerate() {
                if c.colspan == 1 && c.rowspan > 1 {
                    let col = grid
                        .get(r)
                        .and_then(|slots| slots.iter().position(|s| *s == Some((r, i))))
                        .unwrap_or(0);
                    for below in rows.iter_mut().take(r + c.rowspan).skip(r + 1) {
                        below.push((col, TCell::new(String::new())));
                    }
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
    fn row_marks(&self) -> Vec<(usize, usize)> {
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

// ---------------------------------------------------------------------------------------
// Text shapes

/// A document in its base shape; a text file saved on Windows ends its lines in CRLF.
fn render_doc(doc: &Doc, base: Shape, style: Style) -> String {
    match base {
        Shape::Html => render_html(doc, style),
        Shape::WordHtml => render_word_html(doc, style),
        Shape::Tabs => render_text(doc, base, style),
        _ if style.crlf() => render_text(doc, base, style).replace('\n', "\r\n"),
        _ => render_text(doc, base, style),
    }
}

fn render_text(doc: &Doc, shape: Shape, style: Style) -> String {
    let mut out = String::new();
    let (nl, para_sep) = match shape {
        Shape::Tabs => ("\r\n", "\r\n"),
        Shape::BlankLineCells => ("\n", "\n\n"),
        Shape::Markdown => ("\n", "\n\n"),
        _ => ("\n", "\n"),
    };
    for block in &doc.blocks {
        match block {
            Block::Para(s) if shape == Shape::PdfText => {
                out.push_str(&pdf_wrap(&pdf_space_digits(s), 30));
                out.push_str(para_sep);
            }
            Block::Title(s) | Block::Heading(s) | Block::Para(s) => {
                out.push_str(s);
                out.push_str(para_sep);
            }
            Block::Table(t) if shape == Shape::PdfText => render_table_pdf(&mut out, t, style),
            Block::Table(t) => {
                render_table_text(&mut out, t, shape, style, nl);
                if shape == Shape::Markdown {
                    out.push_str(nl);
                }
            }
        }
    }
    out
}

/// PDF text puts a space between digits and the characters around them (`2025 年`).
fn pdf_space_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            let digit_edge = (p.is_ascii_digit() && !c.is_ascii() && !c.is_whitespace())
                || (c.is_ascii_digit() && !p.is_ascii() && !p.is_whitespace());
            if digit_edge {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Hard line breaks every `width` characters, as a PDF's lines come out, but never inside
/// a run of digits (a number stays on one line).
fn pdf_wrap(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / width);
    let mut col = 0;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let inside_number = prev.is_some_and(|p| p.is_ascii_digit()) && c.is_ascii_digit();
        if col >= width && !inside_number && !c.is_whitespace() {
            out.push('\n');
            col = 0;
        }
        out.push(c);
        col += 1;
        prev = Some(c);
    }
    out
}

/// A table as PDF text: each row's cells separated by spaces; a row's last label, when
/// longer than its column (16 characters), continues on the next line after the numbers.
/// 表四's header comes as `real-044.txt` has it, two-character words split over two lines.
fn render_table_pdf(out: &mut String, t: &Tbl, style: Style) {
    if t.width == 15 && style.pdf_split_headers() {
        let first_value_row = t
            .rows
            .iter()
            .position(|row| row.iter().any(|c| c.value))
            .unwrap_or(0);
        let st = |s: &str| style.apply(s);
        for line in [
            "行政复议 行政诉讼",
            "未经复议直接起诉 复议后起诉",
            "结果 结果 其他 尚未 总",
            "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总",
            "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计",
        ] {
            out.push_str(&st(line));
            out.push('\n');
        }
        for row in t.rows.iter().skip(first_value_row) {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.text.as_str())
                .filter(|c| !c.is_empty())
                .collect();
            out.push_str(&cells.join(" "));
            out.push('\n');
        }
        return;
    }
    for row in &t.rows {
        let last_label = row.iter().rposition(|c| !c.value);
        let mut line = Vec::new();
        let mut rest = None;
        for (i, c) in row.iter().enumerate() {
            if c.text.is_empty() {
                continue;
            }
            let wraps =
                Some(i) == last_label && row.iter().any(|c| c.value) && c.text.chars().count() > 16;
            if wraps {
                let cut = c
                    .text
                    .char_indices()
                    .nth(16)
                    .map(|(b, _)| b)
                    .unwrap_or(c.text.len());
                line.push(&c.text[..cut]);
                rest = Some(&c.text[cut..]);
            } else {
                line.push(c.text.as_str());
            }
        }
        out.push_str(&line.join(" "));
        out.push('\n');
        if let Some(rest) = rest {
            out.push_str(rest);
            out.push('\n');
        }
    }
}

fn render_table_text(out: &mut String, t: &Tbl, shape: Shape, style: Style, nl: &str) {
    match shape {
        Shape::Tabs => {
            let rows = if style.word_tabs() {
                t.word_rows()
            } else {
                t.expanded()
            };
            for row in rows {
                out.push_str(&row.join("\t"));
                out.push_str(nl);
            }
        }
        Shape::Markdown => {
            // A converter that keeps merged cells once (`real-046.txt`), or one that lays
            // them out on the grid; either way `|---|` follows the first row.
            let rows: Vec<Vec<&str>> = if style.markdown_bare() {
                t.rows
                    .iter()
                    .map(|row| row.iter().map(|c| c.text.as_str()).collect())
                    .collect()
            } else {
                t.expanded()
            };
            for (i, row) in rows.iter().enumerate() {
                out.push('|');
                for cell in row {
                    out.push(' ');
                    out.push_str(cell);
                    out.push_str(" |");
                }
                out.push_str(nl);
                if i == 0 {
                    out.push('|');
                    for _ in 0..row.len() {
                        out.push_str("---|");
                    }
                    out.push_str(nl);
                }
            }
        }
        Shape::CellPerLinePipes => {
            for row in &t.rows {
                let mut unwritten = if style.cell_runs() {
                    // Every position of the row that no cell of its own writes.
                    t.width
                        .saturating_sub(row.iter().filter(|c| !c.text.is_empty()).count())
                } else {
                    0
                };
                for c in row {
                    if c.text.is_empty() {
                        if !style.cell_runs() {
                            unwritten += 1;
                        }
                    } else {
                        out.push_str(&c.text);
                        out.push_str(" |");
                        out.push_str(nl);
                    }
                }
                // Blank cells collapse into one run of pipes after the row (`real-028.txt`).
                if unwritten > 0 {
                    out.push_str(&"|".repeat(unwritten));
                    out.push_str(nl);
                }
            }
        }
        Shape::InlinePipes => {
            let marks = t.row_marks();
            let dialect = style.pipes();
            for (row, (leading, fillers)) in t.rows.iter().zip(marks) {
                let leading = if dialect == PipeDialect::Marked {
                    leading
                } else {
                    0
                };
                let mut parts: Vec<&str> = vec![""; leading];
                parts.extend(row.iter().map(|c| c.text.as_str()));
                let sep = if dialect == PipeDialect::Padded {
                    "  |"
                } else {
                    " |"
                };
                let line: Vec<String> = parts
                    .iter()
                    .map(|p| {
                        if p.is_empty() {
                            "|".to_string()
                        } else {
                            format!("{p}{sep}")
                        }
                    })
                    .collect();
                out.push_str(&line.join(" "));
                let fillers = match dialect {
                    PipeDialect::Marked => fillers,
                    PipeDialect::Bare => 0,
                    PipeDialect::Padded => t.width.saturating_sub(row.len()),
                };
                if fillers > 0 {
                    out.push(' ');
                    out.push_str(&"|".repeat(fillers));
                }
                out.push_str(nl);
            }
        }
        Shape::BlankLineCells => {
            for (r, row) in t.rows.iter().enumerate() {
                for (i, c) in row.iter().enumerate() {
                    if c.text.is_empty() {
                        // One extra newline per empty cell (`real-055.txt`).
                        out.push('\n');
                    } else {
                        if c.value && style.indented_numbers() {
                            out.push_str(if (r + i) % 3 == 0 { "  " } else { " " });
                        }
                        out.push_str(&c.text);
                        out.push_str("\n\n");
                    }
                }
            }
        }
        // PipeSeparatorLines, and any other base a caller may pass.
        _ => {
            let marks = t.row_marks();
            for (row, (_, fillers)) in t.rows.iter().zip(marks) {
                for c in row {
                    out.push_str(&c.text);
                    out.push_str(nl);
                    out.push('|');
                    out.push_str(nl);
                }
                out.push_str(&"|".repeat(1 + fillers));
                out.push_str(nl);
            }
            if style.phantom_rows() {
                for _ in 0..5 {
                    out.push('|');
                    out.push_str(nl);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// HTML shapes

fn escape_html(s: &str, word: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '“' if word => out.push_str("&#8220;"),
            '”' if word => out.push_str("&#8221;"),
            '、' if word => out.push_str("&#12289;"),
            _ => out.push(c),
        }
    }
    out
}

fn render_html(doc: &Doc, style: Style) -> String {
    let mut out = String::new();
    let title = escape_html(&doc.title, false);
    // A clipboard fragment is the article alone; a saved page has the page around it.
    let page = !style.fragment();
    if page {
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/css/article.css\">\n<style>.article td{{border:1px solid #000;padding:4px 6px}} .nav a{{color:#333}}</style>\n</head>\n<body>\n<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/zwgk/ndbg/\">政府信息公开年度报告</a></div>\n<div class=\"article\">\n"
        );
        if style.layout_table() {
            out.push_str("<table width=\"100%\" class=\"layout\"><tr><td class=\"content\" valign=\"top\">\n");
        }
        // Page chrome: the portal's metadata table, with numbers that belong to no report table.
        out.push_str("<table class=\"meta\">\n");
        for pair in doc.meta.chunks(2) {
            out.push_str("<tr>");
            for (k, v) in pair {
                let _ = write!(
                    out,
                    "<td class=\"k\">{}</td><td>{}</td>",
                    escape_html(k, false),
                    escape_html(v, false)
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    for block in &doc.blocks {
        match block {
            Block::Title(s) => {
                let _ = writeln!(out, "<h1 class=\"title\">{}</h1>", escape_html(s, false));
            }
            Block::Heading(s) => {
                let _ = writeln!(
                    out,
                    "<p style=\"text-indent:2em\"><strong>{}</strong></p>",
                    escape_html(s, false)
                );
            }
            Block::Para(s) => {
                let _ = writeln!(
                    out,
                    "<p style=\"text-indent:2em\">{}</p>",
                    escape_html(s, false)
                );
            }
            Block::Table(t) => {
                out.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\">\n<tbody>\n");
                let placeheld;
                let t = if style.header_placeholders() {
                    placeheld = t.with_header_placeholders();
                    &placeheld
                } else {
                    t
                };
                for row in &t.rows {
                    out.push_str("<tr>");
                    let tag = if style.th_headers() && !row.iter().any(|c| c.value) {
                        "th"
                    } else {
                        "td"
                    };
                    for c in row {
                        let _ = write!(out, "<{tag}");
                        if c.colspan > 1 {
                            let _ = write!(out, " colspan=\"{}\"", c.colspan);
                        }
                        if c.rowspan > 1 {
                            let _ = write!(out, " rowspan=\"{}\"", c.rowspan);
                        }
                        let text = if style.zero_width_spaces()
                            && !c.value
                            && c.text.chars().count() > 6
                        {
                            let at = c.text.char_indices().nth(2).map(|(i, _)| i).unwrap_or(0);
                            format!("{}\u{200b}{}", &c.text[..at], &c.text[at..])
                        } else {
                            c.text.clone()
                        };
                        let mut body = escape_html(&text, false);
                        if style.header_breaks() && !c.value {
                            for (first, second) in
                                [("商业", "企业"), ("科研", "机构"), ("社会公益", "组织")]
                            {
                                let (first, second) = (style.apply(first), style.apply(second));
                                body = body.replace(
                                    &format!("{first}{second}"),
                                    &format!("{first}<br>{second}"),
                                );
                            }
                        }
                        let _ = write!(out, " style=\"text-align:center\">{body}</{tag}>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    if page {
        if style.layout_table() {
            out.push_str("</td></tr></table>\n");
        }
        out.push_str(
            "</div>\n<div class=\"footer\"><p>主办单位：本站 &nbsp; 联系我们 | 网站地图</p></div>\n<script>var share = {title: document.title};</script>\n</body>\n</html>\n",
        );
    }
    out
}

/// Word writes digits and Latin text in their own `<span lang=EN-US>` runs.
fn word_runs(s: &str) -> String {
    let mut out = String::new();
    let mut ascii = String::new();
    let flush = |out: &mut String, ascii: &mut String| {
        if !ascii.is_empty() {
            let _ = write!(out, "<span lang=EN-US>{}</span>", escape_html(ascii, true));
            ascii.clear();
        }
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ',') {
            ascii.push(c);
        } else {
            flush(&mut out, &mut ascii);
            out.push_str(&escape_html(&c.to_string(), true));
        }
    }
    flush(&mut out, &mut ascii);
    out
}

fn render_word_html(doc: &Doc, _style: Style) -> String {
    const NL: &str = "\r\n";
    let mut out = String::new();
    let title = escape_html(&doc.title, true);
    for line in [
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"",
        "xmlns:o=\"urn:schemas-microsoft-com:office:office\"",
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\"",
        "xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\"",
        "xmlns=\"http://www.w3.org/TR/REC-html40\">",
        "",
        "<head>",
        "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">",
        "<meta name=ProgId content=Word.Document>",
        "<meta name=Generator content=\"Microsoft Word 15\">",
        "<meta name=Originator content=\"Microsoft Word 15\">",
    ] {
        out.push_str(line);
        out.push_str(NL);
    }
    let _ = write!(out, "<title>{title}</title>{NL}");
    for line in [
        "<!--[if gte mso 9]><xml>",
        " <o:DocumentProperties>",
        "  <o:Author>admin</o:Author>",
        "  <o:Pages>6</o:Pages>",
        "  <o:Words>1024</o:Words>",
        " </o:DocumentProperties>",
        "</xml><![endif]-->",
        "<style>",
        "<!--",
        " /* Font Definitions */",
        " @font-face",
        "\t{font-family:宋体;",
        "\tpanose-1:2 1 6 0 3 1 1 1 1 1;}",
        "p.MsoNormal, li.MsoNormal, div.MsoNormal",
        "\t{mso-style-parent:\"\";",
        "\tmargin:0cm;",
        "\ttext-align:justify;",
        "\tfont-size:10.5pt;",
        "\tfont-family:\"Times New Roman\",serif;}",
        "-->",
        "</style>",
        "</head>",
        "",
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
        "",
        "<div class=WordSection1 style='layout-grid:15.6pt'>",
        "",
    ] {
        out.push_str(line);
        out.push_str(NL);
    }
    let para = |out: &mut String, s: &str, heading: bool, center: bool| {
        let align = if center {
            " align=center style='text-align:center'"
        } else {
            ""
        };
        let indent = if center {
            ""
        } else {
            " style='text-indent:32.0pt;mso-char-indent-count:2.0'"
        };
        let weight = if heading {
            "font-family:黑体;mso-hansi-font-family:\"Times New Roman\""
        } else {
            "font-family:仿宋_GB2312"
        };
        let _ = write!(
            out,
            "<p class=MsoNormal{align}{indent}><span{NL}style='font-size:16.0pt;{weight}'>{}</span><span{NL}lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>{NL}{NL}",
            word_runs(s)
        );
    };
    for block in &doc.blocks {
        match block {
            Block::Title(s) => para(&mut out, s, true, true),
            Block::Heading(s) => para(&mut out, s, true, false),
            Block::Para(s) => para(&mut out, s, false, false),
            Block::Table(t) => {
                let _ = write!(
                    out,
                    "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0{NL} style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;{NL} mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>{NL}"
                );
                for (r, row) in t.rows.iter().enumerate() {
                    let _ = write!(out, " <tr style='mso-yfti-irow:{r};height:21.0pt'>{NL}");
                    for c in row {
                        let mut attrs = String::new();
                        if c.colspan > 1 {
                            let _ = write!(attrs, " colspan={}", c.colspan);
                        }
                        if c.rowspan > 1 {
                            let _ = write!(attrs, " rowspan={}", c.rowspan);
                        }
                        let body = if c.text.is_empty() {
                            "<span lang=EN-US><o:p>&nbsp;</o:p></span>".to_string()
                        } else {
                            format!(
                                "<span style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{}<o:p></o:p></span>",
                                word_runs(&c.text)
                            )
                        };
                        let _ = write!(
                            out,
                            "  <td width=64{attrs} valign=center style='width:48.0pt;border:solid windowtext 1.0pt;{NL}  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>{NL}  <p class=MsoNormal align=center style='text-align:center'>{body}</p>{NL}  </td>{NL}"
                        );
                    }
                    let _ = write!(out, " </tr>{NL}");
                }
                let _ = write!(out, "</table>{NL}{NL}<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>{NL}{NL}");
            }
        }
    }
    let _ = write!(out, "</div>{NL}{NL}</body>{NL}{NL}</html>{NL}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_char;
    use crate::value::parse_value;

    fn seeds() -> impl Iterator<Item = (u64, Format)> {
        (0..40u64).flat_map(|s| [(s, Format::F2019), (s, Format::F2021)])
    }

    #[test]
    fn generated_reports_are_consistent_and_complete() {
        for (seed, format) in seeds() {
            let s = Synth::generate(seed, format);
            assert_eq!(broken_relations(&s), vec![], "seed {seed} {format:?}");
            assert_eq!(s.values.len(), cell_keys(format).len());
            for key in cell_keys(format) {
                let v = s.values.get(&key).copied();
                assert!(
                    matches!(v, Some(SynthValue::Count(_) | SynthValue::Amount { .. })),
                    "{key:?}: {v:?}"
                );
                if let Some(SynthValue::Count(n)) = v {
                    assert!(n >= 0 || key.2 == "change", "{key:?} = {n}");
                }
            }
            let (lo, hi) = format.years();
            assert!(s.year >= lo && s.year <= hi.min(2025));
        }
    }

    #[test]
    fn magnitudes_are_varied() {
        let all: Vec<i64> = seeds()
            .flat_map(|(seed, f)| Synth::generate(seed, f).values.into_values())
            .filter_map(|v| {
                if let SynthValue::Count(n) = v {
                    Some(n)
                } else {
                    None
                }
            })
            .collect();
        assert!(
            all.iter().filter(|n| **n == 0).count() > all.len() / 10,
            "zeros occur"
        );
        assert!(all.iter().any(|n| *n >= 1_000_000), "large numbers occur");
        assert!(all.iter().any(|n| *n < 0), "2019 change may be negative");
    }

    #[test]
    fn altering_a_cell_breaks_its_relations() {
        let s = Synth::generate(3, Format::F2021);
        let t = s.with_cell(
            (TableId::Applications, "granted", "natural_person"),
            1_000_001,
        );
        let broken = broken_relations(&t);
        let codes: Vec<Code> = broken.iter().map(|b| b.0).collect();
        assert_eq!(codes, vec![Code::T3RowTotal, Code::T3ResultTotal]);
        assert_eq!(s.with_cell((TableId::Applications, "nope", "x"), 5), s);
    }

    /// The text a value has in a rendering of `shape` (its style and thousands grouping).
    fn styled_value(s: &Synth, shape: Shape, v: SynthValue) -> String {
        let (base, style) = s.resolve(shape);
        style.apply(&v.text(style.thousands(base)))
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn cell_text_is_what_is_written() {
        let s = Synth::generate(3, Format::F2019);
        for shape in Shape::ALL {
            let text = s.render(shape);
            let text = if s.resolve(shape).0.is_html() {
                strip_tags(&text)
            } else {
                text
            };
            for key in s.values.keys() {
                let want = s.cell_text(shape, *key).unwrap_or_default();
                assert!(text.contains(&want), "{shape} {key:?}");
            }
        }
        let signed = (0..30)
            .map(|seed| Synth::generate(seed, Format::F2019))
            .find(|s| {
                s.seed % 3 == 0
                    && s.values.iter().any(|(k, v)| {
                        k.2 == "change" && matches!(v, SynthValue::Count(n) if *n > 0)
                    })
            });
        let s = signed.expect("a signed increase");
        assert!(s.render(Shape::InlinePipes).contains("| +"));
    }

    #[test]
    fn every_shape_contains_every_value_and_label() {
        for (seed, format) in seeds().take(16) {
            let s = Synth::generate(seed, format);
            for shape in Shape::ALL {
                let text = s.render(shape);
                assert_eq!(text, s.render(shape), "deterministic");
                let text = if s.resolve(shape).0.is_html() {
                    strip_tags(&text)
                } else {
                    text
                };
                for (key, v) in &s.values {
                    let want = styled_value(&s, shape, *v);
                    assert!(
                        text.contains(&want),
                        "{shape} seed {seed}: {key:?} = {want:?} not written"
                    );
                }
                let folded = crate::normalize::fold_text(&text).replace('\u{200b}', "");
                for label in [
                    "总计",
                    "自然人",
                    "行政复议",
                    "结果维持",
                    "信息内容",
                    "第二十条第(六)项",
                ] {
                    assert!(folded.contains(label), "{shape}: {label}");
                }
            }
        }
    }

    #[test]
    fn values_read_back_through_the_value_parser() {
        for (seed, format) in seeds().take(20) {
            let s = Synth::generate(seed, format);
            for shape in [Shape::Tabs, Shape::FullWidth, Shape::InlinePipes] {
                for v in s.values.values() {
                    let read = parse_value(&styled_value(&s, shape, *v));
                    assert_eq!(read.value, v.value(), "{shape}: {v:?}");
                    assert_eq!(read.unit.as_deref(), v.unit(), "{shape}: {v:?}");
                }
            }
        }
    }

    #[test]
    fn traditional_characters_fold_back() {
        for (simp, trad) in SIMP_TRAD {
            assert_eq!(fold_char(trad), simp, "{trad}");
        }
        let s = Synth::generate(1, Format::F2019);
        let t = s.render(Shape::Traditional);
        assert!(
            t.contains("總計") && t.contains("處理"),
            "{}",
            &t[..200.min(t.len())]
        );
    }

    #[test]
    fn full_width_has_no_ascii_digits_in_values() {
        let s = Synth::generate(5, Format::F2021);
        let t = s.render(Shape::FullWidth);
        assert!(t.contains("（一）"));
        assert!(t.chars().any(|c| ('０'..='９').contains(&c)));
    }

    /// Tags nest: every `<table>`, `<tr>`, `<td>` closes inside its parent, and every row
    /// of every table covers exactly the table's width once spans are laid out.
    fn check_html_tables(html: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = html;
        let mut widths: Vec<Vec<usize>> = Vec::new();
        let mut pending_rowspans: Vec<Vec<(usize, usize)>> = Vec::new();
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').unwrap_or(rest.len());
            let tag = &rest[..end];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let attr = |a: &str| -> usize {
                tag.split(|c: char| c.is_whitespace())
                    .find_map(|p| p.strip_prefix(a))
                    .and_then(|v| v.trim_matches(|c| c == '"' || c == '\'').parse().ok())
                    .unwrap_or(1)
            };
            let closing = tag.starts_with('/');
            // A header cell is a cell.
            let name = if name == "th" { "td".to_string() } else { name };
            match (name.as_str(), closing) {
                ("table", false) => {
                    stack.push("table");
                    widths.push(Vec::new());
                    pending_rowspans.push(Vec::new());
                }
                ("tr", false) => {
                    assert_eq!(stack.last(), Some(&"table"), "tr outside table");
                    stack.push("tr");
                    // Positions still covered by rowspans from above.
                    let covered = pending_rowspans
                        .last()
                        .map(|p| p.iter().map(|(w, _)| *w).sum())
                        .unwrap_or(0);
                    if let Some(w) = widths.last_mut() {
                        w.push(covered);
                    }
                }
                ("td", false) => {
                    assert_eq!(stack.last(), Some(&"tr"), "td outside tr");
                    stack.push("td");
                    let (cs, rs) = (attr("colspan="), attr("rowspan="));
                    if let Some(w) = widths.last_mut().and_then(|w| w.last_mut()) {
                        *w += cs;
                    }
                    if rs > 1 {
                        if let Some(p) = pending_rowspans.last_mut() {
                            p.push((cs, rs));
                        }
                    }
                }
                ("tr", true) => {
                    assert_eq!(stack.pop(), Some("tr"));
                    if let Some(p) = pending_rowspans.last_mut() {
                        // A rowspan made in this row starts counting down after it.
                        for e in p.iter_mut() {
                            e.1 -= 1;
                        }
                        p.retain(|e| e.1 > 0);
                    }
                }
                ("td", true) => assert_eq!(stack.pop(), Some("td")),
                ("table", true) => {
                    assert_eq!(stack.pop(), Some("table"));
                    let w = widths.pop().unwrap_or_default();
                    assert!(w.windows(2).all(|p| p[0] == p[1]), "ragged table: {w:?}");
                    pending_rowspans.pop();
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    #[test]
    fn html_tables_are_balanced_and_rectangular() {
        for (seed, format) in seeds().take(8) {
            let s = Synth::generate(seed, format);
            for shape in [Shape::Html, Shape::WordHtml] {
                let html = s.render(shape);
                let style = s.resolve(shape).1;
                let page = shape == Shape::Html && !style.fragment();
                let chrome = usize::from(page) * (1 + usize::from(style.layout_table()));
                assert_eq!(html.matches("<table").count(), 3 + chrome, "{shape}");
                check_html_tables(&html);
            }
            let blank = s.with_blanks(seed).render(Shape::WordHtml);
            check_html_tables(&blank);
        }
    }

    #[test]
    fn blanks_are_written_as_empty_cells() {
        let s = Synth::generate(11, Format::F2021);
        let b = s.with_blanks(1);
        assert!(b.values.values().any(|v| v.is_blank()));
        assert_eq!(broken_relations(&b), vec![]);
        assert!(b.render(Shape::WordHtml).contains("&nbsp;</o:p>"));
        assert!(b.render(Shape::InlinePipes).contains("| |"));
    }

    #[test]
    fn inline_pipes_mark_rowspan_continuations() {
        let marked = (0..64)
            .map(|seed| Synth::generate(seed, Format::F2021))
            .find(|s| s.resolve(Shape::InlinePipes).1.pipes() == PipeDialect::Marked);
        let s = marked.expect("a report in the marked dialect");
        let text = s.render(Shape::InlinePipes);
        assert!(
            text.lines()
                .any(|l| l.starts_with("| | 2.其他法律行政法规禁止公开 |")),
            "{text}"
        );
        assert!(
            text.lines().any(|l| l.starts_with("| (二)部分公开")),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with("第二十条第(一)项 | |||")),
            "{text}"
        );
    }

    #[test]
    fn every_dialect_occurs() {
        let styles: Vec<Style> = (0..64)
            .map(|seed| Synth::generate(seed, Format::F2019).resolve(Shape::Html).1)
            .collect();
        for d in [PipeDialect::Marked, PipeDialect::Bare, PipeDialect::Padded] {
            assert!(styles.iter().any(|s| s.pipes() == d), "{d:?}");
        }
        for flag in [
            Style::cell_runs,
            Style::indented_numbers,
            Style::phantom_rows,
            Style::word_tabs,
            Style::header_placeholders,
            Style::th_headers,
            Style::mirror_words,
            Style::text_chrome,
            Style::fragment,
            Style::crlf,
            Style::nbsp_values,
            Style::layout_table,
            Style::zero_width_spaces,
            Style::markdown_bare,
            Style::header_breaks,
        ] {
            assert!(styles.iter().any(flag) && styles.iter().any(|s| !flag(s)));
        }
    }

    #[test]
    fn header_placeholders_keep_tables_rectangular() {
        let s = Synth::generate(0, Format::F2021);
        for t in [
            s.applications_table(
                s.resolve(Shape::Html).1,
                false,
                Shape::Html,
                &mut Rng::new(1),
            ),
            s.disputes_table(s.resolve(Shape::Html).1, false),
        ] {
            let p = t.with_header_placeholders();
            let grid = occupancy(&p);
            assert!(
                grid.iter().all(|row| row.iter().all(|slot| slot.is_some())),
                "every position covered once"
            );
            assert_eq!(
                p.expanded()
                    .iter()
                    .flatten()
                    .filter(|c| !c.is_empty())
                    .count(),
                t.expanded()
                    .iter()
                    .flatten()
                    .filter(|c| !c.is_empty())
                    .count()
            );
        }
    }

    #[test]
    fn next_year_carries_over() {
        for (seed, format) in seeds().take(20) {
            let s = Synth::generate(seed, format);
            let n = s.next_year(seed + 1);
            assert_eq!(broken_relations(&n), vec![], "seed {seed}");
            assert_eq!(n.year, s.year + 1);
            for col in APPLICANT_COLUMNS.iter() {
                assert_eq!(
                    n.get(TableId::Applications, "carried_over", col.key),
                    s.get(TableId::Applications, "carried_forward", col.key)
                );
            }
        }
    }

    #[test]
    fn corpus_covers_every_shape() {
        let c = corpus(20, 9);
        for shape in Shape::ALL {
            assert!(c.iter().any(|(s, _)| *s == shape));
        }
    }

    #[test]
    fn padding_reaches_the_size() {
        let s = Synth::generate(4, Format::F2019);
        let t = s.render_padded(Shape::InlinePipes, 200_000);
        assert!(t.len() >= 200_000);
        assert!(t.contains("(七)总计"));
    }
}
