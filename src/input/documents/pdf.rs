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
        check_streams(bytes, limits)?;
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

/// Refuses a PDF with a compressed stream that inflates past the limit (a PDF "zip bomb"), before
/// lopdf inflates streams whole: every `stream … endstream` of the raw file is inflated into
/// nothing, counting bytes, and no more than the limit is inflated from any one stream.
fn check_streams(bytes: &[u8], limits: &Limits) -> Result<(), Failure> {
    use std::io::Read;
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"stream") {
        let start = at + found + b"stream".len();
        at = start;
        // `stream` is followed by CRLF or LF (`endstream` is not, and is passed over).
        let rest = &bytes[start..];
        let skip = if rest.starts_with(b"\r\n") {
            2
        } else if rest.starts_with(b"\n") {
            1
        } else {
            continue;
        };
        let body = &rest[skip..];
        let end = memchr::memmem::find(body, b"endstream").unwrap_or(body.len());
        let mut inflated = flate2::read::ZlibDecoder::new(&body[..end]).take(limits.unpacked_bytes + 1);
        let size = std::io::copy(&mut inflated, &mut std::io::sink()).unwrap_or(0);
        if size > limits.unpacked_bytes {
            return Err(Failure::TooLarge(format!(
                "a compressed stream inflates to more than {} bytes (a zip bomb?)",
                limits.unpacked_bytes
            )));
        }
        at = start + skip + end;
    }
    Ok(())
}

fn failure(error: &lopdf::Error) -> Failure {
    let text = error.to_string();
    if text.to_ascii_lowercase().contains("decrypt") || text.to_ascii_lowercase().contains("password") {
        Failure::Encrypted
    } else {
        Failure::Damaged(format!("its PDF structure cannot be read ({text})"))
    }
}
