//! `cargo doc --no-deps` has no warnings (broken or private links, bare URLs, invalid HTML), so
//! that CI, which runs `cargo test`, fails on them. Missing docs are already an error:
//! `#![deny(missing_docs)]` in `src/lib.rs`.

use std::process::Command;

/// Run in the same target directory as the tests: cargo releases its build lock before it runs
/// the test binaries, and there the documentation build reuses the dependencies' metadata that
/// `cargo clippy` (run first by `.ci/run`) left, so it takes seconds. In a directory of its own
/// it compiled every dependency again: 198 s on the 2-core machine.
#[test]
fn cargo_doc_has_no_warnings() {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .arg("doc")
        .arg("--no-deps")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo doc --no-deps with RUSTDOCFLAGS=-D warnings failed:\n{stderr}");
    // Warnings that `-D warnings` does not turn into errors (from cargo itself) fail too.
    assert!(!stderr.contains("warning:"), "{stderr}");
}
