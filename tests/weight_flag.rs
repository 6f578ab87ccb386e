//! `--weight` errors: the rubric says what is wrong with the weights (`rubric::WeightError`, which
//! knows no flag names) and the command line names the flag. One case per kind of error, run on
//! the small fixture of `tests/fixtures/snapshot/` (competencies oekonomi (core), ledelse, politik).

use assert_cmd::Command;

/// Standard error of a run that must fail with exit code 2 (bad usage).
fn refused(args: &[&str]) -> String {
    let output = Command::cargo_bin("profilmatch")
        .expect("the profilmatch binary")
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/snapshot"))
        .args(args)
        .output()
        .expect("running profilmatch");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?} wrote results");
    stderr
}

fn tune(weights: &[&str]) -> String {
    let mut args = vec!["tune", "--rubric", "rubrics/oekonomichef.toml", "applicants.csv"];
    for weight in weights {
        args.extend(["--weight", weight]);
    }
    refused(&args)
}

#[test]
fn a_competency_the_rubric_lacks_is_named_with_the_flag() {
    let stderr = tune(&["nope=1"]);
    assert!(
        stderr.contains("--weight nope=…: the rubric has no competency 'nope'; it has oekonomi, ledelse, politik"),
        "{stderr}"
    );
}

#[test]
fn a_negative_or_undefined_weight_is_named_with_the_flag() {
    for (weight, shown) in [("oekonomi=-1", "oekonomi=-1"), ("oekonomi=NaN", "oekonomi=NaN")] {
        let stderr = tune(&[weight]);
        assert!(stderr.contains(&format!("--weight {shown}: a weight must be a finite number ≥ 0")), "{stderr}");
    }
}

#[test]
fn weights_that_cannot_be_used_together_name_the_flag() {
    let all_zero = tune(&["oekonomi=0", "ledelse=0", "politik=0"]);
    assert!(all_zero.contains("--weight: all competency weights would be 0"), "{all_zero}");
    // oekonomi is the only core competency.
    let core_zero = tune(&["oekonomi=0"]);
    assert!(core_zero.contains("--weight: the weights of all core competencies would be 0"), "{core_zero}");
    // 1e308 + 1e308 overflows to infinity.
    let infinite = tune(&["oekonomi=1e308", "ledelse=1e308"]);
    assert!(infinite.contains("--weight: the competency weights add up to more than the largest number"), "{infinite}");
}
