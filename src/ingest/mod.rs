//! Input: decode bytes (UTF-8, UTF-16 with BOM, GBK/GB18030), tell HTML from text, and
//! turn either into the neutral `Grid`. Reading text never fails; only bytes that are not
//! text at all are an `InputError`.

pub mod html;
pub mod text;

use crate::grid::{Grid, Shape};
use crate::InputError;

/// Read decoded text (plain text of any shape, or HTML source) into the grid.
pub fn read_text(text: &str) -> Grid {
    let html = html::looks_like_html(text);
    let rows = if html {
        html::read(text)
    } else {
        text::read(text)
    };
    Grid {
        text: text.to_string(),
        shape: if html { Shape::Html } else { Shape::Text },
        rows,
    }
}

/// What kind of binary file this is, if it is one we recognise.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"%PDF", "这是 PDF 文件，请复制其中的文字后粘贴"),
        (
            b"PK\x03\x04",
            "这是 Word(.docx) 或压缩文件，请另存为网页(.htm)或复制文字后粘贴",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "这是旧版 Word(.doc) 文件，请另存为网页(.htm)或复制文字后粘贴",
        ),
        (b"\x89PNG", "这是图片文件，无法读取表格"),
        (b"\xFF\xD8\xFF", "这是图片文件，无法读取表格"),
        (b"GIF8", "这是图片文件，无法读取表格"),
        (
            b"{\\rtf",
            "这是 RTF 文件，请另存为网页(.htm)或复制文字后粘贴",
        ),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, what)| *what)
}

/// The charset an HTML document declares in its first bytes (`<meta charset=…>`).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    std::str::from_utf8(&rest[..end]).ok().map(str::to_string)
}

fn decode_utf16(bytes: &[u8], little: bool) -> Result<String, InputError> {
    let units = bytes.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Ok(char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect())
}

#[cfg(feature = "encoding")]
fn decode_gb18030(bytes: &[u8]) -> Result<String, InputError> {
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors && text.chars().filter(|c| *c == '\u{FFFD}').count() * 20 > text.chars().count() {
        return Err(InputError::NotText(
            "文件编码无法识别（既不是 UTF-8 也不是 GBK）",
        ));
    }
    Ok(text.into_owned())
}

#[cfg(not(feature = "encoding"))]
fn decode_gb18030(_bytes: &[u8]) -> Result<String, InputError> {
    Err(InputError::NotText(
        "文件不是 UTF-8 编码（GBK 文件请由页面用浏览器解码）",
    ))
}

/// Decode the bytes of a file into text. Invalid UTF-8 without a declared charset is read
/// as GB18030 (a superset of GBK and GB2312), the other encoding Chinese portals use.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, false);
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(InputError::NotText(what));
    }
    let charset = declared_charset(bytes);
    let gb = matches!(
        charset.as_deref(),
        Some("gbk" | "gb2312" | "gb18030" | "x-gbk" | "cp936")
    );
    if !gb {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return check_text(s.to_string());
        }
    }
    if gb || std::str::from_utf8(bytes).is_err() {
        let nul = bytes.iter().take(8192).filter(|b| **b == 0).count();
        if nul > 0 {
            return Err(InputError::NotText("这是二进制文件，不是文字"));
        }
        return decode_gb18030(bytes).and_then(check_text);
    }
    Err(InputError::NotText("文件编码无法识别"))
}

fn check_text(s: String) -> Result<String, InputError> {
    let control = s
        .chars()
        .take(8192)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 10 > s.chars().take(8192).count().max(1) {
        return Err(InputError::NotText("这是二进制文件，不是文字"));
    }
    Ok(s)
}
