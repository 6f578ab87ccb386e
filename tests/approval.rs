//! Locked weights: `profilmatch rubric approve` records who approved the rubric, when, and
//! fingerprints of its weights and rules; reports and run records show the approval and warn when
//! the weights or rules used differ; `tune --fit` on a file with names says what it does, and a
//! rubric it writes loses the approval.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";
const EPOCH: &str = "1700000000"; // 2023-11-14T22:13:20Z
const BY: &str = "Ansættelsesudvalget v/ Anne Holm";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn profilmatch(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("profilmatch").unwrap();
    command.current_dir(dir).env("SOURCE_DATE_EPOCH", EPOCH);
    command
}

/// A copy of the Høje-Taastrup rubric and the samples in `dir`, the rubric approved by [`BY`].
fn approved(dir: &Path) -> String {
    let original = std::fs::read_to_string(root().join(RUBRIC)).unwrap();
    std::fs::write(dir.join("r.toml"), &original).unwrap();
    std::fs::copy(root().join("samples/applicants.csv"), dir.join("a.csv")).unwrap();
    profilmatch(dir)
        .args(["rubric", "approve", "r.toml", "--by", BY])
        .assert()
        .success()
        .stdout(predicates::str::starts_with(format!("r.toml: approved by {BY} at 2023-11-14T22:13:20Z\n")));
    original
}

fn fingerprint(text: &str, key: &str) -> String {
    let line = text.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("no {key}"));
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn approve_records_who_when_and_the_fingerprints_and_keeps_the_rest_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let original = approved(dir.path());
    let text = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    // Everything that was there stays byte for byte; the approval is added at the end.
    assert!(text.starts_with(&original), "the rubric was rewritten");
    let added = &text[original.len()..];
    assert!(added.contains("[approval]\n"));
    assert!(added.contains(&format!("approved_by = \"{BY}\"\n")));
    assert!(added.contains("approved_at = \"2023-11-14T22:13:20Z\"\n"));
    for key in ["weights_sha256", "rules_sha256"] {
        let digest = fingerprint(added, key);
        assert!(digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()), "{key} = {digest}");
    }
    profilmatch(dir.path()).args(["rubric", "check", "r.toml"]).assert().success();
    // Approving an edited rubric again replaces the approval: a label is not a rule (same
    // fingerprints), a weight is (another weights fingerprint, the same rules fingerprint).
    let relabelled = text.replace("label = \"Økonomistyring og økonomisk ledelse\"", "label = \"Økonomi\"");
    let reweighted = text.replace("weight = 5", "weight = 6");
    assert_ne!(relabelled, text);
    assert_ne!(reweighted, text);
    for (edited, weights_change) in [(relabelled, false), (reweighted, true)] {
        std::fs::write(dir.path().join("e.toml"), &edited).unwrap();
        profilmatch(dir.path()).args(["rubric", "approve", "e.toml", "--by", "HR"]).assert().success();
        let again = std::fs::read_to_string(dir.path().join("e.toml")).unwrap();
        assert_eq!(again.matches("[approval]").count(), 1);
        assert_eq!(fingerprint(&again, "weights_sha256") != fingerprint(&text, "weights_sha256"), weights_change);
        assert_eq!(fingerprint(&again, "rules_sha256"), fingerprint(&text, "rules_sha256"));
    }
}

#[test]
fn approve_refuses_an_empty_name_and_an_invalid_rubric_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.toml"), "[rubric]\nid = \"x\"\n").unwrap();
    profilmatch(dir.path()).args(["rubric", "approve", "bad.toml", "--by", "HR"]).assert().code(2);
    assert_eq!(std::fs::read_to_string(dir.path().join("bad.toml")).unwrap(), "[rubric]\nid = \"x\"\n");
    std::fs::copy(root().join(RUBRIC), dir.path().join("r.toml")).unwrap();
    profilmatch(dir.path())
        .args(["rubric", "approve", "r.toml", "--by", "  "])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--by: say who approves"));
    assert!(!std::fs::read_to_string(dir.path().join("r.toml")).unwrap().contains("[approval]"));
}

fn record(dir: &Path, rubric: &str, extra: &[&str]) -> (Value, String) {
    let output = profilmatch(dir)
        .args([
            "score", "--rubric", rubric, "a.csv", "--top", "1", "--format", "csv", "-o", "top.csv", "--record",
            "rec.json",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success());
    let record = serde_json::from_str(&std::fs::read_to_string(dir.join("rec.json")).unwrap()).unwrap();
    (record, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn report(dir: &Path, rubric: &str, extra: &[&str]) -> (String, String) {
    let output = profilmatch(dir)
        .args(["report", "--rubric", rubric, "a.csv", "--shortlist", "3", "-o", "r.html"])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (std::fs::read_to_string(dir.join("r.html")).unwrap(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn reports_and_run_records_show_the_approval_and_warn_when_the_weights_used_differ() {
    let dir = tempfile::tempdir().unwrap();
    approved(dir.path());
    let dir = dir.path();
    // As approved.
    let (html, stderr) = report(dir, "r.toml", &[]);
    assert!(html.contains(&format!("Kriteriesæt og vægte er godkendt af {BY} (2023-11-14T22:13:20Z).")));
    assert!(!stderr.contains("differ"));
    let (rec, _) = record(dir, "r.toml", &[]);
    let approval = &rec["rubrics"][0]["approval"];
    assert_eq!((&approval["status"], &approval["approved_by"]), (&Value::from("approved"), &Value::from(BY)));
    assert_eq!(approval["weights_sha256"], rec["rubrics"][0]["weights_sha256"]);
    // --weight: the weights used are not the approved ones.
    let (html, stderr) = report(dir, "r.toml", &["--weight", "oekonomi=6"]);
    assert!(
        stderr
            .contains(&format!("r.toml: the weights used differ from those approved by {BY} at 2023-11-14T22:13:20Z")),
        "{stderr}"
    );
    assert!(
        html.contains(&format!("OBS: Vægtene i denne kørsel afviger fra dem, {BY} godkendte (2023-11-14T22:13:20Z)."))
    );
    assert!(html.contains("Kørt med ændrede vægte: oekonomi=6."));
    let (rec, stderr) = record(dir, "r.toml", &["--weight", "oekonomi=6"]);
    assert!(stderr.contains("the weights used differ"));
    let approval = &rec["rubrics"][0]["approval"];
    assert_eq!(
        (&approval["status"], &approval["weights_differ"], &approval["rules_differ"]),
        (&"changed".into(), &true.into(), &false.into())
    );
    assert_ne!(approval["weights_sha256"], approval["weights_used_sha256"]);
    // An edited term after approval: the rules differ.
    let text = std::fs::read_to_string(dir.join("r.toml")).unwrap();
    std::fs::write(dir.join("edited.toml"), text.replacen("\"aftalestyring*\"", "\"aftalestyring\"", 1)).unwrap();
    let (rec, stderr) = record(dir, "edited.toml", &[]);
    assert!(stderr.contains("the scoring rules used differ"), "{stderr}");
    assert_eq!(rec["rubrics"][0]["approval"]["rules_differ"], Value::from(true));
    let (html, _) = report(dir, "edited.toml", &["--lang", "en"]);
    assert!(html.contains("Note: The rules (terms, fields or thresholds) of this run differ from those approved by"));
    // Never approved.
    std::fs::copy(root().join(RUBRIC), dir.join("plain.toml")).unwrap();
    let (html, _) = report(dir, "plain.toml", &[]);
    assert!(html.contains("Kriteriesættet er ikke godkendt."));
    let (rec, _) = record(dir, "plain.toml", &[]);
    assert_eq!(rec["rubrics"][0]["approval"]["status"], Value::from("not_approved"));
}

#[test]
fn fitting_weights_to_named_applicants_says_what_it_does_and_drops_the_approval() {
    let dir = tempfile::tempdir().unwrap();
    approved(dir.path());
    std::fs::copy(root().join("samples/judgements.csv"), dir.path().join("j.csv")).unwrap();
    let output = profilmatch(dir.path())
        .args(["tune", "--rubric", "r.toml", "a.csv", "--fit", "j.csv", "--write-rubric", "fitted.toml"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "--fit chooses the weights that best agree with the judgements in j.csv about the named applicants in a.csv"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("cannot replace the approved weights"));
    assert!(stderr.contains("fitted.toml: the rubric's [approval] is left out"));
    let fitted = std::fs::read_to_string(dir.path().join("fitted.toml")).unwrap();
    assert!(!fitted.contains("[approval]") && !fitted.contains("approved_by"));
}
