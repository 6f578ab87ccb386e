//! What every document format shares: a document's text by page or paragraph ([`Extracted`]),
//! why a document gave none ([`Failure`]), the limits that keep memory bounded ([`Limits`]), and
//! the trait an extractor implements ([`Extract`]). The formats (`pdf`, `docx`, `odt`, `plain`)
//! and the clean-up read these; none of them is named here.

use std::fmt;

/// What a citation counts: pages (PDF) or paragraphs (everything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Pages, counted from 1 as a PDF viewer shows them.
    Page,
    /// Paragraphs with text, counted from 1 (empty paragraphs are not counted).
    Paragraph,
}

/// A document's text, in the parts a citation names: `parts[i]` is page or paragraph `i + 1`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    /// Whether the parts are pages or paragraphs.
    pub unit: Unit,
    /// The text of each part. A PDF page without text is an empty part, so page numbers hold.
    pub parts: Vec<String>,
}

impl Extracted {
    /// Whether the document holds no letter or digit at all.
    pub fn is_blank(&self) -> bool {
        !self.parts.iter().any(|p| p.chars().any(char::is_alphanumeric))
    }

    pub(super) fn chars(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }
}

/// Why a document gave no text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Failure {
    /// A PDF without a text layer (a scan): it needs OCR before it can be read.
    NoText,
    /// The document is encrypted and cannot be opened without its password.
    Encrypted,
    /// The document cannot be read as its format: truncated, corrupt or not what its name says.
    Damaged(String),
    /// The document is over a limit (file size, pages, text, or a compressed part that unpacks
    /// to more than allowed, as a zip bomb does).
    TooLarge(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NoText => write!(f, "no text: needs OCR (a scan or an image without a text layer)"),
            Failure::Encrypted => write!(f, "encrypted: it cannot be read without its password; ask for an open copy"),
            Failure::Damaged(why) => write!(f, "damaged: {why}"),
            Failure::TooLarge(why) => write!(f, "too large: {why}"),
        }
    }
}

/// Limits that keep memory bounded whatever a document claims to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest document file read, in bytes.
    pub file_bytes: u64,
    /// The most pages read from a PDF.
    pub pages: usize,
    /// The most text kept from one document, in bytes of UTF-8.
    pub text_bytes: usize,
    /// The most bytes one compressed part (a DOCX's or ODT's XML) may unpack to.
    pub unpacked_bytes: u64,
}

impl Default for Limits {
    /// 50 MB files, 2,000 pages, 5 MB of text and 100 MB unpacked: an application is a few pages,
    /// and even a 500-page report stays well inside.
    fn default() -> Limits {
        Limits { file_bytes: 50_000_000, pages: 2_000, text_bytes: 5_000_000, unpacked_bytes: 100_000_000 }
    }
}

/// One document format: bytes in, text by page or paragraph out.
pub trait Extract: Sync {
    /// The format's name in messages and in the cache key.
    fn name(&self) -> &'static str;
    /// Reads a document's text.
    fn extract(&self, bytes: &[u8], limits: &Limits) -> Result<Extracted, Failure>;
}

/// Adds `text` to `out` unless that would pass `limit` bytes; the same limit for every format.
pub(super) fn push_limited(out: &mut String, text: &str, total: &mut usize, limit: usize) -> Result<(), Failure> {
    *total += text.len();
    if *total > limit {
        return Err(Failure::TooLarge(format!("it holds more than {limit} bytes of text")));
    }
    out.push_str(text);
    Ok(())
}
