//! The ways real copies of one shape differ, each seen in the corpus, as named choices.
//! A report's seed draws one dialect; each renderer reads the fields of its own shape.

/// One choice per variant; fields are named for the shape they concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::synth) struct Dialect {
    /// InlinePipes: how merged cells are marked.
    pub(in crate::synth) pipes: PipeDialect,
    /// CellPerLinePipes: a run of pipes after each row for the positions it does not
    /// write (`real-028.txt`) rather than nothing (the seed).
    pub(in crate::synth) cell_runs: bool,
    /// BlankLineCells: numbers indented by one or two spaces (`real-048.txt`).
    pub(in crate::synth) indented_numbers: bool,
    /// PipeSeparatorLines: phantom rows of lone pipes after a table (`real-010.txt`).
    pub(in crate::synth) phantom_rows: bool,
    /// Tabs: a Word copy (a rowspan continuation is an empty cell, a colspan one cell)
    /// rather than a spreadsheet copy (every merged position an empty cell).
    pub(in crate::synth) word_tabs: bool,
    /// Html: header cells spanning rows written as one cell plus empty `<td></td>`
    /// placeholders below it (`real-037.html`).
    pub(in crate::synth) header_placeholders: bool,
    /// Html: header rows in `<th>` cells.
    pub(in crate::synth) th_headers: bool,
    /// Numbers of four digits and more grouped by thousands (`11,398,889`) in a shape
    /// other than Tabs, which always groups them (`Style::thousands`).
    pub(in crate::synth) thousands: bool,
    /// Traditional: a mirror site's Taiwan wording, 資訊 for 信息, 檔案 for 文件 (in
    /// `規範性檔案`).
    pub(in crate::synth) mirror_words: bool,
    /// Html: a fragment pasted from the clipboard (paragraphs and tables only, no page).
    pub(in crate::synth) fragment: bool,
    /// Text copies of a whole portal page: metadata lines, the title again, bullet chrome
    /// with a lone `|` (`real-012.txt`).
    pub(in crate::synth) text_chrome: bool,
    /// Html: the article inside a layout table, as older portals nest it.
    pub(in crate::synth) layout_table: bool,
    /// PdfText: 表四's header words split over lines and interleaved (`real-044.txt`).
    pub(in crate::synth) pdf_split_headers: bool,
    /// Text files saved on Windows: CRLF line ends.
    pub(in crate::synth) crlf: bool,
    /// Numbers padded with no-break spaces.
    pub(in crate::synth) nbsp_values: bool,
    /// Html: zero-width spaces left in row labels by the portal's editor.
    pub(in crate::synth) zero_width_spaces: bool,
    /// Markdown: merged cells written once, rows of unequal length (`real-046.txt`).
    pub(in crate::synth) markdown_bare: bool,
    /// Html: two-word header cells broken by `<br>` (商业<br>企业).
    pub(in crate::synth) header_breaks: bool,
    /// Markdown and bare InlinePipes written by an HTML-table converter: a cell spanning
    /// rows written only in its first row, an empty filler after a cell for each column
    /// it spans, every row padded with empty cells to the widest row.
    pub(in crate::synth) converter_fill: bool,
    /// CellPerLinePipes from a spreadsheet copy's grid: every cell `| 25 |`, every empty
    /// position (a filler after a label spanning columns, a rowspan placeholder, an empty
    /// value) a line holding only `|`, so blank positions are kept.
    pub(in crate::synth) lone_pipe_cells: bool,
    /// BlankLineCells: an empty cell is a line holding only whitespace (a space, U+00A0,
    /// U+3000 or a tab) rather than an empty line.
    pub(in crate::synth) whitespace_cells: bool,
    /// CellPerLinePipes and InlinePipes: the copy stops right after 表四's last value, its
    /// closing pipe not copied (`0 ` at the very end; 五、六 are not in the copy).
    pub(in crate::synth) cut_after_last_cell: bool,
    /// 表二 row labels with the bracketed notes of a provincial template (Hubei's
    /// `规章(设区的市、自治州人民政府应提供相关数据)`, `其他对外管理服务事项(指…)`).
    pub(in crate::synth) noted_labels: bool,
}

/// How InlinePipes copies write merged cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::synth) enum PipeDialect {
    /// `| ` per rowspan continuation, a `|||` run per colspan (`real-029.txt`).
    Marked,
    /// Merged cells written once, nothing marks them (`real-006.txt`).
    Bare,
    /// `  | ` separators, a trailing run of one pipe per position the row does not write
    /// itself (`real-017.txt`).
    Padded,
}

impl Dialect {
    /// Every choice from one random word. Each choice has its own bits (one bit: even
    /// odds; two bits tested for zero: one in four), which stay where they are so that a
    /// seed keeps rendering the report it always rendered.
    pub(in crate::synth) fn draw(bits: u64) -> Dialect {
        let one = |at: u32| (bits >> at) & 1 == 1;
        let quarter = |at: u32| (bits >> at) & 3 == 0;
        let eighth = |at: u32| (bits >> at) & 7 == 0;
        Dialect {
            pipes: match bits % 3 {
                0 => PipeDialect::Marked,
                1 => PipeDialect::Bare,
                _ => PipeDialect::Padded,
            },
            cell_runs: one(2),
            indented_numbers: one(3),
            phantom_rows: one(4),
            word_tabs: one(5),
            header_placeholders: one(6),
            th_headers: one(7),
            thousands: quarter(8),
            mirror_words: one(10),
            fragment: one(11),
            text_chrome: quarter(12),
            layout_table: one(13),
            pdf_split_headers: one(14),
            crlf: one(15),
            nbsp_values: quarter(16),
            zero_width_spaces: quarter(18),
            markdown_bare: one(20),
            header_breaks: one(21),
            converter_fill: one(22),
            lone_pipe_cells: quarter(26),
            whitespace_cells: quarter(28),
            cut_after_last_cell: eighth(30),
            noted_labels: eighth(33),
        }
    }
}
