//! CSV: `rank,tied,id,name,total,<competency ids in rubric order>,meets_requirements`, with formula
//! cells neutralised. Blind output drops the name column.

use std::io::{self, Write};

use super::{View, neutralise, number};

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let competencies = &view.run.rubric.rubric.competencies;
    let mut header: Vec<&str> = vec!["rank", "tied", "id"];
    if !view.blind {
        header.push("name");
    }
    header.push("total");
    header.extend(competencies.iter().map(|c| c.id.as_str()));
    header.push("meets_requirements");
    writer.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
    for (placement, card) in view.ranked() {
        let mut row: Vec<String> = vec![
            placement.rank.to_string(),
            placement.tied.to_string(),
            neutralise(&card.id).into(),
        ];
        if !view.blind {
            row.push(neutralise(&card.name).into());
        }
        row.push(number(card.total));
        row.extend(card.competencies.iter().map(|c| number(c.score)));
        row.push(card.meets_requirements.to_string());
        writer.write_record(&row)?;
    }
    writer.flush()
}
