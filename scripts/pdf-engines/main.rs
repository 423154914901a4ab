//! The PDF engine comparison of the README ("Why this engine"), run by
//! `scripts/compare-pdf-engines.sh`, which builds this file in a scratch cargo project under
//! `target/pdf-engines/` (lopdf and pdf-extract are fetched from crates.io there; nothing of
//! theirs is committed).
//!
//! Each engine reads the text-layer fixtures; its output goes through nianbao's own readers
//! — text through the text reader (`nianbao::check`), positioned characters and ruling lines
//! through `ingest::layout` (`nianbao::check_grid`) — and every cell is compared with the
//! cell of the report's source (the HTML/text fixture the PDF was printed from, read by
//! nianbao, as `tests/pdf.rs` does). Corrupted copies (truncations and byte flips) are read
//! by a child process per input, with a time limit and a memory limit, so panics, hangs and
//! crashes are counted instead of stopping the run.
//!
//!   pdf-engines mutants DIR PDF…                 write the corrupted copies of each PDF
//!   pdf-engines compare --pdfjs JSON [--mutants DIR] PDF=SOURCE…
//!   pdf-engines probe ENGINE FILE                read one file (the child of `compare`)

use nianbao::ingest::layout::{self, Page, Rule, Run};
use nianbao::{Report, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many corrupted copies of each PDF: truncations and byte-flip mutants.
const CUTS: usize = 10;
const FLIPS: usize = 20;
/// A child reading one corrupted file is stopped after this long (a hang).
const PROBE_LIMIT: Duration = Duration::from_secs(10);
/// …and may not map more than this much memory (KiB, `ulimit -v`).
const PROBE_MEMORY_KIB: u64 = 4 << 20;
/// Timings are the best of this many reads (the machine is shared).
const RUNS: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Engine {
    Ours,
    Lopdf,
    PdfExtractText,
    PdfExtractLayout,
}

impl Engine {
    const ALL: [Engine; 4] = [
        Engine::Ours,
        Engine::Lopdf,
        Engine::PdfExtractText,
        Engine::PdfExtractLayout,
    ];
    fn name(self) -> &'static str {
        match self {
            Engine::Ours => "ours",
            Engine::Lopdf => "lopdf",
            Engine::PdfExtractText => "pdf-extract",
            Engine::PdfExtractLayout => "pdf-extract-layout",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Engine::Ours => "nianbao's reader (positions + rules → layout)",
            Engine::Lopdf => "lopdf 0.38 extract_text + our text reader",
            Engine::PdfExtractText => "pdf-extract 0.10 text + our text reader",
            Engine::PdfExtractLayout => "pdf-extract 0.10 positions + rules → our layout",
        }
    }
    fn parse(s: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.name() == s)
    }
}

/// What an engine gives: text for the text reader, or pages for the layout.
enum Output {
    Text(String),
    Pages(Vec<Page>),
}

fn read(engine: Engine, bytes: &[u8]) -> Result<Output, String> {
    match engine {
        Engine::Ours => nianbao::ingest::pdf::pages(bytes)
            .map(Output::Pages)
            .map_err(|e| e.to_string()),
        Engine::Lopdf => {
            let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            doc.extract_text(&pages)
                .map(Output::Text)
                .map_err(|e| e.to_string())
        }
        Engine::PdfExtractText => pdf_extract::extract_text_from_mem(bytes)
            .map(Output::Text)
            .map_err(|e| e.to_string()),
        Engine::PdfExtractLayout => {
            let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
            let mut out = Positions::default();
            pdf_extract::output_doc(&doc, &mut out).map_err(|e| e.to_string())?;
            Ok(Output::Pages(out.pages))
        }
    }
}

fn report_of(out: &Output) -> Report {
    match out {
        Output::Text(t) => nianbao::check(t),
        Output::Pages(p) => nianbao::check_grid(&layout::to_grid(p)),
    }
}

// --- pdf-extract's positions ---------------------------------------------------------

/// pdf-extract's characters and painted paths as layout pages (its `OutputDev`).
#[derive(Default)]
struct Positions {
    pages: Vec<Page>,
}

impl Positions {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        self.pages.last_mut().expect("a page")
    }
    fn paths(&mut self, ctm: &pdf_extract::Transform, path: &pdf_extract::Path, stroke: bool) {
        use pdf_extract::PathOp;
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        let mut subpaths: Vec<Vec<(f64, f64)>> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => subpaths.push(vec![at(x, y)]),
                PathOp::LineTo(x, y) => match subpaths.last_mut() {
                    Some(s) => s.push(at(x, y)),
                    None => subpaths.push(vec![at(x, y)]),
                },
                PathOp::CurveTo(_, _, _, _, x, y) => match subpaths.last_mut() {
                    Some(s) => s.push(at(x, y)),
                    None => subpaths.push(vec![at(x, y)]),
                },
                PathOp::Rect(x, y, w, h) => subpaths.push(vec![
                    at(x, y),
                    at(x + w, y),
                    at(x + w, y + h),
                    at(x, y + h),
                    at(x, y),
                ]),
                PathOp::Close => {}
            }
        }
        let page = self.page();
        let index = page.index;
        rules_of(&subpaths, stroke, index, &mut page.rules);
    }
}

/// Ruling lines of painted subpaths, by the rule our reader uses: thin filled shapes,
/// axis-aligned stroked segments.
fn rules_of(subpaths: &[Vec<(f64, f64)>], stroke: bool, page: usize, out: &mut Vec<Rule>) {
    const THIN: f64 = 2.5;
    const MIN_LEN: f64 = 3.0;
    for sp in subpaths.iter().filter(|s| s.len() >= 2) {
        if !stroke {
            let x0 = sp.iter().map(|p| p.0).fold(f64::MAX, f64::min);
            let x1 = sp.iter().map(|p| p.0).fold(f64::MIN, f64::max);
            let y0 = sp.iter().map(|p| p.1).fold(f64::MAX, f64::min);
            let y1 = sp.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w >= MIN_LEN {
                out.push(Rule::new(x0, (y0 + y1) / 2.0, x1, (y0 + y1) / 2.0, page));
            } else if w <= THIN && h >= MIN_LEN {
                out.push(Rule::new((x0 + x1) / 2.0, y0, (x0 + x1) / 2.0, y1, page));
            }
            continue;
        }
        for p in sp.windows(2) {
            let ((ax, ay), (bx, by)) = (p[0], p[1]);
            if (ay - by).abs() <= 0.5 && (ax - bx).abs() >= MIN_LEN {
                out.push(Rule::new(ax.min(bx), ay, ax.max(bx), ay, page));
            } else if (ax - bx).abs() <= 0.5 && (ay - by).abs() >= MIN_LEN {
                out.push(Rule::new(ax, ay.min(by), ax, ay.max(by), page));
            }
        }
    }
}

type PdfResult = Result<(), pdf_extract::OutputError>;

impl pdf_extract::OutputDev for Positions {
    fn begin_page(
        &mut self,
        _n: u32,
        media: &pdf_extract::MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> PdfResult {
        let index = self.pages.len();
        self.pages.push(Page {
            index,
            runs: Vec::new(),
            rules: Vec::new(),
            top: media.ury.max(media.lly),
            bottom: media.ury.min(media.lly),
        });
        Ok(())
    }
    fn end_page(&mut self) -> PdfResult {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> PdfResult {
        // pdf-extract's own plain-text output sizes a glyph this way.
        let sx = font_size * trm.m11 + font_size * trm.m21;
        let sy = font_size * trm.m12 + font_size * trm.m22;
        let size = (sx * sy).abs().sqrt();
        let page = self.page();
        let index = page.index;
        page.runs.push(Run {
            text: ch.to_string(),
            x: trm.m31,
            y: trm.m32,
            width: width * size,
            font_size: size,
            page: index,
        });
        Ok(())
    }
    fn begin_word(&mut self) -> PdfResult {
        Ok(())
    }
    fn end_word(&mut self) -> PdfResult {
        Ok(())
    }
    fn end_line(&mut self) -> PdfResult {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &pdf_extract::Transform,
        _cs: &pdf_extract::ColorSpace,
        _c: &[f64],
        path: &pdf_extract::Path,
    ) -> PdfResult {
        self.paths(ctm, path, true);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &pdf_extract::Transform,
        _cs: &pdf_extract::ColorSpace,
        _c: &[f64],
        path: &pdf_extract::Path,
    ) -> PdfResult {
        self.paths(ctm, path, false);
        Ok(())
    }
}

// --- pdf.js's output (scripts/pdf-engines/pdfjs.mjs) ----------------------------------

/// pdf.js's reading of one file: per-page items and rules, its text, its time.
struct PdfJs {
    pages: Result<Vec<Page>, String>,
    text: String,
    ms: f64,
    page_count: usize,
}

fn f(v: &serde_json::Value, k: &str) -> f64 {
    v.get(k).and_then(|x| x.as_f64()).unwrap_or(0.0)
}

fn pdfjs_of(v: &serde_json::Value) -> PdfJs {
    let ms = f(v, "ms");
    let text = v
        .get("text")
        .and_then(|t| t.as_str())
        .unwrap_or("")
        .to_string();
    if let Some(e) = v.get("error").and_then(|e| e.as_str()) {
        return PdfJs {
            pages: Err(e.to_string()),
            text,
            ms,
            page_count: 0,
        };
    }
    let mut pages = Vec::new();
    for (index, p) in v["pages"].as_array().into_iter().flatten().enumerate() {
        let runs = p["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| Run {
                text: r["str"].as_str().unwrap_or("").to_string(),
                x: f(r, "x"),
                y: f(r, "y"),
                width: f(r, "width"),
                font_size: f(r, "size"),
                page: index,
            })
            .collect();
        let rules = p["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| Rule::new(f(r, "x0"), f(r, "y0"), f(r, "x1"), f(r, "y1"), index))
            .collect();
        pages.push(Page {
            index,
            runs,
            rules,
            top: f(p, "top"),
            bottom: f(p, "bottom"),
        });
    }
    PdfJs {
        page_count: pages.len(),
        pages: Ok(pages),
        text,
        ms,
    }
}

// --- comparing reports ----------------------------------------------------------------

type Key = (String, &'static str, &'static str);

fn cells(r: &Report) -> BTreeMap<Key, (String, Option<f64>)> {
    r.tables
        .iter()
        .flat_map(|t| {
            t.cells().map(move |(row, col, c)| {
                (
                    (format!("{:?}", t.id), row, col),
                    (format!("{:?}", c.state), c.value),
                )
            })
        })
        .collect()
}

fn errors(r: &Report) -> Vec<String> {
    let mut v: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let c = &d.cells[0];
            format!("{} {:?}.{}.{}", d.code.as_str(), c.table, c.row, c.col)
        })
        .collect();
    v.sort();
    v
}

/// Cells of `source` read the same, and whether the whole report is (cells and errors).
fn score(got: &Report, source: &Report) -> (usize, bool) {
    let (g, s) = (cells(got), cells(source));
    let same = s.iter().filter(|(k, v)| g.get(*k) == Some(*v)).count();
    let exact = same == s.len() && g.len() == s.len() && errors(got) == errors(source);
    (same, exact)
}

// --- corrupted copies -------------------------------------------------------------------

fn mutants(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for k in 1..=CUTS {
        let cut = bytes.len() * k / (CUTS + 1);
        out.push((format!("cut{k:02}"), bytes[..cut].to_vec()));
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for k in 0..FLIPS {
        let mut m = bytes.to_vec();
        for _ in 0..8 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = (x % m.len().max(1) as u64) as usize;
            if let Some(b) = m.get_mut(i) {
                *b = (x >> 24) as u8;
            }
        }
        out.push((format!("flip{k:02}"), m));
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Outcomes {
    read: usize,
    refused: usize,
    panics: usize,
    hangs: usize,
    crashes: usize,
    slowest: Duration,
}

/// Read one corrupted file in a child process: 0 read, 2 refused, 101 panicked.
fn probe(engine: Engine, file: &Path, o: &mut Outcomes) {
    let exe = std::env::current_exe().expect("own path");
    let t = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {PROBE_MEMORY_KIB}; exec \"$0\" probe {} \"$1\"",
            engine.name()
        ))
        .arg(&exe)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn probe");
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            o.slowest = o.slowest.max(t.elapsed());
            match status.code() {
                Some(0) => o.read += 1,
                Some(2) => o.refused += 1,
                Some(101) => o.panics += 1,
                _ => o.crashes += 1,
            }
            return;
        }
        if t.elapsed() > PROBE_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            o.hangs += 1;
            o.slowest = o.slowest.max(t.elapsed());
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn probe_main(engine: &str, file: &str) -> ! {
    let engine = Engine::parse(engine).unwrap_or_else(|| {
        eprintln!("unknown engine {engine}");
        std::process::exit(64)
    });
    let bytes = std::fs::read(file).unwrap_or_default();
    // A panic ends the process with 101 (the default panic hook prints it to stderr).
    match read(engine, &bytes) {
        Ok(out) => {
            let _ = report_of(&out);
            std::process::exit(0)
        }
        Err(_) => std::process::exit(2),
    }
}

// --- main -----------------------------------------------------------------------------

fn best_of<T>(mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    (last.expect("RUNS > 0"), best)
}

fn pages_of(out: &Result<Output, String>) -> usize {
    match out {
        Ok(Output::Pages(p)) => p.len(),
        _ => 0,
    }
}

#[derive(Default)]
struct Tally {
    cells: usize,
    reports: usize,
    failed: usize,
    time: Duration,
    pages: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("probe") if args.len() == 3 => probe_main(&args[1], &args[2]),
        Some("mutants") if args.len() >= 3 => {
            let dir = PathBuf::from(&args[1]);
            std::fs::create_dir_all(&dir).expect("mutants dir");
            for pdf in &args[2..] {
                let bytes = std::fs::read(pdf).expect("pdf");
                let stem = Path::new(pdf)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("x");
                for (name, m) in mutants(&bytes) {
                    std::fs::write(dir.join(format!("{stem}.{name}.pdf")), m).expect("write");
                }
            }
        }
        Some("compare") => compare(&args[1..]),
        _ => {
            eprintln!("usage: pdf-engines mutants DIR PDF… | compare --pdfjs JSON [--mutants DIR] PDF=SOURCE… | probe ENGINE FILE");
            std::process::exit(64);
        }
    }
}

fn compare(args: &[String]) {
    std::panic::set_hook(Box::new(|_| {}));
    let mut pdfjs_json = None;
    let mut mutants_dir = None;
    let mut pairs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pdfjs" => pdfjs_json = it.next().cloned(),
            "--mutants" => mutants_dir = it.next().cloned(),
            p => {
                let (pdf, src) = p.split_once('=').expect("PDF=SOURCE");
                pairs.push((PathBuf::from(pdf), PathBuf::from(src)));
            }
        }
    }
    let pdfjs: serde_json::Value = pdfjs_json
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("pdf.js json")).expect("json"))
        .unwrap_or(serde_json::Value::Null);

    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut total_cells = 0;
    let mut total_bytes = 0;
    println!(
        "per report: cells read exactly / cells of the source (engine's read time, best of {RUNS})"
    );
    for (pdf, src) in &pairs {
        let bytes = std::fs::read(pdf).expect("pdf");
        total_bytes += bytes.len();
        let src_bytes = std::fs::read(src).expect("source");
        let source = nianbao::check_bytes(&src_bytes).expect("source reads").1;
        let n = cells(&source).len();
        total_cells += n;
        let name = pdf.file_name().and_then(|s| s.to_str()).unwrap_or("?");
        let mut line = format!("  {name:<40} {n:>4} cells:");
        for engine in Engine::ALL {
            // A panic is caught and counted as not read (the page would lose its module).
            let (out, time) = best_of(|| {
                std::panic::catch_unwind(|| read(engine, &bytes))
                    .unwrap_or_else(|_| Err("panicked".into()))
            });
            let t = tallies.entry(engine.name()).or_default();
            t.time += time;
            t.pages += pages_of(&out);
            match &out {
                Ok(o) => {
                    let (same, exact) = score(&report_of(o), &source);
                    t.cells += same;
                    t.reports += exact as usize;
                    line += &format!(" {}={same}", engine.name());
                }
                Err(e) => {
                    t.failed += 1;
                    line += &format!(" {}=error({e})", engine.name());
                }
            }
        }
        // pdf.js: positions through the layout, and its text through the text reader.
        if let Some(v) = pdfjs.get("files").and_then(|f| f.get(name)) {
            let js = pdfjs_of(v);
            for (label, rep) in [
                (
                    "pdfjs-layout",
                    js.pages
                        .as_ref()
                        .ok()
                        .map(|p| nianbao::check_grid(&layout::to_grid(p))),
                ),
                (
                    "pdfjs-text",
                    js.pages.as_ref().ok().map(|_| nianbao::check(&js.text)),
                ),
            ] {
                let t = tallies.entry(label).or_default();
                t.time += Duration::from_secs_f64(js.ms / 1000.0);
                t.pages += js.page_count;
                match rep {
                    Some(r) => {
                        let (same, exact) = score(&r, &source);
                        t.cells += same;
                        t.reports += exact as usize;
                        line += &format!(" {label}={same}");
                    }
                    None => {
                        t.failed += 1;
                        line += &format!(" {label}=error");
                    }
                }
            }
        }
        println!("{line}");
    }

    // Corrupted copies.
    let mut robust: BTreeMap<&str, Outcomes> = BTreeMap::new();
    if let Some(dir) = &mutants_dir {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("mutants dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        eprintln!(
            "reading {} corrupted copies with each Rust engine (a child process each)…",
            files.len()
        );
        for engine in Engine::ALL {
            let o = robust.entry(engine.name()).or_default();
            for f in &files {
                probe(engine, f, o);
            }
        }
        if let Some(r) = pdfjs.get("corrupted") {
            let n = |k: &str| r.get(k).and_then(|x| x.as_u64()).unwrap_or(0) as usize;
            robust.insert(
                "pdfjs-layout",
                Outcomes {
                    read: n("read"),
                    refused: n("refused"),
                    panics: 0,
                    hangs: n("hangs"),
                    crashes: 0,
                    slowest: Duration::from_secs_f64(f(r, "slowest_ms") / 1000.0),
                },
            );
        }
    }

    let reports = pairs.len();
    let mb = total_bytes as f64 / 1e6;
    println!("\n{reports} reports, {total_cells} cells of known value, {mb:.2} MB of PDF");
    println!("| engine | cells read exactly | reports read exactly | read time per report | per page | corrupted copies: read / refused / panic / hang / crash (slowest) |");
    println!("|---|---|---|---|---|---|");
    let labels: BTreeMap<&str, &str> = Engine::ALL
        .iter()
        .map(|e| (e.name(), e.label()))
        .chain([
            (
                "pdfjs-layout",
                "pdf.js getTextContent items + rules (operator list) → our layout",
            ),
            ("pdfjs-text", "pdf.js getTextContent text + our text reader"),
        ])
        .collect();
    let order = [
        "ours",
        "lopdf",
        "pdf-extract",
        "pdf-extract-layout",
        "pdfjs-layout",
        "pdfjs-text",
    ];
    for name in order {
        let Some(t) = tallies.get(name) else { continue };
        let per = t.time.as_secs_f64() * 1000.0 / reports.max(1) as f64;
        let per_page = if t.pages > 0 {
            format!("{:.2} ms", t.time.as_secs_f64() * 1000.0 / t.pages as f64)
        } else {
            "—".into()
        };
        let r = match robust.get(name) {
            Some(o) => format!(
                "{} / {} / {} / {} / {} ({:.0} ms)",
                o.read,
                o.refused,
                o.panics,
                o.hangs,
                o.crashes,
                o.slowest.as_secs_f64() * 1000.0
            ),
            None if name == "pdfjs-text" => "(as pdfjs-layout)".into(),
            None => "—".into(),
        };
        let failed = if t.failed > 0 {
            format!(" ({} not read)", t.failed)
        } else {
            String::new()
        };
        println!(
            "| {} | {} / {total_cells} | {} / {reports}{failed} | {per:.1} ms | {per_page} | {r} |",
            labels.get(name).unwrap_or(&name),
            t.cells,
            t.reports,
        );
    }
}
