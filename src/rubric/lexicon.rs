//! Named sets of terms that rubrics share: synonym sets (`"@budgetansvar"` in a criterion's
//! `terms` counts as one term, found when any member is found) and context sets (`"@privatliv"`
//! in an `exclude` list). The shipped sets are in `rubrics/lexicon/synonyms.toml` (compiled into
//! the binary); a rubric may add its own with `[[synonym]]` tables, which replace a shipped set of
//! the same name.

use std::sync::OnceLock;

use toml_edit::{ArrayOfTables, Document, Item, Table};

use crate::error::{Location, RubricProblem};
use crate::text::parse_term;

/// The shipped lexicon.
pub const SHIPPED_LEXICON: &str = include_str!("../../rubrics/lexicon/synonyms.toml");

/// A named set of terms.
#[derive(Debug, Clone, PartialEq)]
pub struct TermSet {
    /// The name a rubric refers to it by (after `@`).
    pub name: String,
    /// What the set means, for readers.
    pub description: String,
    /// The terms, as written.
    pub terms: Vec<String>,
    /// Where it is defined (file and line).
    pub location: Location,
}

/// A collection of named sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// The sets, in file order.
    pub sets: Vec<TermSet>,
}

impl Lexicon {
    /// The shipped lexicon, parsed once. `cargo test` checks it; a broken one is a bug in the
    /// build, never user input.
    pub fn shipped() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| match Lexicon::parse("rubrics/lexicon/synonyms.toml", SHIPPED_LEXICON) {
            Ok(lexicon) => lexicon,
            Err(problems) => {
                let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
                panic!("the shipped lexicon is invalid: {}", messages.join("; "))
            }
        })
    }

    /// The set with this name.
    pub fn get(&self, name: &str) -> Option<&TermSet> {
        self.sets.iter().find(|s| s.name == name)
    }

    /// Parses a lexicon file: `[[set]]` tables with `name`, `description` and `terms`.
    pub fn parse(path: &str, text: &str) -> Result<Lexicon, Vec<RubricProblem>> {
        let lines = LineIndex::new(text);
        let document = match Document::parse(text) {
            Ok(document) => document,
            Err(e) => {
                let line = lines.line(e.span());
                return Err(vec![problem(path, line, format!("not valid TOML: {}", e.message()))]);
            }
        };
        let mut problems = Vec::new();
        for (key, item) in document.as_table().iter() {
            if key != "set" {
                let line = lines.line(item.span().or_else(|| document.as_table().key(key).and_then(|k| k.span())));
                problems.push(problem(path, line, format!("unknown key '{key}' in the lexicon; allowed: set")));
            }
        }
        let tables = match document.as_table().get("set") {
            Some(Item::ArrayOfTables(array)) => array.clone(),
            Some(item) => {
                problems.push(problem(path, lines.line(item.span()), "'set' must be written as [[set]] tables".into()));
                ArrayOfTables::new()
            }
            None => ArrayOfTables::new(),
        };
        let sets = read_sets(path, &lines, tables.iter(), "[[set]]", &mut problems);
        if problems.is_empty() { Ok(Lexicon { sets }) } else { Err(problems) }
    }
}

/// Reads `[[set]]` (or a rubric's `[[synonym]]`) tables, reporting every problem.
pub(super) fn read_sets<'t>(
    path: &str,
    lines: &LineIndex,
    tables: impl Iterator<Item = &'t Table>,
    what: &str,
    problems: &mut Vec<RubricProblem>,
) -> Vec<TermSet> {
    let mut sets: Vec<TermSet> = Vec::new();
    for table in tables {
        let line = lines.line(table.span().or_else(|| table.iter().next().and_then(|(k, _)| table.key(k)?.span())));
        for (key, _) in table.iter() {
            if !["name", "description", "terms"].contains(&key) {
                let at = lines.line(table.key(key).and_then(|k| k.span()));
                problems.push(problem(
                    path,
                    at,
                    format!("unknown key '{key}' in {what}; allowed: name, description, terms"),
                ));
            }
        }
        let name = table.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            problems.push(problem(path, line, format!("{what} needs a 'name' of lowercase letters, digits and '_'")));
        }
        if sets.iter().any(|s| s.name == name) && !name.is_empty() {
            problems.push(problem(path, line, format!("{what} '{name}' is defined twice")));
        }
        let description = table.get("description").and_then(Item::as_str).unwrap_or_default().to_string();
        let mut terms = Vec::new();
        match table.get("terms").and_then(Item::as_array) {
            Some(array) if !array.is_empty() => {
                let mut seen = Vec::new();
                for value in array.iter() {
                    let at = lines.line(value.span());
                    let Some(term) = value.as_str() else {
                        problems.push(problem(path, at, format!("{what} '{name}': terms must be strings")));
                        continue;
                    };
                    match parse_term(term) {
                        Ok(_) if term.trim_start().starts_with('@') => problems.push(problem(
                            path,
                            at,
                            format!("{what} '{name}': {term:?}: a set cannot name another set"),
                        )),
                        Ok(pattern) if seen.contains(&pattern) => problems.push(problem(
                            path,
                            at,
                            format!("{what} '{name}': {term:?} normalises like an earlier term of the set"),
                        )),
                        Ok(pattern) => seen.push(pattern),
                        Err(message) => problems.push(problem(path, at, format!("{what} '{name}': {message}"))),
                    }
                    terms.push(term.to_string());
                }
            }
            _ => problems.push(problem(path, line, format!("{what} '{name}' needs a non-empty 'terms' list"))),
        }
        sets.push(TermSet { name, description, terms, location: Location::line(path, line) });
    }
    sets
}

fn problem(path: &str, line: u64, message: String) -> RubricProblem {
    RubricProblem { location: Location::line(path, line), message }
}

/// Line numbers of byte offsets.
pub(super) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(super) fn new(text: &str) -> LineIndex {
        LineIndex(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    pub(super) fn from_starts(starts: Vec<usize>) -> LineIndex {
        LineIndex(starts)
    }

    pub(super) fn line(&self, span: Option<std::ops::Range<usize>>) -> u64 {
        span.map_or(1, |s| self.0.partition_point(|&start| start <= s.start) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_is_valid() {
        let lexicon = Lexicon::parse("synonyms.toml", SHIPPED_LEXICON).expect("valid");
        assert!(lexicon.get("budgetansvar").is_some());
        assert!(lexicon.sets.iter().all(|s| !s.description.is_empty()), "every set says what it means");
    }

    #[test]
    fn lexicon_problems_carry_lines() {
        let text =
            "[[set]]\nname = \"a\"\nterms = [\"bu*\", \"x\", \"X\"]\n[[set]]\nname = \"A b\"\nterms = []\nodd = 1\n";
        let problems: Vec<String> =
            Lexicon::parse("l.toml", text).expect_err("invalid").iter().map(ToString::to_string).collect();
        let all = problems.join("\n");
        assert!(all.contains("l.toml:3: [[set]] 'a': term \"bu*\""), "{all}");
        assert!(all.contains("l.toml:3: [[set]] 'a': \"X\" normalises like"), "{all}");
        assert!(all.contains("needs a 'name' of lowercase"), "{all}");
        assert!(all.contains("unknown key 'odd'"), "{all}");
        assert!(all.contains("needs a non-empty 'terms'"), "{all}");
    }
}
