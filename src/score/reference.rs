//! The `terms` rules as written (docs/rubric-format.md §8), computed plainly: every cue phrase
//! compared at every position, every sentence split into clauses, every word's clause and
//! sentence looked up in a table. Slow; it exists so that tests can check that the fast path
//! ([`super::terms`]: cue anchors, clauses only where cues are, presence masks, position indexes)
//! gives the same scorecards. Use it with a matcher in reference mode
//! ([`crate::text::Matcher::set_reference`]), which finds occurrences position by position.

use super::card::Status;
use super::terms::{
    DENSE_DENOMINATOR, DENSE_NUMERATOR, FACT_WORDS, FORM_WORDS, FRAGMENT_WORDS, Occurrence, REPEATED_SENTENCES,
    RowText, TermsOutcome, Why, checks, credit, evidence,
};
use crate::rubric::{CompiledCheck, CompiledRubric};
use crate::text::cues::{CueKind, Scope};
use crate::text::segment::{self, gap_after, word_at};
use crate::text::{Matcher, Reading, TermMatch};

/// One field, read plainly.
struct Plain {
    words: Vec<String>,
    sentence: Vec<usize>,
    clause: Vec<usize>,
    labelled: Vec<bool>,
    /// Cues not inside an exception: (start, end, kind, scope), by start.
    cues: Vec<(usize, usize, CueKind, Scope)>,
    /// Fragments denied by the clause after them: (start, end) of the fragment and of the cue.
    carried: Vec<((usize, usize), (usize, usize))>,
}

impl Plain {
    fn read(text: &str, spans: &[std::ops::Range<usize>], matcher: &Matcher) -> Plain {
        let words: Vec<String> = (0..spans.len()).map(|p| word_at(text, spans, p).into_owned()).collect();
        let mut starts = Vec::new();
        segment::sentence_starts(text, spans, &mut starts);
        let sentence: Vec<usize> =
            (0..words.len()).map(|p| starts.iter().filter(|&&s| s as usize <= p).count() - 1).collect();
        let mut clause_starts = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(words.len(), |&s| s as usize);
            clause_starts.push(start);
            segment::clause_breaks(text, spans, start as usize..end, &matcher.cues().clause_words, &mut clause_starts);
        }
        let clause: Vec<usize> =
            (0..words.len()).map(|p| clause_starts.iter().filter(|&&s| s as usize <= p).count() - 1).collect();
        let mut hits = Vec::new();
        for start in 0..words.len() {
            for cue in &matcher.cues().phrases {
                let end = start + cue.words.len();
                if end <= words.len() && words[start..end] == cue.words[..] {
                    hits.push((start, end, cue.kind, cue.scope));
                }
            }
        }
        // A cue joined to the next word by a hyphen is part of a compound, not a cue.
        hits.retain(|h| h.2 == CueKind::Label || gap_after(text, spans, h.1 - 1) != "-");
        let mut labelled = vec![false; starts.len()];
        for &(start, end, kind, _) in &hits {
            let first = starts[sentence[start]] as usize;
            if kind == CueKind::Label && start < first + 3 && gap_after(text, spans, end - 1).starts_with(':') {
                labelled[sentence[start]] = true;
            }
        }
        // Longest first: a cue inside a longer cue or exception counts only as that one.
        let spans_of: Vec<(usize, usize)> = hits.iter().filter(|h| h.2 != CueKind::Label).map(|h| (h.0, h.1)).collect();
        let mut cues: Vec<(usize, usize, CueKind, Scope)> = hits
            .into_iter()
            .filter(|h| {
                matches!(h.2, CueKind::Negation | CueKind::Aspiration | CueKind::Experience | CueKind::ThirdParty)
            })
            .filter(|h| !spans_of.iter().any(|l| l.0 <= h.0 && h.1 <= l.1 && l.1 - l.0 > h.1 - h.0))
            .collect();
        cues.sort();
        cues.dedup();
        // Second-hand: a third-party cue in a clause without a first-person word (as written) is an
        // aspiration of the whole clause; in a clause with one it is no cue, nor is one that counts
        // only where it opens its clause and does not.
        let words_of = &matcher.cues().clause_words;
        let first_person = |p: usize| words_of.first_person.iter().any(|w| text[spans[p].clone()] == **w);
        let clause_of = &clause;
        let in_clause = |k: usize| -> Vec<usize> { (0..words.len()).filter(|&p| clause_of[p] == k).collect() };
        let mut cues: Vec<(usize, usize, CueKind, Scope)> = cues
            .into_iter()
            .filter_map(|(a, b, kind, scope)| match kind {
                CueKind::ThirdParty
                    if (scope == Scope::Opening && in_clause(clause[a]).into_iter().min() != Some(a))
                        || in_clause(clause[a]).into_iter().any(|p| !(a..b).contains(&p) && first_person(p)) =>
                {
                    None
                }
                CueKind::ThirdParty => Some((a, b, CueKind::Aspiration, Scope::Clause)),
                _ => Some((a, b, kind, scope)),
            })
            .collect();
        cues.sort();
        // A fragment and its denial.
        let mut carried = Vec::new();
        for &(a, b, kind, _) in &cues {
            if kind != CueKind::Negation || clause[b - 1] != clause[a] {
                continue;
            }
            let first = in_clause(clause[a]).into_iter().min().unwrap_or(a);
            if a != first && !words_of.resumptive.contains(&words[first]) {
                continue;
            }
            let question = first == 0 || sentence[first - 1] != sentence[first];
            let fragment: Vec<usize> = if question {
                if first == 0 || !gap_after(text, spans, first - 1).contains('?') {
                    continue;
                }
                (0..words.len()).filter(|&p| sentence[p] == sentence[first] - 1).collect()
            } else {
                in_clause(clause[first] - 1)
            };
            let (Some(&start), Some(&last)) = (fragment.first(), fragment.last()) else {
                continue;
            };
            let end = last + 1;
            if fragment.len() <= FRAGMENT_WORDS
                && (question || !fragment.iter().any(|&p| first_person(p)))
                && !cues.iter().any(|c| c.0 < end && start < c.1)
            {
                carried.push(((start, end), (a, b)));
            }
        }
        Plain { words, sentence, clause, labelled, cues, carried }
    }

    /// How the words at start..end read, and the deciding cue's positions.
    fn reading(&self, start: usize, end: usize) -> Option<(Reading, usize, usize)> {
        let clause = self.clause[start];
        let clause_end = (0..self.words.len()).filter(|&p| self.clause[p] == clause).max().map_or(0, |p| p + 1);
        let in_clause = |a: usize, b: usize| (a..b).all(|p| self.clause[p] == clause);
        let mut denied = None;
        let mut aspiration = None;
        let mut experience = false;
        for &(a, b, kind, scope) in &self.cues {
            let outside = b <= start || end <= a;
            if !in_clause(a, b) || !outside {
                continue;
            }
            let reaches = scope == Scope::Clause || b <= start || b == clause_end;
            if kind == CueKind::Negation && reaches && denied.is_none() {
                denied = Some((a, b));
            }
            if kind == CueKind::Aspiration && reaches && aspiration.is_none() {
                aspiration = Some((a, b));
            }
            experience |= kind == CueKind::Experience;
        }
        if let Some((a, b)) = denied {
            return Some((Reading::Denied, a, b));
        }
        match aspiration {
            Some((a, b)) if !experience => Some((Reading::Aspiration, a, b)),
            _ => self
                .carried
                .iter()
                .find(|&&((s, e), _)| s <= start && end <= e)
                .map(|&(_, (a, b))| (Reading::Denied, a, b)),
        }
    }
}

/// Every `terms` check of `rubric` on one row, by the rules as written.
pub fn evaluate(
    rubric: &CompiledRubric,
    matcher: &Matcher,
    row: &RowText<'_>,
    explain: bool,
) -> Vec<Option<TermsOutcome>> {
    let plain: Vec<Plain> =
        row.fields.iter().zip(&row.texts).map(|(field, text)| Plain::read(text, &field.spans, matcher)).collect();
    let criteria = rubric.competencies.iter().map(|c| c.criteria.len()).sum::<usize>() as u32;
    let mut all: Vec<Occurrence> = Vec::new();
    for (check_index, check) in checks(rubric).enumerate() {
        let CompiledCheck::Terms { entries, slots, .. } = check else {
            continue;
        };
        let mut own: Vec<Occurrence> = Vec::new();
        for (entry_index, entry) in entries.iter().enumerate() {
            for (member_index, &(term, _)) in entry.members.iter().enumerate() {
                let mut found: Vec<TermMatch> = Vec::new();
                matcher.occurrences(term, slots, row.fields, row.cache, &mut found);
                for m in found {
                    let slot = slots[m.field];
                    let (status, why) = match plain[slot].reading(m.tokens.start, m.tokens.end) {
                        Some((Reading::Denied, a, b)) => (Status::Denied, Why::Cue(a as u32, b as u32)),
                        Some((Reading::Aspiration, a, b)) => (Status::Aspiration, Why::Cue(a as u32, b as u32)),
                        _ => (Status::Found, Why::Nothing),
                    };
                    own.push(Occurrence {
                        check: check_index as u32,
                        entry: entry_index as u32,
                        member: member_index as u32,
                        slot: slot as u32,
                        sentence: plain[slot].sentence[m.tokens.start] as u32,
                        start: m.tokens.start as u32,
                        end: m.tokens.end as u32,
                        gap: m.gap.map(|g| (g.start as u32, g.end as u32)),
                        kind: m.kind,
                        similarity: m.similarity,
                        status,
                        why,
                    });
                }
            }
        }
        // Exclusions: an exclusion in the same sentence that overlaps the occurrence, or that
        // overlaps no occurrence of the same entry.
        for (entry_index, entry) in entries.iter().enumerate() {
            for (exclusion_index, &(term, _)) in entry.exclude.iter().enumerate() {
                let mut found: Vec<TermMatch> = Vec::new();
                matcher.occurrences(term, slots, row.fields, row.cache, &mut found);
                for x in found {
                    let slot = slots[x.field] as u32;
                    let overlaps = |o: &Occurrence| {
                        o.slot == slot && (o.start as usize) < x.tokens.end && x.tokens.start < o.end as usize
                    };
                    let context_only = !own.iter().filter(|o| o.entry == entry_index as u32).any(overlaps);
                    let sentence = plain[slot as usize].sentence[x.tokens.start] as u32;
                    for o in own.iter_mut() {
                        if o.entry == entry_index as u32
                            && o.slot == slot
                            && o.sentence == sentence
                            && (context_only || overlaps(o))
                            && o.status != Status::Excluded
                        {
                            o.status = Status::Excluded;
                            o.why = Why::Exclusion(exclusion_index as u32);
                        }
                    }
                }
            }
        }
        all.extend(own);
    }
    // Lists: labelled sentences, form lines, and sentences mostly covered by the rubric's terms.
    let mut covered: Vec<Vec<bool>> = plain.iter().map(|p| vec![false; p.words.len()]).collect();
    for o in &all {
        for p in o.covered() {
            covered[o.slot as usize][p as usize] = true;
        }
    }
    // Repeated frames: per field, the sentences where a term occurs, each as its words that no
    // term covers, in order; a non-empty frame shared by enough of them makes each a list.
    let framed: Vec<Vec<(usize, bool)>> = plain
        .iter()
        .enumerate()
        .map(|(slot, field)| {
            let mut with_terms: Vec<usize> =
                all.iter().filter(|o| o.slot as usize == slot).map(|o| o.sentence as usize).collect();
            with_terms.sort();
            with_terms.dedup();
            let frame = |s: usize| -> Vec<&str> {
                (0..field.words.len())
                    .filter(|&p| field.sentence[p] == s && !covered[slot][p])
                    .map(|p| field.words[p].as_str())
                    .collect()
            };
            let frames: Vec<Vec<&str>> = with_terms.iter().map(|&s| frame(s)).collect();
            with_terms
                .iter()
                .zip(&frames)
                .map(|(&s, f)| {
                    let shared = frames.iter().filter(|g| *g == f).count();
                    (s, !f.is_empty() && shared >= REPEATED_SENTENCES)
                })
                .collect()
        })
        .collect();
    for o in all.iter_mut().filter(|o| o.status == Status::Found) {
        let field = &plain[o.slot as usize];
        let sentence = o.sentence as usize;
        let positions: Vec<usize> = (0..field.words.len()).filter(|&p| field.sentence[p] == sentence).collect();
        let count = positions.iter().filter(|&&p| covered[o.slot as usize][p]).count();
        // A form line: a short sentence with a colon after one of its words but the last.
        let (text, spans) = (row.texts[o.slot as usize], &row.fields[o.slot as usize].spans);
        let colon = positions.iter().rev().skip(1).any(|&p| gap_after(text, spans, p).contains(':'));
        if field.labelled[sentence] {
            o.status = Status::Listed;
            o.why = Why::Label;
        } else if field.words.len() <= FACT_WORDS {
            // A fact cell: read as written.
        } else if positions.len() <= FORM_WORDS && colon {
            o.status = Status::Listed;
            o.why = Why::Form;
        } else if DENSE_DENOMINATOR * count >= DENSE_NUMERATOR * positions.len() {
            o.status = Status::Listed;
            o.why = Why::Dense;
        } else if framed[o.slot as usize].contains(&(sentence, true)) {
            o.status = Status::Listed;
            o.why = Why::Repeated;
        }
    }
    // The cap: per sentence, criteria by their first found word; beyond the limit, listed.
    let limit = rubric.rubric.meta.sentence_criteria;
    let snapshot = all.clone();
    for o in all.iter_mut().filter(|o| o.status == Status::Found && o.check < criteria) {
        let same = |x: &&Occurrence| {
            x.status == Status::Found && x.check < criteria && x.slot == o.slot && x.sentence == o.sentence
        };
        let first_of = |check: u32| snapshot.iter().filter(same).filter(|x| x.check == check).map(|x| x.start).min();
        let mut order: Vec<(u32, u32)> =
            snapshot.iter().filter(same).map(|x| x.check).map(|c| (first_of(c).unwrap_or(0), c)).collect();
        order.sort();
        order.dedup();
        let rank = order.iter().position(|&(_, c)| c == o.check).unwrap_or(0);
        if rank >= limit {
            o.status = Status::Listed;
            o.why = Why::Cap;
        }
    }
    // Per entry, the strongest occurrence; per check, the credit.
    let meta = &rubric.rubric.meta;
    checks(rubric)
        .enumerate()
        .map(|(check_index, check)| {
            let CompiledCheck::Terms { entries, slots, need } = check else {
                return None;
            };
            let mut outcome = TermsOutcome::default();
            let (mut found, mut listed) = (0, 0);
            for (entry_index, entry) in entries.iter().enumerate() {
                let place = |o: &Occurrence| slots.iter().position(|&s| s as u32 == o.slot).unwrap_or(usize::MAX);
                let key = |o: &Occurrence| {
                    (
                        o.status,
                        o.kind,
                        ordered(o.similarity.unwrap_or(1.0)),
                        std::cmp::Reverse((place(o), o.start, o.end, o.member)),
                    )
                };
                let best = all
                    .iter()
                    .filter(|o| o.check == check_index as u32 && o.entry == entry_index as u32)
                    .max_by(|a, b| key(a).cmp(&key(b)));
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
            // Denied: some occurrence is denied, and none is read as an aspiration, listed or found.
            let statuses = || all.iter().filter(|o| o.check == check_index as u32).map(|o| o.status);
            outcome.denied = statuses().any(|s| s == Status::Denied)
                && statuses().all(|s| matches!(s, Status::Denied | Status::Excluded));
            Some(outcome)
        })
        .collect()
}

/// A similarity as an orderable integer (similarities are in [0, 1]).
fn ordered(similarity: f64) -> u64 {
    (similarity * 1e12).round() as u64
}
