//! CSV: `rank,tied,id,name,total,<competency ids in rubric order>,meets_requirements,requirements,core`,
//! with formula cells neutralised. `requirements` is the worst requirement status (`met`,
//! `not_documented`, `not_met`); `core` is `documented`, `not_documented`, or empty when the rubric has
//! no `[core]`. Blind output drops the name column. With several rubrics, a leading `rubric`
//! column, and the competency columns of all rubrics (empty where a rubric lacks one).

use std::io::{self, Write};

use super::{View, neutralise, number};
use crate::score::core_name;

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
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
    writer.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
    for index in 0..view.session.runs.len() {
        let rubric = &view.rubric(index).rubric;
        view.each_row(index, &mut |placement, card| {
            let mut row: Vec<String> = Vec::new();
            if view.multi() {
                row.push(neutralise(&rubric.meta.id).into());
            }
            row.extend([placement.rank.to_string(), placement.tied.to_string(), neutralise(&card.id).into()]);
            if !view.blind {
                row.push(neutralise(&card.name).into());
            }
            row.push(number(card.total));
            for id in &competencies {
                let score = rubric.competencies.iter().position(|c| c.id == *id).map(|k| card.scores[k]);
                row.push(score.map(number).unwrap_or_default());
            }
            row.push(card.meets_requirements.to_string());
            row.push(card.requirements_status.name().to_string());
            row.push(core_name(card.core).to_string());
            writer.write_record(&row)?;
            Ok(())
        })?;
    }
    writer.flush()
}
