//! Check synthetic reports in every shape and print what does not read back (development aid):
//! `cargo run --example synth_check -- SEEDS`.
use nianbao::synth::{cell_keys, Shape, Synth};
use nianbao::{CellState, Format, Severity};

fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for seed in 0..seeds {
        for format in [Format::F2019, Format::F2021] {
            let s = Synth::generate(seed, format);
            for shape in Shape::ALL {
                let text = s.render(shape);
                let r = nianbao::check(&text);
                let errs: Vec<String> = r
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                let mut wrong = Vec::new();
                for key in cell_keys(format) {
                    let (t, row, col) = key;
                    let want = s.get(t, row, col).and_then(|v| v.value());
                    let got = r
                        .tables
                        .get(t)
                        .and_then(|tb| tb.cell(row, col))
                        .filter(|c| c.state == CellState::Number)
                        .and_then(|c| c.value);
                    if want != got {
                        wrong.push(format!(
                            "{}.{}.{} want {:?} got {:?}",
                            t.key(),
                            row,
                            col,
                            want,
                            got
                        ));
                    }
                }
                if !errs.is_empty() || !wrong.is_empty() || r.format != Some(format) {
                    println!(
                        "seed {seed} {:?} {}: format {:?}, {} errors, {} wrong cells",
                        format,
                        shape.name(),
                        r.format,
                        errs.len(),
                        wrong.len()
                    );
                    for e in errs.iter().take(3) {
                        println!("    {e}");
                    }
                    for w in wrong.iter().take(4) {
                        println!("    {w}");
                    }
                }
            }
        }
    }
}
