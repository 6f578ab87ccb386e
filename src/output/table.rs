//! An aligned table for the terminal: rank (with `=` for a tie), id, name, total, each competency's
//! score, and the requirement flag.

use std::io::{self, Write};

use super::{View, number};

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let competencies = &view.run.rubric.rubric.competencies;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header: Vec<String> = vec!["rank".into(), "id".into()];
    if !view.blind {
        header.push("name".into());
    }
    header.push("total".into());
    header.extend(competencies.iter().map(|c| c.id.clone()));
    header.push("requirements".into());
    rows.push(header);
    for (placement, card) in view.ranked() {
        let mut row = vec![View::rank_label(placement), one_line(&card.id)];
        if !view.blind {
            row.push(one_line(&card.name));
        }
        row.push(number(card.total));
        row.extend(
            card.competencies
                .iter()
                .map(|c| format!("{:.1}", crate::rank::round6(c.score))),
        );
        row.push(
            if card.meets_requirements {
                "met"
            } else {
                "NOT MET"
            }
            .into(),
        );
        rows.push(row);
    }
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                let pad = " ".repeat(width - cell.chars().count());
                // Numbers right-aligned, text left-aligned.
                let numeric = i > 0 && cell.parse::<f64>().is_ok() && i != 1;
                if numeric {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// Control characters in applicant text would break the table's lines.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
