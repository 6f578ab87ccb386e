//! The command line as clap parses it. This stays raw: [`crate::app`] turns it into checked
//! settings before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;
use crate::tune::render::TuneFormat;

/// Score job applicants against competency rubrics taken from real job profiles, rank them, and
/// explain every score.
///
/// Exit codes: 0 success; 2 bad input or usage; 3 finished and wrote results, but some rows were
/// rejected; 1 anything else.
#[derive(Debug, Parser)]
#[command(name = "profilmatch", version, about, long_about)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// profilmatch's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score and rank applicants against a rubric.
    #[command(after_help = "Examples:
  profilmatch score --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --top 10
  profilmatch score --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --explain --top 1
  profilmatch score --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv -o /tmp/ranking.xlsx
  profilmatch score --rubrics rubrics samples/applicants.csv --format matrix
  profilmatch score --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applications --applicants \\
      samples/applications/ansoegerliste.xlsx")]
    Score(Box<ScoreArgs>),
    /// Check rubrics.
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Write the screening overview for the hiring committee (HTML or Markdown).
    #[command(after_help = "Examples:
  profilmatch report --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --shortlist 8 -o /tmp/overview.html
  profilmatch report --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --shortlist 8 --lang en --blind --group gender \\
      -o /tmp/overview.md")]
    Report(ReportArgs),
    /// Write one draft statement of reasons per applicant (Markdown and HTML), for a person to
    /// confirm before it is sent.
    #[command(after_help = "Examples:
  profilmatch letters --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --shortlist 6 -o /tmp/letters
  profilmatch letters --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --blind --format markdown -o /tmp/letters")]
    Letters(LettersArgs),
    /// See how the ranking moves with the competency weights: what-if, stability, swap points,
    /// and weights fitted to a committee's judgements.
    #[command(after_help = "Examples:
  profilmatch tune --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --weight oekonomi=8
  profilmatch tune --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --stability --swaps
  profilmatch tune --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --fit samples/judgements.csv --write-rubric \\
      /tmp/fitted.toml")]
    Tune(TuneArgs),
    /// Read a folder of applications (PDF, Word, OpenDocument, text, Markdown) and write the
    /// joined table as CSV: one row per applicant, the applicant list's columns and one text
    /// column per document kind, to check or edit before scoring.
    #[command(after_help = "Examples:
  profilmatch extract samples/applications --applicants \\
      samples/applications/ansoegerliste.xlsx -o /tmp/applicants.csv
  profilmatch extract samples/applications \\
      --applicants samples/applications/ansoegerliste.xlsx \\
      --blind --rubric rubrics/hoeje-taastrup-oekonomidirektoer.toml")]
    Extract(ExtractArgs),
}

/// How to read the applicant file.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The applicant file: CSV (`-` reads standard input), a spreadsheet workbook (`.xlsx`,
    /// `.xlsm`, `.xlsb`, `.xls`, `.ods`, chosen by extension) whose cells are read as values, or a
    /// folder of applications: PDF, DOCX, ODT, TXT and MD documents in a subfolder per
    /// applicant named by the id (`A001/cv.pdf`), or in files whose names start with the id
    /// (`A001 ansøgning.pdf`). Each document kind becomes a text column (`ansoegning`, `cv`, or
    /// the rest of the file name). See docs/documents.md.
    #[arg(value_name = "APPLICANTS")]
    pub applicants: PathBuf,
    /// With a folder of applications: the applicant list to join on the id (CSV or a workbook,
    /// as the recruitment system exports it), which gives the structured columns (name, contact,
    /// years, budget, protected attributes). `--sheet`, `--delimiter` and the decimal options
    /// apply to it.
    #[arg(long = "applicants", value_name = "LIST")]
    pub applicant_list: Option<PathBuf>,
    /// With a folder of applications: extract every document again, without reading or writing
    /// the extraction cache (`PROFILMATCH_CACHE_DIR`, or ~/.cache/profilmatch/extract; safe to
    /// delete).
    #[arg(long)]
    pub no_cache: bool,
    /// The sheet to read from a workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Field delimiter: `,` `;` `|` or `tab` (sniffed from the header line when not given; Excel's
    /// `sep=` first line is honoured).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// Read numbers with a decimal comma (`7,5`; `2.400` is 2400). On by default for `;` files.
    /// In a workbook it applies to numbers typed as text; numeric cells are numbers already.
    #[arg(long, conflicts_with = "decimal_point")]
    pub decimal_comma: bool,
    /// Read numbers with a decimal point, even in a `;` file.
    #[arg(long)]
    pub decimal_point: bool,
}

/// `profilmatch score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The rubric (TOML). Repeat it to score several positions in one pass over the file.
    #[arg(long, value_name = "FILE", required_unless_present = "rubrics")]
    pub rubric: Vec<PathBuf>,
    /// Score against every `*.toml` rubric in this directory (in file-name order).
    #[arg(long, value_name = "DIR")]
    pub rubrics: Option<PathBuf>,
    #[command(flatten)]
    /// The applicant file.
    pub input: InputArgs,
    /// Output format (default: table on a terminal, otherwise from the `-o` extension, otherwise csv).
    ///
    /// CSV output prefixes cells that start with `=`, `+`, `-`, `@`, TAB, CR or LF with `'`, so
    /// that a spreadsheet never runs applicant text as a formula; JSON output is lossless.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the ranking here (`-` for standard output, the default). Written atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print a readable explanation of every shown candidate's score.
    #[arg(long)]
    pub explain: bool,
    /// Override a competency's weight for this run (repeatable): `--weight oekonomi=3`. With
    /// several rubrics, it applies to every rubric that has the competency.
    #[arg(long, value_name = "COMPETENCY=W")]
    pub weight: Vec<String>,
    /// Show a progress bar on stderr (rows/s, MB/s) from the start. Without it, one appears on a
    /// terminal once a run takes more than a second; never on a pipe.
    #[arg(long)]
    pub progress: bool,
    /// Worker threads (default: one per core). Never changes the result.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Show only the first N, and everyone tied with the N-th.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Blind output: ids only; no name, contact or protected columns.
    #[arg(long)]
    pub blind: bool,
    /// Write rejected rows, with the header, to this file.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Write a run record (JSON) to this file: version, SHA-256 of every input, how the file was
    /// read, every result-changing option, the weights, the row counts and the time in UTC
    /// (`SOURCE_DATE_EPOCH` overrides the clock).
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
}

/// `profilmatch tune`. Every section works on the competency scores of one scoring pass; no text is
/// scored again. Rankings follow the rule of `score`. See docs/tuning.md for the mathematics.
#[derive(Debug, Args)]
pub struct TuneArgs {
    /// The rubric (TOML).
    #[arg(long, value_name = "FILE")]
    pub rubric: PathBuf,
    #[command(flatten)]
    /// The applicant file.
    pub input: InputArgs,
    /// What-if (repeatable): the ranking under the rubric's weights beside the ranking with this
    /// competency's weight changed, `--weight oekonomi=6`: each candidate's rank before → after,
    /// the totals, Kendall's tau-b between the rankings, and how many of the top-k stay. The other
    /// sections then start from these weights.
    #[arg(long, value_name = "COMPETENCY=W")]
    pub weight: Vec<String>,
    /// The k of top-k (ties with the k-th are in, as with `score --top`).
    #[arg(long, value_name = "K", default_value_t = 10)]
    pub top: usize,
    /// For each candidate, the share of weight vectors near the current one under which it is in
    /// the top-k (with a 95% Wilson interval), and the 5th–95th percentile rank range of the
    /// current top-k.
    #[arg(long)]
    pub stability: bool,
    /// How far --stability's weights wander, in percent: weight shares are drawn from a Dirichlet
    /// distribution centred on the current shares, with a concentration chosen so that a
    /// competency of average share (1/m of the total, m competencies) has a standard deviation of
    /// SPREAD percent of its weight. Heavier weights wander relatively less, lighter ones more.
    #[arg(long, value_name = "PERCENT", default_value_t = 20.0)]
    pub spread: f64,
    /// How many weight vectors --stability draws.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub samples: usize,
    /// The seed of --stability's sampling; the same seed gives the same figures.
    #[arg(long, value_name = "N", default_value_t = 2010)]
    pub seed: u64,
    /// For each pair of neighbours in the top-k and the pair across its cut: the one competency
    /// whose weight, changed the least, levels their totals, and the weight at which it happens
    /// (solved exactly), or that no single weight change swaps them.
    #[arg(long)]
    pub swaps: bool,
    /// Fit weights to the committee's judgements: a CSV of `better,worse` id pairs or an
    /// `id,rank` partial ranking. Prints agreement before and after, the weights, and the ranking
    /// change.
    #[arg(long, value_name = "JUDGEMENTS")]
    pub fit: Option<PathBuf>,
    /// With --fit: write the rubric with the fitted weights here, every comment and the layout kept.
    #[arg(long, value_name = "OUT.toml", requires = "fit")]
    pub write_rubric: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TuneFormat::Table)]
    pub format: TuneFormat,
    /// Worker threads (default: one per core). Never changes the result.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `profilmatch report`: the committee's screening overview. A machine-made aid, not a
/// recommendation: every placement is explained with sentences quoted from the application, and
/// the report says what the screening does not assess.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The rubric (TOML).
    #[arg(long, value_name = "FILE")]
    pub rubric: PathBuf,
    #[command(flatten)]
    /// The applicant file.
    pub input: InputArgs,
    /// How many to shortlist (everyone tied with the N-th is shortlisted too).
    #[arg(long, value_name = "N")]
    pub shortlist: usize,
    /// Write the report here: `.html` for one self-contained HTML file, `.md` for Markdown
    /// (`-` for standard output). Written atomically. Another extension is an error unless
    /// --format is given.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The format (default: from the `-o` extension).
    #[arg(long, value_enum)]
    pub format: Option<crate::report::ReportFormat>,
    /// Blind report: ids only; no name, contact or protected values anywhere in the file, and the
    /// applicant's own name and contact details redacted from quotes. Has the weight sliders.
    #[arg(long)]
    pub blind: bool,
    /// Add weight sliders to a report with names. The report then says that weights changed
    /// after seeing who applied are not the approved ones. (A blind report has them anyway.)
    #[arg(long)]
    pub sliders: bool,
    /// The report's language.
    #[arg(long, value_enum, default_value = "da")]
    pub lang: crate::report::Lang,
    /// Compare the share shortlisted per group of this column (e.g. a protected column such as
    /// `gender`). Values are grouped by --group-map; the column is never used in scoring.
    #[arg(long, value_name = "COLUMN")]
    pub group: Option<String>,
    /// How --group's values map to groups: a TOML file of `[[group]]` tables with `da`, `en` and
    /// `values` (default: the shipped mapping of common Danish and English gender values).
    #[arg(long, value_name = "FILE", requires = "group")]
    pub group_map: Option<PathBuf>,
    /// Groups with fewer applicants than this are shown with their size only, without shares.
    #[arg(long, value_name = "N", default_value_t = crate::report::impact::MIN_GROUP)]
    pub min_group: u64,
    /// The committee members' own ratings (CSV or workbook with the columns member, id, rating
    /// and optionally note): merged with the screening, with disagreements flagged and a
    /// checklist of who has read which application.
    #[arg(long, value_name = "FILE")]
    pub ratings: Option<PathBuf>,
    /// The scale of --ratings, both ends included.
    #[arg(long, value_name = "MIN-MAX", default_value = "1-5", requires = "ratings")]
    pub rating_scale: String,
    /// Add each shortlisted candidate's rank stability under randomly varied weights.
    #[arg(long)]
    pub stability: bool,
    /// Override a competency's weight (repeatable): `--weight oekonomi=3`. The report says that
    /// the weights differ from the approved ones.
    #[arg(long, value_name = "COMPETENCY=W")]
    pub weight: Vec<String>,
}

/// `profilmatch letters`: one draft statement of reasons per applicant. Each states the main
/// considerations in the job profile's own words, what the application documented for each (with
/// quoted sentences), and where the applicant was placed; it names and quotes no other applicant.
#[derive(Debug, Args)]
pub struct LettersArgs {
    /// The rubric (TOML).
    #[arg(long, value_name = "FILE")]
    pub rubric: PathBuf,
    #[command(flatten)]
    /// The applicant file.
    pub input: InputArgs,
    /// The folder to write the letters in (created if missing): `<id>.md` and `<id>.html` per
    /// applicant. Each file is written atomically.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Say in each letter whether the applicant was among the N placed highest.
    #[arg(long, value_name = "N")]
    pub shortlist: Option<usize>,
    /// The formats to write (repeatable; default: both).
    #[arg(long, value_enum)]
    pub format: Vec<crate::report::letters::LetterFormat>,
    /// The letters' language.
    #[arg(long, value_enum, default_value = "da")]
    pub lang: crate::report::Lang,
    /// Address each letter by id, and redact the applicant's own name, contact and protected
    /// values from its quotes.
    #[arg(long)]
    pub blind: bool,
    /// Override a competency's weight (repeatable), as in `score`.
    #[arg(long, value_name = "COMPETENCY=W")]
    pub weight: Vec<String>,
}

/// `profilmatch extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    /// The folder of applications.
    pub input: InputArgs,
    /// Write the table here (`-` for standard output, the default). Written atomically. A cell
    /// that a spreadsheet would run as a formula gets a leading `'`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads for extraction (default: one per core). Never changes the result.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Leave out the name, contact and protected columns that --rubric names, and redact every
    /// other cell as `score --blind` does (the applicant's own name, contact and protected values
    /// in every spelling, e-mail addresses, phones and CPR numbers); warnings on standard error
    /// quote no document name or cell.
    #[arg(long, requires = "rubric")]
    pub blind: bool,
    /// With --blind: the rubric whose `[columns]` say which columns are the name, contact and
    /// protected ones.
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<PathBuf>,
}

/// `profilmatch rubric ...`.
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Validate a rubric and print a summary; with `--csv`, also check its columns and terms
    /// against an applicant file.
    #[command(after_help = "Examples:
  profilmatch rubric check rubrics/hoeje-taastrup-oekonomidirektoer.toml
  profilmatch rubric check rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      --csv samples/applicants.csv")]
    Check(CheckArgs),
    /// Record who approved the rubric's weights and rules, and when, in the rubric itself (an
    /// `[approval]` table with fingerprints of the weights and rules). Do it before the
    /// applications are opened: every report and run record then says whether the weights used
    /// are the approved ones.
    #[command(after_help = "Examples:
  profilmatch rubric approve rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      --by \"Ansættelsesudvalget v/ Anne Holm, HR\" -o /tmp/approved.toml")]
    Approve(ApproveArgs),
    /// Vocabulary help for the rubric's writer: for every `terms` criterion, the words that the
    /// applications strong on it use and it does not find (near its evidence, and more common
    /// among strong applications than in the pool), with counts and an example sentence, and its
    /// terms that match nobody or nearly everybody. Help for a person, not evidence: check each
    /// word against the profile before adding it.
    #[command(after_help = "Examples:
  profilmatch rubric suggest rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv
  profilmatch rubric suggest rubrics/hoeje-taastrup-oekonomidirektoer.toml \\
      samples/applicants.csv --format toml")]
    Suggest(SuggestArgs),
}

/// `profilmatch rubric suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The rubric (TOML).
    pub rubric: PathBuf,
    /// The applicant pool (CSV, XLSX or ODS) to learn vocabulary from.
    pub applicants: PathBuf,
    /// `text`: a readable list; `toml`: lines to paste into a criterion's `terms`, with the
    /// figures as comments.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SuggestFormatArg,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format` of `rubric suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SuggestFormatArg {
    /// A readable list.
    Text,
    /// TOML lines to paste.
    Toml,
}

/// `profilmatch rubric approve`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The rubric (TOML). It must be valid; it is rewritten in place unless -o is given, with
    /// every comment and the layout kept.
    pub rubric: PathBuf,
    /// Who approves: a name, a role or a committee (`"Ansættelsesudvalget v/ Anne Holm, HR"`).
    #[arg(long, value_name = "WHO")]
    pub by: String,
    /// Write the approved rubric here instead of over the rubric.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `profilmatch rubric check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The rubric (TOML).
    pub rubric: PathBuf,
    /// An applicant file to check the rubric's columns and terms against.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
