//! Text that cannot crash or mislead (issue 12, findings 5 and 6): one invalid byte no longer
//! turns a UTF-8 file into Windows-1252; control and format characters (ESC and its cursor and
//! hyperlink sequences, bidirectional overrides, zero-width characters) written by an applicant
//! reach no output raw; and a very long unbroken name does not push the totals off the printed
//! A4 shortlist.

mod common;

use common::{Fixture, repo};

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

fn samples() -> String {
    std::fs::read_to_string(repo("samples/applicants.csv")).expect("samples")
}

#[test]
fn one_invalid_byte_leaves_a_utf8_file_utf8_and_is_warned_about_in_its_cell() {
    // The reported case: one \xff in an otherwise UTF-8 file made it read as Windows-1252, every
    // Danish letter garbled, the top 5 changed, exit 0.
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    fixture.write("clean.csv", samples());
    let line = samples().lines().position(|l| l.starts_with("A030,")).expect("A030") + 1;
    let damaged: Vec<u8> = samples()
        .lines()
        .enumerate()
        .flat_map(|(i, l)| {
            let mut bytes = l.as_bytes().to_vec();
            if i + 1 == line {
                // Between two words of the summary (the last text column but two): no word changes.
                let at = l.rfind(", ").expect("a comma and a space in the row");
                bytes.insert(at + 1, 0xFF);
            }
            bytes.push(b'\n');
            bytes
        })
        .collect();
    fixture.write("damaged.csv", &damaged);
    let clean = fixture.run(&["score", "--rubric", "r.toml", "clean.csv", "--format", "csv"]);
    let run = fixture.run(&["score", "--rubric", "r.toml", "damaged.csv", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("(UTF-8, delimiter ','"), "{}", run.stderr);
    let warning = format!("damaged.csv:{line}:");
    let warned: Vec<&str> = run.stderr.lines().filter(|l| l.contains(&warning)).collect();
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(warned[0].contains("1 byte sequence(s) that are not UTF-8, each read as U+FFFD"), "{}", warned[0]);
    // Every other cell reads as written: the ranking is the clean file's, byte for byte.
    assert_eq!(run.out(), clean.out());
    assert!(run.out().contains("Mette Kjærgaard Holm"));
}

/// A row whose every text cell holds terminal and display controls: an OSC 8 hyperlink, cursor
/// movement, erase-line, BEL, a right-to-left override reversing a number, a zero-width space,
/// and line breaks.
fn hostile_row() -> String {
    let osc = "\u{1b}]8;;http://x.example\u{7}klik\u{1b}]8;;\u{7}";
    format!(
        "E\u{200b}1,\"Eva {osc} Ek\u{202e}4321\",,,,,kommune,\"12\u{1b}[1A\u{1b}[2K\",3,100,10,cand.polit.,\"ja\u{1b}[2K\u{202e}\",\"budgetansvar \u{1b}[31m økonomistyring\r\nbyrådet \u{202e}987654 \u{1b}[0m\",resume,kvinde,1970\n"
    )
}

fn assert_inert(label: &str, text: &str) {
    for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
        assert!(!text.contains(raw), "{label} holds {raw:?} raw:\n{text}");
    }
}

#[test]
fn control_and_format_characters_reach_no_text_output_raw() {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    // The header and the first five applicants (records, not lines: cells hold line breaks).
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_path(repo("samples/applicants.csv")).expect("samples");
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in reader.records().take(6) {
        writer.write_record(&record.expect("a record")).expect("a record");
    }
    let mut csv = String::from_utf8(writer.into_inner().expect("bytes")).expect("UTF-8");
    csv.push_str(&hostile_row());
    fixture.write("a.csv", csv);
    for format in ["table", "explain"] {
        let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_inert(&format!("--format {format}"), &run.out());
        assert_inert(&format!("--format {format}: stderr"), &run.stderr);
        // Shown escaped, on one line.
        assert!(run.out().contains("E\\u{200b}1"), "{}", run.out());
    }
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "explain"]);
    assert!(run.out().contains("\\u{1b}]8;;http://x.example\\u{7}klik"), "{}", run.out());
    assert!(run.out().contains("\\u{202e}987654"), "{}", run.out());
    // The warnings for the number and flag cells are on stderr, each on one line, escaped.
    assert!(run.stderr.contains("'12\\u{1b}[1A\\u{1b}[2K' is not a number"), "{}", run.stderr);
    assert!(run.stderr.lines().all(|l| l.starts_with("profilmatch: ")), "{}", run.stderr);
    for (file, lang) in [("r.html", "da"), ("r.md", "en")] {
        let run =
            fixture.run(&["report", "--rubric", "r.toml", "a.csv", "--shortlist", "6", "--lang", lang, "-o", file]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_inert(file, &std::fs::read_to_string(fixture.path(file)).expect("the report"));
        assert_inert(&format!("{file}: stderr"), &run.stderr);
    }
    let run = fixture.run(&["tune", "--rubric", "r.toml", "a.csv", "--weight", "oekonomi=6", "--swaps"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_inert("tune", &run.out());
    assert!(run.out().contains("E\\u{200b}1"), "{}", run.out());
}

#[test]
fn an_error_quoting_an_id_shows_it_inert() {
    // Duplicate ids stop the run with a message that quotes them.
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    let header = samples().lines().next().expect("a header").to_string();
    let row = "\"X\u{1b}[2J\",Ann,,,,,kommune,1,1,1,1,,ja,budget,,kvinde,1970";
    fixture.write("a.csv", format!("{header}\n{row}\n{row}\n"));
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("duplicate applicant ids: 'X\\u{1b}[2J' on lines 2, 3"), "{}", run.stderr);
    assert_inert("stderr", &run.stderr);
}

/// Whether Chromium and pdftotext are here to print a report and read the page back.
fn printing_tools() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let found = |program: &str| std::process::Command::new(program).arg("--version").output().is_ok();
    (std::path::Path::new(&chromium).exists() && found("pdftotext")).then_some(chromium)
}

#[test]
fn a_three_thousand_character_name_leaves_the_totals_on_the_printed_page() {
    let Some(chromium) = printing_tools() else {
        println!("skipped: needs chromium and pdftotext (apt-get install -y chromium poppler-utils)");
        return;
    };
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    let long = "Zyx".repeat(1000);
    let csv: Vec<String> = samples()
        .lines()
        .map(|l| if l.starts_with("A001,") { l.replacen("Mette Kjærgaard Holm", &long, 1) } else { l.to_string() })
        .collect();
    fixture.write("a.csv", csv.join("\n"));
    let run =
        fixture.run(&["report", "--rubric", "r.toml", "a.csv", "--shortlist", "3", "--lang", "en", "-o", "r.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = fixture.path("r.pdf");
    let printed = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", fixture.path("r.html").display()))
        .output()
        .expect("chromium runs");
    assert!(pdf.exists(), "chromium printed nothing: {}", String::from_utf8_lossy(&printed.stderr));
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    // The shortlist's totals, as `score` gives them for the top three, as the report prints
    // them: one decimal, half away from zero, with a decimal point in English (89.478084 is 89.5).
    let scored = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "csv", "--top", "3"]);
    let totals: Vec<String> = scored
        .out()
        .lines()
        .skip(1)
        .map(|line| {
            let total: f64 = line.split(',').nth(4).expect("a total").parse().expect("a number");
            format!("{:.1}", (total * 10.0).round() / 10.0)
        })
        .collect();
    assert_eq!(totals.len(), 3, "{}", scored.out());
    for total in &totals {
        assert!(text.contains(total.as_str()), "the printed report lost the total {total}");
    }
}
