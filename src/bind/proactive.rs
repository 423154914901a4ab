//! 表二 (主动公开): the subtables of the format, each row found by its label after the
//! previous one and placed by the placement policy.

use super::labels;
use super::place::BoundRow;
use super::Binder;
use crate::model::Table;
use crate::schema::{self, Format, TableId};

impl Binder<'_> {
    pub(super) fn bind_proactive(&mut self, from: usize, until: usize) -> (Option<Table>, usize) {
        let format = self.format.unwrap_or(Format::F2021);
        let subs = schema::proactive_subtables(format);
        let mut table = Self::new_table(
            TableId::Proactive,
            subs.iter()
                .flat_map(|s| s.rows.iter().map(move |r| (r.key, s.columns))),
        );
        let mut cursor = from;
        let mut found_any = false;
        let mut rows = Vec::new();
        for sub in subs {
            for def in sub.rows {
                let Some(at) = self.find_label(cursor, |k| labels::matches_proactive_row(def, k))
                else {
                    continue;
                };
                if at >= until {
                    continue;
                }
                found_any = true;
                let got = self.collect(at, sub.columns.len());
                rows.push(BoundRow {
                    label: def.label,
                    at,
                    last: got.last,
                });
                let label_span = self.items[at].cell().span;
                if let Some(row) = table.rows.iter_mut().find(|r| r.key == def.key) {
                    row.label_span = Some(label_span);
                    self.place(TableId::Proactive, row, def.label, sub.columns, &got);
                }
                cursor = got.last.max(at) + 1;
            }
        }
        self.unlabeled_values(TableId::Proactive, &rows);
        if !found_any {
            return (None, from);
        }
        (Some(table), cursor)
    }
}
