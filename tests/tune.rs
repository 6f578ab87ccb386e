//! `profilmatch tune` end to end, with numbers worked out by hand.
//!
//! The rubric has two competencies, x (W = 2) and y (W = 1), each one number criterion whose
//! curve (0,0)–(100,1) makes the competency score equal the column's value, so that
//! total = (2·sx + 1·sy)/3 can be computed on paper.

mod common;

use common::{Fixture, assert_close, num, repo};
use serde_json::Value;

const RUBRIC: &str = r#"# A two-competency rubric for tune tests.
[rubric]
id = "t"
title = "Testdirektør"
organisation = "Test Kommune"
source = "test"
version = "1"

[columns]
text = []

[[competency]]
id = "x"
label = "x"
weight = 2 # the heavier one
source = "s"

[[competency.criterion]]
id = "sx"
label = "sx"
kind = "number"
field = "sx"
curve = [[0, 0], [100, 1]]
source = "s"

# y comes second
[[competency]]
id = "y"
label = "y"
weight = 1
source = "s"

[[competency.criterion]]
id = "sy"
label = "sy"
kind = "number"
field = "sy"
curve = [[0, 0], [100, 1]]
source = "s"
"#;

/// a = (90, 30): (180 + 30)/3 = 70; b = (60, 50): (120 + 50)/3 = 56.666667; c = (30, 90): (60 + 90)/3 = 50.
const THREE: &str = "id,sx,sy\na,90,30\nb,60,50\nc,30,90\n";

fn tune(fixture: &Fixture, rubric: &str, csv: &str, extra: &[&str]) -> common::Run {
    fixture.write("r.toml", rubric);
    fixture.write("a.csv", csv);
    let mut args = vec!["tune", "--rubric", "r.toml", "a.csv"];
    args.extend_from_slice(extra);
    fixture.run(&args)
}

fn json(run: &common::Run) -> Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_slice(&run.stdout).expect("JSON output")
}

#[test]
fn what_if_table_by_hand() {
    // --weight y=3, weights (2, 3), ΣW = 5:
    //   a (180 + 90)/5 = 54, b (120 + 150)/5 = 54, c (60 + 270)/5 = 66 → c 1, a 2, b 2 (tied 54).
    // Before: a 1, b 2, c 3.
    // Kendall's tau-b: (a,b) tied after; (a,c) and (b,c) discordant: nc = 0, nd = 2, n₀ = 3,
    //   n₁ = 0, n₂ = 1 → −2/√(3·2) = −0.816497.
    // Top 2 before {a, b}; after c, a and b (tied with the 2nd): both stay.
    let run = tune(&Fixture::new(), RUBRIC, THREE, &["--weight", "y=3", "--top", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
What-if: y 1 → 3 (weights sum 3 → 5)
Kendall's tau-b between the rankings: -0.816; of the top 2 before, 2 stay in the top 2

rank after  rank before  move  id  total before  total after
         1            3  ↑2    c          50.00        66.00
         2            1  ↓1    a          70.00        54.00
         2            2  =     b          56.67        54.00
";
    assert_eq!(run.out(), expected);
    let out = json(&tune(&Fixture::new(), RUBRIC, THREE, &["--weight", "y=3", "--top", "2", "--format", "json"]));
    assert_close(num(&out["what_if"]["kendall_tau_b"]), -2.0 / 6f64.sqrt());
    assert_close(num(&out["what_if"]["candidates"][2]["total_before"]), 170.0 / 3.0);
    assert_eq!(out["what_if"]["top_kept"], 2);
}

#[test]
fn swap_weights_solved_on_paper() {
    // (a, b): d = (30, −20). Changing x: D = 1·(−20), level at W′ = 20/30 = 2/3 (change 4/3);
    //   changing y: D = 2·30 = 60, W′ = 60/20 = 3 (change 2). → x from 2 to 2/3.
    // (b, c), across the cut of the top 2: d = (30, −40). x: W′ = 40/30 = 4/3 (change 2/3);
    //   y: W′ = 2·30/40 = 1.5 (change 0.5). → y from 1 to 1.5.
    let out = json(&tune(&Fixture::new(), RUBRIC, THREE, &["--swaps", "--top", "2", "--format", "json"]));
    let swaps = out["swaps"].as_array().unwrap();
    assert_eq!(swaps.len(), 2);
    assert_eq!(
        (&swaps[0]["above"], &swaps[0]["below"], &swaps[0]["competency"]),
        (&"a".into(), &"b".into(), &"x".into())
    );
    assert_close(num(&swaps[0]["level_at"]), 2.0 / 3.0);
    assert_eq!((&swaps[1]["competency"], &swaps[1]["at_cut"]), (&"y".into(), &true.into()));
    assert_close(num(&swaps[1]["level_at"]), 1.5);
}

#[test]
fn a_candidate_ahead_on_every_competency_cannot_be_swapped() {
    let out = json(&tune(
        &Fixture::new(),
        RUBRIC,
        "id,sx,sy\na,90,30\nb,80,20\n",
        &["--swaps", "--top", "1", "--format", "json"],
    ));
    assert_eq!(out["swaps"][0]["outcome"], "no single weight change swaps them");
}

/// Weights (1, 1) in the rubric; the committee judged with (3, 1), shares (0.75, 0.25):
/// a = (80, 20) 65, b = (50, 90) 60, c = (90, 10) 70, e = (70, 90) 75 → e, c, a, b.
const FOUR: &str = "id,sx,sy\na,80,20\nb,50,90\nc,90,10\ne,70,90\n";

fn equal_weights() -> String {
    RUBRIC.replace("weight = 2 # the heavier one", "weight = 1 # the heavier one")
}

#[test]
fn fit_recovers_the_weights_that_made_the_judgements() {
    // The ranking e 1, c 2, a 3, b 4 gives 6 pairs. With share x of competency x the margins are
    //   e>c: −20x + 80(1−x) > 0 iff x < 0.8;      e>a: −10x + 70(1−x) iff x < 0.875;
    //   e>b: 20x + 0 always;                        c>a: 10x − 10(1−x) iff x > 0.5;
    //   c>b: 40x − 80(1−x) iff x > 2/3;             a>b: 30x − 70(1−x) iff x > 0.7.
    // All six hold exactly for 0.7 < x < 0.8, i.e. 1.4 < W_x < 1.6 with W_x + W_y = 2.
    // At the rubric's x = 0.5: e>c, e>a, e>b hold; c>a ties (50 = 50); c>b, a>b fail → 3 of 6.
    let fixture = Fixture::new();
    fixture.write("j.csv", "id,rank\ne,1\nc,2\na,3\nb,4\n");
    let out = json(&tune(&fixture, &equal_weights(), FOUR, &["--fit", "j.csv", "--format", "json"]));
    let fit = &out["fit"];
    assert_eq!((&fit["judgements"], &fit["agree_before"], &fit["agree_after"]), (&6.into(), &3.into(), &6.into()));
    let (wx, wy) = (num(&fit["weights_after"][0]), num(&fit["weights_after"][1]));
    assert!(wx > 1.4 && wx < 1.6, "W_x = {wx}");
    assert_close(wx + wy, 2.0);
}

#[test]
fn fewer_judgements_than_competencies_is_said_plainly() {
    let fixture = Fixture::new();
    fixture.write("j.csv", "better,worse\na,b\n");
    let run = tune(&fixture, &equal_weights(), FOUR, &["--fit", "j.csv"]);
    assert!(run.out().contains("1 judgements for 2 competencies cannot pin the weights down"), "{}", run.out());
}

#[test]
fn an_unknown_id_in_the_judgements_names_its_line() {
    let fixture = Fixture::new();
    fixture.write("j.csv", "better,worse\na,b\ne,nobody\n");
    let run = tune(&fixture, &equal_weights(), FOUR, &["--fit", "j.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("j.csv:3: unknown id 'nobody'"), "{}", run.stderr);
}

#[test]
fn write_rubric_changes_only_the_weight_numbers() {
    let fixture = Fixture::new();
    fixture.write("j.csv", "id,rank\ne,1\nc,2\na,3\nb,4\n");
    let original = equal_weights();
    let run = tune(&fixture, &original, FOUR, &["--fit", "j.csv", "--write-rubric", "fitted.toml", "--format", "json"]);
    let out = json(&run);
    let written = std::fs::read_to_string(fixture.path("fitted.toml")).unwrap();
    let (before, after): (Vec<&str>, Vec<&str>) = (original.lines().collect(), written.lines().collect());
    assert_eq!(before.len(), after.len());
    let changed: Vec<(&str, &str)> = before.iter().zip(&after).filter(|(a, b)| a != b).map(|(a, b)| (*a, *b)).collect();
    let expected = vec![
        ("weight = 1 # the heavier one", format!("weight = {} # the heavier one", out["fit"]["weights_after"][0])),
        ("weight = 1", format!("weight = {}", out["fit"]["weights_after"][1])),
    ];
    let changed: Vec<(&str, String)> = changed.into_iter().map(|(a, b)| (a, b.to_string())).collect();
    assert_eq!(changed, expected);
}

#[test]
fn write_rubric_on_the_sample_rubric_keeps_every_comment() {
    // --weight oekonomi=8 is where the fit starts; three of the sample judgements contradict the
    // rubric's weights, so the fit moves several weights. The written file must differ from the
    // original in weight numbers only: same lines, same comments, same layout.
    let fixture = Fixture::new();
    let rubric = repo("rubrics/hoeje-taastrup-oekonomidirektoer.toml");
    let out = fixture.path("fitted.toml");
    let run = fixture.run(&[
        "tune",
        "--rubric",
        rubric.to_str().unwrap(),
        repo("samples/applicants.csv").to_str().unwrap(),
        "--weight",
        "oekonomi=8",
        "--fit",
        repo("samples/judgements.csv").to_str().unwrap(),
        "--write-rubric",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let original = std::fs::read_to_string(&rubric).unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    let changed: Vec<(&str, &str)> = original.lines().zip(written.lines()).filter(|(a, b)| a != b).collect();
    assert!(!changed.is_empty(), "the fit changed no weight");
    for (before, after) in &changed {
        assert!(before.starts_with("weight = ") && after.starts_with("weight = "), "{before:?} -> {after:?}");
    }
    assert_eq!(original.lines().count(), written.lines().count());
}

#[test]
fn the_same_seed_gives_the_same_stability_figures() {
    let args = ["--stability", "--top", "1", "--samples", "2000", "--spread", "60", "--format", "json"];
    let with = |extra: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(extra);
        tune(&Fixture::new(), RUBRIC, THREE, &all).stdout
    };
    let first = with(&["--seed", "9", "--threads", "1"]);
    assert_eq!(first, with(&["--seed", "9", "--threads", "2"]));
    assert_ne!(first, with(&["--seed", "10"]));
    let out: Value = serde_json::from_slice(&first).unwrap();
    // a leads unless the shares move far: with 60% spread both a and b (and maybe c) win some.
    let shares: f64 = out["stability"]["candidates"].as_array().unwrap().iter().map(|c| num(&c["share"])).sum();
    // Exactly one candidate is in the top 1 in every sample (no ties here): the shares add to 1.
    assert_close(shares, 1.0);
}

#[test]
fn tune_without_a_section_is_a_usage_error() {
    let run = tune(&Fixture::new(), RUBRIC, THREE, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--stability"), "{}", run.stderr);
}
