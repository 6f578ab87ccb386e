//! The pipeline that the commands share, in two passes over the applicant file.
//!
//! Pass 1 streams the file in chunks (a reader thread feeds chunks to rayon workers) and keeps per
//! row only what ranking needs: the record's offset and line, id, total, requirement flag (and,
//! when asked, the competency scores). Memory grows by those few bytes per row, not by the file.
//! Pass 2 fetches, by offset, only the rows that will be shown, scores them again with the full
//! explanation, and hands them out in rank order, batch by batch.

use std::path::Path;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};
use crate::input::{CsvReader, Fetcher, InputInfo, RawRecord, ReadOptions, Record, Rejected, Row};
use crate::rank::{Cutoff, Placement, RankKey, rank};
use crate::rubric::{CompiledRubric, Rubric};
use crate::score::{Engine, RowContext, RowView, Scorecard, Summary};
use crate::text::token_key;

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

/// At most this many row warnings are kept in memory per rubric (all are counted and printed).
pub const KEPT_WARNINGS: usize = 10_000;
const CHUNK_RECORDS: usize = 2048;
const CHUNK_BYTES: usize = 2 << 20;
const FETCH_BATCH: usize = 1024;

/// A scored row: where it is in the file and what ranking needs.
#[derive(Debug, Clone)]
pub struct RowEntry {
    /// The line the record starts on.
    pub line: u64,
    /// The byte offset of the record in the data read.
    pub offset: u64,
    /// Id, total, requirement flag, and competency scores when kept.
    pub summary: Summary,
}

/// One rubric's result over the file.
#[derive(Debug)]
pub struct RubricRun {
    /// Scored rows, in input order.
    pub rows: Vec<RowEntry>,
    /// The ranking, in rank order (indices into `rows`).
    pub placements: Vec<Placement>,
    /// The row accounting.
    pub counts: RowCounts,
    /// Rejected rows, in input order.
    pub rejected: Vec<Rejected>,
    /// Row warnings, in input order (the first [`KEPT_WARNINGS`]).
    pub warnings: Vec<Diagnostic>,
    /// How many row warnings there were in all.
    pub warning_count: u64,
}

/// An applicant file scored against one or more rubrics.
#[derive(Debug)]
pub struct Session {
    /// The rubrics bound to the file's header.
    pub engine: Engine,
    /// What was detected about the file.
    pub input: InputInfo,
    /// One result per rubric, in the order given.
    pub runs: Vec<RubricRun>,
    /// Warnings about the file as a whole.
    pub warnings: Vec<Diagnostic>,
    context: RowContext,
    fetcher: Fetcher,
    sources: Option<std::sync::Arc<crate::input::documents::Sources>>,
}

/// What pass 1 keeps, beyond ranking, and how it reports progress.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Keep every row's competency scores (for tuning and reports).
    pub keep_scores: bool,
    /// Match by the rules as written, without the matcher's shortcuts: slow; for tests that check
    /// the fast path gives the same bytes.
    pub reference_matching: bool,
    /// When to show a progress bar on stderr.
    pub progress: crate::progress::Show,
    /// Blind output will be made: an id column that is also the name, a contact or a protected
    /// column is an error, and a row whose id holds what blind mode hides is rejected (ids are
    /// shown in blind output).
    pub blind: bool,
    /// Only the first N places of each ranking will be shown (`score --top N`, not the matrix):
    /// rows that cannot reach them are ranked by an upper bound instead of scored in full (see
    /// [`Engine::summarize_for_top`]); what is shown is the same. Ignored with `keep_scores` and
    /// with reference matching, which score every row in full.
    pub top: Option<usize>,
    /// Every row will be shown without evidence (a table or CSV of all rows): keep competency
    /// scores for pass 2 to print, so that a row is not scored twice, while they take at most
    /// [`OUTPUT_SCORES_BYTES`] in all; the rows after that are scored again in pass 2.
    pub output_scores: bool,
}

/// What [`ScoreOptions::output_scores`] may keep: 8 MiB, 104,857 rows of ten competencies (about
/// 10 MB of memory with the allocator's share), so that a 1 GB file's peak memory stays under
/// 128 MB (docs/performance.md).
pub const OUTPUT_SCORES_BYTES: usize = 8 << 20;

/// Every column a rubric names and needs: the explicit id and name, the roles, and the fields of
/// its criteria and requirements.
fn column_names(rubric: &Rubric) -> Vec<String> {
    let columns = &rubric.columns;
    let explicit = [(columns.id_explicit, &columns.id), (columns.name_explicit, &columns.name)];
    let roles = explicit.into_iter().filter(|(named, _)| *named).map(|(_, c)| c);
    let lists = columns.text.iter().flatten().chain(&columns.contact).chain(&columns.protected);
    let checks = rubric.competencies.iter().flat_map(|c| c.criteria.iter().map(|k| &k.check));
    let checks = checks.chain(rubric.requirements.iter().map(|r| &r.check));
    let fields = checks.flat_map(|check| match check {
        crate::rubric::Check::Terms { fields, .. } => fields.iter().flatten().collect::<Vec<_>>(),
        other => other.field().into_iter().collect(),
    });
    roles.chain(lists).chain(fields).map(|c| c.name.clone()).collect()
}

/// The different column names of several rubrics, in first-named order.
fn named_columns(rubrics: &[Vec<String>]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for name in rubrics.iter().flatten() {
        if !names.iter().any(|n| token_key(n) == token_key(name)) {
            names.push(name);
        }
    }
    names
}

/// Reads `path` (named `display` in messages) and scores every row against every rubric.
/// `on_warning` sees each row warning as it is found, in input order.
pub fn score_file(
    rubrics: Vec<Rubric>,
    path: &Path,
    display: &str,
    read: &ReadOptions,
    options: ScoreOptions,
    on_warning: &mut dyn FnMut(&Diagnostic),
) -> Result<Session> {
    let mut reader = CsvReader::open(path, display, read)?;
    let names_of_rubrics: Vec<Vec<String>> = rubrics.iter().map(column_names).collect();
    let mut engine = match Engine::new(rubrics, reader.header(), display) {
        Err(Error::Rubric(mut problems)) if reader.info().documents.as_ref().is_some_and(|d| d.list.is_none()) => {
            // A folder alone has only its document columns: say where the others come from.
            let columns = reader.header().names().join(", ");
            problems.push(crate::error::RubricProblem {
                location: Location::file(display),
                message: format!(
                    "a folder of applications has only the columns {columns}; give the applicant list with --applicants LIST for the others"
                ),
            });
            return Err(Error::Rubric(problems));
        }
        Err(Error::Rubric(mut problems)) => {
            // Columns missing: show the header as read, once, with the likely cause.
            let named = named_columns(&names_of_rubrics);
            let missing: Vec<&str> =
                named.iter().copied().filter(|name| reader.header().find(name).is_none()).collect();
            if !missing.is_empty() {
                let message = crate::input::diagnose::missing_columns(
                    reader.header().names(),
                    reader.info(),
                    &missing,
                    named.len(),
                );
                problems.push(crate::error::RubricProblem { location: Location::file(display), message });
            }
            return Err(Error::Rubric(problems));
        }
        other => other?,
    };
    if options.reference_matching {
        engine.use_reference_matching();
    }
    let input = reader.info().clone();
    let fetcher = reader.fetcher();
    let sources = reader.sources();
    let context =
        RowContext { path: display.to_string(), decimal_comma: input.decimal_comma, delimiter: input.delimiter };
    // A workbook's error cells are found when it is opened: warnings about the file as a whole.
    let mut warnings = reader.take_warnings();
    check_id_roles(&engine, display, options.blind, &mut warnings)?;
    for rubric in &engine.rubrics {
        if rubric.id_column.is_none() {
            let kind = Kind::NoIdColumn { rubric: rubric.rubric.meta.id.clone() };
            warnings.push(Diagnostic::new(Location::file(display), kind).column(&rubric.rubric.columns.id.name));
        }
    }
    let mut runs: Vec<RubricRun> = engine
        .rubrics
        .iter()
        .map(|_| RubricRun {
            rows: Vec::new(),
            placements: Vec::new(),
            counts: RowCounts::default(),
            rejected: Vec::new(),
            warnings: Vec::new(),
            warning_count: 0,
        })
        .collect();
    first_pass(reader, &engine, &context, &options, &mut runs, on_warning)?;
    for run in &mut runs {
        run.counts.scored = run.rows.len() as u64;
        run.counts.rejected = run.rejected.len() as u64;
        check_unique_ids(&run.rows, display)?;
        let keys: Vec<RankKey<'_>> = run
            .rows
            .iter()
            .map(|r| RankKey { standing: r.summary.standing(), total: r.summary.total, id: &r.summary.id })
            .collect();
        run.placements = rank(&keys);
    }
    Ok(Session { engine, input, runs, warnings, context, fetcher, sources })
}

/// An id column that is also the name, a contact or a protected column: ids are shown even in
/// blind output, so with `--blind` it is an error (naming the rubric's line), and otherwise a
/// warning.
fn check_id_roles(engine: &Engine, display: &str, blind: bool, warnings: &mut Vec<Diagnostic>) -> Result<()> {
    let mut problems = Vec::new();
    for compiled in &engine.rubrics {
        let (Some(role), Some(column)) = (compiled.id_role, compiled.id_column) else { continue };
        let rubric = &compiled.rubric;
        if blind {
            problems.push(crate::error::RubricProblem {
                location: Location::line(&rubric.path, rubric.columns.id.line),
                message: format!(
                    "the id column '{}' is also the {role} column, and --blind shows ids: name another id column",
                    compiled.column_name(column)
                ),
            });
        } else {
            let kind = Kind::IdColumnHasAnotherRole { rubric: rubric.meta.id.clone(), role };
            warnings.push(Diagnostic::new(Location::file(display), kind).column(compiled.column_name(column)));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Error::Rubric(problems)) }
}

/// In blind mode, the rejection of a row whose id holds what blind mode hides (its own name,
/// contact or protected value, or an e-mail address, phone or CPR number): ids are shown.
fn blind_id(rubric: &CompiledRubric, record: &Record, id: &str, path: &str) -> Option<Diagnostic> {
    let column = rubric.id_column?;
    let hidden: Vec<String> = rubric
        .blind_hidden
        .iter()
        .filter_map(|&c| record.fields.get(c).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string))
        .collect();
    crate::redact::reveals(id, &hidden).then(|| {
        Diagnostic::new(Location::line(path, record.line), Kind::IdWouldReveal).column(rubric.column_name(column))
    })
}

/// Records read in one go: the rows, the reader's warnings about them, and the byte position reached.
type Chunk = (Vec<Row<RawRecord>>, Vec<Diagnostic>, u64);

fn first_pass(
    mut reader: CsvReader,
    engine: &Engine,
    context: &RowContext,
    options: &ScoreOptions,
    runs: &mut [RubricRun],
    on_warning: &mut dyn FnMut(&Diagnostic),
) -> Result<()> {
    let total_bytes = reader.len();
    let cutoffs = match options.top {
        Some(n) if !options.keep_scores && !options.reference_matching => {
            engine.rubrics.iter().map(|_| Cutoff::new(n)).collect()
        }
        _ => Vec::new(),
    };
    let mut ranking = Ranking { cutoffs, output_scores: 0 };
    let (sender, receiver) = sync_channel::<Result<Chunk>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            loop {
                let chunk = read_chunk(&mut reader);
                let done = !matches!(&chunk, Ok((c, _, _)) if !c.is_empty());
                if sender.send(chunk).is_err() || done {
                    break;
                }
            }
        });
        let mut progress = crate::progress::Progress::new(total_bytes, options.progress);
        let mut rows = 0;
        for chunk in receiver {
            let (chunk, reader_warnings, position) = chunk?;
            rows += chunk.len() as u64;
            progress.update(position, rows);
            for warning in reader_warnings {
                on_warning(&warning);
                for run in runs.iter_mut() {
                    run.warning_count += 1;
                    if run.warnings.len() < KEPT_WARNINGS {
                        run.warnings.push(warning.clone());
                    }
                }
            }
            if chunk.is_empty() {
                break;
            }
            score_chunk(chunk, engine, context, options, &mut ranking, runs, on_warning);
        }
        progress.finish();
        Ok(())
    })
}

/// Reads the next chunk. The reading thread only splits records and checks their shape; the
/// workers check their text and score them.
fn read_chunk(reader: &mut CsvReader) -> Result<Chunk> {
    let mut chunk = Vec::with_capacity(CHUNK_RECORDS);
    let mut bytes = 0;
    while chunk.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
        match reader.next_raw_row()? {
            Some(row) => {
                if let Row::Record(r) = &row {
                    bytes += r.fields.as_slice().len();
                }
                chunk.push(row);
            }
            None => break,
        }
    }
    Ok((chunk, reader.take_warnings(), reader.position()))
}

/// What pass 1 keeps across chunks for what will be shown: per rubric the cutoff of `--top N`
/// (none without), and the bytes of competency scores kept for output so far (see
/// [`ScoreOptions::output_scores`]).
struct Ranking {
    cutoffs: Vec<Cutoff>,
    output_scores: usize,
}

/// What became of one row of a chunk.
enum Scored {
    Blank,
    Rejected(Rejected),
    /// Per rubric, the summary or the rejection, and the cell warnings.
    Record {
        line: u64,
        offset: u64,
        results: Vec<std::result::Result<Summary, Rejected>>,
        warnings: Vec<Vec<Diagnostic>>,
    },
}

fn score_chunk(
    chunk: Vec<Row<RawRecord>>,
    engine: &Engine,
    context: &RowContext,
    options: &ScoreOptions,
    ranking: &mut Ranking,
    runs: &mut [RubricRun],
    on_warning: &mut dyn FnMut(&Diagnostic),
) {
    let Ranking { cutoffs, output_scores } = ranking;
    let rubrics = engine.rubrics.len();
    let delimiter = context.delimiter;
    let scored: Vec<Scored> = chunk
        .into_par_iter()
        .map(|row| match row {
            Row::Blank { .. } => Scored::Blank,
            Row::Rejected(r) => Scored::Rejected(r),
            Row::Record(raw) => {
                let record = raw.into_record();
                let mut warnings = vec![Vec::new(); rubrics];
                let summaries = if cutoffs.is_empty() {
                    engine.summarize(&record, context, options.keep_scores || options.output_scores, &mut warnings)
                } else {
                    engine.summarize_for_top(&record, context, cutoffs, &mut warnings)
                };
                let results = summaries
                    .into_iter()
                    .enumerate()
                    .zip(&engine.rubrics)
                    .map(|((index, result), rubric)| {
                        let result = match result {
                            Ok(summary) if options.blind => match blind_id(rubric, &record, &summary.id, &context.path)
                            {
                                Some(reason) => Err(Box::new(reason)),
                                None => Ok(summary),
                            },
                            other => other,
                        };
                        // A row scored in full that will be ranked holds a place for the others.
                        if let (Ok(summary), Some(cutoff)) = (&result, cutoffs.get(index))
                            && !summary.bound
                        {
                            cutoff.offer(summary.standing(), summary.total);
                        }
                        result.map_err(|reason| rejected(&record, reason, delimiter))
                    })
                    .collect();
                Scored::Record { line: record.line, offset: record.offset, results, warnings }
            }
        })
        .collect();
    for row in scored {
        match row {
            Scored::Blank => {
                for run in runs.iter_mut() {
                    run.counts.read += 1;
                    run.counts.blank += 1;
                }
            }
            Scored::Rejected(r) => {
                for run in runs.iter_mut() {
                    run.counts.read += 1;
                    run.rejected.push(r.clone());
                }
            }
            Scored::Record { line, offset, results, warnings } => {
                // Several rubrics reading one cell warn alike: say it once.
                let mut seen: Vec<&Diagnostic> = Vec::new();
                for warning in warnings.iter().flatten() {
                    if !seen.contains(&warning) {
                        on_warning(warning);
                        seen.push(warning);
                    }
                }
                for ((run, result), warnings) in runs.iter_mut().zip(results).zip(warnings) {
                    run.counts.read += 1;
                    for warning in warnings {
                        run.warning_count += 1;
                        if run.warnings.len() < KEPT_WARNINGS {
                            run.warnings.push(warning);
                        }
                    }
                    match result {
                        Ok(mut summary) => {
                            if options.output_scores && !options.keep_scores {
                                let bytes = std::mem::size_of_val(&*summary.scores);
                                if *output_scores + bytes > OUTPUT_SCORES_BYTES {
                                    summary.scores = Box::default();
                                } else {
                                    *output_scores += bytes;
                                }
                            }
                            run.rows.push(RowEntry { line, offset, summary })
                        }
                        Err(r) => run.rejected.push(r),
                    }
                }
            }
        }
    }
}

fn rejected(record: &Record, reason: Box<Diagnostic>, delimiter: u8) -> Rejected {
    Rejected { line: record.line, reason, raw: crate::input::record_line(&record.fields, delimiter) }
}

impl Session {
    /// The first `count` ranked rows of rubric `index`, each with its full scorecard, handed to `f`
    /// in rank order. Rows are fetched and scored in batches, so memory stays bounded however many
    /// are shown.
    pub fn for_each_ranked(
        &self,
        index: usize,
        count: usize,
        f: &mut dyn FnMut(&Placement, &Scorecard) -> std::io::Result<()>,
    ) -> Result<()> {
        let run = &self.runs[index];
        for batch in run.placements[..count.min(run.placements.len())].chunks(FETCH_BATCH) {
            let rows: Vec<usize> = batch.iter().map(|p| p.index).collect();
            let cards = self.scorecards(index, &rows)?;
            for (placement, card) in batch.iter().zip(&cards) {
                f(placement, card).map_err(|source| Error::Output { path: "output".into(), source })?;
            }
        }
        Ok(())
    }

    /// Like [`Session::for_each_ranked`], without explanations: rows as tables and CSV print them.
    pub fn for_each_ranked_row(
        &self,
        index: usize,
        count: usize,
        f: &mut dyn FnMut(&Placement, &RowView) -> std::io::Result<()>,
    ) -> Result<()> {
        let run = &self.runs[index];
        for batch in run.placements[..count.min(run.placements.len())].chunks(FETCH_BATCH) {
            let views: Vec<RowView> = batch
                .par_iter()
                .map(|placement| {
                    let entry = &run.rows[placement.index];
                    let record = self.fetcher.fetch(entry.offset, entry.line)?;
                    if let Some(view) = self.engine.row_from_summary(index, &record, &entry.summary) {
                        return Ok(view);
                    }
                    self.engine
                        .row(index, &record, &self.context)
                        .map_err(|reason| Error::input(reason.location.clone(), reason.message()))
                })
                .collect::<Result<_>>()?;
            for (placement, view) in batch.iter().zip(&views) {
                f(placement, view).map_err(|source| Error::Output { path: "output".into(), source })?;
            }
        }
        Ok(())
    }

    /// Full scorecards for rows (indices into `runs[index].rows`), in the order asked.
    pub fn scorecards(&self, index: usize, rows: &[usize]) -> Result<Vec<Scorecard>> {
        let entries = &self.runs[index].rows;
        rows.par_iter()
            .map(|&row| {
                let record = self.fetcher.fetch(entries[row].offset, entries[row].line)?;
                let mut card = self
                    .engine
                    .scorecard(index, &record, &self.context)
                    .map_err(|reason| Error::input(reason.location.clone(), reason.message()))?;
                self.cite(&mut card);
                Ok(card)
            })
            .collect()
    }

    /// The text of every text column the rubrics read, for rows (indices into `runs[0].rows`).
    pub fn row_texts(&self, rows: &[usize]) -> Result<Vec<Vec<String>>> {
        let entries = &self.runs[0].rows;
        rows.iter()
            .map(|&row| {
                let record = self.fetcher.fetch(entries[row].offset, entries[row].line)?;
                let columns = self.engine.text_columns();
                Ok(columns.iter().map(|&c| record.fields.get(c).unwrap_or("").to_string()).collect())
            })
            .collect()
    }

    /// Scores row `row` of rubric `index` as if every text column held only `text`: how the rubric
    /// reads a word or a phrase on its own (`rubric suggest` uses it to leave out words a criterion
    /// already finds).
    pub fn probe(&self, index: usize, row: usize, text: &str) -> Result<Scorecard> {
        let entry = &self.runs[index].rows[row];
        let mut record = self.fetcher.fetch(entry.offset, entry.line)?;
        let columns = self.engine.text_columns();
        let fields: Vec<&str> =
            record.fields.iter().enumerate().map(|(i, f)| if columns.contains(&i) { text } else { f }).collect();
        record.fields = crate::input::Fields::from(fields);
        self.engine
            .scorecard(index, &record, &self.context)
            .map_err(|reason| Error::input(reason.location.clone(), reason.message()))
    }

    /// For applications read from documents: each piece of evidence gets the document and the
    /// page or paragraph it was found on, and the applicant's document problems (a scan without
    /// text, a missing list row) join the row's warnings, so every output shows them.
    fn cite(&self, card: &mut Scorecard) {
        let Some(sources) = &self.sources else { return };
        let details = card.competencies.iter_mut().flat_map(|c| c.criteria.iter_mut().map(|k| &mut k.detail));
        let details = details.chain(card.requirements.iter_mut().map(|r| &mut r.detail));
        for detail in details {
            for evidence in &mut detail.evidence {
                evidence.source = sources.cite(card.line, &evidence.field, evidence.offset);
            }
        }
        for flag in sources.flags(card.line) {
            let kind = Kind::Applicant { applicant: card.id.clone(), problem: flag.problem.clone() };
            let mut warning = Diagnostic::new(Location::file(&self.input.path), kind);
            warning.value = flag.document.clone();
            card.warnings.push(warning);
        }
    }

    /// Whether some document gave no text (a scan, an encrypted or damaged file): the ranking is
    /// then missing part of an application, and the commands exit with code 3.
    pub fn documents_failed(&self) -> bool {
        self.input.documents.as_ref().is_some_and(|d| d.failed > 0)
    }
}

/// Duplicate ids stop the run: a ranking in which two rows share an id cannot be acted on.
fn check_unique_ids(rows: &[RowEntry], display: &str) -> Result<()> {
    // Row indices sorted by id (then line, as rows are in input order): 4 bytes a row, where a map
    // of ids to line lists would cost a hundred.
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    order.sort_by(|&a, &b| rows[a as usize].summary.id.cmp(&rows[b as usize].summary.id).then(a.cmp(&b)));
    let mut duplicates: Vec<String> = Vec::new();
    for group in order.chunk_by(|&a, &b| rows[a as usize].summary.id == rows[b as usize].summary.id) {
        if group.len() > 1 {
            let lines: Vec<String> = group.iter().map(|&i| rows[i as usize].line.to_string()).collect();
            let id = crate::inert::inert(&rows[group[0] as usize].summary.id).into_owned();
            duplicates.push(format!("'{id}' on lines {}", lines.join(", ")));
        }
    }
    if duplicates.is_empty() {
        return Ok(());
    }
    Err(Error::input(Location::file(display), format!("duplicate applicant ids: {}", duplicates.join("; "))))
}
