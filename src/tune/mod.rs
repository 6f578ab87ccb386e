//! Weight tuning: what the ranking does when the competency weights move.
//!
//! A total is linear in the competency weights, `total = Σ Wₖ·scoreₖ / Σ Wₖ`, so everything here
//! works on the per-competency scores that pass 1 kept ([`Scores`]) and never scores text again:
//! [`whatif`] compares the ranking under two weight vectors, [`stability`](stability::stability)
//! samples weights near the current ones and counts how often each candidate stays in the top-k,
//! [`swaps`] solves exactly for the single weight change that swaps two neighbours, and [`fit`]
//! finds weights that agree with a committee's own judgements. [`render`] prints the results;
//! `profilmatch tune` itself is run by `app::tune` (the `cli` feature). Every ranking follows
//! [`crate::rank::rank`], the rule of `profilmatch score`. The mathematics is written out in
//! `docs/tuning.md`.

pub mod fit;
pub mod render;
pub mod stability;
pub mod swaps;
pub mod whatif;

pub use stability::{StabilityOptions, StabilityResult, stability};

use crate::pipeline::RubricRun;
use crate::rank::{Placement, RankKey, Standing, rank};
use crate::score::RequirementStatus;

/// The per-competency scores of one rubric's candidates, and the weights they are ranked under.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Candidate ids, in input order.
    pub ids: Vec<String>,
    /// Whether each candidate has no requirement *not met* (one that is only not documented
    /// does not move a candidate).
    pub meets_requirements: Vec<bool>,
    /// The rubric's core gate, when it has `[core]`: a candidate's standing then depends on the
    /// weights of the core competencies, and is worked out for each weight vector.
    pub core: Option<CoreGate>,
    /// Competency ids, in rubric order.
    pub competencies: Vec<String>,
    /// Scores, one row per candidate, one column per competency (row-major, `ids.len() × competencies.len()`).
    pub scores: Vec<f64>,
    /// The current competency weights (the rubric's, or `--weight`'s).
    pub weights: Vec<f64>,
}

/// `[core]` as tuning needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreGate {
    /// Per competency, whether it is core.
    pub mask: Vec<bool>,
    /// `[core] min_score`.
    pub min_score: f64,
}

impl Scores {
    /// Builds the matrix from rows of scores; every row must have one score per competency.
    ///
    /// ```
    /// use profilmatch::tune::Scores;
    /// let s = Scores::new(
    ///     vec![("a".into(), true, vec![80.0, 20.0]), ("b".into(), true, vec![40.0, 60.0])],
    ///     vec!["x".into(), "y".into()],
    ///     vec![3.0, 1.0],
    /// );
    /// // a: (3·80 + 1·20) / 4 = 65; b: (3·40 + 1·60) / 4 = 45.
    /// assert_eq!(s.totals(&s.weights), vec![65.0, 45.0]);
    /// ```
    pub fn new(rows: Vec<(String, bool, Vec<f64>)>, competencies: Vec<String>, weights: Vec<f64>) -> Scores {
        let mut scores = Scores {
            ids: Vec::new(),
            meets_requirements: Vec::new(),
            core: None,
            competencies,
            scores: Vec::new(),
            weights,
        };
        for (id, meets, row) in rows {
            assert_eq!(row.len(), scores.competencies.len(), "one score per competency");
            scores.ids.push(id);
            scores.meets_requirements.push(meets);
            scores.scores.extend(row);
        }
        scores
    }

    /// The matrix of one rubric's run, scored with `keep_scores`, under `weights`, with the
    /// rubric's core gate when it has one.
    pub fn from_run(
        run: &RubricRun,
        rubric: &crate::rubric::Rubric,
        competencies: Vec<String>,
        weights: Vec<f64>,
    ) -> Scores {
        let rows = run
            .rows
            .iter()
            .map(|r| {
                let not_met = r.summary.requirements == RequirementStatus::NotMet;
                (r.summary.id.to_string(), !not_met, r.summary.scores.to_vec())
            })
            .collect();
        let mut scores = Scores::new(rows, competencies, weights);
        scores.core = rubric.core.as_ref().map(|c| CoreGate { mask: rubric.core_mask(), min_score: c.min_score });
        scores
    }

    /// A candidate's standing under `weights` (see [`crate::rank::Standing`]).
    pub fn standing(&self, index: usize, weights: &[f64]) -> Standing {
        let core = self.core.as_ref().map(|gate| {
            let row = self.row(index).iter().zip(weights).zip(&gate.mask);
            let core = row.filter(|(_, core)| **core).map(|((s, w), _)| (*w, *s));
            crate::rubric::core_reached(crate::rubric::core_score(core), gate.min_score)
        });
        Standing::of(!self.meets_requirements[index], core)
    }

    /// How many candidates.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no candidates.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many competencies.
    pub fn width(&self) -> usize {
        self.competencies.len()
    }

    /// One candidate's competency scores.
    pub fn row(&self, index: usize) -> &[f64] {
        let m = self.width();
        &self.scores[index * m..(index + 1) * m]
    }

    /// One candidate's total under `weights`: `Σ Wₖ·scoreₖ / Σ Wₖ`, by the formula `profilmatch
    /// score` uses ([`crate::rubric::weighted_score`]), so that the totals agree to the bit.
    pub fn total(&self, index: usize, weights: &[f64]) -> f64 {
        crate::rubric::weighted_score(weights.iter().copied().zip(self.row(index).iter().copied()))
    }

    /// Every candidate's total under `weights`, in input order.
    pub fn totals(&self, weights: &[f64]) -> Vec<f64> {
        (0..self.len()).map(|i| self.total(i, weights)).collect()
    }

    /// The ranking under `weights`, by the rule of `profilmatch score` ([`crate::rank::rank`]).
    pub fn ranking(&self, weights: &[f64]) -> Vec<Placement> {
        let totals = self.totals(weights);
        let keys: Vec<RankKey<'_>> = (0..self.len())
            .map(|i| RankKey { standing: self.standing(i, weights), total: totals[i], id: &self.ids[i] })
            .collect();
        rank(&keys)
    }
}

/// Each candidate's rank, by input index, from a ranking in rank order.
pub fn rank_by_index(placements: &[Placement]) -> Vec<usize> {
    let mut ranks = vec![0; placements.len()];
    for p in placements {
        ranks[p.index] = p.rank;
    }
    ranks
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A matrix built by hand: `(id, meets, scores)` rows.
    pub(crate) fn scores(rows: &[(&str, bool, &[f64])], weights: &[f64]) -> Scores {
        let competencies = (0..weights.len()).map(|k| format!("c{}", k + 1)).collect();
        let rows = rows.iter().map(|(id, meets, s)| (id.to_string(), *meets, s.to_vec())).collect();
        Scores::new(rows, competencies, weights.to_vec())
    }

    #[test]
    fn the_core_gate_is_decided_under_each_weight_vector() {
        // c1 and c2 are core (min_score 50), g is not. a = (40, 70, 100), b = (60, 20, 0).
        // Weights (1, 1, 8): a's core (40 + 70)/2 = 55, documented, total (40 + 70 + 800)/10 = 91;
        // b's core (60 + 20)/2 = 40, not documented, total 80/10 = 8 → a 1, b 2.
        // Weights (9, 1, 8): a's core (360 + 70)/10 = 43 < 50, not documented, total
        // (360 + 70 + 800)/18 = 68.333333; b's core (540 + 20)/10 = 56, documented, total
        // 560/18 = 31.111111 → b 1, a 2 despite a's higher total.
        let mut s = scores(&[("a", true, &[40.0, 70.0, 100.0]), ("b", true, &[60.0, 20.0, 0.0])], &[1.0, 1.0, 8.0]);
        s.core = Some(CoreGate { mask: vec![true, true, false], min_score: 50.0 });
        assert_eq!(s.standing(0, &[1.0, 1.0, 8.0]), Standing::Qualified);
        assert_eq!(s.standing(1, &[1.0, 1.0, 8.0]), Standing::CoreNotDocumented);
        assert_eq!(rank_by_index(&s.ranking(&[1.0, 1.0, 8.0])), vec![1, 2]);
        assert_eq!(s.standing(0, &[9.0, 1.0, 8.0]), Standing::CoreNotDocumented);
        assert_eq!(s.standing(1, &[9.0, 1.0, 8.0]), Standing::Qualified);
        assert_eq!(rank_by_index(&s.ranking(&[9.0, 1.0, 8.0])), vec![2, 1]);
        // A requirement not met is last whatever the core: b fails one now.
        s.meets_requirements[1] = false;
        assert_eq!(rank_by_index(&s.ranking(&[9.0, 1.0, 8.0])), vec![1, 2]);
    }

    #[test]
    fn ranking_puts_requirement_failures_last_whatever_their_total() {
        // a: (1·90 + 1·90)/2 = 90 but fails; b: 50; c: (1·60 + 1·40)/2 = 50 → b, c tie at rank 1.
        let s =
            scores(&[("a", false, &[90.0, 90.0]), ("b", true, &[50.0, 50.0]), ("c", true, &[60.0, 40.0])], &[1.0, 1.0]);
        assert_eq!(rank_by_index(&s.ranking(&s.weights)), vec![3, 1, 1]);
    }
}
