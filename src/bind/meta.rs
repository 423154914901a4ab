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

/// A year written before `年`: four ASCII digits (`2025`, `2025 年`) or Chinese numerals
/// (`二〇二三`). Returns the year and the char range it spans.
fn year_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    const CN: &str = "〇零一二三四五六七八九";
    let digit = |c: char| {
        c.to_digit(10).or_else(|| {
            CN.chars()
                .position(|d| d == c)
                .map(|p| if p == 0 { 0 } else { p as u32 - 1 })
        })
    };
    if i > 0 && digit(chars[i - 1]).is_some() {
        return None;
    }
    let ascii = chars.get(i..i + 4)?.iter().all(|c| c.is_ascii_digit());
    let chinese = chars.get(i..i + 4)?.iter().all(|c| CN.contains(*c));
    if !(ascii || chinese) {
        return None;
    }
    let mut y = i + 4;
    while chars.get(y) == Some(&' ') {
        y += 1;
    }
    if chars.get(y) != Some(&'年') {
        return None;
    }
    let year = chars[i..i + 4]
        .iter()
        .try_fold(0i32, |acc, c| digit(*c).map(|d| acc * 10 + d as i32))?;
    (2000..=2100).contains(&year).then_some((year, y + 1))
}

/// The agency named in a title: the run of Chinese characters just before `end`, without
/// words that are not part of a name.
fn agency_before(chars: &[char], end: usize) -> Option<String> {
    let mut j = end;
    while j > 0 && chars[j - 1] == ' ' {
        j -= 1;
    }
    let stop = j;
    while j > 0 && is_agency_char(chars[j - 1]) {
        j -= 1;
    }
    let mut name: String = chars[j..stop].iter().collect();
    for suffix in ["关于", "年度", "度"] {
        if let Some(n) = name.strip_suffix(suffix) {
            name = n.to_string();
        }
    }
    for prefix in ["年度", "年", "度", "关于"] {
        if let Some(n) = name.strip_prefix(prefix) {
            name = n.to_string();
        }
    }
    let name = name.trim_matches(['(', ')', '（', '）']).to_string();
    (name.chars().count() >= 2).then_some(name)
}

/// Characters of a row searched for the title, its year and agency.
const TITLE_CHARS: usize = 1000;

/// The title: a row naming 政府信息公开 and 报告, possibly continued on the next row
/// (`…2020年政府信息` / `公开工作年度报告`), possibly after an agency on its own row
/// (`某某局` / `2023年政府信息公开工作年度报告`). Cells of a row are joined by a separator
/// a name cannot cross (`标题 | 某某局2023年…`).
fn title(rows: &[String]) -> Option<(Option<i32>, Option<String>)> {
    let mut best: Option<(Option<i32>, Option<String>)> = None;
    for (k, row) in rows.iter().enumerate() {
        let mut text: String = row.clone();
        if let Some(n) = rows.get(k + 1).filter(|_| !row.contains("报告")) {
            text.push('\u{1}');
            text.push_str(n);
        }
        // Only rows that name the topic can be the title.
        if !text.replace('\u{1}', "").contains("政府信息公开") {
            continue;
        }
        // A title is short: the head of a long row (a report run into one line) is enough,
        // and keeps the search linear in the row.
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(TITLE_CHARS)
            .collect();
        let at = |i: usize, n: usize| {
            chars[i..]
                .iter()
                .filter(|c| **c != '\u{1}')
                .take(n)
                .collect::<String>()
        };
        // 政府信息公开 as the report's topic: followed by 工作, 年度 or 年报 (not 条例).
        let topics: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == '政' && at(i, 6) == "政府信息公开")
            .filter(|&i| {
                // `政府信息公开[工作][2023]年度报告`, `…年报`: the report is named right after.
                let after = at(i, 16);
                let rest = &after[18..];
                ["工作", "年度", "年报"].iter().any(|w| rest.starts_with(w))
                    && (rest.contains("报告") || rest.starts_with("年报"))
            })
            .collect();
        // The row's first year, wherever it stands: the same for every topic word.
        let year = (0..chars.len()).find_map(|i| year_at(&chars, i).map(|(y, end)| (i, y, end)));
        for &topic in &topics {
            let agency = match year {
                // `某某局2023年[度]政府信息公开…`
                Some((i, _, end)) if i < topic && end + 2 >= topic => agency_before(&chars, i),
                // `2023年某某局政府信息公开…`, `某某局政府信息公开工作2023年度报告`, no year
                _ => agency_before(&chars, topic),
            }
            .or_else(|| {
                // The agency on the row before the title.
                let prev = rows.get(k.checked_sub(1)?)?;
                let p: Vec<char> = prev.chars().filter(|c| !c.is_whitespace()).collect();
                (p.len() <= 30 && p.iter().all(|c| is_agency_char(*c)))
                    .then(|| agency_before(&p, p.len()))
                    .flatten()
            });
            let found = (year.map(|(_, y, _)| y), agency);
            match (&found, &best) {
                ((Some(_), Some(_)), _) => return Some(found),
                (_, None) => best = Some(found),
                ((y, a), Some((by, ba)))
                    if (y.is_some() && by.is_none()) || (a.is_some() && ba.is_none()) =>
                {
                    best = Some((y.or(*by), a.clone().or(ba.clone())))
                }
                _ => {}
            }
        }
    }
    best
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

    // Year and agency from the title among the first rows (folded, mirror words mapped,
    // cells joined by a separator a name cannot cross).
    let first_rows: Vec<String> = grid
        .rows
        .iter()
        .take(40)
        .map(|r| {
            // Long prose that names neither the topic nor a period is neither a title nor
            // an agency line: left empty (rows keep their places for the title's neighbours).
            let len: usize = r.cells.iter().map(|c| c.text.len()).sum();
            if len > 90
                && !r
                    .cells
                    .iter()
                    .any(|c| c.text.contains("政府") || c.text.contains("月1日"))
            {
                return String::new();
            }
            r.cells
                .iter()
                .map(|c| crate::normalize::fold_text(&c.text))
                .collect::<Vec<_>>()
                .join("\u{1}")
        })
        .collect();
    let (mut year, agency) = title(&first_rows).unwrap_or((None, None));
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
