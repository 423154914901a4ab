//! The plain-text shapes: one cell per line, inline pipes, blank-line cells, pipe
//! separator lines, tabs and Markdown.

use super::dialect::PipeDialect;
use super::document::{Block, Doc};
use super::pdf::{pdf_space_digits, pdf_wrap, render_table_pdf};
use super::style::Style;
use super::table::Tbl;
use super::Shape;

pub(super) fn render_text(doc: &Doc, shape: Shape, style: Style) -> String {
    let mut out = String::new();
    let (nl, para_sep) = match shape {
        Shape::Tabs => ("\r\n", "\r\n"),
        Shape::BlankLineCells => ("\n", "\n\n"),
        Shape::Markdown => ("\n", "\n\n"),
        _ => ("\n", "\n"),
    };
    // 表四, the last table: where a copy cut right after its last value stops.
    let cut_at = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Table(_)))
        .filter(|_| {
            style.dialect.cut_after_last_cell
                && matches!(shape, Shape::CellPerLinePipes | Shape::InlinePipes)
        });
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Para(s) if shape == Shape::PdfText => {
                out.push_str(&pdf_wrap(&pdf_space_digits(s), 30));
                out.push_str(para_sep);
            }
            Block::Title(s) | Block::Heading(s) | Block::Para(s) => {
                out.push_str(s);
                out.push_str(para_sep);
            }
            Block::Table(t) if shape == Shape::PdfText => render_table_pdf(&mut out, t, style),
            Block::Table(t) => {
                render_table_text(&mut out, t, shape, style, nl);
                if shape == Shape::Markdown {
                    out.push_str(nl);
                }
                if cut_at == Some(i) {
                    // `0 `: the last value and a space, its closing pipe not copied.
                    let end = out.trim_end().trim_end_matches('|').trim_end().len();
                    out.truncate(end);
                    out.push(' ');
                    return out;
                }
            }
        }
    }
    out
}

/// `| a | b |` and the line end.
fn pipe_row(out: &mut String, row: &[&str], nl: &str) {
    out.push('|');
    for cell in row {
        out.push(' ');
        out.push_str(cell);
        out.push_str(" |");
    }
    out.push_str(nl);
}

pub(super) fn render_table_text(out: &mut String, t: &Tbl, shape: Shape, style: Style, nl: &str) {
    match shape {
        Shape::Tabs => {
            let rows = if style.dialect.word_tabs {
                t.word_rows()
            } else {
                t.expanded()
            };
            for row in rows {
                out.push_str(&row.join("\t"));
                out.push_str(nl);
            }
        }
        Shape::Markdown => {
            // A converter that keeps merged cells once (`real-046.txt`), or one that lays
            // them out on the grid; either way `|---|` follows the first row.
            let rows: Vec<Vec<&str>> = if style.dialect.converter_fill {
                t.converter_rows()
            } else if style.dialect.markdown_bare {
                t.rows
                    .iter()
                    .map(|row| row.iter().map(|c| c.text.as_str()).collect())
                    .collect()
            } else {
                t.expanded()
            };
            for (i, row) in rows.iter().enumerate() {
                pipe_row(out, row, nl);
                if i == 0 {
                    out.push('|');
                    for _ in 0..row.len() {
                        out.push_str("---|");
                    }
                    out.push_str(nl);
                }
            }
        }
        Shape::CellPerLinePipes if style.dialect.lone_pipe_cells => {
            for row in t.expanded() {
                for c in row {
                    if c.is_empty() {
                        out.push('|');
                    } else {
                        out.push_str("| ");
                        out.push_str(c);
                        out.push_str(" |");
                    }
                    out.push_str(nl);
                }
            }
        }
        Shape::CellPerLinePipes => {
            for row in &t.rows {
                let mut unwritten = if style.dialect.cell_runs {
                    // Every position of the row that no cell of its own writes.
                    t.width
                        .saturating_sub(row.iter().filter(|c| !c.text.is_empty()).count())
                } else {
                    0
                };
                for c in row {
                    if c.text.is_empty() {
                        if !style.dialect.cell_runs {
                            unwritten += 1;
                        }
                    } else {
                        out.push_str(&c.text);
                        out.push_str(" |");
                        out.push_str(nl);
                    }
                }
                // Blank cells collapse into one run of pipes after the row (`real-028.txt`).
                if unwritten > 0 {
                    out.push_str(&"|".repeat(unwritten));
                    out.push_str(nl);
                }
            }
        }
        Shape::InlinePipes
            if style.dialect.pipes == PipeDialect::Bare && style.dialect.converter_fill =>
        {
            for row in t.converter_rows() {
                pipe_row(out, &row, nl);
            }
        }
        Shape::InlinePipes => {
            let marks = t.row_marks();
            let dialect = style.dialect.pipes;
            for (row, (leading, fillers)) in t.rows.iter().zip(marks) {
                let leading = if dialect == PipeDialect::Marked {
                    leading
                } else {
                    0
                };
                let mut parts: Vec<&str> = vec![""; leading];
                parts.extend(row.iter().map(|c| c.text.as_str()));
                let sep = if dialect == PipeDialect::Padded {
                    "  |"
                } else {
                    " |"
                };
                let line: Vec<String> = parts
                    .iter()
                    .map(|p| {
                        if p.is_empty() {
                            "|".to_string()
                        } else {
                            format!("{p}{sep}")
                        }
                    })
                    .collect();
                out.push_str(&line.join(" "));
                let fillers = match dialect {
                    PipeDialect::Marked => fillers,
                    PipeDialect::Bare => 0,
                    PipeDialect::Padded => t.width.saturating_sub(row.len()),
                };
                if fillers > 0 {
                    out.push(' ');
                    out.push_str(&"|".repeat(fillers));
                }
                out.push_str(nl);
            }
        }
        Shape::BlankLineCells => {
            for (r, row) in t.rows.iter().enumerate() {
                for (i, c) in row.iter().enumerate() {
                    if c.text.is_empty() {
                        // One extra newline per empty cell (`real-055.txt`), or a line
                        // holding only whitespace.
                        if style.dialect.whitespace_cells {
                            out.push_str(["\u{a0}", " ", "\u{3000}", "\t"][(r + i) % 4]);
                        }
                        out.push('\n');
                    } else {
                        if c.value && style.dialect.indented_numbers {
                            out.push_str(if (r + i) % 3 == 0 { "  " } else { " " });
                        }
                        out.push_str(&c.text);
                        out.push_str("\n\n");
                    }
                }
            }
        }
        // PipeSeparatorLines, and any other base a caller may pass.
        _ => {
            let marks = t.row_marks();
            for (row, (_, fillers)) in t.rows.iter().zip(marks) {
                for c in row {
                    out.push_str(&c.text);
                    out.push_str(nl);
                    out.push('|');
                    out.push_str(nl);
                }
                out.push_str(&"|".repeat(1 + fillers));
                out.push_str(nl);
            }
            if style.dialect.phantom_rows {
                for _ in 0..5 {
                    out.push('|');
                    out.push_str(nl);
                }
            }
        }
    }
}
