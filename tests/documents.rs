//! A folder of applications (issue 16): the sample documents rank as their own text does from a
//! CSV, each format is read, the id conventions and their errors, the applicant list join, scans
//! and encrypted files, page and paragraph citations, blind mode over document text, and the
//! extraction cache.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const RUBRIC: &str = "rubrics/hoeje-taastrup-oekonomidirektoer.toml";

fn folder_args<'a>(command: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![command];
    args.extend_from_slice(extra);
    args
}

/// Scores the sample folder with the sample list (paths relative to the repository).
fn score_samples(fixture: &Fixture, extra: &[&str]) -> Run {
    let rubric = repo(RUBRIC);
    let folder = repo("samples/applications");
    let list = repo("samples/applications/ansoegerliste.xlsx");
    let mut args = vec![
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        folder.to_str().unwrap(),
        "--applicants",
        list.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    fixture.run(&args)
}

/// (id, rank, total) in rank order.
fn ranking(candidates: &[Value]) -> Vec<(String, u64, f64)> {
    candidates
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c["rank"].as_u64().unwrap(), num(&c["total"])))
        .collect()
}

fn evidence<'a>(candidate: &'a Value, term: &str) -> &'a Value {
    candidate["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["criteria"].as_array().unwrap())
        .flat_map(|k| k["evidence"].as_array().unwrap())
        .find(|e| e["term"] == term)
        .unwrap_or_else(|| panic!("no evidence for {term:?}"))
}

/// Copies a repository file into the fixture under `name`.
fn copy(fixture: &Fixture, from: &str, name: &str) {
    let target = fixture.path(name);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::copy(repo(from), target).unwrap();
}

#[test]
fn the_sample_folder_ranks_as_the_same_text_does_from_csv() {
    let fixture = Fixture::new();
    let run = score_samples(&fixture, &["--format", "json"]);
    // A008's CV is a scan without a text layer: reported, and the run exits 3.
    assert_eq!(run.code, 3, "{}", run.stderr);
    let from_folder = ranking(&run.json_any_code());
    // The same applicants' text, as written into the documents, with A008's CV blank: the scan
    // cannot be read without OCR, so the folder's honest equivalent holds no CV for A008.
    let mut twin = std::fs::read_to_string(repo("samples/applications-text.csv")).unwrap();
    let (header, rows) = parse_csv(&twin);
    let cv = header.iter().position(|h| h == "cv").unwrap();
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut r| {
            if r[0] == "A008" {
                r[cv].clear();
            }
            r
        })
        .collect();
    twin = write_csv(&header, &rows);
    fixture.write("twin.csv", twin);
    let rubric = repo(RUBRIC);
    let from_csv =
        ranking(&fixture.run(&["score", "--rubric", rubric.to_str().unwrap(), "twin.csv", "--format", "json"]).json());
    assert_eq!(from_folder.len(), 12);
    assert_eq!(from_folder, from_csv);
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn write_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn extract_writes_the_joined_table_with_every_format_read() {
    let fixture = Fixture::new();
    let folder = repo("samples/applications");
    let list = repo("samples/applications/ansoegerliste.xlsx");
    let run =
        fixture.run(&["extract", folder.to_str().unwrap(), "--applicants", list.to_str().unwrap(), "-o", "table.csv"]);
    assert_eq!(run.code, 3, "the scan makes the exit code 3: {}", run.stderr);
    let (header, rows) = parse_csv(&std::fs::read_to_string(fixture.path("table.csv")).unwrap());
    // The list's 15 columns, then the two document kinds.
    assert_eq!(header.len(), 17, "{header:?}");
    assert_eq!(&header[15..], ["ansoegning", "cv"]);
    let text = |id: &str, column: &str| {
        let row = rows.iter().find(|r| r[0] == id).unwrap();
        row[header.iter().position(|h| h == column).unwrap()].clone()
    };
    // DOCX (A003), ODT (A005), TXT and Markdown (A010), PDF (A001, two columns), a letter and CV
    // in one PDF (A007), each with its Danish letters intact.
    assert!(text("A003", "cv").contains("Senior financial controller i Nordlys Energi A/S siden 2018."));
    assert!(text("A003", "ansoegning").contains("Kære ansættelsesudvalg"));
    assert!(text("A005", "cv").contains("Vicekommunaldirektør i Skovlund Kommune"));
    assert!(text("A010", "ansoegning").contains("Hermed søger jeg stillingen."));
    assert!(text("A010", "cv").starts_with("Curriculum vitae"), "Markdown's '## ' is not text");
    assert!(text("A001", "cv").contains("har omlagt økonomistyringen fra detaljeret bevillingskontrol"));
    assert!(text("A007", "ansoegning").contains("Curriculum vitae"));
    assert!(text("A007", "cv").is_empty());
    // The scan gives nothing, and says so.
    assert!(text("A008", "cv").is_empty());
    assert!(run.stderr.contains("A008/CV.pdf: no text: needs OCR"), "{}", run.stderr);
    // The photo is listed and skipped.
    assert!(run.stderr.contains("A022/foto.jpg: not read: an image"), "{}", run.stderr);
}

#[test]
fn a_scanned_cv_is_reported_counted_and_its_applicant_kept_and_flagged() {
    let fixture = Fixture::new();
    let run = score_samples(&fixture, &["--format", "json"]);
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("applicant A008 is kept, flagged, and scored without this document"), "{}", run.stderr);
    assert!(run.stderr.contains("1 without text"), "{}", run.stderr);
    let candidates = run.json_any_code();
    let a008 = candidate(&candidates, "A008");
    let warnings: Vec<&str> = a008["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(warnings.iter().any(|w| w.contains("applicant A008: A008/CV.pdf: no text: needs OCR")), "{warnings:?}");
    // The flag is in the explanation too.
    let explain = score_samples(&fixture, &["--explain"]);
    assert!(explain.out().contains("warning: "), "{}", explain.out());
    assert!(explain.out().contains("A008/CV.pdf: no text: needs OCR"));
}

#[test]
fn evidence_cites_the_pdf_page_and_the_word_paragraph() {
    let fixture = Fixture::new();
    // Three terms the citations are checked by (a rubric of the test's own, so that the shipped
    // rubric's vocabulary can change): one in A003's letter, one in the CV, one in a list cell.
    let words = criterion(
        "words",
        1.0,
        "kind = \"terms\"\nfields = [\"ansoegning\", \"cv\"]\nterms = [\"regnskab*\", \"budgetproces*\"]",
    );
    let title = criterion("title", 1.0, "kind = \"terms\"\nfields = [\"title\"]\nterms = [\"financial control\"]");
    fixture.write("words.toml", rubric(&format!("{}{words}{title}", competency("c", 1.0))));
    let (folder, list) = (repo("samples/applications"), repo("samples/applications/ansoegerliste.xlsx"));
    let candidates = fixture
        .run(&[
            "score",
            "--rubric",
            "words.toml",
            folder.to_str().unwrap(),
            "--applicants",
            list.to_str().unwrap(),
            "--format",
            "json",
        ])
        .json_any_code();
    // A003's letter and CV are Word files. Letter paragraphs (samples/applications-text.csv):
    // 1 name, 2 contact, 3 heading, 4 "Kære ansættelsesudvalg", 5 "Hermed søger jeg …" with the
    // summary. CV: 1 "Curriculum vitae", 2 name, 3 contact, 4 position, 5 "Erhvervserfaring",
    // 6 the experience.
    let a003 = candidate(&candidates, "A003");
    let letter = evidence(a003, "regnskab*");
    assert_eq!(letter["field"], "ansoegning");
    assert_eq!(letter["source"], serde_json::json!({"document": "A003 ansøgning.docx", "paragraph": 5}));
    let cv = evidence(a003, "budgetproces*");
    assert_eq!(cv["source"], serde_json::json!({"document": "A003 CV.docx", "paragraph": 6}));
    // Text from the list's cells has no source.
    let title = evidence(a003, "financial control");
    assert_eq!(title["field"], "title");
    assert!(title.get("source").is_none(), "{title}");
    // A011's CV is a two-column PDF whose education section starts page 2: "aftalestyring" is in
    // the experience on page 1, "master of public administration" only on page 2.
    let body = criterion(
        "cv",
        1.0,
        "kind = \"terms\"\nfields = [\"cv\"]\nterms = [\"aftalestyring\", \"master of public administration\"]",
    );
    fixture.write("pages.toml", rubric(&format!("{}{body}", competency("c", 1.0))));
    let folder = repo("samples/applications");
    let json =
        fixture.run(&["score", "--rubric", "pages.toml", folder.to_str().unwrap(), "--format", "json"]).json_any_code();
    let a011 = candidate(&json, "A011");
    assert_eq!(evidence(a011, "aftalestyring")["source"], serde_json::json!({"document": "A011/CV.pdf", "page": 1}));
    let page_two = evidence(a011, "master of public administration");
    assert_eq!(page_two["source"], serde_json::json!({"document": "A011/CV.pdf", "page": 2}));
    // --explain names the document and page.
    let explain = fixture.run(&["score", "--rubric", "pages.toml", folder.to_str().unwrap(), "--explain"]).out();
    assert!(
        explain.contains("as \"Master of Public Administration\" in cv [A011/CV.pdf, page 2] (exact)"),
        "{explain}"
    );
    // The report's evidence table names the document and page too, in the report's language.
    let folder = folder.to_str().unwrap();
    for (lang, words) in [("da", "A011/CV.pdf, side 2"), ("en", "A011/CV.pdf, page 2")] {
        let args = ["report", "--rubric", "pages.toml", folder, "--shortlist", "12", "--lang", lang, "-o", "pages.md"];
        fixture.run(&args);
        let report = std::fs::read_to_string(fixture.path("pages.md")).unwrap();
        assert!(report.contains(words), "{lang}: {report}");
    }
}

#[test]
fn blind_mode_redacts_names_and_cpr_numbers_read_from_a_pdf() {
    let fixture = Fixture::new();
    let secrets = ["Mette", "Kjærgaard", "Holm", "120372-1234", "mette.holm@example.dk", "20 12 34 56"];
    for format in ["json", "explain", "csv"] {
        let run = score_samples(&fixture, &["--blind", "--format", format]);
        let out = run.out();
        assert!(out.contains("A001"), "{format}");
        for secret in secrets {
            assert!(!out.contains(secret), "{format} shows {secret:?}");
        }
    }
    // The CPR number is in the CV's text, and a match next to it would quote it: check that the
    // text really holds it, so the test above could fail.
    let run = fixture.run(&["extract", repo("samples/applications").to_str().unwrap(), "-o", "all.csv"]);
    assert_eq!(run.code, 3);
    let table = std::fs::read_to_string(fixture.path("all.csv")).unwrap();
    assert!(table.contains("CPR-nr. 120372-1234") && table.contains("Mette Kjærgaard Holm"));
    // The report: Markdown and HTML.
    let rubric = repo(RUBRIC);
    let folder = repo("samples/applications");
    let list = repo("samples/applications/ansoegerliste.xlsx");
    for output in ["r.md", "r.html"] {
        let run = fixture.run(&[
            "report",
            "--rubric",
            rubric.to_str().unwrap(),
            folder.to_str().unwrap(),
            "--applicants",
            list.to_str().unwrap(),
            "--shortlist",
            "12",
            "--blind",
            "-o",
            output,
        ]);
        assert_eq!(run.code, 3, "{}", run.stderr);
        let report = std::fs::read_to_string(fixture.path(output)).unwrap();
        assert!(report.contains("A001"));
        for secret in secrets {
            assert!(!report.contains(secret), "{output} shows {secret:?}");
        }
    }
}

/// A rubric over the document text alone.
fn text_rubric() -> String {
    rubric(&format!(
        "{}{}",
        competency("oekonomi", 1.0),
        criterion("budget", 1.0, "kind = \"terms\"\nterms = [\"budgetansvar\", \"økonomistyring\"]\nneed = 2")
    ))
}

#[test]
fn applicants_are_subfolders_or_files_named_by_the_id() {
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    std::fs::create_dir_all(fixture.path("apps/17 Anna/bilag")).unwrap();
    fixture.write("apps/17 Anna/ansøgning.txt", "Jeg har budgetansvar.");
    fixture.write("apps/17 Anna/bilag/cv.md", "## Erfaring\n\nØkonomistyring i ti år.");
    fixture.write("apps/B2_cv.txt", "Budgetansvar");
    fixture.write("apps/B2 ansøgning.txt", "Kære udvalg");
    fixture.write("apps/.DS_Store", "x");
    fixture.write("apps/~$B2 cv.docx", "x");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 17: both terms, need 2: 100. B2: "Budgetansvar" only: 50.
    assert_eq!(
        run.out(),
        "rank,tied,id,name,total,oekonomi,meets_requirements,requirements,core\n\
         1,false,17,,100,100,true,met,\n2,false,B2,,50,50,true,met,\n"
    );
    assert!(
        run.stderr.contains("apps: read 2 rows: 2 scored, 0 rejected, 0 blank (4 documents (0 from the cache): 4 read"),
        "{}",
        run.stderr
    );
    // The cv in a subfolder of 17's folder is cited with its path.
    let json = fixture.run(&["score", "--rubric", "r.toml", "apps", "--format", "json"]).json();
    let seventeen = candidate(&json, "17");
    assert_eq!(
        evidence(seventeen, "økonomistyring")["source"],
        serde_json::json!({"document": "17 Anna/bilag/cv.md", "paragraph": 2})
    );
}

#[test]
fn a_document_not_named_by_an_id_is_a_clear_error() {
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    std::fs::create_dir_all(fixture.path("apps/Mette Holm")).unwrap();
    fixture.write("apps/A1 cv.txt", "budgetansvar");
    fixture.write("apps/ansøgning.txt", "budgetansvar");
    fixture.write("apps/Mette Holm/cv.txt", "budgetansvar");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("apps: entries are not named by an applicant id: 'Mette Holm/', 'ansøgning.txt'"),
        "{}",
        run.stderr
    );
    // An empty folder says what it expects.
    std::fs::create_dir_all(fixture.path("empty")).unwrap();
    let run = fixture.run(&["score", "--rubric", "r.toml", "empty"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("empty: no applications here"), "{}", run.stderr);
}

#[test]
fn unknown_file_types_are_listed_and_skipped() {
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    std::fs::create_dir_all(fixture.path("apps/A1")).unwrap();
    fixture.write("apps/A1/cv.txt", "budgetansvar og økonomistyring");
    fixture.write("apps/A1/gammel.doc", "x");
    fixture.write("apps/A1/brev.rtf", "{\\rtf1 x}");
    fixture.write("apps/A2 foto.png", "x");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("apps/A1/gammel.doc: not read: an old binary Word file (.doc)"), "{}", run.stderr);
    assert!(run.stderr.contains("apps/A1/brev.rtf: not read: RTF is not read"), "{}", run.stderr);
    assert!(run.stderr.contains("apps/A2 foto.png: not read: an image"), "{}", run.stderr);
    assert!(run.stderr.contains("3 skipped"), "{}", run.stderr);
    // A2 had only a photo: not an applicant.
    assert_eq!(run.out().lines().count(), 2, "{}", run.out());
}

#[test]
fn the_applicant_list_is_joined_on_the_id_with_missing_and_extra_ids_flagged() {
    let fixture = Fixture::new();
    let body = format!(
        "{}{}{}",
        competency("oekonomi", 1.0),
        criterion("budget", 1.0, "kind = \"terms\"\nterms = [\"budgetansvar\"]"),
        criterion("aar", 1.0, "kind = \"number\"\nfield = \"years\"\ncurve = [[0, 0], [10, 1]]"),
    );
    fixture.write("r.toml", rubric(&body));
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    fixture.write("apps/A1 cv.txt", "Budgetansvar");
    fixture.write("apps/A3 cv.txt", "Budgetansvar");
    // A2 is listed without documents; A3 has documents but is not listed.
    fixture.write("liste.csv", "id;name;years\nA1;Ann Berg;5\nA2;Bo Dahl;7,5\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps", "--applicants", "liste.csv", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "1 applicant(s) with documents but no row in the applicant list (their list columns are blank): A3"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 applicant(s) in the applicant list without documents (scored on the list alone): A2"),
        "{}",
        run.stderr
    );
    let candidates = run.json();
    // A1: budget 1, years 5/10 = 0.5: (1 + 0.5) / 2 = 75. A2: budget 0, years 7.5/10 (a `;` list
    // reads 7,5 with a decimal comma): 0.375 · 100 = 37.5. A3: budget 1, years blank 0: 50.
    let totals: Vec<(&str, f64)> = candidates.iter().map(|c| (c["id"].as_str().unwrap(), num(&c["total"]))).collect();
    assert_eq!(totals, [("A1", 75.0), ("A3", 50.0), ("A2", 37.5)]);
    assert_eq!(candidate(&candidates, "A1")["name"], "Ann Berg");
    let flags = |id: &str| candidate(&candidates, id)["warnings"].to_string();
    assert!(flags("A2").contains("no documents in the applications folder"), "{}", flags("A2"));
    assert!(flags("A3").contains("not in the applicant list"), "{}", flags("A3"));
    assert_eq!(flags("A1"), "[]");
    // A list without an id column, and duplicate ids, are errors naming the list.
    fixture.write("bad.csv", "nr,name\n1,Ann\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps", "--applicants", "bad.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.csv:1: the applicant list has no 'id' column"), "{}", run.stderr);
    fixture.write("dup.csv", "id,years\nA1,1\nA1,2\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps", "--applicants", "dup.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dup.csv: duplicate applicant ids: 'A1' on lines 2, 3"), "{}", run.stderr);
    // --applicants with a CSV instead of a folder is a usage error.
    let run = fixture.run(&["score", "--rubric", "r.toml", "liste.csv", "--applicants", "liste.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("liste.csv is not a folder"), "{}", run.stderr);
}

#[test]
fn encrypted_damaged_and_oversized_documents_are_named_and_their_applicants_kept() {
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    copy(&fixture, "tests/data/documents/encrypted.pdf", "apps/A1 ansøgning.pdf");
    fixture.write("apps/A1 cv.txt", "budgetansvar");
    fixture.write("apps/A2 cv.docx", "this is not a zip archive");
    fixture.write("apps/A3 cv.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >>\n");
    let run = fixture.run(&["score", "--rubric", "r.toml", "apps", "--format", "csv"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("apps/A1 ansøgning.pdf: encrypted: it cannot be read without its password"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("apps/A2 cv.docx: damaged: not a readable zip archive"), "{}", run.stderr);
    assert!(run.stderr.contains("apps/A3 cv.pdf: damaged"), "{}", run.stderr);
    assert!(run.stderr.contains("3 without text"), "{}", run.stderr);
    // All three applicants are ranked; A1 on its CV: "budgetansvar" only, need 2: 50.
    let out = run.out();
    assert!(out.contains(",A1,,50,") && out.contains(",A2,,0,") && out.contains(",A3,,0,"), "{out}");
}

#[test]
fn a_pdf_locked_only_by_an_owner_password_is_read() {
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    copy(&fixture, "tests/data/documents/owner-locked.pdf", "apps/A1 ansøgning.pdf");
    let run = fixture.run(&["extract", "apps"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.out().contains("Kære ansættelsesudvalg"), "{}", run.out());
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    use std::io::Write;
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    // word/document.xml of 101 MB of spaces compresses to about 100 kB; the limit is 100 MB.
    let file = std::fs::File::create(fixture.path("apps/A1 cv.docx")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>").unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..101 {
        zip.write_all(&block).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    zip.finish().unwrap();
    let run = fixture.run(&["extract", "apps"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("apps/A1 cv.docx: too large: word/document.xml unpacks to more than 100000000 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_cache_keeps_extracted_text_by_content_and_is_safe_to_delete() {
    let fixture = Fixture::new();
    fixture.write("r.toml", text_rubric());
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    copy(&fixture, "samples/applications/A003 CV.docx", "apps/A003 CV.docx");
    copy(&fixture, "samples/applications/A001/Ansøgning.pdf", "apps/A001/Ansøgning.pdf");
    let first = fixture.run(&["extract", "apps", "-o", "one.csv"]);
    assert!(first.stderr.contains("2 documents (0 from the cache): 2 read (1 PDF pages)"), "{}", first.stderr);
    let second = fixture.run(&["extract", "apps", "-o", "two.csv"]);
    assert!(second.stderr.contains("2 documents (2 from the cache): 2 read"), "{}", second.stderr);
    assert_eq!(std::fs::read(fixture.path("one.csv")).unwrap(), std::fs::read(fixture.path("two.csv")).unwrap());
    // A changed document is extracted afresh.
    fixture.write("apps/A002 cv.txt", "Budgetansvar");
    let third = fixture.run(&["extract", "apps"]);
    assert!(third.stderr.contains("3 documents (2 from the cache): 3 read"), "{}", third.stderr);
    // Entries are private to their owner.
    #[cfg(unix)]
    for entry in std::fs::read_dir(fixture.path(".cache")).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        let mode = entry.unwrap().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Damaged entries are ignored, and a deleted cache is rebuilt.
    for entry in std::fs::read_dir(fixture.path(".cache")).unwrap() {
        std::fs::write(entry.unwrap().path(), "{").unwrap();
    }
    let damaged = fixture.run(&["extract", "apps", "-o", "three.csv"]);
    assert!(damaged.stderr.contains("3 documents (0 from the cache): 3 read"), "{}", damaged.stderr);
    std::fs::remove_dir_all(fixture.path(".cache")).unwrap();
    let rebuilt = fixture.run(&["extract", "apps", "-o", "four.csv"]);
    assert!(rebuilt.stderr.contains("0 from the cache"), "{}", rebuilt.stderr);
    assert_eq!(std::fs::read(fixture.path("three.csv")).unwrap(), std::fs::read(fixture.path("four.csv")).unwrap());
    // --no-cache neither reads nor writes it.
    std::fs::remove_dir_all(fixture.path(".cache")).unwrap();
    let bypassed = fixture.run(&["extract", "apps", "--no-cache"]);
    assert!(bypassed.stderr.contains("0 from the cache"), "{}", bypassed.stderr);
    assert!(!Path::new(&fixture.path(".cache")).exists());
}

#[test]
fn extract_neutralises_formulas_for_a_spreadsheet() {
    let fixture = Fixture::new();
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    fixture.write("apps/A1 cv.txt", "=HYPERLINK(\"http://x.example\")");
    let run = fixture.run(&["extract", "apps"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.out(), "id,cv\nA1,\"'=HYPERLINK(\"\"http://x.example\"\")\"\n");
    let _ = folder_args("extract", &[]);
}

#[cfg(feature = "pdf")]
#[path = "common/pdf.rs"]
mod pdf;

#[cfg(feature = "pdf")]
#[test]
fn a_200_page_pdf_is_read_page_by_page_and_an_over_long_one_refused() {
    let fixture = Fixture::new();
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    fixture.write("apps/A1 cv.pdf", pdf::pdf(200));
    let run = fixture.run(&["extract", "apps", "-o", "t.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 read (200 PDF pages)"), "{}", run.stderr);
    let table = std::fs::read_to_string(fixture.path("t.csv")).unwrap();
    assert!(
        table.contains("Økonomidirektør med budgetansvar, aftalestyring og politisk betjening af byrådet; side 200")
    );
    // Each page repeats one line 60 times; the running-line rule looks at the first and last
    // three lines of a page and keeps page 1's, so the text holds 60 + 199 · 54 = 10,806 lines.
    assert_eq!(table.matches("betjening af byrådet; side").count(), 60 + 199 * 54);
    // Past the page limit (2,000) a PDF is refused before its pages are read.
    fixture.write("apps/A1 cv.pdf", pdf::pdf(2001));
    let run = fixture.run(&["extract", "apps", "--no-cache"]);
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("apps/A1 cv.pdf: too large: 2001 pages; the limit is 2000"), "{}", run.stderr);
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_stream_that_inflates_past_the_limit_is_refused() {
    use std::io::Write;
    let fixture = Fixture::new();
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    // One FlateDecode stream of 101 MB of zeros (about 100 kB compressed); the limit is 100 MB.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..101 {
        encoder.write_all(&block).unwrap();
    }
    let stream = encoder.finish().unwrap();
    let mut pdf =
        format!("%PDF-1.7\n1 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n", stream.len()).into_bytes();
    pdf.extend_from_slice(&stream);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    fixture.write("apps/A1 cv.pdf", pdf);
    let run = fixture.run(&["extract", "apps"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("apps/A1 cv.pdf: too large: a compressed stream inflates to more than 100000000 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn tune_and_report_read_the_folder_and_threads_change_no_byte() {
    let fixture = Fixture::new();
    let rubric = repo(RUBRIC);
    let folder = repo("samples/applications");
    let list = repo("samples/applications/ansoegerliste.xlsx");
    let (rubric, folder, list) = (rubric.to_str().unwrap(), folder.to_str().unwrap(), list.to_str().unwrap());
    let tune = fixture.run(&[
        "tune",
        "--rubric",
        rubric,
        folder,
        "--applicants",
        list,
        "--weight",
        "oekonomi=8",
        "--top",
        "3",
    ]);
    assert_eq!(tune.code, 3, "{}", tune.stderr);
    assert!(tune.out().contains("What-if: oekonomi 5 → 8"), "{}", tune.out());
    // The same bytes with one thread and with four, and from the cache as from the documents.
    let one = fixture.run(&[
        "score",
        "--rubric",
        rubric,
        folder,
        "--applicants",
        list,
        "--format",
        "json",
        "--threads",
        "1",
        "--no-cache",
    ]);
    let four =
        fixture.run(&["score", "--rubric", rubric, folder, "--applicants", list, "--format", "json", "--threads", "4"]);
    let cached =
        fixture.run(&["score", "--rubric", rubric, folder, "--applicants", list, "--format", "json", "--threads", "4"]);
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(four.stdout, cached.stdout);
    assert!(cached.stderr.contains("23 documents (23 from the cache): 22 read"), "{}", cached.stderr);
    // The run record names every document with its digest, and one digest for the folder.
    let record = fixture.run(&[
        "score",
        "--rubric",
        rubric,
        folder,
        "--applicants",
        list,
        "--record",
        "record.json",
        "-o",
        "out.csv",
    ]);
    assert_eq!(record.code, 3, "{}", record.stderr);
    let record: Value = serde_json::from_str(&std::fs::read_to_string(fixture.path("record.json")).unwrap()).unwrap();
    let documents = &record["applicants"]["documents"];
    assert_eq!(documents["documents"], 23);
    assert_eq!(documents["failed"], 1);
    let files = documents["files"].as_array().unwrap();
    let cv = files.iter().find(|f| f["path"] == "A001/CV Mette Kjærgaard Holm.pdf").unwrap();
    assert_eq!(cv["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(record["inputs"][1]["role"], "applicants");
    assert_eq!(record["inputs"][1]["sha256"].as_str().unwrap().len(), 64);
}

#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_document_is_skipped_not_read() {
    let fixture = Fixture::new();
    std::fs::create_dir_all(fixture.path("apps")).unwrap();
    fixture.write("apps/A1 cv.txt", "budgetansvar");
    // Reading a named pipe would wait for a writer for ever.
    let made = std::process::Command::new("mkfifo").arg(fixture.path("apps/A2 cv.txt")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let run = fixture.run(&["extract", "apps"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("apps/A2 cv.txt: not read: not a regular file"), "{}", run.stderr);
}

#[test]
fn a_rubric_needing_list_columns_on_a_folder_alone_says_to_give_the_list() {
    let fixture = Fixture::new();
    let rubric = repo(RUBRIC);
    let folder = repo("samples/applications");
    let run = fixture.run(&["score", "--rubric", rubric.to_str().unwrap(), folder.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("column 'budget_mio' is not in"), "{}", run.stderr);
    assert!(
        run.stderr.contains("a folder of applications has only the columns id, ansoegning, cv; give the applicant list with --applicants LIST"),
        "{}",
        run.stderr
    );
}
