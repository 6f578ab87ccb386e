//! What the criterion benches share: the samples and the Høje-Taastrup rubric's vocabulary.

use std::path::Path;

use profilmatch::input::{CsvReader, ReadOptions, Record, Row};
use profilmatch::rubric::{self, Check};
use profilmatch::text::{Matcher, TermSpec};

/// The sample applicants.
pub const SAMPLES: &str = "samples/applicants.csv";
/// The rubric the kernels are measured with.
pub const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

/// The samples' reader (for its header) and records.
pub fn records() -> (CsvReader, Vec<Record>) {
    let mut reader = CsvReader::open(Path::new(SAMPLES), SAMPLES, &ReadOptions::default()).expect("samples");
    let mut records = Vec::new();
    while let Some(row) = reader.next_row().expect("row") {
        if let Row::Record(r) = row {
            records.push(r);
        }
    }
    (reader, records)
}

/// A matcher holding every term of [`RUBRIC`].
pub fn matcher() -> Matcher {
    let rubric = rubric::read(Path::new(RUBRIC)).expect("rubric");
    let mut matcher = Matcher::new();
    for criterion in rubric.competencies.iter().flat_map(|c| c.criteria.iter()) {
        if let Check::Terms { terms, fuzzy, .. } = &criterion.check {
            for term in terms.iter().flat_map(|entry| &entry.members) {
                matcher.add_term(&TermSpec { text: term.clone(), fuzzy: *fuzzy }).expect("term");
            }
        }
    }
    matcher
}
