//! The command line as a user runs it: exit status 0 / 1 / 2, `--json` exactly the
//! report object (an array for several files), stdin, compiler-style text with
//! `file:line:col`, and SVG charts.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/seed.rs"]
mod seed;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn report(seed: u64, format: nianbao::Format) -> nianbao::synth::Synth {
    nianbao::synth::Synth::generate(seed, format)
}

#[test]
fn exit_status_follows_the_findings() {
    let clean = report(3, nianbao::Format::F2021).render(nianbao::synth::Shape::InlinePipes);
    let broken = report(3, nianbao::Format::F2021)
        .with_cell((nianbao::TableId::Disputes, "review", "total"), 999)
        .render(nianbao::synth::Shape::InlinePipes);
    let ok = bin()
        .args([
            "check",
            tmp("clean.txt", clean.as_bytes())
                .to_str()
                .unwrap_or_default(),
        ])
        .output()
        .expect("run");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let bad = bin()
        .args([
            "check",
            tmp("broken.txt", broken.as_bytes())
                .to_str()
                .unwrap_or_default(),
        ])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("error[T4-TOTAL]"), "{text}");
    assert!(
        text.contains("broken.txt:"),
        "file:line:col location: {text}"
    );
    let png = bin()
        .args([
            "check",
            tmp("x.png", b"\x89PNG\r\n\x1a\n....")
                .to_str()
                .unwrap_or_default(),
        ])
        .output()
        .expect("run");
    assert_eq!(png.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&png.stderr).contains("图片"));
    let none = bin()
        .args(["check", "/nonexistent/report.txt"])
        .output()
        .expect("run");
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("文件不存在"));
}

#[test]
fn json_is_the_report_object_or_an_array() {
    let a = report(5, nianbao::Format::F2019).render(nianbao::synth::Shape::Tabs);
    let b = report(6, nianbao::Format::F2021).render(nianbao::synth::Shape::Html);
    let pa = tmp("a.txt", a.as_bytes());
    let pb = tmp("b.html", b.as_bytes());
    let one = bin()
        .args(["check", "--json", pa.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).expect("JSON");
    assert_eq!(v["format"], "2019");
    assert!(v["tables"]["applications"]["new_received"]["total"]["state"] == "number");
    let expected = serde_json::to_value(nianbao::check(&a)).expect("value");
    assert_eq!(v, expected, "--json prints exactly the report");
    let two = bin()
        .args([
            "check",
            "--json",
            pa.to_str().unwrap_or_default(),
            pb.to_str().unwrap_or_default(),
        ])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&two.stdout).expect("JSON");
    assert_eq!(v.as_array().map(|a| a.len()), Some(2));
    assert_eq!(v[1]["format"], "2021");
}

#[test]
fn checks_a_docx_file() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx");
    // The real report from the corpus, written as a Word file for this test.
    let Some(docx) = seed::seed_docx() else {
        return;
    };
    let seed = tmp("seed-2020-linyi-police.docx", &docx);
    let out = bin()
        .args(["check", "--no-color", seed.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("error[").count(), 5, "{text}");
    assert!(text.contains("seed-2020-linyi-police.docx:"), "{text}");
    let clean = dir.join("f2019-plain.docx");
    let out = bin()
        .args(["check", "--json", clean.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["input"], "docx");
    assert_eq!(v["summary"]["errors"], 0);
    // A damaged .docx: exit 2 and the Chinese message.
    let bytes = std::fs::read(&clean).expect("fixture");
    let cut = tmp("cut.docx", &bytes[..bytes.len() / 2]);
    let out = bin()
        .args(["check", cut.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("损坏"));
}

#[test]
fn reads_standard_input() {
    let text = report(8, nianbao::Format::F2021).render(nianbao::synth::Shape::Markdown);
    let mut child = bin()
        .args(["check", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn cross_year_carry_between_files() {
    let prev = report(9, nianbao::Format::F2021);
    let mut cur = report(10, nianbao::Format::F2021);
    cur.agency = prev.agency.clone();
    cur.year = prev.year + 1;
    let p = tmp(
        "prev.txt",
        prev.render(nianbao::synth::Shape::InlinePipes).as_bytes(),
    );
    let c = tmp(
        "cur.txt",
        cur.render(nianbao::synth::Shape::InlinePipes).as_bytes(),
    );
    let out = bin()
        .args([
            "check",
            "--json",
            p.to_str().unwrap_or_default(),
            c.to_str().unwrap_or_default(),
        ])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let prev_fwd = prev
        .get(nianbao::TableId::Applications, "carried_forward", "total")
        .and_then(|x| x.value());
    let cur_over = cur
        .get(nianbao::TableId::Applications, "carried_over", "total")
        .and_then(|x| x.value());
    let flagged = v[1]["diagnostics"]
        .as_array()
        .map(|d| d.iter().any(|d| d["code"] == "CROSS-YEAR-CARRY"))
        .unwrap_or(false);
    assert_eq!(
        flagged,
        prev_fwd != cur_over,
        "flag exactly when the carry differs"
    );
}

#[test]
fn chart_writes_svg() {
    let text = report(11, nianbao::Format::F2021).render(nianbao::synth::Shape::InlinePipes);
    let p = tmp("chart.txt", text.as_bytes());
    let out_path = p.with_extension("svg");
    let out = bin()
        .args([
            "chart",
            p.to_str().unwrap_or_default(),
            "--svg",
            out_path.to_str().unwrap_or_default(),
            "--kind",
            "outcomes",
        ])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(&out_path).expect("svg written");
    assert!(
        svg.starts_with("<svg") && svg.contains("予以公开"),
        "{}",
        &svg[..svg.len().min(200)]
    );
}

fn dir_with(name: &str, files: &[(&str, Vec<u8>)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
    for (f, bytes) in files {
        std::fs::write(dir.join(f), bytes).expect("write");
    }
    dir
}

#[test]
fn csv_of_a_directory_has_one_row_per_report_and_round_trips_every_cell() {
    use nianbao::synth::Shape;
    let a = report(21, nianbao::Format::F2021);
    let b = report(22, nianbao::Format::F2019);
    let c = report(23, nianbao::Format::F2021);
    let dir = dir_with(
        "csv",
        &[
            ("a.txt", a.render(Shape::InlinePipes).into_bytes()),
            ("b.html", b.render(Shape::Html).into_bytes()),
            ("sub/c.txt", c.render(Shape::Tabs).into_bytes()),
            ("notes.md", b"not a report file type".to_vec()),
        ],
    );
    let out = bin()
        .args(["check", "--csv", dir.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with('\u{FEFF}'), "a BOM for Excel");
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3, "one row per report, the .md file not taken");
    for (synth, file) in [(&a, "a.txt"), (&b, "b.html"), (&c, "c.txt")] {
        let row = rows
            .iter()
            .find(|r| r.get(0).is_some_and(|f| f.ends_with(file)))
            .unwrap_or_else(|| panic!("{file} has a row"));
        for (t, r, col) in nianbao::schema::cell_keys(synth.format) {
            let at = header
                .iter()
                .position(|h| *h == format!("{}.{r}.{col}", t.key()))
                .unwrap_or_else(|| panic!("column {r}.{col}"));
            let want = synth
                .get(t, r, col)
                .and_then(|v| v.value())
                .map(nianbao::value::format_number)
                .unwrap_or_default();
            assert_eq!(row.get(at), Some(want.as_str()), "{file} {t:?}.{r}.{col}");
        }
    }
}

#[test]
fn previous_flags_exactly_the_broken_columns_and_a_batch_goes_on_past_an_unreadable_file() {
    use nianbao::synth::Shape;
    let prev = report(31, nianbao::Format::F2021);
    let mut cur = report(32, nianbao::Format::F2021);
    cur.year = prev.year + 1;
    cur.agency = prev.agency.clone();
    for col in nianbao::schema::APPLICANT_COLUMNS.iter().map(|c| c.key) {
        let v = prev
            .get(nianbao::TableId::Applications, "carried_forward", col)
            .and_then(|v| v.value())
            .unwrap_or(0.0) as i64;
        let bump = if col == "commercial" || col == "total" {
            1
        } else {
            0
        };
        cur = cur.with_cell(
            (nianbao::TableId::Applications, "carried_over", col),
            v + bump,
        );
    }
    let p = tmp("prev.txt", prev.render(Shape::InlinePipes).as_bytes());
    let c = tmp("cur.txt", cur.render(Shape::InlinePipes).as_bytes());
    let out = bin()
        .args([
            "check",
            "--json",
            "--previous",
            p.to_str().unwrap_or_default(),
            c.to_str().unwrap_or_default(),
        ])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let cols: Vec<&str> = v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["code"] == "CROSS-YEAR-CARRY")
                .filter_map(|d| d["cells"][0]["col"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(cols, ["commercial", "total"]);
    // A batch with an unreadable file: the others are checked and summarised; exit 2.
    let dir = dir_with(
        "batch",
        &[
            ("a.txt", prev.render(Shape::Markdown).into_bytes()),
            ("b.html", b"\x89PNG\r\n\x1a\n\0\0\0".to_vec()),
            ("c.txt", cur.render(Shape::Tabs).into_bytes()),
        ],
    );
    let out = bin()
        .args(["check", "--no-color", dir.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("汇总（2 份报告）"), "{text}");
    assert!(text.contains("1 份无法读取"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("图片"));
    // Within the batch the two years pair by agency and year.
    assert!(text.contains("CROSS-YEAR-CARRY"), "{text}");
}

#[cfg(feature = "pdf")]
#[test]
fn check_reads_a_pdf_and_says_why_a_scan_cannot_be_read() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    // The real report from the corpus, printed to PDF by Chromium for this test.
    let Some(seed) = seed::seed_pdf(&seed::tmp("cli")) else {
        return;
    };
    let out = bin()
        .args(["check", "--json", seed.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "the seed has errors");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["input"], "pdf");
    assert_eq!(v["summary"]["errors"], 5);
    // The compiler-style text points into the layout text of the PDF.
    let text = bin()
        .args(["check", "--no-color", seed.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("seed-2020-linyi-police.pdf:"), "{stdout}");
    let scan = dir.join("scanned.pdf");
    let out = bin()
        .args(["check", scan.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("扫描件"));
}
