//! Print the layout text a PDF is read into, then the cells of each grid row (development
//! aid): `cargo run --example pdf_layout -- FILE.pdf [--cells]`.
use nianbao::ingest;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdf_layout FILE.pdf [--cells]");
        return;
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    match ingest::read(&bytes) {
        Ok(grid) => {
            print!("{}", grid.text());
            if args.iter().any(|a| a == "--cells") {
                for row in grid.rows.iter() {
                    let cells: Vec<&str> = row.cells.iter().map(|c| c.text).collect();
                    println!("{cells:?}");
                }
            }
        }
        Err(e) => eprintln!("{path}: {e}"),
    }
}
