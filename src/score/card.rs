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
    /// Whether every requirement is met (`requirements == RequirementStatus::Met`).
    pub meets_requirements: bool,
    /// The worst status of the requirements (met when the rubric has none).
    pub requirements_status: RequirementStatus,
    /// The core score (weight-averaged score of the core competencies), when the rubric has `[core]`.
    pub core_score: Option<f64>,
    /// Whether the core area is documented (core score ≥ `[core] min_score`); `None` without `[core]`.
    pub core: Option<bool>,
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
    /// Whether every requirement is met.
    pub meets_requirements: bool,
    /// The worst status of the requirements (met when the rubric has none).
    pub requirements_status: RequirementStatus,
    /// Whether the core area is documented; `None` without `[core]`.
    pub core: Option<bool>,
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

/// A requirement's credit and status.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementScore {
    /// 0–1.
    pub credit: f64,
    /// Whether credit ≥ `at_least` (`status == RequirementStatus::Met`).
    pub passed: bool,
    /// Met, not documented, or not met.
    pub status: RequirementStatus,
    /// Why.
    pub detail: Detail,
}

/// What an application says about a requirement (docs/rubric-format.md §6). Ordered from best to
/// worst, so that the worst of several is their maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RequirementStatus {
    /// The evidence reaches it: credit ≥ `at_least`.
    #[default]
    Met,
    /// The application is silent (a blank or unreadable cell, a value the rubric does not list,
    /// terms not found or not enough): a person checks it by hand. Does not move the applicant.
    NotDocumented,
    /// The application states the opposite (a number below the minimum, a flag saying no, a listed
    /// choice without enough credit, terms whose only occurrences are denied): ranked after everyone
    /// else.
    NotMet,
}

impl RequirementStatus {
    /// The status from a credit, the threshold, and whether the application states a value that
    /// can be judged (see [`RequirementStatus`]).
    pub fn judge(credit: f64, at_least: f64, stated: bool) -> RequirementStatus {
        if credit >= at_least {
            RequirementStatus::Met
        } else if stated {
            RequirementStatus::NotMet
        } else {
            RequirementStatus::NotDocumented
        }
    }

    /// The name used in CSV and JSON: `met`, `not_documented`, `not_met`.
    pub fn name(self) -> &'static str {
        match self {
            RequirementStatus::Met => "met",
            RequirementStatus::NotDocumented => "not_documented",
            RequirementStatus::NotMet => "not_met",
        }
    }

    /// The words shown to a reader, English then Danish.
    pub fn words(self) -> &'static str {
        match self {
            RequirementStatus::Met => "met / opfyldt",
            RequirementStatus::NotDocumented => "not documented, check by hand / ikke dokumenteret – vurdér manuelt",
            RequirementStatus::NotMet => "NOT MET / ikke opfyldt",
        }
    }
}

/// The words for an applicant whose core area is not documented, English then Danish.
pub const CORE_NOT_DOCUMENTED: &str = "core area not documented / kerneområde ikke dokumenteret";

/// `documented` / `not_documented` for CSV and JSON, empty without `[core]`.
pub fn core_name(core: Option<bool>) -> &'static str {
    match core {
        Some(true) => "documented",
        Some(false) => "not_documented",
        None => "",
    }
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

impl Scorecard {
    /// The group the applicant is ranked in: a requirement not met, the core area not
    /// documented, or neither (see [`crate::rank::Standing`]).
    pub fn standing(&self) -> crate::rank::Standing {
        crate::rank::Standing::of(self.requirements_status == RequirementStatus::NotMet, self.core)
    }
}

impl Evidence {
    /// The status's name, `synonym` when a synonym set was found in full.
    pub fn status_name(&self) -> &'static str {
        self.status.name(self.member.is_some())
    }
}
