//! Scoring: applicant records against one or more compiled rubrics.
//!
//! An [`Engine`] holds every rubric bound to one file's header, with one shared term vocabulary, so
//! that a row is tokenised and matched once however many rubrics score it. Each worker thread keeps
//! its own token cache for the whole run (matching costs per distinct token, and no thread waits
//! on another). A row gives either a light [`Summary`] (what ranking needs) or a full
//! [`Scorecard`] whose criterion points add up to its total, with the evidence quoted from the
//! applicant's own text.

mod card;
pub mod reference;
pub mod terms;

pub use card::*;

use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};
use crate::input::{Header, NumberError, Record, parse_number};
use crate::rubric::{CompiledCheck, CompiledRubric, NumberRule, Rubric};
use crate::text::{Matcher, PreparedField, TokenCache, token_key};
use terms::{RowText, TermsCredit, TermsOutcome, TermsScratch};

/// Per-worker state reused across rows: the token cache and tokenised fields.
#[derive(Debug, Default)]
pub struct Scratch {
    cache: TokenCache,
    fields: Vec<PreparedField>,
    terms: TermsScratch,
    term_credits: Vec<TermsCredit>,
    /// Per check in [`terms::checks`] order, the credit and `stated` of a value check (NaN for
    /// `terms`).
    values: Vec<(f64, bool)>,
    /// Whether the prepared fields' contexts are read (see [`Engine::read_contexts`]).
    contexts_read: bool,
    /// The competency scores of the row and rubric at hand (reused).
    scores: Vec<f64>,
}

/// What scoring needs to know about the file a record comes from.
#[derive(Debug, Clone)]
pub struct RowContext {
    /// The input file as named by the user (for warnings).
    pub path: String,
    /// Whether numbers use a decimal comma.
    pub decimal_comma: bool,
    /// The file's delimiter (rejected rows are written back with it).
    pub delimiter: u8,
}

/// What ranking needs of a row: kept for every row, so it stays small.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The applicant's id.
    pub id: Box<str>,
    /// The total, unrounded.
    pub total: f64,
    /// Whether every requirement is met.
    pub meets_requirements: bool,
    /// The worst requirement status (met when the rubric has none).
    pub requirements: RequirementStatus,
    /// Whether the core area is documented; `None` without `[core]`.
    pub core: Option<bool>,
    /// Competency scores, unrounded, in rubric order (kept only when asked for).
    pub scores: Box<[f64]>,
    /// Whether the row was left out of full scoring because it cannot reach the first places
    /// (see [`Engine::summarize_for_top`]): `total` and the standing are then the best the row
    /// could have, not its own, and rank it only below every row that can.
    pub bound: bool,
}

impl Summary {
    /// The group the applicant is ranked in.
    pub fn standing(&self) -> crate::rank::Standing {
        crate::rank::Standing::of(self.requirements == RequirementStatus::NotMet, self.core)
    }
}

/// What ranking and tables need of a row against one rubric.
struct Totals {
    total: f64,
    scores: Vec<f64>,
    requirements: RequirementStatus,
    core: Option<bool>,
    /// An upper bound, not the row's own (see [`Summary::bound`]).
    bound: bool,
}

impl Totals {
    fn standing(&self) -> crate::rank::Standing {
        crate::rank::Standing::of(self.requirements == RequirementStatus::NotMet, self.core)
    }
}

const YES: &[&str] = &["ja", "yes", "true", "1", "x", "j", "y"];
const NO: &[&str] = &["nej", "no", "false", "0", "n", ""];

/// Rubrics bound to one applicant file's header, sharing one vocabulary.
#[derive(Debug)]
pub struct Engine {
    /// The compiled rubrics, in the order given.
    pub rubrics: Vec<CompiledRubric>,
    matcher: Matcher,
    text_columns: Vec<usize>,
    column_names: Vec<String>,
    scratch: Vec<Mutex<Scratch>>,
    /// Evaluate terms by the rules as written (see [`reference`](mod@reference)).
    reference: bool,
}

impl Engine {
    /// Binds every rubric to `header` (of the file named `input`), reporting all problems of all
    /// rubrics together.
    pub fn new(rubrics: Vec<Rubric>, header: &Header, input: &str) -> Result<Engine> {
        let mut matcher = Matcher::new();
        let mut text_columns = Vec::new();
        let mut compiled = Vec::new();
        let mut problems = Vec::new();
        for rubric in rubrics {
            match CompiledRubric::compile(rubric, header, input, &mut matcher, &mut text_columns) {
                Ok(c) => compiled.push(c),
                Err(Error::Rubric(p)) => problems.extend(p),
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Rubric(problems));
        }
        // One scratch per worker thread, plus one for callers outside the pool.
        let workers = rayon::current_num_threads() + 1;
        let scratch = (0..workers).map(|_| Mutex::new(Scratch::default())).collect();
        Ok(Engine {
            rubrics: compiled,
            matcher,
            text_columns,
            column_names: header.names().to_vec(),
            scratch,
            reference: false,
        })
    }

    /// Matches and reads context by the rules as written, without shortcuts (see
    /// [`Matcher::set_reference`] and [`reference`](mod@reference)).
    pub fn use_reference_matching(&mut self) {
        self.matcher.set_reference(true);
        self.reference = true;
    }

    /// Runs `f` with this thread's scratch. Each worker has its own, so the lock is never contended.
    fn with_scratch<T>(&self, f: impl FnOnce(&mut Scratch) -> T) -> T {
        let slot = rayon::current_thread_index().unwrap_or(self.scratch.len() - 1).min(self.scratch.len() - 1);
        // A poisoned lock only means another row panicked; the cache itself is still consistent.
        let mut guard = self.scratch[slot].lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }

    /// Scores a record against every rubric for ranking: one result per rubric, each a summary or
    /// the reason the row cannot be scored. Cell warnings are appended to `warnings` per rubric.
    pub fn summarize(
        &self,
        record: &Record,
        context: &RowContext,
        keep_scores: bool,
        warnings: &mut [Vec<Diagnostic>],
    ) -> Vec<std::result::Result<Summary, Box<Diagnostic>>> {
        self.with_scratch(|scratch| self.summarize_in(scratch, record, context, keep_scores, warnings))
    }

    /// [`Engine::summarize`] with a scratch space the caller owns: no lock is taken, so threads
    /// outside rayon (see [`crate::scorer::Scorer`]) do not wait on each other.
    pub fn summarize_in(
        &self,
        scratch: &mut Scratch,
        record: &Record,
        context: &RowContext,
        keep_scores: bool,
        warnings: &mut [Vec<Diagnostic>],
    ) -> Vec<std::result::Result<Summary, Box<Diagnostic>>> {
        self.summarize_with(scratch, record, context, keep_scores, None, warnings)
    }

    /// [`Engine::summarize`] for showing only the first places of each ranking (`score --top N`):
    /// `cutoffs` holds one [`Cutoff`](crate::rank::Cutoff) per rubric. A row whose best possible
    /// standing and total (every `terms` criterion at [`terms::upper_credits`], every value as
    /// read) rank strictly below the places offered to its cutoff so far is not scored in full:
    /// its summary is that bound, marked [`Summary::bound`]. The caller offers every row it ranks
    /// that is not a bound. Competency scores are not kept.
    pub fn summarize_for_top(
        &self,
        record: &Record,
        context: &RowContext,
        cutoffs: &[crate::rank::Cutoff],
        warnings: &mut [Vec<Diagnostic>],
    ) -> Vec<std::result::Result<Summary, Box<Diagnostic>>> {
        self.with_scratch(|scratch| self.summarize_with(scratch, record, context, false, Some(cutoffs), warnings))
    }

    fn summarize_with(
        &self,
        scratch: &mut Scratch,
        record: &Record,
        context: &RowContext,
        keep_scores: bool,
        cutoffs: Option<&[crate::rank::Cutoff]>,
        warnings: &mut [Vec<Diagnostic>],
    ) -> Vec<std::result::Result<Summary, Box<Diagnostic>>> {
        self.prepare_fields(record, scratch);
        self.rubrics
            .iter()
            .enumerate()
            .zip(warnings.iter_mut())
            .map(|((index, rubric), warnings)| {
                let id = row_id(rubric, record, context)?;
                self.damage(record, context, warnings);
                let cutoff = cutoffs.and_then(|c| c.get(index));
                let mut t = self.totals(rubric, record, scratch, context, warnings, cutoff);
                let scores = if keep_scores { t.scores.as_slice().into() } else { Box::default() };
                // The buffer serves the next rubric and row.
                scratch.scores = std::mem::take(&mut t.scores);
                Ok(Summary {
                    id: id.into(),
                    total: t.total,
                    meets_requirements: t.requirements == RequirementStatus::Met,
                    requirements: t.requirements,
                    core: t.core,
                    scores,
                    bound: t.bound,
                })
            })
            .collect()
    }

    /// Scores a record against rubric `index` without the explanation: what tables print.
    pub fn row(
        &self,
        index: usize,
        record: &Record,
        context: &RowContext,
    ) -> std::result::Result<RowView, Box<Diagnostic>> {
        let rubric = &self.rubrics[index];
        self.with_scratch(|scratch| {
            self.prepare_fields(record, scratch);
            let id = row_id(rubric, record, context)?;
            let name = rubric.name_column.and_then(|c| record.fields.get(c)).unwrap_or("").trim().to_string();
            let t = self.totals(rubric, record, scratch, context, &mut Vec::new(), None);
            Ok(RowView {
                id,
                name,
                total: t.total,
                meets_requirements: t.requirements == RequirementStatus::Met,
                requirements_status: t.requirements,
                core: t.core,
                scores: t.scores,
            })
        })
    }

    /// The row of [`Engine::row`] from what pass 1 kept of it, when it kept the competency scores
    /// (see [`crate::pipeline::ScoreOptions::keep_scores`]): the same numbers, computed once. Only
    /// the name is read from the record. `None` when the scores were not kept, or the summary is a
    /// bound.
    pub fn row_from_summary(&self, index: usize, record: &Record, summary: &Summary) -> Option<RowView> {
        let rubric = &self.rubrics[index];
        if summary.bound || summary.scores.len() != rubric.competencies.len() {
            return None;
        }
        let name = rubric.name_column.and_then(|c| record.fields.get(c)).unwrap_or("").trim().to_string();
        Some(RowView {
            id: summary.id.to_string(),
            name,
            total: summary.total,
            scores: summary.scores.to_vec(),
            meets_requirements: summary.meets_requirements,
            requirements_status: summary.requirements,
            core: summary.core,
        })
    }

    /// The columns read as text by any of the rubrics, in the order the rubrics first name them.
    pub fn text_columns(&self) -> &[usize] {
        &self.text_columns
    }

    /// Scores a record against rubric `index` with the full explanation.
    pub fn scorecard(
        &self,
        index: usize,
        record: &Record,
        context: &RowContext,
    ) -> std::result::Result<Scorecard, Box<Diagnostic>> {
        self.with_scratch(|scratch| self.scorecard_in(scratch, index, record, context))
    }

    /// [`Engine::scorecard`] with a scratch space the caller owns: no lock is taken.
    pub fn scorecard_in(
        &self,
        scratch: &mut Scratch,
        index: usize,
        record: &Record,
        context: &RowContext,
    ) -> std::result::Result<Scorecard, Box<Diagnostic>> {
        let rubric = &self.rubrics[index];
        self.prepare_fields(record, scratch);
        let id = row_id(rubric, record, context)?;
        let name = rubric.name_column.and_then(|c| record.fields.get(c)).unwrap_or("").trim().to_string();
        let mut warnings = Vec::new();
        self.damage(record, context, &mut warnings);
        let mut terms = self.terms_outcomes(rubric, record, scratch, true).into_iter();
        let mut evaluate = |check: &CompiledCheck, terms: Option<TermsOutcome>| {
            self.evaluate(check, terms, record, context, &mut warnings)
        };
        let outcomes: Vec<Vec<Outcome>> = rubric
            .competencies
            .iter()
            .map(|c| c.criteria.iter().map(|k| evaluate(k, terms.next().flatten())).collect())
            .collect();
        let requirements: Vec<RequirementScore> = rubric
            .requirements
            .iter()
            .zip(&rubric.rubric.requirements)
            .map(|(check, r)| {
                let outcome = evaluate(check, terms.next().flatten());
                let status = RequirementStatus::judge(outcome.credit, r.at_least, outcome.stated);
                RequirementScore {
                    passed: status == RequirementStatus::Met,
                    status,
                    credit: outcome.credit,
                    detail: outcome.detail,
                }
            })
            .collect();
        let requirements_status = requirements.iter().map(|r| r.status).max().unwrap_or_default();
        let (total, competencies) = combine(&rubric.rubric, outcomes);
        let scores: Vec<f64> = competencies.iter().map(|c| c.score).collect();
        let hidden = rubric
            .blind_hidden
            .iter()
            .filter_map(|&c| record.fields.get(c).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string))
            .collect();
        Ok(Scorecard {
            line: record.line,
            id,
            name,
            total,
            competencies,
            requirements,
            meets_requirements: requirements_status == RequirementStatus::Met,
            requirements_status,
            core_score: rubric.rubric.core_score(&scores),
            core: rubric.rubric.core_documented(&scores),
            warnings,
            hidden,
            words: scratch.fields.iter().map(PreparedField::len).sum(),
        })
    }

    /// The totals without the explanation. With a cutoff, a row that cannot reach it gets its
    /// upper bound instead (see [`Engine::summarize_for_top`]).
    fn totals(
        &self,
        rubric: &CompiledRubric,
        record: &Record,
        scratch: &mut Scratch,
        context: &RowContext,
        warnings: &mut Vec<Diagnostic>,
        cutoff: Option<&crate::rank::Cutoff>,
    ) -> Totals {
        // Every value check once, with its warnings: requirements first, then criteria.
        let criteria: usize = rubric.competencies.iter().map(|c| c.criteria.len()).sum();
        let mut values = std::mem::take(&mut scratch.values);
        values.clear();
        values.resize(criteria + rubric.requirements.len(), (f64::NAN, false));
        let requirements = rubric.requirements.iter().enumerate().map(|(i, check)| (criteria + i, check));
        let criteria_checks = rubric.competencies.iter().flat_map(|c| c.criteria.iter()).enumerate();
        for (index, check) in requirements.chain(criteria_checks) {
            if !matches!(check, CompiledCheck::Terms { .. }) {
                let outcome = self.evaluate(check, None, record, context, warnings);
                values[index] = (outcome.credit, outcome.stated);
            }
        }
        let mut scores = std::mem::take(&mut scratch.scores);
        if let Some(cutoff) = cutoff {
            self.upper_credits(rubric, scratch);
            let bound = self.combine_totals(rubric, &values, &scratch.term_credits, true, scores);
            if !cutoff.admits(bound.standing(), bound.total) {
                scratch.values = values;
                return bound;
            }
            scores = bound.scores;
        }
        self.term_credits(rubric, record, scratch);
        let totals = self.combine_totals(rubric, &values, &scratch.term_credits, false, scores);
        scratch.values = values;
        totals
    }

    /// Totals from the credits of every check in [`terms::checks`] order: `values` for value
    /// checks, `term_credits` for `terms`.
    fn combine_totals(
        &self,
        rubric: &CompiledRubric,
        values: &[(f64, bool)],
        term_credits: &[TermsCredit],
        bound: bool,
        mut scores: Vec<f64>,
    ) -> Totals {
        let judged = |index: usize| match term_credits[index].credit {
            credit if credit.is_nan() => values[index],
            credit => (credit, term_credits[index].denied),
        };
        let criteria: usize = rubric.competencies.iter().map(|c| c.criteria.len()).sum();
        let requirements = rubric
            .rubric
            .requirements
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (credit, stated) = judged(criteria + i);
                RequirementStatus::judge(credit, r.at_least, stated)
            })
            .max()
            .unwrap_or_default();
        scores.clear();
        let mut index = 0;
        for competency in &rubric.rubric.competencies {
            let credits = (index..index + competency.criteria.len()).map(|i| judged(i).0);
            scores
                .push(100.0 * crate::rubric::weighted_score(competency.criteria.iter().map(|c| c.weight).zip(credits)));
            index += competency.criteria.len();
        }
        let total = rubric.rubric.total(&scores);
        let core = rubric.rubric.core_documented(&scores);
        Totals { total, scores, requirements, core, bound }
    }

    /// [`terms::upper_credits`] of a rubric on the prepared row, into `scratch.term_credits`.
    fn upper_credits(&self, rubric: &CompiledRubric, scratch: &mut Scratch) {
        let Scratch { cache, fields, terms: buffers, term_credits, .. } = scratch;
        // The bound reads which words occur, never the text.
        let row = RowText { fields, texts: Vec::new(), names: Vec::new(), cache };
        terms::upper_credits(rubric, &self.matcher, &row, buffers, term_credits);
    }

    fn row_texts<'r>(&self, record: &'r Record) -> Vec<&'r str> {
        self.text_columns.iter().map(|&c| record.fields.get(c).unwrap_or("")).collect()
    }

    /// The credits of every `terms` check of a rubric on the prepared row, in [`terms::checks`]
    /// order, into `scratch.term_credits`.
    fn term_credits(&self, rubric: &CompiledRubric, record: &Record, scratch: &mut Scratch) {
        self.read_contexts(record, scratch);
        let Scratch { cache, fields, terms: buffers, term_credits, .. } = scratch;
        if self.reference {
            let texts = self.row_texts(record);
            let row = RowText { fields, texts, names: Vec::new(), cache };
            let outcomes = reference::evaluate(rubric, &self.matcher, &row, false);
            term_credits.clear();
            term_credits.extend(outcomes.iter().map(|o| match o {
                Some(o) => TermsCredit { credit: o.credit, denied: o.denied },
                None => TermsCredit { credit: f64::NAN, denied: false },
            }));
            return;
        }
        // The texts are read only where a field repeats a frame (see `terms::repeated_frames`).
        let texts = self.row_texts(record);
        let row = RowText { fields, texts, names: Vec::new(), cache };
        terms::credits(rubric, &self.matcher, &row, buffers, term_credits);
    }

    /// Every `terms` check of a rubric on the prepared row, in [`terms::checks`] order.
    fn terms_outcomes(
        &self,
        rubric: &CompiledRubric,
        record: &Record,
        scratch: &mut Scratch,
        explain: bool,
    ) -> Vec<Option<TermsOutcome>> {
        self.read_contexts(record, scratch);
        let Scratch { cache, fields, terms: buffers, .. } = scratch;
        let row = RowText {
            fields,
            texts: self.text_columns.iter().map(|&c| record.fields.get(c).unwrap_or("")).collect(),
            names: self.text_columns.iter().map(|&c| self.column_names[c].as_str()).collect(),
            cache,
        };
        if self.reference {
            reference::evaluate(rubric, &self.matcher, &row, explain)
        } else {
            terms::evaluate(rubric, &self.matcher, &row, buffers, explain)
        }
    }

    /// Tokenises the row's text fields. Their contexts are read only when terms are looked for
    /// ([`Engine::read_contexts`]): a row left out by its upper bound never needs them.
    fn prepare_fields(&self, record: &Record, scratch: &mut Scratch) {
        scratch.cache.start_row(&self.matcher);
        scratch.fields.resize_with(self.text_columns.len(), PreparedField::default);
        for (slot, column) in self.text_columns.iter().enumerate() {
            let text = record.fields.get(*column).unwrap_or("");
            scratch.fields[slot].prepare_words(slot, text, &self.matcher, &mut scratch.cache);
        }
        scratch.contexts_read = false;
    }

    /// Reads the context of every prepared field, once per row.
    fn read_contexts(&self, record: &Record, scratch: &mut Scratch) {
        if scratch.contexts_read {
            return;
        }
        for (slot, column) in self.text_columns.iter().enumerate() {
            let text = record.fields.get(*column).unwrap_or("");
            scratch.fields[slot].read_context(text, &self.matcher);
        }
        scratch.contexts_read = true;
    }

    fn evaluate(
        &self,
        check: &CompiledCheck,
        terms: Option<TermsOutcome>,
        record: &Record,
        context: &RowContext,
        warnings: &mut Vec<Diagnostic>,
    ) -> Outcome {
        let cell = |column: usize| record.fields.get(column).unwrap_or("");
        let location = |column: usize, kind: Kind| {
            Diagnostic::new(cell_location(context, record, column), kind)
                .column(&self.column_names[column])
                .value(cell(column).trim())
        };
        match check {
            CompiledCheck::Terms { .. } => {
                let terms = terms.unwrap_or_default();
                let detail = Detail { value: None, evidence: terms.evidence, missing: terms.missing, note: None };
                Outcome { credit: terms.credit, stated: terms.denied, detail }
            }
            CompiledCheck::Number { column, rule } => number_outcome(
                cell(*column),
                rule,
                context.decimal_comma,
                || location(*column, Kind::NotANumber),
                warnings,
            ),
            CompiledCheck::Choice { column, choices } => choice_outcome(cell(*column), choices),
            CompiledCheck::Flag { column } => {
                flag_outcome(cell(*column), || location(*column, Kind::NeitherYesNorNo), warnings)
            }
        }
    }

    /// A warning for each cell that held bytes that are not UTF-8.
    fn damage(&self, record: &Record, context: &RowContext, warnings: &mut Vec<Diagnostic>) {
        for &(field, sequences) in &record.damaged {
            let location = cell_location(context, record, field);
            warnings.push(Diagnostic::new(location, Kind::NotUtf8 { sequences }).column(&self.column_names[field]));
        }
    }
}

fn row_id(
    rubric: &CompiledRubric,
    record: &Record,
    context: &RowContext,
) -> std::result::Result<String, Box<Diagnostic>> {
    let id = match rubric.id_column {
        Some(column) => record.fields.get(column).unwrap_or("").trim().to_string(),
        None => record.line.to_string(),
    };
    if id.is_empty() {
        let column = rubric.id_column.map_or("id", |c| rubric.column_name(c));
        let location = Location::line(context.path.clone(), record.line);
        return Err(Box::new(Diagnostic::new(location, Kind::BlankId).column(column)));
    }
    Ok(id)
}

/// The location of a cell: file, line and 1-based field.
fn cell_location(context: &RowContext, record: &Record, column: usize) -> Location {
    Location { path: context.path.clone(), line: Some(record.line), column: Some(column as u64 + 1) }
}

/// 100·Σwᵢ·creditᵢ/Σwᵢ ([`crate::rubric::weighted_score`] of the criteria).
fn competency_score(weights: impl Iterator<Item = f64> + Clone, credits: &[f64]) -> f64 {
    100.0 * crate::rubric::weighted_score(weights.zip(credits.iter().copied()))
}

/// Competency score = 100·Σwᵢ·creditᵢ/Σwᵢ; total = ΣWₖ·scoreₖ/ΣWₖ ([`Rubric::total`], as pass 1
/// computes it); points = 100·(Wₖ/ΣW)·(wᵢ/Σw)·creditᵢ, so that points add up to the total.
fn combine(rubric: &Rubric, outcomes: Vec<Vec<Outcome>>) -> (f64, Vec<CompetencyScore>) {
    let total_weight = rubric.total_weight();
    let mut competencies = Vec::with_capacity(outcomes.len());
    for (competency, outcomes) in rubric.competencies.iter().zip(outcomes) {
        let weights = competency.criteria.iter().map(|c| c.weight);
        let credits: Vec<f64> = outcomes.iter().map(|o| o.credit).collect();
        let score = competency_score(weights, &credits);
        let criterion_weight: f64 = competency.criteria.iter().map(|c| c.weight).sum();
        let share = competency.weight / total_weight;
        let criteria = outcomes
            .into_iter()
            .zip(&competency.criteria)
            .map(|(outcome, criterion)| CriterionScore {
                credit: outcome.credit,
                points: 100.0 * share * (criterion.weight / criterion_weight) * outcome.credit,
                detail: outcome.detail,
            })
            .collect();
        competencies.push(CompetencyScore { score, criteria });
    }
    let scores: Vec<f64> = competencies.iter().map(|c| c.score).collect();
    (rubric.total(&scores), competencies)
}

struct Outcome {
    credit: f64,
    /// Whether the application states a value a requirement can be judged by: a number, a listed
    /// choice, an explicit yes or no; for terms, occurrences that are all denied (see
    /// [`RequirementStatus`]). A blank or unreadable cell, or terms not found, state nothing.
    stated: bool,
    detail: Detail,
}

impl Outcome {
    fn new(credit: f64, value: Option<Value>, note: Option<String>) -> Outcome {
        Outcome { credit, stated: false, detail: Detail { value, evidence: Vec::new(), missing: Vec::new(), note } }
    }

    fn stated(self) -> Outcome {
        Outcome { stated: true, ..self }
    }
}

fn number_outcome(
    cell: &str,
    rule: &NumberRule,
    decimal_comma: bool,
    diagnostic: impl Fn() -> Diagnostic,
    warnings: &mut Vec<Diagnostic>,
) -> Outcome {
    match parse_number(cell, decimal_comma) {
        Ok(value) => Outcome::new(rule.credit(value), Some(Value::Number(value)), None).stated(),
        Err(NumberError::Blank) => Outcome::new(0.0, None, Some("blank".to_string())),
        Err(NumberError::Invalid) => {
            warnings.push(diagnostic());
            Outcome::new(0.0, Some(Value::Text(cell.to_string())), Some(format!("'{}' is not a number", cell.trim())))
        }
    }
}

fn choice_outcome(cell: &str, choices: &[(String, f64)]) -> Outcome {
    let key = token_key(cell);
    let value = (!cell.trim().is_empty()).then(|| Value::Text(cell.to_string()));
    match choices.iter().find(|(k, _)| *k == key) {
        Some((_, credit)) => Outcome::new(*credit, value, None).stated(),
        None if key.is_empty() => Outcome::new(0.0, value, Some("blank".to_string())),
        None => Outcome::new(0.0, value, Some(format!("'{}' is not one of the listed choices", cell.trim()))),
    }
}

fn flag_outcome(cell: &str, diagnostic: impl Fn() -> Diagnostic, warnings: &mut Vec<Diagnostic>) -> Outcome {
    let key = token_key(cell);
    let value = (!cell.trim().is_empty()).then(|| Value::Text(cell.to_string()));
    if YES.contains(&key.as_str()) {
        Outcome::new(1.0, value, None).stated()
    } else if key.is_empty() {
        // A blank flag earns no credit, and says nothing either way.
        Outcome::new(0.0, value, None)
    } else if NO.contains(&key.as_str()) {
        Outcome::new(0.0, value, None).stated()
    } else {
        warnings.push(diagnostic());
        Outcome::new(0.0, value, Some(format!("'{}' is neither yes nor no", cell.trim())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_weight_keeps_its_precision() {
        // One criterion of weight 1e-320 (subnormal), credit 1/3: its share is 1e-320/1e-320 = 1, so
        // the score is 100·1·(1/3). Multiplying first, 1e-320·(1/3) keeps only a few significant
        // bits, and the score came out as 33.333498 while the criterion's points were 33.333333.
        let score = competency_score([1e-320].into_iter(), &[1.0 / 3.0]);
        assert!((score - 100.0 / 3.0).abs() < 1e-12, "{score}");
    }
}
