//! `TABLE-MISSING` and `TABLE-INCOMPLETE`: the three statistical tables must be in the
//! report, whole. A table whose part of the report lies outside a cut copy is not missing
//! from the report but from the copy: that is `TABLE-INCOMPLETE`, said once per cut. A
//! part that has no table (published as a picture, say) is `TABLE-MISSING`, naming the
//! picture. Rows whose values were read but could not be placed carry `ROW-CELLS-DROPPED`
//! from binding and are not counted again here.

use super::names::quote;
use crate::bind::Facts;
use crate::diagnostics::{CellRef, Code, Diagnostic};
use crate::model::{CellState, Report, Row};
use crate::schema::{self, TableId};
use crate::span::line_of;

pub(crate) fn check(report: &Report, text: &str, facts: &Facts) -> Vec<Diagnostic> {
    let tables = &report.tables;
    let sections = &report.sections;
    let mut out: Vec<(Diagnostic, bool)> = Vec::new();
    // Where the text ends, for notes only: a whole report has none to write, and counting
    // its lines was most of this check's cost.
    let last_line = || line_of(text, text.trim_end().len());
    let tail = || {
        let t = text.trim_end();
        let start = t.char_indices().rev().nth(11).map(|(i, _)| i).unwrap_or(0);
        t[start..].trim_start()
    };
    // A copy cut off: it ends mid-sentence before the last section, or starts after the
    // first. A table whose part of the report lies outside the copy is not missing from
    // the report; it is missing from the copy, and that is TABLE-INCOMPLETE.
    let found = |n: usize| sections.iter().any(|s| s.number as usize == n);
    let last_found = sections
        .iter()
        .map(|s| s.number as usize)
        .max()
        .unwrap_or(0);
    let first_found = sections
        .iter()
        .map(|s| s.number as usize)
        .min()
        .unwrap_or(7);
    // The copy does not reach the report's end when 六 is absent though earlier parts
    // are there (a report that lacks 六 itself also gets SECTION-MISSING).
    let ends_cut = !found(6) && last_found >= 1;
    let starts_cut = !found(1) && first_found <= 6;
    let mut after_end: Vec<TableId> = Vec::new();
    let mut before_start: Vec<TableId> = Vec::new();
    for id in TableId::ALL {
        let sec_no = match id {
            TableId::Proactive => 2,
            TableId::Applications => 3,
            TableId::Disputes => 4,
        };
        match tables.get(id) {
            None if !found(sec_no) && ends_cut && last_found < sec_no => after_end.push(id),
            None if !found(sec_no) && starts_cut && first_found > sec_no => before_start.push(id),
            None => {
                let mut d = Diagnostic::new(
                    Code::TableMissing,
                    format!("未找到{}（{}）", id.name_zh(), id.title_zh()),
                );
                if let Some(sec) = sections.iter().find(|s| s.number as usize == sec_no) {
                    d = d.with_label(Some(sec.span), true, "该部分下没有读到表格");
                    // A table published as a picture.
                    if let Some((_, img)) = facts.pictures.iter().find(|(n, _)| *n == sec.number) {
                        d = d.with_label(Some(*img), false, "图片").with_note(format!(
                            "该处是图片「{}」：表格以图片形式发布，无法核验其中的数字",
                            quote(text, *img)
                        ));
                    }
                } else if !text.trim().is_empty() {
                    d = d.with_note(format!(
                        "文本共 {} 行，末尾为「{}」，可能复制不完整",
                        last_line(),
                        tail()
                    ));
                }
                out.push((d, false));
            }
            Some(t) => {
                let missing_rows: Vec<&Row> = t
                    .rows
                    .iter()
                    .filter(|r| r.cells.iter().any(|(_, c)| c.state == CellState::Missing))
                    .collect();
                if missing_rows.is_empty() {
                    continue;
                }
                // Rows already reported as dropped carry their own warning.
                let missing_rows: Vec<&Row> =
                    missing_rows.into_iter().filter(|r| !r.dropped).collect();
                if missing_rows.is_empty() {
                    continue;
                }
                let last_read = t
                    .rows
                    .iter()
                    .rfind(|r| r.cells.iter().any(|(_, c)| c.state != CellState::Missing))
                    .map(|r| schema::row_label(id, report.format_of(id), r.key));
                let first_missing =
                    schema::row_label(id, report.format_of(id), missing_rows[0].key);
                let cells: Vec<CellRef> = missing_rows
                    .iter()
                    .flat_map(|r| {
                        r.cells
                            .iter()
                            .filter(|(_, c)| c.state == CellState::Missing)
                            .map(move |(col, _)| CellRef {
                                table: id,
                                row: r.key,
                                col,
                            })
                    })
                    .collect();
                let message = match last_read {
                    None => format!("{}只读到表头，其后内容缺失", id.name_zh()),
                    Some(last) if id != TableId::Disputes => format!(
                        "{}不完整：{} 行缺少单元格（自「{}」起），最后读到的是「{}」行",
                        id.name_zh(),
                        missing_rows.len(),
                        first_missing,
                        last
                    ),
                    _ => format!("{}不完整：{} 个单元格缺失", id.name_zh(), cells.len()),
                };
                let last_span = t
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().filter_map(|(_, c)| c.span))
                    .max_by_key(|s| s.end);
                let mut d = Diagnostic::new(Code::TableIncomplete, message).with_cells(cells);
                let mut says_end = false;
                if last_span.is_none() && !text.trim().is_empty() {
                    says_end = true;
                    d = d.with_note(format!(
                        "文本在第 {} 行「{}」处结束：复制的内容不完整，缺失的单元格无法核验",
                        last_line(),
                        tail()
                    ));
                }
                if let Some(span) = last_span {
                    let at_end = text[span.end.min(text.len())..].trim().len() < 40;
                    d = d.with_label(Some(span), true, "最后读到的单元格");
                    if at_end {
                        says_end = true;
                        d = d.with_note(format!(
                            "文本在第 {} 行「{}」处结束：复制的内容不完整，缺失的单元格无法核验",
                            line_of(text, span.end),
                            tail()
                        ));
                    }
                }
                out.push((d, says_end));
            }
        }
    }

    // Tables outside the copy: one finding per cut, on the table cut part-way if any.
    let names = |ids: &[TableId]| {
        ids.iter()
            .map(|t| t.name_zh())
            .collect::<Vec<_>>()
            .join("、")
    };
    if !after_end.is_empty() {
        let note = format!(
            "{}不在复制的内容中：内容到第 {} 行「{}」为止",
            names(&after_end),
            last_line(),
            tail()
        );
        // A finding that already says where the text ends gets the short note.
        match out
            .iter_mut()
            .rev()
            .find(|(d, _)| d.code == Code::TableIncomplete)
        {
            Some((d, true)) => d
                .notes
                .insert(0, format!("{}不在复制的内容中", names(&after_end))),
            Some((d, false)) => d.notes.insert(0, note),
            None => out.push((
                Diagnostic::new(
                    Code::TableIncomplete,
                    format!("未读到{}：复制的内容不完整", names(&after_end)),
                )
                .with_note(note),
                false,
            )),
        }
    }
    if !before_start.is_empty() {
        out.push((
            Diagnostic::new(
                Code::TableIncomplete,
                format!(
                    "未读到{}：复制的内容从报告中间开始，{}不在其中",
                    names(&before_start),
                    names(&before_start)
                ),
            ),
            false,
        ));
    }
    out.into_iter().map(|(d, _)| d).collect()
}
