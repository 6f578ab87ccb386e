//! Rubric parsing and validation on the inputs issue 12 reported as quadratic: one choice
//! criterion of 20,000 choices (over a minute before), one terms criterion of 50,000 terms (14 s
//! before). Every duplicate check now uses a map, so both are linear.

use criterion::{Criterion, criterion_group, criterion_main};

fn rubric(criterion: &str) -> String {
    format!(
        "[rubric]\nid = \"t\"\ntitle = \"T\"\norganisation = \"O\"\nsource = \"s\"\nversion = \"1\"\n\n[[competency]]\nid = \"k\"\nlabel = \"K\"\nsource = \"s\"\n\n[[competency.criterion]]\nid = \"c\"\nlabel = \"C\"\nsource = \"s\"\n{criterion}\n"
    )
}

fn bench(c: &mut Criterion) {
    let choices: Vec<String> = (0..20_000).map(|i| format!("\"valg {i}\" = 0.5")).collect();
    let choices = rubric(&format!("kind = \"choice\"\nfield = \"x\"\nchoices = {{ {} }}", choices.join(", ")));
    let terms: Vec<String> = (0..50_000).map(|i| format!("\"term{i}\"")).collect();
    let terms = rubric(&format!("kind = \"terms\"\nterms = [{}]", terms.join(", ")));
    let mut group = c.benchmark_group("rubric parse");
    group.sample_size(10);
    group.bench_function("20,000 choices", |b| b.iter(|| profilmatch::rubric::parse("r.toml", &choices)));
    group.bench_function("50,000 terms", |b| b.iter(|| profilmatch::rubric::parse("r.toml", &terms)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
