//! Shared helpers for the integration tests: a temporary directory holding small rubrics and
//! applicant files written inline, and the real `profilmatch` binary run inside it, so that
//! messages name files relative to it (`r.toml:12`, `a.csv:3:4`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The `[rubric]` table every test rubric starts with (6 lines, then a blank line).
pub const RUBRIC_HEAD: &str = r#"[rubric]
id = "t"
title = "Testdirektør"
organisation = "Test Kommune"
source = "test"
version = "1"

"#;

/// A rubric: [`RUBRIC_HEAD`] followed by `body`.
pub fn rubric(body: &str) -> String {
    format!("{RUBRIC_HEAD}{body}")
}

/// A `[[competency]]` table.
pub fn competency(id: &str, weight: f64) -> String {
    format!("[[competency]]\nid = \"{id}\"\nlabel = \"{id}\"\nweight = {weight:?}\nsource = \"s\"\n\n")
}

/// A `[[competency.criterion]]` table with the kind-specific lines in `rest`.
pub fn criterion(id: &str, weight: f64, rest: &str) -> String {
    format!(
        "[[competency.criterion]]\nid = \"{id}\"\nlabel = \"{id}\"\nweight = {weight:?}\nsource = \"s\"\n{rest}\n\n"
    )
}

/// The 1-based line of the only line of `text` that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    let lines: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1).collect();
    assert_eq!(lines.len(), 1, "{needle:?} should occur on exactly one line");
    lines[0]
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output, as bytes.
    pub stdout: Vec<u8>,
    /// Standard error, as text.
    pub stderr: String,
}

impl Run {
    /// Standard output as text.
    pub fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Standard output parsed as `--format json`.
    pub fn json(&self) -> Vec<Value> {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        self.json_any_code()
    }

    /// Standard output parsed as `--format json`, whatever the exit code.
    pub fn json_any_code(&self) -> Vec<Value> {
        match serde_json::from_slice(&self.stdout) {
            Ok(Value::Array(items)) => items,
            other => panic!("not a JSON array: {other:?}\nstderr: {}", self.stderr),
        }
    }

    /// Standard output parsed as `--format csv`: the header and the rows.
    pub fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::Reader::from_reader(self.stdout.as_slice());
        let header = reader.headers().expect("a CSV header").iter().map(str::to_string).collect();
        let rows = reader.records().map(|r| r.expect("a CSV record").iter().map(str::to_string).collect()).collect();
        (header, rows)
    }
}

/// A temporary directory to write rubrics and applicant files into and run the binary in.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

impl Fixture {
    /// A fresh, empty directory.
    pub fn new() -> Fixture {
        Fixture { dir: tempfile::tempdir().expect("a temporary directory") }
    }

    /// A path inside the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("writing a test file");
        path
    }

    /// Runs `profilmatch` with `args` in the directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("profilmatch")
            .expect("the profilmatch binary")
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            // Extracted document text is cached inside the test's own directory, never in ~/.cache.
            .env("PROFILMATCH_CACHE_DIR", self.dir.path().join(".cache"))
            .args(args)
            .output()
            .expect("running profilmatch");
        Run {
            code: output.status.code().expect("an exit code"),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Writes `r.toml` and `a.csv`, then runs `profilmatch score --rubric r.toml a.csv` with `extra`.
    pub fn score(&self, rubric: &str, csv: impl AsRef<[u8]>, extra: &[&str]) -> Run {
        self.write("r.toml", rubric);
        self.write("a.csv", csv);
        let mut args = vec!["score", "--rubric", "r.toml", "a.csv"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// As [`Fixture::score`] with `--format json`, parsed; the run must succeed.
    pub fn score_json(&self, rubric: &str, csv: impl AsRef<[u8]>) -> Vec<Value> {
        self.score(rubric, csv, &["--format", "json"]).json()
    }
}

/// The repository root (for `samples/` and `rubrics/`).
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The candidate with id `id`.
pub fn candidate<'a>(candidates: &'a [Value], id: &str) -> &'a Value {
    candidates.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no candidate {id:?} in {candidates:#?}"))
}

/// A candidate's criterion `id`, searched in every competency.
pub fn criterion_of<'a>(candidate: &'a Value, id: &str) -> &'a Value {
    candidate["competencies"]
        .as_array()
        .expect("competencies")
        .iter()
        .flat_map(|c| c["criteria"].as_array().expect("criteria"))
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no criterion {id:?} in {candidate:#?}"))
}

/// A candidate's competency `id`.
pub fn competency_of<'a>(candidate: &'a Value, id: &str) -> &'a Value {
    candidate["competencies"]
        .as_array()
        .expect("competencies")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no competency {id:?} in {candidate:#?}"))
}

/// A JSON number as f64.
pub fn num(value: &Value) -> f64 {
    value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"))
}

/// Asserts two numbers agree within 1e-6 (the outputs' rounding).
#[track_caller]
pub fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() <= 1e-6, "expected {expected}, got {actual}");
}

/// Rounds to 6 decimals, as every output does.
pub fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}
