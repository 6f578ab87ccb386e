//! The library builds without the command line: `cargo check --lib --no-default-features` (no
//! `cli`, so no clap and no indicatif; no `pdf`) succeeds with no warnings, so that a program
//! embedding profilmatch does not pay for the binary's dependencies; its documentation builds
//! without warnings too; and clap, indicatif and anyhow are not in its dependency tree.
//! (`cargo test --lib --no-default-features` passes as well, but building the test profile with
//! other features would cost CI minutes of compiling: it is run by hand, see docs/architecture.md.)
//!
//! Run in the same target directory as the tests, like `tests/docs.rs`: cargo releases its build
//! lock before it runs the test binaries.

use std::process::Command;

#[test]
fn the_library_builds_without_default_features() {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--lib", "--no-default-features", "--message-format", "short"])
        .output()
        .expect("running cargo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo check --lib --no-default-features failed:\n{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("warning:")).collect();
    assert!(warnings.is_empty(), "{stderr}");
}

#[test]
fn the_dependency_tree_without_default_features_has_no_command_line_crates() {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--edges", "normal", "--no-default-features", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("running cargo tree");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(tree.contains("csv v"), "cargo tree listed no dependencies: {tree}");
    for crate_name in ["clap ", "indicatif ", "anyhow "] {
        assert!(!tree.lines().any(|line| line.starts_with(crate_name)), "{crate_name}in the library's tree:\n{tree}");
    }
}

#[test]
fn the_library_documentation_builds_without_default_features() {
    // Links to the command-line modules (`app`, `cli`) would be broken here: they are not built.
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .args(["doc", "--no-deps", "--lib", "--no-default-features"])
        .output()
        .expect("running cargo doc");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo doc --no-deps --lib --no-default-features failed:\n{stderr}");
    assert!(!stderr.contains("warning:"), "{stderr}");
}
