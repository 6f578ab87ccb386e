//! Embedding profilmatch: score an applicant file through [`profilmatch::Scorer`] from plain
//! `std::thread`s, each with its own [`profilmatch::Cache`], with no rayon and no lock.
//!
//! ```sh
//! cargo run --release --example embed -- [--threads N] [--repeat R] [CSV [RUBRIC]]
//! ```
//!
//! Prints `id,total` in rank order to stdout (the same lines as the `id` and `total` columns of
//! `profilmatch score --format csv`), then, to stderr, the time to score the file `R` times
//! (default 20) with 1 thread and with `N` threads (default 2). The defaults are
//! `samples/applicants.csv` and `rubrics/hoeje-taastrup-oekonomidirektoer.toml`.

use std::error::Error;
use std::time::{Duration, Instant};

use profilmatch::rank::{RankKey, rank};
use profilmatch::score::Summary;
use profilmatch::{Cache, ScoreError, Scorer};

struct Settings {
    threads: usize,
    repeat: usize,
    csv: String,
    rubric: String,
}

fn main() -> Result<(), Box<dyn Error>> {
    let settings = settings()?;
    let rubric = profilmatch::rubric::read(settings.rubric.as_ref())?;
    let mut reader = csv::Reader::from_path(&settings.csv)?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let records = reader.records().collect::<Result<Vec<csv::StringRecord>, _>>()?;
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let scorer = Scorer::new(vec![rubric], &header)?;

    let results = score_all(&scorer, &records, settings.threads);
    let mut summaries = Vec::with_capacity(results.len());
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Ok(summary) => summaries.push(summary),
            // Nothing is lost: a rejected record is named with its reason (line 1 is the header).
            Err(error) => eprintln!("record {} (line {}): {error}", index + 1, index + 2),
        }
    }
    print_ranking(&summaries);

    let one = time(&scorer, &records, 1, settings.repeat);
    let many = time(&scorer, &records, settings.threads, settings.repeat);
    let rows = records.len() * settings.repeat;
    eprintln!("{rows} rows: 1 thread {:.1} ms", one.as_secs_f64() * 1e3);
    eprintln!(
        "{rows} rows: {} threads {:.1} ms ({:.2}x)",
        settings.threads,
        many.as_secs_f64() * 1e3,
        one.as_secs_f64() / many.as_secs_f64()
    );
    Ok(())
}

/// Scores every record (against the scorer's first rubric) on `threads` plain threads, each with
/// its own cache and a contiguous share of the records; the results come back in input order.
fn score_all(scorer: &Scorer, records: &[csv::StringRecord], threads: usize) -> Vec<Result<Summary, ScoreError>> {
    on_threads(records, threads, |share| score_share(scorer, &mut scorer.cache(), share))
}

/// Runs `work` on `threads` plain threads, each given a contiguous share of the records, and
/// joins their results in input order.
fn on_threads<T: Send>(
    records: &[csv::StringRecord],
    threads: usize,
    work: impl Fn(&[csv::StringRecord]) -> Vec<T> + Sync,
) -> Vec<T> {
    let share = records.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let work = &work;
        let workers: Vec<_> = records.chunks(share).map(|chunk| scope.spawn(move || work(chunk))).collect();
        // A worker only panics on a bug in profilmatch, never on a record: pass the panic on.
        workers.into_iter().flat_map(|worker| worker.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    })
}

/// Scores a share of the records with one cache.
fn score_share(scorer: &Scorer, cache: &mut Cache, share: &[csv::StringRecord]) -> Vec<Result<Summary, ScoreError>> {
    let mut fields: Vec<&str> = Vec::new();
    share
        .iter()
        .map(|record| {
            fields.clear();
            fields.extend(record.iter());
            // One rubric, so one result.
            scorer.summaries(cache, &fields).swap_remove(0)
        })
        .collect()
}

/// `id,total` in rank order, totals as the CLI writes them (rounded to 6 decimals).
fn print_ranking(summaries: &[Summary]) {
    let keys: Vec<RankKey<'_>> =
        summaries.iter().map(|s| RankKey { standing: s.standing(), total: s.total, id: &s.id }).collect();
    println!("id,total");
    for placement in rank(&keys) {
        let summary = &summaries[placement.index];
        println!("{},{}", profilmatch::output::neutralise(&summary.id), profilmatch::output::number(summary.total));
    }
}

/// The time to score the records `repeat` times on `threads` threads, each thread keeping its
/// cache from pass to pass (as a server's worker would from request to request).
fn time(scorer: &Scorer, records: &[csv::StringRecord], threads: usize, repeat: usize) -> Duration {
    let started = Instant::now();
    on_threads(records, threads, |share| {
        let mut cache = scorer.cache();
        for _ in 0..repeat {
            std::hint::black_box(score_share(scorer, &mut cache, share));
        }
        Vec::<()>::new()
    });
    started.elapsed()
}

fn settings() -> Result<Settings, Box<dyn Error>> {
    let mut settings = Settings {
        threads: 2,
        repeat: 20,
        csv: "samples/applicants.csv".to_string(),
        rubric: "rubrics/hoeje-taastrup-oekonomidirektoer.toml".to_string(),
    };
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => settings.threads = count(args.next(), "--threads")?,
            "--repeat" => settings.repeat = count(args.next(), "--repeat")?,
            _ => paths.push(arg),
        }
    }
    let mut paths = paths.into_iter();
    settings.csv = paths.next().unwrap_or(settings.csv);
    settings.rubric = paths.next().unwrap_or(settings.rubric);
    Ok(settings)
}

fn count(value: Option<String>, flag: &str) -> Result<usize, Box<dyn Error>> {
    match value.as_deref().map(str::parse::<usize>) {
        Some(Ok(n)) if n > 0 => Ok(n),
        _ => Err(format!("{flag}: give a whole number of at least 1").into()),
    }
}
