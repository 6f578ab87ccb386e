//! PDF: the text layer, page by page, read with pdf-extract (over lopdf). A page is one part, so
//! citations name PDF pages as a viewer numbers them. docs/extraction.md has the measurements
//! that chose this crate. A document encrypted with an empty user password (only an owner
//! password, "no printing" and the like) is read; one that needs a password to open is refused.

use lopdf::Document;
use pdf_extract::{PlainTextOutput, output_doc_page};

use super::{Extract, Extracted, Failure, Limits, Unit};

/// The PDF extractor.
pub(super) struct Pdf;

impl Extract for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extract(&self, bytes: &[u8], limits: &Limits) -> Result<Extracted, Failure> {
        if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(4).any(|w| w == b"%PDF") {
            return Err(Failure::Damaged("it is not a PDF (no %PDF header)".into()));
        }
        let mut document = Document::load_mem(bytes).map_err(|e| failure(&e))?;
        if document.is_encrypted() && document.decrypt("").is_err() {
            return Err(Failure::Encrypted);
        }
        let pages = document.get_pages();
        if pages.len() > limits.pages {
            return Err(Failure::TooLarge(format!("{} pages; the limit is {}", pages.len(), limits.pages)));
        }
        let (mut parts, mut total, mut first_error) = (Vec::with_capacity(pages.len()), 0, None);
        for &number in pages.keys() {
            let mut text = String::new();
            if let Err(e) = output_doc_page(&document, &mut PlainTextOutput::new(&mut text), number) {
                first_error.get_or_insert_with(|| format!("page {number}: {e}"));
                text.clear();
            }
            total += text.len();
            if total > limits.text_bytes {
                return Err(Failure::TooLarge(format!("it holds more than {} bytes of text", limits.text_bytes)));
            }
            parts.push(text);
        }
        let extracted = Extracted { unit: Unit::Page, parts };
        // Pages that failed to parse and left nothing are damage, not a scan.
        match first_error {
            Some(error) if extracted.is_blank() => Err(Failure::Damaged(format!("its pages cannot be read ({error})"))),
            _ => Ok(extracted),
        }
    }
}

fn failure(error: &lopdf::Error) -> Failure {
    let text = error.to_string();
    if text.to_ascii_lowercase().contains("decrypt") || text.to_ascii_lowercase().contains("password") {
        Failure::Encrypted
    } else {
        Failure::Damaged(format!("its PDF structure cannot be read ({text})"))
    }
}
