//! Rendering: the shapes real copies take, and how a report's seed resolves a shape to a
//! base layout, a character style and a dialect. `document` builds the shape-free
//! document; one module per shape family writes it.

pub(super) mod dialect;
mod document;
mod html;
mod pdf;
pub(super) mod style;
pub(super) mod table;
mod text;
mod word;

use super::{Rng, Synth};
use crate::schema::TableId;
use dialect::Dialect;
use document::{filler_paragraph, Block, Doc};
use html::render_html;
use style::{Script, Style};
use text::render_text;
use word::render_word_html;

/// The shapes real copies of a report take. Every shape writes the same report; the
/// comments name the corpus file each one imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// Each cell on its own line ending in ` |`, spans written once, in source order
    /// (`seed-2020-linyi-police.txt`). Blank cells collapse into a trailing run of pipes
    /// after the row (`real-028.txt`), so their positions are lost, as in real copies —
    /// except in the dialect that writes `| 25 |` cells and a lone `|` per empty position.
    CellPerLinePipes,
    /// One table row per line, ` | ` separators and a trailing ` |`; colspan as a run of
    /// filler pipes (`| |||`, `real-017.txt`); rows under a rowspan start with one `| ` per
    /// covering cell (`real-029.txt`); empty cells as `| |`.
    InlinePipes,
    /// Cells separated by a blank line, no pipes; an empty cell is one extra newline
    /// (`real-055.txt`, `real-030.txt`); header words may be split into two cells.
    BlankLineCells,
    /// Cell, a line `|`, cell, `|` …; a row ends with a line of `1 + colspan fillers` pipes
    /// (`real-010.txt`).
    PipeSeparatorLines,
    /// Tab-separated rows with merged cells expanded (a spreadsheet copy), CRLF line ends,
    /// thousands separators in large numbers.
    Tabs,
    /// GitHub-flavoured Markdown tables (`|---|` after the first row), merged cells expanded
    /// (`real-046.txt`).
    Markdown,
    /// A saved portal page: `<table>` with the format's rowspan/colspan (`real-037.html`).
    Html,
    /// A Word "save as web page" export: `MsoNormal` paragraphs, `mso-` styles, `<o:p>`,
    /// `&nbsp;` in empty cells, entities, CRLF.
    WordHtml,
    /// Full-width digits and punctuation (`１２`, `（一）`) in any base shape (chosen by seed).
    FullWidth,
    /// Traditional characters in labels and prose (`總計`, `處理`), any base shape (by seed).
    Traditional,
    /// Text extracted from a PDF (`real-044.txt`, `real-046.txt`): a table row per line with
    /// cells separated by spaces, long labels wrapped onto the next line, prose hard-wrapped
    /// with spaces around digits (`2025 年`). Not in `ALL` (see `EXTRA`).
    PdfText,
}

impl Shape {
    pub const ALL: [Shape; 10] = [
        Shape::CellPerLinePipes,
        Shape::InlinePipes,
        Shape::BlankLineCells,
        Shape::PipeSeparatorLines,
        Shape::Tabs,
        Shape::Markdown,
        Shape::Html,
        Shape::WordHtml,
        Shape::FullWidth,
        Shape::Traditional,
    ];
    /// Shapes held only to the consistent read-back property (`pdf_text_checks_clean_and_reads_back`),
    /// not yet to every property of `ALL`.
    pub const EXTRA: [Shape; 1] = [Shape::PdfText];
    /// The shapes that are a layout of their own (`FullWidth`/`Traditional` are styles
    /// laid over one of these).
    pub const BASES: [Shape; 8] = [
        Shape::CellPerLinePipes,
        Shape::InlinePipes,
        Shape::BlankLineCells,
        Shape::PipeSeparatorLines,
        Shape::Tabs,
        Shape::Markdown,
        Shape::Html,
        Shape::WordHtml,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Shape::CellPerLinePipes => "cell-per-line-pipes",
            Shape::InlinePipes => "inline-pipes",
            Shape::BlankLineCells => "blank-line-cells",
            Shape::PipeSeparatorLines => "pipe-separator-lines",
            Shape::Tabs => "tabs",
            Shape::Markdown => "markdown",
            Shape::Html => "html",
            Shape::WordHtml => "word-html",
            Shape::FullWidth => "full-width",
            Shape::Traditional => "traditional",
            Shape::PdfText => "pdf-text",
        }
    }
    /// False when the shape loses the position of blank cells (real copies do this too);
    /// a dialect may keep them (`Synth::keeps_blank_positions`).
    pub fn keeps_blank_positions(self) -> bool {
        !matches!(self, Shape::CellPerLinePipes | Shape::PdfText)
    }
    pub(in crate::synth) fn is_html(self) -> bool {
        matches!(self, Shape::Html | Shape::WordHtml)
    }
}

impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Synth {
    /// The report as text in `shape`.
    pub fn render(&self, shape: Shape) -> String {
        let (base, style) = self.resolve(shape);
        let doc = self.document(base, style);
        render_doc(&doc, base, style)
    }

    /// The report padded with prose in 总体情况 until it is at least `min_bytes` long (for
    /// memory and throughput measurements on one large input).
    pub fn render_padded(&self, shape: Shape, min_bytes: usize) -> String {
        let (base, style) = self.resolve(shape);
        let mut doc = self.document(base, style);
        let base_len = render_doc(&doc, base, style).len();
        let mut rng = Rng::new(self.seed ^ 0x9ADD);
        let mut extra = Vec::new();
        let mut added = 0;
        while base_len + added < min_bytes {
            let p = style.apply(&filler_paragraph(&mut rng, self.year, &self.agency));
            added += p.len() + 1;
            extra.push(Block::Para(p));
        }
        // After the first paragraph of 总体情况, where long reports put their narrative.
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(_)))
            .map(|i| i + 2)
            .unwrap_or(0);
        let at = at.min(doc.blocks.len());
        doc.blocks.splice(at..at, extra);
        render_doc(&doc, base, style)
    }

    /// The layout `render(shape)` uses: `shape` itself, or for `FullWidth`/`Traditional`
    /// the base shape this report's seed chose.
    pub fn base_shape(&self, shape: Shape) -> Shape {
        self.resolve(shape).0
    }

    /// Does `render(shape)` keep the position of every blank cell? The shape's base does,
    /// or this report's dialect of the one-cell-per-line copy writes a lone `|` for each
    /// empty position.
    pub fn keeps_blank_positions(&self, shape: Shape) -> bool {
        let (base, style) = self.resolve(shape);
        base.keeps_blank_positions()
            || (base == Shape::CellPerLinePipes && style.dialect.lone_pipe_cells)
    }

    /// The base layout and character style a shape stands for.
    pub(in crate::synth) fn resolve(&self, shape: Shape) -> (Shape, Style) {
        let dialect = Dialect::draw(Rng::new(self.seed ^ 0x0D1A_1EC7).next_u64());
        let pick = |salt: u64| {
            let i = (Rng::new(self.seed ^ salt).next_u64() % Shape::BASES.len() as u64) as usize;
            Shape::BASES.get(i).copied().unwrap_or(Shape::InlinePipes)
        };
        match shape {
            Shape::FullWidth => {
                let base = pick(0xF0F0);
                (
                    base,
                    Style {
                        script: Script::FullWidth,
                        half_punct: !base.is_html(),
                        dialect,
                    },
                )
            }
            Shape::Traditional => {
                let base = pick(0x7A7A);
                (
                    base,
                    Style {
                        script: Script::Traditional,
                        half_punct: !base.is_html(),
                        dialect,
                    },
                )
            }
            // Copies out of a browser into plain text come with ASCII brackets and commas
            // (every .txt of the corpus); saved pages keep the format's full-width ones.
            base => (
                base,
                Style {
                    script: Script::Simplified,
                    half_punct: !base.is_html(),
                    dialect,
                },
            ),
        }
    }

    /// Exactly the text `render(shape)` writes for a cell (before HTML markup), or `None`
    /// for a cell the report does not have.
    pub fn cell_text(&self, shape: Shape, cell: (TableId, &str, &str)) -> Option<String> {
        let key = *self
            .values
            .keys()
            .find(|k| k.0 == cell.0 && k.1 == cell.1 && k.2 == cell.2)?;
        let (base, style) = self.resolve(shape);
        Some(self.value_text(key, style, style.thousands(base)))
    }

    /// A piece of text (a label, a heading) as `render(shape)` styles it: full-width,
    /// traditional or ASCII punctuation. HTML shapes may further escape or split it.
    pub fn styled(&self, shape: Shape, text: &str) -> String {
        self.resolve(shape).1.apply(text)
    }
}

/// A document in its base shape; a text file saved on Windows ends its lines in CRLF.
fn render_doc(doc: &Doc, base: Shape, style: Style) -> String {
    match base {
        Shape::Html => render_html(doc, style),
        Shape::WordHtml => render_word_html(doc, style),
        Shape::Tabs => render_text(doc, base, style),
        _ if style.dialect.crlf => render_text(doc, base, style).replace('\n', "\r\n"),
        _ => render_text(doc, base, style),
    }
}
