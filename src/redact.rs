//! Blind mode's redaction, the only one: what an applicant wrote that identifies them, or reveals
//! a protected ground, is replaced by [`MARKER`] before any output is rendered, whatever the format
//! (score's formats, the report, standard error).
//!
//! Redacted, wherever they occur in applicant text (evidence text and snippets, cell values,
//! notes):
//! - the applicant's own name, contact and protected values (`values_to_hide`): each whole value,
//!   and each of its words that has at least two letters (for an e-mail address, the words before
//!   the `@`), as whole words and in their possessive and inflected forms (`Mettes`, `Holm's`,
//!   `Jens'`, `Zorbakkens`, `Kjærgaarden`), its words written together (`AnneMette` for Anne
//!   Mette), and the initials of a name of two words or more (`MKH`, `M.K.H.`, `M. Holm`);
//! - anything shaped like an e-mail address (`x@y.z`);
//! - anything shaped like a Danish phone number: 8 digits (after an optional `+45`, `(+45)` or
//!   `0045`), written as one run, in pairs or fours (`12 34 56 78`, `1234-5678`, `20.12.34.56`),
//!   or in any groups separated by spaces; a year range (`2010-2018`) and a date (`20.12.2019`,
//!   `2019-12-20`) are not phone numbers;
//! - anything shaped like a Danish CPR number: ten digits whose first six form a valid date,
//!   however grouped and separated (`121266-1234`, `1212661234`, `121266–1234`, `12.12.66-1234`,
//!   `121266/1234`).
//!
//! Text is compared the way matching compares it, and more loosely still: composed and
//! decomposed Unicode alike (NFC/NFD), case-insensitively, with format characters (soft hyphen,
//! zero-width characters, bidirectional controls) ignored, with look-alike letters from other
//! scripts read as their Latin prototypes (Unicode's confusables, so a Cyrillic `е` in `Mеtte` is
//! an `e`), and with `æ`/`ae`, `ø`/`oe`, `å`/`aa`/`a` read alike (`Kjaergaard`, `Kjærgård`).
//! Digits are read after compatibility normalisation (full-width digits are digits), with format
//! characters between them ignored.
//!
//! A redacted span always covers whole words, so that no output shows a part of a redacted word,
//! and a snippet cut in the middle of a word loses that partial word (`…ette Holm` cannot leave
//! half a name behind). Redaction is deliberately generous: a word that happens to equal a name
//! word, or a year range written with spaces (`2019 2020`), is hidden too, which costs a little
//! evidence and never reveals anyone.
//!
//! Diagnostics are redacted structurally ([`blind_diagnostic`]): the cell text a warning quotes is
//! replaced, whatever it holds.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::diagnostic::Diagnostic;
use crate::inert::is_format;
use crate::score::{Detail, Scorecard, Value};

/// What redacted text is replaced by.
pub const MARKER: &str = "▇▇▇";

/// A scorecard as blind output shows it: the name removed, and `values_to_hide` and every
/// e-mail-, phone- and CPR-like substring redacted from all applicant text; warnings without the
/// cell text they quote.
pub fn redact_scorecard(card: &Scorecard, values_to_hide: &[String]) -> Scorecard {
    let mut card = card.clone();
    card.name.clear();
    card.hidden.clear();
    let redactor = Redactor::new(values_to_hide);
    for competency in &mut card.competencies {
        for criterion in &mut competency.criteria {
            redact_detail(&mut criterion.detail, &redactor);
        }
    }
    for requirement in &mut card.requirements {
        redact_detail(&mut requirement.detail, &redactor);
    }
    for warning in &mut card.warnings {
        *warning = blind_diagnostic(warning);
    }
    card
}

/// [`redact_scorecard`] with the card's own name, contact and protected values.
pub fn blind_scorecard(card: &Scorecard) -> Scorecard {
    redact_scorecard(card, &card.hidden)
}

/// A diagnostic as blind output shows it: the cell text it quotes replaced by [`MARKER`].
///
/// ```
/// use profilmatch::diagnostic::{Diagnostic, Kind};
/// use profilmatch::error::Location;
/// use profilmatch::redact::blind_diagnostic;
/// let location = Location { path: "a.csv".into(), line: Some(2), column: Some(13) };
/// let warning = Diagnostic::new(location, Kind::NeitherYesNorNo).column("flag").value("ja Zinnemark");
/// assert_eq!(
///     blind_diagnostic(&warning).to_string(),
///     "a.csv:2:13: column 'flag': '▇▇▇' is neither yes nor no; credit 0"
/// );
/// ```
pub fn blind_diagnostic(diagnostic: &Diagnostic) -> Diagnostic {
    let mut diagnostic = diagnostic.clone();
    if diagnostic.value.is_some() {
        diagnostic.value = Some(MARKER.to_string());
    }
    if let crate::diagnostic::Kind::LeftOutOfJoin { reason } = &mut diagnostic.kind {
        **reason = blind_diagnostic(reason);
    }
    diagnostic
}

/// `text` with `values_to_hide` and every e-mail-, phone- and CPR-like substring replaced by [`MARKER`].
///
/// ```
/// use profilmatch::redact::redact_text;
/// let hide = ["Mette Holm".to_string()];
/// assert_eq!(
///     redact_text("METTES skriver fra mette@x.dk, tlf. +45 20 12 34 56, cpr 010203-1234", &hide),
///     "▇▇▇ skriver fra ▇▇▇, tlf. ▇▇▇, cpr ▇▇▇"
/// );
/// ```
pub fn redact_text(text: &str, values_to_hide: &[String]) -> String {
    Redactor::new(values_to_hide).redact(text)
}

/// A table of applicant records as blind output shows it: the `hidden` columns (name, contact and
/// protected, as a rubric names them) left out, and every other cell redacted with its own row's
/// hidden values and every e-mail-, phone- and CPR-like substring (`profilmatch extract --blind`).
///
/// ```
/// use profilmatch::redact::blind_table;
/// let mut header = vec!["id".to_string(), "name".to_string(), "cv".to_string()];
/// let mut rows = vec![vec!["A1".to_string(), "Mette Holm".to_string(), "Mettes CV, tlf 20 12 34 56".to_string()]];
/// blind_table(&mut header, &mut rows, &[1]);
/// assert_eq!(header, ["id", "cv"]);
/// assert_eq!(rows[0], ["A1", "▇▇▇ CV, tlf ▇▇▇"]);
/// ```
pub fn blind_table(header: &mut Vec<String>, rows: &mut [Vec<String>], hidden: &[usize]) {
    let kept = |i: &usize| !hidden.contains(i);
    *header = header.iter().enumerate().filter(|(i, _)| kept(i)).map(|(_, h)| h.clone()).collect();
    for row in rows {
        let values: Vec<String> = hidden
            .iter()
            .filter_map(|&c| row.get(c))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(String::from)
            .collect();
        let redactor = Redactor::new(&values);
        *row = row.iter().enumerate().filter(|(i, _)| kept(i)).map(|(_, cell)| redactor.redact(cell)).collect();
    }
}

/// Whether [`redact_text`] would change `text`: it holds one of `values_to_hide`, or an e-mail
/// address, phone or CPR number.
pub fn reveals(text: &str, values_to_hide: &[String]) -> bool {
    !Redactor::new(values_to_hide).spans(text).is_empty()
}

fn redact_detail(detail: &mut Detail, redactor: &Redactor) {
    match &mut detail.value {
        Some(Value::Text(text)) => *text = redactor.redact(text),
        Some(Value::Number(n)) => {
            // A number cell loses a phone's `+` and a CPR number's leading zero: check those forms too.
            let shown = n.to_string();
            if [shown.clone(), format!("+{shown}"), format!("0{shown}")].iter().any(|s| !redactor.spans(s).is_empty()) {
                detail.value = Some(Value::Text(MARKER.to_string()));
            }
        }
        None => {}
    }
    if let Some(note) = &mut detail.note {
        *note = redactor.redact(note);
    }
    for evidence in &mut detail.evidence {
        evidence.text = redactor.redact(&evidence.text);
        evidence.snippet = redactor.redact(&trim_cut_words(&evidence.snippet));
        evidence.sentence = redactor.redact(&trim_cut_words(&evidence.sentence));
        // A denial or aspiration cue is quoted from the applicant's text too.
        if let Some(reason) = &mut evidence.reason {
            *reason = redactor.redact(reason);
        }
        // A document's file name may hold the applicant's name (`CV Mette Holm.pdf`).
        if let Some(source) = &mut evidence.source {
            source.document = redactor.redact(&source.document);
        }
    }
}

/// One applicant's values to hide, folded once, and the patterns every applicant's text is
/// searched for.
#[derive(Debug, Default)]
struct Redactor {
    /// Single words (folded), hidden with their inflected forms.
    words: Vec<Vec<char>>,
    /// Whole values as sequences of folded words, hidden where they occur in a row.
    phrases: Vec<Vec<Vec<char>>>,
    /// The initials (folded) of each name of two words or more.
    initials: Vec<Vec<char>>,
}

impl Redactor {
    fn new(values_to_hide: &[String]) -> Redactor {
        let mut redactor = Redactor::default();
        for value in values_to_hide {
            let value = value.trim();
            let folded = Folded::new(value);
            let words: Vec<Vec<char>> = folded.words().map(|w| folded.chars_of(w)).collect();
            if words.is_empty() {
                continue;
            }
            // An e-mail address's domain words (`gmail`, `dk`) identify nobody.
            let own = value.split_once('@').map_or(value, |(local, _)| local);
            let own_words = Folded::new(own);
            for word in own_words.words().map(|w| own_words.chars_of(w)) {
                let letters = word.iter().filter(|c| c.is_alphabetic()).count();
                if letters >= 2 || (words.len() == 1 && word.len() >= 2) {
                    redactor.words.push(word);
                }
            }
            if words.len() > 1 && !value.contains('@') {
                // A double name written as one word (`AnneMette`, `KjærgaardHolm`).
                for pair in words.windows(2) {
                    redactor.words.push(pair.concat());
                }
                redactor.words.push(words.concat());
            }
            if words.len() > 1 {
                if value.split_whitespace().count() >= 2
                    && value.chars().all(|c| c.is_alphabetic() || " -.'’".contains(c))
                {
                    redactor.initials.push(words.iter().map(|w| w[0]).collect());
                }
                redactor.phrases.push(words);
            }
        }
        redactor.words.sort();
        redactor.words.dedup();
        redactor
    }

    fn redact(&self, text: &str) -> String {
        replace(text, self.spans(text))
    }

    /// The byte ranges of `text` to hide, each covering whole words, merged where only spaces
    /// separate them.
    fn spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        if !self.words.is_empty() || !self.phrases.is_empty() {
            let folded = Folded::new(text);
            self.find_words(&folded, &mut spans);
            self.find_phrases(&folded, &mut spans);
            self.find_initials(text, &mut spans);
        }
        let clean = Clean::new(text);
        let mut found = Vec::new();
        emails(&clean.text, &mut found);
        numbers(&clean.text, &mut found);
        spans.extend(found.into_iter().map(|r| clean.original(r)));
        merge(text, spans)
    }

    fn find_words(&self, folded: &Folded<'_>, spans: &mut Vec<Range<usize>>) {
        for word in folded.words() {
            let chars = folded.chars_of(word.clone());
            for needle in &self.words {
                if let Some(rest) = chars.strip_prefix(needle.as_slice())
                    && is_inflection(needle.len(), rest)
                {
                    spans.push(folded.with_possessive(folded.original(word.clone())));
                }
            }
        }
    }

    fn find_phrases(&self, folded: &Folded<'_>, spans: &mut Vec<Range<usize>>) {
        let words: Vec<Range<usize>> = folded.words().collect();
        for phrase in &self.phrases {
            for start in 0..words.len().saturating_sub(phrase.len() - 1) {
                let window = &words[start..start + phrase.len()];
                if window.iter().zip(phrase).all(|(w, p)| folded.chars_of(w.clone()) == *p) {
                    let first = folded.original(window[0].clone());
                    let last = folded.original(window[window.len() - 1].clone());
                    spans.push(first.start..last.end);
                }
            }
        }
    }

    /// Initials: `MKH`, `M.K.H.`, `M. K. H.` (two or more, in the name's order), and a single
    /// initial before a redacted name word (`M. Holm`).
    fn find_initials(&self, text: &str, spans: &mut Vec<Range<usize>>) {
        if self.initials.is_empty() {
            return;
        }
        let fold = |c: char| Folded::new(&c.to_string()).chars.first().map(|f| f.0);
        let is_initials =
            |letters: &[char]| letters.len() >= 2 && self.initials.iter().any(|name| is_subsequence(letters, name));
        let tokens = initial_tokens(text);
        let mut i = 0;
        while i < tokens.len() {
            let (range, letters) = &tokens[i];
            let folded_letters: Vec<char> = letters.iter().filter_map(|c| fold(*c)).collect();
            if letters.len() > 1 && is_initials(&folded_letters) {
                spans.push(range.clone());
                i += 1;
                continue;
            }
            // A run of single dotted initials: `M.K.H.`, `M. K. H.`.
            let mut end = i;
            let mut run = Vec::new();
            while end < tokens.len()
                && tokens[end].1.len() == 1
                && (end == i || joined(text, &tokens[end - 1].0, &tokens[end].0))
            {
                run.extend(tokens[end].1.iter().filter_map(|c| fold(*c)));
                end += 1;
            }
            if end > i + 1 && is_initials(&run) {
                spans.push(tokens[i].0.start..tokens[end - 1].0.end);
                i = end;
            } else {
                i += 1;
            }
        }
        // A single initial right before a name word already hidden.
        let hidden: Vec<Range<usize>> = spans.clone();
        for (range, letters) in &tokens {
            let Some(letter) = letters.first().copied().filter(|_| letters.len() == 1).and_then(fold) else {
                continue;
            };
            let after = text[range.end..].trim_start();
            let next = range.end + (text.len() - range.end - after.len());
            if next > range.end
                && self.initials.iter().any(|name| name.contains(&letter))
                && hidden.iter().any(|h| h.start == next)
            {
                spans.push(range.start..next);
            }
        }
    }
}

/// Whether `rest`, what follows a name word inside a text word, makes it an inflected form of it:
/// a Danish genitive `s`, or for words of four letters or more a plural or definite ending.
fn is_inflection(needle_len: usize, rest: &[char]) -> bool {
    const SHORT: &[&str] = &["", "s"];
    const LONG: &[&str] = &["", "s", "e", "es", "en", "ens", "er", "ers", "erne", "ernes", "ne", "nes", "n", "ns"];
    let rest: String = rest.iter().collect();
    let endings = if needle_len >= 4 { LONG } else { SHORT };
    endings.contains(&rest.as_str())
}

fn is_subsequence(letters: &[char], name: &[char]) -> bool {
    let mut name = name.iter();
    letters.iter().all(|l| name.any(|n| n == l))
}

/// Tokens that may be initials: a single capital letter followed by `.`, or a word of two to four
/// capital letters; each with its byte range (a dot included) and its letters.
fn initial_tokens(text: &str) -> Vec<(Range<usize>, Vec<char>)> {
    let mut tokens = Vec::new();
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric() || is_format(c) || is_combining_mark(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    for range in words {
        let letters: Vec<char> = text[range.clone()].chars().filter(|c| c.is_alphabetic()).collect();
        let all_capitals = letters.iter().all(|c| c.is_uppercase())
            && text[range.clone()].chars().all(|c| c.is_alphabetic() || is_format(c) || is_combining_mark(c));
        let dotted = text[range.end..].starts_with('.');
        if !all_capitals || letters.is_empty() {
            continue;
        }
        match letters.len() {
            1 if dotted => tokens.push((range.start..range.end + 1, letters)),
            2..=4 => tokens.push((range.start..range.end + usize::from(dotted), letters)),
            _ => {}
        }
    }
    tokens
}

/// Whether two initials are written together: only spaces between them.
fn joined(text: &str, first: &Range<usize>, second: &Range<usize>) -> bool {
    first.end <= second.start && text[first.end..second.start].chars().all(char::is_whitespace)
}

/// Sorts spans, grows them to whole words and joins those that overlap or that only whitespace
/// separates (a full name becomes one marker).
fn merge(text: &str, mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    for span in &mut spans {
        *span = whole_words(text, span.clone());
    }
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end || text[last.end..span.start].chars().all(char::is_whitespace) => {
                last.end = last.end.max(span.end);
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// A span grown to the word boundaries around it, so that no part of a redacted word is shown.
fn whole_words(text: &str, span: Range<usize>) -> Range<usize> {
    let in_word = |c: char| c.is_alphanumeric() || is_format(c) || is_combining_mark(c);
    let start =
        text[..span.start].char_indices().rev().take_while(|(_, c)| in_word(*c)).last().map_or(span.start, |(i, _)| i);
    let end = span.end + text[span.end..].find(|c: char| !in_word(c)).unwrap_or(text.len() - span.end);
    start..end
}

fn replace(text: &str, spans: Vec<Range<usize>>) -> String {
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for span in spans {
        out.push_str(&text[done..span.start]);
        out.push_str(MARKER);
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}

/// A text folded for comparing names: per original character (a base character with its
/// combining marks, format characters dropped), its folded characters and where it came from.
///
/// Folding: NFC, lowercase, `æ ä → a`, `ø ö → o`, `å → a`, `ü → u`, `ß → ss`, compatibility
/// decomposition without marks, Unicode's confusable prototype (UTS #39 skeleton), lowercase;
/// then `aa`, `ae` → `a`, `oe` → `o`, `ue` → `u`, so that every Danish spelling of a name
/// folds alike.
struct Folded<'a> {
    text: &'a str,
    /// Folded characters, each with the byte range of the original it came from.
    chars: Vec<(char, Range<usize>)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Folded<'a> {
        let mut chars: Vec<(char, Range<usize>)> = Vec::with_capacity(text.len());
        let mut cluster = String::new();
        let mut cluster_start = 0;
        let flush = |cluster: &mut String, range: Range<usize>, chars: &mut Vec<(char, Range<usize>)>| {
            if !cluster.is_empty() {
                for c in fold_cluster(cluster) {
                    chars.push((c, range.clone()));
                }
                cluster.clear();
            }
        };
        for (i, c) in text.char_indices() {
            if is_format(c) {
                continue;
            }
            if !is_combining_mark(c) {
                flush(&mut cluster, cluster_start..i, &mut chars);
                cluster_start = i;
            }
            cluster.push(c);
        }
        flush(&mut cluster, cluster_start..text.len(), &mut chars);
        Folded { text, chars: collapse_digraphs(chars) }
    }

    /// The words: maximal runs of alphanumeric folded characters, as index ranges into `chars`.
    fn words(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < self.chars.len() && !self.chars[i].0.is_alphanumeric() {
                i += 1;
            }
            let start = i;
            while i < self.chars.len() && self.chars[i].0.is_alphanumeric() {
                i += 1;
            }
            (i > start).then_some(start..i)
        })
    }

    fn chars_of(&self, word: Range<usize>) -> Vec<char> {
        self.chars[word].iter().map(|(c, _)| *c).collect()
    }

    /// The original byte range of folded characters `word`.
    fn original(&self, word: Range<usize>) -> Range<usize> {
        self.chars[word.start].1.start..self.chars[word.end - 1].1.end
    }

    /// `span` with a possessive apostrophe after it (`Holm's`, `Jens'`, `Holm’s`).
    fn with_possessive(&self, span: Range<usize>) -> Range<usize> {
        let rest = &self.text[span.end..];
        for apostrophe in ['\'', '’', '´', '`'] {
            if let Some(after) = rest.strip_prefix(apostrophe) {
                let s = usize::from(after.starts_with(['s', 'S']) && !after[1..].starts_with(char::is_alphanumeric));
                return span.start..span.end + apostrophe.len_utf8() + s;
            }
        }
        span
    }
}

fn fold_cluster(cluster: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(cluster.len());
    let composed: String = cluster.nfc().collect();
    for c in composed.chars().flat_map(char::to_lowercase) {
        let danish = match c {
            'æ' | 'ä' | 'å' => "a",
            'ø' | 'ö' => "o",
            'ü' => "u",
            'ß' => "ss",
            _ => "",
        };
        if !danish.is_empty() {
            out.extend(danish.chars());
            continue;
        }
        for d in c.to_string().nfkd().filter(|d| !is_combining_mark(*d)) {
            let skeleton: String = unicode_security::confusable_detection::skeleton(&d.to_string()).collect();
            out.extend(skeleton.chars().filter(|s| !is_combining_mark(*s)).flat_map(char::to_lowercase));
        }
    }
    out
}

/// `aa`, `ae` → `a`; `oe` → `o`; `ue` → `u` (the second character's range joins the first's).
fn collapse_digraphs(chars: Vec<(char, Range<usize>)>) -> Vec<(char, Range<usize>)> {
    let mut out: Vec<(char, Range<usize>)> = Vec::with_capacity(chars.len());
    for (c, range) in chars {
        if let Some((last, last_range)) = out.last_mut()
            && matches!((*last, c), ('a', 'a') | ('a', 'e') | ('o', 'e') | ('u', 'e'))
            && last_range.end <= range.start
        {
            last_range.end = range.end;
            continue;
        }
        out.push((c, range));
    }
    out
}

/// A text with format characters removed and every character in its compatibility form (a
/// full-width digit is a digit), mapping back to the original's byte ranges.
struct Clean {
    text: String,
    /// For each byte of `text`, where its character came from (by character start).
    map: Vec<(usize, Range<usize>)>,
}

impl Clean {
    fn new(original: &str) -> Clean {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            if is_format(c) {
                continue;
            }
            let range = i..i + c.len_utf8();
            let mut one = [0u8; 4];
            let compatible: String =
                if c.is_ascii() { c.encode_utf8(&mut one).to_string() } else { c.to_string().nfkc().collect() };
            // Only one-character forms are taken: `½` stays `½`, never `1⁄2`.
            let shown = if compatible.chars().count() == 1 { compatible } else { c.to_string() };
            map.push((text.len(), range));
            text.push_str(&shown);
        }
        Clean { text, map }
    }

    /// The original byte range of `range` in the clean text.
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let first = self.map.partition_point(|(at, _)| *at <= range.start).saturating_sub(1);
        let last = self.map.partition_point(|(at, _)| *at < range.end).saturating_sub(1);
        match (self.map.get(first), self.map.get(last)) {
            (Some(a), Some(b)) => a.1.start..b.1.end,
            _ => 0..0,
        }
    }
}

fn emails(text: &str, spans: &mut Vec<Range<usize>>) {
    let local = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
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

/// A run of digits and the separator before it.
struct Group {
    range: Range<usize>,
    digits: usize,
    /// The separator before this group: `None` for the first, else whether it was spaces only.
    spaced: Option<bool>,
}

/// Characters that may stand alone or between spaces between the digit groups of a number.
const PUNCT: &[char] = &['-', '–', '—', '‐', '‑', '−', '.', '/', '(', ')'];

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

fn numbers(text: &str, spans: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let before = text[..i].trim_end_matches(is_space);
        let plus = before.ends_with('+') || before.ends_with("(+");
        let (groups, end) = digit_groups(text, i);
        phone_and_cpr_windows(text, plus, &groups, spans);
        i = end.max(i + 1);
    }
}

/// The digit groups from `start`, each separated from the last by spaces and at most two of [`PUNCT`].
fn digit_groups(text: &str, start: usize) -> (Vec<Group>, usize) {
    let mut groups = Vec::new();
    let mut i = start;
    let mut spaced = None;
    loop {
        let group_start = i;
        i += text[i..].find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len() - i);
        groups.push(Group { range: group_start..i, digits: i - group_start, spaced });
        let separator_end =
            text[i..].find(|c: char| !(is_space(c) || PUNCT.contains(&c))).map_or(text.len(), |k| i + k);
        let separator = &text[i..separator_end];
        let punct = separator.chars().filter(|c| PUNCT.contains(c)).count();
        let next_is_digit = text[separator_end..].starts_with(|c: char| c.is_ascii_digit());
        if separator.is_empty() || separator.chars().count() > 3 || punct > 2 || !next_is_digit {
            return (groups, i);
        }
        spaced = Some(punct == 0);
        i = separator_end;
    }
}

fn phone_and_cpr_windows(text: &str, plus: bool, groups: &[Group], spans: &mut Vec<Range<usize>>) {
    for first in 0..groups.len() {
        let mut digits = 0;
        for last in first..groups.len() {
            digits += groups[last].digits;
            if digits > 12 {
                break;
            }
            let window = &groups[first..=last];
            let all_digits: String = window.iter().map(|g| &text[g.range.clone()]).collect();
            // +45, (+45), 0045, or 45 written as a group of its own (`45 12 34 56 78`).
            let country = all_digits
                .strip_prefix("0045")
                .or_else(|| all_digits.strip_prefix("45").filter(|_| (first == 0 && plus) || window[0].digits == 2));
            let hit = country.is_some_and(|rest| rest.len() == 8)
                || is_phone(text, window, digits)
                || (digits == 10 && valid_date(&all_digits[..6]));
            if hit {
                let start = window[0].range.start;
                // A leading `+` or `(+` belongs to the number.
                let start = if first == 0 && plus {
                    text[..start].rfind('+').map_or(start, |p| if text[..p].ends_with('(') { p - 1 } else { p })
                } else {
                    start
                };
                spans.push(start..window[window.len() - 1].range.end);
            }
        }
    }
}

/// 8 digits: in groups separated by spaces only, or as one run, pairs or fours (or 2-2-4, 4-2-2)
/// with any separators; but not a year range (`2010-2018`) or a date (`20.12.2019`, `2019-12-20`).
fn is_phone(text: &str, window: &[Group], digits: usize) -> bool {
    if digits != 8 {
        return false;
    }
    let spaced = window.iter().skip(1).all(|g| g.spaced == Some(true));
    let sizes: Vec<usize> = window.iter().map(|g| g.digits).collect();
    let number = |k: usize| text[window[k].range.clone()].parse::<u32>().unwrap_or(0);
    let year = |k: usize| (1900..=2099).contains(&number(k));
    let month = |k: usize| (1..=12).contains(&number(k));
    let day = |k: usize| (1..=31).contains(&number(k));
    match sizes.as_slice() {
        [4, 4] if !spaced && year(0) && year(1) => false,
        [2, 2, 4] if !spaced && day(0) && month(1) && year(2) => false,
        [4, 2, 2] if !spaced && year(0) && month(1) && day(2) => false,
        [8] | [2, 2, 2, 2] | [4, 4] | [2, 2, 4] | [4, 2, 2] => true,
        _ => spaced,
    }
}

/// Whether `DDMMYY` is a date (a CPR number's first six digits).
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
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || "+-–.()/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> String {
        redact_text(text, &[])
    }

    fn hide(text: &str, values: &[&str]) -> String {
        let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        redact_text(text, &values)
    }

    #[test]
    fn own_values_and_their_words_are_hidden_as_whole_words() {
        assert_eq!(
            hide("mette KJÆRGAARD født 1971, ikke 19711; Holmegaard K", &["Mette Kjærgaard Holm", "1971", "K"]),
            "▇▇▇ født ▇▇▇, ikke 19711; Holmegaard K"
        );
    }

    #[test]
    fn names_are_found_in_every_spelling() {
        let name = ["Mette Kjærgaard Holm"];
        // Decomposed å (a + U+030A), æ written ae, å written aa or a.
        assert_eq!(hide("Kjaergaard og Kjærgård og Kjargaard", &name), "▇▇▇ og ▇▇▇ og ▇▇▇");
        assert_eq!(hide("Kjærga\u{30a}rd", &name), "▇▇▇");
        // A soft hyphen, a zero-width space, a Cyrillic е.
        assert_eq!(hide("Met\u{ad}te Hol\u{200b}m", &name), "▇▇▇");
        assert_eq!(hide("M\u{435}tte", &name), "▇▇▇");
        // A name written decomposed in the file, and composed in the text.
        assert_eq!(hide("Søren ansøger", &["So\u{338}ren"]), "▇▇▇ ansøger");
    }

    #[test]
    fn possessive_and_inflected_forms_are_hidden_whole() {
        let name = ["Mette Holm", "Zorbakken"];
        assert_eq!(hide("Mettes og Holms erfaring", &name), "▇▇▇ og ▇▇▇ erfaring");
        assert_eq!(hide("Zorbakkens erfaring, Holm's plan, Holm’s", &name), "▇▇▇ erfaring, ▇▇▇ plan, ▇▇▇");
        // Another word that begins like a name is not an inflection.
        assert_eq!(hide("Holmegaard", &name), "Holmegaard");
        // A double name written as one word.
        assert_eq!(hide("hilsen AnneMette og MetteHolms", &["Anne Mette Holm"]), "hilsen ▇▇▇ og ▇▇▇");
    }

    #[test]
    fn initials_are_hidden() {
        let name = ["Mette Kjærgaard Holm"];
        assert_eq!(hide("skrevet af MKH, M.K.H. og M. K. H.", &name), "skrevet af ▇▇▇, ▇▇▇ og ▇▇▇");
        assert_eq!(hide("hilsen M. Holm", &name), "hilsen ▇▇▇");
        // Initials in another order, and lower case, are left.
        assert_eq!(hide("HKM og mkh", &name), "HKM og mkh");
    }

    #[test]
    fn phone_numbers_in_danish_shapes() {
        for phone in [
            "20123456",
            "+45 20 12 34 56",
            "+4520123456",
            "0045 2012 3456",
            "20-12-34-56",
            "2012-3456",
            "20.12.34.56",
            "1234 5678",
            "(+45) 20 12 34 56",
            "+45-20-12-34-56",
            "45 20 12 34 56",
            "２０１２３４５６",
        ] {
            assert_eq!(r(&format!("ring {phone} nu")), "ring ▇▇▇ nu", "{phone}");
        }
        // A year range, dates, an amount and a short number are not phones.
        assert_eq!(r("2010-2018: 4.850.000 kr, 165 ansatte"), "2010-2018: 4.850.000 kr, 165 ansatte");
        assert_eq!(r("20.12.2019 og 2019-12-20 og 12.500.000"), "20.12.2019 og 2019-12-20 og 12.500.000");
    }

    #[test]
    fn cpr_numbers_however_written() {
        for cpr in [
            "010203-1234",
            "0102031234",
            "010203 1234",
            "010203–1234",
            "010203\u{2010}1234",
            "010203/1234",
            "01.02.03-1234",
            "0102\u{200b}03-1234",
        ] {
            assert_eq!(r(&format!("cpr {cpr}.")), "cpr ▇▇▇.", "{cpr}");
        }
        // 32 is no day and 13 no month: ten digits that are not a date stay.
        assert_eq!(r("sag 3213991234"), "sag 3213991234");
    }

    #[test]
    fn emails() {
        assert_eq!(r("skriv til a.b+c@x-y.example.dk."), "skriv til ▇▇▇.");
        assert_eq!(r("mødes @ rådhuset"), "mødes @ rådhuset");
        // A contact e-mail's domain words are not hidden elsewhere.
        assert_eq!(hide("www.gmail.com og anna", &["anna.b@gmail.com"]), "www.gmail.com og ▇▇▇");
    }

    #[test]
    fn no_part_of_a_redacted_word_is_shown() {
        // The CPR number runs into letters: the whole word goes.
        assert_eq!(r("nr0102031234x ok"), "▇▇▇ ok");
        assert_eq!(trim_cut_words("…ette Holm leder budget 34 56 og mere…"), "…Holm leder budget 34 56 og…");
        assert_eq!(trim_cut_words("…12 34 56 leder budget og 20 12…"), "…leder budget og…");
        assert_eq!(trim_cut_words("hele teksten"), "hele teksten");
    }

    #[test]
    fn folding_maps_back_to_the_original_bytes() {
        // 'İ' lower-cases to two characters; the match after it must still land on "holm".
        assert_eq!(hide("İ Holm", &["holm"]), "İ ▇▇▇");
    }

    #[test]
    fn revealing_is_redacting_something() {
        assert!(reveals("0102031234", &[]));
        assert!(reveals("mette-holm", &["Mette Holm".into()]));
        assert!(!reveals("A001", &["Mette Holm".into()]));
    }
}
