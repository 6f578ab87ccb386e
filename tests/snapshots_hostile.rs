//! Snapshots of every format with hostile applicant text: HTML, Markdown and spreadsheet-formula
//! payloads, and a tab-leading cell. CSV neutralises formula cells with `'`; JSON is lossless;
//! table and explain print the text as text, on one line.

mod common;

use common::{Fixture, competency, criterion, rubric};

/// `name` holds the payload; `cv` holds it next to the term "budget", so that evidence quotes it.
fn fixture() -> Fixture {
    let payloads = [
        "<img src=x onerror=alert(1)>",
        "a | b",
        "[x](javascript:alert(1))",
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-1",
        "@x",
        "\tTab leading",
    ];
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "name", "cv"]).expect("header");
    for (i, payload) in payloads.iter().enumerate() {
        let cv = format!("{payload} budget {payload}");
        writer.write_record([format!("h{i}"), payload.to_string(), cv]).expect("row");
    }
    // A formula as an id (ids are shown in every format, blind or not).
    writer.write_record(["=2+3", "Formula Id", "intet"]).expect("row");
    let fixture = Fixture::new();
    let body = competency("c", 1.0) + &criterion("budget", 1.0, "kind = \"terms\"\nterms = [\"budget\"]");
    fixture.write("r.toml", rubric(&body));
    fixture.write("a.csv", writer.into_inner().expect("bytes"));
    fixture
}

fn render(format: &str) -> String {
    let run = fixture().run(&["score", "--rubric", "r.toml", "a.csv", "--format", format]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.out()
}

#[test]
fn csv_neutralises_formula_cells() {
    let out = render("csv");
    insta::assert_snapshot!("hostile_csv", out);
    for line in out.lines().skip(1) {
        for cell in line.split(',').skip(2).take(2) {
            assert!(!cell.trim_start_matches('"').starts_with(['=', '+', '-', '@', '\t']), "{line}");
        }
    }
}

#[test]
fn json_keeps_the_text_exactly() {
    let out = render("json");
    insta::assert_snapshot!("hostile_json", out);
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    let names: Vec<&str> = parsed.iter().filter_map(|c| c["name"].as_str()).collect();
    // Names are trimmed when read, so the tab-leading name arrives as "Tab leading".
    assert!(names.contains(&"=HYPERLINK(\"http://x\")") && names.contains(&"Tab leading"), "{names:?}");
    assert!(parsed.iter().any(|c| c["id"] == "=2+3"), "{out}");
}

#[test]
fn table_prints_text_on_one_line() {
    insta::assert_snapshot!("hostile_table", render("table"));
}

#[test]
fn explain_prints_text_on_one_line() {
    insta::assert_snapshot!("hostile_explain", render("explain"));
}
