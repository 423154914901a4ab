//! PDF-extracted text: rows of space-separated cells, wrapped labels, hard-wrapped prose.

use super::style::Style;
use super::table::Tbl;

/// PDF text puts a space between digits and the characters around them (`2025 年`).
pub(super) fn pdf_space_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            let digit_edge = (p.is_ascii_digit() && !c.is_ascii() && !c.is_whitespace())
                || (c.is_ascii_digit() && !p.is_ascii() && !p.is_whitespace());
            if digit_edge {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Hard line breaks every `width` characters, as a PDF's lines come out, but never inside
/// a run of digits (a number stays on one line).
pub(super) fn pdf_wrap(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / width);
    let mut col = 0;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let inside_number = prev.is_some_and(|p| p.is_ascii_digit()) && c.is_ascii_digit();
        if col >= width && !inside_number && !c.is_whitespace() {
            out.push('\n');
            col = 0;
        }
        out.push(c);
        col += 1;
        prev = Some(c);
    }
    out
}

/// A table as PDF text: each row's cells separated by spaces; a row's last label, when
/// longer than its column (16 characters), continues on the next line after the numbers.
/// 表四's header comes as `real-044.txt` has it, two-character words split over two lines.
pub(super) fn render_table_pdf(out: &mut String, t: &Tbl, style: Style) {
    if t.width == 15 && style.dialect.pdf_split_headers {
        let first_value_row = t.first_value_row().unwrap_or(0);
        let st = |s: &str| style.apply(s);
        for line in [
            "行政复议 行政诉讼",
            "未经复议直接起诉 复议后起诉",
            "结果 结果 其他 尚未 总",
            "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总",
            "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计",
        ] {
            out.push_str(&st(line));
            out.push('\n');
        }
        for row in t.rows.iter().skip(first_value_row) {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.text.as_str())
                .filter(|c| !c.is_empty())
                .collect();
            out.push_str(&cells.join(" "));
            out.push('\n');
        }
        return;
    }
    for row in &t.rows {
        let last_label = row.iter().rposition(|c| !c.value);
        let mut line = Vec::new();
        let mut rest = None;
        for (i, c) in row.iter().enumerate() {
            if c.text.is_empty() {
                continue;
            }
            let wraps =
                Some(i) == last_label && row.iter().any(|c| c.value) && c.text.chars().count() > 16;
            if wraps {
                let cut = c
                    .text
                    .char_indices()
                    .nth(16)
                    .map(|(b, _)| b)
                    .unwrap_or(c.text.len());
                line.push(&c.text[..cut]);
                rest = Some(&c.text[cut..]);
            } else {
                line.push(c.text.as_str());
            }
        }
        out.push_str(&line.join(" "));
        out.push('\n');
        if let Some(rest) = rest {
            out.push_str(rest);
            out.push('\n');
        }
    }
}
