//! `profilmatch tune` output: an aligned text table or JSON, for each section that was asked for.
//! Pure functions of a [`Report`], so they are easy to test.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Scores;
use super::fit::Fit;
use super::stability::{StabilityOptions, StabilityResult};
use super::swaps::{Outcome, Swap};
use super::whatif::WhatIf;
use crate::output::number;

/// The output formats of `profilmatch tune`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum TuneFormat {
    /// Aligned text tables.
    Table,
    /// One JSON object with a member per section.
    Json,
}

/// Everything `profilmatch tune` computed; the sections not asked for are `None`.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The candidates' scores, under the rubric's weights.
    pub scores: &'a Scores,
    /// k of top-k.
    pub top: usize,
    /// `--weight`: the comparison.
    pub what_if: Option<WhatIf>,
    /// `--stability`: the options and results.
    pub stability: Option<(StabilityOptions, Vec<StabilityResult>)>,
    /// `--swaps`.
    pub swaps: Option<Vec<Swap>>,
    /// `--fit`: the judgements file's name, the fit, and the ranking change it causes.
    pub fit: Option<(String, Fit, WhatIf)>,
}

impl Report<'_> {
    /// Renders in `format`.
    pub fn render(&self, format: TuneFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            TuneFormat::Table => self.table(out),
            TuneFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &self.json())?;
                writeln!(out)
            }
        }
    }

    fn id(&self, index: usize) -> &str {
        &self.scores.ids[index]
    }

    /// An id as the text tables show it: inert (see [`crate::inert`]), so that an id cannot drive
    /// the terminal; JSON keeps it as it is.
    fn shown_id(&self, index: usize) -> String {
        crate::inert::inert(&self.scores.ids[index]).into_owned()
    }

    fn table(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut sections: Vec<String> = Vec::new();
        if let Some(w) = &self.what_if {
            let title = format!("What-if: {}", self.weight_changes(&w.weights_before, &w.weights_after));
            sections.push(self.what_if_table(&title, w));
        }
        if let Some((options, results)) = &self.stability {
            sections.push(self.stability_table(options, results));
        }
        if let Some(swaps) = &self.swaps {
            sections.push(self.swaps_table(swaps));
        }
        if let Some((name, fit, change)) = &self.fit {
            sections.push(self.fit_table(name, fit, change));
        }
        out.write_all(sections.join("\n").as_bytes())
    }

    fn weight_changes(&self, before: &[f64], after: &[f64]) -> String {
        let changed: Vec<String> = self
            .scores
            .competencies
            .iter()
            .zip(before.iter().zip(after))
            .filter(|(_, (b, a))| b != a)
            .map(|(c, (b, a))| format!("{} {} → {}", crate::inert::inert(c), number(*b), number(*a)))
            .collect();
        let sum = |w: &[f64]| number(w.iter().sum());
        let listed = if changed.is_empty() { "no weight changes".to_string() } else { changed.join(", ") };
        format!("{listed} (weights sum {} → {})", sum(before), sum(after))
    }

    fn what_if_table(&self, title: &str, w: &WhatIf) -> String {
        let tau = w.tau_b.map_or("undefined".to_string(), |t| format!("{t:.3}"));
        let mut text = format!(
            "{title}\nKendall's tau-b between the rankings: {tau}; of the top {} before, {} stay in the top {}\n\n",
            w.top_before, w.top_kept, self.top
        );
        let mut rows = vec![cells(&["rank after", "rank before", "move", "id", "total before", "total after"])];
        // The candidates in the top-k before or after, in the order after.
        for m in w.moves.iter().filter(|m| m.rank_after <= w.top_before.max(self.top) || m.rank_before <= w.top_before)
        {
            let places = match m.places() {
                0 => "=".to_string(),
                p if p > 0 => format!("↑{p}"),
                p => format!("↓{}", -p),
            };
            rows.push(vec![
                m.rank_after.to_string(),
                m.rank_before.to_string(),
                places,
                self.shown_id(m.index).to_string(),
                format!("{:.2}", m.total_before),
                format!("{:.2}", m.total_after),
            ]);
        }
        text.push_str(&aligned(&rows, &[0, 1, 4, 5]));
        text
    }

    fn stability_table(&self, options: &StabilityOptions, results: &[StabilityResult]) -> String {
        let mut text = format!(
            "Stability of the top {}: {} weight samples from a Dirichlet centred on the current weights \
             (spread {}%, seed {}); share in the top {} with its 95% Wilson interval, rank range 5th–95th percentile\n\n",
            options.top,
            options.samples,
            number(options.spread),
            options.seed,
            options.top
        );
        let mut rows = vec![cells(&["rank", "id", "in top", "95% interval", "rank range"])];
        for r in results.iter().filter(|r| r.share > 0.0 || r.rank_p5.is_some()) {
            let range = match (r.rank_p5, r.rank_p95) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                _ => String::new(),
            };
            rows.push(vec![
                r.rank.to_string(),
                self.shown_id(r.index).to_string(),
                percent(r.share),
                format!("{}–{}", percent(r.low), percent(r.high)),
                range,
            ]);
        }
        text.push_str(&aligned(&rows, &[0, 2]));
        text
    }

    fn swaps_table(&self, swaps: &[Swap]) -> String {
        let mut text = format!(
            "Swap points in the top {}: for each pair of neighbours, the one competency weight that, changed the least \
             (the others fixed), levels their totals; past it the lower one is ahead\n\n",
            self.top
        );
        let mut rows = vec![cells(&["ranks", "above", "below", "gap", "competency", "weight now", "level at"])];
        for s in swaps {
            let mut row = vec![
                format!("{}–{}{}", s.ranks.0, s.ranks.1, if s.at_cut { " (cut)" } else { "" }),
                self.shown_id(s.above).to_string(),
                self.shown_id(s.below).to_string(),
                format!("{:.2}", s.gap),
            ];
            match &s.outcome {
                Outcome::Weight { competency, from, to } => {
                    row.extend([
                        crate::inert::inert(&self.scores.competencies[*competency]).into_owned(),
                        number(*from),
                        format!("{to:.3}"),
                    ]);
                }
                Outcome::Tied => row.push("already tied".into()),
                Outcome::Never => row.push("no single weight change swaps them".into()),
                Outcome::Requirement => row.push(format!(
                    "{} is ranked in a later group (a requirement not met, or the core area not documented): never ahead",
                    self.shown_id(s.below)
                )),
            }
            rows.push(row);
        }
        text.push_str(&aligned(&rows, &[3, 5, 6]));
        text
    }

    fn fit_table(&self, name: &str, fit: &Fit, change: &WhatIf) -> String {
        let name = crate::inert::inert(name);
        let mut text = format!(
            "Fit to {name}: {} judgements; the current weights agree with {} of {}, the fitted weights with {} of {}\n",
            fit.judgements, fit.agree_before, fit.judgements, fit.agree_after, fit.judgements
        );
        if fit.underdetermined {
            text.push_str(&format!(
                "Note: {} judgements for {} competencies cannot pin the weights down; these are only the weights nearest the \
                 current ones that agree as well as any.\n",
                fit.judgements,
                self.scores.width()
            ));
        }
        if fit.decided_by_requirements > 0 {
            text.push_str(&format!(
                "{} judgement(s) put a candidate who fails a requirement ahead of one who meets them: no weights can agree.\n",
                fit.decided_by_requirements
            ));
        }
        text.push('\n');
        let mut rows = vec![cells(&["competency", "weight before", "weight after"])];
        for (k, c) in self.scores.competencies.iter().enumerate() {
            rows.push(vec![crate::inert::inert(c).into_owned(), number(fit.before[k]), number(fit.after[k])]);
        }
        text.push_str(&aligned(&rows, &[1, 2]));
        for j in &fit.disagreements {
            text.push_str(&format!(
                "still contradicted: {} better than {} ({name}:{})\n",
                self.shown_id(j.better),
                self.shown_id(j.worse),
                j.line
            ));
        }
        text.push('\n');
        text.push_str(&self.what_if_table("The ranking under the fitted weights:", change));
        text
    }

    fn json(&self) -> Value {
        let mut object = serde_json::Map::new();
        object.insert("competencies".into(), json!(self.scores.competencies));
        object.insert("weights".into(), json!(self.scores.weights));
        object.insert("top".into(), json!(self.top));
        if let Some(w) = &self.what_if {
            object.insert("what_if".into(), self.what_if_json(w));
        }
        if let Some((options, results)) = &self.stability {
            let candidates: Vec<Value> = results
                .iter()
                .filter(|r| r.share > 0.0 || r.rank_p5.is_some())
                .map(|r| {
                    json!({"id": self.id(r.index), "rank": r.rank, "share": r.share, "low": r.low, "high": r.high,
                        "rank_p5": r.rank_p5, "rank_p95": r.rank_p95})
                })
                .collect();
            object.insert(
                "stability".into(),
                json!({"samples": options.samples, "spread_percent": options.spread, "seed": options.seed,
                    "interval": "95% Wilson score", "candidates": candidates}),
            );
        }
        if let Some(swaps) = &self.swaps {
            let pairs: Vec<Value> = swaps.iter().map(|s| self.swap_json(s)).collect();
            object.insert("swaps".into(), json!(pairs));
        }
        if let Some((name, fit, change)) = &self.fit {
            let contradicted: Vec<Value> = fit
                .disagreements
                .iter()
                .map(|j| json!({"better": self.id(j.better), "worse": self.id(j.worse), "line": j.line}))
                .collect();
            object.insert(
                "fit".into(),
                json!({"judgements_file": name, "judgements": fit.judgements, "agree_before": fit.agree_before,
                    "agree_after": fit.agree_after, "weights_before": fit.before, "weights_after": fit.after,
                    "underdetermined": fit.underdetermined, "decided_by_requirements": fit.decided_by_requirements,
                    "contradicted": contradicted, "ranking_change": self.what_if_json(change)}),
            );
        }
        Value::Object(object)
    }

    fn what_if_json(&self, w: &WhatIf) -> Value {
        let moves: Vec<Value> = w
            .moves
            .iter()
            .map(|m| {
                json!({"id": self.id(m.index), "rank_before": m.rank_before, "rank_after": m.rank_after,
                    "total_before": m.total_before, "total_after": m.total_after})
            })
            .collect();
        json!({"weights_before": w.weights_before, "weights_after": w.weights_after, "kendall_tau_b": w.tau_b, "top_before": w.top_before,
            "top_kept": w.top_kept, "candidates": moves})
    }

    fn swap_json(&self, s: &Swap) -> Value {
        let (outcome, competency, from, to) = match &s.outcome {
            Outcome::Weight { competency, from, to } => {
                ("weight", Some(self.scores.competencies[*competency].as_str()), Some(*from), Some(*to))
            }
            Outcome::Tied => ("tied", None, None, None),
            Outcome::Never => ("no single weight change swaps them", None, None, None),
            Outcome::Requirement => ("requirement", None, None, None),
        };
        json!({"above": self.id(s.above), "below": self.id(s.below), "ranks": [s.ranks.0, s.ranks.1], "gap": s.gap,
            "at_cut": s.at_cut, "outcome": outcome, "competency": competency, "weight_now": from, "level_at": to})
    }
}

fn cells(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn percent(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

/// Columns padded to their widest cell, the `right` ones right-aligned. The last cell of a short
/// row (a remark in place of several columns) runs on and does not widen its column.
fn aligned(rows: &[Vec<String>], right: &[usize]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |c: usize| {
        rows.iter()
            .filter(|r| r.len() == columns || c + 1 < r.len())
            .filter_map(|r| r.get(c))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut text = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c].saturating_sub(cell.chars().count()));
                let remark = c + 1 == row.len() && row.len() < columns;
                if right.contains(&c) && !remark { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
            })
            .collect();
        text.push_str(line.join("  ").trim_end());
        text.push('\n');
    }
    text
}
