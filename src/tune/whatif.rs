//! What-if: the ranking under the current weights beside the ranking under new ones, with each
//! candidate's move, Kendall's tau-b between the two rankings and how much of the top-k stays.

use super::{Scores, rank_by_index};
use crate::rank::top_len;

/// One candidate before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Index into [`Scores::ids`].
    pub index: usize,
    /// Rank under the current weights.
    pub rank_before: usize,
    /// Rank under the new weights.
    pub rank_after: usize,
    /// Total under the current weights.
    pub total_before: f64,
    /// Total under the new weights.
    pub total_after: f64,
}

impl Move {
    /// Places gained (positive) or lost (negative).
    pub fn places(&self) -> i64 {
        self.rank_before as i64 - self.rank_after as i64
    }
}

/// The comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The weights before.
    pub weights_before: Vec<f64>,
    /// The weights after.
    pub weights_after: Vec<f64>,
    /// Every candidate, in rank order under the new weights.
    pub moves: Vec<Move>,
    /// Kendall's tau-b between the two rankings; `None` when undefined (fewer than two
    /// candidates, or every candidate tied in one ranking).
    pub tau_b: Option<f64>,
    /// How many are in the top-k before (k, plus anyone tied with the k-th).
    pub top_before: usize,
    /// How many of those are still in the top-k after.
    pub top_kept: usize,
}

/// Compares the ranking under `scores.weights` with the ranking under `after`.
pub fn what_if(scores: &Scores, after: &[f64], top: usize) -> WhatIf {
    let before_placements = scores.ranking(&scores.weights);
    let after_placements = scores.ranking(after);
    let ranks_before = rank_by_index(&before_placements);
    let ranks_after = rank_by_index(&after_placements);
    let totals_before = scores.totals(&scores.weights);
    let totals_after = scores.totals(after);
    let moves = after_placements
        .iter()
        .map(|p| Move {
            index: p.index,
            rank_before: ranks_before[p.index],
            rank_after: p.rank,
            total_before: totals_before[p.index],
            total_after: totals_after[p.index],
        })
        .collect();
    let top_before = top_len(&before_placements, top);
    let in_top_after: Vec<bool> = {
        let mut flags = vec![false; scores.len()];
        for p in &after_placements[..top_len(&after_placements, top)] {
            flags[p.index] = true;
        }
        flags
    };
    let top_kept = before_placements[..top_before].iter().filter(|p| in_top_after[p.index]).count();
    WhatIf {
        weights_before: scores.weights.clone(),
        weights_after: after.to_vec(),
        moves,
        tau_b: kendall_tau_b(&ranks_before, &ranks_after),
        top_before,
        top_kept,
    }
}

/// Kendall's tau-b of two rankings of the same items (`x[i]`, `y[i]` are item i's ranks; equal
/// ranks are ties): `(concordant − discordant) / √((n₀ − n₁)(n₀ − n₂))`, where `n₀ = n(n−1)/2`
/// and `n₁`, `n₂` count the pairs tied in `x` and in `y`. Tau-b rather than tau-a because tied
/// candidates share a rank; with no ties the two agree. `None` when the denominator is 0.
///
/// ```
/// use profilmatch::tune::whatif::kendall_tau_b;
/// // One discordant pair (b, c) of three: (2 − 1) / 3.
/// let tau = kendall_tau_b(&[1, 2, 3], &[1, 3, 2]).unwrap();
/// assert!((tau - 1.0 / 3.0).abs() < 1e-12);
/// ```
pub fn kendall_tau_b(x: &[usize], y: &[usize]) -> Option<f64> {
    let n = x.len();
    let (mut concordant, mut discordant, mut tied_x, mut tied_y) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            let dx = (x[i] as i64 - x[j] as i64).signum();
            let dy = (y[i] as i64 - y[j] as i64).signum();
            match (dx, dy) {
                (0, 0) => {
                    tied_x += 1;
                    tied_y += 1;
                }
                (0, _) => tied_x += 1,
                (_, 0) => tied_y += 1,
                _ if dx == dy => concordant += 1,
                _ => discordant += 1,
            }
        }
    }
    let pairs = (n as i64) * (n as i64 - 1) / 2;
    let denominator = (((pairs - tied_x) * (pairs - tied_y)) as f64).sqrt();
    (denominator > 0.0).then(|| (concordant - discordant) as f64 / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tune::tests::scores;

    #[test]
    fn tau_b_with_ties_in_one_ranking() {
        // x = (1,2,3,4), y = (1,1,3,4): pairs (ab) tied in y; the other 5 concordant.
        // n₀ = 6, n₁ = 0, n₂ = 1: tau-b = 5 / √(6·5) = 5/√30 = 0.912871.
        let tau = kendall_tau_b(&[1, 2, 3, 4], &[1, 1, 3, 4]).unwrap();
        assert!((tau - 5.0 / 30f64.sqrt()).abs() < 1e-12);
        assert_eq!(kendall_tau_b(&[1, 2], &[2, 1]), Some(-1.0));
        assert_eq!(kendall_tau_b(&[1, 1], &[1, 2]), None);
    }

    #[test]
    fn weighing_the_second_competency_more_reorders_by_hand() {
        // Weights (1,1) → (1,3).
        // before: a (90+10)/2 = 50, b (60+60)/2 = 60, c (20+70)/2 = 45 → b 1, a 2, c 3.
        // after:  a (90+30)/4 = 30, b (60+180)/4 = 60, c (20+210)/4 = 57.5 → b 1, c 2, a 3.
        let s =
            scores(&[("a", true, &[90.0, 10.0]), ("b", true, &[60.0, 60.0]), ("c", true, &[20.0, 70.0])], &[1.0, 1.0]);
        let w = what_if(&s, &[1.0, 3.0], 2);
        let rows: Vec<(usize, usize, usize, f64, f64)> =
            w.moves.iter().map(|m| (m.index, m.rank_before, m.rank_after, m.total_before, m.total_after)).collect();
        assert_eq!(rows, vec![(1, 1, 1, 60.0, 60.0), (2, 3, 2, 45.0, 57.5), (0, 2, 3, 50.0, 30.0)]);
        assert_eq!(w.moves[1].places(), 1);
        // Pairs: (a,b) concordant (2>1, 3>1), (a,c) discordant, (b,c) concordant: (2 − 1)/3.
        assert!((w.tau_b.unwrap() - 1.0 / 3.0).abs() < 1e-12);
        // Top 2 before {b, a}; after {b, c}: 1 kept.
        assert_eq!((w.top_before, w.top_kept), (2, 1));
    }
}
