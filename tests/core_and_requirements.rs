//! Issue 13's engine rules (docs/rubric-format.md §5, §6, §6a, §9): the core area as a gate,
//! three-valued requirements read from the whole application, and number curves that peak. The
//! expected numbers are worked out by hand in the comments.

mod common;

use common::{Fixture, RUBRIC_HEAD, competency, criterion, line_of, rubric};
use serde_json::Value;

/// A number criterion whose credit is the value / 100 (so a competency's score is the value).
fn percent(field: &str) -> String {
    criterion("k", 1.0, &format!("kind = \"number\"\nfield = \"{field}\"\ncurve = [[0, 0], [100, 1]]"))
}

/// Three competencies: c1 (weight 3) and c2 (weight 1) are core, g (weight 4) is not; one flag
/// requirement. `[core] min_score = 50`.
fn gated_rubric() -> String {
    let core = |id: &str, weight: f64, field: &str| {
        competency(id, weight).replacen("source = \"s\"\n", "source = \"s\"\ncore = true\n", 1) + &percent(field)
    };
    rubric(&format!(
        "[core]\nmin_score = 50\n\n{}{}{}{}[[requirement]]\nid = \"aut\"\nlabel = \"Autorisation\"\nkind = \"flag\"\n\
         field = \"aut\"\n",
        core("c1", 3.0, "v1"),
        core("c2", 1.0, "v2"),
        competency("g", 4.0),
        percent("vg"),
    ))
}

const GATED_CSV: &str = "id,name,v1,v2,vg,aut\n\
                         a,A,40,80,100,ja\n\
                         b,B,30,80,100,ja\n\
                         c,C,60,60,0,ja\n\
                         d,D,100,100,100,nej\n\
                         e,E,0,0,100,\n";

fn by_id<'a>(candidates: &'a [Value], id: &str) -> &'a Value {
    candidates.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no candidate {id}"))
}

fn num(value: &Value) -> f64 {
    value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"))
}

#[test]
fn the_core_gate_places_applicants_without_the_core_area_after_those_with_it() {
    let run = Fixture::new().score(&gated_rubric(), GATED_CSV, &["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // ΣW = 3 + 1 + 4 = 8; core score = (3·v1 + 1·v2)/4; total = (3·v1 + v2 + 4·vg)/8.
    // a: core (120 + 80)/4 = 50 ≥ 50 documented; total (120 + 80 + 400)/8 = 75.
    // b: core (90 + 80)/4 = 42.5 < 50 not documented; total (90 + 80 + 400)/8 = 71.25.
    // c: core (180 + 60)/4 = 60 documented; total (180 + 60 + 0)/8 = 30.
    // d: core 100 documented, total 100, but its flag says no: requirement not met → last.
    // e: core 0 not documented; total 400/8 = 50; its flag is blank: not documented, not moved.
    // Groups: documented a 75, c 30 | core not documented b 71.25, e 50 | not met d 100.
    assert_eq!(
        run.out(),
        "rank,tied,id,name,total,c1,c2,g,meets_requirements,requirements,core\n\
         1,false,a,A,75,40,80,100,true,met,documented\n\
         2,false,c,C,30,60,60,0,true,met,documented\n\
         3,false,b,B,71.25,30,80,100,true,met,not_documented\n\
         4,false,e,E,50,0,0,100,false,not_documented,not_documented\n\
         5,false,d,D,100,100,100,100,false,not_met,documented\n"
    );
}

#[test]
fn the_core_gate_in_json_and_explain_in_english_and_danish() {
    let fixture = Fixture::new();
    let candidates = fixture.score_json(&gated_rubric(), GATED_CSV);
    let b = by_id(&candidates, "b");
    // b's core score (3·30 + 1·80)/4 = 42.5 against 50.
    assert_eq!(b["core"]["status"], "not_documented");
    assert_eq!(num(&b["core"]["score"]), 42.5);
    assert_eq!(num(&b["core"]["min_score"]), 50.0);
    assert_eq!(b["core"]["competencies"], serde_json::json!(["c1", "c2"]));
    assert_eq!(by_id(&candidates, "a")["core"]["status"], "documented");
    let e = by_id(&candidates, "e");
    assert_eq!(e["requirements_status"], "not_documented");
    assert_eq!(e["requirements"][0]["status"], "not_documented");
    assert_eq!(e["meets_requirements"], false);
    assert_eq!(by_id(&candidates, "d")["requirements"][0]["status"], "not_met");

    let out = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--explain"]).out();
    for line in [
        "#3 b B: total 71.25",
        "core area not documented / kerneområde ikke dokumenteret: core score 42.5 (c1, c2), needs 50; \
         ranked after everyone whose core area is documented",
        "core area documented / kerneområde dokumenteret: core score 50 (c1, c2), needs 50",
        "requirement Autorisation: not documented, check by hand / ikke dokumenteret – vurdér manuelt \
         (credit 0, needs 1)",
        "requirement Autorisation: NOT MET / ikke opfyldt (credit 0, needs 1)",
        "a requirement is NOT MET (ranked after everyone who has none not met)",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    // The table marks the core column too.
    let table = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "table"]).out();
    assert!(table.contains("NOT DOCUMENTED") && table.contains("check by hand"), "{table}");
}

#[test]
fn weight_overrides_move_the_core_score() {
    let fixture = Fixture::new();
    let run = fixture.score(&gated_rubric(), GATED_CSV, &["--format", "json", "--weight", "c1=1"]);
    // With c1 = 1 (ΣW = 1 + 1 + 4 = 6): b's core score = (1·30 + 1·80)/2 = 55 ≥ 50, documented;
    // total (30 + 80 + 400)/6 = 85, now in the first group, behind only a: (40 + 80 + 400)/6 = 86.666667.
    let b = by_id(&run.json(), "b").clone();
    assert_eq!(num(&b["core"]["score"]), 55.0);
    assert_eq!(b["core"]["status"], "documented");
    assert_eq!(num(&b["total"]), 85.0);
    assert_eq!(b["rank"], 2);
    // Both core weights 0 leave no core score: a usage error.
    let run = fixture.score(&gated_rubric(), GATED_CSV, &["--weight", "c1=0", "--weight", "c2=0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("all core competencies would be 0"), "{}", run.stderr);
}

fn problems(text: &str) -> String {
    match profilmatch::rubric::parse("r.toml", text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn core_without_its_table_and_a_table_without_core_are_errors_with_line_and_column() {
    let core = competency("c", 1.0).replacen("source = \"s\"\n", "source = \"s\"\ncore = true\n", 1) + &percent("v");
    let text = rubric(&core);
    let line = line_of(&text, "core = true");
    let err = problems(&text);
    assert!(
        err.contains(&format!("r.toml:{line}:1: a competency has core = true, but the rubric has no [core]")),
        "{err}"
    );

    let text = rubric(&format!("[core]\nmin_score = 50\n\n{}{}", competency("c", 1.0), percent("v")));
    let line = line_of(&text, "[core]");
    let err = problems(&text);
    assert!(err.contains(&format!("r.toml:{line}:1: [core] is given, but no competency has core = true")), "{err}");
}

#[test]
fn min_score_is_required_and_from_0_to_100() {
    let core = competency("c", 1.0).replacen("source = \"s\"\n", "source = \"s\"\ncore = true\n", 1) + &percent("v");
    let text = rubric(&format!("[core]\nmin_score = 150\n\n{core}"));
    let line = line_of(&text, "min_score");
    // `min_score = 150`: the value starts in column 13.
    let err = problems(&text);
    assert!(err.contains(&format!("r.toml:{line}:13: [core] min_score must be a number from 0 to 100")), "{err}");

    let text = rubric(&format!("[core]\n\n{core}"));
    let err = problems(&text);
    assert!(err.contains(&format!("r.toml:{}:1: [core] is missing 'min_score'", line_of(&text, "[core]"))), "{err}");

    let text = rubric(&format!("[core]\nmin_score = 50\n\n{}", core.replace("core = true", "core = \"ja\"")));
    let err = problems(&text);
    assert!(err.contains("competency 'c': core must be true or false"), "{err}");
}

#[test]
fn a_rubric_without_core_has_an_empty_core_column_and_no_core_in_json() {
    let text = rubric(&format!("{}{}", competency("c", 1.0), percent("v")));
    let fixture = Fixture::new();
    let run = fixture.score(&text, "id,name,v\nx,X,40\n", &["--format", "csv"]);
    assert_eq!(
        run.out(),
        "rank,tied,id,name,total,c,meets_requirements,requirements,core\n1,false,x,X,40,40,true,met,\n"
    );
    let candidates = fixture.score_json(&text, "id,name,v\nx,X,40\n");
    assert!(candidates[0].get("core").is_none(), "{}", candidates[0]);
    assert_eq!(candidates[0]["requirements_status"], "met");
}

/// One competency scored by `pts` (credit pts/100), and the given requirements.
fn with_requirements(requirements: &str) -> String {
    format!("{RUBRIC_HEAD}{}{}{requirements}", competency("c", 1.0), percent("pts"))
}

#[test]
fn number_choice_and_flag_requirements_are_met_not_met_or_not_documented() {
    let requirements = "[[requirement]]\nid = \"aar\"\nlabel = \"År\"\nkind = \"number\"\nfield = \"years\"\nmin = 3\n\n\
                        [[requirement]]\nid = \"sektor\"\nlabel = \"Sektor\"\nkind = \"choice\"\nfield = \"sector\"\n\
                        choices = { kommune = 1.0, privat = 0.0 }\n\n\
                        [[requirement]]\nid = \"aut\"\nlabel = \"Autorisation\"\nkind = \"flag\"\nfield = \"aut\"\n";
    // (years, sector, flag) → (number, choice, flag) statuses:
    // ja:    5 ≥ 3 met; kommune listed, credit 1 met; ja met.
    // nej:   0 < 3 stated → not met; privat listed, credit 0 < 1 → not met; nej → not met.
    // blank: all three blank → not documented.
    // odd:   "fem" is not a number; "konsulent" is not listed; "måske" neither yes nor no →
    //        not documented (each with a warning where the cell is unreadable).
    let csv = "id,name,pts,years,sector,aut\n\
               ja,J,10,5,kommune,ja\n\
               nej,N,90,0,privat,nej\n\
               blank,B,50,,,\n\
               odd,O,40,fem,konsulent,måske\n";
    let candidates = Fixture::new().score_json(&with_requirements(requirements), csv);
    let statuses = |id: &str| -> Vec<String> {
        let c = by_id(&candidates, id);
        c["requirements"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(statuses("ja"), ["met", "met", "met"]);
    assert_eq!(statuses("nej"), ["not_met", "not_met", "not_met"]);
    assert_eq!(statuses("blank"), ["not_documented", "not_documented", "not_documented"]);
    assert_eq!(statuses("odd"), ["not_documented", "not_documented", "not_documented"]);
    // Ranks: the silent ones are not moved (blank 50, odd 40, ja 10); nej (90) is last.
    let order: Vec<&str> = candidates.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(order, ["blank", "odd", "ja", "nej"]);
    let odd = by_id(&candidates, "odd");
    assert_eq!(odd["warnings"].as_array().unwrap().len(), 2, "{odd}");
    assert_eq!(odd["requirements"][1]["value"], "konsulent");
    assert_eq!(odd["requirements"][1]["note"], "'konsulent' is not one of the listed choices");
}

/// A terms requirement without `fields`: it reads every text column (title, experience, career).
fn career_rubric() -> String {
    with_requirements(
        "[[requirement]]\nid = \"direktoer\"\nlabel = \"Erfaring som kommunaldirektør\"\nkind = \"terms\"\n\
         terms = [\"kommunaldirektør\", \"chief executive\"]\n",
    )
}

#[test]
fn a_terms_requirement_reads_the_whole_career_and_only_denial_is_not_met() {
    let csv = "id,name,pts,title,experience,career\n\
               former,F,20,Konsulent,Selvstændig konsulent for kommuner.,Kommunaldirektør i Xby Kommune 2005-2016.\n\
               never,N,90,Økonomichef,Jeg har aldrig været kommunaldirektør.,\n\
               never_en,E,80,Head of finance,I have never been a chief executive.,\n\
               silent,S,30,Skoleleder,Leder af en skole med 40 ansatte.,\n\
               wish,W,10,Afdelingschef,Jeg vil gerne være kommunaldirektør.,\n";
    let candidates = Fixture::new().score_json(&career_rubric(), csv);
    let status = |id: &str| by_id(&candidates, id)["requirements"][0]["status"].as_str().unwrap().to_string();
    // former: found in the career column, not the current title → met.
    assert_eq!(status("former"), "met");
    let evidence = &by_id(&candidates, "former")["requirements"][0]["evidence"][0];
    assert_eq!(evidence["field"], "career");
    assert_eq!(evidence["status"], "found");
    // never / never_en: the only occurrence is denied ("aldrig", "never") → not met.
    assert_eq!(status("never"), "not_met");
    assert_eq!(status("never_en"), "not_met");
    assert_eq!(by_id(&candidates, "never")["requirements"][0]["evidence"][0]["status"], "denied");
    // silent: no occurrence; wish: an aspiration ("vil gerne") → not documented.
    assert_eq!(status("silent"), "not_documented");
    assert_eq!(status("wish"), "not_documented");
    // Ranks: former 20, silent 30 and wish 10 stay in the first group by total; never (90) and
    // never_en (80) are ranked after them.
    let order: Vec<&str> = candidates.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(order, ["silent", "former", "wish", "never", "never_en"]);
}

#[test]
fn a_curve_can_peak_at_the_posts_level_and_fall_off_above_it() {
    let text = format!(
        "{RUBRIC_HEAD}{}{}",
        competency("c", 1.0),
        criterion(
            "staff",
            1.0,
            "kind = \"number\"\nfield = \"staff\"\ncurve = [[0, 0], [30, 0.5], [90, 1], [300, 1], [2000, 0.4]]"
        )
    );
    let csv = "id,name,staff\ns10,A,10\ns60,B,60\ns90,C,90\ns200,D,200\ns1150,E,1150\ns5000,F,5000\n";
    let candidates = Fixture::new().score_json(&text, csv);
    let credit = |id: &str| num(&by_id(&candidates, id)["competencies"][0]["criteria"][0]["credit"]);
    // 10: 0 + 0.5·10/30 = 0.166667; 60: 0.5 + 0.5·(60 − 30)/(90 − 30) = 0.75; 90 and 200: 1;
    // 1150: 1 + (0.4 − 1)·(1150 − 300)/(2000 − 300) = 1 − 0.3 = 0.7; 5000: above the last point, 0.4.
    assert_eq!(credit("s10"), 0.166667);
    assert_eq!(credit("s60"), 0.75);
    assert_eq!(credit("s90"), 1.0);
    assert_eq!(credit("s200"), 1.0);
    assert_eq!(credit("s1150"), 0.7);
    assert_eq!(credit("s5000"), 0.4);
    // The post's level ranks first, larger organisations after it.
    let order: Vec<&str> = candidates.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(order, ["s200", "s90", "s60", "s1150", "s5000", "s10"]);
}
