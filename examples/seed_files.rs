//! Writes the corpus's seed report as the files people hold — `seed.docx` (zip writer, a
//! paragraph per cell line) and `seed.pdf` (Chromium's print-to-PDF) — into DIR, for the
//! end-to-end tests: `cargo run --example seed_files -- DIR`. Real reports are never
//! committed; this reads `../shared/corpus/dev/`.
#[path = "../tests/common/seed.rs"]
mod seed;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir).expect("output dir");
    let Some(docx) = seed::seed_docx() else {
        std::process::exit(3);
    };
    std::fs::write(dir.join("seed-2020-linyi-police.docx"), docx).expect("write docx");
    let Some(pdf) = seed::seed_pdf(&dir) else {
        std::process::exit(3);
    };
    println!("{}", pdf.display());
}
