//! The worked example of `docs/rubric-format.md` (`docs/example/rubric.toml` with
//! `docs/example/applicants.csv`): the program's numbers equal the ones worked out by hand there.
//!
//! Weights: oekonomi W=2, ledelse W=1, politik W=1; ΣW = 4, so the shares are 50%, 25%, 25%.
//! oekonomi:  styring (terms, need 2) w=2, budget_size (curve (0,0) (100,0.5) (500,1)) w=1; Σw = 3.
//! ledelse:   ledelse_tekst (terms) w=1, lederuddannelse (flag) w=1;                     Σw = 2.
//! politik:   betjening (terms) w=1, sektor (choice) w=1;                                 Σw = 2.
//! Requirement ledererfaring: years_management ≥ 3.

use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_profilmatch"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["score", "--rubric", "docs/example/rubric.toml", "docs/example/applicants.csv"])
        .args(args)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(args).stdout).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn csv_output_is_the_hand_computed_ranking() {
    // A001 Anna:  styring 3 of need 2 → 1; budget "1 200" = 1200 ≥ 500 → 1;
    //             oekonomi = 100·(2·1 + 1·1)/3 = 100.
    //             ledelse: "Ledelse" exact → 1; flag "Ja" → 1; ledelse = 100·(1+1)/2 = 100.
    //             politik: "byrådet" stem of "byråd" → 1; "Region" → 0.8; politik = 100·1.8/2 = 90.
    //             total = (2·100 + 1·100 + 1·90)/4 = 390/4 = 97.5. 8 years ≥ 3: meets.
    // C003 Cecilie: styring "budget" only → 1/2 = 0.5; budget 300 → 0.5 + 0.5·(300−100)/(500−100) = 0.75;
    //             oekonomi = 100·(2·0.5 + 1·0.75)/3 = 175/3 = 58.333333…
    //             ledelse: "leadership" → 1; flag "x" → 1; ledelse = 100.
    //             politik: no term → 0; "Privat" → 0.2; politik = 100·0.2/2 = 10.
    //             total = (2·58.333333… + 100 + 10)/4 = (116.666667 + 110)/4 = 56.666667 (rounded).
    // B002 Bo:    styring "Budgetansvarlig" prefix → 1/2 = 0.5; budget "80,5" = 80.5 → 0.5·80.5/100 = 0.4025;
    //             oekonomi = 100·(2·0.5 + 1·0.4025)/3 = 140.25/3 = 46.75.
    //             ledelse: "ledighed" is not "ledelse" (shared Danish stem "led" has 3 chars) → 0;
    //             flag "ja" → 1; ledelse = 100·(0+1)/2 = 50.
    //             politik: "politisk betjaning" fuzzy (1 − 1/9 = 0.888889 ≥ 0.88) → 1; "kommune" → 1;
    //             politik = 100.
    //             total = (2·46.75 + 50 + 100)/4 = 243.5/4 = 60.875. 2 years < 3: fails the requirement,
    //             so ranked last, after C003 and D004, although 60.875 is more than either.
    // D004 Dorte: "Budgetansvar har jeg ikke haft, men jeg har betjent byrådet i fire år." The
    //             clause "Budgetansvar har jeg ikke haft" holds "ikke": budget* denied. "Nøgleord: …"
    //             is a list line: regnskab and aftalestyring listed. styring: 0 found, 2 listed of
    //             need 2 → min(1, 0/2 + 0.25·min(1, 2/2)) = 0.25; budget 250 → 0.5 + 0.5·150/400 =
    //             0.6875; oekonomi = 100·(2·0.25 + 0.6875)/3 = 118.75/3 = 39.583333…
    //             ledelse: "ledelse" listed → 0.25·min(1, 1/1) = 0.25; flag "nej" → 0; ledelse = 12.5.
    //             politik: "byrådet" in the clause after "men" → 1; "Stat" → 0.6; politik = 80.
    //             total = (2·39.583333 + 12.5 + 80)/4 = 171.666667/4 = 42.916667. 5 years ≥ 3: meets.
    // Core area (oekonomi only, [core] min_score = 50): the core score is the oekonomi score.
    // A001 100 ≥ 50 and C003 58.333333 ≥ 50 documented; D004 39.583333 < 50 not documented, so
    // ranked after them (it is 3rd anyway); B002 46.75 < 50, and 2 years < 3 states the opposite
    // of the requirement (not met): last, whatever its 60.875.
    let expected = "\
rank,tied,id,name,total,oekonomi,ledelse,politik,meets_requirements,requirements,core
1,false,A001,Anna Holm,97.5,100,100,90,true,met,documented
2,false,C003,Cecilie Berg,56.666667,58.333333,100,10,true,met,documented
3,false,D004,Dorte Vang,42.916667,39.583333,12.5,80,true,met,not_documented
4,false,B002,Bo Nielsen,60.875,46.75,50,100,false,not_met,not_documented
";
    assert_eq!(stdout(&["--format", "csv"]), expected);
}

#[test]
fn json_totals_credits_and_points_are_the_hand_computed_ones() {
    let elements: Vec<Value> = serde_json::from_str(&stdout(&["--format", "json"])).unwrap();
    let by_id = |id: &str| elements.iter().find(|e| e["id"] == id).unwrap();
    // (id, rank, total, meets_requirements, [(credit, points)] in rubric order)
    // points = 100 · share · (w/Σw) · credit with share(oekonomi) = 0.5, share(others) = 0.25:
    //   styring 100·0.5·(2/3) = 33.333333 per unit credit; budget_size 100·0.5·(1/3) = 16.666667;
    //   every criterion of ledelse and politik 100·0.25·(1/2) = 12.5.
    #[allow(clippy::type_complexity)]
    let cases: [(&str, u64, f64, bool, [(f64, f64); 6]); 4] = [
        (
            "A001",
            1,
            97.5, // 33.333333 + 16.666667 + 12.5 + 12.5 + 12.5 + 10 = 97.5
            true,
            [
                (1.0, 33.333333),
                (1.0, 16.666667),
                (1.0, 12.5),
                (1.0, 12.5),
                (1.0, 12.5),
                (0.8, 10.0), // 12.5 · 0.8
            ],
        ),
        (
            "C003",
            2,
            56.666667, // 16.666667 + 12.5 + 12.5 + 12.5 + 0 + 2.5 = 56.666667
            true,
            [
                (0.5, 16.666667), // 33.333333 · 0.5
                (0.75, 12.5),     // 16.666667 · 0.75
                (1.0, 12.5),
                (1.0, 12.5),
                (0.0, 0.0),
                (0.2, 2.5), // 12.5 · 0.2
            ],
        ),
        (
            "D004",
            3,
            42.916667, // 8.333333 + 11.458333 + 3.125 + 0 + 12.5 + 7.5 = 42.916666, 42.916667 rounded
            true,
            [
                (0.25, 8.333333),    // 33.333333 · 0.25
                (0.6875, 11.458333), // 16.666667 · 0.6875 = 11.4583333…
                (0.25, 3.125),       // 12.5 · 0.25
                (0.0, 0.0),
                (1.0, 12.5),
                (0.6, 7.5), // 12.5 · 0.6
            ],
        ),
        (
            "B002",
            4,
            60.875, // 16.666667 + 6.708333 + 0 + 12.5 + 12.5 + 12.5 = 60.875
            false,
            [
                (0.5, 16.666667),
                (0.4025, 6.708333), // 16.666667 · 0.4025 = 6.7083333…
                (0.0, 0.0),
                (1.0, 12.5),
                (1.0, 12.5),
                (1.0, 12.5),
            ],
        ),
    ];
    for (id, rank, total, meets, criteria) in cases {
        let element = by_id(id);
        assert_eq!(element["rank"], rank, "{id}");
        assert_eq!(element["tied"], false, "{id}");
        assert!(close(element["total"].as_f64().unwrap(), total), "{id}");
        assert_eq!(element["meets_requirements"], meets, "{id}");
        let got: Vec<(f64, f64)> = element["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["criteria"].as_array().unwrap())
            .map(|c| (c["credit"].as_f64().unwrap(), c["points"].as_f64().unwrap()))
            .collect();
        for (i, ((credit, points), (want_credit, want_points))) in got.iter().zip(criteria).enumerate() {
            assert!(close(*credit, want_credit), "{id} criterion {i}: credit {credit}");
            assert!(close(*points, want_points), "{id} criterion {i}: points {points}");
        }
        // Rounded points add up to the rounded total within 1e-6 per criterion.
        let sum: f64 = got.iter().map(|(_, p)| p).sum();
        assert!((sum - total).abs() < 6e-6, "{id}: {sum} vs {total}");
        assert_eq!(element["requirements"][0]["passed"], meets, "{id}");
    }
}

#[test]
fn explain_shows_the_match_kinds_of_the_example() {
    let out = stdout(&["--explain"]);
    for line in [
        "#1 A001 Anna Holm: total 97.5",
        r#"found "økonomi styring" as "økonomistyringen" in experience (stem)"#,
        r#"found "budget*" as "budgetlægning" in experience (prefix)"#,
        r#"found "byråd" as "byrådet" in experience (stem)"#,
        r#"found "budget*" as "budget" in experience (exact)"#,
        r#"found "politisk betjening" as "politisk betjaning" in experience (fuzzy 0.888889)"#,
        r#"not found: "ledelse", "leadership""#,
        "#4 B002 Bo Nielsen: total 60.875",
        r#"denied "budget*" as "Budgetansvar" in experience (prefix; denied by "ikke"): "Budgetansvar har jeg ikke haft, men jeg har betjent byrådet i fire år.""#,
        r#"listed "regnskab" as "regnskab" in experience (exact; a list line): "Nøgleord: regnskab, ledelse, aftalestyring.""#,
        "- Økonomistyring, budget og aftalestyring [terms]: credit 0.25, points 8.333333 (0 found, 2 listed, need 2)",
        "a requirement is NOT MET (ranked after everyone who has none not met)",
        "requirement Mindst 3 års ledelseserfaring: NOT MET / ikke opfyldt (credit 0, needs 1)",
        "requirement Mindst 3 års ledelseserfaring: met / opfyldt (credit 1, needs 1)",
        "core area documented / kerneområde dokumenteret: core score 100 (oekonomi), needs 50",
        "core area not documented / kerneområde ikke dokumenteret: core score 39.583333 (oekonomi), needs 50; \
         ranked after everyone whose core area is documented",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}

#[test]
fn top_one_and_blind() {
    // --top 1 shows A001 only (no one ties with it); --blind drops the name column.
    assert_eq!(
        stdout(&["--format", "csv", "--top", "1", "--blind"]),
        "rank,tied,id,total,oekonomi,ledelse,politik,meets_requirements,requirements,core\n\
         1,false,A001,97.5,100,100,90,true,met,documented\n"
    );
}
