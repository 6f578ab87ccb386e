//! The embedding API gives the CLI's results: the samples scored through [`profilmatch::Scorer`]
//! from plain std threads, each with its own cache, rank and total exactly as
//! `profilmatch score --format csv` writes them; and `examples/embed.rs` runs and prints the same.

use std::path::Path;
use std::process::Command;

use profilmatch::rank::{RankKey, Standing, rank};
use profilmatch::{Scorer, rubric};

const SAMPLES: &str = "samples/applicants.csv";
const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

/// The rubrics shipped in `rubrics/`, in name order.
fn shipped_rubrics() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(root().join("rubrics"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| format!("rubrics/{}", path.file_name().unwrap().to_string_lossy()))
        .collect();
    paths.sort();
    paths
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `id,total` in rank order from the CLI's CSV output: the header line, then one line per row.
fn cli_pairs(rubric: &str) -> String {
    let output = assert_cmd::Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(root())
        .args(["score", "--rubric", rubric, SAMPLES, "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, total) = (column("id"), column("total"));
    let mut pairs = String::from("id,total\n");
    for record in reader.records() {
        let record = record.unwrap();
        pairs.push_str(&format!("{},{}\n", &record[id], &record[total]));
    }
    pairs
}

/// The samples' records, with the header.
fn samples() -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(root().join(SAMPLES)).unwrap();
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    (header, reader.records().map(Result::unwrap).collect())
}

/// (id, total, meets requirements) of every record, scored through the scorer's full scorecard
/// (`full`) or its ranking summary, on `threads` std threads that each own a cache.
fn score_on_threads(
    scorer: &Scorer,
    records: &[csv::StringRecord],
    threads: usize,
    full: bool,
) -> Vec<(String, f64, Standing)> {
    let share = records.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = records
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut cache = scorer.cache();
                    chunk
                        .iter()
                        .map(|record| {
                            let fields: Vec<&str> = record.iter().collect();
                            if full {
                                let card = scorer.scorecard(&mut cache, 0, &fields).unwrap();
                                (card.id.clone(), card.total, card.standing())
                            } else {
                                let summary = scorer.summaries(&mut cache, &fields).swap_remove(0).unwrap();
                                (summary.id.to_string(), summary.total, summary.standing())
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    })
}

/// `id,total` in rank order, the total written as the CLI writes numbers.
fn pairs(rows: &[(String, f64, Standing)]) -> String {
    let keys: Vec<RankKey<'_>> =
        rows.iter().map(|(id, total, standing)| RankKey { standing: *standing, total: *total, id }).collect();
    let mut pairs = String::from("id,total\n");
    for placement in rank(&keys) {
        let (id, total, _) = &rows[placement.index];
        pairs.push_str(&format!("{},{}\n", profilmatch::output::neutralise(id), profilmatch::output::number(*total)));
    }
    pairs
}

#[test]
fn the_scorer_on_std_threads_gives_the_cli_totals_for_every_shipped_rubric() {
    let (header, records) = samples();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rubrics = shipped_rubrics();
    assert_eq!(rubrics.len(), 5, "{rubrics:?}");
    for path in rubrics {
        let scorer = Scorer::new(vec![rubric::read(&root().join(&path)).unwrap()], &header).unwrap();
        let expected = cli_pairs(&path);
        // 87 samples, so 88 lines with the header: no row lost on either side.
        assert_eq!(expected.lines().count(), 88, "{path}");
        // The ranking summary (what the CLI's first pass computes) on one and two threads, and
        // the full scorecard, whose total is summed from the criterion points.
        for (threads, full) in [(1, false), (2, false), (2, true)] {
            let got = pairs(&score_on_threads(&scorer, &records, threads, full));
            assert_eq!(got, expected, "{path}, {threads} threads, full scorecard: {full}");
        }
    }
}

#[test]
fn one_scorer_is_shared_by_threads_while_a_cache_warms_across_records() {
    // The same record scored first on a cold cache, then on caches warmed by every other record
    // in another order: the same scorecard each time.
    let (header, records) = samples();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let scorer = Scorer::new(vec![rubric::read(&root().join(RUBRIC)).unwrap()], &header).unwrap();
    let first: Vec<&str> = records[0].iter().collect();
    let cold = scorer.scorecard(&mut scorer.cache(), 0, &first).unwrap();
    let warm: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|worker| {
                let (scorer, records, first) = (&scorer, &records, &first);
                scope.spawn(move || {
                    let mut cache = scorer.cache();
                    let order: Box<dyn Iterator<Item = &csv::StringRecord>> =
                        if worker == 0 { Box::new(records.iter()) } else { Box::new(records.iter().rev()) };
                    for record in order {
                        scorer.scorecard(&mut cache, 0, &record.iter().collect::<Vec<_>>()).unwrap();
                    }
                    scorer.scorecard(&mut cache, 0, first).unwrap()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(warm, vec![cold.clone(), cold]);
}

#[test]
fn the_embed_example_prints_the_cli_ranking() {
    // `cargo test` builds the examples; `cargo run` finds it fresh (or builds it when this test
    // is run alone) in the same target directory and profile.
    let output = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "--example", "embed", "--", "--threads", "2", "--repeat", "1", SAMPLES, RUBRIC])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), cli_pairs(RUBRIC));
    // The timing lines (their figures vary, so only their shape is checked).
    assert!(stderr.contains("87 rows: 1 thread ") && stderr.contains("87 rows: 2 threads "), "{stderr}");
}
