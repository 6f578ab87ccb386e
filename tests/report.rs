//! `profilmatch report` on the samples and on small hostile files: the framing and wording, rounded
//! numbers, whole-sentence quotes, the sliders only where allowed, blind mode, escaping, languages,
//! group mapping and small groups, the four-fifths rule, members' ratings, reproducibility.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";
const APPLICANTS: &str = "samples/applicants.csv";
const EPOCH: &str = "1700000000"; // 2023-11-14 22:13:20 UTC

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `profilmatch report` with `args` (after `--rubric R APPLICANTS`) writing to `out`; returns the file.
fn report(rubric: &Path, applicants: &Path, out: &Path, args: &[&str]) -> String {
    Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("report")
        .arg("--rubric")
        .arg(rubric)
        .arg(applicants)
        .arg("-o")
        .arg(out)
        .args(args)
        .assert()
        .success();
    std::fs::read_to_string(out).unwrap()
}

fn samples(out: &Path, args: &[&str]) -> String {
    report(&root().join(RUBRIC), &root().join(APPLICANTS), out, args)
}

/// Ids that `profilmatch score --top n` lists.
fn top_ids(n: usize) -> Vec<String> {
    let out = Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(root())
        .args(["score", "--rubric", RUBRIC, APPLICANTS, "--format", "csv", "--top", &n.to_string()])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let column = reader.headers().unwrap().iter().position(|h| h == "id").unwrap();
    reader.records().map(|r| r.unwrap()[column].to_string()).collect()
}

fn sample_rows() -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(root().join(APPLICANTS)).unwrap();
    reader.records().map(Result::unwrap).collect()
}

fn column(name: &str) -> usize {
    let mut reader = csv::Reader::from_path(root().join(APPLICANTS)).unwrap();
    reader.headers().unwrap().iter().position(|h| h == name).unwrap()
}

/// Every form a value could take in the report: as written, HTML-escaped, Markdown-escaped.
fn forms(value: &str) -> Vec<String> {
    vec![value.to_string(), html_escape::encode_safe(value).into_owned(), profilmatch::report::markdown::escape(value)]
}

/// Whether `token` occurs in `text` not inside a longer word or number (so `mand` in
/// `formand` and `1975` in a SHA-256 or in `61.1975` do not count).
fn has_token(text: &str, token: &str) -> bool {
    text.match_indices(token).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + token.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '.') && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn the_html_report_has_every_section_and_every_shortlisted_id() {
    let dir = tempfile::tempdir().unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "6"]);
    let ids = top_ids(6);
    assert!(ids.len() >= 6);
    for id in &ids {
        assert!(html.contains(&format!("<tr data-id=\"{id}\">")), "{id} not in the shortlist table");
        assert!(html.contains(&format!("id=\"candidate-{id}\"")), "{id} has no card");
    }
    // The anchor applicant A001 is on the Høje-Taastrup shortlist, with her name (not blind).
    assert!(ids.contains(&"A001".to_string()));
    assert!(html.contains("Mette Kjærgaard Holm"));
    // Danish by default: every section, the date from SOURCE_DATE_EPOCH, the counts.
    for label in [
        "Screeningsoversigt",
        "Kortliste fra screeningen",
        "Ansøgerne på kortlisten",
        "Øvrige ansøgere",
        "Tjekliste: hver ansøgning er læst af et menneske",
        "Det vurderer screeningen ikke",
        "Hvor tallene kommer fra",
        "Metode",
        "Datakvalitet",
        "Kørselsoplysninger",
        "Ansøgninger i filen",
    ] {
        assert!(html.contains(label), "missing Danish label {label}");
    }
    assert!(html.contains("2023-11-14T22:13:20Z"));
    assert!(html.contains("Høje-Taastrup Kommune") && html.contains("hoeje-taastrup-oekonomidirektoer"));
    // Self-contained: nothing to fetch, and a policy that forbids fetching and (without sliders) scripts.
    assert!(html.contains("default-src 'none'") && html.contains("script-src 'none'"));
    for external in ["src=\"http", "href=\"http", "@import", "url(", "<link"] {
        assert!(!html.contains(external), "the page refers to something external: {external}");
    }
    // The SHA-256 of the rubric is in the run record.
    let rubric_bytes = std::fs::read(root().join(RUBRIC)).unwrap();
    let hash: String =
        <sha2::Sha256 as sha2::Digest>::digest(&rubric_bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert!(html.contains(&hash));
    // Print stylesheet: A4, a page break before each card.
    assert!(html.contains("size: A4") && html.contains("break-before: page"));
}

/// The text between `<section id="ID">` and the next `</section>`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("no section {id}"));
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

#[test]
fn the_report_is_framed_as_a_machine_screening_and_never_as_a_recommendation() {
    let dir = tempfile::tempdir().unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "6", "--group", "gender"]);
    let md = samples(&dir.path().join("r.md"), &["--shortlist", "6", "--group", "gender"]);
    for text in [&html, &md] {
        assert!(text.contains("Screeningsoversigt: Direktør med ansvar for økonomi, borgerservice og HR"));
        assert!(text.contains("Maskinel screening · vejledende"));
        assert!(text.contains("ikke udvalgets anbefaling og ikke en afgørelse"));
        assert!(text.contains("Ikke fundet – se efter i ansøgningen"));
        assert!(text.contains("Andel på kortlisten pr. gruppe"));
        assert!(text.contains("ikke dansk ret"), "the group section says the four-fifths rule is not Danish law");
        // The words an experienced recruiter objected to.
        for word in [
            "ndstilling",
            "Afvist",
            "Vurderet",
            "Dokumentation",
            "Kandidatliste",
            "Forskelsbehandling mellem",
            "svageste",
        ] {
            assert!(!text.contains(word), "the report still says {word}");
        }
        // "Kunne ikke læses" counts unreadable rows, not rejected applicants.
        assert!(text.contains("Kunne ikke læses"));
    }
    let en = samples(&dir.path().join("en.html"), &["--shortlist", "6", "--lang", "en", "--group", "gender"]);
    for phrase in [
        "Screening overview",
        "Machine screening · advisory",
        "Not found – check the application",
        "What the screening does not assess",
        "Where the numbers come from",
        "Share shortlisted per group",
        "not Danish law",
    ] {
        assert!(en.contains(phrase), "missing {phrase}");
    }
    for word in ["Shortlist for the hiring committee", "weakest", "Adverse impact", "Rejected"] {
        assert!(!en.contains(word), "the English report still says {word}");
    }
}

/// Numbers with four or more digits after a decimal mark: the six-decimal totals and points of
/// the old report. (Thousands groups such as 62.000 have exactly three.)
fn long_decimals(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (i, w) in bytes.windows(6).enumerate() {
        if w[0].is_ascii_digit() && (w[1] == b'.' || w[1] == b',') && w[2..6].iter().all(u8::is_ascii_digit) {
            found.push(String::from_utf8_lossy(&bytes[i.saturating_sub(8)..(i + 12).min(bytes.len())]).into_owned());
        }
    }
    found
}

#[test]
fn no_number_a_person_reads_has_more_than_one_decimal_of_false_precision() {
    let dir = tempfile::tempdir().unwrap();
    // Named, blind (with the sliders' data) and Markdown, with every section switched on.
    let runs: [(&str, &[&str]); 4] = [
        ("r.html", &["--shortlist", "6", "--group", "gender", "--stability"]),
        ("b.html", &["--shortlist", "6", "--group", "gender", "--blind"]),
        ("s.html", &["--shortlist", "6", "--sliders", "--lang", "en"]),
        ("r.md", &["--shortlist", "6", "--group", "gender", "--stability"]),
    ];
    for (file, args) in runs {
        let text = samples(&dir.path().join(file), args);
        assert_eq!(long_decimals(&text), Vec::<String>::new(), "{file}");
        // The top candidate's total 89.478084 is shown as 89,5 (89.5 in English).
        assert!(text.contains("89,5") || text.contains("89.5"), "{file}");
        assert!(!text.contains("89,478084") && !text.contains("89.478084"), "{file}");
    }
    // The exact totals stay in JSON output.
    let json = Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(root())
        .args(["score", "--rubric", RUBRIC, APPLICANTS, "--format", "json", "--top", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&json.stdout).contains("\"total\":89.478084"));
}

#[test]
fn quotes_are_whole_sentences_with_the_column_labels_and_terms_have_no_asterisks() {
    let dir = tempfile::tempdir().unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "3"]);
    let card = &html[html.find("id=\"candidate-A001\"").unwrap()..];
    let card = &card[..card.find("</article>").unwrap()];
    // A001's text: "... et stort ledelsesrum. Ledelse af ledere er kernen i mit job: jeg sætter
    // retning og klare rammer for cheferne og giver dem et stort ledelsesrum." The whole sentence
    // is quoted, not 60 characters cut mid-word.
    assert!(card.contains("<q>Ledelse af ledere er kernen i mit job: jeg sætter retning og klare rammer for cheferne og giver dem et stort ledelsesrum.</q>"), "{card}");
    // Every quote on every card starts and ends a sentence: no snippet cut at either end.
    for quote in html.split("<q>").skip(1).map(|q| &q[..q.find("</q>").unwrap()]) {
        assert!(!quote.starts_with('…') && !quote.ends_with('…'), "a fragment: {quote}");
    }
    // The field is the rubric's label for the column, not the column's English name.
    assert!(card.contains("<td>Erfaring</td>") && !card.contains("<td>experience</td>"));
    // Terms read as words: a prefix term is shown with "…", never with the rubric's "*".
    assert!(card.contains("netværk…") && !card.contains("netværk*"));
    // The long lists of terms not found are folded away.
    assert!(card.contains("<details><summary>Søgeord, der ikke blev fundet ("));
}

#[test]
fn values_that_cannot_be_read_are_reported_by_applicant_in_the_reports_language() {
    let dir = tempfile::tempdir().unwrap();
    let da = samples(&dir.path().join("r.html"), &["--shortlist", "3"]);
    let quality = section(&da, "quality");
    // A061's budget_mio is "ca. 300" and A065's "12 mio" (samples/README.md).
    assert!(
        quality.contains("A061 · Tove Nyborg Ahl") && quality.contains("«ca. 300» er ikke et tal; giver 0 point"),
        "{quality}"
    );
    assert!(quality.contains("A065 · Malene Storm Iversen") && quality.contains("«12 mio» er ikke et tal"));
    assert!(quality.contains("Største budget (mio. kr.)"));
    assert!(!quality.contains("is not a number") && !quality.contains("applicants.csv:211"));
    let en = samples(&dir.path().join("en.html"), &["--shortlist", "3", "--lang", "en"]);
    assert!(section(&en, "quality").contains("“ca. 300” is not a number; gives 0 points"));
}

#[test]
fn sliders_appear_only_in_a_blind_report_or_when_asked_for_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let named = samples(&dir.path().join("n.html"), &["--shortlist", "6"]);
    assert!(!named.contains("id=\"weights\"") && !named.contains("<script"), "sliders on a named report");
    let blind = samples(&dir.path().join("b.html"), &["--shortlist", "6", "--blind"]);
    assert!(blind.contains("id=\"weights\"") && blind.contains("Vægtskyderne vises, fordi udgaven er anonymiseret."));
    let asked = samples(&dir.path().join("a.html"), &["--shortlist", "6", "--sliders"]);
    assert!(asked.contains("id=\"weights\""));
    assert!(asked.contains("Vægtskyderne er slået til (--sliders) i en udgave med navne."));
    // Exactly the page's own data block and script.
    assert_eq!(asked.matches("<script").count(), 2);
    // The Markdown never has sliders.
    let md = samples(&dir.path().join("a.md"), &["--shortlist", "6", "--sliders"]);
    assert!(!md.contains("Prøv andre vægte"));
}

#[test]
fn english_labels_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "3", "--lang", "en"]);
    for label in [
        "Method",
        "Shortlist from the screening",
        "Other applicants",
        "Data quality",
        "Run record",
        "Applications in the file",
    ] {
        assert!(html.contains(label), "missing English label {label}");
    }
    assert!(html.contains("<html lang=\"en\">"));
    for danish in ["Kortliste fra", "Datakvalitet", "Ikke fundet – se efter", "Point i alt", "Screeningsoversigt"] {
        assert!(!html.contains(danish), "Danish word {danish} in the English report");
    }
    let md = samples(&dir.path().join("r.md"), &["--shortlist", "3", "--lang", "en"]);
    assert!(md.contains("## Method") && md.contains("## Data quality"));
}

#[test]
fn blind_reports_leak_no_name_contact_or_protected_value_of_any_applicant() {
    let dir = tempfile::tempdir().unwrap();
    let rows = sample_rows();
    let (name, email, phone, gender, birth) =
        (column("name"), column("email"), column("phone"), column("gender"), column("birth_year"));
    // Without --blind the same search finds the names, so the check below can fail.
    let open = samples(&dir.path().join("open.html"), &["--shortlist", "10"]);
    assert!(rows.iter().filter(|r| forms(&r[name]).iter().any(|f| open.contains(f.as_str()))).count() >= 10);
    for rubric in std::fs::read_dir(root().join("rubrics")).unwrap() {
        let rubric = rubric.unwrap().path();
        if rubric.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        // HTML for every rubric; Markdown and --group on one (each report scores the whole file).
        let generic = rubric.ends_with("generisk-direktoer.toml");
        let files: &[(&str, Option<&str>)] =
            if generic { &[("b.html", None), ("b.md", None), ("g.html", Some("gender"))] } else { &[("b.html", None)] };
        for &(file, extra) in files {
            let mut args = vec!["--shortlist", "10", "--blind"];
            if let Some(group) = extra {
                args.extend(["--group", group]);
            }
            let text = report(&rubric, &root().join(APPLICANTS), &dir.path().join(file), &args);
            for row in &rows {
                for c in [name, email, phone] {
                    if row[c].is_empty() {
                        continue;
                    }
                    for form in forms(&row[c]) {
                        assert!(!text.contains(&form), "{}: {file} leaks {} of {}", rubric.display(), &row[c], &row[0]);
                    }
                }
                for c in [gender, birth] {
                    assert!(
                        !has_token(&text, &row[c]),
                        "{}: {file} leaks {} of {}",
                        rubric.display(),
                        &row[c],
                        &row[0]
                    );
                }
            }
        }
    }
}

/// The samples with A001's name replaced by `name` and A002's by `other`.
fn hostile_samples(dir: &Path, name: &str, other: &str) -> PathBuf {
    let mut reader = csv::Reader::from_path(root().join(APPLICANTS)).unwrap();
    let path = dir.join("hostile.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(reader.headers().unwrap()).unwrap();
    let name_column = column("name");
    for record in reader.records() {
        let record = record.unwrap();
        let fields: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, f)| match (i, &record[0]) {
                (i, "A001") if i == name_column => name.to_string(),
                (i, "A002") if i == name_column => other.to_string(),
                _ => f.to_string(),
            })
            .collect();
        writer.write_record(&fields).unwrap();
    }
    writer.flush().unwrap();
    path
}

#[test]
fn hostile_names_are_text_in_html() {
    let dir = tempfile::tempdir().unwrap();
    let csv = hostile_samples(dir.path(), "<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
    // A001 and A002 are both on a shortlist of 87: everyone is.
    let html = report(&root().join(RUBRIC), &csv, &dir.path().join("r.html"), &["--shortlist", "87"]);
    assert!(!html.contains("<script>alert(1)"), "a name was written as markup");
    assert!(!html.contains("<img src=x"), "a name was written as markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // A named report has no script at all.
    assert_eq!(html.matches("<script").count(), 0);
    // With the sliders, the name is JSON with < and > escaped in their data, so it cannot close
    // the script: exactly one inline script and one data block, the page's own.
    let html = report(&root().join(RUBRIC), &csv, &dir.path().join("s.html"), &["--shortlist", "66", "--sliders"]);
    assert!(html.contains(r"\u003cscript\u003ealert(1)\u003c/script\u003e"));
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
}

#[test]
fn hostile_names_are_text_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let csv = hostile_samples(dir.path(), "[x](javascript:alert(1))", "a | b <b>c</b> *d* `e`");
    let md = report(&root().join(RUBRIC), &csv, &dir.path().join("r.md"), &["--shortlist", "87"]);
    assert!(!md.contains("[x](javascript"), "a link survived");
    assert!(md.contains(r"\[x\](javascript:alert(1))"));
    assert!(md.contains(r"a \| b \<b\>c\</b\> \*d\* \`e\`"));
    assert!(!md.contains("a | b"), "a pipe would split the table row");
}

fn impact_fixture(dir: &Path) -> (PathBuf, PathBuf) {
    let rubric = dir.join("r.toml");
    std::fs::write(
        &rubric,
        r#"[rubric]
id = "t"
title = "Testdirektør"
organisation = "Test Kommune"
source = "test"
version = "1"

[columns]
protected = ["g"]

[[competency]]
id = "k"
label = "K"
weight = 1
source = "s"

[[competency.criterion]]
id = "x"
label = "X"
kind = "number"
field = "x"
curve = [[0, 0], [100, 1]]
weight = 1
source = "s"
"#,
    )
    .unwrap();
    // 30 applicants with distinct x = score. Group g1 has 25, group g2 has 5. The 10 highest x
    // (the shortlist) are 8 of g1 and 2 of g2: selection rates 8/25 = 0.32 and 2/5 = 0.4; the
    // impact ratio of g1 is exactly 0.32/0.4 = 0.8 (5·8·5 = 200 is not < 4·2·25 = 200), not flagged.
    let mut csv = String::from("id,name,x,g\n");
    for i in 0..30 {
        let group = if [0, 5, 12, 20, 25].contains(&i) { "g2" } else { "g1" };
        csv.push_str(&format!("p{i:02},N{i},{},{group}\n", 100 - i));
    }
    let applicants = dir.join("a.csv");
    std::fs::write(&applicants, csv).unwrap();
    (rubric, applicants)
}

#[test]
fn four_fifths_is_exact_eight_of_twenty_five_against_two_of_five_is_not_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let (rubric, applicants) = impact_fixture(dir.path());
    let html = report(
        &rubric,
        &applicants,
        &dir.path().join("r.html"),
        &["--shortlist", "10", "--group", "g", "--lang", "en"],
    );
    let section = section(&html, "groups");
    // Shortlist ids p00..p09: g2 are p00 and p05. g1 and g2 are in no group of the default
    // mapping, so each is a group of its own, and both have at least 5 applicants.
    assert!(section.contains("<td>g1</td><td class=\"num\">25</td><td class=\"num\">8</td><td class=\"num\">32 %</td><td class=\"num\">0.80</td><td>–</td>"), "{section}");
    assert!(section.contains("<td>g2</td><td class=\"num\">5</td><td class=\"num\">2</td><td class=\"num\">40 %</td><td class=\"num\">1.00</td><td>highest share</td>"), "{section}");
    assert!(!section.contains("class=\"flagged\""));
    // Only group-level counts: no applicant id in the section.
    for i in 0..30 {
        assert!(!section.contains(&format!("p{i:02}")), "p{i:02} named in the group section");
    }
    // Above the median: totals 100..71, median (86 + 85)/2 = 85.5; above it 100..86 (x = 100 − i,
    // i = 0..14): g2 has i = 0, 5, 12 (3 of 5 = 60 %); g1 has 12 of 25 = 48 %; 0.48/0.6 = 0.8
    // exactly (5·12·5 = 300 is not < 4·3·25 = 300): not flagged either.
    assert!(section.contains("The median of all totals is 85.5"));
    assert!(section.contains("<td>g1</td><td class=\"num\">25</td><td class=\"num\">12</td><td class=\"num\">48 %</td><td class=\"num\">0.80</td><td>–</td>"), "{section}");
    // The mapping is shown: g1 and g2 are values outside it.
    assert!(section.contains("not in the grouping, shown on its own"));
}

#[test]
fn a_group_under_the_stated_size_is_shown_without_shares_and_is_never_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let (rubric, applicants) = impact_fixture(dir.path());
    // With --min-group 6, g2's 5 applicants are too few: its size only, no shares, no ratio.
    let html = report(
        &rubric,
        &applicants,
        &dir.path().join("r.html"),
        &["--shortlist", "10", "--group", "g", "--lang", "en", "--min-group", "6"],
    );
    let section = section(&html, "groups");
    assert!(section.contains("Groups with fewer than 6 applicants are shown with their size only."));
    assert!(section.contains("<td>g2</td><td class=\"num\">5</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td>too few to compute a share</td>"), "{section}");
    // g1 is then the only group with a share, and so the highest: 8/25 = 32 %.
    assert!(section.contains("<td>g1</td><td class=\"num\">25</td><td class=\"num\">8</td><td class=\"num\">32 %</td><td class=\"num\">1.00</td><td>highest share</td>"), "{section}");
}

#[test]
fn the_samples_four_spellings_of_gender_become_two_groups() {
    let dir = tempfile::tempdir().unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "6", "--group", "gender"]);
    let section = section(&html, "groups");
    // samples/applicants.csv: kvinde 33 + female 12 = 45 women; mand 26 + male 16 = 42 men.
    let rows = section.matches("<tr>").count() + section.matches("<tr class").count();
    // Two tables (shortlist, median) of two groups each, plus the two header rows.
    assert_eq!(rows, 2 * 2 + 2, "{section}");
    assert!(section.contains("<td>Kvinder</td><td class=\"num\">45</td>"), "{section}");
    assert!(section.contains("<td>Mænd</td><td class=\"num\">42</td>"), "{section}");
    assert!(section.contains("<strong>Kvinder:</strong> female, kvinde"));
    assert!(section.contains("<strong>Mænd:</strong> male, mand"));
    for spelling in ["<td>kvinde</td>", "<td>female</td>", "<td>mand</td>", "<td>male</td>"] {
        assert!(!section.contains(spelling), "{spelling} is still a group");
    }
    // A mapping of one's own replaces the default: here everyone is in one group.
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "[[group]]\nda = \"Alle\"\nen = \"All\"\nvalues = [\"kvinde\", \"female\", \"mand\", \"male\"]\n",
    )
    .unwrap();
    let html = samples(
        &dir.path().join("m.html"),
        &["--shortlist", "6", "--group", "gender", "--group-map", map.to_str().unwrap()],
    );
    assert!(section_of(&html, "groups").contains("<td>Alle</td><td class=\"num\">87</td>"));
}

fn section_of(html: &str, id: &str) -> String {
    section(html, id).to_string()
}

#[test]
fn blind_group_values_become_letters() {
    let dir = tempfile::tempdir().unwrap();
    let (rubric, applicants) = impact_fixture(dir.path());
    let html =
        report(&rubric, &applicants, &dir.path().join("r.html"), &["--shortlist", "10", "--group", "g", "--blind"]);
    assert!(!has_token(&html, "g1") && !has_token(&html, "g2"));
    // Lettered by size: g1 (25) is A, g2 (5) is B.
    assert!(html.contains("<td>A</td><td class=\"num\">25</td>"));
    assert!(html.contains("<td>B</td><td class=\"num\">5</td>"));
}

/// Issue 12: blind group letters followed the alphabetical order of the hidden values, so `A` was
/// always `kvinde` before `mand`. Renaming the groups so that their alphabetical order flips must
/// change no letter and no count.
#[test]
fn blind_group_letters_say_nothing_about_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let (rubric, applicants) = impact_fixture(dir.path());
    let args = ["--shortlist", "10", "--group", "g", "--blind"];
    let before = report(&rubric, &applicants, &dir.path().join("r.html"), &args);
    let original = std::fs::read_to_string(&applicants).unwrap();
    let renamed = original.replace("g1", "zz").replace("g2", "aa");
    assert_ne!(original, renamed);
    std::fs::write(&applicants, renamed).unwrap();
    let after = report(&rubric, &applicants, &dir.path().join("r.html"), &args);
    assert_eq!(section_of(&before, "groups"), section_of(&after, "groups"));
}

#[test]
fn source_date_epoch_makes_the_report_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let a = samples(&dir.path().join("a.html"), &["--shortlist", "5"]);
    let b = samples(&dir.path().join("b.html"), &["--shortlist", "5"]);
    // The command lines differ only in the output name.
    assert_eq!(a.replace("a.html", "X"), b.replace("b.html", "X"));
}

#[test]
fn an_unknown_group_column_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(root())
        .args(["report", "--rubric", RUBRIC, APPLICANTS, "--shortlist", "3", "--group", "gendr", "-o"])
        .arg(dir.path().join("r.html"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean gender"));
}

#[test]
fn stability_is_shown_on_every_card() {
    let dir = tempfile::tempdir().unwrap();
    let md = samples(&dir.path().join("r.md"), &["--shortlist", "4", "--stability", "--lang", "en"]);
    let ids = top_ids(4);
    // One sentence per card; seeded, so the same run gives the same figures.
    assert_eq!(md.matches("**Stability:** On the shortlist in ").count(), ids.len());
    let again = samples(&dir.path().join("r.md"), &["--shortlist", "4", "--stability", "--lang", "en"]);
    assert_eq!(md, again);
}

/// Two members' ratings of four sample applicants on the default scale 1–5.
const RATINGS: &str = "member,id,rating,note
Anne (HR),A001,5,Ring til Mette Kjærgaard Holm om referencer
Bo (borgmester),A001,2,
Anne (HR),A003,5,
Bo (borgmester),A003,5,
Anne (HR),A021,4,
Bo (borgmester),A021,4,
Bo (borgmester),A048,,Læst; ingen vurdering
";

#[test]
fn members_ratings_are_merged_and_large_disagreements_flagged_for_discussion() {
    let dir = tempfile::tempdir().unwrap();
    let ratings = dir.path().join("ratings.csv");
    std::fs::write(&ratings, RATINGS).unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "6", "--ratings", ratings.to_str().unwrap()]);
    let section = section(&html, "ratings");
    // A001: 5 and 2: mean 3.5, spread 3 ≥ (5 − 1)/2 = 2, so the members disagree. On 0–100:
    // (3.5 − 1)/(5 − 1)·100 = 62.5; against the screening's 89.478084: 62.5 − 89.478084 = −27.0,
    // 25 or more, so members and screening disagree too.
    assert!(section.contains("<tr data-id=\"A001\" class=\"flagged\"><td class=\"id\">A001 · Mette Kjærgaard Holm</td><td class=\"num\">5</td><td class=\"num\">2</td><td class=\"num\">3</td><td class=\"num\">62,5</td><td class=\"num\">89,5</td><td class=\"num\">-27,0</td><td>medlemmerne er uenige, medlemmer og screening er uenige</td></tr>"), "{section}");
    // A003: 5 and 5: spread 0; (5 − 1)/4·100 = 100 against 28.633181: +71.4 ≥ 25.
    assert!(section.contains("<td class=\"num\">0</td><td class=\"num\">100,0</td><td class=\"num\">28,6</td><td class=\"num\">+71,4</td><td>medlemmer og screening er uenige</td>"), "{section}");
    // A021: 4 and 4: (4 − 1)/4·100 = 75 against 79.873602: −4.9, no flag.
    assert!(section.contains("<tr data-id=\"A021\"><td class=\"id\">A021 · Daniel Okafor Berg</td><td class=\"num\">4</td><td class=\"num\">4</td><td class=\"num\">0</td><td class=\"num\">75,0</td><td class=\"num\">79,9</td><td class=\"num\">-4,9</td><td></td></tr>"), "{section}");
    // A048 was read by Bo without a rating: no figures.
    assert!(
        section
            .contains("<td class=\"id\">A048 · Ole Marquardsen</td><td class=\"num\">–</td><td class=\"num\">–</td>")
    );
    // The discussion list names the two flagged applicants, and the notes are shown.
    let discussion = &section[section.find("Til drøftelse på mødet").unwrap()..];
    assert!(discussion.contains("A001 · Mette Kjærgaard Holm") && discussion.contains("A003 · Jonas Vestergaard"));
    assert!(!discussion[..discussion.find("Noter").unwrap()].contains("A021"));
    assert!(section.contains("<q>Ring til Mette Kjærgaard Holm om referencer</q>"));
    // The checklist: A001 read by both, A048 by Bo, A002 by nobody.
    let checklist = section_of(&html, "checklist");
    assert!(checklist.contains("<span class=\"box done\" aria-hidden=\"true\">☑</span> <strong>A001 · Mette Kjærgaard Holm</strong> – læst af Anne (HR), Bo (borgmester)"));
    assert!(checklist.contains("<strong>A048 · Ole Marquardsen</strong> – læst af Bo (borgmester)"));
    assert!(checklist.contains("☐</span> <strong>A002 · Anders Bøgh Nielsen</strong> – ikke registreret som læst"));
    assert_eq!(checklist.matches("<li>").count(), 87, "every applicant is on the checklist");
}

#[test]
fn ratings_in_a_blind_report_name_no_applicant() {
    let dir = tempfile::tempdir().unwrap();
    let ratings = dir.path().join("ratings.csv");
    std::fs::write(&ratings, RATINGS).unwrap();
    let html =
        samples(&dir.path().join("b.html"), &["--shortlist", "6", "--blind", "--ratings", ratings.to_str().unwrap()]);
    assert!(!html.contains("Mette") && !html.contains("Kjærgaard") && !html.contains("Marquardsen"));
    assert!(section(&html, "ratings").contains("<q>Ring til ▇▇▇ om referencer</q>"));
    assert!(section(&html, "ratings").contains("<td class=\"id\">A001</td>"));
}

#[test]
fn a_broken_ratings_file_is_an_error_naming_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for (text, message) in [
        ("member,id,rating\nAnne,A001,4\nAnne,A002,7\n", "r.csv:3:3: rating 7 is outside the scale 1–5"),
        ("member,id,rating\nAnne,A999,4\n", "r.csv:2:2: 'A999' is not the id of a scored applicant"),
        ("member,id,rating\nAnne,A001,god\n", "r.csv:2:3: rating 'god' is not a number"),
        ("member,id,rating\nAnne,A001,4\nAnne,A001,5\n", "r.csv:3: Anne rates 'A001' again (first on line 2)"),
        ("navn,id,rating\nAnne,A001,4\n", "r.csv:1: no member column"),
    ] {
        std::fs::write(dir.path().join("r.csv"), text).unwrap();
        let out = dir.path().join("r.html");
        Command::cargo_bin("profilmatch")
            .unwrap()
            .current_dir(dir.path())
            .args(["report", "--rubric"])
            .arg(root().join(RUBRIC))
            .arg(root().join(APPLICANTS))
            .args(["--shortlist", "3", "--ratings", "r.csv", "-o", "r.html"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
        assert!(!out.exists(), "a report was written despite: {message}");
    }
    // The scale is stated: 0–10 accepts a 7.
    std::fs::write(dir.path().join("r.csv"), "member,id,rating\nAnne,A001,7\n").unwrap();
    Command::cargo_bin("profilmatch")
        .unwrap()
        .current_dir(dir.path())
        .args(["report", "--rubric"])
        .arg(root().join(RUBRIC))
        .arg(root().join(APPLICANTS))
        .args(["--shortlist", "3", "--ratings", "r.csv", "--rating-scale", "0-10", "-o", "r.html"])
        .assert()
        .success();
}

#[test]
fn an_unknown_output_extension_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.pdf", "r.docx", "r"] {
        Command::cargo_bin("profilmatch")
            .unwrap()
            .current_dir(root())
            .args(["report", "--rubric", RUBRIC, APPLICANTS, "--shortlist", "3", "-o"])
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("a report is written as .html or .md"));
        assert!(!dir.path().join(name).exists());
    }
    // --format names the format whatever the extension.
    let text = samples(&dir.path().join("r.txt"), &["--shortlist", "3", "--format", "markdown"]);
    assert!(text.starts_with("# Screeningsoversigt"));
}

#[test]
fn ratings_can_come_from_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratings.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, heading) in ["medlem", "ansøger", "vurdering", "bemærkning"].iter().enumerate() {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    // Danish headings, and the ratings as numbers: A001 gets 4 and 2.
    for (row, (member, rating)) in [("Anne", 4.0), ("Bo", 2.0)].iter().enumerate() {
        let row = row as u32 + 1;
        sheet.write_string(row, 0, *member).unwrap();
        sheet.write_string(row, 1, "A001").unwrap();
        sheet.write_number(row, 2, *rating).unwrap();
        sheet.write_string(row, 3, "Læst").unwrap();
    }
    workbook.save(&path).unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "3", "--ratings", path.to_str().unwrap()]);
    // Mean 3, spread 2 ≥ (5 − 1)/2: the members disagree; (3 − 1)/4·100 = 50 points, and
    // 50 − 89.478084 = −39.5: the screening disagrees too.
    assert!(section(&html, "ratings").contains("<td class=\"num\">4</td><td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">50,0</td><td class=\"num\">89,5</td><td class=\"num\">-39,5</td><td>medlemmerne er uenige, medlemmer og screening er uenige</td>"), "{}", section(&html, "ratings"));
}

#[test]
fn the_method_states_the_core_gate_and_the_ranking_table_flags_it() {
    // Helsingør: [core] min_score = 40 over its two children's competencies. The method section
    // says so in words, and A021 (a general director without the core area) is flagged in the
    // ranking table instead of "ja".
    let dir = tempfile::tempdir().unwrap();
    let rubric = root().join("rubrics/helsingoer-boerne-og-skoledirektoer.toml");
    let md = report(&rubric, &root().join(APPLICANTS), &dir.path().join("h.md"), &["--shortlist", "8"]);
    assert!(md.contains("### Kerneområde"), "{md}");
    assert!(md.contains("Stillingens kerneområde er Skoler, dagtilbud, fritid og idræt, "), "{md}");
    assert!(md.contains("mindst 40. Ansøgninger, der ikke gør det, placeres efter dem, der gør"), "{md}");
    assert!(md.contains("Kun »ikke opfyldt« flytter en ansøgning ned i rækkefølgen."), "{md}");
    let a021 = md.lines().find(|l| l.starts_with('|') && l.contains("A021")).expect("A021 in the ranking");
    assert!(a021.contains("kerneområde ikke dokumenteret"), "{a021}");
}
