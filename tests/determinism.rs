//! Nothing depends on the input row order or the number of threads: identical output bytes for
//! shuffled rows and for `--threads 1` vs `--threads 4`, on the shipped sample and a generated file.

mod common;

use common::*;
use proptest::prelude::*;

const SAMPLE_RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

/// The records of a CSV file, re-written in the order `order` gives, with the same header.
fn reorder(csv: &[u8], order: impl Fn(usize) -> Vec<usize>) -> Vec<u8> {
    let mut reader = csv::Reader::from_reader(csv);
    let header = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for i in order(records.len()) {
        writer.write_record(&records[i]).unwrap();
    }
    writer.into_inner().unwrap()
}

/// Runs the rubric on `csv` (written as `a.csv` in a fresh directory) with `extra` arguments.
fn run(rubric: &str, csv: &[u8], extra: &[&str]) -> Run {
    let fixture = Fixture::new();
    let run = fixture.score(rubric, csv, extra);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// JSON output without each candidate's `warnings`, which name input lines and so must move
/// with the rows.
fn without_warnings(run: &Run) -> Vec<serde_json::Value> {
    let mut candidates = run.json();
    for c in &mut candidates {
        c.as_object_mut().unwrap().remove("warnings");
    }
    candidates
}

/// A generated applicant file of realistic shape: `rows` applicants with free text built from a
/// vocabulary that hits every match kind, numbers in several formats, flags, and many ties.
fn generated(rows: usize, seed: u64) -> Vec<u8> {
    let words = [
        "økonomistyring",
        "budgetansvr",
        "byrådet",
        "politik",
        "ledelse",
        "ledighed",
        "strategi",
        "digitalisering",
        "kommunikationen",
        "borgerservice",
        "HR",
        "økonomisk",
        "styring",
        "regnskab",
        "og",
        "i",
        "med",
        "aftalestyring",
        "direktion",
        "managers",
    ];
    let sectors = ["kommune", "Region", "stat", "privat", ""];
    let flags = ["ja", "nej", "", "x", "måske"];
    let mut state = seed;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "id",
            "name",
            "sector",
            "years_management",
            "years_leading_leaders",
            "budget_mio",
            "staff_led",
            "leadership_education",
            "education",
            "experience",
            "summary",
            // The contact and protected columns the shipped rubric names (it must find them).
            "email",
            "phone",
            "gender",
            "birth_year",
        ])
        .unwrap();
    for i in 0..rows {
        let text = |next: &mut dyn FnMut(u64) -> u64, n: u64| {
            (0..n).map(|_| words[next(words.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
        };
        let experience = text(&mut next, 12);
        let summary = text(&mut next, 6);
        writer
            .write_record([
                format!("G{i:04}"),
                format!("Navn {i}"),
                sectors[next(5) as usize].to_string(),
                next(20).to_string(),
                format!("{},{}", next(10), next(10)),
                format!("{}", next(3000)),
                next(400).to_string(),
                flags[next(5) as usize].to_string(),
                "cand.polit.".to_string(),
                experience,
                summary,
                format!("g{i}@example.dk"),
                String::new(),
                ["kvinde", "mand"][i % 2].to_string(),
                (1960 + i % 30).to_string(),
            ])
            .unwrap();
    }
    writer.into_inner().unwrap()
}

fn sample() -> (String, Vec<u8>) {
    let rubric = std::fs::read_to_string(repo(SAMPLE_RUBRIC)).unwrap();
    let csv = std::fs::read(repo("samples/applicants.csv")).unwrap();
    (rubric, csv)
}

#[test]
fn sample_threads_do_not_change_the_bytes() {
    let (rubric, csv) = sample();
    let one = run(&rubric, &csv, &["--format", "json", "--threads", "1"]);
    let four = run(&rubric, &csv, &["--format", "json", "--threads", "4"]);
    assert!(one.json().len() >= 40);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn sample_shuffled_rows_do_not_change_the_ranking() {
    let (rubric, csv) = sample();
    // Every 7th row, then the rest: rows move both up and down.
    let shuffled = reorder(&csv, |n| (0..7).flat_map(|k| (k..n).step_by(7)).collect());
    assert_ne!(shuffled, csv);
    let before = run(&rubric, &csv, &["--format", "csv"]);
    let after = run(&rubric, &shuffled, &["--format", "csv"]);
    assert_eq!(after.stdout, before.stdout);
    let before = run(&rubric, &csv, &["--format", "json"]);
    let after = run(&rubric, &shuffled, &["--format", "json"]);
    assert_eq!(without_warnings(&after), without_warnings(&before));
}

#[test]
fn generated_threads_do_not_change_the_bytes() {
    let (rubric, _) = sample();
    let csv = generated(400, 42);
    let one = run(&rubric, &csv, &["--format", "json", "--threads", "1"]);
    let four = run(&rubric, &csv, &["--format", "json", "--threads", "4"]);
    assert_eq!(one.json().len(), 400);
    assert_eq!(one.stdout, four.stdout);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn generated_shuffled_rows_give_identical_csv(
        seed in any::<u64>(),
        order in Just((0..60usize).collect::<Vec<_>>()).prop_shuffle(),
        threads in 1usize..6,
    ) {
        let (rubric, _) = sample();
        let csv = generated(60, seed);
        let shuffled = reorder(&csv, |_| order.clone());
        let threads = threads.to_string();
        let a = run(&rubric, &csv, &["--format", "csv", "--threads", "1"]);
        let b = run(&rubric, &shuffled, &["--format", "csv", "--threads", &threads]);
        prop_assert_eq!(a.out(), b.out());
    }
}
