//! Swap points: for neighbours in the top-k and across its cut, the single competency weight that,
//! changed the least, makes the lower candidate level with the upper one, solved exactly.

use super::Scores;
use crate::rank::top_len;

/// What it takes for `below` to catch up with `above`.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Setting competency `competency`'s weight to `to` (from `from`, the others unchanged) makes
    /// the two totals equal; past it, `below` is ahead.
    Weight {
        /// Index into [`Scores::competencies`].
        competency: usize,
        /// The current weight.
        from: f64,
        /// The weight at which the totals are equal.
        to: f64,
    },
    /// They already share a rank.
    Tied,
    /// No single weight change swaps them (the upper one is at least as good on every competency
    /// that could move, or the weight would have to go below 0).
    Never,
    /// `below` is ranked in a later group than `above` (a requirement not met, or the core area
    /// not documented: [`crate::rank::Standing`]), so no weights put it ahead.
    Requirement,
}

/// A pair of neighbours in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Swap {
    /// The upper candidate (index into [`Scores::ids`]).
    pub above: usize,
    /// The lower candidate.
    pub below: usize,
    /// Their current ranks.
    pub ranks: (usize, usize),
    /// total(above) − total(below) under the current weights.
    pub gap: f64,
    /// Whether this pair straddles the top-k cut.
    pub at_cut: bool,
    /// What it takes.
    pub outcome: Outcome,
}

/// Neighbouring pairs within the top-k (k plus anyone tied with the k-th) and the pair across its
/// cut, each with its smallest single-weight swap.
pub fn swaps(scores: &Scores, top: usize) -> Vec<Swap> {
    let placements = scores.ranking(&scores.weights);
    let shown = top_len(&placements, top);
    let totals = scores.totals(&scores.weights);
    placements
        .windows(2)
        .take(shown.min(placements.len().saturating_sub(1)))
        .enumerate()
        .map(|(i, pair)| {
            let (a, b) = (pair[0], pair[1]);
            let outcome = if a.rank == b.rank {
                Outcome::Tied
            } else if scores.standing(a.index, &scores.weights) != scores.standing(b.index, &scores.weights) {
                Outcome::Requirement
            } else {
                smallest_swap(scores, a.index, b.index)
            };
            Swap {
                above: a.index,
                below: b.index,
                ranks: (a.rank, b.rank),
                gap: totals[a.index] - totals[b.index],
                at_cut: i + 1 == shown,
                outcome,
            }
        })
        .collect()
}

/// The competency whose weight needs the smallest change to level `a` and `b`.
///
/// With competency k's weight set to W′ and the others fixed, let dⱼ = aⱼ − bⱼ, S = Σ_{j≠k} Wⱼ and
/// D = Σ_{j≠k} Wⱼ·dⱼ. Then
///
/// ```text
/// total_a − total_b = (Σ_{j≠k} Wⱼaⱼ + W′aₖ)/(S + W′) − (Σ_{j≠k} Wⱼbⱼ + W′bₖ)/(S + W′)
///                   = (D + W′·dₖ) / (S + W′).
/// ```
///
/// The denominator is positive for every allowed W′ (weights ≥ 0, not all 0), so the sign is the
/// numerator's, which is linear in W′: it is 0 at W′ = −D/dₖ (when dₖ ≠ 0), and that is where the
/// totals are equal. The swap exists when W′ ≥ 0 and S + W′ > 0; the change is |W′ − Wₖ|.
pub fn smallest_swap(scores: &Scores, a: usize, b: usize) -> Outcome {
    let (sa, sb, weights) = (scores.row(a), scores.row(b), &scores.weights);
    let d: Vec<f64> = sa.iter().zip(sb).map(|(x, y)| x - y).collect();
    let mut best: Option<(f64, usize, f64)> = None;
    for k in 0..weights.len() {
        if d[k] == 0.0 {
            continue;
        }
        let others: f64 = (0..weights.len()).filter(|&j| j != k).map(|j| weights[j]).sum();
        let numerator: f64 = (0..weights.len()).filter(|&j| j != k).map(|j| weights[j] * d[j]).sum();
        let level = -numerator / d[k];
        if level < 0.0 || others + level <= 0.0 {
            continue;
        }
        let change = (level - weights[k]).abs();
        if best.is_none_or(|(c, _, _)| change < c) {
            best = Some((change, k, level));
        }
    }
    match best {
        Some((_, competency, to)) => Outcome::Weight { competency, from: weights[competency], to },
        None => Outcome::Never,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tune::tests::scores;

    #[test]
    fn swap_weights_solved_on_paper() {
        // Weights (2, 1). a = (90, 30): (180 + 30)/3 = 70; b = (60, 50): (120 + 50)/3 = 56.667;
        // c = (30, 90): (60 + 90)/3 = 50.
        // (a, b): d = (30, −20). k = 1: D = 1·(−20), W′ = 20/30 = 2/3 (change 4/3);
        //   k = 2: D = 2·30 = 60, W′ = −60/−20 = 3 (change 2). Smallest: c1 2 → 2/3.
        //   Check: (60 + 30)/(5/3) = 54 = (40 + 50)/(5/3).
        // (b, c): d = (30, −40). k = 1: D = −40, W′ = 40/30 = 4/3 (change 2/3);
        //   k = 2: D = 60, W′ = 60/40 = 1.5 (change 0.5). Smallest: c2 1 → 1.5.
        //   Check: (120 + 75)/3.5 = 55.714 = (60 + 135)/3.5.
        let s =
            scores(&[("a", true, &[90.0, 30.0]), ("b", true, &[60.0, 50.0]), ("c", true, &[30.0, 90.0])], &[2.0, 1.0]);
        let found = swaps(&s, 2);
        assert_eq!(found.len(), 2);
        let Outcome::Weight { competency, from, to } = found[0].outcome.clone() else { panic!("{found:?}") };
        assert_eq!((found[0].above, found[0].below, competency, from), (0, 1, 0, 2.0));
        assert!((to - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(found[1].outcome, Outcome::Weight { competency: 1, from: 1.0, to: 1.5 });
        assert!(found[1].at_cut && !found[0].at_cut);
        // Totals really level at the solved weights.
        assert!((s.total(0, &[to, 1.0]) - s.total(1, &[to, 1.0])).abs() < 1e-9);
    }

    #[test]
    fn a_candidate_better_on_everything_cannot_be_overtaken() {
        // d = (10, 10): W′ = −20/10 = −2 for k = 1 and −20/10 for k = 2: both below 0.
        let s = scores(&[("a", true, &[90.0, 30.0]), ("b", true, &[80.0, 20.0])], &[2.0, 1.0]);
        assert_eq!(swaps(&s, 1)[0].outcome, Outcome::Never);
    }

    #[test]
    fn a_requirement_failure_never_overtakes() {
        let s = scores(&[("a", true, &[10.0, 10.0]), ("b", false, &[90.0, 90.0])], &[1.0, 1.0]);
        assert_eq!(swaps(&s, 1)[0].outcome, Outcome::Requirement);
    }
}
