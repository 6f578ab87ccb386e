//! Blind mode's redaction: what an applicant wrote about themselves that identifies them, or
//! reveals a protected ground, is replaced by [`MARKER`] before any output is rendered.
//!
//! Redacted, wherever they occur in applicant text (evidence text and snippets, cell values,
//! notes, warnings):
//! - the applicant's own name, contact and protected values (`values_to_hide`): each whole value,
//!   and each of its words that has at least two letters, compared without regard to case, as
//!   whole words;
//! - anything shaped like an e-mail address (`x@y.z`);
//! - anything shaped like a Danish phone number: 8 digits, optionally after `+45` or `0045`, in
//!   groups separated by spaces, or in groups of two separated by `-`;
//! - anything shaped like a Danish CPR number: `DDMMYY-XXXX`, or ten digits (in groups separated
//!   by spaces or `-`) whose first six form a valid date.
//!
//! A snippet cut in the middle of a word loses that partial word, so that `…ette Holm` cannot
//! leave half a name behind. Redaction is deliberately generous: a year range such as
//! `2019 2020` is hidden too, which costs a little evidence and never reveals anyone.

use std::ops::Range;

use crate::score::{Detail, Scorecard, Value};

/// What redacted text is replaced by.
pub const MARKER: &str = "▇▇▇";

/// A scorecard as blind output shows it: the name removed, and `values_to_hide` and every
/// e-mail-, phone- and CPR-like substring redacted from all applicant text.
pub fn redact_scorecard(card: &Scorecard, values_to_hide: &[String]) -> Scorecard {
    let mut card = card.clone();
    card.name.clear();
    card.hidden.clear();
    let redact = |text: &str| redact_text(text, values_to_hide);
    for competency in &mut card.competencies {
        for criterion in &mut competency.criteria {
            redact_detail(&mut criterion.detail, &redact);
        }
    }
    for requirement in &mut card.requirements {
        redact_detail(&mut requirement.detail, &redact);
    }
    for warning in &mut card.warnings {
        *warning = redact(warning);
    }
    card
}

/// [`redact_scorecard`] with the card's own name, contact and protected values.
pub fn blind_scorecard(card: &Scorecard) -> Scorecard {
    redact_scorecard(card, &card.hidden)
}

fn redact_detail(detail: &mut Detail, redact: &dyn Fn(&str) -> String) {
    match &mut detail.value {
        Some(Value::Text(text)) => *text = redact(text),
        Some(Value::Number(n)) => {
            // A number cell loses a phone's `+` and a CPR number's leading zero: check those forms too.
            let shown = n.to_string();
            if [shown.clone(), format!("+{shown}"), format!("0{shown}")].iter().any(|s| redact(s) != *s) {
                detail.value = Some(Value::Text(MARKER.to_string()));
            }
        }
        None => {}
    }
    if let Some(note) = &mut detail.note {
        *note = redact(note);
    }
    for evidence in &mut detail.evidence {
        evidence.text = redact(&evidence.text);
        evidence.snippet = redact(&trim_cut_words(&evidence.snippet));
        evidence.sentence = redact(&trim_cut_words(&evidence.sentence));
        // A document's file name may hold the applicant's name (`CV Mette Holm.pdf`).
        if let Some(source) = &mut evidence.source {
            source.document = redact(&source.document);
        }
    }
}

/// `text` with `values_to_hide` and every e-mail-, phone- and CPR-like substring replaced by [`MARKER`].
///
/// ```
/// use profilmatch::redact::redact_text;
/// let hide = ["Mette Holm".to_string()];
/// assert_eq!(
///     redact_text("METTE skriver fra mette@x.dk, tlf. +45 20 12 34 56, cpr 010203-1234", &hide),
///     "▇▇▇ skriver fra ▇▇▇, tlf. ▇▇▇, cpr ▇▇▇"
/// );
/// ```
pub fn redact_text(text: &str, values_to_hide: &[String]) -> String {
    let mut spans = Vec::new();
    let folded = Folded::new(text);
    for value in values_to_hide {
        let value = value.trim();
        if value.chars().count() >= 2 {
            folded.find_words(&value.to_lowercase(), &mut spans);
        }
        for word in value.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                folded.find_words(&word.to_lowercase(), &mut spans);
            }
        }
    }
    emails(text, &mut spans);
    numbers(text, &mut spans);
    replace(text, spans)
}

/// A diagnostic as blind mode prints it on standard error, where the row's own values are not at
/// hand: the column it names is kept, the quoted cell text after it is replaced by [`MARKER`], and
/// the rest is redacted as by [`redact_text`].
///
/// ```
/// use profilmatch::redact::redact_warning;
/// assert_eq!(
///     redact_warning("a.csv:2:13: column 'flag': 'ja Zinnemark' is neither yes nor no; credit 0"),
///     "a.csv:2:13: column 'flag': '▇▇▇' is neither yes nor no; credit 0"
/// );
/// ```
pub fn redact_warning(text: &str) -> String {
    let kept = text.find("column '").and_then(|at| text[at + 8..].find('\'').map(|end| at + 8 + end + 1)).unwrap_or(0);
    let rest = &text[kept..];
    let quoted = match (rest.find('\''), rest.rfind('\'')) {
        (Some(first), Some(last)) if last > first => format!("{}'{MARKER}'{}", &rest[..first], &rest[last + 1..]),
        _ => rest.to_string(),
    };
    redact_text(&format!("{}{quoted}", &text[..kept]), &[])
}

fn replace(text: &str, mut spans: Vec<Range<usize>>) -> String {
    if spans.is_empty() {
        return text.to_string();
    }
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for span in spans {
        if span.end <= done {
            continue;
        }
        if span.start >= done {
            out.push_str(&text[done..span.start]);
            out.push_str(MARKER);
        }
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}

/// A lower-cased copy of a text that maps its matches back to the original's byte ranges.
struct Folded<'a> {
    text: &'a str,
    lower: String,
    /// Per original character: (start in `lower`, range in `text`).
    chars: Vec<(usize, Range<usize>)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Folded<'a> {
        let mut lower = String::with_capacity(text.len());
        let mut chars = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            chars.push((lower.len(), i..i + c.len_utf8()));
            lower.extend(c.to_lowercase());
        }
        Folded { text, lower, chars }
    }

    /// The original range of the characters that `lower[range]` came from.
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let first = self.chars.partition_point(|(at, _)| *at <= range.start).saturating_sub(1);
        let last = self.chars.partition_point(|(at, _)| *at < range.end).saturating_sub(1);
        self.chars[first].1.start..self.chars[last].1.end
    }

    /// Adds every whole-word occurrence of `needle` (lower case).
    fn find_words(&self, needle: &str, spans: &mut Vec<Range<usize>>) {
        if needle.is_empty() {
            return;
        }
        for (at, _) in self.lower.match_indices(needle) {
            let span = self.original(at..at + needle.len());
            let before = self.text[..span.start].chars().next_back();
            let after = self.text[span.end..].chars().next();
            let starts_word = !needle.starts_with(char::is_alphanumeric) || !before.is_some_and(char::is_alphanumeric);
            let ends_word = !needle.ends_with(char::is_alphanumeric) || !after.is_some_and(char::is_alphanumeric);
            if starts_word && ends_word {
                spans.push(span);
            }
        }
    }
}

fn emails(text: &str, spans: &mut Vec<Range<usize>>) {
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    for (at, _) in text.match_indices('@') {
        let start = text[..at].char_indices().rev().take_while(|(_, c)| local(*c)).last().map_or(at, |(i, _)| i);
        let mut end = at + 1 + text[at + 1..].find(|c: char| !domain(c)).unwrap_or(text.len() - at - 1);
        while text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        let host = &text[at + 1..end];
        if start < at && host.contains('.') && !host.starts_with('.') {
            spans.push(start..end);
        }
    }
}

/// A run of digit groups: each group's byte range and the separator before it.
struct Group {
    range: Range<usize>,
    digits: usize,
    separator: Option<char>,
}

fn numbers(text: &str, spans: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let prefix_start = if text[..i].ends_with('+') { i - 1 } else { i };
        let (groups, end) = digit_groups(text, i);
        phone_and_cpr_windows(text, prefix_start, &groups, spans);
        i = end;
    }
}

/// The digit groups starting at `start`, separated by one space, no-break space or `-`.
fn digit_groups(text: &str, start: usize) -> (Vec<Group>, usize) {
    let bytes = text.as_bytes();
    let mut groups = Vec::new();
    let mut i = start;
    let mut separator = None;
    loop {
        let group_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        groups.push(Group { range: group_start..i, digits: i - group_start, separator });
        let next = text[i..].chars().next();
        match next {
            Some(c @ (' ' | '\u{a0}' | '-')) if text[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) => {
                separator = Some(c);
                i += c.len_utf8();
            }
            _ => return (groups, i),
        }
    }
}

fn phone_and_cpr_windows(text: &str, prefix_start: usize, groups: &[Group], spans: &mut Vec<Range<usize>>) {
    for first in 0..groups.len() {
        let mut digits = 0;
        for last in first..groups.len() {
            digits += groups[last].digits;
            if digits > 12 {
                break;
            }
            let window = &groups[first..=last];
            let start = if first == 0 { prefix_start } else { window[0].range.start };
            let span = start..window[window.len() - 1].range.end;
            let all_digits: String = window.iter().map(|g| &text[g.range.clone()]).collect();
            let country = all_digits
                .strip_prefix("0045")
                .or_else(|| all_digits.strip_prefix("45").filter(|_| start < window[0].range.start));
            if is_phone(window, digits) || country.is_some_and(|rest| rest.len() == 8) || is_cpr(window, &all_digits) {
                spans.push(span);
            }
        }
    }
}

/// 8 digits in groups separated by spaces, or in groups of two separated by `-`.
fn is_phone(window: &[Group], digits: usize) -> bool {
    let spaced = window.iter().skip(1).all(|g| matches!(g.separator, Some(' ' | '\u{a0}')));
    let pairs = window.iter().all(|g| g.digits == 2);
    digits == 8 && (spaced || pairs)
}

/// `DDMMYY-XXXX`, or ten digits whose first six form a valid date.
fn is_cpr(window: &[Group], digits: &str) -> bool {
    if let [date, serial] = window
        && date.digits == 6
        && serial.digits == 4
        && serial.separator == Some('-')
    {
        return true;
    }
    digits.len() == 10 && valid_date(&digits[..6])
}

fn valid_date(ddmmyy: &str) -> bool {
    let number = |r: Range<usize>| ddmmyy.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let (day, month, year) = (number(0..2), number(2..4), number(4..6));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day)
}

/// Drops the partial words at a snippet's cut ends (`…ette Holm …` loses `ette`), and any digit
/// groups right next to a cut, which could be the rest of a phone or CPR number.
fn trim_cut_words(snippet: &str) -> String {
    let mut text = snippet;
    let cut_start = text.starts_with('…');
    let cut_end = text.ends_with('…') && text.chars().count() > 1;
    if cut_start {
        text = &text['…'.len_utf8()..];
        text = text.split_once(char::is_whitespace).map_or("", |(_, rest)| rest);
        while let Some((word, rest)) = text.split_once(char::is_whitespace)
            && is_number_piece(word)
        {
            text = rest;
        }
    }
    if cut_end {
        text = text.strip_suffix('…').unwrap_or(text);
        text = text.rsplit_once(char::is_whitespace).map_or("", |(rest, _)| rest);
        while let Some((rest, word)) = text.rsplit_once(char::is_whitespace)
            && is_number_piece(word)
        {
            text = rest;
        }
    }
    let mut out = String::new();
    if cut_start {
        out.push('…');
    }
    out.push_str(text.trim());
    if cut_end {
        out.push('…');
    }
    out
}

fn is_number_piece(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || "+-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> String {
        redact_text(text, &[])
    }

    #[test]
    fn own_values_and_their_words_are_hidden_as_whole_words() {
        let hide = ["Mette Kjærgaard Holm".to_string(), "1971".to_string(), "K".to_string()];
        assert_eq!(
            redact_text("mette KJÆRGAARD født 1971, ikke 19711; Holmegaard K", &hide),
            "▇▇▇ ▇▇▇ født ▇▇▇, ikke 19711; Holmegaard K"
        );
    }

    #[test]
    fn phone_numbers_in_danish_shapes() {
        assert_eq!(r("ring 20123456 nu"), "ring ▇▇▇ nu");
        assert_eq!(r("ring +45 20 12 34 56."), "ring ▇▇▇.");
        assert_eq!(r("ring +4520123456"), "ring ▇▇▇");
        assert_eq!(r("ring 0045 2012 3456"), "ring ▇▇▇");
        assert_eq!(r("ring 20-12-34-56"), "ring ▇▇▇");
        // A year range with a hyphen, an amount and a short number are not phones.
        assert_eq!(r("2010-2018: 4.850.000 kr, 165 ansatte"), "2010-2018: 4.850.000 kr, 165 ansatte");
    }

    #[test]
    fn cpr_numbers_with_a_hyphen_or_a_valid_date() {
        assert_eq!(r("cpr 010203-1234."), "cpr ▇▇▇.");
        assert_eq!(r("cpr 3112991234"), "cpr ▇▇▇");
        assert_eq!(r("cpr 290200 1234"), "cpr ▇▇▇");
        // 32 is no day and 13 no month: ten digits that are not a date stay.
        assert_eq!(r("sag 3213991234"), "sag 3213991234");
    }

    #[test]
    fn emails() {
        assert_eq!(r("skriv til a.b+c@x-y.example.dk."), "skriv til ▇▇▇.");
        assert_eq!(r("mødes @ rådhuset"), "mødes @ rådhuset");
    }

    #[test]
    fn cut_words_at_snippet_ends_are_dropped() {
        assert_eq!(trim_cut_words("…ette Holm leder budget 34 56 og mere…"), "…Holm leder budget 34 56 og…");
        assert_eq!(trim_cut_words("…12 34 56 leder budget og 20 12…"), "…leder budget og…");
        assert_eq!(trim_cut_words("hele teksten"), "hele teksten");
    }

    #[test]
    fn folding_maps_back_to_the_original_bytes() {
        // 'İ' lower-cases to two characters; the match after it must still land on "holm".
        assert_eq!(redact_text("İ Holm", &["holm".to_string()]), "İ ▇▇▇");
    }
}
