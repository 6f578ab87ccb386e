//! Output: a ranking rendered to bytes, one file per format behind the small [`Render`] trait.
//! Formats are pure functions of a [`View`], so that they are easy to snapshot.

mod csv;
mod explain;
mod json;
mod matrix;
mod table;
mod xlsx;

pub use crate::inert::neutralise;
pub use json::{CandidateJson, candidate_json};

use std::io::{self, Write};

use crate::pipeline::Session;
use crate::rank::Placement;
use crate::rubric::CompiledRubric;
use crate::score::{RowView, Scorecard};

/// The output formats of `profilmatch score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// CSV: `rank,tied,id,name,total,<competencies>,meets_requirements,requirements,core` (a leading
    /// `rubric` column when several rubrics are scored).
    Csv,
    /// The same CSV as Danish Excel opens it: `;` between fields, decimal comma, UTF-8 with a
    /// byte-order mark, CRLF line ends.
    CsvDa,
    /// The same table as an Excel workbook (`.xlsx`), numbers as numbers.
    Xlsx,
    /// A JSON array in rank order, with full explanations.
    Json,
    /// One JSON object a line, in rank order.
    Jsonl,
    /// A readable explanation of every shown candidate's score.
    Explain,
    /// With several rubrics: a candidate × position table of totals, with each candidate's best fit
    /// (CSV, also on a terminal).
    Matrix,
}

/// What to render: a scored session, how many ranked applicants of each rubric to show, and
/// whether blind.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The session.
    pub session: &'a Session,
    /// Per rubric, how many ranked applicants to show (already extended to include ties).
    pub shown: Vec<usize>,
    /// Blind: no names, contact or protected columns.
    pub blind: bool,
    /// `--top N` as given: the matrix, which is not one ranking, shows its first N rows (and
    /// everyone tied with the N-th).
    pub top: Option<usize>,
}

impl View<'_> {
    /// Whether several rubrics are shown together.
    pub fn multi(&self) -> bool {
        self.session.runs.len() > 1
    }

    /// A rubric, by index.
    pub fn rubric(&self, index: usize) -> &CompiledRubric {
        &self.session.engine.rubrics[index]
    }

    /// Calls `f` with each shown applicant of rubric `index`, in rank order, with its scorecard.
    /// In blind mode every scorecard is redacted first ([`crate::redact::blind_scorecard`]), so
    /// that no format can show what blind mode hides.
    pub fn each(&self, index: usize, f: &mut dyn FnMut(&Placement, &Scorecard) -> io::Result<()>) -> io::Result<()> {
        let shown = self.shown[index];
        let result = if self.blind {
            let mut blind =
                |placement: &Placement, card: &Scorecard| f(placement, &crate::redact::blind_scorecard(card));
            self.session.for_each_ranked(index, shown, &mut blind)
        } else {
            self.session.for_each_ranked(index, shown, f)
        };
        result.map_err(io_error)
    }

    /// Like [`View::each`], without explanations (cheaper): for tables and CSV, which show no
    /// evidence, and in blind mode no name either.
    pub fn each_row(&self, index: usize, f: &mut dyn FnMut(&Placement, &RowView) -> io::Result<()>) -> io::Result<()> {
        self.session.for_each_ranked_row(index, self.shown[index], f).map_err(io_error)
    }

    /// The rank as shown in text formats: `2=` for a tie.
    pub fn rank_label(placement: &Placement) -> String {
        if placement.tied { format!("{}=", placement.rank) } else { placement.rank.to_string() }
    }
}

fn io_error(error: crate::Error) -> io::Error {
    match error {
        crate::Error::Output { source, .. } => source,
        other => io::Error::other(other.to_string()),
    }
}

/// Renders a view to bytes.
pub trait Render {
    /// Writes the rendering of `view` to `out`.
    fn render(&self, view: &View<'_>, out: &mut dyn Write) -> io::Result<()>;
}

impl Render for Format {
    fn render(&self, view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Format::Table => table::render(view, out),
            Format::Csv => csv::render(view, out),
            Format::CsvDa => csv::render_danish(view, out),
            Format::Xlsx => xlsx::render(view, out),
            Format::Json => json::render(view, out, false),
            Format::Jsonl => json::render(view, out, true),
            Format::Explain => explain::render(view, out),
            Format::Matrix => matrix::render(view, out),
        }
    }
}

/// A number as every output prints it: rounded to 6 decimals, shortest form (`62.5`, not `62.500000`).
pub fn number(value: f64) -> String {
    crate::rank::round6(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("Anna"), "Anna");
    }

    #[test]
    fn numbers_are_rounded_to_six_decimals() {
        assert_eq!(number(62.5), "62.5");
        assert_eq!(number(100.0 / 3.0), "33.333333");
        assert_eq!(number(-0.0000001), "0");
    }
}
