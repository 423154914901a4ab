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
fn other_handling_with_values(items: &[Item], i: usize) -> bool {
    let key = &items[i].key();
    // `（六）其他处理`, not 2021's `3.其他处理` (its `3.其他` row written long).
    if !key.has_ordinal()
        || !key.bare().ends_with("处理")
        || key.full.starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let is_row = schema::application_rows(Format::F2019)
        .iter()
        .any(|d| d.key == "other_handling" && labels::matches_application_row(d, key));
    is_row
        && items[i + 1..]
            .iter()
            .find(|n| n.is_data() && n.state != CellState::Blank)
            .is_some_and(|n| n.numeric())
}

fn detect_among(items: &[Item], only: Option<TableId>) -> (Option<Format>, usize, usize) {
    let (mut f19, mut f21) = (0usize, 0usize);
    for (i, it) in items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.is_data() && it.key().chars() <= 40)
    {
        if only.is_none_or(|t| t == TableId::Applications) && other_handling_with_values(items, i) {
            f19 += 1;
            continue;
        }
        let bare = it.key().bare();
        // Every marker names a count, an amount, a deadline or the 2019 service row.
        if !bare.contains(['数', '额', '逾', '务']) {
            continue;
        }
        for (marker, f, table) in schema::FORMAT_MARKERS {
            if only.is_none_or(|t| t == table) && bare.contains(marker) {
                match f {
                    Format::F2019 => f19 += 1,
                    Format::F2021 => f21 += 1,
                }
            }
        }
    }
    let format = match (f19, f21) {
        (0, 0) => None,
        (a, b) if a > b => Some(Format::F2019),
        _ => Some(Format::F2021),
    };
    (format, f19, f21)
}
