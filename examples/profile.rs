//! Check one generated report many times (for a profiler): `cargo run --release --example profile -- SHAPE N`.
use nianbao::synth::{Shape, Synth};
use nianbao::Format;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shape = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "inline-pipes".into());
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let shape = Shape::ALL
        .iter()
        .copied()
        .find(|s| s.name() == shape)
        .unwrap_or(Shape::InlinePipes);
    let text = Synth::generate(7, Format::F2021).render(shape);
    let t = std::time::Instant::now();
    let mut errors = 0;
    for _ in 0..n {
        errors += nianbao::check(&text).summary.errors;
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "{} bytes x {n}: {:.1} MB/s ({errors} errors)",
        text.len(),
        text.len() as f64 * n as f64 / dt / 1e6
    );
}
