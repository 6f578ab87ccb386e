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

    #[test]
    fn ids_compare_as_bytes() {
        // 'Z' (0x5A) sorts before 'a' (0x61), and "Å" (0xC3 0x85) after both.
        let keys = [key("a", 1.0), key("Å", 1.0), key("Z", 1.0)];
        let order: Vec<&str> = rank(&keys).iter().map(|p| keys[p.index].id).collect();
        assert_eq!(order, vec!["Z", "a", "Å"]);
    }
}
