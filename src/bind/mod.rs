//! Binding: the neutral grid to the two national formats. Runs once for every input shape.
//!
//! The grid is read as a stream of cells (`items`). Sections are found by their headings
//! (`meta`); the format by the header words only one format prints (`format`); each
//! standard row by its label, in the format's order, one binder per table (`proactive`,
//! `applications`, `disputes`): a cursor moves forward, so `总计` after the result rows is
//! the （七）总计 row and not the column header. A row's values are the cells after its
//! label, chosen and placed by the placement policy (`place`).
//!
//! Binding reports only what it finds while reading (the `ROW-*` placement findings);
//! everything it found is handed to the rules as `Facts`, and the structural findings
//! (tables missing or cut, sections, format and year) are rules (`crate::rules`).

mod applications;
mod disputes;
mod format;
mod items;
pub(crate) mod labels;
pub(crate) mod meta;
mod place;
mod proactive;

use crate::diagnostics::Diagnostic;
use crate::grid::{Grid, Span};
use crate::model::{Cell, Report, Row, Summary, Table, TableFormats, Tables};
use crate::schema::{self, ColumnDef, Format, TableId};
use items::Item;

/// What binding found that the rules need beyond the report itself.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Header words of each format found in the tables: (2019, 2021).
    pub format_votes: (usize, usize),
    /// The format the votes and the year chose (the report's `format`).
    pub format: Option<Format>,
    /// For each section heading found (number 1..=6): the first picture (an image file
    /// name) between it and the next section, with its span.
    pub pictures: Vec<(u8, Span)>,
}

/// The binder's state: the cell stream and the findings made while reading.
pub(crate) struct Binder<'g> {
    pub(crate) grid: &'g Grid,
    pub(crate) items: Vec<Item<'g>>,
    pub(crate) format: Option<Format>,
    /// Header words of both formats stand in the report: a label of either format ends a
    /// run of values.
    pub(crate) mixed: bool,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Index of the last data item with text (a run reaching it hit the end of the copy).
    pub(crate) last_text: Option<usize>,
}

impl Binder<'_> {
    /// A table of the format with every cell missing.
    fn blank_table(id: TableId, format: Format) -> Table {
        let rows: Vec<(&'static str, &'static [ColumnDef])> = match id {
            TableId::Applications => schema::application_rows(format)
                .iter()
                .map(|d| (d.key, &schema::APPLICANT_COLUMNS[..]))
                .collect(),
            TableId::Disputes => schema::DISPUTE_BLOCKS
                .iter()
                .map(|b| (b.key, &schema::DISPUTE_COLUMNS[..]))
                .collect(),
            TableId::Proactive => schema::proactive_subtables(format)
                .iter()
                .flat_map(|s| s.rows.iter().map(move |r| (r.key, s.columns)))
                .collect(),
        };
        Self::new_table(id, rows)
    }

    /// A table of `rows` (each key with the schema's columns), every cell missing.
    fn new_table(
        id: TableId,
        rows: impl IntoIterator<Item = (&'static str, &'static [ColumnDef])>,
    ) -> Table {
        Table {
            id,
            rows: rows
                .into_iter()
                .map(|(key, cols)| Row {
                    key,
                    cells: cols.iter().map(|c| (c.key, Cell::missing())).collect(),
                    label_span: None,
                    dropped: false,
                })
                .collect(),
        }
    }
}

/// The first picture (an image file named in the text) among `items`.
fn picture(items: &[Item]) -> Option<Span> {
    items.iter().find_map(|it| {
        let t = it.text().as_bytes();
        (t.len() < 2048 && names_image(t)).then_some(it.cell().span)
    })
}

/// The text names an image file (`.jpg`, `.png`, … in any case). Looked for from each `.`,
/// which most text has none of.
fn names_image(t: &[u8]) -> bool {
    const IMAGE: [&[u8]; 5] = [b".jpg", b".jpeg", b".png", b".gif", b".bmp"];
    memchr::memchr_iter(b'.', t).any(|i| {
        IMAGE.iter().any(|e| {
            t.get(i..i + e.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(e))
        })
    })
}

/// Bind the grid to the standard tables.
pub fn bind(grid: &Grid) -> (Report, Facts) {
    let mut stream = items::Stream::new(grid);
    let items = stream.items();
    let (detected, f19, f21) = format::detect_format(&items);
    let meta = meta::read(grid, &items);
    let format = detected.or(match meta.year {
        Some(y) if y >= 2021 => Some(Format::F2021),
        Some(y) if y >= 2019 => Some(Format::F2019),
        _ => None,
    });
    let last_text = items
        .iter()
        .rposition(|it| it.is_data() && !it.text().is_empty());
    let mut b = Binder {
        grid,
        items,
        format,
        mixed: f19 > 0 && f21 > 0,
        diagnostics: Vec::new(),
        last_text,
    };
    let stops: Vec<bool> = b.items.iter().map(|it| b.compute_stop(it)).collect();
    for (it, stop) in b.items.iter_mut().zip(stops) {
        it.stop = stop;
    }

    let sec_item = |n: usize| {
        meta.sections
            .iter()
            .find(|s| s.number as usize == n)
            .map(|s| s.item)
    };
    let t2_from = sec_item(2).unwrap_or(0);
    let t3_from = sec_item(3);
    let t4_heading = sec_item(4);
    // Each table in the layout it is written in: its own part's markers decide, else the
    // report's format (2019's 表三 has no marker of its own).
    let zone = |from: usize, to: Option<usize>| {
        let end = to.unwrap_or(b.items.len()).min(b.items.len());
        &b.items[from.min(end)..end]
    };
    let mixed = f19 > 0 && f21 > 0;
    let f2 = if mixed {
        format::detect_table(zone(t2_from, t3_from.or(t4_heading)), TableId::Proactive)
    } else {
        None
    };
    let f3 = if mixed {
        format::detect_table(
            zone(t3_from.unwrap_or(t2_from), t4_heading),
            TableId::Applications,
        )
    } else {
        None
    };
    b.format = f2.or(format);
    let (proactive, t2_end) = b.bind_proactive(t2_from, t3_from.unwrap_or(usize::MAX));
    b.format = f3.or(format);
    let (applications, t3_end) = b.bind_applications(t3_from.unwrap_or(t2_end));
    b.format = format;
    let disputes = b.bind_disputes(t4_heading.unwrap_or(t3_end), t4_heading);
    let table_formats = TableFormats {
        proactive: f2.filter(|f| Some(*f) != format),
        applications: f3.filter(|f| Some(*f) != format),
        disputes: None,
    };
    let mut tables = Tables {
        proactive,
        applications,
        disputes,
    };
    // A table whose every cell is missing was not found, unless its header stands in the
    // text (a copy cut right after the header): then it is there, and incomplete.
    for id in TableId::ALL {
        let empty = tables.get(id).map(|t| t.is_empty()).unwrap_or(true);
        let from = match id {
            TableId::Proactive => t2_from,
            TableId::Applications => t3_from.unwrap_or(0),
            TableId::Disputes => t4_heading.unwrap_or(0),
        };
        let started = b.items[from.min(b.items.len())..]
            .iter()
            .any(|it| format::header_of(id, it.key()));
        let own = match id {
            TableId::Proactive => f2,
            TableId::Applications => f3,
            TableId::Disputes => None,
        };
        let table = match (empty, started) {
            (false, _) => continue,
            (true, true) => Some(Binder::blank_table(
                id,
                own.or(format).unwrap_or(Format::F2021),
            )),
            (true, false) => None,
        };
        match id {
            TableId::Proactive => tables.proactive = table,
            TableId::Applications => tables.applications = table,
            TableId::Disputes => tables.disputes = table,
        }
    }
    // Pictures under each heading, up to the next higher-numbered heading after it in the
    // text (a higher heading written earlier bounds nothing: the range never runs backwards).
    let mut pictures = Vec::new();
    // Every cell's text is a slice of the source or of the decoded texts: where neither
    // names an image, no cell does.
    let any_picture = grid.rows.texts().iter().any(|t| names_image(t.as_bytes()));
    for (i, sec) in meta.sections.iter().enumerate().filter(|_| any_picture) {
        let next = meta.sections[i + 1..]
            .iter()
            .find(|s| s.number > sec.number)
            .map(|s| s.item)
            .unwrap_or(b.items.len())
            .max(sec.item);
        if let Some(span) = b.items.get(sec.item..next).and_then(picture) {
            pictures.push((sec.number, span));
        }
    }
    let facts = Facts {
        format_votes: (f19, f21),
        format,
        pictures,
    };
    let report = Report {
        format,
        table_formats,
        year: meta.year,
        agency: meta.agency,
        input: grid.shape.key(),
        sections: meta.sections.into_iter().map(|s| s.section).collect(),
        tables,
        diagnostics: b.diagnostics,
        not_assessable: Vec::new(),
        summary: Summary::default(),
    };
    (report, facts)
}

#[cfg(test)]
mod tests {
    use super::names_image;

    #[test]
    fn image_names_in_any_case_and_nothing_else() {
        for t in ["表三.jpg", "附件：表3.JPEG", "a.Png b", "x.gif", "图.bmp"] {
            assert!(names_image(t.as_bytes()), "{t}");
        }
        for t in ["", ".", "1.5", "表.jp", "jpg", "见附件。png"] {
            assert!(!names_image(t.as_bytes()), "{t}");
        }
    }
}
