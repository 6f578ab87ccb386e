//! Sentences, clauses and suspended hyphens: how a field's words are grouped before their context
//! is read (docs/rubric-format.md §8, "Sentences and clauses").
//!
//! Everything here looks only at the text *between* words (the gaps: spaces, punctuation, line
//! breaks) and at a few function words, so it costs one pass over the words of a field.
//!
//! - A **sentence** ends at a line break, at a bullet or `|`, and at `.`, `!` or `?` followed by a
//!   space when the next word does not start with a lowercase letter or a digit (so `ca. 165`,
//!   `cand.polit. fra` and `4,8 mia. kr.` stay one sentence).
//! - A **clause** ends inside a sentence at `;`, `(`, `)`, `[`, `]`, a dash with spaces on both
//!   sides, before a contrast word (`men`, `but`, …), and at a comma followed by a word that opens
//!   a clause (`jeg`, `som`, `which`, …; after an optional `og`/`and`).
//! - A **suspended** word hangs on a hyphen (`børne-` in `børne- og skoleudvalget`) and is completed
//!   by the word after the next coordinator (`og`, `eller`, `and`, …).

use std::borrow::Cow;
use std::ops::Range;

use super::normalize;

/// Bullets and separators that start a new sentence wherever they stand.
const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '●', '■', '►', '▸', '|', '✓', '✔'];

/// The normalised word at `pos`: the token itself, recovered from its span (a span that holds
/// several tokens, as `½` does, gives the one at the right index among them).
pub fn word_at<'t>(text: &'t str, spans: &[Range<usize>], pos: usize) -> Cow<'t, str> {
    let Some(span) = spans.get(pos) else {
        return Cow::Borrowed("");
    };
    let raw = &text[span.clone()];
    let simple = raw.bytes().all(|b| b.is_ascii_alphanumeric());
    if simple {
        return if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        };
    }
    // Tokens that share a span: which of them is this one?
    let index = spans[..pos].iter().rev().take_while(|s| *s == span).count();
    if index == 0 && spans.get(pos + 1) != Some(span) {
        // A word of ASCII and Danish letters alone in its span (the common case): folded as
        // `word_is` folds, without normalising the text.
        let mut folded = String::with_capacity(raw.len() + 2);
        let all = raw.chars().all(|c| {
            fold(c).map(|(bytes, len)| bytes[..len].iter().for_each(|&b| folded.push(char::from(b)))).is_some()
        });
        if all {
            return Cow::Owned(folded);
        }
    }
    let normalized = normalize(raw);
    Cow::Owned(super::tokens(&normalized).nth(index).unwrap_or("").to_string())
}

/// The text between the word at `pos - 1` and the word at `pos` (empty when they share a span).
pub fn gap_before<'t>(text: &'t str, spans: &[Range<usize>], pos: usize) -> &'t str {
    match (pos.checked_sub(1).and_then(|p| spans.get(p)), spans.get(pos)) {
        (Some(before), Some(this)) if before.end <= this.start => &text[before.end..this.start],
        _ => "",
    }
}

/// The text after the word at `pos`, up to the next word (or the end of the text).
pub fn gap_after<'t>(text: &'t str, spans: &[Range<usize>], pos: usize) -> &'t str {
    let Some(this) = spans.get(pos) else {
        return "";
    };
    let end = spans[pos + 1..].iter().find(|s| s.start >= this.end).map_or(text.len(), |s| s.start);
    &text[this.end..end]
}

/// The positions where sentences start, into `out` (the first is 0 when there are words).
pub fn sentence_starts(text: &str, spans: &[Range<usize>], out: &mut Vec<u32>) {
    out.clear();
    if spans.is_empty() {
        return;
    }
    out.push(0);
    let bytes = text.as_bytes();
    for (pos, pair) in spans.windows(2).enumerate() {
        let (end, start) = (pair[0].end, pair[1].start);
        // Most gaps are one space, or none (tokens of one run): no boundary.
        if start <= end || (start == end + 1 && bytes[end] == b' ') {
            continue;
        }
        if ends_sentence(&text[end..start], &text[start..pair[1].end]) {
            out.push(pos as u32 + 1);
        }
    }
}

/// Whether the gap before a word (as written) ends a sentence.
pub fn ends_sentence(gap: &str, next: &str) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    if gap.is_ascii() {
        // The common case, byte by byte.
        let bytes = gap.as_bytes();
        if bytes.iter().any(|&b| matches!(b, b'\n' | b'\r' | b'|')) {
            return true;
        }
        let Some(mark) = bytes.iter().position(|&b| matches!(b, b'.' | b'!' | b'?')) else {
            return false;
        };
        let spaced = bytes[mark..].iter().any(|&b| (b as char).is_whitespace());
        return spaced && !first.is_lowercase() && !first.is_ascii_digit();
    }
    if gap.contains(['\n', '\r']) || gap.contains(BULLETS) {
        return true;
    }
    let Some(mark) = gap.find(['.', '!', '?']) else {
        return false;
    };
    let spaced = gap[mark..].contains(char::is_whitespace);
    spaced && !first.is_lowercase() && !first.is_ascii_digit()
}

/// Function words that decide where clauses end (from the cue file's `[clauses]`).
#[derive(Debug, Clone, Default)]
pub struct ClauseWords {
    /// Words before which a clause always ends (`men`, `but`).
    pub contrast: Vec<String>,
    /// Words that open a clause after a comma (`jeg`, `som`, `which`).
    pub openers: Vec<String>,
    /// Coordinators: before an opener or an auxiliary they start a clause (`og jeg`, `og har`);
    /// they also join suspended words (`og`, `and`).
    pub coordinators: Vec<String>,
    /// Auxiliaries (`har`, `er`, `have`, `is`).
    pub auxiliaries: Vec<String>,
    /// Words that resume a fragment before them (`det`, `that`): "Budgetansvar – det har jeg
    /// ikke haft".
    pub resumptive: Vec<String>,
    /// First-person words, as written (case included, for English `I` is Danish `i` once
    /// normalised): a clause holding one is the applicant's own, whoever else it names.
    pub first_person: Vec<String>,
    /// Words and phrases that open a concession or a "without" (`uden`, `selv om`, `without`):
    /// such a clause ends where the main clause after it begins (see [`clause_breaks`]).
    pub concessive: Vec<Vec<String>>,
    /// Danish main-clause subjects, which follow their verb after a fronted clause (`jeg`, `vi`):
    /// "Uden at have været direktør | har jeg haft budgetansvar".
    pub subject_after_verb: Vec<String>,
    /// English main-clause subjects, as written (`I`, `we`): "Without a title | I have led …".
    pub subject_first: Vec<String>,
    /// Which of the lists above hold a word, built from them on first use (see
    /// [`ClauseWords::classes_of`]); the lists must not change after that.
    pub(crate) classes: std::sync::OnceLock<Classes>,
}

/// [`ClauseWords::classes_of`] bits: the word is in `contrast`.
const CONTRAST: u8 = 1;
/// In `openers`.
const OPENER: u8 = 1 << 1;
/// In `coordinators`.
const COORDINATOR: u8 = 1 << 2;
/// In `auxiliaries`.
const AUXILIARY: u8 = 1 << 3;
/// In `subject_after_verb`.
const SUBJECT_AFTER_VERB: u8 = 1 << 4;
/// A word of some `concessive` phrase.
const CONCESSIVE_WORD: u8 = 1 << 5;
/// The first word of some `concessive` phrase.
const CONCESSIVE_FIRST: u8 = 1 << 6;

/// The lists of [`ClauseWords`] a normalised word is in, as bits, with a first-byte filter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Classes {
    by_word: rustc_hash::FxHashMap<Box<str>, u8>,
    firsts: Firsts,
    pairs: Pairs,
}

/// The first two bytes of a list's words (ASCII letters and digits), as a set of 128 × 128 bits.
#[derive(Debug, Clone, Default)]
struct Pairs(Vec<u64>);

impl Pairs {
    fn index(a: u8, b: u8) -> usize {
        usize::from(a & 0x7F) << 7 | usize::from(b & 0x7F)
    }

    fn of(list: &[String]) -> Pairs {
        let mut bits = vec![0u64; (1 << 14) / 64];
        for w in list {
            if let [a, b, ..] = w.as_bytes() {
                let i = Pairs::index(*a, *b);
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        Pairs(bits)
    }

    /// Whether the word written at `span` may be in the list: false only when its first two bytes,
    /// lowercased, are ASCII letters or digits that begin no word of the list (a normalised word
    /// starts with them, lowercased, then). A one-letter word may be.
    fn may_hold(&self, text: &str, span: &Range<usize>) -> bool {
        match text.as_bytes().get(span.start..span.end.min(span.start + 2)) {
            Some(&[a, b]) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => {
                let i = Pairs::index(a.to_ascii_lowercase(), b.to_ascii_lowercase());
                self.0[i / 64] & (1 << (i % 64)) != 0
            }
            _ => true,
        }
    }
}

impl ClauseWords {
    fn is(list: &[String], word: &str) -> bool {
        list.iter().any(|w| w == word)
    }

    fn classes(&self) -> &Classes {
        self.classes.get_or_init(|| {
            let mut by_word = rustc_hash::FxHashMap::<Box<str>, u8>::default();
            let mut add = |word: &str, bit: u8| *by_word.entry(word.into()).or_default() |= bit;
            for (list, bit) in [
                (&self.contrast, CONTRAST),
                (&self.openers, OPENER),
                (&self.coordinators, COORDINATOR),
                (&self.auxiliaries, AUXILIARY),
                (&self.subject_after_verb, SUBJECT_AFTER_VERB),
            ] {
                for word in list {
                    add(word, bit);
                }
            }
            for phrase in &self.concessive {
                for (i, word) in phrase.iter().enumerate() {
                    add(word, if i == 0 { CONCESSIVE_WORD | CONCESSIVE_FIRST } else { CONCESSIVE_WORD });
                }
            }
            let words: Vec<String> = by_word.keys().map(|w| w.to_string()).collect();
            Classes { by_word, firsts: Firsts::of(&words), pairs: Pairs::of(&words) }
        })
    }

    /// The lists the word at `pos` is in (normalised, as [`word_is`] compares it), as bits:
    /// one hash lookup, and none for a word whose first letter begins no listed word.
    fn classes_of(&self, text: &str, spans: &[Range<usize>], pos: usize) -> u8 {
        let classes = self.classes();
        let Some(span) = spans.get(pos) else {
            return 0;
        };
        let lookup = |word: &str| classes.by_word.get(word).copied().unwrap_or(0);
        let shared = |other: &Range<usize>| other == span;
        if pos > 0 && spans.get(pos - 1).is_some_and(shared) || spans.get(pos + 1).is_some_and(shared) {
            // One of several tokens of a span (`½`): its first bytes are not the span's.
            return lookup(&word_at(text, spans, pos));
        }
        if !classes.firsts.may_hold(text, span) || !classes.pairs.may_hold(text, span) {
            return 0;
        }
        // Folded on the fly into a buffer, as `word_is` folds; longer or other words the general way.
        let mut buffer = [0u8; 32];
        let mut len = 0;
        for c in text[span.clone()].chars() {
            match fold(c) {
                Some((bytes, n)) if len + n <= buffer.len() => {
                    buffer[len..len + n].copy_from_slice(&bytes[..n]);
                    len += n;
                }
                _ => return lookup(&word_at(text, spans, pos)),
            }
        }
        // `fold` writes ASCII only.
        std::str::from_utf8(&buffer[..len]).map_or(0, lookup)
    }
}

/// The positions inside `sentence` (a range of word positions) where a new clause starts, into
/// `out` (appended, ascending; the sentence's own start is not included).
pub fn clause_breaks(
    text: &str,
    spans: &[Range<usize>],
    sentence: Range<usize>,
    words: &ClauseWords,
    out: &mut Vec<u32>,
) {
    // Which lists each word of the sentence is in, looked up once (one bit test rules most words
    // out before any lookup).
    let classes: Vec<u8> = sentence.clone().map(|pos| words.classes_of(text, spans, pos)).collect();
    let class = |pos: usize| if pos < sentence.end { classes[pos - sentence.start] } else { 0 };
    let is = |pos: usize, bits: u8| class(pos) & bits != 0;
    // A clause that opens with a concession ("Uden at have været direktør", "Selv om jeg ikke …",
    // "Without a title") ends where its main clause begins: at the verb before a Danish subject
    // ("… har jeg haft budgetansvar") or at an English subject ("… I have led"), unless the word
    // before that subject is a conjunction (then the subject is the concession's own: "uden at
    // jeg", "although I").
    let concessive = |pos: usize| {
        is(pos, CONCESSIVE_FIRST)
            && words.concessive.iter().any(|phrase| {
                phrase.iter().enumerate().all(|(i, w)| pos + i < sentence.end && word_is(text, spans, pos + i, w))
            })
    };
    let conjunction = |pos: usize| is(pos, OPENER | COORDINATOR | CONTRAST | CONCESSIVE_WORD);
    let mut conceding = concessive(sentence.start);
    for pos in sentence.start + 1..sentence.end {
        let gap = gap_before(text, spans, pos);
        // Most gaps are one space: no punctuation to read.
        let plain = gap == " ";
        let breaks = (!plain && (gap.contains([';', '(', ')', '[', ']']) || spaced_dash(gap)))
            || is(pos, CONTRAST)
            || (!plain && gap.contains(',') && is(pos, OPENER | AUXILIARY))
            || (is(pos, COORDINATOR) && is(pos + 1, OPENER | AUXILIARY))
            || (conceding
                && ((is(pos + 1, SUBJECT_AFTER_VERB) && !conjunction(pos))
                    || (written_in(text, spans, pos, &words.subject_first) && !conjunction(pos - 1))));
        if breaks {
            out.push(pos as u32);
            conceding = concessive(pos);
        }
    }
}

/// Whether [`clause_breaks`] may start a clause at `pos` (a word inside a sentence): true whenever
/// it does, and also in some places where it does not (it ignores what the clause before opened
/// with and which word comes before).
pub fn may_break_before(text: &str, spans: &[Range<usize>], pos: usize, words: &ClauseWords) -> bool {
    let gap = gap_before(text, spans, pos);
    let is = |list: &[String]| word_in(text, spans, pos, list);
    gap.contains([';', '(', ')', '[', ']'])
        || spaced_dash(gap)
        || is(&words.contrast)
        || (gap.contains(',') && (is(&words.openers) || is(&words.auxiliaries)))
        || is(&words.coordinators)
        || (pos + 1 < spans.len() && word_in(text, spans, pos + 1, &words.subject_after_verb))
        || written_in(text, spans, pos, &words.subject_first)
}

/// Whether the word at `pos` is, exactly as written, one of `list`.
pub fn written_in(text: &str, spans: &[Range<usize>], pos: usize, list: &[String]) -> bool {
    spans.get(pos).is_some_and(|span| list.iter().any(|w| text.get(span.clone()) == Some(w.as_str())))
}

/// The first bytes of a list's words, as a set of 256 bits.
#[derive(Debug, Clone, Default)]
struct Firsts([u64; 4]);

impl Firsts {
    fn of(list: &[String]) -> Firsts {
        let mut bits = [0u64; 4];
        for b in list.iter().filter_map(|w| w.as_bytes().first()) {
            bits[usize::from(*b >> 6)] |= 1 << (b & 63);
        }
        Firsts(bits)
    }

    /// Whether the word written at `span` may be in the list: false only when its first byte,
    /// lowercased, is an ASCII letter or digit that begins no word of the list (as [`word_in`]
    /// decides for each word of the list; a word starting otherwise is compared in full).
    fn may_hold(&self, text: &str, span: &Range<usize>) -> bool {
        match text.as_bytes().get(span.start).map(u8::to_ascii_lowercase) {
            Some(a) if a.is_ascii_alphanumeric() => self.0[usize::from(a >> 6)] & (1 << (a & 63)) != 0,
            _ => true,
        }
    }
}

/// Whether the word at `pos` is one of `list` (normalised words).
pub fn word_in(text: &str, spans: &[Range<usize>], pos: usize, list: &[String]) -> bool {
    // Most words share no first letter with any word of the list: compare that first.
    let first = spans.get(pos).and_then(|s| text[s.clone()].bytes().next()).map(|b| b.to_ascii_lowercase());
    list.iter().any(|w| match (first, w.as_bytes().first()) {
        (Some(a), Some(&b)) if a.is_ascii_alphanumeric() && a != b => false,
        _ => word_is(text, spans, pos, w),
    })
}

/// `hash` (FNV-1a) continued over the word at `pos`, normalised as [`word_at`] gives it, and a
/// separator byte; without allocating for words of ASCII and Danish letters (folded on the fly,
/// as [`word_is`] does).
pub fn hash_word(text: &str, spans: &[Range<usize>], pos: usize, hash: u64) -> u64 {
    let step = |hash: u64, b: u8| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let general = |hash: u64| word_at(text, spans, pos).bytes().chain([0xFF]).fold(hash, step);
    let Some(span) = spans.get(pos) else {
        return general(hash);
    };
    let shared = |other: &Range<usize>| other == span;
    if pos > 0 && spans.get(pos - 1).is_some_and(shared) || spans.get(pos + 1).is_some_and(shared) {
        return general(hash);
    }
    let mut out = hash;
    for c in text[span.clone()].chars() {
        let Some((bytes, len)) = fold(c) else {
            return general(hash);
        };
        out = bytes[..len].iter().fold(out, |h, &b| step(h, b));
    }
    step(out, 0xFF)
}

/// Whether the word at `pos` is `word` (normalised), as [`word_at`]` == word` says, but without
/// allocating for words of ASCII and Danish letters (folded on the fly: `æ` is `ae`).
pub fn word_is(text: &str, spans: &[Range<usize>], pos: usize, word: &str) -> bool {
    let Some(span) = spans.get(pos) else {
        return word.is_empty();
    };
    let shared = |other: &Range<usize>| other == span;
    if pos > 0 && spans.get(pos - 1).is_some_and(shared) || spans.get(pos + 1).is_some_and(shared) {
        // One of several tokens of a span (`½`): the general way.
        return word_at(text, spans, pos) == word;
    }
    let mut want = word.bytes();
    for c in text[span.clone()].chars() {
        let Some((bytes, len)) = fold(c) else {
            return word_at(text, spans, pos) == word;
        };
        for &b in &bytes[..len] {
            if want.next() != Some(b) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// A character of an ASCII or Danish word as normalisation writes it (lowercase, `æ` as `ae`):
/// the bytes and how many of them are used; `None` for any other character, which needs the
/// general way ([`word_at`]).
fn fold(c: char) -> Option<([u8; 2], usize)> {
    Some(match c {
        'a'..='z' | '0'..='9' => ([c as u8, 0], 1),
        'A'..='Z' => ([c.to_ascii_lowercase() as u8, 0], 1),
        'æ' | 'Æ' | 'ä' | 'Ä' => (*b"ae", 2),
        'ø' | 'Ø' | 'ö' | 'Ö' => (*b"oe", 2),
        'å' | 'Å' => (*b"aa", 2),
        'ü' | 'Ü' => (*b"ue", 2),
        _ => return None,
    })
}

/// A dash (`-`, `–`, `—`) with whitespace right before and right after it.
pub fn spaced_dash(gap: &str) -> bool {
    // Three characters take at least three bytes; most gaps are one space. No allocation: this
    // runs on every gap of a sentence whose clauses are read.
    if gap.len() < 3 {
        return false;
    }
    let mut chars = gap.chars();
    let (Some(mut a), Some(mut b)) = (chars.next(), chars.next()) else {
        return false;
    };
    for c in chars {
        if a.is_whitespace() && matches!(b, '-' | '–' | '—') && c.is_whitespace() {
            return true;
        }
        (a, b) = (b, c);
    }
    false
}

/// Suspended words and the word that completes them: `(suspended, completing)` pairs, ascending.
/// `børne- og skoleudvalget` gives (børne, skoleudvalget); `økonomi-, løn- og personaleafdelingen`
/// gives both økonomi and løn with personaleafdelingen. Only within one sentence.
pub fn suspended(
    text: &str,
    spans: &[Range<usize>],
    sentences: &[u32],
    coordinators: &[String],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let hangs = |pos: usize| {
        let gap = gap_after(text, spans, pos);
        gap.starts_with('-') && gap[1..].starts_with(|c: char| c.is_whitespace() || c == ',')
    };
    let mut pos = 0;
    while pos < spans.len() {
        if !(text.as_bytes().get(spans[pos].end) == Some(&b'-') && hangs(pos)) {
            pos += 1;
            continue;
        }
        let mut chain = vec![pos];
        let mut next = pos + 1;
        while next < spans.len() && hangs(next) {
            chain.push(next);
            next += 1;
        }
        let sentence_end = sentences.iter().find(|&&s| s as usize > pos).map_or(spans.len(), |&s| s as usize);
        // `børne- og skole…`: the word after the coordinator; `børne- & skole…`: the word after `&`.
        let completing = if next < sentence_end && ClauseWords::is(coordinators, &word_at(text, spans, next)) {
            Some(next + 1)
        } else if next < sentence_end && gap_before(text, spans, next).contains('&') {
            Some(next)
        } else {
            None
        };
        if let Some(completing) = completing.filter(|&c| c < sentence_end) {
            out.extend(chain.iter().map(|&s| (s, completing)));
        }
        pos = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize_spans;

    fn spans(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        tokenize_spans(text, &mut out);
        out.into_iter().map(|t| t.span).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let spans = spans(text);
        let mut starts = Vec::new();
        sentence_starts(text, &spans, &mut starts);
        let ends: Vec<usize> = starts.iter().skip(1).map(|&s| s as usize).chain([spans.len()]).collect();
        starts.iter().zip(ends).map(|(&s, e)| text[spans[s as usize].start..spans[e - 1].end].to_string()).collect()
    }

    #[test]
    fn sentences_end_at_marks_before_capitals_and_at_line_breaks() {
        assert_eq!(
            sentences("Jeg har ca. 165 medarbejdere. Budgettet er 4,8 mia. kr. i alt!\nNæste linje • punkt"),
            vec!["Jeg har ca. 165 medarbejdere", "Budgettet er 4,8 mia. kr. i alt", "Næste linje", "punkt"]
        );
        assert_eq!(
            sentences("cand.polit. fra KU. Political understanding. HR"),
            vec!["cand.polit. fra KU", "Political understanding", "HR"]
        );
    }

    fn clauses(text: &str) -> Vec<String> {
        let words = ClauseWords {
            contrast: vec!["men".into(), "but".into()],
            openers: vec!["jeg".into(), "i".into(), "som".into()],
            coordinators: vec!["og".into(), "and".into()],
            auxiliaries: vec!["har".into()],
            ..ClauseWords::default()
        };
        clauses_with(text, &words)
    }

    fn clauses_with(text: &str, words: &ClauseWords) -> Vec<String> {
        let spans = spans(text);
        let mut breaks = vec![0];
        clause_breaks(text, &spans, 0..spans.len(), words, &mut breaks);
        let ends: Vec<usize> = breaks.iter().skip(1).map(|&s| s as usize).chain([spans.len()]).collect();
        breaks.iter().zip(ends).map(|(&s, e)| text[spans[s as usize].start..spans[e - 1].end].to_string()).collect()
    }

    #[test]
    fn clauses_end_at_contrast_words_and_commas_before_openers() {
        assert_eq!(
            clauses("Jeg har ikke haft budgetansvar, men jeg har ledet HR"),
            vec!["Jeg har ikke haft budgetansvar", "men jeg har ledet HR"]
        );
        // A comma inside a list does not end the clause; one before "og jeg" does.
        assert_eq!(
            clauses("ingen erfaring med budget, regnskab og HR, og jeg kender ikke KL"),
            vec!["ingen erfaring med budget, regnskab og HR", "og jeg kender ikke KL"]
        );
        assert_eq!(
            clauses("budget (ikke anlæg) og drift - i 2010–2017"),
            vec!["budget", "ikke anlæg", "og drift", "i 2010–2017"]
        );
        // A coordinator before an auxiliary starts a clause, with or without a comma.
        assert_eq!(clauses("ledet økonomien og har ikke haft HR"), vec!["ledet økonomien", "og har ikke haft HR"]);
    }

    #[test]
    fn a_clause_breaks_only_where_may_break_before_allows() {
        let words =
            crate::text::cues::Cues::parse("cues.toml", crate::text::cues::SHIPPED_CUES).expect("cues").clause_words;
        let texts = [
            "Uden at have været direktør har jeg haft budgetansvar, og direktøren har HR",
            "Selv om jeg ikke var chef har jeg ledet HR; the mayor chaired it (og jeg) – men ikke budget",
            "Without a title I have led HR, which the director liked, and have advised the mayor but not KL",
            "Budgetansvar har jeg ikke haft, dog har jeg haft HR hvis det tæller, eller",
        ];
        for text in texts {
            let spans = spans(text);
            let mut breaks = Vec::new();
            clause_breaks(text, &spans, 0..spans.len(), &words, &mut breaks);
            assert!(!breaks.is_empty(), "{text}");
            for b in breaks {
                assert!(
                    may_break_before(text, &spans, b as usize, &words),
                    "{text}: {}",
                    word_at(text, &spans, b as usize)
                );
            }
        }
    }

    /// `clause_breaks` as it read before the class lookup: every list compared word by word.
    fn clause_breaks_by_lists(
        text: &str,
        spans: &[Range<usize>],
        sentence: Range<usize>,
        words: &ClauseWords,
    ) -> Vec<u32> {
        let mut out = Vec::new();
        let is = |pos: usize, list: &[String]| pos < sentence.end && word_in(text, spans, pos, list);
        let concessive = |pos: usize| {
            words.concessive.iter().any(|phrase| {
                phrase.iter().enumerate().all(|(i, w)| pos + i < sentence.end && word_is(text, spans, pos + i, w))
            })
        };
        let conjunction = |pos: usize| {
            [&words.openers, &words.coordinators, &words.contrast].iter().any(|list| word_in(text, spans, pos, list))
                || words.concessive.iter().flatten().any(|w| word_is(text, spans, pos, w))
        };
        let mut conceding = concessive(sentence.start);
        for pos in sentence.start + 1..sentence.end {
            let gap = gap_before(text, spans, pos);
            let breaks = gap.contains([';', '(', ')', '[', ']'])
                || spaced_dash(gap)
                || is(pos, &words.contrast)
                || (gap.contains(',') && (is(pos, &words.openers) || is(pos, &words.auxiliaries)))
                || (is(pos, &words.coordinators) && (is(pos + 1, &words.openers) || is(pos + 1, &words.auxiliaries)))
                || (conceding
                    && ((pos + 1 < sentence.end && is(pos + 1, &words.subject_after_verb) && !conjunction(pos))
                        || (written_in(text, spans, pos, &words.subject_first) && !conjunction(pos - 1))));
            if breaks {
                out.push(pos as u32);
                conceding = concessive(pos);
            }
        }
        out
    }

    #[test]
    fn clause_breaks_by_class_lookup_agree_with_comparing_every_list() {
        let words =
            crate::text::cues::Cues::parse("cues.toml", crate::text::cues::SHIPPED_CUES).expect("cues").clause_words;
        // Every listed word, in several spellings, among other words and gaps.
        let mut vocabulary: Vec<String> = [
            &words.contrast,
            &words.openers,
            &words.coordinators,
            &words.auxiliaries,
            &words.subject_after_verb,
            &words.subject_first,
        ]
        .into_iter()
        .flatten()
        .chain(words.concessive.iter().flatten())
        .flat_map(|w| [w.clone(), w.to_uppercase(), w.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")])
        .collect();
        vocabulary.extend(
            ["budget", "Økonomi", "½", "HR", "direktør", "I", "We", "ogsaa", "Café", "søm", "overordentligvis-lang"]
                .map(String::from),
        );
        let gaps = [" ", " ", " ", ", ", "; ", " – ", " (", ") ", " - ", ",  "];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..3000 {
            let mut text = String::new();
            for i in 0..2 + next(14) {
                if i > 0 {
                    text.push_str(gaps[next(gaps.len())]);
                }
                text.push_str(&vocabulary[next(vocabulary.len())]);
            }
            let spans = spans(&text);
            let mut fast = Vec::new();
            clause_breaks(&text, &spans, 0..spans.len(), &words, &mut fast);
            assert_eq!(fast, clause_breaks_by_lists(&text, &spans, 0..spans.len(), &words), "{text}");
        }
    }

    #[test]
    fn a_word_of_danish_letters_reads_as_normalisation_writes_it() {
        let text = "Ærø ØL åen Über Größe Café ½ 1½ mød-op x";
        let spans = spans(text);
        for pos in 0..spans.len() {
            let span = &spans[pos];
            let index = spans[..pos].iter().rev().take_while(|s| *s == span).count();
            let normalized = normalize(&text[span.clone()]);
            let general = crate::text::tokens(&normalized).nth(index).unwrap_or("").to_string();
            assert_eq!(word_at(text, &spans, pos), general, "{pos}");
        }
        assert_eq!(word_at(text, &spans, 0), "aeroe");
    }

    #[test]
    fn a_word_hashes_as_its_normalised_form() {
        let text = "Økonomi oekonomi ØKONOMI Okonomi ½ Café";
        let spans = spans(text);
        let hash = |pos: usize| hash_word(text, &spans, pos, 7);
        let general = |pos: usize| {
            word_at(text, &spans, pos)
                .bytes()
                .chain([0xFF])
                .fold(7u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
        };
        for pos in 0..spans.len() {
            assert_eq!(hash(pos), general(pos), "{pos}: {}", word_at(text, &spans, pos));
        }
        assert_eq!(hash(0), hash(1));
        assert_eq!(hash(0), hash(2));
        assert_ne!(hash(0), hash(3));
    }

    #[test]
    fn a_concession_ends_where_its_main_clause_begins() {
        let words = ClauseWords {
            openers: vec!["jeg".into(), "at".into()],
            concessive: vec![vec!["uden".into()], vec!["selv".into(), "om".into()], vec!["without".into()]],
            subject_after_verb: vec!["jeg".into()],
            subject_first: vec!["I".into()],
            ..ClauseWords::default()
        };
        let clauses = |text: &str| clauses_with(text, &words);
        // Danish: at the verb before the subject; English: at the subject.
        assert_eq!(
            clauses("Uden at have været direktør har jeg haft budgetansvar"),
            vec!["Uden at have været direktør", "har jeg haft budgetansvar"]
        );
        assert_eq!(
            clauses("Selv om jeg ikke var chef har jeg ledet HR"),
            vec!["Selv om jeg ikke var chef", "har jeg ledet HR"]
        );
        assert_eq!(clauses("Without a title I have led HR"), vec!["Without a title", "I have led HR"]);
        // After a conjunction the subject is the concession's own; and a clause that opens
        // otherwise is not cut ("Budgetansvar har jeg ikke haft").
        assert_eq!(clauses("Uden at jeg har haft budget"), vec!["Uden at jeg har haft budget"]);
        assert_eq!(clauses("Budgetansvar har jeg ikke haft"), vec!["Budgetansvar har jeg ikke haft"]);
    }

    #[test]
    fn suspended_words_are_completed_after_the_coordinator() {
        let coordinators = vec!["og".to_string(), "eller".to_string()];
        let text = "betjent børne- og skoleudvalget samt økonomi-, løn- og personaleafdelingen; it-løsninger og drift";
        let spans = spans(text);
        let mut starts = Vec::new();
        sentence_starts(text, &spans, &mut starts);
        let pairs = suspended(text, &spans, &starts, &coordinators);
        let words: Vec<(String, String)> = pairs
            .iter()
            .map(|&(s, c)| (word_at(text, &spans, s).into_owned(), word_at(text, &spans, c).into_owned()))
            .collect();
        assert_eq!(
            words,
            vec![
                ("boerne".to_string(), "skoleudvalget".to_string()),
                ("oekonomi".to_string(), "personaleafdelingen".to_string()),
                ("loen".to_string(), "personaleafdelingen".to_string()),
            ]
        );
    }

    #[test]
    fn a_spaced_dash_has_whitespace_on_both_sides() {
        let cases = [
            (" - ", true),
            (" – ", true),
            ("  —\n", true),
            (", - ", true),
            ("—", false),
            (" -", false),
            (" -- ", false),
            (", ", false),
            ("", false),
        ];
        for (gap, spaced) in cases {
            assert_eq!(spaced_dash(gap), spaced, "{gap:?}");
        }
    }

    #[test]
    fn word_is_agrees_with_word_at() {
        let text = "Jeg KENDER kun Århus, ÆBLE café ½ Straße ØKONOMI";
        let spans = spans(text);
        for pos in 0..spans.len() {
            let word = word_at(text, &spans, pos).into_owned();
            assert!(word_is(text, &spans, pos, &word), "{word}");
            assert!(!word_is(text, &spans, pos, &format!("{word}x")), "{word}");
            assert!(!word_is(text, &spans, pos, &word[..word.len() - 1]), "{word}");
        }
    }
}
