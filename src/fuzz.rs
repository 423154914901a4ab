//! Structure-aware mutation of report inputs and one call of every entry point on them:
//! the code shared by the fuzzer (`src/bin/fuzz.rs`, long runs that also time each input
//! and measure its heap) and its short fixed-seed pass in the test command (`tests/fuzz.rs`).
//! Pure like the rest of the core: seeds in, bytes out; the callers read files, keep time
//! and catch panics.
//!
//! A mutant starts from a seed (a fixture, a corpus file or a generated report in any
//! shape), often cut to a window of its lines so that most inputs stay small and many run
//! per second, then gets a few edits that change structure the way real copies do: lines
//! and cells spliced from other seeds, rows repeated, deleted or swapped, separators turned
//! into pipes, tabs or blank lines, numbers made full-width, Chinese, huge or signed, HTML
//! with odd spans and unclosed or deeply nested tags, whole reports run into one line; now
//! and then a large repetition (to expose work that grows faster than the input), byte flips,
//! and a re-encoding (GBK, UTF-16 with a BOM, a UTF-8 BOM). Input `i` of seed `s` depends on
//! `(s, i)` alone, so any one input is reproduced without the run before it.

use crate::chart::{self, ChartKind};
use crate::synth::{Rng, Shape, Synth};
use crate::{Format, Report};

/// The seeds mutants start from, and a pool of their lines to splice in.
pub struct Seeds {
    seeds: Vec<Vec<u8>>,
    lines: Vec<Vec<u8>>,
}

/// Generated reports in every shape (`Shape::ALL` and the PDF-text shape), both formats,
/// also with blank cells: `(name, text)`.
pub fn synth_seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let shapes = Shape::ALL.iter().chain(Shape::EXTRA.iter());
    for (i, shape) in shapes.enumerate() {
        for format in [Format::F2019, Format::F2021] {
            let seed = 0xF022 + i as u64 * 2 + (format == Format::F2021) as u64;
            let mut s = Synth::generate(seed, format);
            if i % 3 == 0 {
                s = s.with_blanks(seed);
            }
            out.push((
                format!("synth-{}-{format:?}", shape.name()),
                s.render(*shape).into_bytes(),
            ));
        }
    }
    out
}

impl Seeds {
    pub fn new(seeds: Vec<Vec<u8>>) -> Seeds {
        let mut seeds: Vec<Vec<u8>> = seeds.into_iter().filter(|s| !s.is_empty()).collect();
        if seeds.is_empty() {
            seeds.push("某某局2023年政府信息公开工作年度报告\n".as_bytes().to_vec());
        }
        let mut lines: Vec<Vec<u8>> = Vec::new();
        for s in &seeds {
            lines.extend(
                s.split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty() && l.len() < 400)
                    .map(<[u8]>::to_vec),
            );
        }
        lines.sort();
        lines.dedup();
        Seeds { seeds, lines }
    }

    pub fn len(&self) -> usize {
        self.seeds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seeds.is_empty()
    }

    /// Input `index` of a run with `seed`.
    pub fn input(&self, seed: u64, index: u64) -> Vec<u8> {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let base = rng.pick(&self.seeds).cloned().unwrap_or_default();
        let mut out = if rng.chance(700) {
            window(&mut rng, &base)
        } else {
            base
        };
        for _ in 0..rng.range(1, 6) {
            self.edit(&mut rng, &mut out);
        }
        // Rarely: one edit repeated at scale, to show growth faster than the input.
        if rng.chance(15) {
            amplify(&mut rng, &mut out);
        }
        if rng.chance(100) {
            out = reencode(&mut rng, &out);
        }
        out
    }

    fn edit(&self, rng: &mut Rng, out: &mut Vec<u8>) {
        let at = line_start(out, rng.below(out.len() as u64 + 1) as usize);
        match rng.below(20) {
            // A line of another seed.
            0..=2 => {
                let mut l = rng.pick(&self.lines).cloned().unwrap_or_default();
                l.push(b'\n');
                out.splice(at..at, l);
            }
            // A run of lines repeated, deleted or moved.
            3 => {
                let end = lines_end(out, at, rng.range(1, 12) as usize);
                let run = out[at..end].to_vec();
                for _ in 0..rng.range(1, 4) {
                    out.splice(at..at, run.iter().copied());
                }
            }
            4 => {
                let end = lines_end(out, at, rng.range(1, 12) as usize);
                out.drain(at..end);
            }
            5 => {
                let end = lines_end(out, at, rng.range(1, 6) as usize);
                let run: Vec<u8> = out.drain(at..end).collect();
                let to = line_start(out, rng.below(out.len() as u64 + 1) as usize);
                out.splice(to..to, run);
            }
            // Separators turned into another shape's.
            6 => {
                let end = lines_end(out, at, rng.range(1, 40) as usize);
                let from: &[u8] = rng.pick(SEPARATORS).copied().unwrap_or(b"|");
                let to: &[u8] = rng.pick(SEPARATORS).copied().unwrap_or(b"\t");
                let run = replace_all(&out[at..end], from, to);
                out.splice(at..end, run);
            }
            // Numbers rewritten.
            7..=8 => {
                let end = lines_end(out, at, rng.range(1, 20) as usize);
                let run = rewrite_numbers(rng, &out[at..end]);
                out.splice(at..end, run);
            }
            // A token that changes structure.
            9..=11 => {
                let p = rng.below(out.len() as u64 + 1) as usize;
                let p = char_start(out, p);
                let t = rng.pick(TOKENS).copied().unwrap_or("|");
                out.splice(p..p, t.bytes());
            }
            // HTML: odd spans, unclosed or deeply nested tags, text wrapped in a table.
            12..=13 => html_edit(rng, out, at),
            // Lines joined.
            14 => {
                let end = lines_end(out, at, rng.range(2, 60) as usize);
                let run = replace_all(
                    &out[at..end],
                    b"\n",
                    rng.pick(JOINERS).copied().unwrap_or(b" "),
                );
                out.splice(at..end, run);
            }
            // Blank lines.
            15 => {
                let n = rng.range(1, 5) as usize;
                out.splice(at..at, std::iter::repeat_n(b'\n', n));
            }
            // Bytes flipped, replaced, deleted.
            16 => {
                for _ in 0..rng.range(1, 4) {
                    let p = rng.below(out.len() as u64) as usize;
                    if let Some(b) = out.get_mut(p) {
                        *b ^= 1 << rng.below(8);
                    }
                }
            }
            17 => {
                let p = rng.below(out.len() as u64 + 1) as usize;
                let end = (p + rng.below(32) as usize).min(out.len());
                out.drain(p..end);
            }
            // A cell of a line copied into another line.
            18 => {
                let src = rng.pick(&self.lines).cloned().unwrap_or_default();
                let cells: Vec<&[u8]> = src.split(|&b| b == b'|' || b == b'\t').collect();
                if let Some(c) = rng.pick(&cells) {
                    let p = char_start(out, rng.below(out.len() as u64 + 1) as usize);
                    let mut c = c.to_vec();
                    c.extend_from_slice(b" | ");
                    out.splice(p..p, c);
                }
            }
            // Everything on one line.
            _ => {
                if rng.chance(300) {
                    *out = replace_all(out, b"\n", b" ");
                } else {
                    let p = char_start(out, rng.below(out.len() as u64 + 1) as usize);
                    out.truncate(p);
                }
            }
        }
    }
}

/// Separators of the text shapes.
const SEPARATORS: &[&[u8]] = &[
    b" | ", b"|", b" |", b"\t", b"\n", b"\n\n", b"\n|\n", b"  ", b"||", b"| |||", b"\r\n",
];

/// What lines are joined with.
const JOINERS: &[&[u8]] = &[b" ", b"", b"|", b"\t", "\u{3000}".as_bytes()];

/// Tokens that change structure when dropped into a report.
const TOKENS: &[&str] = &[
    "|",
    "||||",
    "\n",
    "\n\n\n",
    "\t",
    "\r",
    "<",
    ">",
    "&",
    "&#xFFFFFFFF;",
    "&#0;",
    "&nbsp;",
    "&amp;lt;",
    "-",
    "+",
    ",",
    ".",
    "/",
    "—",
    "无",
    "9999999999999999999999",
    "18446744073709551616",
    "9007199254740993",
    "1e308",
    "-0",
    "0.5",
    "１２３",
    "（七）",
    "\u{3000}",
    "\u{feff}",
    "\u{200b}",
    "\u{2212}",
    "\0",
    "（七）总计",
    "总计",
    "總計",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "四、结转下年度继续办理",
    "第二十条第（一）项",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "尚未审结",
    "自然人",
    "商业企业",
    "法人或其他组织",
    "一、总体情况",
    "六、其他需要报告的事项",
    "四、政府信息公开行政复议、行政诉讼情况",
    "政府信息公开工作年度报告",
    "2023年",
    "二〇二三年",
    "1月1日至",
    "万元",
    "件",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<br>",
    "<p>",
    "<!--",
    "-->",
    "<script>",
    "<![CDATA[",
    "```",
    "|---|---|",
    "**",
    "# ",
];

/// Numbers a cell may hold.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "-0",
    "00",
    "007",
    "1,234",
    "1，234",
    "12,34,5",
    "3.5",
    "0.0001",
    "1e5",
    "976.81万元",
    "１２",
    "０",
    "十二",
    "一百零五",
    "〇",
    "2²",
    "9007199254740993",
    "99999999999999999999999999999999",
    "18446744073709551616",
    "-9223372036854775809",
    "1.7976931348623157e309",
    "+5",
    "−3",
    "(3)",
    "3件",
    "/",
    "—",
    "无",
    "",
    " ",
    "NaN",
    "inf",
];

fn rewrite_numbers(rng: &mut Rng, run: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(run.len());
    let mut i = 0;
    while i < run.len() {
        if run[i].is_ascii_digit() {
            let mut j = i;
            while j < run.len() && run[j].is_ascii_digit() {
                j += 1;
            }
            if rng.chance(400) {
                out.extend_from_slice(rng.pick(NUMBERS).copied().unwrap_or("0").as_bytes());
            } else {
                out.extend_from_slice(&run[i..j]);
            }
            i = j;
        } else {
            out.push(run[i]);
            i += 1;
        }
    }
    out
}

fn html_edit(rng: &mut Rng, out: &mut Vec<u8>, at: usize) {
    let span = |rng: &mut Rng| -> String {
        let v: &[&str] = &[
            "0",
            "1",
            "2",
            "3",
            "64",
            "65",
            "999999",
            "-1",
            "abc",
            "4294967297",
            "",
            "1.5",
            "2x",
            "１",
        ];
        rng.pick(v).copied().unwrap_or("1").to_string()
    };
    let piece = match rng.below(6) {
        0 => format!(
            "<td colspan=\"{}\" rowspan=\"{}\">{}</td>",
            span(rng),
            span(rng),
            rng.below(100)
        ),
        1 => format!("<td rowspan={}>", span(rng)),
        2 => "<table><tr><td>".repeat(rng.range(1, 80) as usize),
        3 => "<tr><td>1".repeat(rng.range(1, 40) as usize),
        4 => "<div><span><p>".repeat(rng.range(1, 200) as usize),
        _ => {
            // The lines after `at` as a table, one row per line, cells at the pipes.
            let end = lines_end(out, at, rng.range(1, 30) as usize);
            let mut t = String::from("<table>");
            for line in String::from_utf8_lossy(&out[at..end]).lines() {
                t.push_str("<tr>");
                for c in line.split('|') {
                    t.push_str("<td>");
                    t.push_str(c);
                    t.push_str("</td>");
                }
                t.push_str("</tr>\n");
            }
            if rng.chance(500) {
                t.push_str("</table>");
            }
            out.splice(at..end, t.into_bytes());
            return;
        }
    };
    let p = char_start(out, rng.below(out.len() as u64 + 1) as usize);
    out.splice(p..p, piece.into_bytes());
}

/// One edit at scale: a line, a cell or a token repeated into a large input.
fn amplify(rng: &mut Rng, out: &mut Vec<u8>) {
    let at = line_start(out, rng.below(out.len() as u64 + 1) as usize);
    let target = rng.range(20_000, 300_000) as usize;
    let unit: Vec<u8> = match rng.below(4) {
        0 => out[at..lines_end(out, at, 1)].to_vec(),
        1 => out[at..lines_end(out, at, rng.range(2, 40) as usize)].to_vec(),
        2 => rng.pick(TOKENS).copied().unwrap_or("|").as_bytes().to_vec(),
        _ => rng
            .pick(NUMBERS)
            .copied()
            .unwrap_or("1")
            .as_bytes()
            .to_vec(),
    };
    if unit.is_empty() {
        return;
    }
    let n = (target / unit.len()).max(1);
    let mut big = Vec::with_capacity(n * unit.len());
    for _ in 0..n {
        big.extend_from_slice(&unit);
    }
    out.splice(at..at, big);
}

fn reencode(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match rng.below(5) {
        0 => encoding_rs::GBK.encode(&text).0.into_owned(),
        1 => {
            let mut v = vec![0xFF, 0xFE];
            v.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            v
        }
        2 => {
            let mut v = vec![0xFE, 0xFF];
            v.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            v
        }
        3 => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(bytes);
            v
        }
        _ => {
            // GBK bytes declared as such in a page head.
            let mut v = b"<html><head><meta charset=\"gbk\"></head><body>".to_vec();
            v.extend_from_slice(&encoding_rs::GBK.encode(&text).0);
            v
        }
    }
}

/// A random run of whole lines (1 to 200 of them).
fn window(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let start = line_start(base, rng.below(base.len() as u64) as usize);
    let end = lines_end(base, start, rng.range(1, 200) as usize);
    base[start..end].to_vec()
}

/// The start of the line holding byte `p`.
fn line_start(s: &[u8], p: usize) -> usize {
    let p = p.min(s.len());
    s[..p]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// The end of `n` lines from `from` (after their newlines).
fn lines_end(s: &[u8], from: usize, n: usize) -> usize {
    let mut e = from.min(s.len());
    for _ in 0..n {
        match s[e..].iter().position(|&b| b == b'\n') {
            Some(i) => e += i + 1,
            None => return s.len(),
        }
    }
    e
}

/// `p` moved back to the start of a UTF-8 character (mutants stay mostly valid UTF-8, so
/// that `check` sees them too; byte flips make the invalid ones).
fn char_start(s: &[u8], p: usize) -> usize {
    let mut p = p.min(s.len());
    while p > 0 && p < s.len() && (s[p] & 0xC0) == 0x80 {
        p -= 1;
    }
    p
}

fn replace_all(s: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    if from.is_empty() {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// What one input went through.
#[derive(Debug, Default, Clone, Copy)]
pub struct Exercised {
    /// `check_bytes` refused the bytes (an `InputError`, not a finding).
    pub refused: bool,
    pub diagnostics: usize,
    /// Cells of the grid the source wrote (data cells and pipe fillers; not span copies).
    pub cells: usize,
}

/// Every entry point on one input: `check_bytes` or `check` (alternating by `index`),
/// the JSON export, `check_many` with a fixed partner report and with itself as its
/// previous year, and for each chart kind `chart_data`, `hit` at a few points (odd sizes
/// included) and, for every fourth input, `render_svg`.
pub fn exercise(bytes: &[u8], index: u64, partner: &Report) -> Exercised {
    let mut rng = Rng::new(index ^ 0xC4A7);
    let mut done = Exercised::default();
    // `check_bytes` and `check` are `check_grid` over `ingest::read` and
    // `ingest::read_text`: called apart here to count the cells the source wrote.
    let grid = if index % 2 == 0 {
        match crate::ingest::read(bytes) {
            Ok(g) => g,
            Err(e) => {
                let _ = e.to_string();
                done.refused = true;
                return done;
            }
        }
    } else {
        crate::ingest::read_text(&String::from_utf8_lossy(bytes))
    };
    done.cells = grid
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| !matches!(c.kind, crate::grid::CellKind::SpanCopy { .. }))
        .count();
    let report = crate::check_grid(&grid);
    drop(grid);
    done.diagnostics = report.diagnostics.len();
    std::hint::black_box(serde_json::to_string(&report).ok());
    let mut pair = [partner.clone(), report];
    crate::check_many(&mut pair);
    let [_, report] = pair;
    // The same report as its agency's previous year: a pair `check_many` compares.
    let mut previous = report.clone();
    previous.year = report.year.map(|y| y.saturating_sub(1));
    let mut years = [report.clone(), previous];
    crate::check_many(&mut years);
    std::hint::black_box(crate::check_pair(&report, partner));
    const SIZES: [f64; 6] = [640.0, 320.0, 1.0, 0.0, -10.0, f64::NAN];
    for kind in ChartKind::ALL {
        std::hint::black_box(chart::chart_data(&report, kind));
        for _ in 0..3 {
            let w = *rng.pick(&SIZES).unwrap_or(&640.0);
            let h = *rng.pick(&SIZES).unwrap_or(&400.0);
            let x = rng.range(-50, 700) as f64;
            let y = rng.range(-50, 500) as f64;
            std::hint::black_box(chart::hit(&report, kind, w, h, x, y));
        }
        if index % 4 == 0 {
            let w = [640, 0, 1, 37, 2000][rng.below(5) as usize];
            let h = [400, 0, 1, 13, 1200][rng.below(5) as usize];
            std::hint::black_box(chart::render_svg(&report, kind, w, h));
        }
    }
    done
}

/// A fixed partner for `check_many` and `check_pair`: a consistent generated report.
pub fn partner() -> Report {
    let s = Synth::generate(0x9A27, Format::F2021);
    crate::check(&s.render(Shape::InlinePipes))
}
