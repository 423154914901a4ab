//! Cell values: the state a cell is in (blank is not zero), reading a cell's text into a
//! value without repairing anything, and the one number formatter used by JSON, messages,
//! prose checks, charts and (through the wasm facade) the page. Depends only on the
//! character folding of `normalize`.

use crate::normalize::{fold_char, is_ideograph};
use serde::{Serialize, Serializer};

/// What a cell holds. Blank is not zero; nothing is ever turned into 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    Number,
    Blank,
    Na,
    Text,
    Missing,
}

/// A value as read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub state: CellState,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

const NA_WORDS: [&str; 9] = ["/", "-", "—", "——", "--", "－", "不适用", "无", "N/A"];

/// Every ideograph a number cell or a not-applicable mark can hold, once folded: those of
/// `UNITS` and of `NA_WORDS`.
/// (An array: looked up for the first ideograph of every short label.)
const VALUE_IDEOGRAPHS: [char; 11] = [
    '万', '亿', '元', '件', '项', '个', '条', '无', '不', '适', '用',
];

/// The units a cell may carry after its number (kept apart from the value).
pub const UNITS: [&str; 8] = ["万元", "亿元", "元", "万", "件", "项", "个", "条"];

/// Read a cell's text: `number` (with thousands separators, a sign, a unit kept apart),
/// `blank`, `na` or `text`. Never guesses: `12 3` is text, not 123.
#[inline]
pub fn parse_value(raw: &str) -> Value {
    // The cells nearly every report is made of, an empty one and a short run of ASCII
    // digits, before any trimming: this runs on every cell of every report, so it is
    // inlined where it is called and the rest is not.
    if raw.is_empty() {
        return Value {
            state: CellState::Blank,
            value: None,
            unit: None,
        };
    }
    if let Some(v) = ascii_digits(raw) {
        return Value {
            state: CellState::Number,
            value: Some(v),
            unit: None,
        };
    }
    parse_other(raw)
}

/// `parse_value` of a cell that is neither empty nor a short run of ASCII digits.
#[inline(never)]
fn parse_other(raw: &str) -> Value {
    let raw =
        raw.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '*'));
    // Text that starts with a Chinese character is never a number; the only such
    // not-applicable marks are 无 and 不适用 (compared folded character by character, not
    // through a folded copy).
    if raw.chars().next().is_some_and(is_ideograph) {
        let mut f = raw.chars().map(fold_char);
        let na = matches!(
            (f.next(), f.next(), f.next(), f.next()),
            (Some('无'), None, _, _) | (Some('不'), Some('适'), Some('用'), None)
        );
        let state = if na { CellState::Na } else { CellState::Text };
        return Value {
            state,
            value: None,
            unit: None,
        };
    }
    // Plain ASCII digits once trimmed (`**5**`, ` 12 `).
    if let Some(v) = ascii_digits(raw) {
        return Value {
            state: CellState::Number,
            value: Some(v),
            unit: None,
        };
    }
    // Long text is never a value, nor is text with an ideograph that no unit and no
    // not-applicable word is written with (`（一）予以公开`, `1.属于国家秘密`): folding it
    // would only cost time.
    if raw.len() > 48
        || raw
            .chars()
            .any(|c| is_ideograph(c) && !VALUE_IDEOGRAPHS.contains(&fold_char(c)))
    {
        return Value {
            state: CellState::Text,
            value: None,
            unit: None,
        };
    }
    let folded: std::borrow::Cow<str> = if raw.bytes().all(|b| b.is_ascii()) {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(raw.chars().map(fold_char).collect())
    };
    let t = folded.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}');
    if t.is_empty() {
        return Value {
            state: CellState::Blank,
            value: None,
            unit: None,
        };
    }
    if NA_WORDS.iter().any(|w| w.eq_ignore_ascii_case(t))
        || t.chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '/' | '／'))
    {
        return Value {
            state: CellState::Na,
            value: None,
            unit: None,
        };
    }
    let (body, unit) = match UNITS.iter().find(|u| t.ends_with(*u)) {
        Some(u) => (t[..t.len() - u.len()].trim_end(), Some((*u).to_string())),
        None => (t, None),
    };
    match parse_number(body) {
        // Beyond 2^53 a float no longer holds every integer: such a number cannot be
        // added exactly, so it is text that cannot be checked (CELL-UNREADABLE), not a
        // value rounded into another one.
        Some(v) if v.abs() <= MAX_EXACT => Value {
            state: CellState::Number,
            value: Some(v),
            unit,
        },
        _ => Value {
            state: CellState::Text,
            value: None,
            unit: None,
        },
    }
}

/// The value of a run of 1 to 15 ASCII digits (exact in a float), or None.
#[inline]
fn ascii_digits(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 15 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = b
        .iter()
        .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
    Some(v as f64)
}

/// The largest magnitude read as a number: 2^53, below which every integer is exact.
pub const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// Text made only of digits, separators and a sign, too long to be a number we can hold
/// (`CELL-UNREADABLE` in its own column, never a label).
pub fn is_digit_run(raw: &str) -> bool {
    let t = raw.trim();
    t.len() > 15
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'-' | b'+'))
        && t.bytes().filter(u8::is_ascii_digit).count() > 15
}

/// A plain decimal number: optional sign, digits with optional thousands separators in
/// groups of three, optional fraction. Anything else is not a number.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let digits = digits.trim_start();
    let (int_part, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int_part.is_empty() {
        return None;
    }
    // Digits in groups of three after the first when separated by commas.
    let mut groups = 0usize;
    for (i, g) in int_part.split(',').enumerate() {
        if g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()) || (i > 0 && g.len() != 3) {
            return None;
        }
        groups = i + 1;
    }
    if groups > 1 && int_part.find(',').unwrap_or(0) > 3 {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let v: f64 = if groups == 1 {
        // No separators: the text after the sign is already a plain decimal.
        let end = int_part.len() + frac.map(|f| f.len() + 1).unwrap_or(0);
        digits[..end].parse().ok()?
    } else {
        let plain: String = int_part.split(',').collect();
        match frac {
            Some(f) => format!("{plain}.{f}").parse().ok()?,
            None => plain.parse().ok()?,
        }
    };
    Some(if neg { -v } else { v })
}

/// True when the text reads as a value cell (number, blank or not-applicable).
pub fn is_value_like(raw: &str) -> bool {
    matches!(
        parse_value(raw).state,
        CellState::Number | CellState::Blank | CellState::Na
    )
}

/// A number as people write it in these tables: integers without decimals, fractions as
/// written (float noise from adding amounts trimmed at 6 places). Never `as i64` beyond
/// what an i64 holds exactly: huge values print in full.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{v}");
    match s.split_once('.') {
        Some((_, frac)) if frac.len() > 6 => {
            let r = format!("{v:.6}");
            r.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => s,
    }
}

/// `format_number` with the integer part in groups of three (`12,345`, `-1,234.5`), for
/// numbers people read at a glance (chart labels, tooltips). JSON and messages keep
/// `format_number`, which writes a number the way the tables do.
pub fn format_grouped(v: f64) -> String {
    let plain = format_number(v);
    if !v.is_finite() {
        return plain;
    }
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.len() <= 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return plain;
    }
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A short form for axis ticks and tight places: below 10,000 as `format_grouped`, then in
/// 万 (`1.2万`, `35万`) and 亿 (`1.5亿`) with at most one decimal. Not exact: never use it
/// for the value a bar stands for.
pub fn format_compact(v: f64) -> String {
    if !v.is_finite() || v.abs() < 1.0e4 {
        return format_grouped(v);
    }
    let (scaled, unit) = if v.abs() < 1.0e8 {
        (v / 1.0e4, "万")
    } else {
        (v / 1.0e8, "亿")
    };
    let rounded = (scaled * 10.0).round() / 10.0;
    format!("{}{unit}", format_grouped(rounded))
}

/// Integers serialise as JSON integers (23, not 23.0); other numbers as they are.
pub fn ser_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_ideographs_are_those_of_units_and_na_words() {
        let ideographs =
            |w: &&str| -> Vec<char> { w.chars().filter(|c| is_ideograph(*c)).collect() };
        let mut from_lists: Vec<char> = UNITS
            .iter()
            .chain(NA_WORDS.iter())
            .flat_map(ideographs)
            .collect();
        from_lists.sort_unstable();
        from_lists.dedup();
        let mut stated: Vec<char> = VALUE_IDEOGRAPHS.to_vec();
        stated.sort_unstable();
        assert_eq!(stated, from_lists);
    }

    #[test]
    fn text_with_other_ideographs_is_text_and_units_still_read() {
        assert_eq!(parse_value("（一）予以公开").state, CellState::Text);
        assert_eq!(parse_value("1.属于国家秘密").state, CellState::Text);
        assert_eq!(parse_value("12件").value, Some(12.0));
        assert_eq!(parse_value("１２萬元").value, Some(12.0));
        assert_eq!(parse_value("（无）").state, CellState::Text);
        assert_eq!(parse_value(" 無 ").state, CellState::Na);
    }

    #[test]
    fn numbers_are_read_not_repaired() {
        assert_eq!(parse_value("23").value, Some(23.0));
        assert_eq!(parse_value("２３").value, Some(23.0));
        assert_eq!(parse_value("1,234").value, Some(1234.0));
        assert_eq!(parse_value("0.092").value, Some(0.092));
        assert_eq!(parse_value("-417").value, Some(-417.0));
        assert_eq!(parse_value("\u{2212}1").value, Some(-1.0));
        assert_eq!(parse_value("**5**").value, Some(5.0));
        assert_eq!(parse_value("+173").value, Some(173.0));
        let v = parse_value("251000元");
        assert_eq!((v.value, v.unit.as_deref()), (Some(251000.0), Some("元")));
        let v = parse_value("976.81万元");
        assert_eq!((v.value, v.unit.as_deref()), (Some(976.81), Some("万元")));
        assert_eq!(parse_value("12 3").state, CellState::Text);
        assert_eq!(parse_value("1,23").state, CellState::Text);
        assert_eq!(parse_value("若干").state, CellState::Text);
        assert_eq!(parse_value("  ").state, CellState::Blank);
        assert_eq!(parse_value("").state, CellState::Blank);
        assert_eq!(parse_value("不适合").state, CellState::Text);
        assert_eq!(parse_value("无效").state, CellState::Text);
        assert_eq!(parse_value("\u{a0}").state, CellState::Blank);
        for na in ["/", "—", "--", "不适用", "无", "無", "不適用", "n/a", "／"] {
            assert_eq!(parse_value(na).state, CellState::Na, "{na}");
        }
    }

    #[test]
    fn numbers_format_as_written() {
        assert_eq!(format_number(23.0), "23");
        assert_eq!(format_number(-417.0), "-417");
        assert_eq!(format_number(976.81), "976.81");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(1e20), "100000000000000000000");
    }

    #[test]
    fn grouped_and_compact_forms() {
        assert_eq!(format_grouped(0.0), "0");
        assert_eq!(format_grouped(999.0), "999");
        assert_eq!(format_grouped(1234.0), "1,234");
        assert_eq!(format_grouped(12345.0), "12,345");
        assert_eq!(format_grouped(-1234567.5), "-1,234,567.5");
        assert_eq!(format_grouped(976.81), "976.81");
        assert_eq!(format_grouped(f64::NAN), "NaN");
        assert_eq!(format_compact(9999.0), "9,999");
        assert_eq!(format_compact(12345.0), "1.2万");
        assert_eq!(format_compact(10000.0), "1万");
        assert_eq!(format_compact(350000.0), "35万");
        assert_eq!(format_compact(-15000.0), "-1.5万");
        assert_eq!(format_compact(150_000_000.0), "1.5亿");
        assert_eq!(format_compact(1e20), "1,000,000,000,000亿");
    }
}
