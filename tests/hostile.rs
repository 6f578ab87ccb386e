//! Hostile and broken input: one file per hazard in `tests/data/hostile/`, each scored with
//! `tests/data/hostile/rubric.toml` (columns id, name, years, cv; `years` on the curve 0 → 0,
//! 10 → 1; `cv` needs both "budget" and "ledelse"), and the exact outcome checked. The big inputs
//! (a 10 MB cell, 100,000 columns, random bytes) are generated here into a temporary directory.

mod common;

use common::{Fixture, Run, candidate, criterion_of, num, repo};
use serde_json::Value;

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(repo(&format!("tests/data/hostile/{name}"))).expect("a hostile test file")
}

/// Scores the hostile file `name` (copied into a fresh directory under the same name).
fn score(name: &str, extra: &[&str]) -> Run {
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    fixture.write(name, hostile(name));
    let mut args = vec!["score", "--rubric", "r.toml", name, "--format", "json"];
    args.extend_from_slice(extra);
    fixture.run(&args)
}

fn value_of(candidate: &Value) -> &Value {
    &criterion_of(candidate, "years")["value"]
}

#[track_caller]
fn assert_no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_utf8_bom_does_not_stick_to_the_first_header_name() {
    let run = score("utf8-bom.csv", &[]);
    // The id column resolves (were its name "\u{feff}id", ids would be line numbers and a warning said so).
    let out = run.json();
    assert_eq!(out[0]["id"], "007");
    assert!(!run.stderr.contains("no 'id' column"), "{}", run.stderr);
    assert!(run.stderr.contains("UTF-8 with BOM"), "{}", run.stderr);
    assert!(!String::from_utf8_lossy(&run.stdout).contains('\u{feff}'));
}

#[test]
fn windows_1252_is_decoded_without_replacement_characters_and_reported() {
    let run = score("windows-1252.csv", &[]);
    let out = run.json();
    assert_eq!(out[0]["name"], "Søren Ærø");
    let text = run.out();
    assert!(!text.contains('\u{fffd}'), "{text}");
    assert!(text.contains("Æbeløs rådhus"), "{text}");
    assert!(run.stderr.contains("(Windows-1252, delimiter ','"), "{}", run.stderr);
}

#[test]
fn utf16le_with_bom_and_tabs_is_read() {
    let run = score("utf16le-bom.tsv", &[]);
    let out = run.json();
    assert_eq!(out.len(), 2);
    assert_eq!(candidate(&out, "1")["name"], "Åse");
    // "budget, ledelse" stays one cell (the delimiter is TAB): both terms found, credit 1;
    // years 5 on 0→0, 10→1 gives 0.5; total = 100·(0.5 + 1)/2 = 75.
    assert_eq!(num(&candidate(&out, "1")["total"]), 75.0);
    assert!(run.stderr.contains("(UTF-16LE, delimiter 'TAB', decimal point)"), "{}", run.stderr);
}

#[test]
fn excel_sep_line_is_honoured_and_not_read_as_the_header() {
    let run = score("sep-line.csv", &[]);
    let out = run.json();
    assert_eq!(out.len(), 1);
    // `;` implies a decimal comma: 7,5 years → credit 0.75; cv credit 1; total = 100·1.75/2 = 87.5.
    assert_eq!(num(value_of(&out[0])), 7.5);
    assert_eq!(num(&out[0]["total"]), 87.5);
    assert!(run.stderr.contains("read 1 rows: 1 scored"), "{}", run.stderr);
    assert!(run.stderr.contains("delimiter ';', decimal comma"), "{}", run.stderr);
}

#[test]
fn cr_only_line_ends_give_true_line_numbers() {
    let run = score("cr-only.csv", &[]);
    assert_eq!(run.json().len(), 2);
    // Bo's record is the third physical line.
    assert!(run.stderr.contains("cr-only.csv:3:3: column 'years': 'x' is not a number"), "{}", run.stderr);
}

#[test]
fn newlines_and_delimiters_inside_quotes_stay_in_their_cell() {
    let run = score("quoted-newlines.csv", &[]);
    let out = run.json();
    assert_eq!(out.len(), 2);
    assert_eq!(candidate(&out, "1")["name"], "Holm, Ann");
    // Record 1 spans lines 2–4, so Bo's record starts on line 5.
    assert!(run.stderr.contains("quoted-newlines.csv:5:3: column 'years'"), "{}", run.stderr);
    assert!(run.stderr.contains("read 2 rows: 2 scored, 0 rejected, 0 blank"), "{}", run.stderr);
}

#[test]
fn an_unterminated_quote_rejects_its_row_instead_of_swallowing_the_rest() {
    let run = score("unterminated-quote.csv", &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(run.json_any_code().len(), 0);
    assert!(
        run.stderr.contains(
            "unterminated-quote.csv:2: rejected: the quote that opens field 4 (column 'cv') on line 2 is never closed: \
             it runs to the end of the file and would swallow the 2 line(s) after it"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("read 1 rows: 0 scored, 1 rejected, 0 blank"), "{}", run.stderr);
}

#[test]
fn text_after_a_closing_quote_is_warned_about_with_line_and_field() {
    let run = score("text-after-quote.csv", &[]);
    let out = run.json();
    assert_eq!(out.len(), 1);
    assert!(
        run.stderr.contains(
            "text-after-quote.csv:2:4: field 4 (column 'cv'): text follows a closing quote, so the cell is read as '5 diskette'"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_whitespace_only_line_is_counted_as_blank() {
    let run = score("whitespace-line.csv", &[]);
    assert_eq!(run.json().len(), 2);
    assert!(run.stderr.contains("read 3 rows: 2 scored, 0 rejected, 1 blank"), "{}", run.stderr);
    assert!(run.stderr.contains("whitespace-line.csv:4:3:"), "{}", run.stderr);
}

#[test]
fn ragged_rows_are_rejected_with_line_and_reason_never_padded() {
    let run = score("ragged.csv", &[]);
    assert_eq!(run.code, 3);
    let out = run.json_any_code();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], "3");
    assert!(run.stderr.contains("ragged.csv:2: rejected: found 3 fields, but the header has 4"), "{}", run.stderr);
    assert!(run.stderr.contains("ragged.csv:3: rejected: found 5 fields, but the header has 4"), "{}", run.stderr);
    assert!(run.stderr.contains("read 3 rows: 1 scored, 2 rejected, 0 blank"), "{}", run.stderr);
}

#[test]
fn duplicate_header_names_are_an_error_naming_them() {
    let run = score("duplicate-header.csv", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("duplicate-header.csv:1: duplicate column names (compared as normalised words): 'name' (column 2) and 'Name' (column 3)"),
        "{}",
        run.stderr
    );
}

#[test]
fn ids_keep_their_leading_zeros() {
    let run = score("leading-zeros.csv", &[]);
    let ids: Vec<String> = run.json().iter().map(|c| c["id"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(ids, ["007", "0042"]);
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    fixture.write("z.csv", hostile("leading-zeros.csv"));
    let csv = fixture.run(&["score", "--rubric", "r.toml", "z.csv", "--format", "csv"]);
    let (_, rows) = csv.csv();
    assert_eq!(rows[0][2], "007");
}

/// `value` of the years criterion per id, and the warnings; `NaN`, `inf` and `1e400` are not numbers.
fn number_outcomes(name: &str) -> (Vec<(String, Value)>, String) {
    let run = score(name, &[]);
    let out = run.json();
    let mut values: Vec<(String, Value)> =
        out.iter().map(|c| (c["id"].as_str().unwrap_or("").to_string(), value_of(c).clone())).collect();
    values.sort_by(|a, b| a.0.cmp(&b.0));
    for c in &out {
        let total = num(&c["total"]);
        assert!(total.is_finite() && (0.0..=100.0).contains(&total), "{c}");
    }
    (values, run.stderr)
}

#[test]
fn numbers_with_a_decimal_point_file_are_read_as_documented() {
    let (values, stderr) = number_outcomes("numbers-point.csv");
    let expected = [
        ("a", Value::from(1.234)),  // one `.` in decimal-point mode: a decimal mark
        ("b", Value::from(1234.5)), // both marks: the last (`,`) is the decimal mark
        ("c", Value::from(7.5)),    // a single `,` is a decimal mark
        ("d", Value::from(7.5)),    // leading space trimmed
        ("e", Value::from(-5.0)),   // U+2212 is a minus
        ("f", Value::from(1234.5)), // a no-break space groups thousands
        ("g", Value::from("NaN")),  // not a number: kept as text, credit 0
        ("h", Value::from("inf")),
        ("i", Value::from("1e400")),
    ];
    let expected: Vec<(String, Value)> = expected.into_iter().map(|(id, v)| (id.to_string(), v)).collect();
    assert_eq!(values, expected);
    for (line, cell) in [(8, "NaN"), (9, "inf"), (10, "1e400")] {
        let message = format!("numbers-point.csv:{line}:3: column 'years': '{cell}' is not a number; credit 0");
        assert!(stderr.contains(&message), "{message}\n{stderr}");
    }
}

#[test]
fn numbers_with_a_decimal_comma_file_are_read_as_documented() {
    let (values, stderr) = number_outcomes("numbers-comma.csv");
    // In a `;` file (decimal comma) `1.234` is 1234: a `.` followed by three digits groups thousands.
    assert_eq!(values[0], ("a".to_string(), Value::from(1234.0)));
    assert_eq!(values[1], ("b".to_string(), Value::from(1234.5)));
    assert_eq!(values[2], ("c".to_string(), Value::from(7.5)));
    assert_eq!(values[3], ("d".to_string(), Value::from(7.5)));
    assert_eq!(values[4], ("e".to_string(), Value::from(-5.0)));
    assert_eq!(values[5], ("f".to_string(), Value::from(1234.5)));
    assert_eq!(values[6].1, Value::from("NaN"));
    assert!(stderr.contains("numbers-comma.csv:10:3: column 'years': '1e400' is not a number; credit 0"), "{stderr}");
}

#[test]
fn every_rubric_problem_is_reported_in_one_run_with_its_line() {
    let fixture = Fixture::new();
    fixture.write("p.toml", hostile("rubric-problems.toml"));
    fixture.write("a.csv", hostile("leading-zeros.csv"));
    let run = fixture.run(&["score", "--rubric", "p.toml", "a.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    for expected in [
        "p.toml:12: competency 'a': weight must be a finite number ≥ 0",
        "p.toml:20: unknown key 'wieght' in [[competency.criterion]] (did you mean 'weight'?)",
        "p.toml:26: competency 'b': weight must be a finite number ≥ 0",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_ten_megabyte_cell_is_scored() {
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    let cell = format!("budget {} ledelse", "x".repeat(10 << 20));
    fixture.write("big.csv", format!("id,name,years,cv\n1,Ann,10,{cell}\n"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "big.csv", "--format", "csv"]);
    assert_no_panic(&run);
    let (_, rows) = run.csv();
    // years 10 → credit 1, both terms found → credit 1: total 100.
    assert_eq!(rows, vec![vec!["1", "false", "1", "Ann", "100", "100", "true", "met", ""]]);
}

#[test]
fn a_hundred_thousand_column_header_is_read() {
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    let extra: Vec<String> = (4..100_000).map(|i| format!("c{i}")).collect();
    let header = format!("id,name,years,cv,{}", extra.join(","));
    let row = format!("1,Ann,5,budget{}", ",".repeat(extra.len()));
    fixture.write("wide.csv", format!("{header}\n{row}\n"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "wide.csv", "--format", "csv"]);
    assert_no_panic(&run);
    let (_, rows) = run.csv();
    // years 5 → 0.5; one of two terms → 0.5: total 50.
    assert_eq!(rows, vec![vec!["1", "false", "1", "Ann", "50", "50", "true", "met", ""]]);
}

#[test]
fn an_empty_file_is_a_clear_error() {
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    fixture.write("empty.csv", "");
    let run = fixture.run(&["score", "--rubric", "r.toml", "empty.csv"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.trim(), "profilmatch: empty.csv: the file is empty: no header row");
}

#[test]
fn a_header_only_file_gives_an_empty_ranking() {
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    fixture.write("h.csv", "id,name,years,cv\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "h.csv", "--format", "json"]);
    assert_eq!(run.json().len(), 0);
    assert!(run.stderr.contains("read 0 rows: 0 scored, 0 rejected, 0 blank"), "{}", run.stderr);
}

#[test]
fn random_bytes_give_a_clear_message_not_a_panic() {
    let fixture = Fixture::new();
    fixture.write("r.toml", hostile("rubric.toml"));
    // A fixed linear congruential sequence, so that the bytes are the same on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect();
    fixture.write("noise.bin", bytes);
    let run = fixture.run(&["score", "--rubric", "r.toml", "noise.bin"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("r.toml:19: column 'years' is not in noise.bin"), "{}", run.stderr);
}
