//! Binding: the grid to the two national formats.
use crate::grid::Grid;
use crate::model::{Report, Summary, Tables};

pub fn bind(_grid: &Grid) -> Report {
    Report {
        format: None,
        year: None,
        agency: None,
        input: "text",
        sections: Vec::new(),
        tables: Tables::default(),
        diagnostics: Vec::new(),
        not_assessable: Vec::new(),
        summary: Summary::default(),
    }
}
