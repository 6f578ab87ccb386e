//! Each match kind of section 2, through the binary, with the evidence the explanation gives:
//! `term`, `field`, `text` (as written in the CSV), `kind` and `similarity` (fuzzy only).
//! Every rubric has one `terms` criterion with a single term, so credit is 1 or 0.

mod common;

use common::*;
use serde_json::Value;

/// Scores one applicant whose `cv` is `text` against the single term `term`; returns the criterion.
fn match_term(term: &str, text: &str) -> Value {
    let rest = format!("kind = \"terms\"\nterms = [{term:?}]\nfields = [\"cv\"]");
    let rubric = rubric(&(competency("c", 1.0) + &criterion("k", 1.0, &rest)));
    let csv = format!("id,name,cv\n1,Ann,\"{text}\"\n");
    let candidates = Fixture::new().score_json(&rubric, csv);
    criterion_of(&candidates[0], "k").clone()
}

/// Asserts the term matched once, with this text and kind; returns the evidence.
#[track_caller]
fn assert_match(criterion: &Value, text: &str, kind: &str) -> Value {
    assert_eq!(num(&criterion["credit"]), 1.0, "{criterion:#}");
    let evidence = &criterion["evidence"][0];
    assert_eq!(evidence["text"], text, "{criterion:#}");
    assert_eq!(evidence["kind"], kind, "{criterion:#}");
    assert_eq!(evidence["field"], "cv");
    if kind != "fuzzy" {
        assert!(evidence.get("similarity").is_none(), "{evidence:#}");
    }
    let snippet = evidence["snippet"].as_str().unwrap();
    assert!(snippet.contains(text.split_whitespace().next().unwrap()), "{snippet}");
    evidence.clone()
}

#[track_caller]
fn assert_no_match(criterion: &Value, term: &str) {
    assert_eq!(num(&criterion["credit"]), 0.0, "{criterion:#}");
    assert_eq!(criterion["evidence"], serde_json::json!([]));
    assert_eq!(criterion["missing"], serde_json::json!([term]));
}

#[test]
fn exact_after_folding_oe_and_oe() {
    // "økonomistyring" and "oekonomistyring" both normalise to "oekonomistyring".
    let found = match_term("økonomistyring", "Stærk oekonomistyring i kommunen");
    let evidence = assert_match(&found, "oekonomistyring", "exact");
    assert_eq!(evidence["term"], "økonomistyring");
    let found = match_term("oekonomistyring", "Stærk Økonomistyring i kommunen");
    assert_match(&found, "Økonomistyring", "exact");
}

#[test]
fn exact_with_a_decomposed_aa() {
    // "bya" + U+030A COMBINING RING ABOVE + "d" composes to "byråd" under NFC, which folds to "byraad".
    let written = "byra\u{30A}d";
    let found = match_term("byråd", &format!("Sekretær for {written}et og {written} i 6 år"));
    // "byrådet" is not "byråd" exactly ("byraadet" Danish-stems to "byraad": a stem match); the
    // second, standalone occurrence is exact, and the strongest occurrence is the one quoted.
    assert_match(&found, written, "exact");
    let found = match_term("byråd", &format!("Sekretær for {written} og udvalg"));
    assert_match(&found, written, "exact");
}

#[test]
fn prefix_of_a_starred_term() {
    // "budget*": "budgetlægning" → "budgetlaegning" starts with "budget".
    let found = match_term("budget*", "Ansvar for budgetlægning og drift");
    assert_match(&found, "budgetlægning", "prefix");
    // A starred term also matches its own body exactly.
    let found = match_term("budget*", "Ansvar for budget og drift");
    assert_match(&found, "budget", "exact");
    // A prefix must start the token.
    assert_no_match(&match_term("budget*", "totalbudgetter"), "budget*");
}

#[test]
fn stem_match() {
    // Danish Snowball removes the definite suffix "-en": "kommunikationen" → "kommunikation", the
    // term's own stem (13 characters ≥ 4). Not exact, not starred, so the kind is stem.
    let found = match_term("kommunikation", "God kommunikationen med byrådet");
    assert_match(&found, "kommunikationen", "stem");
    // English Snowball: "managers" and "management" both stem to "manag" (5 characters ≥ 4).
    let found = match_term("management", "Experienced managers");
    assert_match(&found, "managers", "stem");
}

#[test]
fn short_shared_stems_do_not_count() {
    // Danish "ledelse" and "ledighed" both stem to "led": 3 characters < 4, so no stem match; and
    // normalized_levenshtein("ledelse", "ledighed") = 1 - 4/8 = 0.5 < 0.88, so no fuzzy match.
    assert_no_match(&match_term("ledelse", "Ledighed i kommunen"), "ledelse");
    // "leder" stems to "led" too.
    assert_no_match(&match_term("ledelse", "Leder af ledere"), "ledelse");
}

#[test]
fn fuzzy_one_typo_in_a_long_word() {
    // "budgetansvr" (11) vs "budgetansvar" (12): one deletion, similarity 1 - 1/12 = 0.916667 ≥ 0.88.
    let found = match_term("budgetansvar", "Har budgetansvr for 300 mio");
    let evidence = assert_match(&found, "budgetansvr", "fuzzy");
    assert_close(num(&evidence["similarity"]), 1.0 - 1.0 / 12.0);
    assert_eq!(num(&evidence["similarity"]), round6(1.0 - 1.0 / 12.0));
}

#[test]
fn fuzzy_threshold_is_the_criterions() {
    // With fuzzy = 0.95, 0.916667 is not enough.
    let rest = "kind = \"terms\"\nterms = [\"budgetansvar\"]\nfields = [\"cv\"]\nfuzzy = 0.95";
    let rubric = rubric(&(competency("c", 1.0) + &criterion("k", 1.0, rest)));
    let candidates = Fixture::new().score_json(&rubric, "id,name,cv\n1,A,budgetansvr\n");
    assert_no_match(criterion_of(&candidates[0], "k"), "budgetansvar");
}

#[test]
fn politi_does_not_match_politik() {
    // 1 - 1/7 = 0.857 < 0.88; and their stems differ ("politi", "politik").
    assert_no_match(&match_term("politi", "Politik og forvaltning"), "politi");
    // ... but politi matches itself.
    assert_match(&match_term("politi", "Samarbejde med politi"), "politi", "exact");
}

#[test]
fn compound_rule_finds_joined_tokens() {
    // "økonomi styring" joined is "oekonomistyring"; "økonomistyringen" Danish-stems to
    // "oekonomistyring" ("-en" removed), so the single token matches the joined term by stem.
    let found = match_term("økonomi styring", "Erfaring med økonomistyringen i en kommune");
    assert_match(&found, "økonomistyringen", "stem");
    // And the joined form exactly.
    let found = match_term("økonomi styring", "Erfaring med økonomistyring");
    assert_match(&found, "økonomistyring", "exact");
}

#[test]
fn phrase_matches_consecutive_tokens_of_one_field() {
    // Text is quoted as written, with its double space and capital.
    let found = match_term("økonomisk ledelse", "Ansvar for Økonomisk  ledelse af centre");
    assert_match(&found, "Økonomisk  ledelse", "exact");
    // Punctuation separates tokens only, so "økonomisk-ledelse" is the same two tokens.
    let found = match_term("økonomisk ledelse", "Ansvar for økonomisk-ledelse");
    assert_match(&found, "økonomisk-ledelse", "exact");
    // Not consecutive: no match.
    assert_no_match(&match_term("økonomisk ledelse", "økonomisk styring og ledelse"), "økonomisk ledelse");
}

#[test]
fn phrase_kind_is_its_weakest_tokens() {
    // "strategisk" exact, "budgetansvr" fuzzy to "budgetansvar" (1 - 1/12): the phrase is fuzzy.
    let found = match_term("strategisk budgetansvar", "Har strategisk budgetansvr");
    let evidence = assert_match(&found, "strategisk budgetansvr", "fuzzy");
    assert_close(num(&evidence["similarity"]), 1.0 - 1.0 / 12.0);
}

#[test]
fn evidence_is_the_first_occurrence_in_the_criterions_field_order() {
    let rest = "kind = \"terms\"\nterms = [\"byråd\", \"direktion\"]\nfields = [\"experience\", \"summary\"]";
    let rubric = rubric(&(competency("c", 1.0) + &criterion("k", 1.0, rest)));
    // summary comes first in the file, but experience first in the criterion.
    let csv = "id,name,summary,experience\n1,A,Byråd og direktion,Sekretær for BYRÅD\n";
    let candidates = Fixture::new().score_json(&rubric, csv);
    let k = criterion_of(&candidates[0], "k");
    assert_eq!(k["evidence"][0]["term"], "byråd");
    assert_eq!(k["evidence"][0]["field"], "experience");
    assert_eq!(k["evidence"][0]["text"], "BYRÅD");
    assert_eq!(k["evidence"][1]["term"], "direktion");
    assert_eq!(k["evidence"][1]["field"], "summary");
    assert_eq!(k["missing"], serde_json::json!([]));
}
