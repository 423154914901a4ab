//! `nianbao-fuzz`: a structure-aware fuzzer on stable Rust (the mutators and the calls of
//! every entry point are `nianbao::fuzz`, shared with the test command's short pass).
//! Flags three kinds of finding and saves each input to `fuzz/findings/`:
//!
//! - **panic**: caught with `catch_unwind` (build with unwinding: `--profile bench-native`);
//! - **slow**: more than 1 ms per KB of input plus a fixed 20 ms for the charts and the
//!   call's fixed cost (100 ms per 100 KB), in the thread's CPU time (the machine is
//!   shared: wall time would count the neighbours), the best of three timings;
//! - **memory**: peak live heap during the input above 32× its size, plus 512 bytes per
//!   cell the source wrote (a grid cell and its binding item cost about 200 bytes, so an
//!   input of one-byte cells, `1\n1\n…`, is allowed its cells), plus 1 MiB. Span copies
//!   are not counted: cells the input did not write are amplification.
//!
//! ```text
//! cargo run --profile bench-native --bin nianbao-fuzz -- --execs 1000000 --seed 1
//! # the same run on two cores: disjoint input ranges of one seed
//! nianbao-fuzz --seed 1 --execs 500000 & nianbao-fuzz --seed 1 --from 500000 --execs 500000
//! cargo run --profile bench-native --bin nianbao-fuzz -- --seed 1 --only 4711   # one input again
//! cargo run --profile bench-native --bin nianbao-fuzz -- --replay fuzz/findings/FILE
//! ```

#[path = "shared/counting.rs"]
mod counting;
#[path = "shared/cpu.rs"]
mod cpu;

use nianbao::fuzz::{exercise, partner, synth_seeds, Seeds};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Time allowed for an input: 1 ms per KB, plus this.
const FIXED_MS: f64 = 20.0;
/// Heap allowed for an input: this many times its size, plus `MEM_FIXED`.
const MEM_FACTOR: usize = 32;
const MEM_FIXED: usize = 1 << 20;
const MEM_PER_CELL: usize = 512;

static PANIC_AT: Mutex<String> = Mutex::new(String::new());

struct Args {
    seed: u64,
    execs: u64,
    /// First input index: inputs depend on (seed, index) alone, so processes given
    /// disjoint ranges of one seed together make one run (one per core).
    from: u64,
    seconds: Option<f64>,
    only: Option<u64>,
    replay: Vec<PathBuf>,
    findings: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        seed: 1,
        execs: 100_000,
        from: 0,
        seconds: None,
        only: None,
        replay: Vec::new(),
        findings: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/findings"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        let num = |s: String, name: &str| s.parse::<u64>().map_err(|e| format!("{name}: {e}"));
        match flag.as_str() {
            "--seed" => a.seed = num(value("--seed")?, "--seed")?,
            "--execs" => a.execs = num(value("--execs")?, "--execs")?,
            "--from" => a.from = num(value("--from")?, "--from")?,
            "--seconds" => {
                a.seconds = Some(
                    value("--seconds")?
                        .parse()
                        .map_err(|e| format!("--seconds: {e}"))?,
                )
            }
            "--only" => a.only = Some(num(value("--only")?, "--only")?),
            "--replay" => a.replay.push(PathBuf::from(value("--replay")?)),
            "--findings" => a.findings = PathBuf::from(value("--findings")?),
            "-h" | "--help" => {
                println!("usage: nianbao-fuzz [--seed S] [--execs N] [--from I] [--seconds T] [--only I] [--replay FILE]… [--findings DIR]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

/// Seeds: the fixtures, the dev corpus when present, and generated reports in every shape.
fn load_seeds() -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/fixtures"), &mut files);
    collect(&root.join("../shared/corpus/dev"), &mut files);
    files.sort();
    let mut seeds: Vec<Vec<u8>> = files
        .iter()
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "txt" || x == "html" || x == "htm")
        })
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let from_files = seeds.len();
    seeds.extend(synth_seeds().into_iter().map(|(_, b)| b));
    eprintln!(
        "nianbao-fuzz: {} seeds ({from_files} files, {} generated)",
        seeds.len(),
        seeds.len() - from_files
    );
    seeds
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

enum Finding {
    Panic(String),
    Slow(Duration, Duration),
    Memory(usize, usize),
}

impl Finding {
    fn kind(&self) -> &'static str {
        match self {
            Finding::Panic(_) => "panic",
            Finding::Slow(..) => "slow",
            Finding::Memory(..) => "memory",
        }
    }
}

/// What one input cost.
struct Cost {
    took: Duration,
    peak: usize,
    refused: bool,
    cells: usize,
}

fn run_one(input: &[u8], index: u64, partner: &nianbao::Report) -> Result<Cost, String> {
    let base = counting::reset_peak();
    let start = cpu::Stopwatch::start();
    let r = catch_unwind(AssertUnwindSafe(|| exercise(input, index, partner)));
    let took = start.elapsed();
    let peak = counting::peak_since(base);
    match r {
        Ok(done) => Ok(Cost {
            took,
            peak,
            refused: done.refused,
            cells: done.cells,
        }),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let at = PANIC_AT.lock().map(|s| s.clone()).unwrap_or_default();
            Err(format!("{msg} at {at}"))
        }
    }
}

fn time_limit(len: usize) -> Duration {
    Duration::from_secs_f64((len as f64 / 1024.0 + FIXED_MS) / 1e3)
}

fn judge(input: &[u8], index: u64, partner: &nianbao::Report) -> (Option<Finding>, Cost) {
    let cost = match run_one(input, index, partner) {
        Ok(c) => c,
        Err(msg) => {
            return (
                Some(Finding::Panic(msg)),
                Cost {
                    took: Duration::ZERO,
                    peak: 0,
                    refused: false,
                    cells: 0,
                },
            )
        }
    };
    let limit = time_limit(input.len());
    if cost.took > limit {
        // The best of three: a busy neighbour is not a finding.
        let best = (0..2)
            .filter_map(|_| run_one(input, index, partner).ok())
            .map(|c| c.took)
            .fold(cost.took, Duration::min);
        if best > limit {
            return (Some(Finding::Slow(best, limit)), cost);
        }
    }
    let mem_limit = MEM_FACTOR * input.len() + MEM_PER_CELL * cost.cells + MEM_FIXED;
    if cost.peak > mem_limit {
        return (Some(Finding::Memory(cost.peak, mem_limit)), cost);
    }
    (None, cost)
}

fn describe(f: &Finding, len: usize) -> String {
    match f {
        Finding::Panic(m) => format!("panic: {m}"),
        Finding::Slow(t, l) => format!(
            "slow: {:.1} ms for {len} bytes (limit {:.1} ms)",
            t.as_secs_f64() * 1e3,
            l.as_secs_f64() * 1e3
        ),
        Finding::Memory(p, l) => format!(
            "memory: peak heap {p} bytes for {len} bytes ({:.1}x; limit {l})",
            *p as f64 / len.max(1) as f64
        ),
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("nianbao-fuzz: {e}");
            std::process::exit(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        if let (Ok(mut s), Some(l)) = (PANIC_AT.lock(), info.location()) {
            *s = format!("{}:{}:{}", l.file(), l.line(), l.column());
        }
    }));
    if cfg!(debug_assertions) {
        eprintln!(
            "nianbao-fuzz: a debug build: times are not meaningful (use --profile bench-native)"
        );
    }
    let partner = partner();

    if !args.replay.is_empty() {
        let mut bad = 0;
        for p in &args.replay {
            let Ok(input) = std::fs::read(p) else {
                eprintln!("nianbao-fuzz: cannot read {}", p.display());
                std::process::exit(2);
            };
            // The index only picks the entry point and chart sizes: try both parities.
            for index in [0, 1] {
                let (f, cost) = judge(&input, index, &partner);
                let verdict = f
                    .as_ref()
                    .map(|f| describe(f, input.len()))
                    .unwrap_or_else(|| "ok".into());
                bad += f.is_some() as usize;
                println!(
                    "{} (index {index}): {} bytes, {:.1} ms, peak heap {} bytes: {verdict}",
                    p.display(),
                    input.len(),
                    cost.took.as_secs_f64() * 1e3,
                    cost.peak
                );
            }
        }
        std::process::exit(i32::from(bad > 0));
    }

    let seeds = Seeds::new(load_seeds());
    let range = match args.only {
        Some(i) => i..i + 1,
        None => args.from..args.from.saturating_add(args.execs),
    };
    let start = Instant::now();
    let mut last_note = Instant::now();
    let (mut execs, mut refused, mut bytes) = (0u64, 0u64, 0u64);
    let mut findings: Vec<String> = Vec::new();
    let mut counts = [0usize; 3];
    let (mut worst_ms_per_kb, mut worst_heap) = (0.0f64, 0.0f64);
    for index in range {
        if args
            .seconds
            .is_some_and(|s| start.elapsed().as_secs_f64() > s)
        {
            break;
        }
        let input = seeds.input(args.seed, index);
        let (finding, cost) = judge(&input, index, &partner);
        execs += 1;
        bytes += input.len() as u64;
        refused += cost.refused as u64;
        if input.len() >= 10_000 {
            worst_ms_per_kb =
                worst_ms_per_kb.max(cost.took.as_secs_f64() * 1e3 / (input.len() as f64 / 1024.0));
            worst_heap = worst_heap.max(cost.peak as f64 / input.len() as f64);
        }
        if let Some(f) = finding {
            let name = format!("{}-seed{}-input{index}.bin", f.kind(), args.seed);
            let _ = std::fs::create_dir_all(&args.findings);
            let path = args.findings.join(&name);
            let _ = std::fs::write(&path, &input);
            let line = format!("{} -> {}", describe(&f, input.len()), path.display());
            eprintln!("FINDING {line}");
            counts[match f {
                Finding::Panic(_) => 0,
                Finding::Slow(..) => 1,
                Finding::Memory(..) => 2,
            }] += 1;
            findings.push(line);
        }
        if last_note.elapsed() > Duration::from_secs(30) {
            last_note = Instant::now();
            eprintln!(
                "  … {execs} executions, {} findings, {:.0} s",
                findings.len(),
                start.elapsed().as_secs_f64()
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "nianbao-fuzz ({}): seed {}, inputs {}.., {execs} executions ({refused} refused as input errors), {:.1} MB of input, {:.0} s ({:.0}/s); {} findings: {} panic, {} slow, {} memory; worst of inputs ≥ 10 KB: {:.3} ms/KB, peak heap {:.1}x input",
        cpu::what(),
        args.seed,
        args.from,
        bytes as f64 / 1e6,
        secs,
        execs as f64 / secs.max(1e-9),
        findings.len(),
        counts[0],
        counts[1],
        counts[2],
        worst_ms_per_kb,
        worst_heap,
    );
    std::process::exit(i32::from(!findings.is_empty()));
}
