//! Format detection: the header words and row labels only one of the two formats prints,
//! counted over the cell stream; and the header words that show a table has begun.

use super::items::Item;
use super::labels::Key;
use crate::schema::{self, Format, TableId};

/// Header words that show a table has begun.
pub(super) fn header_of(id: TableId, key: &Key) -> bool {
    schema::is_table_header(id, key.bare())
}

/// Detect the format from header words and row labels only one format prints.
pub(super) fn detect_format(items: &[Item]) -> (Option<Format>, usize, usize) {
    let (mut f19, mut f21) = (0usize, 0usize);
    for it in items
        .iter()
        .filter(|it| it.is_data() && it.key.chars() <= 40)
    {
        let bare = it.key.bare();
        // Every marker names a count, an amount, a deadline or the 2019 service row.
        if !bare.contains(['数', '额', '逾', '务']) {
            continue;
        }
        for (marker, f) in schema::FORMAT_MARKERS {
            if bare.contains(marker) {
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
