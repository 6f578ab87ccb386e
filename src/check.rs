//! `profilmatch rubric check`: a rubric's summary, and how its terms fare on an applicant file, so
//! that a rubric writer sees dead vocabulary (matches nobody) and indiscriminate vocabulary (matches
//! nearly everybody) at a glance.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::output::number;
use crate::pipeline::Session;
use crate::rubric::{Check, NumberRule, Rubric};
use crate::score::{Detail, Scorecard, Status};

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
        let _ = writeln!(out, "  requirement {}: {} ({})", r.id, r.label, requirement_rule(&r.check, r.at_least));
    }
    out
}

/// A requirement's rule as it decides: `number: years_leading_leaders ≥ 3`, not the credit
/// threshold alone (which is 1 for every `min` rule and says nothing about the number).
fn requirement_rule(check: &Check, at_least: f64) -> String {
    let credit = format!("credit ≥ {}", number(at_least));
    match check {
        Check::Number { field, rule: NumberRule::Min(min) } if at_least > 0.0 => {
            format!("number: {} ≥ {}", field.name, number(*min))
        }
        Check::Number { field, rule: NumberRule::Curve(points) } => {
            let points: Vec<String> = points.iter().map(|(x, c)| format!("{} → {}", number(*x), number(*c))).collect();
            format!("number: {} on the curve {}; {credit}", field.name, points.join(", "))
        }
        Check::Terms { terms, need, .. } => {
            format!("terms: {credit}, full credit at {need} of its {} terms", terms.len())
        }
        Check::Choice { field, choices } => {
            let passing: Vec<String> =
                choices.iter().filter(|(_, c)| *c >= at_least).map(|(v, _)| format!("'{v}'")).collect();
            match passing.as_slice() {
                [] => format!("choice: {}: no value passes ({credit})", field.name),
                values => format!("choice: {} is {}", field.name, values.join(" or ")),
            }
        }
        Check::Flag { field } if at_least > 0.0 => format!("flag: {} is yes", field.name),
        other => format!("{}: {credit}, which every value meets", other.kind()),
    }
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
            // Credited occurrences by match kind; the others by status (denied, excluded, …).
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            let mut credited = 0;
            for detail in &details {
                if let Some(e) = detail.evidence.iter().find(|e| e.term == term.text) {
                    match e.status {
                        Status::Found | Status::Listed => {
                            credited += 1;
                            *kinds.entry(e.kind.as_str()).or_default() += 1;
                            if e.status == Status::Listed {
                                *kinds.entry("listed").or_default() += 1;
                            }
                        }
                        other => *kinds.entry(other.name(false)).or_default() += 1,
                    }
                }
            }
            let flag = if kinds.is_empty() {
                dead += 1;
                "  <- matches nobody"
            } else if applicants > 0 && credited as f64 >= INDISCRIMINATE_SHARE * applicants as f64 {
                broad += 1;
                "  <- matches nearly everybody"
            } else {
                ""
            };
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
            let _ = writeln!(out, "    {:>4}  {:<32} {}{flag}", credited, format!("{:?}", term.text), kinds.join(", "));
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
    let words: Vec<f64> = cards.iter().map(|c| c.words as f64).collect();
    let totals: Vec<f64> = cards.iter().map(|c| c.total).collect();
    match spearman(&words, &totals) {
        Some(rho) => {
            let _ = writeln!(
                out,
                "length and total: Spearman rank correlation {} over {} applicants (words in the text columns \
                 against the total; near 0 is good; above {} means long applications rank high for their length)",
                number((rho * 1000.0).round() / 1000.0),
                cards.len(),
                LENGTH_WARNING
            );
        }
        None => {
            let _ = writeln!(out, "length and total: no rank correlation (fewer than 2 applicants, or all equal)");
        }
    }
    // The same for the points of the terms criteria alone: what the text rules themselves do with
    // length (the number criteria often rise with seniority, and seniority with length).
    let text_points: Vec<f64> = cards
        .iter()
        .map(|card| {
            rubric
                .competencies
                .iter()
                .zip(&card.competencies)
                .flat_map(|(c, s)| c.criteria.iter().zip(&s.criteria))
                .filter(|(k, _)| matches!(k.check, Check::Terms { .. }))
                .map(|(_, s)| s.points)
                .sum()
        })
        .collect();
    if let Some(rho) = spearman(&words, &text_points) {
        let _ = writeln!(
            out,
            "length and terms points: Spearman rank correlation {} (the terms criteria alone)",
            number((rho * 1000.0).round() / 1000.0)
        );
    }
    Ok(out)
}

/// A length correlation above this is worth a look.
pub const LENGTH_WARNING: f64 = 0.5;

/// Spearman's rank correlation of two equally long samples: Pearson's correlation of their ranks,
/// ties given their average rank. `None` with fewer than 2 values or when either sample is constant.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 2 {
        return None;
    }
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let covariance: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    (va > 0.0 && vb > 0.0).then(|| covariance / (va * vb).sqrt())
}

/// 1-based ranks, ties given the average of the ranks they span.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            out[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_ranks_with_ties() {
        // Identical order: 1. Reversed: -1.
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), Some(1.0));
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
        // Ties: ranks of [1, 1, 2] are [1.5, 1.5, 3]; of [1, 2, 3], [1, 2, 3]. Means 2 and 2.
        // Covariance (-0.5)(-1) + (-0.5)(0) + (1)(1) = 1.5; variances 0.25+0.25+1 = 1.5 and 2.
        // 1.5 / sqrt(1.5 · 2) = 0.866025.
        let rho = spearman(&[1.0, 1.0, 2.0], &[1.0, 2.0, 3.0]).unwrap();
        assert!((rho - 1.5 / 3f64.sqrt()).abs() < 1e-12, "{rho}");
        assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
    }
}
