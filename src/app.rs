//! The commands: checked settings built from the raw command line, then the pipeline, then output.
//! `main.rs` only calls [`run`] and maps its result to an exit code ([`Exit`]).

pub mod tune;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crate::cli::{
    ApproveArgs, CheckArgs, Cli, Command, ExtractArgs, InputArgs, LettersArgs, ReportArgs, RubricCommand, ScoreArgs,
    SuggestArgs, SuggestFormatArg,
};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::inert::inert;
use crate::input::{DecimalMode, ReadOptions, delimiter_name};
use crate::output::{Format, Render, View};
use crate::pipeline::{ScoreOptions, Session, score_file};
use crate::progress::Show;
use crate::rank::top_len;
use crate::rubric;

/// Runs a parsed command line; returns how it ended (an error's exit code is
/// [`Error::exit_code`]).
pub fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Command::Score(args) => score(*args),
        Command::Rubric(RubricCommand::Check(args)) => check(args),
        Command::Rubric(RubricCommand::Approve(args)) => approve(args),
        Command::Rubric(RubricCommand::Suggest(args)) => suggest(args),
        Command::Report(args) => report(args),
        Command::Letters(args) => letters(args),
        Command::Tune(args) => tune::run(args),
        Command::Extract(args) => extract(args),
    }
}

/// The exit code of a finished run: 3 when a row was rejected or a document gave no text (an
/// applicant's application is then incompletely read), otherwise 0.
pub fn exit_code(session: &Session) -> Exit {
    let rejected = session.runs.iter().any(|r| r.counts.rejected > 0);
    if rejected || session.documents_failed() { Exit::RowsRejected } else { Exit::Success }
}

/// An applicant file ready to read: standard input, a named pipe or a device is spooled to a
/// temporary file first, so that it can be read twice (a pipe read twice would wait for a second
/// writer for ever).
pub struct InputFile {
    path: PathBuf,
    display: String,
    _spool: Option<tempfile::NamedTempFile>,
}

impl InputFile {
    /// Opens the named file, or spools standard input for `-` (and a pipe or device).
    pub fn new(path: &Path) -> Result<InputFile> {
        let display = path.display().to_string();
        if path == Path::new("-") {
            let io_error = |source| Error::Io { path: "-".into(), source };
            return InputFile::spool(&mut io::stdin(), "-", "").map_err(io_error);
        }
        let io_error = |source| Error::Io { path: path.to_path_buf(), source };
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if metadata.is_file() || metadata.is_dir() {
            return Ok(InputFile { path: path.to_path_buf(), display, _spool: None });
        }
        // The spool keeps the extension, which says whether the input is a workbook.
        let suffix = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
        let mut source = std::fs::File::open(path).map_err(io_error)?;
        InputFile::spool(&mut source, &display, &suffix).map_err(io_error)
    }

    fn spool(source: &mut dyn Read, display: &str, suffix: &str) -> io::Result<InputFile> {
        let mut spool = tempfile::Builder::new().suffix(suffix).tempfile()?;
        io::copy(source, spool.as_file_mut())?;
        spool.as_file_mut().flush()?;
        Ok(InputFile { path: spool.path().to_path_buf(), display: display.to_string(), _spool: Some(spool) })
    }

    /// The path to read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name to show in messages.
    pub fn display(&self) -> &str {
        &self.display
    }
}

/// Read options from the command line.
pub fn read_options(args: &InputArgs) -> Result<ReadOptions> {
    let delimiter = match args.delimiter.as_deref() {
        None => None,
        Some("tab" | "TAB" | "\\t" | "\t") => Some(b'\t'),
        Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
        Some(d) => {
            return Err(Error::Usage(format!("--delimiter {d:?}: give one ASCII character, or 'tab'")));
        }
    };
    let decimal = match (args.decimal_comma, args.decimal_point) {
        (true, _) => DecimalMode::Comma,
        (_, true) => DecimalMode::Point,
        _ => DecimalMode::Auto,
    };
    let cache = if args.no_cache {
        crate::input::documents::cache::Cache::disabled()
    } else {
        crate::input::documents::cache::Cache::default_location()
    };
    let documents = crate::input::documents::DocumentOptions {
        list: args.applicant_list.clone(),
        cache,
        limits: crate::input::documents::Limits::default(),
    };
    Ok(ReadOptions { delimiter, decimal, sheet: args.sheet.clone(), documents })
}

/// New weights the rubric refused, as a usage error naming the flag they came from: the rubric
/// says what is wrong (`a=-1: a weight must be …`), the command line where (`--weight`).
pub(crate) fn weight_usage(error: rubric::WeightError) -> Error {
    let separator = if error.names_a_competency() { " " } else { ": " };
    Error::Usage(format!("--weight{separator}{error}"))
}

/// Parses `--weight C=W` arguments.
pub fn parse_weights(args: &[String]) -> Result<Vec<(String, f64)>> {
    args.iter()
        .map(|arg| {
            let (id, value) = arg
                .split_once('=')
                .ok_or_else(|| Error::Usage(format!("--weight {arg:?}: write COMPETENCY=WEIGHT, e.g. oekonomi=3")))?;
            let weight: f64 = value
                .trim()
                .parse()
                .map_err(|_| Error::Usage(format!("--weight {arg:?}: {}", weight_problem(value))))?;
            Ok((id.trim().to_string(), weight))
        })
        .collect()
}

/// Why a `--weight` value is not a number, with the likely fix: a decimal comma (`7,5`), or two
/// weights in one option (`7,politik=2`).
fn weight_problem(value: &str) -> String {
    let value = value.trim();
    if value.contains('=') {
        return format!("'{value}' is not a number; give each competency its own --weight (--weight a=3 --weight b=2)");
    }
    let pointed = value.replacen(',', ".", 1);
    if value.matches(',').count() == 1 && pointed.parse::<f64>().is_ok() {
        return format!("'{value}' is not a number; did you mean {pointed}? (weights take a decimal point)");
    }
    format!("'{value}' is not a number")
}

/// A rayon pool with `--threads` workers (default: one per core).
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        if n == 0 {
            return Err(Error::Usage("--threads must be at least 1".into()));
        }
        builder = builder.num_threads(n);
    }
    builder.build().map_err(|e| Error::Usage(format!("cannot start {threads:?} threads: {e}")))
}

fn score(args: ScoreArgs) -> Result<Exit> {
    if args.top == Some(0) {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    let options = read_options(&args.input)?;
    refuse_swapped(&args.input.applicants)?;
    let rubric_paths = rubric_paths(&args.rubric, args.rubrics.as_deref())?;
    let mut inputs: Vec<&Path> = rubric_paths.iter().map(PathBuf::as_path).collect();
    inputs.push(&args.input.applicants);
    for (option, output) in [("-o", &args.output), ("--record", &args.record), ("--rejects", &args.rejects)] {
        check_output(option, output.as_deref(), &inputs)?;
    }
    let format = choose_format(&args)?;
    refuse_one_file_for_two_outputs(&[
        ("-o", args.output.as_deref()),
        ("--record", args.record.as_deref()),
        ("--rejects", args.rejects.as_deref()),
    ])?;
    if args.blind && args.rejects.is_some() {
        return Err(Error::Usage(
            "--rejects writes rejected rows as they were read, names and all, so it cannot be blind: \
             write it in a run without --blind, for whoever fixes the data"
                .into(),
        ));
    }
    if args.record.is_some() {
        // A malformed SOURCE_DATE_EPOCH is found before anything is written, not after.
        crate::record::timestamp()?;
    }
    let rubrics = load_rubrics(&rubric_paths, &args.weight)?;
    if format == Format::Matrix && rubrics.len() < 2 {
        return Err(Error::Usage(
            "--format matrix compares several rubrics: give --rubric more than once, or --rubrics DIR".into(),
        ));
    }
    let input = InputFile::new(&args.input.applicants)?;
    let pool = thread_pool(args.threads)?;
    let mut warnings = Warnings::new(args.blind);
    let session = pool.install(|| {
        let show = if args.progress { Show::Always } else { Show::Auto };
        // The matrix shows every applicant's total under every rubric: no row can be left out.
        let top = args.top.filter(|_| format != Format::Matrix);
        // Every row shown without evidence: pass 1's competency scores are what is printed, so
        // keep them (up to a bound) rather than score every row twice.
        let output_scores =
            top.is_none() && !matches!(format, Format::Json | Format::Jsonl | Format::Explain | Format::Matrix);
        let score_options =
            ScoreOptions { progress: show, blind: args.blind, top, output_scores, ..ScoreOptions::default() };
        score_file(rubrics, input.path(), input.display(), &options, score_options, &mut |d| warnings.print(d))
    })?;
    warnings.finish();
    report_to_stderr(&session, args.blind);
    let shown = session
        .runs
        .iter()
        .map(|run| match args.top {
            Some(n) => top_len(&run.placements, n),
            None => run.placements.len(),
        })
        .collect();
    let view = View { session: &session, shown, blind: args.blind, top: args.top };
    pool.install(|| write_output(args.output.as_deref(), |out| format.render(&view, out)))?;
    if let Some(path) = &args.rejects {
        write_rejects(path, &session)?;
    }
    if let Some(path) = &args.record {
        let mut files: Vec<crate::record::RecordInput<'_>> = Vec::new();
        let displays: Vec<String> = rubric_paths.iter().map(|p| p.display().to_string()).collect();
        for (path, display) in rubric_paths.iter().zip(&displays) {
            files.push(crate::record::RecordInput { role: "rubric", path, display });
        }
        files.push(crate::record::RecordInput { role: "applicants", path: input.path(), display: input.display() });
        let record = crate::record::run_record(&session, &files, recorded_options(&args, format))?;
        write_output(Some(path), |out| crate::record::write_json(&record, out))?;
    }
    Ok(exit_code(&session))
}

/// The options of `score` that can change a result (not `--threads`, output paths or `--record`).
fn recorded_options(args: &ScoreArgs, format: Format) -> std::collections::BTreeMap<String, serde_json::Value> {
    use serde_json::json;
    let format = format_name(format);
    let rubrics: Vec<String> = args.rubric.iter().map(|p| p.display().to_string()).collect();
    [
        ("rubric", json!(rubrics)),
        ("rubrics", json!(args.rubrics.as_ref().map(|p| p.display().to_string()))),
        ("format", json!(format)),
        ("explain", json!(args.explain)),
        ("weight", json!(args.weight)),
        ("top", json!(args.top)),
        ("blind", json!(args.blind)),
        ("delimiter", json!(args.input.delimiter)),
        ("decimal-comma", json!(args.input.decimal_comma)),
        ("decimal-point", json!(args.input.decimal_point)),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value))
    .collect()
}

/// The rubric files named by `--rubric` and found in `--rubrics DIR`.
fn rubric_paths(files: &[PathBuf], directory: Option<&Path>) -> Result<Vec<PathBuf>> {
    let mut paths = files.to_vec();
    if let Some(directory) = directory {
        let io_error = |source| Error::Io { path: directory.to_path_buf(), source };
        let mut found: Vec<PathBuf> = std::fs::read_dir(directory)
            .map_err(io_error)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(Error::Usage(format!("--rubrics {}: no *.toml files there", directory.display())));
        }
        paths.extend(found);
    }
    Ok(paths)
}

/// Extensions of applicant files: a rubric path with one of these was probably meant as the
/// applicant file.
const APPLICANT_EXTENSIONS: [&str; 9] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods", "pdf"];

fn extension_of(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// Reads one rubric; when it cannot be read and its name says it is an applicant file, the
/// problems end with that likely cause instead of leaving a TOML syntax error to explain itself.
pub fn read_rubric(path: &Path) -> Result<rubric::Rubric> {
    match rubric::read(path) {
        Err(Error::Rubric(mut problems)) if APPLICANT_EXTENSIONS.contains(&extension_of(path).as_str()) => {
            problems.push(crate::error::RubricProblem {
                location: crate::error::Location::file(path.display().to_string()),
                message: "this looks like an applicant file, not a rubric (TOML): did you swap --rubric and the applicant file? \
                          (profilmatch score --rubric RUBRIC.toml APPLICANTS.csv)"
                    .into(),
            });
            Err(Error::Rubric(problems))
        }
        other => other,
    }
}

/// An applicant file named `.toml` is a rubric given in the applicant file's place: say so before
/// reading it as CSV (which would report every rubric column missing).
pub fn refuse_swapped(applicants: &Path) -> Result<()> {
    if extension_of(applicants) == "toml" {
        return Err(Error::Usage(format!(
            "the applicant file {} is a TOML file, a rubric: did you swap --rubric and the applicant file? \
             (profilmatch score --rubric RUBRIC.toml APPLICANTS.csv)",
            applicants.display()
        )));
    }
    Ok(())
}

/// Reads rubrics, reporting every problem of every rubric, then applies `--weight` overrides.
pub fn load_rubrics(paths: &[PathBuf], weights: &[String]) -> Result<Vec<rubric::Rubric>> {
    let mut rubrics = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_rubric(path) {
            Ok(r) => rubrics.push(r),
            Err(Error::Rubric(p)) => problems.extend(p),
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Rubric(problems));
    }
    let overrides = parse_weights(weights)?;
    for (id, _) in &overrides {
        if !rubrics.iter().any(|r| r.competency(id).is_some()) {
            let known: Vec<&str> = rubrics.iter().flat_map(|r| r.competencies.iter().map(|c| c.id.as_str())).collect();
            return Err(Error::Usage(format!(
                "--weight {id}=…: no rubric has a competency '{id}'; known: {}",
                known.join(", ")
            )));
        }
    }
    for rubric in &mut rubrics {
        let own: Vec<(String, f64)> =
            overrides.iter().filter(|(id, _)| rubric.competency(id).is_some()).cloned().collect();
        rubric.set_weights(&own).map_err(weight_usage)?;
        if let Some(warning) = rubric::ApprovalStatus::of(rubric).warning(&rubric.path) {
            eprintln!("profilmatch: warning: {warning}");
        }
    }
    Ok(rubrics)
}

/// A format as the command line names it (`csv-da`).
fn format_name(format: Format) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map_or_else(|| format!("{format:?}"), |v| v.get_name().to_string())
}

/// The format an output file's extension names; `None` for a file without an extension.
fn format_of_extension(output: &Path) -> Result<Option<Format>> {
    let Some(extension) = output.extension() else {
        return Ok(None);
    };
    let format = match extension.to_string_lossy().to_ascii_lowercase().as_str() {
        "csv" => Format::Csv,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        "txt" => Format::Table,
        "xlsx" => Format::Xlsx,
        other => {
            return Err(Error::Usage(format!(
                "-o {}: profilmatch does not know the extension '.{other}'; use .csv, .xlsx, .json, .jsonl or .txt, or name the format with --format",
                output.display()
            )));
        }
    };
    Ok(Some(format))
}

fn choose_format(args: &ScoreArgs) -> Result<Format> {
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let from_extension = match (&args.output, args.format, args.explain) {
        (Some(output), None, false) if !to_stdout => format_of_extension(output)?,
        _ => None,
    };
    let to_terminal = to_stdout && io::stdout().is_terminal();
    let format = args.format.or(from_extension).unwrap_or(if to_terminal { Format::Table } else { Format::Csv });
    if args.explain {
        return match args.format {
            None | Some(Format::Table) | Some(Format::Explain) => Ok(Format::Explain),
            Some(other) => Err(Error::Usage(format!(
                "--explain prints a text explanation; --format {} cannot carry it (json and jsonl always include the explanation)",
                format_name(other)
            ))),
        };
    }
    if format == Format::Xlsx && to_terminal {
        return Err(Error::Usage("--format xlsx writes a binary workbook: give -o FILE.xlsx".into()));
    }
    Ok(format)
}

/// Checks an output path before doing anything: one that is also an input would destroy the
/// input, and one in a folder that does not exist could only fail after all the work. `option`
/// is the option that named it (`-o`, `--record`, `--write-rubric`), for the message.
pub fn check_output(option: &str, output: Option<&Path>, inputs: &[&Path]) -> Result<()> {
    let Some(output) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    if let Some(out) = canonical(output)
        && inputs.iter().any(|input| canonical(input).as_ref() == Some(&out))
    {
        return Err(Error::Usage(format!("{option} {}: refusing to overwrite an input file", output.display())));
    }
    if let Some(folder) = missing_folder(output) {
        return Err(Error::Usage(format!(
            "{option} {}: the folder {} does not exist; create it first, or write somewhere else",
            output.display(),
            folder.display()
        )));
    }
    Ok(())
}

/// The folder an output file would be written in, when that folder does not exist.
fn missing_folder(output: &Path) -> Option<&Path> {
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty())?;
    (!folder.is_dir()).then_some(folder)
}

/// Whether a write failed because the reader went away (`| head`): the error itself, or one
/// wrapped inside it (the csv writer wraps its I/O errors).
pub fn is_broken_pipe(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let inner = error.get_ref().map(|e| e as &(dyn std::error::Error + 'static));
    let mut source = inner.or_else(|| std::error::Error::source(error));
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        if let Some(csv::ErrorKind::Io(io)) = cause.downcast_ref::<csv::Error>().map(csv::Error::kind)
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// Two outputs naming one file would overwrite each other without a word: refuse it before
/// doing anything. `outputs` are (option, path) pairs; `-` is standard output, which several may share.
pub fn refuse_one_file_for_two_outputs(outputs: &[(&str, Option<&Path>)]) -> Result<()> {
    let named: Vec<(&str, PathBuf)> = outputs
        .iter()
        .filter_map(|(option, path)| path.filter(|p| *p != Path::new("-")).map(|p| (*option, same_file_key(p))))
        .collect();
    for (i, (first, a)) in named.iter().enumerate() {
        if let Some((second, _)) = named[i + 1..].iter().find(|(_, b)| b == a) {
            return Err(Error::Usage(format!(
                "{first} and {second} name the same file ({}); give each output its own file",
                a.display()
            )));
        }
    }
    Ok(())
}

/// A path in a form two names of one file share: canonical when it exists, otherwise its
/// directory's canonical path and its file name.
fn same_file_key(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    let directory = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    std::fs::canonicalize(directory).map_or_else(|_| path.to_path_buf(), |d| d.join(name))
}

/// Writes to standard output, or atomically to a file: a temporary file in the same directory,
/// flushed and synced, then renamed over the target, so a failed write leaves any old file intact.
/// A closed standard output (`| head`) is not an error.
pub fn write_output(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    match path.filter(|p| *p != Path::new("-")) {
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let result = write(&mut out).and_then(|()| out.flush());
            match result {
                Err(e) if is_broken_pipe(&e) => Ok(()),
                other => other.map_err(|source| Error::Output { path: "-".into(), source }),
            }
        }
        Some(path) => write_atomically(path, write),
    }
}

fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let output_error = |source| Error::Output { path: path.display().to_string(), source };
    // A device, pipe or socket (`/dev/null`, `/dev/full`, a FIFO) is written in place: renaming a
    // file over it would replace the device itself (as root, `-o /dev/full` would destroy it).
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let mut file = std::fs::OpenOptions::new().write(true).open(path).map_err(output_error)?;
        let mut out = io::BufWriter::new(&mut file);
        return write(&mut out).and_then(|()| out.flush()).map_err(output_error);
    }
    let directory = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !directory.is_dir() {
        let message = format!("the folder {} does not exist", directory.display());
        return Err(output_error(io::Error::new(io::ErrorKind::NotFound, message)));
    }
    // tempfile's own message names the temporary file, which the user never asked for.
    let mut temp = temporary_file(directory, path).map_err(|e| {
        output_error(io::Error::new(e.kind(), format!("cannot create a file in {}: {e}", directory.display())))
    })?;
    {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        write(&mut out).and_then(|()| out.flush()).map_err(output_error)?;
    }
    temp.as_file().sync_all().map_err(output_error)?;
    temp.persist(path).map_err(|e| output_error(e.error))?;
    Ok(())
}

/// A temporary file beside `target` with the permissions the target has, or, for a new file on
/// Unix, the usual 0644 (tempfile's own default, 0600, would leave a shared report readable by its
/// owner only).
fn temporary_file(directory: &Path, target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    match std::fs::metadata(target) {
        Ok(metadata) => {
            builder.permissions(metadata.permissions());
        }
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    builder.tempfile_in(directory)
}

fn write_rejects(path: &Path, session: &Session) -> Result<()> {
    let names = session.engine.rubrics.first().map(|r| r.column_names.clone()).unwrap_or_default();
    let mut lines: Vec<(u64, &str)> =
        session.runs.iter().flat_map(|run| run.rejected.iter().map(|r| (r.line, r.raw.as_str()))).collect();
    // A row rejected by several rubrics (a blank id in a shared id column) is written once.
    lines.sort();
    lines.dedup();
    write_output(Some(path), |out| {
        out.write_all(crate::input::record_line(&csv::StringRecord::from(names), session.input.delimiter).as_bytes())?;
        out.write_all(b"\n")?;
        for (_, raw) in lines {
            writeln!(out, "{raw}")?;
        }
        Ok(())
    })
}

/// At most this many row warnings, and this many rejected rows per rubric, are printed on standard
/// error; the rest are counted in one line (a workbook of a million repeated bad cells must not
/// flood the terminal). `--rejects FILE` writes every rejected row, and the report lists the first
/// [`crate::pipeline::KEPT_WARNINGS`] warnings.
pub const STDERR_LINES: u64 = 1000;

/// Row warnings as they are found, on standard error: blind mode hides the cell text each quotes,
/// and after [`STDERR_LINES`] they are only counted.
#[derive(Debug)]
pub struct Warnings {
    blind: bool,
    seen: u64,
}

impl Warnings {
    /// A printer; `blind` hides the cell text a warning quotes.
    pub fn new(blind: bool) -> Warnings {
        Warnings { blind, seen: 0 }
    }

    /// Prints a warning, or counts it once [`STDERR_LINES`] are printed.
    pub fn print(&mut self, warning: &Diagnostic) {
        self.seen += 1;
        if self.seen <= STDERR_LINES {
            let _ = writeln!(io::stderr(), "profilmatch: warning: {}", shown(warning, self.blind));
        }
    }

    /// Says how many warnings were not printed.
    pub fn finish(&self) {
        if self.seen > STDERR_LINES {
            let _ = writeln!(
                io::stderr(),
                "profilmatch: warning: {} more row warnings not shown (the first {STDERR_LINES} are above)",
                self.seen - STDERR_LINES
            );
        }
    }
}

/// A diagnostic as standard error shows it, blind or not.
fn shown(diagnostic: &Diagnostic, blind: bool) -> Diagnostic {
    if blind { crate::redact::blind_diagnostic(diagnostic) } else { diagnostic.clone() }
}

/// The run summary on stderr: every row accounted for, the rejected ones with line and reason
/// (blind mode hides any cell text a reason quotes).
pub fn report_to_stderr(session: &Session, blind: bool) {
    let mut err = io::stderr().lock();
    for warning in &session.warnings {
        let _ = writeln!(err, "profilmatch: warning: {}", shown(warning, blind));
    }
    let input = &session.input;
    let decimal = if input.decimal_comma { "decimal comma" } else { "decimal point" };
    let format = match (&input.sheet, &input.documents) {
        (Some(sheet), _) => format!("sheet '{}', {decimal} in text cells", inert(sheet)),
        (None, Some(documents)) => documents_summary(documents),
        (None, None) => {
            format!("{}, delimiter '{}', {decimal}", input.encoding.label(), delimiter_name(input.delimiter))
        }
    };
    for (run, rubric) in session.runs.iter().zip(&session.engine.rubrics) {
        let path = inert(&input.path);
        for rejected in run.rejected.iter().take(STDERR_LINES as usize) {
            let reason = shown(&rejected.reason, blind).message();
            let _ = writeln!(err, "profilmatch: {path}:{}: rejected: {reason}", rejected.line);
        }
        if run.rejected.len() as u64 > STDERR_LINES {
            let more = run.rejected.len() as u64 - STDERR_LINES;
            let _ = writeln!(
                err,
                "profilmatch: {path}: {more} more rejected rows not shown (--rejects FILE writes them all)"
            );
        }
        let c = run.counts;
        let which =
            if session.runs.len() > 1 { format!(" [{}]", inert(&rubric.rubric.meta.id)) } else { String::new() };
        let _ = writeln!(
            err,
            "profilmatch: {path}{which}: read {} rows: {} scored, {} rejected, {} blank ({format})",
            c.read, c.scored, c.rejected, c.blank,
        );
    }
}

/// What was read from a folder of applications, for the summary line.
fn documents_summary(d: &crate::input::documents::DocumentsInfo) -> String {
    let list = d.list.as_ref().map(|l| format!(", list {}", l.path)).unwrap_or_default();
    format!(
        "{} documents ({} from the cache): {} read ({} PDF pages), {} without text, {} skipped{list}",
        d.documents, d.cached, d.read, d.pages, d.failed, d.skipped
    )
}

fn extract(args: ExtractArgs) -> Result<Exit> {
    let options = read_options(&args.input)?;
    let folder = &args.input.applicants;
    if !folder.is_dir() {
        return Err(Error::Usage(format!(
            "extract reads a folder of applications, and {} is not a folder",
            folder.display()
        )));
    }
    let mut inputs: Vec<&Path> = vec![folder];
    inputs.extend(args.input.applicant_list.as_deref());
    inputs.extend(args.rubric.as_deref());
    check_output("-o", args.output.as_deref(), &inputs)?;
    let display = folder.display().to_string();
    let pool = thread_pool(args.threads)?;
    let mut table = pool.install(|| crate::input::documents::read_folder(folder, &display, &options))?;
    if let Some(rubric) = args.rubric.as_deref().filter(|_| args.blind) {
        blind_extract(&mut table, rubric, &display)?;
    }
    let mut err = io::stderr().lock();
    for warning in &table.warnings {
        let _ = writeln!(err, "profilmatch: warning: {}", shown(warning, args.blind));
    }
    let _ = writeln!(
        err,
        "profilmatch: {display}: {} applicants ({})",
        table.info.applicants,
        documents_summary(&table.info)
    );
    drop(err);
    write_output(args.output.as_deref(), |out| crate::input::documents::write_table(&table, out, true))?;
    Ok(if table.info.failed > 0 { Exit::RowsRejected } else { Exit::Success })
}

/// `extract --blind`: the rubric, bound to the table's header as `score` binds it (so a misspelt
/// contact or protected column is an error, and an id column that is also one of them too), says
/// which columns to leave out; every other cell is redacted with its row's hidden values.
fn blind_extract(table: &mut crate::input::documents::Table, rubric: &Path, display: &str) -> Result<()> {
    let rubric = read_rubric(rubric)?;
    let location = crate::error::Location::file(display);
    let header = crate::input::Header::new(table.header.clone(), &location)?;
    let engine = crate::score::Engine::new(vec![rubric], &header, display)?;
    let compiled = &engine.rubrics[0];
    if let (Some(role), Some(column)) = (compiled.id_role, compiled.id_column) {
        return Err(Error::Usage(format!(
            "extract --blind: the id column '{}' is also the {role} column, and the table keeps ids: name another id column",
            compiled.column_name(column)
        )));
    }
    crate::redact::blind_table(&mut table.header, &mut table.rows, &compiled.blind_hidden);
    Ok(())
}

fn check(args: CheckArgs) -> Result<Exit> {
    let rubric = read_rubric(&args.rubric)?;
    let mut report = crate::check::summary(&rubric);
    if let Some(csv) = &args.csv {
        refuse_swapped(csv)?;
        let input = InputFile::new(csv)?;
        let session = score_file(
            vec![rubric],
            input.path(),
            input.display(),
            &ReadOptions::default(),
            ScoreOptions::default(),
            &mut |_| {},
        )?;
        report.push_str(&crate::check::term_report(&session)?);
    }
    // Rubric text and file names, shown inert like every text output.
    let lines: Vec<String> = report.lines().map(|line| inert(line).into_owned()).collect();
    write_output(None, |out| writeln!(out, "{}", lines.join("\n")))?;
    Ok(Exit::Success)
}

fn suggest(args: SuggestArgs) -> Result<Exit> {
    use crate::suggest::{SuggestFormat, render, suggest};
    check_output("-o", args.output.as_deref(), &[&args.rubric, &args.applicants])?;
    refuse_swapped(&args.applicants)?;
    let rubric = read_rubric(&args.rubric)?;
    let input = InputFile::new(&args.applicants)?;
    let session = score_file(
        vec![rubric],
        input.path(),
        input.display(),
        &ReadOptions::default(),
        ScoreOptions::default(),
        &mut |_| {},
    )?;
    let pool = session.runs[0].rows.len();
    let suggestions = if pool == 0 { Vec::new() } else { suggest(&session)? };
    let format = match args.format {
        SuggestFormatArg::Text => SuggestFormat::Text,
        SuggestFormatArg::Toml => SuggestFormat::Toml,
    };
    let text = render(&suggestions, format, &args.rubric.display().to_string(), input.display(), pool);
    write_output(args.output.as_deref(), |out| out.write_all(text.as_bytes()))?;
    Ok(Exit::Success)
}

fn report_format(args: &ReportArgs) -> Result<crate::report::ReportFormat> {
    use crate::report::ReportFormat;
    if let Some(format) = args.format {
        return Ok(format);
    }
    if args.output == Path::new("-") {
        return Ok(ReportFormat::Html);
    }
    let extension = args.output.extension().and_then(|e| e.to_str()).unwrap_or("");
    ReportFormat::from_extension(extension).ok_or_else(|| {
        Error::Usage(format!(
            "-o {}: a report is written as .html or .md; give one of those extensions, or --format html|markdown",
            args.output.display()
        ))
    })
}

fn report(args: ReportArgs) -> Result<Exit> {
    use crate::report::{self, GroupMap, ReportOptions, Sources, ratings};
    if args.shortlist == 0 {
        return Err(Error::Usage("--shortlist must be at least 1".into()));
    }
    let scale = ratings::Scale::parse(&args.rating_scale)?;
    let read = read_options(&args.input)?;
    refuse_swapped(&args.input.applicants)?;
    let mut inputs: Vec<&Path> = vec![&args.rubric, &args.input.applicants];
    inputs.extend(args.ratings.as_deref());
    inputs.extend(args.group_map.as_deref());
    check_output("-o", Some(&args.output), &inputs)?;
    let format = report_format(&args)?;
    let rubrics = load_rubrics(std::slice::from_ref(&args.rubric), &args.weight)?;
    let group_map = match &args.group_map {
        Some(path) => GroupMap::read(path)?,
        None => GroupMap::default_map(),
    };
    let input = InputFile::new(&args.input.applicants)?;
    let mut warnings = Warnings::new(args.blind);
    let options = ScoreOptions { keep_scores: true, blind: args.blind, ..ScoreOptions::default() };
    let session = score_file(rubrics, input.path(), input.display(), &read, options, &mut |d| warnings.print(d))?;
    warnings.finish();
    report_to_stderr(&session, args.blind);
    let groups = match &args.group {
        Some(column) => Some(report::build::group_values(&session, input.path(), &read, column)?),
        None => None,
    };
    let ratings = match &args.ratings {
        Some(path) => {
            let ids = session.runs[0].rows.iter().map(|r| &*r.summary.id).collect();
            Some(ratings::read(path, &path.display().to_string(), &ReadOptions::default(), scale, &ids)?)
        }
        None => None,
    };
    let stability = args.stability.then(|| report::stability(&session, args.shortlist));
    let record = record_of(&session, &args.rubric, &input, report_options_record(&args, format))?;
    let options = ReportOptions {
        shortlist: args.shortlist,
        blind: args.blind,
        lang: args.lang,
        group: args.group.clone(),
        group_map,
        min_group: args.min_group,
        sliders: args.sliders,
        weight_overrides: args.weight.clone(),
    };
    let sources = Sources {
        session: &session,
        groups: groups.as_ref(),
        ratings: ratings.as_ref(),
        stability: stability.as_deref(),
        record,
    };
    let built = report::build(sources, &options)?;
    write_output(Some(&args.output), |out| report::render(&built, format, out))?;
    Ok(exit_code(&session))
}

/// The run record of a one-rubric command.
fn record_of(
    session: &Session,
    rubric: &Path,
    input: &InputFile,
    options: std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<crate::record::RunRecord> {
    use crate::record::{RecordInput, run_record};
    let display = rubric.display().to_string();
    let files = [
        RecordInput { role: "rubric", path: rubric, display: &display },
        RecordInput { role: "applicants", path: input.path(), display: input.display() },
    ];
    run_record(session, &files, options)
}

/// The options of `report` that can change what it says.
fn report_options_record(
    args: &ReportArgs,
    format: crate::report::ReportFormat,
) -> std::collections::BTreeMap<String, serde_json::Value> {
    use serde_json::json;
    let path = |p: &Option<PathBuf>| json!(p.as_ref().map(|p| p.display().to_string()));
    [
        ("format", json!(format!("{format:?}").to_lowercase())),
        ("shortlist", json!(args.shortlist)),
        ("blind", json!(args.blind)),
        ("sliders", json!(args.sliders)),
        ("lang", json!(args.lang.tag())),
        ("group", json!(args.group)),
        ("group-map", path(&args.group_map)),
        ("min-group", json!(args.min_group)),
        ("ratings", path(&args.ratings)),
        ("rating-scale", json!(args.ratings.as_ref().map(|_| &args.rating_scale))),
        ("stability", json!(args.stability)),
        ("weight", json!(args.weight)),
        ("delimiter", json!(args.input.delimiter)),
        ("decimal-comma", json!(args.input.decimal_comma)),
        ("decimal-point", json!(args.input.decimal_point)),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value))
    .collect()
}

fn letters(args: LettersArgs) -> Result<Exit> {
    use crate::report::letters::{LetterFormat, LetterOptions, for_each_letter};
    if args.shortlist == Some(0) {
        return Err(Error::Usage("--shortlist must be at least 1".into()));
    }
    let read = read_options(&args.input)?;
    refuse_swapped(&args.input.applicants)?;
    let rubrics = load_rubrics(std::slice::from_ref(&args.rubric), &args.weight)?;
    let input = InputFile::new(&args.input.applicants)?;
    let mut warnings = Warnings::new(args.blind);
    let options = ScoreOptions { blind: args.blind, ..ScoreOptions::default() };
    let session = score_file(rubrics, input.path(), input.display(), &read, options, &mut |d| warnings.print(d))?;
    warnings.finish();
    report_to_stderr(&session, args.blind);
    std::fs::create_dir_all(&args.output).map_err(|source| Error::Io { path: args.output.clone(), source })?;
    let mut formats = args.format.clone();
    formats.dedup();
    if formats.is_empty() {
        formats = vec![LetterFormat::Markdown, LetterFormat::Html];
    }
    let options = LetterOptions { lang: args.lang, blind: args.blind, shortlist: args.shortlist, formats };
    let time = crate::record::timestamp()?;
    let date = time.get(..10).unwrap_or(&time);
    let written = for_each_letter(&session, &options, date, &mut |name, bytes| {
        write_output(Some(&args.output.join(name)), |out| out.write_all(bytes)).map_err(io::Error::other)
    })?;
    let run = &session.runs[0];
    for rejected in run.rejected.iter().take(STDERR_LINES as usize) {
        eprintln!(
            "profilmatch: {}:{}: no letter: the row could not be read ({}); read the application and write its reasons by hand",
            inert(&session.input.path),
            rejected.line,
            shown(&rejected.reason, args.blind).message()
        );
    }
    eprintln!(
        "profilmatch: wrote {written} draft letters to {}: drafts for a person to read, correct and approve before sending",
        args.output.display()
    );
    Ok(exit_code(&session))
}

fn approve(args: ApproveArgs) -> Result<Exit> {
    let by = args.by.trim();
    if by.is_empty() {
        return Err(Error::Usage("--by: say who approves (a name, a role or a committee)".into()));
    }
    check_output("-o", args.output.as_deref(), &[])?;
    let rubric = read_rubric(&args.rubric)?;
    let text =
        std::fs::read_to_string(&args.rubric).map_err(|source| Error::Io { path: args.rubric.clone(), source })?;
    let at = crate::record::timestamp()?;
    let approved = rubric::approval::write_approval(&text, &rubric, by, &at).map_err(Error::Usage)?;
    let target = args.output.as_deref().unwrap_or(&args.rubric);
    write_output(Some(target), |out| out.write_all(approved.as_bytes()))?;
    let summary = format!(
        "{}: approved by {by} at {at}\n  weights sha256 {}\n  rules sha256   {}\n",
        target.display(),
        rubric::approval::weights_sha256(&rubric),
        rubric::approval::rules_sha256(&rubric)
    );
    write_output(None, |out| out.write_all(summary.as_bytes()))?;
    Ok(Exit::Success)
}
