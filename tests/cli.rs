//! The `score` command's options: `--blind`, CSV formula neutralising, `-o`, exit codes.

mod common;

use common::*;

fn rubric_with_contact() -> String {
    rubric(
        &("[columns]\ncontact = [\"email\"]\nprotected = [\"gender\"]\n\n".to_string()
            + &competency("c", 1.0)
            + &criterion("k", 1.0, "kind = \"terms\"\nterms = [\"budget\"]")),
    )
}

const CSV: &str = "id,name,email,gender,cv\n\
                   1,=HYPERLINK(\"http://x\"),ann@example.dk,k,budget\n\
                   2,Bodil Unikanavn,bo@example.dk,m,intet\n\
                   3,@Cecilie,c@example.dk,k,budget\n\
                   4,-Dorte,d@example.dk,k,x\n\
                   5,+Eva,e@example.dk,k,x\n";

#[test]
fn blind_json_has_no_name_key_and_no_names() {
    let run = Fixture::new().score(&rubric_with_contact(), CSV, &["--format", "json", "--blind"]);
    let candidates = run.json();
    assert_eq!(candidates.len(), 5);
    for c in &candidates {
        assert!(c.get("name").is_none(), "{c:#}");
    }
    let out = run.out();
    for hidden in ["Bodil", "Unikanavn", "example.dk"] {
        assert!(!out.contains(hidden), "{hidden} in {out}");
    }
}

#[test]
fn blind_csv_has_no_name_column() {
    let run = Fixture::new().score(&rubric_with_contact(), CSV, &["--format", "csv", "--blind"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = run.csv();
    assert_eq!(header, vec!["rank", "tied", "id", "total", "c", "meets_requirements", "requirements", "core"]);
    assert!(rows.iter().all(|r| r.len() == 8));
    assert!(!run.out().contains("Bodil"));
}

#[test]
fn csv_output_neutralises_formula_cells() {
    let run = Fixture::new().score(&rubric_with_contact(), CSV, &["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = run.csv();
    assert_eq!(header[3], "name");
    let name = |id: &str| rows.iter().find(|r| r[2] == id).unwrap()[3].clone();
    assert_eq!(name("1"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(name("3"), "'@Cecilie");
    assert_eq!(name("4"), "'-Dorte");
    assert_eq!(name("5"), "'+Eva");
    assert_eq!(name("2"), "Bodil Unikanavn");
    // JSON is lossless: the name as written.
    let json = Fixture::new().score_json(&rubric_with_contact(), CSV);
    assert_eq!(candidate(&json, "1")["name"], "=HYPERLINK(\"http://x\")");
}

#[test]
fn output_file_format_from_its_extension() {
    let fixture = Fixture::new();
    let run = fixture.score(&rubric_with_contact(), CSV, &["-o", "out.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture.path("out.json")).unwrap()).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 5);
}

#[test]
fn usage_errors_exit_2() {
    let fixture = Fixture::new();
    let run = fixture.score(&rubric_with_contact(), CSV, &["--threads", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = fixture.run(&["score", "--rubric", "missing.toml", "a.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("missing.toml"), "{}", run.stderr);
    let run = fixture.score(&rubric_with_contact(), CSV, &["--weight", "c"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
