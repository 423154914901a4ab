//! The PDF reader (feature `pdf`): a PDF's text layer → positioned runs and ruling lines
//! → `layout` → the grid. Pure Rust with one dependency (miniz_oxide for Flate), so the
//! same code runs in the CLI and, as a second lazily loaded wasm, in the page.
//!
//! `syntax` tokenizes objects, `doc` finds every object and decodes streams within the
//! limits of `ingest::limits`, `font` turns string bytes into text and widths (ToUnicode,
//! simple encodings, the predefined Adobe-GB1 CMaps), `content` runs the page content.
//!
//! Errors: no text on any page (a scan) → `ScannedPdf`; an `/Encrypt` trailer →
//! `Encrypted` (decryption, even with the empty user password, is not implemented); no
//! page tree → `Corrupt`; a limit passed → `PdfTooComplex` or `PartTooLarge`.

mod content;
mod doc;
mod font;
mod syntax;

use super::layout;
use super::{InputError, InputErrorKind};
use crate::grid::Grid;

/// Read a PDF file into the grid.
pub fn read(bytes: &[u8]) -> Result<Grid, InputError> {
    let pages = pages(bytes)?;
    Ok(layout::to_grid(&pages))
}

/// The positioned runs and rules of every page (for tests and other layouts).
pub fn pages(bytes: &[u8]) -> Result<Vec<layout::Page>, InputError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(InputErrorKind::Corrupt.into());
    }
    let doc = doc::Doc::load(bytes)?;
    if doc.encrypted() {
        return Err(InputErrorKind::Encrypted.into());
    }
    let page_dicts = doc.pages()?;
    if page_dicts.is_empty() {
        return Err(InputErrorKind::Corrupt.into());
    }
    let mut interp = content::Interpreter::new(&doc);
    let mut pages = Vec::with_capacity(page_dicts.len());
    for (i, (p, res)) in page_dicts.iter().enumerate() {
        pages.push(interp.page(p, *res, i)?);
    }
    let has_text = pages
        .iter()
        .any(|p| p.runs.iter().any(|r| !r.text.trim().is_empty()));
    if !has_text {
        return Err(InputErrorKind::ScannedPdf.into());
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    #[test]
    #[ignore = "debug aid: NIANBAO_PDF=file.pdf NIANBAO_GREP=text"]
    fn dump_runs() {
        let Ok(path) = std::env::var("NIANBAO_PDF") else {
            return;
        };
        let want = std::env::var("NIANBAO_GREP").unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_default();
        for p in super::pages(&bytes).unwrap_or_default() {
            for r in &p.runs {
                if want.contains(r.text.as_str()) {
                    println!("{:?}", r);
                }
            }
            println!("page {} rules {}", p.index, p.rules.len());
        }
    }
}
