//! The command line: `nianbao check [--json] FILE… | -` and `nianbao chart FILE --svg OUT`.
//! The only native code that touches files, stdin and the terminal.
//!
//! Exit status of `check`: 0 = no error-level finding, 1 = errors found, 2 = an input
//! could not be read.

use clap::{Parser, Subcommand};
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use nianbao::{Report, Severity};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

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
    /// 检查一份或多份报告（`-` 表示标准输入）
    Check {
        /// 输出 JSON（规范 §6 的结构；多个文件时为数组）
        #[arg(long)]
        json: bool,
        /// 不使用颜色
        #[arg(long)]
        no_color: bool,
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

fn read_input(path: &str) -> Result<(String, Report), String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("无法读取标准输入：{e}"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("无法读取文件 {path}：{}", io_zh(&e)))?
    };
    nianbao::check_bytes(&bytes).map_err(|e| format!("{path}：{e}"))
}

fn io_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

fn print_terminal(name: &str, text: &str, report: &Report, color: ColorChoice) {
    let mut files = SimpleFiles::new();
    let id = files.add(name.to_string(), text.to_string());
    let writer = StandardStream::stdout(color);
    let config = term::Config::default();
    for d in &report.diagnostics {
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let labels = d
            .labels
            .iter()
            .filter(|l| l.span.end <= text.len())
            .map(|l| {
                let range = l.span.start..l.span.end.max(l.span.start);
                if l.primary {
                    CsLabel::primary(id, range).with_message(&l.message)
                } else {
                    CsLabel::secondary(id, range).with_message(&l.message)
                }
            })
            .collect();
        let mut notes = d.notes.clone();
        let info = d.code.info();
        notes.push(format!("{}：{}", info.name_zh, info.explain_zh));
        let cs = CsDiagnostic::new(severity)
            .with_code(d.code.as_str())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        let mut lock = writer.lock();
        // A closed pipe (`| head`) ends the output quietly.
        if term::emit_to_write_style(&mut lock, &config, &files, &cs).is_err() {
            return;
        }
    }
    let s = report.summary;
    let _ = writeln!(
        std::io::stdout(),
        "{name}：{}格式，{}年度{}；{} 处错误，{} 处警告，{} 项提示，{} 项无法判断，{} 项勾稽关系成立",
        report.format.map(|f| format!("{} 年版", f.key())).unwrap_or_else(|| "未识别".into()),
        report.year.map(|y| y.to_string()).unwrap_or_else(|| "未知".into()),
        report.agency.as_deref().map(|a| format!("，{a}")).unwrap_or_default(),
        s.errors,
        s.warnings,
        s.infos,
        s.not_assessable,
        s.passed
    );
}

/// Cross-year checks among the given reports: same agency, consecutive years.
fn add_cross_year(reports: &mut [(String, String, Report)]) {
    let keys: Vec<(Option<String>, Option<i32>)> = reports
        .iter()
        .map(|(_, _, r)| (r.agency.clone(), r.year))
        .collect();
    for (i, (agency, year)) in keys.iter().enumerate() {
        let (Some(agency), Some(year)) = (agency, year) else {
            continue;
        };
        if let Some(j) = keys
            .iter()
            .position(|(a, y)| a.as_ref() == Some(agency) && *y == Some(year - 1))
        {
            let found = nianbao::check_pair(&reports[j].2, &reports[i].2);
            let r = &mut reports[i].2;
            r.summary.warnings += found.len();
            r.diagnostics.extend(found);
        }
    }
}

fn run_check(json: bool, no_color: bool, files: &[String]) -> ExitCode {
    let mut unreadable = false;
    let mut reports: Vec<(String, String, Report)> = Vec::new();
    for f in files {
        match read_input(f) {
            Ok((text, report)) => reports.push((f.clone(), text, report)),
            Err(msg) => {
                eprintln!("错误：{msg}");
                unreadable = true;
            }
        }
    }
    add_cross_year(&mut reports);
    let errors = reports.iter().any(|(_, _, r)| r.summary.errors > 0);
    if json {
        let out = if files.len() == 1 {
            reports
                .first()
                .map(|(_, _, r)| serde_json::to_string_pretty(r))
        } else {
            let all: Vec<&Report> = reports.iter().map(|(_, _, r)| r).collect();
            Some(serde_json::to_string_pretty(&all))
        };
        match out {
            Some(Ok(s)) => {
                let _ = writeln!(std::io::stdout(), "{s}");
            }
            Some(Err(e)) => {
                eprintln!("错误：无法输出 JSON：{e}");
                return ExitCode::from(2);
            }
            None => {}
        }
    } else {
        let color = if no_color
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
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
            no_color,
            files,
        } => run_check(json, no_color, &files),
        Command::Chart { file, svg, kind } => run_chart(&file, &svg, &kind),
    }
}
