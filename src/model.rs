//! The report model of `../shared/spec/report-model.md`: cells with their state, the raw
//! text and the byte span they were read from; the three standard tables keyed by the
//! canonical keys; report metadata. Plain data, serialised exactly as spec §6.

use crate::diagnostics::{Diagnostic, NotAssessable};
use crate::schema::{Format, TableId};
use crate::span::Span;
use crate::value::ser_number;
pub use crate::value::CellState;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub state: CellState,
    #[serde(serialize_with = "ser_number")]
    pub value: Option<f64>,
    /// The cell's text as read.
    pub raw: CellText,
    /// A unit written in the cell (`元`, `万元`, `件`), kept apart from the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Byte range of the source text the cell was read from (absent for `missing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A cell's text: natively a `CompactString`, inline up to 24 bytes (a number or a short
/// word costs no allocation, and placing a table's cells is most of the allocations a
/// report made); in the wasm a `String`, whose code the module has anyway (see
/// Cargo.toml: the page's size budget).
#[cfg(not(target_arch = "wasm32"))]
pub type CellText = compact_str::CompactString;
#[cfg(target_arch = "wasm32")]
pub type CellText = String;

impl Cell {
    pub fn missing() -> Self {
        Cell {
            state: CellState::Missing,
            value: None,
            raw: CellText::default(),
            unit: None,
            span: None,
        }
    }
    pub fn number(&self) -> Option<f64> {
        match self.state {
            CellState::Number => self.value,
            _ => None,
        }
    }
}

/// One row (or 表四 block) of a standard table: its cells in schema order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: &'static str,
    pub cells: Vec<(&'static str, Cell)>,
    /// Span of the label the row was found by, when found.
    pub label_span: Option<Span>,
    /// Its values were read but their columns could not be told (`ROW-CELLS-DROPPED`):
    /// the row's missing cells are accounted for by that finding.
    pub dropped: bool,
}

impl Row {
    pub fn cell(&self, col: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|(k, _)| same_key(k, col))
            .map(|(_, c)| c)
    }
    pub fn cell_mut(&mut self, col: &str) -> Option<&mut Cell> {
        self.cells
            .iter_mut()
            .find(|(k, _)| same_key(k, col))
            .map(|(_, c)| c)
    }
}

/// A standard table: every row and column of the format, `missing` where the input has none.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: TableId,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| same_key(r.key, key))
    }
    pub fn row_mut(&mut self, key: &str) -> Option<&mut Row> {
        self.rows.iter_mut().find(|r| same_key(r.key, key))
    }
    pub fn cell(&self, row: &str, col: &str) -> Option<&Cell> {
        self.row(row).and_then(|r| r.cell(col))
    }
    pub fn cells(&self) -> impl Iterator<Item = (&'static str, &'static str, &Cell)> {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().map(move |(c, cell)| (r.key, *c, cell)))
    }
    /// True when no cell of the table was found in the input.
    pub fn is_empty(&self) -> bool {
        self.cells().all(|(_, _, c)| c.state == CellState::Missing)
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct RowMap<'a>(&'a Row);
        impl Serialize for RowMap<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.cells.len()))?;
                for (k, c) in &self.0.cells {
                    m.serialize_entry(k, c)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(self.rows.len()))?;
        for r in &self.rows {
            m.serialize_entry(r.key, &RowMap(r))?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Tables {
    pub proactive: Option<Table>,
    pub applications: Option<Table>,
    pub disputes: Option<Table>,
}

impl Tables {
    pub fn get(&self, id: TableId) -> Option<&Table> {
        match id {
            TableId::Proactive => self.proactive.as_ref(),
            TableId::Applications => self.applications.as_ref(),
            TableId::Disputes => self.disputes.as_ref(),
        }
    }
    pub fn get_mut(&mut self, id: TableId) -> Option<&mut Table> {
        match id {
            TableId::Proactive => self.proactive.as_mut(),
            TableId::Applications => self.applications.as_mut(),
            TableId::Disputes => self.disputes.as_mut(),
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &Table> {
        [&self.proactive, &self.applications, &self.disputes]
            .into_iter()
            .flatten()
    }
}

/// One of the six sections, as found in the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub key: &'static str,
    /// 1..=6
    pub number: u8,
    /// The heading as written.
    pub title: String,
    pub span: Span,
}

/// Counts for the verdict banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Rule instances that could not be evaluated (an operand blank, `/`, text or missing).
    pub not_assessable: usize,
    /// Rule instances evaluated and found to hold.
    pub passed: usize,
}

/// The format each table is written in, where it differs from the report's (a report may
/// use the 2019 表二 with the 2021 表三 and 表四, or the reverse: `FORMAT-MIXED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct TableFormats {
    pub proactive: Option<Format>,
    pub applications: Option<Format>,
    pub disputes: Option<Format>,
}

/// The result of checking one report (spec §6, plus metadata the page and CLI use).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub format: Option<Format>,
    /// Per table, the format it was read in (each table in the layout it is written in).
    pub table_formats: TableFormats,
    pub year: Option<i32>,
    pub agency: Option<String>,
    /// How the input presented itself: `html`, `text` or `docx`.
    pub input: &'static str,
    pub sections: Vec<Section>,
    pub tables: Tables,
    pub diagnostics: Vec<Diagnostic>,
    pub not_assessable: Vec<NotAssessable>,
    pub summary: Summary,
}

impl Report {
    /// The format table `id` was read in (the report's when the table does not say).
    pub fn format_of(&self, id: TableId) -> Option<Format> {
        let f = match id {
            TableId::Proactive => self.table_formats.proactive,
            TableId::Applications => self.table_formats.applications,
            TableId::Disputes => self.table_formats.disputes,
        };
        f.or(self.format)
    }

    /// Rewrite every span the report carries (cells, row labels, sections, finding labels),
    /// e.g. from bytes to UTF-16 units at the JavaScript edge, in place.
    pub fn map_spans(&mut self, f: impl Fn(Span) -> Span) {
        let Tables {
            proactive,
            applications,
            disputes,
        } = &mut self.tables;
        for table in [proactive, applications, disputes].into_iter().flatten() {
            for row in &mut table.rows {
                row.label_span = row.label_span.map(&f);
                for (_, cell) in &mut row.cells {
                    cell.span = cell.span.map(&f);
                }
            }
        }
        for s in &mut self.sections {
            s.span = f(s.span);
        }
        for d in &mut self.diagnostics {
            for l in &mut d.labels {
                l.span = f(l.span);
            }
        }
    }
}

/// Key equality: the keys are the schema's `&'static str`s, so the same address is the
/// common case and needs no byte comparison (the rules look cells up thousands of times).
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}
