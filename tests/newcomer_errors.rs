//! The errors a newcomer met when first trying profilmatch (issue 15): each one names its cause
//! and the fix, not only the symptom. One test per case, named for what it guards.

mod common;

use std::process::Stdio;

use assert_cmd::cargo::CommandCargoExt;
use common::{Fixture, competency, criterion, repo, rubric};

const SAMPLE_RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

/// A small rubric over the columns id, name, years, gender and cv, with a requirement of at least
/// three years.
fn small_rubric() -> String {
    let mut body = String::from("[columns]\nid = \"id\"\nname = \"name\"\nprotected = [\"gender\"]\n\n");
    body.push_str(&competency("c", 1.0));
    body.push_str(&criterion("years", 1.0, "kind = \"number\"\nfield = \"years\"\ncurve = [[0, 0], [10, 1]]"));
    body.push_str(&criterion("cv", 1.0, "kind = \"terms\"\nterms = [\"budget*\"]\nfields = [\"cv\"]"));
    body.push_str(
        "[[requirement]]\nid = \"erfaring\"\nlabel = \"Mindst tre års erfaring\"\nsource = \"s\"\nkind = \"number\"\nfield = \"years\"\nmin = 3\n",
    );
    rubric(&body)
}

const SMALL_CSV: &str = "id,name,years,gender,cv\nA1,Anne,5,kvinde,budgetansvar\nA2,Bo,2,mand,ledelse\n";

/// A fixture holding `r.toml` (the small rubric) and `a.csv`.
fn small() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("r.toml", small_rubric());
    fixture.write("a.csv", SMALL_CSV);
    fixture
}

/// A fixture holding the sample rubric as `r.toml` and the sample applicants as `a.csv`.
fn samples() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(SAMPLE_RUBRIC)).expect("the sample rubric"));
    fixture.write("a.csv", std::fs::read(repo("samples/applicants.csv")).expect("the sample applicants"));
    fixture
}

#[test]
fn write_rubric_over_an_input_is_refused_under_its_own_name() {
    let fixture = small();
    fixture.write("j.csv", "better,worse\nA1,A2\n");
    let run = fixture.run(&["tune", "--rubric", "r.toml", "a.csv", "--fit", "j.csv", "--write-rubric", "r.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--write-rubric r.toml: refusing to overwrite an input file"), "{}", run.stderr);
    assert!(!run.stderr.contains("-o r.toml"), "{}", run.stderr);
}

#[test]
fn a_missing_output_folder_is_named_not_the_temporary_file() {
    let fixture = small();
    for option in ["-o", "--record", "--rejects"] {
        let args = ["score", "--rubric", "r.toml", "a.csv", option, "nowhere/out.csv"];
        let run = fixture.run(&args);
        assert_eq!(run.code, 2, "{option}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{option} nowhere/out.csv: the folder nowhere does not exist")),
            "{option}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains(".tmp"), "{}", run.stderr);
    }
    let run = fixture.run(&["report", "--rubric", "r.toml", "a.csv", "--shortlist", "1", "-o", "nowhere/r.html"]);
    assert!(run.stderr.contains("the folder nowhere does not exist"), "{}", run.stderr);
    assert!(!fixture.path("nowhere").exists());
}

#[test]
fn a_wrong_delimiter_shows_the_header_read_and_names_the_delimiter() {
    let fixture = small();
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--delimiter", ";"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let expected = "a.csv: the header read (delimiter ';') has 1 column: 'id,name,years,gender,cv'; \
                    likely cause: the delimiter: the names are separated by ',', not ';'; give --delimiter ','";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    // Said once, after the per-column lines (each with its rubric line).
    assert_eq!(run.stderr.matches("the header read").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("column 'years' is not in a.csv"), "{}", run.stderr);
}

#[test]
fn a_file_without_the_rubrics_columns_asks_whether_it_is_the_right_file() {
    let fixture = small();
    fixture.write("other.csv", "better,worse\nA1,A2\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "other.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("other.csv: the header read (delimiter ',') has 2 columns: 'better', 'worse'; likely cause: none of the rubric's columns is in this header: is this the applicant file for this rubric?"), "{}", run.stderr);
}

#[test]
fn a_workbook_renamed_to_csv_is_named_as_a_workbook() {
    let fixture = samples();
    fixture.write("book.csv", std::fs::read(repo("samples/applicants.xlsx")).expect("the sample workbook"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "book.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "book.csv: this is a spreadsheet workbook (.xlsx, a zip archive), not CSV text; rename it to .xlsx"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("is not in book.csv"), "{}", run.stderr);
    fixture.write("sheet.csv", std::fs::read(repo("samples/applicants.ods")).expect("the sample ods"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "sheet.csv"]);
    assert!(run.stderr.contains("sheet.csv: this is a spreadsheet workbook (.ods, a zip archive)"), "{}", run.stderr);
}

#[test]
fn a_csv_named_xlsx_says_it_is_text_not_a_zip_error() {
    let fixture = small();
    fixture.write("a.xlsx", SMALL_CSV);
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.xlsx"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("a.xlsx: not an xlsx workbook: the file is text (it looks like CSV: its first line is 'id,name,years,gender,cv'); if it is CSV, rename it to .csv"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("EOCD") && !run.stderr.contains("Zip"), "{}", run.stderr);
}

#[test]
fn a_title_row_above_the_header_is_named_as_a_title() {
    let fixture = small();
    fixture.write("t.csv", format!("Ansøgere til stillingen,,,,\n{SMALL_CSV}"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "t.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("t.csv:1: the first row looks like a title, not a header: only 1 of its 5 cells has text ('Ansøgere til stillingen'); delete the rows above the header row"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("duplicate column names"), "{}", run.stderr);
    // A title alone on its line (no delimiters) reads as a one-column header.
    fixture.write("t1.csv", format!("Ansøgere til stillingen\n{SMALL_CSV}"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "t1.csv"]);
    assert!(
        run.stderr.contains("likely cause: the first row has a single cell: a title above the header?"),
        "{}",
        run.stderr
    );
}

#[test]
fn fit_reads_a_semicolon_judgements_file_as_it_reads_applicants() {
    let fixture = small();
    // A2 over A1 contradicts the rubric (A1 scores higher on both criteria), so the fit has work.
    fixture.write("j.csv", "better;worse\nA2;A1\n");
    let run = fixture.run(&["tune", "--rubric", "r.toml", "a.csv", "--fit", "j.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.out().contains("Fit to j.csv: 1 judgements"), "{}", run.out());
    // Excel's sep= line is honoured too, and line numbers still count it.
    fixture.write("k.csv", "sep=;\nbetter;worse\nA2;nobody\n");
    let run = fixture.run(&["tune", "--rubric", "r.toml", "a.csv", "--fit", "k.csv"]);
    assert!(run.stderr.contains("k.csv:3: unknown id 'nobody'"), "{}", run.stderr);
}

/// Runs the binary with its standard output a pipe whose reader has already gone, as `| head`
/// leaves it once it has read enough.
fn run_into_a_closed_pipe(fixture: &Fixture, args: &[&str]) -> (i32, String) {
    let mut child = std::process::Command::cargo_bin("profilmatch")
        .expect("the binary")
        .current_dir(fixture.path(""))
        .env("PROFILMATCH_CACHE_DIR", fixture.path(".cache"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning profilmatch");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("waiting for profilmatch");
    (output.status.code().expect("an exit code"), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_0_in_every_format() {
    let fixture = samples();
    for format in ["csv", "csv-da", "json", "jsonl", "table", "explain"] {
        let (code, stderr) =
            run_into_a_closed_pipe(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--format", format]);
        assert_eq!(code, 0, "--format {format}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "--format {format}: {stderr}");
    }
    std::fs::create_dir(fixture.path("apps")).expect("a folder");
    fixture.write("apps/A1 cv.txt", "Budgetansvar i ti år.\n");
    fixture.write("apps/A2 cv.txt", "Ledelse.\n");
    for args in [
        &["tune", "--rubric", "r.toml", "a.csv", "--swaps"][..],
        &["report", "--rubric", "r.toml", "a.csv", "--shortlist", "3", "-o", "-"],
        &["rubric", "check", "r.toml", "--csv", "a.csv"],
        &["extract", "apps"],
    ] {
        let (code, stderr) = run_into_a_closed_pipe(&fixture, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn swapped_rubric_and_applicants_ask_whether_they_were_swapped() {
    let fixture = small();
    let run = fixture.run(&["score", "--rubric", "a.csv", "r.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the applicant file r.toml is a TOML file, a rubric: did you swap --rubric and the applicant file?"
        ),
        "{}",
        run.stderr
    );
    // A CSV given as the rubric: the TOML error is followed by the likely cause.
    let run = fixture.run(&["rubric", "check", "a.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("a.csv:1: not valid TOML"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "a.csv: this looks like an applicant file, not a rubric (TOML): did you swap --rubric and the applicant file?"
        ),
        "{}",
        run.stderr
    );
    let run = fixture.run(&["tune", "--rubric", "a.csv", "a.csv", "--swaps"]);
    assert!(run.stderr.contains("did you swap --rubric and the applicant file?"), "{}", run.stderr);
}

#[test]
fn group_by_a_danish_name_suggests_the_column() {
    let fixture = small();
    let run =
        fixture.run(&["report", "--rubric", "r.toml", "a.csv", "--shortlist", "1", "-o", "x.html", "--group", "køn"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--group køn: no such column in a.csv; did you mean gender?"), "{}", run.stderr);
    // A name with no spelling or language relative falls back to the rubric's protected columns.
    let run = fixture.run(&[
        "report",
        "--rubric",
        "r.toml",
        "a.csv",
        "--shortlist",
        "1",
        "-o",
        "x.html",
        "--group",
        "etnicitet",
    ]);
    assert!(run.stderr.contains("--group etnicitet: no such column in a.csv; did you mean gender?"), "{}", run.stderr);
}

#[test]
fn a_decimal_comma_weight_suggests_the_decimal_point() {
    let fixture = small();
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--weight", "c=7,5"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--weight \"c=7,5\": '7,5' is not a number; did you mean 7.5? (weights take a decimal point)"),
        "{}",
        run.stderr
    );
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--weight", "c=7,d=2"]);
    assert!(run.stderr.contains("give each competency its own --weight"), "{}", run.stderr);
}

#[test]
fn a_capitalised_format_lists_the_accepted_values() {
    let fixture = small();
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "Csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("invalid value 'Csv' for '--format <FORMAT>'"), "{}", run.stderr);
    assert!(
        run.stderr.contains("[possible values: table, csv, csv-da, xlsx, json, jsonl, explain, matrix]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("a similar value exists: 'csv'"), "{}", run.stderr);
}

#[test]
fn rubric_check_prints_a_requirements_threshold() {
    let fixture = small();
    let run = fixture.run(&["rubric", "check", "r.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.out().contains("requirement erfaring: Mindst tre års erfaring (number: years ≥ 3)"), "{}", run.out());
    assert!(!run.out().contains("at least 1)"), "{}", run.out());
}

#[test]
fn a_shortlist_of_zero_is_refused_as_top_zero_is() {
    let fixture = small();
    let cases: [&[&str]; 3] = [
        &["score", "--rubric", "r.toml", "a.csv", "--top", "0"],
        &["report", "--rubric", "r.toml", "a.csv", "--shortlist", "0", "-o", "x.html"],
        &["letters", "--rubric", "r.toml", "a.csv", "--shortlist", "0", "-o", "letters"],
    ];
    for args in cases {
        let run = fixture.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        let option = if args.contains(&"--top") { "--top" } else { "--shortlist" };
        assert!(run.stderr.contains(&format!("{option} must be at least 1")), "{args:?}: {}", run.stderr);
    }
    assert!(!fixture.path("x.html").exists() && !fixture.path("letters").exists());
}

#[test]
fn every_subcommand_help_has_examples_on_the_samples() {
    let fixture = Fixture::new();
    let commands: [&[&str]; 8] = [
        &["score"],
        &["report"],
        &["letters"],
        &["tune"],
        &["extract"],
        &["rubric", "check"],
        &["rubric", "approve"],
        &["rubric", "suggest"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let run = fixture.run(&args);
        assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
        let help = run.out();
        let examples =
            help.split_once("\nExamples:\n").map(|(_, e)| e).unwrap_or_else(|| panic!("{command:?}: {help}"));
        let first = format!("  profilmatch {}", command.join(" "));
        assert!(examples.starts_with(&first), "{command:?}: {examples}");
        // Every file an example reads is shipped; every file it writes is under /tmp.
        for word in examples.split_whitespace().filter(|w| w.starts_with("samples/") || w.starts_with("rubrics")) {
            assert!(repo(word).exists(), "{command:?}: {word} is not in the repository");
        }
    }
}
