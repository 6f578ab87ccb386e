//! `profilmatch rubric suggest` (issue 13): a word planted in the applications that are strong on a
//! criterion is suggested with its counts, and a word the criterion already finds (by its own rules:
//! stemming and compounds) is not. On the shipped samples it works for every rubric.

mod common;

use common::{Fixture, competency, criterion, repo, rubric};

/// One criterion, `budget`, that needs one of `budgetansvar*`, and a second, `hr`, that needs `HR`.
fn small_rubric() -> String {
    let terms = |list: &str| format!("kind = \"terms\"\nterms = [{list}]");
    rubric(
        &(competency("c", 1.0)
            + &criterion("budget", 1.0, &terms(r#""budgetansvar*""#))
            + &criterion("hr", 1.0, &terms(r#""HR""#))),
    )
}

/// Six applicants: A1–A3 have budget responsibility (credit 1 on `budget`) and write
/// "bevillingsstyring" in the same sentence, plus "budgetansvaret", which `budgetansvar*` already
/// finds; A4–A6 do not mention budgets, and only A4 uses "bevillingsstyring".
fn pool() -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "name", "cv"]).expect("header");
    let rows = [
        ("A1", "Jeg har haft budgetansvar og stod for bevillingsstyring i forvaltningen. Budgetansvaret var stort."),
        ("A2", "Budgetansvar for skoleområdet med ansvar for bevillingsstyring og opfølgning. Budgetansvaret er delt."),
        ("A3", "I ti år har jeg haft budgetansvar med tæt bevillingsstyring. Budgetansvaret lå hos mig."),
        ("A4", "Jeg har arbejdet med HR og kender bevillingsstyring fra et kursus om planlægning."),
        ("A5", "Jeg har ledet et team på tolv medarbejdere og arbejdet med HR."),
        ("A6", "Jeg har været projektleder på et byggeri og arbejdet med planlægning."),
    ];
    for (id, text) in rows {
        writer.write_record([id, "N", text]).expect("row");
    }
    String::from_utf8(writer.into_inner().expect("csv")).expect("utf-8")
}

#[test]
fn a_word_of_the_strong_applications_is_suggested_and_a_word_the_criterion_finds_is_not() {
    let f = Fixture::new();
    f.write("r.toml", small_rubric());
    f.write("a.csv", pool());
    let run = f.run(&["rubric", "suggest", "r.toml", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.out();
    // budget: strong = A1, A2, A3 (credit 1 ≥ 0.5). "bevillingsstyring" stands in the credited
    // sentence of all three (near 3), in 3/3 strong applications and 4/6 of the pool (A4 too):
    // lift (3/3)/(4/6) = 1.5, at the threshold.
    let budget = section(&out, "c.budget");
    assert!(budget.contains("c.budget (budget): 3 strong applications"), "{budget}");
    assert!(
        budget.contains(r#""bevillingsstyring""#)
            && budget.contains("near its evidence in 3, in 3/3 strong, in 4/6 of the pool"),
        "{budget}"
    );
    // "budgetansvaret" is in 3/3 strong and 3/6 of the pool (lift 2), but `budgetansvar*` finds it.
    assert!(!budget.contains(r#""budgetansvaret""#), "{budget}");
    assert!(!budget.contains(r#""budgetansvar""#), "{budget}");
    // "forvaltningen" is in one strong application only (fewer than 2): not suggested.
    assert!(!budget.contains(r#""forvaltningen""#), "{budget}");

    // As TOML lines to paste, with the figures as comments.
    let toml = f.run(&["rubric", "suggest", "r.toml", "a.csv", "--format", "toml"]);
    assert_eq!(toml.code, 0, "{}", toml.stderr);
    assert!(
        toml.out().contains("\"bevillingsstyring\",  # near its evidence 3, strong 3/3, pool 4/6"),
        "{}",
        toml.out()
    );
}

#[test]
fn terms_that_match_nobody_are_named() {
    let f = Fixture::new();
    let terms = |list: &str| format!("kind = \"terms\"\nterms = [{list}]");
    f.write(
        "r.toml",
        rubric(&(competency("c", 1.0) + &criterion("budget", 1.0, &terms(r#""budgetansvar*", "anlægsloft""#)))),
    );
    f.write("a.csv", pool());
    let out = f.run(&["rubric", "suggest", "r.toml", "a.csv"]).out();
    assert!(section(&out, "c.budget").contains(r#"terms that match nobody: "anlægsloft""#), "{out}");
}

#[test]
fn it_works_on_the_samples_for_every_rubric() {
    let f = Fixture::new();
    let applicants = repo("samples/applicants.csv");
    for entry in std::fs::read_dir(repo("rubrics")).expect("rubrics/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let run = f.run(&["rubric", "suggest", path.to_str().expect("a path"), applicants.to_str().expect("a path")]);
        assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
        let out = run.out();
        assert!(out.contains(" applicants)") && out.contains("strong applications"), "{}: {out}", path.display());
    }
}

/// The lines of one criterion's section.
fn section(out: &str, id: &str) -> String {
    let start = out.find(&format!("\n{id} (")).unwrap_or_else(|| panic!("no section {id} in:\n{out}"));
    let rest = &out[start + 1..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    rest[..end].to_string()
}
