//! The matching rules of docs/rubric-format.md §8 that read context (issue 11), each in Danish and
//! English, through the real binary: denial and aspiration in their clause (with the negation after
//! the term, "ikke blot … men også", and a denial in one clause with experience in the next), lists
//! and the cap on criteria per sentence, compound heads, suspended hyphens, exclusions and synonym
//! sets. Expected points are worked out in the comments.

mod common;

use common::{Fixture, competency, criterion, criterion_of, num, rubric};
use serde_json::Value;

/// Five criteria of weight 1 in one competency: a criterion's full credit is worth
/// 100 · 1/1 · 1/5 = 20 points.
fn five_criteria() -> String {
    let terms = |list: &str| format!("kind = \"terms\"\nterms = [{list}]");
    rubric(
        &(competency("c", 1.0)
            + &criterion("budget", 1.0, &terms(r#""budgetansvar*", "budget responsibility""#))
            + &criterion("politik", 1.0, &terms(r#""byråd*", "city council", "*udvalg", "børneudvalg*""#))
            + &criterion("digital", 1.0, &terms(r#""digitali*", "digital transformation""#))
            + &criterion("hr", 1.0, &terms(r#""HR""#))
            + &criterion("strategi", 1.0, &terms(r#""strategi*""#))),
    )
}

/// Scores `rows` (id, text of the one text column `cv`) and returns the candidates by id.
fn score(rubric: &str, rows: &[(&str, &str)]) -> Vec<Value> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "name", "cv"]).expect("header");
    for (id, text) in rows {
        writer.write_record([id, "N", text]).expect("row");
    }
    let csv = writer.into_inner().expect("csv");
    Fixture::new().score_json(rubric, csv)
}

fn of<'a>(candidates: &'a [Value], id: &str) -> &'a Value {
    common::candidate(candidates, id)
}

/// A criterion's credit and the status of its first evidence (or "none").
fn status(candidate: &Value, criterion: &str) -> (f64, String) {
    let k = criterion_of(candidate, criterion);
    let first = k["evidence"].get(0).map_or("none".to_string(), |e| e["status"].as_str().unwrap_or("").to_string());
    (num(&k["credit"]), first)
}

#[test]
fn denial_earns_nothing_before_or_after_the_term_in_danish_and_english() {
    let c = score(
        &five_criteria(),
        &[
            ("after", "Budgetansvar har jeg ikke haft."),
            ("before", "Jeg har aldrig haft budgetansvar."),
            ("none", "Erfaring med budgetansvar: ingen."),
            ("lacking", "Erfaring med budgetansvar mangler jeg."),
            ("en", "I have never had budget responsibility."),
            ("en_after", "Budget responsibility is not part of my role."),
            ("en_contraction", "I haven't had budget responsibility."),
        ],
    );
    for id in ["after", "before", "none", "lacking", "en", "en_after", "en_contraction"] {
        // Denied: credit 0, so total 0; the evidence says why.
        assert_eq!(status(of(&c, id), "budget"), (0.0, "denied".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    let reason = &criterion_of(of(&c, "after"), "budget")["evidence"][0]["reason"];
    assert_eq!(reason, "ikke");
    assert_eq!(criterion_of(of(&c, "en_contraction"), "budget")["evidence"][0]["reason"], "haven't");
}

#[test]
fn not_only_but_also_and_a_denial_in_another_clause_keep_the_experience() {
    let c = score(
        &five_criteria(),
        &[
            ("ikke_blot", "Jeg har ikke blot haft budgetansvar, men også ansvar for HR."),
            ("not_only", "I have not only had budget responsibility but also HR."),
            ("men", "Jeg har ikke arbejdet i staten, men jeg har haft budgetansvar i kommunen."),
            ("semicolon", "I have never worked for the state; I have had budget responsibility in a municipality."),
            ("og_har", "Jeg har aldrig arbejdet med HR og har haft budgetansvar i ti år."),
            ("dog", "Jeg har haft budgetansvar i ti år, dog ikke for HR."),
            ("comma_not", "I have had budget responsibility for ten years, not HR."),
        ],
    );
    // ", dog ikke …" and ", not …" deny only what follows: budget found, HR denied, 20.
    for id in ["dog", "comma_not"] {
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(status(of(&c, id), "hr"), (0.0, "denied".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
    // "ikke blot" and "not only" are exceptions: budget and HR found, 20 + 20 = 40.
    for id in ["ikke_blot", "not_only"] {
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(status(of(&c, id), "hr"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 40.0, "{id}");
    }
    // The denial stays in its clause ("men …", "; …"): budget found, 20.
    for id in ["men", "semicolon"] {
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
    // "og har" (a coordinator before an auxiliary) starts a clause: HR denied, budget found: 20.
    assert_eq!(status(of(&c, "og_har"), "hr"), (0.0, "denied".to_string()));
    assert_eq!(status(of(&c, "og_har"), "budget"), (1.0, "found".to_string()));
    assert_eq!(num(&of(&c, "og_har")["total"]), 20.0);
}

#[test]
fn a_concession_before_the_main_clause_denies_only_itself_with_or_without_a_comma() {
    let c = score(
        &five_criteria(),
        &[
            ("uden_at", "Uden at have været direktør har jeg haft budgetansvar i ti år."),
            ("selv_om", "Selv om jeg ikke var chef har jeg haft budgetansvar i ti år."),
            ("without", "Without a formal title I have had budget responsibility for ten years."),
            ("although", "Although I never had a title I had budget responsibility for ten years."),
            ("uden_budget", "Uden budgetansvar har jeg ledet HR i ti år."),
            ("uden_at_jeg", "Uden at jeg har haft budgetansvar har jeg ledet HR i ti år."),
            ("without_budget", "Without budget responsibility I have led HR for ten years."),
        ],
    );
    // The concession ends at the main clause ("har jeg", "I have"): its denial does not reach
    // the budget there. Budget found: 1 · 20 = 20 points.
    for id in ["uden_at", "selv_om", "without", "although"] {
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
    // A term inside the concession is still denied ("uden budgetansvar", and "uden at jeg …",
    // whose "jeg" follows a conjunction, so it is the concession's own subject); the main clause's
    // HR is found: 0 + 20 = 20 points.
    for id in ["uden_budget", "uden_at_jeg", "without_budget"] {
        assert_eq!(status(of(&c, id), "budget"), (0.0, "denied".to_string()), "{id}");
        assert_eq!(status(of(&c, id), "hr"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
}

#[test]
fn aspiration_and_second_hand_knowledge_earn_nothing_unless_experience_is_claimed() {
    let c = score(
        &five_criteria(),
        &[
            ("vil_gerne", "Jeg vil gerne lære mere om digitalisering."),
            ("inverted", "Digitalisering vil jeg meget gerne arbejde med."),
            ("kurser", "Digitalisering kender jeg kun fra kurser."),
            ("en", "I would like to work with the city council."),
            ("read", "I have read about digital transformation."),
            ("claim", "Jeg vil gerne bruge min erfaring med digitalisering."),
        ],
    );
    assert_eq!(status(of(&c, "vil_gerne"), "digital"), (0.0, "aspiration".to_string()));
    assert_eq!(status(of(&c, "inverted"), "digital"), (0.0, "aspiration".to_string()));
    assert_eq!(status(of(&c, "kurser"), "digital"), (0.0, "aspiration".to_string()));
    assert_eq!(status(of(&c, "en"), "politik"), (0.0, "aspiration".to_string()));
    assert_eq!(status(of(&c, "read"), "digital"), (0.0, "aspiration".to_string()));
    // "min erfaring" claims experience: found, 20 points.
    assert_eq!(status(of(&c, "claim"), "digital"), (1.0, "found".to_string()));
    assert_eq!(num(&of(&c, "claim")["total"]), 20.0);
}

#[test]
fn a_list_line_counts_less_than_the_same_terms_in_sentences() {
    let c = score(
        &five_criteria(),
        &[
            // 16 words, so not a fact cell; "Nøgleord:" starts a list.
            (
                "list",
                "Jeg planlægger vagter for et team på seks. Nøgleord: budgetansvar, byråd, digitalisering, HR, strategi.",
            ),
            ("bare", "Jeg planlægger vagter for et team på seks.\nBudgetansvar, byråd, digitalisering, HR, strategi."),
            ("en", "I plan shifts for a team of six people. Skills: budget responsibility, city council, HR."),
            (
                "headings",
                "I plan shifts for a team of six people.\nBudget responsibility.\nCity council.\nDigital transformation.",
            ),
            ("claims", "Jeg planlægger vagter for et team på seks. Budgetansvar: ja. HR: ja. Strategi: ja."),
            (
                "sentences",
                "Jeg har budgetansvar. Jeg betjener byrådet. Jeg leder digitaliseringen. Jeg har ansvar for HR. \
                 Jeg skriver kommunens strategi.",
            ),
        ],
    );
    // Listed terms alone: credit 0.25 · min(1, 1/1) = 0.25 each, 20 · 0.25 = 5 points; five: 25.
    for id in ["list", "bare"] {
        for k in ["budget", "politik", "digital", "hr", "strategi"] {
            assert_eq!(status(of(&c, id), k), (0.25, "listed".to_string()), "{id} {k}");
        }
        assert_eq!(num(&of(&c, id)["total"]), 25.0, "{id}");
    }
    // English: three listed criteria, 3 · 5 = 15; headings of one term each, 3 · 5 = 15.
    assert_eq!(num(&of(&c, "en")["total"]), 15.0);
    assert_eq!(num(&of(&c, "headings")["total"]), 15.0);
    assert_eq!(
        criterion_of(of(&c, "headings"), "budget")["evidence"][0]["reason"],
        "a list: rubric terms are most of the sentence"
    );
    // Form lines ("Budgetansvar: ja.": at most 3 words, a colon inside) are listed too: 3 · 5 = 15.
    assert_eq!(num(&of(&c, "claims")["total"]), 15.0);
    // The same five terms in sentences: found, 5 · 20 = 100.
    assert_eq!(num(&of(&c, "sentences")["total"]), 100.0);
}

#[test]
fn sentences_that_repeat_one_frame_around_rubric_terms_are_a_list() {
    let c = score(
        &five_criteria(),
        &[
            (
                "da",
                "Jeg arbejder med budgetansvar. Jeg arbejder med byrådet. Jeg arbejder med digitalisering. \
                 Jeg arbejder med HR. Jeg arbejder med strategi.",
            ),
            (
                "en",
                "I have experience with budget responsibility. I have experience with HR. \
                 I have experience with digital transformation.",
            ),
            ("two", "Jeg arbejder med budgetansvar i en stor kommune. Jeg arbejder med HR. Jeg arbejder med HR."),
            (
                "details",
                "Jeg arbejder med budgetansvar for 400 mio. kr. Jeg arbejder med HR i tre forvaltninger. \
                 Jeg arbejder med strategi for hele kommunen.",
            ),
        ],
    );
    // Five sentences share the frame "jeg arbejder med": each term listed, 0.25 · 20 = 5 points,
    // five criteria: 25 (not 100).
    for k in ["budget", "politik", "digital", "hr", "strategi"] {
        assert_eq!(status(of(&c, "da"), k), (0.25, "listed".to_string()), "{k}");
    }
    assert_eq!(num(&of(&c, "da")["total"]), 25.0);
    let reason = criterion_of(of(&c, "da"), "budget")["evidence"][0]["reason"].as_str().unwrap_or("").to_string();
    assert!(reason.starts_with("a list written as sentences"), "{reason}");
    // English, three sentences with the frame "i have experience with": 3 · 5 = 15.
    assert_eq!(num(&of(&c, "en")["total"]), 15.0);
    // Three sentences, but only two share a frame ("jeg arbejder med" + HR twice; the first has
    // "i en stor kommune" too): budget and HR found, 2 · 20 = 40.
    assert_eq!(status(of(&c, "two"), "hr"), (1.0, "found".to_string()));
    assert_eq!(num(&of(&c, "two")["total"]), 40.0);
    // The same opening with details of its own is described experience: 3 · 20 = 60.
    assert_eq!(num(&of(&c, "details")["total"]), 60.0);
}

#[test]
fn one_sentence_gives_full_credit_to_at_most_four_criteria() {
    let c = score(
        &five_criteria(),
        &[(
            "one",
            "Jeg har budgetansvar, betjener byrådet og står for digitalisering, HR og strategi i en stor kommune.",
        )],
    );
    // 16 words, 5 covered: not a list. The criteria in the order of their first word: budget,
    // politik, digital, hr get full credit (4 · 20 = 80); strategi, the fifth, is listed: 20 · 0.25
    // = 5. Total 85.
    let one = of(&c, "one");
    assert_eq!(status(one, "strategi"), (0.25, "listed".to_string()));
    assert_eq!(status(one, "hr"), (1.0, "found".to_string()));
    assert_eq!(num(&one["total"]), 85.0);
}

#[test]
fn compound_heads_and_suspended_hyphens() {
    let c = score(
        &five_criteria(),
        &[
            ("head", "Jeg betjener økonomiudvalget hver måned."),
            ("participle", "Jeg har ledet de udvalgte projekter."),
            ("suspended", "Jeg har betjent børne- og ungeområdet i to år."),
            ("suspended_committee", "Jeg har betjent børne- og skoleudvalget i to år."),
        ],
    );
    let head = &criterion_of(of(&c, "head"), "politik")["evidence"][0];
    assert_eq!(
        (head["term"].as_str(), head["kind"].as_str(), head["text"].as_str()),
        (Some("*udvalg"), Some("head"), Some("økonomiudvalget"))
    );
    // "udvalgte" (selected) shares the stem but is not the head: nothing, total 0.
    assert_eq!(num(&of(&c, "participle")["total"]), 0.0);
    // "børne- og ungeområdet" holds no udvalg: nothing for "børneudvalg*" (0).
    assert_eq!(num(&of(&c, "suspended")["total"]), 0.0);
    // "børne- og skoleudvalget" reads "børneudvalget og skoleudvalget": "*udvalg" finds
    // "skoleudvalget" (head) and "børneudvalg*" finds "børne-" completed (prefix); the criterion
    // needs 1, so credit 1, 20 points. The strongest occurrence is the prefix reading.
    let politik = criterion_of(of(&c, "suspended_committee"), "politik");
    assert_eq!(num(&politik["credit"]), 1.0);
    let terms: Vec<(&str, &str)> = politik["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["term"].as_str().unwrap(), e["text"].as_str().unwrap()))
        .collect();
    assert_eq!(terms, vec![("*udvalg", "skoleudvalget"), ("børneudvalg*", "børne- og skoleudvalget")]);
}

#[test]
fn excluded_contexts_earn_nothing_and_a_real_occurrence_still_counts() {
    let rubric = rubric(
        &(competency("c", 1.0)
            + &criterion("social", 1.0, "kind = \"terms\"\nterms = [{ term = \"handicap*\", exclude = [\"golf*\"] }]")
            + &criterion(
                "skole",
                1.0,
                "kind = \"terms\"\nterms = [{ term = \"school*\", exclude = [\"business school\"] }, \"skole*\"]\n\
                 exclude = [\"mine børn\", \"my children\"]",
            )),
    );
    let c = score(
        &rubric,
        &[
            ("golf", "Jeg spiller golf (handicap 14)."),
            ("both", "Jeg har ledet handicapområdet i seks år. I fritiden spiller jeg golf."),
            ("cbs", "I hold an MBA from Copenhagen Business School."),
            ("schools", "I have led three schools and hold an MBA from Copenhagen Business School."),
            ("kids", "Mine børn går i folkeskole, og jeg sidder i skolebestyrelsen."),
            ("kids_en", "My children attend the local school."),
        ],
    );
    // Each criterion is worth 100 · 1/2 = 50 points.
    assert_eq!(status(of(&c, "golf"), "social"), (0.0, "excluded".to_string()));
    assert_eq!(criterion_of(of(&c, "golf"), "social")["evidence"][0]["reason"], "golf*");
    // "golf" is in another sentence: handicapområdet found, 50.
    assert_eq!(num(&of(&c, "both")["total"]), 50.0);
    assert_eq!(status(of(&c, "cbs"), "skole"), (0.0, "excluded".to_string()));
    // "business school" rules out only the "School" it overlaps: "schools" found, 50.
    assert_eq!(status(of(&c, "schools"), "skole"), (1.0, "found".to_string()));
    assert_eq!(num(&of(&c, "schools")["total"]), 50.0);
    // The criterion's own exclusion ("mine børn", "my children") is a context for all its terms.
    assert_eq!(status(of(&c, "kids"), "skole"), (0.0, "excluded".to_string()));
    assert_eq!(status(of(&c, "kids_en"), "skole"), (0.0, "excluded".to_string()));
}

#[test]
fn a_synonym_set_counts_once_and_names_the_member_that_matched() {
    let rubric = rubric(
        &("[[synonym]]\nname = \"budget_plain\"\ndescription = \"Budgetansvar\"\n\
           terms = [\"budgetansvar*\", \"økonomiske ansvar\", \"ansvar … budget*\"]\n\n"
            .to_string()
            + &competency("c", 1.0)
            + &criterion("budget", 1.0, "kind = \"terms\"\nterms = [\"@budget_plain\", \"regnskab*\"]\nneed = 2")),
    );
    let c = score(
        &rubric,
        &[
            ("plain", "Jeg har det økonomiske ansvar for et budget på 700 mio. kr."),
            ("both", "Jeg har budgetansvar og det økonomiske ansvar for regnskabet."),
            ("en", "Ansvaret for budgettet er mit."),
        ],
    );
    // need 2: the set alone is one term, 1/2 = 0.5, so 100 · 0.5 = 50 points.
    let plain = &criterion_of(of(&c, "plain"), "budget")["evidence"][0];
    assert_eq!(plain["status"], "synonym");
    assert_eq!(plain["term"], "@budget_plain");
    // Two members match ("økonomiske ansvar" exact, "ansvar … budget*" prefix); the exact one is stronger.
    assert_eq!(plain["member"], "økonomiske ansvar");
    assert_eq!(num(&of(&c, "plain")["total"]), 50.0);
    // Two members of the set still count once; with "regnskab*" that is 2 of 2: 100.
    assert_eq!(num(&of(&c, "both")["total"]), 100.0);
    // "ansvar … budget*": both parts in one sentence within 5 words, either order: 50.
    assert_eq!(criterion_of(of(&c, "en"), "budget")["evidence"][0]["member"], "ansvar … budget*");
    assert_eq!(num(&of(&c, "en")["total"]), 50.0);
}

#[test]
fn quotes_are_the_whole_sentence_and_the_strongest_occurrence() {
    let c = score(
        &five_criteria(),
        &[(
            "q",
            "Nøgleord: HR, budget. Budgetansvar har jeg ikke haft i staten. I kommunen har jeg haft budgetansvar i otte år.",
        )],
    );
    // Three occurrences of "budgetansvar*": none in the list; one denied; one found. The found one
    // is quoted, as its whole sentence.
    let e = &criterion_of(of(&c, "q"), "budget")["evidence"][0];
    assert_eq!(e["status"], "found");
    assert_eq!(e["snippet"], "I kommunen har jeg haft budgetansvar i otte år.");
    // HR occurs only in the list line: listed, quoted whole.
    let hr = &criterion_of(of(&c, "q"), "hr")["evidence"][0];
    assert_eq!((hr["status"].as_str(), hr["snippet"].as_str()), (Some("listed"), Some("Nøgleord: HR, budget.")));
}

#[test]
fn explain_shows_every_status_with_its_reason() {
    let fixture = Fixture::new();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "name", "cv"]).unwrap();
    writer
        .write_record([
            "1",
            "N",
            "Budgetansvar har jeg ikke haft. Jeg vil gerne arbejde med digitalisering. Jeg planlægger vagter \
             for et team på seks. Nøgleord: HR, strategi.",
        ])
        .unwrap();
    let run = fixture.score(&five_criteria(), writer.into_inner().unwrap(), &["--explain"]);
    let out = run.out();
    assert!(
        out.contains(r#"denied "budgetansvar*" as "Budgetansvar" in cv (exact; denied by "ikke"): "Budgetansvar har jeg ikke haft.""#),
        "{out}"
    );
    assert!(
        out.contains(
            r#"aspiration "digitali*" as "digitalisering" in cv (prefix; not own experience: "Jeg vil gerne")"#
        ),
        "{out}"
    );
    assert!(out.contains(r#"listed "HR" as "HR" in cv (exact; a list line): "Nøgleord: HR, strategi.""#), "{out}");
    // The tally: HR is listed, none found, need 1.
    assert!(out.contains("- hr [terms]: credit 0.25, points 5 (0 found, 1 listed, need 1)"), "{out}");
}

#[test]
fn a_fragment_is_denied_by_the_clause_after_it_in_danish_and_english() {
    let c = score(
        &five_criteria(),
        &[
            ("dash", "Budgetansvar – det har jeg ikke haft."),
            ("comma", "Budgetansvar, det har jeg aldrig haft."),
            ("question", "Budgetansvar? Nej."),
            ("question_det", "Budgetansvar? Det har jeg ikke prøvet."),
            ("en_dash", "Budget responsibility - that I have never had."),
            ("en_question", "Budget responsibility? No."),
            // Not a fragment: the clause before has a first-person word, or more than four words.
            ("own", "Jeg har haft budgetansvar, det har aldrig været et problem."),
            ("long", "Budgetansvar for et stort område i ti år – det har jeg ikke glemt."),
            // A statement, not a question: the next sentence's denial stays there.
            ("statement", "Budgetansvar i ti år. Det var ikke let."),
            // "ikke noget nyt" is an exception: nothing is denied.
            ("nyt", "Budgetansvar – det er ikke noget nyt for mig."),
        ],
    );
    for id in ["dash", "comma", "question", "question_det", "en_dash", "en_question"] {
        // Denied: credit 0, total 0; the reason is the follow-up's negation.
        assert_eq!(status(of(&c, id), "budget"), (0.0, "denied".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    assert_eq!(criterion_of(of(&c, "question"), "budget")["evidence"][0]["reason"], "Nej");
    for id in ["own", "long", "statement", "nyt"] {
        // Found: the one budget criterion, 1 · 20 = 20.
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
}

#[test]
fn someone_elses_work_is_second_hand_unless_the_applicant_is_in_the_clause() {
    let c = score(
        &five_criteria(),
        &[
            ("chef", "Min chef har budgetansvaret."),
            ("manager", "My manager briefed the city council every month."),
            // With a first-person word (as written: "I", "jeg") the clause is the applicant's own.
            ("together", "Sammen med min chef har jeg budgetansvaret."),
            ("and_i", "My manager and I briefed the city council every month."),
            // The Danish preposition "i" is no first-person word: still second-hand.
            ("i_kommunen", "Min chef har budgetansvaret i kommunen."),
        ],
    );
    for (id, criterion) in [("chef", "budget"), ("manager", "politik"), ("i_kommunen", "budget")] {
        // Second-hand reads as an aspiration: credit 0, total 0.
        assert_eq!(status(of(&c, id), criterion), (0.0, "aspiration".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    assert_eq!(criterion_of(of(&c, "chef"), "budget")["evidence"][0]["reason"], "Min chef");
    for (id, criterion) in [("together", "budget"), ("and_i", "politik")] {
        // Found: 1 · 20 = 20.
        assert_eq!(status(of(&c, id), criterion), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
}

#[test]
fn a_title_that_opens_its_clause_is_someone_else_and_elsewhere_the_applicants_work() {
    let c = score(
        &five_criteria(),
        &[
            ("direktoeren", "Direktøren har budgetansvaret i forvaltningen."),
            ("mayor", "The mayor chaired the city council for ten years."),
            // The title as the object of the applicant's own work, or with the applicant in it.
            ("betjener", "Jeg betjener borgmesteren og byrådet hver uge."),
            ("advised", "I advised the mayor and the city council every week."),
            ("og_jeg", "Direktøren og jeg har budgetansvaret i forvaltningen."),
        ],
    );
    // Second-hand, read as an aspiration: credit 0, total 0.
    for (id, criterion) in [("direktoeren", "budget"), ("mayor", "politik")] {
        assert_eq!(status(of(&c, id), criterion), (0.0, "aspiration".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    assert_eq!(criterion_of(of(&c, "direktoeren"), "budget")["evidence"][0]["reason"], "Direktøren");
    // The applicant's own: found, 1 · 20 = 20.
    for (id, criterion) in [("betjener", "politik"), ("advised", "politik"), ("og_jeg", "budget")] {
        assert_eq!(status(of(&c, id), criterion), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
}

#[test]
fn goals_pledges_courses_and_a_denied_failure_read_as_a_careful_recruiter_would() {
    let c = score(
        &five_criteria(),
        &[
            ("maal", "Mit mål er at styrke digitaliseringen."),
            ("hvis", "Hvis jeg får stillingen, vil jeg sætte digitalisering på dagsordenen."),
            ("naeste", "I mit næste job vil jeg arbejde med digitalisering."),
            ("kursus", "Jeg har fulgt et kursus i digitalisering."),
            ("en_goal", "My goal is a digital transformation of the administration."),
            ("en_will", "As director I will lead the digital transformation."),
            ("en_course", "I attended a course in digital transformation."),
            // A denied failure is experience: the negation is an exception.
            ("aldrig", "Jeg har aldrig overskredet budgetansvaret."),
            ("never", "I have never exceeded my budget responsibility."),
        ],
    );
    for id in ["maal", "hvis", "naeste", "kursus", "en_goal", "en_will", "en_course"] {
        // An aspiration: credit 0, total 0.
        assert_eq!(status(of(&c, id), "digital"), (0.0, "aspiration".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    for id in ["aldrig", "never"] {
        // Found: 1 · 20 = 20.
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
}

#[test]
fn little_or_no_experience_and_outside_my_field_deny_while_outside_the_municipality_does_not() {
    let c = score(
        &five_criteria(),
        &[
            ("begraenset", "Budgetansvar har jeg begrænset erfaring med."),
            ("nul", "Jeg har 0 års erfaring med budgetansvar."),
            ("uden_for", "Budgetansvar ligger uden for mit erfaringsområde."),
            ("yet", "I have yet to take on budget responsibility."),
            ("limited", "I have limited experience with budget responsibility."),
            ("outside", "Budget responsibility is outside my field."),
            // "uden for" alone is an exception, not a negation.
            ("kommunen", "Jeg har haft budgetansvar uden for kommunen."),
        ],
    );
    for id in ["begraenset", "nul", "uden_for", "yet", "limited", "outside"] {
        // Denied: credit 0, total 0.
        assert_eq!(status(of(&c, id), "budget"), (0.0, "denied".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    // Found: 1 · 20 = 20.
    assert_eq!(status(of(&c, "kommunen"), "budget"), (1.0, "found".to_string()));
    assert_eq!(num(&of(&c, "kommunen")["total"]), 20.0);
}

#[test]
fn cover_letter_framing_the_job_ad_and_a_subordinate_clause_first_are_read_as_a_recruiter_would() {
    let c = score(
        &five_criteria(),
        &[
            // Framing that introduces experience is a claim, not a wish: found.
            ("fremhaeve", "Jeg vil gerne fremhæve mit budgetansvar for 2,1 mia. kr."),
            ("highlight", "I would like to highlight my budget responsibility for a large council."),
            ("frem_til", "Jeg har haft budgetansvar og ser frem til at bruge det."),
            // A subordinate clause first, then the main clause after a comma and an auxiliary.
            ("selvom", "Selvom jeg ikke har været direktør, har jeg haft budgetansvar i syv år."),
            // The job advertisement's words are the employer's: second-hand.
            ("i_soeger", "I søger en direktør med budgetansvar."),
            ("you_seek", "You are looking for a director with budget responsibility."),
            // A limitation after the term denies it.
            ("begraenset", "Min erfaring med budgetansvar er begrænset."),
            // A question that names the applicant, answered no.
            ("har_jeg", "Har jeg haft budgetansvar? Nej, ikke formelt."),
        ],
    );
    for id in ["fremhaeve", "highlight", "frem_til", "selvom"] {
        // Found: 1 · 20 = 20.
        assert_eq!(status(of(&c, id), "budget"), (1.0, "found".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 20.0, "{id}");
    }
    for id in ["i_soeger", "you_seek"] {
        assert_eq!(status(of(&c, id), "budget"), (0.0, "aspiration".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
    for id in ["begraenset", "har_jeg"] {
        assert_eq!(status(of(&c, id), "budget"), (0.0, "denied".to_string()), "{id}");
        assert_eq!(num(&of(&c, id)["total"]), 0.0, "{id}");
    }
}
