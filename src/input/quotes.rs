//! Quote diagnostics: quotes the csv format reads differently from what the writer meant. A
//! quote left open swallows the rest of the file (the record is rejected, with the line the quote
//! opened on); text after a closing quote (`"5" diskette`) is joined to the field (a warning with
//! the cell). The scan mirrors the csv crate's reading of the same bytes.

use super::header::Header;
use crate::diagnostic::{Diagnostic, Kind};
use crate::error::Location;

/// A quote in a record that the csv format reads differently from what the writer meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QuoteProblem {
    /// The physical line of the quote.
    line: u64,
    /// The 1-based field it is in.
    field: usize,
    /// What happened.
    kind: QuoteKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum QuoteKind {
    /// The quote opened here is never closed: the field ran to the end of the file, swallowing
    /// this many following lines.
    Unterminated { swallowed_lines: u64 },
    /// Text follows a closing quote (`"5" diskette`): the csv format joins it to the field.
    TextAfterQuote,
}

impl QuoteProblem {
    pub(super) fn is_unterminated(&self) -> bool {
        matches!(self.kind, QuoteKind::Unterminated { .. })
    }

    /// The problem as a diagnostic of the record starting on `record_line` of `path`: a rejection
    /// for an unterminated quote (located at the record), a warning quoting the cell otherwise
    /// (located at the quote's line and field).
    pub(super) fn diagnose(
        &self,
        path: &str,
        record_line: u64,
        header: &Header,
        record: &csv::ByteRecord,
    ) -> Diagnostic {
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
        diagnostic.column = header.names().get(field - 1).cloned();
        diagnostic
    }
}

/// Finds quote problems in one record's raw bytes, mirroring the csv crate's reading: a quote
/// opens a quoted field only at the start of a field, `""` inside it is a quote, and a quoted field
/// left open at the end of the data runs to the end of the file.
///
/// It jumps from quote to quote and from delimiter to delimiter (`memchr`), and counts lines only
/// where a problem is found: a record of long quoted text costs little more than its quotes.
pub(super) fn scan_quotes(bytes: &[u8], delimiter: u8, first_line: u64) -> Vec<QuoteProblem> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
}
