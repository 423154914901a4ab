//! Input: bytes → the neutral `Grid`. `sniff` tells what the bytes are (the one sniffing
//! rule, used by the CLI and the wasm facade alike); one reader per format turns them into
//! the grid (`text`, `html`, `docx`, `pdf` through `layout`). Reading never fails on what
//! a reader understands: only bytes that are not a report file of a kind we read are an
//! `InputError`, with a Chinese message saying what to do. Imports nothing above the grid.
//!
//! Adding a format: one reader file `bytes → Result<Grid, InputError>` and one row in
//! `read`'s match (and, if it has a signature, one in `sniff`).

#[cfg(feature = "docx")]
pub mod docx;
pub mod error;
pub mod html;
pub mod layout;
pub mod limits;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod sniff;
pub mod text;

pub use error::{InputError, InputErrorKind};
pub use sniff::{sniff, Charset, Kind};

use crate::grid::{Grid, Shape};

/// File extensions the readers take (what the CLI picks from a folder, the page's picker).
pub const EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Read the bytes of a file (or of standard input) into the grid.
pub fn read(bytes: &[u8]) -> Result<Grid, InputError> {
    if bytes.len() > limits::MAX_INPUT_BYTES {
        return Err(InputErrorKind::TooLarge {
            bytes: bytes.len(),
            limit: limits::MAX_INPUT_BYTES,
        }
        .into());
    }
    match sniff(bytes) {
        Kind::Text(cs) => text::read_bytes(bytes, cs),
        Kind::Html(cs) => html::read_bytes(bytes, cs),
        Kind::Empty => Err(InputErrorKind::Empty.into()),
        #[cfg(feature = "docx")]
        Kind::Docx => docx::read(bytes),
        #[cfg(not(feature = "docx"))]
        Kind::Docx => Err(InputErrorKind::NeedsFileReader.into()),
        Kind::Encrypted => Err(InputErrorKind::Encrypted.into()),
        #[cfg(feature = "pdf")]
        Kind::Pdf => pdf::read(bytes),
        #[cfg(not(feature = "pdf"))]
        Kind::Pdf => Err(InputErrorKind::NeedsFileReader.into()),
        Kind::OtherZip => Err(InputErrorKind::OtherZip.into()),
        Kind::LegacyOffice => Err(InputErrorKind::LegacyOffice.into()),
        Kind::Image => Err(InputErrorKind::Image.into()),
        Kind::Rtf => Err(InputErrorKind::Rtf.into()),
        Kind::Binary => Err(InputErrorKind::Binary.into()),
    }
}

/// Read decoded text (plain text of any shape, or HTML source) into the grid. Never fails:
/// text over the input limit is checked by `check_text` before it gets here.
pub fn read_text(text: &str) -> Grid {
    if html::looks_like_html(text) {
        Grid::new(text.to_string(), Shape::Html, html::read_bounded(text).0)
    } else {
        Grid::new(text.to_string(), Shape::Text, text::read_rows(text))
    }
}

/// Read pasted text within the limits: over the input size, or HTML whose spans would
/// expand beyond the cell budget, is an error (said before any more work is done).
pub fn read_text_bounded(text: &str) -> Result<Grid, InputError> {
    if text.len() > limits::MAX_INPUT_BYTES {
        return Err(InputErrorKind::TooLarge {
            bytes: text.len(),
            limit: limits::MAX_INPUT_BYTES,
        }
        .into());
    }
    if html::looks_like_html(text) {
        let (rows, overflow) = html::read_bounded(text);
        if overflow {
            return Err(InputErrorKind::TooManyCells {
                limit: text.len() / 4 + limits::SPAN_COPIES_BASE,
            }
            .into());
        }
        return Ok(Grid::new(text.to_string(), Shape::Html, rows));
    }
    Ok(read_text(text))
}

/// Decode text bytes of a sniffed charset.
pub fn decode(bytes: &[u8], charset: Charset) -> Result<String, InputError> {
    let text = match charset {
        Charset::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        },
        Charset::Utf8Bom => String::from_utf8_lossy(&bytes[3.min(bytes.len())..]).into_owned(),
        Charset::Utf16Le | Charset::Utf16Be => {
            let little = charset == Charset::Utf16Le;
            let units = bytes[2.min(bytes.len())..].chunks_exact(2).map(|c| {
                if little {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            });
            char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect()
        }
        Charset::Gb18030 => decode_gb18030(bytes)?,
    };
    if text.trim().is_empty() {
        return Err(InputErrorKind::Empty.into());
    }
    Ok(text)
}

#[cfg(feature = "encoding")]
fn decode_gb18030(bytes: &[u8]) -> Result<String, InputError> {
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors && text.chars().filter(|c| *c == '\u{FFFD}').count() * 20 > text.chars().count() {
        return Err(InputErrorKind::UnknownEncoding.into());
    }
    Ok(text.into_owned())
}

#[cfg(not(feature = "encoding"))]
fn decode_gb18030(_bytes: &[u8]) -> Result<String, InputError> {
    Err(InputErrorKind::NeedsGb18030Decoder.into())
}
