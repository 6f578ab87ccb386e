//! The committee members' own screening (`report --ratings FILE`): each member's rating of an
//! applicant on a stated scale and a note, merged with the rubric's totals.
//!
//! The file is CSV or a workbook with a header naming the columns `member` (or `medlem`), `id`
//! (or `ansøger`), `rating` (or `vurdering`) and, optionally, `note` (or `bemærkning`); one row
//! per member and applicant. A row with a blank rating still says that the member has read the
//! application. Every rating must be a number on the scale; every id must be a scored applicant;
//! a member rates an applicant once. A broken file is an error naming its line and column, and no
//! report is written.
//!
//! Per applicant the report shows each member's rating, the spread between members (highest −
//! lowest), the members' mean on the rubric's 0–100 scale ((mean − min)/(max − min)·100) and its
//! difference from the rubric's total. A spread of half the scale or more, or a difference of
//! [`GAP_LIMIT`] points or more, is flagged for discussion.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::input::{CsvReader, NumberError, ReadOptions, Row, parse_number};

/// A difference of this many points (0–100) or more between the members' mean and the rubric's
/// total is flagged for discussion.
pub const GAP_LIMIT: f64 = 25.0;

/// The rating scale, both ends included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The lowest rating.
    pub min: f64,
    /// The highest rating.
    pub max: f64,
}

impl Scale {
    /// Parses `MIN-MAX` (`1-5`, `0-10`).
    pub fn parse(text: &str) -> Result<Scale> {
        let bad = || Error::Usage(format!("--rating-scale {text:?}: write MIN-MAX with MIN below MAX, e.g. 1-5"));
        let (min, max) = text.split_once('-').ok_or_else(bad)?;
        let (min, max) = (min.trim().parse::<f64>().map_err(|_| bad())?, max.trim().parse::<f64>().map_err(|_| bad())?);
        if min.is_finite() && max.is_finite() && min < max { Ok(Scale { min, max }) } else { Err(bad()) }
    }

    /// Whether a spread between members is half the scale or more.
    fn wide(&self, spread: f64) -> bool {
        2.0 * spread >= self.max - self.min
    }

    /// A rating on the rubric's 0–100 scale.
    pub fn to_points(&self, rating: f64) -> f64 {
        100.0 * (rating - self.min) / (self.max - self.min)
    }
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    /// Its line.
    pub line: u64,
    /// Index into [`RatingsFile::members`].
    pub member: usize,
    /// The applicant's id.
    pub id: String,
    /// The rating, if given.
    pub rating: Option<f64>,
    /// The note (trimmed; may be empty).
    pub note: String,
}

/// The ratings file as read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingsFile {
    /// The file as named.
    pub source: String,
    /// The scale.
    pub scale: Scale,
    /// The members, in order of first appearance.
    pub members: Vec<String>,
    /// The rows, in file order.
    pub rows: Vec<RatingRow>,
}

const MEMBER: &[&str] = &["member", "medlem", "udvalgsmedlem"];
const ID: &[&str] = &["id", "applicant", "ansøger", "ansøger id", "applicant id"];
const RATING: &[&str] = &["rating", "vurdering", "karakter", "score"];
const NOTE: &[&str] = &["note", "notes", "bemærkning", "bemærkninger", "kommentar", "comment"];

/// Reads and checks a ratings file against the scored ids.
pub fn read(
    path: &Path,
    display: &str,
    options: &ReadOptions,
    scale: Scale,
    ids: &HashSet<&str>,
) -> Result<RatingsFile> {
    let mut reader = CsvReader::open(path, display, options)?;
    let header = reader.header().clone();
    let column = |names: &[&str]| names.iter().find_map(|n| header.find(n));
    let missing = |what: &str, names: &[&str]| {
        Error::input(
            Location::line(display, 1),
            format!(
                "no {what} column (name it one of: {}); the header read was: {}",
                names.join(", "),
                header.names().join(", ")
            ),
        )
    };
    let member_column = column(MEMBER).ok_or_else(|| missing("member", MEMBER))?;
    let id_column = column(ID).ok_or_else(|| missing("applicant id", ID))?;
    let rating_column = column(RATING).ok_or_else(|| missing("rating", RATING))?;
    let note_column = column(NOTE);
    let decimal_comma = reader.info().decimal_comma;
    let mut file = RatingsFile { source: display.to_string(), scale, members: Vec::new(), rows: Vec::new() };
    let mut seen: HashMap<(usize, String), u64> = HashMap::new();
    while let Some(row) = reader.next_row()? {
        let record = match row {
            Row::Record(record) => record,
            Row::Blank { .. } => continue,
            Row::Rejected(r) => return Err(Error::input(Location::line(display, r.line), r.reason.message())),
        };
        let at = |c: usize| Location { path: display.to_string(), line: Some(record.line), column: Some(c as u64 + 1) };
        let cell = |c: usize| record.fields.get(c).unwrap_or("").trim().to_string();
        let member = cell(member_column);
        if member.is_empty() {
            return Err(Error::input(at(member_column), "the member's name is blank"));
        }
        let id = cell(id_column);
        if !ids.contains(id.as_str()) {
            return Err(Error::input(at(id_column), format!("'{id}' is not the id of a scored applicant")));
        }
        let rating = match parse_number(&cell(rating_column), decimal_comma) {
            Ok(r) if (scale.min..=scale.max).contains(&r) => Some(r),
            Ok(r) => {
                let message = format!("rating {r} is outside the scale {}–{}", scale.min, scale.max);
                return Err(Error::input(at(rating_column), message));
            }
            Err(NumberError::Blank) => None,
            Err(_) => {
                let message = format!("rating '{}' is not a number", cell(rating_column));
                return Err(Error::input(at(rating_column), message));
            }
        };
        let member = match file.members.iter().position(|m| *m == member) {
            Some(i) => i,
            None => {
                file.members.push(member);
                file.members.len() - 1
            }
        };
        if let Some(first) = seen.insert((member, id.clone()), record.line) {
            let message = format!("{} rates '{id}' again (first on line {first})", file.members[member]);
            return Err(Error::input(Location::line(display, record.line), message));
        }
        let note = note_column.map(cell).unwrap_or_default();
        file.rows.push(RatingRow { line: record.line, member, id, rating, note });
    }
    Ok(file)
}

/// One applicant's ratings, merged with the rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicantRatings {
    /// Index into the ranking.
    pub entry: usize,
    /// Per member (in [`Ratings::members`] order), the rating.
    pub ratings: Vec<Option<f64>>,
    /// The members' mean rating.
    pub mean: Option<f64>,
    /// Highest − lowest rating, with two ratings or more.
    pub spread: Option<f64>,
    /// The mean on the rubric's 0–100 scale.
    pub members_points: Option<f64>,
    /// members_points − the rubric's total.
    pub gap: Option<f64>,
    /// The spread is half the scale or more.
    pub members_disagree: bool,
    /// The gap is [`GAP_LIMIT`] points or more either way.
    pub rubric_disagrees: bool,
    /// The members' notes: (member, note), redacted in a blind report.
    pub notes: Vec<(usize, String)>,
}

/// The ratings section.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    /// The file as named.
    pub source: String,
    /// The scale.
    pub scale: Scale,
    /// The members.
    pub members: Vec<String>,
    /// Applicants with at least one row, in rank order.
    pub applicants: Vec<ApplicantRatings>,
    /// Per ranking entry, the members who have read the application (have a row for it).
    pub read_by: Vec<Vec<usize>>,
}

/// Merges the ratings with the ranking, given as each entry's id and total in rank order (the
/// model's entries; this file does not name the model, which holds its result). In a blind report every note is redacted with
/// [`crate::redact::redact_text`] against the hidden values of every applicant, since a note may
/// name anyone.
pub fn merge(file: &RatingsFile, ranking: &[(&str, f64)], blind: bool, hidden_values: &[String]) -> Ratings {
    let position: HashMap<&str, usize> = ranking.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let members = file.members.len();
    let mut by_entry: Vec<Option<ApplicantRatings>> = vec![None; ranking.len()];
    let mut read_by = vec![Vec::new(); ranking.len()];
    for row in &file.rows {
        let Some(&entry) = position.get(row.id.as_str()) else { continue };
        let merged = by_entry[entry].get_or_insert_with(|| ApplicantRatings {
            entry,
            ratings: vec![None; members],
            mean: None,
            spread: None,
            members_points: None,
            gap: None,
            members_disagree: false,
            rubric_disagrees: false,
            notes: Vec::new(),
        });
        merged.ratings[row.member] = row.rating;
        if !row.note.is_empty() {
            let note = if blind { crate::redact::redact_text(&row.note, hidden_values) } else { row.note.clone() };
            merged.notes.push((row.member, note));
        }
        read_by[entry].push(row.member);
    }
    let applicants = by_entry
        .into_iter()
        .flatten()
        .map(|mut a| {
            let total = ranking[a.entry].1;
            summarise(&mut a, file.scale, total);
            a
        })
        .collect();
    for members in &mut read_by {
        members.sort_unstable();
    }
    Ratings { source: file.source.clone(), scale: file.scale, members: file.members.clone(), applicants, read_by }
}

fn summarise(a: &mut ApplicantRatings, scale: Scale, total: f64) {
    let given: Vec<f64> = a.ratings.iter().flatten().copied().collect();
    if given.is_empty() {
        return;
    }
    let mean = given.iter().sum::<f64>() / given.len() as f64;
    let (low, high) = given.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), r| (l.min(*r), h.max(*r)));
    a.mean = Some(mean);
    if given.len() >= 2 {
        a.spread = Some(high - low);
        a.members_disagree = scale.wide(high - low);
    }
    let points = scale.to_points(mean);
    a.members_points = Some(points);
    a.gap = Some(points - total);
    a.rubric_disagrees = (points - total).abs() >= GAP_LIMIT;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, total: f64) -> (&str, f64) {
        (id, total)
    }

    #[test]
    fn scales_parse_and_reject_nonsense() {
        assert_eq!(Scale::parse("1-5").unwrap(), Scale { min: 1.0, max: 5.0 });
        assert_eq!(Scale::parse(" 0 - 10 ").unwrap(), Scale { min: 0.0, max: 10.0 });
        for bad in ["5-1", "1", "a-b", "1-1"] {
            assert!(Scale::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ratings_are_merged_and_disagreements_flagged() {
        let scale = Scale { min: 1.0, max: 5.0 };
        let file = RatingsFile {
            source: "r.csv".into(),
            scale,
            members: vec!["Ane".into(), "Bo".into()],
            rows: vec![
                RatingRow { line: 2, member: 0, id: "A".into(), rating: Some(5.0), note: "Stærk".into() },
                RatingRow { line: 3, member: 1, id: "A".into(), rating: Some(2.0), note: String::new() },
                RatingRow { line: 4, member: 0, id: "B".into(), rating: Some(4.0), note: String::new() },
                RatingRow { line: 5, member: 1, id: "B".into(), rating: None, note: "Læst".into() },
            ],
        };
        let ranking = [entry("A", 80.0), entry("B", 40.0), entry("C", 10.0)];
        let merged = merge(&file, &ranking, false, &[]);
        let [a, b] = &merged.applicants[..] else { panic!("two applicants rated") };
        // A: ratings 5 and 2: mean 3.5, spread 3 ≥ (5 − 1)/2 = 2: the members disagree.
        // Points (3.5 − 1)/4·100 = 62.5; 62.5 − 80 = −17.5: under 25, the rubric does not.
        assert_eq!((a.mean, a.spread, a.members_points, a.gap), (Some(3.5), Some(3.0), Some(62.5), Some(-17.5)));
        assert!(a.members_disagree && !a.rubric_disagrees);
        // B: one rating, 4: points (4 − 1)/4·100 = 75; 75 − 40 = 35 ≥ 25: the rubric disagrees.
        assert_eq!((b.spread, b.members_points, b.gap), (None, Some(75.0), Some(35.0)));
        assert!(!b.members_disagree && b.rubric_disagrees);
        // Bo read B without rating it; nobody read C.
        assert_eq!(merged.read_by, vec![vec![0, 1], vec![0, 1], vec![]]);
    }

    #[test]
    fn blind_notes_are_redacted_against_every_applicant() {
        let file = RatingsFile {
            source: "r.csv".into(),
            scale: Scale { min: 1.0, max: 5.0 },
            members: vec!["Ane".into()],
            rows: vec![RatingRow {
                line: 2,
                member: 0,
                id: "A".into(),
                rating: Some(3.0),
                note: "Bedre end Mette Holm, ring 20 12 34 56".into(),
            }],
        };
        let merged = merge(&file, &[entry("A", 50.0)], true, &["Mette Holm".to_string()]);
        assert_eq!(merged.applicants[0].notes[0].1, "Bedre end ▇▇▇, ring ▇▇▇");
    }
}
