//! Snapshots of the rendered outputs beyond `score`'s formats: the committee report (HTML and
//! Markdown), `tune` (what-if, stability and swap points), `score --format matrix` and
//! `rubric check`.
//!
//! They run on a small fixture of their own (`tests/fixtures/snapshot/`: five fictional applicants,
//! two fictional rubrics), not on `samples/` and the shipped rubrics, so that a snapshot changes
//! only when an output does. The binary runs inside the fixture folder with relative paths (no
//! absolute path reaches a snapshot), with `SOURCE_DATE_EPOCH` fixed, and the program's version is
//! replaced by `[version]`. Review a change with `cargo insta review` (or read the `.snap.new`).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const RUBRIC: &str = "rubrics/oekonomichef.toml";
const APPLICANTS: &str = "applicants.csv";
const EPOCH: &str = "1700000000"; // 2023-11-14 22:13:20 UTC

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot")
}

/// Standard output of `profilmatch args` run in the fixture folder; the run must succeed.
fn run(args: &[&str]) -> String {
    let output = Command::cargo_bin("profilmatch")
        .expect("the profilmatch binary")
        .current_dir(fixture())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .env_remove("PROFILMATCH_CACHE_DIR")
        .args(args)
        .output()
        .expect("running profilmatch");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "profilmatch {args:?}: {stderr}");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert!(!stdout.contains(env!("CARGO_MANIFEST_DIR")), "an absolute path in the output of {args:?}");
    stdout.replace(concat!("profilmatch ", env!("CARGO_PKG_VERSION")), "profilmatch [version]")
}

/// The report on the fixture, shortlist of 2, written to standard output.
fn report(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", "--rubric", RUBRIC, APPLICANTS, "--shortlist", "2", "-o", "-", "--format", format];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn report_html() {
    let html = report("html", &[]);
    // The style sheet is embedded whole; the snapshot leaves it out (it is `src/report/report.css`,
    // not rendered output), so a change of style does not churn the snapshot.
    let css = include_str!("../src/report/report.css");
    assert!(html.contains(css), "the report embeds report.css whole");
    insta::assert_snapshot!("report_html", html.replace(css, "[report.css]"));
}

#[test]
fn report_markdown() {
    insta::assert_snapshot!("report_markdown", report("markdown", &[]));
}

#[test]
fn report_markdown_blind_in_english() {
    let markdown = report("markdown", &["--blind", "--lang", "en"]);
    for name in ["Freja Lund", "Gustav Krogh", "freja@example.dk"] {
        assert!(!markdown.contains(name), "a blind report names {name}");
    }
    insta::assert_snapshot!("report_markdown_blind_en", markdown);
}

#[test]
fn tune_what_if() {
    insta::assert_snapshot!("tune_what_if", run(&["tune", "--rubric", RUBRIC, APPLICANTS, "--weight", "oekonomi=4"]));
}

#[test]
fn tune_stability_and_swaps() {
    let args = ["tune", "--rubric", RUBRIC, APPLICANTS, "--stability", "--swaps", "--samples", "200", "--seed", "1"];
    insta::assert_snapshot!("tune_stability_swaps", run(&args));
}

#[test]
fn tune_json() {
    let args = ["tune", "--rubric", RUBRIC, APPLICANTS, "--weight", "politik=2", "--swaps", "--format", "json"];
    insta::assert_snapshot!("tune_json", run(&args));
}

#[test]
fn matrix() {
    insta::assert_snapshot!("matrix", run(&["score", "--rubrics", "rubrics", APPLICANTS, "--format", "matrix"]));
}

#[test]
fn rubric_check() {
    insta::assert_snapshot!("rubric_check", run(&["rubric", "check", RUBRIC, "--csv", APPLICANTS]));
}

#[test]
fn rubric_check_without_a_file() {
    insta::assert_snapshot!("rubric_check_alone", run(&["rubric", "check", "rubrics/hr-chef.toml"]));
}
