//! Writes the hostile Word packages of `tests/common/hostile.rs` into DIR for the page's
//! end-to-end test: `bomb.docx` (a 400 MB `document.xml` deflated to ~400 KB) and
//! `many-entries.docx` (one entry over `limits::MAX_ZIP_ENTRIES`):
//! `cargo run --example hostile_files -- DIR`.
#[path = "../tests/common/hostile.rs"]
mod hostile;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir).expect("output dir");
    let bomb = hostile::bomb(400 << 20);
    std::fs::write(dir.join("bomb.docx"), &bomb).expect("write bomb");
    let many = hostile::many_entries(nianbao::ingest::limits::MAX_ZIP_ENTRIES + 1);
    std::fs::write(dir.join("many-entries.docx"), &many).expect("write many");
    println!(
        "bomb.docx {} bytes, many-entries.docx {} bytes",
        bomb.len(),
        many.len()
    );
}
