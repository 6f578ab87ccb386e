//! The library's layering, checked from its source: no import cycle between the top-level modules
//! of `src/` (nothing downstream reaches back upstream), and the tuning maths and the rubric know
//! nothing of the command line (`cli`) or the commands (`app`).
//!
//! A module depends on another when its code (unit tests left out) names `crate::other`, in a
//! path or in a `use crate::{…}` group. `docs/architecture.md` draws the resulting pipeline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules (`src/x.rs` or `src/x/`), each with its `.rs` files.
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        if path.is_dir() {
            modules.entry(name).or_default().extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            modules.entry(name).or_default().push(path);
        }
    }
    modules
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a file without comments and without its unit tests (by the house convention, a
/// `#[cfg(test)] mod tests` at the end of the file).
fn code(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|line| match line.find("//") {
            Some(comment) => &line[..comment],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules that `code` names: `crate::x…` and each path of `crate::{x, y::z}`.
fn named(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(top_level_paths(group).into_iter().filter_map(|path| first_segment(path.trim_start())));
        } else {
            names.extend(first_segment(rest));
        }
    }
    names
}

/// The comma-separated paths of a `use` group, up to its closing brace (nested groups kept whole).
fn top_level_paths(group: &str) -> Vec<&str> {
    let (mut depth, mut start, mut paths) = (0, 0, Vec::new());
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                paths.push(&group[start..at]);
                return paths;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                paths.push(&group[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    paths.push(&group[start..]);
    paths
}

fn first_segment(path: &str) -> Option<String> {
    let end = path.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(path.len());
    (end > 0).then(|| path[..end].to_string())
}

fn graph() -> Graph {
    let modules = modules();
    let mut graph = Graph::new();
    for (module, files) in &modules {
        let edges = graph.entry(module.clone()).or_default();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            edges.extend(named(&code(&text)).into_iter().filter(|m| m != module && modules.contains_key(m)));
        }
    }
    graph
}

/// A cycle, as the modules along it, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_top_level_modules_have_no_import_cycle() {
    let graph = graph();
    // The check sees the pipeline's real edges: a module list this short would mean a parse bug.
    assert!(graph.len() >= 20, "{graph:?}");
    assert!(graph["app"].contains("pipeline") && graph["pipeline"].contains("score"), "{graph:?}");
    assert_eq!(find_cycle(&graph), None, "an import cycle between top-level modules; the graph: {graph:#?}");
}

#[test]
fn tune_and_rubric_do_not_depend_on_the_command_line() {
    let graph = graph();
    for module in ["tune", "rubric", "score", "scorer", "text", "input", "rank"] {
        let upstream: Vec<&String> = graph[module].iter().filter(|m| *m == "cli" || *m == "app").collect();
        assert!(upstream.is_empty(), "{module} depends on {upstream:?}");
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    // The checker itself: a → b → c → a is found; a → b, a → c, b → c is not a cycle.
    let edges = |list: &[(&str, &str)]| {
        let mut graph = Graph::new();
        for (from, to) in list {
            graph.entry(from.to_string()).or_default().insert(to.to_string());
            graph.entry(to.to_string()).or_default();
        }
        graph
    };
    let cycle = find_cycle(&edges(&[("a", "b"), ("b", "c"), ("c", "a")]));
    assert_eq!(cycle, Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    assert_eq!(find_cycle(&edges(&[("a", "b"), ("a", "c"), ("b", "c")])), None);
    // And the parser: a use group, a path, a comment and a unit test.
    let text = "use crate::{rank::{rank, report}, score::{Summary}};\nfn f() { crate::text::x(); } // crate::cli\n#[cfg(test)]\nmod tests { use crate::app; }";
    assert_eq!(named(&code(text)), ["rank", "score", "text"].map(String::from).into());
}
