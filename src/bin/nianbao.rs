//! The command line: `nianbao check [--json|--csv|--findings-csv] [--previous FILE] FILE|DIR|GLOB… | -`
//! and `nianbao chart FILE --svg OUT`.
//! The only native code that touches files, stdin and the terminal.
//!
//! Exit status of `check`: 0 = no error-level finding, 1 = errors found, 2 = an input
//! could not be read.

use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use nianbao::Report;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// mimalloc: a report is many small blocks allocated and freed together (see Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "年报体检：检查政府信息公开工作年度报告的表格勾稽关系"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查一份或多份报告：文件、文件夹（含子文件夹）或通配符（`-` 表示标准输入）
    Check {
        /// 输出 JSON（规范 §6 的结构；多个文件时为数组）
        #[arg(long)]
        json: bool,
        /// 输出 CSV（每份报告一行、每个单元格一列，UTF-8 带 BOM，可用 Excel 打开）
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// 输出问题清单 CSV（每个问题一行）
        #[arg(long, conflicts_with_all = ["json", "csv"])]
        findings_csv: bool,
        /// 上一年度的报告（与本年度报告核对跨年度结转；可多次给出）
        #[arg(long = "previous", value_name = "FILE")]
        previous: Vec<String>,
        /// 不使用颜色
        #[arg(long)]
        no_color: bool,
        /// 同时检查的文件数（默认：本机的处理器核数）
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// 把报告的图表输出为 SVG
    Chart {
        file: String,
        /// SVG 输出路径（多个图表时在文件名后加 -outcomes / -actions / -disputes）
        #[arg(long)]
        svg: String,
        /// 哪一张图：outcomes（表三）、actions（表二）、disputes（表四）或 all
        #[arg(long, default_value = "all")]
        kind: String,
    },
}

fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("无法读取标准输入：{e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("无法读取文件 {path}：{}", io_zh(&e)))
    }
}

fn read_input(path: &str) -> Result<(String, Report), String> {
    let bytes = read_bytes(path)?;
    nianbao::check_bytes(&bytes).map_err(|e| format!("{path}：{e}"))
}

/// The files named on the command line: files as given, directories walked for the
/// extensions the readers take, glob patterns (`*`, `?`, `[…]`) expanded; sorted within a
/// directory or pattern, in the order given otherwise.
fn expand(args: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for a in args {
        let path = std::path::Path::new(a);
        if a == "-" || path.is_file() {
            out.push(a.clone());
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            if found.is_empty() {
                return Err(format!("文件夹 {a} 中没有可读取的报告（{}）", extensions()));
            }
            out.extend(found);
        } else if a.contains(['*', '?', '[']) {
            let mut found: Vec<String> = glob::glob(a)
                .map_err(|e| format!("通配符 {a} 无效：{e}"))?
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!("没有与 {a} 匹配的文件"));
            }
            out.extend(found);
        } else {
            // Reported per file, like any other unreadable file.
            out.push(a.clone());
        }
    }
    Ok(out)
}

fn extensions() -> String {
    nianbao::ingest::EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| nianbao::ingest::EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.push(p.to_string_lossy().into_owned());
        }
    }
}

/// A file read and checked (its decoded text and report), or why it could not be read.
type Checked = Result<(String, Report), String>;

/// Read and check every file, `jobs` at a time; results in the order of `files`. The
/// decoded text is kept only when `keep_text` (the terminal output quotes it; JSON and CSV
/// do not), so a batch holds its reports, not every file's text.
fn check_all(files: &[String], jobs: usize, keep_text: bool) -> Vec<Checked> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Checked>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.clamp(1, files.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                let out = read_input(f)
                    .map(|(text, report)| (if keep_text { text } else { String::new() }, report));
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(out);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err("内部错误：未能检查".to_string()))
        })
        .collect()
}

fn io_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

fn print_terminal(name: &str, text: &str, report: &Report, color: ColorChoice) {
    let writer = StandardStream::stdout(color);
    let mut lock = writer.lock();
    // A closed pipe (`| head`) ends the output quietly.
    let _ = nianbao::terminal::emit(&mut lock, name, text, report, |_| true);
}

struct Options {
    json: bool,
    csv: bool,
    findings_csv: bool,
    no_color: bool,
    jobs: usize,
}

fn run_check(opts: &Options, files: &[String], previous: &[String]) -> ExitCode {
    let (files, previous) = match (expand(files), expand(previous)) {
        (Ok(f), Ok(p)) => (f, p),
        (Err(msg), _) | (_, Err(msg)) => {
            eprintln!("错误：{msg}");
            return ExitCode::from(2);
        }
    };
    let mut unreadable = 0usize;
    let mut sources: Vec<(String, String)> = Vec::new();
    let mut checked: Vec<Report> = Vec::new();
    let quoting = !(opts.json || opts.csv || opts.findings_csv);
    for (f, result) in files.iter().zip(check_all(&files, opts.jobs, quoting)) {
        match result {
            Ok((text, report)) => {
                sources.push((f.clone(), text));
                checked.push(report);
            }
            Err(msg) => {
                // An unreadable file is reported and the rest go on.
                eprintln!("错误：{msg}");
                unreadable += 1;
            }
        }
    }
    // Last year's reports given with --previous: checked, used for pairing, not printed.
    let mut earlier: Vec<Report> = Vec::new();
    for result in check_all(&previous, opts.jobs, false) {
        match result {
            Ok((_, report)) => earlier.push(report),
            Err(msg) => {
                eprintln!("错误：{msg}");
                unreadable += 1;
            }
        }
    }
    // Cross-report checks by the core's one function: one previous and one current file
    // are a pair as the user said; otherwise pairs are found by agency and year.
    if earlier.len() == 1 && checked.len() == 1 {
        let (found, skipped) = nianbao::rules::cross_year::check_pair(&earlier[0], &checked[0]);
        checked[0].diagnostics.extend(found);
        checked[0].not_assessable.extend(skipped);
        nianbao::rules::summarize(&mut checked[0]);
    } else {
        let n = earlier.len();
        let mut all = earlier;
        all.append(&mut checked);
        nianbao::check_many(&mut all);
        checked = all.split_off(n);
    }
    let reports: Vec<(String, String, Report)> = sources
        .into_iter()
        .zip(checked)
        .map(|((name, text), r)| (name, text, r))
        .collect();
    let errors = reports.iter().any(|(_, _, r)| r.summary.errors > 0);
    let mut out = std::io::stdout().lock();
    if opts.json {
        let json = if files.len() == 1 {
            reports
                .first()
                .map(|(_, _, r)| serde_json::to_string_pretty(r))
        } else {
            let all: Vec<&Report> = reports.iter().map(|(_, _, r)| r).collect();
            Some(serde_json::to_string_pretty(&all))
        };
        match json {
            Some(Ok(s)) => {
                let _ = writeln!(out, "{s}");
            }
            Some(Err(e)) => {
                eprintln!("错误：无法输出 JSON：{e}");
                return ExitCode::from(2);
            }
            None => {}
        }
    } else if opts.csv || opts.findings_csv {
        let entries: Vec<nianbao::export::Entry> = reports
            .iter()
            .map(|(file, _, report)| nianbao::export::Entry { file, report })
            .collect();
        let csv = if opts.csv {
            nianbao::export::reports_csv(&entries)
        } else {
            nianbao::export::findings_csv(&entries)
        };
        let _ = out.write_all(csv.as_bytes());
    } else {
        drop(out);
        let color = if opts.no_color
            || std::env::var_os("NO_COLOR").is_some()
            || !std::io::stdout().is_terminal()
        {
            ColorChoice::Never
        } else {
            ColorChoice::Auto
        };
        for (name, text, report) in &reports {
            print_terminal(name, text, report, color);
        }
        if files.len() > 1 {
            print_batch_summary(&reports, unreadable);
        }
    }
    if unreadable > 0 {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The batch at a glance: one line per report, errors first (then warnings, then
/// not assessable), and the totals.
fn print_batch_summary(reports: &[(String, String, Report)], unreadable: usize) {
    let mut rows: Vec<&(String, String, Report)> = reports.iter().collect();
    rows.sort_by_key(|(_, _, r)| {
        std::cmp::Reverse((
            r.summary.errors,
            r.summary.warnings,
            r.summary.not_assessable,
        ))
    });
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "\n汇总（{} 份报告）", reports.len());
    let _ = writeln!(out, "错误\t警告\t无法判断\t年度\t格式\t单位\t文件");
    for (name, _, r) in &rows {
        let s = r.summary;
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.errors,
            s.warnings,
            s.not_assessable,
            r.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
            r.format.map(|f| f.key()).unwrap_or("—"),
            r.agency.as_deref().unwrap_or("—"),
            name
        );
    }
    let with_errors = reports
        .iter()
        .filter(|(_, _, r)| r.summary.errors > 0)
        .count();
    let _ = writeln!(
        out,
        "共 {} 份：{} 份有错误，{} 份无错误{}",
        reports.len() + unreadable,
        with_errors,
        reports.len() - with_errors,
        if unreadable > 0 {
            format!("，{unreadable} 份无法读取")
        } else {
            String::new()
        }
    );
}

fn run_chart(file: &str, svg: &str, kind: &str) -> ExitCode {
    let (_, report) = match read_input(file) {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("错误：{msg}");
            return ExitCode::from(2);
        }
    };
    let kinds: Vec<nianbao::chart::ChartKind> = if kind == "all" {
        nianbao::chart::ChartKind::ALL.to_vec()
    } else {
        match nianbao::chart::ChartKind::ALL
            .iter()
            .find(|k| k.key() == kind)
        {
            Some(k) => vec![*k],
            None => {
                eprintln!("错误：未知的图表 {kind}（可选 outcomes、actions、disputes、all）");
                return ExitCode::from(2);
            }
        }
    };
    for k in &kinds {
        let path = if kinds.len() == 1 {
            svg.to_string()
        } else {
            match svg.strip_suffix(".svg") {
                Some(stem) => format!("{stem}-{}.svg", k.key()),
                None => format!("{svg}-{}.svg", k.key()),
            }
        };
        // Tall enough for every bar (表二 has a panel per item).
        let height = nianbao::chart::preferred_height(&report, *k, 800).max(240);
        let out = nianbao::chart::render_svg(&report, *k, 800, height);
        if let Err(e) = std::fs::write(&path, out) {
            eprintln!("错误：无法写入 {path}：{}", io_zh(&e));
            return ExitCode::from(2);
        }
        eprintln!("已写入 {path}（{}）", k.title_zh());
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            json,
            csv,
            findings_csv,
            previous,
            no_color,
            jobs,
            files,
        } => {
            let jobs = jobs.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
            });
            let opts = Options {
                json,
                csv,
                findings_csv,
                no_color,
                jobs,
            };
            run_check(&opts, &files, &previous)
        }
        Command::Chart { file, svg, kind } => run_chart(&file, &svg, &kind),
    }
}
