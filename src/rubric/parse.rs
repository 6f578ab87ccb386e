//! Reading a rubric from TOML: every problem (unknown keys, wrong types, bad weights, bad terms,
//! protected columns used for scoring) is collected with its line, and reported together.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml_edit::{Document, InlineTable, Item, Table, Value};

use super::lexicon::{Lexicon, LineIndex, TermSet, read_sets};
use super::model::*;
use crate::error::{Error, Location, Result, RubricProblem};
use crate::text::{parse_term, token_key};

const DEFAULT_FUZZY: f64 = 0.88;
/// Terms found only in lists and headings give at most this credit (see the format's §8).
pub const DEFAULT_LISTED_CREDIT: f64 = 0.25;
/// One sentence gives full credit to at most this many criteria (see the format's §8).
pub const DEFAULT_SENTENCE_CRITERIA: usize = 4;
const CRITERION_KEYS: &[&str] = &[
    "id", "label", "weight", "source", "kind", "terms", "fields", "need", "fuzzy", "exclude", "field", "curve", "min",
    "choices",
];
const REQUIREMENT_KEYS: &[&str] = &[
    "id", "label", "source", "at_least", "kind", "terms", "fields", "need", "fuzzy", "exclude", "field", "curve",
    "min", "choices",
];
const KIND_KEYS: &[(&str, &[&str])] = &[
    ("terms", &["terms", "fields", "need", "fuzzy", "exclude"]),
    ("number", &["field", "curve", "min"]),
    ("choice", &["field", "choices"]),
    ("flag", &["field"]),
];

/// Parses and validates rubric text read from `path` (used in messages).
pub fn parse(path: &str, text: &str) -> Result<Rubric> {
    let mut walker = Walker::new(path, text);
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(e) => {
            // A CSV or spreadsheet given as the rubric: the arguments are most likely swapped.
            let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            let hint = if ["csv", "tsv", "txt", "xlsx", "xls", "ods"].contains(&extension.as_str()) {
                format!(
                    " (this looks like an applicant file, not a rubric: did you swap --rubric {path} and the applicant file?)"
                )
            } else {
                String::new()
            };
            walker.problem(e.span(), format!("not valid TOML: {}{hint}", e.message()));
            return Err(Error::Rubric(walker.problems));
        }
    };
    let rubric = walker.rubric(document.as_table());
    match rubric {
        Some(rubric) if walker.problems.is_empty() => Ok(rubric),
        _ => Err(Error::Rubric(walker.problems)),
    }
}

/// Reads and parses a rubric file.
pub fn read(path: &std::path::Path) -> Result<Rubric> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.into(), source })?;
    parse(&path.display().to_string(), &text)
}

struct Walker<'a> {
    path: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
    problems: Vec<RubricProblem>,
    /// The shipped synonym sets, with the rubric's own `[[synonym]]` sets in place of any of the
    /// same name.
    lexicon: Lexicon,
    /// Where the first `core = true` is written (line, column), for the `[core]` checks.
    first_core: Option<(u64, u64)>,
}

impl<'a> Walker<'a> {
    fn new(path: &'a str, text: &'a str) -> Walker<'a> {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Walker { path, text, line_starts, problems: Vec::new(), lexicon: Lexicon::shipped().clone(), first_core: None }
    }

    fn line(&self, span: Option<Range<usize>>) -> u64 {
        span.map_or(1, |s| self.line_starts.partition_point(|&start| start <= s.start) as u64)
    }

    fn problem(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let location = Location::line(self.path, self.line(span));
        self.problems.push(RubricProblem { location, message: message.into() });
    }

    fn problem_at(&mut self, line: u64, message: impl Into<String>) {
        self.problems.push(RubricProblem { location: Location::line(self.path, line), message: message.into() });
    }

    /// The 1-based line and character column where a span starts.
    fn line_column(&self, span: Option<Range<usize>>) -> (u64, u64) {
        let line = self.line(span.clone());
        let start = span.map_or(0, |s| s.start);
        let line_start = self.line_starts[line as usize - 1];
        let column = self.text.get(line_start..start).map_or(0, |t| t.chars().count()) as u64 + 1;
        (line, column)
    }

    fn problem_at_column(&mut self, (line, column): (u64, u64), message: impl Into<String>) {
        let location = Location { path: self.path.to_string(), line: Some(line), column: Some(column) };
        self.problems.push(RubricProblem { location, message: message.into() });
    }

    fn rubric(&mut self, root: &Table) -> Option<Rubric> {
        self.check_keys(
            root,
            &["rubric", "columns", "core", "competency", "requirement", "synonym", "approval"],
            "the top level",
        );
        let synonyms = self.synonyms(root);
        for set in &synonyms {
            self.lexicon.sets.retain(|s| s.name != set.name);
        }
        self.lexicon.sets.extend(synonyms.iter().cloned());
        let meta = self.meta(root);
        let columns = self.columns(root);
        let competencies = self.competencies(root, &meta);
        let requirements = self.requirements(root, &meta);
        let approval = self.approval(root);
        let core = self.core(root, &competencies);
        let rubric = Rubric {
            path: self.path.to_string(),
            meta: meta?,
            columns,
            competencies,
            requirements,
            synonyms,
            approval,
            core,
        };
        self.check_weights(&rubric);
        self.check_protected(&rubric);
        Some(rubric)
    }

    /// The rubric's own `[[synonym]]` sets.
    fn synonyms(&mut self, root: &Table) -> Vec<TermSet> {
        let tables = self.array_of_tables(root, "synonym", "[[synonym]]");
        let text_lines = LineIndex::from_starts(self.line_starts.clone());
        read_sets(self.path, &text_lines, tables.into_iter(), "[[synonym]]", &mut self.problems)
    }

    fn check_keys(&mut self, table: &Table, allowed: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key) {
                let span = table.key(key).and_then(|k| k.span());
                let hint = closest(key, allowed).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default();
                self.problem(span, format!("unknown key '{key}' in {what}{hint}; allowed: {}", allowed.join(", ")));
            }
        }
    }

    fn table_line(&self, table: &Table) -> u64 {
        self.line(table.span().or_else(|| table.iter().next().and_then(|(k, _)| table.key(k)?.span())))
    }

    fn meta(&mut self, root: &Table) -> Option<Meta> {
        let Some(table) = self.table(root, "rubric") else {
            self.problem_at(1, "missing [rubric] table");
            return None;
        };
        self.check_keys(
            table,
            &["id", "title", "organisation", "source", "version", "fuzzy", "listed_credit", "sentence_criteria"],
            "[rubric]",
        );
        let line = self.table_line(table);
        let fuzzy = self.fuzzy(table, "[rubric]").unwrap_or(DEFAULT_FUZZY);
        let listed_credit = match table.get("listed_credit") {
            Some(item) => self.unit_number(item, "[rubric] listed_credit").unwrap_or(DEFAULT_LISTED_CREDIT),
            None => DEFAULT_LISTED_CREDIT,
        };
        let sentence_criteria = match table.get("sentence_criteria") {
            Some(item) => match item.as_integer() {
                Some(n) if n >= 1 => n as usize,
                _ => {
                    self.problem(item.span(), "[rubric] sentence_criteria must be a whole number of at least 1");
                    DEFAULT_SENTENCE_CRITERIA
                }
            },
            None => DEFAULT_SENTENCE_CRITERIA,
        };
        Some(Meta {
            id: self.required_str(table, "id", "[rubric]", line),
            title: self.required_str(table, "title", "[rubric]", line),
            organisation: self.required_str(table, "organisation", "[rubric]", line),
            source: self.required_str(table, "source", "[rubric]", line),
            version: self.version(table, line),
            fuzzy,
            listed_credit,
            sentence_criteria,
        })
    }

    fn version(&mut self, table: &Table, line: u64) -> String {
        match table.get("version") {
            Some(item) => match item.as_value() {
                Some(Value::String(s)) => s.value().clone(),
                Some(Value::Integer(i)) => i.value().to_string(),
                Some(Value::Float(f)) => f.value().to_string(),
                _ => {
                    self.problem(item.span(), "[rubric] version must be a string such as \"1.0\"");
                    String::new()
                }
            },
            None => {
                self.problem_at(line, "[rubric] is missing 'version'");
                String::new()
            }
        }
    }

    fn columns(&mut self, root: &Table) -> Columns {
        let table = self.table(root, "columns");
        if let Some(table) = table {
            self.check_keys(table, &["id", "name", "text", "contact", "protected", "labels"], "[columns]");
        }
        let single = |w: &mut Self, key: &str| {
            let item = table.and_then(|t| t.get(key))?;
            let name = w.string(item, &format!("[columns] {key}"))?;
            Some(ColumnRef { name, line: w.line(item.span()) })
        };
        let id = single(self, "id");
        let name = single(self, "name");
        let list = |w: &mut Self, key: &str| {
            table.and_then(|t| t.get(key)).map(|item| w.column_list(item, &format!("[columns] {key}")))
        };
        Columns {
            id_explicit: id.is_some(),
            id: id.unwrap_or(ColumnRef { name: "id".into(), line: 1 }),
            name_explicit: name.is_some(),
            name: name.unwrap_or(ColumnRef { name: "name".into(), line: 1 }),
            text: list(self, "text"),
            contact: list(self, "contact").unwrap_or_default(),
            protected: list(self, "protected").unwrap_or_default(),
            labels: table.and_then(|t| t.get("labels")).map(|item| self.labels(item)).unwrap_or_default(),
        }
    }

    fn labels(&mut self, item: &Item) -> Vec<(String, String)> {
        let Some(entries) = item.as_table_like() else {
            self.problem(item.span(), "[columns] labels must be a table of column = \"label\"");
            return Vec::new();
        };
        let mut labels = Vec::new();
        for (column, label) in entries.iter() {
            if let Some(label) = self.string(label, &format!("[columns] labels: '{column}'")) {
                labels.push((column.to_string(), label));
            }
        }
        labels
    }

    fn approval(&mut self, root: &Table) -> Option<Approval> {
        let table = self.table(root, "approval")?;
        let keys = ["approved_by", "approved_at", "weights_sha256", "rules_sha256"];
        self.check_keys(table, &keys, "[approval]");
        let line = self.table_line(table);
        let [approved_by, approved_at, weights_sha256, rules_sha256] =
            keys.map(|key| self.required_str(table, key, "[approval]", line));
        for (key, digest) in [("weights_sha256", &weights_sha256), ("rules_sha256", &rules_sha256)] {
            let hex = digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !digest.is_empty() && !hex {
                let span = table.get(key).and_then(Item::span);
                self.problem(span, format!("[approval] {key} must be 64 lower-case hex digits (a SHA-256)"));
            }
        }
        Some(Approval { approved_by, approved_at, weights_sha256, rules_sha256 })
    }

    /// `[core]`, checked against the competencies' `core = true`: each needs the other.
    fn core(&mut self, root: &Table, competencies: &[Competency]) -> Option<Core> {
        let Some(table) = self.table(root, "core") else {
            if let Some(at) = self.first_core {
                let message = "a competency has core = true, but the rubric has no [core] table; \
                               add [core] with min_score = <0 to 100>, the core score that documents the core area";
                self.problem_at_column(at, message);
            }
            return None;
        };
        self.check_keys(table, &["min_score"], "[core]");
        let at = self.line_column(table.span().or_else(|| root.key("core").and_then(|k| k.span())));
        let min_score = match table.get("min_score") {
            Some(item) => match number_of(item.as_value()).filter(|v| (0.0..=100.0).contains(v)) {
                Some(value) => Some(value),
                None => {
                    let at = self.line_column(item.span());
                    self.problem_at_column(at, "[core] min_score must be a number from 0 to 100");
                    None
                }
            },
            None => {
                self.problem_at_column(at, "[core] is missing 'min_score' (a number from 0 to 100)");
                None
            }
        };
        let core: Vec<&Competency> = competencies.iter().filter(|c| c.core).collect();
        if core.is_empty() {
            self.problem_at_column(at, "[core] is given, but no competency has core = true");
        } else if core.iter().all(|c| c.weight == 0.0) {
            // The core score is a weighted average of the core competencies: it needs a weight.
            self.problem_at_column(at, "the weights of all core competencies are 0; the core score needs one above 0");
        }
        Some(Core { min_score: min_score?, line: at.0 })
    }

    fn competencies(&mut self, root: &Table, meta: &Option<Meta>) -> Vec<Competency> {
        let tables = self.array_of_tables(root, "competency", "[[competency]]");
        if tables.is_empty() {
            self.problem_at(1, "the rubric has no [[competency]]");
        }
        let fuzzy = meta.as_ref().map_or(DEFAULT_FUZZY, |m| m.fuzzy);
        let competencies: Vec<Competency> = tables.iter().map(|t| self.competency(t, fuzzy)).collect();
        self.check_unique(competencies.iter().map(|c| (c.id.as_str(), c.line)), "competency");
        competencies
    }

    fn competency(&mut self, table: &Table, fuzzy: f64) -> Competency {
        self.check_keys(table, &["id", "label", "weight", "core", "source", "criterion"], "[[competency]]");
        let line = self.table_line(table);
        let id = self.required_str(table, "id", "[[competency]]", line);
        let what = format!("competency '{id}'");
        let tables = self.array_of_tables(table, "criterion", "[[competency.criterion]]");
        if tables.is_empty() {
            self.problem_at(line, format!("{what} has no [[competency.criterion]]"));
        }
        let criteria: Vec<Criterion> = tables.iter().map(|t| self.criterion(t, fuzzy, &id)).collect();
        self.check_unique(criteria.iter().map(|c| (c.id.as_str(), c.line)), &format!("criterion in {what}"));
        Competency {
            label: self.required_str(table, "label", &what, line),
            weight: self.weight(table, &what),
            core: self.core_flag(table, &what),
            source: self.required_str(table, "source", &what, line),
            id,
            criteria,
            line,
        }
    }

    /// A competency's `core = true|false` (default false).
    fn core_flag(&mut self, table: &Table, what: &str) -> bool {
        let Some(item) = table.get("core") else {
            return false;
        };
        match item.as_bool() {
            Some(core) => {
                if core && self.first_core.is_none() {
                    self.first_core = Some(self.line_column(table.key("core").and_then(|k| k.span())));
                }
                core
            }
            None => {
                let at = self.line_column(item.span());
                self.problem_at_column(at, format!("{what}: core must be true or false"));
                false
            }
        }
    }

    fn criterion(&mut self, table: &Table, fuzzy: f64, competency: &str) -> Criterion {
        self.check_keys(table, CRITERION_KEYS, "[[competency.criterion]]");
        let line = self.table_line(table);
        let id = self.required_str(table, "id", &format!("a criterion of competency '{competency}'"), line);
        let what = format!("criterion '{id}'");
        Criterion {
            label: self.required_str(table, "label", &what, line),
            weight: self.weight(table, &what),
            source: self.required_str(table, "source", &what, line),
            check: self.check(table, fuzzy, &what, line),
            id,
            line,
        }
    }

    fn requirements(&mut self, root: &Table, meta: &Option<Meta>) -> Vec<Requirement> {
        let fuzzy = meta.as_ref().map_or(DEFAULT_FUZZY, |m| m.fuzzy);
        let tables = self.array_of_tables(root, "requirement", "[[requirement]]");
        let requirements: Vec<Requirement> = tables.iter().map(|t| self.requirement(t, fuzzy)).collect();
        self.check_unique(requirements.iter().map(|r| (r.id.as_str(), r.line)), "requirement");
        requirements
    }

    fn requirement(&mut self, table: &Table, fuzzy: f64) -> Requirement {
        self.check_keys(table, REQUIREMENT_KEYS, "[[requirement]]");
        let line = self.table_line(table);
        let id = self.required_str(table, "id", "a requirement", line);
        let what = format!("requirement '{id}'");
        let at_least = match table.get("at_least") {
            Some(item) => self.unit_number(item, &format!("{what}: at_least")).unwrap_or(1.0),
            None => 1.0,
        };
        Requirement {
            label: self.required_str(table, "label", &what, line),
            source: self.optional_str(table, "source", &what).unwrap_or_default(),
            check: self.check(table, fuzzy, &what, line),
            at_least,
            id,
            line,
        }
    }

    fn check(&mut self, table: &Table, fuzzy: f64, what: &str, line: u64) -> Check {
        let kind = self.required_str(table, "kind", what, line);
        let Some((_, own_keys)) = KIND_KEYS.iter().find(|(k, _)| *k == kind) else {
            if !kind.is_empty() {
                let span = table.get("kind").and_then(Item::span);
                self.problem(span, format!("{what} has kind '{kind}'; expected one of terms, number, choice, flag"));
            }
            return Check::Flag { field: ColumnRef { name: String::new(), line } };
        };
        for (key, _) in table.iter() {
            let belongs_elsewhere = KIND_KEYS.iter().any(|(k, keys)| *k != kind && keys.contains(&key));
            if belongs_elsewhere && !own_keys.contains(&key) {
                let span = table.key(key).and_then(|k| k.span());
                self.problem(span, format!("{what}: key '{key}' does not belong to a '{kind}' criterion"));
            }
        }
        match kind.as_str() {
            "terms" => self.terms(table, fuzzy, what, line),
            "number" => self.number(table, what, line),
            "choice" => self.choice(table, what, line),
            _ => Check::Flag { field: self.field(table, what, line) },
        }
    }

    fn terms(&mut self, table: &Table, fuzzy: f64, what: &str, line: u64) -> Check {
        let terms: Vec<TermEntry> = match table.get("terms") {
            Some(item) => self.term_entries(item, &format!("{what}: terms")),
            None => {
                self.problem_at(line, format!("{what} is missing 'terms'"));
                Vec::new()
            }
        };
        if terms.is_empty() && table.contains_key("terms") {
            self.problem_at(line, format!("{what} has an empty 'terms' list"));
        }
        let exclude = match table.get("exclude") {
            Some(item) => self.exclusions(item, &format!("{what}: exclude")),
            None => Vec::new(),
        };
        self.check_terms(&terms, what);
        let need = self.need(table, terms.len(), what);
        let fuzzy = self.fuzzy(table, what).unwrap_or(fuzzy);
        let fields = table.get("fields").map(|item| self.column_list(item, &format!("{what}: fields")));
        Check::Terms { terms, fields, need, fuzzy, exclude }
    }

    /// A `terms` list: strings, or inline tables `{ term = "…", exclude = [ … ] }`.
    fn term_entries(&mut self, item: &Item, what: &str) -> Vec<TermEntry> {
        let Some(array) = item.as_array() else {
            self.problem(
                item.span(),
                format!("{what} must be a list of strings or {{ term = …, exclude = […] }} tables"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            let line = self.line(value.span());
            match value {
                Value::String(s) => out.extend(self.entry(s.value(), Vec::new(), line, what)),
                Value::InlineTable(table) => out.extend(self.inline_entry(table, line, what)),
                _ => self
                    .problem(value.span(), format!("{what} must be strings or {{ term = …, exclude = […] }} tables")),
            }
        }
        out
    }

    fn inline_entry(&mut self, table: &InlineTable, line: u64, what: &str) -> Option<TermEntry> {
        for (key, _) in table.iter() {
            if key != "term" && key != "exclude" {
                self.problem_at(line, format!("{what}: unknown key '{key}' in a term table; allowed: term, exclude"));
            }
        }
        let Some(term) = table.get("term").and_then(Value::as_str) else {
            self.problem_at(line, format!("{what}: a term table needs term = \"…\""));
            return None;
        };
        let exclude = match table.get("exclude") {
            Some(value) => self.exclusions(&Item::Value(value.clone()), &format!("{what}: {term:?}: exclude")),
            None => Vec::new(),
        };
        self.entry(term, exclude, line, what)
    }

    /// One entry: a term, or `@name` for a synonym set.
    fn entry(&mut self, text: &str, exclude: Vec<String>, line: u64, what: &str) -> Option<TermEntry> {
        match self.set_name(text, line, what) {
            Some(Ok(set)) => Some(TermEntry {
                text: text.to_string(),
                set: Some(set.name.clone()),
                members: set.terms.clone(),
                exclude,
                line,
            }),
            Some(Err(())) => None,
            None => {
                Some(TermEntry { text: text.to_string(), set: None, members: vec![text.to_string()], exclude, line })
            }
        }
    }

    /// For `@name`: the set, or `Err` after reporting an unknown name. `None` for a plain term.
    fn set_name(&mut self, text: &str, line: u64, what: &str) -> Option<Result<TermSet, ()>> {
        let name = text.trim().strip_prefix('@')?.trim();
        if let Some(set) = self.lexicon.get(name) {
            return Some(Ok(set.clone()));
        }
        let names: Vec<&str> = self.lexicon.sets.iter().map(|s| s.name.as_str()).collect();
        let hint = closest(name, &names).map(|c| format!(" (did you mean '@{c}'?)")).unwrap_or_default();
        self.problem_at(
            line,
            format!("{what}: no synonym set named '{name}'{hint}; see rubrics/lexicon/synonyms.toml"),
        );
        Some(Err(()))
    }

    /// An `exclude` list: terms, or `@name` for every member of a set.
    fn exclusions(&mut self, item: &Item, what: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (text, line) in self.string_list(item, what) {
            match self.set_name(&text, line, what) {
                Some(Ok(set)) => out.extend(set.terms),
                Some(Err(())) => {}
                None => match parse_term(&text) {
                    Ok(_) => out.push(text),
                    Err(message) => self.problem_at(line, format!("{what}: {message}")),
                },
            }
        }
        out
    }

    /// Terms (and set members) of one criterion that normalise alike would count one word twice.
    fn check_terms(&mut self, terms: &[TermEntry], what: &str) {
        // A map, not a search of the terms seen: a generated rubric may hold 50,000 terms.
        let mut seen: HashMap<crate::text::TermPattern, String> = HashMap::new();
        for entry in terms {
            for member in &entry.members {
                let shown = match &entry.set {
                    Some(set) => format!("{member:?} (in @{set})"),
                    None => format!("{member:?}"),
                };
                match parse_term(member) {
                    Ok(key) => match seen.get(&key) {
                        Some(first) => {
                            self.problem_at(entry.line, format!("{what}: terms {first} and {shown} normalise alike"))
                        }
                        None => {
                            seen.insert(key, shown);
                        }
                    },
                    Err(message) => self.problem_at(entry.line, format!("{what}: {message}")),
                }
            }
        }
    }

    fn need(&mut self, table: &Table, count: usize, what: &str) -> usize {
        let Some(item) = table.get("need") else {
            return 1;
        };
        match item.as_integer() {
            Some(n) if n >= 1 && (n as usize) <= count.max(1) => n as usize,
            _ => {
                self.problem(
                    item.span(),
                    format!("{what}: need must be a whole number from 1 to the number of terms ({count})"),
                );
                1
            }
        }
    }

    fn number(&mut self, table: &Table, what: &str, line: u64) -> Check {
        let field = self.field(table, what, line);
        let rule = match (table.get("curve"), table.get("min")) {
            (Some(curve), None) => NumberRule::Curve(self.curve(curve, what)),
            (None, Some(min)) => NumberRule::Min(self.finite(min, &format!("{what}: min")).unwrap_or(0.0)),
            (Some(_), Some(_)) => {
                self.problem_at(line, format!("{what}: give either 'curve' or 'min', not both"));
                NumberRule::Min(0.0)
            }
            (None, None) => {
                self.problem_at(line, format!("{what}: a number criterion needs 'curve' or 'min'"));
                NumberRule::Min(0.0)
            }
        };
        Check::Number { field, rule }
    }

    fn curve(&mut self, item: &Item, what: &str) -> Vec<(f64, f64)> {
        let message = format!("{what}: curve must be a list of [x, credit] points");
        let Some(array) = item.as_array() else {
            self.problem(item.span(), message);
            return Vec::new();
        };
        let mut points = Vec::new();
        for value in array.iter() {
            let pair = value.as_array().filter(|a| a.len() == 2).map(|a| (number_of(a.get(0)), number_of(a.get(1))));
            match pair {
                Some((Some(x), Some(credit))) if x.is_finite() && (0.0..=1.0).contains(&credit) => {
                    points.push((x, credit))
                }
                Some((Some(_), Some(_))) => self.problem(
                    value.span(),
                    format!("{what}: each curve point needs a finite x and a credit from 0 to 1"),
                ),
                _ => self.problem(value.span(), message.clone()),
            }
        }
        if points.len() < 2 {
            self.problem(item.span(), format!("{what}: a curve needs at least 2 points"));
        } else if points.windows(2).any(|w| w[1].0 <= w[0].0) {
            self.problem(item.span(), format!("{what}: curve x values must be strictly increasing"));
        }
        points
    }

    fn choice(&mut self, table: &Table, what: &str, line: u64) -> Check {
        let field = self.field(table, what, line);
        let mut choices: Vec<(String, f64)> = Vec::new();
        // Each value's key, computed once, in a map: a choice list may hold 20,000 values.
        let mut keys: HashMap<String, usize> = HashMap::new();
        match table.get("choices") {
            Some(item) => match item.as_table_like() {
                Some(entries) if !entries.is_empty() => {
                    for (value, credit_item) in entries.iter() {
                        let credit = self.unit_number(credit_item, &format!("{what}: choice '{value}'"));
                        match keys.get(&token_key(value)) {
                            Some(&first) => {
                                let message =
                                    format!("{what}: choices '{}' and '{value}' normalise alike", choices[first].0);
                                self.problem(credit_item.span(), message);
                            }
                            None => {
                                keys.insert(token_key(value), choices.len());
                            }
                        }
                        choices.push((value.to_string(), credit.unwrap_or(0.0)));
                    }
                }
                _ => self.problem(item.span(), format!("{what}: choices must be a table of value = credit")),
            },
            None => self.problem_at(line, format!("{what}: a choice criterion needs 'choices'")),
        }
        Check::Choice { field, choices }
    }

    fn field(&mut self, table: &Table, what: &str, line: u64) -> ColumnRef {
        match table.get("field") {
            Some(item) => ColumnRef {
                name: self.string(item, &format!("{what}: field")).unwrap_or_default(),
                line: self.line(item.span()),
            },
            None => {
                self.problem_at(line, format!("{what} is missing 'field'"));
                ColumnRef { name: String::new(), line }
            }
        }
    }

    fn weight(&mut self, table: &Table, what: &str) -> f64 {
        match table.get("weight") {
            None => 1.0,
            Some(item) => match number_of(item.as_value()) {
                Some(w) if w.is_finite() && w >= 0.0 => w,
                _ => {
                    self.problem(item.span(), format!("{what}: weight must be a finite number ≥ 0"));
                    1.0
                }
            },
        }
    }

    fn fuzzy(&mut self, table: &Table, what: &str) -> Option<f64> {
        let item = table.get("fuzzy")?;
        match number_of(item.as_value()) {
            Some(f) if f > 0.0 && f <= 1.0 => Some(f),
            _ => {
                self.problem(item.span(), format!("{what}: fuzzy must be a number above 0 and at most 1"));
                None
            }
        }
    }

    fn finite(&mut self, item: &Item, what: &str) -> Option<f64> {
        let value = number_of(item.as_value()).filter(|v| v.is_finite());
        if value.is_none() {
            self.problem(item.span(), format!("{what} must be a finite number"));
        }
        value
    }

    fn unit_number(&mut self, item: &Item, what: &str) -> Option<f64> {
        let value = number_of(item.as_value()).filter(|v| (0.0..=1.0).contains(v));
        if value.is_none() {
            self.problem(item.span(), format!("{what} must be a number from 0 to 1"));
        }
        value
    }

    fn check_weights(&mut self, rubric: &Rubric) {
        if !rubric.competencies.is_empty() && rubric.competencies.iter().all(|c| c.weight == 0.0) {
            self.problem_at(rubric.competencies[0].line, "all competency weights are 0");
        }
        // Scores are divided by these sums: each one must be a finite number.
        if let Some(first) = rubric.competencies.first()
            && weight_sum(rubric.competencies.iter().map(|c| c.weight)).is_none()
        {
            self.problem_at(first.line, sum_overflows("competency weights"));
        }
        for competency in &rubric.competencies {
            if !competency.criteria.is_empty() && competency.criteria.iter().all(|c| c.weight == 0.0) {
                self.problem_at(
                    competency.line,
                    format!("all criterion weights of competency '{}' are 0", competency.id),
                );
            }
            if weight_sum(competency.criteria.iter().map(|c| c.weight)).is_none() {
                let what = format!("the criterion weights of competency '{}'", competency.id);
                self.problem_at(competency.line, sum_overflows(&what));
            }
        }
    }

    /// Naming a protected column in any `field`, `fields` or `text` is an error.
    fn check_protected(&mut self, rubric: &Rubric) {
        let protected: Vec<String> = rubric.columns.protected.iter().map(|c| token_key(&c.name)).collect();
        let mut used: Vec<(&ColumnRef, String)> = Vec::new();
        for column in rubric.columns.text.iter().flatten() {
            used.push((column, "[columns] text".to_string()));
        }
        let checks = rubric
            .competencies
            .iter()
            .flat_map(|c| c.criteria.iter().map(|k| (&k.check, format!("criterion '{}'", k.id))))
            .chain(rubric.requirements.iter().map(|r| (&r.check, format!("requirement '{}'", r.id))));
        for (check, what) in checks {
            match check {
                Check::Terms { fields, .. } => used.extend(fields.iter().flatten().map(|c| (c, what.clone()))),
                other => used.extend(other.field().map(|c| (c, what.clone()))),
            }
        }
        for (column, what) in used {
            if protected.contains(&token_key(&column.name)) {
                self.problem_at(
                    column.line,
                    format!("{what} uses protected column '{}'; protected columns are never scored", column.name),
                );
            }
        }
    }

    fn check_unique<'b>(&mut self, items: impl Iterator<Item = (&'b str, u64)>, what: &str) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (id, line) in items {
            if !seen.insert(id) && !id.is_empty() {
                self.problem_at(line, format!("duplicate {what} id '{id}'"));
            }
        }
    }

    fn table<'t>(&mut self, parent: &'t Table, key: &str) -> Option<&'t Table> {
        let item = parent.get(key)?;
        let table = item.as_table();
        if table.is_none() {
            self.problem(item.span(), format!("'{key}' must be a table ([{key}])"));
        }
        table
    }

    fn array_of_tables<'t>(&mut self, parent: &'t Table, key: &str, what: &str) -> Vec<&'t Table> {
        match parent.get(key) {
            None => Vec::new(),
            Some(Item::ArrayOfTables(array)) => array.iter().collect(),
            Some(item) => {
                self.problem(item.span(), format!("'{key}' must be written as {what} tables"));
                Vec::new()
            }
        }
    }

    fn string(&mut self, item: &Item, what: &str) -> Option<String> {
        let value = item.as_str().map(str::to_string);
        if value.is_none() {
            self.problem(item.span(), format!("{what} must be a string"));
        }
        value
    }

    fn required_str(&mut self, table: &Table, key: &str, what: &str, line: u64) -> String {
        match table.get(key) {
            Some(item) => self.string(item, &format!("{what}: {key}")).unwrap_or_default(),
            None => {
                self.problem_at(line, format!("{what} is missing '{key}'"));
                String::new()
            }
        }
    }

    fn optional_str(&mut self, table: &Table, key: &str, what: &str) -> Option<String> {
        let item = table.get(key)?;
        self.string(item, &format!("{what}: {key}"))
    }

    fn string_list(&mut self, item: &Item, what: &str) -> Vec<(String, u64)> {
        let Some(array) = item.as_array() else {
            self.problem(item.span(), format!("{what} must be a list of strings"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(s) => out.push((s.to_string(), self.line(value.span()))),
                None => self.problem(value.span(), format!("{what} must be a list of strings")),
            }
        }
        out
    }

    fn column_list(&mut self, item: &Item, what: &str) -> Vec<ColumnRef> {
        self.string_list(item, what).into_iter().map(|(name, line)| ColumnRef { name, line }).collect()
    }
}

/// Why weights that add up to infinity cannot be used.
fn sum_overflows(what: &str) -> String {
    format!("{what} add up to more than the largest number a weight can have ({:e}); use smaller weights", f64::MAX)
}

fn number_of(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Integer(i) => Some(*i.value() as f64),
        Value::Float(f) => Some(*f.value()),
        _ => None,
    }
}

fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|a| (strsim::normalized_damerau_levenshtein(key, a), *a))
        .filter(|(s, _)| *s >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a)
}
