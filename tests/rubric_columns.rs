//! Rubric columns are checked (issue 12, finding 3): a misspelt protected or contact column
//! silently turned its protection off (`protected = ["gendr"]` passed `rubric check`, and gender
//! was then matched as free text and shown in blind output). Now every column a rubric names must
//! be in the file, with "did you mean", and an id column that is also the name, a contact or a
//! protected column (ids are shown even in blind output) is a warning, and with `--blind` an error.

mod common;

use common::{Fixture, repo};

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

fn rubric_with(from: &str, to: &str) -> String {
    let rubric = std::fs::read_to_string(repo(RUBRIC)).expect("rubric");
    assert!(rubric.contains(from), "{from}");
    rubric.replace(from, to)
}

fn fixture(rubric: &str) -> Fixture {
    let fixture = Fixture::new();
    fixture.write("r.toml", rubric);
    fixture.write("a.csv", std::fs::read(repo("samples/applicants.csv")).expect("samples"));
    fixture
}

#[test]
fn a_misspelt_protected_column_is_an_error_with_did_you_mean_in_every_command() {
    let rubric = rubric_with(r#"protected = ["gender", "birth_year"]"#, r#"protected = ["gendr", "birth_year"]"#);
    let line = rubric.lines().position(|l| l.contains("gendr")).expect("the line") + 1;
    let fixture = fixture(&rubric);
    let expected = format!("r.toml:{line}: column 'gendr' is not in a.csv; did you mean `gender`?");
    for args in [
        &["rubric", "check", "r.toml", "--csv", "a.csv"][..],
        &["score", "--rubric", "r.toml", "a.csv", "--blind"],
        &["report", "--rubric", "r.toml", "a.csv", "--shortlist", "3", "--blind", "-o", "r.html"],
        &["tune", "--rubric", "r.toml", "a.csv", "--swaps"],
    ] {
        let run = fixture.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(&expected), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} wrote output");
    }
    assert!(!fixture.path("r.html").exists());
}

#[test]
fn a_misspelt_contact_column_is_an_error_with_did_you_mean() {
    let fixture = fixture(&rubric_with(r#"contact = ["email", "phone"]"#, r#"contact = ["emial", "phone"]"#));
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--blind"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("column 'emial' is not in a.csv; did you mean `email`?"), "{}", run.stderr);
}

#[test]
fn an_id_column_that_is_the_name_column_warns_and_is_an_error_when_blind() {
    let rubric = rubric_with("id = \"id\"\nname = \"name\"", "id = \"name\"\nname = \"name\"");
    let line = rubric.lines().position(|l| l == "id = \"name\"").expect("the line") + 1;
    let fixture = fixture(&rubric);
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "a.csv: rubric 'hoeje-taastrup-oekonomidirektoer': the id column 'name' is also its name column; ids are shown even with --blind"
        ),
        "{}",
        run.stderr
    );
    let blind = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "csv", "--blind"]);
    assert_eq!(blind.code, 2, "{}", blind.stderr);
    assert!(
        blind.stderr.contains(&format!(
            "r.toml:{line}: the id column 'name' is also the name column, and --blind shows ids: name another id column"
        )),
        "{}",
        blind.stderr
    );
    assert!(blind.stdout.is_empty());
}

#[test]
fn an_id_column_that_is_a_protected_column_is_an_error_when_blind() {
    let fixture = fixture(&rubric_with("id = \"id\"\n", "id = \"birth_year\"\n"));
    let blind = fixture.run(&["report", "--rubric", "r.toml", "a.csv", "--shortlist", "3", "--blind", "-o", "r.md"]);
    assert_eq!(blind.code, 2, "{}", blind.stderr);
    assert!(blind.stderr.contains("the id column 'birth_year' is also the protected column"), "{}", blind.stderr);
    assert!(!fixture.path("r.md").exists());
}
