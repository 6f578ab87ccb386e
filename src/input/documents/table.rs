//! The applicants' table: the applicant list's columns joined on the id with one text column per
//! document kind, and, beside it, the [`Sources`] that say which document and which page or
//! paragraph every stretch of a text column came from.
//!
//! Joining: an applicant with documents but no row in the list is kept, with the list's columns
//! blank; an applicant in the list without documents is kept and scored on the list's columns.
//! Both are flagged (a warning on the row, shown in every output) and named on standard error.
//! Several documents of one kind (two CVs) are joined in file-name order, each starting a new
//! paragraph, and a citation still names the right one.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::cache::{Cache, Entry, digest};
use super::folder::{DocumentFile, Scan, scan};
use super::{Extracted, Failure, Limits, Unit, extract, extractor};
use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};
use crate::input::{CsvReader, InputInfo, ReadOptions, Row};
use crate::text::token_key;

/// Where a stretch of text came from: a document and its page or paragraph.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    /// The document, relative to the applications folder (`A001/cv.pdf`).
    pub document: String,
    /// Whether `number` counts pages or paragraphs.
    pub unit: Unit,
    /// The page or paragraph, from 1.
    pub number: u32,
}

impl Citation {
    /// `A001/cv.pdf, page 2`, in the words given for a page and a paragraph.
    pub fn describe(&self, page: &str, paragraph: &str) -> String {
        let unit = match self.unit {
            Unit::Page => page,
            Unit::Paragraph => paragraph,
        };
        format!("{}, {unit} {}", self.document, self.number)
    }
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe("page", "paragraph"))
    }
}

/// For every record of the table, by line: the documents behind each text column and the
/// applicant's flags.
#[derive(Debug, Default)]
pub struct Sources {
    rows: FxHashMap<u64, RowSource>,
}

#[derive(Debug, Default)]
struct RowSource {
    flags: Vec<Flag>,
    fields: Vec<FieldSource>,
}

/// A problem with one applicant's documents: the document's file name, when it concerns one,
/// kept apart from the words, so that blind output can hide the name (it may hold the applicant's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The document's file name.
    pub document: Option<String>,
    /// What is wrong.
    pub problem: String,
}

impl Flag {
    fn new(problem: &str) -> Flag {
        Flag { document: None, problem: problem.to_string() }
    }
}

/// One text column of one applicant: where each part starts, in byte offsets of the column's text.
#[derive(Debug)]
struct FieldSource {
    column: String,
    documents: Vec<(String, Unit)>,
    /// `(offset where the part starts, index into documents, page or paragraph number)`, by offset.
    parts: Vec<(usize, u32, u32)>,
}

impl Sources {
    /// The document, and its page or paragraph, that byte `offset` of column `column` of the
    /// record on `line` came from; `None` for text that did not come from a document.
    pub fn cite(&self, line: u64, column: &str, offset: usize) -> Option<Citation> {
        let field = self.rows.get(&line)?.fields.iter().find(|f| f.column == column)?;
        let at = field.parts.partition_point(|(start, _, _)| *start <= offset).checked_sub(1)?;
        let (_, document, number) = field.parts[at];
        let (name, unit) = &field.documents[document as usize];
        Some(Citation { document: name.clone(), unit: *unit, number })
    }

    /// What is wrong with the documents of the applicant on `line` (a scan, a missing list row).
    pub fn flags(&self, line: u64) -> &[Flag] {
        self.rows.get(&line).map_or(&[], |r| r.flags.as_slice())
    }
}

/// What was read from a folder of applications: for the summary, the run record and exit codes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DocumentsInfo {
    /// The applicant list, when one was given, with its digest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<DocumentDigest>,
    /// Whether the list's numbers are read with a decimal comma (a `;`-delimited list).
    #[serde(skip)]
    pub list_decimal_comma: bool,
    /// Applicants (the union of the list's ids and the folder's).
    pub applicants: usize,
    /// Documents found of a type profilmatch reads.
    pub documents: usize,
    /// Of those, the ones that gave text.
    pub read: usize,
    /// Of those, the ones that gave none (scans, encrypted, damaged, oversized), each named.
    pub failed: usize,
    /// Of those read or failed, the ones taken from the extraction cache.
    pub cached: usize,
    /// Files passed over (types not read, links), each named.
    pub skipped: usize,
    /// Pages read from PDFs.
    pub pages: usize,
    /// Every document, with its SHA-256: what the ranking was computed from.
    pub files: Vec<DocumentDigest>,
}

/// A document and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentDigest {
    /// Relative to the applications folder.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes (empty when it could not be read).
    pub sha256: String,
}

/// The joined table, ready to be written as CSV.
#[derive(Debug, Default)]
pub struct Table {
    /// Column names: the list's, then one per document kind.
    pub header: Vec<String>,
    /// One row per applicant, in id order.
    pub rows: Vec<Vec<String>>,
    /// Where the text came from, by the line each row has in the table (the header is line 1).
    pub sources: Sources,
    /// Messages about the folder as a whole, for standard error.
    pub warnings: Vec<Diagnostic>,
    /// Counts and digests.
    pub info: DocumentsInfo,
}

/// Reads a folder of applications (named `display` in messages) into the joined table.
pub fn read_folder(folder: &Path, display: &str, options: &ReadOptions) -> Result<Table> {
    let list = match &options.documents.list {
        Some(path) => {
            let list_options = ReadOptions { documents: DocumentOptions::default(), ..options.clone() };
            Some(read_list(path, &list_options)?)
        }
        None => None,
    };
    let known: Option<Vec<String>> = list.as_ref().map(|l| l.rows.iter().map(|r| r.id.clone()).collect());
    let found = scan(folder, display, known.as_deref(), options.documents.list.as_deref())?;
    let extracted = extract_all(&found, &options.documents);
    Ok(assemble(display, list, found, extracted))
}

/// How to read a folder of applications: the applicant list, the cache and the limits.
#[derive(Debug, Clone, Default)]
pub struct DocumentOptions {
    /// The applicant list to join on the id (read with the other [`ReadOptions`]).
    pub list: Option<std::path::PathBuf>,
    /// Where extracted text is kept.
    pub cache: Cache,
    /// The limits on each document.
    pub limits: Limits,
}

/// The applicant list, read whole (lists are a few hundred rows).
struct List {
    display: String,
    info: InputInfo,
    digest: DocumentDigest,
    header: Vec<String>,
    id_column: usize,
    rows: Vec<ListRow>,
    warnings: Vec<Diagnostic>,
}

struct ListRow {
    id: String,
    fields: Vec<String>,
}

fn read_list(path: &Path, options: &ReadOptions) -> Result<List> {
    let display = path.display().to_string();
    let mut reader = CsvReader::open(path, &display, options)?;
    let header = reader.header().names().to_vec();
    let id_column = reader.header().find("id").ok_or_else(|| {
        Error::input(
            Location::line(display.clone(), 1),
            format!(
                "the applicant list has no 'id' column to join the documents on; its columns are {}",
                header.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    let mut rows = Vec::new();
    let mut warnings = reader.take_warnings();
    let mut lines: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    while let Some(row) = reader.next_row()? {
        match row {
            Row::Record(record) => {
                let fields: Vec<String> = record.fields.iter().map(str::to_string).collect();
                let id = fields[id_column].trim().to_string();
                if id.is_empty() {
                    warnings.push(Diagnostic::new(Location::line(&display, record.line), Kind::ListRowWithoutId));
                    continue;
                }
                lines.entry(id.clone()).or_default().push(record.line);
                rows.push(ListRow { id, fields });
            }
            Row::Rejected(rejected) => {
                let kind = Kind::LeftOutOfJoin { reason: rejected.reason };
                warnings.push(Diagnostic::new(Location::line(&display, rejected.line), kind))
            }
            Row::Blank { .. } => {}
        }
    }
    let duplicates: Vec<String> = lines
        .iter()
        .filter(|(_, l)| l.len() > 1)
        .map(|(id, l)| format!("'{id}' on lines {}", l.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")))
        .collect();
    if !duplicates.is_empty() {
        return Err(Error::input(
            Location::file(display),
            format!("duplicate applicant ids: {}", duplicates.join("; ")),
        ));
    }
    let info = reader.info().clone();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let digest = DocumentDigest { path: display.clone(), bytes: bytes.len() as u64, sha256: digest(&bytes) };
    Ok(List { display, info, digest, header, id_column, rows, warnings })
}

/// One document's outcome: its digest, size, and text or failure, and whether it came from the cache.
struct Outcome {
    digest: String,
    bytes: u64,
    entry: Entry,
    cached: bool,
}

/// Extracts every document in parallel (each worker holds one document at a time).
fn extract_all(found: &Scan, options: &DocumentOptions) -> Vec<Vec<Outcome>> {
    found
        .applicants
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|documents| documents.iter().map(|d| extract_one(d, options)).collect())
        .collect()
}

fn extract_one(document: &DocumentFile, options: &DocumentOptions) -> Outcome {
    let failed = |failure| Outcome { digest: String::new(), bytes: 0, entry: Err(failure), cached: false };
    let Some(extractor) = extractor(&document.name) else {
        return failed(Failure::Damaged("not a document type profilmatch reads".into()));
    };
    // Check the size before reading: a 10 GB file is refused without being loaded.
    let size = std::fs::metadata(&document.path).map(|m| m.len()).unwrap_or(0);
    if size > options.limits.file_bytes {
        let why = format!("{size} bytes; the limit is {} bytes", options.limits.file_bytes);
        return Outcome { bytes: size, ..failed(Failure::TooLarge(why)) };
    }
    let bytes = match std::fs::read(&document.path) {
        Ok(b) => b,
        Err(e) => return failed(Failure::Damaged(format!("it cannot be read ({e})"))),
    };
    let digest = digest(&bytes);
    if let Some(entry) = options.cache.get(&digest, extractor.name()) {
        return Outcome { digest, bytes: size, entry, cached: true };
    }
    let entry = extract(extractor, &bytes, &options.limits);
    options.cache.put(&digest, extractor.name(), &entry);
    Outcome { digest, bytes: size, entry, cached: false }
}

/// Document kinds first `ansoegning` and `cv`, then the others by name; a kind that names a list
/// column gets `_dokument` added, so the list's column keeps its name.
fn kind_columns(found: &Scan, list_header: &[String]) -> Vec<(String, String)> {
    let mut kinds: Vec<String> = found.applicants.values().flatten().map(|d| d.kind.clone()).collect();
    kinds.sort_by_key(|k| (k != "ansoegning", k != "cv", k.clone()));
    kinds.dedup();
    let taken: Vec<String> = list_header.iter().map(|h| token_key(h)).collect();
    kinds
        .into_iter()
        .map(|kind| {
            let column = if taken.contains(&token_key(&kind)) { format!("{kind}_dokument") } else { kind.clone() };
            (kind, column)
        })
        .collect()
}

fn assemble(display: &str, list: Option<List>, found: Scan, extracted: Vec<Vec<Outcome>>) -> Table {
    let (list_header, id_column) = match &list {
        Some(l) => (l.header.clone(), l.id_column),
        None => (vec!["id".to_string()], 0),
    };
    let kinds = kind_columns(&found, &list_header);
    let mut table = Table { header: list_header.clone(), ..Table::default() };
    table.header.extend(kinds.iter().map(|(_, column)| column.clone()));
    let list_display = list.as_ref().map(|l| l.display.clone());
    table.info.list = list.as_ref().map(|l| l.digest.clone());
    table.info.list_decimal_comma = list.as_ref().is_some_and(|l| l.info.decimal_comma);
    let mut list_rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(list) = list {
        table.warnings.extend(list.warnings);
        list_rows.extend(list.rows.into_iter().map(|r| (r.id, r.fields)));
    }
    let documents: BTreeMap<&String, (&Vec<DocumentFile>, &Vec<Outcome>)> =
        found.applicants.iter().zip(&extracted).map(|((id, d), o)| (id, (d, o))).collect();
    let mut ids: Vec<&String> = list_rows.keys().chain(found.applicants.keys()).collect();
    ids.sort();
    ids.dedup();
    let (mut missing, mut unlisted) = (Vec::new(), Vec::new());
    for (row_index, id) in ids.into_iter().enumerate() {
        let line = row_index as u64 + 2;
        let mut row = list_rows.get(id).cloned().unwrap_or_else(|| {
            let mut blank = vec![String::new(); list_header.len()];
            blank[id_column] = id.clone();
            blank
        });
        let mut source = RowSource::default();
        if list_display.is_some() && !list_rows.contains_key(id.as_str()) {
            unlisted.push(id.clone());
            source.flags.push(Flag::new("not in the applicant list: its list columns are blank"));
        }
        match documents.get(id) {
            None => {
                missing.push(id.clone());
                source
                    .flags
                    .push(Flag::new("no documents in the applications folder: scored on the applicant list alone"));
                row.extend(kinds.iter().map(|_| String::new()));
            }
            Some((files, outcomes)) => {
                for (kind, column) in &kinds {
                    let (text, field) = join_kind(kind, column, files, outcomes);
                    row.push(text);
                    if !field.parts.is_empty() {
                        source.fields.push(field);
                    }
                }
                for (file, outcome) in files.iter().zip(outcomes.iter()) {
                    record_outcome(display, id, file, outcome, &mut source, &mut table);
                }
            }
        }
        table.sources.rows.insert(line, source);
        table.rows.push(row);
    }
    table.info.applicants = table.rows.len();
    table.info.skipped = found.skipped.len();
    for (name, why) in &found.skipped {
        let kind = Kind::Document { problem: format!("not read: {why}") };
        table.warnings.push(Diagnostic::new(Location::file(display), kind).value(name));
    }
    if !unlisted.is_empty() {
        let note = format!(
            "{} applicant(s) with documents but no row in the applicant list (their list columns are blank): {}",
            unlisted.len(),
            unlisted.join(", ")
        );
        table.warnings.push(Diagnostic::new(Location::file(display), Kind::Folder { note }));
    }
    if !missing.is_empty() {
        let note = format!(
            "{} applicant(s) in the applicant list without documents (scored on the list alone): {}",
            missing.len(),
            missing.join(", ")
        );
        table.warnings.push(Diagnostic::new(Location::file(display), Kind::Folder { note }));
    }
    table
}

/// Counts a document's outcome, and names a failure on standard error and on the applicant.
fn record_outcome(
    display: &str,
    id: &str,
    file: &DocumentFile,
    outcome: &Outcome,
    source: &mut RowSource,
    table: &mut Table,
) {
    let info = &mut table.info;
    info.documents += 1;
    info.cached += usize::from(outcome.cached);
    info.files.push(DocumentDigest { path: file.name.clone(), bytes: outcome.bytes, sha256: outcome.digest.clone() });
    match &outcome.entry {
        Ok(extracted) => {
            info.read += 1;
            if extracted.unit == Unit::Page {
                info.pages += extracted.parts.len();
            }
        }
        Err(failure) => {
            info.failed += 1;
            source.flags.push(Flag { document: Some(file.name.clone()), problem: failure.to_string() });
            let problem = format!("{failure}; applicant {id} is kept, flagged, and scored without this document");
            table.warnings.push(Diagnostic::new(Location::file(display), Kind::Document { problem }).value(&file.name));
        }
    }
}

/// The text of one kind for one applicant: its documents' parts in order, paragraphs apart.
fn join_kind(kind: &str, column: &str, files: &[DocumentFile], outcomes: &[Outcome]) -> (String, FieldSource) {
    let mut text = String::new();
    let mut field = FieldSource { column: column.to_string(), documents: Vec::new(), parts: Vec::new() };
    for (file, outcome) in files.iter().zip(outcomes) {
        let Ok(Extracted { unit, parts }) = &outcome.entry else { continue };
        if file.kind != kind {
            continue;
        }
        let document = field.documents.len() as u32;
        field.documents.push((file.name.clone(), *unit));
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            field.parts.push((text.len(), document, i as u32 + 1));
            text.push_str(part);
        }
    }
    (text, field)
}

impl DocumentsInfo {
    /// One digest for the whole folder: the SHA-256 of its manifest, one `sha256  path` line per
    /// document (as `sha256sum` prints them), in path order, and the list's line after them.
    pub fn manifest_sha256(&self) -> String {
        let mut lines: Vec<String> = self.files.iter().map(|f| format!("{}  {}\n", f.sha256, f.path)).collect();
        lines.sort();
        lines.extend(self.list.iter().map(|l| format!("{}  {}\n", l.sha256, l.path)));
        digest(lines.concat().as_bytes())
    }

    /// The documents' bytes, added up.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }
}
