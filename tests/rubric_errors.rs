//! Section 1's rubric errors: each one is reported with `file:line`, exit code 2 and nothing on
//! standard output; several problems in one rubric are all reported in one run.

mod common;

use common::*;

const CSV: &str = "id,name,cv,years,budget_mio,gender\n1,A,budget,3,12,k\n";

/// Runs the rubric against [`CSV`]; asserts exit 2 and an empty stdout; returns stderr.
fn rejected(rubric: &str) -> String {
    let run = Fixture::new().score(rubric, CSV, &["--format", "json"]);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.out());
    run.stderr
}

/// Asserts that stderr reports a problem at `r.toml:<line of needle>` whose text contains `words`.
#[track_caller]
fn assert_reported(stderr: &str, rubric: &str, needle: &str, words: &str) {
    let location = format!("r.toml:{}:", line_of(rubric, needle));
    let found = stderr.lines().any(|l| l.contains(&location) && l.contains(words));
    assert!(found, "expected {location} … {words:?} in:\n{stderr}");
}

fn terms(rest: &str) -> String {
    format!("kind = \"terms\"\nfields = [\"cv\"]\n{rest}")
}

fn one(weight: &str, rest: &str) -> String {
    rubric(&format!(
        "[[competency]]\nid = \"c\"\nlabel = \"C\"\nsource = \"s\"\n\n\
         [[competency.criterion]]\nid = \"k\"\nlabel = \"K\"\nsource = \"s\"\n{weight}\n{rest}\n"
    ))
}

#[test]
fn unknown_key() {
    let rubric = one("wieght = 2", &terms("terms = [\"budget\"]"));
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "wieght", "wieght");
    assert_reported(&stderr, &rubric, "wieght", "weight");
}

#[test]
fn weights_must_be_finite_and_not_negative() {
    for weight in ["nan", "inf", "-1", "-0.5", "\"2\""] {
        let rubric = one(&format!("weight = {weight}"), &terms("terms = [\"budget\"]"));
        let stderr = rejected(&rubric);
        assert_reported(&stderr, &rubric, "weight =", "weight");
    }
    let rubric = rubric(
        &(competency("c", 1.0).replace("weight = 1.0", "weight = -2")
            + &criterion("k", 1.0, &terms("terms = [\"budget\"]"))),
    );
    assert_reported(&rejected(&rubric), &rubric, "weight = -2", "weight");
}

/// Each weight is finite, but 1e308 + 1e308 is infinite: totals would be ∞/∞ = NaN (found while
/// writing the `rubric_parse` fuzz target's invariant that the weight sums are finite).
#[test]
fn weights_whose_sum_is_infinite() {
    let rubric = rubric(
        &[
            competency("a", 1e308),
            criterion("k", 1e308, &terms("terms = [\"budget\"]")),
            criterion("l", 1e308, &terms("terms = [\"drift\"]")),
            competency("b", 1e308),
            criterion("m", 1.0, &terms("terms = [\"regnskab\"]")),
        ]
        .concat(),
    );
    let stderr = rejected(&rubric);
    // Both reported at competency a's `[[competency]]` line, the one before its `id`.
    let location = format!("r.toml:{}:", line_of(&rubric, "id = \"a\"") - 1);
    let reported = |words: &str| stderr.lines().any(|l| l.contains(&location) && l.contains(words));
    assert!(reported("competency weights add up to more than"), "{stderr}");
    assert!(reported("criterion weights of competency 'a' add up to more than"), "{stderr}");
}

#[test]
fn all_competency_weights_zero() {
    let rubric = rubric(
        &[
            competency("a", 0.0),
            criterion("k", 1.0, &terms("terms = [\"budget\"]")),
            competency("b", 0.0),
            criterion("l", 1.0, &terms("terms = [\"drift\"]")),
        ]
        .concat(),
    );
    let stderr = rejected(&rubric);
    assert!(stderr.contains("r.toml:") && stderr.contains("all competency weights are 0"), "{stderr}");
}

#[test]
fn all_criterion_weights_of_a_competency_zero() {
    let rubric = rubric(
        &[
            competency("a", 1.0),
            criterion("k", 1.0, &terms("terms = [\"budget\"]")),
            competency("b", 1.0),
            criterion("l", 0.0, &terms("terms = [\"drift\"]")),
            criterion("m", 0.0, &terms("terms = [\"regnskab\"]")),
        ]
        .concat(),
    );
    let stderr = rejected(&rubric);
    // Reported at competency b's `[[competency]]` line, the one before its `id`.
    let location = format!("r.toml:{}:", line_of(&rubric, "id = \"b\"") - 1);
    assert!(stderr.lines().any(|l| l.contains(&location) && l.contains("'b'") && l.contains("0")), "{stderr}");
}

#[test]
fn terms_that_normalise_alike() {
    let rubric = one("", &terms("terms = [\"budget\",\n  \"Økonomi\",\n  \"oekonomi\"]"));
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "\"oekonomi\"", "normalise alike");
}

#[test]
fn starred_term_shorter_than_three_characters() {
    let rubric = one("", &terms("terms = [\"budget\",\n  \"ab*\"]"));
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "\"ab*\"", "ab*");
    // Three characters are enough.
    let ok = one("", &terms("terms = [\"abc*\"]"));
    assert_eq!(Fixture::new().score(&ok, CSV, &["--format", "json"]).code, 0);
}

#[test]
fn need_out_of_range() {
    for need in ["0", "3", "-1", "1.5"] {
        let rubric = one("", &terms(&format!("terms = [\"budget\", \"drift\"]\nneed = {need}")));
        let stderr = rejected(&rubric);
        assert_reported(&stderr, &rubric, "need =", "need");
    }
}

#[test]
fn bad_curves() {
    for (curve, words) in [
        ("[[0, 0], [0, 1]]", "increasing"),
        ("[[5, 0], [2, 1]]", "increasing"),
        ("[[0, 0], [5, 1.5]]", "credit"),
        ("[[0, -0.1], [5, 1]]", "credit"),
        ("[[0, 1]]", "2 points"),
    ] {
        let rubric = one("", &format!("kind = \"number\"\nfield = \"years\"\ncurve = {curve}"));
        let stderr = rejected(&rubric);
        assert_reported(&stderr, &rubric, "curve =", words);
    }
}

#[test]
fn unknown_kind() {
    let rubric = one("", "kind = \"nubmer\"\nfield = \"years\"\nmin = 3");
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "nubmer", "'nubmer'");
    assert_reported(&stderr, &rubric, "nubmer", "terms, number, choice, flag");
}

#[test]
fn protected_columns_are_never_scored() {
    let columns = "[columns]\nprotected = [\"gender\", \"birth_year\"]\n\n";
    for (rest, needle) in [
        ("kind = \"choice\"\nfield = \"Gender\"\nchoices = { k = 1 }", "field = \"Gender\""),
        ("kind = \"terms\"\nterms = [\"budget\"]\nfields = [\"cv\", \"gender\"]", "fields = [\"cv\", \"gender\"]"),
    ] {
        let rubric = rubric(&(columns.to_string() + &competency("c", 1.0) + &criterion("k", 1.0, rest)));
        assert_reported(&rejected(&rubric), &rubric, needle, "protected");
    }
    let rubric = rubric(&format!(
        "[columns]\nprotected = [\"gender\"]\ntext = [\"cv\", \"gender\"]\n\n{}",
        competency("c", 1.0) + &criterion("k", 1.0, "kind = \"terms\"\nterms = [\"budget\"]")
    ));
    assert_reported(&rejected(&rubric), &rubric, "text = ", "protected");
}

#[test]
fn missing_column_suggests_the_closest_header() {
    let rubric = one("", "kind = \"number\"\nfield = \"budget_mia\"\nmin = 3");
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "budget_mia", "did you mean `budget_mio`");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let rubric = rubric(
        &[
            competency("a", 1.0),
            criterion("k", 1.0, &terms("terms = [\"budget\",\n  \"ab*\"]\nneed = 5")),
            "[[competency.criterion]]\nid = \"l\"\nlabel = \"L\"\nsource = \"s\"\nwieght = 1\nkind = \"number\"\nfield = \"years\"\nmin = 1\n\n".to_string(),
            competency("b", 1.0).replace("weight = 1.0", "weight = nan"),
            criterion("m", 1.0, "kind = \"nubmer\"\nfield = \"years\"\nmin = 3"),
            criterion("n", 1.0, "kind = \"number\"\nfield = \"years\"\ncurve = [[3, 0], [1, 1]]"),
        ]
        .concat(),
    );
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "\"ab*\"", "ab*");
    assert_reported(&stderr, &rubric, "need = 5", "need");
    assert_reported(&stderr, &rubric, "wieght", "wieght");
    assert_reported(&stderr, &rubric, "weight = nan", "weight");
    assert_reported(&stderr, &rubric, "nubmer", "nubmer");
    assert_reported(&stderr, &rubric, "curve =", "increasing");
}

#[test]
fn every_missing_column_is_reported_in_one_run() {
    let rubric = rubric(
        &[
            competency("a", 1.0),
            criterion("k", 1.0, "kind = \"number\"\nfield = \"yeers\"\nmin = 3"),
            criterion("l", 1.0, "kind = \"flag\"\nfield = \"budget_mia\""),
        ]
        .concat(),
    );
    let stderr = rejected(&rubric);
    assert_reported(&stderr, &rubric, "yeers", "did you mean `years`");
    assert_reported(&stderr, &rubric, "budget_mia", "did you mean `budget_mio`");
}
