//! The token cache strategy, two threads: what issue 4 asks to measure before choosing.
//!
//! Both strategies tokenise the same rows and find each token's term matches, computing a
//! distinct token's matches only when the cache does not have them:
//! - `per-thread`: each worker has its own [`TokenCache`] (what profilmatch does). No locks, but a
//!   token new to both threads is matched twice.
//! - `sharded`: one cache shared by both threads, split into 64 shards behind mutexes by the
//!   token's hash. A token is matched once, but every occurrence takes a lock whose cache line
//!   moves between the cores.
//!
//! Rows are the samples' experience and summary texts, 40 copies, each copy with its own typos
//! (one in about 50 longer words, as `examples/synth.rs` makes them), so that the distinct tokens
//! keep growing as they do in a large file. Every iteration starts with empty caches, as a run does.

use std::hash::{BuildHasher, BuildHasherDefault};
use std::hint::black_box;
use std::sync::{Arc, Mutex};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use profilmatch::text::{Matcher, TokenCache, TokenMatches, for_each_token};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

mod common;

use common::{matcher, records};

const COPIES: usize = 40;
const SHARDS: usize = 64;

fn rows() -> Vec<String> {
    let texts: Vec<String> = records()
        .1
        .iter()
        .map(|r| format!("{} {}", r.fields.get(13).unwrap_or(""), r.fields.get(14).unwrap_or("")))
        .collect();
    let mut rows = Vec::new();
    for copy in 0..COPIES {
        for (i, text) in texts.iter().enumerate() {
            // A typo (two letters swapped) in every 50th word of 6+ ASCII letters, at a place that
            // depends on the copy, so that each copy brings typos of its own.
            let mut long_words = 0;
            let words: Vec<String> = text
                .split(' ')
                .map(|word| {
                    if word.len() < 6 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
                        return word.to_string();
                    }
                    long_words += 1;
                    if (long_words + copy * 7 + i) % 50 != 0 {
                        return word.to_string();
                    }
                    let mut bytes = word.as_bytes().to_vec();
                    let at = 1 + copy % (bytes.len() - 2);
                    bytes.swap(at, at + 1);
                    String::from_utf8(bytes).unwrap_or_default()
                })
                .collect();
            rows.push(words.join(" "));
        }
    }
    rows
}

/// One cache per worker thread, as `Engine` keeps them.
fn per_thread(rows: &[String], matcher: &Matcher, threads: usize) -> usize {
    let caches: Vec<Mutex<TokenCache>> = (0..threads).map(|_| Mutex::new(TokenCache::new())).collect();
    rows.par_iter()
        .map(|row| {
            let slot = rayon::current_thread_index().unwrap_or(0) % threads;
            let mut cache = caches[slot].lock().expect("own cache");
            let mut buffer = String::new();
            let mut matched = 0;
            for_each_token(row, &mut buffer, |_, token| {
                let id = cache.id(matcher, token);
                matched += cache.matches(id).len();
            });
            matched
        })
        .sum()
}

type Shard = Mutex<FxHashMap<Box<str>, Arc<TokenMatches>>>;

/// One cache shared by all threads, in mutex-guarded shards.
fn sharded(rows: &[String], matcher: &Matcher) -> usize {
    let shards: Vec<Shard> = (0..SHARDS).map(|_| Mutex::new(FxHashMap::default())).collect();
    let hasher = BuildHasherDefault::<FxHasher>::default();
    rows.par_iter()
        .map(|row| {
            let mut buffer = String::new();
            let mut matched = 0;
            for_each_token(row, &mut buffer, |_, token| {
                if matcher.cannot_match(token) {
                    return;
                }
                let shard = &shards[hasher.hash_one(token) as usize % SHARDS];
                let known = shard.lock().expect("shard").get(token).cloned();
                let matches = known.unwrap_or_else(|| {
                    // Matched outside the lock; a token two threads meet at once is matched twice.
                    let matches: Arc<TokenMatches> = matcher.match_token(token).into();
                    shard.lock().expect("shard").insert(token.into(), Arc::clone(&matches));
                    matches
                });
                matched += matches.len();
            });
            matched
        })
        .sum()
}

fn bench_cache(c: &mut Criterion) {
    let rows = rows();
    let matcher = matcher();
    let bytes: usize = rows.iter().map(String::len).sum();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
    // Both strategies find the same matches.
    assert_eq!(pool.install(|| per_thread(&rows, &matcher, 2)), pool.install(|| sharded(&rows, &matcher)));
    let mut group = c.benchmark_group("token_cache");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("per-thread, 2 threads", |b| {
        b.iter(|| pool.install(|| per_thread(black_box(&rows), &matcher, 2)))
    });
    group.bench_function("sharded, 2 threads", |b| b.iter(|| pool.install(|| sharded(black_box(&rows), &matcher))));
    group.finish();
}

criterion_group!(benches, bench_cache);
criterion_main!(benches);
