//! Inputs found by the fuzz campaign (`fuzz/`, see docs/trust.md "Fuzzing"), kept as tests so
//! that what was fixed stays fixed. Each test asserts the invariant its fuzz target asserts.

use std::path::Path;

use profilmatch::input::{CsvReader, DecimalMode, ReadOptions, Row};
use profilmatch::pipeline::{ScoreOptions, score_file};
use profilmatch::rubric;

/// Reads every row of `path` and fetches every record again by its offset, as pass 2 does; the
/// fields must be the same. Returns the number of records.
fn records_fetch_alike(path: &Path, options: &ReadOptions) -> usize {
    let mut reader = CsvReader::open(path, "fuzz.csv", options).expect("opening");
    let fetcher = reader.fetcher();
    let mut records = 0;
    while let Some(row) = reader.next_row().expect("reading") {
        if let Row::Record(record) = row {
            let again = fetcher.fetch(record.offset, record.line).expect("fetching by offset");
            assert_eq!(again.fields, record.fields, "line {}", record.line);
            records += 1;
        }
    }
    records
}

/// Found by `csv_ingest`: pass 2 fetched a record through a 16 KiB window and decoded the window
/// as UTF-8 before noticing that the record went on beyond it, so a record longer than the window
/// with a multi-byte character across its edge could not be fetched ("invalid UTF-8"). The fuzz
/// input is UTF-16LE (transcoded to UTF-8, the text grows past 16 KiB), read with `;` and a decimal
/// comma. Decoded, it is a header (line 1), a short record (line 2) and a record of mostly 3-byte
/// characters (misaligned UTF-16) that runs from line 3 to the end, 16437 bytes of UTF-8 in all.
#[test]
fn a_record_longer_than_the_fetch_window_with_a_character_across_its_edge_is_fetched() {
    let path = Path::new("tests/data/fuzz/utf16-record-across-fetch-window.csv");
    let options = ReadOptions { delimiter: Some(b';'), decimal: DecimalMode::Comma, ..ReadOptions::default() };
    assert_eq!(records_fetch_alike(path, &options), 2);
}

/// The same failure, built by hand and scored: the record starts at byte 6 (after `id,cv\n`), its
/// first 2 + 16381 = 16383 bytes are `1,` and `a`s, so the 2-byte `ø` takes window bytes 16383
/// and 16384, across the edge of the first 16 KiB (16384-byte) window.
#[test]
fn a_long_cell_with_a_danish_letter_at_the_window_edge_is_scored_and_explained() {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("a.csv");
    let cell = format!("{}ø budget", "a".repeat(16381));
    std::fs::write(&path, format!("id,cv\n1,{cell}\n2,kort\n")).expect("writing");
    assert_eq!(records_fetch_alike(&path, &ReadOptions::default()), 2);

    let rubric = rubric::parse("r.toml", RUBRIC).expect("a valid rubric");
    let session =
        score_file(vec![rubric], &path, "a.csv", &ReadOptions::default(), ScoreOptions::default(), &mut |_| {})
            .expect("scoring");
    let rows: Vec<usize> = (0..session.runs[0].rows.len()).collect();
    let cards = session.scorecards(0, &rows).expect("pass 2 fetches every row");
    // Row 1 has the one term of need 1: credit 1, the only criterion, total 100. Row 2 has none: 0.
    let totals: Vec<(&str, f64)> = cards.iter().map(|c| (c.id.as_str(), c.total)).collect();
    assert_eq!(totals, vec![("1", 100.0), ("2", 0.0)]);
    assert_eq!(cards[0].competencies[0].criteria[0].detail.evidence[0].text, "budget");
}

const RUBRIC: &str = r#"
[rubric]
id = "r"
title = "T"
organisation = "O"
source = "s"
version = "1"

[[competency]]
id = "c"
label = "C"
source = "s"

[[competency.criterion]]
id = "budget"
label = "Budget"
source = "s"
kind = "terms"
fields = ["cv"]
terms = ["budget"]
"#;

/// Found by `csv_ingest` (minimised to the 5 bytes below, read with `;` and a decimal comma): the
/// csv crate drops a UTF-8 BOM at the start of its input, so pass 2, reading from a record's
/// offset, dropped the BOM that pass 1 had read as the record's first character. Here the header
/// is `\0` (line 1) and the only record is a lone U+FEFF (line 2), which is not whitespace.
#[test]
fn a_record_that_begins_with_a_bom_is_fetched_with_it() {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("a.csv");
    std::fs::write(&path, b"\x00\n\xef\xbb\xbf").expect("writing");
    let options = ReadOptions { delimiter: Some(b';'), decimal: DecimalMode::Comma, ..ReadOptions::default() };
    assert_eq!(records_fetch_alike(&path, &options), 1);
}

/// The same, as it happens: two exports joined with `cat`, the second one's BOM at the start of a
/// data row. Pass 1 and pass 2 must agree on that row's id (U+FEFF and all): before the fix pass 2
/// read `2` where pass 1 had read `\u{feff}2`.
#[test]
fn joined_exports_give_the_same_ids_in_both_passes() {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("a.csv");
    std::fs::write(&path, "id,cv\n1,budget\n\u{feff}2,budget\n").expect("writing");
    assert_eq!(records_fetch_alike(&path, &ReadOptions::default()), 2);
    let rubric = rubric::parse("r.toml", RUBRIC).expect("a valid rubric");
    let session =
        score_file(vec![rubric], &path, "a.csv", &ReadOptions::default(), ScoreOptions::default(), &mut |_| {})
            .expect("scoring");
    let ids: Vec<&str> = session.runs[0].rows.iter().map(|r| &*r.summary.id).collect();
    assert_eq!(ids, vec!["1", "\u{feff}2"]);
    let cards = session.scorecards(0, &[0, 1]).expect("pass 2");
    let card_ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(card_ids, ids);
}

/// Found by `score_end_to_end` (minimised; rubric byte 5, the tiny rubric, whose `budget*` term
/// matches `budgetlåååå…`, a word of 59 characters or more, in Windows-1252): a match that long
/// left no room for context in the old 60-character snippet, and the snippet indexed one past the
/// characters before the match. The scorer panicked. Quotes are whole sentences now.
#[test]
fn a_match_of_sixty_characters_or_more_gets_a_snippet() {
    let rows = std::fs::read("tests/data/fuzz/long-prefix-match-rows.csv").expect("reading");
    let header = std::fs::read_to_string("samples/applicants.csv").expect("the samples");
    let header = header.lines().next().expect("a header");
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("a.csv");
    std::fs::write(&path, [format!("{header}\n").as_bytes(), &rows].concat()).expect("writing");
    let rubric = rubric::parse(
        "r.toml",
        &RUBRIC.replace("[\"budget\"]", "[\"budget*\"]").replace("[\"cv\"]", "[\"experience\"]"),
    )
    .expect("a valid rubric");
    let session =
        score_file(vec![rubric], &path, "a.csv", &ReadOptions::default(), ScoreOptions::default(), &mut |_| {})
            .expect("scoring");
    let cards = session.scorecards(0, &[0]).expect("pass 2");
    let evidence = &cards[0].competencies[0].criteria[0].detail.evidence[0];
    assert!(evidence.text.starts_with("budgetl") && evidence.text.chars().count() >= 59, "{}", evidence.text);
    // The quote is the whole sentence the match stands in.
    assert!(evidence.snippet.contains(&evidence.text), "{}", evidence.snippet);
}
