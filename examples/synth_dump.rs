//! Print a synthetic report in one shape (development aid): `cargo run --example synth_dump -- SEED 2019|2021 SHAPE`.
use nianbao::synth::{Shape, Synth};
use nianbao::Format;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let format = if args.get(2).map(|s| s.as_str()) == Some("2019") {
        Format::F2019
    } else {
        Format::F2021
    };
    let shape = args.get(3).cloned().unwrap_or_else(|| "tabs".into());
    let Some(shape) = Shape::ALL.iter().find(|s| s.name() == shape) else {
        eprintln!(
            "shapes: {:?}",
            Shape::ALL.iter().map(|s| s.name()).collect::<Vec<_>>()
        );
        return;
    };
    let s = Synth::generate(seed, format);
    let s = if args.get(4).map(|a| a == "blanks").unwrap_or(false) {
        s.with_blanks(seed)
    } else {
        s
    };
    print!("{}", s.render(*shape));
}
