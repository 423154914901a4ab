//! Recognising labels in messy cells: ordinals stripped (`一、`, `（一）`, `1.`), full-width
//! and traditional folded, whitespace removed; then matched against the schema's needles
//! with a shape check, so that a sentence of prose that happens to contain `上年结转`
//! is never taken for a table label.

use crate::schema::{self, Format, RowDef, SECTIONS};

const CN_NUMERALS: &str = "一二三四五六七八九十";

/// `c` is one of `CN_NUMERALS` (a match, not a scan of the string: this runs per character
/// of every label).
fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Strip leading ordinals (`三、`, `(一)`, `1.`, `2、`, `(3)`) from a label key, repeatedly.
pub fn strip_ordinals(key: &str) -> &str {
    let mut s = key;
    loop {
        let before = s.len();
        // (一) (1)
        if let Some(rest) = s.strip_prefix('(') {
            if let Some(close) = rest.find(')') {
                let inner = &rest[..close];
                if !inner.is_empty()
                    && inner.chars().count() <= 3
                    && inner
                        .chars()
                        .all(|c| is_cn_numeral(c) || c.is_ascii_digit())
                {
                    s = &rest[close + 1..];
                }
            }
        }
        // 三、 1. 1、 1,
        let digits: usize = s
            .char_indices()
            .take_while(|(_, c)| is_cn_numeral(*c) || c.is_ascii_digit())
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        if digits > 0 && digits <= 6 {
            let rest = &s[digits..];
            if let Some(r) = rest
                .strip_prefix('、')
                .or_else(|| rest.strip_prefix('.'))
                .or_else(|| rest.strip_prefix(','))
            {
                s = r;
            }
        }
        // A group label run into its first row (`（三）不予公开1.属于国家秘密`, PDF text).
        for group in schema::APPLICATION_GROUP_WORDS {
            if let Some(rest) = s.strip_prefix(group) {
                if rest.starts_with(|c: char| c == '(' || c.is_ascii_digit() || is_cn_numeral(c)) {
                    s = rest;
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// A cell's matching key: folded, no whitespace, and the key without ordinals.
#[derive(Debug, Clone)]
pub struct Key {
    pub full: String,
    pub bare_start: usize,
    chars: usize,
    /// The characters of `full` (`schema::char_mask`): a needle with a character outside
    /// it is not in the key.
    mask: u64,
}

impl Key {
    /// The key of a cell that is not a label (a number, a blank, long prose).
    pub const EMPTY: Key = Key {
        full: String::new(),
        bare_start: 0,
        chars: 0,
        mask: 0,
    };

    pub fn new(text: &str) -> Key {
        let crate::normalize::CountedKey {
            text: full,
            chars,
            mask,
        } = crate::normalize::counted_label_key(text);
        let bare_start = full.len() - strip_ordinals(&full).len();
        Key {
            full,
            bare_start,
            chars,
            mask,
        }
    }
    pub fn bare(&self) -> &str {
        &self.full[self.bare_start..]
    }
    pub fn has_ordinal(&self) -> bool {
        self.bare_start > 0
    }
    pub fn chars(&self) -> usize {
        self.chars
    }
    /// The key may hold the needles of `def`: it has every character they all share.
    fn may_hold(&self, def: &RowDef) -> bool {
        self.has_chars(def.needle_chars)
    }
    /// The key has every character of `mask` (a `schema::char_mask`); else it holds no
    /// text with those characters.
    pub fn has_chars(&self, mask: u64) -> bool {
        self.mask & mask == mask
    }
}

/// A label without a bracketed note after its words (`规章(设区的市、自治州人民政府应提供
/// 相关数据)`, `其他对外管理服务事项(指…)`, Hubei's template), also a note left open where
/// the label wraps onto the next line. A bracket at the very start is not a note.
pub fn without_note(bare: &str) -> &str {
    match bare.char_indices().skip(1).find(|(_, c)| *c == '(') {
        Some((i, _)) => &bare[..i],
        None => bare,
    }
}

fn plausible_label(key: &Key, label: &str) -> bool {
    let bare = key.bare();
    // A note the template adds is allowed beyond the label's own length (the label's own
    // brackets counted: the schema's labels are written with full-width ones).
    let noted = || {
        let own = label
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '（')
            .map_or(label, |(i, _)| &label[..i]);
        without_note(bare).chars().count() <= own.chars().count() + 12
    };
    !bare.is_empty()
        && !bare.bytes().any(|b| b.is_ascii_digit())
        && !bare.ends_with(['.', '。', ';'])
        // A comma ends a label only where the label wraps onto the next line.
        && (bare.chars().count() <= label.chars().count() + 12 || noted())
}

/// Does this cell label a row of 表三 (for the given row definition)?
pub fn matches_application_row(def: &RowDef, key: &Key) -> bool {
    let bare = key.bare();
    match def.key {
        "total_processed" => matches!(bare, "总计" | "合计"),
        // `3.其他`, sometimes written `3.其他处理` (never with a group ordinal like （六）).
        "other_reasons" => {
            key.has_ordinal()
                && (bare == "其他"
                    || (bare == "其他处理" && key.full.starts_with(|c: char| c.is_ascii_digit())))
        }
        "other_handling" => bare.contains("其他处理") && plausible_label(key, def.label),
        _ => {
            (key.may_hold(def)
                && def.needles.iter().any(|n| bare.contains(n))
                && plausible_label(key, def.label))
                || label_head(def, key)
        }
    }
}

/// The head of a label cut by a narrow column (PDF text: `2.其他法律行政法` / `规禁止公开`):
/// the cell, ordinal included, is the first four or more characters of the label.
fn label_head(def: &RowDef, key: &Key) -> bool {
    if !key.has_ordinal() || key.bare().chars().count() < 4 {
        return false;
    }
    static KEYS: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [Format::F2019, Format::F2021]
            .iter()
            .flat_map(|f| schema::application_rows(*f).iter())
            .map(|d| (d.label, crate::normalize::label_key(d.label)))
            .collect()
    });
    keys.iter()
        .find(|(label, _)| *label == def.label)
        .is_some_and(|(_, full)| full.starts_with(key.full.as_str()) && full.len() > key.full.len())
}

/// A group label of 表三 that carries no numbers (（三）不予公开 …); 2019's （六）其他处理 is
/// a row, not a group.
pub fn is_application_group(key: &Key, format: Option<Format>) -> bool {
    let bare = key.bare();
    schema::APPLICATION_GROUPS.iter().any(|(label, needles)| {
        if *label == "（六）其他处理" && format == Some(Format::F2019) {
            return false;
        }
        needles.contains(&bare)
    })
}

/// Does this cell label a row of 表二?
pub fn matches_proactive_row(def: &RowDef, key: &Key) -> bool {
    // A label starts with a needle (or is 行政规范性文件, which holds 规范性文件's).
    if !key.may_hold(def) {
        return false;
    }
    let bare = without_note(key.bare());
    if bare.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    def.needles.iter().any(|n| {
        bare.starts_with(n) && bare.chars().count() <= n.chars().count() + 6
            || (def.key == "normative_documents" && bare == "行政规范性文件")
    }) && !(def.key == "licensing" && bare.contains("决定"))
}

/// Which of the six sections does this cell head, if any? `(number 1..=6)`.
/// The characters all needles of each section hold (`schema::common_chars`, in the order
/// of `SECTIONS`): a key without them names no section.
const SECTION_CHARS: [u64; SECTIONS.len()] = {
    let mut masks = [0; SECTIONS.len()];
    let mut n = 0;
    while n < masks.len() {
        masks[n] = schema::common_chars(SECTIONS[n].needles);
        n += 1;
    }
    masks
};

pub fn section_heading(key: &Key) -> Option<usize> {
    if key.chars() > 40 || !key.has_ordinal() {
        return None;
    }
    let first = key.full.chars().next()?;
    let n = CN_NUMERALS.chars().position(|c| c == first)?;
    let sec = SECTIONS.get(n)?;
    if key.full.starts_with('(') || !key.has_chars(SECTION_CHARS[n]) {
        return None;
    }
    sec.needles
        .iter()
        .any(|needle| key.bare().contains(needle))
        .then_some(n + 1)
}

/// Words that only stand in table headers and captions (never values).
pub fn is_header_word(key: &Key) -> bool {
    let bare = key.bare();
    schema::HEADER_WORDS.contains(&bare)
        || schema::HEADER_PREFIXES.iter().any(|p| bare.starts_with(p))
        || bare.contains(schema::APPLICATION_HEADER_MARK)
        || schema::FORMAT_MARKERS
            .iter()
            .any(|(m, _, _)| bare.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_strip() {
        assert_eq!(strip_ordinals("三、本年度办理结果(一)予以公开"), "予以公开");
        assert_eq!(strip_ordinals("(三)不予公开"), "不予公开");
        assert_eq!(strip_ordinals("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_ordinals("3.其他"), "其他");
        assert_eq!(strip_ordinals("(七)总计"), "总计");
        assert_eq!(strip_ordinals("2020年"), "2020年");
        assert_eq!(strip_ordinals("(三)不予公开1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_ordinals("(六)其他处理"), "其他处理");
    }

    #[test]
    fn prose_is_not_a_label() {
        let rows = schema::application_rows(Format::F2019);
        let carried = rows.iter().find(|r| r.key == "carried_over").copied();
        let Some(carried) = carried else {
            panic!("schema lacks carried_over")
        };
        assert!(matches_application_row(
            &carried,
            &Key::new("二、上年结转政府信息公开申请数量")
        ));
        assert!(!matches_application_row(
            &carried,
            &Key::new("上年结转政府信息公开申请3件。")
        ));
    }

    #[test]
    fn needle_chars_never_rule_out_a_match() {
        // Every needle holds the characters its row's mask says all hold, and so does the
        // one label matched without a needle of its own (2021's 行政规范性文件).
        for f in [Format::F2019, Format::F2021] {
            let proactive = schema::proactive_subtables(f)
                .iter()
                .flat_map(|s| s.rows.iter());
            for def in schema::application_rows(f).iter().chain(proactive) {
                for n in def.needles {
                    let m = schema::char_mask(n);
                    assert_eq!(m & def.needle_chars, def.needle_chars, "{} {n}", def.key);
                    assert!(Key::new(n).may_hold(def), "{} {n}", def.key);
                }
                if def.key == "normative_documents" {
                    assert!(Key::new("行政规范性文件").may_hold(def));
                }
            }
        }
        let licensing = schema::proactive_subtables(Format::F2021)
            .iter()
            .flat_map(|s| s.rows.iter())
            .find(|d| d.key == "licensing");
        let Some(licensing) = licensing else {
            panic!("schema lacks licensing")
        };
        assert!(!Key::new("行政处罚").may_hold(licensing));
        assert!(matches_proactive_row(licensing, &Key::new("行政许可")));
    }

    #[test]
    fn section_headings() {
        assert_eq!(section_heading(&Key::new("一、 总体情况")), Some(1));
        assert_eq!(
            section_heading(&Key::new(
                "四、因政府信息公开工作被申请行政复议提起行政诉讼情况"
            )),
            Some(4)
        );
        assert_eq!(section_heading(&Key::new("四、结转下年度继续办理")), None);
        assert_eq!(section_heading(&Key::new("（一）总体情况")), None);
    }
}
