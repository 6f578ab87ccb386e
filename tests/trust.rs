//! What profilmatch promises about its output: atomic and safe writes, a reproducible run record,
//! blind mode that hides every identifying value in every format, and protected columns that
//! never move a score.

mod common;

use common::{Fixture, repo};
use sha2::{Digest, Sha256};

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

fn sample_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("the sample rubric"));
    fixture.write("a.csv", std::fs::read(repo("samples/applicants.csv")).expect("the sample applicants"));
    fixture
}

#[test]
fn a_failing_write_to_dev_full_exits_non_zero_and_leaves_the_device_alone() {
    let fixture = sample_fixture();
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "-o", "/dev/full", "--format", "csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("writing /dev/full:"), "{}", run.stderr);
    // Written in place, never renamed over: /dev/full is still a character device.
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/full").expect("/dev/full").file_type().is_char_device());
}

#[test]
fn a_failing_run_leaves_an_existing_output_file_intact() {
    let fixture = sample_fixture();
    fixture.write("bad.toml", "[rubric]\nid = \"x\"\nwieght = 2\n");
    fixture.write("out.csv", "the previous ranking\n");
    let run = fixture.run(&["score", "--rubric", "bad.toml", "a.csv", "-o", "out.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(fixture.path("out.csv")).expect("out.csv"), "the previous ranking\n");
    // And no temporary file is left behind in the directory.
    let names: Vec<String> = std::fs::read_dir(fixture.path("."))
        .expect("the directory")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn an_output_path_equal_to_an_input_is_refused() {
    let fixture = sample_fixture();
    let before = std::fs::read(fixture.path("a.csv")).expect("a.csv");
    for flag in ["-o", "--record", "--rejects"] {
        for target in ["a.csv", "./r.toml"] {
            let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", flag, target]);
            assert_eq!(run.code, 2, "{flag} {target}: {}", run.stderr);
            assert!(run.stderr.contains("refusing to overwrite an input file"), "{}", run.stderr);
        }
    }
    assert_eq!(std::fs::read(fixture.path("a.csv")).expect("a.csv"), before);
}

#[test]
fn score_help_says_that_csv_cells_are_neutralised() {
    let run = Fixture::new().run(&["score", "--help"]);
    assert_eq!(run.code, 0);
    let help = run.out().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("CSV output prefixes cells that start with `=`, `+`, `-`, `@`, TAB, CR or LF with `'`"),
        "{help}"
    );
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs a scoring with `--record` in `fixture` and returns (output bytes, record bytes).
fn recorded_run(fixture: &Fixture, env: &[(&str, &str)], threads: &str) -> (Vec<u8>, Vec<u8>) {
    let output = assert_cmd::Command::cargo_bin("profilmatch")
        .expect("the binary")
        .current_dir(fixture.path("."))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .envs(env.iter().copied())
        .args(["score", "--rubric", "r.toml", "a.csv", "--format", "json", "--weight", "politik=3"])
        .args(["--threads", threads, "-o", "out.json", "--record", "record.json"])
        .output()
        .expect("running profilmatch");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let read = |name: &str| std::fs::read(fixture.path(name)).expect("an output file");
    (read("out.json"), read("record.json"))
}

#[test]
fn the_run_record_says_what_was_read_and_how() {
    let fixture = sample_fixture();
    let (_, record) = recorded_run(&fixture, &[], "2");
    let record: serde_json::Value = serde_json::from_slice(&record).expect("the record is JSON");
    assert_eq!(record["profilmatch"], format!("profilmatch {}", env!("CARGO_PKG_VERSION")));
    // 1,700,000,000 s after the epoch is 2023-11-14 22:13:20 UTC.
    assert_eq!(record["time"], "2023-11-14T22:13:20Z");
    let applicants = std::fs::read(repo("samples/applicants.csv")).expect("samples");
    let rubric = std::fs::read(repo(RUBRIC)).expect("rubric");
    assert_eq!(record["inputs"][0]["role"], "rubric");
    assert_eq!(record["inputs"][0]["sha256"], sha256(&rubric));
    assert_eq!(record["inputs"][1]["path"], "a.csv");
    assert_eq!(record["inputs"][1]["sha256"], sha256(&applicants));
    assert_eq!(record["inputs"][1]["bytes"], applicants.len() as u64);
    assert_eq!(record["applicants"]["encoding"], "UTF-8");
    assert_eq!(record["applicants"]["delimiter"], ",");
    assert_eq!(record["applicants"]["decimal_comma"], false);
    assert_eq!(record["options"]["weight"], serde_json::json!(["politik=3"]));
    assert!(record["options"].get("threads").is_none(), "{record:#}");
    let politik =
        record["rubrics"][0]["competencies"].as_array().expect("competencies").iter().find(|c| c["id"] == "politik");
    assert_eq!(politik.expect("politik")["weight"], 3.0);
    // samples/applicants.csv holds 87 applicants (66, 12 probes and 9 committee samples), all scored.
    assert_eq!(record["rubrics"][0]["rows"], serde_json::json!({"read": 87, "scored": 87, "rejected": 0, "blank": 0}));
}

#[test]
fn outputs_and_record_are_byte_identical_across_runs_threads_tz_and_lang() {
    let fixture = sample_fixture();
    let first = recorded_run(&fixture, &[], "1");
    for (env, threads) in [
        (&[][..], "1"),
        (&[][..], "8"),
        (&[("TZ", "Pacific/Kiritimati"), ("LANG", "da_DK.UTF-8")][..], "8"),
        (&[("TZ", "America/Adak"), ("LANG", "C"), ("LC_ALL", "tr_TR.UTF-8")][..], "3"),
    ] {
        let again = recorded_run(&fixture, env, threads);
        assert!(again.0 == first.0, "output differs with {env:?}, --threads {threads}");
        assert!(again.1 == first.1, "record differs with {env:?}, --threads {threads}");
    }
}

#[test]
fn a_malformed_source_date_epoch_is_an_error() {
    let fixture = sample_fixture();
    let output = assert_cmd::Command::cargo_bin("profilmatch")
        .expect("the binary")
        .current_dir(fixture.path("."))
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["score", "--rubric", "r.toml", "a.csv", "-o", "out.csv", "--record", "record.json"])
        .output()
        .expect("running profilmatch");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("SOURCE_DATE_EPOCH=\"yesterday\""));
}

/// Distinctive values that occur nowhere in the rubric or the sample text, per applicant.
struct Sentinel {
    id: &'static str,
    first: &'static str,
    last: &'static str,
    email: &'static str,
    phone: &'static str,
    cpr: &'static str,
    cpr_digits: &'static str,
    gender: &'static str,
    birth_year: &'static str,
}

const SENTINELS: [Sentinel; 2] = [
    Sentinel {
        id: "S1",
        first: "Quorvalda",
        last: "Zinnemark",
        email: "qz.sentinel@blindtest.example",
        phone: "+45 31 41 59 26",
        cpr: "121266-1234",
        cpr_digits: "1212661234",
        gender: "Zorbquine",
        birth_year: "1937",
    },
    Sentinel {
        id: "S2",
        first: "Yllvarin",
        last: "Oxtaboe",
        email: "yllvarin_o@sentinel-mail.example",
        phone: "27 18 28 18",
        cpr: "030958-4321",
        cpr_digits: "0309584321",
        gender: "Vexelmorph",
        birth_year: "1929",
    },
];

/// One applicant row of samples/applicants.csv's header with a sentinel in every column but the id.
fn sentinel_row(s: &Sentinel) -> Vec<String> {
    let name = format!("{} {}", s.first, s.last);
    let text = format!(
        "Jeg hedder {name} ({}), født {}, cpr {}. Skriv til {} eller ring {}. Som økonomidirektør har {} \
         budgetansvar og økonomistyring; {} leder byrådet betjening. Mit CPR-nummer er også {}.",
        s.gender, s.birth_year, s.cpr, s.email, s.phone, s.first, s.last, s.cpr_digits
    );
    vec![
        s.id.to_string(),
        name.clone(),
        s.email.to_string(),
        s.phone.to_string(),
        format!("Økonomidirektør {}", s.last),          // title
        format!("{} Kommune, tlf {}", s.last, s.phone), // employer
        format!("kommune {}", s.cpr),                   // sector (a choice)
        s.cpr_digits.to_string(),                       // years_management (a number)
        s.phone.replace(' ', ""),                       // years_leading_leaders (a number)
        format!("{} mio", s.birth_year),                // budget_mio
        s.email.to_string(),                            // staff_led
        format!("cand.polit. {}", s.first),             // education
        format!("ja {}", s.last),                       // leadership_education (a flag)
        text.clone(),                                   // experience
        format!("{text} {name} {}", s.email),           // summary
        s.gender.to_string(),
        s.birth_year.to_string(),
    ]
}

fn sentinel_csv() -> Vec<u8> {
    let header = std::fs::read_to_string(repo("samples/applicants.csv")).expect("samples");
    let header = header.lines().next().expect("a header").to_string();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header.split(',')).expect("a header");
    for sentinel in &SENTINELS {
        writer.write_record(sentinel_row(sentinel)).expect("a row");
    }
    writer.into_inner().expect("bytes")
}

/// Whether `needle` occurs in `haystack` (both lower-cased) not as part of a longer number.
fn leaks(haystack: &str, needle: &str) -> bool {
    let haystack = haystack.to_lowercase();
    let needle = needle.to_lowercase();
    haystack.match_indices(&needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
        !(needle.starts_with(|c: char| c.is_ascii_digit()) && (digit(before) || digit(after)))
    })
}

#[test]
fn blind_output_shows_no_sentinel_in_any_format() {
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    fixture.write("a.csv", sentinel_csv());
    for format in ["csv", "json", "jsonl", "table", "explain"] {
        let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--blind", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let out = String::from_utf8_lossy(&run.stdout).into_owned();
        // The ids are shown, the evidence is still there (the rubric terms in the planted text).
        assert!(out.contains("S1") && out.contains("S2"), "{format}: {out}");
        if format == "explain" {
            assert!(out.contains("budgetansvar"), "{out}");
            assert!(out.contains("▇▇▇"), "{out}");
        }
        for s in &SENTINELS {
            let digits_only = s.phone.replace([' ', '+'], "");
            for needle in [
                s.first,
                s.last,
                s.email,
                s.phone,
                s.cpr,
                s.cpr_digits,
                s.gender,
                s.birth_year,
                &digits_only,
                &s.phone[3..],
                // As number cells show them: without the `+`, and without a CPR number's leading zero.
                s.cpr_digits.trim_start_matches('0'),
            ] {
                assert!(!leaks(&out, needle), "--format {format} shows {needle:?}:\n{out}");
                assert!(!leaks(&run.stderr, needle), "--format {format}: stderr shows {needle:?}:\n{}", run.stderr);
            }
        }
    }
}

#[test]
fn without_blind_the_sentinels_are_shown() {
    // The check above could pass by showing nothing at all: here the same data does show them.
    let fixture = Fixture::new();
    fixture.write("r.toml", std::fs::read(repo(RUBRIC)).expect("rubric"));
    fixture.write("a.csv", sentinel_csv());
    let run = fixture.run(&["score", "--rubric", "r.toml", "a.csv", "--format", "explain"]);
    let out = run.out();
    assert!(leaks(&out, "Quorvalda") && leaks(&out, "121266-1234"), "{out}");
}

/// samples/applicants.csv with its protected columns (gender, birth_year: the last two) changed or dropped.
fn protected_variant(change: fn(&mut csv::StringRecord, usize)) -> Vec<u8> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_path(repo("samples/applicants.csv")).expect("samples");
    let mut writer = csv::Writer::from_writer(Vec::new());
    for (i, record) in reader.records().enumerate() {
        let mut record = record.expect("a record");
        change(&mut record, i);
        writer.write_record(&record).expect("a record");
    }
    writer.into_inner().expect("bytes")
}

#[test]
fn protected_columns_never_change_a_score() {
    let original = std::fs::read(repo("samples/applicants.csv")).expect("samples");
    let swapped = protected_variant(|record, i| {
        if i > 0 {
            let fields: Vec<String> = record.iter().map(str::to_string).collect();
            let n = fields.len();
            let mut fields = fields;
            fields[n - 2] = if fields[n - 2] == "kvinde" { "mand".into() } else { "kvinde".into() };
            // Years no text mentions: blind output redacts a row's protected values wherever they
            // occur, and whole-sentence quotes hold years such as 2017.
            fields[n - 1] = (1800 + i).to_string();
            *record = csv::StringRecord::from(fields);
        }
    });
    let dropped = protected_variant(|record, _| {
        let n = record.len();
        *record = record.iter().take(n - 2).collect();
    });
    assert_ne!(original, swapped);
    let rubric = std::fs::read_to_string(repo(RUBRIC)).expect("rubric");
    // A rubric naming a protected column the file lacks is an error (protection must not turn off
    // silently), so the dropped columns are dropped from the rubric's `protected` list too.
    let unprotected = rubric.replace(r#"protected = ["gender", "birth_year"]"#, "protected = []");
    assert_ne!(rubric, unprotected);
    let outputs: Vec<Vec<u8>> = [(&rubric, original), (&rubric, swapped), (&unprotected, dropped)]
        .iter()
        .map(|(rubric, csv)| {
            let fixture = Fixture::new();
            let run = fixture.score(rubric, csv, &["--format", "json", "--blind"]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            run.stdout
        })
        .collect();
    assert!(outputs[0] == outputs[1], "changing gender and birth_year changed the output");
    assert!(outputs[0] == outputs[2], "dropping gender and birth_year changed the output");
}
