//! Adverse impact by group (`--group COLUMN`): selection rates, impact ratios against the group with
//! the highest rate, and the four-fifths rule compared exactly in whole numbers, for both the
//! shortlist and scoring above the median (as a bias audit of an automated employment decision
//! tool computes it).
//!
//! Only group-level counts leave this module: which applicant belongs to which group is never kept
//! in the report.

use std::collections::BTreeMap;

/// Groups with fewer applicants than this are reported but marked too small to judge, and are
/// never the reference group.
pub const MIN_GROUP: u64 = 5;

/// One group's counts and verdicts.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The group's value as written (trimmed); empty for blank cells.
    pub value: String,
    /// Applicants scored in the group.
    pub applicants: u64,
    /// The selection measure for the shortlist.
    pub shortlist: Rate,
    /// The selection measure for scoring above the median.
    pub above_median: Rate,
    /// Fewer than [`MIN_GROUP`] applicants.
    pub too_small: bool,
}

/// A group's count against one measure, with its ratio to the reference group.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// How many in the group were selected.
    pub selected: u64,
    /// selected / applicants.
    pub rate: f64,
    /// rate / reference rate, when the reference rate is above 0.
    pub ratio: Option<f64>,
    /// Whether this is the reference group.
    pub reference: bool,
    /// Whether the ratio is under 4/5, compared exactly.
    pub flagged: bool,
}

/// The adverse-impact section.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    /// The column grouped by.
    pub column: String,
    /// Groups, in byte order of their values.
    pub groups: Vec<GroupRow>,
    /// The median of all rounded totals.
    pub median: f64,
}

/// Whether `a_selected/a_total` is under four fifths of `b_selected/b_total`, compared exactly:
/// a/n_a < 0.8·b/n_b  ⇔  5·a·n_b < 4·b·n_a (all counts ≥ 0, totals > 0). Floating-point division
/// would call 8/25 against 2/5 a ratio of 0.7999… and flag it; it is exactly 0.8.
pub fn under_four_fifths(a_selected: u64, a_total: u64, b_selected: u64, b_total: u64) -> bool {
    u128::from(a_selected) * u128::from(b_total) * 5 < 4 * u128::from(b_selected) * u128::from(a_total)
}

/// `a_selected/a_total > b_selected/b_total`, exactly.
fn higher(a_selected: u64, a_total: u64, b_selected: u64, b_total: u64) -> bool {
    u128::from(a_selected) * u128::from(b_total) > u128::from(b_selected) * u128::from(a_total)
}

/// The median of values (the mean of the middle two for an even count); 0 for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Builds the section from `(group value, shortlisted, rounded total)` per scored applicant.
pub fn impact(column: &str, members: &[(String, bool, f64)]) -> Impact {
    let totals: Vec<f64> = members.iter().map(|m| m.2).collect();
    let median = median(&totals);
    let mut counts: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    for (value, shortlisted, total) in members {
        let entry = counts.entry(value.as_str()).or_default();
        entry.0 += 1;
        entry.1 += u64::from(*shortlisted);
        entry.2 += u64::from(*total > median);
    }
    let groups: Vec<(&str, u64, u64, u64)> = counts.into_iter().map(|(v, (n, s, m))| (v, n, s, m)).collect();
    let shortlist = rates(&groups, |g| g.2);
    let above = rates(&groups, |g| g.3);
    let groups = groups
        .iter()
        .zip(shortlist.into_iter().zip(above))
        .map(|(g, (shortlist, above_median))| GroupRow {
            value: g.0.to_string(),
            applicants: g.1,
            shortlist,
            above_median,
            too_small: g.1 < MIN_GROUP,
        })
        .collect();
    Impact { column: column.to_string(), groups, median }
}

type Group<'a> = (&'a str, u64, u64, u64);

fn rates(groups: &[Group<'_>], selected: impl Fn(&Group<'_>) -> u64) -> Vec<Rate> {
    // The reference: the highest rate among groups large enough to judge (first in value order
    // on equal rates); among all groups when none is.
    let eligible: Vec<usize> = (0..groups.len()).filter(|&i| groups[i].1 >= MIN_GROUP).collect();
    let candidates: Vec<usize> = if eligible.is_empty() { (0..groups.len()).collect() } else { eligible };
    let mut reference: Option<usize> = None;
    for i in candidates {
        let better = match reference {
            None => true,
            Some(r) => higher(selected(&groups[i]), groups[i].1, selected(&groups[r]), groups[r].1),
        };
        if better {
            reference = Some(i);
        }
    }
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let s = selected(g);
            let rate = s as f64 / g.1 as f64;
            let (ratio, flagged) = match reference {
                Some(r) if selected(&groups[r]) > 0 => {
                    let (rs, rn) = (selected(&groups[r]), groups[r].1);
                    let ratio = (s as f64 * rn as f64) / (rs as f64 * g.1 as f64);
                    (Some(ratio), under_four_fifths(s, g.1, rs, rn))
                }
                _ => (None, false),
            };
            Rate { selected: s, rate, ratio, reference: reference == Some(i), flagged }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_fifths_is_compared_exactly() {
        // 8/25 = 0.32 and 2/5 = 0.4: 0.32/0.4 is exactly 0.8, not under it:
        // 5·8·5 = 200 is not < 4·2·25 = 200.
        assert!(!under_four_fifths(8, 25, 2, 5));
        // In floating point the same ratio comes out just under 0.8.
        let (a, b) = (std::hint::black_box(8.0_f64), std::hint::black_box(25.0_f64));
        assert!((a / b) / (2.0 / 5.0) < 0.8);
        // 7/25 = 0.28 is under 0.32 = 0.8·0.4: 5·7·5 = 175 < 200.
        assert!(under_four_fifths(7, 25, 2, 5));
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5); // (2 + 3) / 2
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn groups_are_counted_and_flagged() {
        // Group a: 10 applicants, 4 shortlisted (0.4). Group b: 10 applicants, 3 shortlisted (0.3):
        // ratio 0.3/0.4 = 0.75 < 0.8, flagged (5·3·10 = 150 < 4·4·10 = 160).
        // Group c: 2 applicants, 2 shortlisted: rate 1, but too small to be the reference.
        let mut members = Vec::new();
        for i in 0..10 {
            members.push(("a".to_string(), i < 4, f64::from(i)));
            members.push(("b".to_string(), i < 3, f64::from(i)));
        }
        members.push(("c".to_string(), true, 50.0));
        members.push(("c".to_string(), true, 50.0));
        let impact = impact("g", &members);
        let [a, b, c] = &impact.groups[..] else { panic!("three groups") };
        assert_eq!((a.applicants, a.shortlist.selected, a.shortlist.reference), (10, 4, true));
        assert_eq!((b.shortlist.selected, b.shortlist.flagged), (3, true));
        assert_eq!(b.shortlist.ratio, Some(0.75));
        assert!(c.too_small && !c.shortlist.reference && !c.shortlist.flagged);
        // Totals 0..9 twice and 50 twice: 22 values; sorted, the 11th and 12th are both 5, so the
        // median is 5. Strictly above it: 6..9 in a and in b (4 each) and both of c.
        assert_eq!(impact.median, 5.0);
        assert_eq!((a.above_median.selected, b.above_median.selected, c.above_median.selected), (4, 4, 2));
    }
}
