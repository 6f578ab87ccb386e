//! JSON (an array in rank order) and JSON Lines (one object a line): every candidate with the full
//! explanation of the score. The shape is published as a JSON Schema in `docs/score.schema.json`.

use std::io::{self, Write};

use serde::Serialize;

use super::View;
use crate::input::documents::Unit;
use crate::rank::{Placement, round6};
use crate::rubric::CompiledRubric;
use crate::score::{Detail, Evidence, Scorecard, Value, core_name};

/// One candidate as JSON output shows it.
#[derive(Debug, Serialize)]
pub struct CandidateJson<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// Whether the rank is shared.
    pub tied: bool,
    /// The applicant's id.
    pub id: &'a str,
    /// The name (absent in blind output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// The total, rounded to 6 decimals.
    pub total: f64,
    /// Whether every requirement is met.
    pub meets_requirements: bool,
    /// The worst requirement status: `met`, `not_documented` or `not_met`.
    pub requirements_status: &'static str,
    /// The core-area gate, when the rubric has `[core]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core: Option<CoreJson<'a>>,
    /// Per competency.
    pub competencies: Vec<CompetencyJson<'a>>,
    /// Per requirement.
    pub requirements: Vec<RequirementJson<'a>>,
    /// The row's warnings, as text.
    pub warnings: Vec<String>,
}

/// A competency in JSON output.
#[derive(Debug, Serialize)]
pub struct CompetencyJson<'a> {
    id: &'a str,
    label: &'a str,
    weight: f64,
    weight_share: f64,
    score: f64,
    criteria: Vec<CriterionJson<'a>>,
}

#[derive(Debug, Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    label: &'a str,
    kind: &'static str,
    weight: f64,
    credit: f64,
    points: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<ValueJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    evidence: Vec<EvidenceJson<'a>>,
    missing: &'a [String],
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum ValueJson<'a> {
    Number(f64),
    Text(&'a str),
}

#[derive(Debug, Serialize)]
struct EvidenceJson<'a> {
    term: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    field: &'a str,
    text: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<f64>,
    snippet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceJson<'a>>,
}

/// Where evidence read from a document was found: the document and its page or paragraph.
#[derive(Debug, Serialize)]
struct SourceJson<'a> {
    document: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
}

/// A requirement in JSON output.
#[derive(Debug, Serialize)]
pub struct RequirementJson<'a> {
    id: &'a str,
    label: &'a str,
    kind: &'static str,
    credit: f64,
    at_least: f64,
    passed: bool,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<ValueJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    evidence: Vec<EvidenceJson<'a>>,
    missing: &'a [String],
}

/// The core-area gate in JSON output.
#[derive(Debug, Serialize)]
pub struct CoreJson<'a> {
    status: &'static str,
    score: f64,
    min_score: f64,
    competencies: Vec<&'a str>,
}

/// Builds the JSON view of one candidate.
pub fn candidate_json<'a>(
    rubric: &'a CompiledRubric,
    placement: &Placement,
    card: &'a Scorecard,
    blind: bool,
) -> CandidateJson<'a> {
    let total_weight = rubric.rubric.total_weight();
    let competencies = rubric
        .rubric
        .competencies
        .iter()
        .zip(&card.competencies)
        .map(|(competency, score)| CompetencyJson {
            id: &competency.id,
            label: &competency.label,
            weight: competency.weight,
            weight_share: round6(100.0 * competency.weight / total_weight),
            score: round6(score.score),
            criteria: competency
                .criteria
                .iter()
                .zip(&score.criteria)
                .map(|(criterion, result)| CriterionJson {
                    id: &criterion.id,
                    label: &criterion.label,
                    kind: criterion.check.kind(),
                    weight: criterion.weight,
                    credit: round6(result.credit),
                    points: round6(result.points),
                    value: value_json(&result.detail),
                    note: result.detail.note.as_deref(),
                    evidence: result.detail.evidence.iter().map(evidence_json).collect(),
                    missing: &result.detail.missing,
                })
                .collect(),
        })
        .collect();
    let requirements = rubric
        .rubric
        .requirements
        .iter()
        .zip(&card.requirements)
        .map(|(r, s)| RequirementJson {
            id: &r.id,
            label: &r.label,
            kind: r.check.kind(),
            credit: round6(s.credit),
            at_least: r.at_least,
            passed: s.passed,
            status: s.status.name(),
            value: value_json(&s.detail),
            note: s.detail.note.as_deref(),
            evidence: s.detail.evidence.iter().map(evidence_json).collect(),
            missing: &s.detail.missing,
        })
        .collect();
    let core = rubric.rubric.core.as_ref().zip(card.core_score).map(|(core, score)| CoreJson {
        status: core_name(card.core),
        score: round6(score),
        min_score: core.min_score,
        competencies: rubric.rubric.competencies.iter().filter(|c| c.core).map(|c| c.id.as_str()).collect(),
    });
    CandidateJson {
        rank: placement.rank,
        tied: placement.tied,
        id: &card.id,
        name: (!blind).then_some(card.name.as_str()),
        total: round6(card.total),
        meets_requirements: card.meets_requirements,
        requirements_status: card.requirements_status.name(),
        core,
        competencies,
        requirements,
        warnings: card.warnings.iter().map(ToString::to_string).collect(),
    }
}

fn value_json(detail: &Detail) -> Option<ValueJson<'_>> {
    detail.value.as_ref().map(|v| match v {
        Value::Number(n) => ValueJson::Number(*n),
        Value::Text(t) => ValueJson::Text(t),
    })
}

fn evidence_json(e: &Evidence) -> EvidenceJson<'_> {
    EvidenceJson {
        term: &e.term,
        status: e.status_name(),
        member: e.member.as_deref(),
        reason: e.reason.as_deref(),
        field: &e.field,
        text: &e.text,
        kind: e.kind.as_str(),
        similarity: e.similarity.map(round6),
        snippet: &e.snippet,
        source: e.source.as_ref().map(|s| SourceJson {
            document: &s.document,
            page: (s.unit == Unit::Page).then_some(s.number),
            paragraph: (s.unit == Unit::Paragraph).then_some(s.number),
        }),
    }
}

/// A candidate with the rubric it was scored against (several rubrics in one output).
#[derive(Debug, Serialize)]
struct WithRubric<'a> {
    rubric: &'a str,
    #[serde(flatten)]
    candidate: CandidateJson<'a>,
}

pub(super) fn render(view: &View<'_>, out: &mut dyn Write, lines: bool) -> io::Result<()> {
    if !lines {
        out.write_all(b"[")?;
    }
    let mut first = true;
    for index in 0..view.session.runs.len() {
        let rubric = view.rubric(index);
        view.each(index, &mut |placement, card| {
            if !lines {
                out.write_all(if first { b"\n" } else { b",\n" })?;
            }
            first = false;
            let candidate = candidate_json(rubric, placement, card, view.blind);
            if view.multi() {
                serde_json::to_writer(&mut *out, &WithRubric { rubric: &rubric.rubric.meta.id, candidate })?;
            } else {
                serde_json::to_writer(&mut *out, &candidate)?;
            }
            if lines {
                out.write_all(b"\n")?;
            }
            Ok(())
        })?;
    }
    if !lines {
        out.write_all(b"\n]\n")?;
    }
    Ok(())
}
