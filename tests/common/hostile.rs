//! Hostile Word packages, written with the `zip` crate: a zip bomb (a `word/document.xml`
//! of hundreds of MB of one repeated word, deflated ~1,000 times) and a package of too many
//! entries. Used by `tests/docx.rs` and, through `examples/hostile_files.rs`, by the page's
//! end-to-end test (`tests/e2e/files.test.mjs`).
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The start of a `document.xml`: a paragraph whose text the bomb's bytes continue.
pub const HEAD: &[u8] = b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>";

/// A .docx whose `document.xml` is `size` bytes, nearly all one repeated letter, written
/// through the zip writer from a streaming reader (nothing of that size is ever in memory).
pub fn bomb(size: u64) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(size >= 1 << 32),
    )
    .expect("start");
    let mut body = HEAD.chain(std::io::repeat(b'a').take(size));
    std::io::copy(&mut body, &mut w).expect("copy");
    w.finish().expect("finish").into_inner()
}

/// A .docx with a small `document.xml` and `extra` more (empty, stored) entries.
pub fn many_entries(extra: usize) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    w.start_file("word/document.xml", stored).expect("start");
    w.write_all(b"<w:document/>").expect("write");
    for i in 0..extra {
        w.start_file(format!("x/{i}"), stored).expect("start");
    }
    w.finish().expect("finish").into_inner()
}
