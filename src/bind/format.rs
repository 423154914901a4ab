//! Format detection: the header words and row labels only one of the two formats prints,
//! counted over the cell stream; and the header words that show a table has begun.

use super::items::Item;
use super::labels::{self, Key};
use crate::schema::{self, Format, TableId};
use crate::value::CellState;

/// Header words that show a table has begun.
pub(super) fn header_of(id: TableId, key: &Key) -> bool {
    schema::is_table_header(id, key.bare())
}

/// Detect the format from header words and row labels only one format prints.
pub(super) fn detect_format(items: &[Item]) -> (Option<Format>, usize, usize) {
    detect_among(items, None)
}

/// The format table `id` is written in, from the markers of that table among `items`
/// (its part of the report): `None` when none stands there (2019's 表三 has no marker of
/// its own; the report's format applies).
pub(super) fn detect_table(items: &[Item], id: TableId) -> Option<Format> {
    detect_among(items, Some(id)).0
}

/// 2019's 表三 has one row （六）其他处理 with values of its own; 2021's splits it into three
/// numbered rows, so its label is followed by `1.申请人…`. The row's own values are the
/// one thing only the 2019 表三 prints (it has no header word of its own): its label, then
/// (past fillers and blank cells) a number or a not-applicable mark.
///
/// Looked at in every key with an ordinal: the test whether it can be that row is
/// inlined (`may_be_other_handling`), the rest runs for the few that can.
fn other_handling_with_values(items: &[Item], i: usize) -> bool {
    may_be_other_handling(items[i].key()) && other_handling_values(items, i)
}

/// `（六）其他处理`, not 2021's `3.其他处理` (its `3.其他` row written long).
#[inline]
fn may_be_other_handling(key: &Key) -> bool {
    key.has_ordinal()
        && key.bare().ends_with("处理")
        && !key.full.starts_with(|c: char| c.is_ascii_digit())
}

/// The rest of `other_handling_with_values`, for a key `may_be_other_handling`.
#[inline(never)]
fn other_handling_values(items: &[Item], i: usize) -> bool {
    let key = items[i].key();
    let is_row = schema::application_rows(Format::F2019)
        .iter()
        .any(|d| d.key == "other_handling" && labels::matches_application_row(d, key));
    is_row
        && items[i + 1..]
            .iter()
            .find(|n| n.is_data() && n.state != CellState::Blank)
            .is_some_and(|n| n.numeric())
}

/// The characters of each of `schema::FORMAT_MARKERS` (`schema::char_mask`), in its
/// order: a key that lacks one of a marker's characters does not hold it, so most keys are
/// ruled out by a mask test per marker instead of a substring search.
const MARKER_CHARS: [u64; schema::FORMAT_MARKERS.len()] = {
    let mut masks = [0; schema::FORMAT_MARKERS.len()];
    let mut k = 0;
    while k < masks.len() {
        masks[k] = schema::char_mask(schema::FORMAT_MARKERS[k].0);
        k += 1;
    }
    masks
};

/// The fewest characters a marker has: a shorter key holds none.
const MARKER_MIN_CHARS: usize = {
    let mut min = usize::MAX;
    let mut k = 0;
    while k < schema::FORMAT_MARKERS.len() {
        let b = schema::FORMAT_MARKERS[k].0.as_bytes();
        // Characters are the bytes that do not continue one (UTF-8).
        let (mut n, mut i) = (0, 0);
        while i < b.len() {
            n += (b[i] & 0xC0 != 0x80) as usize;
            i += 1;
        }
        if n < min {
            min = n;
        }
        k += 1;
    }
    min
};

/// Only a key that names a count, an amount, a deadline or the 2019 service row votes
/// (2021's `收费通知要求缴纳费用` therefore only in its row `申请人逾期未按…`).
const NAMES: [char; 4] = ['数', '额', '逾', '务'];

/// The bit of each of `NAMES` in a `schema::char_mask`.
const NAME_BITS: [u64; NAMES.len()] = {
    let mut bits = [0; NAMES.len()];
    let mut k = 0;
    while k < bits.len() {
        bits[k] = schema::char_bit(NAMES[k] as u32);
        k += 1;
    }
    bits
};

/// The markers `key` holds (of table `only`, else of every table), as votes (2019, 2021).
fn marker_votes(key: &Key, only: Option<TableId>) -> (usize, usize) {
    if key.chars() < MARKER_MIN_CHARS || !NAME_BITS.iter().any(|b| key.has_chars(*b)) {
        return (0, 0);
    }
    let candidates = MARKER_CHARS
        .iter()
        .enumerate()
        .fold(0u16, |acc, (k, m)| acc | u16::from(key.has_chars(*m)) << k);
    if candidates == 0 {
        return (0, 0);
    }
    let bare = key.bare();
    let (mut votes, mut named) = ((0, 0), false);
    for (k, (marker, f, table)) in schema::FORMAT_MARKERS.iter().enumerate() {
        if candidates & (1 << k) != 0 && only.is_none_or(|t| t == *table) && bare.contains(marker) {
            // A marker that names one of `NAMES` shows the key does (the marker is the
            // shorter text to look in).
            named = named || marker.contains(NAMES);
            match f {
                Format::F2019 => votes.0 += 1,
                Format::F2021 => votes.1 += 1,
            }
        }
    }
    if votes == (0, 0) || named || bare.contains(NAMES) {
        votes
    } else {
        (0, 0)
    }
}

fn detect_among(items: &[Item], only: Option<TableId>) -> (Option<Format>, usize, usize) {
    let (mut f19, mut f21) = (0usize, 0usize);
    for (i, it) in items.iter().enumerate() {
        // Numbers, blanks and long prose have no key: they hold no marker and are no label.
        if !it.keyed() || !it.is_data() || it.key().chars() > 40 {
            continue;
        }
        let key = it.key();
        if key.has_ordinal()
            && only.is_none_or(|t| t == TableId::Applications)
            && other_handling_with_values(items, i)
        {
            f19 += 1;
            continue;
        }
        let (a, b) = marker_votes(key, only);
        f19 += a;
        f21 += b;
    }
    let format = match (f19, f21) {
        (0, 0) => None,
        (a, b) if a > b => Some(Format::F2019),
        _ => Some(Format::F2021),
    };
    (format, f19, f21)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The votes as first written: every marker looked for in every key.
    fn plain_votes(key: &Key, only: Option<TableId>) -> (usize, usize) {
        let bare = key.bare();
        let mut votes = (0, 0);
        if !bare.contains(['数', '额', '逾', '务']) {
            return votes;
        }
        for (marker, f, table) in schema::FORMAT_MARKERS {
            if only.is_none_or(|t| t == table) && bare.contains(marker) {
                match f {
                    Format::F2019 => votes.0 += 1,
                    Format::F2021 => votes.1 += 1,
                }
            }
        }
        votes
    }

    #[test]
    fn the_2019_other_handling_row_votes_with_its_values() {
        let votes = |text: &str| {
            let grid = crate::ingest::read_text(text);
            let mut stream = crate::bind::items::Stream::new(&grid);
            let (_, f19, f21) = detect_format(&stream.items());
            (f19, f21)
        };
        assert_eq!(votes("| （六）其他处理 | 3 | 0 | 1 |"), (1, 0));
        assert_eq!(votes("| （六）其他处理 |  | / | 1 |"), (1, 0));
        // 2021's group label, its rows after it; 2021's `3.其他处理`; another row.
        assert_eq!(
            votes("| （六）其他处理 |\n| 1.申请人无正当理由逾期不补正 | 1 |"),
            (0, 1)
        );
        assert_eq!(votes("| 3.其他处理 | 3 | 0 |"), (0, 0));
        assert_eq!(votes("| （五）不予处理 | 3 | 0 |"), (0, 0));
    }

    #[test]
    fn marker_votes_match_the_plain_search() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "总计".into(),
            "信息内容".into(),
            "本年新制作数量本年新公开数量对外公开总数量".into(),
            "2.申请人逾期未按收费通知要求缴纳费用".into(),
            "申请人未按收费通知要求缴纳费用".into(),
            "本年收费金额(单位:万元)".into(),
            "（三）其他对外管理服务事项".into(),
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请".into(),
            "本年制发件數".into(),
            "数额逾务".into(),
            "本年本年制发件数本年制发件数".into(),
            "逾期逾期不补正".into(),
            "收费通知要求缴纳费用数".into(),
            "（二）上一年项目数量采购项目数量对外公开总数量".into(),
        ];
        // Every marker alone, with words around it, cut short, and next to each other.
        let markers: Vec<&str> = schema::FORMAT_MARKERS.iter().map(|m| m.0).collect();
        for (k, m) in markers.iter().enumerate() {
            let cut: String = m.chars().take(m.chars().count() - 1).collect();
            let next = markers[(k + 1) % markers.len()];
            texts.push((*m).into());
            texts.push(format!("（一）{m}"));
            texts.push(format!("本年{m}数"));
            texts.push(format!("{cut}数"));
            texts.push(format!("{m}{next}"));
            texts.push(format!("{cut}{next}"));
            texts.push(m.chars().rev().collect());
        }
        let only = [
            None,
            Some(TableId::Proactive),
            Some(TableId::Applications),
            Some(TableId::Disputes),
        ];
        for t in &texts {
            let key = Key::new(t);
            for o in only {
                assert_eq!(marker_votes(&key, o), plain_votes(&key, o), "{t} {o:?}");
            }
        }
        assert_eq!(MARKER_MIN_CHARS, "逾期不补正".chars().count());
        // The search is not vacuous: markers are found.
        assert_eq!(marker_votes(&Key::new("本年制发件数"), None), (0, 1));
        assert_eq!(
            marker_votes(&Key::new("本年新制作数量本年新公开数量"), None),
            (2, 0)
        );
    }
}
