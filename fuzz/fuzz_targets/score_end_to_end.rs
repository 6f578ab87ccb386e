//! The scorer end to end: a rubric chosen by the first byte (one of the five shipped rubrics, or a
//! tiny rubric with every kind of check), and the rest of the input as the rows of an applicant
//! file under the header of `samples/applicants.csv`, so that rows are scored.
//!
//! Asserted: no panic; `read = scored + rejected + blank`; the ranking places every scored row
//! once, with rising ranks, all rows that meet the requirements first; for every scored row, the
//! full scorecard (pass 2, fetched again by offset) has the id, total and requirement flag of the
//! light summary (pass 1) and of the table row, its criterion points add up to its total within
//! 1e-9, and the total lies in [0, 100]; scoring twice gives equal scorecards; blind redaction of
//! every scorecard, warning and rejected row never panics, leaves no snippet that it would redact
//! again, and leaves no warning quoting a cell.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use profilmatch::input::ReadOptions;
use profilmatch::pipeline::{ScoreOptions, score_file};
use profilmatch::redact;
use profilmatch::rubric::{self, Rubric};

const HEADER: &str = "id,name,email,phone,title,employer,sector,years_management,years_leading_leaders,budget_mio,staff_led,education,leadership_education,experience,summary,gender,birth_year\n";

const RUBRICS: [(&str, &str); 6] = [
    ("generisk-direktoer.toml", include_str!("../../rubrics/generisk-direktoer.toml")),
    (
        "helsingoer-boerne-og-skoledirektoer.toml",
        include_str!("../../rubrics/helsingoer-boerne-og-skoledirektoer.toml"),
    ),
    ("hoeje-taastrup-oekonomidirektoer.toml", include_str!("../../rubrics/hoeje-taastrup-oekonomidirektoer.toml")),
    (
        "skanderborg-myndigheds-og-sekretariatschef.toml",
        include_str!("../../rubrics/skanderborg-myndigheds-og-sekretariatschef.toml"),
    ),
    ("soroe-vicekommunaldirektoer.toml", include_str!("../../rubrics/soroe-vicekommunaldirektoer.toml")),
    ("tiny.toml", TINY),
];

/// Every kind of check, uneven weights, a requirement; no [columns] text (the default text columns).
const TINY: &str = r#"
[rubric]
id = "tiny"
title = "T"
organisation = "O"
source = "s"
version = "1"
fuzzy = 0.8

[columns]
contact = ["email", "phone"]
protected = ["gender", "birth_year"]

[[competency]]
id = "a"
label = "A"
weight = 3
source = "s"

[[competency.criterion]]
id = "years"
label = "Years"
source = "s"
weight = 0.7
kind = "number"
field = "years_management"
curve = [[0, 0], [2.5, 0.1], [10, 0.9], [20, 1]]

[[competency.criterion]]
id = "budget"
label = "Budget"
source = "s"
weight = 0.001
kind = "number"
field = "budget_mio"
min = 1000

[[competency.criterion]]
id = "text"
label = "Text"
source = "s"
kind = "terms"
terms = ["budget*", "byråd", "ledelse af ledere", "økonomi"]
need = 3

[[competency]]
id = "b"
label = "B"
weight = 1.3
source = "s"

[[competency.criterion]]
id = "sector"
label = "Sector"
source = "s"
weight = 2
kind = "choice"
field = "sector"
choices = { kommune = 1, region = 0.6, stat = 0.3 }

[[competency.criterion]]
id = "education"
label = "Education"
source = "s"
weight = 0
kind = "flag"
field = "leadership_education"

[[competency.criterion]]
id = "summary"
label = "Summary"
source = "s"
kind = "terms"
fields = ["summary", "experience"]
terms = ["strategi", "kultur"]

[[requirement]]
id = "lead"
label = "Leadership"
kind = "number"
field = "years_leading_leaders"
min = 2
"#;

fn path() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("applicants.csv");
        (dir, path)
    });
    path
}

fn rubrics() -> &'static [Rubric] {
    static PARSED: OnceLock<Vec<Rubric>> = OnceLock::new();
    PARSED.get_or_init(|| {
        RUBRICS.iter().map(|(name, text)| rubric::parse(name, text).expect("a shipped rubric parses")).collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rows)) = data.split_first() else {
        return;
    };
    let rubric = rubrics()[usize::from(selector) % RUBRICS.len()].clone();
    let path = path();
    std::fs::write(path, [HEADER.as_bytes(), rows].concat()).expect("writing the input");
    let options = ScoreOptions { keep_scores: true, ..ScoreOptions::default() };
    let Ok(session) = score_file(vec![rubric], path, "fuzz.csv", &ReadOptions::default(), options, &mut |_| {}) else {
        return;
    };
    let run = &session.runs[0];
    let counts = run.counts;
    assert_eq!(counts.read, counts.scored + counts.rejected + counts.blank, "{counts:?}");
    assert_eq!(counts.scored, run.rows.len() as u64);

    let mut placed = vec![false; run.rows.len()];
    for (i, placement) in run.placements.iter().enumerate() {
        assert!(!std::mem::replace(&mut placed[placement.index], true), "row {} placed twice", placement.index);
        assert!(placement.rank >= 1 && placement.rank <= i + 1, "rank {} at place {}", placement.rank, i + 1);
        if i > 0 {
            let before = &run.placements[i - 1];
            assert!(before.rank <= placement.rank);
            let standing = |p: &profilmatch::rank::Placement| run.rows[p.index].summary.standing();
            assert!(
                standing(before) <= standing(placement),
                "a row of an earlier ranking group ranked below a later one"
            );
        }
    }
    assert!(placed.iter().all(|p| *p), "every scored row is placed");

    let all: Vec<usize> = (0..run.rows.len()).collect();
    let cards = session.scorecards(0, &all).expect("pass 2 scores every row pass 1 scored");
    for (entry, card) in run.rows.iter().zip(&cards) {
        assert_eq!(*entry.summary.id, card.id);
        assert_eq!(entry.line, card.line);
        assert_eq!(entry.summary.meets_requirements, card.meets_requirements);
        assert_eq!(entry.summary.requirements, card.requirements_status);
        assert_eq!(entry.summary.core, card.core);
        assert!(
            (entry.summary.total - card.total).abs() <= 1e-9,
            "pass 1 {} vs pass 2 {}",
            entry.summary.total,
            card.total
        );
        let points: f64 = card.competencies.iter().flat_map(|c| &c.criteria).map(|c| c.points).sum();
        assert!((points - card.total).abs() <= 1e-9, "points {points} vs total {}", card.total);
        assert!((0.0..=100.0).contains(&card.total), "total {}", card.total);
        for (competency, score) in card.competencies.iter().zip(entry.summary.scores.iter()) {
            assert!((competency.score - score).abs() <= 1e-9, "competency {} vs {score}", competency.score);
            assert!((0.0..=100.0).contains(&competency.score), "competency score {}", competency.score);
        }
        let blind = redact::blind_scorecard(card);
        assert!(blind.name.is_empty() && blind.hidden.is_empty());
        // Redaction leaves nothing it would redact again.
        for detail in blind.competencies.iter().flat_map(|c| c.criteria.iter().map(|k| &k.detail)) {
            for evidence in &detail.evidence {
                assert!(!redact::reveals(&evidence.snippet, &card.hidden), "{:?} still reveals", evidence.snippet);
            }
        }
        for warning in &blind.warnings {
            assert!(warning.value.as_deref().is_none_or(|v| v == redact::MARKER), "{warning:?}");
        }
    }
    let again = session.scorecards(0, &all).expect("scoring again");
    assert!(cards == again, "scorecards differ between two scorings");

    let mut views = Vec::new();
    session
        .for_each_ranked_row(0, run.placements.len(), &mut |placement, view| {
            views.push((placement.index, view.clone()));
            Ok(())
        })
        .expect("table rows");
    for (index, view) in views {
        let entry = &run.rows[index];
        assert_eq!(*entry.summary.id, view.id);
        assert!((entry.summary.total - view.total).abs() <= 1e-9, "{} vs {}", entry.summary.total, view.total);
    }

    for warning in run.warnings.iter().chain(&session.warnings) {
        let _ = redact::blind_diagnostic(warning).to_string();
    }
    for rejected in &run.rejected {
        let _ = redact::redact_text(&rejected.raw, &[]);
    }
});
