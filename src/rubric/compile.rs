//! Binding a rubric to an applicant file's header: columns resolved to indices (with "did you mean"
//! hints for missing ones), default text columns worked out, and terms compiled into a [`Matcher`].

use super::model::*;
use crate::error::{Error, Location, Result, RubricProblem};
use crate::input::Header;
use crate::text::{Matcher, TermId, TermSpec, token_key};

/// A rubric bound to a header, ready to score rows.
#[derive(Debug)]
pub struct CompiledRubric {
    /// The rubric, with the weights in force for this run.
    pub rubric: Rubric,
    /// The id column, or `None` when ids are line numbers.
    pub id_column: Option<usize>,
    /// The name column, when the file has one.
    pub name_column: Option<usize>,
    /// Columns never shown in blind output (name, contact, protected).
    pub blind_hidden: Vec<usize>,
    /// When the id column is also the name, a contact or a protected column: that role. Ids are
    /// shown even in blind mode, so this is a warning, and with `--blind` an error.
    pub id_role: Option<&'static str>,
    /// The header's column names.
    pub column_names: Vec<String>,
    /// Competencies, in rubric order.
    pub competencies: Vec<CompiledCompetency>,
    /// Requirements, in rubric order.
    pub requirements: Vec<CompiledCheck>,
    /// Every term of every `terms` check, in (check, entry, member) order, checks numbered
    /// criteria first, then requirements (see [`crate::score::terms::checks`]).
    pub members: Vec<MemberRef>,
    /// Per vocabulary id, the terms (indices into `members`) that can occur only in a row holding
    /// it: a row's present words find its candidate terms.
    pub by_vocab: VocabIndex,
}

/// One member of one entry of one `terms` check, with its compiled term: what the terms
/// evaluation walks for every candidate term of every row, so it is kept in one flat list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberRef {
    /// The check (criteria in rubric order, then requirements).
    pub check: u32,
    /// The entry within the check.
    pub entry: u32,
    /// The member within the entry.
    pub member: u32,
    /// Its term in the matcher (`entries[entry].members[member].0`).
    pub term: u32,
}

/// A map from vocabulary id to a list of `u32`, as two flat arrays (the lists one after another,
/// and where each starts): a lookup is two adjacent reads, where a hash map of vectors costs a
/// probe and a pointer chase, on every present word of every row.
#[derive(Debug, Clone, Default)]
pub struct VocabIndex {
    starts: Vec<u32>,
    lists: Vec<u32>,
}

impl VocabIndex {
    /// The list of `vocab` (empty when it has none).
    pub fn get(&self, vocab: u32) -> &[u32] {
        let vocab = vocab as usize;
        match (self.starts.get(vocab), self.starts.get(vocab + 1)) {
            (Some(&start), Some(&end)) => &self.lists[start as usize..end as usize],
            _ => &[],
        }
    }

    /// The index of the lists in `map`, for vocabulary ids below `vocabulary`.
    fn of(map: &rustc_hash::FxHashMap<u32, Vec<u32>>, vocabulary: usize) -> VocabIndex {
        let mut index = VocabIndex { starts: Vec::with_capacity(vocabulary + 1), lists: Vec::new() };
        for vocab in 0..vocabulary as u32 {
            index.starts.push(index.lists.len() as u32);
            index.lists.extend(map.get(&vocab).into_iter().flatten());
        }
        index.starts.push(index.lists.len() as u32);
        index
    }
}

/// A competency's compiled criteria.
#[derive(Debug)]
pub struct CompiledCompetency {
    /// Its criteria, in rubric order.
    pub criteria: Vec<CompiledCheck>,
}

/// A criterion or requirement bound to columns.
#[derive(Debug)]
pub enum CompiledCheck {
    /// Terms: each entry's members and exclusions compiled, the slots searched in order, and `need`.
    Terms {
        /// The entries (terms and synonym sets), in rubric order.
        entries: Vec<CompiledEntry>,
        /// Indices into the shared list of text columns (see [`CompiledRubric::compile`]), in the order searched.
        slots: Vec<usize>,
        /// How many distinct terms give full credit.
        need: usize,
    },
    /// A number column.
    Number {
        /// Column index.
        column: usize,
        /// The rule.
        rule: NumberRule,
    },
    /// A choice column, with the normalised key of each choice.
    Choice {
        /// Column index.
        column: usize,
        /// `(normalised value, credit)`.
        choices: Vec<(String, f64)>,
    },
    /// A flag column.
    Flag {
        /// Column index.
        column: usize,
    },
}

/// A `terms` entry compiled: a term, or a synonym set's members, with its exclusions.
#[derive(Debug, Clone)]
pub struct CompiledEntry {
    /// As written (`"budget*"`, `"@budgetansvar"`).
    pub text: String,
    /// Whether it names a synonym set.
    pub set: bool,
    /// Each member's matcher id and text as written.
    pub members: Vec<(TermId, String)>,
    /// Its exclusions, then the criterion's: matcher id and text as written.
    pub exclude: Vec<(TermId, String)>,
}

impl CompiledRubric {
    /// Binds `rubric` to the `header` of the applicant file `input` (named in messages).
    ///
    /// Terms are compiled into `matcher`, and the columns that `terms` checks search are added to
    /// `text_columns`, both shared by every rubric scored in one pass, so that each row is
    /// tokenised and matched once whatever the number of rubrics.
    pub fn compile(
        rubric: Rubric,
        header: &Header,
        input: &str,
        matcher: &mut Matcher,
        text_columns: &mut Vec<usize>,
    ) -> Result<CompiledRubric> {
        Binder { rubric: &rubric, header, input, problems: Vec::new() }.compile(rubric.clone(), matcher, text_columns)
    }

    /// The column a check reads (number, choice, flag).
    pub fn column_name(&self, column: usize) -> &str {
        &self.column_names[column]
    }
}

struct Binder<'a> {
    rubric: &'a Rubric,
    header: &'a Header,
    input: &'a str,
    problems: Vec<RubricProblem>,
}

impl Binder<'_> {
    fn compile(
        mut self,
        rubric: Rubric,
        matcher: &mut Matcher,
        text_columns: &mut Vec<usize>,
    ) -> Result<CompiledRubric> {
        let columns = &rubric.columns;
        let id_column = self.optional(&columns.id, columns.id_explicit);
        let name_column = self.optional(&columns.name, columns.name_explicit);
        // A misspelt contact or protected column would silently turn its protection off: like
        // every column the rubric names, it must be in the file.
        let contact: Vec<usize> = columns.contact.iter().filter_map(|c| self.resolve(c)).collect();
        let protected: Vec<usize> = columns.protected.iter().filter_map(|c| self.resolve(c)).collect();
        let id_role = id_column.and_then(|id| {
            if Some(id) == name_column {
                Some("name")
            } else if contact.contains(&id) {
                Some("contact")
            } else if protected.contains(&id) {
                Some("protected")
            } else {
                None
            }
        });
        let mut blind_hidden: Vec<usize> = contact.into_iter().chain(protected).collect();
        blind_hidden.extend(name_column);
        let default_text = self.default_text(id_column, name_column);
        let text = match &columns.text {
            Some(list) => list.iter().filter_map(|c| self.resolve(c)).collect(),
            None => default_text,
        };
        let mut compile = |b: &mut Self, check: &Check| b.check(check, &text, text_columns, matcher);
        let competencies: Vec<CompiledCompetency> = rubric
            .competencies
            .iter()
            .map(|c| CompiledCompetency { criteria: c.criteria.iter().map(|k| compile(&mut self, &k.check)).collect() })
            .collect();
        let requirements: Vec<CompiledCheck> =
            rubric.requirements.iter().map(|r| compile(&mut self, &r.check)).collect();
        if !self.problems.is_empty() {
            return Err(Error::Rubric(self.problems));
        }
        blind_hidden.sort_unstable();
        blind_hidden.dedup();
        let (members, by_vocab) = index_by_vocab(&competencies, &requirements, matcher);
        Ok(CompiledRubric {
            column_names: self.header.names().to_vec(),
            rubric,
            id_column,
            name_column,
            blind_hidden,
            id_role,
            competencies,
            requirements,
            members,
            by_vocab,
        })
    }

    /// Every column except id, name, contact, protected and any criterion's or requirement's `field`.
    fn default_text(&self, id: Option<usize>, name: Option<usize>) -> Vec<usize> {
        let columns = &self.rubric.columns;
        let checks = self.rubric.competencies.iter().flat_map(|c| c.criteria.iter().map(|k| &k.check));
        let fields = checks.chain(self.rubric.requirements.iter().map(|r| &r.check)).filter_map(Check::field);
        let excluded: Vec<String> =
            columns.contact.iter().chain(&columns.protected).chain(fields).map(|c| token_key(&c.name)).collect();
        (0..self.header.names().len())
            .filter(|i| Some(*i) != id && Some(*i) != name)
            .filter(|i| !excluded.contains(&token_key(&self.header.names()[*i])))
            .collect()
    }

    fn optional(&mut self, column: &ColumnRef, explicit: bool) -> Option<usize> {
        if explicit { self.resolve(column) } else { self.header.find(&column.name) }
    }

    fn resolve(&mut self, column: &ColumnRef) -> Option<usize> {
        let found = self.header.find(&column.name);
        if found.is_none() {
            let closest = self.header.closest(&column.name);
            let hint = match closest.as_slice() {
                [] => String::new(),
                names => format!(
                    "; did you mean {}?",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or ")
                ),
            };
            let message = format!("column '{}' is not in {}{hint}", column.name, self.input);
            self.problems.push(RubricProblem { location: Location::line(&self.rubric.path, column.line), message });
        }
        found
    }

    fn check(
        &mut self,
        check: &Check,
        text: &[usize],
        text_columns: &mut Vec<usize>,
        matcher: &mut Matcher,
    ) -> CompiledCheck {
        match check {
            Check::Terms { terms, fields, need, fuzzy, exclude } => {
                let columns: Vec<usize> = match fields {
                    Some(list) => list.iter().filter_map(|c| self.resolve(c)).collect(),
                    None => text.to_vec(),
                };
                let slots = columns.iter().map(|c| slot_of(text_columns, *c)).collect();
                // Terms were validated when the rubric was parsed, so compiling them cannot fail here.
                let mut compile = |texts: &mut dyn Iterator<Item = &String>| -> Vec<(TermId, String)> {
                    texts
                        .filter_map(|t| {
                            matcher
                                .add_term(&TermSpec { text: t.clone(), fuzzy: *fuzzy })
                                .ok()
                                .map(|id| (id, t.clone()))
                        })
                        .collect()
                };
                let entries = terms
                    .iter()
                    .map(|entry| CompiledEntry {
                        text: entry.text.clone(),
                        set: entry.set.is_some(),
                        members: compile(&mut entry.members.iter()),
                        exclude: compile(&mut entry.exclude.iter().chain(exclude)),
                    })
                    .collect();
                CompiledCheck::Terms { entries, slots, need: *need }
            }
            Check::Number { field, rule } => {
                CompiledCheck::Number { column: self.resolve(field).unwrap_or(0), rule: rule.clone() }
            }
            Check::Choice { field, choices } => CompiledCheck::Choice {
                column: self.resolve(field).unwrap_or(0),
                choices: choices.iter().map(|(v, c)| (token_key(v), *c)).collect(),
            },
            Check::Flag { field } => CompiledCheck::Flag { column: self.resolve(field).unwrap_or(0) },
        }
    }
}

fn slot_of(text_columns: &mut Vec<usize>, column: usize) -> usize {
    match text_columns.iter().position(|c| *c == column) {
        Some(slot) => slot,
        None => {
            text_columns.push(column);
            text_columns.len() - 1
        }
    }
}

/// The index behind [`CompiledRubric::members`] and [`CompiledRubric::by_vocab`].
fn index_by_vocab(
    competencies: &[CompiledCompetency],
    requirements: &[CompiledCheck],
    matcher: &Matcher,
) -> (Vec<MemberRef>, VocabIndex) {
    let mut members = Vec::new();
    let mut index: rustc_hash::FxHashMap<u32, Vec<u32>> = Default::default();
    let checks = competencies.iter().flat_map(|c| c.criteria.iter()).chain(requirements);
    for (check, compiled) in checks.enumerate() {
        let CompiledCheck::Terms { entries, .. } = compiled else {
            continue;
        };
        for (entry, e) in entries.iter().enumerate() {
            for (member, &(term, _)) in e.members.iter().enumerate() {
                let at = members.len() as u32;
                members.push(MemberRef {
                    check: check as u32,
                    entry: entry as u32,
                    member: member as u32,
                    term: term as u32,
                });
                for key in matcher.term_keys(term) {
                    let list = index.entry(key).or_default();
                    if !list.contains(&at) {
                        list.push(at);
                    }
                }
            }
        }
    }
    (members, VocabIndex::of(&index, matcher.vocabulary_len()))
}
