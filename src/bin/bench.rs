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

use nianbao::synth::{corpus, Shape, Synth};
use nianbao::{check, Format};
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The system allocator, counting live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn grew(by: usize) {
        let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
    fn shrank(by: usize) {
        LIVE.fetch_sub(by, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            Counting::grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            Counting::grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        Counting::shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                Counting::grew(new_size - layout.size());
            } else {
                Counting::shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
            "-h" | "--help" => {
                println!(
                    "usage: nianbao-bench [--reports N] [--seed S] [--passes P] [--shape NAME] [--docx-only] [--pdf-only] [--pdf-dir DIR]"
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
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let report = black_box(check(black_box(text)));
    let took = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
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
        "nianbao-bench: {} generated reports, seed {}, best of {} passes, one thread, {profile}",
        args.reports, args.seed, args.passes
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
            let start = Instant::now();
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
    if let Some((name, data)) = files.iter().max_by_key(|(_, d)| d.len()) {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let grid = black_box(nianbao::ingest::read(black_box(data)).ok());
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        let text = grid.map(|g| g.text.len()).unwrap_or(0);
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
        "file", "KB", "pages", "read ms", "check ms", "ms/page", "MB/s"
    );
    let (mut all_bytes, mut all_time, mut all_pages, mut n) = (0usize, Duration::ZERO, 0usize, 0);
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
        all_pages += pages;
        n += 1;
    }
    println!(
        "  all {n} PDFs: {:.1} ms per report, {:.2} ms per page, {:.1} MB/s",
        all_time.as_secs_f64() * 1e3 / n.max(1) as f64,
        all_time.as_secs_f64() * 1e3 / all_pages.max(1) as f64,
        mb_per_s(all_bytes, all_time)
    );
}
