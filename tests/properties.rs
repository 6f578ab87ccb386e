//! Property tests of the scoring invariants, on generated rubrics and applicants, through the
//! library: contributions add up to the total; totals lie in [0, 100]; more credit never lowers a
//! total; the order of rows, columns and criteria changes nothing it should not; the thread count
//! changes no byte; JSON and CSV output carry applicant text faithfully.

use std::path::Path;

use profilmatch::input::ReadOptions;
use profilmatch::output::{Format, Render, View};
use profilmatch::pipeline::{ScoreOptions, Session, score_file};
use profilmatch::rank::round6;
use profilmatch::rubric;
use proptest::prelude::*;

const WORDS: [&str; 6] = ["budget", "ledelse", "byråd", "strategi", "kultur", "regnskab"];

/// One applicant: years (a number on an increasing curve), a flag, words of free text, a name.
#[derive(Debug, Clone)]
struct Applicant {
    years: u8,
    flag: bool,
    words: Vec<usize>,
    name: String,
}

/// Weights: two competencies, each with a number, a flag and a terms criterion.
#[derive(Debug, Clone)]
struct Weights {
    competencies: [u8; 2],
    criteria: [[u8; 3]; 2],
}

fn applicant() -> impl Strategy<Value = Applicant> {
    (0u8..25, any::<bool>(), prop::collection::vec(0..WORDS.len(), 0..5), "[a-zA-Zæøå=+@ ,\"|<>-]{0,12}")
        .prop_map(|(years, flag, words, name)| Applicant { years, flag, words, name: name.trim().to_string() })
}

fn weights() -> impl Strategy<Value = Weights> {
    ([1u8..5, 1u8..5], [[0u8..4, 0u8..4, 1u8..4], [1u8..4, 0u8..4, 0u8..4]])
        .prop_map(|(competencies, criteria)| Weights { competencies, criteria })
}

/// The rubric TOML, with each competency's criteria in the order `order` (a permutation of 0..3).
fn rubric_toml(weights: &Weights, order: [usize; 3]) -> String {
    let mut text =
        String::from("[rubric]\nid = \"p\"\ntitle = \"T\"\norganisation = \"O\"\nsource = \"s\"\nversion = \"1\"\n\n");
    for (k, competency) in ["a", "b"].iter().enumerate() {
        text += &format!(
            "[[competency]]\nid = \"{competency}\"\nlabel = \"{competency}\"\nweight = {}\nsource = \"s\"\n\n",
            weights.competencies[k]
        );
        let criteria = [
            format!("kind = \"number\"\nfield = \"years\"\ncurve = [[0, 0], [{}, 0.5], [20, 1]]", 5 + 5 * k),
            "kind = \"flag\"\nfield = \"flag\"".to_string(),
            format!("kind = \"terms\"\nfields = [\"cv\"]\nterms = {:?}\nneed = 2", WORDS[k * 3..k * 3 + 3].to_vec()),
        ];
        for &i in &order {
            text += &format!(
                "[[competency.criterion]]\nid = \"{competency}{i}\"\nlabel = \"{competency}{i}\"\nweight = {}\nsource = \"s\"\n{}\n\n",
                weights.criteria[k][i], criteria[i]
            );
        }
    }
    text
}

const COLUMNS: [&str; 5] = ["id", "name", "years", "flag", "cv"];

/// The applicants as CSV, rows in the order given and columns in the order `columns`.
fn applicants_csv(applicants: &[(usize, Applicant)], columns: [usize; 5]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns.iter().map(|&c| COLUMNS[c])).expect("header");
    for (id, a) in applicants {
        let cv: Vec<&str> = a.words.iter().map(|&w| WORDS[w]).collect();
        let cells = [
            format!("p{id:03}"),
            a.name.clone(),
            a.years.to_string(),
            if a.flag { "ja" } else { "nej" }.to_string(),
            cv.join(" "),
        ];
        writer.write_record(columns.iter().map(|&c| cells[c].as_str())).expect("row");
    }
    writer.into_inner().expect("bytes")
}

fn score(rubric_text: &str, csv: &[u8]) -> Session {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("a.csv");
    std::fs::write(&path, csv).expect("writing");
    let rubric = rubric::parse("r.toml", rubric_text).expect("a valid rubric");
    score_file(vec![rubric], &path, "a.csv", &ReadOptions::default(), ScoreOptions::default(), &mut |w| panic!("{w}"))
        .expect("scoring")
}

fn render(session: &Session, format: Format) -> Vec<u8> {
    let view = View { session, shown: vec![session.runs[0].placements.len()], blind: false, top: None };
    let mut out = Vec::new();
    format.render(&view, &mut out).expect("rendering");
    out
}

fn totals(session: &Session) -> Vec<f64> {
    session.runs[0].rows.iter().map(|r| r.summary.total).collect()
}

fn numbered(applicants: Vec<Applicant>) -> Vec<(usize, Applicant)> {
    applicants.into_iter().enumerate().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn points_add_up_to_the_total_which_lies_in_0_to_100(w in weights(), people in prop::collection::vec(applicant(), 1..8)) {
        let session = score(&rubric_toml(&w, [0, 1, 2]), &applicants_csv(&numbered(people), [0, 1, 2, 3, 4]));
        let rows: Vec<usize> = (0..session.runs[0].rows.len()).collect();
        for card in session.scorecards(0, &rows).expect("scorecards") {
            let points: f64 = card.competencies.iter().flat_map(|c| &c.criteria).map(|c| c.points).sum();
            prop_assert!((points - card.total).abs() < 1e-9, "{points} vs {}", card.total);
            prop_assert!((0.0..=100.0).contains(&card.total), "{}", card.total);
        }
    }

    #[test]
    fn more_credit_never_lowers_a_total(w in weights(), a in applicant(), more_years in 0u8..10, word in 0..WORDS.len()) {
        let mut better = a.clone();
        better.years = a.years.saturating_add(more_years);
        let mut flagged = a.clone();
        flagged.flag = true;
        let mut wordier = a.clone();
        wordier.words.push(word);
        let people = numbered(vec![a, better, flagged, wordier]);
        let t = totals(&score(&rubric_toml(&w, [0, 1, 2]), &applicants_csv(&people, [0, 1, 2, 3, 4])));
        for (i, raised) in t.iter().enumerate().skip(1) {
            prop_assert!(*raised >= t[0] - 1e-12, "change {i}: {} < {}", raised, t[0]);
        }
    }

    #[test]
    fn shuffling_rows_or_columns_changes_no_output_byte(
        w in weights(),
        people in prop::collection::vec(applicant(), 1..8),
        row_order in any::<u64>(),
        columns in Just([0usize, 1, 2, 3, 4]).prop_shuffle(),
    ) {
        let people = numbered(people);
        let mut shuffled = people.clone();
        // A deterministic shuffle from the generated seed.
        let mut seed = row_order;
        for i in (1..shuffled.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            shuffled.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let rubric_text = rubric_toml(&w, [0, 1, 2]);
        let original = score(&rubric_text, &applicants_csv(&people, [0, 1, 2, 3, 4]));
        let moved = score(&rubric_text, &applicants_csv(&shuffled, columns));
        for format in [Format::Json, Format::Csv, Format::Table, Format::Explain] {
            prop_assert!(render(&original, format) == render(&moved, format), "{format:?} differs");
        }
    }

    #[test]
    fn shuffling_criteria_changes_no_rank_and_no_rounded_total(
        w in weights(),
        people in prop::collection::vec(applicant(), 1..8),
        order in Just([0usize, 1, 2]).prop_shuffle(),
    ) {
        let csv = applicants_csv(&numbered(people), [0, 1, 2, 3, 4]);
        let a = score(&rubric_toml(&w, [0, 1, 2]), &csv);
        let b = score(&rubric_toml(&w, [order[0], order[1], order[2]]), &csv);
        let ranking = |s: &Session| -> Vec<(String, usize, bool, f64)> {
            s.runs[0].placements.iter().map(|p| {
                let row = &s.runs[0].rows[p.index];
                (row.summary.id.to_string(), p.rank, p.tied, round6(row.summary.total))
            }).collect()
        };
        prop_assert_eq!(ranking(&a), ranking(&b));
    }

    #[test]
    fn one_thread_and_eight_give_identical_bytes(w in weights(), people in prop::collection::vec(applicant(), 1..12)) {
        let rubric_text = rubric_toml(&w, [0, 1, 2]);
        let csv = applicants_csv(&numbered(people), [0, 1, 2, 3, 4]);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
            pool.install(|| {
                let session = score(&rubric_text, &csv);
                [Format::Json, Format::Csv].map(|f| render(&session, f))
            })
        };
        prop_assert!(run(1) == run(8));
    }

    #[test]
    fn json_and_csv_carry_names_exactly(people in prop::collection::vec(applicant(), 1..8)) {
        let w = Weights { competencies: [1, 1], criteria: [[1, 1, 1], [1, 1, 1]] };
        let people = numbered(people);
        let session = score(&rubric_toml(&w, [0, 1, 2]), &applicants_csv(&people, [0, 1, 2, 3, 4]));
        let name_of = |id: &str| people.iter().find(|(i, _)| format!("p{i:03}") == id).map(|(_, a)| a.name.clone());
        let json: Vec<serde_json::Value> = serde_json::from_slice(&render(&session, Format::Json)).expect("JSON");
        for candidate in &json {
            let id = candidate["id"].as_str().expect("an id");
            prop_assert_eq!(candidate["name"].as_str().map(str::to_string), name_of(id));
        }
        let csv_out = render(&session, Format::Csv);
        let mut reader = csv::Reader::from_reader(csv_out.as_slice());
        for record in reader.records() {
            let record = record.expect("a record");
            let name = &record[3];
            // Neutralising adds one `'` before a formula-like cell; removing it gives the text back.
            let original = name_of(&record[2]).expect("a known id");
            let restored = match name.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
                _ => name,
            };
            prop_assert_eq!(restored, original.as_str());
        }
    }
}

#[test]
fn the_generated_rubric_is_valid() {
    // Guards the generators: an invalid rubric would make every property above fail to run.
    let w = Weights { competencies: [1, 2], criteria: [[0, 1, 1], [1, 0, 0]] };
    assert!(rubric::parse("r.toml", &rubric_toml(&w, [2, 0, 1])).is_ok());
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml").exists());
}
