//! The generator's own invariants: consistency, every value and label written, every
//! dialect reachable, HTML well formed.

use super::render::dialect::{Dialect, PipeDialect};
use super::render::table::occupancy;
use super::*;
use crate::codes::Code;
use crate::normalize::fold_text;
use crate::schema::APPLICANT_COLUMNS;
use crate::value::parse_value;

fn seeds() -> impl Iterator<Item = (u64, Format)> {
    (0..40u64).flat_map(|s| [(s, Format::F2019), (s, Format::F2021)])
}

#[test]
fn generated_reports_are_consistent_and_complete() {
    for (seed, format) in seeds() {
        let s = Synth::generate(seed, format);
        assert_eq!(broken_relations(&s), vec![], "seed {seed} {format:?}");
        assert_eq!(s.values.len(), cell_keys(format).len());
        for key in cell_keys(format) {
            let v = s.values.get(&key).copied();
            assert!(
                matches!(v, Some(SynthValue::Count(_) | SynthValue::Amount { .. })),
                "{key:?}: {v:?}"
            );
            if let Some(SynthValue::Count(n)) = v {
                assert!(n >= 0 || key.2 == "change", "{key:?} = {n}");
            }
        }
        let (lo, hi) = format.years();
        assert!(s.year >= lo && s.year <= hi.min(2025));
    }
}

#[test]
fn magnitudes_are_varied() {
    let all: Vec<i64> = seeds()
        .flat_map(|(seed, f)| Synth::generate(seed, f).values.into_values())
        .filter_map(|v| {
            if let SynthValue::Count(n) = v {
                Some(n)
            } else {
                None
            }
        })
        .collect();
    assert!(
        all.iter().filter(|n| **n == 0).count() > all.len() / 10,
        "zeros occur"
    );
    assert!(all.iter().any(|n| *n >= 1_000_000), "large numbers occur");
    assert!(all.iter().any(|n| *n < 0), "2019 change may be negative");
}

#[test]
fn altering_a_cell_breaks_its_relations() {
    let s = Synth::generate(3, Format::F2021);
    let t = s.with_cell(
        (TableId::Applications, "granted", "natural_person"),
        1_000_001,
    );
    let broken = broken_relations(&t);
    let codes: Vec<Code> = broken.iter().map(|b| b.0).collect();
    assert_eq!(codes, vec![Code::T3RowTotal, Code::T3ResultTotal]);
    assert_eq!(s.with_cell((TableId::Applications, "nope", "x"), 5), s);
}

/// The text a value has in a rendering of `shape` (its style and thousands grouping).
fn styled_value(s: &Synth, shape: Shape, v: SynthValue) -> String {
    let (base, style) = s.resolve(shape);
    style.apply(&v.text(style.thousands(base)))
}

#[test]
fn cell_text_is_what_is_written() {
    let s = Synth::generate(3, Format::F2019);
    for shape in Shape::ALL {
        let text = s.render(shape);
        let text = if s.resolve(shape).0.is_html() {
            strip_tags(&text)
        } else {
            text
        };
        for key in s.values.keys() {
            let want = s.cell_text(shape, *key).unwrap_or_default();
            assert!(text.contains(&want), "{shape} {key:?}");
        }
    }
    let signed = (0..30)
        .map(|seed| Synth::generate(seed, Format::F2019))
        .find(|s| {
            s.seed % 3 == 0
                && s.values
                    .iter()
                    .any(|(k, v)| k.2 == "change" && matches!(v, SynthValue::Count(n) if *n > 0))
        });
    let s = signed.expect("a signed increase");
    assert!(s.render(Shape::InlinePipes).contains("| +"));
}

#[test]
fn every_shape_contains_every_value_and_label() {
    for (seed, format) in seeds().take(16) {
        let s = Synth::generate(seed, format);
        for shape in Shape::ALL {
            let text = s.render(shape);
            assert_eq!(text, s.render(shape), "deterministic");
            let text = if s.resolve(shape).0.is_html() {
                strip_tags(&text)
            } else {
                text
            };
            for (key, v) in &s.values {
                let want = styled_value(&s, shape, *v);
                assert!(
                    text.contains(&want),
                    "{shape} seed {seed}: {key:?} = {want:?} not written"
                );
            }
            let folded = fold_text(&text).replace('\u{200b}', "");
            for label in [
                "总计",
                "自然人",
                "行政复议",
                "结果维持",
                "信息内容",
                "第二十条第(六)项",
            ] {
                assert!(folded.contains(label), "{shape}: {label}");
            }
        }
    }
}

#[test]
fn values_read_back_through_the_value_parser() {
    for (seed, format) in seeds().take(20) {
        let s = Synth::generate(seed, format);
        for shape in [Shape::Tabs, Shape::FullWidth, Shape::InlinePipes] {
            for v in s.values.values() {
                let read = parse_value(&styled_value(&s, shape, *v));
                assert_eq!(read.value, v.value(), "{shape}: {v:?}");
                assert_eq!(read.unit.as_deref(), v.unit(), "{shape}: {v:?}");
            }
        }
    }
}

#[test]
fn traditional_characters_fold_back() {
    // Every character the traditional shape writes folds back to what its base shape writes
    // (the generator inverts the checker's own table, `normalize::to_traditional`).
    for (seed, format) in seeds().take(16) {
        let s = Synth::generate(seed, format);
        let base = s.render(s.base_shape(Shape::Traditional));
        let traditional = s.render(Shape::Traditional);
        assert_ne!(traditional, base);
        assert_eq!(fold_text(&traditional), fold_text(&base), "seed {seed}");
    }
    let s = Synth::generate(1, Format::F2019);
    let t = s.render(Shape::Traditional);
    assert!(
        t.contains("總計") && t.contains("處理"),
        "{}",
        &t[..200.min(t.len())]
    );
}

#[test]
fn full_width_has_no_ascii_digits_in_values() {
    let s = Synth::generate(5, Format::F2021);
    let t = s.render(Shape::FullWidth);
    assert!(t.contains("（一）"));
    assert!(t.chars().any(|c| ('０'..='９').contains(&c)));
}

/// Tags nest: every `<table>`, `<tr>`, `<td>` closes inside its parent, and every row
/// of every table covers exactly the table's width once spans are laid out.
fn check_html_tables(html: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = html;
    let mut widths: Vec<Vec<usize>> = Vec::new();
    let mut pending_rowspans: Vec<Vec<(usize, usize)>> = Vec::new();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let attr = |a: &str| -> usize {
            tag.split(|c: char| c.is_whitespace())
                .find_map(|p| p.strip_prefix(a))
                .and_then(|v| v.trim_matches(|c| c == '"' || c == '\'').parse().ok())
                .unwrap_or(1)
        };
        let closing = tag.starts_with('/');
        // A header cell is a cell.
        let name = if name == "th" { "td".to_string() } else { name };
        match (name.as_str(), closing) {
            ("table", false) => {
                stack.push("table");
                widths.push(Vec::new());
                pending_rowspans.push(Vec::new());
            }
            ("tr", false) => {
                assert_eq!(stack.last(), Some(&"table"), "tr outside table");
                stack.push("tr");
                // Positions still covered by rowspans from above.
                let covered = pending_rowspans
                    .last()
                    .map(|p| p.iter().map(|(w, _)| *w).sum())
                    .unwrap_or(0);
                if let Some(w) = widths.last_mut() {
                    w.push(covered);
                }
            }
            ("td", false) => {
                assert_eq!(stack.last(), Some(&"tr"), "td outside tr");
                stack.push("td");
                let (cs, rs) = (attr("colspan="), attr("rowspan="));
                if let Some(w) = widths.last_mut().and_then(|w| w.last_mut()) {
                    *w += cs;
                }
                if rs > 1 {
                    if let Some(p) = pending_rowspans.last_mut() {
                        p.push((cs, rs));
                    }
                }
            }
            ("tr", true) => {
                assert_eq!(stack.pop(), Some("tr"));
                if let Some(p) = pending_rowspans.last_mut() {
                    // A rowspan made in this row starts counting down after it.
                    for e in p.iter_mut() {
                        e.1 -= 1;
                    }
                    p.retain(|e| e.1 > 0);
                }
            }
            ("td", true) => assert_eq!(stack.pop(), Some("td")),
            ("table", true) => {
                assert_eq!(stack.pop(), Some("table"));
                let w = widths.pop().unwrap_or_default();
                assert!(w.windows(2).all(|p| p[0] == p[1]), "ragged table: {w:?}");
                pending_rowspans.pop();
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn html_tables_are_balanced_and_rectangular() {
    for (seed, format) in seeds().take(8) {
        let s = Synth::generate(seed, format);
        for shape in [Shape::Html, Shape::WordHtml] {
            let html = s.render(shape);
            let style = s.resolve(shape).1;
            let page = shape == Shape::Html && !style.dialect.fragment;
            let chrome = usize::from(page) * (1 + usize::from(style.dialect.layout_table));
            assert_eq!(html.matches("<table").count(), 3 + chrome, "{shape}");
            check_html_tables(&html);
        }
        let blank = s.with_blanks(seed).render(Shape::WordHtml);
        check_html_tables(&blank);
    }
}

#[test]
fn blanks_are_written_as_empty_cells() {
    let s = Synth::generate(11, Format::F2021);
    let b = s.with_blanks(1);
    assert!(b.values.values().any(|v| v.is_blank()));
    assert_eq!(broken_relations(&b), vec![]);
    assert!(b.render(Shape::WordHtml).contains("&nbsp;</o:p>"));
    assert!(b.render(Shape::InlinePipes).contains("| |"));
}

#[test]
fn inline_pipes_mark_rowspan_continuations() {
    let marked = (0..64)
        .map(|seed| Synth::generate(seed, Format::F2021))
        .find(|s| s.resolve(Shape::InlinePipes).1.dialect.pipes == PipeDialect::Marked);
    let s = marked.expect("a report in the marked dialect");
    let text = s.render(Shape::InlinePipes);
    assert!(
        text.lines()
            .any(|l| l.starts_with("| | 2.其他法律行政法规禁止公开 |")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("| (二)部分公开")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("第二十条第(一)项 | |||")),
        "{text}"
    );
}

#[test]
fn every_dialect_occurs() {
    let dialects: Vec<Dialect> = (0..64)
        .map(|seed| {
            Synth::generate(seed, Format::F2019)
                .resolve(Shape::Html)
                .1
                .dialect
        })
        .collect();
    for d in [PipeDialect::Marked, PipeDialect::Bare, PipeDialect::Padded] {
        assert!(dialects.iter().any(|x| x.pipes == d), "{d:?}");
    }
    /// A dialect choice by name.
    type Choice = (&'static str, fn(&Dialect) -> bool);
    let choices: [Choice; 17] = [
        ("cell_runs", |d| d.cell_runs),
        ("indented_numbers", |d| d.indented_numbers),
        ("phantom_rows", |d| d.phantom_rows),
        ("word_tabs", |d| d.word_tabs),
        ("header_placeholders", |d| d.header_placeholders),
        ("th_headers", |d| d.th_headers),
        ("thousands", |d| d.thousands),
        ("mirror_words", |d| d.mirror_words),
        ("fragment", |d| d.fragment),
        ("text_chrome", |d| d.text_chrome),
        ("layout_table", |d| d.layout_table),
        ("pdf_split_headers", |d| d.pdf_split_headers),
        ("crlf", |d| d.crlf),
        ("nbsp_values", |d| d.nbsp_values),
        ("zero_width_spaces", |d| d.zero_width_spaces),
        ("markdown_bare", |d| d.markdown_bare),
        ("header_breaks", |d| d.header_breaks),
    ];
    for (name, choice) in choices {
        assert!(
            dialects.iter().any(choice) && dialects.iter().any(|d| !choice(d)),
            "{name}"
        );
    }
}

#[test]
fn header_placeholders_keep_tables_rectangular() {
    let s = Synth::generate(0, Format::F2021);
    for t in [
        s.applications_table(
            s.resolve(Shape::Html).1,
            false,
            Shape::Html,
            &mut Rng::new(1),
        ),
        s.disputes_table(s.resolve(Shape::Html).1, false),
    ] {
        let p = t.with_header_placeholders();
        let grid = occupancy(&p);
        assert!(
            grid.iter().all(|row| row.iter().all(|slot| slot.is_some())),
            "every position covered once"
        );
        assert_eq!(
            p.expanded()
                .iter()
                .flatten()
                .filter(|c| !c.is_empty())
                .count(),
            t.expanded()
                .iter()
                .flatten()
                .filter(|c| !c.is_empty())
                .count()
        );
    }
}

#[test]
fn next_year_carries_over() {
    for (seed, format) in seeds().take(20) {
        let s = Synth::generate(seed, format);
        let n = s.next_year(seed + 1);
        assert_eq!(broken_relations(&n), vec![], "seed {seed}");
        assert_eq!(n.year, s.year + 1);
        for col in APPLICANT_COLUMNS.iter() {
            assert_eq!(
                n.get(TableId::Applications, "carried_over", col.key),
                s.get(TableId::Applications, "carried_forward", col.key)
            );
        }
    }
}

#[test]
fn corpus_covers_every_shape() {
    let c = corpus(20, 9);
    for shape in Shape::ALL {
        assert!(c.iter().any(|(s, _)| *s == shape));
    }
}

#[test]
fn padding_reaches_the_size() {
    let s = Synth::generate(4, Format::F2019);
    let t = s.render_padded(Shape::InlinePipes, 200_000);
    assert!(t.len() >= 200_000);
    assert!(t.contains("(七)总计"));
}
