//! The library's layering, checked from its source: no import cycle between the top-level modules
//! of `src/` (nothing downstream reaches back upstream), none between the files of one module
//! (`rubric/model.rs` does not reach back into `rubric/parse.rs`), and the tuning maths and the
//! rubric know nothing of the command line (`cli`) or the commands (`app`).
//!
//! A module depends on another when its code (unit tests left out) names `crate::other`, in a
//! path or in a `use crate::{…}` group. Inside a module, a file depends on a sibling when it names
//! it (`super::model::…`, `crate::rubric::model`) or names an item the sibling defines
//! (`super::TermSet`, defined in `lexicon.rs` and re-exported by `mod.rs`). `docs/architecture.md`
//! draws the resulting pipeline.

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

/// A file's module path: `src/rubric/model.rs` is `rubric::model`, `src/rubric/mod.rs` is `rubric`.
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap().with_extension("");
    let mut path: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if path.last().is_some_and(|last| last == "mod") {
        path.pop();
    }
    path
}

/// Every path `code` names, made absolute from `module` (a file's module path): `crate::a::b`,
/// `super::b` and `self::b`, each path of a `use` group, and in a `mod.rs` its children named
/// plainly (`model::Rubric`). `pub use` and `mod` lines of a `mod.rs` only re-export and declare:
/// they are the module's front, not a dependency.
fn absolute_paths(code: &str, module: &[String], is_mod_rs: bool, children: &[String]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if is_mod_rs
            && (trimmed.starts_with("pub use ") || trimmed.starts_with("pub mod ") || trimmed.starts_with("mod "))
        {
            continue;
        }
        for (at, _) in line.match_indices("::") {
            let before = &line[..at];
            let start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
            // The first segment of a path only: not preceded by `::`.
            if before[..start].ends_with("::") {
                continue;
            }
            let base: Option<Vec<String>> = match &before[start..] {
                "crate" => Some(Vec::new()),
                "self" => Some(module.to_vec()),
                "super" => Some(module[..module.len().saturating_sub(1)].to_vec()),
                name if is_mod_rs && children.iter().any(|c| c == name) => Some([module, &[name.to_string()]].concat()),
                _ => None,
            };
            let Some(mut base) = base else { continue };
            let mut rest = &line[at + 2..];
            // `super::super::x`.
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
            if let Some(group) = rest.strip_prefix('{') {
                for path in top_level_paths(group) {
                    paths.push([base.clone(), segments(path.trim_start())].concat());
                }
            } else {
                paths.push([base, segments(rest)].concat());
            }
        }
    }
    paths
}

/// The leading `a::b::c` segments of a path.
fn segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(segment) = first_segment(rest) {
        rest = &rest[segment.len()..];
        out.push(segment);
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => break,
        }
    }
    out
}

/// In a `mod.rs`: the names its `pub use child::…` statements bring in, each with its child, and
/// the rest of its code (without those statements and the `mod` lines), where using such a name
/// plainly is a dependency on the child.
fn reexports(code: &str, children: &[String]) -> (Vec<(String, String)>, String) {
    let (mut names, mut rest) = (Vec::new(), String::new());
    for statement in code.split_inclusive(';') {
        let Some(at) = statement.find("pub use ") else {
            rest.push_str(statement);
            continue;
        };
        rest.push_str(&statement[..at]);
        let path = &statement[at + "pub use ".len()..];
        let Some(child) = first_segment(path).filter(|c| children.contains(c)) else { continue };
        let items = path[child.len()..].trim_start_matches("::").trim_end_matches(';');
        let items = match items.strip_prefix('{') {
            Some(group) => top_level_paths(group),
            None => vec![items],
        };
        for item in items {
            let last = item.rsplit("::").next().unwrap_or(item);
            let name = last.rsplit(" as ").next().unwrap_or(last).trim();
            names.extend(first_segment(name).map(|name| (name, child.clone())));
        }
    }
    let rest = rest.lines().filter(|l| !l.trim_start().starts_with("mod ") && !l.trim_start().starts_with("pub mod "));
    (names, rest.collect::<Vec<_>>().join("\n"))
}

/// Whether `word` occurs in `code` as a whole identifier.
fn uses_word(code: &str, word: &str) -> bool {
    let identifier = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    code.match_indices(word).any(|(at, _)| {
        !identifier(code[..at].chars().next_back()) && !identifier(code[at + word.len()..].chars().next())
    })
}

/// The names of the items a file defines at its top level (`pub struct X`, `fn y`, …).
fn defined_items(code: &str) -> BTreeSet<String> {
    let mut items = BTreeSet::new();
    for line in code.lines().filter(|line| !line.starts_with(char::is_whitespace)) {
        let mut words = line.split_whitespace().skip_while(|w| w.starts_with("pub"));
        if let (Some(kind), Some(name)) = (words.next(), words.next())
            && ["struct", "enum", "fn", "trait", "type", "const", "static"].contains(&kind)
        {
            items.extend(first_segment(name));
        }
    }
    items
}

/// The files of the directory module `dir` (`src/rubric/`): its `.rs` files by stem (`mod` for
/// `mod.rs`) and its subdirectories by name, each with the siblings it depends on.
fn file_graph(dir: &Path) -> Graph {
    let mut nodes: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            nodes.entry(name).or_default().extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            nodes.entry(name).or_default().push(path);
        }
    }
    let children: Vec<String> = nodes.keys().filter(|n| *n != "mod").cloned().collect();
    let texts: BTreeMap<&String, Vec<(PathBuf, String)>> = nodes
        .iter()
        .map(|(node, files)| {
            (node, files.iter().map(|f| (f.clone(), code(&std::fs::read_to_string(f).unwrap()))).collect())
        })
        .collect();
    let definer = |item: &str| -> Option<String> {
        let mut definers =
            texts.iter().filter(|(_, files)| files.iter().any(|(_, code)| defined_items(code).contains(item)));
        definers.next().map(|(node, _)| node.to_string())
    };
    let this = module_path(&dir.join("mod.rs"));
    let mut graph = Graph::new();
    for (node, files) in &texts {
        let edges = graph.entry(node.to_string()).or_default();
        for (file, code) in files {
            let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs") && file.parent() == Some(dir);
            if is_mod_rs {
                let (names, rest) = reexports(code, &children);
                edges.extend(names.into_iter().filter(|(name, _)| uses_word(&rest, name)).map(|(_, child)| child));
            }
            for path in absolute_paths(code, &module_path(file), is_mod_rs, &children) {
                let Some(next) = path.strip_prefix(this.as_slice()).and_then(|rest| rest.first()) else { continue };
                let target = if nodes.contains_key(next) { Some(next.clone()) } else { definer(next) };
                edges.extend(target.filter(|t| t != *node));
            }
        }
    }
    graph
}

/// Every directory module under `src/` (`src/rubric/`, `src/input/documents/`, …).
fn directory_modules(dir: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && path.join("mod.rs").exists() {
            dirs.extend(directory_modules(&path));
            dirs.push(path);
        }
    }
    dirs
}

/// The edges between files that are allowed to close a cycle, as (module, from, to), each for a
/// reason `docs/architecture.md` states. Every other edge of these modules is still checked.
///
/// - `input`: `CsvReader::open` (`reader.rs`) hands a workbook to `sheet.rs` and a folder to
///   `documents/`, which build a `CsvReader` over their CSV spool, and read a folder's applicant
///   list (CSV or a workbook) through `CsvReader::open` again: reading by file kind is recursive.
/// - `input`: `ReadOptions` and `InputInfo` (`mod.rs`) carry the documents' options and what was
///   read from a folder, and `documents/` reads the list with those same options.
const ALLOWED_BACK_EDGES: &[(&str, &str, &str)] =
    &[("input", "reader", "documents"), ("input", "reader", "sheet"), ("input", "mod", "documents")];

#[test]
fn the_files_of_each_module_have_no_import_cycle() {
    let rubric = file_graph(&src().join("rubric"));
    // The check sees real edges: parse and compile read the model, the model names lexicon's
    // TermSet through `super::TermSet`.
    assert!(rubric["parse"].contains("model") && rubric["compile"].contains("model"), "{rubric:?}");
    assert!(rubric["model"].contains("lexicon"), "{rubric:?}");
    let tune = file_graph(&src().join("tune"));
    assert!(tune["fit"].contains("mod") && tune["render"].contains("swaps"), "{tune:?}");
    let dirs = directory_modules(&src());
    assert!(dirs.len() >= 8, "{dirs:?}");
    let mut cycles = Vec::new();
    for dir in dirs {
        let mut graph = file_graph(&dir);
        for (module, from, to) in ALLOWED_BACK_EDGES {
            if dir == src().join(module) {
                let removed = graph.get_mut(*from).is_some_and(|edges| edges.remove(*to));
                assert!(removed, "{module}: the allowed edge {from} → {to} is gone; remove it from the list");
            }
        }
        if let Some(cycle) = find_cycle(&graph) {
            cycles.push(format!("{}: {}", dir.strip_prefix(src()).unwrap().display(), cycle.join(" → ")));
        }
    }
    assert!(cycles.is_empty(), "import cycles between the files of a module:\n{}", cycles.join("\n"));
}

#[test]
fn the_file_check_finds_a_cycle_between_siblings() {
    // `model.rs` naming `super::parse::f` and `parse.rs` using the model is the cycle the check exists for.
    let children = ["model".to_string(), "parse".to_string()];
    let module = ["rubric".to_string(), "model".to_string()];
    let paths =
        absolute_paths("fn f() { super::parse::weight_sum(x); let t: super::TermSet; }", &module, false, &children);
    assert_eq!(paths, [vec!["rubric", "parse", "weight_sum"], vec!["rubric", "TermSet"]]);
    // In a mod.rs: a child named plainly counts, a re-export does not.
    let paths =
        absolute_paths("pub use model::*;\nfn g() { parse::read(); }", &["rubric".to_string()], true, &children);
    assert_eq!(paths, [vec!["rubric", "parse", "read"]]);
    // A name a mod.rs re-exports and then uses plainly is a use of the child.
    let code =
        "pub use table::{Citation, read_folder as read};\npub use clean::Clean;\nmod table;\nfn open() { read(x); }";
    let (names, rest) = reexports(code, &["table".to_string(), "clean".to_string()]);
    let used: Vec<&str> = names.iter().filter(|(name, _)| uses_word(&rest, name)).map(|(_, c)| c.as_str()).collect();
    assert_eq!((names.len(), used), (3, vec!["table"]));
    assert_eq!(
        defined_items("pub(crate) fn weight_sum(\nstruct Line;\npub enum WeightError {"),
        ["Line", "WeightError", "weight_sum"].map(String::from).into()
    );
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
