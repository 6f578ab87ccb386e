//! Applications as they arrive: a folder of PDF, Word, OpenDocument, text and Markdown
//! documents, one applicant per subfolder or per file-name prefix, joined with an optional
//! applicant list, and handed on as one CSV record per applicant (a spool, as workbooks are), so
//! that every later stage works on it as on any applicant file.
//!
//! The stages, one file each: [`folder`] finds the applicants and their documents (the id
//! conventions), one extractor per format turns a document into text ([`Extract`], behind which
//! sit `pdf`, `docx`, `odt` and `plain`), [`clean`] repairs what page layout does to text
//! (ligatures, hyphenation at line ends, headers and footers repeated on every page), [`cache`]
//! keeps extracted text by the document's SHA-256 so that a rerun does not extract again, and
//! [`table`] joins the texts with the applicant list into the table and the [`Sources`] that map
//! every field offset back to its document and page or paragraph, for evidence citations.
//!
//! A document that gives no text (a scan without a text layer, an encrypted, damaged or
//! oversized file) is a [`Failure`]: named with its file, counted, and its applicant kept and
//! flagged, never silently scored as if the document said nothing.

pub mod cache;
pub mod clean;
mod docx;
pub mod folder;
mod odt;
#[cfg(feature = "pdf")]
mod pdf;
mod plain;
pub mod table;
mod zipxml;

pub use table::{Citation, DocumentDigest, DocumentOptions, DocumentsInfo, Sources, Table, read_folder};

use std::path::Path;
use std::sync::Arc;

use super::{CsvReader, DecimalMode, Encoding, InputInfo, ReadOptions};
use crate::error::{Error, Result};

use std::fmt;

/// Opens a folder of applications as a [`CsvReader`] over the joined table's spool. Records
/// are numbered as rows of the table that `profilmatch extract` writes (the header is row 1,
/// applicants follow in id order).
pub(super) fn open(folder: &Path, display: &str, options: &ReadOptions) -> Result<CsvReader> {
    let table = read_folder(folder, display, options)?;
    let spool = write_spool(&table).map_err(|source| Error::Io { path: display.into(), source })?;
    let info = InputInfo {
        path: display.to_string(),
        encoding: Encoding::Documents,
        delimiter: b',',
        decimal_comma: match options.decimal {
            DecimalMode::Auto => table.info.list_decimal_comma,
            DecimalMode::Comma => true,
            DecimalMode::Point => false,
        },
        sep_line: false,
        sheet: None,
        documents: Some(table.info),
    };
    let mut reader = CsvReader::from_spool(spool, info, 1, table.warnings)?;
    reader.sources = Some(Arc::new(table.sources));
    Ok(reader)
}

/// The joined table as CSV, in a temporary file.
fn write_spool(table: &Table) -> std::io::Result<tempfile::NamedTempFile> {
    let mut spool = tempfile::NamedTempFile::new()?;
    write_table(table, spool.as_file_mut(), false)?;
    Ok(spool)
}

/// Writes the joined table as CSV. With `neutralise`, a cell that a spreadsheet would run as a
/// formula gets a leading `'` (for a table meant to be opened in Excel); without it, cells are
/// written as read.
pub fn write_table(table: &Table, out: &mut dyn std::io::Write, neutralise: bool) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    writer.write_record(&table.header)?;
    for row in &table.rows {
        if neutralise {
            writer.write_record(row.iter().map(|cell| crate::inert::neutralise(cell).into_owned()))?;
        } else {
            writer.write_record(row)?;
        }
    }
    writer.flush()
}

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

    fn chars(&self) -> usize {
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

/// The extractor for a file name's extension (case-insensitive), or `None` for a type that is
/// not read (an image, a spreadsheet, an old binary Word file).
pub fn extractor(name: &str) -> Option<&'static dyn Extract> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        #[cfg(feature = "pdf")]
        "pdf" => Some(&pdf::Pdf),
        "docx" | "docm" => Some(&docx::Docx),
        "odt" => Some(&odt::Odt),
        "txt" | "text" => Some(&plain::Text),
        "md" | "markdown" => Some(&plain::Markdown),
        _ => None,
    }
}

/// Why a file of this name is not read, for the warning that lists it.
pub fn unsupported_reason(name: &str) -> String {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        #[cfg(not(feature = "pdf"))]
        "pdf" => "PDF support was left out of this build (cargo feature 'pdf')".into(),
        "doc" => "an old binary Word file (.doc): save it as .docx or PDF".into(),
        "csv" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            "a spreadsheet, not an application (an applicant list is given with --applicants)".into()
        }
        "jpg" | "jpeg" | "png" | "gif" | "tif" | "tiff" | "heic" | "bmp" => "an image: no text to read".into(),
        "rtf" => {
            "RTF is not read (no well-kept crate reads it well; see docs/documents.md): save it as DOCX or PDF".into()
        }
        "" => "no file type (no extension)".into(),
        other => format!("'.{other}' is not a document type profilmatch reads (PDF, DOCX, ODT, TXT, MD)"),
    }
}

/// Extracts one document's bytes with `extractor`, applying the limits and the clean-up every
/// format shares, and never panicking on the bytes: a panic inside a parser is reported as damage.
pub fn extract(extractor: &dyn Extract, bytes: &[u8], limits: &Limits) -> Result<Extracted, Failure> {
    if bytes.len() as u64 > limits.file_bytes {
        return Err(Failure::TooLarge(format!("{} bytes; the limit is {} bytes", bytes.len(), limits.file_bytes)));
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(bytes, limits)))
        .unwrap_or_else(|_| Err(Failure::Damaged(format!("the {} reader could not parse it", extractor.name()))));
    let mut extracted = result?;
    if extracted.chars() > limits.text_bytes {
        return Err(Failure::TooLarge(format!("it holds more than {} bytes of text", limits.text_bytes)));
    }
    clean::clean(&mut extracted);
    if extracted.is_blank() {
        return Err(match extracted.unit {
            Unit::Page => Failure::NoText,
            Unit::Paragraph => Failure::Damaged("it holds no text".into()),
        });
    }
    Ok(extracted)
}

/// Adds `text` to `out` unless that would pass `limit` bytes; the same limit for every format.
fn push_limited(out: &mut String, text: &str, total: &mut usize, limit: usize) -> Result<(), Failure> {
    *total += text.len();
    if *total > limit {
        return Err(Failure::TooLarge(format!("it holds more than {limit} bytes of text")));
    }
    out.push_str(text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractors_are_chosen_by_extension_whatever_the_case() {
        assert_eq!(extractor("A001/CV.DOCX").map(|e| e.name()), Some("docx"));
        assert_eq!(extractor("a.odt").map(|e| e.name()), Some("odt"));
        assert_eq!(extractor("a.Md").map(|e| e.name()), Some("markdown"));
        assert!(extractor("foto.jpg").is_none());
        assert!(extractor("README").is_none());
        assert!(unsupported_reason("gammel.doc").contains(".docx"));
        assert!(unsupported_reason("liste.xlsx").contains("--applicants"));
    }

    #[test]
    fn an_oversized_file_is_refused_before_it_is_parsed() {
        let limits = Limits { file_bytes: 10, ..Limits::default() };
        let result = extract(&plain::Text, b"budgetansvar i 12 aar", &limits);
        assert!(matches!(result, Err(Failure::TooLarge(_))), "{result:?}");
    }

    #[test]
    fn a_panicking_parser_is_reported_as_damage() {
        struct Panics;
        impl Extract for Panics {
            fn name(&self) -> &'static str {
                "test"
            }
            fn extract(&self, _: &[u8], _: &Limits) -> Result<Extracted, Failure> {
                panic!("parser bug")
            }
        }
        let result = extract(&Panics, b"x", &Limits::default());
        assert!(matches!(result, Err(Failure::Damaged(_))), "{result:?}");
    }
}
