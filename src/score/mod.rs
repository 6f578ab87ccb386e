//! Scoring: one applicant record against a compiled rubric, giving a [`Scorecard`] whose criterion
//! points add up to its total, with the evidence quoted from the applicant's own text; and scoring
//! many records in parallel with rayon, in a result order that does not depend on the thread count.

mod card;

pub use card::*;

use rayon::prelude::*;

use crate::input::{NumberError, Record, parse_number};
use crate::rubric::{CompiledCheck, CompiledRubric, NumberRule};
use crate::text::{PreparedField, TokenCache, token_key};

/// Per-worker state reused across rows: the token cache and tokenised fields.
#[derive(Debug, Default)]
pub struct Scratch {
    cache: TokenCache,
    fields: Vec<PreparedField>,
}

/// What scoring needs to know about the file a record comes from.
#[derive(Debug, Clone)]
pub struct RowContext {
    /// The input file as named by the user (for warnings).
    pub path: String,
    /// Whether numbers use a decimal comma.
    pub decimal_comma: bool,
}

const YES: &[&str] = &["ja", "yes", "true", "1", "x", "j", "y"];
const NO: &[&str] = &["nej", "no", "false", "0", "n", ""];
const SNIPPET_CHARS: usize = 60;

impl CompiledRubric {
    /// Scores one record. Errors (with the reason) when the row cannot be scored: a blank id.
    pub fn score(
        &self,
        record: &Record,
        scratch: &mut Scratch,
        context: &RowContext,
    ) -> Result<Scorecard, String> {
        let id = match self.id_column {
            Some(column) => record.fields.get(column).unwrap_or("").trim().to_string(),
            None => record.line.to_string(),
        };
        if id.is_empty() {
            let column = self.id_column.map_or("id", |c| self.column_name(c));
            return Err(format!("blank id in column '{column}'"));
        }
        let name = self
            .name_column
            .and_then(|c| record.fields.get(c))
            .unwrap_or("")
            .trim()
            .to_string();
        self.prepare_fields(record, scratch);
        let mut warnings = Vec::new();
        let mut evaluate =
            |check: &CompiledCheck| self.evaluate(check, record, scratch, context, &mut warnings);
        let outcomes: Vec<Vec<Outcome>> = self
            .competencies
            .iter()
            .map(|c| c.criteria.iter().map(&mut evaluate).collect())
            .collect();
        let requirement_outcomes: Vec<Outcome> =
            self.requirements.iter().map(&mut evaluate).collect();
        let requirements: Vec<RequirementScore> = requirement_outcomes
            .into_iter()
            .zip(&self.rubric.requirements)
            .map(|(outcome, r)| RequirementScore {
                passed: outcome.credit >= r.at_least,
                credit: outcome.credit,
                detail: outcome.detail,
            })
            .collect();
        let meets_requirements = requirements.iter().all(|r| r.passed);
        let (total, competencies) = self.combine(outcomes);
        Ok(Scorecard {
            line: record.line,
            id,
            name,
            total,
            competencies,
            requirements,
            meets_requirements,
            warnings,
        })
    }

    /// Competency score = 100·Σwᵢ·creditᵢ/Σwᵢ; total = ΣWₖ·scoreₖ/ΣWₖ;
    /// points = 100·(Wₖ/ΣW)·(wᵢ/Σw)·creditᵢ, so that points add up to the total.
    fn combine(&self, outcomes: Vec<Vec<Outcome>>) -> (f64, Vec<CompetencyScore>) {
        let total_weight = self.rubric.total_weight();
        let mut total = 0.0;
        let mut competencies = Vec::with_capacity(outcomes.len());
        for (competency, outcomes) in self.rubric.competencies.iter().zip(outcomes) {
            let criterion_weight: f64 = competency.criteria.iter().map(|c| c.weight).sum();
            let share = competency.weight / total_weight;
            let mut weighted = 0.0;
            let criteria = outcomes
                .into_iter()
                .zip(&competency.criteria)
                .map(|(outcome, criterion)| {
                    weighted += criterion.weight * outcome.credit;
                    let points =
                        100.0 * share * (criterion.weight / criterion_weight) * outcome.credit;
                    CriterionScore {
                        credit: outcome.credit,
                        points,
                        detail: outcome.detail,
                    }
                })
                .collect();
            let score = 100.0 * weighted / criterion_weight;
            total += competency.weight * score;
            competencies.push(CompetencyScore { score, criteria });
        }
        (total / total_weight, competencies)
    }

    fn prepare_fields(&self, record: &Record, scratch: &mut Scratch) {
        scratch
            .fields
            .resize_with(self.text_columns.len(), PreparedField::default);
        for (slot, column) in self.text_columns.iter().enumerate() {
            let text = record.fields.get(*column).unwrap_or("");
            scratch.fields[slot].prepare(text, &self.matcher, &mut scratch.cache);
        }
    }

    fn evaluate(
        &self,
        check: &CompiledCheck,
        record: &Record,
        scratch: &Scratch,
        context: &RowContext,
        warnings: &mut Vec<String>,
    ) -> Outcome {
        let cell = |column: usize| record.fields.get(column).unwrap_or("");
        match check {
            CompiledCheck::Terms { terms, slots, need } => {
                self.terms(terms, slots, *need, record, scratch)
            }
            CompiledCheck::Number { column, rule } => number_outcome(
                cell(*column),
                rule,
                context.decimal_comma,
                || self.cell_location(context, record, *column),
                warnings,
            ),
            CompiledCheck::Choice { column, choices } => choice_outcome(cell(*column), choices),
            CompiledCheck::Flag { column } => flag_outcome(
                cell(*column),
                || self.cell_location(context, record, *column),
                warnings,
            ),
        }
    }

    fn cell_location(&self, context: &RowContext, record: &Record, column: usize) -> String {
        format!(
            "{}:{}:{}: column '{}'",
            context.path,
            record.line,
            column + 1,
            self.column_name(column)
        )
    }

    fn terms(
        &self,
        terms: &[(usize, String)],
        slots: &[usize],
        need: usize,
        record: &Record,
        scratch: &Scratch,
    ) -> Outcome {
        let fields: Vec<&PreparedField> = slots.iter().map(|s| &scratch.fields[*s]).collect();
        let mut evidence = Vec::new();
        let mut missing = Vec::new();
        for (term, text) in terms {
            match self.matcher.find(*term, &fields, &scratch.cache) {
                Some(found) => {
                    let column = self.text_columns[slots[found.field]];
                    let field = fields[found.field];
                    let original = record.fields.get(column).unwrap_or("");
                    let span = field.tokens[found.tokens.start].span.start
                        ..field.tokens[found.tokens.end - 1].span.end;
                    evidence.push(Evidence {
                        term: text.clone(),
                        field: self.column_name(column).to_string(),
                        text: original[span.clone()].to_string(),
                        kind: found.kind,
                        similarity: found.similarity,
                        snippet: snippet(original, span),
                    });
                }
                None => missing.push(text.clone()),
            }
        }
        let credit = (evidence.len() as f64 / need as f64).min(1.0);
        Outcome {
            credit,
            detail: Detail {
                value: None,
                evidence,
                missing,
                note: None,
            },
        }
    }
}

struct Outcome {
    credit: f64,
    detail: Detail,
}

impl Outcome {
    fn new(credit: f64, value: Option<Value>, note: Option<String>) -> Outcome {
        Outcome {
            credit,
            detail: Detail {
                value,
                evidence: Vec::new(),
                missing: Vec::new(),
                note,
            },
        }
    }
}

fn number_outcome(
    cell: &str,
    rule: &NumberRule,
    decimal_comma: bool,
    location: impl Fn() -> String,
    warnings: &mut Vec<String>,
) -> Outcome {
    match parse_number(cell, decimal_comma) {
        Ok(value) => Outcome::new(rule.credit(value), Some(Value::Number(value)), None),
        Err(NumberError::Blank) => Outcome::new(0.0, None, Some("blank".to_string())),
        Err(NumberError::Invalid) => {
            warnings.push(format!(
                "{}: '{}' is not a number; credit 0",
                location(),
                cell.trim()
            ));
            Outcome::new(
                0.0,
                Some(Value::Text(cell.to_string())),
                Some(format!("'{}' is not a number", cell.trim())),
            )
        }
    }
}

fn choice_outcome(cell: &str, choices: &[(String, f64)]) -> Outcome {
    let key = token_key(cell);
    let value = (!cell.trim().is_empty()).then(|| Value::Text(cell.to_string()));
    match choices.iter().find(|(k, _)| *k == key) {
        Some((_, credit)) => Outcome::new(*credit, value, None),
        None if key.is_empty() => Outcome::new(0.0, value, Some("blank".to_string())),
        None => Outcome::new(
            0.0,
            value,
            Some(format!(
                "'{}' is not one of the listed choices",
                cell.trim()
            )),
        ),
    }
}

fn flag_outcome(cell: &str, location: impl Fn() -> String, warnings: &mut Vec<String>) -> Outcome {
    let key = token_key(cell);
    let value = (!cell.trim().is_empty()).then(|| Value::Text(cell.to_string()));
    if YES.contains(&key.as_str()) {
        Outcome::new(1.0, value, None)
    } else if NO.contains(&key.as_str()) {
        Outcome::new(0.0, value, None)
    } else {
        warnings.push(format!(
            "{}: '{}' is neither yes nor no; credit 0",
            location(),
            cell.trim()
        ));
        Outcome::new(
            0.0,
            value,
            Some(format!("'{}' is neither yes nor no", cell.trim())),
        )
    }
}

/// About 60 characters of `text` around `span`, on one line, with `…` where it was cut.
fn snippet(text: &str, span: std::ops::Range<usize>) -> String {
    let matched = text[span.clone()].chars().count();
    let room = SNIPPET_CHARS.saturating_sub(matched) / 2;
    let before: Vec<(usize, char)> = text[..span.start].char_indices().collect();
    let start = before.len().checked_sub(room).map_or(0, |i| before[i].0);
    let end = text[span.end..]
        .char_indices()
        .nth(room)
        .map_or(text.len(), |(i, _)| span.end + i);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(
        &text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Scores records in parallel; the result is in the records' order whatever the thread count.
/// Each entry is the scorecard, or the reason the record could not be scored.
pub fn score_records(
    rubric: &CompiledRubric,
    records: &[Record],
    context: &RowContext,
) -> Vec<Result<Scorecard, String>> {
    records
        .par_iter()
        .map_init(Scratch::default, |scratch, record| {
            rubric.score(record, scratch, context)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn short_text_is_whole() {
        assert_eq!(snippet("budget\nansvar", 0..6), "budget ansvar");
    }
}
