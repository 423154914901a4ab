//! Positioned text → the grid, for every engine that places text on pages (the PDF
//! reader today). Input: the characters a page shows (`Run`: text, baseline origin,
//! advance width, font size, page) and the ruling lines it draws (`Rule`). Output: the
//! neutral grid, whose `text` is a derived layout text — one line per visual row, cells
//! parted by wide spaces, placed roughly at their x — with every cell's span into it.
//!
//! The steps, each a stated rule:
//! - **lines**: runs whose baselines lie within a third of the font size are one line;
//! - **cells**: within a line, a ruling line between two characters, or a gap wider than
//!   `CELL_GAP` font sizes, parts cells; a smaller gap is a word space;
//! - **rows**: consecutive lines between the same two horizontal rules of a ruled table
//!   (a wrapped label, values centred beside a two-line label) are one row, their texts
//!   joined cell by cell; a ruled cell with no text is an empty cell in its place (a blank
//!   is not dropped: it is kept as blank for the binder);
//! - **page chrome**: a page number (`- 3 -`, `第 3 页`, `3 / 12`) at the top or bottom of
//!   a page, and a line repeated at the same height at the top or bottom of most pages,
//!   are not cells;
//! - **one-piece lines**: a line shown as one run of text (a plain-text copy printed to
//!   PDF, values set with single spaces) is read by the text reader, like pasted text;
//! - **continued tables**: rows at the top of a page that repeat rows of the previous
//!   page (a table header printed again after the break) are dropped, so the table goes
//!   on as one.

use crate::grid::{Grid, Rows, Shape, Span};

/// A shown piece of text (usually one character) with its place in page space (points,
/// y up): the baseline origin, the advance width and the font size.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub font_size: f64,
    pub page: usize,
}

/// A ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub page: usize,
}

impl Rule {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64, page: usize) -> Self {
        Rule {
            x0,
            y0,
            x1,
            y1,
            page,
        }
    }
    fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.01
    }
}

/// One page: its runs and rules, and its vertical extent (for page chrome).
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub index: usize,
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    pub top: f64,
    pub bottom: f64,
}

/// A gap wider than this many font sizes parts two cells.
const CELL_GAP: f64 = 1.0;
/// A gap wider than this many font sizes is a word space inside a cell.
const WORD_GAP: f64 = 0.2;
/// Share of the page height at the top and the bottom where page chrome stands.
const MARGIN: f64 = 0.12;

#[derive(Debug, Clone)]
struct Cell {
    text: String,
    x0: f64,
    x1: f64,
    /// Only a blank ruled cell is empty.
    empty: bool,
}

#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    cells: Vec<Cell>,
}

/// A visual row: one line, or lines of one ruled table row.
#[derive(Debug, Clone)]
struct Row {
    y: f64,
    size: f64,
    cells: Vec<Cell>,
}

impl Row {
    fn key(&self) -> Vec<&str> {
        self.cells.iter().map(|c| c.text.as_str()).collect()
    }
}

/// Lay the pages out into the grid.
pub fn to_grid(pages: &[Page]) -> Grid {
    let mut per_page: Vec<Vec<Row>> = pages.iter().map(page_rows).collect();
    drop_chrome(pages, &mut per_page);
    drop_repeated_headers(&mut per_page);
    render(&per_page)
}

fn page_rows(page: &Page) -> Vec<Row> {
    // Every character and line is compared with the rules: a page whose characters times
    // rules pass the limit (hatching, not a table) is laid out by gaps alone.
    let ruled = page.runs.len().saturating_mul(page.rules.len())
        <= crate::ingest::limits::MAX_LAYOUT_RULE_WORK;
    let rules: &[Rule] = if ruled { &page.rules } else { &[] };
    let lines = lines_of(page, rules);
    let h_rules: Vec<&Rule> = rules.iter().filter(|r| r.horizontal()).collect();
    let v_rules: Vec<&Rule> = rules.iter().filter(|r| !r.horizontal()).collect();
    let mut rows: Vec<Row> = Vec::new();
    // Lines are merged into the previous row when both lie in one ruled row.
    let mut group: Vec<Line> = Vec::new();
    let flush = |group: &mut Vec<Line>, rows: &mut Vec<Row>| {
        if group.is_empty() {
            return;
        }
        let lines = std::mem::take(group);
        let mut row = merge_lines(lines);
        add_empty_cells(&mut row, &h_rules, &v_rules);
        rows.push(row);
    };
    for line in lines {
        // A ruled cell holds a few lines; a longer run is not one table row.
        let joins = group.len() < 64
            && group
                .last()
                .is_some_and(|prev| same_ruled_row(prev, &group, &line, &h_rules, &v_rules));
        if !joins {
            flush(&mut group, &mut rows);
        }
        group.push(line);
    }
    flush(&mut group, &mut rows);
    rows
}

fn lines_of(page: &Page, rules: &[Rule]) -> Vec<Line> {
    let mut runs: Vec<&Run> = page
        .runs
        .iter()
        .filter(|r| {
            r.x.is_finite()
                && r.y.is_finite()
                && r.width.is_finite()
                && r.font_size.is_finite()
                && !r.text.chars().all(char::is_whitespace)
        })
        .collect();
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let v_rules: Vec<&Rule> = rules.iter().filter(|r| !r.horizontal()).collect();
    let mut lines: Vec<Vec<&Run>> = Vec::new();
    let mut line_y = f64::NAN;
    let mut line_size = 0.0f64;
    for r in runs {
        let size = r.font_size.max(1.0);
        if lines.is_empty() || (line_y - r.y).abs() > size.max(line_size) / 3.0 {
            lines.push(Vec::new());
            line_y = r.y;
            line_size = size;
        }
        if let Some(l) = lines.last_mut() {
            l.push(r);
        }
    }
    lines
        .into_iter()
        .map(|mut runs| {
            runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let y = runs.first().map_or(0.0, |r| r.y);
            let size = median(runs.iter().map(|r| r.font_size.max(1.0)).collect());
            let mut cells: Vec<Cell> = Vec::new();
            let mut prev: Option<&Run> = None;
            for r in runs {
                let fs = r.font_size.max(1.0);
                match prev {
                    Some(p) => {
                        let end = p.x + p.width;
                        let gap = r.x - end;
                        // A glyph drawn over the previous one (fake bold) is not new text.
                        if r.text == p.text && (r.x - p.x).abs() < fs * 0.15 {
                            continue;
                        }
                        let ruled = v_rules.iter().any(|v| {
                            v.x0 > p.x + p.width * 0.5
                                && v.x0 < r.x + r.width * 0.5
                                && v.y0 <= y + fs * 0.3
                                && v.y1 >= y + fs * 0.3
                        });
                        let cur = cells.last_mut();
                        match cur {
                            Some(c) if !ruled && gap <= CELL_GAP * fs.max(p.font_size) => {
                                if gap > WORD_GAP * fs && !c.text.ends_with(' ') {
                                    c.text.push(' ');
                                }
                                c.text.push_str(&r.text);
                                c.x1 = c.x1.max(r.x + r.width);
                            }
                            _ => cells.push(Cell {
                                text: r.text.clone(),
                                x0: r.x,
                                x1: r.x + r.width,
                                empty: false,
                            }),
                        }
                    }
                    None => cells.push(Cell {
                        text: r.text.clone(),
                        x0: r.x,
                        x1: r.x + r.width,
                        empty: false,
                    }),
                }
                prev = Some(r);
            }
            for c in &mut cells {
                let t = c.text.trim();
                if t.len() != c.text.len() {
                    c.text = t.to_string();
                }
            }
            Line { y, size, cells }
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 10.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn extent(cells: &[Cell]) -> (f64, f64) {
    cells
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), c| (a.min(c.x0), b.max(c.x1)))
}

fn overlaps(r: &Rule, x0: f64, x1: f64) -> bool {
    r.x0.min(r.x1) < x1 - 0.5 && r.x0.max(r.x1) > x0 + 0.5
}

/// Does `line` belong to the ruled row of `group` (whose last line is `prev`)? Only inside
/// a ruled table (a vertical rule runs past both lines) and with no horizontal rule
/// between them over either line's cells.
fn same_ruled_row(prev: &Line, group: &[Line], line: &Line, h: &[&Rule], v: &[&Rule]) -> bool {
    if h.is_empty() || v.is_empty() {
        return false;
    }
    let size = prev.size.max(line.size);
    if prev.y - line.y > size * 2.6 {
        return false;
    }
    let cells: Vec<Cell> = group
        .iter()
        .flat_map(|l| l.cells.iter().cloned())
        .chain(line.cells.iter().cloned())
        .collect();
    let between = h.iter().any(|r| {
        r.y0 < prev.y + 0.1 && r.y0 > line.y && cells.iter().any(|c| overlaps(r, c.x0, c.x1))
    });
    if between {
        return false;
    }
    // A vertical rule running past both lines: they stand in one ruled cell's height
    // (a table's top rule may be missing after a page break, so that is not required).
    v.iter()
        .any(|r| r.y0.min(r.y1) <= line.y && r.y0.max(r.y1) >= prev.y + size * 0.3)
}

/// One row from lines of one ruled row: cells that overlap in x are one cell, their
/// texts joined top to bottom.
fn merge_lines(lines: Vec<Line>) -> Row {
    let y = lines.first().map_or(0.0, |l| l.y);
    let size = lines.first().map_or(10.0, |l| l.size);
    let mut cells: Vec<Cell> = Vec::new();
    for l in lines {
        for c in l.cells {
            match cells
                .iter_mut()
                .find(|k| k.x0 < c.x1 - 0.5 && c.x0 < k.x1 - 0.5)
            {
                Some(k) => {
                    let ascii_join = k.text.ends_with(|ch: char| ch.is_ascii_alphanumeric())
                        && c.text.starts_with(|ch: char| ch.is_ascii_alphabetic());
                    if ascii_join {
                        k.text.push(' ');
                    }
                    k.text.push_str(&c.text);
                    k.x0 = k.x0.min(c.x0);
                    k.x1 = k.x1.max(c.x1);
                }
                None => cells.push(c),
            }
        }
    }
    cells.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    Row { y, size, cells }
}

/// A ruled cell without text (rules above, below, left and right of it, none of the row's
/// text inside) is an empty cell at its place. A column that has no rule above or below
/// within the row is a merged cell going on from another row: nothing is added there.
fn add_empty_cells(row: &mut Row, h: &[&Rule], v: &[&Rule]) {
    if row.cells.is_empty() || h.is_empty() {
        return;
    }
    let mid = row.y + row.size * 0.3;
    let mut xs: Vec<f64> = v
        .iter()
        .filter(|r| r.y0.min(r.y1) <= mid && r.y0.max(r.y1) >= mid)
        .map(|r| r.x0)
        .collect();
    if xs.len() < 3 {
        return;
    }
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    // The row's top and bottom: the nearest horizontal rules over the row's text.
    let (x0, x1) = extent(&row.cells);
    let top = h
        .iter()
        .filter(|r| r.y0 > row.y && overlaps(r, x0, x1))
        .map(|r| r.y0)
        .fold(f64::MAX, f64::min);
    let bottom = h
        .iter()
        .filter(|r| r.y0 < row.y && overlaps(r, x0, x1))
        .map(|r| r.y0)
        .fold(f64::MIN, f64::max);
    if top == f64::MAX || bottom == f64::MIN {
        return;
    }
    let mut added = Vec::new();
    for w in xs.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b - a < 3.0 {
            continue;
        }
        let c = (a + b) / 2.0;
        if row.cells.iter().any(|k| k.x0 < b - 0.5 && k.x1 > a + 0.5) {
            continue;
        }
        let covers = |y: f64| {
            h.iter()
                .any(|r| (r.y0 - y).abs() < 1.5 && r.x0.min(r.x1) <= c && r.x0.max(r.x1) >= c)
        };
        if covers(top) && covers(bottom) {
            added.push(Cell {
                text: String::new(),
                x0: c,
                x1: c,
                empty: true,
            });
        }
    }
    if !added.is_empty() {
        row.cells.extend(added);
        row.cells.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
}

/// A page number as printed in a page's margin: `3`, `- 3 -`, `— 3 —`, `第3页`, `第3页/共5页`,
/// `3 / 12`, `Page 3`. The one definition: the layout drops such lines, the binder does not
/// count one standing alone between two rows as values without a label.
pub fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·'));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some(r) = t.strip_prefix('第') {
        // 第3页, 第3页共5页, 第3页/共5页
        if let Some((n, rest)) = r.split_once('页') {
            let rest = rest.trim_start_matches([',', '，', '/', '、']);
            return digits(n)
                && (rest.is_empty()
                    || rest
                        .strip_prefix('共')
                        .and_then(|x| x.strip_suffix('页'))
                        .is_some_and(digits));
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let lower = t.to_ascii_lowercase();
    lower
        .strip_prefix("page")
        .is_some_and(|r| digits(r.split("of").next().unwrap_or("")))
}

/// A line's text with digits as `#`: the same running header with another page number.
fn chrome_key(r: &Row) -> String {
    r.cells
        .iter()
        .flat_map(|c| c.text.chars().chain(std::iter::once('\u{1F}')))
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn drop_chrome(pages: &[Page], rows: &mut [Vec<Row>]) {
    let in_margin = |p: &Page, y: f64| {
        let h = (p.top - p.bottom).abs().max(1.0);
        y > p.top - h * MARGIN || y < p.bottom + h * MARGIN
    };
    // Lines near the top or bottom that repeat at the same height on most pages.
    let mut seen: Vec<(String, i64, usize)> = Vec::new();
    for (pi, (p, rs)) in pages.iter().zip(rows.iter()).enumerate() {
        for r in rs.iter().take(2).chain(rs.iter().rev().take(2)) {
            if !in_margin(p, r.y) {
                continue;
            }
            seen.push((chrome_key(r), r.y.round() as i64, pi));
        }
    }
    let n_pages = pages.len();
    let repeated = |r: &Row| -> bool {
        if n_pages < 2 {
            return false;
        }
        let key = chrome_key(r);
        let y = r.y.round() as i64;
        let mut on: Vec<usize> = seen
            .iter()
            .filter(|s| s.0 == key && (s.1 - y).abs() <= 2)
            .map(|s| s.2)
            .collect();
        on.sort_unstable();
        on.dedup();
        on.len() >= 2 && on.len() * 2 >= n_pages
    };
    for (p, rs) in pages.iter().zip(rows.iter_mut()) {
        let n = rs.len();
        let mut keep = vec![true; n];
        for (i, r) in rs.iter().enumerate() {
            let edge = i < 2 || i + 2 >= n;
            if !edge || !in_margin(p, r.y) {
                continue;
            }
            // Chrome stands apart from the body: more than a line's space to its neighbour
            // on the body side (a table's first row that happens to repeat does not).
            let top_half = r.y > (p.top + p.bottom) / 2.0;
            let neighbour = if top_half {
                rs.get(i + 1).map(|b| r.y - b.y)
            } else {
                i.checked_sub(1).and_then(|k| rs.get(k)).map(|a| a.y - r.y)
            };
            if neighbour.is_some_and(|d| d < r.size * 1.8) {
                continue;
            }
            let text: String = r.cells.iter().map(|c| c.text.as_str()).collect();
            if (r.cells.len() == 1 && is_page_number(&text)) || repeated(r) {
                keep[i] = false;
            }
        }
        let mut k = keep.iter();
        rs.retain(|_| *k.next().unwrap_or(&true));
    }
}

/// Rows at the top of a page equal to a run of rows of the previous page: a table header
/// printed again after the page break.
fn drop_repeated_headers(rows: &mut [Vec<Row>]) {
    for p in 1..rows.len() {
        let (before, after) = rows.split_at_mut(p);
        let Some(prev) = before.last() else {
            continue;
        };
        let cur = &mut after[0];
        let mut best = 0;
        for start in 0..prev.len() {
            let mut k = 0;
            while k < cur.len() && start + k < prev.len() && cur[k].key() == prev[start + k].key() {
                k += 1;
            }
            best = best.max(k);
        }
        // A header: a row of several cells among rows of labels, not values.
        let is_value = |c: &Cell| {
            matches!(
                crate::value::parse_value(&c.text).state,
                crate::value::CellState::Number
            )
        };
        let tabular = cur[..best].iter().any(|r| r.cells.len() >= 2)
            && cur[..best].iter().all(|r| !r.cells.iter().any(is_value));
        if best > 0 && tabular {
            cur.drain(..best);
        }
    }
}

/// The layout text and the grid: one text line per row, each cell placed near its x
/// (in half font sizes from the page's left text edge), at least two spaces apart.
fn render(pages: &[Vec<Row>]) -> Grid {
    let left = pages
        .iter()
        .flatten()
        .flat_map(|r| r.cells.iter().map(|c| c.x0))
        .fold(f64::MAX, f64::min);
    let unit = median(pages.iter().flatten().map(|r| r.size * 0.5).collect()).max(1.0);
    let mut text = String::new();
    // Each laid-out row: its span and the spans of its cells (verbatim in `text`).
    let mut grid_rows: Vec<(Span, Vec<Span>)> = Vec::new();
    for r in pages.iter().flatten() {
        if r.cells.is_empty() {
            continue;
        }
        let line_start = text.len();
        let mut col = 0usize;
        let mut cells = Vec::with_capacity(r.cells.len());
        for (i, c) in r.cells.iter().enumerate() {
            let want = (((c.x0 - left) / unit).max(0.0) as usize).min(400);
            let pad = if i == 0 {
                want.saturating_sub(col)
            } else {
                want.saturating_sub(col).max(2)
            };
            text.extend(std::iter::repeat_n(' ', pad));
            col += pad;
            let start = text.len();
            let body: String = c
                .text
                .chars()
                .filter(|ch| *ch != '\n' && *ch != '\r')
                .collect();
            text.push_str(&body);
            col += body
                .chars()
                .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                .sum::<usize>();
            let _ = c.empty;
            cells.push(Span::new(start, text.len()));
        }
        let start = cells.first().map_or(line_start, |c| c.start);
        grid_rows.push((Span::new(start, text.len()), cells));
        text.push('\n');
    }
    // A line the PDF shows as one piece of text (a plain-text report printed to PDF, a
    // row of values set with single spaces) is read the way pasted text is.
    let mut by_start: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    let read = if grid_rows.iter().any(|(_, cells)| cells.len() == 1) {
        crate::ingest::text::read_rows(&text)
    } else {
        Rows::new()
    };
    for k in 0..read.len() {
        by_start.entry(read.row(k).span.start).or_default().push(k);
    }
    let mut rows = Rows::with_capacity(
        grid_rows.iter().map(|(_, c)| c.len()).sum(),
        grid_rows.len(),
    );
    for (span, cells) in grid_rows {
        match by_start.remove(&span.start).filter(|_| cells.len() == 1) {
            Some(lines) => {
                for k in lines {
                    rows.append_row(&text, &read, &text, k, None);
                }
            }
            None => {
                for c in cells {
                    rows.push_data(&text, c);
                }
                rows.end_row(span, None);
            }
        }
    }
    Grid::new(text, Shape::Pdf, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, x: f64, y: f64) -> Run {
        Run {
            text: text.into(),
            x,
            y,
            width: 10.0 * text.chars().count() as f64,
            font_size: 10.0,
            page: 0,
        }
    }

    fn page(index: usize, runs: Vec<Run>) -> Page {
        Page {
            index,
            runs,
            rules: Vec::new(),
            top: 842.0,
            bottom: 0.0,
        }
    }

    fn cells(g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn gaps_part_cells_and_spans_point_into_the_text() {
        let g = to_grid(&[page(
            0,
            vec![
                run("规", 50.0, 700.0),
                run("章", 60.0, 700.0),
                run("0", 200.0, 700.2),
                run("2", 300.0, 699.8),
            ],
        )]);
        assert_eq!(cells(&g), [["规章", "0", "2"]]);
        for c in g.rows.row(0).cells.iter() {
            assert_eq!(&g.text()[c.span.start..c.span.end], c.text);
        }
    }

    #[test]
    fn page_numbers_and_running_heads_are_not_cells() {
        let p = |i: usize| {
            page(
                i,
                vec![
                    run("某某局", 50.0, 800.0),
                    run("正文", 50.0, 500.0 - i as f64),
                    run(&format!("- {} -", i + 1), 280.0, 30.0),
                ],
            )
        };
        let g = to_grid(&[p(0), p(1), p(2)]);
        assert_eq!(cells(&g), [["正文"], ["正文"], ["正文"]]);
    }

    #[test]
    fn a_header_repeated_after_a_page_break_is_dropped() {
        let head = |y: f64| vec![run("信息内容", 50.0, y), run("本年制发件数", 200.0, y)];
        let mut a = head(700.0);
        a.extend([run("规章", 50.0, 680.0), run("0", 200.0, 680.0)]);
        let mut b = head(800.0);
        b.extend([run("行政规范性文件", 50.0, 780.0), run("5", 200.0, 780.0)]);
        let g = to_grid(&[page(0, a), page(1, b)]);
        assert_eq!(
            cells(&g),
            [
                vec!["信息内容", "本年制发件数"],
                vec!["规章", "0"],
                vec!["行政规范性文件", "5"]
            ]
        );
    }

    #[test]
    fn lines_of_one_ruled_row_are_one_row() {
        let mut p = page(
            0,
            vec![
                run("（二）部分公开", 50.0, 700.0),
                run("5", 300.0, 694.0),
                run("一情形）", 50.0, 688.0),
            ],
        );
        let h = |y| Rule::new(40.0, y, 400.0, y, 0);
        let v = |x| Rule::new(x, 680.0, x, 715.0, 0);
        p.rules = vec![h(712.0), h(684.0), v(40.0), v(250.0), v(330.0), v(400.0)];
        let g = to_grid(&[p]);
        assert_eq!(cells(&g), [["（二）部分公开一情形）", "5", ""]]);
    }
}
