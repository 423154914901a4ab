//! Print the derived text of a .docx (development aid): `cargo run --example docx_text -- FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    match std::fs::read(&path).map(|b| nianbao::ingest::read(&b)) {
        Ok(Ok(grid)) => print!("{}", grid.text()),
        Ok(Err(e)) => eprintln!("{e}"),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
