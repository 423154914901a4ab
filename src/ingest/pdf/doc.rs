//! The file structure: every `n g obj … endobj` of the file (found by one forward scan,
//! so a damaged or missing cross-reference table does not matter and later definitions
//! replace earlier ones, as incremental updates intend), objects inside object streams,
//! the trailer, stream data through the filters with an output limit, and the page tree.

use super::syntax::{get, Dict, Lexer, Obj, SyntaxError};
use crate::ingest::limits::{
    MAX_PDF_INFLATED_BYTES, MAX_PDF_NESTING, MAX_PDF_OBJECTS, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES,
};
use crate::ingest::InputErrorKind;
use std::collections::HashMap;

pub struct Doc<'a> {
    pub bytes: &'a [u8],
    objects: HashMap<u32, Obj>,
    /// Decoded data of object streams, which their objects' strings point into.
    pub trailer: Dict,
    inflated: std::cell::Cell<usize>,
}

impl<'a> Doc<'a> {
    pub fn load(bytes: &'a [u8]) -> Result<Doc<'a>, InputErrorKind> {
        let mut doc = Doc {
            bytes,
            objects: HashMap::new(),
            trailer: Dict::new(),
            inflated: std::cell::Cell::new(0),
        };
        let mut trailers: Vec<Dict> = Vec::new();
        let mut count = 0usize;
        let mut i = 0usize;
        let mut object_streams: Vec<u32> = Vec::new();
        while let Some(at) = find_keyword(bytes, i) {
            let (kw, kw_end) = at;
            i = kw_end;
            if kw == Keyword::Trailer {
                let mut l = Lexer::new(bytes, kw_end);
                match l.object(0) {
                    Ok(Obj::Dict(d)) => trailers.push(d),
                    Err(SyntaxError::TooDeep) => return Err(too_deep()),
                    _ => {}
                }
                i = l.pos.max(kw_end);
                continue;
            }
            // `obj`: the object number and generation stand before it.
            let Some(num) = number_before(bytes, kw_end - 3) else {
                continue;
            };
            count += 1;
            if count > MAX_PDF_OBJECTS {
                return Err(InputErrorKind::PdfTooComplex {
                    what: "对象",
                    limit: MAX_PDF_OBJECTS,
                });
            }
            let mut l = Lexer::new(bytes, kw_end);
            let obj = match l.object_or_ref(0) {
                Ok(o) => o,
                Err(SyntaxError::TooDeep) => return Err(too_deep()),
                Err(_) => continue,
            };
            let obj = match obj {
                Obj::Dict(d) => {
                    let mut s = Lexer::new(bytes, l.pos);
                    s.skip_white();
                    if bytes[s.pos.min(bytes.len())..].starts_with(b"stream") {
                        let start = data_start(bytes, s.pos + 6);
                        let end = stream_end(bytes, start, &d, &doc.objects);
                        i = end.max(i);
                        if is_type(&d, b"XRef") {
                            trailers.push(d.clone());
                        }
                        if is_type(&d, b"ObjStm") {
                            object_streams.push(num);
                        }
                        Obj::Stream(d, start..end)
                    } else {
                        i = l.pos.max(i);
                        Obj::Dict(d)
                    }
                }
                o => {
                    i = l.pos.max(i);
                    o
                }
            };
            doc.objects.insert(num, obj);
        }
        // Objects inside object streams, unless defined directly.
        for n in object_streams {
            let Some(Obj::Stream(d, r)) = doc.objects.get(&n).cloned() else {
                continue;
            };
            let data = doc.decode(&d, r)?;
            let first = get(&d, b"First").and_then(Obj::as_i64).unwrap_or(0).max(0) as usize;
            let n_obj = get(&d, b"N").and_then(Obj::as_i64).unwrap_or(0).max(0) as usize;
            let mut l = Lexer::new(&data, 0);
            let mut index = Vec::new();
            for _ in 0..n_obj.min(MAX_PDF_OBJECTS) {
                let (Ok(Obj::Int(num)), Ok(Obj::Int(off))) = (l.object(0), l.object(0)) else {
                    break;
                };
                index.push((num, off));
            }
            for (num, off) in index {
                count += 1;
                if count > MAX_PDF_OBJECTS {
                    return Err(InputErrorKind::PdfTooComplex {
                        what: "对象",
                        limit: MAX_PDF_OBJECTS,
                    });
                }
                let Ok(num) = u32::try_from(num) else {
                    continue;
                };
                if doc.objects.contains_key(&num) {
                    continue;
                }
                let mut l = Lexer::new(&data, first.saturating_add(off.max(0) as usize));
                match l.object_or_ref(0) {
                    // Strings and names are owned; a stream cannot stand in an object stream.
                    Ok(Obj::Stream(..)) => {}
                    Ok(o) => {
                        doc.objects.insert(num, o);
                    }
                    Err(SyntaxError::TooDeep) => return Err(too_deep()),
                    Err(_) => {}
                }
            }
        }
        // The last trailer wins for each key (incremental updates append).
        for t in trailers {
            for (k, v) in t {
                if let Some(slot) = doc.trailer.iter_mut().find(|(kk, _)| *kk == k) {
                    slot.1 = v;
                } else {
                    doc.trailer.push((k, v));
                }
            }
        }
        Ok(doc)
    }

    pub fn resolve<'o>(&'o self, o: &'o Obj) -> &'o Obj {
        let mut o = o;
        for _ in 0..8 {
            match o {
                Obj::Ref(n, _) => match self.objects.get(n) {
                    Some(x) => o = x,
                    None => return &Obj::Null,
                },
                _ => return o,
            }
        }
        &Obj::Null
    }

    /// `d[key]`, resolved.
    pub fn get<'o>(&'o self, d: &'o Dict, key: &[u8]) -> &'o Obj {
        match get(d, key) {
            Some(o) => self.resolve(o),
            None => &Obj::Null,
        }
    }

    pub fn dict<'o>(&'o self, d: &'o Dict, key: &[u8]) -> Option<&'o Dict> {
        self.get(d, key).as_dict()
    }

    pub fn root(&self) -> Option<&Dict> {
        self.dict(&self.trailer, b"Root").or_else(|| {
            self.objects
                .values()
                .filter_map(Obj::as_dict)
                .find(|d| is_type(d, b"Catalog"))
        })
    }

    pub fn encrypted(&self) -> bool {
        get(&self.trailer, b"Encrypt").is_some()
    }

    /// The decoded data of a stream object (an `Obj::Stream` of this file).
    pub fn stream_data(&self, o: &Obj) -> Result<Vec<u8>, InputErrorKind> {
        match self.resolve(o) {
            Obj::Stream(d, r) => self.decode(d, r.clone()),
            _ => Ok(Vec::new()),
        }
    }

    fn decode(&self, d: &Dict, r: std::ops::Range<usize>) -> Result<Vec<u8>, InputErrorKind> {
        let raw = self.bytes.get(r).unwrap_or(&[]);
        let filters: Vec<Vec<u8>> = match self.get(d, b"Filter") {
            Obj::Name(n) => vec![n.clone()],
            Obj::Array(a) => a
                .iter()
                .filter_map(|f| self.resolve(f).as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        let params: Vec<Option<&Dict>> = match self.get(d, b"DecodeParms") {
            Obj::Array(a) => a.iter().map(|p| self.resolve(p).as_dict()).collect(),
            Obj::Dict(p) => vec![Some(p)],
            _ => Vec::new(),
        };
        let mut data = raw.to_vec();
        for (k, f) in filters.iter().enumerate() {
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => {
                    let out = inflate(&data)?;
                    let p = params.get(k).copied().flatten();
                    match p.map(|p| self.get(p, b"Predictor").as_i64().unwrap_or(1)) {
                        Some(pr) if pr >= 10 => {
                            let cols = p
                                .map(|p| self.get(p, b"Columns").as_i64().unwrap_or(1))
                                .unwrap_or(1);
                            unpredict_png(&out, cols.clamp(1, 1 << 16) as usize)
                        }
                        _ => out,
                    }
                }
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                // Images and the rest: not text.
                _ => return Ok(Vec::new()),
            };
            let total = self.inflated.get().saturating_add(data.len());
            self.inflated.set(total);
            if total > MAX_PDF_INFLATED_BYTES {
                return Err(InputErrorKind::PartTooLarge {
                    limit: MAX_PDF_INFLATED_BYTES,
                });
            }
        }
        Ok(data)
    }

    /// The page dictionaries in order, with the resources each inherits.
    pub fn pages(&self) -> Result<Vec<(&Dict, Option<&Dict>)>, InputErrorKind> {
        let mut out = Vec::new();
        let Some(root) = self.root() else {
            return Ok(out);
        };
        let Some(pages) = self.dict(root, b"Pages") else {
            return Ok(out);
        };
        let mut visits = 0usize;
        self.walk(pages, None, 0, &mut out, &mut visits)?;
        Ok(out)
    }

    fn walk<'o>(
        &'o self,
        node: &'o Dict,
        res: Option<&'o Dict>,
        depth: usize,
        out: &mut Vec<(&'o Dict, Option<&'o Dict>)>,
        visits: &mut usize,
    ) -> Result<(), InputErrorKind> {
        *visits += 1;
        if depth > MAX_PDF_NESTING || *visits > MAX_PDF_PAGES * 4 {
            return Err(InputErrorKind::PdfTooComplex {
                what: "页面树层级",
                limit: MAX_PDF_NESTING,
            });
        }
        let res = self.dict(node, b"Resources").or(res);
        match self.get(node, b"Kids") {
            Obj::Array(kids) => {
                for k in kids {
                    if let Some(kd) = self.resolve(k).as_dict() {
                        self.walk(kd, res, depth + 1, out, visits)?;
                    }
                }
            }
            _ => {
                out.push((node, res));
                if out.len() > MAX_PDF_PAGES {
                    return Err(InputErrorKind::PdfTooComplex {
                        what: "页",
                        limit: MAX_PDF_PAGES,
                    });
                }
            }
        }
        Ok(())
    }
}

fn too_deep() -> InputErrorKind {
    InputErrorKind::PdfTooComplex {
        what: "嵌套层级",
        limit: MAX_PDF_NESTING,
    }
}

pub fn is_type(d: &Dict, t: &[u8]) -> bool {
    get(d, b"Type").and_then(Obj::as_name) == Some(t)
}

#[derive(Debug, PartialEq, Eq)]
enum Keyword {
    Obj,
    Trailer,
}

/// The next `obj` or `trailer` keyword standing as a token at or after `from`.
fn find_keyword(b: &[u8], from: usize) -> Option<(Keyword, usize)> {
    let mut i = from;
    while i + 3 <= b.len() {
        let rest = &b[i..];
        let pos = rest
            .windows(3)
            .position(|w| w == b"obj" || w == b"tra")
            .map(|p| p + i)?;
        let before_ok = pos == 0 || super::syntax::is_white(b[pos - 1]);
        if b[pos..].starts_with(b"obj") {
            let end = pos + 3;
            let after_ok = b
                .get(end)
                .is_none_or(|&c| super::syntax::is_white(c) || super::syntax::is_delim(c));
            if before_ok && after_ok {
                return Some((Keyword::Obj, end));
            }
        } else if b[pos..].starts_with(b"trailer") && before_ok {
            return Some((Keyword::Trailer, pos + 7));
        }
        i = pos + 1;
    }
    None
}

/// `n g` right before `obj` at `at`: the object number.
fn number_before(b: &[u8], at: usize) -> Option<u32> {
    let mut j = at;
    let skip_white = |j: &mut usize| {
        while *j > 0 && super::syntax::is_white(b[*j - 1]) {
            *j -= 1;
        }
    };
    let digits = |j: &mut usize| {
        let end = *j;
        while *j > 0 && b[*j - 1].is_ascii_digit() && end - *j < 10 {
            *j -= 1;
        }
        (*j < end).then(|| &b[*j..end])
    };
    skip_white(&mut j);
    digits(&mut j)?;
    skip_white(&mut j);
    let n = digits(&mut j)?;
    std::str::from_utf8(n).ok()?.parse().ok()
}

fn data_start(b: &[u8], mut i: usize) -> usize {
    if b.get(i) == Some(&b'\r') {
        i += 1;
    }
    if b.get(i) == Some(&b'\n') {
        i += 1;
    }
    i.min(b.len())
}

/// Where a stream's data ends: its `/Length` when that is a direct number followed by
/// `endstream`, otherwise the next `endstream` (declared lengths are not trusted).
fn stream_end(b: &[u8], start: usize, d: &Dict, objects: &HashMap<u32, Obj>) -> usize {
    let len = match get(d, b"Length") {
        Some(Obj::Int(n)) => Some(*n),
        Some(Obj::Ref(r, _)) => objects.get(r).and_then(Obj::as_i64),
        _ => None,
    };
    if let Some(n) = len.and_then(|n| usize::try_from(n).ok()) {
        let end = start.saturating_add(n);
        if end <= b.len() {
            let mut k = end;
            while k < b.len() && super::syntax::is_white(b[k]) {
                k += 1;
            }
            if b[k..].starts_with(b"endstream") {
                return end;
            }
        }
    }
    let rest = &b[start..];
    match rest.windows(9).position(|w| w == b"endstream") {
        Some(p) => {
            let mut end = start + p;
            if end > start && b[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && b[end - 1] == b'\r' {
                end -= 1;
            }
            end
        }
        None => b.len(),
    }
}

/// Inflate a zlib (or raw deflate) stream with an output limit; a truncated stream gives
/// what it holds.
fn inflate(data: &[u8]) -> Result<Vec<u8>, InputErrorKind> {
    use miniz_oxide::inflate::TINFLStatus;
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};
    let r = decompress_to_vec_zlib_with_limit(data, MAX_PDF_STREAM_BYTES).or_else(|e| {
        if e.status == TINFLStatus::HasMoreOutput {
            Err(e)
        } else if e.output.is_empty() {
            decompress_to_vec_with_limit(data, MAX_PDF_STREAM_BYTES)
        } else {
            Ok(e.output)
        }
    });
    match r {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(InputErrorKind::PartTooLarge {
            limit: MAX_PDF_STREAM_BYTES,
        }),
        Err(e) => Ok(e.output),
    }
}

fn unpredict_png(data: &[u8], cols: usize) -> Vec<u8> {
    let row = cols + 1;
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; cols];
    for chunk in data.chunks(row) {
        let (kind, line) = (chunk[0], &chunk[1..]);
        let mut cur = vec![0u8; cols];
        for (i, &v) in line.iter().enumerate() {
            let left = if i > 0 { cur[i - 1] } else { 0 };
            let up = prev[i];
            cur[i] = match kind {
                1 => v.wrapping_add(left),
                2 => v.wrapping_add(up),
                3 => v.wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8),
                4 => {
                    let ul = if i > 0 { prev[i - 1] } else { 0 };
                    let p = i16::from(left) + i16::from(up) - i16::from(ul);
                    let (pa, pb, pc) = (
                        (p - i16::from(left)).abs(),
                        (p - i16::from(up)).abs(),
                        (p - i16::from(ul)).abs(),
                    );
                    let pred = if pa <= pb && pa <= pc {
                        left
                    } else if pb <= pc {
                        up
                    } else {
                        ul
                    };
                    v.wrapping_add(pred)
                }
                _ => v,
            };
        }
        out.extend_from_slice(&cur[..line.len()]);
        prev = cur;
    }
    out
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = (b as char).to_digit(16) else {
            continue;
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v as u8),
            None => hi = Some(v as u8),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}
