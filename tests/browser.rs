//! Runs the HTML report through a real headless Chromium (`tests/browser/report.test.mjs`, with
//! playwright-core from `tests/browser/package-lock.json`): no console errors, no network requests,
//! every page prints to PDF, no sliders on a named report, and in a blind report the sliders
//! re-rank exactly as `profilmatch score --weight` does.
//!
//! Needs `/usr/bin/chromium` (or `$CHROMIUM`), `node`, and `npm ci` run in `tests/browser`.
//! Without them the test prints "skipped: <why>" and passes, so a plain `cargo test` works
//! anywhere; `.ci/run` installs all three, so there it always runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn missing() -> Option<String> {
    let chromium = std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| "/usr/bin/chromium".into());
    if !chromium.exists() {
        return Some(format!("{} not found (apt-get install -y chromium)", chromium.display()));
    }
    if Command::new("node").arg("--version").output().map(|o| !o.status.success()).unwrap_or(true) {
        return Some("node not found".into());
    }
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/playwright-core");
    if !module.exists() {
        return Some("playwright-core is not installed (run `npm ci` in tests/browser)".into());
    }
    None
}

#[test]
fn the_report_works_in_a_real_browser() {
    if let Some(why) = missing() {
        println!("skipped: {why}");
        eprintln!("browser test skipped: {why}");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(root.join("tests/browser/report.test.mjs"))
        .env("PROFILMATCH", env!("CARGO_BIN_EXE_profilmatch"))
        .env("REPO", root)
        .current_dir(root.join("tests/browser"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "the browser test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("ok - named: no slider panel and no script"), "{stdout}");
    assert!(stdout.contains("ok - --sliders: the panel is shown and the report says why"), "{stdout}");
    assert!(stdout.contains("ok - letter: a draft that prints"), "{stdout}");
    for page in ["named", "sliders", "blind"] {
        assert!(stdout.contains(&format!("ok - {page}: no network requests")), "{stdout}");
        assert!(stdout.contains(&format!("ok - {page}: printed to PDF")), "{stdout}");
    }
    assert!(stdout.contains("after three sliders the shortlist equals score --weight"), "{stdout}");
}
