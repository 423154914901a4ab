//! The command line as a user runs it: exit status 0 / 1 / 2, `--json` exactly the
//! report object (an array for several files), stdin, compiler-style text with
//! `file:line:col`, and SVG charts.
#![cfg(not(target_arch = "wasm32"))]

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

#[cfg(feature = "pdf")]
#[test]
fn check_reads_a_pdf_and_says_why_a_scan_cannot_be_read() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let seed = dir.join("lo_seed_2020_linyi_police.pdf");
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
    assert!(
        stdout.contains("lo_seed_2020_linyi_police.pdf:"),
        "{stdout}"
    );
    let scan = dir.join("scanned.pdf");
    let out = bin()
        .args(["check", scan.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("扫描件"));
}
