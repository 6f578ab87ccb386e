//! The candidate × position matrix: one row per scored applicant, one column per rubric with the
//! total (`*` after it when the applicant is not in the rubric's first ranking group: a requirement
//! not met, or the core area not documented), and each applicant's best-fitting position: the
//! rubric with the highest rounded total among those where it is in the first group (or among all,
//! when it is in none), ties to the rubric given first. Rows are ordered by best total, then id;
//! `--top N` keeps the first N and everyone tied with the N-th. The matrix is CSV on every output.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{View, neutralise, number};
use crate::rank::round6;

/// Per rubric: the rounded total and whether in the first ranking group (`None`: not scored by it).
type Totals = Vec<Option<(f64, bool)>>;

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rubrics = view.session.runs.len();
    // Rows are joined across rubrics by the line their record starts on (each rubric may name its
    // own id column); the id shown is the first rubric's.
    let mut rows: BTreeMap<u64, (String, Totals)> = BTreeMap::new();
    for (index, run) in view.session.runs.iter().enumerate() {
        for row in &run.rows {
            let entry = rows.entry(row.line).or_insert_with(|| (row.summary.id.to_string(), vec![None; rubrics]));
            let first_group = row.summary.standing() == crate::rank::Standing::Qualified;
            entry.1[index] = Some((round6(row.summary.total), first_group));
        }
    }
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec!["id".to_string()];
    header.extend((0..rubrics).map(|i| view.rubric(i).rubric.meta.id.clone()));
    header.extend(["best_position".to_string(), "best_total".to_string()]);
    // Rubric ids are text a spreadsheet would run as a formula, like any other cell.
    writer.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
    let mut table: Vec<(String, Totals, Option<usize>)> = rows
        .into_values()
        .map(|(id, totals)| {
            let best = best(&totals);
            (id, totals, best)
        })
        .collect();
    // Best total descending, then id ascending (bytes), like every ranking.
    table.sort_by(|a, b| {
        let total = |t: &(String, Totals, Option<usize>)| t.2.and_then(|i| t.1[i]).map_or(f64::MIN, |x| x.0);
        total(b).total_cmp(&total(a)).then_with(|| a.0.as_bytes().cmp(b.0.as_bytes()))
    });
    let best_total = |t: &(String, Totals, Option<usize>)| t.2.and_then(|i| t.1[i]).map(|x| x.0);
    let shown = match view.top {
        // The first N, and everyone whose best total ties with the N-th.
        Some(n) if n < table.len() => {
            n + table[n..].iter().take_while(|t| best_total(t) == best_total(&table[n - 1])).count()
        }
        _ => table.len(),
    };
    table.truncate(shown);
    for (id, totals, best) in table {
        let mut record = vec![neutralise(&id).into_owned()];
        record.extend(totals.iter().map(|t| match t {
            Some((total, true)) => number(*total),
            Some((total, false)) => format!("{}*", number(*total)),
            None => String::new(),
        }));
        record.push(best.map(|i| neutralise(&view.rubric(i).rubric.meta.id).into_owned()).unwrap_or_default());
        record.push(best.and_then(|i| totals[i]).map(|t| number(t.0)).unwrap_or_default());
        writer.write_record(&record)?;
    }
    writer.flush()
}

fn best(totals: &[Option<(f64, bool)>]) -> Option<usize> {
    let any_met = totals.iter().flatten().any(|t| t.1);
    let mut best: Option<usize> = None;
    for (i, t) in totals.iter().enumerate() {
        let Some((total, met)) = t else { continue };
        if any_met && !met {
            continue;
        }
        if best.and_then(|b| totals[b]).is_none_or(|(b, _)| *total > b) {
            best = Some(i);
        }
    }
    best
}
