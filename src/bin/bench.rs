//! `nianbao-bench`: throughput of `nianbao::check` over generated reports, and peak heap
//! for one ~1 MB input. Prints numbers; asserts nothing about time.
//!
//! ```text
//! cargo run --profile bench-native --features cli,synth --bin nianbao-bench
//! cargo run --release --features cli,synth --bin nianbao-bench -- --reports 2000 --seed 7
//! cargo run --profile bench-native --features cli,synth --bin nianbao-bench -- --docx-only
//! ```
//!
//! Throughput: `--reports` (default 1,200) reports from `synth::corpus`, both formats,
//! every shape in turn, each checked once per pass on one thread; the best of `--passes`
//! (default 3) passes is reported per shape and overall, in MB/s of input and reports/s.
//! PDF (`--pdf-only` runs only this): every text-layer PDF of `tests/fixtures/pdf/` (or
//! `--pdf-dir DIR`), read and checked `--passes` times; the best time per report, per
//! page and per MB, split into reading (PDF → grid) and the rest.
//! Memory: a counting global allocator records the peak of live heap bytes while checking
//! one long report (a generated report whose 总体情况 is padded with prose to 1 MiB, with
//! all three tables), as plain text and as a portal page.
//! DOCX: the files of `tests/fixtures/docx/` (python-docx output), each read (zip →
//! document.xml → grid) and checked many times, per report and per MB of file; and the
//! peak heap of reading one (`--docx-only` runs just this part).
//!
//! Growth (`--growth`, only that; `--growth-max BYTES` for a quick run, `--shape` for one
//! shape): every shape at 10 KB, 100 KB, 1 MB and 10 MB, grown four ways — prose padding,
//! whole reports repeated, 表三's rows repeated, the prose-padded report on one line —
//! with the time and peak heap of each point and the growth exponents (log-log slope from
//! 100 KB to the largest size) of both.

use nianbao::synth::{corpus, Shape, Synth};
use nianbao::{check, Format};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "shared/counting.rs"]
mod counting;
#[path = "shared/cpu.rs"]
mod cpu;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

struct Args {
    reports: usize,
    seed: u64,
    passes: usize,
    /// Only reports of this shape (by `Shape::name`), e.g. for a profiler.
    shape: Option<String>,
    /// Only the DOCX part.
    docx_only: bool,
    /// Only the PDF benchmark.
    pdf_only: bool,
    pdf_dir: std::path::PathBuf,
    /// Run only the growth test, up to this size (bytes).
    growth: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        reports: 1200,
        seed: 2024,
        passes: 3,
        shape: None,
        docx_only: false,
        pdf_only: false,
        pdf_dir: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf"),
        growth: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--reports" => {
                args.reports = value("--reports")?
                    .parse()
                    .map_err(|e| format!("--reports: {e}"))?
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--passes" => {
                args.passes = value("--passes")?
                    .parse()
                    .map_err(|e| format!("--passes: {e}"))?
            }
            "--shape" => args.shape = Some(value("--shape")?),
            "--docx-only" => args.docx_only = true,
            "--pdf-only" => args.pdf_only = true,
            "--pdf-dir" => args.pdf_dir = value("--pdf-dir")?.into(),
            "--growth" => args.growth = Some(10_000_000),
            "--growth-max" => {
                args.growth = Some(
                    value("--growth-max")?
                        .parse()
                        .map_err(|e| format!("--growth-max: {e}"))?,
                )
            }
            "-h" | "--help" => {
                println!(
                    "usage: nianbao-bench [--reports N] [--seed S] [--passes P] [--shape NAME] [--docx-only] [--pdf-only] [--pdf-dir DIR] [--growth] [--growth-max BYTES]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    args.passes = args.passes.max(1);
    Ok(args)
}

fn mb_per_s(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64().max(1e-9)
}

/// Peak heap above what was live before, while checking `text`; and the time it took.
fn peak_heap_of(text: &str) -> (usize, Duration) {
    let base = counting::reset_peak();
    let start = cpu::Stopwatch::start();
    let report = black_box(check(black_box(text)));
    let took = start.elapsed();
    let peak = counting::peak_since(base);
    drop(report);
    (peak, took)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("nianbao-bench: {e}");
            std::process::exit(2);
        }
    };
    if let Some(max) = args.growth {
        growth(args.seed, max, args.shape.as_deref());
        return;
    }
    let profile = if cfg!(debug_assertions) {
        "debug (numbers are not meaningful)"
    } else {
        "optimised"
    };
    if args.docx_only {
        println!(
            "nianbao-bench: DOCX only, best of {} passes, one thread, {profile}",
            args.passes
        );
        docx(args.passes);
        return;
    }
    println!(
        "nianbao-bench: {} generated reports, seed {}, best of {} passes, one thread ({}), {profile}",
        args.reports,
        args.seed,
        args.passes,
        cpu::what()
    );

    if args.pdf_only {
        bench_pdf(&args);
        return;
    }
    let mut reports = corpus(args.reports, args.seed);
    if let Some(only) = &args.shape {
        reports.retain(|(shape, _)| shape.name() == only);
        if reports.is_empty() {
            let names: Vec<&str> = Shape::ALL.iter().map(|s| s.name()).collect();
            eprintln!(
                "nianbao-bench: no shape {only}; shapes: {}",
                names.join(", ")
            );
            std::process::exit(2);
        }
    }
    let mut by_shape: BTreeMap<Shape, Vec<&str>> = BTreeMap::new();
    for (shape, text) in &reports {
        by_shape.entry(*shape).or_default().push(text);
    }

    // Warm up caches and any lazily built tables.
    for (_, text) in reports.iter().take(20) {
        black_box(check(text));
    }

    println!();
    println!(
        "{:<22} {:>8} {:>11} {:>10} {:>12}",
        "shape", "reports", "MB", "MB/s", "reports/s"
    );
    let mut total_bytes = 0;
    let mut total_reports = 0;
    let mut total_time = Duration::ZERO;
    let mut errors = 0;
    for (shape, texts) in &by_shape {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let mut best = Duration::MAX;
        for _ in 0..args.passes {
            let start = cpu::Stopwatch::start();
            for text in texts {
                let report = check(black_box(text));
                black_box(&report);
            }
            best = best.min(start.elapsed());
        }
        errors += texts.iter().filter(|t| check(t).summary.errors > 0).count();
        println!(
            "{:<22} {:>8} {:>11.2} {:>10.1} {:>12.0}",
            shape.name(),
            texts.len(),
            bytes as f64 / 1e6,
            mb_per_s(bytes, best),
            texts.len() as f64 / best.as_secs_f64().max(1e-9)
        );
        total_bytes += bytes;
        total_reports += texts.len();
        total_time += best;
    }
    println!(
        "{:<22} {:>8} {:>11.2} {:>10.1} {:>12.0}",
        "all",
        total_reports,
        total_bytes as f64 / 1e6,
        mb_per_s(total_bytes, total_time),
        total_reports as f64 / total_time.as_secs_f64().max(1e-9)
    );
    println!("(reports with an error-level finding: {errors} of {total_reports}; generated reports are consistent)");

    // Where the time goes: the three stages `check` runs, timed apart over the whole set
    // (mirrors `nianbao::check`: ingest::read_text, bind::bind, rules::check).
    let mut stages = [Duration::ZERO; 3];
    for (_, text) in &reports {
        let t0 = Instant::now();
        let grid = nianbao::ingest::read_text(black_box(text));
        let t1 = Instant::now();
        let (mut report, facts) = nianbao::bind::bind(&grid);
        let t2 = Instant::now();
        nianbao::rules::check(&mut report, &grid, &facts);
        let t3 = Instant::now();
        black_box(&report);
        stages[0] += t1 - t0;
        stages[1] += t2 - t1;
        stages[2] += t3 - t2;
    }
    let all: Duration = stages.iter().sum();
    println!();
    println!("time by stage (all reports, one pass):");
    for (name, t) in ["ingest (text/HTML → grid)", "bind (grid → tables)", "rules"]
        .iter()
        .zip(stages)
    {
        println!(
            "  {:<28} {:>8.1} ms  {:>5.1}%   {:>7.1} MB/s alone",
            name,
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / all.as_secs_f64().max(1e-9),
            mb_per_s(total_bytes, t)
        );
    }

    // The fixed cost of a call, apart from the bytes: a one-line input.
    let tiny = "某某市某某局2020年政府信息公开工作年度报告";
    let calls = 2000;
    let start = Instant::now();
    for _ in 0..calls {
        black_box(check(black_box(tiny)));
    }
    println!(
        "  fixed cost of one call (a one-line input): {:.1} µs",
        start.elapsed().as_secs_f64() * 1e6 / calls as f64
    );

    println!();
    println!("peak heap while checking one ~1 MB input (a generated report, 总体情况 padded with prose to 1 MiB):");
    let long = Synth::generate(args.seed, Format::F2021);
    for shape in [Shape::InlinePipes, Shape::Html] {
        let text = long.render_padded(shape, 1 << 20);
        let (peak, took) = peak_heap_of(&text);
        println!(
            "  {:<14} input {:>9} bytes   peak heap {:>10} bytes ({:.1}x input)   {:.1} ms, {:.1} MB/s",
            shape.name(),
            text.len(),
            peak,
            peak as f64 / text.len() as f64,
            took.as_secs_f64() * 1e3,
            mb_per_s(text.len(), took)
        );
    }
    docx(args.passes);
    bench_pdf(&args);
}

/// The DOCX fixtures: read time (bytes → grid) and check time (bytes → report) per
/// report and per MB of file, and the peak heap of reading the largest.
fn docx(passes: usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|it| {
            it.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "docx"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    println!();
    if files.is_empty() {
        println!("DOCX: no fixtures in {}", dir.display());
        return;
    }
    const CALLS: u32 = 40;
    println!(
        "DOCX ({} files of tests/fixtures/docx, {CALLS} calls each, best of {passes}):",
        files.len()
    );
    println!(
        "  {:<32} {:>7} {:>10} {:>10} {:>10} {:>10}",
        "file", "KB", "read ms", "read MB/s", "check ms", "check MB/s"
    );
    let time = |f: &dyn Fn()| -> Duration {
        let mut best = Duration::MAX;
        for _ in 0..passes {
            let start = Instant::now();
            for _ in 0..CALLS {
                f();
            }
            best = best.min(start.elapsed() / CALLS);
        }
        best
    };
    let (mut bytes, mut read_all, mut check_all) = (0usize, Duration::ZERO, Duration::ZERO);
    for (name, data) in &files {
        let read = time(&|| {
            black_box(nianbao::ingest::read(black_box(data)).ok());
        });
        let checked = time(&|| {
            black_box(nianbao::check_bytes(black_box(data)).ok());
        });
        println!(
            "  {:<32} {:>7.1} {:>10.3} {:>10.1} {:>10.3} {:>10.1}",
            name,
            data.len() as f64 / 1024.0,
            read.as_secs_f64() * 1e3,
            mb_per_s(data.len(), read),
            checked.as_secs_f64() * 1e3,
            mb_per_s(data.len(), checked)
        );
        bytes += data.len();
        read_all += read;
        check_all += checked;
    }
    let n = files.len() as u32;
    println!(
        "  {:<32} {:>7.1} {:>10.3} {:>10.1} {:>10.3} {:>10.1}",
        "mean per report",
        bytes as f64 / 1024.0 / f64::from(n),
        read_all.as_secs_f64() * 1e3 / f64::from(n),
        mb_per_s(bytes, read_all),
        check_all.as_secs_f64() * 1e3 / f64::from(n),
        mb_per_s(bytes, check_all)
    );
    let mb = bytes as f64 / 1e6;
    println!(
        "  per MB of .docx: read {:.1} ms, check {:.1} ms",
        read_all.as_secs_f64() * 1e3 / mb,
        check_all.as_secs_f64() * 1e3 / mb
    );
    if let Some((name, data)) = files.iter().max_by_key(|(_, d)| d.len()) {
        let base = counting::reset_peak();
        let grid = black_box(nianbao::ingest::read(black_box(data)).ok());
        let peak = counting::peak_since(base);
        let text = grid.map(|g| g.text().len()).unwrap_or(0);
        println!(
            "  peak heap reading {name}: {peak} bytes ({:.1}x the file, derived text {text} bytes)",
            peak as f64 / data.len() as f64
        );
    }
}

/// Read and check every text-layer PDF of the fixture directory.
fn bench_pdf(args: &Args) {
    let mut files: Vec<(String, Vec<u8>)> = match std::fs::read_dir(&args.pdf_dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .filter_map(|p| {
                let name = p.file_name()?.to_string_lossy().into_owned();
                Some((name, std::fs::read(&p).ok()?))
            })
            .collect(),
        Err(e) => {
            eprintln!("nianbao-bench: {}: {e}", args.pdf_dir.display());
            return;
        }
    };
    files.sort();
    println!();
    println!(
        "PDF ({}, best of {} passes):",
        args.pdf_dir.display(),
        args.passes
    );
    println!(
        "  {:<40} {:>8} {:>6} {:>10} {:>10} {:>10} {:>8}",
        "file", "KB", "pages", "read ms", "+check ms", "ms/page", "MB/s"
    );
    let (mut all_bytes, mut all_time, mut all_pages, mut n) = (0usize, Duration::ZERO, 0usize, 0);
    let mut all_read = Duration::ZERO;
    for (name, bytes) in &files {
        let pages = nianbao::ingest::pdf::pages(bytes).map(|p| p.len());
        let Ok(pages) = pages else {
            println!(
                "  {name:<40} not read: {}",
                pages.err().map(|e| e.to_string()).unwrap_or_default()
            );
            continue;
        };
        let (mut read_best, mut all_best) = (Duration::MAX, Duration::MAX);
        for _ in 0..args.passes {
            let t0 = Instant::now();
            let grid = nianbao::ingest::read(black_box(bytes));
            let t1 = Instant::now();
            if let Ok(grid) = grid {
                black_box(nianbao::check_grid(&grid));
            }
            let t2 = Instant::now();
            read_best = read_best.min(t1 - t0);
            all_best = all_best.min(t2 - t0);
        }
        println!(
            "  {:<40} {:>8.1} {:>6} {:>10.2} {:>10.2} {:>10.2} {:>8.1}",
            name,
            bytes.len() as f64 / 1024.0,
            pages,
            read_best.as_secs_f64() * 1e3,
            all_best.as_secs_f64() * 1e3,
            all_best.as_secs_f64() * 1e3 / pages.max(1) as f64,
            mb_per_s(bytes.len(), all_best)
        );
        all_bytes += bytes.len();
        all_time += all_best;
        all_read += read_best;
        all_pages += pages;
        n += 1;
    }
    println!(
        "  all {n} PDFs: {:.1} ms per report, {:.2} ms per page, {:.1} MB/s (read and checked)",
        all_time.as_secs_f64() * 1e3 / n.max(1) as f64,
        all_time.as_secs_f64() * 1e3 / all_pages.max(1) as f64,
        mb_per_s(all_bytes, all_time)
    );
    let mb = all_bytes as f64 / 1e6;
    println!(
        "  reading alone (PDF → grid): {:.2} ms per report, {:.1} ms per MB of PDF; read and checked {:.1} ms per MB",
        all_read.as_secs_f64() * 1e3 / n.max(1) as f64,
        all_read.as_secs_f64() * 1e3 / mb.max(1e-9),
        all_time.as_secs_f64() * 1e3 / mb.max(1e-9)
    );
}

/// The ways a report is grown to a size.
#[derive(Clone, Copy)]
enum Grow {
    Prose,
    Reports,
    Rows,
    OneLine,
}

impl Grow {
    const ALL: [Grow; 4] = [Grow::Prose, Grow::Reports, Grow::Rows, Grow::OneLine];
    fn name(self) -> &'static str {
        match self {
            Grow::Prose => "prose",
            Grow::Reports => "reports",
            Grow::Rows => "rows",
            Grow::OneLine => "one-line",
        }
    }
}

/// The report grown to at least `size` bytes.
fn grown(s: &Synth, shape: Shape, how: Grow, size: usize) -> String {
    match how {
        Grow::Prose => s.render_padded(shape, size),
        Grow::OneLine => s.render_padded(shape, size).replace(['\r', '\n'], " "),
        Grow::Reports => {
            let one = s.render(shape);
            let mut out = String::with_capacity(size + one.len());
            while out.len() < size {
                out.push_str(&one);
                out.push('\n');
            }
            out
        }
        Grow::Rows => {
            let one = s.render(shape);
            let (a, b) = table_three_rows(&one, shape);
            let rows = &one[a..b];
            let mut out = String::with_capacity(size + one.len());
            out.push_str(&one[..b]);
            while out.len() + (one.len() - b) < size && !rows.is_empty() {
                out.push_str(rows);
            }
            out.push_str(&one[b..]);
            out
        }
    }
}

/// The byte range of 表三's rows from 本年新收 to 结转下年度 (whole lines, or whole `<tr>`
/// elements in HTML); the middle third of the text when they are not found.
fn table_three_rows(text: &str, shape: Shape) -> (usize, usize) {
    let html = matches!(shape, Shape::Html | Shape::WordHtml);
    let first = text.find("本年新收");
    let last = first.and_then(|f| {
        ["结转下年度", "結轉下年度"]
            .iter()
            .filter_map(|w| text[f..].find(w).map(|p| f + p))
            .min()
    });
    let (Some(f), Some(l)) = (first, last) else {
        let n = text.len();
        let a = text[..n / 3].rfind('\n').map_or(0, |i| i + 1);
        let b = text[..2 * n / 3].rfind('\n').map_or(n, |i| i + 1);
        return (a, b.max(a));
    };
    if html {
        let a = text[..f].rfind("<tr").unwrap_or(f);
        let b = text[l..].find("</tr>").map_or(text.len(), |p| l + p + 5);
        (a, b)
    } else {
        let a = text[..f].rfind('\n').map_or(0, |i| i + 1);
        let b = text[l..].find('\n').map_or(text.len(), |p| l + p + 1);
        (a, b)
    }
}

fn slope(x0: f64, y0: f64, x1: f64, y1: f64) -> f64 {
    (y1.max(1e-9) / y0.max(1e-9)).ln() / (x1 / x0).ln()
}

fn growth(seed: u64, max: usize, only: Option<&str>) {
    let sizes: Vec<usize> = [10_000, 100_000, 1_000_000, 10_000_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect();
    println!(
        "growth: {} (best of 3) and peak heap per size; exponents are log-log slopes from 100 KB to {} KB",
        cpu::what(),
        sizes.last().copied().unwrap_or(0) / 1000
    );
    println!(
        "{:<21} {:<9} {}  {:>6} {:>6} {:>9}",
        "shape",
        "grown by",
        sizes
            .iter()
            .map(|n| format!("{:>19}", format!("{} KB ms / peak×", n / 1000)))
            .collect::<Vec<_>>()
            .join(" "),
        "exp t",
        "exp m",
        "MB/s max"
    );
    let s = Synth::generate(seed, Format::F2021);
    let (mut worst_t, mut worst_m, mut worst_x) = (0f64, 0f64, 0f64);
    let shapes = Shape::ALL.iter().chain(Shape::EXTRA.iter());
    for &shape in shapes.filter(|sh| only.is_none_or(|o| o == sh.name())) {
        for how in Grow::ALL {
            let mut points = Vec::new();
            for &size in &sizes {
                let text = grown(&s, shape, how, size);
                // Best of 3 at every size: one timing of the 10 MB point alone swung the
                // exponents by ±0.1 on a shared machine.
                let (mut best, mut peak) = (Duration::MAX, 0);
                for _ in 0..3 {
                    let (p, t) = peak_heap_of(&text);
                    best = best.min(t);
                    peak = peak.max(p);
                }
                points.push((text.len() as f64, best.as_secs_f64(), peak as f64));
            }
            let cells: Vec<String> = points
                .iter()
                .map(|&(n, t, p)| format!("{:>19}", format!("{:.1} / {:.1}", t * 1e3, p / n)))
                .collect();
            let (et, em) = match (points.get(1), points.last()) {
                (Some(a), Some(b)) if points.len() > 2 => {
                    (slope(a.0, a.1, b.0, b.1), slope(a.0, a.2, b.0, b.2))
                }
                _ => (f64::NAN, f64::NAN),
            };
            let last = points.last().copied().unwrap_or((1.0, 1.0, 0.0));
            if et.is_finite() {
                worst_t = worst_t.max(et);
                worst_m = worst_m.max(em);
            }
            worst_x = worst_x.max(last.2 / last.0);
            println!(
                "{:<21} {:<9} {}  {:>6.2} {:>6.2} {:>9.1}",
                shape.name(),
                how.name(),
                cells.join(" "),
                et,
                em,
                last.0 / 1e6 / last.1.max(1e-9)
            );
        }
    }
    println!(
        "worst: time exponent {worst_t:.2}, memory exponent {worst_m:.2}, peak heap {worst_x:.1}x input at the largest size"
    );
}
