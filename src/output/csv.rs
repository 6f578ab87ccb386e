//! CSV: `rank,tied,id,name,total,<competency ids in rubric order>,meets_requirements,requirements,core`,
//! with formula cells neutralised. `requirements` is the worst requirement status (`met`,
//! `not_documented`, `not_met`); `core` is `documented`, `not_documented`, or empty when the rubric has
//! no `[core]`. Blind output drops the name column. With several rubrics, a leading `rubric`
//! column, and the competency columns of all rubrics (empty where a rubric lacks one).
//!
//! The rows are built once ([`rows`]) as typed cells and written three ways: plain CSV (`,`,
//! decimal point, UTF-8 without BOM, LF), CSV as Danish Excel opens it ([`render_danish`]: `;`,
//! decimal comma, UTF-8 with BOM, CRLF), and a workbook (`super::xlsx`).

use std::io::{self, Write};

use super::{View, neutralise, number};
use crate::score::core_name;

/// A cell of the ranking table.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    /// Text: a header, an id, a name, a rubric id.
    Text(String),
    /// A count (the rank).
    Count(usize),
    /// A score or total, unrounded.
    Number(f64),
    /// A flag (tied, meets requirements).
    Flag(bool),
}

/// The header and every shown row, in rank order (rubric by rubric), handed to `f` one by one.
pub(super) fn rows(view: &View<'_>, f: &mut dyn FnMut(Vec<Cell>) -> io::Result<()>) -> io::Result<()> {
    let mut competencies: Vec<&str> = Vec::new();
    for index in 0..view.session.runs.len() {
        for c in &view.rubric(index).rubric.competencies {
            if !competencies.contains(&c.id.as_str()) {
                competencies.push(&c.id);
            }
        }
    }
    let mut header: Vec<&str> = Vec::new();
    if view.multi() {
        header.push("rubric");
    }
    header.extend(["rank", "tied", "id"]);
    if !view.blind {
        header.push("name");
    }
    header.push("total");
    header.extend(competencies.iter().copied());
    header.extend(["meets_requirements", "requirements", "core"]);
    f(header.iter().map(|h| Cell::Text(h.to_string())).collect())?;
    for index in 0..view.session.runs.len() {
        let rubric = &view.rubric(index).rubric;
        view.each_row(index, &mut |placement, card| {
            let mut row: Vec<Cell> = Vec::new();
            if view.multi() {
                row.push(Cell::Text(rubric.meta.id.clone()));
            }
            row.extend([Cell::Count(placement.rank), Cell::Flag(placement.tied), Cell::Text(card.id.clone())]);
            if !view.blind {
                row.push(Cell::Text(card.name.clone()));
            }
            row.push(Cell::Number(card.total));
            for id in &competencies {
                let score = rubric.competencies.iter().position(|c| c.id == *id).map(|k| card.scores[k]);
                row.push(score.map_or(Cell::Text(String::new()), Cell::Number));
            }
            row.push(Cell::Flag(card.meets_requirements));
            row.push(Cell::Text(card.requirements_status.name().to_string()));
            row.push(Cell::Text(core_name(card.core).to_string()));
            f(row)
        })?;
    }
    Ok(())
}

fn text(cell: &Cell, decimal_comma: bool) -> String {
    match cell {
        Cell::Text(t) => neutralise(t).into_owned(),
        Cell::Count(n) => n.to_string(),
        Cell::Number(x) if decimal_comma => number(*x).replace('.', ","),
        Cell::Number(x) => number(*x),
        Cell::Flag(b) => b.to_string(),
    }
}

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    rows(view, &mut |row| writer.write_record(row.iter().map(|c| text(c, false))).map_err(io::Error::from))?;
    writer.flush()
}

/// CSV as Danish Excel opens it by double-click: a UTF-8 byte-order mark (so æ, ø and å survive),
/// `;` between fields, a decimal comma, CRLF line ends; formula cells neutralised as in [`render`].
pub(super) fn render_danish(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(out);
    rows(view, &mut |row| writer.write_record(row.iter().map(|c| text(c, true))).map_err(io::Error::from))?;
    writer.flush()
}
