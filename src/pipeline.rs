//! The pipeline that the commands share: read an applicant file, bind the rubric to its header,
//! score every record in parallel, account for every row, and rank.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::input::{CsvReader, InputInfo, ReadOptions, Record, Rejected, Row};
use crate::rank::{Placement, RankKey, rank};
use crate::rubric::{CompiledRubric, Rubric};
use crate::score::{RowContext, Scorecard, score_records};

/// How every row of the input was accounted for: `read = scored + rejected + blank`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RowCounts {
    /// Records read after the header.
    pub read: u64,
    /// Records scored.
    pub scored: u64,
    /// Records rejected, each with its reason.
    pub rejected: u64,
    /// Records whose fields were all blank.
    pub blank: u64,
}

/// A scored and ranked applicant file.
#[derive(Debug)]
pub struct ScoreRun {
    /// The rubric, bound to the file's header, with the weights in force.
    pub rubric: CompiledRubric,
    /// What was detected about the file.
    pub input: InputInfo,
    /// One scorecard per scored row, in input order.
    pub cards: Vec<Scorecard>,
    /// The ranking, in rank order (indices into `cards`).
    pub placements: Vec<Placement>,
    /// The row accounting.
    pub counts: RowCounts,
    /// Rejected rows, in input order.
    pub rejected: Vec<Rejected>,
    /// Warnings about the file as a whole (row warnings are on the scorecards).
    pub warnings: Vec<String>,
}

impl ScoreRun {
    /// Scorecards in rank order, with their placements.
    pub fn ranked(&self) -> impl Iterator<Item = (&Placement, &Scorecard)> {
        self.placements.iter().map(|p| (p, &self.cards[p.index]))
    }

    /// Every row warning, in input order.
    pub fn row_warnings(&self) -> impl Iterator<Item = &String> {
        self.cards.iter().flat_map(|c| c.warnings.iter())
    }
}

/// Reads `path` (named `display` in messages), scores every row against `rubric` and ranks them.
pub fn score_file(
    rubric: Rubric,
    path: &Path,
    display: &str,
    options: &ReadOptions,
) -> Result<ScoreRun> {
    let mut reader = CsvReader::open(path, display, options)?;
    let compiled = CompiledRubric::compile(rubric, reader.header(), display)?;
    let input = reader.info().clone();
    let mut warnings = Vec::new();
    if compiled.id_column.is_none() {
        warnings.push(format!(
            "{display}: no '{}' column; each applicant's id is the line number where its record starts",
            compiled.rubric.columns.id.name
        ));
    }
    let mut counts = RowCounts::default();
    let mut records: Vec<Record> = Vec::new();
    let mut rejected = Vec::new();
    while let Some(row) = reader.next_row()? {
        counts.read += 1;
        match row {
            Row::Record(record) => records.push(record),
            Row::Rejected(r) => rejected.push(r),
            Row::Blank { .. } => counts.blank += 1,
        }
    }
    let context = RowContext {
        path: display.to_string(),
        decimal_comma: input.decimal_comma,
    };
    let mut cards = Vec::with_capacity(records.len());
    for (record, result) in records
        .iter()
        .zip(score_records(&compiled, &records, &context))
    {
        match result {
            Ok(card) => cards.push(card),
            Err(reason) => rejected.push(Rejected {
                line: record.line,
                reason,
                raw: raw_record(record, input.delimiter),
            }),
        }
    }
    rejected.sort_by_key(|r| r.line);
    counts.scored = cards.len() as u64;
    counts.rejected = rejected.len() as u64;
    check_unique_ids(&cards, display)?;
    let keys: Vec<RankKey<'_>> = cards
        .iter()
        .map(|c| RankKey {
            meets_requirements: c.meets_requirements,
            total: c.total,
            id: &c.id,
        })
        .collect();
    let placements = rank(&keys);
    Ok(ScoreRun {
        rubric: compiled,
        input,
        cards,
        placements,
        counts,
        rejected,
        warnings,
    })
}

fn raw_record(record: &Record, delimiter: u8) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let _ = writer.write_record(&record.fields);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches(['\r', '\n'])
        .to_string()
}

/// Duplicate ids stop the run: a ranking in which two rows share an id cannot be acted on.
fn check_unique_ids(cards: &[Scorecard], display: &str) -> Result<()> {
    let mut lines: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for card in cards {
        lines.entry(card.id.as_str()).or_default().push(card.line);
    }
    let duplicates: Vec<String> = lines
        .iter()
        .filter(|(_, l)| l.len() > 1)
        .map(|(id, l)| {
            format!(
                "'{id}' on lines {}",
                l.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    if duplicates.is_empty() {
        return Ok(());
    }
    Err(Error::input(
        Location::file(display),
        format!("duplicate applicant ids: {}", duplicates.join("; ")),
    ))
}
