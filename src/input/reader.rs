//! The reader: [`CsvReader`] opens an applicant file (a folder of documents and a workbook go to their
//! own readers, which hand back a CSV spool), reads the header and streams the records, each a
//! [`Row`]: scored, rejected with its reason, or blank. Every record keeps its physical line and
//! byte offset, so that a second pass can fetch it again ([`super::Fetcher`]).

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use super::delimiter::sniff_delimiter;
use super::encoding::{Encoding, decode_prefix, detect_encoding, read_prefix, transcode};
use super::header::Header;
use super::lines::{Fetcher, LineReader};
use super::quotes::{QuoteProblem, scan_quotes};
use super::record::{RawRecord, Rejected, Row, is_blank, record_line};
use super::{DecimalMode, InputInfo, ReadOptions, WorkbookFormat, diagnose, documents, sheet};
use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};

/// Streams the records of an applicant file.
///
/// Input that is not plain UTF-8 is first transcoded to a temporary UTF-8 file, so that every
/// record has a byte offset that a second pass can seek to (see [`Fetcher`]).
pub struct CsvReader {
    inner: csv::Reader<LineReader<File>>,
    header: Header,
    info: InputInfo,
    record: csv::ByteRecord,
    data: Arc<File>,
    _spool: Option<Arc<tempfile::NamedTempFile>>,
    warnings: Vec<Diagnostic>,
    /// For a workbook's spool: the sheet row of the next record (one record per row), which
    /// line numbers are instead of physical lines (a cell may hold line breaks).
    sheet_row: Option<u64>,
    /// For a folder of applications: where each record's text came from.
    pub(super) sources: Option<Arc<documents::Sources>>,
}

impl std::fmt::Debug for CsvReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvReader").field("info", &self.info).finish()
    }
}

const SNIFF_BYTES: usize = 64 * 1024;

impl CsvReader {
    /// Opens `path` (named `display` in messages), detects its encoding and delimiter and reads the header.
    pub fn open(path: &Path, display: &str, options: &ReadOptions) -> Result<CsvReader> {
        if path.is_dir() {
            return documents::open(path, display, options);
        }
        if options.documents.list.is_some() {
            return Err(Error::Usage(format!(
                "--applicants joins an applicant list with a folder of applications, and {display} is not a folder"
            )));
        }
        diagnose::check_content(path, display, WorkbookFormat::of(path))?;
        if let Some(format) = WorkbookFormat::of(path) {
            return sheet::open(path, display, format, options);
        }
        if options.sheet.is_some() {
            return Err(Error::Usage(format!(
                "--sheet: {display} is not a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods)"
            )));
        }
        let io_error = |source| Error::Io { path: display.into(), source };
        let encoding = detect_encoding(path).map_err(io_error)?;
        let prefix = read_prefix(path, SNIFF_BYTES).map_err(io_error)?;
        let text = decode_prefix(&prefix, encoding);
        let (hint, sniffed) = sniff_delimiter(&text);
        let delimiter = options.delimiter.or(hint).unwrap_or(sniffed);
        let decimal_comma = match options.decimal {
            DecimalMode::Auto => delimiter == b';',
            DecimalMode::Comma => true,
            DecimalMode::Point => false,
        };
        // UTF-8 is read as it is (the csv reader skips a byte order mark), so that a damaged
        // cell is found and warned about as the record is read, BOM or not.
        let spool = match encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => None,
            _ => Some(Arc::new(transcode(path, encoding).map_err(io_error)?)),
        };
        let data = spool.as_ref().map_or(path.to_path_buf(), |s| s.path().to_path_buf());
        let info = InputInfo {
            path: display.to_string(),
            encoding,
            delimiter,
            decimal_comma,
            sep_line: hint.is_some(),
            sheet: None,
            documents: None,
        };
        CsvReader::over(&data, info, spool, Vec::new(), None)
    }

    /// A reader over a workbook sheet's CSV spool, whose records are the sheet's rows from `first_row` on.
    pub(crate) fn from_spool(
        spool: tempfile::NamedTempFile,
        info: InputInfo,
        first_row: u64,
        warnings: Vec<Diagnostic>,
    ) -> Result<CsvReader> {
        let data = spool.path().to_path_buf();
        CsvReader::over(&data, info, Some(Arc::new(spool)), warnings, Some(first_row))
    }

    /// A reader over UTF-8 CSV `data` (the input itself or a spool of it), with its header read.
    fn over(
        data: &Path,
        info: InputInfo,
        spool: Option<Arc<tempfile::NamedTempFile>>,
        warnings: Vec<Diagnostic>,
        sheet_row: Option<u64>,
    ) -> Result<CsvReader> {
        let io_error = |source| Error::Io { path: info.path.clone().into(), source };
        let inner = csv_reader(info.delimiter).from_reader(LineReader::new(File::open(data).map_err(io_error)?));
        let data = Arc::new(File::open(data).map_err(io_error)?);
        let mut reader = CsvReader {
            inner,
            header: Header::empty(),
            info,
            record: csv::ByteRecord::new(),
            data,
            _spool: spool,
            warnings,
            sheet_row,
            sources: None,
        };
        reader.read_header()?;
        Ok(reader)
    }

    fn read_header(&mut self) -> Result<()> {
        if self.info.sep_line {
            self.read_raw()?;
        }
        if !self.read_raw()? {
            return Err(Error::input(Location::file(&self.info.path), "the file is empty: no header row"));
        }
        let (line, start) = self.record_start();
        if let Some(problem) = self.check_quotes(line, start).into_iter().find(QuoteProblem::is_unterminated) {
            let message = problem.diagnose(&self.info.path, line, &self.header, &self.record).message();
            return Err(Error::input(Location::line(self.info.path.clone(), line), message));
        }
        let names = self.record.iter().map(|name| String::from_utf8_lossy(name).into_owned()).collect();
        self.header = Header::new(names, &Location::line(self.info.path.clone(), line))?;
        Ok(())
    }

    fn record_start(&mut self) -> (u64, u64) {
        let offset = self.record.position().map_or(0, |p| p.byte());
        let (start, line) = self.inner.get_mut().record_start(offset);
        match &mut self.sheet_row {
            Some(row) => {
                *row += 1;
                (*row - 1, start)
            }
            None => (line, start),
        }
    }

    fn read_raw(&mut self) -> Result<bool> {
        self.inner.read_byte_record(&mut self.record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::input(Location::line(self.info.path.clone(), line), e.to_string())
        })
    }

    /// How many bytes of the (UTF-8) data have been read.
    pub fn position(&self) -> u64 {
        self.inner.position().byte()
    }

    /// The size of the (UTF-8) data in bytes (0 when unknown).
    pub fn len(&self) -> u64 {
        self.data.metadata().map_or(0, |m| m.len())
    }

    /// Whether the data is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// For a folder of applications: where each record's text came from, by record line.
    pub fn sources(&self) -> Option<Arc<documents::Sources>> {
        self.sources.clone()
    }

    /// The header row.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// What was detected about the file.
    pub fn info(&self) -> &InputInfo {
        &self.info
    }

    /// The next record, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row>> {
        Ok(match self.next_raw_row()? {
            None => None,
            Some(Row::Record(raw)) => Some(Row::Record(raw.into_record())),
            Some(Row::Rejected(r)) => Some(Row::Rejected(r)),
            Some(Row::Blank { line }) => Some(Row::Blank { line }),
        })
    }

    /// The next record with its fields as bytes, or `None` at the end of the file: what the
    /// reading thread of a parallel pass hands on, leaving the UTF-8 check to the workers.
    pub fn next_raw_row(&mut self) -> Result<Option<Row<RawRecord>>> {
        if !self.read_raw()? {
            return Ok(None);
        }
        let (line, offset) = self.record_start();
        for problem in self.check_quotes(line, offset) {
            let diagnostic = problem.diagnose(&self.info.path, line, &self.header, &self.record);
            if problem.is_unterminated() {
                return Ok(Some(Row::Rejected(Rejected { line, reason: Box::new(diagnostic), raw: self.raw_line() })));
            }
            self.warnings.push(diagnostic);
        }
        if self.record.iter().all(is_blank) {
            return Ok(Some(Row::Blank { line }));
        }
        let expected = self.header.names().len();
        if self.record.len() != expected {
            let kind = Kind::FieldCount { found: self.record.len(), expected };
            let reason = Box::new(Diagnostic::new(Location::line(self.info.path.clone(), line), kind));
            return Ok(Some(Row::Rejected(Rejected { line, reason, raw: self.raw_line() })));
        }
        Ok(Some(Row::Record(RawRecord { line, offset, fields: self.record.clone() })))
    }

    /// Warnings about the records read so far (quotes the csv format cannot represent), each with
    /// file, line and field, and, for a workbook, about its error cells; taking them empties the list.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.warnings)
    }

    /// Quote problems in the bytes of the record just read, which starts on `line` at `start`.
    fn check_quotes(&self, line: u64, start: u64) -> Vec<QuoteProblem> {
        let end = self.inner.position().byte();
        let bytes = self.inner.get_ref().bytes(start, end);
        // Most records hold no quote at all: nothing to scan.
        if memchr::memchr(b'"', bytes).is_none() {
            return Vec::new();
        }
        scan_quotes(bytes, self.info.delimiter, line)
    }

    /// A reader of the same data that fetches records by offset, from any thread.
    pub fn fetcher(&self) -> Fetcher {
        Fetcher::new(Arc::clone(&self.data), self.info.delimiter, self.info.path.clone(), self._spool.clone())
    }

    fn raw_line(&self) -> String {
        record_line(self.record.iter(), self.info.delimiter)
    }
}

fn csv_reader(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true).delimiter(delimiter).buffer_capacity(256 * 1024);
    builder
}
