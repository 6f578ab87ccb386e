//! Output a Danish office opens: `-o x.xlsx` writes a real workbook, read back here by
//! profilmatch's own workbook reader; `--format csv-da` writes CSV as Danish Excel opens it; an
//! output extension profilmatch does not know is an error that writes nothing.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use profilmatch::input::{CsvReader, ReadOptions, Row};

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";
const APPLICANTS: &str = "samples/applicants.csv";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn score(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("profilmatch").unwrap().current_dir(root()).arg("score").args(args).assert()
}

/// Every record of a file as profilmatch reads it (CSV or workbook): the header, then the rows.
fn read_back(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = CsvReader::open(path, &path.display().to_string(), &ReadOptions::default()).unwrap();
    let header = reader.header().names().to_vec();
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row().unwrap() {
        if let Row::Record(record) = row {
            rows.push(record.fields.iter().map(str::to_string).collect());
        }
    }
    (header, rows)
}

/// Two cells are the same value: equal text, or equal numbers however written (`60.875` is
/// `60.8750` in a workbook's spool, `60,875` in a decimal-comma file).
fn same(a: &str, b: &str) -> bool {
    let number = |s: &str| s.replace(',', ".").parse::<f64>().ok();
    a == b || matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
}

fn assert_same_table(expected: &(Vec<String>, Vec<Vec<String>>), actual: &(Vec<String>, Vec<Vec<String>>)) {
    assert_eq!(expected.0, actual.0, "header");
    assert_eq!(expected.1.len(), actual.1.len(), "rows");
    for (e, a) in expected.1.iter().zip(&actual.1) {
        assert_eq!(e.len(), a.len());
        for (x, y) in e.iter().zip(a) {
            assert!(same(x, y), "{x:?} is {y:?}: {e:?} / {a:?}");
        }
    }
}

#[test]
fn an_xlsx_output_is_a_workbook_that_reads_back_as_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, csv) = (dir.path().join("r.xlsx"), dir.path().join("r.csv"));
    score(&["--rubric", RUBRIC, APPLICANTS, "-o", xlsx.to_str().unwrap()]).success();
    score(&["--rubric", RUBRIC, APPLICANTS, "-o", csv.to_str().unwrap()]).success();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip container, not CSV");
    let table = read_back(&xlsx);
    assert_same_table(&read_back(&csv), &table);
    assert_eq!(table.1.len(), 87);
    // The top row, as the README shows it: A001, Mette Kjærgaard Holm, 89.478084, met.
    assert_eq!(&table.1[0][..5], ["1", "false", "A001", "Mette Kjærgaard Holm", "89.478084"]);
    // meets_requirements, requirements and core (her economy score 100 documents the core area).
    let n = table.1[0].len();
    assert_eq!(&table.1[0][n - 3..], ["true", "met", "documented"]);
    // The same bytes every time: the workbook's creation time is fixed.
    score(&["--rubric", RUBRIC, APPLICANTS, "-o", dir.path().join("again.xlsx").to_str().unwrap()]).success();
    assert_eq!(bytes, std::fs::read(dir.path().join("again.xlsx")).unwrap());
}

#[test]
fn a_workbook_never_holds_a_formula_and_keeps_applicant_text_exact() {
    let dir = tempfile::tempdir().unwrap();
    let applicants = dir.path().join("a.csv");
    std::fs::write(
        &applicants,
        "id,name,years,cv\n1,\"=HYPERLINK(\"\"http://x.example\"\")\",5,budget og ledelse\n2,@SUM(A1),3,-ledelse\n",
    )
    .unwrap();
    let xlsx = dir.path().join("r.xlsx");
    let rubric = root().join("tests/data/hostile/rubric.toml");
    Command::cargo_bin("profilmatch")
        .unwrap()
        .args(["score", "--rubric"])
        .arg(&rubric)
        .arg(&applicants)
        .arg("-o")
        .arg(&xlsx)
        .assert()
        .success();
    let (header, rows) = read_back(&xlsx);
    let name = header.iter().position(|h| h == "name").unwrap();
    // Stored as the text the applicant wrote: no `'` needed, since a string cell is never run.
    assert_eq!(rows[0][name], "=HYPERLINK(\"http://x.example\")");
    assert_eq!(rows[1][name], "@SUM(A1)");
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let formulas = workbook.worksheet_formula("Rangering").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "a formula in the workbook");
}

#[test]
fn csv_for_danish_excel_has_a_bom_semicolons_decimal_commas_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let (da, csv) = (dir.path().join("da.csv"), dir.path().join("r.csv"));
    score(&["--rubric", RUBRIC, APPLICANTS, "--format", "csv-da", "-o", da.to_str().unwrap()]).success();
    score(&["--rubric", RUBRIC, APPLICANTS, "-o", csv.to_str().unwrap()]).success();
    let bytes = std::fs::read(&da).unwrap();
    assert!(bytes.starts_with("\u{feff}rank;tied;id;name;total;oekonomi;".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    // A001's total 89.478084 and politik score 85.714286 (README) with decimal commas.
    assert!(text.contains("\r\n1;false;A001;Mette Kjærgaard Holm;89,478084;100;85,714286;"), "{}", &text[..300]);
    assert_eq!(text.matches("\r\n").count(), 88, "a header and 87 rows, each ended by CRLF");
    assert_eq!(text.matches('\n').count(), 88, "no bare LF");
    // profilmatch's own reader takes it back (`;` means decimal comma): the same table.
    assert_same_table(&read_back(&csv), &read_back(&da));
}

#[test]
fn an_unknown_output_extension_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.pdf", "r.xls", "r.ods", "r.docx"] {
        let out = dir.path().join(name);
        score(&["--rubric", RUBRIC, APPLICANTS, "-o", out.to_str().unwrap()])
            .code(2)
            .stderr(predicates::str::contains("does not know the extension"));
        assert!(!out.exists(), "{name} was written");
    }
    // --format decides whatever the extension; no extension at all means CSV.
    let out = dir.path().join("r.data");
    score(&["--rubric", RUBRIC, APPLICANTS, "--format", "json", "-o", out.to_str().unwrap()]).success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("[\n{\"rank\":1,"));
    let out = dir.path().join("ranking");
    score(&["--rubric", RUBRIC, APPLICANTS, "-o", out.to_str().unwrap()]).success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("rank,tied,id,"));
}
