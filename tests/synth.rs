//! The synthetic generator (`examples/synth.rs`): deterministic for a seed, never a ragged row,
//! text of the samples' size, and every row scores without rejection against every shipped rubric.

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

use profilmatch::input::ReadOptions;
use profilmatch::pipeline::{ScoreOptions, score_file};

const ROWS: u64 = 300;

fn generated(seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    synth::generate(&synth::Corpus::from_samples(), ROWS, seed, &mut out).unwrap();
    out
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    assert_eq!(generated(7), generated(7));
    assert_ne!(generated(7), generated(8));
}

#[test]
fn every_row_has_the_header_s_17_fields_and_one_to_three_kb_of_text() {
    let bytes = generated(7);
    // A strict reader: a record with another number of fields is an error.
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes.as_slice());
    assert_eq!(reader.headers().unwrap().len(), 17);
    let mut text = 0;
    let mut rows = 0;
    let mut ids = std::collections::HashSet::new();
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), 17);
        assert!(ids.insert(record[0].to_string()), "duplicate id {}", &record[0]);
        text += record[13].len() + record[14].len();
        rows += 1;
    }
    assert_eq!(rows, ROWS);
    let mean = text as f64 / rows as f64;
    assert!((1000.0..=3000.0).contains(&mean), "mean text per row: {mean} bytes");
}

#[test]
fn generated_rows_score_without_rejection_against_every_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synth.csv");
    std::fs::write(&path, generated(11)).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut rubrics = Vec::new();
    for entry in std::fs::read_dir(root.join("rubrics")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            rubrics.push(profilmatch::rubric::read(&path).unwrap());
        }
    }
    assert_eq!(rubrics.len(), 5);
    let session =
        score_file(rubrics, &path, "synth.csv", &ReadOptions::default(), ScoreOptions::default(), &mut |_| {}).unwrap();
    for run in &session.runs {
        assert_eq!(run.counts.read, ROWS);
        assert_eq!(run.counts.scored, ROWS, "{:?}", run.rejected.first());
        assert_eq!(run.counts.rejected, 0);
        // The generator's rows are not all alike: the best and worst totals differ.
        let totals: Vec<f64> = run.rows.iter().map(|r| r.summary.total).collect();
        let (low, high) = totals.iter().fold((f64::MAX, f64::MIN), |(l, h), t| (l.min(*t), h.max(*t)));
        assert!(high - low > 20.0, "totals from {low} to {high}");
    }
}
