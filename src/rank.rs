//! Ranking: by [`Standing`] (no requirement not met and the core area documented; then core area
//! not documented; then a requirement not met), then rounded total descending, then id ascending
//! (UTF-8 byte order). Equal rounded totals in the same standing tie and share a rank
//! (1, 2, 2, 4). Nothing depends on input order or thread count.

/// The group an applicant is ranked in, first group first (docs/rubric-format.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Standing {
    /// No requirement not met, and the core area documented (or the rubric has no `[core]`).
    /// Requirements that are not documented do not move an applicant.
    #[default]
    Qualified,
    /// No requirement not met, but the core area not documented.
    CoreNotDocumented,
    /// At least one requirement not met, whatever the core area.
    RequirementNotMet,
}

impl Standing {
    /// The standing from whether some requirement is not met (the worst requirement status is
    /// `not_met`; "not documented" does not count) and the core verdict (`None`: no `[core]`).
    pub fn of(requirement_not_met: bool, core: Option<bool>) -> Standing {
        match (requirement_not_met, core) {
            (true, _) => Standing::RequirementNotMet,
            (_, Some(false)) => Standing::CoreNotDocumented,
            _ => Standing::Qualified,
        }
    }
}

/// Rounds to 6 decimals, the precision of every output (and so of ties).
pub fn round6(value: f64) -> f64 {
    let rounded = (value * 1e6).round() / 1e6;
    // Avoid printing "-0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// What ranking needs of an applicant.
#[derive(Debug, Clone, Copy)]
pub struct RankKey<'a> {
    /// The group it is ranked in.
    pub standing: Standing,
    /// The unrounded total.
    pub total: f64,
    /// The id.
    pub id: &'a str,
}

/// An applicant's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Index into the slice that was ranked.
    pub index: usize,
    /// 1-based rank; tied applicants share the rank of the first of them.
    pub rank: usize,
    /// Whether another applicant shares this rank.
    pub tied: bool,
}

/// Ranks applicants; returns them in rank order.
///
/// ```
/// use profilmatch::rank::{rank, RankKey, Standing};
/// let keys = [
///     RankKey { standing: Standing::Qualified, total: 50.0, id: "b" },
///     RankKey { standing: Standing::Qualified, total: 70.0, id: "c" },
///     RankKey { standing: Standing::Qualified, total: 50.0, id: "a" },
///     RankKey { standing: Standing::RequirementNotMet, total: 90.0, id: "d" },
///     RankKey { standing: Standing::CoreNotDocumented, total: 95.0, id: "e" },
/// ];
/// let ranks: Vec<(usize, usize, bool)> = rank(&keys).iter().map(|p| (p.index, p.rank, p.tied)).collect();
/// assert_eq!(ranks, vec![(1, 1, false), (2, 2, true), (0, 2, true), (4, 4, false), (3, 5, false)]);
/// ```
pub fn rank(keys: &[RankKey<'_>]) -> Vec<Placement> {
    let rounded: Vec<f64> = keys.iter().map(|k| round6(k.total)).collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .standing
            .cmp(&keys[b].standing)
            .then(rounded[b].total_cmp(&rounded[a]))
            .then_with(|| keys[a].id.as_bytes().cmp(keys[b].id.as_bytes()))
    });
    let same = |a: usize, b: usize| keys[a].standing == keys[b].standing && rounded[a] == rounded[b];
    let mut placements: Vec<Placement> = Vec::with_capacity(order.len());
    for (position, &index) in order.iter().enumerate() {
        let rank = match placements.last() {
            Some(previous) if same(previous.index, index) => previous.rank,
            _ => position + 1,
        };
        placements.push(Placement { index, rank, tied: false });
    }
    for i in 1..placements.len() {
        if placements[i].rank == placements[i - 1].rank {
            placements[i].tied = true;
            placements[i - 1].tied = true;
        }
    }
    placements
}

/// How many of the ranked applicants `--top n` shows: the first `n` and everyone tied with the n-th.
pub fn top_len(placements: &[Placement], n: usize) -> usize {
    if n == 0 || n >= placements.len() {
        return n.min(placements.len());
    }
    let cut_rank = placements[n - 1].rank;
    n + placements[n..].iter().take_while(|p| p.rank == cut_rank).count()
}

/// The first `n` places of a ranking that is still being built, for leaving out rows that cannot
/// reach them (`score --top N`): rows are offered as they are scored, from any thread, and a row
/// whose best possible standing and total (an upper bound) rank strictly below the n-th place
/// offered so far cannot be among the first `n`, nor tie with the n-th, whatever comes after.
/// Which rows are left out depends on the order rows arrive in; what is shown never does.
#[derive(Debug)]
pub struct Cutoff {
    n: usize,
    /// The best `n` keys offered so far ([`Cutoff::key`]), the worst first.
    best: std::sync::Mutex<std::collections::BinaryHeap<std::cmp::Reverse<u128>>>,
}

impl Cutoff {
    /// The first `n` places (`n` ≥ 1).
    pub fn new(n: usize) -> Cutoff {
        Cutoff { n: n.max(1), best: std::sync::Mutex::new(std::collections::BinaryHeap::with_capacity(n + 1)) }
    }

    /// A key that orders as the ranking does, better first being larger: the standing, then the
    /// total rounded as shown (ids only order ties, and ties are kept). `None` for a total that is
    /// not a number, which is never left out.
    fn key(standing: Standing, total: f64) -> Option<u128> {
        let total = round6(total);
        if total.is_nan() {
            return None;
        }
        // The bits of an f64, flipped so that they order as the numbers do.
        let bits = total.to_bits();
        let ordered = if bits >> 63 == 1 { !bits } else { bits | 1 << 63 };
        let group = 2 - standing as u128;
        Some(group << 64 | ordered as u128)
    }

    /// Whether a row whose standing and total are at best these could still be among the first
    /// `n` or tie with the n-th.
    pub fn admits(&self, standing: Standing, total: f64) -> bool {
        let Some(key) = Cutoff::key(standing, total) else {
            return true;
        };
        let best = self.best.lock().unwrap_or_else(|e| e.into_inner());
        best.len() < self.n || best.peek().is_none_or(|worst| key >= worst.0)
    }

    /// A row scored in full, with its standing and total, that will be ranked.
    pub fn offer(&self, standing: Standing, total: f64) {
        let Some(key) = Cutoff::key(standing, total) else {
            return;
        };
        let mut best = self.best.lock().unwrap_or_else(|e| e.into_inner());
        if best.len() < self.n {
            best.push(std::cmp::Reverse(key));
        } else if best.peek().is_some_and(|worst| key > worst.0) {
            best.pop();
            best.push(std::cmp::Reverse(key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, total: f64) -> RankKey<'_> {
        RankKey { standing: Standing::Qualified, total, id }
    }

    #[test]
    fn top_includes_everyone_tied_with_the_last() {
        let keys = [key("a", 90.0), key("b", 80.0), key("c", 80.0), key("d", 70.0)];
        let placements = rank(&keys);
        assert_eq!(top_len(&placements, 2), 3);
        assert_eq!(top_len(&placements, 1), 1);
        assert_eq!(top_len(&placements, 10), 4);
    }

    #[test]
    fn totals_equal_after_rounding_tie() {
        // 50.0000004 and 49.9999996 both round to 50.000000.
        let keys = [key("x", 50.000_000_4), key("y", 49.999_999_6)];
        let placements = rank(&keys);
        assert!(placements.iter().all(|p| p.rank == 1 && p.tied));
    }

    /// With the first 2 places held by 90 and 80 (qualified), a row that can reach at most 79.9 is
    /// left out; one that can reach 80 could tie, so it is not; nor is anything before two rows
    /// are in. A better standing outranks any total: a qualified 10 beats a 95 whose requirement
    /// is not met. Totals equal when rounded to 6 decimals tie: 79.9999996 rounds to 80.
    #[test]
    fn a_cutoff_leaves_out_only_rows_that_rank_strictly_below_the_nth() {
        let cutoff = Cutoff::new(2);
        assert!(cutoff.admits(Standing::RequirementNotMet, 0.0));
        cutoff.offer(Standing::Qualified, 90.0);
        assert!(cutoff.admits(Standing::RequirementNotMet, 0.0));
        cutoff.offer(Standing::Qualified, 80.0);
        cutoff.offer(Standing::Qualified, 10.0);
        cutoff.offer(Standing::RequirementNotMet, 95.0);
        assert!(!cutoff.admits(Standing::Qualified, 79.9));
        assert!(cutoff.admits(Standing::Qualified, 80.0));
        assert!(cutoff.admits(Standing::Qualified, 79.999_999_6));
        assert!(!cutoff.admits(Standing::CoreNotDocumented, 100.0));
        assert!(cutoff.admits(Standing::Qualified, f64::NAN));
        // 85 enters, 80 leaves: the second place is now 85.
        cutoff.offer(Standing::Qualified, 85.0);
        assert!(!cutoff.admits(Standing::Qualified, 84.0));
        assert!(cutoff.admits(Standing::Qualified, 85.0));
    }

    #[test]
    fn ids_compare_as_bytes() {
        // 'Z' (0x5A) sorts before 'a' (0x61), and "Å" (0xC3 0x85) after both.
        let keys = [key("a", 1.0), key("Å", 1.0), key("Z", 1.0)];
        let order: Vec<&str> = rank(&keys).iter().map(|p| keys[p.index].id).collect();
        assert_eq!(order, vec!["Z", "a", "Å"]);
    }
}
