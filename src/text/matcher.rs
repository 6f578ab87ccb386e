//! The term matcher: rubric terms compiled into a vocabulary of term tokens, and the rules by which a
//! term token matches a text token (exact, prefix, stem, fuzzy; the first that holds).
//!
//! Matching costs per *distinct* text token, not per occurrence: a [`TokenCache`] remembers which
//! term tokens each distinct text token matches, and rows are turned into token ids.

use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Run, char_len, for_each_run, normalize, tokens};

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
    letters: Letters,
}

/// How often each letter a–z occurs (other characters share a 27th bucket). One edit changes
/// these counts by at most 2 in all, so `distance ≥ L1(counts) / 2`: a cheap lower bound that
/// rules out most fuzzy candidates before the Levenshtein call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letters([u8; 32]);

impl Letters {
    fn of(token: &str) -> Letters {
        // 27 buckets used, padded to 32 so that the distance below compiles to a few vector
        // instructions.
        let mut counts = [0u8; 32];
        for c in token.chars() {
            let bucket = if c.is_ascii_lowercase() { (c as u8 - b'a') as usize } else { 26 };
            counts[bucket] = counts[bucket].saturating_add(1);
        }
        Letters(counts)
    }

    fn distance(&self, other: &Letters) -> u32 {
        let mut sum = 0u32;
        for i in 0..32 {
            sum += u32::from(self.0[i].abs_diff(other.0[i]));
        }
        sum
    }
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
    /// The first two characters of every term token that has stems. Snowball's Danish and English
    /// stemmers never change a word's first two characters (they work on suffixes in R1, which
    /// starts at the third character at the earliest), so a text token whose first two characters
    /// are not here cannot share a stem with any term token, and is not stemmed at all.
    stem_heads: rustc_hash::FxHashSet<(char, char)>,
    /// Text tokens longer than this are not stemmed: the longest term token plus a margin.
    max_stem_chars: usize,
    /// The first two characters of every term token (see [`Matcher::cannot_match`]).
    heads: rustc_hash::FxHashSet<(char, char)>,
    /// The same for heads of two ASCII characters, as a table indexed by them (128 × 128).
    ascii_heads: Vec<bool>,
    /// The vocabulary indexed by each rule, so that a new text token is compared only with the term
    /// tokens that can match it: by text (exact), the starred ones (prefix), by Danish and English
    /// stem (of 4 characters or more, as the stem rule asks), and by length (fuzzy; 6 or more).
    by_text: FxHashMap<String, Vec<u32>>,
    starred: Vec<u32>,
    by_danish_stem: FxHashMap<String, Vec<u32>>,
    by_english_stem: FxHashMap<String, Vec<u32>>,
    by_length: Vec<Vec<u32>>,
    /// The lowest fuzzy threshold of any term token: bounds the lengths worth comparing.
    min_fuzzy: f64,
    reference: bool,
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
            stem_heads: Default::default(),
            max_stem_chars: 0,
            heads: Default::default(),
            ascii_heads: vec![false; 128 * 128],
            by_text: Default::default(),
            starred: Vec::new(),
            by_danish_stem: Default::default(),
            by_english_stem: Default::default(),
            by_length: Vec::new(),
            min_fuzzy: 1.0,
            reference: false,
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
        self.min_fuzzy = self.min_fuzzy.min(fuzzy);
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
            letters: Letters::of(text),
        };
        self.heads.extend(head(text));
        if let Some((a, b)) = head(text)
            && a.is_ascii()
            && b.is_ascii()
        {
            self.ascii_heads[ascii_head(a as u8, b as u8)] = true;
        }
        if chars >= 4 {
            self.stem_heads.extend(head(text));
            self.max_stem_chars = self.max_stem_chars.max(chars + 24);
        }
        let id = self.vocab.len() as u32;
        self.by_text.entry(token.text.clone()).or_default().push(id);
        if starred {
            self.starred.push(id);
        }
        let long_stem = |stem: &Option<String>| stem.clone().filter(|s| char_len(s) >= 4);
        if let Some(stem) = long_stem(&token.danish) {
            self.by_danish_stem.entry(stem).or_default().push(id);
        }
        if let Some(stem) = long_stem(&token.english) {
            self.by_english_stem.entry(stem).or_default().push(id);
        }
        if chars >= 6 {
            if self.by_length.len() <= chars {
                self.by_length.resize(chars + 1, Vec::new());
            }
            self.by_length[chars].push(id);
        }
        self.vocab.push(token);
        self.index.insert((text.to_string(), starred), id);
        id
    }

    /// The number of distinct term tokens (including joined compound forms).
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// Turns the shortcuts off (or on): matching then follows the rules as written, token by token
    /// and position by position. Much slower; it exists so that tests can check that the shortcuts
    /// change nothing.
    pub fn set_reference(&mut self, on: bool) {
        self.reference = on;
    }

    /// The rules as written, without the stem-head and letter-count shortcuts.
    fn match_token_plainly(&self, text_token: &str) -> Vec<TokenMatch> {
        let chars = char_len(text_token);
        let stem = |s: &Stemmer| (chars >= 4).then(|| s.stem(text_token));
        let plain_fuzzy = |term: &TermToken| {
            if term.chars < 6 || chars < 6 {
                return None;
            }
            let similarity = strsim::normalized_levenshtein(&term.text, text_token);
            (similarity >= term.min_fuzzy).then_some(similarity)
        };
        self.apply_rules(text_token, stem(&self.danish).as_deref(), stem(&self.english).as_deref(), plain_fuzzy)
    }

    /// Whether a text token certainly matches no term token, decided without the cache: a token of
    /// 2 to 5 characters can match only exactly, as a prefix, or by stem (fuzzy needs 6), and each
    /// of those needs its first two characters to equal a term token's (stemmers keep a word's
    /// first two characters; see `stem_heads`). Most short words of running text fail that test.
    pub fn cannot_match(&self, text_token: &str) -> bool {
        if self.reference {
            return false;
        }
        let bytes = text_token.as_bytes();
        // Fewer than 2 bytes is fewer than 2 characters; more than 20 bytes, more than 5 (a
        // character takes at most 4 bytes).
        if !(2..=20).contains(&bytes.len()) {
            return false;
        }
        if bytes.len() < 6 && bytes.is_ascii() {
            // The common case, decided by one table lookup.
            return !self.ascii_heads[ascii_head(bytes[0], bytes[1])];
        }
        !bytes.is_ascii()
            && (2..6).contains(&char_len(text_token))
            && head(text_token).is_some_and(|h| !self.heads.contains(&h))
    }

    /// Every term token that a text token matches, by the first rule that holds for each.
    pub fn match_token(&self, text_token: &str) -> Vec<TokenMatch> {
        if self.reference {
            return self.match_token_plainly(text_token);
        }
        let chars = char_len(text_token);
        // A token much longer than every term token cannot share its stem (stemmers remove at most
        // a dozen or so characters); skipping it keeps a pasted 10 MB run without spaces cheap.
        let stemmable = (4..=self.max_stem_chars).contains(&chars)
            && head(text_token).is_some_and(|h| self.stem_heads.contains(&h));
        let danish = stemmable.then(|| self.danish.stem(text_token));
        let english = stemmable.then(|| self.english.stem(text_token));
        // The term tokens that some rule may hold for, from the indexes, in vocabulary order; then
        // the rules as written, on those alone.
        let mut candidates: Vec<u32> = Vec::new();
        candidates.extend(self.by_text.get(text_token).into_iter().flatten());
        candidates
            .extend(self.starred.iter().filter(|&&id| text_token.starts_with(self.vocab[id as usize].text.as_str())));
        for (stem, index) in [(&danish, &self.by_danish_stem), (&english, &self.by_english_stem)] {
            if let Some(stem) = stem.as_deref() {
                candidates.extend(index.get(stem).into_iter().flatten());
            }
        }
        let letters = (chars >= 6).then(|| Letters::of(text_token));
        if chars >= 6 {
            // normalized_levenshtein ≥ f needs |m − n| ≤ (1 − f)·max(m, n): other lengths are skipped.
            for (length, ids) in self.by_length.iter().enumerate().filter(|(_, ids)| !ids.is_empty()) {
                if length.abs_diff(chars) as f64 <= (1.0 - self.min_fuzzy) * length.max(chars) as f64 + 1e-9 {
                    candidates.extend(ids);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let fuzzy = |term: &TermToken| letters.and_then(|l| fuzzy_similarity(term, text_token, chars, &l));
        candidates
            .into_iter()
            .filter_map(|id| {
                let matched =
                    self.rule(&self.vocab[id as usize], text_token, danish.as_deref(), english.as_deref(), &fuzzy)?;
                Some(TokenMatch { vocab: id, kind: matched.0, similarity: matched.1 })
            })
            .collect()
    }

    /// For every term token, the first rule that holds: exact, prefix, stem, fuzzy.
    fn apply_rules(
        &self,
        text_token: &str,
        danish: Option<&str>,
        english: Option<&str>,
        fuzzy: impl Fn(&TermToken) -> Option<f64>,
    ) -> Vec<TokenMatch> {
        let mut found = Vec::new();
        for (id, term) in self.vocab.iter().enumerate() {
            if let Some((kind, similarity)) = self.rule(term, text_token, danish, english, &fuzzy) {
                found.push(TokenMatch { vocab: id as u32, kind, similarity });
            }
        }
        found
    }

    /// The first rule that holds for one term token: exact, prefix, stem, fuzzy.
    fn rule(
        &self,
        term: &TermToken,
        text_token: &str,
        danish: Option<&str>,
        english: Option<&str>,
        fuzzy: &impl Fn(&TermToken) -> Option<f64>,
    ) -> Option<(MatchKind, f64)> {
        if term.text == text_token {
            Some((MatchKind::Exact, 1.0))
        } else if term.starred && text_token.starts_with(term.text.as_str()) {
            Some((MatchKind::Prefix, 1.0))
        } else if stems_agree(term.danish.as_deref(), danish) || stems_agree(term.english.as_deref(), english) {
            Some((MatchKind::Stem, 1.0))
        } else {
            fuzzy(term).map(|s| (MatchKind::Fuzzy, s))
        }
    }

    /// Finds a term's first occurrence in the fields (in the order given, then by position).
    /// `slots` index into `fields`; the returned [`TermMatch::field`] indexes into `slots`.
    pub fn find(
        &self,
        term: TermId,
        slots: &[usize],
        fields: &[PreparedField],
        cache: &TokenCache,
    ) -> Option<TermMatch> {
        let compiled = &self.terms[term];
        if self.reference {
            return self.find_plainly(compiled, slots, fields, cache);
        }
        let first = compiled.tokens[0];
        // Most terms are absent from most rows: rule that out without touching the fields. A
        // phrase needs every one of its tokens in the same field; a compound, its joined form.
        let present = |vocab: u32| cache.present.get(vocab as usize).copied().unwrap_or(0);
        let phrase = compiled.tokens.iter().fold(!0, |bits, &vocab| bits & present(vocab));
        let in_row = phrase | compiled.joined.map_or(0, present);
        if in_row & slot_mask(slots) == 0 {
            return None;
        }
        let candidates = slots.iter().enumerate().filter(|&(_, &s)| in_row & slot_bit(s) != 0);
        candidates.map(|(index, &s)| (index, s, &fields[s])).find_map(|(index, slot, field)| {
            // A match can only start where the first token (when the whole phrase may be in this
            // field) or the joined compound form matches: walk both position lists in ascending order.
            let phrase_here = phrase & slot_bit(slot) != 0;
            let mut starts = if phrase_here { field.positions(first) } else { &[] }.iter().peekable();
            let mut compounds = compiled.joined.map_or(&[][..], |j| field.positions(j)).iter().peekable();
            loop {
                let pos = match (starts.peek(), compounds.peek()) {
                    (Some(&&a), Some(&&b)) if a == b => {
                        starts.next();
                        compounds.next();
                        a
                    }
                    (Some(&&a), Some(&&b)) if a < b => *starts.next()?,
                    (_, Some(_)) => *compounds.next()?,
                    (Some(_), None) => *starts.next()?,
                    (None, None) => return None,
                };
                if let Some(mut m) = self.match_at(compiled, field, pos as usize, cache) {
                    m.field = index;
                    return Some(m);
                }
            }
        })
    }

    /// Whether a term occurs in the fields: [`Matcher::find`]`(…).is_some()`, which ranking needs,
    /// answered for a one-token term without building the match (any occurrence that passes the
    /// term's threshold will do, not the first).
    pub fn occurs(&self, term: TermId, slots: &[usize], fields: &[PreparedField], cache: &TokenCache) -> bool {
        let compiled = &self.terms[term];
        let &[token] = compiled.tokens.as_slice() else {
            return self.find(term, slots, fields, cache).is_some();
        };
        if self.reference {
            return self.find(term, slots, fields, cache).is_some();
        }
        let in_row = cache.present.get(token as usize).copied().unwrap_or(0);
        if in_row & slot_mask(slots) == 0 {
            return false;
        }
        slots.iter().filter(|&&s| in_row & slot_bit(s) != 0).any(|&s| {
            let field = &fields[s];
            field.positions(token).iter().any(|&pos| {
                field
                    .ids
                    .get(pos as usize)
                    .is_some_and(|&id| lookup(cache.matches(id), token, compiled.fuzzy).is_some())
            })
        })
    }

    /// Every position of every field, in order: the rule as written.
    fn find_plainly(
        &self,
        term: &CompiledTerm,
        slots: &[usize],
        fields: &[PreparedField],
        cache: &TokenCache,
    ) -> Option<TermMatch> {
        slots.iter().map(|&s| &fields[s]).enumerate().find_map(|(index, field)| {
            (0..field.ids.len()).find_map(|pos| {
                let mut m = self.match_at(term, field, pos, cache)?;
                m.field = index;
                Some(m)
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

/// The index of a head of two ASCII bytes in `Matcher::ascii_heads`.
fn ascii_head(a: u8, b: u8) -> usize {
    usize::from(a & 0x7F) << 7 | usize::from(b & 0x7F)
}

fn head(token: &str) -> Option<(char, char)> {
    let mut chars = token.chars();
    Some((chars.next()?, chars.next()?))
}

fn fuzzy_similarity(term: &TermToken, text_token: &str, chars: usize, letters: &Letters) -> Option<f64> {
    if term.chars < 6 || chars < 6 {
        return None;
    }
    // normalized_levenshtein = 1 - distance / longest. Two lower bounds on the distance, the
    // difference in length and half the letter-count distance, skip the call when either already
    // puts the similarity under the threshold (a little slack keeps the bound from rounding wrong).
    let longest = term.chars.max(chars) as f64;
    let allowed = (1.0 - term.min_fuzzy) * longest + 1e-9;
    if term.chars.abs_diff(chars) as f64 > allowed || f64::from(term.letters.distance(letters)) / 2.0 > allowed {
        return None;
    }
    let similarity = strsim::normalized_levenshtein(&term.text, text_token);
    (similarity >= term.min_fuzzy).then_some(similarity)
}

/// A remembered answer, per distinct text token, to "which term tokens does it match".
#[derive(Debug, Default)]
pub struct TokenCache {
    /// Tokens of up to 16 bytes (most words), packed into an integer key (see [`pack`]): hashing and
    /// comparing one is a few instructions, where a string key costs a hash loop and a `memcmp`.
    short_ids: FxHashMap<Key, u32>,
    /// Longer tokens.
    ids: FxHashMap<Box<str>, u32>,
    /// A direct-mapped copy of recently used short tokens, in front of `short_ids`: a few thousand
    /// words make up nearly all of running text, and one probe of this small table finds them
    /// where the map, grown large with typos that occur once, costs two scattered memory reads.
    /// A slot holds (packed token, id); the all-zero key is no token.
    front: Box<[(Key, u32)]>,
    entries: Vec<Box<TokenMatches>>,
    /// Non-ASCII runs as written, to their token ids: normalisation costs once per distinct run.
    runs: FxHashMap<Box<str>, Box<[u32]>>,
    /// The same for runs of up to 16 bytes, keyed as `short_ids` is.
    short_runs: FxHashMap<Key, Box<[u32]>>,
    /// Per term token, the slots of the current row's fields where it occurs (one bit a slot).
    present: Vec<u64>,
    touched: Vec<u32>,
}

/// The bit of each slot in a presence mask; slots past 63 share the last bit, which only makes
/// the shortcut less sharp, never wrong.
fn slot_bit(slot: usize) -> u64 {
    1 << slot.min(63)
}

fn slot_mask(slots: &[usize]) -> u64 {
    slots.iter().fold(0, |mask, &s| mask | slot_bit(s))
}

/// A token of at most 16 bytes as two integers (24 bytes with its id in a map entry, where a
/// `u128` key's alignment makes 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Key(u64, u64);

/// A token of at most 16 bytes as a [`Key`]: its bytes, then zeros. Distinct tokens get distinct
/// keys, because a token never holds a zero byte (NUL is not alphanumeric, and no byte of a
/// multi-byte UTF-8 character is zero).
fn pack(token: &str) -> Option<Key> {
    let bytes = token.as_bytes();
    let n = bytes.len();
    // Whole-word reads, not a copy into a buffer read back as an integer: the copy's narrow
    // stores stall the wide load that follows (the lookup is on every token's path).
    let word = |at: usize| bytes.get(at..at + 8).and_then(|w| w.try_into().ok()).map(u64::from_le_bytes);
    match n {
        0..=7 => Some(Key(bytes.iter().rev().fold(0u64, |key, &b| key << 8 | u64::from(b)), 0)),
        8..=16 => {
            // The last eight bytes overlap the first eight by 16 - n: shift the overlap out.
            let high = if n == 8 { 0 } else { word(n - 8)? >> (8 * (16 - n)) };
            Some(Key(word(0)?, high))
        }
        _ => None,
    }
}

/// Slots of the front table of a [`TokenCache`] (192 KB).
const FRONT_SLOTS: usize = 1 << 13;

/// The front-table slot of a packed token: a multiplicative hash of both halves, top bits.
fn front_slot(key: Key) -> usize {
    let mixed = key.0 ^ key.1.rotate_left(29);
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FRONT_SLOTS.trailing_zeros())) as usize
}

/// The id of every token that matches nothing: known without looking it up (see
/// [`Matcher::cannot_match`]), or looked up once.
const NO_MATCH: u32 = u32::MAX;

/// A cache holding more distinct tokens than this is emptied before the next row, which keeps
/// memory bounded on text with an endless supply of typos (about 100 bytes a token).
const MAX_CACHED_TOKENS: usize = 1 << 18;

impl TokenCache {
    /// An empty cache.
    pub fn new() -> TokenCache {
        TokenCache::default()
    }

    /// The id of a distinct text token, matching it against the vocabulary the first time it is seen.
    pub fn id(&mut self, matcher: &Matcher, token: &str) -> u32 {
        if matcher.cannot_match(token) {
            return NO_MATCH;
        }
        let key = pack(token);
        let front = key.map(|key| {
            if self.front.is_empty() {
                self.front = vec![(Key::default(), NO_MATCH); FRONT_SLOTS].into_boxed_slice();
            }
            (key, front_slot(key))
        });
        if let Some((key, slot)) = front
            && self.front[slot].0 == key
        {
            return self.front[slot].1;
        }
        let known = match key {
            Some(key) => self.short_ids.get(&key),
            None => self.ids.get(token),
        };
        if let Some(&id) = known {
            if let Some((key, slot)) = front {
                self.front[slot] = (key, id);
            }
            return id;
        }
        // A token that matches nothing gets no entry, only the id that says so: most tokens match
        // nothing, and their later occurrences then never touch the entries.
        let matches = matcher.match_token(token);
        let id = if matches.is_empty() {
            NO_MATCH
        } else {
            self.entries.push(matches.into_boxed_slice());
            (self.entries.len() - 1) as u32
        };
        match front {
            Some((key, slot)) => {
                self.short_ids.insert(key, id);
                self.front[slot] = (key, id);
            }
            None => {
                self.ids.insert(token.into(), id);
            }
        }
        id
    }

    /// The matches of a token id.
    pub fn matches(&self, id: u32) -> &TokenMatches {
        if id == NO_MATCH {
            return &[];
        }
        self.entries.get(id as usize).map_or(&[], |m| m)
    }

    /// The token ids of a non-ASCII run as written, into `out`: one lookup when the run is known
    /// (keyed by its packed bytes when it has 16 or fewer, as most words do).
    fn run_ids(&mut self, matcher: &Matcher, raw: &str, out: &mut Vec<u32>) {
        out.clear();
        let key = pack(raw);
        let known = match key {
            Some(key) => self.short_runs.get(&key),
            None => self.runs.get(raw),
        };
        if let Some(ids) = known {
            out.extend_from_slice(ids);
            return;
        }
        let normalized = normalize(raw);
        for token in tokens(&normalized) {
            out.push(self.id(matcher, token));
        }
        let ids = out.as_slice().into();
        match key {
            Some(key) => self.short_runs.insert(key, ids),
            None => self.runs.insert(raw.into(), ids),
        };
    }

    /// Starts a row: clears which term tokens the previous row had.
    pub fn start_row(&mut self, matcher: &Matcher) {
        self.bound();
        self.present.resize(matcher.vocab.len(), 0);
        for &vocab in &self.touched {
            self.present[vocab as usize] = 0;
        }
        self.touched.clear();
    }

    fn mark(&mut self, vocab: u32, slot: usize) {
        let bits = &mut self.present[vocab as usize];
        if *bits == 0 {
            self.touched.push(vocab);
        }
        *bits |= slot_bit(slot);
    }

    /// Empties the cache if it has grown past its bound. Call only between rows: ids handed out
    /// before are invalid afterwards.
    fn bound(&mut self) {
        // Runs count too: new spellings of known words ("Økonomi", "ØKONOMI") add runs, not tokens.
        if self.len() + self.runs.len() + self.short_runs.len() > MAX_CACHED_TOKENS {
            self.short_ids.clear();
            self.ids.clear();
            self.front.fill((Key::default(), NO_MATCH));
            self.entries.clear();
            self.runs.clear();
            self.short_runs.clear();
        }
    }

    /// The number of distinct tokens seen.
    pub fn len(&self) -> usize {
        self.short_ids.len() + self.ids.len()
    }

    /// Whether no token has been seen.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One field of one row, tokenised, with token ids and the positions of tokens that match anything.
#[derive(Debug, Default, Clone)]
pub struct PreparedField {
    /// Each token's span in the original text.
    pub spans: Vec<Range<usize>>,
    ids: Vec<u32>,
    /// `(term token, position)` for every match of every token, in position order; grouped by
    /// term token into `positions` (see `index`).
    hits: Vec<(u32, u32)>,
    buffer: String,
    /// The token ids of the non-ASCII run being added.
    run: Vec<u32>,
    positions: Vec<u32>,
    offsets: Vec<(u32, u32, u32)>,
    /// Per term token, 1 + its index in `offsets`, or 0 when it matches nowhere in the field: finds
    /// a term token's positions without a search. Only the entries of `offsets` are ever non-zero,
    /// so clearing them is enough to reset it.
    slots: Vec<u32>,
}

impl PreparedField {
    /// Tokenises `text` (the field in `slot`) and looks up every token in the cache. Call
    /// [`TokenCache::start_row`] first for each row.
    pub fn prepare(&mut self, slot: usize, text: &str, matcher: &Matcher, cache: &mut TokenCache) {
        self.spans.clear();
        self.ids.clear();
        self.hits.clear();
        let PreparedField { spans, ids, hits, buffer, run: run_ids, .. } = self;
        let mut push = |cache: &TokenCache, id: u32, span: Range<usize>| {
            let pos = ids.len() as u32;
            if id != NO_MATCH {
                hits.extend(cache.matches(id).iter().map(|m| (m.vocab, pos)));
            }
            ids.push(id);
            spans.push(span);
        };
        for_each_run(text, buffer, |span, run| match run {
            Run::Token(token) => {
                let id = cache.id(matcher, token);
                push(cache, id, span);
            }
            Run::Raw(raw) => {
                cache.run_ids(matcher, raw, run_ids);
                for &id in run_ids.iter() {
                    push(cache, id, span.clone());
                }
            }
        });
        self.index(matcher.vocab.len());
        for &(vocab, _, _) in &self.offsets {
            cache.mark(vocab, slot);
        }
    }

    /// Groups the hits by term token: `offsets` holds (term token, start, end) into `positions`,
    /// in the order the term tokens first occur, and `slots` finds a term token's group. A
    /// counting sort: one pass counts each group, one places each position, so positions stay
    /// ascending within a group and nothing is compared.
    fn index(&mut self, vocabulary: usize) {
        for &(vocab, _, _) in &self.offsets {
            self.slots[vocab as usize] = 0;
        }
        self.slots.resize(vocabulary, 0);
        self.offsets.clear();
        for &(vocab, _) in &self.hits {
            let slot = &mut self.slots[vocab as usize];
            if *slot == 0 {
                self.offsets.push((vocab, 0, 0));
                *slot = self.offsets.len() as u32;
            }
            self.offsets[*slot as usize - 1].2 += 1;
        }
        let mut start = 0;
        for group in &mut self.offsets {
            let count = group.2;
            (group.1, group.2) = (start, start);
            start += count;
        }
        self.positions.clear();
        self.positions.resize(start as usize, 0);
        for &(vocab, pos) in &self.hits {
            let group = &mut self.offsets[self.slots[vocab as usize] as usize - 1];
            self.positions[group.2 as usize] = pos;
            group.2 += 1;
        }
    }

    /// The positions (ascending) of the tokens that match a term token.
    fn positions(&self, vocab: u32) -> &[u32] {
        match self.slots.get(vocab as usize) {
            Some(&slot) if slot > 0 => {
                let (_, start, end) = self.offsets[slot as usize - 1];
                &self.positions[start as usize..end as usize]
            }
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_change_no_match_on_the_samples() {
        let rubrics = [
            include_str!("../../rubrics/hoeje-taastrup-oekonomidirektoer.toml"),
            include_str!("../../rubrics/helsingoer-boerne-og-skoledirektoer.toml"),
            include_str!("../../rubrics/soroe-vicekommunaldirektoer.toml"),
            include_str!("../../rubrics/skanderborg-myndigheds-og-sekretariatschef.toml"),
            include_str!("../../rubrics/generisk-direktoer.toml"),
        ];
        let mut matcher = Matcher::new();
        for text in rubrics {
            let rubric = crate::rubric::parse("r.toml", text).expect("shipped rubrics parse");
            for competency in &rubric.competencies {
                for criterion in &competency.criteria {
                    if let crate::rubric::Check::Terms { terms, fuzzy, .. } = &criterion.check {
                        for term in terms {
                            matcher.add_term(&TermSpec { text: term.clone(), fuzzy: *fuzzy }).expect("valid term");
                        }
                    }
                }
            }
        }
        let samples = normalize(include_str!("../../samples/applicants.csv"));
        let mut distinct: Vec<&str> = tokens(&samples).collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(distinct.len() > 2000, "{} distinct tokens", distinct.len());
        let mut matched = 0;
        for token in distinct {
            let fast = matcher.match_token(token);
            let plain = matcher.match_token_plainly(token);
            assert_eq!(fast, plain, "token {token:?}");
            assert!(!matcher.cannot_match(token) || plain.is_empty(), "token {token:?} matches {plain:?}");
            matched += usize::from(!fast.is_empty());
        }
        assert!(matched > 100, "only {matched} tokens matched anything");
    }

    fn kind_of(term: &str, text: &str) -> Option<MatchKind> {
        let mut matcher = Matcher::new();
        let id = matcher.add_term(&TermSpec { text: term.to_string(), fuzzy: 0.88 }).ok()?;
        let mut cache = TokenCache::new();
        let mut field = PreparedField::default();
        cache.start_row(&matcher);
        field.prepare(0, text, &matcher, &mut cache);
        matcher.find(id, &[0], std::slice::from_ref(&field), &cache).map(|m| m.kind)
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
    fn packed_tokens_are_their_bytes_then_zeros() {
        for token in ["a", "ab", "budget", "oekonomi", "oekonomis", "oekonomistyring", "oekonomistyringe", "økonomi"] {
            let mut bytes = [0u8; 16];
            bytes[..token.len()].copy_from_slice(token.as_bytes());
            let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
            assert_eq!(pack(token), Some(Key(word(0), word(8))), "{token}");
        }
        assert_eq!(pack("oekonomistyringen"), None);
    }

    #[test]
    fn starred_term_needs_three_characters() {
        assert!(parse_term("bu*").is_err());
        assert!(parse_term("bud*").is_ok());
        assert!(parse_term(" - ").is_err());
    }
}
