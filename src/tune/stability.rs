//! Rank stability: how often each candidate stays in the top-k when the weights wander around
//! the current ones.
//!
//! Weight shares are drawn from a Dirichlet distribution centred on the current shares `w`
//! (weights divided by their sum) with concentration `α = c·w`, so that `E[wᵢ] = wᵢ` and
//! `Var(wᵢ) = wᵢ(1 − wᵢ)/(c + 1)`. `--spread s` (percent) picks `c` so that a competency of
//! average share `1/m` (`m` competencies with weight > 0) has coefficient of variation
//! `sd/mean = s`: `s² = (1 − 1/m)/((1/m)(c + 1))`, so `c = (m − 1)/s² − 1`. A competency of
//! share `wᵢ` then has `sd/mean = s·√((1 − wᵢ)/(wᵢ(m − 1)))`: heavy weights wander relatively
//! less, light ones more, and every sample still sums to 1. Competencies of weight 0 stay at 0.
//!
//! Samples are drawn in fixed blocks of [`BLOCK`], each with its own generator seeded from the
//! seed and the block number, so the figures depend on the seed alone, not on the thread count.
//! Per sample: the weighted sums, then `select_nth_unstable_by` for the k-th largest key (no full
//! sort); the top-k is everyone whose key reaches it, so ties at the cut are in, as with `--top`.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Gamma};
use rayon::prelude::*;

use super::Scores;
use crate::rank::{Standing, round6, top_len};

/// Samples per block: each block has its own generator, so results do not depend on threads.
pub const BLOCK: usize = 64;
/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// What to sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StabilityOptions {
    /// The k of top-k (ties with the k-th are in, as with `--top`).
    pub top: usize,
    /// How far the weights wander, in percent: the coefficient of variation (sd/mean) of a
    /// competency of average weight share. 0 keeps the weights fixed.
    pub spread: f64,
    /// How many weight vectors to draw.
    pub samples: usize,
    /// The seed; the same seed gives the same figures.
    pub seed: u64,
}

/// One candidate's stability.
#[derive(Debug, Clone, PartialEq)]
pub struct StabilityResult {
    /// Index into [`Scores::ids`].
    pub index: usize,
    /// Rank under the current weights.
    pub rank: usize,
    /// Share of samples in which the candidate is in the top-k.
    pub share: f64,
    /// Lower end of the 95% Wilson score interval for the share.
    pub low: f64,
    /// Upper end of the 95% Wilson score interval for the share.
    pub high: f64,
    /// 5th percentile of the candidate's rank over the samples (for the candidates in the current
    /// top-k only; nearest-rank percentile).
    pub rank_p5: Option<usize>,
    /// 95th percentile of the rank (nearest-rank), for the current top-k only.
    pub rank_p95: Option<usize>,
}

/// Every candidate's share of samples in the top-k, in the current rank order.
///
/// ```
/// use profilmatch::tune::{Scores, StabilityOptions, stability};
/// let s = Scores::new(
///     vec![("a".into(), true, vec![90.0, 90.0]), ("b".into(), true, vec![10.0, 10.0])],
///     vec!["x".into(), "y".into()],
///     vec![1.0, 1.0],
/// );
/// let r = stability(&s, &StabilityOptions { top: 1, spread: 20.0, samples: 100, seed: 7 });
/// assert_eq!((r[0].index, r[0].share, r[1].share), (0, 1.0, 0.0));
/// ```
pub fn stability(scores: &Scores, options: &StabilityOptions) -> Vec<StabilityResult> {
    let placements = scores.ranking(&scores.weights);
    let shown: Vec<usize> = placements[..top_len(&placements, options.top)].iter().map(|p| p.index).collect();
    let sampler = Sampler::new(scores, options);
    let blocks = options.samples.div_ceil(BLOCK);
    let results: Vec<BlockResult> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let len = BLOCK.min(options.samples - b * BLOCK);
            sampler.block(b as u64, len, &shown)
        })
        .collect();
    let mut counts = vec![0u64; scores.len()];
    let mut ranks: Vec<Vec<u32>> = vec![Vec::with_capacity(options.samples); shown.len()];
    for block in results {
        for (total, c) in counts.iter_mut().zip(&block.counts) {
            *total += u64::from(*c);
        }
        for (all, some) in ranks.iter_mut().zip(block.ranks) {
            all.extend(some);
        }
    }
    placements
        .iter()
        .map(|p| {
            let (low, high) = wilson(counts[p.index], options.samples as u64);
            let percentiles = shown.iter().position(|&i| i == p.index).map(|s| {
                let sorted = &mut ranks[s];
                sorted.sort_unstable();
                (percentile(sorted, 5.0), percentile(sorted, 95.0))
            });
            StabilityResult {
                index: p.index,
                rank: p.rank,
                share: if options.samples == 0 { 0.0 } else { counts[p.index] as f64 / options.samples as f64 },
                low,
                high,
                rank_p5: percentiles.and_then(|p| p.0),
                rank_p95: percentiles.and_then(|p| p.1),
            }
        })
        .collect()
}

/// The Dirichlet concentration `c` for a spread in percent over `m` weighted competencies:
/// `c = (m − 1)/s² − 1`, kept above a small floor so that every `αᵢ` stays positive.
pub fn concentration(spread_percent: f64, m: usize) -> f64 {
    let s = spread_percent / 100.0;
    ((m as f64 - 1.0) / (s * s) - 1.0).max(1e-3)
}

/// The 95% Wilson score interval for `successes` of `trials`.
pub fn wilson(successes: u64, trials: u64) -> (f64, f64) {
    if trials == 0 {
        return (0.0, 1.0);
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let centre = p + z2 / (2.0 * n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let scale = 1.0 + z2 / n;
    (((centre - half) / scale).max(0.0), ((centre + half) / scale).min(1.0))
}

/// The nearest-rank percentile of sorted values: the value at position ⌈p/100 · N⌉.
fn percentile(sorted: &[u32], p: f64) -> Option<usize> {
    let n = sorted.len();
    let position = ((p / 100.0 * n as f64).ceil() as usize).clamp(1, n.max(1));
    sorted.get(position - 1).map(|&r| r as usize)
}

struct BlockResult {
    counts: Vec<u32>,
    ranks: Vec<Vec<u32>>,
}

/// The sampling set-up shared by the blocks: scores by column, the Gamma distributions.
///
/// Candidates are reordered by standing ([`crate::rank::Standing`], under the current weights):
/// the groups lie at `groups` (consecutive ranges of positions). The top-k takes whole groups while
/// they fit and selects within the group that decides the cut. So the groups come first without
/// any key arithmetic, and rounding is applied exactly as in ranking. A rubric's core gate is held
/// at the current weights while the samples move them (docs/tuning.md).
struct Sampler {
    /// `order[p]`: the candidate at position p (by standing, input order within each group).
    order: Vec<usize>,
    /// Position of each candidate.
    position: Vec<usize>,
    /// The groups' position ranges, first group first (empty groups left out).
    groups: Vec<(usize, usize)>,
    /// Columns of the competencies with weight > 0, in `order` (competency-major, so sums vectorise).
    columns: Vec<Vec<f64>>,
    /// Their current shares.
    shares: Vec<f64>,
    /// Gamma(c·wᵢ, 1) per column; `None` when the weights stay fixed.
    gammas: Option<Vec<Gamma<f64>>>,
    top: usize,
    seed: u64,
}

impl Sampler {
    fn new(scores: &Scores, options: &StabilityOptions) -> Sampler {
        let standings: Vec<Standing> = (0..scores.len()).map(|i| scores.standing(i, &scores.weights)).collect();
        let mut order: Vec<usize> = (0..scores.len()).collect();
        // A stable sort: input order within each group.
        order.sort_by_key(|&i| standings[i]);
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for (p, &i) in order.iter().enumerate() {
            match groups.last_mut() {
                Some(last) if standings[order[last.0]] == standings[i] => last.1 = p + 1,
                _ => groups.push((p, p + 1)),
            }
        }
        let mut position = vec![0; scores.len()];
        for (p, &i) in order.iter().enumerate() {
            position[i] = p;
        }
        let sum: f64 = scores.weights.iter().sum();
        let used: Vec<usize> = (0..scores.width()).filter(|&k| scores.weights[k] > 0.0).collect();
        let columns = used.iter().map(|&k| order.iter().map(|&i| scores.row(i)[k]).collect()).collect();
        let shares: Vec<f64> = used.iter().map(|&k| scores.weights[k] / sum).collect();
        let c = concentration(options.spread, used.len());
        let gammas = (options.spread > 0.0 && used.len() > 1)
            .then(|| shares.iter().map(|&w| Gamma::new(c * w, 1.0)).collect::<Result<Vec<_>, _>>().ok())
            .flatten();
        Sampler { order, position, groups, columns, shares, gammas, top: options.top, seed: options.seed }
    }

    fn block(&self, block: u64, len: usize, shown: &[usize]) -> BlockResult {
        let n = self.order.len();
        let shown: Vec<usize> = shown.iter().map(|&i| self.position[i]).collect();
        let mut rng = StdRng::seed_from_u64(mix(self.seed, block));
        let mut weights = self.shares.clone();
        let mut totals = vec![0.0; n];
        let mut selection = Vec::with_capacity(n);
        let mut counts = vec![0u32; n];
        let mut ranks = vec![Vec::with_capacity(len); shown.len()];
        let mut sample_ranks = vec![0; shown.len()];
        for _ in 0..len {
            self.draw(&mut rng, &mut weights);
            self.totals(&weights, &mut totals);
            self.count_top(&totals, &mut selection, &mut counts);
            self.ranks(&totals, &shown, &mut sample_ranks);
            for (r, &rank) in ranks.iter_mut().zip(&sample_ranks) {
                r.push(rank);
            }
        }
        let mut by_index = vec![0u32; n];
        for (p, &i) in self.order.iter().enumerate() {
            by_index[i] = counts[p];
        }
        BlockResult { counts: by_index, ranks }
    }

    /// Draws a Dirichlet sample by normalising independent Gamma draws.
    fn draw(&self, rng: &mut StdRng, weights: &mut [f64]) {
        let Some(gammas) = &self.gammas else { return };
        for (w, gamma) in weights.iter_mut().zip(gammas) {
            *w = gamma.sample(rng);
        }
        let sum: f64 = weights.iter().sum();
        if sum > 0.0 && sum.is_finite() {
            weights.iter_mut().for_each(|w| *w /= sum);
        } else {
            // Every draw underflowed (only with an extreme spread): keep the current shares.
            weights.copy_from_slice(&self.shares);
        }
    }

    /// Every candidate's unrounded total under one sample's weight shares (they add up to 1),
    /// column by column. Not [`crate::rubric::weighted_score`], the one formula for every total
    /// shown: these totals only decide places (the top-k share and the rank ranges) and are never
    /// shown, and a column loop over shares already divided is what keeps 100,000 samples cheap
    /// (`benches/stability.rs`).
    fn totals(&self, weights: &[f64], totals: &mut [f64]) {
        totals.iter_mut().for_each(|t| *t = 0.0);
        for (column, &w) in self.columns.iter().zip(weights) {
            for (t, s) in totals.iter_mut().zip(column) {
                *t += w * s;
            }
        }
    }

    /// Adds 1 to the count of everyone in this sample's top-k: the k-th largest total of the
    /// group that decides the cut, by partial selection, and everyone whose rounded total reaches
    /// its rounded value (ties at the cut are in). Rounding only matters within 10⁻⁶ of the cut,
    /// so it is computed only there.
    fn count_top(&self, totals: &[f64], selection: &mut Vec<f64>, counts: &mut [u32]) {
        let n = totals.len();
        if self.top >= n {
            counts.iter_mut().for_each(|c| *c += 1);
            return;
        }
        // The group that decides the cut: the first whose end reaches k.
        let Some(&(start, end)) = self.groups.iter().find(|g| g.1 >= self.top) else {
            return;
        };
        let need = self.top - start;
        counts[..start].iter_mut().for_each(|c| *c += 1);
        selection.clear();
        selection.extend_from_slice(&totals[start..end]);
        let (_, kth, _) = selection.select_nth_unstable_by(need - 1, |a, b| b.total_cmp(a));
        let cut = *kth;
        let (rounded_cut, near) = (round6(cut), cut - 2e-6);
        for (c, &t) in counts[start..end].iter_mut().zip(&totals[start..end]) {
            *c += u32::from(t >= cut || t >= near && round6(t) >= rounded_cut);
        }
    }

    /// The ranks of the candidates at positions `shown`: 1 + how many are strictly ahead (a
    /// requirement group ahead, or the same group and a higher rounded total), so ties share a
    /// rank. One pass over each group, rounding only totals that could be ahead of someone shown.
    fn ranks(&self, totals: &[f64], shown: &[usize], ranks: &mut [u32]) {
        for &(start, end) in &self.groups {
            let mine: Vec<(usize, f64)> = shown
                .iter()
                .enumerate()
                .filter(|(_, p)| (start..end).contains(*p))
                .map(|(s, &p)| (s, round6(totals[p])))
                .collect();
            let Some(lowest) = mine.iter().map(|m| m.1).reduce(f64::min) else { continue };
            for (s, _) in &mine {
                ranks[*s] = (start + 1) as u32;
            }
            for &t in totals[start..end].iter().filter(|&&t| t > lowest - 2e-6) {
                let rounded = round6(t);
                for &(s, own) in &mine {
                    ranks[s] += u32::from(rounded > own);
                }
            }
        }
    }
}

/// A block's seed from the run's seed (SplitMix64 finaliser), so that blocks draw independent streams.
fn mix(seed: u64, block: u64) -> u64 {
    let mut z = seed ^ block.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tune::tests::scores;

    fn three() -> Scores {
        // Current totals (weights 1,1): a 60, b 55, c 50, d fails (80).
        scores(
            &[
                ("a", true, &[80.0, 40.0]),
                ("b", true, &[30.0, 80.0]),
                ("c", true, &[50.0, 50.0]),
                ("d", false, &[80.0, 80.0]),
            ],
            &[1.0, 1.0],
        )
    }

    #[test]
    fn concentration_gives_the_spread_to_an_average_weight() {
        // m = 5, s = 20%: c = 4/0.04 − 1 = 99; average share 0.2: Var = 0.2·0.8/100 = 0.0016,
        // sd = 0.04 = 20% of 0.2.
        assert!((concentration(20.0, 5) - 99.0).abs() < 1e-9);
    }

    #[test]
    fn wilson_interval_by_hand() {
        // 5 of 10, z² = 3.8414588: centre (0.5 + 0.1920729)/1.3841459 = 0.5,
        // half = 1.959964·√(0.025 + 0.0096036)/1.3841459 = 1.959964·0.1860206/1.3841459 = 0.2634069
        // → (0.2365931, 0.7634069).
        let (low, high) = wilson(5, 10);
        assert!((low - 0.236_593_1).abs() < 1e-6 && (high - 0.763_406_9).abs() < 1e-6, "{low} {high}");
        assert_eq!(wilson(0, 10).0, 0.0);
    }

    #[test]
    fn zero_spread_keeps_the_current_top() {
        let r = stability(&three(), &StabilityOptions { top: 2, spread: 0.0, samples: 10, seed: 1 });
        let shares: Vec<(usize, f64, Option<usize>)> = r.iter().map(|r| (r.index, r.share, r.rank_p95)).collect();
        assert_eq!(shares, vec![(0, 1.0, Some(1)), (1, 1.0, Some(2)), (2, 0.0, None), (3, 0.0, None)]);
    }

    #[test]
    fn fixed_weights_reproduce_the_ranking_with_ties_and_requirement_groups() {
        // Totals (1,1): a 50, b 50, c 40 fails, d 70 fails, e 30 fails. Ranking: a 1=, b 1=
        // (meet), then d 3, c 4, e 5. Top 3 = a, b and d; top 4 adds c.
        let s = scores(
            &[
                ("a", true, &[40.0, 60.0]),
                ("b", true, &[50.0, 50.0]),
                ("c", false, &[40.0, 40.0]),
                ("d", false, &[70.0, 70.0]),
                ("e", false, &[30.0, 30.0]),
            ],
            &[1.0, 1.0],
        );
        let r = stability(&s, &StabilityOptions { top: 3, spread: 0.0, samples: 5, seed: 1 });
        let got: Vec<(usize, usize, f64, Option<usize>)> =
            r.iter().map(|r| (r.index, r.rank, r.share, r.rank_p5)).collect();
        assert_eq!(
            got,
            vec![
                (0, 1, 1.0, Some(1)),
                (1, 1, 1.0, Some(1)),
                (3, 3, 1.0, Some(3)),
                (2, 4, 0.0, None),
                (4, 5, 0.0, None)
            ]
        );
    }

    #[test]
    fn a_requirement_failure_never_enters_the_top() {
        let r = stability(&three(), &StabilityOptions { top: 3, spread: 80.0, samples: 500, seed: 3 });
        assert_eq!(r.iter().find(|r| r.index == 3).map(|r| r.share), Some(0.0));
        // The top 3 of those who meet the requirements is everyone of them, whatever the weights.
        assert!(r.iter().filter(|r| r.index != 3).all(|r| r.share == 1.0));
    }

    #[test]
    fn the_same_seed_gives_the_same_figures_and_threads_do_not_matter() {
        let options = StabilityOptions { top: 1, spread: 50.0, samples: 1000, seed: 42 };
        let one =
            rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| stability(&three(), &options));
        let two =
            rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap().install(|| stability(&three(), &options));
        assert_eq!(one, two);
        // With spread the lead changes hands: a (80,40) and b (30,80) both win some samples.
        assert!(one[0].share > 0.0 && one[0].share < 1.0 && one[1].share > 0.0, "{one:?}");
        let other = stability(&three(), &StabilityOptions { seed: 43, ..options });
        assert_ne!(one, other);
    }
}
