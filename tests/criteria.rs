//! Each criterion kind, through the binary: `terms` with `need`, `number` with a curve and with
//! `min`, `choice` and `flag`. Every rubric here has one competency with one criterion of weight 1,
//! so the total is 100 × that criterion's credit.

mod common;

use common::*;

fn one_criterion(rest: &str) -> String {
    rubric(&(competency("c", 1.0) + &criterion("k", 1.0, rest)))
}

/// (id, credit, total) of every candidate.
fn credits(candidates: &[serde_json::Value]) -> Vec<(String, f64, f64)> {
    let mut out: Vec<(String, f64, f64)> = candidates
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), num(&criterion_of(c, "k")["credit"]), num(&c["total"])))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn terms_credit_is_distinct_terms_matched_over_need_capped_at_one() {
    let rubric =
        one_criterion("kind = \"terms\"\nterms = [\"budget\", \"byråd\", \"direktion\"]\nneed = 2\nfields = [\"cv\"]");
    let csv = "id,name,cv\n\
               none,A,intet relevant\n\
               one,B,budget budget budget\n\
               two,C,budget og byråd\n\
               three,D,budget byråd direktion\n";
    let found = credits(&Fixture::new().score_json(&rubric, csv));
    // credit = min(1, matched / need): 0/2 = 0; "budget" three times is one distinct term: 1/2 = 0.5;
    // 2/2 = 1; min(1, 3/2) = 1. Total = 100 × credit.
    assert_eq!(
        found,
        vec![
            ("none".into(), 0.0, 0.0),
            ("one".into(), 0.5, 50.0),
            ("three".into(), 1.0, 100.0),
            ("two".into(), 1.0, 100.0),
        ]
    );
}

#[test]
fn terms_explanation_lists_missing_terms() {
    let rubric =
        one_criterion("kind = \"terms\"\nterms = [\"budget\", \"byråd\", \"direktion\"]\nneed = 2\nfields = [\"cv\"]");
    let candidates = Fixture::new().score_json(&rubric, "id,name,cv\n1,A,byråd\n");
    let k = criterion_of(&candidates[0], "k");
    assert_eq!(k["kind"], "terms");
    assert_eq!(k["missing"], serde_json::json!(["budget", "direktion"]));
    assert_eq!(k["evidence"][0]["term"], "byråd");
}

#[test]
fn number_curve_is_linear_between_points_and_flat_outside() {
    let rubric = one_criterion("kind = \"number\"\nfield = \"years\"\ncurve = [[2, 0], [10, 1], [20, 0.5]]");
    let csv = "id,name,years\n\
               a,A,1\n\
               b,B,2\n\
               c,C,4\n\
               d,D,6\n\
               e,E,10\n\
               f,F,15\n\
               g,G,30\n";
    let found = credits(&Fixture::new().score_json(&rubric, csv));
    // Below the first point: its credit 0. 4 → (4-2)/(10-2) = 0.25. 6 → 4/8 = 0.5. 10 → 1.
    // 15 → 1 + (15-10)/(20-10) × (0.5-1) = 0.75. Above the last point: its credit 0.5.
    let expected = [("a", 0.0), ("b", 0.0), ("c", 0.25), ("d", 0.5), ("e", 1.0), ("f", 0.75), ("g", 0.5)];
    for ((id, credit, total), (want_id, want)) in found.iter().zip(expected) {
        assert_eq!(id, want_id);
        assert_close(*credit, want);
        assert_close(*total, 100.0 * want);
    }
}

#[test]
fn number_min_gives_full_credit_at_or_above_it() {
    let rubric = one_criterion("kind = \"number\"\nfield = \"years\"\nmin = 5");
    let csv = "id,name,years\na,A,4.9\nb,B,5\nc,C,12\n";
    let candidates = Fixture::new().score_json(&rubric, csv);
    // 4.9 < 5 → 0; 5 ≥ 5 → 1; 12 ≥ 5 → 1.
    assert_eq!(credits(&candidates), vec![("a".into(), 0.0, 0.0), ("b".into(), 1.0, 100.0), ("c".into(), 1.0, 100.0)]);
    assert_eq!(criterion_of(candidate(&candidates, "a"), "k")["value"], 4.9);
}

#[test]
fn choice_values_compare_as_normalised_tokens() {
    let rubric = one_criterion(
        "kind = \"choice\"\nfield = \"sektor\"\nchoices = { kommune = 1, region = 0.5, \"Statslig styrelse\" = 0.25 }",
    );
    let csv = "id,name,sektor\n\
               a,A,Kommune.\n\
               b,B,  REGION \n\
               c,C,statslig-styrelse\n\
               d,D,Privat virksomhed\n\
               e,E,\n";
    let candidates = Fixture::new().score_json(&rubric, csv);
    // "Kommune." → "kommune" = 1; "  REGION " → "region" = 0.5; "statslig-styrelse" →
    // "statslig styrelse" = 0.25; unlisted → 0; blank → 0.
    assert_eq!(
        credits(&candidates),
        vec![
            ("a".into(), 1.0, 100.0),
            ("b".into(), 0.5, 50.0),
            ("c".into(), 0.25, 25.0),
            ("d".into(), 0.0, 0.0),
            ("e".into(), 0.0, 0.0),
        ]
    );
    let d = criterion_of(candidate(&candidates, "d"), "k");
    assert_eq!(d["kind"], "choice");
    let note = d["note"].as_str().expect("an unlisted value has a note");
    assert!(note.contains("Privat virksomhed"), "{note}");
    assert_eq!(criterion_of(candidate(&candidates, "a"), "k")["value"], "Kommune.");
}

#[test]
fn flag_reads_yes_and_no_words_and_warns_about_anything_else() {
    let rubric = one_criterion("kind = \"flag\"\nfield = \"leder\"");
    let csv = "id,name,leder\n\
               y1,A,ja\n\
               y2,B,Yes\n\
               y3,C,x\n\
               y4,D,1\n\
               y5,E,J.\n\
               y6,F,TRUE\n\
               n1,G,nej\n\
               n2,H,\n\
               n3,I,No\n\
               n4,J,0\n\
               u1,K,måske\n";
    let fixture = Fixture::new();
    let run = fixture.score(&rubric, csv, &["--format", "json"]);
    let candidates = run.json();
    for c in &candidates {
        let id = c["id"].as_str().unwrap();
        let want = if id.starts_with('y') { 1.0 } else { 0.0 };
        assert_eq!(num(&criterion_of(c, "k")["credit"]), want, "{id}");
        assert_eq!(num(&c["total"]), 100.0 * want, "{id}");
    }
    // "måske" is on line 12 (header on line 1, u1 is the 11th record), column 3.
    let u1 = candidate(&candidates, "u1");
    let warning = u1["warnings"][0].as_str().expect("a warning");
    assert!(warning.contains("a.csv:12:3"), "{warning}");
    assert!(warning.contains("måske"), "{warning}");
    assert!(run.stderr.contains("a.csv:12:3"), "{}", run.stderr);
    // Only the unknown value warns: blank and "nej" are plain no.
    let warned: Vec<&str> = candidates
        .iter()
        .filter(|c| !c["warnings"].as_array().unwrap().is_empty())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(warned, vec!["u1"]);
}
