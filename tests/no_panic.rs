//! Parsing never fails, and never panics (a panic kills the WASM module and the page with
//! it): `check_bytes` on every byte-prefix of each fixture (cutting UTF-8 sequences, tags,
//! rows and numbers anywhere) and `check` on every prefix cut at a char boundary, then on
//! seeded random corruptions. Fixtures: generated reports in several shapes and both
//! formats, and every file of `../shared/corpus/dev/` when it is present.
//!
//! The work is bounded by the number of calls, not by time: a debug build checks about
//! 1.5 MB/s with a fixed cost near 1 ms a call, so each fixture gets about `PREFIX_CALLS`
//! cuts at an odd stride (cuts still land inside multi-byte characters and tags), and a
//! few seconds cover everything. `NIANBAO_NO_PANIC_FULL=1` cuts at every byte instead:
//! `NIANBAO_NO_PANIC_FULL=1 cargo test --release --test no_panic` (about a minute).

// proptest, the file system and unwinding are native-only.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::synth::{Rng, Shape, Synth};
use nianbao::{check, check_bytes, Format};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

/// Prefix cuts per fixture (unless `NIANBAO_NO_PANIC_FULL` is set).
const PREFIX_CALLS: usize = 100;
/// Bytes of corrupted input per fixture: many mutants of a small file, a few of a large one.
const MUTANT_BYTES: usize = 120_000;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (seed, format, shape) in [
        (1, Format::F2019, Shape::CellPerLinePipes),
        (2, Format::F2021, Shape::WordHtml),
        (3, Format::F2021, Shape::BlankLineCells),
        (4, Format::F2019, Shape::InlinePipes),
        (7, Format::F2021, Shape::PdfText),
    ] {
        let text = Synth::generate(seed, format).render(shape);
        out.push((
            format!("synth seed {seed} {format:?} {shape}"),
            text.into_bytes(),
        ));
    }
    // Encoded files: GBK (cut inside two-byte characters) and UTF-16 with a BOM.
    let text = Synth::generate(8, Format::F2019).render(Shape::CellPerLinePipes);
    #[cfg(feature = "encoding")]
    out.push((
        "synth seed 8 F2019 cell-per-line-pipes in GBK".to_string(),
        encoding_rs::GBK.encode(&text).0.into_owned(),
    ));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    out.push((
        "synth seed 8 F2019 cell-per-line-pipes in UTF-16LE".to_string(),
        utf16,
    ));
    let blanks = Synth::generate(5, Format::F2021)
        .with_blanks(5)
        .render(Shape::PipeSeparatorLines);
    out.push((
        "synth seed 5 F2021 pipe-separator-lines with blanks".to_string(),
        blanks.into_bytes(),
    ));
    out.extend(corpus_files());
    out
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev")
}

fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "note: {} not found; corpus files skipped (only generated fixtures run)",
            dir.display()
        );
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, std::fs::read(&p).ok()?))
        })
        .collect();
    files.sort();
    files
}

/// Runs `f`, turning a panic into an error that names the input.
fn no_panic(what: impl Fn() -> String, f: impl FnOnce()) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("panic on {}: {msg}", what())
    })
}

/// Both entry points, and the JSON export of what they return.
fn check_all(bytes: &[u8]) {
    check_as_bytes(bytes);
    check_as_text(bytes);
}

fn check_as_bytes(bytes: &[u8]) {
    if let Ok((_, report)) = check_bytes(bytes) {
        let _ = serde_json::to_string(&report);
    }
}

/// `check` on the text, when the bytes are UTF-8 (a prefix cut at a char boundary).
fn check_as_text(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let _ = serde_json::to_string(&check(text));
            true
        }
        Err(_) => false,
    }
}

/// Distance between prefix cuts for a fixture of `len` bytes: odd, so cuts fall at every
/// offset within a multi-byte character; 1 in full mode.
fn stride(len: usize) -> usize {
    if std::env::var_os("NIANBAO_NO_PANIC_FULL").is_some() {
        return 1;
    }
    let s = (len / PREFIX_CALLS).max(1);
    if s > 1 && s % 2 == 0 {
        s + 1
    } else {
        s
    }
}

#[test]
fn no_panic_on_any_prefix() {
    let mut failures = Vec::new();
    for (name, bytes) in fixtures() {
        let step = stride(bytes.len());
        let mut cut = 0;
        while cut <= bytes.len() {
            let prefix = &bytes[..cut];
            // Alternate the entry points (check_bytes decodes and calls check, so running
            // both on one cut would only repeat the work): check takes the odd cuts that
            // fall on char boundaries, check_bytes all others.
            let as_text = (cut / step) % 2 == 1;
            let r = no_panic(
                || format!("{name}, first {cut} bytes"),
                || {
                    if !(as_text && check_as_text(prefix)) {
                        check_as_bytes(prefix);
                    }
                },
            );
            if let Err(e) = r {
                failures.push(e);
                break;
            }
            cut += step;
        }
        // The whole file, whatever the stride.
        if let Err(e) = no_panic(|| format!("{name}, whole"), || check_all(&bytes)) {
            failures.push(e);
        }
        eprintln!(
            "{name}: {} bytes, prefixes every {step} byte(s)",
            bytes.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Bytes that change structure when dropped into a report.
const NASTY: &[&[u8]] = &[
    b"|",
    b"||||",
    b"\n",
    b"\n\n\n",
    b"\t",
    b"<",
    b">",
    b"<td>",
    b"</td>",
    b"<tr>",
    b"</table>",
    b"<td colspan=\"99999\">",
    b"<td rowspan=\"4294967296\">",
    b"&",
    b"&#xFFFFFFFF;",
    b"&nbsp;",
    b"-",
    b"+",
    b",",
    b".",
    b"9999999999999999999999",
    b"\xEF\xBC\x91", // １
    b"\xE3\x80\x80", // ideographic space
    b"\xC0",
    b"\xFF\xFE",
    b"\xEF\xBB\xBF",
    b"\x00",
    b"\r",
    "（七）总计".as_bytes(),
    "一、本年新收政府信息公开申请数量".as_bytes(),
    "第二十条第（一）项".as_bytes(),
    "行政复议".as_bytes(),
    "總計".as_bytes(),
];

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..rng.range(1, 8) {
        let at = rng.below(out.len() as u64 + 1) as usize;
        match rng.below(5) {
            // Flip one bit.
            0 if at < out.len() => out[at] ^= 1 << rng.below(8),
            // A random byte.
            1 if at < out.len() => out[at] = rng.below(256) as u8,
            // Delete a run.
            2 => {
                let end = (at + rng.below(64) as usize).min(out.len());
                out.drain(at..end);
            }
            // Duplicate a run (repeated rows, tables).
            3 => {
                let end = (at + rng.below(400) as usize).min(out.len());
                let run = out[at..end].to_vec();
                out.splice(at..at, run);
            }
            _ => {
                let nasty = rng.pick(NASTY).copied().unwrap_or(b"|");
                out.splice(at..at, nasty.iter().copied());
            }
        }
    }
    out
}

#[test]
fn no_panic_on_random_corruption() {
    let mut failures = Vec::new();
    let mut rng = Rng::new(0x5EED_F11B);
    for (name, bytes) in fixtures() {
        let mutants = (MUTANT_BYTES / bytes.len().max(1)).clamp(4, 24);
        for i in 0..mutants {
            let mutant = mutate(&mut rng, &bytes);
            if let Err(e) = no_panic(|| format!("{name}, mutant {i}"), || check_all(&mutant)) {
                // Keep the input so the failure can be replayed.
                let path = std::env::temp_dir().join(format!("nianbao-no-panic-{i}.bin"));
                let _ = std::fs::write(&path, &mutant);
                failures.push(format!("{e} (input saved to {})", path.display()));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_panic_on_degenerate_inputs() {
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b" ".to_vec(),
        b"\n\n\n".to_vec(),
        b"|".repeat(10_000),
        b"<table>".repeat(2_000),
        b"<td rowspan=65535 colspan=65535>1</td>".to_vec(),
        b"<table><tr><td colspan=\"1000000\">1</td></tr></table>".to_vec(),
        "（七）总计 | 1 |\n".repeat(500).into_bytes(),
        "1\n\n".repeat(3_000).into_bytes(),
        vec![0xFF; 512],
        vec![0xFE, 0xFF, 0x00, 0x31],
        vec![0xFF, 0xFE, 0x31, 0x00, 0x00],
        b"\xEF\xBB\xBF".to_vec(),
    ];
    // A report cut into a single line, and one with every newline doubled.
    let s = Synth::generate(6, Format::F2021).render(Shape::InlinePipes);
    cases.push(s.replace('\n', " ").into_bytes());
    cases.push(s.replace('\n', "\n\n").into_bytes());
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if let Err(e) = no_panic(|| format!("degenerate case {i}"), || check_all(case)) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
