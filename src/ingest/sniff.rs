//! What a file is, from its bytes alone: the one sniffing rule the CLI, the page and the
//! widget share. Signatures first (PDF, zip/DOCX, OLE2, pictures, RTF), then text: a
//! byte-order mark, a declared charset (labels resolved by `encoding_rs`, as browsers
//! do), valid UTF-8, else GB18030 unless the bytes look binary; HTML by its content.

/// A text encoding the readers decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    /// UTF-8 after a byte-order mark (skipped when decoding).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312: declared, or bytes that are not UTF-8.
    Gb18030,
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Text(Charset),
    Html(Charset),
    Docx,
    Pdf,
    /// A zip that holds no `word/document.xml` (Excel, a plain archive).
    OtherZip,
    /// OLE2 compound file: .doc, .wps, .et, .xls.
    LegacyOffice,
    Image,
    Rtf,
    Binary,
}

const SIGNATURES: [(&[u8], Kind); 8] = [
    (b"%PDF", Kind::Pdf),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Kind::LegacyOffice),
    (b"\x89PNG", Kind::Image),
    (b"\xFF\xD8\xFF", Kind::Image),
    (b"GIF8", Kind::Image),
    (b"BM", Kind::Image),
    (b"{\\rtf", Kind::Rtf),
    (b"\x1F\x8B", Kind::Binary),
];

/// Tell what `bytes` are.
pub fn sniff(bytes: &[u8]) -> Kind {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return text_kind(rest, Charset::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16_kind(rest, Charset::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16_kind(rest, Charset::Utf16Be);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Kind::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if find(bytes, b"word/document.xml").is_some() {
            Kind::Docx
        } else {
            Kind::OtherZip
        };
    }
    // A PDF may have a little junk before its header.
    if find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    if let Some((_, kind)) = SIGNATURES.iter().find(|(m, _)| bytes.starts_with(m)) {
        // "BM" also starts ordinary words; a bitmap has a binary header.
        if *kind != Kind::Image || !bytes.starts_with(b"BM") || looks_binary(bytes) {
            return *kind;
        }
    }
    // A declared GBK wins; otherwise valid UTF-8 is UTF-8 and anything else GB18030 (a
    // page that declares UTF-8 but was saved as GBK is common on portals).
    let charset = match declared_charset(bytes) {
        Some(Charset::Gb18030) => Charset::Gb18030,
        _ if std::str::from_utf8(bytes).is_ok() => Charset::Utf8,
        _ => Charset::Gb18030,
    };
    if looks_binary(bytes) {
        return Kind::Binary;
    }
    text_kind(bytes, charset)
}

fn utf16_kind(rest: &[u8], charset: Charset) -> Kind {
    let little = charset == Charset::Utf16Le;
    let units = rest.chunks_exact(2).take(4096).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let head: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
    if head.trim().is_empty() {
        return Kind::Empty;
    }
    if !plausible_text(&head) {
        return Kind::Binary;
    }
    if super::html::looks_like_html(&head) {
        Kind::Html(charset)
    } else {
        Kind::Text(charset)
    }
}

fn text_kind(bytes: &[u8], charset: Charset) -> Kind {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Kind::Empty;
    }
    if looks_binary(bytes) {
        return Kind::Binary;
    }
    // Markup is ASCII in every charset we read: the lossy head is enough to tell.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    if charset != Charset::Gb18030 && !plausible_text(&head) {
        return Kind::Binary;
    }
    if super::html::looks_like_html(&head) {
        Kind::Html(charset)
    } else {
        Kind::Text(charset)
    }
}

/// Most characters of a report are ASCII, CJK ideographs, CJK or full-width punctuation
/// and general punctuation; decoded garbage is replacement characters, controls, private
/// use and scattered scripts. A head where fewer than 4 in 5 characters are plausible is
/// not text (a cut multi-byte character at the end of the head does not count).
fn plausible_text(head: &str) -> bool {
    let mut total = 0usize;
    let mut good = 0usize;
    for c in head.chars() {
        total += 1;
        let ok = match c {
            '\n' | '\r' | '\t' | '\u{c}' => true,
            c if c.is_control() => false,
            '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{24F}' => true,
            '\u{2000}'..='\u{27BF}' | '\u{2E80}'..='\u{33FF}' => true,
            '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => true,
            '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}' | '\u{FEFF}' => true,
            '\u{20000}'..='\u{3134F}' => true,
            _ => false,
        };
        if ok {
            good += 1;
        }
    }
    good * 5 >= total.saturating_sub(1) * 4
}

/// NUL bytes, or many control characters, in the first 8 KB: not text. (Text in GB18030
/// or UTF-8 has neither; UTF-16 without a byte-order mark has NULs and is refused too.)
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|b| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    control * 10 > head.len().max(1)
}

/// The charset an HTML document declares near its start (`<meta charset=…>`,
/// `content="text/html; charset=…"`), resolved as browsers resolve labels.
fn declared_charset(bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut j = from + pos + b"charset".len();
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'' | b'\t') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |p| j + p);
        if let Some(enc) = encoding_rs::Encoding::for_label(&lower[j..end]) {
            if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
                return Some(Charset::Gb18030);
            }
            return Some(Charset::Utf8);
        }
        from = end.max(j);
    }
    None
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..=hay.len() - needle.len()]
            .iter()
            .position(|b| *b == first)
        {
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_kind() {
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(sniff(b"\xEF\xBB\xBF"), Kind::Empty, "a BOM alone is empty");
        assert_eq!(sniff(b" \n\t"), Kind::Empty);
        assert_eq!(sniff("一、总体情况".as_bytes()), Kind::Text(Charset::Utf8));
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
            Kind::LegacyOffice
        );
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml"), Kind::Docx);
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.xml"), Kind::OtherZip);
        assert_eq!(sniff(b"\x89PNG\r\n"), Kind::Image);
        assert_eq!(sniff(b"BMW is a word"), Kind::Text(Charset::Utf8));
        assert_eq!(
            sniff(b"<table><tr><td>1</td></tr></table>"),
            Kind::Html(Charset::Utf8)
        );
        assert_eq!(
            sniff(b"<html><meta charset=\"gb2312\"><p>\xd2\xbb</p>"),
            Kind::Html(Charset::Gb18030)
        );
        assert_eq!(
            sniff(b"<meta http-equiv=Content-Type content=\"text/html; charset=GBK\">"),
            Kind::Html(Charset::Gb18030)
        );
        assert_eq!(sniff(b"\xd2\xbb\xa1\xa2"), Kind::Text(Charset::Gb18030));
        assert_eq!(sniff(b"abc\0def"), Kind::Binary);
    }

    #[test]
    fn a_bom_before_binary_garbage_is_not_text() {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend((0u8..=255).cycle().take(4000));
        assert_eq!(sniff(&b), Kind::Binary);
        let mut b = b"\xFF\xFE".to_vec();
        b.extend((0u8..=255).rev().cycle().take(4000));
        assert_eq!(sniff(&b), Kind::Binary);
    }
}
