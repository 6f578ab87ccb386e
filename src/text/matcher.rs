//! The term matcher: rubric terms compiled into a vocabulary of term tokens, and the rules by which a
//! term token matches a text token (exact, prefix, stem, fuzzy; the first that holds).
//!
//! Matching costs per *distinct* text token, not per occurrence: a [`TokenCache`] remembers which
//! term tokens each distinct text token matches, and rows are turned into token ids.

use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::{char_len, for_each_token, normalize, tokens};

/// How a term token matched a text token, weakest first (so `min` gives a phrase's kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Normalised Levenshtein similarity at or above the criterion's threshold.
    Fuzzy,
    /// Equal Snowball stems (Danish or English) of at least 4 characters.
    Stem,
    /// A starred term token that the text token starts with.
    Prefix,
    /// Identical normalised tokens.
    Exact,
}

impl MatchKind {
    /// The lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Stem => "stem",
            MatchKind::Prefix => "prefix",
            MatchKind::Exact => "exact",
        }
    }
}

/// A term to compile: its text as written in the rubric and the fuzzy threshold of its criterion.
#[derive(Debug, Clone)]
pub struct TermSpec {
    /// The term as written (`"økonomi styring"`, `"budget*"`).
    pub text: String,
    /// The criterion's fuzzy threshold, in (0, 1].
    pub fuzzy: f64,
}

/// A term token of the vocabulary, with everything the rules need precomputed once.
#[derive(Debug)]
struct TermToken {
    text: String,
    starred: bool,
    chars: usize,
    danish: Option<String>,
    english: Option<String>,
    /// The lowest fuzzy threshold of any criterion using this token: the cache keeps fuzzy matches
    /// down to it, and each criterion then applies its own.
    min_fuzzy: f64,
}

#[derive(Debug)]
struct CompiledTerm {
    tokens: Vec<u32>,
    /// For a multi-token term, its tokens joined into one (the compound rule).
    joined: Option<u32>,
    fuzzy: f64,
}

/// One term token matched by a distinct text token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenMatch {
    vocab: u32,
    kind: MatchKind,
    similarity: f64,
}

/// The term tokens a distinct text token matches.
pub type TokenMatches = [TokenMatch];

/// Where and how a term matched in a list of fields.
#[derive(Debug, Clone, PartialEq)]
pub struct TermMatch {
    /// Index into the list of fields searched.
    pub field: usize,
    /// Range of token positions matched in that field.
    pub tokens: std::ops::Range<usize>,
    /// The weakest kind among the matched tokens.
    pub kind: MatchKind,
    /// For fuzzy matches, the lowest similarity among the fuzzy tokens.
    pub similarity: Option<f64>,
}

/// The compiled vocabulary of all terms of a rubric, and the matching rules.
pub struct Matcher {
    vocab: Vec<TermToken>,
    index: HashMap<(String, bool), u32>,
    terms: Vec<CompiledTerm>,
    danish: Stemmer,
    english: Stemmer,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher").field("vocab", &self.vocab.len()).field("terms", &self.terms.len()).finish()
    }
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::new()
    }
}

/// A compiled term, by index into the matcher.
pub type TermId = usize;

/// Splits a term as written into its normalised tokens and whether the last one is a prefix.
///
/// Errors (in words) for an empty term and for a prefix of fewer than 3 characters.
pub fn parse_term(text: &str) -> Result<(Vec<String>, bool), String> {
    let trimmed = text.trim();
    let (body, starred) = match trimmed.strip_suffix('*') {
        Some(body) => (body, true),
        None => (trimmed, false),
    };
    let normalized = normalize(body);
    let parts: Vec<String> = tokens(&normalized).map(str::to_string).collect();
    let Some(last) = parts.last() else {
        return Err(format!("term {text:?} has no letters or digits"));
    };
    if starred && (char_len(last) < 3 || body.ends_with(|c: char| !c.is_alphanumeric())) {
        return Err(format!("term {text:?}: a starred term needs at least 3 letters or digits right before the '*'"));
    }
    Ok((parts, starred))
}

impl Matcher {
    /// An empty matcher.
    pub fn new() -> Matcher {
        Matcher {
            vocab: Vec::new(),
            index: HashMap::new(),
            terms: Vec::new(),
            danish: Stemmer::create(Algorithm::Danish),
            english: Stemmer::create(Algorithm::English),
        }
    }

    /// Compiles a term and returns its id. Errors (in words) as [`parse_term`].
    pub fn add_term(&mut self, spec: &TermSpec) -> Result<TermId, String> {
        let (parts, starred) = parse_term(&spec.text)?;
        let last = parts.len() - 1;
        let tokens =
            parts.iter().enumerate().map(|(i, part)| self.intern(part, starred && i == last, spec.fuzzy)).collect();
        let joined = (parts.len() > 1).then(|| self.intern(&parts.concat(), starred, spec.fuzzy));
        self.terms.push(CompiledTerm { tokens, joined, fuzzy: spec.fuzzy });
        Ok(self.terms.len() - 1)
    }

    fn intern(&mut self, text: &str, starred: bool, fuzzy: f64) -> u32 {
        if let Some(&id) = self.index.get(&(text.to_string(), starred)) {
            let token = &mut self.vocab[id as usize];
            token.min_fuzzy = token.min_fuzzy.min(fuzzy);
            return id;
        }
        let chars = char_len(text);
        let stem = |stemmer: &Stemmer| (chars >= 4).then(|| stemmer.stem(text).into_owned());
        let token = TermToken {
            text: text.to_string(),
            starred,
            chars,
            danish: stem(&self.danish),
            english: stem(&self.english),
            min_fuzzy: fuzzy,
        };
        self.vocab.push(token);
        let id = (self.vocab.len() - 1) as u32;
        self.index.insert((text.to_string(), starred), id);
        id
    }

    /// The number of distinct term tokens (including joined compound forms).
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// Every term token that a text token matches, by the first rule that holds for each.
    pub fn match_token(&self, text_token: &str) -> Vec<TokenMatch> {
        let chars = char_len(text_token);
        // No word is longer than this; stemming a pasted run of 10 MB without spaces would take seconds.
        let long_enough = (4..=MAX_STEM_CHARS).contains(&chars);
        let danish = long_enough.then(|| self.danish.stem(text_token));
        let english = long_enough.then(|| self.english.stem(text_token));
        let mut found = Vec::new();
        for (id, term) in self.vocab.iter().enumerate() {
            let matched = if term.text == text_token {
                Some((MatchKind::Exact, 1.0))
            } else if term.starred && text_token.starts_with(term.text.as_str()) {
                Some((MatchKind::Prefix, 1.0))
            } else if stems_agree(term.danish.as_deref(), danish.as_deref())
                || stems_agree(term.english.as_deref(), english.as_deref())
            {
                Some((MatchKind::Stem, 1.0))
            } else {
                fuzzy_similarity(term, text_token, chars).map(|s| (MatchKind::Fuzzy, s))
            };
            if let Some((kind, similarity)) = matched {
                found.push(TokenMatch { vocab: id as u32, kind, similarity });
            }
        }
        found
    }

    /// Finds a term's first occurrence in the fields (in the order given, then by position).
    pub fn find(&self, term: TermId, fields: &[&PreparedField], cache: &TokenCache) -> Option<TermMatch> {
        let compiled = &self.terms[term];
        fields.iter().enumerate().find_map(|(index, field)| {
            field.hits.iter().find_map(|&pos| {
                self.match_at(compiled, field, pos as usize, cache).map(|mut m| {
                    m.field = index;
                    m
                })
            })
        })
    }

    fn match_at(
        &self,
        term: &CompiledTerm,
        field: &PreparedField,
        pos: usize,
        cache: &TokenCache,
    ) -> Option<TermMatch> {
        let at = |offset: usize, vocab: u32| {
            let id = *field.ids.get(pos + offset)?;
            lookup(cache.matches(id), vocab, term.fuzzy)
        };
        let mut phrase = Some((MatchKind::Exact, None::<f64>));
        for (offset, &vocab) in term.tokens.iter().enumerate() {
            phrase = match (phrase, at(offset, vocab)) {
                (Some(acc), Some(next)) => Some(weakest(acc, next)),
                _ => None,
            };
            if phrase.is_none() {
                break;
            }
        }
        let phrase = phrase.map(|(kind, sim)| (kind, sim, term.tokens.len()));
        let compound = term.joined.and_then(|vocab| at(0, vocab)).map(|(kind, sim)| (kind, sim, 1));
        // At one position the stronger kind wins; a phrase and a compound can only meet there when a
        // term's first token also matches its joined form.
        let best = match (phrase, compound) {
            (Some(p), Some(c)) => Some(if c.0 > p.0 { c } else { p }),
            (p, c) => p.or(c),
        }?;
        Some(TermMatch { field: 0, tokens: pos..pos + best.2, kind: best.0, similarity: best.1 })
    }
}

fn weakest(a: (MatchKind, Option<f64>), b: (MatchKind, Option<f64>)) -> (MatchKind, Option<f64>) {
    let similarity = match (a.1, b.1) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    (a.0.min(b.0), similarity)
}

fn lookup(matches: &TokenMatches, vocab: u32, fuzzy: f64) -> Option<(MatchKind, Option<f64>)> {
    let m = matches.iter().find(|m| m.vocab == vocab)?;
    match m.kind {
        MatchKind::Fuzzy => (m.similarity >= fuzzy).then_some((MatchKind::Fuzzy, Some(m.similarity))),
        kind => Some((kind, None)),
    }
}

fn stems_agree(term: Option<&str>, text: Option<&str>) -> bool {
    matches!((term, text), (Some(a), Some(b)) if a == b && char_len(a) >= 4)
}

fn fuzzy_similarity(term: &TermToken, text_token: &str, chars: usize) -> Option<f64> {
    if term.chars < 6 || chars < 6 {
        return None;
    }
    // normalized_levenshtein = 1 - distance / longest, and distance >= the difference in length:
    // skip the call when even that lower bound puts it under the threshold.
    let longest = term.chars.max(chars) as f64;
    let bound = 1.0 - (term.chars.abs_diff(chars) as f64) / longest;
    if bound < term.min_fuzzy {
        return None;
    }
    let similarity = strsim::normalized_levenshtein(&term.text, text_token);
    (similarity >= term.min_fuzzy).then_some(similarity)
}

/// Tokens longer than this are not stemmed (the longest Danish compounds are about 40 letters).
const MAX_STEM_CHARS: usize = 64;

/// A remembered answer, per distinct text token, to "which term tokens does it match".
#[derive(Debug, Default)]
pub struct TokenCache {
    ids: FxHashMap<Box<str>, u32>,
    entries: Vec<Box<TokenMatches>>,
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> TokenCache {
        TokenCache::default()
    }

    /// The id of a distinct text token, matching it against the vocabulary the first time it is seen.
    pub fn id(&mut self, matcher: &Matcher, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.entries.len() as u32;
        self.entries.push(matcher.match_token(token).into_boxed_slice());
        self.ids.insert(token.into(), id);
        id
    }

    /// The matches of a token id.
    pub fn matches(&self, id: u32) -> &TokenMatches {
        &self.entries[id as usize]
    }

    /// The number of distinct tokens seen.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no token has been seen.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One field of one row, tokenised, with token ids and the positions of tokens that match anything.
#[derive(Debug, Default, Clone)]
pub struct PreparedField {
    /// Each token's span in the original text.
    pub spans: Vec<Range<usize>>,
    ids: Vec<u32>,
    hits: Vec<u32>,
    buffer: String,
}

impl PreparedField {
    /// Tokenises `text` and looks up every token in the cache.
    pub fn prepare(&mut self, text: &str, matcher: &Matcher, cache: &mut TokenCache) {
        self.spans.clear();
        self.ids.clear();
        self.hits.clear();
        let PreparedField { spans, ids, hits, buffer } = self;
        for_each_token(text, buffer, |span, token| {
            let id = cache.id(matcher, token);
            if !cache.matches(id).is_empty() {
                hits.push(ids.len() as u32);
            }
            ids.push(id);
            spans.push(span);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(term: &str, text: &str) -> Option<MatchKind> {
        let mut matcher = Matcher::new();
        let id = matcher.add_term(&TermSpec { text: term.to_string(), fuzzy: 0.88 }).ok()?;
        let mut cache = TokenCache::new();
        let mut field = PreparedField::default();
        field.prepare(text, &matcher, &mut cache);
        matcher.find(id, &[&field], &cache).map(|m| m.kind)
    }

    #[test]
    fn exact_after_folding() {
        assert_eq!(kind_of("økonomistyring", "god oekonomistyring"), Some(MatchKind::Exact));
    }

    #[test]
    fn prefix() {
        assert_eq!(kind_of("budget*", "budgetterne"), Some(MatchKind::Prefix));
        assert_eq!(kind_of("budget*", "budget"), Some(MatchKind::Exact));
    }

    #[test]
    fn short_stems_do_not_collide() {
        // Danish Snowball stems "ledelse" and "ledighed" both to "led" (3 characters): no match.
        assert_eq!(kind_of("ledelse", "ledighed"), None);
    }

    #[test]
    fn fuzzy_one_typo_in_a_long_word() {
        // "budgetansvr" vs "budgetansvar": distance 1, longest 12: 1 - 1/12 = 0.9167 >= 0.88.
        assert_eq!(kind_of("budgetansvar", "budgetansvr"), Some(MatchKind::Fuzzy));
        // "oekonomistyrring" is one typo away too, but its English stem "oekonomistyr" equals the
        // term's, and stem comes before fuzzy.
        assert_eq!(kind_of("økonomistyring", "økonomistyrring"), Some(MatchKind::Stem));
        // "politi" (6) vs "politik" (7): 1 - 1/7 = 0.857 < 0.88.
        assert_eq!(kind_of("politi", "politik"), None);
    }

    #[test]
    fn compound_rule_and_phrases() {
        assert_eq!(kind_of("økonomi styring", "økonomistyringen"), Some(MatchKind::Stem));
        assert_eq!(kind_of("city council", "the City Council met"), Some(MatchKind::Exact));
        assert_eq!(kind_of("city council", "city and council"), None);
    }

    #[test]
    fn starred_term_needs_three_characters() {
        assert!(parse_term("bu*").is_err());
        assert!(parse_term("bud*").is_ok());
        assert!(parse_term(" - ").is_err());
    }
}
