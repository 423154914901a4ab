//! PDF objects and their tokenizer (ISO 32000-1 §7.2–7.3), shared by the file structure
//! and content streams. Never recurses deeper than `MAX_PDF_NESTING`: a hostile file of a
//! million `[` is refused, not a stack overflow.

use crate::ingest::limits::MAX_PDF_NESTING;

pub type Dict = Vec<(Vec<u8>, Obj)>;

#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// A stream: its dictionary and the byte range of its (still encoded) data in the
    /// buffer it was parsed from.
    Stream(Dict, std::ops::Range<usize>),
    Ref(u32, u16),
    /// An operator of a content stream (or an unknown keyword).
    Op(Vec<u8>),
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) => Some(*r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) if r.is_finite() => Some(*r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
}

/// The value of `key` in a dictionary (not resolved).
pub fn get<'a>(d: &'a Dict, key: &[u8]) -> Option<&'a Obj> {
    d.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'\0')
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Why parsing stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxError {
    /// Nothing more (end of data) or a token that is not an object.
    Eof,
    Bad,
    /// Arrays and dictionaries nested beyond the limit.
    TooDeep,
}

pub struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8], pos: usize) -> Self {
        Lexer { buf, pos }
    }

    pub fn skip_white(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.buf.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A regular token (a keyword or number) at the position, without moving.
    fn word_at(&self, at: usize) -> &'a [u8] {
        let mut end = at;
        while let Some(&b) = self.buf.get(end) {
            if is_white(b) || is_delim(b) {
                break;
            }
            end += 1;
        }
        &self.buf[at.min(end)..end]
    }

    /// The next object; in a content stream, operators come back as `Obj::Op`. A stream
    /// keyword after a dictionary is not handled here (see `doc`).
    pub fn object(&mut self, depth: usize) -> Result<Obj, SyntaxError> {
        if depth > MAX_PDF_NESTING {
            return Err(SyntaxError::TooDeep);
        }
        self.skip_white();
        let Some(&b) = self.buf.get(self.pos) else {
            return Err(SyntaxError::Eof);
        };
        match b {
            b'/' => {
                self.pos += 1;
                let w = self.word_at(self.pos);
                self.pos += w.len();
                Ok(Obj::Name(decode_name(w)))
            }
            b'(' => Ok(Obj::Str(self.literal_string())),
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut d = Dict::new();
                loop {
                    self.skip_white();
                    match self.buf.get(self.pos) {
                        None => return Ok(Obj::Dict(d)),
                        Some(b'>') => {
                            self.pos += 1;
                            if self.buf.get(self.pos) == Some(&b'>') {
                                self.pos += 1;
                            }
                            return Ok(Obj::Dict(d));
                        }
                        Some(b'/') => {
                            let Obj::Name(k) = self.object(depth + 1)? else {
                                return Err(SyntaxError::Bad);
                            };
                            self.skip_white();
                            if matches!(self.buf.get(self.pos), Some(b'>')) {
                                d.push((k, Obj::Null));
                                continue;
                            }
                            let v = self.object_or_ref(depth + 1)?;
                            if let Obj::Op(_) = v {
                                return Ok(Obj::Dict(d));
                            }
                            d.push((k, v));
                        }
                        Some(_) => {
                            // A stray token: skip it.
                            let before = self.pos;
                            let _ = self.object(depth + 1)?;
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
            }
            b'<' => Ok(Obj::Str(self.hex_string())),
            b'[' => {
                self.pos += 1;
                let mut a = Vec::new();
                loop {
                    self.skip_white();
                    match self.buf.get(self.pos) {
                        None => return Ok(Obj::Array(a)),
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Obj::Array(a));
                        }
                        Some(_) => {
                            let before = self.pos;
                            let v = self.object_or_ref(depth + 1)?;
                            if self.pos == before {
                                self.pos += 1;
                            }
                            a.push(v);
                        }
                    }
                }
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                Ok(Obj::Op(vec![b]))
            }
            _ => {
                let w = self.word_at(self.pos);
                if w.is_empty() {
                    self.pos += 1;
                    return Err(SyntaxError::Bad);
                }
                self.pos += w.len();
                Ok(parse_word(w))
            }
        }
    }

    /// An object where `n g R` may stand (file structure, not content streams).
    pub fn object_or_ref(&mut self, depth: usize) -> Result<Obj, SyntaxError> {
        let o = self.object(depth)?;
        if let Obj::Int(n) = o {
            let save = self.pos;
            self.skip_white();
            let w = self.word_at(self.pos);
            if let Obj::Int(g) = parse_word(w) {
                let p2 = self.pos + w.len();
                let mut l2 = Lexer::new(self.buf, p2);
                l2.skip_white();
                if l2.word_at(l2.pos) == b"R" && (0..=u32::MAX as i64).contains(&n) {
                    self.pos = l2.pos + 1;
                    return Ok(Obj::Ref(n as u32, g.clamp(0, u16::MAX as i64) as u16));
                }
            }
            self.pos = save;
            return Ok(Obj::Int(n));
        }
        Ok(o)
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut level = 1usize;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    level += 1;
                    out.push(b);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
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
}

fn decode_name(w: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        if w[i] == b'#' && i + 2 < w.len() + 1 {
            let h = w.get(i + 1..i + 3).and_then(|h| {
                std::str::from_utf8(h)
                    .ok()
                    .and_then(|s| u8::from_str_radix(s, 16).ok())
            });
            if let Some(v) = h {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(w[i]);
        i += 1;
    }
    out
}

fn parse_word(w: &[u8]) -> Obj {
    match w {
        b"true" => return Obj::Bool(true),
        b"false" => return Obj::Bool(false),
        b"null" => return Obj::Null,
        _ => {}
    }
    let numeric = !w.is_empty()
        && w.iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
        && w.iter().any(u8::is_ascii_digit);
    if numeric {
        let s = std::str::from_utf8(w).unwrap_or("0");
        if !s.contains('.') {
            if let Ok(i) = s.parse::<i64>() {
                return Obj::Int(i);
            }
        }
        // Lenient: `--5`, `1.2.3` and the like read as far as they make sense.
        let t = s.trim_start_matches(['+', '-']);
        let neg = s.starts_with('-');
        let mut parts = t.splitn(3, '.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next().unwrap_or("");
        let v: f64 = format!("{}.{}0", if int.is_empty() { "0" } else { int }, frac)
            .parse()
            .unwrap_or(0.0);
        return Obj::Real(if neg { -v } else { v });
    }
    Obj::Op(w.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_parse() {
        let mut l = Lexer::new(b"<< /A [1 2.5 (a\\)b) <4142>] /B 3 0 R /C /N#41 >>", 0);
        let o = l.object_or_ref(0).unwrap_or(Obj::Null);
        let d = o.as_dict().cloned().unwrap_or_default();
        assert_eq!(
            get(&d, b"A"),
            Some(&Obj::Array(vec![
                Obj::Int(1),
                Obj::Real(2.5),
                Obj::Str(b"a)b".to_vec()),
                Obj::Str(b"AB".to_vec())
            ]))
        );
        assert_eq!(get(&d, b"B"), Some(&Obj::Ref(3, 0)));
        assert_eq!(get(&d, b"C"), Some(&Obj::Name(b"NA".to_vec())));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = vec![b'['; 100_000];
        let mut l = Lexer::new(&deep, 0);
        assert_eq!(l.object(0), Err(SyntaxError::TooDeep));
    }
}
