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
//! `extracted.rs` holds what the formats share (the text, the failures, the limits, the trait) and
//! `formats.rs` chooses the extractor by extension and runs it ([`extract`]); this file opens a
//! folder as a reader.
//!
//! A document that gives no text (a scan without a text layer, an encrypted, damaged or
//! oversized file) is a [`Failure`]: named with its file, counted, and its applicant kept and
//! flagged, never silently scored as if the document said nothing.

pub mod cache;
pub mod clean;
mod docx;
mod extracted;
pub mod folder;
mod formats;
mod odt;
#[cfg(feature = "pdf")]
mod pdf;
mod plain;
pub mod table;
mod zipxml;

pub use extracted::{Extract, Extracted, Failure, Limits, Unit};
pub use formats::{extract, extractor, unsupported_reason};
pub use table::{Citation, DocumentDigest, DocumentOptions, DocumentsInfo, Sources, Table, read_folder};

use std::path::Path;
use std::sync::Arc;

use super::{CsvReader, DecimalMode, Encoding, InputInfo, ReadOptions};
use crate::error::{Error, Result};

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
