//! The fast path (token caches, per-field indexes, presence masks, stem and letter-count
//! prefilters) gives exactly the scorecards of the rules as written, on the samples and on text
//! full of typos.

use std::path::Path;

use profilmatch::input::ReadOptions;
use profilmatch::pipeline::{ScoreOptions, score_file};
use profilmatch::rubric;
use profilmatch::score::Scorecard;

const RUBRICS: [&str; 5] = [
    "rubrics/hoeje-taastrup-oekonomidirektoer.toml",
    "rubrics/helsingoer-boerne-og-skoledirektoer.toml",
    "rubrics/soroe-vicekommunaldirektoer.toml",
    "rubrics/skanderborg-myndigheds-og-sekretariatschef.toml",
    "rubrics/generisk-direktoer.toml",
];

/// Every rubric's scorecards for every row, in input order.
fn scorecards(csv: &Path, reference_matching: bool) -> Vec<Vec<Scorecard>> {
    let rubrics = RUBRICS.iter().map(|p| rubric::read(Path::new(p)).expect("shipped rubric")).collect();
    let options = ScoreOptions { keep_scores: true, reference_matching, ..ScoreOptions::default() };
    let session =
        score_file(rubrics, csv, "applicants.csv", &ReadOptions::default(), options, &mut |_| {}).expect("scores");
    (0..RUBRICS.len())
        .map(|r| {
            let rows: Vec<usize> = (0..session.runs[r].rows.len()).collect();
            session.scorecards(r, &rows).expect("scorecards")
        })
        .collect()
}

#[test]
fn fast_matching_equals_the_rules_as_written_on_the_samples() {
    let csv = Path::new("samples/applicants.csv");
    let fast = scorecards(csv, false);
    assert_eq!(fast.iter().map(Vec::len).sum::<usize>(), 5 * 87);
    assert_eq!(fast, scorecards(csv, true));
}

/// A small deterministic generator (64-bit LCG), so the typos are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// One word in eight of every text cell gets a typo: a letter dropped, doubled or swapped.
fn with_typos(text: &str, rng: &mut Lcg) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() < 4 || !rng.next().is_multiple_of(8) {
                return word.to_string();
            }
            let i = 1 + (rng.next() as usize) % (chars.len() - 2);
            let mut out = chars.clone();
            match rng.next() % 3 {
                0 => {
                    out.remove(i);
                }
                1 => out.insert(i, chars[i]),
                _ => out.swap(i, i + 1),
            }
            out.into_iter().collect()
        })
        .collect();
    words.join(" ")
}

#[test]
fn fast_matching_equals_the_rules_as_written_on_text_with_typos() {
    let mut reader = csv::Reader::from_path("samples/applicants.csv").expect("samples");
    let header = reader.headers().expect("header").clone();
    let text_columns = ["title", "employer", "education", "experience", "summary"];
    let mut rng = Lcg(7);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("typos.csv");
    let mut writer = csv::Writer::from_path(&path).expect("create");
    writer.write_record(&header).expect("write");
    for (n, record) in reader.records().enumerate() {
        let record = record.expect("record");
        let row: Vec<String> = header
            .iter()
            .zip(record.iter())
            .map(|(column, cell)| match column {
                "id" => format!("T{n:03}"),
                c if text_columns.contains(&c) => with_typos(cell, &mut rng),
                _ => cell.to_string(),
            })
            .collect();
        writer.write_record(&row).expect("write");
    }
    writer.flush().expect("flush");
    drop(writer);
    let fast = scorecards(&path, false);
    let fuzzy_matches = fast
        .iter()
        .flatten()
        .flat_map(|c| c.competencies.iter().flat_map(|k| k.criteria.iter()))
        .flat_map(|k| k.detail.evidence.iter())
        .filter(|e| e.kind == profilmatch::text::MatchKind::Fuzzy)
        .count();
    // The typos must actually exercise the fuzzy rule for this comparison to mean anything.
    assert!(fuzzy_matches > 20, "only {fuzzy_matches} fuzzy matches");
    assert_eq!(fast, scorecards(&path, true));
}

mod random {
    //! The fast path equals the rules as written on random rubrics and random text: terms with
    //! prefixes, compound heads, phrases and proximity, exclusions and a synonym set, against text
    //! built from those words, their inflections, cue words, clause words, list labels, suspended
    //! hyphens and punctuation.

    use std::path::Path;

    use proptest::prelude::*;

    use profilmatch::input::ReadOptions;
    use profilmatch::pipeline::{ScoreOptions, score_file};
    use profilmatch::rubric;
    use profilmatch::score::Scorecard;
    use profilmatch::text::parse_term;

    const WORDS: &[&str] = &[
        "budget", "ansvar", "udvalg", "byråd", "ledelse", "ledere", "økonomi", "styring", "skole", "golf", "handicap",
        "digital",
    ];
    const TEXT: &[&str] = &[
        "budget",
        "budgettet",
        "budgetansvar",
        "ansvar",
        "ansvaret",
        "udvalg",
        "økonomiudvalget",
        "udvalgte",
        "skoleudvalget",
        "børne-",
        "og",
        "byrådet",
        "ledelse",
        "af",
        "ledere",
        "økonomistyring",
        "økonomi",
        "styring",
        "skole",
        "skolen",
        "golf",
        "handicap",
        "digitalisering",
        "digital",
        "ikke",
        "aldrig",
        "ikke blot",
        "men også",
        "vil gerne",
        "not",
        "no",
        "never",
        "not only",
        "men",
        "but",
        "jeg",
        "har",
        "I",
        "have",
        "min erfaring",
        "Nøgleord:",
        "Skills:",
        "kender kun fra kurser",
        "uden",
        "ingen",
        "ikke-",
        "business school",
        // A fragment and its denial, and second-hand clauses.
        "det",
        "that",
        "Nej",
        "min chef",
        "my manager",
        "Direktøren",
        "the mayor",
        "Jeg",
        "mit mål er",
        "aldrig overskredet",
        // Concessions before a main clause.
        "selv om",
        "at",
        "without",
        "although",
        "we",
        "?",
        " – ",
        ",",
        ".",
        ";",
        ":",
        "\n",
        " - ",
        "(",
        ")",
        "•",
    ];

    fn term() -> impl Strategy<Value = String> {
        let word = proptest::sample::select(WORDS);
        prop_oneof![
            word.clone().prop_map(|w| w.to_string()),
            word.clone().prop_map(|w| format!("{w}*")),
            word.clone().prop_map(|w| format!("*{w}")),
            (word.clone(), word.clone()).prop_map(|(a, b)| format!("{a} {b}")),
            (word.clone(), word.clone()).prop_map(|(a, b)| format!("{a} … {b}*")),
        ]
    }

    fn join(parts: &[&str]) -> String {
        parts.iter().fold(String::new(), |mut s, p| {
            if !s.is_empty() && !p.starts_with([',', '.', ';', ':', '?', '\n']) {
                s.push(' ');
            }
            s.push_str(p);
            s
        })
    }

    fn text() -> impl Strategy<Value = String> {
        let random = proptest::collection::vec(proptest::sample::select(TEXT), 0..40).prop_map(|parts| join(&parts));
        // One frame around other words, sentence after sentence ("jeg har budget. jeg har skole.
        // jeg har golf."), so that the rule for repeated frames is exercised too.
        let word = || proptest::sample::select(TEXT);
        // Fillers from the words that terms are made of (the first 24 of `TEXT`).
        let filler = || proptest::sample::select(&TEXT[..24]);
        let framed = (proptest::collection::vec(word(), 2..5), proptest::collection::vec(filler(), 3..7)).prop_map(
            |(frame, fillers)| {
                let sentences: Vec<String> =
                    fillers.iter().map(|f| join(&frame.iter().copied().chain([*f]).collect::<Vec<_>>())).collect();
                sentences.join(".\n")
            },
        );
        prop_oneof![3 => random, 1 => framed]
    }

    /// A `terms` list of distinct patterns (a rubric refuses two that normalise alike).
    fn distinct(terms: Vec<String>) -> Vec<String> {
        let mut seen = Vec::new();
        terms
            .into_iter()
            .filter(|t| {
                parse_term(t)
                    .map(|p| {
                        !seen.contains(&p) && {
                            seen.push(p);
                            true
                        }
                    })
                    .unwrap_or(false)
            })
            .collect()
    }

    fn toml_list(terms: &[String]) -> String {
        terms.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ")
    }

    fn rubric_text(criteria: &[(Vec<String>, Vec<String>, usize)], set: &[String], cap: usize) -> String {
        let mut out = format!(
            "[rubric]\nid = \"r\"\ntitle = \"T\"\norganisation = \"O\"\nsource = \"s\"\nversion = \"1\"\n\
             sentence_criteria = {cap}\n\n[[synonym]]\nname = \"s\"\ndescription = \"d\"\nterms = [{}]\n\n\
             [[competency]]\nid = \"c\"\nlabel = \"c\"\nsource = \"s\"\n",
            toml_list(set)
        );
        for (i, (terms, exclude, need)) in criteria.iter().enumerate() {
            let mut entries: Vec<String> = terms.iter().map(|t| format!("{t:?}")).collect();
            if i == 0 {
                entries.push("\"@s\"".to_string());
            }
            out.push_str(&format!(
                "[[competency.criterion]]\nid = \"k{i}\"\nlabel = \"k\"\nsource = \"s\"\nkind = \"terms\"\n\
                 terms = [{}]\nneed = {}\nexclude = [{}]\n",
                entries.join(", "),
                (*need).min(entries.len()).max(1),
                toml_list(exclude)
            ));
        }
        // A requirement with the first criterion's terms: its status (a denial is "not met")
        // is compared too, on both paths.
        if let Some((terms, _, _)) = criteria.first() {
            out.push_str(&format!(
                "[[requirement]]\nid = \"r\"\nlabel = \"r\"\nkind = \"terms\"\nterms = [{}]\n",
                toml_list(terms)
            ));
        }
        out
    }

    fn cards(rubric: &str, csv: &Path, reference_matching: bool) -> Vec<Scorecard> {
        let rubric = rubric::parse("r.toml", rubric).expect("a valid random rubric");
        let options = ScoreOptions { reference_matching, ..ScoreOptions::default() };
        let session =
            score_file(vec![rubric], csv, "a.csv", &ReadOptions::default(), options, &mut |_| {}).expect("scores");
        let rows: Vec<usize> = (0..session.runs[0].rows.len()).collect();
        let cards = session.scorecards(0, &rows).expect("scorecards");
        // What ranking reads (the credits-only path) agrees with the scorecard.
        for (row, card) in session.runs[0].rows.iter().zip(&cards) {
            assert_eq!(row.summary.requirements, card.requirements_status, "{}", card.id);
            assert_eq!(row.summary.core, card.core, "{}", card.id);
        }
        cards
    }

    /// One random case: a rubric and a CSV of rows, or `None` when the draw leaves no usable criterion.
    fn case() -> impl Strategy<Value = Option<(String, Vec<(String, String)>)>> {
        let criteria = proptest::collection::vec(
            (proptest::collection::vec(term(), 1..5), proptest::collection::vec(term(), 0..2), 1usize..3),
            1..4,
        );
        let set = proptest::collection::vec(term(), 1..3);
        let texts = proptest::collection::vec((text(), text()), 1..4);
        (criteria, set, texts, 1usize..4).prop_map(|(criteria, set, texts, cap)| {
            // The set's members must not repeat a term of the criterion that uses it.
            let set = distinct(set);
            let members: Vec<_> = set.iter().filter_map(|t| parse_term(t).ok()).collect();
            let criteria: Vec<(Vec<String>, Vec<String>, usize)> = criteria
                .into_iter()
                .map(|(terms, exclude, need)| {
                    // The first criterion written names the set, whichever it turns out to be.
                    let mut terms = distinct(terms);
                    terms.retain(|t| parse_term(t).map(|p| !members.contains(&p)).unwrap_or(false));
                    (terms, distinct(exclude), need)
                })
                .filter(|(terms, _, _)| !terms.is_empty())
                .collect();
            (!criteria.is_empty() && !set.is_empty()).then(|| (rubric_text(&criteria, &set, cap), texts))
        })
    }

    /// A case's texts as an applicant file (`id,name,cv,summary`), in a directory kept alive by the
    /// first value.
    fn applicants(texts: &[(String, String)]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.csv");
        let mut writer = csv::Writer::from_path(&path).expect("csv");
        writer.write_record(["id", "name", "cv", "summary"]).expect("header");
        for (i, (cv, summary)) in texts.iter().enumerate() {
            writer.write_record([format!("{i}").as_str(), "N", cv, summary]).expect("row");
        }
        writer.flush().expect("flush");
        (dir, path)
    }

    /// Scores a case both ways.
    fn both(rubric: &str, texts: &[(String, String)]) -> (Vec<Scorecard>, Vec<Scorecard>) {
        let (_dir, path) = applicants(texts);
        (cards(rubric, &path, false), cards(rubric, &path, true))
    }

    /// The upper bound `score --top N` ranks a left-out row by (see `tests/top.rs`) against the
    /// row's score: never below it, never a worse standing.
    fn bounds_hold(rubric: &str, texts: &[(String, String)]) {
        use profilmatch::input::{CsvReader, Row};
        use profilmatch::rank::{Cutoff, Standing};
        use profilmatch::score::{Engine, RowContext};
        let (_dir, path) = applicants(texts);
        let mut reader = CsvReader::open(&path, "a.csv", &ReadOptions::default()).expect("open");
        let rubric = rubric::parse("r.toml", rubric).expect("a valid random rubric");
        let engine = Engine::new(vec![rubric], reader.header(), "a.csv").expect("engine");
        let context = RowContext { path: "a.csv".into(), decimal_comma: false, delimiter: b',' };
        let cutoff = Cutoff::new(1);
        cutoff.offer(Standing::Qualified, f64::INFINITY);
        while let Some(row) = reader.next_row().expect("row") {
            let Row::Record(record) = row else { continue };
            let mut warnings = vec![Vec::new()];
            let exact = engine.summarize(&record, &context, false, &mut warnings).remove(0).expect("scored");
            let bound = engine
                .summarize_for_top(&record, &context, std::slice::from_ref(&cutoff), &mut warnings)
                .remove(0)
                .expect("scored");
            assert!(bound.bound);
            assert!(bound.total >= exact.total, "{} < {}: {texts:?}", bound.total, exact.total);
            assert!(bound.standing() <= exact.standing(), "{texts:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn upper_bounds_are_never_below_the_score(case in case()) {
            prop_assume!(case.is_some());
            let (rubric, texts) = case.expect("assumed");
            bounds_hold(&rubric, &texts);
        }

        #[test]
        fn fast_path_equals_the_rules_as_written(case in case()) {
            prop_assume!(case.is_some());
            let (rubric, texts) = case.expect("assumed");
            let (fast, reference) = both(&rubric, &texts);
            prop_assert_eq!(fast, reference);
        }
    }

    /// The random cases reach every status and match kind, so that the property above compares
    /// something: 300 cases from a fixed seed, each compared, and the statuses and kinds counted.
    #[test]
    fn random_cases_reach_every_status_and_kind() {
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let mut seen = std::collections::BTreeMap::new();
        for _ in 0..300 {
            let Some((rubric, texts)) = case().new_tree(&mut runner).expect("a case").current() else {
                continue;
            };
            let (fast, reference) = both(&rubric, &texts);
            assert_eq!(fast, reference, "{rubric}\n{texts:?}");
            for e in
                fast.iter().flat_map(|c| &c.competencies).flat_map(|k| &k.criteria).flat_map(|k| &k.detail.evidence)
            {
                *seen.entry(e.status_name()).or_insert(0) += 1;
                *seen.entry(e.kind.as_str()).or_insert(0) += 1;
                if e.reason.as_deref().is_some_and(|r| r.starts_with("a list written as sentences")) {
                    *seen.entry("repeated frame").or_insert(0) += 1;
                }
            }
            for r in fast.iter().flat_map(|c| &c.requirements) {
                *seen.entry(r.status.name()).or_insert(0) += 1;
            }
        }
        for name in [
            "found",
            "synonym",
            "listed",
            "aspiration",
            "denied",
            "excluded",
            "exact",
            "prefix",
            "head",
            "stem",
            "met",
            "not_documented",
            "not_met",
            "repeated frame",
        ] {
            assert!(seen.get(name).copied().unwrap_or(0) > 0, "no {name} in {seen:?}");
        }
    }
}
