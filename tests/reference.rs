//! The fast path (token caches, per-field indexes, presence masks, stem and letter-count
//! prefilters) gives exactly the scorecards of the rules as written, on the samples and on text
//! full of typos.

use std::path::Path;

use profilmatch::input::ReadOptions;
use profilmatch::pipeline::{ScoreOptions, score_file};
use profilmatch::rubric;
use profilmatch::score::Scorecard;

const RUBRICS: [&str; 5] = [
    "rubrics/hoeje-taastrup-oekonomidirektoer.toml",
    "rubrics/helsingoer-boerne-og-skoledirektoer.toml",
    "rubrics/soroe-vicekommunaldirektoer.toml",
    "rubrics/skanderborg-myndigheds-og-sekretariatschef.toml",
    "rubrics/generisk-direktoer.toml",
];

/// Every rubric's scorecards for every row, in input order.
fn scorecards(csv: &Path, reference_matching: bool) -> Vec<Vec<Scorecard>> {
    let rubrics = RUBRICS.iter().map(|p| rubric::read(Path::new(p)).expect("shipped rubric")).collect();
    let options = ScoreOptions { keep_scores: true, reference_matching, ..ScoreOptions::default() };
    let session =
        score_file(rubrics, csv, "applicants.csv", &ReadOptions::default(), options, &mut |_| {}).expect("scores");
    (0..RUBRICS.len())
        .map(|r| {
            let rows: Vec<usize> = (0..session.runs[r].rows.len()).collect();
            session.scorecards(r, &rows).expect("scorecards")
        })
        .collect()
}

#[test]
fn fast_matching_equals_the_rules_as_written_on_the_samples() {
    let csv = Path::new("samples/applicants.csv");
    let fast = scorecards(csv, false);
    assert_eq!(fast.iter().map(Vec::len).sum::<usize>(), 5 * 66);
    assert_eq!(fast, scorecards(csv, true));
}

/// A small deterministic generator (64-bit LCG), so the typos are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// One word in eight of every text cell gets a typo: a letter dropped, doubled or swapped.
fn with_typos(text: &str, rng: &mut Lcg) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() < 4 || !rng.next().is_multiple_of(8) {
                return word.to_string();
            }
            let i = 1 + (rng.next() as usize) % (chars.len() - 2);
            let mut out = chars.clone();
            match rng.next() % 3 {
                0 => {
                    out.remove(i);
                }
                1 => out.insert(i, chars[i]),
                _ => out.swap(i, i + 1),
            }
            out.into_iter().collect()
        })
        .collect();
    words.join(" ")
}

#[test]
fn fast_matching_equals_the_rules_as_written_on_text_with_typos() {
    let mut reader = csv::Reader::from_path("samples/applicants.csv").expect("samples");
    let header = reader.headers().expect("header").clone();
    let text_columns = ["title", "employer", "education", "experience", "summary"];
    let mut rng = Lcg(7);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("typos.csv");
    let mut writer = csv::Writer::from_path(&path).expect("create");
    writer.write_record(&header).expect("write");
    for (n, record) in reader.records().enumerate() {
        let record = record.expect("record");
        let row: Vec<String> = header
            .iter()
            .zip(record.iter())
            .map(|(column, cell)| match column {
                "id" => format!("T{n:03}"),
                c if text_columns.contains(&c) => with_typos(cell, &mut rng),
                _ => cell.to_string(),
            })
            .collect();
        writer.write_record(&row).expect("write");
    }
    writer.flush().expect("flush");
    drop(writer);
    let fast = scorecards(&path, false);
    let fuzzy_matches = fast
        .iter()
        .flatten()
        .flat_map(|c| c.competencies.iter().flat_map(|k| k.criteria.iter()))
        .flat_map(|k| k.detail.evidence.iter())
        .filter(|e| e.kind == profilmatch::text::MatchKind::Fuzzy)
        .count();
    // The typos must actually exercise the fuzzy rule for this comparison to mean anything.
    assert!(fuzzy_matches > 20, "only {fuzzy_matches} fuzzy matches");
    assert_eq!(fast, scorecards(&path, true));
}
