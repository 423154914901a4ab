//! The seed report of `../shared/corpus/dev/`, turned at test time into the files people
//! hold: a Word document (written with the `zip` crate: a paragraph per line of the copy)
//! and a PDF (Chromium's print-to-PDF of the copy as a page). Real reports are never
//! committed; under CI (`CI` set) a missing corpus or Chromium fails the test.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/dev/seed-2020-linyi-police.txt")
}

/// The seed's text, or `None` (with a note) when the corpus is absent outside CI.
pub fn seed_text() -> Option<String> {
    match std::fs::read_to_string(seed_path()) {
        Ok(t) => Some(t),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("{} is absent under CI", seed_path().display())
        }
        Err(_) => {
            eprintln!(
                "note: {} is absent; seed test skipped",
                seed_path().display()
            );
            None
        }
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A .docx holding `text`, one paragraph per line; a line's closing ` |` (how a web copy
/// marks a cell) is not typed into Word, so each cell of the copy is a paragraph.
pub fn docx_of_text(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        let line = line.trim_end().trim_end_matches('|').trim_end();
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_escape(line)
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/document.xml", document),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name, opts).expect("zip entry");
        w.write_all(data.as_bytes()).expect("zip write");
    }
    w.finish().expect("zip").into_inner()
}

/// The seed as .docx, or `None` when the corpus is absent outside CI.
pub fn seed_docx() -> Option<Vec<u8>> {
    seed_text().map(|t| docx_of_text(&t))
}

/// The seed printed to PDF by Chromium into `dir`, or `None` (with a note) when the corpus
/// or Chromium is absent outside CI.
pub fn seed_pdf(dir: &std::path::Path) -> Option<PathBuf> {
    let text = seed_text()?;
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !std::path::Path::new(&chromium).exists() {
        if std::env::var_os("CI").is_some() {
            panic!("{chromium} is absent under CI");
        }
        eprintln!("note: {chromium} is absent; seed PDF test skipped");
        return None;
    }
    std::fs::create_dir_all(dir).expect("temp dir");
    let html = dir.join("seed.html");
    let pdf = dir.join("seed-2020-linyi-police.pdf");
    std::fs::write(
        &html,
        format!(
            "<!doctype html><meta charset=utf-8><body><pre style=\"font-family:'WenQuanYi Micro Hei';font-size:9pt\">{}</pre>",
            xml_escape(&text)
        ),
    )
    .expect("write html");
    let out = std::process::Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&html)
        .env(
            "LANG",
            std::env::var("LANG").unwrap_or_else(|_| "C.UTF-8".into()),
        )
        .output()
        .expect("run chromium");
    assert!(
        pdf.exists(),
        "chromium printed the seed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(pdf)
}

/// A temporary folder of this test process.
pub fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-seed-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
