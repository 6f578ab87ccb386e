//! `profilmatch report` on the samples and on small hostile files: content, blind mode, escaping,
//! languages, the four-fifths rule, reproducibility.

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
    // Danish by default: header, sections, date from SOURCE_DATE_EPOCH, counts.
    for label in ["Metode", "Kandidatliste", "Øvrige ansøgere", "Datakvalitet", "Kørselsoplysninger", "Ansøgere læst"]
    {
        assert!(html.contains(label), "missing Danish label {label}");
    }
    assert!(html.contains("2023-11-14 22:13:20"));
    assert!(html.contains("Høje-Taastrup Kommune") && html.contains("hoeje-taastrup-oekonomidirektoer"));
    // The two unparseable budgets are reported under data quality.
    assert!(html.contains("&#x27;ca. 300&#x27;") || html.contains("'ca. 300'"));
    // Self-contained: nothing to fetch, and a policy that forbids fetching.
    assert!(html.contains("default-src 'none'"));
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

#[test]
fn english_labels_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let html = samples(&dir.path().join("r.html"), &["--shortlist", "3", "--lang", "en"]);
    for label in ["Method", "Shortlist", "Other applicants", "Data quality", "Run record", "Applicants read"] {
        assert!(html.contains(label), "missing English label {label}");
    }
    assert!(html.contains("<html lang=\"en\">"));
    assert!(!html.contains("Kandidatliste") && !html.contains("Datakvalitet"));
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
    // A001 and A002 are both on a shortlist of 66: everyone is.
    let html = report(&root().join(RUBRIC), &csv, &dir.path().join("r.html"), &["--shortlist", "66"]);
    assert!(!html.contains("<script>alert(1)"), "a name was written as markup");
    assert!(!html.contains("<img src=x"), "a name was written as markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // In the slider data the name is JSON with < and > escaped, so it cannot close the script.
    assert!(html.contains(r"\u003cscript\u003ealert(1)\u003c/script\u003e"));
    // Exactly one inline script and one data block: the page's own.
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
}

#[test]
fn hostile_names_are_text_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let csv = hostile_samples(dir.path(), "[x](javascript:alert(1))", "a | b <b>c</b> *d* `e`");
    let md = report(&root().join(RUBRIC), &csv, &dir.path().join("r.md"), &["--shortlist", "66"]);
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
    let section = &html[html.find("id=\"impact\"").unwrap()..html.find("id=\"quality\"").unwrap()];
    // Shortlist ids p00..p09: g2 are p00 and p05.
    assert!(section.contains("<td>g1</td><td class=\"num\">25</td><td class=\"num\">8</td><td class=\"num\">0.320</td><td class=\"num\">0.800</td><td>not flagged</td>"), "{section}");
    assert!(section.contains("<td>g2</td><td class=\"num\">5</td><td class=\"num\">2</td><td class=\"num\">0.400</td><td class=\"num\">1.000</td><td>reference group</td>"), "{section}");
    assert!(!section.contains("class=\"flagged\""));
    // Only group-level counts: no applicant id in the section.
    for i in 0..30 {
        assert!(!section.contains(&format!("p{i:02}")), "p{i:02} named in the impact section");
    }
    // Above the median: totals 100..71, median (86 + 85)/2 = 85.5; above it 100..86 (x = 100 − i,
    // i = 0..14): g2 has i = 0, 5, 12 (3 of 5 = 0.6); g1 has 12 of 25 = 0.48; 0.48/0.6 = 0.8 exactly
    // (5·12·5 = 300 is not < 4·3·25 = 300): not flagged either.
    assert!(section.contains("85.5"));
    assert!(section.contains("<td>g1</td><td class=\"num\">25</td><td class=\"num\">12</td><td class=\"num\">0.480</td><td class=\"num\">0.800</td><td>not flagged</td>"), "{section}");
}

#[test]
fn blind_group_values_become_letters() {
    let dir = tempfile::tempdir().unwrap();
    let (rubric, applicants) = impact_fixture(dir.path());
    let html =
        report(&rubric, &applicants, &dir.path().join("r.html"), &["--shortlist", "10", "--group", "g", "--blind"]);
    assert!(!has_token(&html, "g1") && !has_token(&html, "g2"));
    // Letters follow the ranking: the top applicant p00 is in g2 (5 applicants), so g2 is A.
    assert!(html.contains("<td>A</td><td class=\"num\">5</td>"), "{html}");
    assert!(html.contains("<td>B</td><td class=\"num\">25</td>"), "{html}");
}

/// Issue 12: blind group letters followed the alphabetical order of the hidden values, so `A` was
/// always `kvinde` before `mand`. Renaming the groups so that their alphabetical order flips must
/// change no letter.
#[test]
fn blind_group_letters_say_nothing_about_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let (rubric, applicants) = impact_fixture(dir.path());
    let args = ["--shortlist", "10", "--group", "g", "--blind"];
    let before = report(&rubric, &applicants, &dir.path().join("r.html"), &args);
    let renamed = std::fs::read_to_string(&applicants).unwrap().replace("g1", "zz").replace("g2", "aa");
    std::fs::write(&applicants, renamed).unwrap();
    let after = report(&rubric, &applicants, &dir.path().join("r.html"), &args);
    let section =
        |html: &str| html[html.find("id=\"impact\"").unwrap()..html.find("id=\"quality\"").unwrap()].to_string();
    assert_eq!(section(&before), section(&after));
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
    assert_eq!(md.matches("**Rank stability:** On the shortlist in ").count(), ids.len());
    let again = samples(&dir.path().join("r.md"), &["--shortlist", "4", "--stability", "--lang", "en"]);
    assert_eq!(md, again);
}
