//! Text: Danish-aware normalisation and tokenisation, shared by terms, applicant text, headers and
//! choice and flag values, and the term matcher built on them.
//!
//! Normalisation is, in this order: Unicode NFC, lowercase, the Danish/German fold
//! (`æ→ae ø→oe å→aa ä→ae ö→oe ü→ue ß→ss`), then NFKD with combining marks dropped (`é→e`, `ﬁ→fi`).
//! A token is a maximal run of `char::is_alphanumeric` characters of the normalised text.

pub mod context;
pub mod cues;
mod matcher;
pub mod pattern;
pub mod segment;

pub use context::{FieldContext, Reading};
pub use cues::Cues;
pub use matcher::{MatchKind, Matcher, PreparedField, TermId, TermMatch, TermSpec, TokenCache, TokenMatches};
pub use pattern::{TermPattern, parse_term};

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises a string as described in the module documentation.
///
/// ```
/// assert_eq!(profilmatch::text::normalize("Økonomistyring"), "oekonomistyring");
/// assert_eq!(profilmatch::text::normalize("Café ﬁn"), "cafe fin");
/// ```
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let composed: String = text.nfc().collect();
    let mut folded = String::with_capacity(composed.len() + 8);
    for c in composed.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' | 'ä' => folded.push_str("ae"),
            'ø' | 'ö' => folded.push_str("oe"),
            'å' => folded.push_str("aa"),
            'ü' => folded.push_str("ue"),
            'ß' => folded.push_str("ss"),
            _ => folded.push(c),
        }
    }
    folded.nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The tokens of an already normalised string.
pub fn tokens(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty())
}

/// Normalises a string and joins its tokens with single spaces: the form in which headers, choice
/// values and flag values are compared, so that `Aar_Politisk` equals `aar politisk`.
pub fn token_key(text: &str) -> String {
    let normalized = normalize(text);
    tokens(&normalized).collect::<Vec<_>>().join(" ")
}

/// A token of applicant text: its normalised form and the byte range of the original text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpannedToken {
    /// The normalised token.
    pub token: String,
    /// Where it stands in the original (un-normalised) text.
    pub span: Range<usize>,
}

/// Splits original text into normalised tokens, each with the span of the original text it came from,
/// so that evidence can quote the applicant's own words.
pub fn tokenize_spans(text: &str, out: &mut Vec<SpannedToken>) {
    out.clear();
    let mut buffer = String::new();
    for_each_token(text, &mut buffer, |span, token| out.push(SpannedToken { token: token.to_string(), span }));
}

/// Calls `f` with each normalised token of `text` and the span of the original text it came from,
/// without allocating per ASCII token (`buffer` is reused).
///
/// The tokens equal those of `normalize(text)`: original text is cut into runs of characters that
/// can contribute to a token (letters, digits, combining marks, and characters whose compatibility
/// decomposition holds a letter or digit), and each run is normalised and split.
pub fn for_each_token(text: &str, buffer: &mut String, mut f: impl FnMut(Range<usize>, &str)) {
    for_each_run(text, buffer, |span, run| match run {
        Run::Token(token, _) => f(span, token),
        Run::Raw(raw) => {
            let normalized = normalize(raw);
            for token in tokens(&normalized) {
                f(span.clone(), token);
            }
        }
    });
}

/// A run of token characters, as [`for_each_run`] hands it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    /// An ASCII run, already lowercased: exactly one token; packed when it has at most 16 bytes
    /// and was read eight bytes at a time.
    Token(&'a str, Option<Packed>),
    /// A run with non-ASCII characters, as written: normalise it and split it into tokens.
    Raw(&'a str),
}

/// Calls `f` with each run of token characters of `text`: ASCII runs lowercased (the common case,
/// with no allocation), other runs raw, so that a caller can cache their normalisation.
pub fn for_each_run(text: &str, buffer: &mut String, mut f: impl FnMut(Range<usize>, Run<'_>)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match BYTE_CLASS[usize::from(bytes[i])] {
            SEPARATOR => i += 1,
            NON_ASCII => {
                let start = i;
                i = non_ascii_run_end(text, i);
                if i > start {
                    f(start..i, Run::Raw(&text[start..i]));
                } else {
                    // A character that cannot be part of a token.
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                }
            }
            _ => {
                let start = i;
                let (end, upper, packed) = ascii_word_end(bytes, i);
                i = end;
                if i < bytes.len()
                    && BYTE_CLASS[usize::from(bytes[i])] == NON_ASCII
                    && is_token_char(next_char(text, i))
                {
                    // The run goes on into non-ASCII text ("budgetlægning"): it is one raw run.
                    let end = non_ascii_run_end(text, i);
                    f(start..end, Run::Raw(&text[start..end]));
                    i = end;
                    continue;
                }
                let token = &text[start..i];
                if upper {
                    buffer.clear();
                    buffer.push_str(token);
                    buffer.make_ascii_lowercase();
                    f(start..i, Run::Token(buffer, packed));
                } else {
                    f(start..i, Run::Token(token, packed));
                }
            }
        }
    }
}

/// The end of the run of ASCII letters and digits starting at `start`, and whether it holds an
/// uppercase letter. Eight bytes at a time: each byte is classed in parallel within one
/// integer, and the run ends at the first byte that is not a letter or digit. A byte loop would
/// guess wrong at the end of almost every word (word lengths do not repeat), and that guess cost
/// more than the rest of reading the word.
fn ascii_word_end(bytes: &[u8], start: usize) -> (usize, bool, Option<Packed>) {
    let mut i = start;
    let mut upper = 0;
    // The word's first sixteen bytes, lowercased, read on the way (see [`Packed`]).
    let mut packed = [0u64; 2];
    let mut window = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Setting 0x20 lowercases an ASCII capital and moves no other byte into `a..=z`; a
        // capital is a letter whose 0x20 bit (shifted to the byte's high bit) was clear.
        let alphabetic = in_range(word | splat(0x20), b'a', b'z');
        let letters = alphabetic | in_range(word, b'0', b'9');
        let stop = !letters & splat(0x80);
        // The high bits of the bytes before the first stop (all of them when there is none).
        let taken = stop.trailing_zeros();
        let within = (stop ^ stop.wrapping_sub(1)) >> 1 | u64::from(stop == 0).wrapping_neg();
        let capitals = alphabetic & !(word << 2) & within;
        upper |= capitals;
        if let Some(slot) = packed.get_mut(window) {
            // The bytes before the stop, capitals lowercased (0x80 >> 2 is 0x20), the rest zero.
            let kept = if stop == 0 { !0 } else { (1u64 << (taken & !7)).wrapping_sub(1) };
            *slot = (word | capitals >> 2) & kept;
        }
        window += 1;
        i += (taken / 8) as usize;
        if stop != 0 {
            let packed = (window <= 2).then_some(Packed(packed[0], packed[1]));
            return (i, upper != 0, packed);
        }
    }
    // Fewer than eight bytes left: byte by byte.
    let (end, tail_upper) = ascii_word_end_bytewise(bytes, i);
    (end, upper != 0 || tail_upper, None)
}

/// The end of the run of ASCII letters and digits starting at `start`, byte by byte, and whether it
/// holds an uppercase letter: the tail of [`ascii_word_end`], and what its tests compare it with.
fn ascii_word_end_bytewise(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut i = start;
    let mut upper = false;
    while let Some(&byte) = bytes.get(i) {
        match BYTE_CLASS[usize::from(byte)] {
            LOWER => {}
            UPPER => upper = true,
            _ => break,
        }
        i += 1;
    }
    (i, upper)
}

/// An ASCII word of at most 16 bytes, lowercased, as two little-endian integers padded with
/// zeros: the key the token cache files it under, which the tokeniser has at hand when it reads
/// the word eight bytes at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packed(pub u64, pub u64);

/// `byte` in every byte of a `u64`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each byte of `word` that is an ASCII byte from `low` to `high` (both below
/// 0x80). Each byte's low seven bits plus a constant cannot carry into the next byte.
fn in_range(word: u64, low: u8, high: u8) -> u64 {
    let seven = word & splat(0x7F);
    let at_least_low = seven + splat(0x80 - low);
    let above_high = seven + splat(0x7F - high);
    at_least_low & !above_high & !word & splat(0x80)
}

/// Byte classes for the tokeniser: an ASCII byte that ends a token, a lowercase ASCII letter or
/// digit, an uppercase ASCII letter, and a byte of a non-ASCII character.
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const NON_ASCII: u8 = 3;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => LOWER,
            b'A'..=b'Z' => UPPER,
            0x80..=0xFF => NON_ASCII,
            _ => SEPARATOR,
        };
        b += 1;
    }
    table
};

fn next_char(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// The end of the run of token characters starting at byte `start` (which may be ASCII).
fn non_ascii_run_end(text: &str, start: usize) -> usize {
    text[start..].char_indices().find(|(_, c)| !is_token_char(*c)).map_or(text.len(), |(i, _)| start + i)
}

fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The Latin-1 letters (À–Ö, Ø–ö, ø–ÿ: æ, ø, å among them) are alphabetic: no table lookup.
    if matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}') {
        return true;
    }
    c.is_alphanumeric() || is_combining_mark(c) || std::iter::once(c).nfkd().any(|d| d.is_alphanumeric())
}

/// The number of characters in a string (lengths in the matching rules count characters).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.chars().count() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize_spans(text, &mut out);
        out.into_iter().map(|t| t.token).collect()
    }

    #[test]
    fn folds_danish_letters() {
        assert_eq!(normalize("ÆBLE Øre Århus"), "aeble oere aarhus");
        assert_eq!(normalize("Straße Müller Köln Bär"), "strasse mueller koeln baer");
    }

    #[test]
    fn decomposed_aa_folds_like_composed() {
        // "a" followed by U+030A COMBINING RING ABOVE composes to "å" under NFC, then folds to "aa".
        assert_eq!(normalize("Bya\u{30A}d"), "byaad");
        assert_eq!(toks("Bya\u{30A}d"), vec!["byaad"]);
    }

    #[test]
    fn drops_accents_and_expands_ligatures() {
        assert_eq!(normalize("Café ﬁnans"), "cafe finans");
    }

    #[test]
    fn tokens_split_on_everything_but_alphanumerics() {
        assert_eq!(toks("økonomi-styring_2024.budget\nny"), vec!["oekonomi", "styring", "2024", "budget", "ny"]);
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Stærk økonomistyring";
        let mut out = Vec::new();
        tokenize_spans(text, &mut out);
        assert_eq!(&text[out[1].span.clone()], "økonomistyring");
        assert_eq!(out[1].token, "oekonomistyring");
    }

    #[test]
    fn token_key_joins_tokens() {
        assert_eq!(token_key("AAR-POLITISK"), "aar politisk");
        assert_eq!(token_key("Aar_Politisk"), "aar politisk");
        assert_eq!(token_key(" Kommune. "), "kommune");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The tokeniser's fast paths (byte classes, Latin-1 letters) cut text as normalising it
        /// whole does, on text mixing ASCII, Danish letters, the Latin-1 signs that are not letters
        /// (× ÷ ¹ ª), combining marks and ligatures.
        #[test]
        fn fast_tokens_equal_tokens_of_normalised_text(
            chars in proptest::collection::vec(proptest::sample::select(
                "aZ9 -_.,ÆøÅéü×÷¹ªß\u{30A}\u{301}ﬁ½İ\u{A0}".chars().collect::<Vec<_>>()), 0..24),
        ) {
            let text: String = chars.into_iter().collect();
            let normalized = normalize(&text);
            let plain: Vec<&str> = tokens(&normalized).collect();
            proptest::prop_assert_eq!(toks(&text), plain);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Words of 0 to 40 ASCII letters and digits (mostly), ended by every kind of byte that
        /// ends one, read eight bytes at a time end where a byte loop ends them.
        #[test]
        fn word_ends_read_eight_bytes_at_a_time_equal_the_byte_loop(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                8 => proptest::sample::select(b"azAZ09mQ".to_vec()),
                1 => proptest::num::u8::ANY,
            ], 0..80),
            start in 0usize..80,
        ) {
            let start = start.min(bytes.len());
            let (end, upper, _) = ascii_word_end(&bytes, start);
            proptest::prop_assert_eq!((end, upper), ascii_word_end_bytewise(&bytes, start));
        }
    }

    #[test]
    fn every_byte_is_classed_as_the_byte_table_classes_it() {
        // Each byte value at each of the first twenty places, after a run of letters: the run ends at
        // it exactly when the byte table says it ends a word.
        for byte in 0..=255u8 {
            for place in 0..20 {
                let mut bytes = vec![b'k'; place];
                bytes.push(byte);
                bytes.extend_from_slice(b"!abcdefghijklmnopqrstu");
                let (end, upper, _) = ascii_word_end(&bytes, 0);
                assert_eq!((end, upper), ascii_word_end_bytewise(&bytes, 0), "{byte:#x} at {place}");
            }
        }
    }

    #[test]
    fn spanned_tokens_equal_plain_tokens_of_normalised_text() {
        for text in ["½ år, ⑴ ﬁx", "Ångström café", "İstanbul ℃ x²", "a\u{301}b c"] {
            let normalized = normalize(text);
            let plain: Vec<&str> = tokens(&normalized).collect();
            assert_eq!(toks(text), plain, "for {text:?}");
        }
    }
}
