//! Report metadata: the report year and agency from the title (`某某市公安局2020年政府信息
//! 公开工作年度报告`, possibly split over lines, or in the page `<title>`), and the six
//! sections by their headings, also when a whole report arrives as one paragraph.

use super::labels::{section_heading, Key};
use super::Item;
use crate::grid::{Grid, Span};
use crate::model::Section;
use crate::normalize::fold_char;
use crate::schema::SECTIONS;

pub struct FoundSection {
    pub number: u8,
    /// Index of the heading's item.
    pub item: usize,
    pub section: Section,
}

pub struct Meta {
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub sections: Vec<FoundSection>,
}

fn is_agency_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '(' | ')' | '（' | '）')
}

/// `dddd年[度]政府信息公开` in the folded text of the first rows: year and the agency name
/// written just before the year.
fn title_year(rows: &[String]) -> Option<(i32, Option<String>)> {
    // Rows joined with a separator the agency cannot cross; the title may continue on the
    // next row (`…2020年政府信息` / `公开工作年度报告`).
    let joined: String = rows.join("\u{1}");
    let chars: Vec<char> = joined.chars().collect();
    for i in 0..chars.len().saturating_sub(5) {
        if !chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            || (i > 0 && chars[i - 1].is_ascii_digit())
        {
            continue;
        }
        // `2025 年` in PDF text.
        let mut y = i + 4;
        while y < chars.len() && chars[y] == ' ' {
            y += 1;
        }
        if chars.get(y) != Some(&'年') {
            continue;
        }
        let rest: String = chars[y + 1..]
            .iter()
            .take(16)
            .filter(|c| **c != '\u{1}' && !c.is_whitespace())
            .collect();
        if !(rest.starts_with("政府信息公开") || rest.starts_with("度政府信息公开")) {
            continue;
        }
        let year: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
        let mut j = i;
        while j > 0 && (is_agency_char(chars[j - 1]) || chars[j - 1] == ' ') {
            j -= 1;
        }
        let agency: String = chars[j..i].iter().filter(|c| !c.is_whitespace()).collect();
        let agency = agency
            .trim_start_matches(['(', ')', '（', '）'])
            .to_string();
        let agency = (agency.chars().count() >= 2).then_some(agency);
        return Some((year, agency));
    }
    None
}

/// `统计期限为2024年1月1日至2024年12月31日` and the like.
fn period_year(rows: &[String]) -> Option<i32> {
    for r in rows {
        if let Some(p) = r.find("1月1日至") {
            let before: String = r[..p]
                .chars()
                .rev()
                .take(5)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let digits: String = before.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() == 4 {
                return digits.parse().ok();
            }
        }
    }
    None
}

pub fn read(grid: &Grid, items: &[Item]) -> Meta {
    let mut sections: Vec<FoundSection> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if !it.is_data() {
            continue;
        }
        if let Some(n) = section_heading(&it.key) {
            if !sections.iter().any(|s| s.number as usize == n) {
                sections.push(FoundSection {
                    number: n as u8,
                    item: i,
                    section: Section {
                        key: SECTIONS[n - 1].key,
                        number: n as u8,
                        title: it.cell.text.clone(),
                        span: it.cell.span,
                    },
                });
            }
        }
    }
    // Headings inside a long paragraph (a whole report pasted as one line).
    for (i, it) in items.iter().enumerate() {
        if !it.is_data() || it.cell.text.chars().count() <= 40 {
            continue;
        }
        for (n, sec) in SECTIONS.iter().enumerate() {
            if sections.iter().any(|s| s.number as usize == n + 1) {
                continue;
            }
            let head = format!("{}、", sec.number);
            let text = &it.cell.text;
            let mut from = 0;
            while let Some(p) = text[from..].find(&head) {
                let at = from + p;
                let after: String = text[at..].chars().take(40).collect();
                let key = Key::new(&after);
                let hit = sec.needles.iter().any(|nd| {
                    key.bare()
                        .chars()
                        .take(nd.chars().count() + 12)
                        .collect::<String>()
                        .contains(nd)
                });
                if hit {
                    let verbatim =
                        grid.text.get(it.cell.span.start..it.cell.span.end) == Some(text.as_str());
                    let span = if verbatim {
                        let start = it.cell.span.start + at;
                        let len: usize = text[at..]
                            .chars()
                            .take(2 + sec.title.chars().count())
                            .map(char::len_utf8)
                            .sum();
                        Span::new(start, start + len)
                    } else {
                        it.cell.span
                    };
                    let title: String = text[at..]
                        .chars()
                        .take(2 + sec.title.chars().count())
                        .collect();
                    sections.push(FoundSection {
                        number: (n + 1) as u8,
                        item: i,
                        section: Section {
                            key: sec.key,
                            number: (n + 1) as u8,
                            title,
                            span,
                        },
                    });
                    break;
                }
                from = at + head.len();
            }
        }
    }
    sections.sort_by_key(|s| (s.item, s.section.span.start));

    // Year and agency from the first rows (folded, whitespace kept inside rows).
    // The title stands in the first rows; only rows that mention a year can hold it.
    let first_rows: Vec<String> = grid
        .rows
        .iter()
        .take(40)
        .filter(|r| r.cells.iter().any(|c| c.text.contains('年')))
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text.chars().map(fold_char).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let (mut year, mut agency) = match title_year(&first_rows) {
        Some((y, a)) => (Some(y), a),
        None => (None, None),
    };
    if year.is_none() {
        let all: Vec<String> = grid
            .rows
            .iter()
            .take(400)
            .flat_map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.text.chars().map(fold_char).collect::<String>())
            })
            .collect();
        if let Some((y, a)) = title_year(&all) {
            year = Some(y);
            agency = agency.or(a);
        }
    }
    if year.is_none() {
        year = period_year(&first_rows);
    }
    // `2019年,文登区住建局…` in the first paragraphs of 总体情况: the year the report covers.
    if year.is_none() {
        if let Some(s) = sections.iter().find(|s| s.number == 1) {
            for it in items[s.item + 1..]
                .iter()
                .filter(|it| it.is_data() && !it.cell.text.is_empty())
                .take(3)
            {
                let t: Vec<char> = it.cell.text.chars().map(fold_char).collect();
                let found = (0..t.len().saturating_sub(5)).find(|&i| {
                    t[i] == '2'
                        && t[i + 1] == '0'
                        && t[i + 2..i + 4].iter().all(|c| c.is_ascii_digit())
                        && t[i + 4] == '年'
                        && (i == 0 || !t[i - 1].is_ascii_digit())
                        && matches!(
                            t.get(i + 5),
                            Some(',' | '，' | '度' | '全' | '我' | '以' | '在')
                        )
                });
                if let Some(i) = found {
                    year = t[i..i + 4].iter().collect::<String>().parse().ok();
                    break;
                }
            }
        }
    }
    let year = year.filter(|y| (2008..=2100).contains(y));
    Meta {
        year,
        agency,
        sections,
    }
}
