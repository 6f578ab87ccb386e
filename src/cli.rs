//! The command line as clap parses it. This stays raw: [`crate::app`] turns it into checked
//! settings before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;

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
    Score(Box<ScoreArgs>),
    /// Check rubrics.
    #[command(subcommand)]
    Rubric(RubricCommand),
}

/// How to read the applicant file.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The applicant file: CSV (`-` reads standard input), or a spreadsheet workbook (`.xlsx`,
    /// `.xlsm`, `.xlsb`, `.xls`, `.ods`, chosen by extension) whose cells are read as values.
    #[arg(value_name = "APPLICANTS")]
    pub applicants: PathBuf,
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

/// `profilmatch rubric ...`.
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Validate a rubric and print a summary; with `--csv`, also check its columns and terms
    /// against an applicant file.
    Check(CheckArgs),
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
