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
//! with its line and column ([`Kind::NotUtf8`]), and every other
//! cell reads exactly as written.

mod bounds;
pub mod diagnose;
pub mod documents;
mod lines;
mod number;
mod sheet;

pub use bounds::{MAX_CELLS, MAX_INFLATED_BYTES, MAX_TEXT_BYTES};
pub use lines::Fetcher;
pub use number::{NumberError, parse_number};
pub use sheet::WorkbookFormat;

use lines::LineReader;

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};
use crate::text::token_key;

/// The text encoding an input file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 with a byte order mark.
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    /// UTF-16, little-endian, with a byte order mark.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Windows-1252, Danish Excel's default, assumed for a file that is not UTF-8 at all (see the
    /// module documentation).
    #[serde(rename = "Windows-1252")]
    Windows1252,
    /// A spreadsheet workbook: cells are read as values, not bytes (see [`WorkbookFormat`]).
    #[serde(rename = "workbook")]
    Workbook,
    /// A folder of application documents, joined into a table (see [`documents`]).
    #[serde(rename = "documents")]
    Documents,
}

impl Encoding {
    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Workbook => "workbook",
            Encoding::Documents => "documents",
        }
    }
}

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

fn serialize_delimiter<S: serde::Serializer>(d: &u8, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&delimiter_name(*d))
}

/// A delimiter as shown to users: `,`, `;`, `TAB` or `|`.
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "TAB".to_string(),
        d => char::from(d).to_string(),
    }
}

/// The header row: names as written, and the normalised keys they are matched by.
#[derive(Debug, Clone)]
pub struct Header {
    names: Vec<String>,
    keys: Vec<String>,
}

impl Header {
    /// Builds a header, failing when two names normalise alike.
    pub fn new(names: Vec<String>, location: &Location) -> Result<Header> {
        let keys: Vec<String> = names.iter().map(|n| token_key(n)).collect();
        let mut clashes = Vec::new();
        // A map, not a pairwise search: a header may have 100,000 columns.
        let mut first: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for (i, key) in keys.iter().enumerate() {
            match first.get(key.as_str()) {
                Some(&j) => {
                    clashes.push(format!("'{}' (column {}) and '{}' (column {})", names[j], j + 1, names[i], i + 1))
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
        if !clashes.is_empty() {
            if let Some(message) = diagnose::title_row(&names) {
                return Err(Error::input(location.clone(), message));
            }
            let message = format!("duplicate column names (compared as normalised words): {}", clashes.join(", "));
            return Err(Error::input(location.clone(), message));
        }
        Ok(Header { names, keys })
    }

    /// The column names as written.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the column a name refers to, compared as normalised token sequences.
    pub fn find(&self, name: &str) -> Option<usize> {
        let key = token_key(name);
        self.keys.iter().position(|k| *k == key)
    }

    /// Up to three column names closest to `name`, best first, for a "did you mean" hint.
    pub fn closest(&self, name: &str) -> Vec<&str> {
        let key = token_key(name);
        let mut scored: Vec<(f64, usize)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (strsim::normalized_levenshtein(&key, k), i))
            .filter(|(s, _)| *s >= 0.4)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(3).map(|(_, i)| self.names[i].as_str()).collect()
    }
}

/// One record of an applicant file, as the reader met it. `R` is a [`Record`] (fields as text) or,
/// from [`CsvReader::next_raw_row`], a [`RawRecord`] (fields as bytes, checked as text later).
#[derive(Debug, Clone)]
pub enum Row<R = Record> {
    /// A record with as many fields as the header.
    Record(R),
    /// A record that cannot be scored, with the reason.
    Rejected(Rejected),
    /// A record whose fields are all empty or whitespace (skipped, but counted).
    Blank {
        /// The line it starts on.
        line: u64,
    },
}

/// A well-formed record.
#[derive(Debug, Clone)]
pub struct Record {
    /// The 1-based line the record starts on.
    pub line: u64,
    /// The byte offset where the record starts in the (UTF-8) data read, for a second pass.
    pub offset: u64,
    /// Its fields, one per header column.
    pub fields: csv::StringRecord,
    /// The fields that held bytes that are not UTF-8 (read as U+FFFD): (0-based field, number of
    /// invalid sequences). Empty for almost every record.
    pub damaged: Vec<(usize, usize)>,
}

impl Record {
    /// A record from its fields as bytes: a field that is not UTF-8 reads each invalid sequence as
    /// U+FFFD and is listed in [`Record::damaged`]; every other field reads exactly as written.
    pub fn decode(line: u64, offset: u64, raw: csv::ByteRecord) -> Record {
        match csv::StringRecord::from_byte_record(raw) {
            Ok(fields) => Record { line, offset, fields, damaged: Vec::new() },
            Err(e) => {
                let raw = e.into_byte_record();
                let mut fields = csv::StringRecord::with_capacity(raw.as_slice().len(), raw.len());
                let mut damaged = Vec::new();
                for (i, field) in raw.iter().enumerate() {
                    let invalid = field.utf8_chunks().filter(|chunk| !chunk.invalid().is_empty()).count();
                    if invalid > 0 {
                        damaged.push((i, invalid));
                    }
                    fields.push_field(&String::from_utf8_lossy(field));
                }
                Record { line, offset, fields, damaged }
            }
        }
    }
}

/// A well-formed record whose fields are still bytes: [`RawRecord::into_record`] decodes them
/// (so that the check can run on the thread that scores it, not the one that reads).
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// The 1-based line the record starts on.
    pub line: u64,
    /// The byte offset where the record starts in the (UTF-8) data read.
    pub offset: u64,
    /// Its fields, one per header column.
    pub fields: csv::ByteRecord,
}

impl RawRecord {
    /// The record with its fields as text (see [`Record::decode`]).
    pub fn into_record(self) -> Record {
        Record::decode(self.line, self.offset, self.fields)
    }
}

/// A record that was not scored.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// The 1-based line the record starts on.
    pub line: u64,
    /// Why it was rejected.
    pub reason: Box<Diagnostic>,
    /// The record's fields, re-written as a CSV line in the input's delimiter (for `--rejects`).
    pub raw: String,
}

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
    sources: Option<Arc<documents::Sources>>,
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
            header: Header { names: Vec::new(), keys: Vec::new() },
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
        let expected = self.header.names.len();
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

/// A quote in a record that the csv format reads differently from what the writer meant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct QuoteProblem {
    /// The physical line of the quote.
    line: u64,
    /// The 1-based field it is in.
    field: usize,
    /// What happened.
    kind: QuoteKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum QuoteKind {
    /// The quote opened here is never closed: the field ran to the end of the file, swallowing
    /// this many following lines.
    Unterminated { swallowed_lines: u64 },
    /// Text follows a closing quote (`"5" diskette`): the csv format joins it to the field.
    TextAfterQuote,
}

impl QuoteProblem {
    fn is_unterminated(&self) -> bool {
        matches!(self.kind, QuoteKind::Unterminated { .. })
    }

    /// The problem as a diagnostic of the record starting on `record_line` of `path`: a rejection
    /// for an unterminated quote (located at the record), a warning quoting the cell otherwise
    /// (located at the quote's line and field).
    fn diagnose(&self, path: &str, record_line: u64, header: &Header, record: &csv::ByteRecord) -> Diagnostic {
        let field = self.field;
        let mut diagnostic = match self.kind {
            QuoteKind::Unterminated { swallowed_lines } => Diagnostic::new(
                Location::line(path, record_line),
                Kind::UnterminatedQuote { line: self.line, field, swallowed_lines },
            ),
            QuoteKind::TextAfterQuote => {
                let location = Location { path: path.to_string(), line: Some(self.line), column: Some(field as u64) };
                Diagnostic::new(location, Kind::TextAfterQuote)
                    .value(String::from_utf8_lossy(record.get(field - 1).unwrap_or(b"")))
            }
        };
        diagnostic.column = header.names.get(field - 1).cloned();
        diagnostic
    }
}

/// Finds quote problems in one record's raw bytes, mirroring the csv crate's reading: a quote
/// opens a quoted field only at the start of a field, `""` inside it is a quote, and a quoted field
/// left open at the end of the data runs to the end of the file.
///
/// It jumps from quote to quote and from delimiter to delimiter (`memchr`), and counts lines only
/// where a problem is found: a record of long quoted text costs little more than its quotes.
fn scan_quotes(bytes: &[u8], delimiter: u8, first_line: u64) -> Vec<QuoteProblem> {
    let line_at = |position: usize| first_line + line_ends(&bytes[..position]);
    let mut problems = Vec::new();
    let mut field = 1;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            // A quoted field: find its closing quote, stepping over doubled quotes.
            let opened = i;
            i += 1;
            loop {
                let Some(quote) = memchr::memchr(b'"', &bytes[i..]).map(|k| i + k) else {
                    let line = line_at(opened);
                    let last_ends_line = bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r'));
                    let swallowed_lines = first_line + line_ends(bytes) - line - u64::from(last_ends_line);
                    problems.push(QuoteProblem { line, field, kind: QuoteKind::Unterminated { swallowed_lines } });
                    return problems;
                };
                if bytes.get(quote + 1) == Some(&b'"') {
                    i = quote + 2;
                    continue;
                }
                i = quote + 1;
                if let Some(&next) = bytes.get(i)
                    && next != delimiter
                    && next != b'\r'
                    && next != b'\n'
                {
                    problems.push(QuoteProblem { line: line_at(quote), field, kind: QuoteKind::TextAfterQuote });
                }
                break;
            }
        }
        // The rest of the field is read as written, quotes included: on to the next delimiter.
        match memchr::memchr(delimiter, &bytes[i..]) {
            Some(k) => {
                i += k + 1;
                field += 1;
            }
            None => break,
        }
    }
    problems
}

/// The number of line ends (`\r\n`, `\n`, `\r`) in `bytes`.
fn line_ends(bytes: &[u8]) -> u64 {
    memchr::memchr2_iter(b'\r', b'\n', bytes).filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')).count()
        as u64
}

/// Whether a field is empty or whitespace only (as `str::trim` sees it), decided on its bytes.
fn is_blank(field: &[u8]) -> bool {
    // The ASCII characters that `char::is_whitespace` accepts: TAB, LF, VT, FF, CR and space.
    match field.iter().find(|&&b| !(b == b' ' || (b'\t'..=b'\r').contains(&b))) {
        None => true,
        Some(b) if b.is_ascii() => false,
        // Non-ASCII whitespace (a no-break space, say) is rare: decide it as text.
        Some(_) => std::str::from_utf8(field).is_ok_and(|s| s.trim().is_empty()),
    }
}

/// A record written back as one CSV line (without its terminator), quoted as needed.
pub fn record_line<I, F>(fields: I, delimiter: u8) -> String
where
    I: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(fields);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).trim_end_matches(['\r', '\n']).to_string()
}

fn csv_reader(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true).delimiter(delimiter).buffer_capacity(256 * 1024);
    builder
}

/// Writes a UTF-8 copy (without BOM) of a file in another encoding.
fn transcode(path: &Path, encoding: Encoding) -> io::Result<tempfile::NamedTempFile> {
    let mut spool = tempfile::NamedTempFile::new()?;
    let mut decoded = decoded_reader(File::open(path)?, encoding);
    {
        let mut out = io::BufWriter::new(spool.as_file_mut());
        io::copy(&mut decoded, &mut out)?;
        out.flush()?;
    }
    Ok(spool)
}

fn detect_encoding(path: &Path) -> io::Result<Encoding> {
    let prefix = read_prefix(path, 4)?;
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8Bom);
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return Ok(Encoding::Utf16Le);
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return Ok(Encoding::Utf16Be);
    }
    let evidence = utf8_evidence(path)?;
    Ok(if evidence.is_utf8() { Encoding::Utf8 } else { Encoding::Windows1252 })
}

/// What a file's bytes say about UTF-8: how many valid multi-byte sequences and how many invalid
/// sequences it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Utf8Evidence {
    multibyte: u64,
    invalid: u64,
}

impl Utf8Evidence {
    /// UTF-8 unless invalid sequences outnumber valid multi-byte ones: one stray byte in a Danish
    /// UTF-8 file does not turn every `æ` into `Ã¦`, while a Windows-1252 file (whose every Danish
    /// letter is an invalid sequence, and which has no valid multi-byte sequence but by chance) is
    /// still read as Windows-1252.
    fn is_utf8(self) -> bool {
        self.invalid <= self.multibyte
    }

    fn count(&mut self, bytes: &[u8]) {
        // The common case, a block that is all valid UTF-8: `from_utf8` checks it many bytes at a
        // time, and a byte count gives its multi-byte sequences, where walking `utf8_chunks` costs
        // several instructions a byte. The result is the same.
        if std::str::from_utf8(bytes).is_ok() {
            // Lead bytes (0xC0 and up) counted in blocks of 255 with byte-wide sums, which
            // vectorise; a valid sequence has exactly one.
            let lead = |block: &[u8]| block.iter().fold(0u8, |n, &b| n + u8::from(b >= 0xC0));
            self.multibyte += bytes.chunks(255).map(|block| u64::from(lead(block))).sum::<u64>();
            return;
        }
        self.count_chunks(bytes);
    }

    /// [`Utf8Evidence::count`] chunk by chunk: valid runs and invalid sequences in turn.
    fn count_chunks(&mut self, bytes: &[u8]) {
        for chunk in bytes.utf8_chunks() {
            self.multibyte += chunk.valid().bytes().filter(|b| *b >= 0xC0).count() as u64;
            self.invalid += u64::from(!chunk.invalid().is_empty());
        }
    }
}

/// Counts a file's valid multi-byte and invalid UTF-8 sequences, block by block, so that memory
/// stays bounded.
fn utf8_evidence(path: &Path) -> io::Result<Utf8Evidence> {
    let mut file = File::open(path)?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut carried = 0;
    let mut evidence = Utf8Evidence::default();
    loop {
        let n = file.read(&mut buffer[carried..])?;
        let filled = carried + n;
        // A sequence cut at the end of the block is carried into the next one (at most 3 bytes).
        let keep = if n == 0 { 0 } else { incomplete_tail(&buffer[..filled]) };
        evidence.count(&buffer[..filled - keep]);
        buffer.copy_within(filled - keep..filled, 0);
        carried = keep;
        if n == 0 {
            return Ok(evidence);
        }
    }
}

/// How many bytes at the end of `bytes` begin a UTF-8 sequence that the next block may complete.
fn incomplete_tail(bytes: &[u8]) -> usize {
    let start = bytes.len().saturating_sub(3);
    for i in (start..bytes.len()).rev() {
        let needed = match bytes[i] {
            0x80..=0xBF => continue,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        let have = bytes.len() - i;
        return if have < needed { have } else { 0 };
    }
    0
}

fn read_prefix(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::with_capacity(limit);
    File::open(path)?.take(limit as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

fn encoding_of(encoding: Encoding) -> &'static encoding_rs::Encoding {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        // A workbook's spool is written in UTF-8.
        Encoding::Workbook | Encoding::Documents => encoding_rs::UTF_8,
    }
}

fn decode_prefix(bytes: &[u8], encoding: Encoding) -> String {
    let (text, _, _) = encoding_of(encoding).decode(bytes);
    text.trim_start_matches('\u{feff}').to_string()
}

fn decoded_reader(file: File, encoding: Encoding) -> Box<dyn Read + Send> {
    let buffered = BufReader::with_capacity(256 * 1024, file);
    match encoding {
        Encoding::Utf8 => Box::new(buffered),
        _ => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_of(encoding)))
                .bom_override(true)
                .strip_bom(true)
                .build(buffered),
        ),
    }
}

/// The delimiter of a small CSV text read whole (a judgements file), as an applicant file's is
/// sniffed, and the text after Excel's `sep=` line when it has one.
pub fn sniff_small_csv(text: &str) -> (u8, &str) {
    match sniff_delimiter(text) {
        (Some(hint), _) => (hint, text.split_once('\n').map_or("", |(_, rest)| rest)),
        (None, sniffed) => (sniffed, text),
    }
}

/// Excel's `sep=` hint on the first line, and otherwise the candidate that occurs most often
/// outside quotes on the first line (`,` on a tie or when none occurs).
fn sniff_delimiter(text: &str) -> (Option<u8>, u8) {
    let first_line = text.split(['\n', '\r']).next().unwrap_or("");
    if let Some(rest) = first_line.trim().strip_prefix("sep=").or_else(|| first_line.trim().strip_prefix("SEP="))
        && let [byte] = rest.as_bytes()
    {
        return (Some(*byte), *byte);
    }
    let candidates = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    (None, candidates[best])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn utf8_evidence_of_valid_blocks_equals_the_chunk_count() {
        // "Økonomi æ" holds two valid multi-byte sequences (Ø, æ) and no invalid one; the
        // three-byte "€" one more.
        for text in ["", "plain ascii", "Økonomi æ", "x€y", "ØØØ"] {
            let (mut fast, mut chunks) = (Utf8Evidence::default(), Utf8Evidence::default());
            fast.count(text.as_bytes());
            chunks.count_chunks(text.as_bytes());
            assert_eq!(fast, chunks, "{text:?}");
        }
        let mut evidence = Utf8Evidence::default();
        evidence.count("Økonomi æ".as_bytes());
        assert_eq!(evidence, Utf8Evidence { multibyte: 2, invalid: 0 });
        // A Windows-1252 "æ" (0xE6) before a space is invalid: the chunk count takes over.
        evidence.count(b"\xE6 x");
        assert_eq!(evidence, Utf8Evidence { multibyte: 2, invalid: 1 });
    }

    /// The scan as first written, a byte at a time: what the memchr version must equal.
    fn scan_quotes_plainly(bytes: &[u8], delimiter: u8, first_line: u64) -> Vec<QuoteProblem> {
        let mut problems = Vec::new();
        let (mut line, mut field) = (first_line, 1);
        let mut field_start = true;
        let mut open: Option<(u64, usize)> = None;
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            let newline = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if open.is_some() {
                if byte == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    open = None;
                    if let Some(&next) = bytes.get(i + 1)
                        && next != delimiter
                        && next != b'\r'
                        && next != b'\n'
                    {
                        problems.push(QuoteProblem { line, field, kind: QuoteKind::TextAfterQuote });
                    }
                }
            } else if field_start && byte == b'"' {
                open = Some((line, field));
            } else if byte == delimiter {
                field += 1;
                field_start = true;
                i += 1;
                continue;
            }
            field_start = false;
            if newline {
                line += 1;
            }
            i += 1;
        }
        if let Some((opened, open_field)) = open {
            let swallowed_lines = line - opened - u64::from(bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')));
            problems.push(QuoteProblem {
                line: opened,
                field: open_field,
                kind: QuoteKind::Unterminated { swallowed_lines },
            });
        }
        problems
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_fast_quote_scan_equals_the_plain_one(
            bytes in proptest::collection::vec(prop::sample::select(b"a;,\"\r\n ".to_vec()), 0..40),
            delimiter in prop::sample::select(vec![b',', b';']),
        ) {
            prop_assert_eq!(scan_quotes(&bytes, delimiter, 3), scan_quotes_plainly(&bytes, delimiter, 3));
        }
    }

    #[test]
    fn sniffs_the_most_frequent_delimiter_of_the_first_line() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), (None, b';'));
        assert_eq!(sniff_delimiter("a,b\n"), (None, b','));
        assert_eq!(sniff_delimiter("a\tb\tc"), (None, b'\t'));
        assert_eq!(sniff_delimiter("\"x;y\",b,c"), (None, b','));
        assert_eq!(sniff_delimiter("sep=;\na,b"), (Some(b';'), b';'));
    }

    #[test]
    fn header_names_match_as_token_sequences() {
        let header = Header::new(vec!["Aar_Politisk".into(), "budget_mio".into()], &Location::file("x")).unwrap();
        assert_eq!(header.find("aar politisk"), Some(0));
        assert_eq!(header.find("AAR-POLITISK"), Some(0));
        assert_eq!(header.closest("budget_mi"), vec!["budget_mio"]);
    }

    #[test]
    fn a_quote_left_open_is_found_with_its_line_and_field() {
        // Opened on line 2, field 4; the record then runs over lines 3 and 4 to the end of the data.
        let problems = scan_quotes(b"1,Ann,5,\"budget\n2,Bo,3,x\n3,Cy,4,y\n", b',', 2);
        let expected = QuoteProblem { line: 2, field: 4, kind: QuoteKind::Unterminated { swallowed_lines: 2 } };
        assert_eq!(problems, vec![expected]);
    }

    #[test]
    fn text_after_a_closing_quote_is_found_on_its_physical_line() {
        let problems = scan_quotes(b"\"a\nb\",\"5\" diskette\n", b',', 7);
        assert_eq!(problems, vec![QuoteProblem { line: 8, field: 2, kind: QuoteKind::TextAfterQuote }]);
    }

    #[test]
    fn well_formed_quotes_are_no_problem() {
        for record in [&b"\"a,b\",\"x\"\"y\"\"\",\"\"\r\n"[..], b"say \"hi\",2\n", b"\"\"\"\"\n", b"\"line\rbreak\"\r"]
        {
            assert_eq!(scan_quotes(record, b',', 1), vec![], "{}", String::from_utf8_lossy(record));
        }
    }

    #[test]
    fn a_hundred_thousand_header_names_are_checked_in_linear_time() {
        let mut names: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        names.push("C99999".into());
        let err = Header::new(names, &Location::line("x.csv", 1)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("'c99999' (column 100000) and 'C99999' (column 100001)"), "{err}");
    }

    #[test]
    fn duplicate_headers_are_an_error() {
        let err = Header::new(vec!["Navn".into(), "navn ".into()], &Location::line("x.csv", 1)).unwrap_err();
        assert!(err.to_string().contains("'Navn' (column 1) and 'navn ' (column 2)"), "{err}");
    }
}
