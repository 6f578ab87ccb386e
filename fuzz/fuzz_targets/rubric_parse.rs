//! Rubric parsing: arbitrary text (bytes read as UTF-8, lossily) as a rubric file.
//!
//! Asserted: no panic; a rubric that parses has finite weights ≥ 0, not all 0 (competencies, and
//! criteria within each competency), weight sums that are finite (scoring divides by them), every
//! terms check's `need` within 1..=number of terms, fuzzy thresholds in (0, 1], curves with at
//! least two strictly increasing points and credits in [0, 1]. Then the rubric is bound to a header
//! holding every column it names and scores a few rows built from its own terms and choices: no
//! panic, the light total (pass 1) equals the scorecard total (pass 2), criterion points add up to
//! the total within 1e-9, and the total lies in [0, 100].
#![no_main]

use libfuzzer_sys::fuzz_target;
use profilmatch::error::Location;
use profilmatch::input::{Header, Record};
use profilmatch::rubric::{self, Check, NumberRule, Rubric};
use profilmatch::score::{Engine, RowContext};
use profilmatch::text::token_key;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(rubric) = rubric::parse("fuzz.toml", &text) else {
        return;
    };
    check_rubric(&rubric);
    score_rows(rubric);
});

fn check_rubric(rubric: &Rubric) {
    assert!(rubric.meta.fuzzy > 0.0 && rubric.meta.fuzzy <= 1.0, "fuzzy {}", rubric.meta.fuzzy);
    assert!(!rubric.competencies.is_empty());
    for competency in &rubric.competencies {
        assert!(competency.weight.is_finite() && competency.weight >= 0.0, "weight {}", competency.weight);
        assert!(!competency.criteria.is_empty());
        for criterion in &competency.criteria {
            assert!(criterion.weight.is_finite() && criterion.weight >= 0.0, "weight {}", criterion.weight);
            check_check(&criterion.check);
        }
        assert!(competency.criteria.iter().any(|c| c.weight > 0.0), "all criterion weights 0");
        let sum: f64 = competency.criteria.iter().map(|c| c.weight).sum();
        assert!(sum.is_finite() && sum > 0.0, "criterion weights of '{}' sum to {sum}", competency.id);
    }
    assert!(rubric.competencies.iter().any(|c| c.weight > 0.0), "all competency weights 0");
    let total = rubric.total_weight();
    assert!(total.is_finite() && total > 0.0, "competency weights sum to {total}");
    for requirement in &rubric.requirements {
        assert!((0.0..=1.0).contains(&requirement.at_least), "at_least {}", requirement.at_least);
        check_check(&requirement.check);
    }
}

fn check_check(check: &Check) {
    match check {
        Check::Terms { terms, need, fuzzy, .. } => {
            assert!((1..=terms.len()).contains(need), "need {need} of {} terms", terms.len());
            assert!(*fuzzy > 0.0 && *fuzzy <= 1.0, "fuzzy {fuzzy}");
        }
        Check::Number { rule: NumberRule::Curve(points), .. } => {
            assert!(points.len() >= 2, "a curve of {} points", points.len());
            assert!(points.windows(2).all(|w| w[0].0 < w[1].0), "curve x not increasing: {points:?}");
            assert!(points.iter().all(|p| p.0.is_finite() && (0.0..=1.0).contains(&p.1)), "{points:?}");
        }
        Check::Number { rule: NumberRule::Min(min), .. } => assert!(min.is_finite(), "min {min}"),
        Check::Choice { choices, .. } => {
            assert!(choices.iter().all(|(_, c)| (0.0..=1.0).contains(c)), "{choices:?}");
        }
        Check::Flag { .. } => {}
    }
}

/// Every column the rubric names, once each (as the header would have to hold them).
fn columns(rubric: &Rubric) -> Vec<String> {
    let c = &rubric.columns;
    let mut names = vec![c.id.name.clone(), c.name.name.clone()];
    names.extend(c.text.iter().flatten().chain(&c.contact).chain(&c.protected).map(|r| r.name.clone()));
    let checks = rubric.competencies.iter().flat_map(|c| c.criteria.iter().map(|k| &k.check));
    for check in checks.chain(rubric.requirements.iter().map(|r| &r.check)) {
        match check {
            Check::Terms { fields, .. } => names.extend(fields.iter().flatten().map(|r| r.name.clone())),
            other => names.extend(other.field().map(|r| r.name.clone())),
        }
    }
    let mut seen = Vec::new();
    names.retain(|n| {
        let key = token_key(n);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    names
}

/// Cell texts that give credit: "1", "ja", the rubric's terms, its first choice values.
fn cells(rubric: &Rubric) -> Vec<String> {
    let mut terms = Vec::new();
    let mut choices = Vec::new();
    let checks = rubric.competencies.iter().flat_map(|c| c.criteria.iter().map(|k| &k.check));
    for check in checks.chain(rubric.requirements.iter().map(|r| &r.check)) {
        match check {
            Check::Terms { terms: t, .. } => {
                terms.extend(t.iter().flat_map(|e| &e.members).map(|t| t.trim_matches('*').to_string()))
            }
            Check::Choice { choices: c, .. } => choices.extend(c.first().map(|(v, _)| v.clone())),
            _ => {}
        }
    }
    let mut cells = vec!["1".to_string(), "ja".to_string(), terms.join(" ")];
    cells.extend(choices.into_iter().take(4));
    cells
}

fn score_rows(rubric: Rubric) {
    let names = columns(&rubric);
    let cells = cells(&rubric);
    let Ok(header) = Header::new(names.clone(), &Location::line("fuzz.csv", 1)) else {
        return;
    };
    let Ok(engine) = Engine::new(vec![rubric], &header, "fuzz.csv") else {
        return;
    };
    let context = RowContext { path: "fuzz.csv".into(), decimal_comma: false, delimiter: b',' };
    for (i, cell) in cells.iter().enumerate() {
        let fields = csv::StringRecord::from(vec![cell.as_str(); names.len()]);
        let record = Record { line: i as u64 + 2, offset: 0, fields, damaged: Vec::new() };
        let mut warnings = vec![Vec::new()];
        let summary = engine.summarize(&record, &context, true, &mut warnings).remove(0);
        let card = engine.scorecard(0, &record, &context);
        let (Ok(summary), Ok(card)) = (summary, card) else {
            continue;
        };
        let points: f64 = card.competencies.iter().flat_map(|c| &c.criteria).map(|c| c.points).sum();
        assert!((points - card.total).abs() <= 1e-9, "points {points} vs total {}", card.total);
        assert!((0.0..=100.0).contains(&card.total), "total {}", card.total);
        assert!((summary.total - card.total).abs() <= 1e-9, "pass 1 {} vs pass 2 {}", summary.total, card.total);
        assert_eq!(summary.meets_requirements, card.meets_requirements);
    }
}
