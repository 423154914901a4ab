//! Print a generated report with sparse 表三 rows in one shape (development aid):
//! `cargo run --example sparse_dump -- SEED 2019|2021 SHAPE`.
use nianbao::synth::{Shape, Synth};
use nianbao::Format;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let format = if args.get(2).map(String::as_str) == Some("2019") {
        Format::F2019
    } else {
        Format::F2021
    };
    let shape = args.get(3).cloned().unwrap_or_else(|| "markdown".into());
    let s = Synth::generate(seed, format).with_sparse_rows(seed);
    let Some(shape) = Shape::ALL
        .iter()
        .chain(Shape::EXTRA.iter())
        .find(|sh| sh.to_string() == shape)
    else {
        eprintln!("unknown shape {shape}");
        return;
    };
    print!("{}", s.render(*shape));
}
