//! Input: applicant files as Excel and recruitment systems write them.
//!
//! Encoding (UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1252), the delimiter
//! (sniffed from `, ; TAB |`, or Excel's `sep=` hint, or given), headers matched as normalised token
//! sequences, and records streamed one at a time: each one a [`Row`], so that the caller sees every
//! record, whether it is scored, rejected with its reason, or blank.
//!
//! **Encoding per file, damage per cell.** A file without a byte order mark is UTF-8 unless it is
//! not UTF-8 at all: it is read as Windows-1252 only when it holds more invalid UTF-8 sequences
//! than valid multi-byte ones (a Windows-1252 file's `æ`, `ø` and `å` are each invalid UTF-8, and
//! valid multi-byte sequences almost never occur in it by chance). A UTF-8 file with a few invalid
//! bytes stays UTF-8: each damaged cell reads its invalid sequences as U+FFFD and gets a warning
//! with its line and column ([`Kind::NotUtf8`](crate::diagnostic::Kind::NotUtf8)), and every other
//! cell reads exactly as written.
//!
//! One file per job: encoding detection and transcoding in `encoding.rs`, the delimiter in
//! `delimiter.rs`, the header in `header.rs`, the reader in `reader.rs`, the records it hands on in `record.rs`, quote
//! diagnostics in `quotes.rs`, byte offsets to lines and the second pass's fetcher in `lines.rs`,
//! numbers in `number.rs`, workbooks in `sheet.rs` (which files are workbooks in `workbook.rs`, size
//! limits in `bounds.rs`), folders of
//! applications in `documents/`, and the hints for a file that does not read as expected in
//! `diagnose.rs`. This file holds the options and what was detected, shared by all of them.

mod bounds;
mod delimiter;
pub mod diagnose;
pub mod documents;
mod encoding;
mod header;
mod lines;
mod number;
mod quotes;
mod reader;
mod record;
mod sheet;
mod workbook;

pub use bounds::{MAX_CELLS, MAX_INFLATED_BYTES, MAX_TEXT_BYTES};
pub use delimiter::{delimiter_name, sniff_small_csv};
pub use encoding::Encoding;
pub use header::Header;
pub use lines::Fetcher;
pub use number::{NumberError, parse_number};
pub use reader::CsvReader;
pub use record::{Fields, FieldsIter, RawRecord, Record, Rejected, Row, record_line};
pub use workbook::WorkbookFormat;

use delimiter::serialize_delimiter;

/// How to read decimal marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalMode {
    /// Decimal comma for `;`-delimited files, decimal point otherwise.
    #[default]
    Auto,
    /// Decimal comma: a `.` followed by exactly three digits groups thousands.
    Comma,
    /// Decimal point.
    Point,
}

/// Options for reading an applicant file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The delimiter; sniffed when `None`.
    pub delimiter: Option<u8>,
    /// The decimal convention.
    pub decimal: DecimalMode,
    /// The sheet to read from a workbook (the first when `None`).
    pub sheet: Option<String>,
    /// For a folder of applications: the applicant list, the extraction cache and the limits.
    pub documents: documents::DocumentOptions,
}

/// What was detected about an input file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputInfo {
    /// The file as the user named it.
    pub path: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// The field delimiter.
    #[serde(serialize_with = "serialize_delimiter")]
    pub delimiter: u8,
    /// Whether numbers were read with a decimal comma.
    pub decimal_comma: bool,
    /// Whether the file began with Excel's `sep=` line.
    pub sep_line: bool,
    /// The sheet read, for a workbook; line numbers are then its row numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// For a folder of applications: what was read from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<documents::DocumentsInfo>,
}
