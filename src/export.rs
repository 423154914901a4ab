//! Exports of checked reports for spreadsheets: one row per report (file, agency, year,
//! format, finding counts, then one column per canonical cell of both formats, headed by
//! its key `table.row.column` as in the JSON), and one row per finding. CSV through the
//! `csv` crate, UTF-8 with a byte-order mark so Excel opens the Chinese text as such.
//! A renderer: reads reports, touches nothing.
//!
//! Cells are written as published: a number as its value, a blank cell empty, `/` and text
//! as written, a cell not read as `MISSING_MARK`. Text that a spreadsheet would take for a
//! formula (`=…`, `+…`, `-…`, `@…` that is not a number) is prefixed with `'`.

use crate::model::{CellState, Report};
use crate::schema::{self, TableId};
use crate::value::format_number;

/// What a cell that was not read (cut off, not published) says in the export.
pub const MISSING_MARK: &str = "（未读到）";

const BOM: &str = "\u{FEFF}";

/// One report of a batch: the file it came from and its report.
pub struct Entry<'a> {
    pub file: &'a str,
    pub report: &'a Report,
}

/// The fixed columns before the cells.
pub const REPORT_COLUMNS: [&str; 9] = [
    "文件",
    "单位",
    "年度",
    "格式",
    "错误",
    "警告",
    "提示",
    "无法判断",
    "成立",
];

fn safe(text: &str) -> String {
    let t = text.trim_start();
    let formula =
        t.starts_with(['=', '+', '-', '@', '\t', '\r']) && crate::value::parse_number(t).is_none();
    if formula {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn cell_text(report: &Report, key: (TableId, &str, &str)) -> String {
    let (t, r, c) = key;
    let Some(cell) = report.tables.get(t).and_then(|t| t.cell(r, c)) else {
        return String::new();
    };
    match cell.state {
        CellState::Number => cell.value.map(format_number).unwrap_or_default(),
        CellState::Blank => String::new(),
        CellState::Na | CellState::Text => safe(&cell.raw),
        CellState::Missing => MISSING_MARK.to_string(),
    }
}

/// One row per report. A table a report does not have leaves its columns empty.
pub fn reports_csv(entries: &[Entry]) -> String {
    let mut out = format!("{BOM}{}", reports_csv_header());
    for e in entries {
        out.push_str(&report_csv_row(e));
    }
    out
}

/// The header line of `reports_csv` (no BOM), for exports assembled row by row (the page
/// checks a batch in several workers).
pub fn reports_csv_header() -> String {
    let keys = schema::all_cell_keys();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = REPORT_COLUMNS
        .iter()
        .map(|s| s.to_string())
        .chain(keys.iter().map(|(t, r, c)| format!("{}.{r}.{c}", t.key())));
    let _ = w.write_record(header);
    rows(w)
}

/// One report's line of `reports_csv`.
pub fn report_csv_row(e: &Entry) -> String {
    let keys = schema::all_cell_keys();
    let mut w = csv::Writer::from_writer(Vec::new());
    {
        let r = e.report;
        let s = r.summary;
        let fixed = [
            safe(e.file),
            safe(r.agency.as_deref().unwrap_or("")),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.format.map(|f| f.key().to_string()).unwrap_or_default(),
            s.errors.to_string(),
            s.warnings.to_string(),
            s.infos.to_string(),
            s.not_assessable.to_string(),
            s.passed.to_string(),
        ];
        let cells = keys.iter().map(|k| cell_text(r, *k));
        let _ = w.write_record(fixed.into_iter().chain(cells));
    }
    rows(w)
}

fn rows(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

/// The columns of the findings export.
pub const FINDING_COLUMNS: [&str; 9] = [
    "文件",
    "单位",
    "年度",
    "级别",
    "代码",
    "名称",
    "说明",
    "单元格",
    "应为",
];

/// One row per finding (and per instance that could not be evaluated, as 无法判断).
pub fn findings_csv(entries: &[Entry]) -> String {
    let mut out = format!("{BOM}{}", findings_csv_header());
    for e in entries {
        out.push_str(&finding_csv_rows(e));
    }
    out
}

/// The header line of `findings_csv` (no BOM).
pub fn findings_csv_header() -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(FINDING_COLUMNS);
    rows(w)
}

/// One report's lines of `findings_csv`.
pub fn finding_csv_rows(e: &Entry) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    {
        let r = e.report;
        let agency = safe(r.agency.as_deref().unwrap_or(""));
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        let cell = |c: Option<&crate::diagnostics::CellRef>| {
            c.map(|c| format!("{}.{}.{}", c.table.key(), c.row, c.col))
                .unwrap_or_default()
        };
        for d in &r.diagnostics {
            let _ = w.write_record([
                safe(e.file),
                agency.clone(),
                year.clone(),
                d.severity.name_zh().to_string(),
                d.code.as_str().to_string(),
                d.code.name_zh().to_string(),
                safe(&d.message),
                cell(d.cells.first()),
                d.expected.map(format_number).unwrap_or_default(),
            ]);
        }
        for n in &r.not_assessable {
            let _ = w.write_record([
                safe(e.file),
                agency.clone(),
                year.clone(),
                "无法判断".to_string(),
                n.code.as_str().to_string(),
                n.code.name_zh().to_string(),
                safe(&n.message),
                cell(n.unusable.first().or(n.cells.first())),
                String::new(),
            ]);
        }
    }
    rows(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_text_is_defused_but_numbers_are_not() {
        assert_eq!(safe("=1+2"), "'=1+2");
        assert_eq!(safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe("-417"), "-417");
        assert_eq!(safe("市公安局"), "市公安局");
    }
}
