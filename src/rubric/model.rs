//! The rubric as written: metadata, columns, competencies with their criteria, and requirements.
//! Built by [`super::parse`], already validated, with each item's line kept for later messages.

/// A validated rubric, not yet bound to an applicant file's columns.
#[derive(Debug, Clone)]
pub struct Rubric {
    /// The file it was read from, as named by the user.
    pub path: String,
    /// `[rubric]`.
    pub meta: Meta,
    /// `[columns]`.
    pub columns: Columns,
    /// `[[competency]]`, in file order.
    pub competencies: Vec<Competency>,
    /// `[[requirement]]`, in file order.
    pub requirements: Vec<Requirement>,
    /// The rubric's own `[[synonym]]` sets (they replace shipped sets of the same name).
    pub synonyms: Vec<super::TermSet>,
    /// `[approval]`: who approved the weights and rules, when, and their fingerprints then.
    pub approval: Option<Approval>,
    /// `[core]`: the core-area gate, present exactly when some competency has `core = true`.
    pub core: Option<Core>,
}

/// `[approval]`, written by `profilmatch rubric approve`: the rubric's weights and scoring rules
/// as a person approved them before the applications were opened (see [`super::approval`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Approval {
    /// Who approved (a name, a role, a committee).
    pub approved_by: String,
    /// When, RFC 3339 in UTC.
    pub approved_at: String,
    /// [`super::approval::weights_sha256`] of the rubric as approved.
    pub weights_sha256: String,
    /// [`super::approval::rules_sha256`] of the rubric as approved.
    pub rules_sha256: String,
}

/// `[core]`: an applicant documents the post's core area when the weight-averaged score of the
/// `core = true` competencies is at least `min_score` (see the format's §6a).
#[derive(Debug, Clone, PartialEq)]
pub struct Core {
    /// The threshold, 0–100.
    pub min_score: f64,
    /// The line of the `[core]` header.
    pub line: u64,
}

/// Scores within this of `min_score` count as reaching it, so that a score printed as 60 meets a
/// threshold of 60 whatever the last bits of the floating-point sum.
pub const CORE_TOLERANCE: f64 = 1e-9;

/// `[rubric]`: what the rubric is and where it comes from.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Meta {
    /// Short identifier.
    pub id: String,
    /// The position.
    pub title: String,
    /// The employer.
    pub organisation: String,
    /// The job profile it was taken from.
    pub source: String,
    /// The rubric's version.
    pub version: String,
    /// Default fuzzy threshold for `terms` criteria.
    pub fuzzy: f64,
    /// The most credit a `terms` criterion gets from terms found only in lists and headings.
    pub listed_credit: f64,
    /// How many criteria one sentence can give full credit to; evidence for further criteria in
    /// the same sentence counts as listed.
    pub sentence_criteria: usize,
}

/// A column named in the rubric, with the line that names it.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnRef {
    /// The name as written.
    pub name: String,
    /// The rubric line that names it.
    pub line: u64,
}

/// `[columns]`: which applicant columns play which role.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The id column, and whether the rubric named it (a named one must exist).
    pub id: ColumnRef,
    /// Whether `id` was written in the rubric.
    pub id_explicit: bool,
    /// The name column.
    pub name: ColumnRef,
    /// Whether `name` was written in the rubric.
    pub name_explicit: bool,
    /// Columns searched by `terms` criteria without `fields`; `None` means the default.
    pub text: Option<Vec<ColumnRef>>,
    /// Contact columns: never scored unless named, hidden in blind output.
    pub contact: Vec<ColumnRef>,
    /// Protected columns: never scored, hidden in blind output.
    pub protected: Vec<ColumnRef>,
    /// `labels`: what a person reading a report or letter calls a column (`experience` →
    /// "Erfaring"), in file order.
    pub labels: Vec<(String, String)>,
}

impl Columns {
    /// The label of a column, as `[columns] labels` gives it (names compared as normalised token
    /// sequences), or the column's own name.
    pub fn label<'a>(&'a self, column: &'a str) -> &'a str {
        let key = crate::text::token_key(column);
        self.labels.iter().find(|(name, _)| crate::text::token_key(name) == key).map_or(column, |(_, l)| l.as_str())
    }
}

/// `[[competency]]`.
#[derive(Debug, Clone)]
pub struct Competency {
    /// Identifier (used by `--weight`).
    pub id: String,
    /// Label shown to users.
    pub label: String,
    /// Weight, finite and ≥ 0.
    pub weight: f64,
    /// Whether it is part of the post's core area (`core = true`).
    pub core: bool,
    /// The profile sentence it comes from.
    pub source: String,
    /// Its criteria.
    pub criteria: Vec<Criterion>,
    /// The line of its `[[competency]]` header.
    pub line: u64,
}

/// `[[competency.criterion]]`.
#[derive(Debug, Clone)]
pub struct Criterion {
    /// Identifier, unique within its competency.
    pub id: String,
    /// Label shown to users.
    pub label: String,
    /// Weight within the competency, finite and ≥ 0.
    pub weight: f64,
    /// The profile sentence it comes from.
    pub source: String,
    /// What it checks.
    pub check: Check,
    /// The line of its header.
    pub line: u64,
}

/// `[[requirement]]`: a must-have, written like a criterion.
#[derive(Debug, Clone)]
pub struct Requirement {
    /// Identifier.
    pub id: String,
    /// Label shown to users.
    pub label: String,
    /// The profile sentence it comes from.
    pub source: String,
    /// Passes when credit ≥ this.
    pub at_least: f64,
    /// What it checks.
    pub check: Check,
    /// The line of its header.
    pub line: u64,
}

/// A term of a `terms` criterion as written, with what finds it and what rules it out.
#[derive(Debug, Clone, PartialEq)]
pub struct TermEntry {
    /// As written: `"budget*"`, or `"@budgetansvar"` naming a synonym set.
    pub text: String,
    /// The synonym set's name, when the entry names one.
    pub set: Option<String>,
    /// The terms that find it: the term itself, or the set's members.
    pub members: Vec<String>,
    /// Contexts that rule out its occurrences (its own `exclude`, sets expanded; the criterion's
    /// own list is in [`Check::Terms`]).
    pub exclude: Vec<String>,
    /// The rubric line it is written on.
    pub line: u64,
}

/// What a criterion or requirement checks, by kind.
#[derive(Debug, Clone)]
pub enum Check {
    /// Terms found in text: credit = min(1, found / need + listed credit) (see the format's §8).
    Terms {
        /// The terms as written.
        terms: Vec<TermEntry>,
        /// Columns searched, in order; `None` means `[columns].text`.
        fields: Option<Vec<ColumnRef>>,
        /// How many distinct terms give full credit.
        need: usize,
        /// Fuzzy threshold.
        fuzzy: f64,
        /// Contexts that rule out any of its terms (sets expanded).
        exclude: Vec<String>,
    },
    /// A number read from a column.
    Number {
        /// The column.
        field: ColumnRef,
        /// How the number becomes a credit.
        rule: NumberRule,
    },
    /// A value from a fixed list, each with its credit.
    Choice {
        /// The column.
        field: ColumnRef,
        /// `(value as written, credit)`, in file order.
        choices: Vec<(String, f64)>,
    },
    /// A yes/no column.
    Flag {
        /// The column.
        field: ColumnRef,
    },
}

impl Check {
    /// The kind's name as written in rubrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Terms { .. } => "terms",
            Check::Number { .. } => "number",
            Check::Choice { .. } => "choice",
            Check::Flag { .. } => "flag",
        }
    }

    /// The single column a number, choice or flag check reads.
    pub fn field(&self) -> Option<&ColumnRef> {
        match self {
            Check::Terms { .. } => None,
            Check::Number { field, .. } | Check::Choice { field, .. } | Check::Flag { field } => Some(field),
        }
    }
}

/// How a number becomes a credit.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberRule {
    /// Linear between points; the first/last point's credit outside them.
    Curve(Vec<(f64, f64)>),
    /// Credit 1 when the value is at least this, else 0.
    Min(f64),
}

impl NumberRule {
    /// The credit for a value.
    pub fn credit(&self, value: f64) -> f64 {
        match self {
            NumberRule::Min(min) => f64::from(u8::from(value >= *min)),
            NumberRule::Curve(points) => curve_credit(points, value),
        }
    }
}

/// The one weighting formula of the format (`docs/rubric-format.md` §9), from `(weight, value)`
/// pairs: Σ wᵢ·valueᵢ / Σ wᵢ, computed as Σ (wᵢ/Σw)·valueᵢ: with the shares taken first, a tiny
/// (subnormal) weight cannot lose its precision in a product before the division.
///
/// A competency score is 100 × this over its criteria's weights and credits; the total
/// ([`Rubric::total`]) and the core score ([`core_score`]) are this over competency weights and
/// scores. Scoring, score cards and tuning all call it, so their totals agree to the bit.
///
/// ```
/// // Weights 2 and 1, scores 90 and 60: (2·90 + 1·60) / 3 = 240 / 3 = 80.
/// assert_eq!(profilmatch::rubric::weighted_score([(2.0, 90.0), (1.0, 60.0)].into_iter()), 80.0);
/// ```
pub fn weighted_score(weighted: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let weight: f64 = weighted.clone().map(|(w, _)| w).sum();
    weighted.map(|(w, value)| w / weight * value).sum()
}

/// The core score from the core competencies' `(weight, score)`: Σ Wₖ·scoreₖ / Σ Wₖ
/// ([`weighted_score`], like the total).
pub fn core_score(core: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    weighted_score(core)
}

/// Whether a core score reaches `min_score` (within [`CORE_TOLERANCE`]).
pub fn core_reached(score: f64, min_score: f64) -> bool {
    score + CORE_TOLERANCE >= min_score
}

fn curve_credit(points: &[(f64, f64)], value: f64) -> f64 {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return 0.0;
    };
    if value <= first.0 {
        return first.1;
    }
    if value >= last.0 {
        return last.1;
    }
    let i = points.partition_point(|p| p.0 <= value);
    let (x0, y0) = points[i - 1];
    let (x1, y1) = points[i];
    y0 + (y1 - y0) * (value - x0) / (x1 - x0)
}

/// Why new competency weights cannot be used ([`Rubric::set_weights`]). The messages name the
/// competency and the value, not where the weights came from: the command line adds its flag.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightError {
    /// A weight that is negative, infinite or not a number.
    #[error("{id}={weight}: a weight must be a finite number ≥ 0")]
    NotANonNegativeNumber {
        /// The competency.
        id: String,
        /// The weight given.
        weight: f64,
    },
    /// A competency the rubric does not have.
    #[error("{id}=…: the rubric has no competency '{id}'; it has {}", known.join(", "))]
    UnknownCompetency {
        /// The competency given.
        id: String,
        /// The rubric's competencies, in file order.
        known: Vec<String>,
    },
    /// Every competency weight would be 0.
    #[error("all competency weights would be 0")]
    AllZero,
    /// Every core competency's weight would be 0.
    #[error("the weights of all core competencies would be 0; the core score needs one")]
    CoreAllZero,
    /// The weights add up to infinity.
    #[error(
        "the competency weights add up to more than the largest number a weight can have ({:e}); use smaller weights",
        f64::MAX
    )]
    SumOverflows,
}

impl WeightError {
    /// Whether the message starts with the competency (`a=-1: …`) rather than a sentence about all
    /// the weights, so that a caller can write `--weight a=-1: …` and `--weight: all …`.
    pub fn names_a_competency(&self) -> bool {
        matches!(self, WeightError::NotANonNegativeNumber { .. } | WeightError::UnknownCompetency { .. })
    }
}

/// The sum of weights, or `None` when it is not finite (weights near the largest number add up to
/// infinity, and scores are divided by these sums).
pub(crate) fn weight_sum(weights: impl Iterator<Item = f64>) -> Option<f64> {
    let sum: f64 = weights.sum();
    sum.is_finite().then_some(sum)
}

impl Rubric {
    /// The competency with this id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// Replaces competency weights (the command line's `--weight C=W`), validating ids and
    /// values. The error says what is wrong with the weights; the caller adds where they came from.
    pub fn set_weights(&mut self, overrides: &[(String, f64)]) -> Result<(), WeightError> {
        for (id, weight) in overrides {
            if !weight.is_finite() || *weight < 0.0 {
                return Err(WeightError::NotANonNegativeNumber { id: id.clone(), weight: *weight });
            }
            let known: Vec<String> = self.competencies.iter().map(|c| c.id.clone()).collect();
            let Some(competency) = self.competencies.iter_mut().find(|c| c.id == *id) else {
                return Err(WeightError::UnknownCompetency { id: id.clone(), known });
            };
            competency.weight = *weight;
        }
        if self.competencies.iter().all(|c| c.weight == 0.0) {
            return Err(WeightError::AllZero);
        }
        if self.core.is_some() && self.competencies.iter().filter(|c| c.core).all(|c| c.weight == 0.0) {
            return Err(WeightError::CoreAllZero);
        }
        weight_sum(self.competencies.iter().map(|c| c.weight)).ok_or(WeightError::SumOverflows)?;
        Ok(())
    }

    /// The total from competency scores in rubric order: Σ Wₖ·scoreₖ / Σ Wₖ ([`weighted_score`]).
    pub fn total(&self, scores: &[f64]) -> f64 {
        weighted_score(self.competencies.iter().map(|c| c.weight).zip(scores.iter().copied()))
    }

    /// The sum of the competency weights.
    pub fn total_weight(&self) -> f64 {
        self.competencies.iter().map(|c| c.weight).sum()
    }

    /// The core score from competency scores in rubric order: Σ Wₖ·scoreₖ / Σ Wₖ over the core
    /// competencies, computed as Σ (Wₖ/ΣW)·scoreₖ like the total. `None` without `[core]`.
    pub fn core_score(&self, scores: &[f64]) -> Option<f64> {
        self.core.as_ref()?;
        let core = self.competencies.iter().zip(scores).filter(|(c, _)| c.core).map(|(c, s)| (c.weight, *s));
        Some(core_score(core))
    }

    /// Which competencies are core, in rubric order.
    pub fn core_mask(&self) -> Vec<bool> {
        self.competencies.iter().map(|c| c.core).collect()
    }

    /// Whether competency scores (in rubric order) document the core area: the core score is at
    /// least `[core] min_score` (within [`CORE_TOLERANCE`]). `None` without `[core]`.
    ///
    /// ```
    /// let text = "[rubric]\nid = \"r\"\ntitle = \"T\"\norganisation = \"O\"\nsource = \"s\"\nversion = \"1\"\n\
    ///             [core]\nmin_score = 50\n\
    ///             [[competency]]\nid = \"a\"\nlabel = \"A\"\nsource = \"s\"\ncore = true\nweight = 3\n\
    ///             [[competency.criterion]]\nid = \"k\"\nlabel = \"K\"\nsource = \"s\"\nkind = \"flag\"\nfield = \"f\"\n\
    ///             [[competency]]\nid = \"b\"\nlabel = \"B\"\nsource = \"s\"\ncore = true\nweight = 1\n\
    ///             [[competency.criterion]]\nid = \"k\"\nlabel = \"K\"\nsource = \"s\"\nkind = \"flag\"\nfield = \"g\"\n";
    /// let rubric = profilmatch::rubric::parse("r.toml", text).unwrap();
    /// // (3·40 + 1·80) / 4 = 50 ≥ 50: documented; (3·30 + 1·80) / 4 = 42.5 < 50: not.
    /// assert_eq!(rubric.core_documented(&[40.0, 80.0]), Some(true));
    /// assert_eq!(rubric.core_documented(&[30.0, 80.0]), Some(false));
    /// ```
    pub fn core_documented(&self, scores: &[f64]) -> Option<bool> {
        let min_score = self.core.as_ref()?.min_score;
        self.core_score(scores).map(|score| core_reached(score, min_score))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_is_linear_between_points_and_flat_outside() {
        let rule = NumberRule::Curve(vec![(2.0, 0.0), (6.0, 0.5), (10.0, 1.0)]);
        assert_eq!(rule.credit(0.0), 0.0);
        assert_eq!(rule.credit(4.0), 0.25); // 0 + 0.5 * (4-2)/(6-2)
        assert_eq!(rule.credit(6.0), 0.5);
        assert_eq!(rule.credit(8.0), 0.75); // 0.5 + 0.5 * (8-6)/(10-6)
        assert_eq!(rule.credit(99.0), 1.0);
    }

    #[test]
    fn min_is_a_step() {
        assert_eq!(NumberRule::Min(5.0).credit(4.99), 0.0);
        assert_eq!(NumberRule::Min(5.0).credit(5.0), 1.0);
    }

    #[test]
    fn weight_overrides_must_not_add_up_to_infinity() {
        let head = "[rubric]\nid = \"r\"\ntitle = \"T\"\norganisation = \"O\"\nsource = \"s\"\nversion = \"1\"\n";
        let competency = |id: &str| {
            format!(
                "[[competency]]\nid = \"{id}\"\nlabel = \"L\"\nsource = \"s\"\n[[competency.criterion]]\n\
                 id = \"k\"\nlabel = \"K\"\nsource = \"s\"\nkind = \"flag\"\nfield = \"f\"\n"
            )
        };
        let text = format!("{head}{}{}", competency("a"), competency("b"));
        let mut rubric = crate::rubric::parse("r.toml", &text).expect("a valid rubric");
        // 1e308 alone is fine; 1e308 + 1e308 overflows to infinity.
        assert_eq!(rubric.set_weights(&[("a".into(), 1e308)]), Ok(()));
        let err = rubric.set_weights(&[("b".into(), 1e308)]).expect_err("an infinite sum");
        assert_eq!(err, WeightError::SumOverflows);
        assert!(err.to_string().contains("add up to more than"), "{err}");
    }
}
