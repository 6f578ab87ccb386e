//! The scoring kernels, on the samples' text and the Høje-Taastrup rubric:
//! - `normalise`: Danish-aware normalisation and tokenising of applicant text;
//! - `match_token`: matching one distinct text token against the whole rubric vocabulary (what
//!   the token cache saves on every later occurrence), for tokens with and without typos;
//! - `row`: scoring one applicant row for ranking (tokenise, look up, evaluate every criterion),
//!   with the token cache warm, as it is after the first few hundred rows of a file.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use profilmatch::rubric;
use profilmatch::score::{Engine, RowContext};
use profilmatch::text::{for_each_token, normalize, tokens};

mod common;

use common::{RUBRIC, SAMPLES, matcher, records};

fn bench_normalise(c: &mut Criterion) {
    let (_, records) = records();
    let text: String = records.iter().map(|r| r.fields.get(13).unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut group = c.benchmark_group("normalise");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut buffer = String::new();
    group.bench_function("for_each_token", |b| {
        b.iter(|| {
            let mut count = 0usize;
            for_each_token(black_box(&text), &mut buffer, |_, t| count += t.len());
            count
        })
    });
    group.bench_function("normalize", |b| b.iter(|| normalize(black_box(&text)).len()));
    group.finish();
}

fn bench_match_token(c: &mut Criterion) {
    let matcher = matcher();
    let (_, records) = records();
    let text = normalize(&records.iter().map(|r| r.fields.get(13).unwrap_or("")).collect::<Vec<_>>().join(" "));
    let mut distinct: Vec<String> = tokens(&text).map(str::to_string).collect();
    distinct.sort();
    distinct.dedup();
    // One typo in every token of 6+ characters (the last two letters swapped): new distinct tokens.
    let typos: Vec<String> = distinct
        .iter()
        .filter(|t| t.len() >= 6 && t.is_ascii())
        .map(|t| {
            let mut b = t.clone().into_bytes();
            let n = b.len();
            b.swap(n - 1, n - 2);
            String::from_utf8(b).unwrap_or_default()
        })
        .collect();
    let mut group = c.benchmark_group("match_token");
    group.throughput(Throughput::Elements(distinct.len() as u64));
    group.bench_function("sample tokens", |b| {
        b.iter(|| distinct.iter().map(|t| matcher.match_token(black_box(t)).len()).sum::<usize>())
    });
    group.throughput(Throughput::Elements(typos.len() as u64));
    group.bench_function("tokens with a typo", |b| {
        b.iter(|| typos.iter().map(|t| matcher.match_token(black_box(t)).len()).sum::<usize>())
    });
    group.finish();
}

fn bench_row(c: &mut Criterion) {
    let (reader, records) = records();
    let rubric = rubric::read(Path::new(RUBRIC)).expect("rubric");
    let engine = Engine::new(vec![rubric], reader.header(), SAMPLES).expect("engine");
    let context = RowContext { path: SAMPLES.into(), decimal_comma: false, delimiter: b',' };
    let bytes: usize = records.iter().map(|r| r.fields.as_slice().len()).sum();
    let mut warnings = vec![Vec::new()];
    // Warm the token cache, as the first rows of a file do.
    for record in &records {
        engine.summarize(record, &context, false, &mut warnings);
    }
    let mut group = c.benchmark_group("row");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("66 sample rows, one rubric", |b| {
        b.iter(|| {
            records
                .iter()
                .map(|r| {
                    warnings[0].clear();
                    engine.summarize(black_box(r), &context, false, &mut warnings).len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_normalise, bench_match_token, bench_row);
criterion_main!(benches);
