//! Scoring records from your own program: no file, no header type, no line numbers.
//!
//! A [`Scorer`] is the rubrics compiled against a list of column names. It is immutable, `Send`
//! and `Sync`: build it once and share it (by reference or in an `Arc`) between any threads. The
//! scratch space scoring needs (the token cache and the prepared fields) is a [`Cache`] that the
//! caller owns and passes in, one per thread, as with regex-automata's `Cache`. No lock is taken,
//! so a web server's workers or a data engine's executors score in parallel without waiting on
//! each other, whether or not they are rayon threads.
//!
//! The file pipeline ([`crate::pipeline`]) scores through the same [`Engine`] methods, so a record
//! scored here gets exactly the scorecard and total that `profilmatch score` gives it.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};
use crate::input::{Header, Record};
use crate::rubric::Rubric;
use crate::score::{Engine, RowContext, Scorecard, Scratch, Summary};

/// Rubrics compiled against a list of column names, ready to score records given as fields.
///
/// ```
/// use profilmatch::{rubric, scorer::Scorer};
///
/// let rubric = rubric::parse("r.toml", r#"
///     [rubric]
///     id = "r"
///     title = "Direktør"
///     organisation = "Eksempel Kommune"
///     source = "profile"
///     version = "1"
///     [[competency]]
///     id = "oekonomi"
///     label = "Økonomi"
///     source = "..."
///     [[competency.criterion]]
///     id = "budget"
///     label = "Budget"
///     source = "..."
///     kind = "terms"
///     terms = ["budget*", "byråd"]
///     need = 2
/// "#)?;
/// let scorer = Scorer::new(vec![rubric], &["id", "name", "cv"])?;
/// let mut cache = scorer.cache();
///
/// let ann = scorer.scorecard(&mut cache, 0, &["1", "Ann", "budgetansvar og byråd"])?;
/// let bo = scorer.scorecard(&mut cache, 0, &["2", "Bo", "budgetansvar"])?;
/// // Ann's text has both terms ("budget*" as a prefix of "budgetansvar", and "byråd"): 2 of need
/// // 2 gives credit 1 and 100 points. Bo's has one of the two: credit 1/2, 50 points.
/// assert_eq!((ann.id.as_str(), ann.total), ("1", 100.0));
/// assert_eq!((bo.id.as_str(), bo.total), ("2", 50.0));
/// assert_eq!(ann.competencies[0].criteria[0].detail.evidence[0].text, "budgetansvar");
///
/// // A record without an id is rejected with its reason, as a row of a file would be.
/// let blank = scorer.scorecard(&mut cache, 0, &[" ", "Cy", "byråd"]).unwrap_err();
/// assert_eq!(blank.to_string(), "record: blank id in column 'id'");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Scorer {
    engine: Engine,
    context: RowContext,
    columns: usize,
    /// Tells this scorer's caches from another's (a cache holds matches against one vocabulary).
    identity: u64,
}

/// How a [`Scorer`] reads records.
#[derive(Debug, Clone)]
pub struct ScorerOptions {
    /// The name diagnostics give as the records' source (`record` by default).
    pub source: String,
    /// Numbers are written with a decimal comma (`12,5`; `2.400` is 2400). Off by default: the
    /// file pipeline detects this per file, and a caller knows its own data.
    pub decimal_comma: bool,
}

impl Default for ScorerOptions {
    fn default() -> ScorerOptions {
        ScorerOptions { source: "record".to_string(), decimal_comma: false }
    }
}

/// One thread's scratch space for a [`Scorer`]: the token cache and the prepared fields, reused
/// from record to record. Make one per thread with [`Scorer::cache`]; a cache is `Send`, so it can
/// move between threads, but it is used by one at a time (`&mut`).
///
/// A cache passed to another scorer than the one that made it is emptied first, so it is never
/// wrong, only cold.
#[derive(Debug)]
pub struct Cache {
    scratch: Scratch,
    record: Record,
    warnings: Vec<Vec<Diagnostic>>,
    identity: u64,
}

/// Why a record was not scored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// The record is rejected, as a file's row would be: its id is blank, or it has another
    /// number of fields than the scorer has columns.
    #[error("{0}")]
    Rejected(Box<Diagnostic>),
    /// There is no rubric with this index.
    #[error("there is no rubric {index}: the scorer has {count}")]
    NoSuchRubric {
        /// The index asked for.
        index: usize,
        /// How many rubrics the scorer has.
        count: usize,
    },
}

static NEXT_IDENTITY: AtomicU64 = AtomicU64::new(0);

impl Scorer {
    /// Compiles `rubrics` against the column names `header`, with the default [`ScorerOptions`].
    ///
    /// Fails as the file pipeline does when a rubric names a column that is not in `header`
    /// (all problems of all rubrics together) or two names normalise alike, and also when a
    /// rubric's id column is missing: a file's rows could fall back on their line numbers, but
    /// records given one by one have none.
    pub fn new(rubrics: Vec<Rubric>, header: &[&str]) -> Result<Scorer> {
        Scorer::with_options(rubrics, header, ScorerOptions::default())
    }

    /// [`Scorer::new`] with options.
    pub fn with_options(rubrics: Vec<Rubric>, header: &[&str], options: ScorerOptions) -> Result<Scorer> {
        let names = header.iter().map(|name| name.to_string()).collect();
        let header = Header::new(names, &Location::file(&options.source))?;
        let columns = header.names().len();
        let engine = Engine::new(rubrics, &header, &options.source)?;
        if let Some(rubric) = engine.rubrics.iter().find(|r| r.id_column.is_none()) {
            let message = format!(
                "rubric '{}': its id column '{}' is not among the columns; each record needs an id",
                rubric.rubric.meta.id, rubric.rubric.columns.id.name
            );
            return Err(Error::input(Location::file(&options.source), message));
        }
        let context = RowContext { path: options.source, decimal_comma: options.decimal_comma, delimiter: b',' };
        Ok(Scorer { engine, context, columns, identity: NEXT_IDENTITY.fetch_add(1, Ordering::Relaxed) })
    }

    /// A new, empty scratch space for this scorer: one per thread.
    pub fn cache(&self) -> Cache {
        Cache {
            scratch: Scratch::default(),
            record: Record { line: 0, offset: 0, fields: crate::input::Fields::new(), damaged: Vec::new() },
            warnings: vec![Vec::new(); self.engine.rubrics.len()],
            identity: self.identity,
        }
    }

    /// The rubrics, in the order given (rubric `i` is the `i` of [`Scorer::scorecard`]).
    pub fn rubrics(&self) -> impl ExactSizeIterator<Item = &Rubric> {
        self.engine.rubrics.iter().map(|compiled| &compiled.rubric)
    }

    /// Scores a record (its fields in the order of the header) against rubric `rubric`, with the
    /// full explanation: criterion points that add up to the total, evidence and cell warnings.
    ///
    /// Diagnostics name the [`ScorerOptions::source`] and the field, and no line; the
    /// scorecard's `line` is 0.
    pub fn scorecard(&self, cache: &mut Cache, rubric: usize, fields: &[&str]) -> Result<Scorecard, ScoreError> {
        let count = self.engine.rubrics.len();
        if rubric >= count {
            return Err(ScoreError::NoSuchRubric { index: rubric, count });
        }
        self.load(cache, fields)?;
        let mut card = self.engine.scorecard_in(&mut cache.scratch, rubric, &cache.record, &self.context);
        if let Ok(card) = &mut card {
            card.warnings.iter_mut().for_each(unlocate);
        }
        card.map_err(rejected)
    }

    /// Scores a record against every rubric for ranking: one summary (id, total, requirement flag
    /// and competency scores) or rejection per rubric, in rubric order. Cheaper than
    /// [`Scorer::scorecard`]: no evidence is collected and the fields are prepared once for all
    /// rubrics. Cell warnings are left out; the scorecard has them.
    pub fn summaries(&self, cache: &mut Cache, fields: &[&str]) -> Vec<Result<Summary, ScoreError>> {
        if let Err(error) = self.load(cache, fields) {
            return vec![Err(error); self.engine.rubrics.len()];
        }
        let Cache { scratch, record, warnings, .. } = cache;
        let summaries = self.engine.summarize_in(scratch, record, &self.context, true, warnings);
        warnings.iter_mut().for_each(Vec::clear);
        summaries.into_iter().map(|summary| summary.map_err(rejected)).collect()
    }

    /// Puts `fields` into the cache's record, after emptying a cache made by another scorer.
    fn load(&self, cache: &mut Cache, fields: &[&str]) -> Result<(), ScoreError> {
        if cache.identity != self.identity {
            *cache = self.cache();
        }
        let expected = self.columns;
        if fields.len() != expected {
            let kind = Kind::FieldCount { found: fields.len(), expected };
            return Err(ScoreError::Rejected(Box::new(Diagnostic::new(Location::file(&self.context.path), kind))));
        }
        cache.record.fields.clear();
        for field in fields {
            cache.record.fields.push_field(field);
        }
        Ok(())
    }
}

/// Records given one by one have no line: a diagnostic names the source and the field only.
fn unlocate(diagnostic: &mut Diagnostic) {
    diagnostic.location.line = None;
}

fn rejected(mut diagnostic: Box<Diagnostic>) -> ScoreError {
    unlocate(&mut diagnostic);
    ScoreError::Rejected(diagnostic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    const RUBRIC: &str = r#"
        [rubric]
        id = "r"
        title = "t"
        organisation = "o"
        source = "s"
        version = "1"
        [[competency]]
        id = "c"
        label = "c"
        source = "s"
        [[competency.criterion]]
        id = "budget"
        label = "b"
        source = "s"
        kind = "terms"
        terms = ["budget"]
        [[competency.criterion]]
        id = "years"
        label = "y"
        source = "s"
        kind = "number"
        field = "years"
        curve = [[0, 0], [10, 1]]
    "#;

    fn scorer(header: &[&str]) -> Result<Scorer> {
        scorer_of_term("budget", header)
    }

    /// The rubric above with `term` in place of `budget`.
    fn scorer_of_term(term: &str, header: &[&str]) -> Result<Scorer> {
        let text = RUBRIC.replace(r#"terms = ["budget"]"#, &format!("terms = [{term:?}]"));
        Scorer::new(vec![crate::rubric::parse("r.toml", &text)?], header)
    }

    #[test]
    fn a_record_with_another_number_of_fields_is_rejected() {
        let scorer = scorer(&["id", "cv", "years"]).unwrap();
        let error = scorer.scorecard(&mut scorer.cache(), 0, &["1", "budget"]).unwrap_err();
        assert_eq!(error.to_string(), "record: found 2 fields, but the header has 3");
        let summaries = scorer.summaries(&mut scorer.cache(), &["1"]);
        assert!(matches!(&summaries[..], [Err(ScoreError::Rejected(_))]), "{summaries:?}");
    }

    #[test]
    fn a_cell_warning_names_the_column_and_no_line() {
        let scorer = scorer(&["id", "cv", "years"]).unwrap();
        let card = scorer.scorecard(&mut scorer.cache(), 0, &["1", "budget", "ti"]).unwrap();
        assert_eq!(card.warnings.len(), 1);
        assert_eq!(card.warnings[0].location, Location { path: "record".into(), line: None, column: Some(3) });
        // Budget found (credit 1), years not a number (credit 0), equal weights: 100·(1+0)/2 = 50.
        assert_eq!(card.total, 50.0);
    }

    #[test]
    fn a_cache_from_another_scorer_is_emptied_not_trusted() {
        // Both rubrics have one term, so in both vocabularies it is term 0: a cache warmed on the
        // first, trusted by the second, would find "byråd" wherever the first found "budget".
        let first = scorer_of_term("budget", &["id", "cv", "years"]).unwrap();
        let second = scorer_of_term("byråd", &["id", "cv", "years"]).unwrap();
        let mut cache = first.cache();
        // Budget found and 10 of 10 years: credits 1 and 1, 100 points.
        assert_eq!(first.scorecard(&mut cache, 0, &["1", "budget", "10"]).unwrap().total, 100.0);
        // No "byråd", 10 years: credits 0 and 1, equal weights, 100·(0+1)/2 = 50.
        assert_eq!(second.scorecard(&mut cache, 0, &["1", "budget", "10"]).unwrap().total, 50.0);
        let mut cache = first.cache();
        first.summaries(&mut cache, &["1", "budget", "10"]);
        assert_eq!(second.summaries(&mut cache, &["1", "budget", "10"])[0].as_ref().unwrap().total, 50.0);
    }

    #[test]
    fn a_missing_id_column_is_an_error_not_a_line_number() {
        let error = scorer(&["cv", "years"]).unwrap_err();
        assert!(error.to_string().contains("its id column 'id' is not among the columns"), "{error}");
    }

    #[test]
    fn an_unknown_rubric_index_is_an_error() {
        let scorer = scorer(&["id", "cv", "years"]).unwrap();
        let error = scorer.scorecard(&mut scorer.cache(), 1, &["1", "budget", "1"]).unwrap_err();
        assert_eq!(error, ScoreError::NoSuchRubric { index: 1, count: 1 });
    }

    #[test]
    fn a_scorer_is_shared_and_a_cache_moves_between_threads() {
        assert_send_sync::<Scorer>();
        fn assert_send<T: Send>() {}
        assert_send::<Cache>();
    }
}
