//! The term matcher: rubric terms compiled into a vocabulary of term tokens, and the rules by which a
//! term token matches a text token (exact, prefix, head, stem, fuzzy; the first that holds).
//!
//! Matching costs per *distinct* text token, not per occurrence: a [`TokenCache`] remembers which
//! term tokens each distinct text token matches, and rows are turned into token ids. The cue words
//! (see [`super::cues`]) are in the same vocabulary, as words that match only exactly, so that a
//! field's cues are found from the same index as its terms.

use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::context::{CompiledCue, CompiledCues, FieldContext};
use super::cues::Cues;
use super::pattern::{NEAR_WORDS, Phrase, Wild, ends_in_head, head_endings, parse_term};
use super::segment;
use super::{Packed, Run, char_len, for_each_run, normalize, tokens};

/// How a term token matched a text token, weakest first (so `min` gives a phrase's kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Normalised Levenshtein similarity at or above the criterion's threshold.
    Fuzzy,
    /// Equal Snowball stems (Danish or English) of at least 4 characters.
    Stem,
    /// A compound's head: `*udvalg` in `økonomiudvalget`.
    Head,
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
            MatchKind::Head => "head",
            MatchKind::Prefix => "prefix",
            MatchKind::Exact => "exact",
        }
    }
}

/// A term to compile: its text as written in the rubric and the fuzzy threshold of its criterion.
#[derive(Debug, Clone)]
pub struct TermSpec {
    /// The term as written (`"økonomi styring"`, `"budget*"`, `"*udvalg"`, `"ansvar … budget*"`).
    pub text: String,
    /// The criterion's fuzzy threshold, in (0, 1].
    pub fuzzy: f64,
}

/// A term token of the vocabulary, with everything the rules need precomputed once.
#[derive(Debug)]
struct TermToken {
    text: String,
    wild: Wild,
    /// A phrase's key or joined form (see [`CompiledPhrase::key`]): its positions are indexed.
    indexed: bool,
    chars: usize,
    danish: Option<String>,
    english: Option<String>,
    /// The lowest fuzzy threshold of any criterion using this token: the cache keeps fuzzy matches
    /// down to it, and each criterion then applies its own.
    min_fuzzy: f64,
    letters: Letters,
}

impl TermToken {
    /// Whether the stem and fuzzy rules apply to it: not to compound heads (a head's stem is
    /// shared by words that are not that compound: `udvalgte` stems to `udvalg`).
    fn loose(&self) -> bool {
        self.wild != Wild::Head
    }
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

/// A phrase of a compiled term: its tokens, and for several tokens their joined form (the
/// compound rule).
#[derive(Debug, Clone)]
struct CompiledPhrase {
    tokens: Vec<u32>,
    joined: Option<u32>,
    /// The index in `tokens` of its key: its longest token, the rarest, whose positions find the
    /// phrase (its other tokens are checked where it stands).
    key: usize,
}

#[derive(Debug)]
struct CompiledTerm {
    /// One phrase, or two for a proximity term (`A … B`).
    parts: Vec<CompiledPhrase>,
    /// For a proximity term, its parts' ids among all proximity parts (see `Matcher::near_parts`):
    /// equal parts of different terms share an id, and their occurrences are found once a row.
    part_ids: Vec<u32>,
    fuzzy: f64,
}

/// One term token matched by a distinct text token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenMatch {
    vocab: u32,
    kind: MatchKind,
    similarity: f64,
    /// Whether the term token is a phrase's key or joined form: only those are indexed by position.
    indexed: bool,
}

/// The term tokens a distinct text token matches.
pub type TokenMatches = [TokenMatch];

/// Where and how a term matched in a list of fields.
#[derive(Debug, Clone, PartialEq)]
pub struct TermMatch {
    /// Index into the list of fields searched.
    pub field: usize,
    /// Range of token positions matched in that field (for a suspended word, through the word
    /// that completes it; for a proximity term, from the first part to the last).
    pub tokens: Range<usize>,
    /// For a proximity term, the words between its two parts (not matched by the term).
    pub gap: Option<Range<usize>>,
    /// The weakest kind among the matched tokens.
    pub kind: MatchKind,
    /// For fuzzy matches, the lowest similarity among the fuzzy tokens.
    pub similarity: Option<f64>,
}

impl TermMatch {
    /// The token positions the term's words matched (the range without the proximity gap).
    pub fn covered(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokens.clone().filter(|p| self.gap.as_ref().is_none_or(|g| !g.contains(p)))
    }
}

/// A suspended word's reading as completed (`børne-` read as `børneudvalget` in `børne- og
/// skoleudvalget`): at `pos`, matching term token `vocab`, through the completing word at `through`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Extra {
    pos: u32,
    through: u32,
    vocab: u32,
    kind: MatchKind,
}

/// The compiled vocabulary of all terms of a rubric, and the matching rules.
pub struct Matcher {
    vocab: Vec<TermToken>,
    index: HashMap<(String, Wild), u32>,
    terms: Vec<CompiledTerm>,
    /// Per term, where its presence rule starts in `presence`.
    presence_at: Vec<u32>,
    /// Every term's presence rule (see [`Matcher::presence_mask`]) in one flat array, read for
    /// every candidate term of every row: per term its number of parts, then per part its number
    /// of tokens, the tokens, and its joined form ([`NO_JOINED`] when it has none).
    presence: Vec<u32>,
    /// The cue phrases, as cue word ids.
    cues: CompiledCues,
    /// The distinct parts of proximity terms (tokens, joined form, fuzzy threshold) and their ids.
    near_parts: HashMap<(Vec<u32>, Option<u32>, u64), u32>,
    /// The cue words (every word of a cue phrase, and the clause words), outside the term
    /// vocabulary: a text token's cue word id is cached with its matches, so cues cost nothing
    /// where they are absent.
    cue_words: CueWords,
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
    /// The ASCII heads of term tokens ([`TERM_HEAD`]) and of cue words ([`CUE_HEAD`]), as one table.
    short_heads: Vec<u8>,
    /// The last two characters of every word a compound head can match (`*udvalg`: `lg`, `et`, …),
    /// as a set and as an ASCII table (see [`Matcher::cannot_match`]).
    tails: rustc_hash::FxHashSet<(char, char)>,
    ascii_tails: Vec<bool>,
    /// The vocabulary indexed by each rule, so that a new text token is compared only with the term
    /// tokens that can match it: by text (exact), the starred ones (prefix), the compound heads,
    /// by Danish and English stem (of 4 characters or more, as the stem rule asks), and by length
    /// (fuzzy; 6 or more).
    by_text: FxHashMap<String, Vec<u32>>,
    /// The same, in text order: the term tokens that start with a suspended word are a range.
    sorted_text: std::collections::BTreeMap<String, Vec<u32>>,
    /// The starred term tokens by their first three bytes (a starred token has at least three).
    starred: FxHashMap<[u8; 3], Vec<u32>>,
    headed: Vec<u32>,
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

impl Matcher {
    /// A matcher with the shipped cue words (see [`Cues::shipped`]) and no terms yet.
    pub fn new() -> Matcher {
        Matcher::with_cues(Cues::shipped())
    }

    /// A matcher reading context with these cues.
    pub fn with_cues(cues: &Cues) -> Matcher {
        let mut matcher = Matcher {
            vocab: Vec::new(),
            index: HashMap::new(),
            terms: Vec::new(),
            presence_at: Vec::new(),
            presence: Vec::new(),
            cues: CompiledCues::default(),
            near_parts: HashMap::new(),
            cue_words: CueWords::default(),
            stem_heads: Default::default(),
            max_stem_chars: 0,
            heads: Default::default(),
            ascii_heads: vec![false; 128 * 128],
            short_heads: vec![0; 128 * 128],
            tails: Default::default(),
            ascii_tails: vec![false; 128 * 128],
            by_text: Default::default(),
            sorted_text: Default::default(),
            starred: Default::default(),
            headed: Vec::new(),
            by_danish_stem: Default::default(),
            by_english_stem: Default::default(),
            by_length: Vec::new(),
            min_fuzzy: 1.0,
            reference: false,
            danish: Stemmer::create(Algorithm::Danish),
            english: Stemmer::create(Algorithm::English),
        };
        let mut phrases = Vec::with_capacity(cues.phrases.len());
        let single: Vec<&String> = cues.phrases.iter().filter(|p| p.words.len() == 1).map(|p| &p.words[0]).collect();
        for phrase in &cues.phrases {
            // The anchor: a word that is a cue on its own ("not" in "not only"), so that common
            // words ("about", "only") need no anchor of their own; otherwise the longest word
            // that is not a common one (the rarest, so the fewest places to look).
            let words = &phrase.words;
            let common = |i: &usize| COMMON_WORDS.contains(&words[*i].as_str());
            let longest = |candidates: &mut dyn Iterator<Item = usize>| {
                candidates.collect::<Vec<_>>().into_iter().rev().max_by_key(|&i| char_len(&words[i]))
            };
            let anchor_at = (0..words.len())
                .find(|&i| single.contains(&&words[i]))
                .or_else(|| longest(&mut (0..words.len()).filter(|i| !common(i))))
                .or_else(|| longest(&mut (0..words.len())))
                .unwrap_or(0);
            let anchor = matcher.cue_words.intern(&phrase.words[anchor_at], &mut matcher.short_heads);
            phrases.push(CompiledCue {
                words: phrase.words.clone(),
                anchor_at,
                anchor,
                kind: phrase.kind,
                scope: phrase.scope,
            });
        }
        let mut by_anchor: Vec<Vec<u32>> = vec![Vec::new(); matcher.cue_words.len() + 1];
        for (i, cue) in phrases.iter().enumerate() {
            by_anchor[usize::from(cue.anchor)].push(i as u32);
        }
        matcher.cues = CompiledCues { phrases, by_anchor, clause_words: cues.clause_words.clone() };
        matcher
    }

    /// The compiled cues.
    pub fn cues(&self) -> &CompiledCues {
        &self.cues
    }

    /// Compiles a term and returns its id. Errors (in words) as [`parse_term`].
    pub fn add_term(&mut self, spec: &TermSpec) -> Result<TermId, String> {
        let pattern = parse_term(&spec.text)?;
        let parts: Vec<CompiledPhrase> =
            pattern.parts.iter().map(|phrase| self.compile_phrase(phrase, spec.fuzzy)).collect();
        let part_ids = if parts.len() > 1 {
            let mut ids = Vec::new();
            for part in &parts {
                let key = (part.tokens.clone(), part.joined, spec.fuzzy.to_bits());
                let next = self.near_parts.len() as u32;
                ids.push(*self.near_parts.entry(key).or_insert(next));
            }
            ids
        } else {
            Vec::new()
        };
        self.presence_at.push(self.presence.len() as u32);
        self.presence.push(parts.len() as u32);
        for part in &parts {
            self.presence.push(part.tokens.len() as u32);
            self.presence.extend(&part.tokens);
            self.presence.push(part.joined.unwrap_or(NO_JOINED));
        }
        self.terms.push(CompiledTerm { parts, part_ids, fuzzy: spec.fuzzy });
        Ok(self.terms.len() - 1)
    }

    fn compile_phrase(&mut self, phrase: &Phrase, fuzzy: f64) -> CompiledPhrase {
        let last = phrase.words.len() - 1;
        let wild = |i: usize| match (phrase.head && i == 0, phrase.prefix && i == last) {
            (true, _) => Wild::Head,
            (_, true) => Wild::Prefix,
            _ => Wild::None,
        };
        let tokens: Vec<u32> =
            phrase.words.iter().enumerate().map(|(i, word)| self.intern(word, wild(i), fuzzy)).collect();
        let key = (0..tokens.len()).rev().max_by_key(|&i| self.vocab[tokens[i] as usize].chars).unwrap_or(0);
        self.vocab[tokens[key] as usize].indexed = true;
        let joined_wild = if phrase.head {
            Wild::Head
        } else if phrase.prefix {
            Wild::Prefix
        } else {
            Wild::None
        };
        let joined = (phrase.words.len() > 1).then(|| self.intern(&phrase.words.concat(), joined_wild, fuzzy));
        if let Some(joined) = joined {
            self.vocab[joined as usize].indexed = true;
        }
        CompiledPhrase { tokens, joined, key }
    }

    fn intern(&mut self, text: &str, wild: Wild, fuzzy: f64) -> u32 {
        self.min_fuzzy = self.min_fuzzy.min(fuzzy);
        if let Some(&id) = self.index.get(&(text.to_string(), wild)) {
            let token = &mut self.vocab[id as usize];
            token.min_fuzzy = token.min_fuzzy.min(fuzzy);
            return id;
        }
        let chars = char_len(text);
        let token = TermToken {
            text: text.to_string(),
            wild,
            indexed: false,
            chars,
            danish: None,
            english: None,
            min_fuzzy: fuzzy,
            letters: Letters::of(text),
        };
        self.heads.extend(head(text));
        if let Some((a, b)) = head(text)
            && a.is_ascii()
            && b.is_ascii()
        {
            self.ascii_heads[ascii_head(a as u8, b as u8)] = true;
            self.short_heads[ascii_head(a as u8, b as u8)] |= TERM_HEAD;
        }
        let id = self.vocab.len() as u32;
        self.by_text.entry(token.text.clone()).or_default().push(id);
        self.sorted_text.entry(token.text.clone()).or_default().push(id);
        self.vocab.push(token);
        self.index.insert((text.to_string(), wild), id);
        self.index_loose(id);
        id
    }

    /// Indexes a term token for the prefix, head, stem and fuzzy rules.
    fn index_loose(&mut self, id: u32) {
        let token = &self.vocab[id as usize];
        let (text, chars, wild) = (token.text.clone(), token.chars, token.wild);
        match wild {
            Wild::Prefix => {
                if let Some(&[a, b, c]) = text.as_bytes().get(..3) {
                    self.starred.entry([a, b, c]).or_default().push(id);
                }
            }
            Wild::Head => {
                self.headed.push(id);
                // Only forms of 5 characters or fewer can be a whole short word (the only words
                // `cannot_match` decides on): a longer head and ending never make one.
                for ending in head_endings(&text).iter().filter(|e| char_len(&text) + e.len() <= 5) {
                    let word = format!("{text}{ending}");
                    let mut last = word.chars().rev();
                    if let (Some(b), Some(a)) = (last.next(), last.next()) {
                        self.tails.insert((a, b));
                        if a.is_ascii() && b.is_ascii() {
                            self.ascii_tails[ascii_head(a as u8, b as u8)] = true;
                        }
                    }
                }
                // Heads match by their own rule only (no stem, no fuzzy).
                return;
            }
            Wild::None => {}
        }
        let stem = |stemmer: &Stemmer| (chars >= 4).then(|| stemmer.stem(&text).into_owned());
        let (danish, english) = (stem(&self.danish), stem(&self.english));
        if chars >= 4 {
            self.stem_heads.extend(head(&text));
            self.max_stem_chars = self.max_stem_chars.max(chars + 24);
        }
        let long_stem = |stem: &Option<String>| stem.clone().filter(|s| char_len(s) >= 4);
        if let Some(stem) = long_stem(&danish) {
            self.by_danish_stem.entry(stem).or_default().push(id);
        }
        if let Some(stem) = long_stem(&english) {
            self.by_english_stem.entry(stem).or_default().push(id);
        }
        if chars >= 6 {
            if self.by_length.len() <= chars {
                self.by_length.resize(chars + 1, Vec::new());
            }
            self.by_length[chars].push(id);
        }
        let token = &mut self.vocab[id as usize];
        token.danish = danish;
        token.english = english;
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

    /// Whether the shortcuts are off (see [`Matcher::set_reference`]).
    pub fn is_reference(&self) -> bool {
        self.reference
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
    /// 2 to 5 characters can match only exactly, as a prefix, as a compound's head, or by stem
    /// (fuzzy needs 6); exact, prefix and stem need its first two characters to equal a term
    /// token's (stemmers keep a word's first two characters; see `stem_heads`), and a head needs
    /// its last two to end a word the head can match. Most short words of running text fail both.
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
        let heads = !self.headed.is_empty();
        if bytes.len() < 6 && bytes.is_ascii() {
            // The common case, decided by one table lookup (two with compound heads).
            let n = bytes.len();
            let tail = heads && self.ascii_tails[ascii_head(bytes[n - 2], bytes[n - 1])];
            return !(self.ascii_heads[ascii_head(bytes[0], bytes[1])] || tail);
        }
        !bytes.is_ascii()
            && (2..6).contains(&char_len(text_token))
            && head(text_token).is_some_and(|h| !self.heads.contains(&h))
            && !(heads && tail(text_token).is_some_and(|t| self.tails.contains(&t)))
    }

    /// Whether a token is known to match no term and to be no cue word, without the cache: a
    /// short word whose first two letters begin neither a term token nor a cue word (and, with
    /// compound heads, whose last two end no head's form). One table lookup for most words.
    #[inline]
    fn nothing(&self, token: &str) -> bool {
        self.nothing_ascii(token) && token.is_ascii()
    }

    /// [`Matcher::nothing`] for a token known to be ASCII (the tokeniser's ASCII words): a
    /// loop over its bytes to check it again would guess its length wrong, and cost more than the
    /// rest.
    #[inline]
    fn nothing_ascii(&self, token: &str) -> bool {
        let bytes = token.as_bytes();
        if self.reference || !(2..6).contains(&bytes.len()) {
            return false;
        }
        let n = bytes.len();
        let tail = !self.headed.is_empty() && self.ascii_tails[ascii_head(bytes[n - 2], bytes[n - 1])];
        self.short_heads[ascii_head(bytes[0], bytes[1])] == 0 && !tail
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
        let starred = text_token.as_bytes().get(..3).and_then(|k| self.starred.get(k));
        candidates.extend(
            starred.into_iter().flatten().filter(|&&id| text_token.starts_with(self.vocab[id as usize].text.as_str())),
        );
        candidates.extend(self.headed.iter().filter(|&&id| {
            // Most words do not hold the head at all: one substring search rules them out.
            let head = self.vocab[id as usize].text.as_str();
            memchr::memmem::find(text_token.as_bytes(), head.as_bytes()).is_some() && ends_in_head(text_token, head)
        }));
        for (stem, index) in [(&danish, &self.by_danish_stem), (&english, &self.by_english_stem)] {
            if let Some(stem) = stem.as_deref() {
                candidates.extend(index.get(stem).into_iter().flatten());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let letters = (chars >= 6).then(|| Letters::of(text_token));
        let fuzzy = |term: &TermToken| letters.and_then(|l| fuzzy_similarity(term, text_token, chars, &l));
        let matched = |id: u32| {
            let term = &self.vocab[id as usize];
            let (kind, similarity) = self.rule(term, text_token, danish.as_deref(), english.as_deref(), &fuzzy)?;
            Some(TokenMatch { vocab: id, kind, similarity, indexed: term.indexed })
        };
        let mut found: Vec<TokenMatch> = candidates.iter().filter_map(|&id| matched(id)).collect();
        if chars >= 6 {
            // The fuzzy candidates, by length: normalized_levenshtein ≥ f needs |m − n| ≤ (1 − f)·
            // max(m, n), so other lengths are skipped. There are hundreds, so they are not merged
            // into the sorted candidates above: only the few that match are sorted in.
            let before = found.len();
            for (length, ids) in self.by_length.iter().enumerate().filter(|(_, ids)| !ids.is_empty()) {
                if length.abs_diff(chars) as f64 <= (1.0 - self.min_fuzzy) * length.max(chars) as f64 + 1e-9 {
                    let new = ids.iter().filter(|id| candidates.binary_search(id).is_err());
                    found.extend(new.filter_map(|&id| matched(id)));
                }
            }
            if found.len() > before {
                found.sort_unstable_by_key(|m| m.vocab);
            }
        }
        found
    }

    /// For every term token, the first rule that holds: exact, prefix, head, stem, fuzzy.
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
                found.push(TokenMatch { vocab: id as u32, kind, similarity, indexed: term.indexed });
            }
        }
        found
    }

    /// The first rule that holds for one term token: exact, prefix, head, stem, fuzzy. Compound
    /// heads match only exactly or as heads.
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
        } else if !term.loose() {
            ends_in_head(text_token, &term.text).then_some((MatchKind::Head, 1.0))
        } else if term.wild == Wild::Prefix && text_token.starts_with(term.text.as_str()) {
            Some((MatchKind::Prefix, 1.0))
        } else if stems_agree(term.danish.as_deref(), danish) || stems_agree(term.english.as_deref(), english) {
            Some((MatchKind::Stem, 1.0))
        } else {
            fuzzy(term).map(|s| (MatchKind::Fuzzy, s))
        }
    }

    /// The term tokens a suspended word reads as when completed by the word after the
    /// coordinator: a term token that starts with the suspended word, and whose remainder (3
    /// characters or more) occurs in the completing word after its first character, matches the
    /// suspended word joined to the completing word from there, by the exact, prefix, head or stem
    /// rule (never fuzzy). `boerne` + `skoleudvalget`: `boerneudvalg*` matches `boerneudvalget`.
    fn complete(&self, suspended: &str, completing: &str) -> Vec<(u32, MatchKind)> {
        let mut out = Vec::new();
        let starting =
            self.sorted_text.range::<str, _>((std::ops::Bound::Included(suspended), std::ops::Bound::Unbounded));
        let ids = starting.take_while(|(text, _)| text.starts_with(suspended)).flat_map(|(_, ids)| ids);
        for &id in ids {
            let term = &self.vocab[id as usize];
            if term.text.len() < suspended.len() + 3 {
                continue;
            }
            let rest = &term.text[suspended.len()..];
            let Some(at) = completing.rfind(rest).filter(|&at| at >= 1) else {
                continue;
            };
            let word = format!("{suspended}{}", &completing[at..]);
            let stem = |s: &Stemmer| (char_len(&word) >= 4).then(|| s.stem(&word).into_owned());
            let (danish, english) = (stem(&self.danish), stem(&self.english));
            let no_fuzzy = |_: &TermToken| None;
            if let Some((kind, _)) = self.rule(term, &word, danish.as_deref(), english.as_deref(), &no_fuzzy) {
                out.push((id, kind));
            }
        }
        out
    }

    /// The vocabulary ids at least one of which a row must hold for the term to occur there: a
    /// phrase's key and joined form (a proximity term needs both phrases; either one's keys do).
    pub fn term_keys(&self, term: TermId) -> impl Iterator<Item = u32> + '_ {
        // Of a proximity term's two phrases, the one with the longer key: it occurs less often.
        let parts = &self.terms[term].parts;
        let part = parts.iter().rev().max_by_key(|p| self.vocab[p.tokens[p.key] as usize].chars).unwrap_or(&parts[0]);
        std::iter::once(part.tokens[part.key]).chain(part.joined)
    }

    /// Every occurrence of a term in the fields, into `out` (appended): fields in the order of
    /// `slots`, then by position. `slots` index into `fields`; each [`TermMatch::field`] indexes
    /// into `slots`. A phrase occurs wherever all its tokens match in a row, or its joined compound
    /// form matches one token; a proximity term wherever its first part occurs with its second
    /// part in the same sentence, in either order, at most [`NEAR_WORDS`] words apart (the nearest
    /// one; after before before).
    #[inline]
    pub fn occurrences(
        &self,
        term: TermId,
        slots: &[usize],
        fields: &[PreparedField],
        cache: &TokenCache,
        out: &mut Vec<TermMatch>,
    ) {
        // Most terms are absent from most rows: rule that out without touching the fields (and
        // without a call: this part is inlined into the caller's loop over candidates).
        let mask = if self.reference { !0 } else { self.presence_mask(term, cache) };
        if mask & slot_mask(slots) == 0 {
            return;
        }
        self.occurrences_where(term, mask, slots, fields, cache, out);
    }

    /// Whether a term can occur in the row at all, in the fields of `slots`: false only when one
    /// of its words is missing from all of them (the test [`Matcher::occurrences`] starts with;
    /// always true by the rules as written).
    #[inline]
    pub fn may_occur(&self, term: TermId, slots: &[usize], cache: &TokenCache) -> bool {
        self.reference || self.presence_mask(term, cache) & slot_mask(slots) != 0
    }

    /// [`Matcher::occurrences`] in the slots of `mask`.
    #[inline(never)]
    fn occurrences_where(
        &self,
        term: TermId,
        mask: u64,
        slots: &[usize],
        fields: &[PreparedField],
        cache: &TokenCache,
        out: &mut Vec<TermMatch>,
    ) {
        let compiled = &self.terms[term];
        for (index, &slot) in slots.iter().enumerate() {
            if mask & slot_bit(slot) == 0 {
                continue;
            }
            let field = &fields[slot];
            let start = out.len();
            match compiled.parts.as_slice() {
                [phrase] => self.phrase_occurrences(phrase, compiled.fuzzy, field, cache, out),
                [first, second] if self.reference => {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    self.phrase_occurrences(first, compiled.fuzzy, field, cache, &mut a);
                    self.phrase_occurrences(second, compiled.fuzzy, field, cache, &mut b);
                    pair_near(&a, &b, &field.context, out);
                }
                [first, second] => {
                    // A part shared by many proximity terms ("budget*") is found once a row.
                    let mut memo = cache.near.borrow_mut();
                    let a = memo.part(compiled.part_ids[0], slot, |out| {
                        self.phrase_occurrences(first, compiled.fuzzy, field, cache, out)
                    });
                    let b = memo.part(compiled.part_ids[1], slot, |out| {
                        self.phrase_occurrences(second, compiled.fuzzy, field, cache, out)
                    });
                    pair_near(&memo.store[a], &memo.store[b], &field.context, out);
                }
                _ => {}
            }
            for m in &mut out[start..] {
                m.field = index;
            }
        }
    }

    /// The slots (one bit each, see [`slot_bit`]) of the current row where a term may occur: a
    /// phrase needs every one of its tokens in the same field, or its joined form; a proximity
    /// term both its phrases. Read from the flat `presence` array, so that ruling out an absent
    /// term touches one cache line or two, not the term's nested vectors.
    #[inline]
    fn presence_mask(&self, term: TermId, cache: &TokenCache) -> u64 {
        let present = |vocab: u32| cache.present.get(vocab as usize).copied().unwrap_or(0);
        let rule = &self.presence[self.presence_at[term] as usize..];
        let mut at = 1;
        let mut mask = !0;
        for _ in 0..rule[0] {
            let n = rule[at] as usize;
            let tokens = rule[at + 1..at + 1 + n].iter().fold(!0, |bits, &vocab| bits & present(vocab));
            let joined = match rule[at + 1 + n] {
                NO_JOINED => 0,
                vocab => present(vocab),
            };
            mask &= tokens | joined;
            at += n + 2;
        }
        mask
    }

    /// A phrase's occurrences in one field, ascending.
    fn phrase_occurrences(
        &self,
        phrase: &CompiledPhrase,
        fuzzy: f64,
        field: &PreparedField,
        cache: &TokenCache,
        out: &mut Vec<TermMatch>,
    ) {
        if self.reference {
            out.extend((0..field.ids.len()).filter_map(|pos| self.match_at(phrase, fuzzy, field, pos, cache)));
            return;
        }
        if let ([token], None) = (phrase.tokens.as_slice(), phrase.joined) {
            // One word: every position where it matches, with the criterion's fuzzy threshold.
            for &pos in field.positions(*token) {
                let pos = pos as usize;
                if let Some((kind, similarity, end)) = field.token_match(pos, *token, fuzzy, cache) {
                    out.push(TermMatch { field: 0, tokens: pos..end, gap: None, kind, similarity });
                }
            }
            return;
        }
        // A match can only start where the key matches (less its place in the phrase) or the joined
        // compound form matches: walk both position lists in ascending order.
        let key = phrase.key as u32;
        let mut starts =
            field.positions(phrase.tokens[phrase.key]).iter().filter_map(|&p| p.checked_sub(key)).peekable();
        let mut compounds = phrase.joined.map_or(&[][..], |j| field.positions(j)).iter().peekable();
        loop {
            let pos = match (starts.peek(), compounds.peek()) {
                (Some(&a), Some(&&b)) if a == b => {
                    starts.next();
                    compounds.next();
                    a
                }
                (Some(&a), Some(&&b)) if a < b => a,
                (_, Some(&&b)) => b,
                (Some(&a), None) => a,
                (None, None) => return,
            };
            while starts.next_if(|&a| a == pos).is_some() {}
            while compounds.next_if(|&&b| b == pos).is_some() {}
            out.extend(self.match_at(phrase, fuzzy, field, pos as usize, cache));
        }
    }

    fn match_at(
        &self,
        phrase: &CompiledPhrase,
        fuzzy: f64,
        field: &PreparedField,
        pos: usize,
        cache: &TokenCache,
    ) -> Option<TermMatch> {
        let at = |offset: usize, vocab: u32| field.token_match(pos + offset, vocab, fuzzy, cache);
        let mut acc = Some((MatchKind::Exact, None::<f64>, pos + phrase.tokens.len()));
        for (offset, &vocab) in phrase.tokens.iter().enumerate() {
            acc = match (acc, at(offset, vocab)) {
                (Some((kind, sim, end)), Some((k, s, e))) => {
                    let (kind, sim) = weakest((kind, sim), (k, s));
                    Some((kind, sim, end.max(e)))
                }
                _ => None,
            };
            if acc.is_none() {
                break;
            }
        }
        let compound = phrase.joined.and_then(|vocab| at(0, vocab));
        // At one position the stronger kind wins; a phrase and a compound can only meet there when a
        // phrase's first token also matches its joined form.
        let (kind, similarity, end) = match (acc, compound) {
            (Some(p), Some(c)) => {
                if c.0 > p.0 {
                    c
                } else {
                    p
                }
            }
            (p, c) => p.or(c)?,
        };
        Some(TermMatch { field: 0, tokens: pos..end, gap: None, kind, similarity })
    }
}

/// Pairs a proximity term's first-part occurrences with second-part occurrences in the same
/// sentence, at most [`NEAR_WORDS`] words apart, not overlapping: for each first part the nearest
/// second part (after it before before it, at equal distance). The pairs are appended to `out`
/// by their start, then end, each once.
fn pair_near(first: &[TermMatch], second: &[TermMatch], context: &FieldContext, out: &mut Vec<TermMatch>) {
    let start = out.len();
    for a in first {
        let nearest = second
            .iter()
            .filter_map(|b| {
                let (distance, after) = if b.tokens.start >= a.tokens.end {
                    (b.tokens.start - a.tokens.end, true)
                } else if b.tokens.end <= a.tokens.start {
                    (a.tokens.start - b.tokens.end, false)
                } else {
                    return None;
                };
                let (lo, hi) = (a.tokens.start.min(b.tokens.start), a.tokens.end.max(b.tokens.end));
                (distance <= NEAR_WORDS && context.sentence_of(lo) == context.sentence_of(hi - 1))
                    .then_some((distance, !after, b))
            })
            .min_by_key(|&(distance, before, _)| (distance, before));
        if let Some((_, _, b)) = nearest {
            let (lo, hi) = (a.tokens.start.min(b.tokens.start), a.tokens.end.max(b.tokens.end));
            let gap = if b.tokens.start >= a.tokens.end {
                a.tokens.end..b.tokens.start
            } else {
                b.tokens.end..a.tokens.start
            };
            let (kind, similarity) = weakest((a.kind, a.similarity), (b.kind, b.similarity));
            out.push(TermMatch { field: 0, tokens: lo..hi, gap: Some(gap), kind, similarity });
        }
    }
    // Usually already in order (first parts ascending, each paired near itself): a stable sort
    // of sorted pairs changes nothing, so it is skipped.
    if !out[start..].is_sorted_by_key(|m| (m.tokens.start, m.tokens.end)) {
        out[start..].sort_by_key(|m| (m.tokens.start, m.tokens.end));
    }
    let mut kept = start;
    for i in start..out.len() {
        if kept == start || out[kept - 1].tokens != out[i].tokens {
            out.swap(kept, i);
            kept += 1;
        }
    }
    out.truncate(kept);
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

fn tail(token: &str) -> Option<(char, char)> {
    let mut chars = token.chars().rev();
    let b = chars.next()?;
    Some((chars.next()?, b))
}

/// In [`Matcher::presence`]: a phrase without a joined form.
const NO_JOINED: u32 = u32::MAX;

/// Common words a cue phrase is not anchored on when it has another word.
const COMMON_WORDS: &[&str] =
    &["about", "from", "like", "other", "only", "just", "less", "than", "with", "have", "more", "for", "the", "and"];

/// [`Matcher::short_heads`]: a term token starts with these two characters.
const TERM_HEAD: u8 = 1;
/// [`Matcher::short_heads`]: a cue word starts with these two characters.
const CUE_HEAD: u8 = 2;

/// The cue anchors: the anchor word of each cue phrase, with an id from 1.
#[derive(Debug, Default)]
struct CueWords {
    ids: FxHashMap<String, u16>,
}

impl CueWords {
    /// The word's id, a new one if need be; its ASCII head is marked in `short_heads`.
    fn intern(&mut self, word: &str, short_heads: &mut [u8]) -> u16 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u16 + 1;
        self.ids.insert(word.to_string(), id);
        if let [a, b, ..] = word.as_bytes()
            && word.is_ascii()
        {
            short_heads[ascii_head(*a, *b)] |= CUE_HEAD;
        }
        id
    }

    /// The id of a cue anchor (0: none).
    fn id(&self, token: &str) -> u16 {
        self.ids.get(token).copied().unwrap_or(0)
    }

    /// The number of anchors.
    fn len(&self) -> usize {
        self.ids.len()
    }
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

/// The occurrences of proximity parts in the current row, by (part, field slot).
#[derive(Debug, Default)]
struct NearMemo {
    /// Per `part * stride + slot`: the row it was found in (see `row`) and where its occurrences
    /// are in `store`. A flat table read by index, where a map costs a hash on every look.
    index: Vec<(u64, u32, u32)>,
    /// The slots a part has in `index` (grown, and the table emptied, when a row has more fields).
    stride: usize,
    /// The current row's number, from 1: entries of earlier rows are stale without being cleared.
    row: u64,
    store: Vec<TermMatch>,
}

impl NearMemo {
    /// Starts a row: every entry found before is stale.
    fn start_row(&mut self) {
        self.row += 1;
        self.store.clear();
    }

    /// Where the occurrences of `part` in `slot` are in `store`, found with `find` the first time.
    fn part(&mut self, part: u32, slot: usize, find: impl FnOnce(&mut Vec<TermMatch>)) -> Range<usize> {
        if slot >= self.stride {
            self.stride = slot + 1;
            self.index.clear();
        }
        let at = part as usize * self.stride + slot;
        if at >= self.index.len() {
            self.index.resize(at + 1, (0, 0, 0));
        }
        let (row, start, end) = self.index[at];
        if row == self.row {
            return start as usize..end as usize;
        }
        let start = self.store.len();
        find(&mut self.store);
        self.index[at] = (self.row, start as u32, self.store.len() as u32);
        start..self.store.len()
    }
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
    /// Per id: the term tokens it matches, and its cue word id (0: none).
    entries: Vec<Entry>,
    /// The matches of every entry, one after another: a token's matches are read at every
    /// occurrence (to index the field, then by each term that looks there), and one array keeps
    /// them together where a box per token scatters them over the heap.
    arena: Vec<TokenMatch>,
    /// Non-ASCII runs as written, to their token ids: normalisation costs once per distinct run.
    runs: FxHashMap<Box<str>, Box<[u32]>>,
    /// The same for runs of up to 16 bytes, keyed as `short_ids` is.
    short_runs: FxHashMap<Key, Box<[u32]>>,
    /// Suspended words' readings (see [`Matcher::complete`]), by "suspended completing".
    completions: FxHashMap<Box<str>, Box<[(u32, MatchKind)]>>,
    /// Per term token, the slots of the current row's fields where it occurs (one bit a slot).
    present: Vec<u64>,
    /// The current row's occurrences of proximity parts, found once each.
    near: std::cell::RefCell<NearMemo>,
    touched: Vec<u32>,
}

/// A distinct token's matches (`TokenCache::arena[start..start + len]`) and its cue word id (0:
/// none).
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
    cue: u16,
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
#[inline]
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

/// Ids from here up (below [`NO_MATCH`]) are tokens that match no term but are cue anchor
/// `id - CUE_ONLY`: they need no entry either.
const CUE_ONLY: u32 = 0xFFFF_0000;

/// A cache holding more distinct tokens than this is emptied before the next row, which keeps
/// memory bounded on text with an endless supply of typos (about 100 bytes a token).
const MAX_CACHED_TOKENS: usize = 1 << 18;

impl TokenCache {
    /// An empty cache.
    pub fn new() -> TokenCache {
        TokenCache::default()
    }

    /// The id of a distinct text token, matching it against the vocabulary the first time it is seen.
    #[inline]
    pub fn id(&mut self, matcher: &Matcher, token: &str) -> u32 {
        if matcher.nothing(token) {
            return NO_MATCH;
        }
        self.id_past_nothing(matcher, token)
    }

    /// [`TokenCache::id`] of an ASCII token: the front table first, and [`Matcher::nothing`] only
    /// when it misses. The few short words that make up much of running text ("og", "at", "the")
    /// sit in the front table like any other, and deciding by their length and letters first
    /// whether to look them up cost a wrong guess on many words.
    #[inline]
    fn id_ascii(&mut self, matcher: &Matcher, token: &str, packed: Option<Packed>) -> u32 {
        debug_assert!(token.is_ascii());
        // The tokeniser packs most words as it reads them, as `pack` would.
        let key = match packed {
            Some(Packed(low, high)) => Some(Key(low, high)),
            None => pack(token),
        };
        debug_assert_eq!(key, pack(token), "{token:?}");
        if let Some(key) = key
            && let Some(&(known, id)) = self.front.get(front_slot(key))
            && known == key
        {
            return id;
        }
        if matcher.nothing_ascii(token) {
            return NO_MATCH;
        }
        self.id_slow(matcher, token, key)
    }

    #[inline]
    fn id_past_nothing(&mut self, matcher: &Matcher, token: &str) -> u32 {
        let key = pack(token);
        // The common case, a word seen lately, inline; the rest out of line, so that the loop over
        // tokens stays small.
        if let Some(key) = key
            && let Some(&(known, id)) = self.front.get(front_slot(key))
            && known == key
        {
            return id;
        }
        self.id_slow(matcher, token, key)
    }

    /// [`TokenCache::id`] past the front table.
    #[inline(never)]
    fn id_slow(&mut self, matcher: &Matcher, token: &str, key: Option<Key>) -> u32 {
        let front = key.map(|key| {
            if self.front.is_empty() {
                self.front = vec![(Key::default(), NO_MATCH); FRONT_SLOTS].into_boxed_slice();
            }
            (key, front_slot(key))
        });
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
        // A short cue word ("og", "ikke") that can match no term is cached with its cue id alone.
        let matches = if matcher.cannot_match(token) { Vec::new() } else { matcher.match_token(token) };
        let cue = matcher.cue_words.id(token);
        let id = if !matches.is_empty() {
            self.entries.push(Entry { start: self.arena.len() as u32, len: matches.len() as u32, cue });
            self.arena.extend_from_slice(&matches);
            (self.entries.len() - 1) as u32
        } else if cue != 0 {
            CUE_ONLY + u32::from(cue)
        } else {
            NO_MATCH
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
        if id >= CUE_ONLY {
            return &[];
        }
        self.entries.get(id as usize).map_or(&[], |e| &self.arena[e.start as usize..(e.start + e.len) as usize])
    }

    /// The cue word id of a token id (0: not a cue word).
    pub fn cue(&self, id: u32) -> u16 {
        match id {
            NO_MATCH => 0,
            id if id >= CUE_ONLY => (id - CUE_ONLY) as u16,
            id => self.entries.get(id as usize).map_or(0, |e| e.cue),
        }
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

    /// The term tokens that occur in the current row (in the order they were first seen).
    pub fn present(&self) -> &[u32] {
        &self.touched
    }

    /// Starts a row: clears which term tokens the previous row had.
    pub fn start_row(&mut self, matcher: &Matcher) {
        self.near.get_mut().start_row();
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
        if self.len() + self.runs.len() + self.short_runs.len() + self.completions.len() > MAX_CACHED_TOKENS {
            self.short_ids.clear();
            self.ids.clear();
            self.front.fill((Key::default(), NO_MATCH));
            self.entries.clear();
            self.arena.clear();
            self.runs.clear();
            self.short_runs.clear();
            self.completions.clear();
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

/// One field of one row, tokenised, with token ids, the positions of tokens that match anything,
/// and its context (sentences, cues).
#[derive(Debug, Default, Clone)]
pub struct PreparedField {
    /// Each token's span in the original text.
    pub spans: Vec<Range<usize>>,
    /// Sentences, list labels, cues and clauses.
    pub context: FieldContext,
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
    /// Suspended words read as completed, by position.
    extras: Vec<Extra>,
    /// The positions of cue anchors, ascending, with the anchor's id.
    cue_at: Vec<(u32, u16)>,
    /// Term tokens matched in the field that are not indexed by position (for presence only).
    others: Vec<u32>,
    /// Whether `context.sentences` is read for the text at hand.
    sentences_read: bool,
}

impl PreparedField {
    /// Tokenises `text` (the field in `slot`), looks up every token in the cache, and reads its
    /// context. Call [`TokenCache::start_row`] first for each row.
    pub fn prepare(&mut self, slot: usize, text: &str, matcher: &Matcher, cache: &mut TokenCache) {
        self.prepare_words(slot, text, matcher, cache);
        self.read_context(text, matcher);
    }

    /// The words of [`PreparedField::prepare`] without the context: tokens, their matches and the
    /// row's record of which term tokens it holds ([`TokenCache::present`]), which is all an
    /// upper bound needs (see [`crate::score::terms::upper_credits`]). [`PreparedField::read_context`]
    /// reads the rest, before terms are looked for.
    pub fn prepare_words(&mut self, slot: usize, text: &str, matcher: &Matcher, cache: &mut TokenCache) {
        self.spans.clear();
        self.ids.clear();
        self.hits.clear();
        self.cue_at.clear();
        self.context.sentences.clear();
        self.sentences_read = false;
        self.others.clear();
        let PreparedField { spans, ids, hits, buffer, run: run_ids, cue_at, others, .. } = self;
        let mut push = |cache: &TokenCache, id: u32, span: Range<usize>| {
            let pos = ids.len() as u32;
            let cue = if id < CUE_ONLY {
                let entry = cache.entries[id as usize];
                let matches = &cache.arena[entry.start as usize..(entry.start + entry.len) as usize];
                let cue = &entry.cue;
                for m in matches.iter() {
                    if m.indexed {
                        hits.push((m.vocab, pos));
                    } else {
                        // Not looked for by position, but a phrase needs to know it is there.
                        others.push(m.vocab);
                    }
                }
                *cue
            } else {
                cache.cue(id)
            };
            if cue != 0 {
                cue_at.push((pos, cue));
            }
            ids.push(id);
            spans.push(span);
        };
        for_each_run(text, buffer, |span, run| match run {
            Run::Token(token, packed) => {
                let id = cache.id_ascii(matcher, token, packed);
                push(cache, id, span);
            }
            Run::Raw(raw) => {
                cache.run_ids(matcher, raw, run_ids);
                for &id in run_ids.iter() {
                    push(cache, id, span.clone());
                }
            }
        });
        self.extras.clear();
        if memchr::memchr(b'-', text.as_bytes()).is_some() {
            self.read_sentences(text);
            self.complete_suspended(text, matcher, cache);
        }
        self.index(matcher.vocab.len());
        for &(vocab, _, _) in &self.offsets {
            cache.mark(vocab, slot);
        }
        for &vocab in &self.others {
            cache.mark(vocab, slot);
        }
    }

    /// Reads the context of a field prepared by [`PreparedField::prepare_words`] (the same
    /// `text`): sentences, list labels, cues and clauses.
    pub fn read_context(&mut self, text: &str, matcher: &Matcher) {
        self.read_sentences(text);
        self.context.read(text, &self.spans, &self.cue_at, &matcher.cues);
    }

    /// Where the sentences start, once per field.
    fn read_sentences(&mut self, text: &str) {
        if !self.sentences_read {
            segment::sentence_starts(text, &self.spans, &mut self.context.sentences);
            self.sentences_read = true;
        }
    }

    /// Reads suspended words as completed (see [`Matcher::complete`]), and adds those readings to
    /// the hits.
    fn complete_suspended(&mut self, text: &str, matcher: &Matcher, cache: &mut TokenCache) {
        let coordinators = &matcher.cues.clause_words.coordinators;
        for (pos, through) in segment::suspended(text, &self.spans, &self.context.sentences, coordinators) {
            let suspended = segment::word_at(text, &self.spans, pos);
            let completing = segment::word_at(text, &self.spans, through);
            self.buffer.clear();
            self.buffer.push_str(&suspended);
            self.buffer.push(' ');
            self.buffer.push_str(&completing);
            if !cache.completions.contains_key(self.buffer.as_str()) {
                let readings = matcher.complete(&suspended, &completing).into();
                cache.completions.insert(self.buffer.as_str().into(), readings);
            }
            let readings = cache.completions.get(self.buffer.as_str()).map_or(&[][..], |r| r);
            for &(vocab, kind) in readings {
                self.extras.push(Extra { pos: pos as u32, through: through as u32, vocab, kind });
            }
        }
        if self.extras.is_empty() {
            return;
        }
        self.hits
            .extend(self.extras.iter().filter(|e| matcher.vocab[e.vocab as usize].indexed).map(|e| (e.vocab, e.pos)));
        self.hits.sort_unstable_by_key(|&(vocab, pos)| (pos, vocab));
        self.hits.dedup();
    }

    /// How the token at `pos` matches term token `vocab` (with the criterion's fuzzy threshold):
    /// kind, similarity and the position after the words it took (a suspended word's reading
    /// takes the words through the completing one).
    fn token_match(
        &self,
        pos: usize,
        vocab: u32,
        fuzzy: f64,
        cache: &TokenCache,
    ) -> Option<(MatchKind, Option<f64>, usize)> {
        let id = *self.ids.get(pos)?;
        if let Some((kind, similarity)) = lookup(cache.matches(id), vocab, fuzzy) {
            return Some((kind, similarity, pos + 1));
        }
        let extra = self.extras.iter().find(|e| e.pos as usize == pos && e.vocab == vocab)?;
        Some((extra.kind, None, extra.through as usize + 1))
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the field has no words.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The key the tokeniser packs while reading a word is the key `pack` makes of the word
        /// (lowercased), for words of every length up to and past 16 bytes, at every distance from
        /// the end of the text.
        #[test]
        fn words_packed_by_the_tokeniser_are_packed_as_pack_packs_them(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                10 => proptest::sample::select(b"abzAZQ09".to_vec()),
                1 => proptest::sample::select(b" .,-".to_vec()),
            ], 0..60),
        ) {
            let text = String::from_utf8(bytes).expect("ASCII");
            let mut buffer = String::new();
            super::super::for_each_run(&text, &mut buffer, |_, run| {
                if let Run::Token(token, Some(Packed(low, high))) = run {
                    assert_eq!(Some(Key(low, high)), pack(token), "{token:?}");
                }
            });
        }
    }

    #[test]
    fn words_read_eight_bytes_at_a_time_come_packed() {
        // Every word but the last two (fewer than eight bytes from the end) and the 17-byte one.
        let text = "Budget STRATEGI a b2 Økonomi-Direktoer oekonomidirektoer1 ledelse og ja";
        let mut buffer = String::new();
        let mut seen = Vec::new();
        super::super::for_each_run(text, &mut buffer, |_, run| {
            if let Run::Token(token, packed) = run {
                seen.push((token.to_string(), packed.is_some()));
            }
        });
        let packed: Vec<&str> = seen.iter().filter(|(_, p)| *p).map(|(t, _)| t.as_str()).collect();
        assert_eq!(packed, ["budget", "strategi", "a", "b2", "direktoer", "ledelse"]);
    }

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
                        for term in terms.iter().flat_map(|t| &t.members) {
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
        let mut found = Vec::new();
        matcher.occurrences(id, &[0], std::slice::from_ref(&field), &cache, &mut found);
        found.first().map(|m| m.kind)
    }

    #[test]
    fn compound_heads_match_inflected_heads_not_participles() {
        assert_eq!(kind_of("*udvalg", "betjener økonomiudvalget"), Some(MatchKind::Head));
        assert_eq!(kind_of("*udvalg", "udvalgene"), Some(MatchKind::Head));
        assert_eq!(kind_of("*udvalg", "udvalg"), Some(MatchKind::Exact));
        // "udvalgte" (selected) shares the stem "udvalg" but is a participle, not the head.
        assert_eq!(kind_of("*udvalg", "de udvalgte"), None);
        assert_eq!(kind_of("*social område", "det specialiserede voksensocialområde"), Some(MatchKind::Head));
    }

    #[test]
    fn suspended_words_read_as_completed() {
        // "børne- og skoleudvalget" also reads "børneudvalget": the term's rest "udvalg" occurs in
        // "skoleudvalget" after its first letter, and "boerne" + "udvalget" matches "boerneudvalg*".
        assert_eq!(kind_of("børneudvalg*", "betjent børne- og skoleudvalget"), Some(MatchKind::Prefix));
        assert_eq!(kind_of("socialområde*", "social- og sundhedsområdet"), Some(MatchKind::Prefix));
        // No reading where the term's rest is not in the completing word.
        assert_eq!(kind_of("børnehave*", "børne- og sundhedsområdet"), None);
        // A hyphen inside a word is no suspension.
        assert_eq!(kind_of("børneudvalg*", "børne-skoleudvalget"), None);
    }

    #[test]
    fn proximity_terms_need_both_parts_in_one_sentence_within_five_words() {
        assert_eq!(kind_of("ansvar … budget*", "ansvaret for et budget på 720 mio."), Some(MatchKind::Stem));
        assert_eq!(kind_of("ansvar … budget*", "budgettet havde jeg ansvar for"), Some(MatchKind::Prefix));
        // Six words between the parts: too far.
        assert_eq!(kind_of("ansvar … budget*", "ansvar for en af de mange store budgetter"), None);
        assert_eq!(kind_of("ansvar … budget*", "fuldt ansvar. Budgettet var stort"), None);
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
