//! Word `.docx` into the grid. The grid's `text` is the document's derived text — what the
//! page shows as the source: each paragraph a line, in document order; each table row one
//! line with its cells separated by tabs (line breaks inside a cell stay in the cell). Every
//! cell's span points into that text, and every cell's text is exactly its slice.
//!
//! What is read from `word/document.xml` (with `word/numbering.xml` and `word/styles.xml`
//! for automatic numbering):
//! - tables: `w:gridSpan` becomes `SpanCopy` copies after the origin cell and `w:vMerge`
//!   continuation cells `SpanCopy` copies of the cell above, as `html` does for
//!   colspan/rowspan; a table inside a cell makes that cell a layout container whose own
//!   paragraphs become lines while the inner table is data (also as `html` does);
//! - paragraphs in order, runs joined without spaces (Word splits runs mid-word), `w:tab` a
//!   tab, `w:br`/`w:cr` a line break (inside a cell a `\n` in the cell, elsewhere a new line);
//! - tracked changes as accepted: `w:ins` kept, `w:del`/`w:delText` and `w:moveFrom`
//!   dropped; content controls (`w:sdt`) and field results (`w:fldSimple`, the runs after
//!   a complex field's `separate`) kept, field instructions (`w:instrText`) dropped;
//! - text boxes (`w:txbxContent`) once: of `mc:AlternateContent` only the first readable
//!   `mc:Choice` (or else the `mc:Fallback`) is read, since both hold the same box;
//! - automatic numbering (`w:numPr`, direct or through the paragraph style) written out as
//!   Word shows it (`一、`, `（一）`, `1.`), because the binder finds sections and rows by
//!   their numbers: counters per list and level, lower levels restarted, `w:start` and
//!   `w:startOverride`, the common `w:numFmt`s.
//!
//! Limits (`limits`): more than `MAX_ZIP_ENTRIES` entries, a part larger than its limit
//! (declared or actually read, through `take(limit + 1)`), or a part expanding more than
//! `MAX_COMPRESSION_RATIO` times are refused with `PartTooLarge`/`TooManyEntries` before
//! anything grows; XML deeper than `MAX_XML_DEPTH` is not followed, tables deeper than
//! `MAX_TABLE_DEPTH` are read as text. Nothing here panics on input.
//!
//! Crates: `zip` (the maintained zip reader, used with `default-features = false` and only
//! `deflate-flate2`, decompressing through flate2's pure-Rust miniz_oxide backend, so it
//! builds for `wasm32-unknown-unknown` with no C code; a .docx uses only stored and
//! deflated entries) and `quick-xml` (a streaming pull parser over borrowed input: no DOM
//! for a document that may be tens of MB, no allocation per event). Looked at and not
//! taken: `docx-rs`/`docx-rust` (a whole document model through serde, far more code in
//! the wasm than the few elements read here, and no control over limits or spans),
//! `roxmltree` (a read-only DOM: fine, but it holds the whole tree in memory), `xml-rs`
//! (slower, allocates per event), `rc-zip`/`rawzip` (sans-io or minimal readers; `zip` is
//! the one most producers are tested against).

use super::{limits, InputError, InputErrorKind};
use crate::grid::{CellKind, Grid, Rows, Shape, Span};
use crate::normalize::CN_DIGITS;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Read the bytes of a `.docx` file into the grid.
pub fn read(bytes: &[u8]) -> Result<Grid, InputError> {
    check_entry_count(bytes)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    if zip.len() > limits::MAX_ZIP_ENTRIES {
        return Err(InputErrorKind::TooManyEntries {
            limit: limits::MAX_ZIP_ENTRIES,
        }
        .into());
    }
    let document = read_part(&mut zip, "word/document.xml", limits::MAX_DOCUMENT_XML)?
        .ok_or(InputErrorKind::Corrupt)?;
    let numbering = optional_part(&mut zip, "word/numbering.xml")?
        .map(|x| Numbering::parse(&utf8(&x)))
        .unwrap_or_default();
    // Styles matter only for numbering a paragraph takes from its style; styles.xml is
    // often ten times document.xml (Word's latent styles), so it is read only then.
    let styled = !numbering.nums.is_empty() && super::sniff::find(&document, b"pStyle").is_some();
    let styles = if styled {
        optional_part(&mut zip, "word/styles.xml")?
            .map(|x| parse_styles(&utf8(&x)))
            .unwrap_or_default()
    } else {
        Styles::new()
    };
    let document = utf8(&document);
    let mut builder = Builder::new(numbering, styles);
    builder.run(&document)?;
    builder.finish()
}

/// XML parts are UTF-8 (Word never writes anything else); damaged bytes become U+FFFD
/// rather than losing the document.
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

fn zip_error(e: zip::result::ZipError) -> InputError {
    use zip::result::ZipError as Z;
    match e {
        Z::UnsupportedArchive(m) if m == Z::PASSWORD_REQUIRED => InputErrorKind::Encrypted.into(),
        Z::InvalidPassword => InputErrorKind::Encrypted.into(),
        _ => InputErrorKind::Corrupt.into(),
    }
}

/// Refuse an archive with more entries than any Word document has before the zip reader
/// builds its index of them: the end-of-central-directory record states the count (a
/// zip64 marker `0xFFFF` is more than the limit too).
fn check_entry_count(bytes: &[u8]) -> Result<(), InputError> {
    const EOCD: &[u8] = b"PK\x05\x06";
    // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let tail = bytes.get(from..).unwrap_or_default();
    let Some(pos) = tail.windows(4).rposition(|w| w == EOCD) else {
        return Err(InputErrorKind::Corrupt.into());
    };
    let field = |at: usize| -> usize {
        let lo = tail.get(pos + at).copied().unwrap_or(0);
        let hi = tail.get(pos + at + 1).copied().unwrap_or(0);
        usize::from(u16::from_le_bytes([lo, hi]))
    };
    let entries = field(10).max(field(8));
    if entries > limits::MAX_ZIP_ENTRIES {
        return Err(InputErrorKind::TooManyEntries {
            limit: limits::MAX_ZIP_ENTRIES,
        }
        .into());
    }
    Ok(())
}

/// A part that only adds to the document (numbering, styles): a damaged one is left out
/// (the document reads without its list numbers), an oversized or encrypted one is not.
fn optional_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, InputError> {
    match read_part(zip, name, limits::MAX_DOCX_PART) {
        Err(e) if e.kind == InputErrorKind::Corrupt => Ok(None),
        r => r,
    }
}

/// One part of the package, decompressed, or `None` when the package has no such part.
/// The declared size is checked first, but never trusted: at most `limit + 1` bytes are
/// read, and a part expanding more than `MAX_COMPRESSION_RATIO` times (beyond a small
/// allowance) is refused while it is read.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: usize,
) -> Result<Option<Vec<u8>>, InputError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    {
        let raw = zip.by_index_raw(index).map_err(zip_error)?;
        if raw.encrypted() {
            return Err(InputErrorKind::Encrypted.into());
        }
    }
    let entry = zip.by_index(index).map_err(zip_error)?;
    let too_large = || InputError::from(InputErrorKind::PartTooLarge { limit });
    if entry.size() > limit as u64 {
        return Err(too_large());
    }
    // What the entry may expand to: its limit, and no more than the ratio allows.
    let compressed = usize::try_from(entry.compressed_size()).unwrap_or(usize::MAX);
    let by_ratio = compressed
        .saturating_mul(limits::MAX_COMPRESSION_RATIO)
        .max(limits::RATIO_ALLOWANCE);
    let cap = limit.min(by_ratio);
    let declared = usize::try_from(entry.size()).unwrap_or(0);
    let mut out = Vec::with_capacity(declared.min(cap).min(1 << 20));
    let mut reader = entry.take(cap as u64 + 1);
    reader.read_to_end(&mut out).map_err(|e| {
        // A password-protected entry reads as an error too.
        if e.to_string().contains("assword") {
            InputError::from(InputErrorKind::Encrypted)
        } else {
            InputError::from(InputErrorKind::Corrupt)
        }
    })?;
    if out.len() > cap {
        return Err(InputErrorKind::PartTooLarge { limit: cap }.into());
    }
    Ok(Some(out))
}

// ---------------------------------------------------------------------------------------
// Attributes and names

/// The local part of a qualified name (`w:tbl` → `tbl`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of the attribute whose local name is `key` (`w:val`, `w:ilvl` …).
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    for a in attrs.flatten() {
        if local(a.key.as_ref()) == key {
            return Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.into_owned()),
            );
        }
    }
    None
}

fn attr_num(e: &BytesStart<'_>, key: &str) -> Option<i64> {
    attr(e, key).and_then(|v| v.trim().parse::<i64>().ok())
}

/// An on/off property (`<w:isLgl/>`, `w:val="0"`/`"false"`/`"off"` turn it off).
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

// ---------------------------------------------------------------------------------------
// Numbering

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
    suffix: Suffix,
    /// `w:lvlRestart`: restart after a use of this level (1-based), 0 = never; `None` =
    /// after any higher level.
    restart: Option<i64>,
    legal: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// `w:num`: an instance of an abstract list, maybe with its own start values.
#[derive(Debug, Clone, Default)]
struct NumInstance {
    abstract_id: i64,
    start_overrides: Vec<(usize, i64)>,
    level_overrides: Vec<(usize, Level)>,
}

/// `word/numbering.xml`, and the counters of the lists while the document is read.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<i64, Vec<Level>>,
    nums: HashMap<i64, NumInstance>,
    /// Counters per list: the `w:num`s of one abstract list share them (Word continues a
    /// list across them), except a `w:num` that overrides a start, which is a list of its
    /// own. The last value of each level, if used.
    counters: HashMap<(i64, Option<i64>), [Option<i64>; MAX_LEVELS]>,
}

const MAX_LEVELS: usize = 9;

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        // Where we are: inside an abstractNum (id), a num (id), a lvl (index).
        let mut abs: Option<i64> = None;
        let mut num: Option<i64> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut override_lvl: Option<usize> = None;
        let mut depth = 0usize;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    depth = depth.saturating_sub(1);
                    match local(e.name().as_ref()) {
                        "abstractNum" => abs = None,
                        "num" => num = None,
                        "lvlOverride" => override_lvl = None,
                        "lvl" => {
                            if let Some((i, level)) = lvl.take() {
                                if let Some(id) = num {
                                    if let Some(inst) = n.nums.get_mut(&id) {
                                        inst.level_overrides.push((i, level));
                                    }
                                } else if let Some(id) = abs {
                                    let levels = n.abstracts.entry(id).or_default();
                                    if levels.len() <= i {
                                        levels.resize(i + 1, Level::default());
                                    }
                                    if let Some(slot) = levels.get_mut(i) {
                                        *slot = level;
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            if !empty {
                depth += 1;
                if depth > limits::MAX_XML_DEPTH {
                    break;
                }
            }
            let name = e.name();
            match local(name.as_ref()) {
                "abstractNum" => {
                    abs = attr_num(&e, "abstractNumId");
                }
                "num" => {
                    num = attr_num(&e, "numId");
                    if let Some(id) = num {
                        n.nums.insert(id, NumInstance::default());
                    }
                }
                "abstractNumId" => {
                    if let (Some(id), Some(v)) = (num, attr_num(&e, "val")) {
                        if let Some(inst) = n.nums.get_mut(&id) {
                            inst.abstract_id = v;
                        }
                    }
                }
                "lvlOverride" => {
                    override_lvl = attr_num(&e, "ilvl").and_then(level_index);
                }
                "startOverride" => {
                    if let (Some(id), Some(i), Some(v)) = (num, override_lvl, attr_num(&e, "val")) {
                        if let Some(inst) = n.nums.get_mut(&id) {
                            inst.start_overrides.push((i, v));
                        }
                    }
                }
                "lvl" => {
                    let i = attr_num(&e, "ilvl").and_then(level_index).or(override_lvl);
                    if let Some(i) = i {
                        let level = Level {
                            start: 1,
                            format: "decimal".into(),
                            ..Level::default()
                        };
                        if empty {
                            continue;
                        }
                        lvl = Some((i, level));
                    }
                }
                tag => {
                    if let Some((_, level)) = lvl.as_mut() {
                        match tag {
                            "start" => level.start = attr_num(&e, "val").unwrap_or(1),
                            "numFmt" => {
                                level.format = attr(&e, "val").unwrap_or_else(|| "decimal".into())
                            }
                            "lvlText" => level.text = attr(&e, "val").unwrap_or_default(),
                            "suff" => {
                                level.suffix = match attr(&e, "val").as_deref() {
                                    Some("space") => Suffix::Space,
                                    Some("nothing") => Suffix::Nothing,
                                    _ => Suffix::Tab,
                                }
                            }
                            "lvlRestart" => level.restart = attr_num(&e, "val"),
                            "isLgl" => level.legal = on_off(&e),
                            _ => {}
                        }
                    }
                }
            }
        }
        n
    }

    /// The level definition of list `num_id`, level `ilvl` (overridden or abstract).
    fn level(&self, num_id: i64, ilvl: usize) -> Option<(i64, Level)> {
        let inst = self.nums.get(&num_id)?;
        if let Some((_, l)) = inst.level_overrides.iter().rev().find(|(i, _)| *i == ilvl) {
            return Some((inst.abstract_id, l.clone()));
        }
        let l = self.abstracts.get(&inst.abstract_id)?.get(ilvl)?.clone();
        Some((inst.abstract_id, l))
    }

    /// The number Word writes before a paragraph of list `num_id` at level `ilvl`, and
    /// count it. `None` for no list (`numId` 0, undefined lists, bullets, `none`).
    fn label(&mut self, num_id: i64, ilvl: usize) -> Option<String> {
        if num_id == 0 || ilvl >= MAX_LEVELS {
            return None;
        }
        let (abs, level) = self.level(num_id, ilvl)?;
        let inst = self.nums.get(&num_id)?;
        let overrides = inst.start_overrides.clone();
        let key = (abs, (!overrides.is_empty()).then_some(num_id));
        let start_of = |i: usize, l: &Level| {
            overrides
                .iter()
                .rev()
                .find(|(j, _)| *j == i)
                .map(|(_, v)| *v)
                .unwrap_or(l.start)
        };
        let current = self
            .counters
            .get(&key)
            .and_then(|c| c.get(ilvl).copied().flatten());
        let value = match current {
            Some(v) => v.saturating_add(1),
            None => start_of(ilvl, &level),
        };
        let counters = self.counters.entry(key).or_insert([None; MAX_LEVELS]);
        if let Some(c) = counters.get_mut(ilvl) {
            *c = Some(value);
        }
        // Lower levels restart (unless their lvlRestart says otherwise).
        let lower: Vec<(usize, Option<i64>)> = (ilvl + 1..MAX_LEVELS)
            .map(|i| (i, self.level(num_id, i).and_then(|(_, l)| l.restart)))
            .collect();
        let counters = self.counters.entry(key).or_insert([None; MAX_LEVELS]);
        for (i, restart) in lower {
            let resets = match restart {
                None => true,
                Some(0) => false,
                Some(r) => (ilvl as i64) < r,
            };
            if resets {
                if let Some(c) = counters.get_mut(i) {
                    *c = None;
                }
            }
        }
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let counters = self
            .counters
            .get(&key)
            .copied()
            .unwrap_or([None; MAX_LEVELS]);
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1);
                    let l = if i == ilvl {
                        Some(level.clone())
                    } else {
                        self.level(num_id, i).map(|(_, l)| l)
                    };
                    if let Some(l) = l {
                        let v = counters
                            .get(i)
                            .copied()
                            .flatten()
                            .unwrap_or_else(|| start_of(i, &l));
                        let fmt = if level.legal && i != ilvl {
                            "decimal"
                        } else {
                            l.format.as_str()
                        };
                        out.push_str(&format_number(v, fmt));
                    }
                    continue;
                }
            }
            out.push(c);
        }
        if out.is_empty() {
            return None;
        }
        match level.suffix {
            Suffix::Tab => out.push('\t'),
            Suffix::Space => out.push(' '),
            Suffix::Nothing => {}
        }
        Some(out)
    }
}

fn level_index(v: i64) -> Option<usize> {
    usize::try_from(v).ok().filter(|i| *i < MAX_LEVELS)
}

/// A number in a `w:numFmt`. Formats without a glyph for the value fall back to decimal,
/// as Word does.
pub fn format_number(n: i64, format: &str) -> String {
    let from_table = |table: &[&str]| -> String {
        usize::try_from(n)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| table.get(i))
            .map(|s| s.to_string())
            .unwrap_or_else(|| n.to_string())
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "koreanCounting"
        | "ideographLegalTraditional" => {
            if n <= 0 {
                n.to_string()
            } else {
                chinese_counting(n)
            }
        }
        "chineseLegalSimplified" => {
            if n <= 0 {
                n.to_string()
            } else {
                chinese_counting(n)
                    .chars()
                    .map(|c| match c {
                        '一' => '壹',
                        '二' => '贰',
                        '三' => '叁',
                        '四' => '肆',
                        '五' => '伍',
                        '六' => '陆',
                        '七' => '柒',
                        '八' => '捌',
                        '九' => '玖',
                        '十' => '拾',
                        '百' => '佰',
                        '千' => '仟',
                        '〇' => '零',
                        c => c,
                    })
                    .collect()
            }
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            if n < 0 {
                n.to_string()
            } else {
                n.to_string()
                    .chars()
                    .map(|d| {
                        d.to_digit(10)
                            .and_then(|d| CN_DIGITS.get(d as usize).copied())
                            .unwrap_or(d)
                    })
                    .collect()
            }
        }
        "ideographTraditional" => {
            from_table(&["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"])
        }
        "ideographZodiac" => from_table(&[
            "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
        ]),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            match u32::try_from(n) {
                Ok(v @ 1..=20) => char::from_u32(0x2460 + v - 1)
                    .map(String::from)
                    .unwrap_or_else(|| n.to_string()),
                _ => n.to_string(),
            }
        }
        "decimalEnclosedParen" => match u32::try_from(n) {
            Ok(v @ 1..=20) => char::from_u32(0x2474 + v - 1)
                .map(String::from)
                .unwrap_or_else(|| n.to_string()),
            _ => n.to_string(),
        },
        "decimalEnclosedFullstop" => match u32::try_from(n) {
            Ok(v @ 1..=20) => char::from_u32(0x2488 + v - 1)
                .map(String::from)
                .unwrap_or_else(|| n.to_string()),
            _ => n.to_string(),
        },
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
        "decimalZero" => {
            if (0..10).contains(&n) {
                format!("0{n}")
            } else {
                n.to_string()
            }
        }
        "lowerLetter" | "upperLetter" => {
            let Ok(v) = usize::try_from(n) else {
                return n.to_string();
            };
            if v == 0 || v > 780 {
                return n.to_string();
            }
            // Word repeats the letter: a … z, aa … zz.
            let letter = (b'a' + ((v - 1) % 26) as u8) as char;
            let s: String = std::iter::repeat_n(letter, (v - 1) / 26 + 1).collect();
            if format == "upperLetter" {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" | "upperRoman" => {
            let s = roman(n);
            if format == "lowerRoman" {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's simplified counting;
/// beyond 9,999 the digits are written one by one).
fn chinese_counting(n: i64) -> String {
    if n >= 10_000 {
        return n
            .to_string()
            .chars()
            .map(|d| {
                d.to_digit(10)
                    .and_then(|d| CN_DIGITS.get(d as usize).copied())
                    .unwrap_or(d)
            })
            .collect();
    }
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ['千', '百', '十', ' '];
    let mut out = String::new();
    let mut zero = false;
    for (i, d) in digits.iter().enumerate() {
        let d = *d as usize;
        if d == 0 {
            if !out.is_empty() {
                zero = true;
            }
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十 alone for 10–19 at the start, as Word writes 十一 rather than 一十一.
        if !(i == 2 && d == 1 && out.is_empty()) {
            if let Some(c) = CN_DIGITS.get(d) {
                out.push(*c);
            }
        }
        if let Some(u) = units.get(i).filter(|u| **u != ' ') {
            out.push(*u);
        }
    }
    out
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let mut n = n;
    let mut out = String::new();
    for (v, s) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Styles: numbering that a paragraph takes from its style (headings often do).

#[derive(Debug, Default, Clone)]
struct StyleNum {
    based_on: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
}

/// Paragraph styles with their numbering, resolved through `w:basedOn`.
type Styles = HashMap<String, (Option<i64>, i64)>;

fn parse_styles(xml: &str) -> Styles {
    let mut raw: HashMap<String, StyleNum> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, StyleNum)> = None;
    let mut depth = 0usize;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                if local(e.name().as_ref()) == "style" {
                    if let Some((id, s)) = current.take() {
                        raw.insert(id, s);
                    }
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        if !empty {
            depth += 1;
            if depth > limits::MAX_XML_DEPTH {
                break;
            }
        }
        let name = e.name();
        match local(name.as_ref()) {
            "style" if !empty => {
                current = attr(&e, "styleId").map(|id| (id, StyleNum::default()));
            }
            "basedOn" => {
                if let Some((_, s)) = current.as_mut() {
                    s.based_on = attr(&e, "val");
                }
            }
            "numId" => {
                if let Some((_, s)) = current.as_mut() {
                    s.num_id = attr_num(&e, "val");
                }
            }
            "ilvl" => {
                if let Some((_, s)) = current.as_mut() {
                    s.ilvl = attr_num(&e, "val");
                }
            }
            _ => {}
        }
    }
    let mut out = Styles::new();
    for id in raw.keys() {
        let (mut num, mut ilvl) = (None, None);
        let mut at = Some(id.clone());
        // basedOn chains are short; a cycle stops at the bound.
        for _ in 0..16 {
            let Some(s) = at.as_ref().and_then(|a| raw.get(a)) else {
                break;
            };
            num = num.or(s.num_id);
            ilvl = ilvl.or(s.ilvl);
            at = s.based_on.clone();
        }
        if num.is_some() || ilvl.is_some() {
            out.insert(id.clone(), (num, ilvl.unwrap_or(0)));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The document

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<i64>,
    ilvl: Option<i64>,
    style: Option<String>,
}

/// How a cell being read will stand in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct OpenCell {
    /// The cell's paragraphs so far.
    paras: Vec<String>,
    grid_span: usize,
    merge: Merge,
    /// A table started inside this cell: the cell is layout, its paragraphs are lines.
    container: bool,
}

/// A cell of a row being read, before the row has its grid index.
#[derive(Debug)]
enum Pending {
    Data(String),
    /// A `w:vMerge` continuation: a copy of (grid row, cell index) above, or an empty
    /// data cell when nothing above started the merge.
    Below(Option<(usize, usize)>, String),
    /// The grid columns of a container cell (no cell of its own in the row).
    Container,
}

#[derive(Debug)]
struct Table {
    index: usize,
    /// For each Word grid column: the origin (grid row, cell index) of the cell that the
    /// row above has there, to resolve `w:vMerge` continuations.
    above: Vec<Option<(usize, usize)>>,
    /// The row being read: its cells with the Word grid column each starts at and spans.
    row: Option<Vec<(Pending, usize, usize)>>,
    /// `w:gridBefore` of the row being read.
    grid_before: usize,
    cell: Option<OpenCell>,
}

/// What the reader is inside of, for elements whose meaning depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// `w:pPr` of the current paragraph (numbering and style live here).
    ParaProps,
    /// `w:tcPr` of the current cell.
    CellProps,
    /// `w:trPr` of the current row.
    RowProps,
    /// Another property block (`w:rPr`, `w:tblPr`, `w:sectPr` …): nothing to read.
    OtherProps,
    /// `w:t`, `w:instrText` …: text that is content.
    Text,
    /// `mc:AlternateContent`: whether one of its branches was read already.
    Alternate { taken: bool },
}

struct Builder {
    numbering: Numbering,
    styles: Styles,
    text: String,
    rows: Rows,
    cells: usize,
    tables: Vec<Table>,
    table_count: usize,
    /// Tables nested beyond `MAX_TABLE_DEPTH`, read as text of the innermost followed cell.
    ignored_tables: usize,
    paras: Vec<Para>,
    /// Open elements that matter (properties, text, alternate content), with the XML depth
    /// each opened at.
    ctx: Vec<(Ctx, usize)>,
    /// Depth of an element whose content is dropped (deleted text, a fallback …), if any.
    skip_from: Option<usize>,
    /// `w:txbxContent` levels open: their paragraphs are lines of their own.
    text_boxes: Vec<(usize, usize)>,
    depth: usize,
}

impl Builder {
    fn new(numbering: Numbering, styles: Styles) -> Builder {
        Builder {
            numbering,
            styles,
            text: String::new(),
            rows: Rows::new(),
            cells: 0,
            tables: Vec::new(),
            table_count: 0,
            ignored_tables: 0,
            paras: Vec::new(),
            ctx: Vec::new(),
            skip_from: None,
            text_boxes: Vec::new(),
            depth: 0,
        }
    }

    fn run(&mut self, xml: &str) -> Result<(), InputError> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = false;
        reader.config_mut().allow_unmatched_ends = true;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    self.depth += 1;
                    if self.depth > limits::MAX_XML_DEPTH {
                        // Not followed: its content is dropped until it closes.
                        if self.skip_from.is_none() {
                            self.skip_from = Some(self.depth);
                        }
                        continue;
                    }
                    self.start(&e, false)?;
                }
                Ok(Event::Empty(e)) => {
                    self.depth += 1;
                    if self.depth <= limits::MAX_XML_DEPTH {
                        self.start(&e, true)?;
                        let name = e.name();
                        self.end(local(name.as_ref()))?;
                    }
                    self.close_depth();
                }
                Ok(Event::End(e)) => {
                    if self.depth <= limits::MAX_XML_DEPTH {
                        let name = e.name();
                        self.end(local(name.as_ref()))?;
                    }
                    self.close_depth();
                }
                Ok(Event::Text(t)) => {
                    if self.in_text() {
                        let s = t.xml10_content();
                        self.push_text(&s);
                    }
                }
                Ok(Event::CData(t)) => {
                    if self.in_text() {
                        let s: &str = &t;
                        let s = s.to_string();
                        self.push_text(&s);
                    }
                }
                Ok(Event::GeneralRef(r)) => {
                    if self.in_text() {
                        let c = match r.resolve_char_ref() {
                            Ok(Some(c)) => Some(c.to_string()),
                            _ => {
                                let name = r.xml10_content();
                                quick_xml::escape::resolve_predefined_entity(&name)
                                    .map(str::to_string)
                            }
                        };
                        if let Some(c) = c {
                            self.push_text(&c);
                        }
                    }
                }
                Ok(Event::Eof) => break,
                // A damaged document keeps what was read up to the damage.
                Err(_) => break,
                Ok(_) => {}
            }
        }
        Ok(())
    }

    /// An element closed at the current depth: leave the contexts opened there.
    fn close_depth(&mut self) {
        let d = self.depth;
        while self.ctx.last().is_some_and(|(_, at)| *at >= d) {
            self.ctx.pop();
        }
        if self.skip_from.is_some_and(|s| s >= d) {
            self.skip_from = None;
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn in_ctx(&self, c: Ctx) -> bool {
        self.ctx.last().map(|(x, _)| *x) == Some(c)
    }

    fn in_text(&self) -> bool {
        self.skip_from.is_none() && self.in_ctx(Ctx::Text)
    }

    fn skip(&mut self) {
        if self.skip_from.is_none() {
            self.skip_from = Some(self.depth);
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), InputError> {
        if self.skip_from.is_some() {
            return Ok(());
        }
        let name = e.name();
        let tag = local(name.as_ref());
        let d = self.depth;
        let in_props = matches!(
            self.ctx.last().map(|(c, _)| *c),
            Some(Ctx::ParaProps | Ctx::CellProps | Ctx::RowProps | Ctx::OtherProps)
        );
        if in_props {
            self.property(tag, e);
            return Ok(());
        }
        match tag {
            // Deleted and moved-away text, field instructions, ruby guide text, the
            // properties of content controls: not part of what the document says.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "rt" | "sdtPr"
            | "sdtEndPr" | "footnoteReference" | "endnoteReference" => self.skip(),
            "AlternateContent" => self.ctx.push((Ctx::Alternate { taken: false }, d)),
            "Choice" | "Fallback" => {
                let parent = self
                    .ctx
                    .iter_mut()
                    .rev()
                    .find(|(c, _)| matches!(c, Ctx::Alternate { .. }));
                match parent {
                    Some((Ctx::Alternate { taken }, _)) if !*taken => *taken = true,
                    _ => self.skip(),
                }
            }
            "pPr" => self.ctx.push((Ctx::ParaProps, d)),
            "tcPr" => self.ctx.push((Ctx::CellProps, d)),
            "trPr" => self.ctx.push((Ctx::RowProps, d)),
            "rPr" | "tblPr" | "tblGrid" | "sectPr" | "tblPrEx" | "tblStylePr" | "numPr" => {
                self.ctx.push((Ctx::OtherProps, d))
            }
            "t" => self.ctx.push((Ctx::Text, d)),
            "tab" | "ptab" => self.push_text("\t"),
            "br" | "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "txbxContent" => {
                self.text_boxes.push((d, self.tables.len()));
                // The paragraph holding the box goes on after it; the box's own
                // paragraphs are read on a fresh stack level.
            }
            "p" => self.paras.push(Para::default()),
            "tbl" => self.start_table()?,
            "tr" => self.start_row(),
            "tc" => self.start_cell(),
            _ => {}
        }
        let _ = empty;
        Ok(())
    }

    /// An element inside a property block.
    fn property(&mut self, tag: &str, e: &BytesStart<'_>) {
        match self.ctx.last().map(|(c, _)| *c) {
            Some(Ctx::ParaProps) => match tag {
                "numId" => {
                    if let Some(p) = self.paras.last_mut() {
                        p.num_id = attr_num(e, "val");
                    }
                }
                "ilvl" => {
                    if let Some(p) = self.paras.last_mut() {
                        p.ilvl = attr_num(e, "val");
                    }
                }
                "pStyle" => {
                    if let Some(p) = self.paras.last_mut() {
                        p.style = attr(e, "val");
                    }
                }
                // Tracked changes of the properties hold the old properties.
                "pPrChange" | "rPr" => self.skip(),
                _ => {}
            },
            Some(Ctx::CellProps) if self.ignored_tables == 0 => match tag {
                "gridSpan" => {
                    let n = attr_num(e, "val").unwrap_or(1);
                    if let Some(c) = self.open_cell() {
                        c.grid_span = usize::try_from(n).unwrap_or(1).clamp(1, limits::MAX_SPAN);
                    }
                }
                "vMerge" => {
                    let restart = attr(e, "val").as_deref() == Some("restart");
                    if let Some(c) = self.open_cell() {
                        c.merge = if restart {
                            Merge::Restart
                        } else {
                            Merge::Continue
                        };
                    }
                }
                "tcPrChange" => self.skip(),
                _ => {}
            },
            Some(Ctx::RowProps) => match tag {
                "gridBefore" => {
                    let n = attr_num(e, "val").unwrap_or(0);
                    if let Some(t) = self.followed_table() {
                        t.grid_before = usize::try_from(n).unwrap_or(0).min(limits::MAX_SPAN);
                    }
                }
                "trPrChange" => self.skip(),
                _ => {}
            },
            _ => {}
        }
    }

    fn end(&mut self, tag: &str) -> Result<(), InputError> {
        if self.skip_from.is_some() {
            return Ok(());
        }
        match tag {
            "p" => self.end_para()?,
            "tbl" => self.end_table()?,
            "tr" => self.end_row()?,
            "tc" => self.end_cell()?,
            "txbxContent" => {
                self.text_boxes.pop();
            }
            _ => {}
        }
        Ok(())
    }

    // -- where paragraphs go -------------------------------------------------------------

    /// The table whose structure is followed (not nested too deep), if the reader is in one.
    fn followed_table(&mut self) -> Option<&mut Table> {
        if self.ignored_tables > 0 {
            return None;
        }
        self.tables.last_mut()
    }

    /// The open cell of the innermost followed table, unless a text box opened inside it.
    fn open_cell(&mut self) -> Option<&mut OpenCell> {
        let boxed = self
            .text_boxes
            .last()
            .is_some_and(|(_, tables)| *tables >= self.tables.len());
        if boxed {
            return None;
        }
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    fn end_para(&mut self) -> Result<(), InputError> {
        let Some(p) = self.paras.pop() else {
            return Ok(());
        };
        let mut text = p.text;
        let (style_num, style_lvl) = p
            .style
            .as_ref()
            .and_then(|s| self.styles.get(s))
            .copied()
            .unwrap_or((None, 0));
        let num_id = p.num_id.or(style_num);
        let ilvl = p.ilvl.unwrap_or(style_lvl);
        if let (Some(id), Some(lvl)) = (num_id, usize::try_from(ilvl).ok()) {
            // An empty paragraph shows no number and does not count.
            if !text.trim().is_empty() {
                if let Some(label) = self.numbering.label(id, lvl) {
                    text.insert_str(0, &label);
                }
            }
        }
        match self.open_cell() {
            Some(cell) if !cell.container => {
                let t = text.trim_matches(is_space);
                if !t.is_empty() {
                    cell.paras.push(t.to_string());
                }
            }
            _ => {
                // A line of the text of its own per line break.
                for line in text.split('\n') {
                    self.line(line)?;
                }
            }
        }
        Ok(())
    }

    /// A one-cell row for a paragraph line outside any table cell.
    fn line(&mut self, s: &str) -> Result<(), InputError> {
        let t = s.trim_matches(is_space);
        if t.is_empty() {
            return Ok(());
        }
        let span = self.write(t)?;
        self.text.push('\n');
        self.rows.push(&self.text, t, span, CellKind::Data);
        self.rows.end_row(span, None);
        self.count_cells(1)
    }

    /// Append to the derived text, returning the span written.
    fn write(&mut self, s: &str) -> Result<Span, InputError> {
        let start = self.text.len();
        if start + s.len() > limits::MAX_INPUT_BYTES {
            return Err(InputErrorKind::TooLarge {
                bytes: start + s.len(),
                limit: limits::MAX_INPUT_BYTES,
            }
            .into());
        }
        self.text.push_str(s);
        Ok(Span::new(start, self.text.len()))
    }

    fn count_cells(&mut self, n: usize) -> Result<(), InputError> {
        self.cells += n;
        if self.cells > limits::MAX_GRID_CELLS {
            return Err(InputErrorKind::TooManyCells {
                limit: limits::MAX_GRID_CELLS,
            }
            .into());
        }
        Ok(())
    }

    // -- tables --------------------------------------------------------------------------

    fn start_table(&mut self) -> Result<(), InputError> {
        if self.ignored_tables > 0 || self.tables.len() >= limits::MAX_TABLE_DEPTH {
            self.ignored_tables += 1;
            return Ok(());
        }
        // A table inside a cell makes the cell layout: what it read so far are lines.
        let flushed = match self.open_cell() {
            Some(cell) if !cell.container => {
                cell.container = true;
                std::mem::take(&mut cell.paras)
            }
            _ => Vec::new(),
        };
        for p in flushed {
            for line in p.split('\n') {
                self.line(line)?;
            }
        }
        let index = self.table_count;
        self.table_count += 1;
        self.tables.push(Table {
            index,
            above: Vec::new(),
            row: None,
            grid_before: 0,
            cell: None,
        });
        Ok(())
    }

    fn end_table(&mut self) -> Result<(), InputError> {
        if self.ignored_tables > 0 {
            self.ignored_tables -= 1;
            return Ok(());
        }
        if self.tables.last().is_some_and(|t| t.row.is_some()) {
            self.end_row()?;
        }
        self.tables.pop();
        Ok(())
    }

    fn start_row(&mut self) {
        if let Some(t) = self.followed_table() {
            t.row = Some(Vec::new());
            t.grid_before = 0;
            t.cell = None;
        }
    }

    fn start_cell(&mut self) {
        if let Some(t) = self.followed_table() {
            if t.row.is_none() {
                t.row = Some(Vec::new());
            }
            t.cell = Some(OpenCell {
                paras: Vec::new(),
                grid_span: 1,
                merge: Merge::None,
                container: false,
            });
        }
    }

    fn end_cell(&mut self) -> Result<(), InputError> {
        if self.ignored_tables > 0 {
            return Ok(());
        }
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(cell) = t.cell.take() else {
            return Ok(());
        };
        let Some(row) = t.row.as_mut() else {
            return Ok(());
        };
        let col = row
            .last()
            .map(|(_, c, span)| c + span)
            .unwrap_or(t.grid_before);
        let text = cell.paras.join("\n");
        let pending = if cell.container {
            Pending::Container
        } else if cell.merge == Merge::Continue {
            Pending::Below(t.above.get(col).copied().flatten(), text)
        } else {
            Pending::Data(text)
        };
        row.push((pending, col, cell.grid_span));
        Ok(())
    }

    /// The row as one line of the derived text, its cells separated by tabs; a grid row
    /// of its data cells, gridSpan and vMerge copies in their places.
    fn end_row(&mut self) -> Result<(), InputError> {
        if self.ignored_tables > 0 {
            return Ok(());
        }
        if self.tables.last().is_some_and(|t| t.cell.is_some()) {
            self.end_cell()?;
        }
        let grid_row = self.rows.len();
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(pending) = t.row.take() else {
            return Ok(());
        };
        let index = t.index;
        let mut above = std::mem::take(&mut t.above);
        let has_data = pending
            .iter()
            .any(|(p, _, _)| matches!(p, Pending::Data(_) | Pending::Below(None, _)));
        // Cells go to the grid as the line is written; a copy's origin (row, column)
        // becomes a cell index.
        let first_cell = self.rows.next_cell();
        let origin_of = |rows: &Rows, (orow, ocol): (usize, usize)| {
            rows.get(orow).map_or(first_cell, |r| r.cells.first_index()) + ocol
        };
        let row_start = self.text.len();
        let mut first = true;
        for (p, col, span) in pending {
            if matches!(p, Pending::Container) {
                for c in col..col + span {
                    if let Some(slot) = above.get_mut(c) {
                        *slot = None;
                    }
                }
                continue;
            }
            if !has_data {
                continue;
            }
            if !first {
                self.text.push('\t');
            }
            first = false;
            let (text, origin) = match p {
                Pending::Data(s) => (s, None),
                Pending::Below(o, s) => (s, o),
                Pending::Container => continue,
            };
            let at = self.text.len();
            let written = {
                let start = self.text.len();
                if start + text.len() > limits::MAX_INPUT_BYTES {
                    return Err(InputErrorKind::TooLarge {
                        bytes: start + text.len(),
                        limit: limits::MAX_INPUT_BYTES,
                    }
                    .into());
                }
                self.text.push_str(&text);
                Span::new(start, self.text.len())
            };
            let cell_index = self.rows.open_len();
            let here = match origin {
                Some((orow, ocol)) => {
                    // The merged cell's own text (rarely any) stays in the line, not in
                    // the grid: the cell stands for the one above.
                    let origin = origin_of(&self.rows, (orow, ocol));
                    self.rows.push(
                        &self.text,
                        "",
                        Span::new(at, at),
                        CellKind::SpanCopy { origin },
                    );
                    (orow, ocol)
                }
                None => {
                    self.rows.push(&self.text, &text, written, CellKind::Data);
                    (grid_row, cell_index)
                }
            };
            let copy_span = if origin.is_some() {
                Span::new(at, at)
            } else {
                written
            };
            for _ in 1..span {
                let origin = origin_of(&self.rows, here);
                self.rows
                    .push(&self.text, "", copy_span, CellKind::SpanCopy { origin });
            }
            if above.len() < col + span {
                above.resize(col + span, None);
            }
            for c in col..col + span {
                if let Some(slot) = above.get_mut(c) {
                    *slot = Some(here);
                }
            }
        }
        if let Some(t) = self.tables.last_mut() {
            t.above = above;
        }
        let n = self.rows.open_len();
        if !has_data || n == 0 {
            self.rows.discard_open();
            return Ok(());
        }
        let row_end = self.text.len();
        self.text.push('\n');
        self.rows
            .end_row(Span::new(row_start, row_end), Some(index));
        self.count_cells(n)
    }

    fn finish(mut self) -> Result<Grid, InputError> {
        // A document cut off inside a paragraph: the paragraph goes to its cell first.
        while !self.paras.is_empty() {
            self.end_para()?;
        }
        while !self.tables.is_empty() {
            self.end_table()?;
        }
        if self.text.trim().is_empty() {
            return Err(InputErrorKind::Empty.into());
        }
        let mut rows = self.rows;
        rows.shrink_to_fit();
        Ok(Grid::new(self.text, Shape::Docx, rows))
    }
}

/// Whitespace trimmed from the ends of a cell or line (tabs of numbering included).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

    /// A package of a document body, with optional numbering and styles parts.
    fn package(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut part = |name: &str, xml: String| {
            w.start_file(name, opts).expect("start");
            w.write_all(xml.as_bytes()).expect("write");
        };
        part(
            "word/document.xml",
            format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        );
        if let Some(n) = numbering {
            part(
                "word/numbering.xml",
                format!("<w:numbering {W}>{n}</w:numbering>"),
            );
        }
        if let Some(st) = styles {
            part("word/styles.xml", format!("<w:styles {W}>{st}</w:styles>"));
        }
        w.finish().expect("finish").into_inner()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, body: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    }

    /// Rows as cell texts, span copies as `^`.
    fn rows(grid: &Grid) -> Vec<Vec<String>> {
        grid.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| match c.kind {
                        CellKind::SpanCopy { .. } => "^".to_string(),
                        _ => c.text.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    fn read_body(body: &str) -> Grid {
        read(&package(body, None, None)).expect("reads")
    }

    #[test]
    fn merges_become_span_copies_of_their_origin() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("<w:vMerge w:val=\"restart\"/>", &p("A")),
            tc("<w:gridSpan w:val=\"2\"/>", &p("B")),
            tc("<w:vMerge/>", "<w:p/>"),
            tc("", &p("1")),
            tc("", &p("2")),
        );
        let g = read_body(&body);
        assert_eq!(rows(&g), [vec!["A", "B", "^"], vec!["^", "1", "2"]]);
        // Origins are cell indices in reading order: `A` is cell 0, `B` cell 1.
        assert_eq!(
            g.rows.row(1).cells.get(0).unwrap().kind,
            CellKind::SpanCopy { origin: 0 }
        );
        assert_eq!(
            g.rows.row(0).cells.get(2).unwrap().kind,
            CellKind::SpanCopy { origin: 1 }
        );
        assert_eq!(g.text(), "A\tB\n\t1\t2\n");
        for c in g.rows.cells().filter(|c| c.is_data()) {
            assert_eq!(&g.text()[c.span.start..c.span.end], c.text);
        }
    }

    #[test]
    fn layout_tables_are_containers_and_runs_join() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", &p("规章")),
            tc(
                "",
                "<w:p><w:r><w:t>1</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p>"
            )
        );
        let body = format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl>",
            tc("", &format!("{}{inner}{}", p("前言"), p("后记")))
        );
        let g = read_body(&body);
        assert_eq!(rows(&g), [vec!["前言"], vec!["规章", "12"], vec!["后记"]]);
        assert_eq!(g.rows.row(1).table, Some(1));
    }

    #[test]
    fn breaks_tabs_tracked_changes_fields_and_one_text_box_copy() {
        let body = concat!(
            "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>",
            "<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>",
            "<w:moveFrom><w:r><w:t>移</w:t></w:r></w:moveFrom><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
            "<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            "<w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:fldSimple w:instr=\"NUMPAGES\"><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>",
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent>",
            "<w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback>",
            "<w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback>",
            "</mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>",
            "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>",
            "<w:p><w:r><w:t>控&amp;件&#x4E00;</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        );
        let g = read_body(body);
        assert_eq!(g.text(), "甲\t乙\n丙\n新79\n框\n后\n控&件一\n");
        let cell = format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl>",
            tc(
                "",
                "<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p>"
            )
        );
        assert_eq!(rows(&read_body(&cell)), [vec!["商业\n企业"]]);
    }

    const LEVELS: &str = concat!(
        "<w:abstractNum w:abstractNumId=\"5\">",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>",
        "<w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%1、\"/></w:lvl>",
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>",
        "<w:suff w:val=\"nothing\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>",
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>",
        "<w:lvlText w:val=\"%3.\"/></w:lvl></w:abstractNum>",
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"5\"/></w:num>",
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"5\"/>",
        "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>",
    );

    fn numbered(num: i64, ilvl: i64, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn automatic_numbers_are_written_with_restarts_and_overrides() {
        let body = [
            numbered(1, 0, "总体情况"),
            numbered(1, 1, "主动公开"),
            numbered(1, 2, "甲"),
            numbered(1, 2, "乙"),
            numbered(1, 1, "依申请公开"),
            numbered(1, 2, "丙"),
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:p>"
                .to_string(),
            numbered(1, 0, "主动公开情况"),
            numbered(1, 1, "规章"),
            numbered(2, 0, "另起"),
            numbered(0, 0, "无编号"),
            "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>样式编号</w:t></w:r></w:p>"
                .to_string(),
        ]
        .concat();
        let styles = concat!(
            "<w:style w:styleId=\"Base\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>",
            "<w:style w:styleId=\"H1\"><w:basedOn w:val=\"Base\"/></w:style>",
        );
        let g = read(&package(&body, Some(LEVELS), Some(styles))).expect("reads");
        let lines: Vec<&str> = g.text().lines().collect();
        assert_eq!(
            lines,
            [
                "一、总体情况",
                "（一）主动公开",
                "1.\t甲",
                "2.\t乙",
                "（二）依申请公开",
                "1.\t丙",
                "二、主动公开情况",
                "（一）规章",
                "五、另起",
                "无编号",
                "三、样式编号",
            ]
        );
    }

    #[test]
    fn chinese_counting_reads_as_word_writes_it() {
        let got: Vec<String> = [1, 2, 9, 10, 11, 20, 21, 100, 105, 110]
            .iter()
            .map(|n| chinese_counting(*n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "二",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(2, "decimalEnclosedCircleChinese"), "②");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
    }
}
