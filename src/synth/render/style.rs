//! How one rendering writes characters (full-width, traditional, ASCII punctuation) and
//! the dialect (`dialect`) of its shape.

use super::dialect::Dialect;
use super::Shape;
use crate::normalize::to_traditional;

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

impl Style {
    pub(in crate::synth) fn apply(&self, s: &str) -> String {
        let out: String = s
            .chars()
            .map(|c| {
                let c = if self.script == Script::Traditional {
                    to_traditional(c)
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
        // A mirror site's converter swaps words too, beyond characters: 資訊 for 信息,
        // 檔案 for 文件 — written here only in `規範性檔案`, where it can be told from a
        // real 档案 (an archives bureau, 档案局).
        if self.script == Script::Traditional && self.dialect.mirror_words {
            out.replace("信息", "資訊")
                .replace("規範性文件", "規範性檔案")
        } else {
            out
        }
    }
}
