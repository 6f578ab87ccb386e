//! Output: a ranking rendered to bytes, one file per format behind the small [`Render`] trait.
//! Formats are pure functions of a [`View`], so that they are easy to snapshot. [`Format`] and its
//! dispatch to the format files are in `format.rs`, so that this file, which the formats read
//! ([`View`], [`number`]), names none of them.

mod csv;
mod explain;
mod format;
mod json;
mod matrix;
mod table;
mod xlsx;

pub use crate::inert::neutralise;
pub use format::Format;
pub use json::{CandidateJson, candidate_json};

use std::io::{self, Write};

use crate::pipeline::Session;
use crate::rank::Placement;
use crate::rubric::CompiledRubric;
use crate::score::{RowView, Scorecard};

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
