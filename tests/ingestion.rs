//! Section 4: applicant files as Excel and recruitment systems write them: encodings, delimiters,
//! decimal commas, every number format, ids, headers, ragged and blank rows, duplicate ids.

mod common;

use common::*;

/// One number criterion on `value` with curve [[0, 0], [4000, 1]], plus a terms criterion on `cv`.
fn number_rubric() -> String {
    rubric(
        &(competency("c", 1.0)
            + &criterion("n", 1.0, "kind = \"number\"\nfield = \"value\"\ncurve = [[0, 0], [4000, 1]]")
            + &criterion(
                "t",
                1.0,
                "kind = \"terms\"\nterms = [\"økonomistyring\", \"byråd\"]\nneed = 2\nfields = [\"cv\"]",
            )),
    )
}

#[test]
fn semicolon_windows_1252_decimal_comma_scores_as_its_utf8_comma_twin() {
    let utf8 = "id,name,cv,value\n\
                1,Søren Ærø,\"Økonomistyring, byråd og æbler\",\"1,234.5\"\n\
                2,Åse Øst,byrådssekretær,2.5\n\
                3,Bo,\"budget; økonomistyring\",2400\n";
    let semicolon = "id;name;cv;value\r\n\
                     1;Søren Ærø;Økonomistyring, byråd og æbler;1.234,5\r\n\
                     2;Åse Øst;byrådssekretær;2,5\r\n\
                     3;Bo;\"budget; økonomistyring\";2.400\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(semicolon);
    assert!(!unmappable);
    // The Windows-1252 file holds ø as the single byte 0xF8.
    assert!(bytes.contains(&0xF8) && std::str::from_utf8(&bytes).is_err());
    let comma_run = Fixture::new().score(&number_rubric(), utf8, &["--format", "json"]);
    let semi_run = Fixture::new().score(&number_rubric(), &*bytes, &["--format", "json"]);
    assert_eq!(comma_run.code, 0, "{}", comma_run.stderr);
    assert_eq!(semi_run.code, 0, "{}", semi_run.stderr);
    assert_eq!(semi_run.out(), comma_run.out());
    assert!(semi_run.stderr.contains("Windows-1252"), "{}", semi_run.stderr);
    assert!(semi_run.stderr.contains("delimiter ';'"), "{}", semi_run.stderr);
    assert!(semi_run.stderr.contains("decimal comma"), "{}", semi_run.stderr);
    let candidates = comma_run.json();
    // 1: value 1234.5 → 1234.5/4000 = 0.308625; both terms → 1. Total = 100 × (0.308625 + 1) / 2.
    let one = candidate(&candidates, "1");
    assert_eq!(one["name"], "Søren Ærø");
    assert_eq!(num(&criterion_of(one, "n")["value"]), 1234.5);
    assert_close(num(&one["total"]), 100.0 * (0.308625 + 1.0) / 2.0);
    // 3: 2400 (and "2.400" in the ; file) → 0.6.
    assert_eq!(num(&criterion_of(candidate(&candidates, "3"), "n")["value"]), 2400.0);
}

/// The number each `value` cell reads as, by id, with any warning.
fn read_numbers(csv: &str, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let fixture = Fixture::new();
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = fixture.score(&number_rubric(), csv, &args);
    (run.json(), run.stderr)
}

#[test]
fn number_formats_in_a_comma_file() {
    let csv = "id,name,cv,value\n\
               a,A,x,\"12,5\"\n\
               b,B,x,\"1.234,5\"\n\
               c,B,x,\"1,234.5\"\n\
               d,D,x,2 400\n\
               e,E,x,2.400\n\
               f,F,x,\u{2212}5\n\
               g,G,x,1\u{a0}234\n\
               h,H,x, 7 \n";
    let (candidates, _) = read_numbers(csv, &[]);
    // A single , is a decimal mark; with both, the last is; a space groups thousands; a single .
    // is a decimal mark outside decimal-comma mode; − (U+2212) is a minus; a no-break space groups.
    let expected =
        [("a", 12.5), ("b", 1234.5), ("c", 1234.5), ("d", 2400.0), ("e", 2.4), ("f", -5.0), ("g", 1234.0), ("h", 7.0)];
    for (id, value) in expected {
        let n = criterion_of(candidate(&candidates, id), "n");
        assert_eq!(num(&n["value"]), value, "{id}");
        // credit = value / 4000 inside the curve; -5 is below its first point: 0.
        assert_close(num(&n["credit"]), (value / 4000.0).max(0.0));
        assert!(candidate(&candidates, id)["warnings"].as_array().unwrap().is_empty());
    }
}

#[test]
fn number_formats_in_a_semicolon_file() {
    let csv = "id;name;cv;value\n\
               a;A;x;12,5\n\
               b;B;x;1.234,5\n\
               e;E;x;2.400\n\
               f;F;x;1.5\n\
               g;G;x;1\u{a0}234,5\n";
    let (candidates, stderr) = read_numbers(csv, &[]);
    assert!(stderr.contains("decimal comma"), "{stderr}");
    // In decimal-comma mode a . followed by exactly three digits groups thousands: 2.400 = 2400;
    // 1.5 has one digit after the . so it stays a decimal mark.
    let expected = [("a", 12.5), ("b", 1234.5), ("e", 2400.0), ("f", 1.5), ("g", 1234.5)];
    for (id, value) in expected {
        let n = criterion_of(candidate(&candidates, id), "n");
        assert_eq!(num(&n["value"]), value, "{id}");
    }
}

#[test]
fn decimal_mode_flags_override_the_delimiter() {
    let (candidates, _) = read_numbers("id,name,cv,value\ne,E,x,2.400\n", &["--decimal-comma"]);
    assert_eq!(num(&criterion_of(&candidates[0], "n")["value"]), 2400.0);
    let (candidates, _) = read_numbers("id;name;cv;value\ne;E;x;2.400\n", &["--decimal-point"]);
    assert_eq!(num(&criterion_of(&candidates[0], "n")["value"]), 2.4);
}

#[test]
fn not_numbers_earn_zero_with_a_warning_naming_line_and_column() {
    let csv = "id,name,cv,value\n\
               a,A,x,NaN\n\
               b,B,x,inf\n\
               c,C,x,1e3\n\
               d,D,x,12 år\n";
    let (candidates, stderr) = read_numbers(csv, &[]);
    // value is column 4; a..d are on lines 2..5.
    for (line, (id, cell)) in [("a", "NaN"), ("b", "inf"), ("c", "1e3"), ("d", "12 år")].into_iter().enumerate() {
        let c = candidate(&candidates, id);
        assert_eq!(num(&criterion_of(c, "n")["credit"]), 0.0, "{id}");
        assert_eq!(num(&c["total"]), 0.0, "{id}");
        let location = format!("a.csv:{}:4", line + 2);
        let warning = c["warnings"][0].as_str().unwrap_or_default();
        assert!(warning.contains(&location) && warning.contains(cell), "{warning}");
        assert!(stderr.contains(&location), "{stderr}");
    }
}

fn terms_rubric(columns: &str) -> String {
    rubric(
        &(columns.to_string() + &competency("c", 1.0) + &criterion("k", 1.0, "kind = \"terms\"\nterms = [\"budget\"]")),
    )
}

#[test]
fn ids_are_text_so_007_stays_007() {
    let run = Fixture::new().score(&terms_rubric(""), "id,name,cv\n007,A,budget\n", &["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = run.csv();
    assert_eq!(rows[0][2], "007");
    // The id is the trimmed text: " 007 " is "007".
    let candidates = Fixture::new().score_json(&terms_rubric(""), "id,name,cv\n 007 ,A,budget\n");
    assert_eq!(candidates[0]["id"], "007");
}

#[test]
fn without_an_id_column_ids_are_line_numbers() {
    // The first record spans lines 2 and 3 (a quoted newline), so the second starts on line 4.
    let csv = "name,cv\nAnn,\"budget\nog drift\"\nBo,intet\n";
    let run = Fixture::new().score(&terms_rubric(""), csv, &["--format", "json"]);
    let candidates = run.json();
    assert_eq!(candidate(&candidates, "2")["name"], "Ann");
    assert_eq!(candidate(&candidates, "4")["name"], "Bo");
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("line number"), "{}", run.stderr);
}

#[test]
fn an_explicit_id_column_that_is_missing_is_an_error() {
    let rubric = terms_rubric("[columns]\nid = \"ansoeger_id\"\n\n");
    let line = line_of(&rubric, "ansoeger_id");
    let run = Fixture::new().score(&rubric, "id,name,cv\n1,A,budget\n", &["--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains(&format!("r.toml:{line}")), "{}", run.stderr);
    assert!(run.stderr.contains("ansoeger_id"), "{}", run.stderr);
}

#[test]
fn a_blank_id_rejects_the_row() {
    let csv = "id,name,cv\n1,A,budget\n  ,B,budget\n3,C,intet\n";
    let run = Fixture::new().score(&terms_rubric(""), csv, &["--format", "json"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let ids: Vec<_> = run.json_any_code().iter().map(|c| c["id"].clone()).collect();
    assert_eq!(ids, vec!["1", "3"]);
    assert!(run.stderr.contains("a.csv:3"), "{}", run.stderr);
    assert!(run.stderr.contains("blank id"), "{}", run.stderr);
    assert!(run.stderr.contains("read 3 rows: 2 scored, 1 rejected, 0 blank"), "{}", run.stderr);
}

#[test]
fn headers_match_as_normalised_token_sequences() {
    let rubric = rubric(
        &(competency("c", 1.0)
            + &criterion("p", 1.0, "kind = \"number\"\nfield = \"aar politisk\"\nmin = 4")
            + &criterion("q", 1.0, "kind = \"flag\"\nfield = \"Leder-Erfaring\"")),
    );
    let csv = "ID,Name,Aar_Politisk,LEDER ERFARING\n1,A,5,ja\n";
    let candidates = Fixture::new().score_json(&rubric, csv);
    // 5 ≥ 4 → 1 and "ja" → 1: total 100. Also "ID" and "Name" are the id and name columns.
    assert_eq!(num(&candidates[0]["total"]), 100.0);
    assert_eq!(candidates[0]["id"], "1");
    assert_eq!(candidates[0]["name"], "A");
}

#[test]
fn headers_that_normalise_alike_are_an_error() {
    let run = Fixture::new().score(
        &terms_rubric(""),
        "id,name,Aar_Politisk,cv,aar politisk\n1,A,1,budget,2\n",
        &["--format", "json"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("Aar_Politisk") && run.stderr.contains("aar politisk"), "{}", run.stderr);
}

#[test]
fn a_ragged_row_is_rejected_with_its_line_and_written_to_rejects() {
    let fixture = Fixture::new();
    let csv = "id,name,cv\n1,A,budget\n,,\n2,B,budget,extra\n3,C,intet\n";
    let run = fixture.score(&terms_rubric(""), csv, &["--format", "json", "--rejects", "rejects.csv"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    // The results are still written.
    let ids: Vec<_> = run.json_any_code().iter().map(|c| c["id"].clone()).collect();
    assert_eq!(ids, vec!["1", "3"]);
    assert!(run.stderr.contains("a.csv:4"), "{}", run.stderr);
    // 4 records after the header: 2 scored, 1 rejected (line 4), 1 blank (line 3).
    assert!(run.stderr.contains("read 4 rows: 2 scored, 1 rejected, 1 blank"), "{}", run.stderr);
    let rejects = std::fs::read_to_string(fixture.path("rejects.csv")).unwrap();
    assert_eq!(rejects, "id,name,cv\n2,B,budget,extra\n");
}

#[test]
fn duplicate_ids_stop_the_run_and_write_nothing() {
    let fixture = Fixture::new();
    let csv = "id,name,cv\nA1,A,budget\nB2,B,x\nA1,C,y\nB2,D,z\nC3,E,w\n";
    let run = fixture.score(&terms_rubric(""), csv, &["--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // A1 is on lines 2 and 4; B2 on 3 and 5.
    assert!(run.stderr.contains("'A1' on lines 2, 4"), "{}", run.stderr);
    assert!(run.stderr.contains("'B2' on lines 3, 5"), "{}", run.stderr);
    let run = fixture.score(&terms_rubric(""), csv, &["-o", "out.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!fixture.path("out.json").exists());
}

#[test]
fn utf8_bom_and_utf16_read_like_utf8() {
    let csv = "id,name,cv\n1,Søren,budget\n";
    let plain = Fixture::new().score(&terms_rubric(""), csv, &["--format", "json"]);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(csv.as_bytes());
    let with_bom = Fixture::new().score(&terms_rubric(""), bom, &["--format", "json"]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    let le = Fixture::new().score(&terms_rubric(""), utf16, &["--format", "json"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert_eq!(with_bom.out(), plain.out());
    assert_eq!(le.out(), plain.out());
    assert!(le.stderr.contains("UTF-16LE"), "{}", le.stderr);
}
