//! The fuzzer's short fixed-seed pass (the long runs are `nianbao-fuzz`, README §Fuzzing):
//! the same mutators and entry points (`nianbao::fuzz`) over the same seeds, checking only
//! that nothing panics; time and heap are measured by the binary in an optimised build.

// Unwinding and the file system are native-only.
#![cfg(not(target_arch = "wasm32"))]

use nianbao::fuzz::{exercise, partner, synth_seeds, Seeds};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Inputs per run: a few seconds in a debug build.
const EXECS: u64 = 500;
const SEED: u64 = 20_261_202;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "html") {
            out.push(p);
        }
    }
}

#[test]
fn fuzz_fixed_seed_pass_finds_no_panic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("../shared/corpus/dev"), &mut paths);
    paths.sort();
    let mut seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    seeds.extend(synth_seeds().into_iter().map(|(_, b)| b));
    let seeds = Seeds::new(seeds);
    let partner = partner();
    let mut failures = Vec::new();
    for index in 0..EXECS {
        let input = seeds.input(SEED, index);
        if catch_unwind(AssertUnwindSafe(|| exercise(&input, index, &partner))).is_err() {
            let path = std::env::temp_dir().join(format!("nianbao-fuzz-{SEED}-{index}.bin"));
            let _ = std::fs::write(&path, &input);
            failures.push(format!(
                "input {index} panicked (saved to {}; replay: nianbao-fuzz --seed {SEED} --only {index})",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
