//! Word .docx files: the fixtures of `tests/fixtures/docx/` (written by python-docx from
//! known cells, `scripts/make-docx-fixtures.sh`) read every cell exactly and give exactly
//! the planted errors; the seed report as DOCX gives the text seed's five errors and its
//! cells; hostile files (a zip bomb, a lying size, too many entries, a corrupt zip, a zip
//! without document.xml, encryption) are refused with their kind within a second; no
//! prefix or byte flip of a fixture panics.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::ingest::limits;
use nianbao::synth::Rng;
use nianbao::{check_bytes, CellState, InputErrorKind, Report, Severity, TableId};
use serde_json::Value;
use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[path = "common/hostile.rs"]
mod hostile;
#[path = "common/seed.rs"]
mod seed;
use hostile::{bomb, HEAD};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> (String, Report) {
    check_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn table(id: &str) -> TableId {
    match id {
        "proactive" => TableId::Proactive,
        "applications" => TableId::Applications,
        _ => TableId::Disputes,
    }
}

fn table_name(id: TableId) -> &'static str {
    match id {
        TableId::Proactive => "proactive",
        TableId::Applications => "applications",
        TableId::Disputes => "disputes",
    }
}

fn state_name(s: CellState) -> &'static str {
    match s {
        CellState::Number => "number",
        CellState::Blank => "blank",
        CellState::Na => "na",
        CellState::Text => "text",
        CellState::Missing => "missing",
    }
}

fn errors(report: &Report) -> Vec<(String, String, String, String)> {
    let mut out: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let c = d.cells.first();
            (
                d.code.as_str().to_string(),
                c.map(|c| table_name(c.table)).unwrap_or("").to_string(),
                c.map(|c| c.row).unwrap_or("").to_string(),
                c.map(|c| c.col).unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(dir().join("expected.json")).expect("expected.json");
    match serde_json::from_str(&text).expect("expected.json is JSON") {
        Value::Object(m) => m,
        _ => panic!("expected.json: not an object"),
    }
}

#[test]
fn every_fixture_reads_every_cell_and_exactly_the_planted_errors() {
    let want = expected();
    assert!(want.len() >= 4, "{} fixtures", want.len());
    for (name, fx) in &want {
        let (text, report) = read(&format!("{name}.docx"));
        assert_eq!(report.input, "docx", "{name}");
        let format = fx["format"].as_str().unwrap_or_default();
        assert_eq!(
            report.format.map(|f| if f == nianbao::Format::F2019 {
                "2019"
            } else {
                "2021"
            }),
            Some(format),
            "{name}: format"
        );
        assert_eq!(
            report.year.map(i64::from),
            fx["year"].as_i64(),
            "{name}: year"
        );
        let cells = fx["cells"].as_array().cloned().unwrap_or_default();
        assert!(cells.len() > 190, "{name}: {} cells", cells.len());
        for c in cells {
            let t = c[0].as_str().unwrap_or_default();
            let (row, col) = (
                c[1].as_str().unwrap_or_default(),
                c[2].as_str().unwrap_or_default(),
            );
            let got = report
                .tables
                .get(table(t))
                .and_then(|tb| tb.cell(row, col))
                .unwrap_or_else(|| panic!("{name}: {t}.{row}.{col} not read"));
            assert_eq!(
                state_name(got.state),
                c[3].as_str().unwrap_or_default(),
                "{name}: {t}.{row}.{col} read {:?} ({:?})",
                got.state,
                got.raw
            );
            assert_eq!(got.value, c[4].as_f64(), "{name}: {t}.{row}.{col} value");
            // Every cell's span points at its text in the derived text.
            if let Some(span) = got.span {
                assert_eq!(
                    text.get(span.start..span.end).map(str::trim),
                    Some(got.raw.trim()),
                    "{name}: {t}.{row}.{col} span"
                );
            }
        }
        let mut planted: Vec<(String, String, String, String)> = fx["errors"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|e| {
                let s = |i: usize| e[i].as_str().unwrap_or_default().to_string();
                (s(0), s(1), s(2), s(3))
            })
            .collect();
        planted.sort();
        assert_eq!(errors(&report), planted, "{name}: errors");
        assert_eq!(
            report.sections.len(),
            6,
            "{name}: sections {:?}",
            report.sections
        );
    }
}

#[test]
fn tracked_changes_and_text_boxes_read_as_word_shows_them() {
    let (text, _) = read("f2021-layout.docx");
    assert!(text.contains("（此句为修订插入）"), "insertion kept");
    assert!(!text.contains("此句已删除"), "deletion dropped");
    assert!(!text.contains("此句已移走"), "move source dropped");
    assert!(!text.contains("错数"), "deleted cell text dropped");
    // The box is in the file twice (mc:Choice and mc:Fallback) and read once.
    assert_eq!(
        text.matches("本报告电子版可在本机关门户网站下载。").count(),
        1
    );
    // The layout table's own paragraphs are lines around the inner table.
    assert!(text.contains("表三：收到和处理政府信息公开申请情况\n"));
    let (text, _) = read("f2021-blanks.docx");
    assert!(
        text.contains("①加强业务培训。\n②完善工作机制。"),
        "circled numbering"
    );
    assert!(!text.contains("SUM(LEFT)"), "field instructions dropped");
    assert!(!text.contains("NUMPAGES"), "field instructions dropped");
    assert!(text.contains("（共1页）"), "field result kept");
}

#[test]
fn numbering_is_written_out() {
    let (text, report) = read("f2019-numbered.docx");
    let bytes = fixture("f2019-numbered.docx");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("read");
    // The numbers come from numbering, not from the text.
    assert!(!xml.contains("一、总体情况") && !xml.contains("（一）予以公开"));
    for line in ["一、总体情况", "六、其他需要报告的事项", "（五）监督保障"]
    {
        assert!(text.lines().any(|l| l == line), "{line}");
    }
    assert!(text.contains("三、本年度办理结果\t（一）予以公开\t"));
    assert!(text.contains("（四）无法提供\t1.本机关不掌握相关政府信息\t"));
    assert!(text.contains("\t（七）总计\t"));
    assert!(text.contains("\n四、结转下年度继续办理\t"));
    assert_eq!(report.sections.len(), 6);
}

#[test]
fn seed_as_docx_gives_the_text_seeds_five_errors_and_cells() {
    // The real report is read from the corpus and turned into a Word file here.
    let Some(bytes) = seed::seed_docx() else {
        return;
    };
    let (_, docx) = check_bytes(&bytes).expect("the seed as docx");
    let mut want = vec![
        ("T3-ROW-TOTAL", "granted", "total"),
        ("T3-ROW-TOTAL", "denied_prohibited_by_law", "total"),
        ("T3-ROW-TOTAL", "unable_needs_creation", "total"),
        ("T3-RESULT-TOTAL", "total_processed", "total"),
        ("T4-TOTAL", "litigation_after_review", "total"),
    ];
    want.sort();
    let mut got: Vec<(&str, &str, &str)> = docx
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.as_str(), d.cells[0].row, d.cells[0].col))
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(docx.year, Some(2020));
    assert_eq!(docx.format, Some(nianbao::Format::F2019));
    assert_eq!(docx.summary.not_assessable, 0);
    let procurement = docx
        .tables
        .get(TableId::Proactive)
        .and_then(|t| t.cell("procurement", "amount"))
        .and_then(|c| c.value);
    assert_eq!(procurement, Some(6727.41));
    let Some(text) = seed::seed_text() else {
        return;
    };
    let (_, text) = check_bytes(text.as_bytes()).expect("seed text");
    assert_eq!(errors(&docx), errors(&text));
    assert_eq!(docx.agency, text.agency);
    for id in TableId::ALL {
        let (a, b) = (docx.tables.get(id), text.tables.get(id));
        let cells =
            |t: Option<&nianbao::model::Table>| -> Vec<(String, String, CellState, Option<f64>)> {
                t.map(|t| {
                    t.cells()
                        .map(|(r, c, cell)| (r.to_string(), c.to_string(), cell.state, cell.value))
                        .collect()
                })
                .unwrap_or_default()
            };
        assert_eq!(cells(a), cells(b), "{id:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Hostile files

fn kind_of(bytes: &[u8]) -> InputErrorKind {
    let start = Instant::now();
    let got = check_bytes(bytes);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?}");
    match got {
        Ok(_) => panic!("read"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e.kind
        }
    }
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

/// A package of the given parts.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, options()).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// Rewrite the declared uncompressed size of every entry (local and central headers).
fn lie_about_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 30 <= zip.len() {
        let sig = &zip[i..i + 4];
        let at = if sig == b"PK\x03\x04" {
            Some(i + 22)
        } else if sig == b"PK\x01\x02" {
            Some(i + 24)
        } else {
            None
        };
        if let Some(at) = at {
            zip[at..at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
    zip
}

#[test]
fn zip_bomb_is_refused_within_a_second() {
    let honest = bomb(400 << 20);
    assert!(honest.len() < 1 << 20, "{} bytes", honest.len());
    assert!(matches!(
        kind_of(&honest),
        InputErrorKind::PartTooLarge { .. }
    ));
    // The declared size says 1 KB: what is read is still bounded.
    let lying = lie_about_size(honest, 1000);
    assert!(matches!(
        kind_of(&lying),
        InputErrorKind::PartTooLarge { .. } | InputErrorKind::Corrupt
    ));
    // Under the part limit but far over the compression ratio.
    let dense = bomb(40 << 20);
    assert!(matches!(
        kind_of(&dense),
        InputErrorKind::PartTooLarge { .. }
    ));
}

#[test]
fn too_many_entries_are_refused() {
    let bytes = hostile::many_entries(limits::MAX_ZIP_ENTRIES + 1);
    assert!(matches!(
        kind_of(&bytes),
        InputErrorKind::TooManyEntries { .. }
    ));
}

#[test]
fn corrupt_and_incomplete_packages() {
    // Truncated: the central directory is gone.
    let good = fixture("f2019-plain.docx");
    let cut = &good[..good.len() / 2];
    assert_eq!(kind_of(cut), InputErrorKind::Corrupt);
    // A zip signature and the part's name, then nothing a zip reader can open.
    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend_from_slice(b"word/document.xml");
    junk.extend(std::iter::repeat_n(0xA5u8, 500));
    assert_eq!(kind_of(&junk), InputErrorKind::Corrupt);
    // A package naming word/document.xml (stored, so the name is visible) without it.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    w.start_file("[Content_Types].xml", stored).expect("start");
    w.write_all(b"<Types><Override PartName=\"/word/document.xml\"/></Types>")
        .expect("write");
    let bytes = w.finish().expect("finish").into_inner();
    assert_eq!(kind_of(&bytes), InputErrorKind::Corrupt);
    // A zip of other things is not a Word document.
    let other = package(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(kind_of(&other), InputErrorKind::OtherZip);
    // An empty document.
    let empty = package(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"w\"><w:body><w:p/></w:body></w:document>",
    )]);
    assert_eq!(kind_of(&empty), InputErrorKind::Empty);
}

#[test]
fn encrypted_files_say_so() {
    // A zip entry with the encryption flag (as a ZipCrypto-protected package has).
    let mut bytes = package(&[("word/document.xml", HEAD)]);
    let mut i = 0;
    while i + 10 <= bytes.len() {
        match &bytes[i..i + 4] {
            b"PK\x03\x04" => bytes[i + 6] |= 1,
            b"PK\x01\x02" => bytes[i + 8] |= 1,
            _ => {}
        }
        i += 1;
    }
    assert_eq!(kind_of(&bytes), InputErrorKind::Encrypted);
    // A password-protected .docx: OLE2 around an EncryptedPackage stream.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend(std::iter::repeat_n(0u8, 1000));
    ole.extend("EncryptedInfo".encode_utf16().flat_map(u16::to_le_bytes));
    ole.extend(std::iter::repeat_n(0u8, 50));
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.extend(std::iter::repeat_n(0u8, 1000));
    assert_eq!(kind_of(&ole), InputErrorKind::Encrypted);
    // A plain .doc stays a legacy Office file.
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(kind_of(&doc), InputErrorKind::LegacyOffice);
}

#[test]
fn deep_nesting_is_bounded() {
    // Tables nested far past the followed depth, and elements far past the XML depth.
    let mut xml = String::from("<w:document xmlns:w=\"w\"><w:body>");
    for _ in 0..60 {
        xml.push_str("<w:tbl><w:tr><w:tc>");
    }
    xml.push_str("<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>");
    for _ in 0..60 {
        xml.push_str("</w:tc></w:tr></w:tbl>");
    }
    for _ in 0..5000 {
        xml.push_str("<w:sdt><w:sdtContent>");
    }
    xml.push_str("<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
    xml.push_str("</w:body></w:document>");
    let bytes = package(&[("word/document.xml", xml.as_bytes())]);
    let start = Instant::now();
    let (text, _) = check_bytes(&bytes).expect("reads");
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(text.contains("一、总体情况"));
    assert!(!text.contains("deep"));
}

// ---------------------------------------------------------------------------------------
// No panic

#[test]
fn no_prefix_or_byte_flip_panics() {
    let seed = seed::seed_docx();
    for (name, bytes) in [
        ("f2021-layout.docx", Some(fixture("f2021-layout.docx"))),
        ("the seed", seed),
    ] {
        let Some(bytes) = bytes else { continue };
        let n = bytes.len();
        // A few hundred prefixes at an odd stride, and the last bytes one by one (the
        // central directory lives at the end).
        let mut cuts: Vec<usize> = (0..n).step_by((n / 250).max(1) | 1).collect();
        cuts.extend(n.saturating_sub(64)..n);
        for cut in cuts {
            let r = catch_unwind(AssertUnwindSafe(|| {
                let _ = check_bytes(&bytes[..cut]);
            }));
            assert!(r.is_ok(), "{name}: panic on the prefix of {cut} bytes");
        }
        let mut rng = Rng::new(n as u64);
        for round in 0..150 {
            let mut m = bytes.clone();
            for _ in 0..1 + round % 4 {
                let at = rng.below(n as u64) as usize;
                if let Some(b) = m.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            let r = catch_unwind(AssertUnwindSafe(|| {
                let _ = check_bytes(&m);
            }));
            assert!(r.is_ok(), "{name}: panic on flip round {round}");
        }
    }
    // Flips inside the XML itself (the zip's CRC would catch flips of the packed bytes).
    let bytes = fixture("f2019-numbered.docx");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let mut part = |name: &str| {
        let mut v = Vec::new();
        zip.by_name(name)
            .expect(name)
            .read_to_end(&mut v)
            .expect("read");
        v
    };
    let (xml, numbering) = (part("word/document.xml"), part("word/numbering.xml"));
    let mut rng = Rng::new(7);
    for round in 0..60 {
        let (mut x, mut n) = (xml.clone(), numbering.clone());
        for _ in 0..1 + round % 8 {
            let target = if rng.chance(500) { &mut x } else { &mut n };
            let at = rng.below(target.len() as u64) as usize;
            if let Some(b) = target.get_mut(at) {
                *b = match rng.below(4) {
                    0 => b'<',
                    1 => b'>',
                    2 => b'"',
                    _ => *b ^ (1 << rng.below(8)),
                };
            }
        }
        let m = package(&[("word/document.xml", &x), ("word/numbering.xml", &n)]);
        let r = catch_unwind(AssertUnwindSafe(|| {
            let _ = check_bytes(&m);
        }));
        assert!(r.is_ok(), "panic on XML flip round {round}");
    }
}
