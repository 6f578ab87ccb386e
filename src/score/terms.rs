//! The `terms` criteria of one rubric for one row, read together (docs/rubric-format.md §8,
//! "Context"): every occurrence of every term is found, read in its clause (denied, aspiration),
//! checked against the rubric's exclusions, and then read in its sentence (a list line, a
//! sentence that is mostly rubric words, a sentence that already carries its share of
//! criteria). Each term counts by its strongest occurrence, and a criterion's credit follows.
//!
//! This is the fast path. `super::reference` computes the same from the rules as written, and
//! `tests/reference.rs` checks that the two agree.

use std::ops::Range;

use super::card::{Evidence, Status};
use crate::rubric::{CompiledCheck, CompiledRubric, MemberRef};
use crate::text::{MatchKind, Matcher, PreparedField, Reading, TermMatch, TokenCache, segment};

/// Terms cover a sentence densely when they cover at least this share of its words (2/3).
pub const DENSE_NUMERATOR: usize = 2;
/// See [`DENSE_NUMERATOR`].
pub const DENSE_DENOMINATOR: usize = 3;
/// A field of at most this many words is a fact cell (a title, an employer, a degree): it is never
/// read as a dense list.
pub const FACT_WORDS: usize = 8;
pub use crate::text::context::{FORM_WORDS, FRAGMENT_WORDS};
/// This many sentences of a field that hold rubric terms and are otherwise the same words (a
/// frame: "Jeg arbejder med …") are a list written as sentences.
pub const REPEATED_SENTENCES: usize = 3;
/// A sentence quoted as evidence is cut (at word boundaries, around the match) beyond this many
/// characters.
pub const QUOTE_CHARS: usize = 240;

/// A row's text as the terms checks see it: the prepared fields, their original text, and the
/// column name of each field.
pub struct RowText<'a> {
    /// The prepared fields, by slot.
    pub fields: &'a [PreparedField],
    /// The original text of each slot.
    pub texts: Vec<&'a str>,
    /// The column name of each slot.
    pub names: Vec<&'a str>,
    /// The row's token cache.
    pub cache: &'a TokenCache,
}

/// What one `terms` check comes to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermsOutcome {
    /// min(1, found / need + listed credit · min(1, listed / need)).
    pub credit: f64,
    /// Per entry that occurs, its strongest occurrence (only when explaining).
    pub evidence: Vec<Evidence>,
    /// Entries that do not occur (only when explaining).
    pub missing: Vec<String>,
    /// Whether its terms occur, but every occurrence that is not excluded is denied: the
    /// application states the opposite (a requirement is then not met, see [`TermsCredit`]).
    pub denied: bool,
}

/// What ranking needs of one `terms` check: its credit, and whether its strongest occurrence is
/// denied (its terms occur, and all of them that are not excluded are denied).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermsCredit {
    /// The credit (NaN for a check of another kind).
    pub credit: f64,
    /// Whether the strongest occurrence is denied.
    pub denied: bool,
}

/// Why an occurrence has its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Nothing to say (found).
    Nothing,
    /// A cue at these positions of the field.
    Cue(u32, u32),
    /// The entry's exclusion with this index.
    Exclusion(u32),
    /// The sentence starts with a list label.
    Label,
    /// The sentence is a form line: a label and a short answer ("Budgetansvar: ja.").
    Form,
    /// Rubric terms cover most of the sentence.
    Dense,
    /// The sentence repeats the frame of other sentences of its field around other rubric terms.
    Repeated,
    /// The sentence already gives full credit to as many criteria as it may.
    Cap,
}

/// One occurrence of one member of one entry of one check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Occurrence {
    /// The check (criteria in rubric order, then requirements).
    pub check: u32,
    /// The entry within the check.
    pub entry: u32,
    /// The member within the entry.
    pub member: u32,
    /// The field slot.
    pub slot: u32,
    /// The sentence within the field.
    pub sentence: u32,
    /// Word positions.
    pub start: u32,
    /// One past the last word.
    pub end: u32,
    /// For a proximity term, the words between its parts.
    pub gap: Option<(u32, u32)>,
    /// How it matched.
    pub kind: MatchKind,
    /// Similarity, for fuzzy matches.
    pub similarity: Option<f64>,
    /// How it counts.
    pub status: Status,
    /// Why.
    pub why: Why,
}

impl Occurrence {
    /// The positions its words cover (without a proximity gap).
    pub fn covered(&self) -> impl Iterator<Item = u32> + '_ {
        (self.start..self.end).filter(|p| self.gap.is_none_or(|(a, b)| !(a..b).contains(p)))
    }

    fn overlaps(&self, start: u32, end: u32) -> bool {
        self.start < end && start < self.end
    }
}

/// Reusable buffers.
#[derive(Debug, Default)]
pub struct TermsScratch {
    occurrences: Vec<Occurrence>,
    matches: Vec<TermMatch>,
    firsts: Vec<(u32, u32, u32, u32)>,
    capped: Vec<(u32, u32, u32)>,
    best: Vec<u8>,
    members: Vec<MemberRef>,
    candidates: Vec<u64>,
    /// Per field slot, the positions covered by any occurrence (one bit a position).
    coverage: Vec<Vec<u64>>,
    /// Per field slot and sentence, whether it is a list (see `read_sentences`).
    dense: Vec<Vec<u8>>,
    /// Repeated frames (see `repeated_frames`).
    frames: Frames,
}

/// The checks of a rubric in the order the terms evaluation numbers them: every criterion in
/// rubric order, then every requirement.
pub fn checks(rubric: &CompiledRubric) -> impl Iterator<Item = &CompiledCheck> {
    rubric.competencies.iter().flat_map(|c| c.criteria.iter()).chain(&rubric.requirements)
}

/// Evaluates every `terms` check of `rubric` on one row: one outcome per check in [`checks`]
/// order (`None` for the other kinds).
pub fn evaluate(
    rubric: &CompiledRubric,
    matcher: &Matcher,
    row: &RowText<'_>,
    scratch: &mut TermsScratch,
    explain: bool,
) -> Vec<Option<TermsOutcome>> {
    let criteria = rubric.competencies.iter().map(|c| c.criteria.len()).sum::<usize>() as u32;
    find_occurrences(rubric, matcher, row, scratch);
    read_sentences(rubric, row, scratch, criteria);
    outcomes(rubric, row, &scratch.occurrences, explain)
}

/// The credits alone of every `terms` check (what ranking needs), into `out` in [`checks`] order
/// (NaN for the other kinds): [`evaluate`] without building evidence.
pub fn credits(
    rubric: &CompiledRubric,
    matcher: &Matcher,
    row: &RowText<'_>,
    scratch: &mut TermsScratch,
    out: &mut Vec<TermsCredit>,
) {
    let criteria = rubric.competencies.iter().map(|c| c.criteria.len()).sum::<usize>() as u32;
    find_occurrences(rubric, matcher, row, scratch);
    read_sentences(rubric, row, scratch, criteria);
    out.clear();
    let TermsScratch { occurrences, best, .. } = scratch;
    let mut from = 0;
    for (check_index, check) in checks(rubric).enumerate() {
        let CompiledCheck::Terms { entries, need, .. } = check else {
            out.push(TermsCredit { credit: f64::NAN, denied: false });
            continue;
        };
        // Each entry's strongest status (0: no occurrence).
        best.clear();
        best.resize(entries.len(), 0);
        while let Some(o) = occurrences.get(from).filter(|o| o.check == check_index as u32) {
            let rank = o.status as u8 + 1;
            best[o.entry as usize] = best[o.entry as usize].max(rank);
            from += 1;
        }
        let count = |status: Status| best.iter().filter(|&&b| b == status as u8 + 1).count();
        let credit = credit(count(Status::Found), count(Status::Listed), *need, rubric.rubric.meta.listed_credit);
        let denied = best.iter().max() == Some(&(Status::Denied as u8 + 1));
        out.push(TermsCredit { credit, denied });
    }
}

/// Upper bounds of the credits of every `terms` check, without finding a single occurrence: into
/// `out` in [`checks`] order (NaN for the other kinds; `denied` false). A check's bound counts the
/// entries that can occur at all (a member whose words are all in the row, in the check's
/// fields): no status can credit more entries than occur, and a listed entry credits at most
/// what a found one does (`listed_credit` ≤ 1), so [`credits`] never gives more. For leaving out
/// rows that cannot reach the first places (see [`crate::rank::Cutoff`]).
pub fn upper_credits(
    rubric: &CompiledRubric,
    matcher: &Matcher,
    row: &RowText<'_>,
    scratch: &mut TermsScratch,
    out: &mut Vec<TermsCredit>,
) {
    candidates(rubric, matcher, row, scratch);
    out.clear();
    let mut members = scratch.members.iter().peekable();
    for (check_index, check) in checks(rubric).enumerate() {
        let CompiledCheck::Terms { slots, need, .. } = check else {
            out.push(TermsCredit { credit: f64::NAN, denied: false });
            continue;
        };
        let (mut possible, mut counted) = (0usize, None);
        while let Some(m) = members.next_if(|m| m.check == check_index as u32) {
            if counted != Some(m.entry) && matcher.may_occur(m.term as usize, slots, row.cache) {
                possible += 1;
                counted = Some(m.entry);
            }
        }
        // credit(found, listed) ≤ (found + listed) / need ≤ possible / need, capped at 1; the
        // margin covers the rounding of the sum in `credit`.
        let credit = match possible {
            0 => 0.0,
            p if p >= (*need).max(1) => 1.0,
            p => (p as f64 / (*need).max(1) as f64 + 1e-9).min(1.0),
        };
        out.push(TermsCredit { credit, denied: false });
    }
}

/// The members worth looking for, into `scratch.members` in rubric order: those whose first word
/// occurs in the row (see [`CompiledRubric::by_vocab`]); by the rules as written (a matcher in
/// reference mode) every member.
fn candidates(rubric: &CompiledRubric, matcher: &Matcher, row: &RowText<'_>, scratch: &mut TermsScratch) {
    scratch.members.clear();
    if matcher.is_reference() {
        scratch.members.extend_from_slice(&rubric.members);
    } else {
        // The candidates as a bit set over `rubric.members`: read out in order, each once.
        let bits = &mut scratch.candidates;
        bits.clear();
        bits.resize(rubric.members.len().div_ceil(64), 0);
        for vocab in row.cache.present() {
            for &at in rubric.by_vocab.get(*vocab) {
                bits[at as usize / 64] |= 1 << (at % 64);
            }
        }
        for (word, &set) in bits.iter().enumerate() {
            let mut set = set;
            while set != 0 {
                let bit = set.trailing_zeros() as usize;
                scratch.members.push(rubric.members[word * 64 + bit]);
                set &= set - 1;
            }
        }
    }
}

/// Step 1 and 2: every occurrence, read in its clause and checked against exclusions, grouped by
/// check in check order. Only the [`candidates`] are looked for.
fn find_occurrences(rubric: &CompiledRubric, matcher: &Matcher, row: &RowText<'_>, scratch: &mut TermsScratch) {
    scratch.occurrences.clear();
    candidates(rubric, matcher, row, scratch);
    let TermsScratch { occurrences, matches, members, .. } = scratch;
    let mut checks = checks(rubric).enumerate().peekable();
    let mut i = 0;
    while i < members.len() {
        let check_index = members[i].check;
        let Some((_, check)) = checks.find(|(c, _)| *c as u32 == check_index) else {
            break;
        };
        let CompiledCheck::Terms { entries, slots, .. } = check else {
            i += 1;
            continue;
        };
        let first = occurrences.len();
        while let Some(&MemberRef { entry: entry_index, member: member_index, term, .. }) =
            members.get(i).filter(|m| m.check == check_index)
        {
            i += 1;
            matches.clear();
            matcher.occurrences(term as usize, slots, row.fields, row.cache, matches);
            for m in matches.iter() {
                let slot = slots[m.field];
                let context = &row.fields[slot].context;
                let (status, why) = match context.reading(m.tokens.clone()) {
                    Some((Reading::Denied, cue)) => (Status::Denied, Why::Cue(cue.start, cue.end)),
                    Some((Reading::Aspiration, cue)) => (Status::Aspiration, Why::Cue(cue.start, cue.end)),
                    _ => (Status::Found, Why::Nothing),
                };
                occurrences.push(Occurrence {
                    check: check_index,
                    entry: entry_index,
                    member: member_index,
                    slot: slot as u32,
                    sentence: context.sentence_of(m.tokens.start) as u32,
                    start: m.tokens.start as u32,
                    end: m.tokens.end as u32,
                    gap: m.gap.as_ref().map(|g| (g.start as u32, g.end as u32)),
                    kind: m.kind,
                    similarity: m.similarity,
                    status,
                    why,
                });
            }
        }
        exclude(entries, slots, matcher, row, occurrences, first, matches);
    }
}

/// Marks the occurrences (from `first` on, all of one check) that an exclusion rules out. An
/// exclusion occurrence that overlaps occurrences of the entry rules out those (`business
/// school` over `school*`); one that overlaps none of them is a context (`golf` near
/// `handicap*`) and rules out the entry's occurrences in its sentence.
fn exclude(
    entries: &[crate::rubric::CompiledEntry],
    slots: &[usize],
    matcher: &Matcher,
    row: &RowText<'_>,
    occurrences: &mut [Occurrence],
    first: usize,
    buffer: &mut Vec<TermMatch>,
) {
    let check = &mut occurrences[first..];
    for (entry_index, entry) in entries.iter().enumerate() {
        if entry.exclude.is_empty() || !check.iter().any(|o| o.entry == entry_index as u32) {
            continue;
        }
        for (exclusion_index, &(term, _)) in entry.exclude.iter().enumerate() {
            buffer.clear();
            matcher.occurrences(term, slots, row.fields, row.cache, buffer);
            for x in buffer.iter() {
                let slot = slots[x.field] as u32;
                let (start, end) = (x.tokens.start as u32, x.tokens.end as u32);
                let sentence = row.fields[slot as usize].context.sentence_of(x.tokens.start) as u32;
                let entry = entry_index as u32;
                let context_only = !check.iter().any(|o| o.entry == entry && o.slot == slot && o.overlaps(start, end));
                for o in check.iter_mut() {
                    let hit = o.entry == entry_index as u32
                        && o.slot == slot
                        && o.sentence == sentence
                        && (context_only || o.overlaps(start, end));
                    if hit && o.status != Status::Excluded {
                        o.status = Status::Excluded;
                        o.why = Why::Exclusion(exclusion_index as u32);
                    }
                }
            }
        }
    }
}

/// Step 3: sentences that are lists (a label, or dense with rubric words), and the cap on the
/// criteria one sentence can carry.
fn read_sentences(rubric: &CompiledRubric, row: &RowText<'_>, scratch: &mut TermsScratch, criteria: u32) {
    let TermsScratch { occurrences, firsts, capped, coverage, dense, frames, .. } = scratch;
    // Words covered, by any occurrence of any term of the rubric: one bit a position per field.
    coverage.resize_with(row.fields.len(), Vec::new);
    for (bits, field) in coverage.iter_mut().zip(row.fields) {
        bits.clear();
        bits.resize(field.len().div_ceil(64), 0);
    }
    for o in occurrences.iter() {
        let bits = &mut coverage[o.slot as usize];
        for p in o.covered() {
            bits[p as usize / 64] |= 1 << (p % 64);
        }
    }
    repeated_frames(row, occurrences, coverage, frames);
    let framed = &frames.framed;
    // Per field and sentence, once: 0 not worked out yet, 1 not a list, 2 labelled, 3 dense,
    // 4 a form line, 5 a repeated frame.
    dense.resize_with(row.fields.len(), Vec::new);
    for (state, field) in dense.iter_mut().zip(row.fields) {
        state.clear();
        state.resize(field.context.sentences.len(), 0);
    }
    let mut listed = |slot: u32, sentence: u32| -> Option<Why> {
        let field = &row.fields[slot as usize];
        let state = &mut dense[slot as usize][sentence as usize];
        if *state == 0 {
            *state = if field.context.is_labelled(sentence as usize) {
                2
            } else if field.len() <= FACT_WORDS {
                1
            } else {
                let range = field.context.sentence(sentence as usize);
                let bits = &coverage[slot as usize];
                let count = ones(bits, range.clone());
                if field.context.is_form(sentence as usize) {
                    4
                } else if count * DENSE_DENOMINATOR >= range.len() * DENSE_NUMERATOR {
                    3
                } else if framed.binary_search(&(slot, sentence)).is_ok() {
                    5
                } else {
                    1
                }
            };
        }
        match *state {
            2 => Some(Why::Label),
            3 => Some(Why::Dense),
            4 => Some(Why::Form),
            5 => Some(Why::Repeated),
            _ => None,
        }
    };
    for o in occurrences.iter_mut() {
        if o.status != Status::Found {
            continue;
        }
        if let Some(why) = listed(o.slot, o.sentence) {
            o.status = Status::Listed;
            o.why = why;
        }
    }
    // The cap: in each sentence, the criteria ordered by their first found word; those after the
    // first `sentence_criteria` count as listed there.
    firsts.clear();
    firsts.extend(
        occurrences
            .iter()
            .filter(|o| o.status == Status::Found && o.check < criteria)
            .map(|o| (o.slot, o.sentence, o.start, o.check)),
    );
    firsts.sort_unstable();
    capped.clear();
    let limit = rubric.rubric.meta.sentence_criteria;
    let mut i = 0;
    // The criteria of the sentence at hand, in order; one buffer for the row.
    let mut seen: Vec<u32> = Vec::new();
    while i < firsts.len() {
        let (slot, sentence) = (firsts[i].0, firsts[i].1);
        seen.clear();
        while i < firsts.len() && (firsts[i].0, firsts[i].1) == (slot, sentence) {
            let check = firsts[i].3;
            if !seen.contains(&check) {
                seen.push(check);
                if seen.len() > limit {
                    capped.push((slot, sentence, check));
                }
            }
            i += 1;
        }
    }
    for o in occurrences.iter_mut() {
        if o.status == Status::Found && capped.contains(&(o.slot, o.sentence, o.check)) {
            o.status = Status::Listed;
            o.why = Why::Cap;
        }
    }
}

/// The sentences of a field that repeat one frame (docs/rubric-format.md §8, "Lists and the
/// cap"): at least [`REPEATED_SENTENCES`] sentences where a term occurs whose other words, in
/// order, are the same ("Jeg arbejder med budgetansvar. Jeg arbejder med strategi. Jeg arbejder
/// med HR."): a list written as sentences. Into `scratch.framed` as (slot, sentence), sorted.
/// Fact cells (at most [`FACT_WORDS`] words) are read as written.
fn repeated_frames(row: &RowText<'_>, occurrences: &[Occurrence], coverage: &[Vec<u64>], scratch: &mut Frames) {
    let Frames { with_terms, sizes, hashes, framed } = scratch;
    framed.clear();
    // The sentences where a term occurs, one bit each per field.
    with_terms.resize_with(row.fields.len(), Vec::new);
    for (bits, field) in with_terms.iter_mut().zip(row.fields) {
        bits.clear();
        bits.resize(field.context.sentences.len().div_ceil(64), 0);
    }
    for o in occurrences {
        with_terms[o.slot as usize][o.sentence as usize / 64] |= 1 << (o.sentence % 64);
    }
    for (slot, field) in row.fields.iter().enumerate() {
        let bits = &with_terms[slot];
        if field.len() <= FACT_WORDS || bits.iter().map(|b| b.count_ones() as usize).sum::<usize>() < REPEATED_SENTENCES
        {
            continue;
        }
        let covered = &coverage[slot];
        let uncovered =
            |sentence: usize| field.context.sentence(sentence).filter(move |&p| covered[p / 64] & (1 << (p % 64)) == 0);
        // First by the number of words outside the terms, which rules out most sentences at
        // once (a histogram; counts from 63 up share a bucket); then, among those that share
        // it, by a hash of those words; then word by word.
        sizes.clear();
        let mut buckets = [0u8; 64];
        for (word, &set) in bits.iter().enumerate() {
            let mut set = set;
            while set != 0 {
                let sentence = word * 64 + set.trailing_zeros() as usize;
                set &= set - 1;
                let range = field.context.sentence(sentence);
                let count = (range.len() - ones(covered, range)).min(63);
                buckets[count] = buckets[count].saturating_add(1);
                sizes.push((sentence as u32, count as u32));
            }
        }
        let (text, spans) = (row.texts[slot], &field.spans);
        hashes.clear();
        hashes.extend(
            sizes
                .iter()
                .filter(|&&(_, count)| count > 0 && usize::from(buckets[count as usize]) >= REPEATED_SENTENCES)
                .map(|&(sentence, _)| {
                    let hash = uncovered(sentence as usize)
                        .fold(0xcbf2_9ce4_8422_2325, |hash, p| segment::hash_word(text, spans, p, hash));
                    (hash, sentence)
                }),
        );
        if hashes.len() < REPEATED_SENTENCES {
            continue;
        }
        hashes.sort_unstable();
        let words = |sentence: u32| uncovered(sentence as usize).map(|p| segment::word_at(text, spans, p));
        for group in hashes.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() >= REPEATED_SENTENCES) {
            for a in group {
                if group.iter().filter(|b| words(a.1).eq(words(b.1))).count() >= REPEATED_SENTENCES {
                    framed.push((slot as u32, a.1));
                }
            }
        }
    }
    framed.sort_unstable();
}

/// The number of bits set in `bits` at positions `range`, a word of 64 at a time.
fn ones(bits: &[u64], range: Range<usize>) -> usize {
    if range.is_empty() {
        return 0;
    }
    let (first, last) = (range.start / 64, (range.end - 1) / 64);
    let low = !0u64 << (range.start % 64);
    let high = !0u64 >> (63 - (range.end - 1) % 64);
    if first == last {
        return (bits[first] & low & high).count_ones() as usize;
    }
    let middle: u32 = bits[first + 1..last].iter().map(|w| w.count_ones()).sum();
    ((bits[first] & low).count_ones() + middle + (bits[last] & high).count_ones()) as usize
}

/// Buffers for [`repeated_frames`].
#[derive(Debug, Default)]
struct Frames {
    /// Per field slot, the sentences where a term occurs (one bit a sentence).
    with_terms: Vec<Vec<u64>>,
    /// (sentence, words outside the terms) of one field.
    sizes: Vec<(u32, u32)>,
    /// (hash of the words outside the terms, sentence) of one field.
    hashes: Vec<(u64, u32)>,
    /// (slot, sentence) of the sentences that repeat a frame, sorted.
    framed: Vec<(u32, u32)>,
}

/// Step 4: per check, each entry by its strongest occurrence, and the credit.
fn outcomes(
    rubric: &CompiledRubric,
    row: &RowText<'_>,
    occurrences: &[Occurrence],
    explain: bool,
) -> Vec<Option<TermsOutcome>> {
    let meta = &rubric.rubric.meta;
    let mut from = 0;
    checks(rubric)
        .enumerate()
        .map(|(check_index, check)| {
            let CompiledCheck::Terms { entries, slots, need } = check else {
                return None;
            };
            let to = from + occurrences[from..].iter().take_while(|o| o.check == check_index as u32).count();
            let own = &occurrences[from..to];
            from = to;
            let mut outcome = TermsOutcome::default();
            let (mut found, mut listed) = (0usize, 0usize);
            for (entry_index, entry) in entries.iter().enumerate() {
                let best = own.iter().filter(|o| o.entry == entry_index as u32).min_by(|a, b| stronger(a, b, slots));
                match best.map(|o| o.status) {
                    Some(Status::Found) => found += 1,
                    Some(Status::Listed) => listed += 1,
                    _ => {}
                }
                if explain {
                    match best {
                        Some(o) => outcome.evidence.push(evidence(entry, o, row, slots, meta.sentence_criteria)),
                        None => outcome.missing.push(entry.text.clone()),
                    }
                }
            }
            outcome.credit = credit(found, listed, *need, meta.listed_credit);
            outcome.denied = own.iter().map(|o| o.status).max() == Some(Status::Denied);
            Some(outcome)
        })
        .collect()
}

/// min(1, found/need + listed_credit · min(1, listed/need)).
pub fn credit(found: usize, listed: usize, need: usize, listed_credit: f64) -> f64 {
    let need = need.max(1) as f64;
    (found as f64 / need + listed_credit * (listed as f64 / need).min(1.0)).min(1.0)
}

/// Orders two occurrences of one entry, the stronger first: status, then kind, then similarity,
/// then the field's place in the check's `fields`, then position, then the shorter, then member.
pub fn stronger(a: &Occurrence, b: &Occurrence, slots: &[usize]) -> std::cmp::Ordering {
    let place = |o: &Occurrence| slots.iter().position(|&s| s as u32 == o.slot).unwrap_or(usize::MAX);
    b.status
        .cmp(&a.status)
        .then(b.kind.cmp(&a.kind))
        .then(b.similarity.unwrap_or(1.0).total_cmp(&a.similarity.unwrap_or(1.0)))
        .then(place(a).cmp(&place(b)))
        .then(a.start.cmp(&b.start))
        .then(a.end.cmp(&b.end))
        .then(a.member.cmp(&b.member))
}

/// The evidence for an entry's strongest occurrence.
pub fn evidence(
    entry: &crate::rubric::CompiledEntry,
    o: &Occurrence,
    row: &RowText<'_>,
    slots: &[usize],
    sentence_criteria: usize,
) -> Evidence {
    let _ = slots;
    let field = &row.fields[o.slot as usize];
    let text = row.texts[o.slot as usize];
    let spans = &field.spans;
    let span = spans[o.start as usize].start..spans[o.end as usize - 1].end;
    let sentence = field.context.sentence(o.sentence as usize);
    let sentence_span = sentence_text(text, spans, sentence);
    let reason = match o.why {
        Why::Nothing => None,
        Why::Cue(start, end) => Some(text[spans[start as usize].start..spans[end as usize - 1].end].to_string()),
        Why::Exclusion(index) => entry.exclude.get(index as usize).map(|(_, t)| t.clone()),
        Why::Label => Some("a list line".to_string()),
        Why::Form => Some("a form line: a label and a short answer".to_string()),
        Why::Dense => Some("a list: rubric terms are most of the sentence".to_string()),
        Why::Repeated => Some(format!(
            "a list written as sentences: {REPEATED_SENTENCES} or more sentences say the same words around rubric terms"
        )),
        Why::Cap => Some(format!("the sentence already gives full credit to {sentence_criteria} criteria")),
    };
    let quoted = quote(text, sentence_span, span.clone());
    Evidence {
        term: entry.text.clone(),
        member: entry.set.then(|| entry.members[o.member as usize].1.clone()),
        status: o.status,
        reason,
        field: row.names[o.slot as usize].to_string(),
        text: text[span.clone()].to_string(),
        kind: o.kind,
        similarity: o.similarity,
        snippet: quoted.clone(),
        sentence: quoted,
        offset: span.start,
        source: None,
    }
}

/// The text of the sentence whose words are at `sentence` (word positions), as written: from
/// after the mark or line break that ends the sentence before it, to its own closing mark.
pub fn sentence_text(text: &str, spans: &[Range<usize>], sentence: Range<usize>) -> Range<usize> {
    let ends =
        |c: char| matches!(c, '\n' | '\r' | '|' | '•' | '·' | '▪' | '◦' | '‣' | '●' | '■' | '►' | '▸' | '✓' | '✔');
    let first = spans[sentence.start].start;
    let before_from = if sentence.start == 0 { 0 } else { spans[sentence.start - 1].end.min(first) };
    let before = &text[before_from..first];
    let start = before
        .rfind(|c: char| ends(c) || matches!(c, '.' | '!' | '?'))
        .map_or(before_from, |i| before_from + i + before[i..].chars().next().map_or(1, char::len_utf8));
    let last = spans[sentence.end - 1].end;
    let after_to = spans.get(sentence.end).map_or(text.len(), |s| s.start.max(last));
    let after = &text[last..after_to];
    let end = match after.find(|c: char| ends(c) || matches!(c, '.' | '!' | '?')) {
        Some(i) if after[i..].starts_with(['.', '!', '?']) => last + i + 1,
        Some(i) => last + i,
        None => last + after.trim_end().len(),
    };
    start..end
}

/// A sentence (byte range, see [`sentence_text`]) as a quote: on one line, and cut at word
/// boundaries around `matched` when longer than [`QUOTE_CHARS`] characters, with `…` where it was
/// cut.
pub fn quote(text: &str, sentence: Range<usize>, matched: Range<usize>) -> String {
    let end = sentence.end;
    let words: Vec<(usize, &str)> = text[sentence.start..end]
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let chars = |ws: &[(usize, &str)]| ws.iter().map(|(_, w)| w.chars().count() + 1).sum::<usize>();
    if chars(&words) <= QUOTE_CHARS + 1 {
        return words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
    }
    // Keep the matched words, then add words on both sides, alternating, while they fit.
    let first = words.iter().position(|(at, w)| at + w.len() > matched.start).unwrap_or(0);
    let last = words.iter().rposition(|(at, _)| *at < matched.end).unwrap_or(first).max(first);
    let (mut lo, mut hi) = (first, last + 1);
    let mut room = QUOTE_CHARS.saturating_sub(chars(&words[lo..hi]));
    loop {
        let mut grew = false;
        if hi < words.len() && words[hi].1.chars().count() < room {
            room -= words[hi].1.chars().count() + 1;
            hi += 1;
            grew = true;
        }
        if lo > 0 && words[lo - 1].1.chars().count() < room {
            room -= words[lo - 1].1.chars().count() + 1;
            lo -= 1;
            grew = true;
        }
        if !grew {
            break;
        }
    }
    let mut out = String::new();
    if lo > 0 {
        out.push_str("… ");
    }
    out.push_str(&words[lo..hi].iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
    if hi < words.len() {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ones_counts_the_bits_of_a_range_as_a_position_loop_does() {
        let bits = [0xF0F0_0000_0000_00FFu64, !0, 0x8000_0000_0000_0001];
        for start in 0..192 {
            for end in start..=192 {
                let slow = (start..end).filter(|&p| bits[p / 64] & (1 << (p % 64)) != 0).count();
                assert_eq!(ones(&bits, start..end), slow, "{start}..{end}");
            }
        }
    }

    #[test]
    fn credit_adds_listed_terms_up_to_the_listed_credit() {
        // need 2: one found term 1/2 = 0.5; one listed term adds 0.25 · min(1, 1/2) = 0.125.
        assert_eq!(credit(1, 1, 2, 0.25), 0.625);
        // Ten listed terms alone: 0.25 · min(1, 10/2) = 0.25.
        assert_eq!(credit(0, 10, 2, 0.25), 0.25);
        // Two found terms of need 2 are full credit, whatever else is listed.
        assert_eq!(credit(2, 3, 2, 0.25), 1.0);
    }

    #[test]
    fn quotes_are_whole_sentences_or_cut_at_word_boundaries() {
        let text = "Intro. Jeg har haft budgetansvar i otte år. Næste";
        let start = text.find("Jeg").unwrap();
        let end = text.find(" år").unwrap() + " år.".len();
        let matched = text.find("budgetansvar").unwrap();
        assert_eq!(quote(text, start..end, matched..matched + 12), "Jeg har haft budgetansvar i otte år.");
        let long = format!("{} budgetansvar {}", "ord ".repeat(100), "slut ".repeat(100));
        let at = long.find("budgetansvar").unwrap();
        let q = quote(&long, 0..long.len(), at..at + 12);
        assert!(q.starts_with("… ord") && q.ends_with("slut …") && q.contains(" budgetansvar "), "{q}");
        assert!(q.chars().count() <= QUOTE_CHARS + 4, "{}", q.chars().count());
        // Never a partial word: every word of the quote is a whole word of the text.
        assert!(q.split(' ').all(|w| ["…", "ord", "slut", "budgetansvar"].contains(&w)), "{q}");
    }

    #[test]
    fn a_sentence_is_quoted_as_written_with_its_punctuation() {
        let text = "Nøgleord: HR.\n<b>Jeg har \"budgetansvar\" (800 mio.)</b>! Og mere • punkt";
        let mut spans = Vec::new();
        crate::text::tokenize_spans(text, &mut spans);
        let spans: Vec<Range<usize>> = spans.into_iter().map(|t| t.span).collect();
        let mut starts = Vec::new();
        crate::text::segment::sentence_starts(text, &spans, &mut starts);
        let sentence = |i: usize| {
            let end = starts.get(i + 1).map_or(spans.len(), |&s| s as usize);
            &text[sentence_text(text, &spans, starts[i] as usize..end)]
        };
        assert_eq!(sentence(0), "Nøgleord: HR.");
        assert_eq!(sentence(1), "<b>Jeg har \"budgetansvar\" (800 mio.)</b>!");
        assert_eq!(sentence(2), " Og mere ");
        assert_eq!(sentence(3), " punkt");
    }
}
