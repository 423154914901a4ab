//! Normalisation for matching, never for display: full-width ASCII to half-width, the
//! ideographic space to a space, traditional characters of the format's labels to
//! simplified, mirror-site wording (資訊 → 信息), and removal of whitespace inside labels.
//! Cell values are parsed by `parse_value`, which reads what is written and repairs
//! nothing: blank stays blank, `/` stays not-applicable, text stays text.

use crate::model::CellState;

/// Traditional → simplified for the characters that occur in the format's labels,
/// headings and the words the binder looks for. A targeted table (not a general
/// converter): only label matching depends on it, and values are digits. Sorted by the
/// traditional character for binary search (checked by a test).
const TRAD_SIMP: &[(char, char)] = &[
    ('並', '并'),
    ('佈', '布'),
    ('來', '来'),
    ('係', '系'),
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('傳', '传'),
    ('億', '亿'),
    ('內', '内'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('區', '区'),
    ('員', '员'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('圖', '图'),
    ('團', '团'),
    ('執', '执'),
    ('報', '报'),
    ('學', '学'),
    ('實', '实'),
    ('審', '审'),
    ('寫', '写'),
    ('專', '专'),
    ('對', '对'),
    ('屬', '属'),
    ('廢', '废'),
    ('廳', '厅'),
    ('強', '强'),
    ('後', '后'),
    ('徑', '径'),
    ('復', '复'),
    ('徵', '征'),
    ('應', '应'),
    ('採', '采'),
    ('據', '据'),
    ('數', '数'),
    ('於', '于'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('極', '极'),
    ('構', '构'),
    ('樣', '样'),
    ('機', '机'),
    ('檔', '档'),
    ('檢', '检'),
    ('欄', '栏'),
    ('權', '权'),
    ('歸', '归'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('測', '测'),
    ('滿', '满'),
    ('為', '为'),
    ('無', '无'),
    ('營', '营'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畫', '画'),
    ('當', '当'),
    ('發', '发'),
    ('監', '监'),
    ('眾', '众'),
    ('確', '确'),
    ('稅', '税'),
    ('稱', '称'),
    ('積', '积'),
    ('穩', '稳'),
    ('範', '范'),
    ('簡', '简'),
    ('糾', '纠'),
    ('紀', '纪'),
    ('納', '纳'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('聯', '联'),
    ('聽', '听'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('號', '号'),
    ('衆', '众'),
    ('衛', '卫'),
    ('裏', '里'),
    ('補', '补'),
    ('裡', '里'),
    ('製', '制'),
    ('複', '复'),
    ('覆', '复'),
    ('見', '见'),
    ('規', '规'),
    ('計', '计'),
    ('訟', '讼'),
    ('訪', '访'),
    ('設', '设'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('試', '试'),
    ('詳', '详'),
    ('認', '认'),
    ('請', '请'),
    ('證', '证'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('費', '费'),
    ('質', '质'),
    ('購', '购'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('達', '达'),
    ('適', '适'),
    ('選', '选'),
    ('鄉', '乡'),
    ('錄', '录'),
    ('鎮', '镇'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('陳', '陈'),
    ('險', '险'),
    ('頁', '页'),
    ('項', '项'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('驗', '验'),
    ('體', '体'),
    ('點', '点'),
];

/// Mirror sites that convert to Taiwan usage rewrite whole words; map them back.
const MIRROR_WORDS: &[(&str, &str)] =
    &[("資訊", "信息"), ("资讯", "信息"), ("行政復議", "行政复议")];

/// Fold one character for matching: full-width ASCII → ASCII, ideographic space → space,
/// traditional → simplified, Chinese brackets and the ideographic full stop used in
/// ordinals to their ASCII forms.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        // Minus signs and hyphens typeset as other dashes.
        '\u{2212}' | '\u{FE63}' | '\u{2010}' | '\u{2011}' => '-',
        '〔' => '[',
        '〕' => ']',
        c if (c as u32) < 0x4E00 => c,
        _ => match TRAD_SIMP.binary_search_by_key(&c, |(t, _)| *t) {
            Ok(i) => TRAD_SIMP[i].1,
            Err(_) => c,
        },
    }
}

/// The matching key of a label: folded, without whitespace, quotes unified.
pub fn label_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .map(fold_char)
            // Markdown emphasis and heading marks (`**（七）总计**`, `## 一、总体情况`) are
            // never part of a label.
            .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}' | '*' | '#'))
            .map(|c| match c {
                '“' | '”' | '"' | '「' | '」' | '『' | '』' => '"',
                '，' => ',',
                '：' => ':',
                '；' => ';',
                '。' => '.',
                _ => c,
            }),
    );
    if out.contains(['資', '资']) {
        for (from, to) in MIRROR_WORDS {
            if out.contains(from) {
                out = out.replace(from, to);
            }
        }
    }
    out
}

/// A folded copy of prose (whitespace kept) for scanning sentences.
pub fn fold_text(s: &str) -> String {
    let mut out: String = s.chars().map(fold_char).collect();
    for (from, to) in MIRROR_WORDS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// A value as read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub state: CellState,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

const NA_WORDS: [&str; 9] = ["/", "-", "—", "——", "--", "－", "不适用", "无", "N/A"];
const UNITS: [&str; 8] = ["万元", "亿元", "元", "万", "件", "项", "个", "条"];

/// Read a cell's text: `number` (with thousands separators, a sign, a unit kept apart),
/// `blank`, `na` or `text`. Never guesses: `12 3` is text, not 123.
pub fn parse_value(raw: &str) -> Value {
    let raw =
        raw.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '*'));
    // Text that starts with a Chinese character is never a number; the only such
    // not-applicable marks are 无 and 不适用.
    if raw
        .chars()
        .next()
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    {
        let na = raw.chars().count() <= 3 && {
            let f: String = raw.chars().map(fold_char).collect();
            f == "无" || f == "不适用"
        };
        let state = if na { CellState::Na } else { CellState::Text };
        return Value {
            state,
            value: None,
            unit: None,
        };
    }
    // The common case: plain ASCII digits.
    if !raw.is_empty() && raw.len() <= 15 && raw.bytes().all(|b| b.is_ascii_digit()) {
        let v = raw
            .bytes()
            .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
        return Value {
            state: CellState::Number,
            value: Some(v as f64),
            unit: None,
        };
    }
    // Long text is never a value; folding it would only cost time.
    if raw.len() > 48 {
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
        Some(v) => Value {
            state: CellState::Number,
            value: Some(v),
            unit,
        },
        None => Value {
            state: CellState::Text,
            value: None,
            unit: None,
        },
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(parse_value("\u{a0}").state, CellState::Blank);
        for na in ["/", "—", "--", "不适用", "无", "無", "不適用", "n/a", "／"] {
            assert_eq!(parse_value(na).state, CellState::Na, "{na}");
        }
    }

    #[test]
    fn traditional_table_is_sorted_and_unique() {
        assert!(TRAD_SIMP.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn labels_fold_traditional_and_full_width() {
        assert_eq!(label_key("（七）總計"), "(七)总计");
        assert_eq!(label_key("商業 企業"), "商业企业");
        assert_eq!(label_key("政府資訊公開"), "政府信息公开");
    }
}
