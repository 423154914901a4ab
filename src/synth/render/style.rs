//! How one rendering writes characters (full-width, traditional, ASCII punctuation) and
//! the dialect (`dialect`) of its shape.

use super::dialect::Dialect;
use super::Shape;

/// How one rendering writes characters, and the dialect of its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::synth) struct Style {
    pub(in crate::synth) script: Script,
    /// ASCII brackets, commas, colons and semicolons for the format's full-width ones (a
    /// plain-text copy out of a browser).
    pub(in crate::synth) half_punct: bool,
    pub(in crate::synth) dialect: Dialect,
}

/// The characters a rendering writes labels, prose and numbers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::synth) enum Script {
    /// Simplified characters and ASCII digits, as the format is published.
    Simplified,
    /// Full-width digits and punctuation (`１２`, `（一）`).
    FullWidth,
    /// Traditional characters (`總計`, `處理`).
    Traditional,
}

impl Style {
    /// Numbers of four digits and more grouped by thousands (`11,398,889`): always in a
    /// spreadsheet copy, otherwise as the dialect says.
    pub(in crate::synth) fn thousands(&self, base: Shape) -> bool {
        base == Shape::Tabs || self.dialect.thousands
    }
}

/// Simplified → traditional for the characters of labels and prose the generator writes.
/// Each pair is one `normalize` folds back (a unit test holds it to that).
pub const SIMP_TRAD: [(char, char); 76] = [
    ('报', '報'),
    ('开', '開'),
    ('况', '況'),
    ('关', '關'),
    ('请', '請'),
    ('数', '數'),
    ('总', '總'),
    ('计', '計'),
    ('结', '結'),
    ('转', '轉'),
    ('处', '處'),
    ('体', '體'),
    ('业', '業'),
    ('机', '機'),
    ('构', '構'),
    ('会', '會'),
    ('务', '務'),
    ('规', '規'),
    ('范', '範'),
    ('许', '許'),
    ('强', '強'),
    ('罚', '罰'),
    ('费', '費'),
    ('购', '購'),
    ('项', '項'),
    ('条', '條'),
    ('议', '議'),
    ('讼', '訟'),
    ('决', '決'),
    ('纠', '糾'),
    ('维', '維'),
    ('审', '審'),
    ('国', '國'),
    ('护', '護'),
    ('权', '權'),
    ('类', '類'),
    ('过', '過'),
    ('执', '執'),
    ('询', '詢'),
    ('现', '現'),
    ('补', '補'),
    ('确', '確'),
    ('访', '訪'),
    ('举', '舉'),
    ('诉', '訴'),
    ('复', '復'),
    ('获', '獲'),
    ('无', '無'),
    ('当', '當'),
    ('办', '辦'),
    ('发', '發'),
    ('废', '廢'),
    ('额', '額'),
    ('万', '萬'),
    ('单', '單'),
    ('采', '採'),
    ('对', '對'),
    ('减', '減'),
    ('续', '續'),
    ('继', '繼'),
    ('属', '屬'),
    ('稳', '穩'),
    ('没', '沒'),
    ('后', '後'),
    ('缴', '繳'),
    ('纳', '納'),
    ('经', '經'),
    ('组', '組'),
    ('织', '織'),
    ('进', '進'),
    ('与', '與'),
    ('问', '問'),
    ('动', '動'),
    ('见', '見'),
    ('时', '時'),
    ('题', '題'),
];

impl Style {
    pub(in crate::synth) fn apply(&self, s: &str) -> String {
        let out: String = s
            .chars()
            .map(|c| {
                let c = if self.script == Script::Traditional {
                    SIMP_TRAD
                        .iter()
                        .find(|(simp, _)| *simp == c)
                        .map(|(_, t)| *t)
                        .unwrap_or(c)
                } else {
                    c
                };
                if self.script == Script::FullWidth {
                    match c {
                        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                        _ => c,
                    }
                } else if self.half_punct {
                    match c {
                        '（' => '(',
                        '）' => ')',
                        '，' => ',',
                        '：' => ':',
                        '；' => ';',
                        _ => c,
                    }
                } else {
                    c
                }
            })
            .collect();
        if self.script == Script::Traditional && self.dialect.mirror_words && out.contains("信息")
        {
            out.replace("信息", "資訊")
        } else {
            out
        }
    }
}
