//! Normalisation for matching, never for display: full-width ASCII to half-width, the
//! ideographic space to a space, traditional characters of the format's labels to
//! simplified, mirror-site wording (資訊 → 信息), and removal of whitespace inside labels.
//! Cell values are parsed in `value`. A leaf: imports nothing of the crate.

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
/// Matched after folding: an entry a character of which folds (復, 議) never matches in
/// a folded text. `opens_mirror_word` gates the (rare) rewrite (a test checks it covers
/// every entry).
const MIRROR_WORDS: &[(&str, &str)] = &[
    ("資訊", "信息"),
    ("资讯", "信息"),
    // 文件 → 檔案 (folded to 档案): 規範性檔案 is 规范性文件.
    ("性档案", "性文件"),
    ("檔案", "文件"),
];

/// Simplified → traditional, the inverse of the table `fold_char` folds with, so the
/// characters are typed once: what `synth` writes in its traditional shape is exactly what
/// the checker folds back. Where several traditional characters fold to one simplified
/// (復 複 覆 → 复), the first in the table — the lowest code point — is written. A scan of
/// the short table, skipped below the CJK block (ASCII, digits, punctuation).
#[cfg(any(test, feature = "synth"))]
pub fn to_traditional(c: char) -> char {
    if (c as u32) < 0x4E00 {
        return c;
    }
    TRAD_SIMP
        .iter()
        .find(|(_, simp)| *simp == c)
        .map_or(c, |(trad, _)| *trad)
}

/// Bit `c - 0x4E00` is set for each traditional character of `TRAD_SIMP` and each
/// character that opens a mirror word (`MIRROR_OPENERS`): most CJK characters are neither,
/// and one bit test says so without a search (or, in `label_key`, a second test).
const SPECIAL_BITS: [u64; TRAD_WORDS] = {
    let mut bits = [0u64; TRAD_WORDS];
    let mut i = 0;
    while i < TRAD_SIMP.len() {
        let d = TRAD_SIMP[i].0 as usize - 0x4E00;
        bits[d / 64] |= 1 << (d % 64);
        i += 1;
    }
    let mut i = 0;
    while i < MIRROR_OPENERS.len() {
        let d = MIRROR_OPENERS[i] as usize - 0x4E00;
        bits[d / 64] |= 1 << (d % 64);
        i += 1;
    }
    bits
};
/// The CJK Unified Ideographs block, U+4E00..U+A000, in 64-bit words.
const TRAD_WORDS: usize = (0xA000 - 0x4E00) / 64;

/// Is the ideograph `u` (U+4E00..U+9FFF) one of `TRAD_SIMP`'s traditional characters or
/// one that opens a mirror word (`SPECIAL_BITS`)? Only these can fold or gate a word search.
#[inline]
fn is_special(u: u32) -> bool {
    let d = (u - 0x4E00) as usize;
    SPECIAL_BITS[d / 64] & (1 << (d % 64)) != 0
}

/// Fold one character for matching: full-width ASCII → ASCII, ideographic space → space,
/// traditional → simplified, Chinese brackets and the ideographic full stop used in
/// ordinals to their ASCII forms.
#[inline]
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c;
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        // Minus signs and hyphens typeset as other dashes.
        '\u{2212}' | '\u{FE63}' | '\u{2010}' | '\u{2011}' => '-',
        '〔' => '[',
        '〕' => ']',
        _ if !(0x4E00..0xA000).contains(&u) => c,
        _ => {
            if !is_special(u) {
                return c;
            }
            match TRAD_SIMP.binary_search_by_key(&c, |(t, _)| *t) {
                Ok(i) => TRAD_SIMP[i].1,
                Err(_) => c,
            }
        }
    }
}

/// The Chinese digits 0–9 as years and list numbers write them (`二〇二三`, `十一`); `零`
/// is also 0 where a year is read.
pub const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A CJK Unified Ideograph (U+4E00..U+9FFF): the characters of Chinese words, as against
/// digits, Latin letters and punctuation (full-width or not).
#[inline]
pub fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A character that can open one of `MIRROR_WORDS` once folded: only text holding one
/// pays for the word search.
fn opens_mirror_word(c: char) -> bool {
    MIRROR_OPENERS.contains(&c)
}

/// The characters a `MIRROR_WORDS` word starts with, as written or folded (ideographs:
/// `SPECIAL_BITS` holds them).
const MIRROR_OPENERS: [char; 4] = ['資', '资', '档', '檔'];

/// Map mirror-site words back (`MIRROR_WORDS`), when a character that opens one occurs.
fn unmirror(out: String, gated: bool) -> String {
    if !gated {
        return out;
    }
    let mut out = out;
    for (from, to) in MIRROR_WORDS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// The matching key of a label: folded, without whitespace, quotes unified.
///
/// Runs on every short text cell of every report, so the two common characters take a
/// byte path: ASCII (kept, or dropped when it is whitespace or a Markdown mark) and a CJK
/// ideograph that is not special (`is_special`), both kept a run at a time (one copy per run of
/// characters the key keeps as they are). Every other character goes through `key_char`.
pub fn label_key(s: &str) -> String {
    counted_label_key(s).text
}

/// A label's key with its character count and `schema::char_mask`, both taken in the same
/// pass as the key.
pub struct CountedKey {
    pub text: String,
    pub chars: usize,
    pub mask: u64,
}

/// `label_key`, counted (`CountedKey`).
pub fn counted_label_key(s: &str) -> CountedKey {
    use crate::schema::char_bit;
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut gated = false;
    let (mut chars, mut mask) = (0, 0);
    // Characters the key keeps as they are are copied a run at a time: `run` is where the
    // run being read started.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            // Markdown emphasis and heading marks (`**（七）总计**`, `## 一、总体情况`) are
            // never part of a label.
            if x.is_ascii_whitespace() || x == 0x0B || x == b'*' || x == b'#' {
                out.push_str(&s[run..i]);
                run = i + 1;
            } else {
                chars += 1;
                mask |= char_bit(u32::from(x));
            }
            i += 1;
            continue;
        }
        // U+4E00..U+9FFF is E4 B8 80 ..= E9 BF BF in UTF-8.
        if (0xE4..=0xE9).contains(&x) && i + 2 < b.len() {
            let u = (u32::from(x & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F);
            if u >= 0x4E00 && !is_special(u) {
                // Not folded and not opening a mirror word: its three bytes stay in the run.
                chars += 1;
                mask |= char_bit(u);
                i += 3;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.push_str(&s[run..i]);
        if let Some(k) = key_char(c) {
            gated |= opens_mirror_word(k);
            chars += 1;
            mask |= char_bit(k as u32);
            out.push(k);
        }
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
    if !gated {
        return CountedKey {
            text: out,
            chars,
            mask,
        };
    }
    // A mirror word replaced: counted again.
    let text = unmirror(out, gated);
    let (chars, mask) = text
        .chars()
        .fold((0, 0), |(n, m), c| (n + 1, m | char_bit(c as u32)));
    CountedKey { text, chars, mask }
}

/// One character of a label's key: folded, `None` where keys drop it (whitespace, zero
/// widths, Markdown marks), quotes and Chinese punctuation unified.
fn key_char(c: char) -> Option<char> {
    let c = fold_char(c);
    if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '*' | '#') {
        return None;
    }
    Some(match c {
        '“' | '”' | '"' | '「' | '」' | '『' | '』' => '"',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '。' => '.',
        _ => c,
    })
}

/// A folded copy of prose (whitespace kept) for scanning sentences.
pub fn fold_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gated = false;
    for c in s.chars() {
        let c = fold_char(c);
        gated |= opens_mirror_word(c);
        out.push(c);
    }
    unmirror(out, gated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_table_is_sorted_and_unique() {
        assert!(TRAD_SIMP.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn traditional_folds_back() {
        for (trad, simp) in TRAD_SIMP {
            assert_eq!(fold_char(to_traditional(*simp)), *simp, "{trad}");
        }
        assert_eq!(to_traditional('复'), '復');
        assert_eq!(to_traditional('a'), 'a');
        assert_eq!(to_traditional('年'), '年');
    }

    #[test]
    fn mirror_gate_covers_every_reachable_word() {
        for (from, _) in MIRROR_WORDS {
            let folded: String = from.chars().map(fold_char).collect();
            if folded == *from {
                assert!(from.chars().any(opens_mirror_word), "{from}");
            }
        }
        assert_eq!(fold_text("規範性檔案"), "规范性文件");
    }

    /// The byte paths of `label_key` agree with folding character by character.
    #[test]
    fn label_key_byte_paths_agree_with_key_char() {
        let by_char = |s: &str| {
            let out: String = s.chars().filter_map(key_char).collect();
            let gated = out.chars().any(opens_mirror_word);
            unmirror(out, gated)
        };
        let trad: String = TRAD_SIMP.iter().map(|(t, _)| *t).collect();
        for s in [
            "",
            "（七）總計 ",
            "**一、 总体情况**\t\u{0B}\u{0C}\r\n",
            "## 规章(设区的市)\u{3000}\u{00A0}\u{200B}\u{FEFF}",
            "規範性檔案 资讯 政府資訊 档案",
            "政府資訊公開",
            "规范性檔案",
            "规范性档案 资讯",
            "“引号”「」『』，：；。ＡＢＣ１２３－\u{2212}〔〕",
            "丁一丂\u{9FFF}\u{4DFF}\u{A000}𠀀é",
            trad.as_str(),
        ] {
            let key = counted_label_key(s);
            assert_eq!(key.text, by_char(s), "{s:?}");
            assert_eq!(key.chars, key.text.chars().count(), "{s:?}");
            assert_eq!(key.mask, crate::schema::char_mask(&key.text), "{s:?}");
        }
    }

    #[test]
    fn labels_fold_traditional_and_full_width() {
        assert_eq!(label_key("（七）總計"), "(七)总计");
        assert_eq!(label_key("商業 企業"), "商业企业");
        assert_eq!(label_key("政府資訊公開"), "政府信息公开");
    }
}
