//! The extraction probe (benches/extraction/README.md): prints one candidate crate's text of a PDF,
//! page by page, and its time on stderr. A measuring tool, not product code: it unwraps freely.
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (which, path) = (&args[1], &args[2]);
    let start = Instant::now();
    let pages: Vec<String> = match which.as_str() {
        "pdf-extract" => {
            let bytes = std::fs::read(path).unwrap();
            match pdf_extract::extract_text_from_mem_by_pages(&bytes) { Ok(p) => p, Err(e) => { eprintln!("error: {e}"); vec![] } }
        }
        "lopdf" => {
            let doc = lopdf::Document::load(path).unwrap();
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            pages.iter().map(|p| doc.extract_text(&[*p]).unwrap_or_else(|e| format!("<error {e}>"))).collect()
        }
        "pdf_oxide" => {
            let mut doc = pdf_oxide::PdfDocument::open(path).unwrap();
            let n = doc.page_count().unwrap();
            (0..n).map(|i| doc.extract_text(i).unwrap_or_else(|e| format!("<error {e}>"))).collect()
        }
        _ => panic!(),
    };
    let elapsed = start.elapsed();
    for (i, p) in pages.iter().enumerate() { println!("=== page {}\n{}", i + 1, p); }
    eprintln!("{which}: {} pages in {:.3}s", pages.len(), elapsed.as_secs_f64());
}
