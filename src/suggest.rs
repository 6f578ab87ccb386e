//! `profilmatch rubric suggest`: vocabulary help for the person writing a rubric.
//!
//! For every `terms` criterion, the applicant pool is read for words that the criterion's strong
//! applications use and the criterion lacks: words in the sentences that already earn the
//! criterion credit ("near its evidence") and in the applications that score well on it, weighed
//! against how common they are in the whole pool. A candidate is kept only when the rubric, read
//! with its own rules (stemming, compounds, fuzzy matching, synonym sets), does not already find it:
//! each is scored on its own as a one-word application. The criterion's terms that match nobody or
//! nearly everybody are listed beside.
//!
//! It is help for a person, never a rule: a word that strong applicants share may be a word of
//! their background rather than of the competency, and the rubric writer decides.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write;
use std::sync::OnceLock;

use crate::check::INDISCRIMINATE_SHARE;
use crate::pipeline::Session;
use crate::rubric::{Check, Lexicon, Rubric};
use crate::score::{Scorecard, Status};

/// An application is strong on a criterion at this credit or more.
pub const STRONG_CREDIT: f64 = 0.5;
/// A candidate word has at least this many characters (shorter words are mostly function words).
pub const MIN_CHARS: usize = 5;
/// A candidate word is used by at least this many strong applications.
pub const MIN_STRONG: usize = 2;
/// A candidate word is at least this much more common among strong applications than in the pool.
pub const MIN_LIFT: f64 = 1.5;
/// Suggestions shown per criterion.
pub const PER_CRITERION: usize = 8;
/// Candidates tried per criterion (each is scored once to see whether the rubric finds it).
const TRIED: usize = 60;

/// How the suggestions are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestFormat {
    /// A readable list.
    Text,
    /// TOML lines to paste into a criterion's `terms`, with the figures as comments.
    Toml,
}

/// A word the criterion lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The word, lowercased, as the applications write it.
    pub word: String,
    /// Applications whose credited sentences for the criterion hold the word.
    pub near: usize,
    /// Strong applications (credit ≥ [`STRONG_CREDIT`]) that use the word anywhere.
    pub strong: usize,
    /// Applications in the pool that use it.
    pub pool: usize,
    /// A sentence it stands in: a credited sentence when there is one.
    pub example: String,
    /// A shipped synonym set the criterion does not use that holds the word.
    pub set: Option<String>,
}

/// What the suggestions for one criterion rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionSuggestions {
    /// `competency.criterion`.
    pub id: String,
    /// The criterion's label.
    pub label: String,
    /// Applications strong on it.
    pub strong: usize,
    /// Words it lacks, best first.
    pub words: Vec<Suggestion>,
    /// Its terms that match nobody.
    pub dead: Vec<String>,
    /// Its terms that match at least [`INDISCRIMINATE_SHARE`] of the pool.
    pub broad: Vec<String>,
}

/// Works out the suggestions for every `terms` criterion of the session's first rubric.
pub fn suggest(session: &Session) -> crate::Result<Vec<CriterionSuggestions>> {
    let rows: Vec<usize> = (0..session.runs[0].rows.len()).collect();
    let cards: Vec<Scorecard> = session.scorecards(0, &rows)?;
    let texts = session.row_texts(&rows)?;
    let words: Vec<BTreeSet<String>> = texts.iter().map(|t| words_of(t.iter().map(String::as_str))).collect();
    let rubric = &session.engine.rubrics[0].rubric;
    let mut out = Vec::new();
    for (ci, competency) in rubric.competencies.iter().enumerate() {
        for (ki, criterion) in competency.criteria.iter().enumerate() {
            let Check::Terms { terms, .. } = &criterion.check else { continue };
            let credits: Vec<f64> = cards.iter().map(|c| c.competencies[ci].criteria[ki].credit).collect();
            let credited: Vec<Vec<&str>> = cards
                .iter()
                .map(|c| {
                    let detail = &c.competencies[ci].criteria[ki].detail;
                    detail.evidence.iter().filter(|e| e.status == Status::Found).map(|e| e.sentence.as_str()).collect()
                })
                .collect();
            let mut suggestions = CriterionSuggestions {
                id: format!("{}.{}", competency.id, criterion.id),
                label: criterion.label.clone(),
                strong: credits.iter().filter(|&&c| c >= STRONG_CREDIT).count(),
                words: Vec::new(),
                dead: Vec::new(),
                broad: Vec::new(),
            };
            let used_sets: BTreeSet<&str> = terms.iter().filter_map(|t| t.set.as_deref()).collect();
            let probe = |word: &str| -> crate::Result<bool> {
                let card = session.probe(0, 0, word)?;
                let detail = &card.competencies[ci].criteria[ki];
                Ok(detail.credit > 0.0 || !detail.detail.evidence.is_empty())
            };
            suggestions.words = candidates(&credits, &credited, &words, &texts, probe, rubric, &used_sets)?;
            for term in terms {
                let matched = cards
                    .iter()
                    .filter(|c| {
                        c.competencies[ci].criteria[ki]
                            .detail
                            .evidence
                            .iter()
                            .any(|e| e.term == term.text && matches!(e.status, Status::Found | Status::Listed))
                    })
                    .count();
                if matched == 0 {
                    suggestions.dead.push(term.text.clone());
                } else if !cards.is_empty() && matched as f64 >= INDISCRIMINATE_SHARE * cards.len() as f64 {
                    suggestions.broad.push(term.text.clone());
                }
            }
            out.push(suggestions);
        }
    }
    Ok(out)
}

/// The candidate words of one criterion, best first, without those the rubric already finds.
fn candidates(
    credits: &[f64],
    credited: &[Vec<&str>],
    words: &[BTreeSet<String>],
    texts: &[Vec<String>],
    mut found_by_rubric: impl FnMut(&str) -> crate::Result<bool>,
    rubric: &Rubric,
    used_sets: &BTreeSet<&str>,
) -> crate::Result<Vec<Suggestion>> {
    let pool = words.len();
    let strong: Vec<usize> = (0..pool).filter(|&i| credits[i] >= STRONG_CREDIT).collect();
    if strong.is_empty() {
        return Ok(Vec::new());
    }
    let mut pool_count: BTreeMap<&str, usize> = BTreeMap::new();
    for set in words {
        for w in set {
            *pool_count.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut strong_count: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in &strong {
        for w in &words[i] {
            *strong_count.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut near_count: BTreeMap<String, usize> = BTreeMap::new();
    for sentences in credited {
        for w in words_of(sentences.iter().copied()) {
            *near_count.entry(w).or_default() += 1;
        }
    }
    let lift = |w: &str| {
        let s = strong_count.get(w).copied().unwrap_or(0) as f64 / strong.len() as f64;
        let p = pool_count.get(w).copied().unwrap_or(0) as f64 / pool as f64;
        if p > 0.0 { s / p } else { 0.0 }
    };
    let mut ranked: Vec<(&str, usize, usize, f64)> = strong_count
        .iter()
        .filter(|&(w, &n)| n >= MIN_STRONG && !is_stop_word(w))
        .map(|(&w, &n)| (w, near_count.get(w).copied().unwrap_or(0), n, lift(w)))
        .filter(|&(_, _, _, l)| l >= MIN_LIFT)
        .collect();
    // Near the evidence first, then the most telling, then the most used; ties by the word, so
    // that the list is the same on every run.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.3.total_cmp(&a.3)).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    let mut out = Vec::new();
    for (word, near, strong, _) in ranked.into_iter().take(TRIED) {
        if out.len() == PER_CRITERION {
            break;
        }
        if found_by_rubric(word)? {
            continue;
        }
        let example = credited
            .iter()
            .flatten()
            .copied()
            .find(|s| words_of([*s]).contains(word))
            .map(str::to_string)
            .or_else(|| example_sentence(texts, word))
            .unwrap_or_default();
        let set = rubric_set(rubric, used_sets, word);
        out.push(Suggestion {
            word: word.to_string(),
            near,
            strong,
            pool: pool_count.get(word).copied().unwrap_or(0),
            example,
            set,
        });
    }
    Ok(out)
}

/// A shipped synonym set that the criterion does not use and that holds `word` (a member equal to
/// it, or a prefix member `budget*` that it starts with).
fn rubric_set(rubric: &Rubric, used: &BTreeSet<&str>, word: &str) -> Option<String> {
    let shipped = Lexicon::shipped().sets.iter();
    let own = rubric.synonyms.iter();
    own.chain(shipped).filter(|s| !used.contains(s.name.as_str())).find_map(|set| {
        let holds = set.terms.iter().any(|t| {
            let t = t.to_lowercase();
            match t.strip_suffix('*') {
                Some(prefix) => !prefix.contains(' ') && word.starts_with(prefix),
                None => t == word,
            }
        });
        holds.then(|| set.name.clone())
    })
}

/// Whether `word` is a function word of Danish, English, Swedish or Norwegian (the ISO stop-word
/// lists of the `stop-words` crate): never a suggestion.
fn is_stop_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            ["da", "en", "sv", "no", "nb"].iter().filter_map(|l| stop_words::lookup(l)).flatten().copied().collect()
        })
        .contains(word)
}

/// The distinct lowercased words of `texts` with at least [`MIN_CHARS`] letters and no digits.
fn words_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in texts {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= MIN_CHARS && w.chars().all(char::is_alphabetic) {
                out.insert(w.to_lowercase());
            }
        }
    }
    out
}

/// The first sentence of the pool (in file order) that holds `word`, on one line.
fn example_sentence(texts: &[Vec<String>], word: &str) -> Option<String> {
    texts.iter().flatten().find_map(|text| {
        text.split(['.', '!', '?', '\n'])
            .find(|s| words_of([*s]).contains(word))
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    })
}

/// Writes the suggestions as a readable list or as TOML lines.
pub fn render(all: &[CriterionSuggestions], format: SuggestFormat, rubric: &str, input: &str, pool: usize) -> String {
    let mut out = String::new();
    match format {
        SuggestFormat::Text => {
            let _ = writeln!(out, "vocabulary for {rubric}, from {input} ({pool} applicants)");
            let _ = writeln!(
                out,
                "(words that strong applications use and the criterion does not find; help for the rubric's \
                 writer, not evidence: check each one against the profile before adding it)"
            );
            for c in all {
                let _ = writeln!(
                    out,
                    "\n{} ({}): {} strong applications (credit ≥ {})",
                    c.id, c.label, c.strong, STRONG_CREDIT
                );
                if c.words.is_empty() {
                    let _ = writeln!(out, "  no words to suggest");
                }
                for s in &c.words {
                    let set = s.set.as_ref().map(|n| format!(", in the synonym set @{n}")).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "  {:<28} near its evidence in {}, in {}/{} strong, in {}/{} of the pool{set}",
                        format!("{:?}", s.word),
                        s.near,
                        s.strong,
                        c.strong,
                        s.pool,
                        pool
                    );
                    if !s.example.is_empty() {
                        let _ = writeln!(out, "      e.g. \"{}\"", clip(&s.example));
                    }
                }
                if !c.dead.is_empty() {
                    let _ = writeln!(out, "  terms that match nobody: {}", quoted(&c.dead));
                }
                if !c.broad.is_empty() {
                    let _ = writeln!(
                        out,
                        "  terms that match at least {}% of the pool: {}",
                        INDISCRIMINATE_SHARE * 100.0,
                        quoted(&c.broad)
                    );
                }
            }
        }
        SuggestFormat::Toml => {
            let _ = writeln!(out, "# vocabulary for {rubric}, from {input} ({pool} applicants): check each line");
            for c in all {
                if c.words.is_empty() && c.dead.is_empty() && c.broad.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "\n# {} ({}): add to its terms", c.id, c.label);
                for s in &c.words {
                    let term = s.set.as_ref().map_or_else(|| s.word.clone(), |n| format!("@{n}"));
                    let _ = writeln!(
                        out,
                        "{:?},  # near its evidence {}, strong {}/{}, pool {}/{}",
                        term, s.near, s.strong, c.strong, s.pool, pool
                    );
                }
                if !c.dead.is_empty() {
                    let _ = writeln!(out, "# matches nobody: {}", quoted(&c.dead));
                }
                if !c.broad.is_empty() {
                    let _ = writeln!(out, "# matches nearly everybody: {}", quoted(&c.broad));
                }
            }
        }
    }
    out
}

fn quoted(terms: &[String]) -> String {
    terms.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ")
}

/// At most 160 characters, cut between words.
fn clip(sentence: &str) -> String {
    if sentence.chars().count() <= 160 {
        return sentence.to_string();
    }
    let mut out = String::new();
    for word in sentence.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > 157 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push_str(" …");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_long_and_without_digits() {
        let words = words_of(["Økonomiudvalget og KL: 2024-budgettet, B2B og Bevillingsansvar."]);
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(words, ["bevillingsansvar", "budgettet", "økonomiudvalget"]);
    }

    #[test]
    fn a_long_example_is_cut_between_words() {
        let sentence = "ord ".repeat(60);
        let clipped = clip(sentence.trim());
        assert!(clipped.ends_with(" …") && clipped.chars().count() <= 160, "{clipped}");
    }
}
