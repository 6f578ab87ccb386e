//! A field's context, read once per row: its sentences, which of them are labelled lists, the
//! negation, aspiration and experience cues not inside an exception, and the clauses of the
//! sentences that hold a cue, second-hand clauses, and fragments denied by the clause after them.
//! [`FieldContext::reading`] then says how the words at a range of positions read: plainly,
//! denied or as an aspiration.

use std::ops::Range;

use super::cues::{CueKind, Scope};
use super::segment;

/// A cue phrase compiled into the matcher: its words, and the word (by index) whose cue id finds
/// it.
#[derive(Debug, Clone)]
pub struct CompiledCue {
    /// The normalised words.
    pub words: Vec<String>,
    /// The index of the anchor word in `words`.
    pub anchor_at: usize,
    /// The anchor's cue id.
    pub anchor: u16,
    /// What it does.
    pub kind: CueKind,
    /// How far it reaches.
    pub scope: Scope,
}

/// Every cue phrase, and the clause words, by cue word id.
#[derive(Debug, Clone, Default)]
pub struct CompiledCues {
    /// The cue phrases, in file order.
    pub phrases: Vec<CompiledCue>,
    /// Per anchor id, the phrases (indices into `phrases`) it anchors.
    pub by_anchor: Vec<Vec<u32>>,
    /// The clause words as words (for the rules as written, and for suspended words).
    pub clause_words: segment::ClauseWords,
}

/// A cue found in a field: positions `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CueHit {
    /// First position.
    pub start: u32,
    /// One past the last position.
    pub end: u32,
    /// Negation, aspiration or experience (exceptions and labels are applied when reading).
    pub kind: CueKind,
    /// How far it reaches.
    pub scope: Scope,
}

/// How the words at some positions read in their clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reading {
    /// As written.
    Plain,
    /// A wish or second-hand knowledge.
    Aspiration,
    /// Denied.
    Denied,
}

/// In a longer text, a sentence of at most this many words with a colon between two of them is a
/// form line ("Budgetansvar: ja.", "HR: 10 år"): a self-rating, not described experience. Short
/// sentences without a colon are read as written: a title line ("Budgetansvarlig konsulent."), a
/// former role ("Tidligere skoleleder.") and a terse CV sentence ("Betjener byrådet.") state
/// experience as much as a title cell does.
pub const FORM_WORDS: usize = 3;

/// A clause of at most this many words, without a cue or a first-person word, is a fragment that a
/// denying follow-up can deny: "Budgetansvar – det har jeg ikke haft", "Budgetansvar? Nej."
pub const FRAGMENT_WORDS: usize = 4;

/// What [`FieldContext::read`] works out for a field.
#[derive(Debug, Clone, Default)]
pub struct FieldContext {
    /// Where sentences start (word positions, ascending; 0 first when there are words).
    pub sentences: Vec<u32>,
    /// The number of words in the field.
    pub len: u32,
    /// Sentences (by index) that start with a list label and a colon.
    pub labelled: Vec<u32>,
    /// Sentences (by index) that are form lines: at most [`FORM_WORDS`] words, with a colon after
    /// one of them but the last ("Budgetansvar: ja.").
    pub forms: Vec<u32>,

    /// Negation, aspiration and experience cues that are not inside an exception, by start.
    pub cues: Vec<CueHit>,
    /// Where clauses start: every sentence's start, and the clause breaks inside sentences that
    /// hold a cue (only there do clauses matter).
    pub clauses: Vec<u32>,
    /// Fragments denied by the clause after them, with the denying cue.
    pub carried: Vec<(Range<u32>, CueHit)>,
}

impl FieldContext {
    /// Reads a field's context: `sentences` must already hold its sentence starts; `cue_at` holds
    /// the positions of cue anchors with their ids.
    pub fn read(&mut self, text: &str, spans: &[Range<usize>], cue_at: &[(u32, u16)], cues: &CompiledCues) {
        self.len = spans.len() as u32;
        self.labelled.clear();
        self.forms.clear();
        for sentence in 0..self.sentences.len() {
            let range = self.sentence(sentence);
            if range.len() <= FORM_WORDS
                && (range.start..range.end.saturating_sub(1)).any(|p| segment::gap_after(text, spans, p).contains(':'))
            {
                self.forms.push(sentence as u32);
            }
        }
        self.cues.clear();
        let mut exceptions: Vec<Range<u32>> = Vec::new();
        for &(at, anchor) in cue_at {
            for cue in cues.by_anchor[usize::from(anchor)].iter().map(|&i| &cues.phrases[i as usize]) {
                let Some(start) = (at as usize).checked_sub(cue.anchor_at) else {
                    continue;
                };
                let end = start + cue.words.len();
                // The anchor agrees; the other words are compared where they stand.
                let agrees = end <= spans.len()
                    && cue
                        .words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| i == cue.anchor_at || segment::word_is(text, spans, start + i, w));
                // A cue that counts only where it opens its clause ("Direktøren har …") is kept
                // only where a clause may start, so that sentences where it is an object need no
                // clauses ("betjent direktøren"); `second_hand` then checks the clause itself.
                let may_open = || {
                    self.sentences.binary_search(&(start as u32)).is_ok()
                        || segment::may_break_before(text, spans, start, &cues.clause_words)
                };
                if agrees && (cue.scope != Scope::Opening || may_open()) {
                    let hit = CueHit { start: start as u32, end: end as u32, kind: cue.kind, scope: cue.scope };
                    self.note(hit, text, spans, &mut exceptions);
                }
            }
        }
        self.finish(&exceptions);
        self.clauses.clear();
        self.carried.clear();
        if self.cues.is_empty() {
            // Clauses matter only where cues are.
            return;
        }
        self.clauses.extend_from_slice(&self.sentences);
        // Only a negation or an aspiration can change a reading (an experience claim only undoes
        // an aspiration): only their sentences need their clauses.
        let acting = self.cues.iter().filter(|c| c.kind.acts());
        let mut with_cues: Vec<usize> = acting.map(|c| self.sentence_of(c.start as usize)).collect();
        with_cues.dedup();
        for sentence in with_cues {
            let range = self.sentence(sentence);
            segment::clause_breaks(text, spans, range, &cues.clause_words, &mut self.clauses);
        }
        self.clauses.sort_unstable();
        self.second_hand(text, spans, &cues.clause_words);
        self.follow_ups(text, spans, &cues.clause_words);
    }

    /// The positions of the clause holding `pos`.
    fn clause_of(&self, pos: usize) -> Range<usize> {
        let index = self.clauses.partition_point(|&c| c as usize <= pos).saturating_sub(1);
        self.clause(index)
    }

    /// The positions of clause `index`.
    fn clause(&self, index: usize) -> Range<usize> {
        let start = self.clauses.get(index).map_or(0, |&c| c as usize);
        let end = self.clauses.get(index + 1).map_or(self.len as usize, |&c| c as usize);
        start..end
    }

    /// A third-party cue makes its clause second-hand (an aspiration) unless the clause holds a
    /// first-person word outside the cue, which makes it the applicant's own, or the cue counts
    /// only where it opens its clause ([`Scope::Opening`]) and does not (the cue is then dropped).
    fn second_hand(&mut self, text: &str, spans: &[Range<usize>], words: &segment::ClauseWords) {
        if !self.cues.iter().any(|c| c.kind == CueKind::ThirdParty) {
            return;
        }
        let own: Vec<bool> = self
            .cues
            .iter()
            .map(|c| {
                c.kind == CueKind::ThirdParty
                    && ((c.scope == Scope::Opening && self.clause_of(c.start as usize).start != c.start as usize)
                        || self.clause_of(c.start as usize).any(|p| {
                            !(c.start as usize..c.end as usize).contains(&p)
                                && segment::written_in(text, spans, p, &words.first_person)
                        }))
            })
            .collect();
        let mut index = 0;
        self.cues.retain_mut(|cue| {
            index += 1;
            if cue.kind == CueKind::ThirdParty {
                cue.kind = CueKind::Aspiration;
                cue.scope = Scope::Clause;
                return !own[index - 1];
            }
            true
        });
        self.cues.sort_unstable();
    }

    /// A fragment and its denial: a clause that is denied and opens with its negation or with a
    /// resumptive word ("det", "that") denies the fragment before it, the clause before it in its
    /// sentence or, when it opens a sentence, the sentence before it if that one ends with a
    /// question mark. A fragment has at most [`FRAGMENT_WORDS`] words and no cue; one in the same
    /// sentence also no first-person word.
    fn follow_ups(&mut self, text: &str, spans: &[Range<usize>], words: &segment::ClauseWords) {
        for cue in self.cues.iter().filter(|c| c.kind == CueKind::Negation) {
            let index = self.clauses.partition_point(|&c| c <= cue.start).saturating_sub(1);
            let clause = self.clause(index);
            if cue.end as usize > clause.end
                || !(cue.start as usize == clause.start
                    || segment::word_in(text, spans, clause.start, &words.resumptive))
            {
                continue;
            }
            let question = self.sentences.binary_search(&(clause.start as u32)).is_ok();
            let fragment = if question {
                let sentence = self.sentence_of(clause.start);
                if sentence == 0 || !segment::gap_after(text, spans, clause.start - 1).contains('?') {
                    continue;
                }
                self.sentence(sentence - 1)
            } else {
                self.clause(index - 1)
            };
            // A question may name the applicant ("Har jeg haft budgetansvar? Nej.").
            let is_fragment = !fragment.is_empty()
                && fragment.len() <= FRAGMENT_WORDS
                && (question || !fragment.clone().any(|p| segment::written_in(text, spans, p, &words.first_person)))
                && !self.cues.iter().any(|c| (c.start as usize) < fragment.end && fragment.start < c.end as usize);
            if is_fragment {
                self.carried.push((fragment.start as u32..fragment.end as u32, *cue));
            }
        }
    }

    /// Files a cue found at `hit`: a label marks its sentence, an exception is kept aside, the
    /// others are cues.
    pub fn note(&mut self, hit: CueHit, text: &str, spans: &[Range<usize>], exceptions: &mut Vec<Range<u32>>) {
        // A cue joined to the next word by a hyphen is part of a compound ("ikke-vestlige").
        let joined = segment::gap_after(text, spans, hit.end as usize - 1);
        if joined.starts_with('-') && joined.len() == 1 && hit.kind != CueKind::Label {
            return;
        }
        match hit.kind {
            CueKind::Exception => exceptions.push(hit.start..hit.end),
            CueKind::Label => {
                let sentence = self.sentence_of(hit.start as usize);
                let first = self.sentences.get(sentence).copied().unwrap_or(0);
                let colon = segment::gap_after(text, spans, hit.end as usize - 1).starts_with(':');
                if hit.start < first + 3 && colon {
                    self.labelled.push(sentence as u32);
                }
            }
            _ => self.cues.push(hit),
        }
    }

    /// Drops the cues inside a longer cue or an exception, and sorts.
    pub fn finish(&mut self, exceptions: &[Range<u32>]) {
        self.cues.sort_unstable();
        self.cues.dedup();
        let longer: Vec<Range<u32>> =
            self.cues.iter().map(|c| c.start..c.end).chain(exceptions.iter().cloned()).collect();
        self.cues.retain(|c| {
            !longer.iter().any(|l| l.start <= c.start && c.end <= l.end && l.len() > (c.end - c.start) as usize)
        });
        self.labelled.sort_unstable();
        self.labelled.dedup();
    }

    /// The index of the sentence holding position `pos`.
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.sentences.partition_point(|&s| s as usize <= pos).saturating_sub(1)
    }

    /// The positions of sentence `index`.
    pub fn sentence(&self, index: usize) -> Range<usize> {
        let start = self.sentences.get(index).map_or(0, |&s| s as usize);
        let end = self.sentences.get(index + 1).map_or(self.len as usize, |&s| s as usize);
        start..end
    }

    /// Whether sentence `index` is a form line.
    pub fn is_form(&self, index: usize) -> bool {
        self.forms.binary_search(&(index as u32)).is_ok()
    }

    /// Whether sentence `index` starts with a list label.
    pub fn is_labelled(&self, index: usize) -> bool {
        self.labelled.binary_search(&(index as u32)).is_ok()
    }

    /// How the words at `range` read, with the cue that decides it (`None`: plainly). Denied
    /// when a negation cue reaches them in their clause (a clause cue anywhere in it; a forward
    /// cue before them, or at the clause's end); otherwise an aspiration when an aspiration cue
    /// reaches them and the clause claims no experience. Cues that overlap the range itself do not
    /// count.
    pub fn reading(&self, range: Range<usize>) -> Option<(Reading, CueHit)> {
        if self.cues.is_empty() {
            return None;
        }
        let index = self.clauses.partition_point(|&c| c as usize <= range.start).saturating_sub(1);
        let clause_start = self.clauses.get(index).map_or(0, |&c| c as usize);
        let clause_end = self.clauses.get(index + 1).map_or(self.len as usize, |&c| c as usize);
        let (mut denied, mut aspiration, mut experience) = (None, None, false);
        for cue in &self.cues {
            let (start, end) = (cue.start as usize, cue.end as usize);
            if start < clause_start || end > clause_end || (start < range.end && range.start < end) {
                continue;
            }
            let reaches = cue.scope == Scope::Clause || end <= range.start || end == clause_end;
            match cue.kind {
                CueKind::Negation if reaches => denied = denied.or(Some(*cue)),
                CueKind::Aspiration if reaches => aspiration = aspiration.or(Some(*cue)),
                CueKind::Experience => experience = true,
                _ => {}
            }
        }
        match (denied, aspiration) {
            (Some(cue), _) => Some((Reading::Denied, cue)),
            (None, Some(cue)) if !experience => Some((Reading::Aspiration, cue)),
            _ => self
                .carried
                .iter()
                .find(|(fragment, _)| fragment.start as usize <= range.start && range.end <= fragment.end as usize)
                .map(|&(_, cue)| (Reading::Denied, cue)),
        }
    }
}
