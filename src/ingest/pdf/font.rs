//! Fonts: how the bytes of a shown string split into character codes, each code's text
//! and its advance width. Text comes from the font's `ToUnicode` CMap where it has one;
//! otherwise from what its encoding says: a simple font's base encoding and
//! `Differences`, or for a Type0 font the predefined CMap — `UniGB-UCS2-H` and
//! `UniGB-UTF16-H` codes are UTF-16; `GB-EUC-H`/`GBK-EUC-H` codes go through the
//! GBK-EUC-H CMap (`gbk_euc.bin`) to CIDs; CIDs of an Adobe-GB1 font (those, and
//! `Identity-H`) go through the Adobe-GB1 CID → Unicode table (`adobe_gb1.bin`). Both
//! tables are made by `scripts/make-gb1-table.py` from the Adobe CMap data.

use super::doc::Doc;
use super::syntax::{Dict, Lexer, Obj};
use std::collections::HashMap;
use std::sync::OnceLock;

static GB1: &[u8] = include_bytes!("adobe_gb1.bin");
/// GBK-EUC-H code → CID runs (first code, first CID, length; u16 LE each).
static GBK_EUC: &[u8] = include_bytes!("gbk_euc.bin");

fn gbk_cid(code: u32) -> Option<u32> {
    let run = |i: usize| -> Option<(u32, u32, u32)> {
        let b = GBK_EUC.get(i * 6..i * 6 + 6)?;
        let f = |k: usize| u32::from(u16::from_le_bytes([b[k], b[k + 1]]));
        Some((f(0), f(2), f(4)))
    };
    let n = GBK_EUC.len() / 6;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if run(mid)?.0 <= code {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let (first, cid, len) = run(lo.checked_sub(1)?)?;
    (code < first + len).then_some(cid + (code - first))
}

/// Adobe-GB1 CID → Unicode (BMP).
fn gb1_char(cid: u32) -> Option<char> {
    let i = cid as usize * 2;
    let v = u16::from_le_bytes([*GB1.get(i)?, *GB1.get(i + 1)?]);
    (v != 0).then(|| char::from_u32(u32::from(v))).flatten()
}

/// Unicode → an Adobe-GB1 CID (the first), for the widths of fonts whose codes are text.
fn gb1_cid(c: char) -> Option<u32> {
    static INV: OnceLock<Vec<(u16, u16)>> = OnceLock::new();
    let inv = INV.get_or_init(|| {
        let mut v: Vec<(u16, u16)> = GB1
            .chunks_exact(2)
            .enumerate()
            .filter_map(|(cid, b)| {
                let u = u16::from_le_bytes([b[0], b[1]]);
                (u != 0).then_some((u, cid as u16))
            })
            .collect();
        v.sort_unstable();
        v.dedup_by_key(|p| p.0);
        v
    });
    let u = u16::try_from(u32::from(c)).ok()?;
    inv.binary_search_by_key(&u, |p| p.0)
        .ok()
        .map(|i| u32::from(inv[i].1))
}

/// How codes become text (and CIDs) when there is no ToUnicode entry.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    /// Simple font: one byte, table of `Font::simple`.
    Simple,
    /// Two-byte CIDs; text through the Adobe-GB1 table when the font's ordering is GB1.
    Identity {
        gb1: bool,
    },
    Ucs2,
    Utf16,
    /// GB2312/GBK/GB18030 bytes.
    Gb,
    /// An embedded CMap: code → CID, text through GB1 when the ordering is GB1.
    Embedded {
        gb1: bool,
    },
}

/// Code → destination ranges of a CMap (`bfrange`, `cidrange`), sorted by `lo`.
#[derive(Debug, Default, Clone)]
struct Ranges {
    single: HashMap<u32, Vec<u16>>,
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

impl Ranges {
    fn lookup(&self, code: u32) -> Option<Vec<u16>> {
        if let Some(v) = self.single.get(&code) {
            return Some(v.clone());
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        let (lo, hi, dst) = self.ranges.get(i.checked_sub(1)?)?;
        if code > *hi {
            return None;
        }
        let mut v = dst.clone();
        let off = code - lo;
        if let Some(last) = v.last_mut() {
            *last = last.wrapping_add(off as u16);
        }
        Some(v)
    }
}

#[derive(Debug, Clone)]
pub struct Font {
    encoding: Encoding,
    /// Byte lengths allowed for codes (`codespacerange`), by lead-byte range.
    codespace: Vec<(usize, u32, u32)>,
    to_unicode: Option<Ranges>,
    /// Code → CID for an embedded CMap.
    cids: Ranges,
    simple: Vec<char>,
    /// Widths in glyph units (1/1000 em): by code for simple fonts, by CID for Type0.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph units → text space: 1/1000, or a Type3 font's `FontMatrix` scale.
    width_scale: f64,
}

/// One character code of a shown string.
pub struct Code {
    #[allow(dead_code)]
    pub code: u32,
    pub text: String,
    /// Advance in text space units per font size unit.
    pub width: f64,
    /// A single-byte code 32 (word spacing applies).
    pub space: bool,
}

impl Font {
    pub fn load(doc: &Doc, d: &Dict) -> Font {
        let subtype = doc.get(d, b"Subtype").as_name().unwrap_or(b"");
        let mut font = if subtype == b"Type0" {
            Font::type0(doc, d)
        } else {
            Font::simple_font(doc, d)
        };
        if let Some(data) = stream_of(doc, doc.get(d, b"ToUnicode")) {
            let cmap = parse_cmap(&data);
            if !cmap.1.single.is_empty() || !cmap.1.ranges.is_empty() {
                font.to_unicode = Some(cmap.1);
            }
        }
        font
    }

    fn simple_font(doc: &Doc, d: &Dict) -> Font {
        let mut table: Vec<char> = (0u32..256)
            .map(|b| match b {
                0x80..=0x9F => win_ansi_high(b as u8),
                _ => char::from_u32(b).unwrap_or('\u{FFFD}'),
            })
            .collect();
        let enc = doc.get(d, b"Encoding");
        if let Some(ed) = enc.as_dict() {
            if let Obj::Array(diffs) = doc.get(ed, b"Differences") {
                let mut code = 0usize;
                for o in diffs {
                    match doc.resolve(o) {
                        Obj::Int(i) => code = (*i).clamp(0, 255) as usize,
                        Obj::Name(n) => {
                            if let (Some(slot), Some(c)) = (table.get_mut(code), glyph_char(n)) {
                                *slot = c;
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        let first = doc.get(d, b"FirstChar").as_i64().unwrap_or(0).max(0) as u32;
        let mut widths = HashMap::new();
        if let Obj::Array(w) = doc.get(d, b"Widths") {
            for (i, o) in w.iter().take(256).enumerate() {
                if let Some(v) = doc.resolve(o).as_f64() {
                    widths.insert(first + i as u32, v);
                }
            }
        }
        let missing = doc
            .dict(d, b"FontDescriptor")
            .and_then(|fd| doc.get(fd, b"MissingWidth").as_f64())
            .filter(|w| *w > 0.0)
            .unwrap_or(500.0);
        // Type3 glyph widths are in glyph space, mapped by the font's matrix.
        let width_scale = match doc.get(d, b"FontMatrix") {
            Obj::Array(m) if doc.get(d, b"Subtype").as_name() == Some(b"Type3") => m
                .first()
                .and_then(|o| doc.resolve(o).as_f64())
                .filter(|v| v.is_finite() && *v != 0.0)
                .map_or(0.001, f64::abs),
            _ => 0.001,
        };
        Font {
            encoding: Encoding::Simple,
            codespace: vec![(1, 0, 0xFF)],
            to_unicode: None,
            cids: Ranges::default(),
            simple: table,
            widths,
            default_width: missing,
            width_scale,
        }
    }

    fn type0(doc: &Doc, d: &Dict) -> Font {
        let desc = match doc.get(d, b"DescendantFonts") {
            Obj::Array(a) => a.first().and_then(|o| doc.resolve(o).as_dict()),
            o => o.as_dict(),
        };
        let gb1 = desc
            .and_then(|f| doc.dict(f, b"CIDSystemInfo"))
            .and_then(|si| match doc.get(si, b"Ordering") {
                Obj::Str(s) | Obj::Name(s) => Some(s.as_slice() == b"GB1"),
                _ => None,
            })
            .unwrap_or(false);
        let mut cids = Ranges::default();
        let (encoding, codespace) = match doc.get(d, b"Encoding") {
            Obj::Name(n) => predefined(n, gb1),
            o @ Obj::Stream(..) => match stream_of(doc, o) {
                Some(data) => {
                    let (cs, _, c, used) = parse_cmap_full(&data);
                    cids = c;
                    match used {
                        Some(name) if cids.single.is_empty() && cids.ranges.is_empty() => {
                            predefined(&name, gb1)
                        }
                        _ => (
                            Encoding::Embedded { gb1 },
                            if cs.is_empty() {
                                vec![(2, 0, 0xFFFF)]
                            } else {
                                cs
                            },
                        ),
                    }
                }
                None => (Encoding::Identity { gb1 }, vec![(2, 0, 0xFFFF)]),
            },
            _ => (Encoding::Identity { gb1 }, vec![(2, 0, 0xFFFF)]),
        };
        let mut widths = HashMap::new();
        let mut default_width = 1000.0;
        if let Some(f) = desc {
            if let Some(dw) = doc.get(f, b"DW").as_f64() {
                default_width = dw;
            }
            if let Obj::Array(w) = doc.get(f, b"W") {
                let items: Vec<&Obj> = w.iter().map(|o| doc.resolve(o)).collect();
                let mut i = 0;
                while i < items.len() && widths.len() < 200_000 {
                    let Some(c0) = items[i].as_i64() else {
                        i += 1;
                        continue;
                    };
                    let c0 = c0.clamp(0, u32::MAX as i64) as u32;
                    match items.get(i + 1) {
                        Some(Obj::Array(ws)) => {
                            for (k, wv) in ws.iter().enumerate() {
                                if let Some(v) = doc.resolve(wv).as_f64() {
                                    widths.insert(c0.saturating_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let c1 = o.as_i64().unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
                            let v = items.get(i + 2).and_then(|o| o.as_f64()).unwrap_or(1000.0);
                            for c in c0..=c1.min(c0.saturating_add(70_000)) {
                                widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
        Font {
            encoding,
            codespace,
            to_unicode: None,
            cids,
            simple: Vec::new(),
            widths,
            default_width,
            width_scale: 0.001,
        }
    }

    /// Split a shown string into codes.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let n = self.code_len(bytes, i);
            let end = (i + n).min(bytes.len());
            let code = bytes[i..end]
                .iter()
                .fold(0u32, |a, &b| a << 8 | u32::from(b));
            let (text, cid) = self.text_of(code, &bytes[i..end]);
            let width = match self.encoding {
                Encoding::Simple => self.widths.get(&code).copied(),
                _ => cid.and_then(|c| self.widths.get(&c).copied()),
            }
            .unwrap_or(self.default_width)
                * self.width_scale;
            out.push(Code {
                code,
                text,
                width,
                space: end - i == 1 && code == 32,
            });
            i = end;
        }
        out
    }

    fn code_len(&self, b: &[u8], i: usize) -> usize {
        let lead = u32::from(b[i]);
        match self.encoding {
            Encoding::Simple => 1,
            Encoding::Ucs2 | Encoding::Identity { .. } if self.codespace == [(2, 0, 0xFFFF)] => 2,
            Encoding::Utf16 => {
                let hi = b.get(i..i + 2).map(|p| u16::from_be_bytes([p[0], p[1]]));
                if matches!(hi, Some(0xD800..=0xDBFF)) && b.len() >= i + 4 {
                    4
                } else {
                    2
                }
            }
            Encoding::Gb => match lead {
                0x81..=0xFE if b.len() > i + 1 => 2,
                _ => 1,
            },
            _ => {
                // The shortest codespace range whose bytes match.
                for len in 1..=4usize {
                    let Some(p) = b.get(i..i + len) else {
                        break;
                    };
                    let code = p.iter().fold(0u32, |a, &x| a << 8 | u32::from(x));
                    if self
                        .codespace
                        .iter()
                        .any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&code))
                    {
                        return len;
                    }
                }
                self.codespace.iter().map(|c| c.0).min().unwrap_or(2)
            }
        }
    }

    /// The text of a code, and its CID (Type0 fonts).
    fn text_of(&self, code: u32, raw: &[u8]) -> (String, Option<u32>) {
        let mapped = self
            .to_unicode
            .as_ref()
            .and_then(|t| t.lookup(code))
            .map(|u| {
                char::decode_utf16(u)
                    .filter_map(Result::ok)
                    .collect::<String>()
            });
        let (base, cid) = match self.encoding {
            Encoding::Simple => (
                self.simple
                    .get(code as usize)
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                None,
            ),
            Encoding::Identity { gb1 } => (
                if gb1 {
                    gb1_char(code).map(String::from).unwrap_or_default()
                } else {
                    String::new()
                },
                Some(code),
            ),
            Encoding::Ucs2 | Encoding::Utf16 => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect();
                let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
                let cid = s.chars().next().and_then(gb1_cid);
                (s, cid)
            }
            Encoding::Gb => {
                let cid = gbk_cid(code);
                (
                    cid.and_then(gb1_char).map(String::from).unwrap_or_default(),
                    cid,
                )
            }
            Encoding::Embedded { gb1 } => {
                let cid = self
                    .cids
                    .lookup(code)
                    .and_then(|v| v.last().map(|&c| u32::from(c)));
                (
                    if gb1 {
                        cid.and_then(gb1_char).map(String::from).unwrap_or_default()
                    } else {
                        String::new()
                    },
                    cid,
                )
            }
        };
        match mapped {
            Some(m) if !m.is_empty() => (m, cid),
            _ => (base, cid),
        }
    }
}

/// A predefined CMap by name: the encoding and its code lengths.
fn predefined(name: &[u8], gb1: bool) -> (Encoding, Vec<(usize, u32, u32)>) {
    let two = vec![(2, 0, 0xFFFF)];
    match name {
        b"Identity-H" | b"Identity-V" => (Encoding::Identity { gb1 }, two),
        b"UniGB-UCS2-H" | b"UniGB-UCS2-V" => (Encoding::Ucs2, two),
        b"UniGB-UTF16-H" | b"UniGB-UTF16-V" => (Encoding::Utf16, two),
        n if n.starts_with(b"GB") => (Encoding::Gb, Vec::new()),
        // Other predefined CMaps (Japanese, Korean, traditional Chinese): codes of two
        // bytes, without text unless ToUnicode gives it.
        _ => (Encoding::Identity { gb1: false }, two),
    }
}

fn stream_of(doc: &Doc, o: &Obj) -> Option<Vec<u8>> {
    match o {
        Obj::Stream(..) => doc.stream_data(o).ok(),
        _ => None,
    }
}

type Codespace = Vec<(usize, u32, u32)>;

fn parse_cmap(data: &[u8]) -> (Codespace, Ranges) {
    let (cs, uni, _, _) = parse_cmap_full(data);
    (cs, uni)
}

fn code_of(s: &[u8]) -> u32 {
    s.iter().take(4).fold(0u32, |a, &b| a << 8 | u32::from(b))
}

fn utf16_of(s: &[u8]) -> Vec<u16> {
    s.chunks(2)
        .map(|p| {
            if p.len() == 2 {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from(p[0])
            }
        })
        .collect()
}

/// A CMap program: codespace ranges, Unicode destinations (bfchar/bfrange), CID
/// destinations (cidchar/cidrange) and the name of a CMap it uses.
fn parse_cmap_full(data: &[u8]) -> (Codespace, Ranges, Ranges, Option<Vec<u8>>) {
    const MAX_ENTRIES: usize = 200_000;
    let mut l = Lexer::new(data, 0);
    let mut toks: Vec<Obj> = Vec::new();
    let mut cs = Codespace::new();
    let mut uni = Ranges::default();
    let mut cid = Ranges::default();
    let mut used = None;
    let mut mode: &[u8] = b"";
    let mut entries = 0usize;
    while let Ok(o) = l.object(0) {
        entries += 1;
        if entries > MAX_ENTRIES * 4 {
            break;
        }
        let Obj::Op(op) = &o else {
            toks.push(o);
            continue;
        };
        match op.as_slice() {
            b"begincodespacerange"
            | b"beginbfchar"
            | b"beginbfrange"
            | b"begincidchar"
            | b"begincidrange" => {
                mode = match op.as_slice() {
                    b"begincodespacerange" => b"cs",
                    b"beginbfchar" => b"bfc",
                    b"beginbfrange" => b"bfr",
                    b"begincidchar" => b"cidc",
                    _ => b"cidr",
                };
                toks.clear();
            }
            b"endcodespacerange" => {
                for p in toks.chunks_exact(2) {
                    if let (Obj::Str(a), Obj::Str(b)) = (&p[0], &p[1]) {
                        cs.push((a.len().clamp(1, 4), code_of(a), code_of(b)));
                    }
                }
                toks.clear();
            }
            b"endbfchar" => {
                for p in toks.chunks_exact(2) {
                    match (&p[0], &p[1]) {
                        (Obj::Str(a), Obj::Str(b)) => {
                            uni.single.insert(code_of(a), utf16_of(b));
                        }
                        (Obj::Str(a), Obj::Name(n)) => {
                            if let Some(c) = glyph_char(n) {
                                let mut buf = [0u16; 2];
                                uni.single
                                    .insert(code_of(a), c.encode_utf16(&mut buf).to_vec());
                            }
                        }
                        _ => {}
                    }
                }
                toks.clear();
            }
            b"endbfrange" => {
                for p in toks.chunks_exact(3) {
                    let (Obj::Str(a), Obj::Str(b)) = (&p[0], &p[1]) else {
                        continue;
                    };
                    let (lo, hi) = (code_of(a), code_of(b));
                    if hi < lo {
                        continue;
                    }
                    match &p[2] {
                        Obj::Str(d) => uni.ranges.push((lo, hi, utf16_of(d))),
                        Obj::Array(ds) => {
                            for (k, d) in ds.iter().enumerate().take((hi - lo + 1) as usize) {
                                if let Obj::Str(d) = d {
                                    uni.single.insert(lo + k as u32, utf16_of(d));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                toks.clear();
            }
            b"endcidchar" => {
                for p in toks.chunks_exact(2) {
                    if let (Obj::Str(a), Some(c)) = (&p[0], p[1].as_i64()) {
                        cid.single
                            .insert(code_of(a), vec![c.clamp(0, 0xFFFF) as u16]);
                    }
                }
                toks.clear();
            }
            b"endcidrange" => {
                for p in toks.chunks_exact(3) {
                    if let (Obj::Str(a), Obj::Str(b), Some(c)) = (&p[0], &p[1], p[2].as_i64()) {
                        let (lo, hi) = (code_of(a), code_of(b));
                        if hi >= lo {
                            cid.ranges.push((lo, hi, vec![c.clamp(0, 0xFFFF) as u16]));
                        }
                    }
                }
                toks.clear();
            }
            b"usecmap" => {
                if let Some(Obj::Name(n)) = toks.last() {
                    used = Some(n.clone());
                }
                toks.clear();
            }
            _ => {
                if mode.is_empty() {
                    toks.clear();
                }
            }
        }
        if uni.single.len() + uni.ranges.len() + cid.single.len() + cid.ranges.len() > MAX_ENTRIES {
            break;
        }
    }
    uni.ranges.sort_by_key(|r| r.0);
    cid.ranges.sort_by_key(|r| r.0);
    (cs, uni, cid, used)
}

fn win_ansi_high(b: u8) -> char {
    const T: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    T.get(usize::from(b.wrapping_sub(0x80)))
        .copied()
        .unwrap_or('\u{FFFD}')
}

/// A glyph name's character: `uniXXXX`, `uXXXX[XX]`, one-letter names, and the common
/// names of digits and punctuation.
fn glyph_char(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    if s.len() == 1 {
        return s.chars().next();
    }
    if let Some(h) = s.strip_prefix("uni").filter(|h| h.len() >= 4) {
        return u32::from_str_radix(h.get(..4)?, 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(h) = s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Ok(v) = u32::from_str_radix(h, 16) {
            return char::from_u32(v);
        }
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("endash", '–'),
        ("emdash", '—'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("slash", '/'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("percent", '%'),
        ("plus", '+'),
        ("equal", '='),
        ("bar", '|'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("ampersand", '&'),
        ("asterisk", '*'),
        ("numbersign", '#'),
        ("underscore", '_'),
        ("question", '?'),
        ("exclam", '!'),
        ("bullet", '•'),
        ("nbspace", '\u{A0}'),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb1_table_reads_both_ways() {
        assert_eq!(gb1_char(4559), Some('中'));
        assert_eq!(gb1_char(17), Some('0'));
        assert_eq!(gb1_cid('中'), Some(4559));
        // 中 is D6D0 in GB2312.
        assert_eq!(gbk_cid(0xD6D0).and_then(gb1_char), Some('中'));
        assert_eq!(gbk_cid(u32::from(b'1')).and_then(gb1_char), Some('1'));
    }

    #[test]
    fn to_unicode_ranges() {
        let cm = b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar 1 beginbfrange <0020> <0022> <0030> endbfrange";
        let (cs, r) = parse_cmap(cm);
        assert_eq!(cs, vec![(2, 0, 0xFFFF)]);
        assert_eq!(r.lookup(0x10), Some(vec![0x4E2D]));
        assert_eq!(r.lookup(0x21), Some(vec![0x31]));
        assert_eq!(r.lookup(0x23), None);
    }
}
