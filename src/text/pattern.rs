//! Terms as written in a rubric, parsed into what the matcher compiles: one phrase (`"økonomi
//! styring"`, `"budget*"`, `"*udvalg"`), or two phrases that must occur near each other
//! (`"ansvar … budget*"`).

use super::{char_len, normalize, tokens};

/// Where a word of a term may be cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Wild {
    /// The whole word.
    None,
    /// A trailing `*`: the text word starts with it (`budget*` → `budgetlægning`).
    Prefix,
    /// A leading `*`: the text word ends in it, plus an inflection (`*udvalg` → `økonomiudvalget`).
    Head,
}

/// A sequence of consecutive words, the first possibly a compound's head (`*udvalg`), the last
/// possibly a prefix (`budget*`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The normalised words.
    pub words: Vec<String>,
    /// A leading `*`: the first word matches as the head of a compound.
    pub head: bool,
    /// A trailing `*`: the last word matches as a prefix.
    pub prefix: bool,
}

/// A parsed term: one phrase, or two phrases that must occur near each other (`A … B`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TermPattern {
    /// One phrase, or two for a proximity term.
    pub parts: Vec<Phrase>,
}

/// The most words that may stand between the two parts of a proximity term (`ansvar … budget*`).
pub const NEAR_WORDS: usize = 5;

/// The separators of a proximity term's two parts.
const NEAR_SEPARATORS: [&str; 2] = ["…", "..."];

/// Parses a term as written: phrases, `*` at the start (compound head) or the end (prefix), and
/// `A … B` (also written `A ... B`) for two phrases near each other.
///
/// Errors (in words) for an empty term or part, a `*` with fewer than 3 letters or digits next to
/// it, a `*` at both ends of one phrase, and more than two parts.
///
/// ```
/// use profilmatch::text::parse_term;
/// let term = parse_term("*Udvalg").unwrap();
/// assert_eq!((term.parts[0].words.clone(), term.parts[0].head), (vec!["udvalg".to_string()], true));
/// assert_eq!(parse_term("ansvar … budget*").unwrap().parts.len(), 2);
/// assert!(parse_term("bu*").is_err());
/// ```
pub fn parse_term(text: &str) -> Result<TermPattern, String> {
    let mut pieces = vec![text];
    for separator in NEAR_SEPARATORS {
        pieces = pieces.iter().flat_map(|p| p.split(separator)).collect();
    }
    if pieces.len() > 2 {
        return Err(format!("term {text:?}: a proximity term has exactly two parts (\"A … B\")"));
    }
    let parts = pieces.iter().map(|piece| parse_phrase(piece, text)).collect::<Result<Vec<_>, _>>()?;
    Ok(TermPattern { parts })
}

fn parse_phrase(piece: &str, text: &str) -> Result<Phrase, String> {
    let trimmed = piece.trim();
    let (body, prefix) = match trimmed.strip_suffix('*') {
        Some(body) => (body, true),
        None => (trimmed, false),
    };
    let (body, head) = match body.strip_prefix('*') {
        Some(body) => (body, true),
        None => (body, false),
    };
    let normalized = normalize(body);
    let words: Vec<String> = tokens(&normalized).map(str::to_string).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Err(if piece.len() == text.len() {
            format!("term {text:?} has no letters or digits")
        } else {
            format!("term {text:?}: each side of '…' needs letters or digits")
        });
    };
    if head && prefix {
        return Err(format!("term {text:?}: a '*' can start a phrase or end it, not both"));
    }
    if prefix && (char_len(last) < 3 || body.ends_with(|c: char| !c.is_alphanumeric())) {
        return Err(format!("term {text:?}: a starred term needs at least 3 letters or digits right before the '*'"));
    }
    if head && (char_len(first) < 3 || body.starts_with(|c: char| !c.is_alphanumeric())) {
        return Err(format!("term {text:?}: a leading '*' needs at least 3 letters or digits right after it"));
    }
    Ok(Phrase { words, head, prefix })
}

/// Danish (and English) noun endings after a head that ends in a consonant: `udvalg`, `udvalget`,
/// `udvalgets`, `udvalgene`, `udvalgs`; `leder`, `ledere`, `lederne`; `process`, `processes`.
const AFTER_CONSONANT: &[&str] =
    &["", "e", "en", "ene", "enes", "ens", "er", "erne", "ernes", "ers", "es", "et", "ets", "ne", "nes", "s"];

/// Endings after a head that ends in a vowel: `område`, `området`, `områder`, `områderne`,
/// `områdets`; `committee`, `committees`.
const AFTER_VOWEL: &[&str] = &["", "n", "ne", "nes", "ns", "r", "rne", "rnes", "rs", "s", "t", "ts"];

/// The inflections a compound's head may carry (by its last letter). Past participles such as
/// `udvalgt`, `udvalgte` ("selected") are deliberately not among them.
pub fn head_endings(head: &str) -> &'static [&'static str] {
    if head.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) { AFTER_VOWEL } else { AFTER_CONSONANT }
}

/// Whether a normalised text word is `head` at the end of a compound (or alone), with one of the
/// endings of [`head_endings`]: `*udvalg` holds for `oekonomiudvalget` and `udvalgene`, not for
/// `udvalgte`.
pub fn ends_in_head(word: &str, head: &str) -> bool {
    head_endings(head).iter().any(|ending| word.strip_suffix(ending).is_some_and(|rest| rest.ends_with(head)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_take_noun_endings_not_participles() {
        for word in ["udvalg", "udvalget", "udvalgets", "udvalgene", "oekonomiudvalget", "boerneudvalgs"] {
            assert!(ends_in_head(word, "udvalg"), "{word}");
        }
        for word in ["udvalgt", "udvalgte", "udvalgsformand", "valg"] {
            assert!(!ends_in_head(word, "udvalg"), "{word}");
        }
        for word in ["omraade", "omraadet", "omraader", "omraaderne", "voksensocialomraadet"] {
            assert!(ends_in_head(word, "omraade"), "{word}");
        }
        assert!(ends_in_head("subcommittees", "committee"));
        assert!(ends_in_head("lederne", "leder"));
    }

    #[test]
    fn terms_parse_into_phrases() {
        let near = parse_term("ansvar ... budget*").unwrap();
        assert_eq!(near.parts[0], Phrase { words: vec!["ansvar".into()], head: false, prefix: false });
        assert_eq!(near.parts[1], Phrase { words: vec!["budget".into()], head: false, prefix: true });
        assert_eq!(parse_term("ansvar … budget*").unwrap(), near);
        let head = parse_term("*social område").unwrap();
        assert_eq!(head.parts[0].words, vec!["social".to_string(), "omraade".to_string()]);
        assert!(head.parts[0].head && !head.parts[0].prefix);
    }

    #[test]
    fn bad_terms_are_explained() {
        assert!(parse_term("bu*").unwrap_err().contains("3 letters"));
        assert!(parse_term("*ud").unwrap_err().contains("3 letters"));
        assert!(parse_term("*udvalg*").unwrap_err().contains("not both"));
        assert!(parse_term("a … b … c").unwrap_err().contains("two parts"));
        assert!(parse_term("ansvar … ").unwrap_err().contains("each side"));
        assert!(parse_term(" - ").unwrap_err().contains("no letters"));
    }
}
