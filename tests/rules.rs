//! Every rule of the catalogue has a passing and a failing fixture. Fixtures are generated
//! consistent reports (src/synth) with one stated change each; the failing output of
//! every rule is snapshotted (insta) so a change to any message or cell is reviewed.
//! The catalogue itself is checked: codes unique and documented, and listed in the README.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::codes::CATALOGUE;
use nianbao::synth::{Shape, Synth, SynthValue};
use nianbao::{Format, Report, Severity, TableId};

const A: TableId = TableId::Applications;
const D: TableId = TableId::Disputes;
const P: TableId = TableId::Proactive;

fn base(format: Format) -> Synth {
    Synth::generate(42, format)
}

fn text(s: &Synth) -> String {
    s.render(Shape::InlinePipes)
}

fn count(s: &Synth, t: TableId, row: &str, col: &str) -> i64 {
    s.get(t, row, col)
        .and_then(|v| v.value())
        .map(|v| v as i64)
        .unwrap_or(0)
}

/// The line of `text` that starts with `prefix` rewritten by `f`.
fn edit_line(text: &str, prefix: &str, f: impl Fn(&str) -> String) -> String {
    let mut done = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if !done && l.trim_start_matches(['|', ' ']).starts_with(prefix) {
                done = true;
                f(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "no line starts with {prefix}");
    out.join("\n")
}

/// The text without the lines from the one starting with `from` up to (not including) the
/// one starting with `to` (or the end).
fn drop_lines(text: &str, from: &str, to: Option<&str>) -> String {
    let mut skipping = false;
    let mut out = Vec::new();
    for l in text.lines() {
        if l.starts_with(from) {
            skipping = true;
        } else if let Some(to) = to {
            if l.starts_with(to) {
                skipping = false;
            }
        }
        if !skipping {
            out.push(l);
        }
    }
    out.join("\n")
}

struct Case {
    code: &'static str,
    pass: fn() -> String,
    fail: fn() -> String,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "T3-ROW-TOTAL",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021);
                text(&s.with_cell(
                    (A, "granted", "total"),
                    count(&s, A, "granted", "total") + 2,
                ))
            },
        },
        Case {
            code: "T3-RESULT-TOTAL",
            pass: || text(&base(Format::F2019)),
            fail: || {
                let s = base(Format::F2019);
                text(&s.with_cell(
                    (A, "other_handling", "research"),
                    count(&s, A, "other_handling", "research") + 1,
                ))
            },
        },
        Case {
            code: "T3-BALANCE",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021);
                let s = s.with_cell(
                    (A, "carried_over", "legal_service"),
                    count(&s, A, "carried_over", "legal_service") + 4,
                );
                text(&s.with_cell(
                    (A, "carried_over", "total"),
                    count(&s, A, "carried_over", "total") + 4,
                ))
            },
        },
        Case {
            code: "T4-TOTAL",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021);
                text(&s.with_cell(
                    (D, "litigation_direct", "total"),
                    count(&s, D, "litigation_direct", "total") + 3,
                ))
            },
        },
        Case {
            code: "CELL-NEGATIVE",
            pass: || text(&base(Format::F2019)), // 2019 本年增/减 may be negative
            fail: || text(&base(Format::F2021).with_cell((D, "review", "pending"), -2)),
        },
        Case {
            code: "CELL-NOT-INTEGER",
            pass: || text(&base(Format::F2021)), // 2021 收费金额 may have decimals
            fail: || {
                text(&base(Format::F2021).with_value(
                    (A, "granted", "research"),
                    SynthValue::Amount {
                        milli: 1500,
                        unit: None,
                    },
                ))
            },
        },
        Case {
            code: "CELL-UNREADABLE",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021).with_value(
                    (P, "licensing", "decisions"),
                    SynthValue::Amount {
                        milli: 7_654_321,
                        unit: None,
                    },
                );
                text(&s).replace("7654.321", "若干")
            },
        },
        Case {
            code: "CELL-BLANK",
            pass: || text(&base(Format::F2021)),
            fail: || {
                text(
                    &base(Format::F2021)
                        .with_value((A, "rejected_duplicate", "commercial"), SynthValue::Blank),
                )
            },
        },
        Case {
            code: "TABLE-MISSING",
            pass: || text(&base(Format::F2021)),
            fail: || drop_lines(&text(&base(Format::F2021)), "行政复议", Some("五、")),
        },
        Case {
            code: "TABLE-INCOMPLETE",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let t = text(&base(Format::F2021));
                let cut = t.find("5.属于三类内部事务信息").unwrap_or(t.len());
                t[..cut].to_string()
            },
        },
        Case {
            code: "ROW-CELLS-DROPPED",
            pass: || text(&base(Format::F2019)),
            fail: || {
                edit_line(&text(&base(Format::F2019)), "行政处罚", |l| {
                    l.split('|').take(2).collect::<Vec<_>>().join("|") + "|"
                })
            },
        },
        Case {
            code: "ROW-CELLS-PLACED",
            pass: || base(Format::F2021).render(Shape::CellPerLinePipes),
            fail: || {
                let mut s = base(Format::F2021);
                for col in [
                    "commercial",
                    "research",
                    "social_welfare",
                    "legal_service",
                    "other_org",
                ] {
                    s = s.with_value((A, "carried_over", col), SynthValue::Blank);
                }
                s.render(Shape::CellPerLinePipes)
            },
        },
        Case {
            code: "ROW-EXTRA-CELLS",
            pass: || text(&base(Format::F2021)),
            fail: || {
                edit_line(&text(&base(Format::F2021)), "二、上年结转", |l| {
                    format!("{} 9 |", l.trim_end_matches(['|', ' ']).to_string() + " |")
                })
            },
        },
        Case {
            code: "ROW-UNLABELED-VALUES",
            pass: || text(&base(Format::F2021)),
            fail: || {
                // A row the format does not have (其中：网上申请) between two of its rows.
                edit_line(&text(&base(Format::F2021)), "二、上年结转", |l| {
                    format!("| 其中：网上申请 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n{l}")
                })
            },
        },
        Case {
            code: "SECTION-MISSING",
            pass: || text(&base(Format::F2021)),
            fail: || drop_lines(&text(&base(Format::F2021)), "六、", None),
        },
        Case {
            code: "SECTION-ORDER",
            pass: || text(&base(Format::F2021)),
            fail: || {
                // The headings of 五 and 六 trade places: 一二三四六五.
                let t = text(&base(Format::F2021));
                let five = t
                    .lines()
                    .find(|l| l.starts_with("五、"))
                    .unwrap_or_default()
                    .to_string();
                let six = t
                    .lines()
                    .find(|l| l.starts_with("六、"))
                    .unwrap_or_default()
                    .to_string();
                t.replacen(&five, "\u{1}", 1)
                    .replacen(&six, &five, 1)
                    .replacen('\u{1}', &six, 1)
            },
        },
        Case {
            code: "FORMAT-YEAR",
            pass: || text(&base(Format::F2019)),
            fail: || {
                let mut s = base(Format::F2019);
                s.year = 2023;
                text(&s)
            },
        },
        Case {
            code: "FORMAT-MIXED",
            pass: || text(&base(Format::F2021)),
            fail: || text(&base(Format::F2021)).replacen("本年废止件数", "本年新公开数量", 1),
        },
        Case {
            code: "YEAR-MISSING",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021);
                text(&s)
                    .replace(&format!("{}", s.year), "本")
                    .replace(&format!("{}", s.year + 1), "次")
            },
        },
        Case {
            code: "NOT-A-REPORT",
            pass: || text(&base(Format::F2021)),
            // Pasted garbage: bytes of another file read as text.
            fail: || {
                "PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}\u{8}\u{0}!\u{0}ß£ÕÔ¡\nword/document.xml\n\u{1f}\u{8b}".to_string()
            },
        },
        Case {
            code: "TEXT-TABLE-MISMATCH",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021);
                let n = count(&s, A, "new_received", "total");
                text(&s).replacen(
                    &format!("共收到政府信息公开申请{n}件"),
                    &format!("共收到政府信息公开申请{}件", n + 10),
                    1,
                )
            },
        },
        Case {
            code: "T2-PUBLISHED-TOTAL",
            pass: || text(&base(Format::F2019)),
            fail: || {
                let s = base(Format::F2019);
                text(&s.with_cell(
                    (P, "regulations", "published"),
                    count(&s, P, "regulations", "total_published") + 5,
                ))
            },
        },
        Case {
            code: "T2-IN-FORCE",
            pass: || text(&base(Format::F2021)),
            fail: || {
                let s = base(Format::F2021);
                text(&s.with_cell(
                    (P, "normative_documents", "issued"),
                    count(&s, P, "normative_documents", "in_force") + 5,
                ))
            },
        },
    ]
}

/// What a snapshot records of a finding: its data, and the finding as the terminal shows
/// it (labels on their spans, the catalogue's note).
fn summary(r: &Report, code: &str, text: &str) -> serde_json::Value {
    let found: Vec<serde_json::Value> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            serde_json::json!({
                "severity": d.severity,
                "message": d.message,
                "cells": d.cells.iter().map(|c| format!("{}.{}.{}", c.table.key(), c.row, c.col)).collect::<Vec<_>>(),
                "expected": d.expected,
                "actual": d.actual,
            })
        })
        .collect();
    let rendered = nianbao::terminal::render("fixture.txt", text, r, |d| d.code == code);
    serde_json::json!({ "findings": found, "terminal": rendered.lines().collect::<Vec<_>>() })
}

#[test]
fn every_rule_passes_and_fails_on_its_fixtures() {
    for case in cases() {
        let info = CATALOGUE
            .iter()
            .find(|r| r.code == case.code)
            .unwrap_or_else(|| panic!("{} not in the catalogue", case.code));
        let pass = nianbao::check(&(case.pass)());
        assert!(
            !pass.diagnostics.iter().any(|d| d.code == case.code),
            "{}: the passing fixture is flagged: {:#?}",
            case.code,
            pass.diagnostics
                .iter()
                .filter(|d| d.code == case.code)
                .collect::<Vec<_>>()
        );
        let fail_text = (case.fail)();
        let fail = nianbao::check(&fail_text);
        let hits: Vec<_> = fail
            .diagnostics
            .iter()
            .filter(|d| d.code == case.code)
            .collect();
        assert!(
            !hits.is_empty(),
            "{}: the failing fixture is not flagged; found {:?}",
            case.code,
            fail.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
        );
        assert!(
            hits.iter().all(|d| d.severity == info.severity),
            "{}: severity differs from the catalogue",
            case.code
        );
        insta::assert_json_snapshot!(case.code, summary(&fail, case.code, &fail_text));
    }
}

#[test]
fn cross_year_carry_passes_and_fails() {
    let prev = base(Format::F2021);
    let mut cur = Synth::generate(43, Format::F2021);
    cur.year = prev.year + 1;
    // Passing: this year's 上年结转 equals last year's 结转下年度, column by column.
    let mut same = cur.clone();
    for col in [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ] {
        same = same.with_cell(
            (A, "carried_over", col),
            count(&prev, A, "carried_forward", col),
        );
    }
    let p = nianbao::check(&text(&prev));
    let carry = |ds: Vec<nianbao::Diagnostic>| -> Vec<nianbao::Diagnostic> {
        ds.into_iter()
            .filter(|d| d.code == "CROSS-YEAR-CARRY")
            .collect()
    };
    let ok = carry(nianbao::check_pair(&p, &nianbao::check(&text(&same))));
    assert!(ok.is_empty(), "{ok:#?}");
    let shifted = same.with_cell(
        (A, "carried_over", "natural_person"),
        count(&prev, A, "carried_forward", "natural_person") + 1,
    );
    let bad = carry(nianbao::check_pair(&p, &nianbao::check(&text(&shifted))));
    assert_eq!(
        bad.iter()
            .map(|d| (d.code.as_str(), d.cells[0].col))
            .collect::<Vec<_>>(),
        [("CROSS-YEAR-CARRY", "natural_person")]
    );
    assert!(bad.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn cross_year_stock_passes_fails_and_is_skipped_across_the_format_change() {
    let prev = base(Format::F2021);
    let mut cur = Synth::generate(44, Format::F2021);
    cur.year = prev.year + 1;
    // Passing: this year's 现行有效 = last year's + 本年制发 − 本年废止, for both rows.
    let mut same = cur.clone();
    for row in ["regulations", "normative_documents"] {
        let stock = count(&prev, P, row, "in_force") + count(&cur, P, row, "issued")
            - count(&cur, P, row, "repealed");
        same = same.with_cell((P, row, "in_force"), stock);
    }
    let stock = |ds: Vec<nianbao::Diagnostic>| -> Vec<nianbao::Diagnostic> {
        ds.into_iter()
            .filter(|d| d.code == "CROSS-YEAR-STOCK")
            .collect()
    };
    let p = nianbao::check(&text(&prev));
    let ok = stock(nianbao::check_pair(&p, &nianbao::check(&text(&same))));
    assert!(ok.is_empty(), "{ok:#?}");
    let off = count(&same, P, "regulations", "in_force") + 2;
    let bad = stock(nianbao::check_pair(
        &p,
        &nianbao::check(&text(&same.with_cell((P, "regulations", "in_force"), off))),
    ));
    assert_eq!(
        bad.iter()
            .map(|d| (d.code.as_str(), d.cells[0].row, d.cells[0].col))
            .collect::<Vec<_>>(),
        [("CROSS-YEAR-STOCK", "regulations", "in_force")]
    );
    assert!(bad.iter().all(|d| d.severity == Severity::Warning));
    // 2020 (2019 format) → 2021: skipped, and the skip says why.
    let mut old = base(Format::F2019);
    old.year = same.year - 1;
    let (found, skipped) = nianbao::rules::cross_year::check_pair(
        &nianbao::check(&text(&old)),
        &nianbao::check(&text(&same)),
    );
    assert!(
        !found.iter().any(|d| d.code == "CROSS-YEAR-STOCK"),
        "{found:#?}"
    );
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    assert!(skipped
        .iter()
        .all(|n| n.code == "CROSS-YEAR-STOCK" && n.message.contains("2019 年版")));
}

#[test]
fn the_catalogue_is_complete_and_documented() {
    let mut codes: Vec<&str> = CATALOGUE.iter().map(|r| r.code.as_str()).collect();
    codes.sort_unstable();
    let n = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), n, "codes are unique");
    let with_fixtures: Vec<&str> = cases()
        .iter()
        .map(|c| c.code)
        .chain(["CROSS-YEAR-CARRY", "CROSS-YEAR-STOCK"])
        .collect();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for r in CATALOGUE {
        assert!(
            !r.name_zh.is_empty() && r.explain_zh.chars().count() > 10,
            "{} is documented",
            r.code
        );
        assert!(
            r.code.as_str().is_ascii() && r.code.as_str() == r.code.as_str().to_uppercase(),
            "{}: stable ASCII code",
            r.code
        );
        assert!(
            with_fixtures.contains(&r.code.as_str()),
            "{} has passing and failing fixtures",
            r.code
        );
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", r.code.as_str())));
        let Some(line) = line else {
            panic!("README's rule list lacks {}", r.code)
        };
        assert!(
            line.contains(r.severity.name_zh()),
            "README gives {}'s severity as {}",
            r.code,
            r.severity.name_zh()
        );
    }
    let listed = readme
        .lines()
        .filter(|l| l.starts_with("| `") && l.contains("` |"))
        .count();
    assert_eq!(
        listed,
        CATALOGUE.len(),
        "README lists exactly the catalogue's rules"
    );
    // Every relation of the data table is in the catalogue.
    for rel in nianbao::rules::relations::RELATIONS {
        assert!(CATALOGUE.iter().any(|r| r.code == rel.code), "{}", rel.code);
    }
}
