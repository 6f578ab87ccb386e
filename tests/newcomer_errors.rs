//! Errors a newcomer met (issue 15), each with the cause named in the message.

mod common;

use common::{Fixture, repo};

#[test]
fn a_decimal_comma_in_a_weight_suggests_the_decimal_point() {
    let f = Fixture::new();
    let rubric = repo("rubrics/hoeje-taastrup-oekonomidirektoer.toml");
    let applicants = repo("samples/applicants.csv");
    let run = f.run(&[
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        applicants.to_str().unwrap(),
        "--weight",
        "oekonomi=7,5",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("'7,5' is not a number (write 7.5 with a decimal point: oekonomi=7.5)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_rubric_and_the_applicant_file_swapped_say_so() {
    let f = Fixture::new();
    let rubric = repo("rubrics/hoeje-taastrup-oekonomidirektoer.toml");
    let applicants = repo("samples/applicants.csv");
    let run = f.run(&["score", "--rubric", applicants.to_str().unwrap(), rubric.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not valid TOML"), "{}", run.stderr);
    assert!(run.stderr.contains("did you swap --rubric"), "{}", run.stderr);
}
