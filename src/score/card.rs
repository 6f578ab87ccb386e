//! The scorecard: one applicant's scores, with every criterion's credit, points and evidence.

use crate::text::MatchKind;

/// One applicant's result. Points of all criteria add up to `total` (within 1e-9 before rounding).
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// The line the record starts on.
    pub line: u64,
    /// The applicant's id (the id column's trimmed text, or the line number).
    pub id: String,
    /// The applicant's name (empty when the file has no name column).
    pub name: String,
    /// The total, 0–100, unrounded.
    pub total: f64,
    /// Per competency, in rubric order.
    pub competencies: Vec<CompetencyScore>,
    /// Per requirement, in rubric order.
    pub requirements: Vec<RequirementScore>,
    /// Whether every requirement passed.
    pub meets_requirements: bool,
    /// Warnings about this row's cells, each with file, line and column.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// This row's name, contact and protected values (trimmed, non-empty), which blind output
    /// must never show (see [`crate::redact`]).
    pub hidden: Vec<String>,
    /// The number of words in the text columns searched (for the length diagnostic of
    /// `rubric check`).
    pub words: usize,
}

/// A scored row without its explanation: what tables and CSV print.
#[derive(Debug, Clone, PartialEq)]
pub struct RowView {
    /// The applicant's id.
    pub id: String,
    /// The applicant's name (empty when the file has no name column).
    pub name: String,
    /// The total, 0–100, unrounded.
    pub total: f64,
    /// Competency scores, unrounded, in rubric order.
    pub scores: Vec<f64>,
    /// Whether every requirement passed.
    pub meets_requirements: bool,
}

/// A competency's score and its criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyScore {
    /// 0–100, unrounded.
    pub score: f64,
    /// Per criterion, in rubric order.
    pub criteria: Vec<CriterionScore>,
}

/// A criterion's credit and its contribution to the total.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScore {
    /// 0–1.
    pub credit: f64,
    /// Contribution to the total: 100·(Wₖ/ΣW)·(wᵢ/Σw)·credit.
    pub points: f64,
    /// Why.
    pub detail: Detail,
}

/// A requirement's credit and whether it passed.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementScore {
    /// 0–1.
    pub credit: f64,
    /// Whether credit ≥ `at_least`.
    pub passed: bool,
    /// Why.
    pub detail: Detail,
}

/// The evidence behind a credit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Detail {
    /// The cell value, for number, choice and flag checks.
    pub value: Option<Value>,
    /// For terms: each term that occurs, with its strongest occurrence.
    pub evidence: Vec<Evidence>,
    /// For terms: the terms that do not occur at all.
    pub missing: Vec<String>,
    /// A remark, such as "blank" or "'x' is not one of the listed choices".
    pub note: Option<String>,
}

/// A cell value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Number(f64),
    /// Text (choice and flag values, and numbers that did not parse).
    Text(String),
}

/// How a term's occurrence counts, weakest first (so the strongest is the greatest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// In a context the rubric rules out (`golf` near `handicap`): no credit.
    Excluded,
    /// Denied in its clause ("Jeg har aldrig haft budgetansvar"): no credit.
    Denied,
    /// A wish or second-hand knowledge ("vil gerne lære økonomistyring"): no credit.
    Aspiration,
    /// In a list, a heading, or a sentence that already carries its share of criteria: listed
    /// credit only.
    Listed,
    /// Described: full credit.
    Found,
}

impl Status {
    /// The lowercase name used in outputs (`synonym` for a synonym set found in full).
    pub fn name(self, set: bool) -> &'static str {
        match self {
            Status::Found if set => "synonym",
            Status::Found => "found",
            Status::Listed => "listed",
            Status::Aspiration => "aspiration",
            Status::Denied => "denied",
            Status::Excluded => "excluded",
        }
    }
}

/// A term's strongest occurrence, and how it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The term as written in the rubric (`"@budgetansvar"` for a synonym set).
    pub term: String,
    /// For a synonym set, the member that matched, as written in the lexicon.
    pub member: Option<String>,
    /// How it counts.
    pub status: Status,
    /// Why, for every status but found: the cue as written in the text (`aldrig`, `vil gerne`),
    /// the exclusion as written in the rubric, or what made it listed.
    pub reason: Option<String>,
    /// The column it was found in.
    pub field: String,
    /// The matched text as written in the applicant's cell.
    pub text: String,
    /// How it matched.
    pub kind: MatchKind,
    /// Similarity, for fuzzy matches.
    pub similarity: Option<f64>,
    /// The sentence it stands in, whole (trimmed at word boundaries around the match when long).
    pub snippet: String,
    /// The whole sentence it occurs in, on one line (see [`sentence_text`](crate::score::terms::sentence_text)):
    /// what a person reading a report or letter is shown.
    pub sentence: String,
    /// The byte offset in the cell's text where the match starts.
    pub offset: usize,
    /// For text read from a document: the document and its page or paragraph (see
    /// [`crate::input::documents::Sources`]); `None` for text from a CSV or spreadsheet cell.
    pub source: Option<crate::input::documents::Citation>,
}

impl Evidence {
    /// The status's name, `synonym` when a synonym set was found in full.
    pub fn status_name(&self) -> &'static str {
        self.status.name(self.member.is_some())
    }
}
