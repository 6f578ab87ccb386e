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
    pub fields: Fields,
    /// The fields that held bytes that are not UTF-8 (read as U+FFFD): (0-based field, number of
    /// invalid sequences). Empty for almost every record.
    pub damaged: Vec<(usize, usize)>,
}

impl Record {
    /// A record from its fields as bytes: a field that is not UTF-8 reads each invalid sequence as
    /// U+FFFD and is listed in [`Record::damaged`]; every other field reads exactly as written.
    pub fn decode(line: u64, offset: u64, raw: csv::ByteRecord) -> Record {
        if let Some(fields) = Fields::from_utf8(&raw) {
            return Record { line, offset, fields, damaged: Vec::new() };
        }
        let mut fields = Fields::with_capacity(raw.as_slice().len(), raw.len());
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

/// A record's fields as text: the fields one after another in one string, and where each ends
/// (as [`csv::StringRecord`] keeps them, but checked as UTF-8 by `simdutf8`, which reads Danish
/// text many bytes at a time where the standard check slows at every `æ`, `ø` and `å`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    text: String,
    ends: Vec<usize>,
}

impl Fields {
    /// No fields.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// No fields, with room for `bytes` of text in `fields` fields.
    pub fn with_capacity(bytes: usize, fields: usize) -> Fields {
        Fields { text: String::with_capacity(bytes), ends: Vec::with_capacity(fields) }
    }

    /// The fields of a record as bytes, when all of them are UTF-8.
    pub fn from_utf8(raw: &csv::ByteRecord) -> Option<Fields> {
        let text = simdutf8::basic::from_utf8(raw.as_slice()).ok()?;
        let mut ends = Vec::with_capacity(raw.len());
        let mut end = 0;
        for field in raw {
            end += field.len();
            // Each field is UTF-8 when the whole is and no field ends inside a character.
            if !text.is_char_boundary(end) {
                return None;
            }
            ends.push(end);
        }
        Some(Fields { text: text.to_owned(), ends })
    }

    /// Field `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The fields in order.
    pub fn iter(&self) -> FieldsIter<'_> {
        FieldsIter { fields: self, next: 0..self.ends.len() }
    }

    /// All fields one after another.
    pub fn as_slice(&self) -> &str {
        &self.text
    }

    /// Adds a field at the end.
    pub fn push_field(&mut self, field: &str) {
        self.text.push_str(field);
        self.ends.push(self.text.len());
    }

    /// Removes every field.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }
}

/// The fields of a [`Fields`] in order.
#[derive(Debug, Clone)]
pub struct FieldsIter<'a> {
    fields: &'a Fields,
    next: std::ops::Range<usize>,
}

impl<'a> Iterator for FieldsIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.next.next().and_then(|i| self.fields.get(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl DoubleEndedIterator for FieldsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.next.next_back().and_then(|i| self.fields.get(i))
    }
}

impl ExactSizeIterator for FieldsIter<'_> {}

impl<'a> IntoIterator for &'a Fields {
    type Item = &'a str;
    type IntoIter = FieldsIter<'a>;

    fn into_iter(self) -> FieldsIter<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Fields {
    fn from_iter<I: IntoIterator<Item = S>>(fields: I) -> Fields {
        let mut out = Fields::new();
        for field in fields {
            out.push_field(field.as_ref());
        }
        out
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Fields {
    fn from(fields: Vec<S>) -> Fields {
        fields.into_iter().collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(fields: &[&[u8]]) -> csv::ByteRecord {
        fields.iter().copied().collect()
    }

    #[test]
    fn fields_read_as_the_csv_crate_reads_them() {
        let fields: &[&[u8]] = &["Økonomichef".as_bytes(), b"", "budgetansvar for 720 mio. kr., æøå".as_bytes(), b"x"];
        let record = Record::decode(3, 10, raw(fields));
        let expected = csv::StringRecord::from_byte_record(raw(fields)).expect("UTF-8");
        assert_eq!(record.fields.len(), expected.len());
        assert!(record.fields.iter().eq(expected.iter()));
        assert!(record.fields.iter().rev().eq(expected.iter().rev()));
        assert_eq!(record.fields.get(2), expected.get(2));
        assert_eq!(record.fields.get(4), None);
        assert!(record.damaged.is_empty());
    }

    #[test]
    fn a_character_split_between_two_fields_is_damage_in_both() {
        // "æ" is C3 A6: whole, the record is UTF-8; field by field, neither field is.
        let record = Record::decode(1, 0, raw(&[b"a\xC3", b"\xA6b"]));
        assert_eq!(record.damaged, vec![(0, 1), (1, 1)]);
        assert_eq!(record.fields.get(0), Some("a\u{FFFD}"));
        assert_eq!(record.fields.get(1), Some("\u{FFFD}b"));
    }

    #[test]
    fn invalid_bytes_read_as_replacement_characters() {
        let record = Record::decode(1, 0, raw(&[b"ok", b"\xE6ble"]));
        assert_eq!(record.damaged, vec![(1, 1)]);
        assert_eq!(record.fields.iter().collect::<Vec<_>>(), ["ok", "\u{FFFD}ble"]);
    }

    #[test]
    fn fields_built_by_pushing_equal_fields_collected() {
        let mut pushed = Fields::new();
        for field in ["a", "", "ø"] {
            pushed.push_field(field);
        }
        assert_eq!(pushed, Fields::from(vec!["a", "", "ø"]));
        assert_eq!(pushed.as_slice(), "aø");
        pushed.clear();
        assert!(pushed.is_empty());
    }
}
