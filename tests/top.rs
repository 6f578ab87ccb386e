//! `score --top N` leaves out rows that cannot reach the first N places (docs/performance.md, "Two
//! passes"): each such row is ranked by an upper bound of its total instead of scored in full. These
//! tests check that the bound is one (never below the score, never a worse standing), that rows are
//! in fact left out, and that what is shown is byte for byte what a full ranking shows.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use profilmatch::input::{CsvReader, ReadOptions, Record, Row};
use profilmatch::pipeline::{ScoreOptions, score_file};
use profilmatch::rank::{Cutoff, Standing, top_len};
use profilmatch::rubric;
use profilmatch::score::{Engine, RowContext};

const SAMPLES: &str = "samples/applicants.csv";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rubric_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("rubrics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    paths
}

fn records(path: &Path) -> (CsvReader, Vec<Record>) {
    let mut reader = CsvReader::open(path, "applicants.csv", &ReadOptions::default()).unwrap();
    let mut records = Vec::new();
    while let Some(row) = reader.next_row().unwrap() {
        if let Row::Record(r) = row {
            records.push(r);
        }
    }
    (reader, records)
}

/// Every row's bound against its score, for every rubric at once: a cutoff that has seen a
/// perfect row admits nothing, so every summary is the bound.
fn check_bounds(rubrics: Vec<rubric::Rubric>, path: &Path) -> (usize, usize) {
    let (reader, records) = records(path);
    let engine = Engine::new(rubrics, reader.header(), "applicants.csv").unwrap();
    let context = RowContext { path: "applicants.csv".into(), decimal_comma: false, delimiter: b',' };
    let cutoffs: Vec<Cutoff> = engine
        .rubrics
        .iter()
        .map(|_| {
            let cutoff = Cutoff::new(1);
            cutoff.offer(Standing::Qualified, f64::INFINITY);
            cutoff
        })
        .collect();
    let (mut compared, mut below_full) = (0, 0);
    for record in &records {
        let mut warnings = vec![Vec::new(); engine.rubrics.len()];
        let exact = engine.summarize(record, &context, false, &mut warnings);
        let bounds = engine.summarize_for_top(record, &context, &cutoffs, &mut warnings);
        for (exact, bound) in exact.iter().zip(&bounds) {
            let (Ok(exact), Ok(bound)) = (exact, bound) else {
                assert_eq!(exact.is_ok(), bound.is_ok(), "line {}", record.line);
                continue;
            };
            assert!(bound.bound && !exact.bound, "line {}", record.line);
            assert!(
                bound.total >= exact.total,
                "line {}: bound {} below total {}",
                record.line,
                bound.total,
                exact.total
            );
            assert!(bound.standing() <= exact.standing(), "line {}", record.line);
            compared += 1;
            below_full += usize::from(bound.total < 99.0);
        }
    }
    (compared, below_full)
}

#[test]
fn the_upper_bound_is_never_below_the_score_nor_a_worse_standing() {
    let rubrics: Vec<rubric::Rubric> = rubric_paths().iter().map(|p| rubric::read(p).unwrap()).collect();
    let (compared, below_full) = check_bounds(rubrics, &root().join(SAMPLES));
    // 87 samples, 5 rubrics.
    assert_eq!(compared, 87 * 5);
    // A bound of 100 for everyone would be sound and useless: most sample rows' bounds are lower.
    assert!(below_full * 2 > compared, "{below_full} of {compared}");
}

/// The rows ranked by `score --top N`, as pass 1 sees them: how many were left out, and the
/// shown placements (id, rank, tied, total) against a full ranking's.
#[test]
fn rows_are_left_out_and_the_first_places_are_those_of_a_full_ranking() {
    for path in rubric_paths() {
        for n in [1, 3, 10] {
            let run = |top: Option<usize>| {
                let rubric = rubric::read(&path).unwrap();
                let options = ScoreOptions { top, ..ScoreOptions::default() };
                score_file(vec![rubric], &root().join(SAMPLES), SAMPLES, &ReadOptions::default(), options, &mut |_| {})
                    .unwrap()
            };
            let (full, top) = (run(None), run(Some(n)));
            let shown = |session: &profilmatch::pipeline::Session| {
                let run = &session.runs[0];
                run.placements[..top_len(&run.placements, n)]
                    .iter()
                    .map(|p| {
                        let s = &run.rows[p.index].summary;
                        assert!(!s.bound, "{}: a shown row is a bound", s.id);
                        (s.id.to_string(), p.rank, p.tied, s.total)
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(shown(&full), shown(&top), "{} --top {n}", path.display());
            let left_out = top.runs[0].rows.iter().filter(|r| r.summary.bound).count();
            assert_eq!(full.runs[0].rows.iter().filter(|r| r.summary.bound).count(), 0);
            // Every row is still counted as scored.
            assert_eq!(top.runs[0].counts, full.runs[0].counts);
            if n == 1 {
                assert!(left_out > 0, "{}: no row left out", path.display());
            }
        }
    }
}

fn score(args: &[&str]) -> Vec<u8> {
    let output =
        Command::cargo_bin("profilmatch").unwrap().current_dir(root()).arg("score").args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The CSV of a full ranking cut as `--top n` cuts it: the first n rows and every row tied with
/// the n-th (same rank).
fn head(full: &[u8], n: usize) -> Vec<u8> {
    let text = String::from_utf8(full.to_vec()).unwrap();
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap().to_string()];
    let rank = |line: &str| line.split(',').next().unwrap().to_string();
    let mut last = String::new();
    for (i, line) in lines.enumerate() {
        if i >= n && rank(line) != last {
            break;
        }
        last = rank(line);
        out.push(line.to_string());
    }
    (out.join("\n") + "\n").into_bytes()
}

#[test]
fn score_top_shows_the_same_bytes_as_the_head_of_a_full_ranking_with_one_or_two_threads() {
    for path in rubric_paths() {
        let rubric = path.to_str().unwrap();
        let full = score(&["--rubric", rubric, SAMPLES, "--format", "csv"]);
        for n in ["1", "4", "25"] {
            let expected = head(&full, n.parse().unwrap());
            for threads in ["1", "2"] {
                let top = score(&["--rubric", rubric, SAMPLES, "--format", "csv", "--top", n, "--threads", threads]);
                assert_eq!(String::from_utf8_lossy(&top), String::from_utf8_lossy(&expected), "{rubric} --top {n}");
            }
        }
        // The explanations of the first places too.
        let json_full = score(&["--rubric", rubric, SAMPLES, "--format", "json", "--top", "87"]);
        let json_top = score(&["--rubric", rubric, SAMPLES, "--format", "json", "--top", "3"]);
        let full: Vec<serde_json::Value> = serde_json::from_slice(&json_full).unwrap();
        let top: Vec<serde_json::Value> = serde_json::from_slice(&json_top).unwrap();
        assert!(top.len() >= 3);
        assert_eq!(&full[..top.len()], &top[..], "{rubric}");
    }
    // Five rubrics in one pass: each its own cutoff.
    let full = score(&["--rubrics", "rubrics", SAMPLES, "--format", "csv"]);
    let top = score(&["--rubrics", "rubrics", SAMPLES, "--format", "csv", "--top", "2"]);
    let text = String::from_utf8(full).unwrap();
    let mut expected: Vec<&str> = vec![text.lines().next().unwrap()];
    let mut by_rubric: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for line in text.lines().skip(1) {
        by_rubric.entry(line.split(',').next().unwrap()).or_default().push(line);
    }
    let mut order: Vec<&str> = Vec::new();
    for line in text.lines().skip(1) {
        let rubric = line.split(',').next().unwrap();
        if !order.contains(&rubric) {
            order.push(rubric);
        }
    }
    for rubric in order {
        let lines = &by_rubric[rubric];
        let rank = |line: &str| line.split(',').nth(1).unwrap().to_string();
        let cut = 2 + lines[2..].iter().take_while(|l| rank(l) == rank(lines[1])).count();
        expected.extend(&lines[..cut]);
    }
    assert_eq!(String::from_utf8(top).unwrap(), expected.join("\n") + "\n");
}
