//! The report and the letters as data, independent of language and format: what [`super::build()`]
//! makes from a scored session, and what [`super::sections`] and [`super::letters`] turn into a
//! document. Applicant text in it is already redacted when the report is blind; unrounded numbers
//! stay unrounded here and are rounded only where a person reads them.
//!
//! The statuses are the vocabulary of the explanations. [`QuoteStatus`] says what a quoted
//! sentence shows (found today; denied, aspiration, listed, excluded and synonym once the matching
//! rules read sentences), [`CriterionStatus`] what became of a criterion, and
//! [`RequirementStatus`] whether a must-have is met, not documented, not met or denied. Letters
//! word each differently.

use crate::pipeline::RowCounts;
use crate::record::RunRecord;
use crate::rubric::{ApprovalStatus, Meta};

pub use super::impact::Impact;
pub use super::lang::Lang;
pub use super::ratings::Ratings;

/// Why the weight sliders are on the page, if they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sliders {
    /// No sliders: the default for a report with names, so that nobody re-weights after seeing
    /// who is who.
    Off,
    /// On, because the report is blind.
    Blind,
    /// On in a report with names, because `--sliders` asked for it; the report says so.
    Asked,
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
    /// Its criteria.
    pub criteria: Vec<CriterionInfo>,
}

/// A criterion as the method section shows it.
#[derive(Debug, Clone)]
pub struct CriterionInfo {
    /// Label.
    pub label: String,
    /// Share of the competency, percent.
    pub share: f64,
    /// How it is scored.
    pub rule: Rule,
}

/// How a criterion or requirement turns an application into a credit, for a person to read.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Words and phrases looked for in text columns (labels); full credit at `need` found.
    Terms {
        /// How many terms.
        count: usize,
        /// How many give full credit.
        need: usize,
        /// The columns searched (labels).
        columns: Vec<String>,
        /// The terms, as a person reads them (no `*`).
        terms: Vec<String>,
    },
    /// A number from a column, with a curve of `(value, credit)` points.
    Curve {
        /// The column (label).
        column: String,
        /// The points.
        points: Vec<(f64, f64)>,
    },
    /// A number from a column: full credit at or above `min`.
    Min {
        /// The column (label).
        column: String,
        /// The threshold.
        min: f64,
    },
    /// A value from a list.
    Choice {
        /// The column (label).
        column: String,
        /// `(value, credit)`.
        choices: Vec<(String, f64)>,
    },
    /// Yes or no.
    Flag {
        /// The column (label).
        column: String,
    },
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
    /// How it is checked.
    pub rule: Rule,
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
    /// Its ranking group: qualified, core area not documented, or a requirement not met.
    pub standing: crate::rank::Standing,
    /// On the shortlist.
    pub shortlisted: bool,
}

/// What a quoted sentence shows about a criterion: the evidence status of the matching rules
/// ([`crate::score::Status`]), with synonym-set matches told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStatus {
    /// The application states it.
    Found,
    /// Found through a synonym of the term.
    Synonym,
    /// The sentence denies it ("jeg har ikke ...").
    Denied,
    /// The sentence states limited experience of it ("min erfaring med ... er begrænset"): it
    /// counts as a denial (see [`crate::text::cues::Cues::is_limitation`]), worded as what it says.
    Limited,
    /// The sentence is a wish or plan, not experience ("jeg vil gerne ...").
    Aspiration,
    /// The words stand in a bare list of keywords, not in a sentence about the applicant.
    Listed,
    /// The sentence is excluded by the rubric (for instance about someone else).
    Excluded,
}

impl QuoteStatus {
    /// Whether the applicant's own sentence rules it out: denied, or stated as limited.
    pub fn denies(self) -> bool {
        matches!(self, QuoteStatus::Denied | QuoteStatus::Limited)
    }

    /// Whether the quote counts as documentation.
    pub fn counts(self) -> bool {
        matches!(self, QuoteStatus::Found | QuoteStatus::Synonym)
    }
}

/// A sentence quoted from the application.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The whole sentence (redacted in blind mode).
    pub sentence: String,
    /// The column's label.
    pub field: String,
    /// For text read from a document: the document and its page or paragraph.
    pub source: Option<crate::input::documents::Citation>,
    /// The term it was found by, as a person reads it (no `*`).
    pub term: String,
    /// What it shows.
    pub status: QuoteStatus,
}

impl Quote {
    /// Where the sentence was read: the column's label, and for text from a document, the
    /// document and its page or paragraph in the report's words for them (`CV (A011/cv.pdf, side
    /// 2)` with `page` "side").
    pub fn place(&self, page: &str, paragraph: &str) -> String {
        match &self.source {
            Some(source) => format!("{} ({})", self.field, source.describe(page, paragraph)),
            None => self.field.clone(),
        }
    }
}

/// A value read from a number, choice or flag column.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadValue {
    /// The column's label.
    pub column: String,
    /// The value as read (a number in shortest form, or the cell's text; redacted when blind).
    pub value: ShownValue,
}

/// A value as shown.
#[derive(Debug, Clone, PartialEq)]
pub enum ShownValue {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// What became of a criterion for one applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionStatus {
    /// Full credit.
    Full,
    /// Some credit.
    Partial,
    /// A value was given but earns nothing (a "nej", a number below the curve, an unlisted choice).
    NoCredit,
    /// Nothing found in the application, or the cell is blank.
    NotDocumented,
    /// A value that could not be read (not a number, neither yes nor no).
    Unreadable,
    /// The application's own words deny it.
    Denied,
}

/// One criterion for one applicant.
#[derive(Debug, Clone)]
pub struct CriterionView {
    /// Index of the competency.
    pub competency: usize,
    /// Label.
    pub label: String,
    /// Credit, 0–1.
    pub credit: f64,
    /// Points earned, unrounded.
    pub points: f64,
    /// The most it can earn: 100·(Wₖ/ΣW)·(wᵢ/Σw).
    pub max: f64,
    /// What became of it.
    pub status: CriterionStatus,
    /// Quoted sentences.
    pub quotes: Vec<Quote>,
    /// The value read, for number, choice and flag criteria.
    pub value: Option<ReadValue>,
    /// Terms not found, as a person reads them.
    pub missing: Vec<String>,
    /// How it gives points.
    pub rule: Rule,
}

/// Whether a must-have is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementStatus {
    /// Met.
    Met,
    /// Nothing in the application says either way (nothing found, a blank cell).
    NotDocumented,
    /// The application gives a value that does not meet it.
    NotMet,
    /// The application's own words say it is not met.
    Denied,
}

/// One requirement for one applicant.
#[derive(Debug, Clone)]
pub struct RequirementView {
    /// Label.
    pub label: String,
    /// The profile sentence.
    pub source: String,
    /// Status.
    pub status: RequirementStatus,
    /// Quoted sentences.
    pub quotes: Vec<Quote>,
    /// The value read.
    pub value: Option<ReadValue>,
    /// The one column a `number`, `choice` or `flag` requirement reads (label); `None` for a
    /// `terms` requirement, which reads the application's text.
    pub column: Option<String>,
}

/// A value in an application that profilmatch could not read.
#[derive(Debug, Clone, PartialEq)]
pub struct DataIssue {
    /// The criterion or requirement (label).
    pub criterion: String,
    /// The column (label).
    pub column: String,
    /// The cell's text (redacted when blind).
    pub value: String,
    /// What is wrong with it.
    pub kind: IssueKind,
}

/// What is wrong with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// Not a number.
    NotANumber,
    /// Neither yes nor no.
    NotYesOrNo,
    /// Not one of the listed choices.
    NotAChoice,
}

/// Everything about one applicant that cards and letters explain.
#[derive(Debug, Clone)]
pub struct Detail {
    /// Criteria, in rubric order.
    pub criteria: Vec<CriterionView>,
    /// Requirements, in rubric order.
    pub requirements: Vec<RequirementView>,
    /// Values that could not be read.
    pub issues: Vec<DataIssue>,
}

/// Why a candidate ranks above the next applicant.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The competency that contributes most to the difference, and its points.
    Competency {
        /// The next applicant's id.
        next: String,
        /// Total difference (of the totals as ranked, rounded to 6 decimals).
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
    /// The next applicant's application does not document the post's core area.
    Core {
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

/// One shortlisted candidate's card.
#[derive(Debug, Clone)]
pub struct Card {
    /// Index into [`Report::ranking`].
    pub entry: usize,
    /// The explanation.
    pub detail: Detail,
    /// Why above the next.
    pub why: Why,
    /// Rank stability, when asked for.
    pub stability: Option<StabilityRow>,
}

/// The values one applicant's application had that could not be read.
#[derive(Debug, Clone)]
pub struct ApplicantIssues {
    /// Index into [`Report::ranking`].
    pub entry: usize,
    /// The issues.
    pub issues: Vec<DataIssue>,
}

/// A row that could not be read.
#[derive(Debug, Clone)]
pub struct RejectedRow {
    /// Line.
    pub line: u64,
    /// Reason, as the reader gave it.
    pub reason: String,
}

/// The whole report, independent of language and format.
#[derive(Debug, Clone)]
pub struct Report {
    /// The rubric's core gate: which competencies are core (rubric order) and `[core] min_score`.
    pub core: Option<(Vec<bool>, f64)>,
    /// Language.
    pub lang: Lang,
    /// Blind.
    pub blind: bool,
    /// Whether and why the weight sliders are shown.
    pub sliders: Sliders,
    /// The rubric's metadata.
    pub meta: Meta,
    /// The rubric's approval, compared with the weights and rules used.
    pub approval: ApprovalStatus,
    /// `--weight` overrides, as given.
    pub weight_overrides: Vec<String>,
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
    /// Values that could not be read, by applicant, in rank order.
    pub issues: Vec<ApplicantIssues>,
    /// Rows that could not be read at all.
    pub rejected: Vec<RejectedRow>,
    /// Messages about the file as a whole.
    pub file_notes: Vec<String>,
    /// The share shortlisted per group, with `--group`.
    pub impact: Option<Impact>,
    /// The committee members' ratings, with `--ratings`.
    pub ratings: Option<Ratings>,
    /// The run record.
    pub record: RunRecord,
}

impl Report {
    /// The date of the run, `YYYY-MM-DD`, from the run record's clock.
    pub fn date(&self) -> &str {
        self.record.time.get(..10).unwrap_or(&self.record.time)
    }
}
