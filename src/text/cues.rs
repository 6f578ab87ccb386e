//! The cue words that decide how a term's context is read: negation, aspiration, experience
//! claims, exceptions, clause words and list labels. They are data, in `rubrics/lexicon/cues.toml`
//! (compiled into the binary), read and validated like a rubric.

use std::sync::OnceLock;

use toml_edit::{Document, Item, Table};

use super::segment::ClauseWords;
use super::{normalize, tokens};

/// The shipped cue file.
pub const SHIPPED_CUES: &str = include_str!("../../rubrics/lexicon/cues.toml");

/// What a cue phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CueKind {
    /// Denies what it scopes over ("ikke", "never").
    Negation,
    /// Makes what it scopes over a wish or second-hand knowledge ("vil gerne", "read about").
    Aspiration,
    /// Claims experience: aspiration does not apply in its clause ("min erfaring").
    Experience,
    /// Names someone else as the subject ("min chef", "my manager"): in a clause without a
    /// first-person word it makes the clause second-hand, read as an aspiration.
    ThirdParty,
    /// Not a cue: cues inside it are ignored ("ikke blot", "not only").
    Exception,
    /// Starts a list ("Nøgleord:", "Skills:").
    Label,
}

impl CueKind {
    /// Whether a cue of this kind can change how its clause reads (and so needs its clauses).
    pub fn acts(self) -> bool {
        matches!(self, CueKind::Negation | CueKind::Aspiration | CueKind::ThirdParty)
    }
}

/// How far a negation or aspiration cue reaches within its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The whole clause, before and after the cue.
    Clause,
    /// The words after the cue; the whole clause when nothing follows the cue in it.
    Forward,
    /// Only where the cue opens its clause (a third party as the subject: "Direktøren har
    /// budgetansvaret"), and then the whole clause.
    Opening,
}

/// One cue phrase: normalised words, its kind and scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuePhrase {
    /// The normalised words, consecutive in the text.
    pub words: Vec<String>,
    /// What it does.
    pub kind: CueKind,
    /// How far it reaches (negation and aspiration; `Clause` for the other kinds).
    pub scope: Scope,
}

/// The whole cue file.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Every cue phrase, in file order.
    pub phrases: Vec<CuePhrase>,
    /// Contrast words, clause openers and coordinators.
    pub clause_words: ClauseWords,
    /// The negation cues that state limited experience (`[negation] limitation`), normalised:
    /// they deny as every negation cue does, and are worded as a limitation to the reader.
    pub limitations: Vec<Vec<String>>,
}

impl Cues {
    /// The shipped cue file, parsed once. It is checked by `cargo test`; a broken one is a bug in
    /// the build, never user input.
    pub fn shipped() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(|| match Cues::parse("rubrics/lexicon/cues.toml", SHIPPED_CUES) {
            Ok(cues) => cues,
            Err(problems) => panic!("the shipped cue file is invalid: {}", problems.join("; ")),
        })
    }

    /// Whether a negation cue, as written in the text (an [`Evidence`](crate::score::Evidence)'s
    /// reason), is one that states limited experience rather than none ("begrænset erfaring",
    /// "er begrænset", "limited experience").
    pub fn is_limitation(&self, written: &str) -> bool {
        let normalised = normalize(written);
        let words: Vec<&str> = tokens(&normalised).collect();
        self.limitations.iter().any(|l| l.iter().map(String::as_str).eq(words.iter().copied()))
    }

    /// Parses and validates a cue file; every problem is reported, each with its line.
    pub fn parse(path: &str, text: &str) -> Result<Cues, Vec<String>> {
        let mut reader = Reader { path, text, problems: Vec::new() };
        let document = match Document::parse(text) {
            Ok(document) => document,
            Err(e) => return Err(vec![format!("{path}: not valid TOML: {}", e.message())]),
        };
        let cues = reader.cues(document.as_table());
        if reader.problems.is_empty() { Ok(cues) } else { Err(reader.problems) }
    }
}

/// The tables of a cue file and the keys each allows.
const TABLES: &[(&str, &[&str])] = &[
    ("negation", &["clause", "limitation", "forward"]),
    ("aspiration", &["clause", "forward"]),
    ("experience", &["phrases"]),
    ("exceptions", &["phrases"]),
    (
        "clauses",
        &[
            "contrast",
            "openers",
            "coordinators",
            "auxiliaries",
            "resumptive",
            "concessive",
            "subject_after_verb",
            "subject_first",
        ],
    ),
    ("third_party", &["subjects", "opening", "first_person"]),
    ("lists", &["labels"]),
];

struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn line(&self, item: Option<std::ops::Range<usize>>) -> usize {
        item.map_or(1, |span| self.text[..span.start].matches('\n').count() + 1)
    }

    fn problem(&mut self, span: Option<std::ops::Range<usize>>, message: String) {
        let line = self.line(span);
        self.problems.push(format!("{}:{line}: {message}", self.path));
    }

    fn cues(&mut self, root: &Table) -> Cues {
        for (key, item) in root.iter() {
            match TABLES.iter().find(|(name, _)| *name == key) {
                Some((_, keys)) => match item.as_table() {
                    Some(table) => self.check_keys(table, key, keys),
                    None => self.problem(item.span(), format!("'{key}' must be a table")),
                },
                None => self.problem(root.key(key).and_then(|k| k.span()), format!("unknown table '{key}'")),
            }
        }
        let mut phrases = Vec::new();
        let add = |reader: &mut Self, phrases: &mut Vec<CuePhrase>, table: &str, key: &str, kind, scope| {
            let words = reader.phrases(root, table, key);
            phrases.extend(words.iter().map(|words| CuePhrase { words: words.clone(), kind, scope }));
            words
        };
        add(self, &mut phrases, "negation", "clause", CueKind::Negation, Scope::Clause);
        let limitations = add(self, &mut phrases, "negation", "limitation", CueKind::Negation, Scope::Clause);
        add(self, &mut phrases, "negation", "forward", CueKind::Negation, Scope::Forward);
        add(self, &mut phrases, "aspiration", "clause", CueKind::Aspiration, Scope::Clause);
        add(self, &mut phrases, "aspiration", "forward", CueKind::Aspiration, Scope::Forward);
        add(self, &mut phrases, "experience", "phrases", CueKind::Experience, Scope::Clause);
        add(self, &mut phrases, "third_party", "subjects", CueKind::ThirdParty, Scope::Clause);
        add(self, &mut phrases, "third_party", "opening", CueKind::ThirdParty, Scope::Opening);
        add(self, &mut phrases, "exceptions", "phrases", CueKind::Exception, Scope::Clause);
        add(self, &mut phrases, "lists", "labels", CueKind::Label, Scope::Clause);
        for (i, phrase) in phrases.iter().enumerate() {
            if phrases[..i].iter().any(|p| p.words == phrase.words) {
                self.problems.push(format!("{}: the cue {:?} is listed twice", self.path, phrase.words.join(" ")));
            }
            // A cue that counts only where it opens its clause is set aside early where it cannot
            // (see `FieldContext::read`): it must then hide no shorter cue inside it.
            let inside = |p: &CuePhrase| {
                p.words.len() < phrase.words.len()
                    && phrase.words.windows(p.words.len()).any(|w| w == p.words.as_slice())
            };
            if phrase.scope == Scope::Opening
                && let Some(other) = phrases.iter().find(|p| inside(p))
            {
                self.problems.push(format!(
                    "{}: [third_party] opening {:?} holds the cue {:?}; an opening cue must hold no other cue",
                    self.path,
                    phrase.words.join(" "),
                    other.words.join(" ")
                ));
            }
        }
        let clause_words = ClauseWords {
            contrast: self.words(root, "clauses", "contrast"),
            openers: self.words(root, "clauses", "openers"),
            coordinators: self.words(root, "clauses", "coordinators"),
            auxiliaries: self.words(root, "clauses", "auxiliaries"),
            resumptive: self.words(root, "clauses", "resumptive"),
            first_person: self.written(root, "third_party", "first_person"),
            concessive: self.phrases(root, "clauses", "concessive"),
            subject_after_verb: self.words(root, "clauses", "subject_after_verb"),
            subject_first: self.written(root, "clauses", "subject_first"),
            ..ClauseWords::default()
        };
        Cues { phrases, clause_words, limitations }
    }

    fn check_keys(&mut self, table: &Table, name: &str, allowed: &[&str]) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key) {
                let span = table.key(key).and_then(|k| k.span());
                self.problem(span, format!("unknown key '{key}' in [{name}]; allowed: {}", allowed.join(", ")));
            }
        }
    }

    /// The normalised phrases of `[table] key`.
    fn phrases(&mut self, root: &Table, table: &str, key: &str) -> Vec<Vec<String>> {
        let Some(item) = root.get(table).and_then(Item::as_table).and_then(|t| t.get(key)) else {
            self.problems.push(format!("{}: missing [{table}] {key}", self.path));
            return Vec::new();
        };
        let Some(array) = item.as_array() else {
            self.problem(item.span(), format!("[{table}] {key} must be a list of strings"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            let words: Vec<String> =
                value.as_str().map_or(Vec::new(), |s| tokens(&normalize(s)).map(str::to_string).collect());
            if words.is_empty() {
                self.problem(value.span(), format!("[{table}] {key}: {value} is not a phrase with letters or digits"));
            } else {
                out.push(words);
            }
        }
        out
    }

    /// Single words of `[table] key` exactly as written (case included), not normalised.
    fn written(&mut self, root: &Table, table: &str, key: &str) -> Vec<String> {
        let Some(item) = root.get(table).and_then(Item::as_table).and_then(|t| t.get(key)) else {
            self.problems.push(format!("{}: missing [{table}] {key}", self.path));
            return Vec::new();
        };
        let Some(array) = item.as_array() else {
            self.problem(item.span(), format!("[{table}] {key} must be a list of strings"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(word) if tokens(word).count() == 1 && tokens(word).next() == Some(word) => {
                    out.push(word.to_string())
                }
                _ => self.problem(value.span(), format!("[{table}] {key}: {value} must be one word")),
            }
        }
        out
    }

    /// Single words of `[table] key`.
    fn words(&mut self, root: &Table, table: &str, key: &str) -> Vec<String> {
        let phrases = self.phrases(root, table, key);
        let mut out = Vec::new();
        for words in phrases {
            match words.as_slice() {
                [word] => out.push(word.clone()),
                _ => self.problems.push(format!(
                    "{}: [{table}] {key}: {:?} must be one word",
                    self.path,
                    words.join(" ")
                )),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_cue_file_is_valid() {
        let cues = Cues::parse("cues.toml", SHIPPED_CUES).expect("valid");
        let negation = cues.phrases.iter().filter(|p| p.kind == CueKind::Negation).count();
        assert!(negation >= 20, "{negation}");
        assert!(cues.phrases.iter().any(|p| p.words == ["didn", "t"] && p.scope == Scope::Clause));
        assert!(cues.clause_words.contrast.contains(&"men".to_string()));
    }

    /// Stated limitations deny with the clause scope of every negation cue, and are told apart
    /// from plain negations as written in the text (case, `ae` for `æ`), whole phrases only.
    #[test]
    fn limitations_are_clause_negations_told_apart_from_denials() {
        let cues = Cues::shipped();
        for words in [&["begraenset", "erfaring"][..], &["er", "begraenset"], &["limited", "experience"]] {
            let phrase = cues.phrases.iter().find(|p| p.words == words).expect("listed");
            assert_eq!((phrase.kind, phrase.scope), (CueKind::Negation, Scope::Clause), "{words:?}");
        }
        for limited in
            ["begrænset erfaring", "Begraenset  Erfaring", "er meget begrænset", "is limited", "Limited experience"]
        {
            assert!(cues.is_limitation(limited), "{limited}");
        }
        for denied in ["ikke", "aldrig", "0 års erfaring", "never", "uden", "begrænset", "erfaring er begrænset"] {
            assert!(!cues.is_limitation(denied), "{denied}");
        }
    }

    #[test]
    fn problems_carry_lines() {
        let text = "[negation]\nclause = [\"ikke\", \"\"]\nforward = [\"ikke\"]\nweird = 1\n[aspiration]\nclause = []\nforward = []\n";
        let problems = Cues::parse("c.toml", text).expect_err("invalid");
        let all = problems.join("\n");
        assert!(all.contains("c.toml:2: [negation] clause"), "{all}");
        assert!(all.contains("c.toml:4: unknown key 'weird'"), "{all}");
        assert!(all.contains("listed twice"), "{all}");
        assert!(all.contains("missing [lists] labels"), "{all}");
    }
}
