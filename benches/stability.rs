//! `tune --stability` on 10,000 synthetic applicants and 10 competencies: 10,000 Dirichlet weight
//! samples, top-k 10. Per sample: the weighted sums and a partial selection of the 10th largest.

use criterion::{Criterion, criterion_group, criterion_main};
use profilmatch::tune::{Scores, StabilityOptions, stability};

/// Scores of realistic shape: each applicant has a general strength, and each competency score
/// scatters around it (a fixed linear congruential generator, so every run sees the same data).
fn synthetic(applicants: usize, competencies: usize) -> Scores {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let rows = (0..applicants)
        .map(|i| {
            let strength = 20.0 + 60.0 * next();
            let scores = (0..competencies).map(|_| (strength + 40.0 * (next() - 0.5)).clamp(0.0, 100.0)).collect();
            (format!("A{i:05}"), next() > 0.05, scores)
        })
        .collect();
    let names = (0..competencies).map(|k| format!("c{k}")).collect();
    let weights = vec![4.0, 2.5, 2.5, 2.0, 1.5, 1.5, 1.0, 1.0, 1.0, 1.0];
    Scores::new(rows, names, weights[..competencies].to_vec())
}

fn bench(c: &mut Criterion) {
    let scores = synthetic(10_000, 10);
    let options = StabilityOptions { top: 10, spread: 20.0, samples: 10_000, seed: 2010 };
    let mut group = c.benchmark_group("stability");
    group.sample_size(10);
    group.bench_function("10k applicants x 10k samples, top 10", |b| b.iter(|| stability(&scores, &options)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
