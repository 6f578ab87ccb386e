//! `docs/score.schema.json` describes `profilmatch score --format json` exactly: every element of the
//! JSON array (and every line of `--format jsonl`, with and without `--blind`) for the shipped sample
//! validates, and the schema is not vacuous (it rejects near misses of the real output).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";
const APPLICANTS: &str = "samples/applicants.csv";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("docs/score.schema.json")).expect("docs/score.schema.json is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::meta::validate(&schema).expect("the schema is valid draft 2020-12");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// Runs `profilmatch score` and returns its standard output; every row of the samples scores.
fn score(rubric: &Path, applicants: &Path, extra: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_profilmatch"))
        .current_dir(root())
        .arg("score")
        .arg("--rubric")
        .arg(rubric)
        .arg(applicants)
        .args(extra)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

fn errors(validator: &jsonschema::Validator, element: &Value) -> Vec<String> {
    validator.iter_errors(element).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn assert_valid(validator: &jsonschema::Validator, element: &Value) {
    let errors = errors(validator, element);
    assert!(errors.is_empty(), "candidate {} does not match the schema:\n{}", element["id"], errors.join("\n"));
}

fn json_array(extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let out = score(Path::new(RUBRIC), Path::new(APPLICANTS), &args);
    match serde_json::from_str(&out).expect("--format json prints JSON") {
        Value::Array(elements) => elements,
        other => panic!("expected an array, got {other}"),
    }
}

#[test]
fn every_element_of_the_json_output_matches_the_schema() {
    let validator = validator();
    let elements = json_array(&[]);
    assert!(elements.len() >= 40, "the sample has at least 40 applicants");
    for element in &elements {
        assert_valid(&validator, element);
        assert!(element.get("name").is_some(), "name is present unless --blind");
    }
    // The sample exercises the optional keys the schema describes.
    let criteria: Vec<&Value> = elements
        .iter()
        .flat_map(|e| e["competencies"].as_array().unwrap())
        .flat_map(|c| c["criteria"].as_array().unwrap())
        .collect();
    assert!(criteria.iter().any(|c| c["value"].is_number()));
    assert!(criteria.iter().any(|c| c["value"].is_string()));
    assert!(criteria.iter().any(|c| c.get("value").is_none()));
}

#[test]
fn every_line_of_the_jsonl_output_matches_the_schema_also_blind() {
    let validator = validator();
    for blind in [false, true] {
        let mut args = vec!["--format", "jsonl"];
        if blind {
            args.push("--blind");
        }
        let out = score(Path::new(RUBRIC), Path::new(APPLICANTS), &args);
        let mut lines = 0;
        for line in out.lines() {
            let element: Value = serde_json::from_str(line).expect("each line is JSON");
            assert_valid(&validator, &element);
            assert_eq!(element.get("name").is_none(), blind);
            lines += 1;
        }
        assert!(lines >= 40);
    }
}

#[test]
fn the_worked_example_matches_the_schema_including_fuzzy_evidence() {
    // docs/example has a fuzzy match (similarity present), a failed requirement and choice values.
    let validator = validator();
    let out =
        score(Path::new("docs/example/rubric.toml"), Path::new("docs/example/applicants.csv"), &["--format", "json"]);
    let elements: Vec<Value> = serde_json::from_str(&out).unwrap();
    let mut fuzzy = 0;
    for element in &elements {
        assert_valid(&validator, element);
        for competency in element["competencies"].as_array().unwrap() {
            for criterion in competency["criteria"].as_array().unwrap() {
                for evidence in criterion["evidence"].as_array().unwrap() {
                    if evidence["kind"] == "fuzzy" {
                        fuzzy += 1;
                    }
                }
            }
        }
    }
    assert_eq!(fuzzy, 1);
}

#[test]
fn the_schema_rejects_near_misses() {
    let validator = validator();
    let element = json_array(&[]).swap_remove(0);
    assert_valid(&validator, &element);
    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 8] = [
        ("an unknown top-level key", |e| {
            e["score"] = 1.into();
        }),
        ("a missing total", |e| {
            e.as_object_mut().unwrap().remove("total");
        }),
        ("a total above 100", |e| e["total"] = 100.5.into()),
        ("rank 0", |e| e["rank"] = 0.into()),
        ("a string credit", |e| {
            e["competencies"][0]["criteria"][0]["credit"] = "1".into();
        }),
        ("an unknown criterion kind", |e| {
            e["competencies"][0]["criteria"][0]["kind"] = "regex".into();
        }),
        ("a value on a terms criterion", |e| {
            let criteria = e["competencies"][0]["criteria"].as_array_mut().unwrap();
            let terms = criteria.iter_mut().find(|c| c["kind"] == "terms").unwrap();
            terms["value"] = 1.into();
        }),
        ("a boolean value", |e| {
            let criteria = e["competencies"][0]["criteria"].as_array_mut().unwrap();
            let number = criteria.iter_mut().find(|c| c["kind"] == "number").unwrap();
            number["value"] = true.into();
        }),
    ];
    for (what, edit) in edits {
        let mut bad = element.clone();
        edit(&mut bad);
        assert!(!errors(&validator, &bad).is_empty(), "the schema accepts {what}");
    }
    // Evidence: similarity exactly when the match is fuzzy.
    let evidence = serde_json::json!({
        "term": "politisk betjening", "status": "found", "field": "experience", "text": "politisk betjaning",
        "kind": "fuzzy", "snippet": "politisk betjaning"
    });
    let mut bad = element.clone();
    let criteria = bad["competencies"][0]["criteria"].as_array_mut().unwrap();
    let terms = criteria.iter_mut().find(|c| c["kind"] == "terms").unwrap();
    terms["evidence"] = Value::Array(vec![evidence.clone()]);
    assert!(!errors(&validator, &bad).is_empty(), "fuzzy without similarity");
    let mut with_similarity = evidence.clone();
    with_similarity["similarity"] = 0.888889.into();
    terms_evidence(&mut bad, with_similarity.clone());
    assert_valid(&validator, &bad);
    let mut exact_with_similarity = with_similarity;
    exact_with_similarity["kind"] = "exact".into();
    terms_evidence(&mut bad, exact_with_similarity);
    assert!(!errors(&validator, &bad).is_empty(), "similarity on an exact match");
    // Evidence: a status, one of the six; a synonym set's member and a reason are strings.
    let mut denied = evidence.clone();
    denied["kind"] = "exact".into();
    denied["status"] = "denied".into();
    denied["reason"] = "ikke".into();
    terms_evidence(&mut bad, denied.clone());
    assert_valid(&validator, &bad);
    let mut unknown = denied.clone();
    unknown["status"] = "maybe".into();
    terms_evidence(&mut bad, unknown);
    assert!(!errors(&validator, &bad).is_empty(), "an unknown status");
    let mut missing = denied;
    missing.as_object_mut().unwrap().remove("status");
    terms_evidence(&mut bad, missing);
    assert!(!errors(&validator, &bad).is_empty(), "evidence without a status");
}

fn terms_evidence(element: &mut Value, evidence: Value) {
    let criteria = element["competencies"][0]["criteria"].as_array_mut().unwrap();
    let terms = criteria.iter_mut().find(|c| c["kind"] == "terms").unwrap();
    terms["evidence"] = Value::Array(vec![evidence]);
}
