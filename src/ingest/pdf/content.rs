//! Content streams (ISO 32000-1 §8–9): the text and graphics state machine, enough to
//! place every shown character (text matrix, CTM, font size, character and word spacing,
//! horizontal scaling, rise, `TJ` adjustments, Form XObjects) and to keep the ruling
//! lines tables are drawn with (thin filled rectangles, stroked horizontal and vertical
//! segments). Every operator counts against one budget for the document.

use super::doc::Doc;
use super::font::Font;
use super::syntax::{Dict, Lexer, Obj, SyntaxError};
use crate::ingest::layout::{Page, Rule, Run};
use crate::ingest::limits::{MAX_PDF_GLYPHS, MAX_PDF_NESTING, MAX_PDF_OPERATORS};
use crate::ingest::InputErrorKind;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq)]
struct M([f64; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// `self` then `o`.
    fn then(self, o: M) -> M {
        let (a, b) = (self.0, o.0);
        M([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }
    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let a = self.0;
        (a[0] * x + a[2] * y + a[4], a[1] * x + a[3] * y + a[5])
    }
    fn from_obj(ops: &[Obj]) -> Option<M> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (k, o) in ops[ops.len() - 6..].iter().enumerate() {
            m[k] = o.as_f64().filter(|v| v.is_finite())?;
        }
        Some(M(m))
    }
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

pub struct Interpreter<'d, 'a> {
    doc: &'d Doc<'a>,
    fonts: HashMap<usize, Rc<Font>>,
    pub ops: usize,
    glyphs: usize,
}

struct Path {
    subpaths: Vec<Vec<(f64, f64)>>,
}

impl<'d, 'a> Interpreter<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            ops: 0,
            glyphs: 0,
        }
    }

    /// Runs and rules of one page.
    pub fn page(
        &mut self,
        page: &Dict,
        res: Option<&Dict>,
        index: usize,
    ) -> Result<Page, InputErrorKind> {
        let doc = self.doc;
        let mut data = Vec::new();
        match doc.get(page, b"Contents") {
            Obj::Array(parts) => {
                for p in parts {
                    data.extend(doc.stream_data(p)?);
                    data.push(b'\n');
                }
            }
            o @ Obj::Stream(..) => data = doc.stream_data(o)?,
            _ => {}
        }
        let media = match doc.get(page, b"MediaBox") {
            Obj::Array(a) if a.len() == 4 => {
                let v: Vec<f64> = a
                    .iter()
                    .map(|o| doc.resolve(o).as_f64().unwrap_or(0.0))
                    .collect();
                [v[0], v[1], v[2], v[3]]
            }
            _ => [0.0, 0.0, 595.0, 842.0],
        };
        let mut out = Page {
            index,
            runs: Vec::new(),
            rules: Vec::new(),
            top: media[1].max(media[3]),
            bottom: media[1].min(media[3]),
        };
        let st = State {
            ctm: M::ID,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut forms = Vec::new();
        self.run(&data, res, st, &mut out, 0, &mut forms)?;
        Ok(out)
    }

    fn font(&mut self, res: Option<&Dict>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = doc.dict(res?, b"Font")?;
        let fd = doc.get(fonts, name).as_dict()?;
        let key = fd as *const Dict as usize;
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(doc, fd));
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    fn run(
        &mut self,
        data: &[u8],
        res: Option<&Dict>,
        mut st: State,
        out: &mut Page,
        depth: usize,
        forms: &mut Vec<usize>,
    ) -> Result<(), InputErrorKind> {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = M::ID;
        let mut tlm = M::ID;
        let mut args: Vec<Obj> = Vec::new();
        let mut path = Path {
            subpaths: Vec::new(),
        };
        let mut l = Lexer::new(data, 0);
        loop {
            let o = match l.object(0) {
                Ok(o) => o,
                Err(SyntaxError::Eof) => break,
                Err(SyntaxError::TooDeep) => {
                    return Err(InputErrorKind::PdfTooComplex {
                        what: "嵌套层级",
                        limit: MAX_PDF_NESTING,
                    })
                }
                Err(SyntaxError::Bad) => continue,
            };
            let Obj::Op(op) = o else {
                if args.len() < 64 {
                    args.push(o);
                }
                continue;
            };
            self.ops += 1;
            if self.ops > MAX_PDF_OPERATORS {
                return Err(InputErrorKind::PdfTooComplex {
                    what: "绘制指令",
                    limit: MAX_PDF_OPERATORS,
                });
            }
            let num = |k: usize| -> f64 {
                args.len()
                    .checked_sub(k)
                    .and_then(|i| args.get(i))
                    .and_then(Obj::as_f64)
                    .filter(|v| v.is_finite())
                    .unwrap_or(0.0)
            };
            match op.as_slice() {
                b"q" if stack.len() < 256 => stack.push(st.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = M::from_obj(&args) {
                        st.ctm = m.then(st.ctm);
                    }
                }
                b"BT" => {
                    tm = M::ID;
                    tlm = M::ID;
                }
                b"Tf" => {
                    st.size = num(1);
                    let name = args
                        .len()
                        .checked_sub(2)
                        .and_then(|i| args.get(i))
                        .and_then(Obj::as_name)
                        .map(<[u8]>::to_vec);
                    st.font = name.and_then(|n| self.font(res, &n));
                }
                b"Tc" => st.char_spacing = num(1),
                b"Tw" => st.word_spacing = num(1),
                b"Tz" => st.scale = num(1) / 100.0,
                b"TL" => st.leading = num(1),
                b"Ts" => st.rise = num(1),
                b"Td" | b"TD" => {
                    let (tx, ty) = (num(2), num(1));
                    if op == b"TD" {
                        st.leading = -ty;
                    }
                    tlm = M([1.0, 0.0, 0.0, 1.0, tx, ty]).then(tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = M::from_obj(&args) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = M([1.0, 0.0, 0.0, 1.0, 0.0, -st.leading]).then(tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            st.word_spacing = num(3);
                            st.char_spacing = num(2);
                        }
                        tlm = M([1.0, 0.0, 0.0, 1.0, 0.0, -st.leading]).then(tlm);
                        tm = tlm;
                    }
                    let items: Vec<Obj> = match args.last() {
                        Some(Obj::Array(a)) if op == b"TJ" => a.clone(),
                        Some(s @ Obj::Str(_)) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    for it in items {
                        match it {
                            Obj::Str(s) => {
                                self.glyphs += s.len();
                                if self.glyphs > MAX_PDF_GLYPHS {
                                    return Err(InputErrorKind::PdfTooComplex {
                                        what: "文字",
                                        limit: MAX_PDF_GLYPHS,
                                    });
                                }
                                self.show(&s, &st, &mut tm, out)
                            }
                            o => {
                                if let Some(n) = o.as_f64().filter(|v| v.is_finite()) {
                                    let tx = -n / 1000.0 * st.size * st.scale;
                                    tm = M([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(tm);
                                }
                            }
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (num(4), num(3), num(2), num(1));
                    let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                    path.subpaths
                        .push(pts.iter().map(|&(a, b)| st.ctm.apply(a, b)).collect());
                }
                b"m" => {
                    let p = st.ctm.apply(num(2), num(1));
                    path.subpaths.push(vec![p]);
                }
                b"l" => {
                    let p = st.ctm.apply(num(2), num(1));
                    if let Some(sp) = path.subpaths.last_mut() {
                        if sp.len() < 4096 {
                            sp.push(p);
                        }
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not rules: end the straight part.
                    let p = st.ctm.apply(num(2), num(1));
                    path.subpaths.push(vec![p]);
                }
                b"h" => {
                    if let Some(sp) = path.subpaths.last_mut() {
                        if let Some(&first) = sp.first() {
                            sp.push(first);
                        }
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    let stroke = matches!(op.as_slice(), b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    keep_rules(&path, stroke, out);
                    path.subpaths.clear();
                }
                b"n" => path.subpaths.clear(),
                b"BI" => {
                    // Inline image: skip its data up to `EI`.
                    let rest = &data[l.pos.min(data.len())..];
                    if let Some(p) = find(rest, b"ID") {
                        let after = &rest[p + 2..];
                        let end = find_ei(after).map_or(rest.len(), |e| p + 2 + e + 2);
                        l.pos += end;
                    } else {
                        l.pos = data.len();
                    }
                }
                b"Do" => {
                    let name = args.last().and_then(Obj::as_name).map(<[u8]>::to_vec);
                    if let (Some(name), Some(r)) = (name, res) {
                        self.form(r, &name, &st, out, depth, forms)?;
                    }
                }
                _ => {}
            }
            args.clear();
        }
        Ok(())
    }

    fn form(
        &mut self,
        res: &Dict,
        name: &[u8],
        st: &State,
        out: &mut Page,
        depth: usize,
        forms: &mut Vec<usize>,
    ) -> Result<(), InputErrorKind> {
        let doc = self.doc;
        let Some(xo) = doc.dict(res, b"XObject") else {
            return Ok(());
        };
        let obj = doc.get(xo, name);
        let Obj::Stream(d, _) = obj else {
            return Ok(());
        };
        if doc.get(d, b"Subtype").as_name() != Some(b"Form") {
            return Ok(());
        }
        let key = obj as *const Obj as usize;
        if forms.contains(&key) {
            return Ok(());
        }
        if depth + 1 > MAX_PDF_NESTING {
            return Err(InputErrorKind::PdfTooComplex {
                what: "嵌套层级",
                limit: MAX_PDF_NESTING,
            });
        }
        let data = doc.stream_data(obj)?;
        let mut inner = st.clone();
        if let Obj::Array(m) = doc.get(d, b"Matrix") {
            let v: Vec<Obj> = m.iter().map(|o| doc.resolve(o).clone()).collect();
            if let Some(m) = M::from_obj(&v) {
                inner.ctm = m.then(st.ctm);
            }
        }
        let form_res = doc.dict(d, b"Resources").or(Some(res));
        forms.push(key);
        let r = self.run(&data, form_res, inner, out, depth + 1, forms);
        forms.pop();
        r
    }

    fn show(&mut self, s: &[u8], st: &State, tm: &mut M, out: &mut Page) {
        let Some(font) = st.font.clone() else {
            return;
        };
        for code in font.decode(s) {
            let trm = tm.then(st.ctm);
            let (x, y) = trm.apply(0.0, st.rise);
            let mut tx = code.width * st.size + st.char_spacing;
            if code.space {
                tx += st.word_spacing;
            }
            tx *= st.scale;
            let (x1, _) = trm.apply(code.width * st.size * st.scale, st.rise);
            let (ux, uy) = (trm.0[2], trm.0[3]);
            let size = (ux * ux + uy * uy).sqrt() * st.size.abs();
            if !code.text.is_empty() && out.runs.len() < 2_000_000 {
                out.runs.push(Run {
                    text: code.text,
                    x,
                    y,
                    width: (x1 - x).abs(),
                    font_size: size,
                    page: out.index,
                });
            }
            *tm = M([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(*tm);
        }
    }
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// `EI` standing as a token.
fn find_ei(h: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = find(&h[from..], b"EI") {
        let at = from + p;
        let before = at == 0 || super::syntax::is_white(h[at - 1]);
        let after = h.get(at + 2).is_none_or(|&c| super::syntax::is_white(c));
        if before && after {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The ruling lines of a painted path: thin filled shapes, and straight axis-aligned
/// stroked segments.
fn keep_rules(path: &Path, stroke: bool, out: &mut Page) {
    const THIN: f64 = 2.5;
    const MIN_LEN: f64 = 3.0;
    for sp in &path.subpaths {
        if out.rules.len() > 200_000 {
            return;
        }
        if sp.len() < 2 {
            continue;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in sp {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if !stroke || (w <= THIN || h <= THIN) {
            if h <= THIN && w >= MIN_LEN {
                let y = (y0 + y1) / 2.0;
                out.rules.push(Rule::new(x0, y, x1, y, out.index));
            } else if w <= THIN && h >= MIN_LEN {
                let x = (x0 + x1) / 2.0;
                out.rules.push(Rule::new(x, y0, x, y1, out.index));
            }
            continue;
        }
        for p in sp.windows(2) {
            let ((ax, ay), (bx, by)) = (p[0], p[1]);
            if (ay - by).abs() <= 0.5 && (ax - bx).abs() >= MIN_LEN {
                out.rules
                    .push(Rule::new(ax.min(bx), ay, ax.max(bx), ay, out.index));
            } else if (ax - bx).abs() <= 0.5 && (ay - by).abs() >= MIN_LEN {
                out.rules
                    .push(Rule::new(ax, ay.min(by), ax, ay.max(by), out.index));
            }
        }
    }
}
