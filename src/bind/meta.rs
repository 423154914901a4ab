//! Report metadata: the report year and agency from the title (`某某市公安局2020年政府信息
//! 公开工作年度报告`, possibly split over lines, or in the page `<title>`), and the six
//! sections by their headings, also when a whole report arrives as one paragraph.

use super::labels::{section_heading, Key};
use super::Item;
use crate::grid::{Grid, Span};
use crate::model::Section;
use crate::normalize::{fold_char, is_ideograph, CN_DIGITS};
use crate::schema::SECTIONS;
use std::borrow::Cow;

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
    is_ideograph(c) || matches!(c, '(' | ')' | '（' | '）')
}

/// The value of a digit of a year: an ASCII digit or a Chinese one (`CN_DIGITS`, and
/// `零`).
fn year_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '零' => Some(0),
        _ => CN_DIGITS.iter().position(|&d| d == c).map(|p| p as u32),
    }
}

/// A year written before `年`: four ASCII digits (`2025`, `2025 年`) or Chinese numerals
/// (`二〇二三`), not both. Returns the year and the char range it spans.
fn year_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    let digits = chars.get(i..i + 4)?;
    let ascii = digits.iter().all(char::is_ascii_digit);
    let chinese = || {
        digits
            .iter()
            .all(|c| !c.is_ascii() && year_digit(*c).is_some())
    };
    if !(ascii || chinese()) || (i > 0 && year_digit(chars[i - 1]).is_some()) {
        return None;
    }
    let mut y = i + 4;
    while chars.get(y) == Some(&' ') {
        y += 1;
    }
    if chars.get(y) != Some(&'年') {
        return None;
    }
    let year = digits
        .iter()
        .try_fold(0i32, |acc, c| year_digit(*c).map(|d| acc * 10 + d as i32))?;
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
    // Cut as a slice of the title's characters (the words as characters too); made a
    // string once, at the end.
    let mut name = &chars[j..stop];
    for suffix in [&['关', '于'][..], &['年', '度'], &['度']] {
        if let Some(n) = name.strip_suffix(suffix) {
            name = n;
        }
    }
    for prefix in [&['年', '度'][..], &['年'], &['度'], &['关', '于']] {
        if let Some(n) = name.strip_prefix(prefix) {
            name = n;
        }
    }
    // A sentence that publishes the report: the agency follows its verb
    // (`现公布区统计局2020年度…`, `特发布…`).
    for verb in [
        ['公', '布'],
        ['发', '布'],
        ['印', '发'],
        ['现', '将'],
        ['予', '以'],
    ] {
        if let Some(p) = name.windows(2).rposition(|w| w == verb) {
            name = &name[p + 2..];
        }
    }
    let bracket = |c: &char| matches!(c, '(' | ')' | '（' | '）');
    let from = name.iter().position(|c| !bracket(c)).unwrap_or(name.len());
    let to = name
        .iter()
        .rposition(|c| !bracket(c))
        .map_or(from, |p| p + 1);
    let name = &name[from..to];
    (name.len() >= 2).then(|| {
        let mut s = String::with_capacity(3 * name.len());
        s.extend(name);
        s
    })
}

/// Is the topic at `topic` inside a sentence or a citation (sentence punctuation, or a 《
/// after the cell's first character, before it) while the words after it name something
/// other than the report itself (`关于做好2021年政府信息公开工作年度报告编制发布工作的
/// 通知`)? Then it names neither the report's year nor its agency. A sentence that names
/// the report (`现发布《某镇2022年政府信息公开工作年度报告》。`) still does.
fn cites_another_document(chars: &[char], topic: usize) -> bool {
    let start = chars[..topic]
        .iter()
        .rposition(|c| *c == '\u{1}')
        .map_or(0, |p| p + 1);
    let in_sentence = chars[start..topic]
        .iter()
        .enumerate()
        .any(|(k, c)| matches!(c, ',' | '。' | ';' | ':' | '!' | '?') || (*c == '《' && k > 0));
    if !in_sentence {
        return false;
    }
    let after: String = chars[topic..].iter().take(40).collect();
    let mut rest = after.strip_prefix("政府信息公开").unwrap_or(&after);
    rest = rest.strip_prefix("工作").unwrap_or(rest);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        rest = rest[4..].strip_prefix('年').unwrap_or(&rest[4..]);
    }
    let named = ["年度报告", "年报", "报告"]
        .iter()
        .find_map(|w| rest.strip_prefix(w));
    match named {
        Some(tail) => {
            !(tail.is_empty() || tail.starts_with(['》', '。', ',', '\u{1}', ' ', '(', '）', ')']))
        }
        None => true,
    }
}

/// The first rows of the grid as the title search reads them: folded, mirror words
/// mapped, cells joined by a separator a name cannot cross. Each row is folded when first
/// read: the title is most often in the first two, and the search stops there.
struct FoldedRows<'g> {
    grid: &'g Grid,
    rows: Vec<std::cell::OnceCell<String>>,
}

impl<'g> FoldedRows<'g> {
    /// Rows searched for the title and the period.
    const ROWS: usize = 40;

    fn new(grid: &'g Grid) -> FoldedRows<'g> {
        let n = grid.rows.len().min(Self::ROWS);
        FoldedRows {
            grid,
            rows: (0..n).map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    fn get(&self, k: usize) -> Option<&str> {
        let slot = self.rows.get(k)?;
        Some(slot.get_or_init(|| {
            let r = self.grid.rows.row(k);
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
            let mut folded = String::with_capacity(len + r.cells.len());
            for (j, c) in r.cells.iter().enumerate() {
                if j > 0 {
                    folded.push('\u{1}');
                }
                folded.push_str(&crate::normalize::fold_text(c.text));
            }
            folded
        }))
    }

    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.rows.len()).filter_map(|k| self.get(k))
    }
}

/// Characters of a row searched for the title, its year and agency.
const TITLE_CHARS: usize = 1000;

/// The title: a row naming 政府信息公开 and 报告, possibly continued on the next row
/// (`…2020年政府信息` / `公开工作年度报告`), possibly after an agency on its own row
/// (`某某局` / `2023年政府信息公开工作年度报告`). Cells of a row are joined by a separator
/// a name cannot cross (`标题 | 某某局2023年…`).
fn title(rows: &FoldedRows) -> Option<(Option<i32>, Option<String>)> {
    let mut best: Option<(Option<i32>, Option<String>)> = None;
    for (k, row) in rows.iter().enumerate() {
        // The next row is read (and folded) only where this one does not name the report.
        let text: Cow<str> = match row.contains("报告") {
            true => Cow::Borrowed(row),
            false => match rows.get(k + 1) {
                Some(n) => Cow::Owned(format!("{row}\u{1}{n}")),
                None => Cow::Borrowed(row),
            },
        };
        // Only rows that name the topic can be the title (also across cells and rows).
        let named = text.contains("政府信息公开")
            || (text.contains('\u{1}') && text.replace('\u{1}', "").contains("政府信息公开"));
        if !named {
            continue;
        }
        // A title is short: the head of a long row (a report run into one line) is enough,
        // and keeps the search linear in the row.
        let mut chars: Vec<char> = Vec::with_capacity(text.len().min(TITLE_CHARS));
        chars.extend(
            text.chars()
                .filter(|c| !c.is_whitespace())
                .take(TITLE_CHARS),
        );
        // The `n` characters from `i` on, across cells.
        let from = |i: usize, n: usize| chars[i..].iter().filter(|c| **c != '\u{1}').take(n);
        // 政府信息公开 as the report's topic: followed by 工作, 年度 or 年报 (not 条例).
        let topics: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == '政' && from(i, 6).copied().eq("政府信息公开".chars()))
            .filter(|&i| {
                // `政府信息公开[工作][2023]年度报告`, `…年报`: the report is named right after
                // (in the ten characters after the topic, looked at as characters).
                let (mut after, mut n) = (['\0'; 10], 0);
                for (a, c) in after.iter_mut().zip(from(i, 16).skip(6)) {
                    *a = *c;
                    n += 1;
                }
                let rest = &after[..n];
                [['工', '作'], ['年', '度'], ['年', '报']]
                    .iter()
                    .any(|w| rest.starts_with(w))
                    && (rest.windows(2).any(|w| w == ['报', '告'])
                        || rest.starts_with(&['年', '报']))
            })
            // The topic inside a cited document's name (`根据《某省人民政府办公厅关于做好
            // …工作的通知》`) names neither the report's year nor its agency.
            .filter(|&i| !cites_another_document(&chars, i))
            .collect();
        // Every year the row writes, found once (not once per topic).
        let years: Vec<(usize, i32, usize)> = if topics.is_empty() {
            Vec::new()
        } else {
            (0..chars.len())
                .filter_map(|i| year_at(&chars, i).map(|(y, end)| (i, y, end)))
                .collect()
        };
        for &topic in &topics {
            // The year written just before the topic, else after it (`…工作2023年度报告`),
            // else the row's first (`2023年某某局政府信息公开…`).
            let year = years
                .iter()
                .rev()
                .find(|(i, _, end)| *i < topic && end + 2 >= topic)
                .or_else(|| years.iter().find(|(i, _, _)| *i > topic))
                .or(years.first())
                .copied();
            let agency = match year {
                // `某某局2023年[度]政府信息公开…`
                Some((i, _, end)) if i < topic && end + 2 >= topic => agency_before(&chars, i),
                // `2023年某某局政府信息公开…`, `某某局政府信息公开工作2023年度报告`, no year
                _ => agency_before(&chars, topic),
            }
            .or_else(|| {
                // The agency on the row before the title.
                let prev = rows.get(k.checked_sub(1)?)?;
                // A row that names the topic itself is a title, not an agency line.
                if prev.contains("政府信息公开") {
                    return None;
                }
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
fn period_year(rows: &FoldedRows) -> Option<i32> {
    for r in rows.iter() {
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

/// The sections by their headings: cells that open with a section's numeral and name it
/// (`一、总体情况`), each number once, the first.
fn headings(items: &[Item]) -> Vec<FoundSection> {
    let mut sections: Vec<FoundSection> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        // Each number is taken once: with all six found, no heading is left to find.
        if sections.len() == SECTIONS.len() {
            break;
        }
        // A heading is short text (it has a key) and opens with its Chinese numeral
        // (`一、`): keys without an ordinal, or whose ordinal is ASCII (`(一)`, `1.`), head
        // no section.
        if !it.keyed() {
            continue;
        }
        let key = it.key();
        if !it.is_data() || !key.has_ordinal() || key.full.as_bytes()[0].is_ascii() {
            continue;
        }
        if let Some(n) = section_heading(key) {
            if !sections.iter().any(|s| s.number as usize == n) {
                sections.push(FoundSection {
                    number: n as u8,
                    item: i,
                    section: Section {
                        key: SECTIONS[n - 1].key,
                        number: n as u8,
                        title: it.text().to_owned(),
                        span: it.cell().span,
                    },
                });
            }
        }
    }
    sections
}

/// Headings inside a long paragraph (a whole report pasted as one line), of the sections
/// not found yet.
fn paragraph_headings(grid: &Grid, items: &[Item], sections: &mut Vec<FoundSection>) {
    let heads: Vec<String> = SECTIONS.iter().map(|s| format!("{}、", s.number)).collect();
    for (i, it) in items.iter().enumerate() {
        if sections.len() == SECTIONS.len() {
            break;
        }
        // More than 40 characters (at least a byte each).
        if !it.is_data() || it.text().len() <= 40 || it.text().chars().count() <= 40 {
            continue;
        }
        for (n, (sec, head)) in SECTIONS.iter().zip(&heads).enumerate() {
            if sections.iter().any(|s| s.number as usize == n + 1) {
                continue;
            }
            let text = &it.text();
            let mut from = 0;
            while let Some(p) = text[from..].find(head.as_str()) {
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
                        grid.text().get(it.cell().span.start..it.cell().span.end) == Some(text);
                    let span = if verbatim {
                        let start = it.cell().span.start + at;
                        let len: usize = text[at..]
                            .chars()
                            .take(2 + sec.title.chars().count())
                            .map(char::len_utf8)
                            .sum();
                        Span::new(start, start + len)
                    } else {
                        it.cell().span
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
}

pub fn read(grid: &Grid, items: &[Item]) -> Meta {
    let mut sections = headings(items);
    if sections.len() < SECTIONS.len() {
        paragraph_headings(grid, items, &mut sections);
    }
    sections.sort_by_key(|s| (s.item, s.section.span.start));

    // Year and agency from the title among the first rows (folded, mirror words mapped,
    // cells joined by a separator a name cannot cross).
    let first_rows = FoldedRows::new(grid);
    let (mut year, agency) = title(&first_rows).unwrap_or((None, None));
    if year.is_none() {
        year = period_year(&first_rows);
    }
    // `2019年,文登区住建局…` in the first paragraphs of 总体情况: the year the report covers.
    if year.is_none() {
        // After 一、总体情况, its first paragraphs; with no such heading, the first ones.
        let (from, take) = match sections.iter().find(|s| s.number == 1) {
            Some(s) => (s.item + 1, 3),
            None => (0, 12),
        };
        {
            for it in items[from.min(items.len())..]
                .iter()
                .filter(|it| it.is_data() && !it.text().is_empty())
                .take(take)
            {
                let t: Vec<char> = it.text().chars().map(fold_char).collect();
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

/// How many reports a pasted text seems to hold: the number of `一、总体情况` headings (the
/// first section every report opens with), folded, whitespace and HTML tags skipped, so a
/// saved page or a Word paste counts as it reads. A text without the heading counts 0; the
/// page says "several reports" when this is above 1. A cheap scan, not a reading.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn report_count(text: &str) -> usize {
    const HEAD: [char; 6] = ['一', '、', '总', '体', '情', '况'];
    let mut matched = 0;
    let mut count = 0;
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag || c.is_whitespace() => {}
            _ => {
                let c = match fold_char(c) {
                    '.' | ',' => '、',
                    c => c,
                };
                matched = if c == HEAD[matched] {
                    matched + 1
                } else if c == HEAD[0] {
                    1
                } else {
                    0
                };
                if matched == HEAD.len() {
                    count += 1;
                    matched = 0;
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod report_count_tests {
    use super::report_count;

    #[test]
    fn counts_first_section_headings() {
        assert_eq!(report_count(""), 0);
        assert_eq!(report_count("乱码 abc"), 0);
        assert_eq!(report_count("标题\n一、总体情况\n正文"), 1);
        // Folded punctuation, spaces, HTML tags between the characters.
        assert_eq!(report_count("一．总 体情况"), 1);
        assert_eq!(
            report_count("<p><span>一、</span><span>总体情况</span></p>"),
            1
        );
        // The words alone (in prose) are not a heading.
        assert_eq!(report_count("由总体情况、主动公开政府信息情况组成"), 0);
        assert_eq!(
            report_count("甲局报告\n一、总体情况\n…\n乙局报告\n一、总体情况\n"),
            2
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sections by their headings as first read: every data item asked.
    fn plain_headings(items: &[Item]) -> Vec<(u8, usize)> {
        let mut found: Vec<(u8, usize)> = Vec::new();
        for (i, it) in items.iter().enumerate().filter(|(_, it)| it.is_data()) {
            if let Some(n) = section_heading(it.key()) {
                if !found.iter().any(|(m, _)| *m as usize == n) {
                    found.push((n as u8, i));
                }
            }
        }
        found
    }

    /// Every synthetic report shape of a few seeds in both formats.
    #[cfg(feature = "synth")]
    fn synth_reports() -> Vec<String> {
        let mut texts = Vec::new();
        for seed in 0..6 {
            for format in [crate::schema::Format::F2019, crate::schema::Format::F2021] {
                let s = crate::synth::Synth::generate(seed, format);
                for shape in crate::synth::Shape::ALL {
                    texts.push(s.render(shape));
                }
            }
        }
        texts
    }

    #[cfg(not(feature = "synth"))]
    fn synth_reports() -> Vec<String> {
        Vec::new()
    }

    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = vec![
            "".into(),
            "一、总体情况\n(一)主动公开\n二、主动公开政府信息情况\n1.总体情况".into(),
            "三、收到和处理政府信息公开申请情况\n一、总体情况\n一、 总体情况\n六、其他需要报告的事项"
                .into(),
            "（一）总体情况\n(二)主动公开政府信息情况\n四、结转下年度继续办理\n四、行政复议".into(),
            "五、存在的主要问题及改进情况 | 六、其他需要报告的事项 | 二、主动公开政府信息".into(),
            "某局2021年政府信息公开工作年度报告。一、总体情况 二、主动公开政府信息情况".into(),
        ];
        texts.extend(synth_reports());
        texts
    }

    #[test]
    fn headings_match_the_plain_search() {
        for text in texts() {
            let grid = crate::ingest::read_text(&text);
            let mut stream = crate::bind::items::Stream::new(&grid);
            let items = stream.items();
            let fast: Vec<(u8, usize)> = headings(&items)
                .iter()
                .map(|s| (s.number, s.item))
                .collect();
            assert_eq!(fast, plain_headings(&items), "{text}");
        }
    }

    /// `year_at` and `agency_before` as first written (strings searched and cut).
    fn plain_year_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
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

    fn plain_agency_before(chars: &[char], end: usize) -> Option<String> {
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
        for verb in ["公布", "发布", "印发", "现将", "予以"] {
            if let Some(p) = name.rfind(verb) {
                name = name[p + verb.len()..].to_string();
            }
        }
        let name = name.trim_matches(['(', ')', '（', '）']).to_string();
        (name.chars().count() >= 2).then_some(name)
    }

    #[test]
    fn titles() {
        let read = |text: &str| title(&FoldedRows::new(&crate::ingest::read_text(text)));
        let some = |y: i32, a: &str| Some((Some(y), Some(a.to_string())));
        assert_eq!(
            read("某某市公安局2020年政府信息公开工作年度报告"),
            some(2020, "某某市公安局")
        );
        assert_eq!(
            read("某某局政府信息公开工作2023年度报告"),
            some(2023, "某某局")
        );
        assert_eq!(
            read("某某局政府信息公开年报\n正文"),
            Some((None, Some("某某局".into())))
        );
        assert_eq!(
            read("某某局2021年政府信息\n公开工作年度报告"),
            some(2021, "某某局")
        );
        assert_eq!(
            read("某某局\n2022年政府信息公开工作年度报告"),
            some(2022, "某某局")
        );
        assert_eq!(
            read("标题 | 某镇2024年政府信息公开工作年度报告 |"),
            some(2024, "某镇")
        );
        // Not the topic: the 条例, a cited notice.
        assert_eq!(read("某某局2020年政府信息公开条例学习"), None);
        assert_eq!(
            read("根据《关于做好2021年政府信息公开工作年度报告编制发布工作的通知》,某局"),
            None
        );
    }

    #[test]
    fn year_and_agency_match_the_plain_reading() {
        let rows = [
            "柳岸示范区教育局2022年政府信息公开工作年度报告",
            "某某局 2023 年度政府信息公开工作年度报告",
            "二〇二三年某镇人民政府政府信息公开工作年报",
            "2〇23年12023年 20230年二〇2三年九九九九年一〇〇〇年二一〇〇年二一〇一年",
            "现公布区统计局2020年度政府信息公开工作年度报告",
            "特发布(某某局)关于2021年度报告予以印发某某委公布",
            "（（某局））年度",
            "年度关于度",
            "关于发布",
            "某局公布",
            "发布某局发布公布某委",
            "度度年年度度关于关于",
            "(某局)(",
            "印发现将予以公布发布",
            "(",
            "甲",
            "某局\u{1}2024年政府信息公开\u{1}工作年度报告",
            "",
        ];
        for row in rows {
            let chars: Vec<char> = row.chars().collect();
            for i in 0..=chars.len() {
                if i < chars.len() {
                    assert_eq!(year_at(&chars, i), plain_year_at(&chars, i), "{row} {i}");
                }
                assert_eq!(
                    agency_before(&chars, i),
                    plain_agency_before(&chars, i),
                    "{row} {i}"
                );
            }
        }
        let chars: Vec<char> = rows[0].chars().collect();
        assert_eq!(year_at(&chars, 8), Some((2022, 13)));
        assert_eq!(
            agency_before(&chars, 8).as_deref(),
            Some("柳岸示范区教育局")
        );
    }
}
