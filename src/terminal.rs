//! Compiler-style rendering of findings for the terminal (codespan-reporting, which
//! handles CJK widths): `file:line:col`, the offending text underlined, the operands
//! marked, the rule's name and explanation from the catalogue as a note. A renderer:
//! reads the report, writes to the writer it is given. Used by the CLI and by the rule
//! snapshots.

use crate::codes::Severity;
use crate::diagnostics::Diagnostic;
use crate::model::Report;
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};

fn to_codespan(d: &Diagnostic, text_len: usize) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let labels = d
        .labels
        .iter()
        .filter(|l| l.span.end <= text_len)
        .map(|l| {
            let range = l.span.start..l.span.end.max(l.span.start);
            if l.primary {
                CsLabel::primary((), range).with_message(&l.message)
            } else {
                CsLabel::secondary((), range).with_message(&l.message)
            }
        })
        .collect();
    let mut notes = d.notes.clone();
    let info = d.code.info();
    notes.push(format!("{}：{}", info.name_zh, info.explain_zh));
    CsDiagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Write the findings `which` selects, then the one-line summary. Stops quietly at the
/// first write error (a closed pipe).
pub fn emit(
    out: &mut dyn WriteColor,
    name: &str,
    text: &str,
    report: &Report,
    which: impl Fn(&Diagnostic) -> bool,
) -> std::io::Result<()> {
    let file = SimpleFile::new(name, text);
    let config = term::Config::default();
    for d in report.diagnostics.iter().filter(|d| which(d)) {
        term::emit_to_write_style(out, &config, &file, &to_codespan(d, text.len()))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    let s = report.summary;
    writeln!(
        out,
        "{name}：{}格式，{}年度{}；{} 处错误，{} 处警告，{} 项提示，{} 项无法判断，{} 项勾稽关系成立",
        report
            .format
            .map(|f| format!("{} 年版", f.key()))
            .unwrap_or_else(|| "未识别".into()),
        report
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "未知".into()),
        report
            .agency
            .as_deref()
            .map(|a| format!("，{a}"))
            .unwrap_or_default(),
        s.errors,
        s.warnings,
        s.infos,
        s.not_assessable,
        s.passed
    )
}

/// The findings `which` selects as plain text (no colour), for snapshots.
pub fn render(
    name: &str,
    text: &str,
    report: &Report,
    which: impl Fn(&Diagnostic) -> bool,
) -> String {
    let mut buf = term::termcolor::NoColor::new(Vec::new());
    let _ = emit(&mut buf, name, text, report, which);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}
