//! CSV decoding and ingestion: arbitrary bytes as an applicant file.
//!
//! The first byte chooses the read options (even: the defaults, sniffing everything; odd: `;` with
//! a decimal comma); the rest is the file. Asserted: no panic; every row is a record, a rejection
//! or a blank; line numbers rise and data rows start after the header (line ≥ 2); a record has as
//! many fields as the header; fetching a record again by its offset (the second pass) gives the
//! same fields; reading never fails once the header is read; `parse_number` never returns NaN or infinity.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use profilmatch::input::{CsvReader, DecimalMode, ReadOptions, Row, parse_number};

fn path() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("input.csv");
        (dir, path)
    });
    path
}

fn options(selector: u8) -> ReadOptions {
    if selector & 1 == 0 {
        ReadOptions::default()
    } else {
        ReadOptions { delimiter: Some(b';'), decimal: DecimalMode::Comma, ..ReadOptions::default() }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let path = path();
    std::fs::write(path, bytes).expect("writing the input");
    let Ok(mut reader) = CsvReader::open(path, "fuzz.csv", &options(selector)) else {
        return;
    };
    let width = reader.header().names().len();
    let fetcher = reader.fetcher();
    let mut last_line = 1;
    loop {
        // The file is valid UTF-8 or transcoded to it, so reading a record cannot fail.
        let Some(row) = reader.next_row().expect("reading a record") else {
            break;
        };
        let line = match &row {
            Row::Record(record) => {
                assert_eq!(record.fields.len(), width, "a record has as many fields as the header");
                let again = fetcher.fetch(record.offset, record.line).expect("fetching a record by its offset");
                assert_eq!(
                    again.fields.iter().collect::<Vec<_>>(),
                    record.fields.iter().collect::<Vec<_>>(),
                    "the record at offset {} (line {}) reads alike twice",
                    record.offset,
                    record.line
                );
                for field in record.fields.iter() {
                    for comma in [false, true] {
                        if let Ok(value) = parse_number(field, comma) {
                            assert!(value.is_finite(), "{field:?} parsed as {value}");
                        }
                    }
                }
                record.line
            }
            Row::Rejected(rejected) => rejected.line,
            Row::Blank { line } => *line,
        };
        assert!(line >= 2, "a data row on line {line}");
        assert!(line > last_line, "line {line} after line {last_line}");
        last_line = line;
    }
    let _ = reader.take_warnings();
});
