//! Section 3: competency scores, totals, points that add up to the total, `--weight`, ties that
//! share a rank, `--top` with a tie, and the requirement flag.

mod common;

use common::*;
use serde_json::Value;

/// Three competencies with unequal weights (ΣW = 3 + 1 + 2 = 6), each with criteria of unequal
/// weights, one of every kind.
fn three_competencies() -> String {
    rubric(
        &[
            competency("a", 3.0),
            criterion("a1", 2.0, "kind = \"terms\"\nterms = [\"budget\", \"regnskab\"]\nneed = 2\nfields = [\"cv\"]"),
            criterion("a2", 1.0, "kind = \"number\"\nfield = \"years\"\nmin = 10"),
            competency("b", 1.0),
            criterion("b1", 1.0, "kind = \"flag\"\nfield = \"leder\""),
            criterion("b2", 3.0, "kind = \"choice\"\nfield = \"sektor\"\nchoices = { kommune = 1, region = 0.5 }"),
            competency("c", 2.0),
            criterion("c1", 1.0, "kind = \"number\"\nfield = \"budget_mio\"\ncurve = [[0, 0], [20, 1]]"),
        ]
        .concat(),
    )
}

const THREE_CSV: &str = "id,name,cv,years,leder,sektor,budget_mio\n\
                         x,X,budget og drift,12,nej,Region,5\n\
                         y,Y,budget og regnskab,10,ja,kommune,40\n\
                         z,Z,ingenting,0,nej,privat,0\n";

fn points_sum(candidate: &Value) -> f64 {
    candidate["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["criteria"].as_array().unwrap())
        .map(|k| num(&k["points"]))
        .sum()
}

#[test]
fn totals_scores_and_points_by_hand() {
    let candidates = Fixture::new().score_json(&three_competencies(), THREE_CSV);
    let x = candidate(&candidates, "x");
    // x: a1 1 of need 2 → 0.5; a2 12 ≥ 10 → 1; b1 "nej" → 0; b2 "Region" → 0.5; c1 5/20 = 0.25.
    // score a = 100 × (2×0.5 + 1×1) / 3 = 66.666667
    // score b = 100 × (1×0 + 3×0.5) / 4 = 37.5
    // score c = 100 × 0.25 = 25
    // total = (3 × 66.666667 + 1 × 37.5 + 2 × 25) / 6 = (200 + 37.5 + 50) / 6 = 47.916667
    assert_close(num(&competency_of(x, "a")["score"]), 200.0 / 3.0);
    assert_close(num(&competency_of(x, "b")["score"]), 37.5);
    assert_close(num(&competency_of(x, "c")["score"]), 25.0);
    assert_eq!(num(&x["total"]), round6(287.5 / 6.0));
    // points = 100 × (W/ΣW) × (w/Σw) × credit:
    // a1 = 100 × 3/6 × 2/3 × 0.5 = 16.666667; a2 = 100 × 3/6 × 1/3 × 1 = 16.666667;
    // b1 = 0; b2 = 100 × 1/6 × 3/4 × 0.5 = 6.25; c1 = 100 × 2/6 × 1 × 0.25 = 8.333333.
    // Sum: 16.666667 + 16.666667 + 0 + 6.25 + 8.333333 = 47.916667 = total.
    let expected_points = [("a1", 50.0 / 3.0), ("a2", 50.0 / 3.0), ("b1", 0.0), ("b2", 6.25), ("c1", 25.0 / 3.0)];
    for (id, points) in expected_points {
        assert_eq!(num(&criterion_of(x, id)["points"]), round6(points), "{id}");
    }
    // weight_share in percent: 3/6 = 50, 1/6 = 16.666667, 2/6 = 33.333333.
    assert_eq!(num(&competency_of(x, "a")["weight_share"]), 50.0);
    assert_eq!(num(&competency_of(x, "b")["weight_share"]), round6(100.0 / 6.0));
    assert_eq!(num(&competency_of(x, "c")["weight_share"]), round6(200.0 / 6.0));
    assert_eq!(num(&competency_of(x, "a")["weight"]), 3.0);
    // y has full credit everywhere (40 is past the curve's last point): 100. z has none: 0.
    assert_eq!(num(&candidate(&candidates, "y")["total"]), 100.0);
    assert_eq!(num(&candidate(&candidates, "z")["total"]), 0.0);
    for c in &candidates {
        assert!((points_sum(c) - num(&c["total"])).abs() <= 1e-6, "{c:#}");
    }
}

#[test]
fn weight_override_changes_totals() {
    let fixture = Fixture::new();
    let run = fixture.score(&three_competencies(), THREE_CSV, &["--format", "json", "--weight", "b=5"]);
    let candidates = run.json();
    let x = candidate(&candidates, "x");
    // ΣW = 3 + 5 + 2 = 10; total = (3 × 66.666667 + 5 × 37.5 + 2 × 25) / 10 = (200 + 187.5 + 50) / 10.
    assert_eq!(num(&x["total"]), 43.75);
    assert_eq!(num(&competency_of(x, "b")["weight"]), 5.0);
    assert_eq!(num(&competency_of(x, "b")["weight_share"]), 50.0);
    // b2 = 100 × 5/10 × 3/4 × 0.5 = 18.75.
    assert_eq!(num(&criterion_of(x, "b2")["points"]), 18.75);
    assert!((points_sum(x) - 43.75).abs() <= 1e-6);
}

#[test]
fn weight_override_of_an_unknown_competency_is_a_usage_error() {
    let fixture = Fixture::new();
    let run = fixture.score(&three_competencies(), THREE_CSV, &["--format", "json", "--weight", "oekonomi=3"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("oekonomi"), "{}", run.stderr);
}

#[test]
fn points_add_up_to_the_total_on_a_generated_file() {
    // 200 rows with pseudo-random values for every kind; points must sum to the total each time.
    let mut csv = String::from("id,name,cv,years,leder,sektor,budget_mio\n");
    let words = ["budget", "regnskab", "drift", "ledelse", "økonomi"];
    let flags = ["ja", "nej", "", "x"];
    let sectors = ["kommune", "region", "privat", ""];
    let mut state: u64 = 7;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    for i in 0..200 {
        let text: Vec<&str> = (0..4).map(|_| words[next(5) as usize]).collect();
        csv.push_str(&format!(
            "r{i},N{i},{},{}.{},{},{},{}\n",
            text.join(" "),
            next(20),
            next(10),
            flags[next(4) as usize],
            sectors[next(4) as usize],
            next(30)
        ));
    }
    let candidates = Fixture::new().score_json(&three_competencies(), csv);
    assert_eq!(candidates.len(), 200);
    // The points add up to within 1e-9 before rounding; each of the 5 printed points and the printed
    // total is then off by at most 0.5e-6, so their sums can differ by up to 6 × 0.5e-6 = 3e-6
    // (e.g. 33.333333 + 16.666667 + 4.166667 + 31.666667 = 85.833334 against a total of 85.833333).
    for c in &candidates {
        assert!((points_sum(c) - num(&c["total"])).abs() <= 3e-6 + 1e-9, "{c:#}");
    }
}

/// One number criterion with curve [[0, 0], [100, 1]], so total = the `pts` value.
fn points_rubric(requirement: &str) -> String {
    rubric(
        &(competency("c", 1.0)
            + &criterion("k", 1.0, "kind = \"number\"\nfield = \"pts\"\ncurve = [[0, 0], [100, 1]]")
            + requirement),
    )
}

fn ranks(candidates: &[Value]) -> Vec<(String, u64, bool)> {
    candidates
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c["rank"].as_u64().unwrap(), c["tied"].as_bool().unwrap()))
        .collect()
}

const TIES_CSV: &str = "id,name,pts\nb,B,50\nc,C,10\na,A,50\nd,D,90\n";

#[test]
fn ties_share_a_rank() {
    let candidates = Fixture::new().score_json(&points_rubric(""), TIES_CSV);
    // Totals d 90, a 50, b 50, c 10: ranks 1, 2, 2, 4; a before b by id.
    assert_eq!(
        ranks(&candidates),
        vec![("d".into(), 1, false), ("a".into(), 2, true), ("b".into(), 2, true), ("c".into(), 4, false),]
    );
}

#[test]
fn totals_equal_after_rounding_tie() {
    // 50.0000004 and 49.9999996 both round to 50.000000; 50.000001 does not.
    let csv = "id,name,pts\nq,Q,49.9999996\np,P,50.0000004\nr,R,50.000001\n";
    let candidates = Fixture::new().score_json(&points_rubric(""), csv);
    assert_eq!(ranks(&candidates), vec![("r".into(), 1, false), ("p".into(), 2, true), ("q".into(), 2, true),]);
}

#[test]
fn csv_output_marks_ties() {
    let run = Fixture::new().score(&points_rubric(""), TIES_CSV, &["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.out(),
        "rank,tied,id,name,total,c,meets_requirements,requirements,core\n\
         1,false,d,D,90,90,true,met,\n\
         2,true,a,A,50,50,true,met,\n\
         2,true,b,B,50,50,true,met,\n\
         4,false,c,C,10,10,true,met,\n"
    );
}

#[test]
fn top_includes_everyone_tied_with_the_nth() {
    let fixture = Fixture::new();
    let rubric = points_rubric("");
    let ids = |n: &str| -> Vec<String> {
        fixture
            .score(&rubric, TIES_CSV, &["--format", "json", "--top", n])
            .json()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    // The 2nd is a, tied with b at rank 2: --top 2 shows d, a, b.
    assert_eq!(ids("1"), vec!["d"]);
    assert_eq!(ids("2"), vec!["d", "a", "b"]);
    assert_eq!(ids("3"), vec!["d", "a", "b"]);
    assert_eq!(ids("4"), vec!["d", "a", "b", "c"]);
    assert_eq!(ids("10"), vec!["d", "a", "b", "c"]);
}

#[test]
fn failing_a_requirement_ranks_after_everyone_who_meets_them() {
    let requirement =
        "[[requirement]]\nid = \"aut\"\nlabel = \"Autorisation\"\nkind = \"flag\"\nfield = \"autorisation\"\n\n";
    let csv = "id,name,pts,autorisation\n\
               p,P,90,nej\n\
               q,Q,40,ja\n\
               r,R,40,nej\n\
               s,S,30,ja\n";
    let candidates = Fixture::new().score_json(&points_rubric(requirement), csv);
    // Those who meet it (q 40, s 30) first; then p 90 and r 40. q and r share a total but not a
    // group, so they do not tie.
    assert_eq!(
        ranks(&candidates),
        vec![("q".into(), 1, false), ("s".into(), 2, false), ("p".into(), 3, false), ("r".into(), 4, false),]
    );
    let p = candidate(&candidates, "p");
    assert_eq!(p["meets_requirements"], false);
    assert_eq!(num(&p["total"]), 90.0);
    assert_eq!(p["requirements"][0]["id"], "aut");
    assert_eq!(p["requirements"][0]["passed"], false);
    assert_eq!(num(&p["requirements"][0]["credit"]), 0.0);
    // Requirements add no points: the total is still the one criterion.
    assert_eq!(num(&candidate(&candidates, "q")["total"]), 40.0);
    assert_eq!(candidate(&candidates, "q")["meets_requirements"], true);
}

#[test]
fn requirement_at_least_is_a_credit_threshold() {
    let requirement = "[[requirement]]\nid = \"erf\"\nlabel = \"Erfaring\"\nkind = \"terms\"\n\
                       terms = [\"budget\", \"byråd\"]\nneed = 2\nfields = [\"cv\"]\nat_least = 0.5\n\n";
    let csv = "id,name,pts,cv\nhalf,H,10,budget\nnone,N,90,intet\nnever,V,95,Jeg har aldrig haft budget.\n";
    let candidates = Fixture::new().score_json(&points_rubric(requirement), csv);
    // half: 1 of need 2 → credit 0.5 ≥ 0.5, met. none: 0 < 0.5 and silent → not documented, which
    // does not move it (90 before 10). never: its only occurrence is denied → not met, ranked last
    // despite 95.
    assert_eq!(
        ranks(&candidates),
        vec![("none".into(), 1, false), ("half".into(), 2, false), ("never".into(), 3, false)]
    );
    assert_eq!(num(&candidate(&candidates, "half")["requirements"][0]["credit"]), 0.5);
    assert_eq!(candidate(&candidates, "half")["requirements"][0]["passed"], true);
    assert_eq!(candidate(&candidates, "half")["requirements"][0]["status"], "met");
    assert_eq!(candidate(&candidates, "none")["requirements"][0]["status"], "not_documented");
    assert_eq!(candidate(&candidates, "none")["meets_requirements"], false);
    assert_eq!(candidate(&candidates, "never")["requirements"][0]["status"], "not_met");
    assert_eq!(candidate(&candidates, "never")["requirements_status"], "not_met");
}
