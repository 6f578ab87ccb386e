//! Writes a synthetic PDF of N pages to standard output, for the memory and throughput figures in
//! docs/performance.md: `cargo run --release --example bigpdf -- 200 > big/A1\ cv.pdf`.

#[path = "../tests/common/pdf.rs"]
mod pdf;

use std::io::Write;

fn main() {
    let pages = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200);
    let bytes = pdf::pdf(pages);
    if let Err(e) = std::io::stdout().write_all(&bytes) {
        eprintln!("bigpdf: {e}");
        std::process::exit(1);
    }
}
