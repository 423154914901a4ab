//! Time the pipeline's phases on one generated report (development aid):
//! `cargo run --profile bench-native --example phases -- SHAPE N`.
use nianbao::synth::{Shape, Synth};
use nianbao::Format;
use std::time::Instant;

/// The bench's allocator (the CLI's, see Cargo.toml), so that profiles of this example
/// count what the bench measures.
#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shape = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "inline-pipes".into());
    let n: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let shape = Shape::ALL
        .iter()
        .copied()
        .find(|s| s.name() == shape)
        .unwrap_or(Shape::InlinePipes);
    let text = Synth::generate(7, Format::F2021).render(shape);
    let (mut t_read, mut t_bind, mut t_rules) = (0f64, 0f64, 0f64);
    for _ in 0..n {
        let t0 = Instant::now();
        let grid = nianbao::ingest::read_text(&text);
        let t1 = Instant::now();
        let (mut report, facts) = nianbao::bind::bind(&grid);
        let t2 = Instant::now();
        nianbao::rules::check(&mut report, &grid, &facts);
        let t3 = Instant::now();
        t_read += (t1 - t0).as_secs_f64();
        t_bind += (t2 - t1).as_secs_f64();
        t_rules += (t3 - t2).as_secs_f64();
    }
    let us = |t: f64| t / n as f64 * 1e6;
    println!(
        "{} bytes: read {:.1} µs, bind {:.1} µs, rules {:.1} µs, total {:.1} µs = {:.1} MB/s",
        text.len(),
        us(t_read),
        us(t_bind),
        us(t_rules),
        us(t_read + t_bind + t_rules),
        text.len() as f64 / (t_read + t_bind + t_rules) * n as f64 / 1e6
    );
}
