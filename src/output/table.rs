//! An aligned table for the terminal: rank (with `=` for a tie), id, name, total, each competency's
//! score, and the requirement flag. One table per rubric.

use std::io::{self, Write};

use super::{View, number};
use crate::score::RequirementStatus;

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    for index in 0..view.session.runs.len() {
        let rubric = &view.rubric(index).rubric;
        if view.multi() {
            if index > 0 {
                writeln!(out)?;
            }
            writeln!(
                out,
                "{}: {} ({})",
                one_line(&rubric.meta.id),
                one_line(&rubric.meta.title),
                one_line(&rubric.meta.organisation)
            )?;
        }
        let mut header: Vec<String> = vec!["rank".into(), "id".into()];
        if !view.blind {
            header.push("name".into());
        }
        header.push("total".into());
        header.extend(rubric.competencies.iter().map(|c| one_line(&c.id)));
        header.push("requirements".into());
        let core = rubric.core.is_some();
        if core {
            header.push("core".into());
        }
        let mut rows: Vec<Vec<String>> = vec![header];
        view.each_row(index, &mut |placement, card| {
            let mut row = vec![View::rank_label(placement), one_line(&card.id)];
            if !view.blind {
                row.push(one_line(&card.name));
            }
            row.push(number(card.total));
            row.extend(card.scores.iter().map(|s| format!("{s:.1}")));
            row.push(
                match card.requirements_status {
                    RequirementStatus::Met => "met",
                    RequirementStatus::NotDocumented => "check by hand",
                    RequirementStatus::NotMet => "NOT MET",
                }
                .into(),
            );
            if core {
                row.push(if card.core == Some(false) { "NOT DOCUMENTED" } else { "documented" }.into());
            }
            rows.push(row);
            Ok(())
        })?;
        write_aligned(out, &rows, if view.blind { 2 } else { 3 })?;
    }
    Ok(())
}

/// Writes rows in aligned columns; columns from `first_number` on are right-aligned.
fn write_aligned(out: &mut dyn Write, rows: &[Vec<String>], first_number: usize) -> io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> =
        (0..columns).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                let pad = " ".repeat(width - cell.chars().count());
                if i >= first_number && i + 1 < columns { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// Applicant and rubric text on one line, inert (see [`crate::inert`]): a control character would
/// break the table's lines or drive the terminal.
pub(super) fn one_line(text: &str) -> String {
    crate::inert::inert(text).into_owned()
}
