//! From a scored session to the report model: every applicant's scorecard is fetched once, in
//! rank order, made blind by [`crate::redact`] when the report is blind, and only then turned into
//! entries, cards, data issues and the inputs of the group and ratings sections. Nothing after this
//! point sees an unredacted value of a blind report.

use std::collections::HashMap;
use std::path::Path;

use super::impact::{self, GroupMap};
use super::model::*;
use super::ratings::{self, RatingsFile};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::input::{CsvReader, ReadOptions, Row};
use crate::pipeline::Session;
use crate::rank::{Placement, Standing, round6, top_len};
use crate::record::RunRecord;
use crate::rubric::{ApprovalStatus, Check, NumberRule, Rubric};
use crate::score::{Detail as ScoreDetail, Scorecard, Status, Value};
use crate::text::cues::Cues;

/// What the user asked of the report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Shortlist length (extended to everyone tied with the last).
    pub shortlist: usize,
    /// Leave out names, contact and protected values.
    pub blind: bool,
    /// The language.
    pub lang: Lang,
    /// The column to compare groups by.
    pub group: Option<String>,
    /// How the group column's values map to groups.
    pub group_map: GroupMap,
    /// Groups with fewer applicants are shown without shares.
    pub min_group: u64,
    /// `--sliders`: weight sliders in a report with names.
    pub sliders: bool,
    /// `--weight` overrides, as given.
    pub weight_overrides: Vec<String>,
}

/// What the report is built from besides the session.
#[derive(Debug)]
pub struct Sources<'a> {
    /// The scored session (rubric 0, with competency scores kept).
    pub session: &'a Session,
    /// With `--group`: each scored row's group value, by the line its record starts on.
    pub groups: Option<&'a HashMap<u64, String>>,
    /// With `--ratings`: the members' ratings as read.
    pub ratings: Option<&'a RatingsFile>,
    /// With `--stability`: each scored row's stability (indexed like `runs[0].rows`).
    pub stability: Option<&'a [StabilityRow]>,
    /// The run record.
    pub record: RunRecord,
}

/// What one pass over the ranked, already-redacted scorecards collects.
#[derive(Default)]
struct Collected {
    ranking: Vec<Entry>,
    /// The shortlisted applicants' explanations and stability, in rank order.
    shortlisted: Vec<(Detail, Option<StabilityRow>)>,
    issues: Vec<ApplicantIssues>,
    members: Vec<impact::Member>,
    /// Every applicant's name, contact and protected values, for redacting members' notes.
    hidden_values: Vec<String>,
}

impl Collected {
    fn add(
        &mut self,
        rubric: &Rubric,
        placement: &Placement,
        card: &Scorecard,
        sources: &Sources<'_>,
        shortlisted: bool,
    ) {
        let position = self.ranking.len();
        self.ranking.push(Entry {
            id: card.id.clone(),
            name: (!card.name.is_empty()).then(|| card.name.clone()),
            rank: placement.rank,
            tied: placement.tied,
            total: card.total,
            scores: card.competencies.iter().map(|c| c.score).collect(),
            meets: card.meets_requirements,
            standing: card.standing(),
            shortlisted,
        });
        let detail = detail(rubric, card);
        if !detail.issues.is_empty() {
            self.issues.push(ApplicantIssues { entry: position, issues: detail.issues.clone() });
        }
        if let Some(groups) = sources.groups {
            let value = groups.get(&card.line).cloned().unwrap_or_default();
            self.members.push(impact::Member { value, shortlisted, total: round6(card.total) });
        }
        if shortlisted {
            self.shortlisted.push((detail, sources.stability.and_then(|s| s.get(placement.index).copied())));
        }
    }
}

/// Builds the report for rubric 0 of the session. Every scorecard is fetched once, in rank order;
/// in a blind report it is redacted ([`crate::redact::blind_scorecard`], which also clears the
/// name) before anything is taken from it.
pub fn build(sources: Sources<'_>, options: &ReportOptions) -> Result<Report> {
    let session = sources.session;
    let rubric = &session.engine.rubrics[0].rubric;
    let run = &session.runs[0];
    let shortlist_len = top_len(&run.placements, options.shortlist);
    let mut collected = Collected::default();
    session.for_each_ranked(0, run.placements.len(), &mut |placement, card| {
        let shortlisted = collected.ranking.len() < shortlist_len;
        if options.blind {
            collected.hidden_values.extend(card.hidden.iter().cloned());
            collected.add(rubric, placement, &crate::redact::blind_scorecard(card), &sources, shortlisted);
        } else {
            collected.add(rubric, placement, card, &sources, shortlisted);
        }
        Ok(())
    })?;
    let Collected { ranking, shortlisted, issues, members, hidden_values } = collected;
    let weights: Vec<f64> = rubric.competencies.iter().map(|c| c.weight).collect();
    let cards = shortlisted
        .into_iter()
        .enumerate()
        .map(|(entry, (detail, stability))| Card { entry, detail, why: why(&ranking, entry, &weights), stability })
        .collect();
    let impact = options.group.as_ref().map(|column| {
        impact::impact(column, &members, &options.group_map, options.min_group, options.blind, options.lang)
    });
    let totals: Vec<(&str, f64)> = ranking.iter().map(|e| (e.id.as_str(), e.total)).collect();
    let ratings = sources.ratings.map(|file| ratings::merge(file, &totals, options.blind, &hidden_values));
    Ok(Report {
        core: rubric.core.as_ref().map(|core| (rubric.core_mask(), core.min_score)),
        lang: options.lang,
        blind: options.blind,
        sliders: match (options.blind, options.sliders) {
            (true, _) => Sliders::Blind,
            (false, true) => Sliders::Asked,
            (false, false) => Sliders::Off,
        },
        meta: rubric.meta.clone(),
        approval: ApprovalStatus::of(rubric),
        weight_overrides: options.weight_overrides.clone(),
        counts: run.counts,
        competencies: competencies(rubric),
        requirements: requirements(rubric),
        shortlist_asked: options.shortlist,
        shortlist_len,
        averages: averages(&ranking[..shortlist_len], rubric.competencies.len()),
        ranking,
        cards,
        issues,
        // At most KEPT_REJECTED rows are listed (all are counted): a file of a million rejected
        // rows must not give a report of a hundred megabytes.
        rejected: run
            .rejected
            .iter()
            .take(KEPT_REJECTED)
            .map(|r| RejectedRow { line: r.line, reason: shown(&r.reason, options.blind).message() })
            .collect(),
        file_notes: session.warnings.iter().map(|d| shown(d, options.blind).to_string()).collect(),
        impact,
        ratings,
        record: sources.record,
    })
}

/// At most this many rejected rows are listed in a report; the rest are counted.
pub const KEPT_REJECTED: usize = 1000;

/// A diagnostic as the report shows it: in a blind report without the cell text it quotes (the
/// one redaction every output shares, [`crate::redact::blind_diagnostic`]).
fn shown(diagnostic: &Diagnostic, blind: bool) -> Diagnostic {
    if blind { crate::redact::blind_diagnostic(diagnostic) } else { diagnostic.clone() }
}

/// The names a group column goes by in Danish and English, so that `--group køn` finds `gender`.
const GROUP_ALIASES: [&[&str]; 3] =
    [&["køn", "kon", "gender", "sex"], &["alder", "age"], &["fødselsår", "foedselsaar", "birth year", "birth_year"]];

/// What `--group` could have meant: the column names closest in spelling, else the same attribute
/// under its other language's name, else the rubric's protected columns; failing all, the columns.
fn group_hint(header: &crate::input::Header, column: &str, protected: &[crate::rubric::ColumnRef]) -> String {
    let mut names: Vec<&str> = header.closest(column);
    let key = crate::text::token_key(column);
    if names.is_empty()
        && let Some(aliases) = GROUP_ALIASES.iter().find(|a| a.iter().any(|n| crate::text::token_key(n) == key))
    {
        names = aliases.iter().filter_map(|a| header.find(a)).map(|i| header.names()[i].as_str()).collect();
        names.dedup();
    }
    if names.is_empty() {
        names = protected.iter().filter_map(|c| header.find(&c.name)).map(|i| header.names()[i].as_str()).collect();
    }
    if names.is_empty() {
        return format!("its columns are {}", header.names().join(", "));
    }
    format!("did you mean {}?", names.join(" or "))
}

/// Each scored row's value in the group column, by the line its record starts on: the one extra
/// pass over the file that `--group` needs, since a group column is never scored.
pub fn group_values(session: &Session, path: &Path, read: &ReadOptions, column: &str) -> Result<HashMap<u64, String>> {
    let mut reader = CsvReader::open(path, &session.input.path, read)?;
    let index = reader.header().find(column).ok_or_else(|| {
        let protected = &session.engine.rubrics[0].rubric.columns.protected;
        let hint = group_hint(reader.header(), column, protected);
        Error::Usage(format!("--group {column}: no such column in {}; {hint}", session.input.path))
    })?;
    let mut values = HashMap::new();
    while let Some(row) = reader.next_row()? {
        if let Row::Record(record) = row {
            values.insert(record.line, record.fields.get(index).unwrap_or("").trim().to_string());
        }
    }
    Ok(values)
}

fn averages(shortlist: &[Entry], competencies: usize) -> Vec<f64> {
    let n = shortlist.len().max(1) as f64;
    (0..competencies)
        .map(|c| shortlist.iter().map(|e| e.scores.get(c).copied().unwrap_or(0.0)).sum::<f64>() / n)
        .collect()
}

/// The competencies as the method section shows them.
pub fn competencies(rubric: &Rubric) -> Vec<CompetencyInfo> {
    let total_weight = rubric.total_weight();
    rubric
        .competencies
        .iter()
        .map(|c| {
            let criterion_weight: f64 = c.criteria.iter().map(|k| k.weight).sum();
            CompetencyInfo {
                id: c.id.clone(),
                label: c.label.clone(),
                weight: c.weight,
                share: 100.0 * c.weight / total_weight,
                source: c.source.clone(),
                criteria: c
                    .criteria
                    .iter()
                    .map(|k| CriterionInfo {
                        label: k.label.clone(),
                        share: 100.0 * k.weight / criterion_weight,
                        rule: rule(rubric, &k.check),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The requirements as the method section shows them.
pub fn requirements(rubric: &Rubric) -> Vec<RequirementInfo> {
    rubric
        .requirements
        .iter()
        .map(|r| RequirementInfo {
            label: r.label.clone(),
            source: r.source.clone(),
            at_least: r.at_least,
            rule: rule(rubric, &r.check),
        })
        .collect()
}

fn rule(rubric: &Rubric, check: &Check) -> Rule {
    let label = |name: &str| rubric.columns.label(name).to_string();
    match check {
        Check::Terms { terms, fields, need, .. } => {
            let columns = match (fields, &rubric.columns.text) {
                (Some(fields), _) | (None, Some(fields)) => fields.iter().map(|c| label(&c.name)).collect(),
                (None, None) => Vec::new(),
            };
            Rule::Terms {
                count: terms.len(),
                need: *need,
                columns,
                terms: terms.iter().map(|t| readable_term(&t.text)).collect(),
            }
        }
        Check::Number { field, rule: NumberRule::Curve(points) } => {
            Rule::Curve { column: label(&field.name), points: points.clone() }
        }
        Check::Number { field, rule: NumberRule::Min(min) } => Rule::Min { column: label(&field.name), min: *min },
        Check::Choice { field, choices } => Rule::Choice { column: label(&field.name), choices: choices.clone() },
        Check::Flag { field } => Rule::Flag { column: label(&field.name) },
    }
}

/// A rubric term as a person reads it: a trailing `*` (any ending) becomes `…`.
pub fn readable_term(term: &str) -> String {
    match term.strip_suffix('*') {
        Some(stem) => format!("{}…", stem.trim_end()),
        None => term.to_string(),
    }
}

/// One applicant's explanation, from a scorecard (already redacted when blind).
pub fn detail(rubric: &Rubric, card: &Scorecard) -> Detail {
    let total_weight = rubric.total_weight();
    let mut criteria = Vec::new();
    let mut issues = Vec::new();
    for (k, (competency, score)) in rubric.competencies.iter().zip(&card.competencies).enumerate() {
        let criterion_weight: f64 = competency.criteria.iter().map(|c| c.weight).sum();
        for (criterion, result) in competency.criteria.iter().zip(&score.criteria) {
            let view = Reading::new(rubric, &criterion.check, &result.detail);
            issues.extend(view.issue(&criterion.label));
            criteria.push(CriterionView {
                competency: k,
                label: criterion.label.clone(),
                credit: result.credit,
                points: result.points,
                max: 100.0 * (competency.weight / total_weight) * (criterion.weight / criterion_weight),
                status: view.criterion_status(result.credit),
                quotes: view.quotes.clone(),
                value: view.value.clone(),
                missing: result.detail.missing.iter().map(|t| readable_term(t)).collect(),
                rule: rule(rubric, &criterion.check),
            });
        }
    }
    let requirements = rubric
        .requirements
        .iter()
        .zip(&card.requirements)
        .map(|(requirement, result)| {
            let view = Reading::new(rubric, &requirement.check, &result.detail);
            issues.extend(view.issue(&requirement.label));
            RequirementView {
                label: requirement.label.clone(),
                source: requirement.source.clone(),
                status: view.requirement_status(result.status),
                quotes: view.quotes,
                value: view.value,
                column: match &requirement.check {
                    Check::Terms { .. } => None,
                    Check::Number { field, .. } | Check::Choice { field, .. } | Check::Flag { field } => {
                        Some(rubric.columns.label(&field.name).to_string())
                    }
                },
            }
        })
        .collect();
    Detail { criteria, requirements, issues }
}

/// What one check read in one application.
struct Reading<'a> {
    check: &'a Check,
    detail: &'a ScoreDetail,
    quotes: Vec<Quote>,
    value: Option<ReadValue>,
}

impl<'a> Reading<'a> {
    fn new(rubric: &Rubric, check: &'a Check, detail: &'a ScoreDetail) -> Reading<'a> {
        let quotes = detail
            .evidence
            .iter()
            .map(|e| Quote {
                sentence: e.sentence.clone(),
                field: rubric.columns.label(&e.field).to_string(),
                source: e.source.clone(),
                term: e.text.clone(),
                status: match e.status {
                    Status::Found if e.member.is_some() => QuoteStatus::Synonym,
                    Status::Found => QuoteStatus::Found,
                    Status::Listed => QuoteStatus::Listed,
                    Status::Aspiration => QuoteStatus::Aspiration,
                    Status::Denied if e.reason.as_deref().is_some_and(|r| Cues::shipped().is_limitation(r)) => {
                        QuoteStatus::Limited
                    }
                    Status::Denied => QuoteStatus::Denied,
                    Status::Excluded => QuoteStatus::Excluded,
                },
            })
            .collect();
        let value = check.field().and_then(|field| {
            let value = match &detail.value {
                Some(Value::Number(n)) => ShownValue::Number(*n),
                Some(Value::Text(t)) => ShownValue::Text(t.trim().to_string()),
                None => return None,
            };
            Some(ReadValue { column: rubric.columns.label(&field.name).to_string(), value })
        });
        Reading { check, detail, quotes, value }
    }

    /// A value that could not be read: a number criterion's text, a flag's note, an unlisted
    /// choice (a note beside a value).
    fn issue_kind(&self) -> Option<IssueKind> {
        let text = matches!(self.detail.value, Some(Value::Text(_)));
        match self.check {
            Check::Number { .. } if text => Some(IssueKind::NotANumber),
            Check::Flag { .. } if text && self.detail.note.is_some() => Some(IssueKind::NotYesOrNo),
            Check::Choice { .. } if text && self.detail.note.is_some() => Some(IssueKind::NotAChoice),
            _ => None,
        }
    }

    fn issue(&self, criterion: &str) -> Option<DataIssue> {
        let kind = self.issue_kind()?;
        let value = self.value.as_ref()?;
        let text = match &value.value {
            ShownValue::Text(t) => t.clone(),
            ShownValue::Number(n) => n.to_string(),
        };
        Some(DataIssue { criterion: criterion.to_string(), column: value.column.clone(), value: text, kind })
    }

    fn denied(&self) -> bool {
        self.quotes.iter().any(|q| q.status.denies())
    }

    fn criterion_status(&self, credit: f64) -> CriterionStatus {
        // Credits are quotients of weights and counts: compare with the same rounding as outputs.
        let credit = round6(credit);
        let unreadable = matches!(self.issue_kind(), Some(IssueKind::NotANumber | IssueKind::NotYesOrNo));
        match () {
            _ if credit >= 1.0 => CriterionStatus::Full,
            _ if credit > 0.0 => CriterionStatus::Partial,
            _ if self.denied() => CriterionStatus::Denied,
            _ if unreadable => CriterionStatus::Unreadable,
            _ if self.value.is_some() => CriterionStatus::NoCredit,
            _ => CriterionStatus::NotDocumented,
        }
    }

    /// The engine's three-valued status (docs/rubric-format.md §6), with a "not met" that the
    /// application's own words deny told apart, so that a letter can quote them.
    fn requirement_status(&self, status: crate::score::RequirementStatus) -> RequirementStatus {
        use crate::score::RequirementStatus as Engine;
        match status {
            Engine::Met => RequirementStatus::Met,
            Engine::NotMet if self.denied() => RequirementStatus::Denied,
            Engine::NotMet => RequirementStatus::NotMet,
            Engine::NotDocumented => RequirementStatus::NotDocumented,
        }
    }
}

/// Why `ranking[position]` is above `ranking[position + 1]`.
pub fn why(ranking: &[Entry], position: usize, weights: &[f64]) -> Why {
    let Some(next) = ranking.get(position + 1) else {
        return Why::Last;
    };
    let this = &ranking[position];
    let next_id = next.id.clone();
    if this.rank == next.rank {
        return Why::Tie { next: next_id };
    }
    match next.standing {
        Standing::RequirementNotMet if this.standing != Standing::RequirementNotMet => {
            return Why::Requirements { next: next_id };
        }
        Standing::CoreNotDocumented if this.standing == Standing::Qualified => {
            return Why::Core { next: next_id };
        }
        _ => {}
    }
    let total_weight: f64 = weights.iter().sum();
    let mut best = (0, f64::NEG_INFINITY);
    for (k, w) in weights.iter().enumerate() {
        let contribution = w / total_weight * (this.scores[k] - next.scores[k]);
        if contribution > best.1 {
            best = (k, contribution);
        }
    }
    Why::Competency { next: next_id, lead: round6(this.total) - round6(next.total), competency: best.0, points: best.1 }
}

/// Each scored row's rank stability (indexed like `runs[0].rows`), from [`crate::tune::stability()`]:
/// how often it is on a shortlist of `shortlist` when the weights wander around the current ones
/// (the defaults of `profilmatch tune --stability`: spread 20 %, 10 000 samples, seed 2010).
pub fn stability(session: &Session, shortlist: usize) -> Vec<StabilityRow> {
    use crate::tune::{Scores, StabilityOptions};
    let rubric = &session.engine.rubrics[0].rubric;
    let run = &session.runs[0];
    let ids = rubric.competencies.iter().map(|c| c.id.clone()).collect();
    let weights = rubric.competencies.iter().map(|c| c.weight).collect();
    let scores = Scores::from_run(run, rubric, ids, weights);
    let options =
        StabilityOptions { top: shortlist, spread: STABILITY_SPREAD, samples: STABILITY_SAMPLES, seed: STABILITY_SEED };
    let mut rows =
        vec![StabilityRow { share: 0.0, low: 0.0, high: 0.0, rank_p5: None, rank_p95: None }; run.rows.len()];
    for r in crate::tune::stability(&scores, &options) {
        if let Some(row) = rows.get_mut(r.index) {
            *row = StabilityRow { share: r.share, low: r.low, high: r.high, rank_p5: r.rank_p5, rank_p95: r.rank_p95 };
        }
    }
    rows
}

/// `--stability`'s spread, percent (as `tune --spread`'s default).
pub const STABILITY_SPREAD: f64 = 20.0;
/// `--stability`'s samples (as `tune --samples`'s default).
pub const STABILITY_SAMPLES: usize = 10_000;
/// `--stability`'s seed (as `tune --seed`'s default).
pub const STABILITY_SEED: u64 = 2010;

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, rank: usize, total: f64, scores: Vec<f64>, standing: Standing) -> Entry {
        let meets = standing != Standing::RequirementNotMet;
        Entry { id: id.into(), name: None, rank, tied: false, total, scores, meets, standing, shortlisted: true }
    }

    #[test]
    fn why_names_the_competency_adding_most_to_the_lead() {
        // Weights 3 and 1 (ΣW = 4). a: scores 80, 20 → total (240 + 20)/4 = 65.
        // b: scores 60, 60 → total (180 + 60)/4 = 60. Contributions: 3/4·(80−60) = 15 and
        // 1/4·(20−60) = −10; the lead is 15 − 10 = 5.
        let q = Standing::Qualified;
        let ranking = vec![entry("a", 1, 65.0, vec![80.0, 20.0], q), entry("b", 2, 60.0, vec![60.0, 60.0], q)];
        assert_eq!(
            why(&ranking, 0, &[3.0, 1.0]),
            Why::Competency { next: "b".into(), lead: 5.0, competency: 0, points: 15.0 }
        );
        assert_eq!(why(&ranking, 1, &[3.0, 1.0]), Why::Last);
        // A later ranking group explains the order, whatever the totals.
        let failing = vec![
            entry("a", 1, 10.0, vec![10.0, 10.0], q),
            entry("b", 2, 90.0, vec![90.0, 90.0], Standing::CoreNotDocumented),
            entry("c", 3, 95.0, vec![95.0, 95.0], Standing::RequirementNotMet),
        ];
        assert_eq!(why(&failing, 0, &[1.0, 1.0]), Why::Core { next: "b".into() });
        assert_eq!(why(&failing, 1, &[1.0, 1.0]), Why::Requirements { next: "c".into() });
    }

    #[test]
    fn starred_terms_read_as_words_with_an_open_ending() {
        assert_eq!(readable_term("økonomistyr*"), "økonomistyr…");
        assert_eq!(readable_term("politisk betjening"), "politisk betjening");
    }
}
