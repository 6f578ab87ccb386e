//! The shortlist report for the hiring committee (`profilmatch report`).
//!
//! [`build`] turns a scored [`Session`] into a language-neutral [`Report`]: the ranking of every
//! applicant with their competency scores, one [`Card`] per shortlisted candidate (strongest and
//! weakest criteria, evidence, what was not found, failed requirements, why they rank above the
//! next), data quality, the optional adverse-impact section and the run record. [`html`] and
//! [`markdown`] render it with the words of [`i18n`]; nothing applicant-written reaches the
//! output unescaped. In blind mode, names, contact and protected values are never put into the
//! model at all, and evidence quotes have the applicant's own name, contact and protected values
//! redacted.

pub mod html;
pub mod i18n;
pub mod impact;
pub mod markdown;
pub mod svg;

use std::collections::{HashMap, HashSet};
use std::io::{self, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::input::{CsvReader, ReadOptions, Row};
use crate::output::number;
use crate::pipeline::{RowCounts, Session};
use crate::rank::{round6, top_len};
use crate::rubric::{Check, Meta};
use crate::score::{Scorecard, Value};

pub use i18n::Lang;
pub use impact::Impact;

/// The replacement for redacted text in blind evidence quotes.
pub const REDACTED: &str = "▇▇▇";

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file.
    Html,
    /// Markdown (tables and text, no charts).
    Markdown,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Shortlist length (extended to everyone tied with the last).
    pub shortlist: usize,
    /// Leave out names, contact and protected values.
    pub blind: bool,
    /// The language.
    pub lang: Lang,
    /// The column to audit adverse impact by.
    pub group: Option<String>,
}

/// The run record: what produced the report.
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// `profilmatch x.y.z`.
    pub version: String,
    /// The rubric file as named.
    pub rubric_path: String,
    /// SHA-256 of the rubric file's bytes, hex.
    pub rubric_sha256: String,
    /// The applicant file as named.
    pub applicants_path: String,
    /// SHA-256 of the applicant file's bytes, hex.
    pub applicants_sha256: String,
    /// The command line.
    pub command: String,
    /// The time, UTC, `YYYY-MM-DD HH:MM:SS`.
    pub time: String,
    /// The date part of `time`.
    pub date: String,
}

/// A rank-stability estimate for one candidate (from `tune::stability`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StabilityRow {
    /// Share of samples in which the candidate was shortlisted, 0–1.
    pub share: f64,
    /// Lower end of its 95 % Wilson interval, 0–1.
    pub low: f64,
    /// Upper end of its interval, 0–1.
    pub high: f64,
    /// 5th percentile of the rank, for the current shortlist.
    pub rank_p5: Option<usize>,
    /// 95th percentile of the rank, for the current shortlist.
    pub rank_p95: Option<usize>,
}

/// A competency as the method section shows it.
#[derive(Debug, Clone)]
pub struct CompetencyInfo {
    /// Id (used by `--weight` and the sliders).
    pub id: String,
    /// Label.
    pub label: String,
    /// Weight in force.
    pub weight: f64,
    /// Weight share, percent.
    pub share: f64,
    /// The profile sentence.
    pub source: String,
    /// Its criteria: label and weight share within the competency, percent.
    pub criteria: Vec<(String, f64)>,
}

/// A requirement as the method section shows it.
#[derive(Debug, Clone)]
pub struct RequirementInfo {
    /// Label.
    pub label: String,
    /// The profile sentence.
    pub source: String,
    /// Threshold.
    pub at_least: f64,
}

/// One scored applicant, in rank order.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Id.
    pub id: String,
    /// Name (never in blind mode).
    pub name: Option<String>,
    /// Rank.
    pub rank: usize,
    /// Shares the rank.
    pub tied: bool,
    /// Unrounded total.
    pub total: f64,
    /// Unrounded competency scores.
    pub scores: Vec<f64>,
    /// Meets every requirement.
    pub meets: bool,
    /// On the shortlist.
    pub shortlisted: bool,
}

/// A criterion's contribution: points earned and the most it could have earned.
#[derive(Debug, Clone)]
pub struct CriterionPoints {
    /// Competency label.
    pub competency: String,
    /// Criterion label.
    pub criterion: String,
    /// Points earned.
    pub points: f64,
    /// Points missing (largest possible contribution − earned).
    pub lost: f64,
}

/// A quote from the application.
#[derive(Debug, Clone)]
pub struct EvidenceRow {
    /// Criterion label.
    pub criterion: String,
    /// The term matched.
    pub term: String,
    /// The column.
    pub field: String,
    /// How it counts: found, synonym, listed, aspiration, denied, excluded.
    pub status: &'static str,
    /// The sentence it stands in (redacted in blind mode).
    pub quote: String,
}

/// Why a candidate ranks above the next applicant.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The competency that contributes most to the difference, and its points.
    Competency {
        /// The next applicant's id.
        next: String,
        /// Rounded total difference.
        lead: f64,
        /// Index of the competency.
        competency: usize,
        /// Its contribution to the difference: Wₖ/ΣW·(scoreₖ − next scoreₖ).
        points: f64,
    },
    /// The next applicant fails a requirement.
    Requirements {
        /// The next applicant's id.
        next: String,
    },
    /// Tied with the next.
    Tie {
        /// The next applicant's id.
        next: String,
    },
    /// Nobody ranks below.
    Last,
}

/// One shortlisted candidate's card.
#[derive(Debug, Clone)]
pub struct Card {
    /// Index into [`Report::ranking`].
    pub entry: usize,
    /// The three criteria earning the most points.
    pub strongest: Vec<CriterionPoints>,
    /// The three criteria missing the most points.
    pub weakest: Vec<CriterionPoints>,
    /// Evidence quotes.
    pub evidence: Vec<EvidenceRow>,
    /// Values read for number, choice and flag criteria: criterion, value, note.
    pub values: Vec<(String, String)>,
    /// Terms not found, per criterion.
    pub not_found: Vec<(String, Vec<String>)>,
    /// Labels of requirements not met.
    pub failed: Vec<String>,
    /// Why above the next.
    pub why: Why,
    /// Rank stability, when asked for.
    pub stability: Option<StabilityRow>,
    /// The row's warnings.
    pub warnings: Vec<String>,
}

/// A rejected row.
#[derive(Debug, Clone)]
pub struct RejectedRow {
    /// Line.
    pub line: u64,
    /// Reason.
    pub reason: String,
    /// The row as written (never in blind mode).
    pub raw: Option<String>,
}

/// The whole report, independent of language and format.
#[derive(Debug, Clone)]
pub struct Report {
    /// Language.
    pub lang: Lang,
    /// Blind.
    pub blind: bool,
    /// The rubric's metadata.
    pub meta: Meta,
    /// Row accounting.
    pub counts: RowCounts,
    /// Competencies, in rubric order.
    pub competencies: Vec<CompetencyInfo>,
    /// Requirements.
    pub requirements: Vec<RequirementInfo>,
    /// The shortlist length asked for.
    pub shortlist_asked: usize,
    /// The shortlist length with ties at the cut.
    pub shortlist_len: usize,
    /// Every scored applicant, in rank order.
    pub ranking: Vec<Entry>,
    /// The shortlist's average score per competency.
    pub averages: Vec<f64>,
    /// One card per shortlisted candidate, in rank order.
    pub cards: Vec<Card>,
    /// Rejected rows.
    pub rejected: Vec<RejectedRow>,
    /// File and row warnings (the first ones kept).
    pub warnings: Vec<String>,
    /// All row and file warnings.
    pub warning_count: u64,
    /// Adverse impact, with `--group`.
    pub impact: Option<Impact>,
    /// Run record.
    pub run: RunRecord,
}

/// What a second pass over the file collects for the report: names (not blind), group values
/// (with `--group`), and the values to redact from shortlisted candidates' quotes (blind).
#[derive(Debug, Default)]
pub struct SideData {
    /// By record line: the name.
    pub names: HashMap<u64, String>,
    /// By record line: the group value.
    pub groups: HashMap<u64, String>,
    /// By record line: the values to redact.
    pub redact: HashMap<u64, Vec<String>>,
}

/// Reads names, group values and values to redact from the applicant file.
pub fn read_side(
    session: &Session,
    path: &Path,
    read: &ReadOptions,
    options: &ReportOptions,
    shortlisted: &HashSet<u64>,
) -> Result<SideData> {
    let rubric = &session.engine.rubrics[0];
    let mut reader = CsvReader::open(path, &session.input.path, read)?;
    let group = match &options.group {
        None => None,
        Some(name) => Some(reader.header().find(name).ok_or_else(|| {
            let hint = reader.header().closest(name);
            let hint = if hint.is_empty() { String::new() } else { format!("; did you mean {}?", hint.join(" or ")) };
            Error::Usage(format!("--group {name}: no such column in {}{hint}", session.input.path))
        })?),
    };
    let mut side = SideData::default();
    while let Some(row) = reader.next_row()? {
        let Row::Record(record) = row else { continue };
        let field = |c: usize| record.fields.get(c).unwrap_or("").trim().to_string();
        if !options.blind
            && let Some(c) = rubric.name_column
        {
            side.names.insert(record.line, field(c));
        }
        if let Some(c) = group {
            side.groups.insert(record.line, field(c));
        }
        if options.blind && shortlisted.contains(&record.line) {
            let mut values = Vec::new();
            for &c in &rubric.blind_hidden {
                let value = field(c);
                if Some(c) == rubric.name_column {
                    values.extend(
                        value
                            .split(|ch: char| !ch.is_alphanumeric())
                            .filter(|t| t.chars().count() >= 2)
                            .map(String::from),
                    );
                }
                if !value.is_empty() {
                    values.push(value);
                }
            }
            side.redact.insert(record.line, values);
        }
    }
    Ok(side)
}

/// Builds the report for rubric 0 of `session` (which must have kept competency scores).
pub fn build(
    session: &Session,
    side: &SideData,
    options: &ReportOptions,
    stability: Option<&[StabilityRow]>,
    run_record: RunRecord,
) -> Result<Report> {
    let compiled = &session.engine.rubrics[0];
    let rubric = &compiled.rubric;
    let run = &session.runs[0];
    let total_weight = rubric.total_weight();
    let competencies: Vec<CompetencyInfo> = rubric
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
                criteria: c.criteria.iter().map(|k| (k.label.clone(), 100.0 * k.weight / criterion_weight)).collect(),
            }
        })
        .collect();
    let requirements = rubric
        .requirements
        .iter()
        .map(|r| RequirementInfo { label: r.label.clone(), source: r.source.clone(), at_least: r.at_least })
        .collect();
    let shortlist_len = top_len(&run.placements, options.shortlist);
    let ranking: Vec<Entry> = run
        .placements
        .iter()
        .enumerate()
        .map(|(position, p)| {
            let row = &run.rows[p.index];
            Entry {
                id: row.summary.id.to_string(),
                name: if options.blind { None } else { side.names.get(&row.line).cloned() },
                rank: p.rank,
                tied: p.tied,
                total: row.summary.total,
                scores: row.summary.scores.to_vec(),
                meets: row.summary.meets_requirements,
                shortlisted: position < shortlist_len,
            }
        })
        .collect();
    let k = competencies.len();
    let averages: Vec<f64> = (0..k)
        .map(|c| {
            let n = shortlist_len.max(1) as f64;
            ranking[..shortlist_len].iter().map(|e| e.scores.get(c).copied().unwrap_or(0.0)).sum::<f64>() / n
        })
        .collect();
    let rows: Vec<usize> = run.placements[..shortlist_len].iter().map(|p| p.index).collect();
    let scorecards = session.scorecards(0, &rows)?;
    let cards = scorecards
        .iter()
        .enumerate()
        .map(|(position, card)| {
            let line = run.rows[rows[position]].line;
            let redact = side.redact.get(&line).map(Vec::as_slice).unwrap_or(&[]);
            let stability = stability.and_then(|s| s.get(rows[position]).copied());
            make_card(session, card, position, &ranking, options.blind, redact, stability)
        })
        .collect();
    let impact = options.group.as_ref().map(|column| {
        let members: Vec<(String, bool, f64)> = run
            .placements
            .iter()
            .enumerate()
            .map(|(position, p)| {
                let row = &run.rows[p.index];
                let group = side.groups.get(&row.line).cloned().unwrap_or_default();
                (group, position < shortlist_len, round6(row.summary.total))
            })
            .collect();
        let mut impact = impact::impact(column, &members);
        if options.blind {
            // Group values are protected values: in a blind report they become letters.
            for (i, group) in impact.groups.iter_mut().enumerate() {
                group.value = group_letter(i);
            }
        }
        impact
    });
    let rejected = run
        .rejected
        .iter()
        .map(|r| RejectedRow { line: r.line, reason: r.reason.clone(), raw: (!options.blind).then(|| r.raw.clone()) })
        .collect();
    let mut warnings = session.warnings.clone();
    warnings.extend(run.warnings.iter().cloned());
    Ok(Report {
        lang: options.lang,
        blind: options.blind,
        meta: rubric.meta.clone(),
        counts: run.counts,
        competencies,
        requirements,
        shortlist_asked: options.shortlist,
        shortlist_len,
        ranking,
        averages,
        cards,
        rejected,
        warnings,
        warning_count: run.warning_count + session.warnings.len() as u64,
        impact,
        run: run_record,
    })
}

fn group_letter(i: usize) -> String {
    let mut n = i;
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

fn make_card(
    session: &Session,
    card: &Scorecard,
    position: usize,
    ranking: &[Entry],
    blind: bool,
    redact: &[String],
    stability: Option<StabilityRow>,
) -> Card {
    let compiled = &session.engine.rubrics[0];
    let rubric = &compiled.rubric;
    let total_weight = rubric.total_weight();
    let mut points = Vec::new();
    let mut evidence = Vec::new();
    let mut values = Vec::new();
    let mut not_found = Vec::new();
    let clean = |text: &str| if blind { redact_text(text, redact) } else { text.to_string() };
    for (competency, score) in rubric.competencies.iter().zip(&card.competencies) {
        let criterion_weight: f64 = competency.criteria.iter().map(|c| c.weight).sum();
        for (criterion, result) in competency.criteria.iter().zip(&score.criteria) {
            let max = 100.0 * (competency.weight / total_weight) * (criterion.weight / criterion_weight);
            points.push(CriterionPoints {
                competency: competency.label.clone(),
                criterion: criterion.label.clone(),
                points: result.points,
                lost: (max - result.points).max(0.0),
            });
            for e in &result.detail.evidence {
                evidence.push(EvidenceRow {
                    criterion: criterion.label.clone(),
                    term: e.term.clone(),
                    field: e.field.clone(),
                    status: e.status_name(),
                    quote: clean(&e.snippet),
                });
            }
            if !result.detail.missing.is_empty() {
                not_found.push((criterion.label.clone(), result.detail.missing.clone()));
            }
            if !matches!(criterion.check, Check::Terms { .. }) {
                let value = match &result.detail.value {
                    Some(Value::Number(n)) => number(*n),
                    Some(Value::Text(t)) => clean(t),
                    None => String::new(),
                };
                let value = match &result.detail.note {
                    Some(note) if value.is_empty() => clean(note),
                    Some(note) => format!("{value} ({})", clean(note)),
                    None => value,
                };
                values.push((criterion.label.clone(), value));
            }
        }
    }
    // Stable sorts: equal points keep rubric order.
    let mut strongest: Vec<CriterionPoints> = points.iter().filter(|p| round6(p.points) > 0.0).cloned().collect();
    strongest.sort_by(|a, b| round6(b.points).total_cmp(&round6(a.points)));
    strongest.truncate(3);
    let mut weakest: Vec<CriterionPoints> = points.iter().filter(|p| round6(p.lost) > 0.0).cloned().collect();
    weakest.sort_by(|a, b| round6(b.lost).total_cmp(&round6(a.lost)));
    weakest.truncate(3);
    let failed = rubric
        .requirements
        .iter()
        .zip(&card.requirements)
        .filter(|(_, r)| !r.passed)
        .map(|(r, _)| r.label.clone())
        .collect();
    let weights: Vec<f64> = rubric.competencies.iter().map(|c| c.weight).collect();
    Card {
        entry: position,
        strongest,
        weakest,
        evidence,
        values,
        not_found,
        failed,
        why: why(ranking, position, &weights),
        stability,
        warnings: card.warnings.clone(),
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
    if this.meets && !next.meets {
        return Why::Requirements { next: next_id };
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

/// Replaces every whole-word, case-insensitive occurrence of any of `values` in `text` by
/// [`REDACTED`].
pub fn redact_text(text: &str, values: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    let mut needles: Vec<Vec<char>> = values
        .iter()
        .map(|v| v.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect::<Vec<char>>())
        .filter(|v| !v.is_empty())
        .collect();
    // Longest first, so a full e-mail address goes before a name token inside it.
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let boundary = |i: usize| i >= lower.len() || !lower[i].is_alphanumeric();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        if i == 0 || !lower[i - 1].is_alphanumeric() {
            for needle in &needles {
                let end = i + needle.len();
                if end <= lower.len() && lower[i..end] == needle[..] && boundary(end) {
                    out.push_str(REDACTED);
                    i = end;
                    continue 'outer;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// SHA-256 of a file's bytes, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer).map_err(io_error)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The report time: `SOURCE_DATE_EPOCH` when set (for reproducible output), else now; as
/// (`YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`), UTC.
pub fn report_time() -> Result<(String, String)> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .map_err(|_| Error::Usage(format!("SOURCE_DATE_EPOCH={value:?}: not a whole number of seconds")))?,
        Err(_) => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        }
    };
    Ok(utc(seconds))
}

/// Formats seconds since 1970 as UTC (days to civil date after Howard Hinnant's algorithm).
pub fn utc(seconds: i64) -> (String, String) {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = format!("{year:04}-{month:02}-{day:02}");
    let time = format!("{date} {:02}:{:02}:{:02}", rest / 3600, rest % 3600 / 60, rest % 60);
    (time, date)
}

/// Each scored row's rank stability (indexed like `runs[0].rows`), from [`crate::tune::stability`]:
/// how often it is on a shortlist of `shortlist` when the weights wander around the current ones
/// (the defaults of `profilmatch tune --stability`: spread 20 %, 10 000 samples, seed 2010).
pub fn stability(session: &Session, shortlist: usize) -> Result<Vec<StabilityRow>> {
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
    Ok(rows)
}

/// `--stability`'s spread, percent (as `tune --spread`'s default).
pub const STABILITY_SPREAD: f64 = 20.0;
/// `--stability`'s samples (as `tune --samples`'s default).
pub const STABILITY_SAMPLES: usize = 10_000;
/// `--stability`'s seed (as `tune --seed`'s default).
pub const STABILITY_SEED: u64 = 2010;

/// The command line as a shell would take it back: arguments with spaces or shell characters are
/// single-quoted.
pub fn command_line(args: impl IntoIterator<Item = String>) -> String {
    let quote = |a: String| {
        let plain = !a.is_empty() && a.chars().all(|c| c.is_alphanumeric() || "-_./=:,@+%".contains(c));
        if plain { a } else { format!("'{}'", a.replace('\'', "'\\''")) }
    };
    let mut args = args.into_iter();
    let program = args.next().map(|p| Path::new(&p).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or(p));
    program.into_iter().chain(args.map(quote)).collect::<Vec<_>>().join(" ")
}

/// Writes the report in a format.
pub fn render(report: &Report, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Html => html::render(report, out),
        ReportFormat::Markdown => markdown::render(report, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0).0, "1970-01-01 00:00:00");
        // 2024-02-29 12:34:56 UTC = 1709210096.
        assert_eq!(utc(1_709_210_096).0, "2024-02-29 12:34:56");
        assert_eq!(utc(-1).0, "1969-12-31 23:59:59");
    }

    #[test]
    fn redaction_is_whole_word_and_case_insensitive() {
        let values = vec!["Mette".to_string(), "Holm".to_string(), "mette.holm@example.dk".to_string()];
        assert_eq!(
            redact_text("Mette Holm (mette.holm@example.dk), holmgaard METTE", &values),
            "▇▇▇ ▇▇▇ (▇▇▇), holmgaard ▇▇▇"
        );
    }

    #[test]
    fn group_letters() {
        assert_eq!(group_letter(0), "A");
        assert_eq!(group_letter(25), "Z");
        assert_eq!(group_letter(26), "AA");
    }

    fn entry(id: &str, rank: usize, total: f64, scores: Vec<f64>, meets: bool) -> Entry {
        Entry { id: id.into(), name: None, rank, tied: false, total, scores, meets, shortlisted: true }
    }

    #[test]
    fn why_names_the_competency_adding_most_to_the_lead() {
        // Weights 3 and 1 (ΣW = 4). a: scores 80, 20 → total (240 + 20)/4 = 65.
        // b: scores 60, 60 → total (180 + 60)/4 = 60. Contributions: 3/4·(80−60) = 15 and
        // 1/4·(20−60) = −10; the lead is 15 − 10 = 5.
        let ranking = vec![entry("a", 1, 65.0, vec![80.0, 20.0], true), entry("b", 2, 60.0, vec![60.0, 60.0], true)];
        assert_eq!(
            why(&ranking, 0, &[3.0, 1.0]),
            Why::Competency { next: "b".into(), lead: 5.0, competency: 0, points: 15.0 }
        );
        assert_eq!(why(&ranking, 1, &[3.0, 1.0]), Why::Last);
        let failing = vec![entry("a", 1, 10.0, vec![10.0, 10.0], true), entry("b", 2, 90.0, vec![90.0, 90.0], false)];
        assert_eq!(why(&failing, 0, &[1.0, 1.0]), Why::Requirements { next: "b".into() });
    }
}
