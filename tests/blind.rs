//! Blind mode holds in every output (issue 12): sentinel names (with the variants that leaked:
//! possessives, æ/ae/aa spellings, decomposed letters, soft hyphens, zero-width characters,
//! look-alike letters, initials), e-mail addresses, phone and CPR numbers in every written form,
//! genders and birth years are planted in every column but the id and in free text, including
//! cells that trigger warnings (a number column holding a name and a CPR number, a flag column, a
//! stray quote that makes a warning quote the whole CV, a byte that is not UTF-8). Then every byte
//! of every output is searched: `score`'s csv, json, jsonl, table, explain and matrix, the run
//! record, csv-da, the xlsx workbook's XML, the report in HTML and Markdown in Danish and English
//! (with `--group`), `letters` in Markdown and HTML in both languages, `extract` of a folder of
//! applications (with the sentinels in document names and text) and `score` and `report` on that
//! folder, and standard error of each run. The same data without `--blind` shows the sentinels, so the search can fail.

mod common;

use common::{Fixture, repo};
use unicode_normalization::UnicodeNormalization;

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";
const SECOND_RUBRIC: &str = "rubrics/generisk-direktoer.toml";

/// One applicant's identifying values.
struct Sentinel {
    id: &'static str,
    first: &'static str,
    last: &'static str,
    email: &'static str,
    other_email: &'static str,
    /// The phone's eight digits.
    phone: &'static str,
    /// The CPR number's ten digits.
    cpr: &'static str,
    gender: &'static str,
    birth_year: &'static str,
}

const SENTINELS: [Sentinel; 2] = [
    Sentinel {
        id: "S1",
        first: "Quorvalda",
        last: "Zinnemark",
        email: "qz.sentinel@blindtest.example",
        other_email: "quorvalda.privat@andenpost.example",
        phone: "47862913",
        cpr: "1212661234",
        gender: "Zorbquine",
        birth_year: "1937",
    },
    Sentinel {
        id: "S2",
        first: "Yllvarin",
        last: "Kvåbjærg",
        email: "yllvarin_k@sentinel-mail.example",
        other_email: "y.k@kvabjerg-hjem.example",
        phone: "53971846",
        cpr: "0309584321",
        gender: "Vexelmorph",
        birth_year: "1929",
    },
];

/// The phone written in every common Danish form.
fn phones(p: &str) -> Vec<String> {
    let (a, b, c, d) = (&p[0..2], &p[2..4], &p[4..6], &p[6..8]);
    vec![
        p.to_string(),
        format!("+45 {a} {b} {c} {d}"),
        format!("{a}{b} {c}{d}"),
        format!("{a}-{b}-{c}-{d}"),
        format!("{a}{b}-{c}{d}"),
        format!("{a}.{b}.{c}.{d}"),
        format!("(+45) {p}"),
        format!("0045 {a}{b} {c}{d}"),
        format!("+45{p}"),
    ]
}

/// The CPR number written in every common form.
fn cprs(c: &str) -> Vec<String> {
    let (date, serial) = (&c[0..6], &c[6..10]);
    vec![
        format!("{date}-{serial}"),
        c.to_string(),
        format!("{date}–{serial}"),
        format!("{date}\u{2010}{serial}"),
        format!("{date}/{serial}"),
        format!("{}.{}.{}-{serial}", &c[0..2], &c[2..4], &c[4..6]),
        format!("{date} {serial}"),
    ]
}

/// The name in the spellings that leaked: possessive, æ/ae/aa, decomposed, with a soft hyphen,
/// a zero-width space or a Cyrillic look-alike inside, and as initials.
fn name_variants(s: &Sentinel) -> Vec<String> {
    let last = s.last;
    let decomposed: String = last.nfd().collect();
    let ascii = last.replace('å', "aa").replace('æ', "ae").replace('ø', "oe");
    let plain = last.replace(['å', 'æ'], "a").replace('ø', "o");
    let mut split = last.chars();
    let head: String = split.by_ref().take(3).collect();
    let tail: String = split.collect();
    let initial = |w: &str| w.chars().next().map(String::from).unwrap_or_default();
    vec![
        format!("{} {last}", s.first),
        format!("{}s", s.first),
        format!("{last}s"),
        format!("{last}'s"),
        decomposed,
        ascii,
        plain,
        format!("{head}\u{ad}{tail}"),
        format!("{head}\u{200b}{tail}"),
        format!("{head}\u{2060}{tail}"),
        last.replacen('a', "\u{430}", 1).replacen('e', "\u{435}", 1),
        format!("{}{}", initial(s.first), initial(last)),
        format!("{}.{}.", initial(s.first), initial(last)),
        format!("{}. {last}", initial(s.first)),
    ]
}

/// The header of samples/applicants.csv.
fn header() -> Vec<String> {
    let samples = std::fs::read_to_string(repo("samples/applicants.csv")).expect("samples");
    samples.lines().next().expect("a header").split(',').map(str::to_string).collect()
}

fn quoted(field: &str) -> Vec<u8> {
    format!("\"{}\"", field.replace('"', "\"\"")).into_bytes()
}

/// A row with a sentinel in every column but the id; the experience cell begins with a quoted
/// word followed by text (the csv format reads it whole, and warns quoting it), and the summary
/// holds a byte that is not UTF-8.
/// Free text holding every variant of the sentinel's name, phone and CPR number, its e-mail
/// addresses, gender and birth year, beside words the rubric scores.
fn free_text(s: &Sentinel) -> String {
    let name = format!("{} {}", s.first, s.last);
    let variants = name_variants(s).join(", ");
    let phone_forms = phones(s.phone).join(" / ");
    let cpr_forms = cprs(s.cpr).join(" / ");
    format!(
        "Jeg hedder {name} ({variants}); {} født {} med budgetansvar; cpr {cpr_forms}. Skriv til {} eller {}, ring \
         {phone_forms}. Som økonomidirektør har jeg økonomistyring; jeg leder byrådets betjening.",
        s.gender, s.birth_year, s.email, s.other_email
    )
}

fn sentinel_row(s: &Sentinel) -> Vec<u8> {
    let name = format!("{} {}", s.first, s.last);
    let text = free_text(s);
    let fields: Vec<Vec<u8>> = vec![
        s.id.into(),
        quoted(&name),
        quoted(s.email),
        quoted(&phones(s.phone)[1]),
        quoted(&format!("Økonomidirektør {}", s.last)),
        quoted(&format!("{} Kommune, tlf {}", s.last, phones(s.phone)[3])),
        quoted(&format!("kommune {}", cprs(s.cpr)[0])),
        quoted(&format!("fem ({name} cpr {})", cprs(s.cpr)[2])),
        s.phone.into(),
        s.cpr.into(),
        quoted(&format!("{} {}", s.email, phones(s.phone)[5])),
        quoted(&format!("cand.polit. {}s", s.first)),
        quoted(&format!("ja {} {}", s.last, phones(s.phone)[4])),
        // Unquoted after the closing quote, so without commas.
        [quoted("Jeg er"), format!(" {}", text.replace(',', ";")).into_bytes()].concat(),
        [quoted(&format!("{text} {name} {}", s.email)).as_slice(), b" \xff"].concat(),
        s.gender.into(),
        s.birth_year.into(),
    ];
    assert_eq!(fields.len(), header().len());
    fields.join(&b","[..])
}

fn sentinel_csv() -> Vec<u8> {
    let mut csv = header().join(",").into_bytes();
    for s in &SENTINELS {
        csv.push(b'\n');
        csv.extend(sentinel_row(s));
    }
    csv.push(b'\n');
    csv
}

/// Text as the leak search compares it: compatibility-normalised, lower case, with format
/// characters and their `\u{…}` escapes removed, and æ/ae/aa, ø/oe and å/aa/a read alike.
fn fold(text: &str) -> String {
    let mut unescaped = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        unescaped.push_str(&rest[..at]);
        rest = match rest[at..].find('}') {
            Some(end) => &rest[at + end + 1..],
            None => "",
        };
    }
    unescaped.push_str(rest);
    let lower: String = unescaped
        .nfkc()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect();
    let lower: String = lower.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
    lower
        .replace(['æ', 'å'], "a")
        .replace('ø', "o")
        .replace("aa", "a")
        .replace("ae", "a")
        .replace("oe", "o")
        .replace('\u{430}', "a")
        .replace('\u{435}', "e")
}

/// The digits of every run of digits and separators (so `47 86-29.13` is `47862913`).
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut gap = 0;
    for c in text.nfkc() {
        if c.is_ascii_digit() {
            current.push(c);
            gap = 0;
        } else if " \u{a0}-–‐./()+".contains(c) && gap < 3 && !current.is_empty() {
            gap += 1;
        } else {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            gap = 0;
        }
    }
    runs.push(current);
    runs
}

/// Whether `year` occurs as a number of its own (not inside a score such as `19.37` or `1937.5`).
fn year_shown(text: &str, year: &str) -> bool {
    text.match_indices(year).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + year.len()..].chars().next();
        let part_of_number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',');
        !part_of_number(before) && !part_of_number(after)
    })
}

/// Every way a sentinel could show in `output`; empty when nothing leaks.
fn leaks(output: &str) -> Vec<String> {
    let folded = fold(output);
    let runs = digit_runs(output);
    let mut found = Vec::new();
    for s in &SENTINELS {
        for word in [s.first, s.last, s.gender, s.email, s.other_email] {
            if folded.contains(&fold(word)) {
                found.push(word.to_string());
            }
        }
        let mut initials = s.first.chars().take(1).chain(s.last.chars().take(1));
        let (a, b) = (initials.next().unwrap_or('?'), initials.next().unwrap_or('?'));
        for initials in [format!("{a}{b}"), format!("{a}.{b}."), format!("{a}. ")] {
            if output.contains(&initials) {
                found.push(initials);
            }
        }
        for digits in [s.phone, s.cpr, s.cpr.trim_start_matches('0'), &s.cpr[..6]] {
            if runs.iter().any(|r| r.contains(digits)) {
                found.push(digits.to_string());
            }
        }
        if year_shown(output, s.birth_year) {
            found.push(s.birth_year.to_string());
        }
    }
    found
}

fn fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    fixture.write("r2.toml", std::fs::read(repo(SECOND_RUBRIC)).expect("rubric"));
    fixture.write("a.csv", sentinel_csv());
    // A folder of applications joined with a.csv as the applicant list: each sentinel's CV, named
    // with their name, holds the free text again (with a line break inside the name), and a
    // damaged letter, named with the surname, gives a warning that names the document.
    std::fs::create_dir_all(fixture.path("apps")).expect("a folder");
    for s in &SENTINELS {
        let cv = format!("{}\n\nKontakt: {}\n{} {}", free_text(s), s.email, s.first, s.last);
        fixture.write(&format!("apps/{} CV {} {}.txt", s.id, s.first, s.last), cv);
        fixture.write(&format!("apps/{} ansøgning {}.docx", s.id, s.last), "not a zip archive");
    }
    fixture
}

/// The text of every XML part of an `.xlsx` file: what a spreadsheet shows is in them.
fn xlsx_text(path: &std::path::Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("the workbook");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut text = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("a part");
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).expect("reading a part");
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    assert!(text.contains("<sheetData>") || text.contains("<sheetData"), "no sheet in {text}");
    text
}

/// Every file a `letters` run wrote, concatenated, and how many there are.
fn letters_text(dir: &std::path::Path) -> (String, usize) {
    let mut names: Vec<_> = std::fs::read_dir(dir).expect("the letters").map(|e| e.expect("an entry").path()).collect();
    names.sort();
    let text = names.iter().map(|p| std::fs::read_to_string(p).expect("a letter")).collect();
    (text, names.len())
}

/// Runs profilmatch in the fixture with `SOURCE_DATE_EPOCH` set; returns (stdout, stderr, code).
fn run(fixture: &Fixture, args: &[&str]) -> (String, String, i32) {
    let output = assert_cmd::Command::cargo_bin("profilmatch")
        .expect("the binary")
        .current_dir(fixture.path("."))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(args)
        .output()
        .expect("running profilmatch");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (text(&output.stdout), text(&output.stderr), output.status.code().unwrap_or(-1))
}

/// Every output of a blind run, labelled: (label, bytes as text).
fn blind_outputs(fixture: &Fixture) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    for format in ["csv", "json", "jsonl", "table", "explain"] {
        let (out, err, code) = run(fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "--format", format]);
        assert_eq!(code, 0, "{format}: {err}");
        // The evidence is there: the ids, and in the explanation the planted terms.
        assert!(out.contains("S1") && out.contains("S2"), "{format}: {out}");
        if format == "explain" {
            assert!(out.contains("budgetansvar") && out.contains("▇▇▇"), "{out}");
            assert!(out.contains("warning:"), "{out}");
        }
        outputs.push((format!("score --format {format}"), out));
        outputs.push((format!("score --format {format}: stderr"), err));
    }
    let (out, err, code) =
        run(fixture, &["score", "--rubric", "r.toml", "--rubric", "r2.toml", "a.csv", "--blind", "--format", "matrix"]);
    assert_eq!(code, 0, "matrix: {err}");
    outputs.push(("score --format matrix".into(), out));
    outputs.push(("score --format matrix: stderr".into(), err));
    let (_, err, code) =
        run(fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "-o", "out.json", "--record", "record.json"]);
    assert_eq!(code, 0, "record: {err}");
    for file in ["out.json", "record.json"] {
        outputs.push((file.into(), std::fs::read_to_string(fixture.path(file)).expect("an output file")));
    }
    outputs.push(("score --record: stderr".into(), err));
    let (out, err, code) = run(fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "--format", "csv-da"]);
    assert_eq!(code, 0, "csv-da: {err}");
    assert!(out.contains("S1") && out.contains("S2"), "{out}");
    outputs.push(("score --format csv-da".into(), out));
    outputs.push(("score --format csv-da: stderr".into(), err));
    let (_, err, code) = run(fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "-o", "out.xlsx"]);
    assert_eq!(code, 0, "xlsx: {err}");
    let xlsx = xlsx_text(&fixture.path("out.xlsx"));
    assert!(xlsx.contains("S1") && xlsx.contains("S2"), "{xlsx}");
    outputs.push(("score -o out.xlsx (its XML)".into(), xlsx));
    outputs.push(("score -o out.xlsx: stderr".into(), err));
    for lang in ["da", "en"] {
        let dir = format!("letters-{lang}");
        let (_, err, code) =
            run(fixture, &["letters", "--rubric", "r.toml", "a.csv", "--blind", "--lang", lang, "-o", &dir]);
        assert_eq!(code, 0, "letters {lang}: {err}");
        let (letters, files) = letters_text(&fixture.path(&dir));
        // A Markdown and an HTML letter for each of the two applicants, with redacted quotes.
        assert_eq!(files, 4, "{letters}");
        assert!(letters.contains("S1") && letters.contains("▇▇▇"), "{letters}");
        outputs.push((format!("letters --lang {lang}"), letters));
        outputs.push((format!("letters --lang {lang}: stderr"), err));
    }
    let folder = ["apps", "--applicants", "a.csv"];
    let (out, err, code) = run(fixture, &[&["extract", "--blind", "--rubric", "r.toml"][..], &folder].concat());
    // The damaged letters: exit 3.
    assert_eq!(code, 3, "extract: {err}");
    assert!(out.contains("S1") && out.contains("budgetansvar") && out.contains("▇▇▇"), "{out}");
    assert!(err.contains("apps/▇▇▇: damaged"), "{err}");
    outputs.push(("extract --blind".into(), out));
    outputs.push(("extract --blind: stderr".into(), err));
    for format in ["explain", "json"] {
        let args = [&["score", "--rubric", "r.toml"][..], &folder, &["--blind", "--format", format]].concat();
        let (out, err, code) = run(fixture, &args);
        assert_eq!(code, 3, "documents {format}: {err}");
        assert!(out.contains("S1") && out.contains("▇▇▇"), "{out}");
        outputs.push((format!("score a folder --format {format}"), out));
        outputs.push((format!("score a folder --format {format}: stderr"), err));
    }
    let args = [&["report", "--rubric", "r.toml"][..], &folder, &["--shortlist", "2", "--blind", "-o", "folder.html"]]
        .concat();
    let (_, err, code) = run(fixture, &args);
    assert_eq!(code, 3, "documents report: {err}");
    let report = std::fs::read_to_string(fixture.path("folder.html")).expect("the report");
    assert!(report.contains("S1") && report.contains("▇▇▇"), "{report}");
    outputs.push(("report on a folder -o folder.html".into(), report));
    outputs.push(("report on a folder: stderr".into(), err));
    for lang in ["da", "en"] {
        for file in ["report.html", "report.md"] {
            let args = [
                "report",
                "--rubric",
                "r.toml",
                "a.csv",
                "--shortlist",
                "2",
                "--blind",
                "--group",
                "gender",
                "--lang",
                lang,
                "-o",
                file,
            ];
            let (_, err, code) = run(fixture, &args);
            assert_eq!(code, 0, "report {lang} {file}: {err}");
            let report = std::fs::read_to_string(fixture.path(file)).expect("the report");
            assert!(report.contains("S1") && report.contains("▇▇▇"), "{report}");
            outputs.push((format!("report --lang {lang} -o {file}"), report));
            outputs.push((format!("report --lang {lang} -o {file}: stderr"), err));
        }
    }
    outputs
}

#[test]
fn blind_mode_shows_no_sentinel_in_any_output_format_report_or_stderr() {
    let fixture = fixture();
    let outputs = blind_outputs(&fixture);
    // 5 score formats, the matrix, the -o file and the record, csv-da, xlsx, letters in two
    // languages, extract, two formats and a report on the folder, and 4 reports; each with its
    // stderr (the -o file and the record share one).
    assert_eq!(outputs.len(), 2 * 5 + 2 + 3 + 2 + 2 + 2 * 2 + 2 + 2 * 2 + 2 + 2 * 4);
    let mut failures = Vec::new();
    for (label, output) in &outputs {
        let found = leaks(output);
        if !found.is_empty() {
            failures.push(format!("{label} shows {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn without_blind_the_same_outputs_show_the_sentinels() {
    // The search above could pass by showing nothing: here it finds every kind of sentinel.
    let fixture = fixture();
    let (out, err, code) = run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--format", "explain"]);
    assert_eq!(code, 0, "{err}");
    let report = ["report", "--rubric", "r.toml", "a.csv", "--shortlist", "2", "--group", "gender", "-o", "g.md"];
    let (_, report_err, code) = run(&fixture, &report);
    assert_eq!(code, 0, "{report_err}");
    let report = std::fs::read_to_string(fixture.path("g.md")).expect("the report");
    let found = leaks(&format!("{out}{err}{report}"));
    for s in &SENTINELS {
        for needle in [s.first, s.last, s.email, s.phone, s.cpr, s.birth_year, s.gender] {
            assert!(found.iter().any(|f| f == needle), "{needle} not found in {found:?}");
        }
    }
    let (_, err, _) = run(&fixture, &["report", "--rubric", "r.toml", "a.csv", "--shortlist", "2", "-o", "r.md"]);
    let report = std::fs::read_to_string(fixture.path("r.md")).expect("the report");
    assert!(leaks(&report).iter().any(|f| f == "Quorvalda"), "{err}");
    // And each output added for the documents, the letters and the workbook shows them too.
    let (_, err, _) = run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "-o", "named.xlsx"]);
    assert!(leaks(&xlsx_text(&fixture.path("named.xlsx"))).iter().any(|f| f == "Quorvalda"), "{err}");
    let (_, err, _) = run(&fixture, &["letters", "--rubric", "r.toml", "a.csv", "-o", "named-letters"]);
    assert!(leaks(&letters_text(&fixture.path("named-letters")).0).iter().any(|f| f == "Quorvalda"), "{err}");
    let (out, err, _) = run(&fixture, &["extract", "apps", "--applicants", "a.csv"]);
    let found = leaks(&format!("{out}{err}"));
    for needle in ["Quorvalda", "Zinnemark", "47862913", "1212661234", "qz.sentinel@blindtest.example"] {
        assert!(found.iter().any(|f| f == needle), "extract: {needle} not found in {found:?}");
    }
    assert!(err.contains("apps/S1 ansøgning Zinnemark.docx: damaged"), "{err}");
}

#[test]
fn the_warnings_that_leaked_are_there_and_quote_nothing_in_blind_mode() {
    let fixture = fixture();
    let (_, err, _) = run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "--format", "csv"]);
    // The number column holding a name and a CPR number, the flag, the stray quote and the
    // damaged byte are all reported with their line and column; the cell text is not.
    for expected in [
        "a.csv:2:8: column 'years_management': '▇▇▇' is not a number; credit 0",
        "a.csv:2:13: column 'leadership_education': '▇▇▇' is neither yes nor no; credit 0",
        "a.csv:2:14: field 14 (column 'experience'): text follows a closing quote, so the cell is read as '▇▇▇'",
        "a.csv:2:15: column 'summary': 1 byte sequence(s) that are not UTF-8",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

#[test]
fn an_id_that_would_reveal_is_rejected_in_blind_mode_and_never_shown() {
    let fixture = fixture();
    let mut csv = sentinel_csv();
    // A third applicant whose id is a CPR number, and a fourth whose id is their own name.
    csv.extend(b"0101011234,Ann Berg,,,,,,,,,,,,budget,,,\nAnn-Berg,Ann Berg,,,,,,,,,,,,budget,,,\n");
    fixture.write("a.csv", csv);
    let (out, err, code) = run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "--format", "csv"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("a.csv:4: rejected: the id in column 'id' holds a name"), "{err}");
    assert!(err.contains("a.csv:5: rejected: the id in column 'id' holds a name"), "{err}");
    for shown in [&out, &err] {
        assert!(!shown.contains("0101011234") && !shown.contains("Ann-Berg"), "{shown}");
    }
    // Without --blind the same ids are ordinary ids.
    let (out, _, code) = run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.contains("0101011234") && out.contains("Ann-Berg"));
}

#[test]
fn rejects_cannot_be_written_blind() {
    let fixture = fixture();
    let (_, err, code) =
        run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "--rejects", "rejects.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--rejects writes rejected rows as they were read"), "{err}");
    assert!(!fixture.path("rejects.csv").exists());
}

/// The reproduction in the issue: a name and a CPR number in a number column went into the blind
/// report twice, as the criterion's value and as the row warning, and the report's stderr showed it.
#[test]
fn report_blind_hides_a_name_and_cpr_typed_in_a_number_column() {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    let header = header().join(",");
    let row =
        "B1,Bo Ek,bo@ek.example,,,,kommune,fem (Bo Ek cpr 020280-1234),3,100,10,cand.polit.,ja,budgetansvar,,mand,1980";
    fixture.write("a.csv", format!("{header}\n{row}\n"));
    for file in ["r.html", "r.md"] {
        let (_, err, code) =
            run(&fixture, &["report", "--rubric", "r.toml", "a.csv", "--shortlist", "1", "--blind", "-o", file]);
        assert_eq!(code, 0, "{err}");
        let report = std::fs::read_to_string(fixture.path(file)).expect("the report");
        for shown in [&report, &err] {
            for needle in ["Bo Ek", "020280", "0202801234", "Ek cpr", "fem (Bo"] {
                assert!(!shown.contains(needle), "{file} shows {needle:?}:\n{shown}");
            }
        }
        // The value is still accounted for: the data-quality section says it is not a number (in
        // the report's Danish), with the name and CPR number redacted.
        assert!(report.contains("ikke et tal") && report.contains("▇▇▇"), "{report}");
    }
}

/// A snippet cut inside the surname showed its end (`…emark har …`).
#[test]
fn a_snippet_cut_inside_a_surname_shows_no_part_of_it() {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    let header = header().join(",");
    // The snippet of `budgetansvar` (12 characters) keeps 24 characters on each side: 28
    // characters precede it, so it begins 4 characters into "Zinnemark".
    let text = "Zinnemark har altid haft et budgetansvar for hele forvaltningen og dens mange afdelinger.";
    let row = format!("Z1,Quorvalda Zinnemark,,,,,kommune,3,3,100,10,cand.polit.,ja,{text},,kvinde,1970");
    fixture.write("a.csv", format!("{header}\n{row}\n"));
    let (out, err, code) = run(&fixture, &["score", "--rubric", "r.toml", "a.csv", "--blind", "--format", "explain"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("budgetansvar"), "{out}");
    for part in ["emark", "nnemark", "Zinne", "Quorv"] {
        assert!(!out.contains(part), "shows {part:?}:\n{out}");
    }
}
