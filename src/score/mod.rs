//! Scoring: applicant records against one or more compiled rubrics.
//!
//! An [`Engine`] holds every rubric bound to one file's header, with one shared term vocabulary, so
//! that a row is tokenised and matched once however many rubrics score it. Each worker thread keeps
//! its own token cache for the whole run (matching costs per distinct token, and no thread waits
//! on another). A row gives either a light [`Summary`] (what ranking needs) or a full
//! [`Scorecard`] whose criterion points add up to its total, with the evidence quoted from the
//! applicant's own text.

mod card;

pub use card::*;

use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};
use crate::input::{Header, NumberError, Record, parse_number};
use crate::rubric::{CompiledCheck, CompiledRubric, NumberRule, Rubric};
use crate::text::{Matcher, PreparedField, TokenCache, token_key};

/// Per-worker state reused across rows: the token cache and tokenised fields.
#[derive(Debug, Default)]
pub struct Scratch {
    cache: TokenCache,
    fields: Vec<PreparedField>,
    credits: Vec<f64>,
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
    /// Whether every requirement passed.
    pub meets_requirements: bool,
    /// Competency scores, unrounded, in rubric order (kept only when asked for).
    pub scores: Box<[f64]>,
}

const YES: &[&str] = &["ja", "yes", "true", "1", "x", "j", "y"];
const NO: &[&str] = &["nej", "no", "false", "0", "n", ""];
const SNIPPET_CHARS: usize = 60;

/// Rubrics bound to one applicant file's header, sharing one vocabulary.
#[derive(Debug)]
pub struct Engine {
    /// The compiled rubrics, in the order given.
    pub rubrics: Vec<CompiledRubric>,
    matcher: Matcher,
    text_columns: Vec<usize>,
    column_names: Vec<String>,
    scratch: Vec<Mutex<Scratch>>,
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
        Ok(Engine { rubrics: compiled, matcher, text_columns, column_names: header.names().to_vec(), scratch })
    }

    /// Matches by the rules as written, without shortcuts (see [`Matcher::set_reference`]).
    pub fn use_reference_matching(&mut self) {
        self.matcher.set_reference(true);
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
        self.with_scratch(|scratch| {
            self.prepare_fields(record, scratch);
            self.rubrics
                .iter()
                .zip(warnings.iter_mut())
                .map(|(rubric, warnings)| {
                    let id = row_id(rubric, record, context)?;
                    self.damage(record, context, warnings);
                    let (total, scores, meets) = self.totals(rubric, record, scratch, context, warnings);
                    let scores = if keep_scores { scores.into_boxed_slice() } else { Box::default() };
                    Ok(Summary { id: id.into(), total, meets_requirements: meets, scores })
                })
                .collect()
        })
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
            let (total, scores, meets_requirements) = self.totals(rubric, record, scratch, context, &mut Vec::new());
            Ok(RowView { id, name, total, scores, meets_requirements })
        })
    }

    /// Scores a record against rubric `index` with the full explanation.
    pub fn scorecard(
        &self,
        index: usize,
        record: &Record,
        context: &RowContext,
    ) -> std::result::Result<Scorecard, Box<Diagnostic>> {
        let rubric = &self.rubrics[index];
        self.with_scratch(|scratch| {
            self.prepare_fields(record, scratch);
            let id = row_id(rubric, record, context)?;
            let name = rubric.name_column.and_then(|c| record.fields.get(c)).unwrap_or("").trim().to_string();
            let mut warnings = Vec::new();
            self.damage(record, context, &mut warnings);
            let mut evaluate =
                |check: &CompiledCheck| self.evaluate(check, record, scratch, context, &mut warnings, true);
            let outcomes: Vec<Vec<Outcome>> =
                rubric.competencies.iter().map(|c| c.criteria.iter().map(&mut evaluate).collect()).collect();
            let requirements: Vec<RequirementScore> = rubric
                .requirements
                .iter()
                .zip(&rubric.rubric.requirements)
                .map(|(check, r)| {
                    let outcome = evaluate(check);
                    RequirementScore {
                        passed: outcome.credit >= r.at_least,
                        credit: outcome.credit,
                        detail: outcome.detail,
                    }
                })
                .collect();
            let meets_requirements = requirements.iter().all(|r| r.passed);
            let (total, competencies) = combine(&rubric.rubric, outcomes);
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
                meets_requirements,
                warnings,
                hidden,
            })
        })
    }

    /// The totals without the explanation: (total, competency scores, meets requirements).
    fn totals(
        &self,
        rubric: &CompiledRubric,
        record: &Record,
        scratch: &mut Scratch,
        context: &RowContext,
        warnings: &mut Vec<Diagnostic>,
    ) -> (f64, Vec<f64>, bool) {
        let mut credits = std::mem::take(&mut scratch.credits);
        let meets = rubric
            .requirements
            .iter()
            .zip(&rubric.rubric.requirements)
            .all(|(check, r)| self.evaluate(check, record, scratch, context, warnings, false).credit >= r.at_least);
        let total_weight = rubric.rubric.total_weight();
        let mut total = 0.0;
        let mut scores = Vec::with_capacity(rubric.competencies.len());
        for (compiled, competency) in rubric.competencies.iter().zip(&rubric.rubric.competencies) {
            credits.clear();
            for check in &compiled.criteria {
                credits.push(self.evaluate(check, record, scratch, context, warnings, false).credit);
            }
            let score = competency_score(competency.criteria.iter().map(|c| c.weight), &credits);
            total += competency.weight / total_weight * score;
            scores.push(score);
        }
        scratch.credits = credits;
        (total, scores, meets)
    }

    /// A warning for each cell that held bytes that are not UTF-8.
    fn damage(&self, record: &Record, context: &RowContext, warnings: &mut Vec<Diagnostic>) {
        for &(field, sequences) in &record.damaged {
            let location = cell_location(context, record, field);
            warnings.push(Diagnostic::new(location, Kind::NotUtf8 { sequences }).column(&self.column_names[field]));
        }
    }

    fn prepare_fields(&self, record: &Record, scratch: &mut Scratch) {
        scratch.cache.start_row(&self.matcher);
        scratch.fields.resize_with(self.text_columns.len(), PreparedField::default);
        for (slot, column) in self.text_columns.iter().enumerate() {
            let text = record.fields.get(*column).unwrap_or("");
            scratch.fields[slot].prepare(slot, text, &self.matcher, &mut scratch.cache);
        }
    }

    fn evaluate(
        &self,
        check: &CompiledCheck,
        record: &Record,
        scratch: &Scratch,
        context: &RowContext,
        warnings: &mut Vec<Diagnostic>,
        explain: bool,
    ) -> Outcome {
        let cell = |column: usize| record.fields.get(column).unwrap_or("");
        let location = |column: usize, kind: Kind| {
            Diagnostic::new(cell_location(context, record, column), kind)
                .column(&self.column_names[column])
                .value(cell(column).trim())
        };
        match check {
            CompiledCheck::Terms { terms, slots, need } => self.terms(terms, slots, *need, record, scratch, explain),
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

    fn terms(
        &self,
        terms: &[(usize, String)],
        slots: &[usize],
        need: usize,
        record: &Record,
        scratch: &Scratch,
        explain: bool,
    ) -> Outcome {
        let fields = &scratch.fields;
        let mut found_count = 0;
        let mut detail = Detail::default();
        for (term, text) in terms {
            if !explain {
                found_count += usize::from(self.matcher.occurs(*term, slots, fields, &scratch.cache));
                continue;
            }
            let found = self.matcher.find(*term, slots, fields, &scratch.cache);
            found_count += usize::from(found.is_some());
            match found {
                Some(found) => {
                    let column = self.text_columns[slots[found.field]];
                    let field = &fields[slots[found.field]];
                    let original = record.fields.get(column).unwrap_or("");
                    let span = field.spans[found.tokens.start].start..field.spans[found.tokens.end - 1].end;
                    detail.evidence.push(Evidence {
                        term: text.clone(),
                        field: self.column_names[column].clone(),
                        text: original[span.clone()].to_string(),
                        kind: found.kind,
                        similarity: found.similarity,
                        snippet: snippet(original, span.clone()),
                        sentence: sentence(original, span.clone()),
                        offset: span.start,
                        source: None,
                    });
                }
                None => detail.missing.push(text.clone()),
            }
        }
        let credit = (found_count as f64 / need as f64).min(1.0);
        Outcome { credit, detail }
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

/// 100·Σwᵢ·creditᵢ/Σwᵢ, computed as 100·Σ(wᵢ/Σwᵢ)·creditᵢ: with the shares taken first, a tiny
/// (subnormal) weight cannot lose its precision in a product before the division.
fn competency_score(weights: impl Iterator<Item = f64> + Clone, credits: &[f64]) -> f64 {
    let total_weight: f64 = weights.clone().sum();
    100.0 * weights.zip(credits).map(|(w, c)| w / total_weight * c).sum::<f64>()
}

/// Competency score = 100·Σwᵢ·creditᵢ/Σwᵢ; total = ΣWₖ·scoreₖ/ΣWₖ, computed as Σ(Wₖ/ΣW)·scoreₖ;
/// points = 100·(Wₖ/ΣW)·(wᵢ/Σw)·creditᵢ, so that points add up to the total.
fn combine(rubric: &Rubric, outcomes: Vec<Vec<Outcome>>) -> (f64, Vec<CompetencyScore>) {
    let total_weight = rubric.total_weight();
    let mut total = 0.0;
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
        total += share * score;
        competencies.push(CompetencyScore { score, criteria });
    }
    (total, competencies)
}

struct Outcome {
    credit: f64,
    detail: Detail,
}

impl Outcome {
    fn new(credit: f64, value: Option<Value>, note: Option<String>) -> Outcome {
        Outcome { credit, detail: Detail { value, evidence: Vec::new(), missing: Vec::new(), note } }
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
        Ok(value) => Outcome::new(rule.credit(value), Some(Value::Number(value)), None),
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
        Some((_, credit)) => Outcome::new(*credit, value, None),
        None if key.is_empty() => Outcome::new(0.0, value, Some("blank".to_string())),
        None => Outcome::new(0.0, value, Some(format!("'{}' is not one of the listed choices", cell.trim()))),
    }
}

fn flag_outcome(cell: &str, diagnostic: impl Fn() -> Diagnostic, warnings: &mut Vec<Diagnostic>) -> Outcome {
    let key = token_key(cell);
    let value = (!cell.trim().is_empty()).then(|| Value::Text(cell.to_string()));
    if YES.contains(&key.as_str()) {
        Outcome::new(1.0, value, None)
    } else if NO.contains(&key.as_str()) {
        Outcome::new(0.0, value, None)
    } else {
        warnings.push(diagnostic());
        Outcome::new(0.0, value, Some(format!("'{}' is neither yes nor no", cell.trim())))
    }
}

/// About 60 characters of `text` around `span`, on one line, with `…` where it was cut.
fn snippet(text: &str, span: std::ops::Range<usize>) -> String {
    let matched = text[span.clone()].chars().count();
    let room = SNIPPET_CHARS.saturating_sub(matched) / 2;
    let before: Vec<(usize, char)> = text[..span.start].char_indices().collect();
    // `room` characters before the match; none (the match itself is 59 characters or more) leaves
    // the snippet starting at the match.
    let start = before.len().checked_sub(room).map_or(0, |i| before.get(i).map_or(span.start, |c| c.0));
    let end = text[span.end..].char_indices().nth(room).map_or(text.len(), |(i, _)| span.end + i);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&text[start..end].split_whitespace().collect::<Vec<_>>().join(" "));
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Sentences longer than this many characters (a pasted list of keywords, a text without full
/// stops) are shown as this many characters around the match, cut between words, with `…`.
pub const SENTENCE_CHARS: usize = 320;

/// The whole sentence of `text` that holds `span`, on one line.
///
/// A sentence ends at a line break, or at `.`, `!` or `?` followed by white space and a capital
/// letter (or the end of the text), so that Danish abbreviations inside a sentence (`ca. 165`,
/// `4,8 mia. kr. og`, `bl.a.`) do not end it. A sentence longer than [`SENTENCE_CHARS`] is cut to
/// about that many characters around the match, between words, with `…` where it was cut.
///
/// ```
/// use profilmatch::score::sentence;
/// let text = "Jeg er cand.polit. Siden 2017 har jeg haft budgetansvar for ca. 4,8 mia. kr. i alt. Jeg leder 3 chefer.";
/// let at = text.find("budgetansvar").unwrap();
/// assert_eq!(sentence(text, at..at + 12), "Siden 2017 har jeg haft budgetansvar for ca. 4,8 mia. kr. i alt.");
/// ```
pub fn sentence(text: &str, span: std::ops::Range<usize>) -> String {
    let start = sentence_start(text, span.start);
    let end = sentence_end(text, span.end);
    let whole: String = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    if whole.chars().count() <= SENTENCE_CHARS {
        return whole;
    }
    // Too long to be read as a sentence: a window around the match, cut between words.
    let matched = text[span.clone()].chars().count();
    let room = SENTENCE_CHARS.saturating_sub(matched) / 2;
    let mut from = text[start..span.start].char_indices().rev().nth(room).map_or(start, |(i, _)| start + i);
    let mut to = text[span.end..end].char_indices().nth(room).map_or(end, |(i, _)| span.end + i);
    if from > start {
        from = text[from..span.start].find(char::is_whitespace).map_or(span.start, |i| from + i);
    }
    if to < end {
        to = text[span.end..to].rfind(char::is_whitespace).map_or(span.end, |i| span.end + i);
    }
    let mut out = String::new();
    if from > start {
        out.push('…');
    }
    out.push_str(&text[from..to].split_whitespace().collect::<Vec<_>>().join(" "));
    if to < end {
        out.push('…');
    }
    out
}

fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    // `next` is the first non-space character after a candidate end, scanning backwards.
    let mut next: Option<char> = text[at..].chars().next().filter(|c| !c.is_whitespace());
    for (i, c) in before.char_indices().rev() {
        if c == '\n' || c == '\r' {
            return i + c.len_utf8();
        }
        if matches!(c, '.' | '!' | '?')
            && before[i + 1..].starts_with(char::is_whitespace)
            && next.is_some_and(char::is_uppercase)
        {
            return i + 1 + before[i + 1..].len() - before[i + 1..].trim_start().len();
        }
        if !c.is_whitespace() {
            next = Some(c);
        }
    }
    0
}

fn sentence_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    for (i, c) in after.char_indices() {
        if c == '\n' || c == '\r' {
            return at + i;
        }
        if matches!(c, '.' | '!' | '?') {
            let rest = &after[i + 1..];
            let following = rest.trim_start().chars().next();
            let ends =
                rest.is_empty() || (rest.starts_with(char::is_whitespace) && following.is_none_or(char::is_uppercase));
            if ends {
                return at + i + 1;
            }
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_of(text: &str, word: &str) -> String {
        let at = text.find(word).unwrap();
        sentence(text, at..at + word.len())
    }

    #[test]
    fn sentences_end_at_stops_before_capitals_and_at_line_breaks() {
        // The match itself starts the sentence after a stop.
        assert_eq!(
            sentence_of("Mål for borgerne. Budgetansvar for 68 mio. kr. i alt.", "Budgetansvar"),
            "Budgetansvar for 68 mio. kr. i alt."
        );
        let text = "Jeg har et stort ledelsesrum. Økonomistyring og budgetlægning: Jeg har ansvaret for ca. 165 medarbejdere!\nHR: Sammen med HR-chefen.";
        assert_eq!(
            sentence_of(text, "budgetlægning"),
            "Økonomistyring og budgetlægning: Jeg har ansvaret for ca. 165 medarbejdere!"
        );
        assert_eq!(sentence_of(text, "HR-chefen"), "HR: Sammen med HR-chefen.");
        assert_eq!(sentence_of(text, "ledelsesrum"), "Jeg har et stort ledelsesrum.");
        // No stop at all: the whole (short) text.
        assert_eq!(sentence_of("budget og  ledelse", "ledelse"), "budget og ledelse");
    }

    #[test]
    fn a_very_long_sentence_is_cut_between_words_around_the_match() {
        let words: Vec<String> = (0..200).map(|i| format!("ord{i}")).collect();
        let text = format!("{} budgetansvar {}", words.join(" "), words.join(" "));
        let s = sentence_of(&text, "budgetansvar");
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains(" budgetansvar "), "{s}");
        // At most SENTENCE_CHARS characters plus the two ellipses, and no word cut: every piece
        // between spaces is a whole word of the text.
        assert!(s.chars().count() <= SENTENCE_CHARS + 2);
        for piece in s.trim_matches('…').split(' ') {
            assert!(piece == "budgetansvar" || words.contains(&piece.to_string()), "{piece}");
        }
    }

    #[test]
    fn snippets_are_cut_around_the_match() {
        let text = "a".repeat(100) + " økonomistyring " + &"b".repeat(100);
        let start = 101;
        let end = start + "økonomistyring".len();
        let s = snippet(&text, start..end);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("økonomistyring"));
        // 14 matched characters leave (60 - 14) / 2 = 23 on each side, plus the two ellipses.
        assert_eq!(s.chars().count(), 14 + 23 + 23 + 2);
    }

    #[test]
    fn a_tiny_weight_keeps_its_precision() {
        // One criterion of weight 1e-320 (subnormal), credit 1/3: its share is 1e-320/1e-320 = 1, so
        // the score is 100·1·(1/3). Multiplying first, 1e-320·(1/3) keeps only a few significant
        // bits, and the score came out as 33.333498 while the criterion's points were 33.333333.
        let score = competency_score([1e-320].into_iter(), &[1.0 / 3.0]);
        assert!((score - 100.0 / 3.0).abs() < 1e-12, "{score}");
    }

    #[test]
    fn a_match_longer_than_the_snippet_starts_it() {
        // 70 matched characters leave no room (60 - 70 saturates to 0) on either side.
        let word = format!("budget{}", "x".repeat(64));
        let text = format!("Jeg har {word} i år");
        assert_eq!(snippet(&text, 8..8 + word.len()), format!("…{word}…"));
    }

    #[test]
    fn short_text_is_whole() {
        assert_eq!(snippet("budget\nansvar", 0..6), "budget ansvar");
    }
}
