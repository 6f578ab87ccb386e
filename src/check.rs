//! `profilmatch rubric check`: a rubric's summary, and how its terms fare on an applicant file, so
//! that a rubric writer sees dead vocabulary (matches nobody) and indiscriminate vocabulary (matches
//! nearly everybody) at a glance.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::output::number;
use crate::pipeline::Session;
use crate::rubric::{Check, Rubric};
use crate::score::Detail;
use crate::score::Scorecard;

/// A term matched by at least this share of applicants is flagged as indiscriminate.
pub const INDISCRIMINATE_SHARE: f64 = 0.9;

/// The rubric's competencies with weights as percentages, criteria counts, and requirements.
pub fn summary(rubric: &Rubric) -> String {
    let mut out = String::new();
    let meta = &rubric.meta;
    let _ = writeln!(out, "{}: ok", rubric.path);
    let _ = writeln!(out, "  {} ({}), version {}: {}", meta.id, meta.organisation, meta.version, meta.title);
    let total = rubric.total_weight();
    let criteria: usize = rubric.competencies.iter().map(|c| c.criteria.len()).sum();
    let _ = writeln!(
        out,
        "  {} competencies, {} criteria, {} requirements",
        rubric.competencies.len(),
        criteria,
        rubric.requirements.len()
    );
    for c in &rubric.competencies {
        let share = 100.0 * c.weight / total;
        let criteria = if c.criteria.len() == 1 { "criterion" } else { "criteria" };
        let _ = writeln!(
            out,
            "  {:>6}%  {:<24} {} ({} {criteria})",
            format!("{share:.1}"),
            c.id,
            c.label,
            c.criteria.len()
        );
    }
    for r in &rubric.requirements {
        let _ =
            writeln!(out, "  requirement {}: {} ({}, at least {})", r.id, r.label, r.check.kind(), number(r.at_least));
    }
    out
}

/// For every `terms` criterion and requirement: how many applicants each term matches, by kind.
///
/// Every row of the file is scored with its explanation (rubric checking is for applicant lists,
/// not for databases).
pub fn term_report(session: &Session) -> crate::Result<String> {
    let rows: Vec<usize> = (0..session.runs[0].rows.len()).collect();
    let cards: Vec<Scorecard> = session.scorecards(0, &rows)?;
    let rubric = &session.engine.rubrics[0].rubric;
    let applicants = cards.len();
    let mut out = String::new();
    let _ = writeln!(out, "\nterms against {} ({} applicants scored):", session.input.path, applicants);
    let mut dead = 0;
    let mut broad = 0;
    let mut report = |label: String, check: &Check, details: Vec<&Detail>| {
        let Check::Terms { terms, .. } = check else {
            return;
        };
        let _ = writeln!(out, "  {label}");
        for term in terms {
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            for detail in &details {
                if let Some(e) = detail.evidence.iter().find(|e| &e.term == term) {
                    *kinds.entry(e.kind.as_str()).or_default() += 1;
                }
            }
            let matched: usize = kinds.values().sum();
            let flag = if matched == 0 {
                dead += 1;
                "  <- matches nobody"
            } else if applicants > 0 && matched as f64 >= INDISCRIMINATE_SHARE * applicants as f64 {
                broad += 1;
                "  <- matches nearly everybody"
            } else {
                ""
            };
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
            let _ = writeln!(out, "    {:>4}  {:<32} {}{flag}", matched, format!("{term:?}"), kinds.join(", "));
        }
    };
    for (ci, competency) in rubric.competencies.iter().enumerate() {
        for (ki, criterion) in competency.criteria.iter().enumerate() {
            let details = cards.iter().map(|c| &c.competencies[ci].criteria[ki].detail).collect();
            report(format!("{}.{} ({})", competency.id, criterion.id, criterion.label), &criterion.check, details);
        }
    }
    for (ri, requirement) in rubric.requirements.iter().enumerate() {
        let details = cards.iter().map(|c| &c.requirements[ri].detail).collect();
        report(format!("requirement {} ({})", requirement.id, requirement.label), &requirement.check, details);
    }
    let _ = writeln!(
        out,
        "{dead} terms match nobody; {broad} terms match at least {}% of applicants",
        INDISCRIMINATE_SHARE * 100.0
    );
    Ok(out)
}
