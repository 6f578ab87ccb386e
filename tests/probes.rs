//! The probe applicants `A067`–`A078` (samples/README.md, "Probe applicants"), scored with all 87
//! samples against every shipped rubric: a denial or aspiration twin scores no more than its
//! neutral twin plus 5 points, a keyword list stays outside the top 10, the plain-language economy
//! director ranks within 3 places of her buzzword twin, and words used in a wrong sense (golf
//! handicap, business school, disaster recovery, one's own children's school, political
//! accountability) add nothing.

use std::collections::HashMap;
use std::path::PathBuf;

use profilmatch::input::ReadOptions;
use profilmatch::pipeline::{ScoreOptions, Session, score_file};
use profilmatch::score::{Scorecard, Status};

const RUBRICS: [&str; 5] = [
    "hoeje-taastrup-oekonomidirektoer",
    "helsingoer-boerne-og-skoledirektoer",
    "skanderborg-myndigheds-og-sekretariatschef",
    "soroe-vicekommunaldirektoer",
    "generisk-direktoer",
];

struct Ranked {
    session: Session,
    /// id → (rank, total, row index).
    places: HashMap<String, (usize, f64, usize)>,
}

impl Ranked {
    fn of(name: &str) -> Ranked {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let rubric = profilmatch::rubric::read(&root.join(format!("rubrics/{name}.toml"))).expect("rubric");
        let path = root.join("samples/applicants.csv");
        let session = score_file(
            vec![rubric],
            &path,
            "applicants.csv",
            &ReadOptions::default(),
            ScoreOptions::default(),
            &mut |_| {},
        )
        .expect("scores");
        let run = &session.runs[0];
        assert_eq!(run.rows.len(), 87, "{name}");
        let places = run
            .placements
            .iter()
            .map(|p| {
                let row = &run.rows[p.index];
                (row.summary.id.to_string(), (p.rank, row.summary.total, p.index))
            })
            .collect();
        Ranked { session, places }
    }

    fn rank(&self, id: &str) -> usize {
        self.places[id].0
    }

    fn total(&self, id: &str) -> f64 {
        self.places[id].1
    }

    fn card(&self, id: &str) -> Scorecard {
        self.session.scorecards(0, &[self.places[id].2]).expect("scorecard").remove(0)
    }
}

#[test]
fn denial_and_aspiration_twins_score_no_more_than_their_neutral_twin_plus_five() {
    for name in RUBRICS {
        let r = Ranked::of(name);
        for (neutral, twins) in [("A069", ["A070", "A071"]), ("A072", ["A073", "A074"])] {
            for twin in twins {
                assert!(
                    r.total(twin) <= r.total(neutral) + 5.0,
                    "{name}: {twin} {} vs neutral {neutral} {}",
                    r.total(twin),
                    r.total(neutral)
                );
            }
        }
        // The denials and wishes are shown as such, not dropped silently.
        let denied = r.card("A070");
        let statuses: Vec<Status> = denied
            .competencies
            .iter()
            .flat_map(|c| &c.criteria)
            .flat_map(|k| &k.detail.evidence)
            .map(|e| e.status)
            .collect();
        assert!(statuses.contains(&Status::Denied), "{name}: {statuses:?}");
        assert!(!statuses.contains(&Status::Found), "{name}: A070 denies everything it names: {statuses:?}");
    }
}

#[test]
fn keyword_lists_stay_outside_every_top_ten() {
    for name in RUBRICS {
        let r = Ranked::of(name);
        for id in ["A067", "A068"] {
            assert!(r.rank(id) > 10, "{name}: {id} is #{}", r.rank(id));
        }
    }
}

#[test]
fn the_plain_language_director_ranks_within_three_places_of_her_buzzword_twin() {
    for name in RUBRICS {
        let r = Ranked::of(name);
        let (buzzword, plain) = (r.rank("A075"), r.rank("A076"));
        assert!(buzzword.abs_diff(plain) <= 3, "{name}: A075 #{buzzword}, A076 #{plain}");
    }
    // For the economy director's own post, both are in the top 5.
    let r = Ranked::of("hoeje-taastrup-oekonomidirektoer");
    assert!(r.rank("A075") <= 5 && r.rank("A076") <= 5, "#{} #{}", r.rank("A075"), r.rank("A076"));
}

#[test]
fn words_in_a_wrong_sense_add_nothing() {
    for name in RUBRICS {
        let r = Ranked::of(name);
        assert_eq!(r.total("A078"), r.total("A077"), "{name}");
    }
    // And the explanation says why: excluded, with the exclusion.
    let excluded = |name: &str| -> Vec<(String, String)> {
        let card = Ranked::of(name).card("A078");
        card.competencies
            .iter()
            .flat_map(|c| &c.criteria)
            .flat_map(|k| &k.detail.evidence)
            .filter(|e| e.status == Status::Excluded)
            .map(|e| (e.term.clone(), e.reason.clone().unwrap_or_default()))
            .collect()
    };
    let helsingoer = excluded("helsingoer-boerne-og-skoledirektoer");
    for term in ["skole*", "folkeskole*", "school*", "fritid*"] {
        assert!(helsingoer.iter().any(|(t, _)| t == term), "{term}: {helsingoer:?}");
    }
    assert!(helsingoer.contains(&("school*".to_string(), "business school".to_string())), "{helsingoer:?}");
    let skanderborg = excluded("skanderborg-myndigheds-og-sekretariatschef");
    assert!(skanderborg.contains(&("handicap*".to_string(), "golf*".to_string())), "{skanderborg:?}");
    assert!(skanderborg.contains(&("recovery".to_string(), "disaster recovery".to_string())), "{skanderborg:?}");
    let hoeje = excluded("hoeje-taastrup-oekonomidirektoer");
    assert!(hoeje.contains(&("accounting".to_string(), "accountab*".to_string())), "{hoeje:?}");
}
