//! A readable explanation per candidate: the total, each competency's score, each criterion's
//! credit and points with the evidence quoted and what was not found, and failed requirements.

use std::io::{self, Write};

use super::table::one_line;
use super::{View, number};
use crate::rank::Placement;
use crate::rubric::{Check, Rubric};
use crate::score::{CORE_NOT_DOCUMENTED, Detail, RequirementStatus, Scorecard, Status, Value};

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    for index in 0..view.session.runs.len() {
        let rubric = &view.rubric(index).rubric;
        if view.multi() {
            let meta = &rubric.meta;
            writeln!(out, "== {}: {} ({})\n", one_line(&meta.id), one_line(&meta.title), one_line(&meta.organisation))?;
        }
        view.each(index, &mut |placement, card| candidate(out, rubric, placement, card, view.blind))?;
    }
    Ok(())
}

fn candidate(
    out: &mut dyn Write,
    rubric: &Rubric,
    placement: &Placement,
    card: &Scorecard,
    blind: bool,
) -> io::Result<()> {
    let total_weight = rubric.total_weight();
    let name = if blind || card.name.is_empty() { String::new() } else { format!(" {}", one_line(&card.name)) };
    writeln!(out, "#{} {}{name}: total {}", View::rank_label(placement), one_line(&card.id), number(card.total))?;
    if card.requirements_status == RequirementStatus::NotMet {
        writeln!(out, "  a requirement is NOT MET (ranked after everyone who has none not met)")?;
    }
    if let (Some(core), Some(score)) = (&rubric.core, card.core_score) {
        let verdict = if card.core == Some(false) {
            CORE_NOT_DOCUMENTED
        } else {
            "core area documented / kerneområde dokumenteret"
        };
        let core_ids: Vec<&str> = rubric.competencies.iter().filter(|c| c.core).map(|c| c.id.as_str()).collect();
        writeln!(
            out,
            "  {verdict}: core score {} ({}), needs {}{}",
            number(score),
            core_ids.join(", "),
            number(core.min_score),
            if card.core == Some(false) { "; ranked after everyone whose core area is documented" } else { "" }
        )?;
    }
    for (competency, score) in rubric.competencies.iter().zip(&card.competencies) {
        let share = 100.0 * competency.weight / total_weight;
        writeln!(
            out,
            "  {} ({}): {} (weight {}%)",
            one_line(&competency.label),
            one_line(&competency.id),
            number(score.score),
            number(share)
        )?;
        for (criterion, result) in competency.criteria.iter().zip(&score.criteria) {
            writeln!(
                out,
                "    - {} [{}]: credit {}, points {}{}",
                one_line(&criterion.label),
                criterion.check.kind(),
                number(result.credit),
                number(result.points),
                tally(&criterion.check, &result.detail)
            )?;
            detail(out, &result.detail)?;
        }
    }
    for (requirement, result) in rubric.requirements.iter().zip(&card.requirements) {
        writeln!(
            out,
            "  requirement {}: {} (credit {}, needs {})",
            one_line(&requirement.label),
            result.status.words(),
            number(result.credit),
            number(requirement.at_least)
        )?;
        if !result.passed {
            detail(out, &result.detail)?;
        }
    }
    for warning in &card.warnings {
        // A diagnostic's text is inert already.
        writeln!(out, "  warning: {warning}")?;
    }
    writeln!(out)
}

/// For a `terms` criterion, how many terms count in full and how many as listed, against `need`.
fn tally(check: &Check, detail: &Detail) -> String {
    let Check::Terms { need, .. } = check else {
        return String::new();
    };
    let count = |status: Status| detail.evidence.iter().filter(|e| e.status == status).count();
    let listed = match count(Status::Listed) {
        0 => String::new(),
        n => format!(", {n} listed"),
    };
    format!(" ({} found{listed}, need {need})", count(Status::Found))
}

fn detail(out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
    match &detail.value {
        Some(Value::Number(n)) => writeln!(out, "        value: {n}")?,
        Some(Value::Text(t)) => writeln!(out, "        value: {:?}", t)?,
        None => {}
    }
    if let Some(note) = &detail.note {
        writeln!(out, "        note: {}", one_line(note))?;
    }
    for e in &detail.evidence {
        let similarity = e.similarity.map(|s| format!(" {}", number(s))).unwrap_or_default();
        let source = e.source.as_ref().map(|s| format!(" [{}]", one_line(&s.to_string()))).unwrap_or_default();
        let member = e.member.as_ref().map(|m| format!(" via {m:?}")).unwrap_or_default();
        let reason = match (e.status, &e.reason) {
            (Status::Denied, Some(cue)) => format!("; denied by \"{}\"", one_line(cue)),
            (Status::Aspiration, Some(cue)) => format!("; not own experience: \"{}\"", one_line(cue)),
            (Status::Excluded, Some(exclusion)) => format!("; excluded by {exclusion:?}"),
            (_, Some(why)) => format!("; {why}"),
            (_, None) => String::new(),
        };
        writeln!(
            out,
            "        {} {:?}{member} as \"{}\" in {}{source} ({}{similarity}{reason}): \"{}\"",
            e.status_name(),
            e.term,
            one_line(&e.text),
            one_line(&e.field),
            e.kind.as_str(),
            one_line(&e.snippet)
        )?;
    }
    if !detail.missing.is_empty() {
        let missing: Vec<String> = detail.missing.iter().map(|m| format!("{m:?}")).collect();
        writeln!(out, "        not found: {}", missing.join(", "))?;
    }
    Ok(())
}
