//! Diagnostics as plain data, after codespan-reporting's model: a stable ASCII code, a
//! severity, a one-line Chinese message that stands on its own, the cells involved
//! (`cells[0]` is the wrong one: for a sum, the written total), the evidence
//! (expected/actual), and labels on byte spans of the source. Renderers (JSON, terminal,
//! page) live elsewhere and only read this.

//!
//! Depends only on the leaves: `codes` (the registry that gives every code its severity),
//! `span`, `value` and `schema`.

pub use crate::codes::{Code, Severity};
use crate::schema::TableId;
use crate::span::Span;
use crate::value::ser_number;
use serde::Serialize;

/// A cell of a standard table, by canonical keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CellRef {
    pub table: TableId,
    pub row: &'static str,
    pub col: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub span: Span,
    pub primary: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub cells: Vec<CellRef>,
    #[serde(serialize_with = "ser_number", skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    #[serde(serialize_with = "ser_number", skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    pub labels: Vec<Label>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A finding of `code`; its severity is the catalogue's.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            cells: Vec::new(),
            expected: None,
            actual: None,
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }
    pub fn with_cells(mut self, cells: Vec<CellRef>) -> Self {
        self.cells = cells;
        self
    }
    pub fn with_label(
        mut self,
        span: Option<Span>,
        primary: bool,
        message: impl Into<String>,
    ) -> Self {
        if let Some(span) = span {
            self.labels.push(Label {
                span,
                primary,
                message: message.into(),
            });
        }
        self
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    pub fn with_evidence(mut self, expected: f64, actual: f64) -> Self {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }
    /// The primary span, if any (for sorting and highlighting).
    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
            .map(|l| l.span)
    }
}

/// A rule instance that could not be evaluated: which cells stopped it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotAssessable {
    pub code: Code,
    pub message: String,
    /// All cells of the relation; `cells[0]` is the total.
    pub cells: Vec<CellRef>,
    /// The operands that have no value (blank, `/`, text or missing).
    pub unusable: Vec<CellRef>,
}
