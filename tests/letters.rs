//! `profilmatch letters`: one draft statement of reasons per applicant, in Danish and English, named
//! and blind; no letter names or quotes another applicant; met, not documented and not met are
//! worded differently.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";
const APPLICANTS: &str = "samples/applicants.csv";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `profilmatch letters` into `dir`; returns the letters by file name.
fn letters(rubric: &Path, applicants: &Path, dir: &Path, args: &[&str]) -> BTreeMap<String, String> {
    Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("letters")
        .arg("--rubric")
        .arg(rubric)
        .arg(applicants)
        .arg("-o")
        .arg(dir)
        .args(args)
        .assert()
        .success()
        .stderr(predicates::str::contains("draft letters"));
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The sample applicants by id: every field, and the name.
fn sample_rows() -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(root().join(APPLICANTS)).unwrap();
    let header = reader.headers().unwrap().clone();
    (header, reader.records().map(Result::unwrap).collect())
}

fn column(header: &csv::StringRecord, name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Markdown text with its escapes undone and white space collapsed.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| r"\`*_[]<>|#!~&".contains(*n)) {
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences a Markdown letter quotes (between “ and ”).
fn quotes(markdown: &str) -> Vec<String> {
    markdown.split('“').skip(1).filter_map(|q| q.split_once('”').map(|(quote, _)| plain(quote))).collect()
}

#[test]
fn every_applicant_gets_a_draft_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let files = letters(&root().join(RUBRIC), &root().join(APPLICANTS), dir.path(), &[]);
    let (header, rows) = sample_rows();
    let id = column(&header, "id");
    assert_eq!(files.len(), 2 * rows.len());
    for row in &rows {
        let md = &files[&format!("{}.md", &row[id])];
        let html = &files[&format!("{}.html", &row[id])];
        assert!(md.starts_with("> **!** UDKAST – skal læses, rettes og godkendes af en person"), "{md}");
        assert!(html.contains("UDKAST – skal læses, rettes og godkendes af en person"));
        assert!(html.contains("<html lang=\"da\">") && html.contains("script-src 'none'") && !html.contains("<script"));
        // The main considerations, in the profile's own words, and the placement.
        assert!(md.contains("## Hovedmomenter, der er lagt vægt på"));
        assert!(md.contains("*Fra stillingsprofilen:* “Tyngden for direktøren vil ligge på økonomistyringen"));
        assert!(md.contains("I screeningen blev din ansøgning placeret som nr. "));
        assert!(md.contains("forvaltningslovens § 22 og § 24") && md.contains("artikel 22"));
        assert!(md.contains("\\[Udvalgets beslutning"), "the decision is left to the committee");
    }
    // A001 is first: her own sentence is quoted with its field.
    let a001 = &files["A001.md"];
    assert!(a001.contains(&format!("som nr. 1 af {}.", rows.len())));
    assert!(a001.contains("Ledelse af ledere (fritekst) – i feltet «Erfaring» skriver du:  \n“Ledelse af ledere er kernen i mit job: jeg sætter retning og klare rammer for cheferne og giver dem et stort ledelsesrum.”"), "{a001}");
    assert!(a001.contains("Største budget (mio. kr.): du har oplyst 4850."));
}

/// Asserts that no letter in `files` names another applicant (by full name, or as "Ansøger A002")
/// and that every sentence it quotes is its own applicant's, or the job profile's; returns how
/// many applicant sentences were checked.
fn assert_no_other_applicant(files: &BTreeMap<String, String>) -> usize {
    let (header, rows) = sample_rows();
    let (id, name) = (column(&header, "id"), column(&header, "name"));
    let rubric = std::fs::read_to_string(root().join(RUBRIC)).unwrap();
    let rubric = plain(&rubric.replace("\\\"", "\""));
    let mut checked_quotes = 0;
    for row in &rows {
        let letters: Vec<&String> = files
            .iter()
            .filter(|(file, _)| file.starts_with(&format!("{}.", &row[id])))
            .map(|(_, text)| text)
            .collect();
        assert!(!letters.is_empty(), "no letter for {}", &row[id]);
        for text in &letters {
            let plain_text = plain(text);
            for other in rows.iter().filter(|o| o[id] != row[id]) {
                let forms = [other[name].to_string(), html_escape::encode_text(&other[name]).into_owned()];
                for form in &forms {
                    assert!(!text.contains(form.as_str()), "{} names {}", &row[id], &other[name]);
                }
                for label in ["Ansøger", "Applicant"] {
                    assert!(
                        !plain_text.contains(&format!("{label} {}", &other[id])),
                        "{} names {}",
                        &row[id],
                        &other[id]
                    );
                }
            }
        }
        // Every quoted sentence (in the Markdown) is the applicant's own, or the job profile's.
        let own = plain(&row.iter().collect::<Vec<_>>().join(" "));
        for text in letters.iter().filter(|t| !t.starts_with("<!DOCTYPE")) {
            for quote in quotes(text) {
                // A blind letter's own values are redacted: compare the pieces around each ▇▇▇; a
                // long sentence is cut at word boundaries with "…": compare the pieces between.
                let pieces: Vec<&str> = quote.split(['▇', '…']).map(str::trim).filter(|p| !p.is_empty()).collect();
                let profile = rubric.contains(&quote);
                assert!(
                    profile || pieces.iter().all(|p| own.contains(p)),
                    "{} quotes what is not theirs: {quote}",
                    &row[id]
                );
                checked_quotes += usize::from(!profile);
            }
        }
    }
    checked_quotes
}

#[test]
fn no_letter_names_or_quotes_another_applicant() {
    let dir = tempfile::tempdir().unwrap();
    let files = letters(&root().join(RUBRIC), &root().join(APPLICANTS), dir.path(), &["--shortlist", "6"]);
    let checked = assert_no_other_applicant(&files);
    assert!(checked > 100, "only {checked} applicant sentences were checked");
    // The shortlist is stated without naming who is on it.
    assert!(files["A001.md"].contains("Du var blandt de 6, der gik videre til udvalgets nærmere vurdering."));
    assert!(files["A048.md"].contains(
        "De 6 højest placerede gik videre til udvalgets nærmere vurdering; din ansøgning var ikke blandt dem."
    ));
}

#[test]
fn letters_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let files =
        letters(&root().join(RUBRIC), &root().join(APPLICANTS), dir.path(), &["--lang", "en", "--format", "markdown"]);
    let (_, rows) = sample_rows();
    assert_eq!(files.len(), rows.len(), "Markdown only");
    let a001 = &files["A001.md"];
    assert!(a001.starts_with("> **!** DRAFT – to be read, corrected and approved by a person before it is sent."));
    assert!(a001.contains(
        "# Reasons: your application for the position of Direktør med ansvar for økonomi, borgerservice og HR"
    ));
    assert!(a001.contains("## The main considerations") && a001.contains("Dear Mette Kjærgaard Holm"));
    assert!(a001.contains(&format!("In the screening your application was placed number 1 of {}.", rows.len())));
    for danish in ["UDKAST", "Hovedmomenter", "Kære", "fandt vi ikke"] {
        assert!(!a001.contains(danish), "{danish} in an English letter");
    }
    assert!(assert_no_other_applicant(&files) > 100);
}

#[test]
fn blind_letters_name_nobody_and_hide_contact_and_protected_values() {
    let dir = tempfile::tempdir().unwrap();
    let files = letters(&root().join(RUBRIC), &root().join(APPLICANTS), dir.path(), &["--blind"]);
    let (header, rows) = sample_rows();
    let hidden = ["name", "email", "phone"].map(|c| column(&header, c));
    let (id, name) = (column(&header, "id"), column(&header, "name"));
    for (file, text) in &files {
        for row in &rows {
            for c in hidden {
                if !row[c].is_empty() {
                    assert!(!text.contains(&row[c]), "{file} shows {}", &row[c]);
                    assert!(!text.contains(html_escape::encode_text(&row[c]).as_ref()), "{file} shows {}", &row[c]);
                }
            }
        }
        // No word of two letters or more of the applicant's own name ("Mette", "Holm", …) either,
        // even where the application itself writes it. (Another applicant's surname may be a
        // place in this one's text, such as Lund: only full names are checked for them.)
        let own = rows.iter().find(|r| file.starts_with(&format!("{}.", &r[id]))).expect("a letter per id");
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        for word in own[name].split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 2) {
            assert!(!words.contains(&word), "{file} shows {word}");
        }
        // Nor the applicant's own protected values (gender, birth year) as words.
        for c in ["gender", "birth_year"].map(|c| column(&header, c)) {
            assert!(!words.contains(&&own[c]), "{file} shows {}", &own[c]);
        }
    }
    let a001 = &files["A001.md"];
    assert!(a001.contains("| Til | Ansøger A001 |") && a001.contains("Kære ansøger"));
    assert!(assert_no_other_applicant(&files) > 100);
}

fn example_letters(dir: &Path, applicants: &str) -> BTreeMap<String, String> {
    let csv = dir.join("a.csv");
    std::fs::write(&csv, applicants).unwrap();
    letters(&root().join("docs/example/rubric.toml"), &csv, &dir.join("out"), &["--format", "markdown"])
}

#[test]
fn met_not_documented_not_met_and_unreadable_are_worded_differently() {
    let dir = tempfile::tempdir().unwrap();
    // The worked example's applicants, and E005 with a blank years_management and a budget that
    // is not a number.
    let mut applicants = std::fs::read_to_string(root().join("docs/example/applicants.csv")).unwrap();
    applicants.push_str("E005,Else Ravn,e@example.dk,K,ca. 300,,nej,kommune,Budget og byråd.\n");
    let files = example_letters(dir.path(), &applicants);
    // Requirement "Mindst 3 års ledelseserfaring" (years_management ≥ 3): Anna 8, Bo 2, Else blank.
    assert!(files["A001.md"].contains("- Mindst 3 års ledelseserfaring: opfyldt."));
    assert!(
        files["B002.md"].contains("- Mindst 3 års ledelseserfaring: ikke opfyldt. Du har oplyst 2 (År som leder).")
    );
    // Blank: the letter names the one field the requirement is read from, not "nothing found".
    assert!(files["E005.md"].contains(
        "- Mindst 3 års ledelseserfaring: ikke dokumenteret. Screeningen læser kun kravet i feltet «År som leder», som ikke er udfyldt i din ansøgning."
    ));
    // Criteria: Bo's text does not mention leadership (not found); Cecilie's sector "Privat"
    // earns 0.2 (part); Else's flag "nej" earns nothing; her budget "ca. 300" cannot be read.
    assert!(files["B002.md"].contains("I din ansøgning fandt vi ikke oplysninger om: Ledelseserfaring (fritekst)."));
    assert!(
        files["C003.md"]
            .contains("Nuværende sektor: du har oplyst Privat (feltet «Sektor»); det giver en del af de mulige point (fuldt point for kommune).")
    );
    assert!(
        files["E005.md"]
            .contains("Lederuddannelse: du har oplyst nej; det giver ikke point efter stillingsprofilens kriterier (fuldt point for ja).")
    );
    assert!(files["E005.md"].contains(
        "Største budget (mio. kr.): oplysningen «ca. 300» kunne ikke læses som et svar og indgår derfor ikke."
    ));
}

#[test]
fn a_letter_names_the_core_area_its_score_and_the_score_needed() {
    // Helsingør's core area is its two children's competencies, with [core] min_score = 40. A021,
    // a strong general director, documents too little of it, so he is placed after everyone who
    // does: his letter says which area, what he scored there and what was needed.
    let dir = tempfile::tempdir().unwrap();
    let rubric = root().join("rubrics/helsingoer-boerne-og-skoledirektoer.toml");
    let files = letters(&rubric, &root().join(APPLICANTS), dir.path(), &["--format", "markdown"]);
    let a021 = &files["A021.md"];
    assert!(a021.contains("Ansøgningen dokumenterer ikke stillingens kerneområde"), "{a021}");
    // Each core competency with his score in it, so that he sees which part fell short, and the
    // weighted average: weights 5 and 3.5, (5 × 16.67 + 3.5 × 0) / 8.5 = 83.33 / 8.5 = 9.8.
    assert!(
        a021.contains(
            "Stillingens kerneområde er Skoler, dagtilbud, fritid og idræt (16,7 point), Børn, unge og familier, \
             herunder det specialiserede børneområde (0,0 point). Din ansøgning gav 9,8 point her, "
        ),
        "{a021}"
    );
    assert!(a021.contains("og der kræves mindst 40 for at kerneområdet regnes for dokumenteret."), "{a021}");
    // An applicant who documents the core area is told nothing of the kind.
    assert!(!files["A002.md"].contains("Stillingens kerneområde er"));
}

#[test]
fn a_stated_limitation_and_a_denial_are_each_worded_as_written() {
    // Neither sentence earns a point (docs/rubric-format.md §8: both are negation cues), but a
    // letter must not tell F006, who wrote that her experience with budgets is limited, that she
    // wrote she has none, nor soften G007's "aldrig" into "limited".
    let dir = tempfile::tempdir().unwrap();
    let mut applicants = std::fs::read_to_string(root().join("docs/example/applicants.csv")).unwrap();
    applicants.push_str("F006,Frida Lund,f@example.dk,K,,5,ja,kommune,Min erfaring med budget er begrænset.\n");
    applicants.push_str("G007,Gert Dahl,g@example.dk,M,,5,ja,kommune,Jeg har aldrig haft ansvar for et budget.\n");
    let files = example_letters(dir.path(), &applicants);
    let (f006, g007) = (plain(&files["F006.md"]), plain(&files["G007.md"]));
    let limited = "Økonomistyring, budget og aftalestyring: du skriver selv i din ansøgning, at din erfaring med dette er begrænset eller indirekte. Punktet giver derfor ingen point, men der er ikke trukket point fra: “Min erfaring med budget er begrænset.”";
    let denied = "Økonomistyring, budget og aftalestyring: du skriver selv i din ansøgning, at du ikke har dette. Punktet giver derfor ingen point, men der er ikke trukket point fra: “Jeg har aldrig haft ansvar for et budget.”";
    assert!(f006.contains(limited), "{f006}");
    assert!(g007.contains(denied), "{g007}");
    assert!(!f006.contains("at du ikke har dette"), "{f006}");
    assert!(!g007.contains("begrænset"), "{g007}");
}
