//! Records as the reader hands them on: a [`Row`] is a well-formed [`Record`] (or its
//! [`RawRecord`] bytes, checked as text on the worker that scores it), a [`Rejected`] record with its
//! reason, or a blank one; and a record written back as a CSV line for `--rejects`.

use crate::diagnostic::Diagnostic;

/// One record of an applicant file, as the reader met it. `R` is a [`Record`] (fields as text) or,
/// from [`CsvReader::next_raw_row`](super::CsvReader::next_raw_row), a [`RawRecord`] (fields as bytes, checked as text later).
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

/// Whether a field is empty or whitespace only (as `str::trim` sees it), decided on its bytes.
pub(super) fn is_blank(field: &[u8]) -> bool {
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
