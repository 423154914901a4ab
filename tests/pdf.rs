//! PDFs made by real producers (`scripts/make-pdf-fixtures.sh` → `tests/fixtures/pdf/`):
//! LibreOffice and Chromium's print-to-PDF from the HTML shape fixtures (whose cells
//! `tests/shapes.rs` pins to known values), reportlab with a predefined-CMap CJK font and
//! no ToUnicode, the seed report printed by LibreOffice. Every PDF must read exactly as
//! its source: the same format, year, agency, every cell's state and value, and the same
//! error findings on the same cells. Scanned, encrypted, corrupt and hostile files give
//! their `InputErrorKind` within a second; sampled damage never panics.
#![cfg(all(feature = "pdf", not(target_arch = "wasm32")))]

#[path = "common/seed.rs"]
mod seed;
use nianbao::{InputErrorKind, Report, Severity, TableId};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

fn pdf_report(name: &str) -> Report {
    pdf_report_at(&dir("pdf").join(name))
}

fn pdf_report_at(path: &std::path::Path) -> Report {
    let name = path.display();
    let bytes = std::fs::read(path).expect("fixture");
    let (text, report) = nianbao::check_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    // Every read cell's span covers its raw text in the layout text.
    for t in [
        &report.tables.proactive,
        &report.tables.applications,
        &report.tables.disputes,
    ]
    .into_iter()
    .flatten()
    {
        for row in &t.rows {
            for (col, c) in &row.cells {
                if let Some(s) = c.span {
                    assert_eq!(
                        text.get(s.start..s.end),
                        Some(c.raw.as_str()),
                        "{name}: span of {}.{col}",
                        row.key
                    );
                }
            }
        }
    }
    assert_eq!(report.input, "pdf", "{name}");
    report
}

fn source_report(path: PathBuf) -> Report {
    let bytes = std::fs::read(&path).expect("source fixture");
    nianbao::check_bytes(&bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .1
}

type CellKey = (TableId, &'static str, &'static str);

fn cells(r: &Report) -> Vec<(CellKey, String, Option<f64>)> {
    let mut out = Vec::new();
    for t in [
        &r.tables.proactive,
        &r.tables.applications,
        &r.tables.disputes,
    ]
    .into_iter()
    .flatten()
    {
        for row in &t.rows {
            for (col, c) in &row.cells {
                out.push(((t.id, row.key, *col), format!("{:?}", c.state), c.value));
            }
        }
    }
    out
}

fn errors(r: &Report) -> Vec<(String, CellKey)> {
    let mut v: Vec<(String, CellKey)> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let c = &d.cells[0];
            (d.code.as_str().to_string(), (c.table, c.row, c.col))
        })
        .collect();
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

/// The PDF reads exactly as its source: format, year, agency, every cell, the errors.
fn same_as_source(pdf: &str, source: PathBuf) -> Report {
    same_as_source_at(&dir("pdf").join(pdf), source)
}

fn same_as_source_at(path: &std::path::Path, source: PathBuf) -> Report {
    let pdf = path.display();
    let p = pdf_report_at(path);
    let s = source_report(source);
    assert_eq!(p.format, s.format, "{pdf}: format");
    assert_eq!(p.year, s.year, "{pdf}: year");
    assert_eq!(p.agency, s.agency, "{pdf}: agency");
    let (pc, sc) = (cells(&p), cells(&s));
    assert_eq!(pc.len(), sc.len(), "{pdf}: number of cells");
    for (a, b) in pc.iter().zip(&sc) {
        assert_eq!(a, b, "{pdf}: cell");
    }
    assert_eq!(errors(&p), errors(&s), "{pdf}: errors");
    assert_eq!(
        p.summary.not_assessable, s.summary.not_assessable,
        "{pdf}: not assessable"
    );
    p
}

fn value(r: &Report, t: TableId, row: &str, col: &str) -> Option<f64> {
    cells(r)
        .into_iter()
        .find(|((tt, rr, cc), _, _)| *tt == t && *rr == row && *cc == col)
        .and_then(|c| c.2)
}

fn shape(name: &str) -> PathBuf {
    dir("shapes").join(name)
}

macro_rules! same_as {
    ($($test:ident: $pdf:literal <- $src:literal;)+) => {$(
        #[test]
        fn $test() {
            same_as_source($pdf, shape($src));
        }
    )+};
}

same_as! {
    libreoffice_html_2019: "lo_s07_fragment_2019.pdf" <- "s07_fragment_2019.html";
    chromium_html_2019: "chromium_s07_fragment_2019.pdf" <- "s07_fragment_2019.html";
    libreoffice_word_html_2021: "lo_s08_word_2021.pdf" <- "s08_word_2021.html";
    chromium_word_html_2021: "chromium_s08_word_2021.pdf" <- "s08_word_2021.html";
    chromium_header_repeated_on_every_page_2021: "chromium_s08_word_2021_thead.pdf" <- "s08_word_2021.html";
    libreoffice_planted_2019: "lo_p_planted_word_2019.pdf" <- "p_planted_word_2019.html";
    chromium_planted_2019: "chromium_p_planted_word_2019.pdf" <- "p_planted_word_2019.html";
    libreoffice_planted_2021: "lo_p_planted_tabs_2021.pdf" <- "p_planted_tabs_2021.txt";
    chromium_planted_2021: "chromium_p_planted_tabs_2021.pdf" <- "p_planted_tabs_2021.txt";
    predefined_cmap_layout_2021: "rl_x_pdf_layout_2021.pdf" <- "x_pdf_layout_2021.txt";
    predefined_cmap_text_2019: "rl_x_pdf_text_2019.pdf" <- "x_pdf_text_2019.txt";
}

const A: TableId = TableId::Applications;
const D: TableId = TableId::Disputes;

#[test]
fn known_cells_of_the_2021_set() {
    for pdf in [
        "lo_s08_word_2021.pdf",
        "chromium_s08_word_2021.pdf",
        "chromium_s08_word_2021_thead.pdf",
        "rl_x_pdf_layout_2021.pdf",
    ] {
        let r = pdf_report(pdf);
        let row = |k: &str| -> Vec<Option<f64>> {
            [
                "natural_person",
                "commercial",
                "research",
                "social_welfare",
                "legal_service",
                "other_org",
                "total",
            ]
            .iter()
            .map(|c| value(&r, A, k, c))
            .collect()
        };
        let n = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
        assert_eq!(
            row("new_received"),
            n(&[40., 5., 1., 0., 2., 1., 49.]),
            "{pdf}"
        );
        assert_eq!(
            row("total_processed"),
            n(&[41., 6., 1., 0., 2., 1., 51.]),
            "{pdf}"
        );
        assert_eq!(
            row("other_reasons"),
            n(&[0., 0., 0., 0., 1., 0., 1.]),
            "{pdf}"
        );
        assert_eq!(value(&r, D, "review", "total"), Some(4.), "{pdf}");
    }
}

#[test]
fn planted_errors_are_found_exactly() {
    for (pdf, granted, review) in [
        ("lo_p_planted_tabs_2021.pdf", 27., 5.),
        ("chromium_p_planted_tabs_2021.pdf", 27., 5.),
        ("lo_p_planted_word_2019.pdf", 18., 2.),
        ("chromium_p_planted_word_2019.pdf", 18., 2.),
    ] {
        let r = pdf_report(pdf);
        assert_eq!(value(&r, A, "granted", "total"), Some(granted), "{pdf}");
        assert_eq!(value(&r, D, "review", "total"), Some(review), "{pdf}");
        let want: Vec<(String, CellKey)> = vec![
            ("T3-RESULT-TOTAL".into(), (A, "total_processed", "total")),
            ("T3-ROW-TOTAL".into(), (A, "granted", "total")),
            ("T4-TOTAL".into(), (D, "review", "total")),
        ];
        let mut got = errors(&r);
        got.sort();
        let mut want = want;
        want.sort();
        assert_eq!(got, want, "{pdf}");
    }
}

#[test]
fn the_predefined_cmap_fixtures_have_no_to_unicode() {
    for pdf in ["rl_x_pdf_layout_2021.pdf", "rl_x_pdf_text_2019.pdf"] {
        let b = std::fs::read(dir("pdf").join(pdf)).expect("fixture");
        let has = |s: &[u8]| b.windows(s.len()).any(|w| w == s);
        assert!(has(b"UniGB-UCS2-H") && has(b"STSong-Light"), "{pdf}");
        assert!(!has(b"ToUnicode"), "{pdf}");
    }
}

#[test]
fn seed_report_as_pdf_has_exactly_its_five_errors() {
    // The real report is read from the corpus and printed to PDF by Chromium here.
    let Some(pdf) = seed::seed_pdf(&seed::tmp("pdf")) else {
        return;
    };
    same_as_source_at(&pdf, seed::seed_path());
    let r = pdf_report_at(&pdf);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.agency.as_deref(), Some("临沂市公安局"));
    let mut want: Vec<(String, CellKey)> = [
        ("T3-ROW-TOTAL", (A, "granted", "total")),
        ("T3-ROW-TOTAL", (A, "denied_prohibited_by_law", "total")),
        ("T3-ROW-TOTAL", (A, "unable_needs_creation", "total")),
        ("T3-RESULT-TOTAL", (A, "total_processed", "total")),
        ("T4-TOTAL", (D, "litigation_after_review", "total")),
    ]
    .into_iter()
    .map(|(c, k)| (c.to_string(), k))
    .collect();
    want.sort();
    let mut got = errors(&r);
    got.sort();
    assert_eq!(got, want);
}

fn kind(bytes: &[u8]) -> Option<InputErrorKind> {
    nianbao::check_bytes(bytes).err().map(|e| e.kind)
}

/// A second in an optimised build (`cargo test --profile bench-native --test pdf`, as the
/// CLI and the page run); unoptimised test builds run this code ten to thirty times slower
/// on a loaded machine, where the bound only says "no hang".
fn budget() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(40)
    } else {
        Duration::from_secs(1)
    }
}

fn within_a_second(what: &str, bytes: &[u8]) -> Option<InputErrorKind> {
    let t = Instant::now();
    let k = kind(bytes);
    assert!(t.elapsed() < budget(), "{what}: {:?}", t.elapsed());
    k
}

#[test]
fn scanned_encrypted_and_corrupt_say_so() {
    let read = |n: &str| std::fs::read(dir("pdf").join(n)).expect("fixture");
    assert_eq!(
        within_a_second("scan", &read("scanned.pdf")),
        Some(InputErrorKind::ScannedPdf)
    );
    assert_eq!(
        within_a_second("encrypted", &read("encrypted.pdf")),
        Some(InputErrorKind::Encrypted)
    );
    assert_eq!(
        within_a_second("no objects", b"%PDF-1.7\nthis is not a pdf\n%%EOF"),
        Some(InputErrorKind::Corrupt)
    );
    // Cut before the page tree: LibreOffice writes it last.
    let lo = read("lo_s07_fragment_2019.pdf");
    assert!(matches!(
        within_a_second("truncated", &lo[..lo.len() / 3]),
        Some(InputErrorKind::Corrupt) | Some(InputErrorKind::ScannedPdf) | None
    ));
}

/// A one-page PDF around a content stream (Flate-compressed when `deflate`).
fn one_page(content: &[u8], deflate: bool) -> Vec<u8> {
    let (data, filter) = if deflate {
        (
            miniz_oxide::deflate::compress_to_vec_zlib(content, 6),
            "/Filter /FlateDecode ",
        )
    } else {
        (content.to_vec(), "")
    };
    let mut b = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
/Resources << /Font << /F1 5 0 R >> >> >> endobj\n\
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
        .to_vec();
    b.extend(format!("4 0 obj << {filter}/Length {} >> stream\n", data.len()).as_bytes());
    b.extend(&data);
    b.extend(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    b
}

#[test]
fn a_plain_page_reads() {
    let pdf = one_page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", true);
    let grid = nianbao::ingest::read(&pdf).expect("reads");
    assert!(grid.text().contains("Hello"), "{:?}", grid.text());
}

/// A page showing `hex` in a Type0 font with the predefined `encoding`, an Adobe-GB1
/// descendant and no ToUnicode.
fn predefined_cmap_page(encoding: &str, hex: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET");
    format!(
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n\
4 0 obj << /Length {} >> stream\n{content}\nendstream endobj\n\
5 0 obj << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} /DescendantFonts [6 0 R] >> endobj\n\
6 0 obj << /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >> endobj\n\
trailer << /Root 1 0 R >>\n",
        content.len()
    )
    .into_bytes()
}

#[test]
fn predefined_gb_cmaps_without_to_unicode_decode() {
    for (enc, hex) in [
        ("UniGB-UCS2-H", "4E2D56FD0031"),
        ("UniGB-UTF16-H", "4E2D56FD0031"),
        ("GBK-EUC-H", "D6D0B9FA31"),
        ("GB-EUC-H", "D6D0B9FA31"),
        // CIDs 4559 中, 1875 国, 18 1 of Adobe-GB1.
        ("Identity-H", "11CF07530012"),
    ] {
        let grid = nianbao::ingest::read(&predefined_cmap_page(enc, hex)).expect(enc);
        assert_eq!(grid.text().trim(), "中国1", "{enc}");
    }
}

#[test]
fn hostile_pdfs_are_refused_quickly() {
    let too_complex = |k: Option<InputErrorKind>| {
        matches!(
            k,
            Some(InputErrorKind::PdfTooComplex { .. }) | Some(InputErrorKind::PartTooLarge { .. })
        )
    };
    // Nesting: a million brackets in an object and in a content stream.
    let mut deep = b"%PDF-1.7\n1 0 obj\n".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 1_000_000));
    assert!(too_complex(within_a_second("deep object", &deep)));
    let deep_content = one_page(&vec![b'['; 1_000_000], true);
    assert!(too_complex(within_a_second("deep content", &deep_content)));
    // A Flate bomb: 200 MB of zeros in a few hundred KB.
    let bomb = one_page(&vec![b' '; 200 << 20], true);
    assert!(bomb.len() < 1 << 20);
    assert!(too_complex(within_a_second("flate bomb", &bomb)));
    // Operators: millions of q/Q pairs.
    let ops = one_page(&b"q Q ".repeat(3_000_000), true);
    assert!(too_complex(within_a_second("operators", &ops)));
    // Characters: one string of two million bytes.
    let mut big = b"BT /F1 1 Tf (".to_vec();
    big.extend(std::iter::repeat_n(b'a', 2_000_000));
    big.extend(b") Tj ET");
    assert!(too_complex(within_a_second(
        "characters",
        &one_page(&big, true)
    )));
    // Hatching: thousands of thin rules under thousands of characters is laid out by gaps.
    let mut hatch = Vec::new();
    for i in 0..6_000 {
        hatch.extend(format!("{} 0 0.5 800 re f\n", i % 595).as_bytes());
    }
    for i in 0..300 {
        hatch.extend(
            format!(
                "BT /F1 10 Tf 20 {} Td (0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9) Tj ET\n",
                20 + i * 2
            )
            .as_bytes(),
        );
    }
    assert_eq!(within_a_second("hatching", &one_page(&hatch, true)), None);
    // Pages: a page tree listing one page many times.
    let mut pages = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [".to_vec();
    pages.extend(b"3 0 R ".repeat(10_000));
    pages.extend(b"] >> endobj\n3 0 obj << /Type /Page >> endobj\ntrailer << /Root 1 0 R >>\n");
    assert!(too_complex(within_a_second("pages", &pages)));
    // A page tree that contains itself.
    let cycle = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [2 0 R] >> endobj\ntrailer << /Root 1 0 R >>\n";
    assert!(too_complex(within_a_second("cycle", cycle)));
    // Form XObjects drawing each other.
    let forms = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n\
3 0 obj << /Type /Page /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >> endobj\n\
4 0 obj << /Length 6 >> stream\n/X Do\nendstream endobj\n\
5 0 obj << /Subtype /Form /Length 6 /Resources << /XObject << /X 5 0 R >> >> >> stream\n/X Do\nendstream endobj\n\
trailer << /Root 1 0 R >>\n";
    assert_eq!(
        within_a_second("form cycle", forms),
        Some(InputErrorKind::ScannedPdf)
    );
}

#[test]
fn many_objects_are_refused_quickly() {
    let mut b = b"%PDF-1.7\n".to_vec();
    for i in 0..250_000u32 {
        b.extend(format!("{i} 0 obj 0 endobj\n").as_bytes());
    }
    let k = within_a_second("objects", &b);
    assert!(
        matches!(k, Some(InputErrorKind::PdfTooComplex { .. })),
        "{k:?}"
    );
}

#[test]
fn damaged_pdfs_never_panic() {
    for name in ["lo_s08_word_2021.pdf", "rl_x_pdf_layout_2021.pdf"] {
        let b = std::fs::read(dir("pdf").join(name)).expect("fixture");
        let step = (b.len() / 60).max(1);
        for cut in (0..b.len()).step_by(step) {
            let _ = nianbao::check_bytes(&b[..cut]);
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..60 {
            let mut m = b.clone();
            for _ in 0..8 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let i = (x % m.len() as u64) as usize;
                m[i] = (x >> 24) as u8;
            }
            let _ = nianbao::check_bytes(&m);
        }
    }
}
