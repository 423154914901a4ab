//! The known content of the DOCX fixtures (`scripts/make-docx-fixtures.sh` turns it into
//! .docx files with python-docx): for each fixture a generated report rendered as a
//! portal page (`Shape::Html`, the format's rowspan/colspan merges), every cell the
//! report holds, and the relations planted broken. Also the 2019 table layout the seed
//! report's cells are laid into. Prints JSON: `cargo run --example docx_source`.
use nianbao::synth::{broken_relations, cell_keys, Shape, Synth, SynthValue};
use nianbao::{Format, TableId};
use serde_json::{json, Value};

fn table(id: TableId) -> &'static str {
    match id {
        TableId::Proactive => "proactive",
        TableId::Applications => "applications",
        TableId::Disputes => "disputes",
    }
}

/// The first seed from `from` whose page has the plain dialect (no `<th>`, `<br>`,
/// zero-width spaces, header placeholders or layout table): the converter lays cells
/// into Word tables one to one, and features are added on the Word side.
fn plain(from: u64, format: Format) -> Synth {
    (from..from + 500)
        .map(|seed| Synth::generate(seed, format))
        .find(|s| {
            let h = s.render(Shape::Html);
            !h.contains("<th")
                && !h.contains("<br>")
                && !h.contains('\u{200b}')
                && !h.contains("class=\"layout\"")
                && !h.contains("\"></td>")
                && h.contains("<!DOCTYPE")
        })
        .unwrap_or_else(|| Synth::generate(from, format))
}

fn fixture(name: &str, features: &[&str], s: &Synth) -> Value {
    let cells: Vec<Value> = cell_keys(s.format)
        .into_iter()
        .map(|k| {
            let v = s.get(k.0, k.1, k.2).unwrap_or(SynthValue::Blank);
            let state = match v {
                SynthValue::Count(_) | SynthValue::Amount { .. } => "number",
                SynthValue::Blank => "blank",
                SynthValue::Na(_) => "na",
                SynthValue::Text(_) => "text",
            };
            json!([table(k.0), k.1, k.2, state, v.value()])
        })
        .collect();
    let errors: Vec<Value> = broken_relations(s)
        .into_iter()
        .map(|(code, k)| json!([code.as_str(), table(k.0), k.1, k.2]))
        .collect();
    json!({
        "name": name,
        "format": if s.format == Format::F2019 { "2019" } else { "2021" },
        "year": s.year,
        "features": features,
        "html": s.render(Shape::Html),
        "cells": cells,
        "errors": errors,
    })
}

fn main() {
    let f2019 = plain(40, Format::F2019);
    let f2019_bad = f2019.with_cell((TableId::Applications, "granted", "total"), 1_000_000);
    let f2021 = plain(60, Format::F2021)
        .with_blanks(3)
        .with_value(
            (TableId::Applications, "denied_state_secret", "research"),
            SynthValue::Na("/"),
        )
        .with_value(
            (TableId::Proactive, "normative_documents", "in_force"),
            SynthValue::Na("/"),
        );
    let review = f2021
        .get(TableId::Disputes, "review", "total")
        .and_then(|v| v.value())
        .unwrap_or(0.0) as i64;
    let f2021_bad = f2021.with_cell((TableId::Disputes, "review", "total"), review + 3);
    let nested = plain(80, Format::F2021);
    let clean = plain(100, Format::F2019);
    let fixtures = vec![
        fixture(
            "f2019-numbered",
            &["numbering", "split-runs", "merges"],
            &f2019_bad,
        ),
        fixture(
            "f2021-blanks",
            &["numbering-thousand", "split-runs", "merges", "sdt", "field"],
            &f2021_bad,
        ),
        fixture(
            "f2021-layout",
            &[
                "numbering",
                "merges",
                "layout",
                "textbox",
                "tracked",
                "breaks",
            ],
            &nested,
        ),
        fixture("f2019-plain", &["merges"], &clean),
    ];
    let out = json!({
        "fixtures": fixtures,
        "layout_2019": plain(7, Format::F2019).render(Shape::Html),
    });
    println!("{out}");
}
