//! The share shortlisted per group (`report --group COLUMN`): the column's values mapped to groups
//! through a small, explicit mapping (a shipped default, [`GroupMap::default_map`], or the user's
//! `--group-map FILE`), then per group the number of applicants, how many are on the shortlist and
//! above the median, their shares, and each share's ratio to the highest share, compared with
//! four fifths exactly in whole numbers.
//!
//! Groups smaller than a stated size are shown with their size only: with one to four people in a
//! group, a share is a statement about a person, not a group. Only group-level counts leave this
//! module; which applicant belongs to which group is never kept. In a blind report the groups are
//! letters, handed out by group size and then by where a group's first member ranks, so that the
//! letters say nothing about the hidden values themselves.

use std::collections::HashMap;
use std::path::Path;

use toml_edit::{Document, Item};

use super::lang::Lang;
use crate::error::{Error, Location, Result, RubricProblem};
use crate::text::token_key;

/// The default: groups smaller than this are shown without shares.
pub const MIN_GROUP: u64 = 5;

const DEFAULT_MAP: &str = include_str!("groups.toml");

/// A group of the mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedGroup {
    /// Danish label.
    pub da: String,
    /// English label.
    pub en: String,
    /// The values that belong to it, normalised.
    keys: Vec<String>,
}

impl MappedGroup {
    fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

/// How a group column's values map to groups.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMap {
    /// Where the mapping comes from: `default` or the file as named.
    pub source: String,
    /// The groups, in file order.
    pub groups: Vec<MappedGroup>,
}

impl GroupMap {
    /// The shipped mapping (`src/report/groups.toml`): common Danish and English values of a
    /// gender column.
    pub fn default_map() -> GroupMap {
        // The shipped file is checked by a unit test, so this cannot fail at run time.
        GroupMap::parse("default", DEFAULT_MAP).unwrap_or(GroupMap { source: "default".into(), groups: Vec::new() })
    }

    /// Reads a mapping file.
    pub fn read(path: &Path) -> Result<GroupMap> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.into(), source })?;
        GroupMap::parse(&path.display().to_string(), &text)
    }

    /// Parses a mapping: `[[group]]` tables with `da`, `en` and `values`; every problem reported
    /// with its line.
    pub fn parse(source: &str, text: &str) -> Result<GroupMap> {
        let line_of =
            |span: Option<std::ops::Range<usize>>| span.map_or(1, |s| text[..s.start].matches('\n').count() as u64 + 1);
        let mut problems = Vec::new();
        let mut problem = |line: u64, message: String| {
            problems.push(RubricProblem { location: Location::line(source, line), message });
        };
        let document = match Document::parse(text) {
            Ok(d) => d,
            Err(e) => {
                problem(line_of(e.span()), format!("not valid TOML: {}", e.message()));
                return Err(Error::Rubric(problems));
            }
        };
        let mut groups: Vec<MappedGroup> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for (key, item) in document.iter() {
            if key != "group" {
                problem(line_of(item.span()), format!("unknown key '{key}'; a group map has only [[group]] tables"));
            }
        }
        let tables = match document.get("group") {
            Some(Item::ArrayOfTables(tables)) => tables.iter().collect(),
            Some(item) => {
                problem(line_of(item.span()), "'group' must be written as [[group]] tables".into());
                Vec::new()
            }
            None => Vec::new(),
        };
        for table in tables {
            let line = line_of(table.span());
            for (key, item) in table.iter() {
                if !["da", "en", "values"].contains(&key) {
                    problem(line_of(item.span()), format!("unknown key '{key}' in [[group]]; allowed: da, en, values"));
                }
            }
            let label = |key: &str| table.get(key).and_then(Item::as_str).map(str::to_string);
            let (Some(da), Some(en)) = (label("da"), label("en")) else {
                problem(line, "a [[group]] needs 'da' and 'en' labels (strings)".into());
                continue;
            };
            let values: Vec<String> = table
                .get("values")
                .and_then(Item::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            if values.is_empty() {
                problem(line, format!("group '{da}' needs a non-empty list of 'values'"));
            }
            let mut keys = Vec::new();
            for value in values {
                let key = token_key(&value);
                if let Some(other) = seen.insert(key.clone(), da.clone()) {
                    problem(line, format!("the value '{value}' is in group '{other}' and in group '{da}'"));
                }
                keys.push(key);
            }
            groups.push(MappedGroup { da, en, keys });
        }
        if problems.is_empty() {
            Ok(GroupMap { source: source.to_string(), groups })
        } else {
            Err(Error::Rubric(problems))
        }
    }

    /// The group a value belongs to.
    fn group_of(&self, value: &str) -> Option<usize> {
        let key = token_key(value);
        self.groups.iter().position(|g| g.keys.contains(&key))
    }
}

/// One scored applicant as the comparison sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The group column's value, as written.
    pub value: String,
    /// On the shortlist.
    pub shortlisted: bool,
    /// The total as ranked (rounded to 6 decimals).
    pub total: f64,
}

/// One group's counts and, when it is large enough, its shares.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The group's label: the mapping's label, a value that is in no group, or a letter (blind).
    pub label: String,
    /// Whether the values came through the mapping (false: a value in no group, or blank).
    pub mapped: bool,
    /// The values of the column that make up the group, as written (empty when blind).
    pub values: Vec<String>,
    /// Applicants scored in the group.
    pub applicants: u64,
    /// On the shortlist (groups too small: none).
    pub shortlist: Option<Rate>,
    /// Above the median total (groups too small: none).
    pub above_median: Option<Rate>,
}

/// A group's count against one measure, with its ratio to the highest share.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// How many in the group were selected.
    pub selected: u64,
    /// selected / applicants.
    pub share: f64,
    /// share / the highest share, when the highest is above 0.
    pub ratio: Option<f64>,
    /// Whether this group has the highest share.
    pub reference: bool,
    /// Whether the ratio is under 4/5, compared exactly.
    pub under_four_fifths: bool,
}

/// The section.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    /// The column grouped by.
    pub column: String,
    /// Where the mapping comes from.
    pub map_source: String,
    /// Groups: mapped groups in the mapping's order, then values in no group (byte order); in a
    /// blind report, letters in the order described in the module documentation.
    pub groups: Vec<GroupRow>,
    /// The median of all rounded totals.
    pub median: f64,
    /// Groups with fewer applicants are shown without shares.
    pub min_group: u64,
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

/// A group while counting: its key, label, values seen, counts and first member's position.
struct Tally {
    key: (usize, String),
    label: String,
    mapped: bool,
    values: Vec<String>,
    applicants: u64,
    shortlisted: u64,
    above: u64,
    first: usize,
}

/// Builds the section from every scored applicant, in rank order.
pub fn impact(column: &str, members: &[Member], map: &GroupMap, min_group: u64, blind: bool, lang: Lang) -> Impact {
    let totals: Vec<f64> = members.iter().map(|m| m.total).collect();
    let median = median(&totals);
    let mut tallies: Vec<Tally> = Vec::new();
    for (position, member) in members.iter().enumerate() {
        let value = member.value.trim();
        // Mapped groups sort first, in the mapping's order; other values after, by their bytes.
        let (key, label, mapped) = match map.group_of(value) {
            Some(g) => ((g, String::new()), map.groups[g].label(lang).to_string(), true),
            None => ((usize::MAX, value.to_string()), value.to_string(), false),
        };
        let tally = match tallies.iter().position(|t| t.key == key) {
            Some(i) => &mut tallies[i],
            None => {
                let tally = Tally {
                    key,
                    label,
                    mapped,
                    values: Vec::new(),
                    applicants: 0,
                    shortlisted: 0,
                    above: 0,
                    first: position,
                };
                tallies.push(tally);
                tallies.last_mut().expect("just pushed")
            }
        };
        if !tally.values.iter().any(|v| v == value) {
            tally.values.push(value.to_string());
        }
        tally.applicants += 1;
        tally.shortlisted += u64::from(member.shortlisted);
        tally.above += u64::from(member.total > median);
    }
    if blind {
        tallies.sort_by(|a, b| b.applicants.cmp(&a.applicants).then(a.first.cmp(&b.first)));
    } else {
        tallies.sort_by(|a, b| a.key.cmp(&b.key));
        for tally in &mut tallies {
            tally.values.sort();
        }
    }
    let shortlist = rates(&tallies, min_group, |t| t.shortlisted);
    let above = rates(&tallies, min_group, |t| t.above);
    let groups = tallies
        .into_iter()
        .zip(shortlist.into_iter().zip(above))
        .enumerate()
        .map(|(i, (t, (shortlist, above_median)))| GroupRow {
            label: if blind { letter(i) } else { t.label },
            mapped: t.mapped,
            values: if blind { Vec::new() } else { t.values },
            applicants: t.applicants,
            shortlist,
            above_median,
        })
        .collect();
    Impact { column: column.to_string(), map_source: map.source.clone(), groups, median, min_group }
}

fn rates(tallies: &[Tally], min_group: u64, selected: impl Fn(&Tally) -> u64) -> Vec<Option<Rate>> {
    // The reference: the highest share among groups large enough to show (the first on equal shares).
    let mut reference: Option<usize> = None;
    for (i, t) in tallies.iter().enumerate().filter(|(_, t)| t.applicants >= min_group) {
        let better = match reference {
            None => true,
            Some(r) => higher(selected(t), t.applicants, selected(&tallies[r]), tallies[r].applicants),
        };
        if better {
            reference = Some(i);
        }
    }
    tallies
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.applicants < min_group {
                return None;
            }
            let s = selected(t);
            let share = s as f64 / t.applicants as f64;
            let (ratio, under) = match reference {
                Some(r) if selected(&tallies[r]) > 0 => {
                    let (rs, rn) = (selected(&tallies[r]), tallies[r].applicants);
                    let ratio = (s as f64 * rn as f64) / (rs as f64 * t.applicants as f64);
                    (Some(ratio), under_four_fifths(s, t.applicants, rs, rn))
                }
                _ => (None, false),
            };
            Some(Rate { selected: s, share, ratio, reference: reference == Some(i), under_four_fifths: under })
        })
        .collect()
}

/// The letter of the i-th group: A … Z, then AA, AB, ….
pub fn letter(i: usize) -> String {
    let mut n = i;
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(value: &str, shortlisted: bool, total: f64) -> Member {
        Member { value: value.to_string(), shortlisted, total }
    }

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
    fn the_shipped_map_parses_and_joins_danish_and_english_spellings() {
        let map = GroupMap::parse("default", DEFAULT_MAP).expect("the shipped map is valid");
        assert_eq!(map, GroupMap::default_map());
        assert_eq!(map.group_of("Kvinde"), map.group_of("female"));
        assert_eq!(map.group_of("MAND."), map.group_of("male"));
        assert_ne!(map.group_of("kvinde"), map.group_of("mand"));
        assert_eq!(map.group_of("1971"), None);
    }

    #[test]
    fn a_value_in_two_groups_is_an_error_with_its_line() {
        let text = "[[group]]\nda = \"A\"\nen = \"A\"\nvalues = [\"x\"]\n\n[[group]]\nda = \"B\"\nen = \"B\"\nvalues = [\"X\"]\n";
        let error = GroupMap::parse("m.toml", text).expect_err("x twice").to_string();
        assert_eq!(error, "m.toml:6: the value 'X' is in group 'A' and in group 'B'");
    }

    #[test]
    fn spellings_become_groups_small_groups_get_no_shares_and_values_outside_the_map_stay_apart() {
        let map = GroupMap::default_map();
        // Women: 3 kvinde + 3 female = 6, 3 shortlisted (1/2). Men: 4 mand + 2 male = 6, 1
        // shortlisted (1/6). 1/6 against 1/2: 5·1·6 = 30 < 4·3·6 = 72, under four fifths.
        // "ukendt" is in no group: a group of its own, of 1, so no share is shown.
        let mut members = Vec::new();
        for (value, shortlisted) in [("kvinde", true), ("kvinde", true), ("kvinde", false), ("female", true)] {
            members.push(member(value, shortlisted, 50.0));
        }
        members.extend([member("female", false, 40.0), member("female", false, 40.0)]);
        members.extend([member("mand", true, 60.0), member("mand", false, 10.0), member("Mand", false, 10.0)]);
        members.extend([member("mand", false, 10.0), member("male", false, 10.0), member("male", false, 10.0)]);
        members.push(member("ukendt", false, 10.0));
        let impact = impact("gender", &members, &map, 5, false, Lang::Da);
        let [women, men, other] = &impact.groups[..] else { panic!("three groups: {:?}", impact.groups) };
        assert_eq!(
            (women.label.as_str(), women.applicants, women.values.clone()),
            ("Kvinder", 6, vec!["female".to_string(), "kvinde".into()])
        );
        assert_eq!((men.label.as_str(), men.applicants), ("Mænd", 6));
        assert_eq!(men.values, vec!["Mand".to_string(), "male".into(), "mand".into()]);
        let (w, m) = (women.shortlist.as_ref().unwrap(), men.shortlist.as_ref().unwrap());
        assert!(w.reference && !w.under_four_fifths && m.under_four_fifths);
        assert_eq!(m.ratio, Some(1.0 / 3.0)); // (1·6)/(3·6)
        assert_eq!((other.label.as_str(), other.mapped, other.applicants), ("ukendt", false, 1));
        assert!(other.shortlist.is_none() && other.above_median.is_none());
    }

    #[test]
    fn blind_letters_follow_group_size_and_first_rank_not_the_values() {
        let map = GroupMap::default_map();
        // Women come first in the mapping and in byte order, yet get the last letter: "mand" (2
        // members) gets A, then the groups of one by where their member ranks: "x" (another
        // gender, position 0) B, "kvinde" (position 3) C.
        let members = [
            member("x", true, 9.0),
            member("mand", true, 8.0),
            member("mand", true, 7.0),
            member("kvinde", false, 6.0),
        ];
        let impact = impact("g", &members, &map, 5, true, Lang::Da);
        let labels: Vec<(&str, u64)> = impact.groups.iter().map(|g| (g.label.as_str(), g.applicants)).collect();
        assert_eq!(labels, [("A", 2), ("B", 1), ("C", 1)]);
        assert!(impact.groups.iter().all(|g| g.values.is_empty()));
        assert_eq!((letter(0), letter(25), letter(26)), ("A".to_string(), "Z".to_string(), "AA".to_string()));
    }
}
