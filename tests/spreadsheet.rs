//! Spreadsheet input: the samples as LibreOffice saved them rank exactly as the CSV does, and a
//! workbook with a cell of every kind (`tests/data/cells.fods`, saved as `.xlsx` and `.ods`) is read
//! cell by cell as the spreadsheet holds it, with sheet row numbers in every message.

mod common;

use common::*;
use serde_json::Value;

/// (id, rank, total) in rank order.
fn ranking(candidates: &[Value]) -> Vec<(String, u64, f64)> {
    candidates
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c["rank"].as_u64().unwrap(), num(&c["total"])))
        .collect()
}

fn score_sample(rubric: &str, applicants: &str) -> Vec<(String, u64, f64)> {
    let fixture = Fixture::new();
    let rubric = repo(rubric);
    let applicants = repo(applicants);
    let run =
        fixture.run(&["score", "--rubric", rubric.to_str().unwrap(), applicants.to_str().unwrap(), "--format", "json"]);
    ranking(&run.json())
}

#[test]
fn xlsx_and_ods_samples_rank_exactly_as_the_csv() {
    let rubrics: Vec<String> = std::fs::read_dir(repo("rubrics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| format!("rubrics/{}", p.file_name().unwrap().to_str().unwrap()))
        .collect();
    assert_eq!(rubrics.len(), 5, "{rubrics:?}");
    for rubric in &rubrics {
        let csv = score_sample(rubric, "samples/applicants.csv");
        assert_eq!(csv.len(), 87, "{rubric}");
        for workbook in ["samples/applicants.xlsx", "samples/applicants.ods"] {
            assert_eq!(score_sample(rubric, workbook), csv, "{rubric} on {workbook}");
        }
    }
}

/// Three criteria of weight 1 in one competency: budget on [[0,0],[10,1]], years on
/// [[0,0],[2000,1]], and the `ok` flag; total = 100 × (sum of credits) / 3.
const RUBRIC: &str = r#"[rubric]
id = "t"
title = "T"
organisation = "T"
source = "t"
version = "1"

[columns]
id = "id"
name = "name"

[[competency]]
id = "c"
label = "c"
weight = 1
source = "s"

[[competency.criterion]]
id = "budget"
label = "budget"
weight = 1
source = "s"
kind = "number"
field = "budget"
curve = [[0, 0], [10, 1]]

[[competency.criterion]]
id = "years"
label = "years"
weight = 1
source = "s"
kind = "number"
field = "years"
curve = [[0, 0], [2000, 1]]

[[competency.criterion]]
id = "ok"
label = "ok"
weight = 1
source = "s"
kind = "flag"
field = "ok"
"#;

fn cells(extension: &str, extra: &[&str]) -> (Fixture, Run) {
    let fixture = Fixture::new();
    fixture.write("r.toml", RUBRIC);
    let name = format!("cells.{extension}");
    fixture.write(&name, std::fs::read(repo(&format!("tests/data/{name}"))).unwrap());
    let mut args = vec!["score", "--rubric", "r.toml", name.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    let run = fixture.run(&args);
    (fixture, run)
}

#[test]
fn workbook_cells_are_read_as_the_spreadsheet_holds_them() {
    for extension in ["xlsx", "ods"] {
        let (_fixture, run) = cells(extension, &[]);
        let found = run.json();
        // 007: budget is the number 2.125 → 0.2125; years is the text "1.250", read with a decimal
        //      point → 1.25/2000 = 0.000625; ok is TRUE → 1. 100 × 1.213125 / 3 = 40.4375.
        // 010: 1234.5 → 1 (flat above 10); 0.5/2000 = 0.00025; ok empty → 0. 100 × 1.00025 / 3 = 33.341667.
        // 008: 2400 → 1; years is #DIV/0! → 0; FALSE → 0. 100 / 3 = 33.333333.
        // 009: "abc" → 0; 3/2000 = 0.0015; empty → 0. 100 × 0.0015 / 3 = 0.05.
        let expected = [("007", 40.4375), ("010", 33.341667), ("008", 33.333333), ("009", 0.05)];
        assert_eq!(found.len(), 4, "{extension}");
        for (candidate, (id, total)) in found.iter().zip(expected) {
            assert_eq!(candidate["id"], id, "{extension}");
            assert_close(num(&candidate["total"]), total);
        }
        // The id column is text: leading zeros survive. A date cell reads as ISO text.
        assert_eq!(candidate(&found, "008")["name"], "2024-03-01", "{extension}");
        assert_close(num(&criterion_of(candidate(&found, "007"), "budget")["value"]), 2.125);
        // Row 2 has a cell with two line breaks; row 4 is still called row 4 (column C = 3).
        let abc = format!("cells.{extension}:4:3: column 'budget': 'abc' is not a number");
        assert!(run.stderr.contains(&abc), "{extension}: {}", run.stderr);
        // Row 5 is empty.
        assert!(run.stderr.contains("read 5 rows: 4 scored, 0 rejected, 1 blank (sheet 'Ansøgere'"), "{}", run.stderr);
    }
}

#[test]
fn an_xlsx_error_cell_is_empty_with_a_warning_naming_the_cell() {
    let (_fixture, run) = cells("xlsx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: cells.xlsx: Ansøgere!D3: error cell #DIV/0!; read as empty"),
        "{}",
        run.stderr
    );
    let found = run.json();
    assert_eq!(criterion_of(candidate(&found, "008"), "years")["note"], "blank");
}

#[test]
fn decimal_comma_changes_text_cells_but_never_numeric_cells() {
    for extension in ["xlsx", "ods"] {
        let (_fixture, run) = cells(extension, &["--decimal-comma"]);
        let found = run.json();
        let anne = candidate(&found, "007");
        // The number 2.125 stays 2.125 (credit 0.2125, not 1 as 2125 would give); the text "1.250"
        // is now 1250 → 1250/2000 = 0.625. 100 × (0.2125 + 0.625 + 1) / 3 = 61.25.
        assert_close(num(&criterion_of(anne, "budget")["value"]), 2.125);
        assert_close(num(&criterion_of(anne, "years")["value"]), 1250.0);
        assert_close(num(&anne["total"]), 61.25);
        // 1234.5 is a number cell: 1234.5, not 12345.
        assert_close(num(&criterion_of(candidate(&found, "010"), "budget")["value"]), 1234.5);
    }
}

#[test]
fn sheet_chooses_a_sheet_by_name() {
    let (_fixture, run) = cells("xlsx", &["--sheet", "Andre"]);
    let found = run.json();
    // X1: 5/10 = 0.5; 1/2000 = 0.0005; ja → 1. 100 × 1.5005 / 3 = 50.016667.
    assert_eq!(ranking(&found), vec![("X1".to_string(), 1, 50.016667)]);
    assert!(run.stderr.contains("(sheet 'Andre'"), "{}", run.stderr);
}

#[test]
fn an_unknown_sheet_is_an_error_listing_the_sheets() {
    let (_fixture, run) = cells("ods", &["--sheet", "Ark3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cells.ods: --sheet 'Ark3': no such sheet; it has 'Ansøgere', 'Andre'"),
        "{}",
        run.stderr
    );
}

#[test]
fn sheet_with_a_csv_file_is_a_usage_error() {
    let fixture = Fixture::new();
    let run = fixture.score(RUBRIC, "id,name,budget,years,ok\n1,A,1,1,ja\n", &["--sheet", "Ark1"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--sheet: a.csv is not a workbook"), "{}", run.stderr);
}

#[test]
fn a_file_that_is_not_a_workbook_is_an_error_naming_it() {
    let fixture = Fixture::new();
    fixture.write("r.toml", RUBRIC);
    fixture.write("fake.xlsx", "id,name\n1,A\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "fake.xlsx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("fake.xlsx: not an xlsx workbook: the file is text"), "{}", run.stderr);
}
