//! How one rendering writes characters (full-width, traditional, ASCII punctuation) and
//! which of the dialects real copies of its shape come in.

use super::Shape;

/// How characters are written: full-width ASCII, traditional characters, or ASCII brackets
/// and commas (plain-text copies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::synth) struct Style {
    pub(super) full_width: bool,
    pub(super) traditional: bool,
    pub(super) half_punct: bool,
    /// Random bits choosing among the ways real copies of one shape differ (`PipeDialect` and the flags below).
    pub(super) dialect: u64,
}

/// The variants real copies of one base shape come in, each seen in the corpus; a report's
/// seed picks one per shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::synth) enum PipeDialect {
    /// InlinePipes: `| ` per rowspan continuation, a `|||` run per colspan (`real-029.txt`).
    Marked,
    /// InlinePipes: merged cells written once, nothing marks them (`real-006.txt`).
    Bare,
    /// InlinePipes: `  | ` separators, a trailing run of one pipe per position the row does
    /// not write itself (`real-017.txt`).
    Padded,
}

impl Style {
    pub(in crate::synth) fn pipes(&self) -> PipeDialect {
        match self.dialect % 3 {
            0 => PipeDialect::Marked,
            1 => PipeDialect::Bare,
            _ => PipeDialect::Padded,
        }
    }
    /// CellPerLinePipes: a run of pipes after each row for the positions it does not
    /// write (`real-028.txt`) rather than nothing (the seed).
    pub(in crate::synth) fn cell_runs(&self) -> bool {
        (self.dialect >> 2) & 1 == 1
    }
    /// BlankLineCells: numbers indented by one or two spaces (`real-048.txt`).
    pub(in crate::synth) fn indented_numbers(&self) -> bool {
        (self.dialect >> 3) & 1 == 1
    }
    /// PipeSeparatorLines: phantom rows of lone pipes after a table (`real-010.txt`).
    pub(in crate::synth) fn phantom_rows(&self) -> bool {
        (self.dialect >> 4) & 1 == 1
    }
    /// Tabs: a Word copy (a rowspan continuation is an empty cell, a colspan one cell)
    /// rather than a spreadsheet copy (every merged position an empty cell).
    pub(in crate::synth) fn word_tabs(&self) -> bool {
        (self.dialect >> 5) & 1 == 1
    }
    /// Html: header cells spanning rows written as one cell plus empty `<td></td>`
    /// placeholders below it (`real-037.html`).
    pub(in crate::synth) fn header_placeholders(&self) -> bool {
        (self.dialect >> 6) & 1 == 1
    }
    /// Html: header rows in `<th>` cells.
    pub(in crate::synth) fn th_headers(&self) -> bool {
        (self.dialect >> 7) & 1 == 1
    }
    /// Numbers of four digits and more grouped by thousands (`11,398,889`): always in a
    /// spreadsheet copy, in a quarter of the others.
    pub(in crate::synth) fn thousands(&self, base: Shape) -> bool {
        base == Shape::Tabs || (self.dialect >> 8) & 3 == 0
    }
    /// Text copies of a whole portal page: metadata lines, the title again, bullet chrome
    /// with a lone `|` (`real-012.txt`).
    pub(in crate::synth) fn text_chrome(&self) -> bool {
        (self.dialect >> 12) & 3 == 0
    }
    /// PdfText: 表四's header words split over lines and interleaved (`real-044.txt`).
    pub(in crate::synth) fn pdf_split_headers(&self) -> bool {
        (self.dialect >> 14) & 1 == 1
    }
    /// Markdown: merged cells written once, rows of unequal length (`real-046.txt`).
    pub(in crate::synth) fn markdown_bare(&self) -> bool {
        (self.dialect >> 20) & 1 == 1
    }
    /// Html: two-word header cells broken by `<br>` (商业<br>企业).
    pub(in crate::synth) fn header_breaks(&self) -> bool {
        (self.dialect >> 21) & 1 == 1
    }
    /// Text files saved on Windows: CRLF line ends.
    pub(in crate::synth) fn crlf(&self) -> bool {
        (self.dialect >> 15) & 1 == 1
    }
    /// Numbers padded with no-break spaces.
    pub(in crate::synth) fn nbsp_values(&self) -> bool {
        (self.dialect >> 16) & 3 == 0
    }
    /// Html: the article inside a layout table, as older portals nest it.
    pub(in crate::synth) fn layout_table(&self) -> bool {
        (self.dialect >> 13) & 1 == 1
    }
    /// Html: zero-width spaces left in row labels by the portal's editor.
    pub(in crate::synth) fn zero_width_spaces(&self) -> bool {
        (self.dialect >> 18) & 3 == 0
    }
    /// Html: a fragment pasted from the clipboard (paragraphs and tables only, no page).
    pub(in crate::synth) fn fragment(&self) -> bool {
        (self.dialect >> 11) & 1 == 1
    }
    /// Traditional: a mirror site's Taiwan wording, 資訊 for 信息.
    pub(in crate::synth) fn mirror_words(&self) -> bool {
        (self.dialect >> 10) & 1 == 1
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
                let c = if self.traditional {
                    SIMP_TRAD
                        .iter()
                        .find(|(simp, _)| *simp == c)
                        .map(|(_, t)| *t)
                        .unwrap_or(c)
                } else {
                    c
                };
                if self.full_width {
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
        if self.traditional && self.mirror_words() && out.contains("信息") {
            out.replace("信息", "資訊")
        } else {
            out
        }
    }
}
