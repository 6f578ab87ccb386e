//! `profilmatch rubric check`: every shipped rubric passes it, alone and against the samples, and
//! on a small rubric and file where the answer is known it flags dead and indiscriminate terms.

mod common;

use common::*;

fn shipped_rubrics() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(repo("rubrics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "{paths:?}");
    paths
}

/// The weight shares (in %) printed on the summary's competency lines (`    22.2%  oekonomi  …`).
fn shares(summary: &str) -> Vec<f64> {
    summary
        .lines()
        .filter_map(|line| line.trim_start().split_once("%  "))
        .filter_map(|(share, _)| share.parse().ok())
        .collect()
}

#[test]
fn every_shipped_rubric_passes_with_weights_as_percentages() {
    let fixture = Fixture::new();
    for path in shipped_rubrics() {
        let run = fixture.run(&["rubric", "check", path.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
        let out = run.out();
        assert!(out.lines().next().unwrap().ends_with(": ok"), "{out}");
        let found = shares(&out);
        // "N competencies, …": one share per competency, at least the three every profile shares.
        let count: usize = out.lines().nth(2).unwrap().split_whitespace().next().unwrap().parse().unwrap();
        assert_eq!(found.len(), count, "{out}");
        assert!(count >= 3, "{out}");
        for id in ["politik", "strategi", "oekonomi"] {
            assert!(out.contains(&format!("%  {id} ")), "{}: no competency {id}\n{out}", path.display());
        }
        // Shares are rounded to one decimal each.
        let sum: f64 = found.iter().sum();
        assert!((sum - 100.0).abs() <= 0.05 * count as f64, "{}: shares add up to {sum}", path.display());
    }
}

#[test]
fn every_shipped_rubric_passes_against_the_samples() {
    let fixture = Fixture::new();
    let samples = repo("samples/applicants.csv");
    for path in shipped_rubrics() {
        let run = fixture.run(&["rubric", "check", path.to_str().unwrap(), "--csv", samples.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
        let out = run.out();
        assert!(out.contains("(87 applicants scored)"), "{out}");
        // No shipped term matches nearly everybody: such a term cannot tell applicants apart.
        assert!(out.contains(" terms match nobody; 0 terms match at least 90% of applicants"), "{out}");
    }
}

#[test]
fn check_flags_dead_and_indiscriminate_terms() {
    let rubric = rubric(
        &(competency("oekonomi", 3.0)
            + &criterion(
                "budget",
                1.0,
                "kind = \"terms\"\nterms = [\"budget*\", \"zebra\", \"kommune\"]\nfields = [\"cv\"]",
            )
            + &competency("politik", 1.0)
            + &criterion("byraad", 1.0, "kind = \"terms\"\nterms = [\"byråd\"]\nfields = [\"cv\"]")),
    );
    let fixture = Fixture::new();
    fixture.write("r.toml", &rubric);
    fixture.write(
        "a.csv",
        "id,name,cv\n\
         1,A,budgetansvar i en kommune\n\
         2,B,kommune og byråd\n\
         3,C,Kommune\n\
         4,D,budget for en kommune\n",
    );
    let run = fixture.run(&["rubric", "check", "r.toml", "--csv", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.out();
    // Weights 3 and 1: 3/4 = 75.0%, 1/4 = 25.0%.
    assert_eq!(shares(&out), vec![75.0, 25.0], "{out}");
    assert!(out.contains("2 competencies, 2 criteria, 0 requirements"), "{out}");
    let line = |term: &str| {
        out.lines()
            .find(|l| l.contains(&format!("\"{term}\"")))
            .unwrap_or_else(|| panic!("no {term}: {out}"))
            .to_string()
    };
    // budget*: "budgetansvar" (prefix) and "budget" (exact): 2 of 4.
    let budget = line("budget*");
    assert!(budget.trim_start().starts_with("2 "), "{budget}");
    assert!(budget.contains("exact 1, prefix 1") && !budget.contains("<-"), "{budget}");
    // zebra: nobody. kommune: all 4 (≥ 90%). byråd: 1 of 4.
    assert!(line("zebra").trim_start().starts_with("0 ") && line("zebra").ends_with("<- matches nobody"), "{out}");
    assert!(line("kommune").trim_start().starts_with("4 ") && line("kommune").ends_with("<- matches nearly everybody"));
    assert!(line("byråd").trim_start().starts_with("1 ") && !line("byråd").contains("<-"), "{out}");
    assert!(out.contains("1 terms match nobody; 1 terms match at least 90% of applicants"), "{out}");
}

#[test]
fn check_reports_how_text_length_and_total_rank_together() {
    let rubric = rubric(
        &(competency("c", 1.0) + &criterion("k", 1.0, "kind = \"terms\"\nterms = [\"budget*\", \"byråd\"]\nneed = 2")),
    );
    // Words in the text column: a 2, b 4, c 6. Totals: a 0 (no term), b 50 (one term of need 2),
    // c 100 (both). Ranks of the lengths (1, 2, 3) equal the ranks of the totals: ρ = 1.
    let csv = "id,name,cv\na,A,ingen af dem\nb,B,jeg har et budget\nc,C,budget og byråd er mit job\n";
    let fixture = Fixture::new();
    fixture.write("r.toml", rubric);
    fixture.write("a.csv", csv);
    let run = fixture.run(&["rubric", "check", "r.toml", "--csv", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.out().contains("length and total: Spearman rank correlation 1 over 3 applicants"), "{}", run.out());
    // Reversed: the longest text has no term, the shortest both. ρ = -1.
    let csv = "id,name,cv\na,A,budget byråd\nb,B,jeg har et budget\nc,C,ingen af dem står i teksten her\n";
    fixture.write("a.csv", csv);
    let run = fixture.run(&["rubric", "check", "r.toml", "--csv", "a.csv"]);
    assert!(run.out().contains("length and total: Spearman rank correlation -1 over 3 applicants"), "{}", run.out());
}
