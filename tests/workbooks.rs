//! Workbooks that cannot crash or mislead (issue 12): each file that aborted profilmatch or asked
//! for gigabytes is built here as it was reported (a few hundred bytes to two megabytes), and must
//! give a clear error naming the limit, in bounded memory (the child's peak resident set size is
//! measured with `wait4`); a hidden sheet is never read unless named, and the active one is.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use zip::write::SimpleFileOptions;

/// A rubric reading `id`, `name` and a number column `x`.
const RUBRIC: &str = r#"[rubric]
id = "t"
title = "T"
organisation = "T"
source = "t"
version = "1"

[[competency]]
id = "c"
label = "c"
source = "s"

[[competency.criterion]]
id = "x"
label = "x"
source = "s"
kind = "number"
field = "x"
min = 1
"#;

/// What a run of the binary did, with its peak resident set size.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    peak_rss_kb: i64,
}

/// Runs profilmatch in `dir` and measures the child's peak RSS (`ru_maxrss`, in KiB on Linux).
fn run(dir: &Path, args: &[&str]) -> Run {
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    // Waited for with `wait4` below, which reports the child's resource usage; std cannot.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(assert_cmd::cargo::cargo_bin("profilmatch"))
        .current_dir(dir)
        .args(args)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value, and `wait4` only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid is valid until it is waited for.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 128 + libc::WTERMSIG(status) };
    Run {
        code,
        stdout: std::fs::read_to_string(out).unwrap(),
        stderr: std::fs::read_to_string(err).unwrap(),
        peak_rss_kb: usage.ru_maxrss,
    }
}

/// A run that must be refused with exit 2, an error naming `limit`, and under 200 MB of memory.
fn assert_refused(dir: &Path, file: &str, limit: &str) -> Run {
    std::fs::write(dir.join("r.toml"), RUBRIC).unwrap();
    let run = run(dir, &["score", "--rubric", "r.toml", file, "--format", "csv"]);
    assert_eq!(run.code, 2, "{file}: {}", run.stderr);
    assert!(run.stderr.contains(limit), "{file}: {}", run.stderr);
    assert!(run.stderr.starts_with(&format!("profilmatch: {file}: ")), "{file}: {}", run.stderr);
    assert!(run.peak_rss_kb < 200 * 1024, "{file}: peak RSS {} KiB", run.peak_rss_kb);
    eprintln!("{file}: refused, peak RSS {} KiB", run.peak_rss_kb);
    run
}

fn zip_file(path: &Path, parts: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

/// A sheet as SpreadsheetML: rows of (cell reference, inline string or number).
fn sheet_xml(cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(at, value)| match value.parse::<f64>() {
            Ok(_) => format!("<c r=\"{at}\"><v>{value}</v></c>"),
            Err(_) => format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"),
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row>{cells}</row></sheetData></worksheet>"
    )
}

/// An `.xlsx` of sheets (name, state, sheet XML), the active tab, and an optional shared-string part.
fn xlsx(path: &Path, sheets: &[(&str, &str, String)], active: usize, shared: Option<&[u8]>) {
    let mut content_types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    let mut workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><bookViews><workbookView activeTab=\"{active}\"/></bookViews><sheets>"
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, state, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        content_types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        workbook.push_str(&format!("<sheet name=\"{name}\" sheetId=\"{n}\" state=\"{state}\" r:id=\"rId{n}\"/>"));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), xml.clone().into_bytes()));
    }
    if let Some(shared) = shared {
        content_types.push_str("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        rels.push_str("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        parts.push(("xl/sharedStrings.xml".into(), shared.to_vec()));
    }
    content_types.push_str("</Types>");
    workbook.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let mut all: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
    ];
    all.extend(parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())));
    zip_file(path, &all);
}

/// An `.ods` whose `content.xml` body (inside `office:spreadsheet`) is `tables`.
fn ods(path: &Path, tables: &str) {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/></manifest:manifest>";
    zip_file(
        path,
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ],
    );
}

fn string_cell(text: &str) -> String {
    format!("<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>")
}

fn tempdir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn an_xlsx_with_cells_a1_and_xfd1048576_is_refused_in_bounded_memory() {
    // The reported 1.4 KB file: calamine's dense range asked for 550 GB and the process aborted.
    let (_dir, dir) = tempdir();
    xlsx(&dir.join("far.xlsx"), &[("Ark1", "visible", sheet_xml(&[("A1", "id"), ("XFD1048576", "x")]))], 0, None);
    assert!(std::fs::metadata(dir.join("far.xlsx")).unwrap().len() < 2000);
    let run = assert_refused(&dir, "far.xlsx", "more than the 5000000 cells profilmatch reads from a workbook");
    // 1,048,576 rows × 16,384 columns = 17,179,869,184 cells.
    assert!(run.stderr.contains("spans rows 1–1048576 and columns A–XFD: 17179869184 cells"), "{}", run.stderr);
}

#[test]
fn an_xlsx_whose_shared_string_inflates_past_the_limit_is_refused_before_it_is_read() {
    // The reported 2 MB file with one inflated cell used 3 GB: its parts declare more than 256 MiB.
    let (_dir, dir) = tempdir();
    let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
    xlsx(&dir.join("big.xlsx"), &[("Ark1", "visible", sheet.into())], 0, Some(b"<sst/>"));
    // The shared string is written a megabyte at a time (this process stays small, and a child's
    // peak RSS counts its parent's at the moment it is started), into a copy of the workbook.
    let source = zip::ZipArchive::new(std::fs::File::open(dir.join("big.xlsx")).unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dir.join("big2.xlsx")).unwrap());
    let mut source = source;
    for i in 0..source.len() {
        let entry = source.by_index(i).unwrap();
        if entry.name().unwrap() != "xl/sharedStrings.xml" {
            zip.raw_copy_file(entry).unwrap();
        }
    }
    zip.start_file("xl/sharedStrings.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>").unwrap();
    let megabyte = vec![b'a'; 1 << 20];
    for _ in 0..270 {
        zip.write_all(&megabyte).unwrap();
    }
    zip.write_all(b"</t></si></sst>").unwrap();
    zip.finish().unwrap();
    std::fs::rename(dir.join("big2.xlsx"), dir.join("big.xlsx")).unwrap();
    assert!(std::fs::metadata(dir.join("big.xlsx")).unwrap().len() < 2 << 20);
    assert_refused(&dir, "big.xlsx", "more than the 268435456 bytes profilmatch reads from a workbook");
}

#[test]
fn a_shared_string_count_the_part_cannot_hold_is_refused() {
    // calamine reserves room for `uniqueCount` strings before reading one: 10^13 would abort.
    let (_dir, dir) = tempdir();
    let shared = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"10000000000000\"><si><t>a</t></si></sst>";
    xlsx(&dir.join("count.xlsx"), &[("Ark1", "visible", sheet_xml(&[("A1", "id")]))], 0, Some(shared));
    assert_refused(&dir, "count.xlsx", "declares 10000000000000 strings");
}

#[test]
fn an_ods_of_repeated_rows_and_columns_is_refused_in_bounded_memory() {
    // The reported 906-byte file asked for 4.3 GB: one cell repeated across 16,384 columns, in a
    // row repeated 100,000 times.
    let (_dir, dir) = tempdir();
    let row = "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"16384\"><text:p>x</text:p></table:table-cell></table:table-row>";
    ods(&dir.join("rep.ods"), &format!("<table:table table:name=\"Ark1\">{row}</table:table>"));
    assert!(std::fs::metadata(dir.join("rep.ods")).unwrap().len() < 1000);
    assert_refused(&dir, "rep.ods", "more than the 5000000 cells profilmatch reads from a workbook");
}

#[test]
fn an_ods_cell_of_four_billion_spaces_is_refused() {
    // 240,287,647 spaces came from the workbook fuzz target: under a text limit of 256 MiB it was
    // read, and calamine's building it one space at a time took over 10 s (with AddressSanitizer).
    for spaces in ["4000000000", "240287647"] {
        let (_dir, dir) = tempdir();
        let cell = format!(
            "<table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"{spaces}\"/></text:p></table:table-cell>"
        );
        ods(
            &dir.join("spaces.ods"),
            &format!("<table:table table:name=\"Ark1\"><table:table-row>{cell}</table:table-row></table:table>"),
        );
        assert_refused(&dir, "spaces.ods", "more than the 67108864 bytes profilmatch reads from a workbook");
    }
}

#[test]
fn an_ods_of_repeated_rows_with_blank_ids_gives_bounded_stderr_and_report() {
    // The reported 899-byte file printed a million lines on stderr and wrote a 112 MB report: a
    // row with a blank id, repeated a million times (here 200,000 times, which tests the same and
    // runs in a fifth of the time). Every row is still counted, and `--rejects` writes them all.
    let (_dir, dir) = tempdir();
    let header =
        format!("<table:table-row>{}{}{}</table:table-row>", string_cell("id"), string_cell("name"), string_cell("x"));
    let body = format!(
        "<table:table-row table:number-rows-repeated=\"200000\"><table:table-cell/>{}{}</table:table-row>",
        string_cell("Bo"),
        string_cell("5")
    );
    let good =
        format!("<table:table-row>{}{}{}</table:table-row>", string_cell("A1"), string_cell("Ann"), string_cell("2"));
    ods(&dir.join("many.ods"), &format!("<table:table table:name=\"Ark1\">{header}{good}{body}</table:table>"));
    assert!(std::fs::metadata(dir.join("many.ods")).unwrap().len() < 1500);
    std::fs::write(dir.join("r.toml"), RUBRIC).unwrap();
    let scored = run(&dir, &["score", "--rubric", "r.toml", "many.ods", "--format", "csv"]);
    assert_eq!(scored.code, 3, "{}", scored.stderr);
    // 1,000 rejected rows shown, one line for the other 199,000, and the summary.
    assert_eq!(scored.stderr.lines().filter(|l| l.contains(": rejected: blank id")).count(), 1000);
    assert!(
        scored.stderr.contains("199000 more rejected rows not shown"),
        "{}",
        &scored.stderr[scored.stderr.len() - 500..]
    );
    assert!(scored.stderr.contains("read 200001 rows: 1 scored, 200000 rejected, 0 blank"));
    assert!(scored.stderr.len() < 200_000, "{} bytes of stderr", scored.stderr.len());
    assert!(scored.stdout.contains("A1,Ann"));
    let report = run(&dir, &["report", "--rubric", "r.toml", "many.ods", "--shortlist", "1", "-o", "r.html"]);
    assert_eq!(report.code, 3, "{}", report.stderr);
    let html = std::fs::metadata(dir.join("r.html")).unwrap().len();
    assert!(html < 2_000_000, "the report has {html} bytes");
    eprintln!("many.ods: score peak RSS {} KiB, report peak RSS {} KiB", scored.peak_rss_kb, report.peak_rss_kb);
}

#[test]
fn a_hidden_first_sheet_is_not_read_unless_named() {
    // The reported file scored a "veryHidden" first sheet instead of the visible one.
    let (_dir, dir) = tempdir();
    let hidden = sheet_xml(&[("A1", "id"), ("B1", "name"), ("C1", "x")]);
    let hidden = hidden.replace(
        "</row>",
        "</row><row><c r=\"A2\" t=\"inlineStr\"><is><t>H1</t></is></c><c r=\"C2\"><v>9</v></c></row>",
    );
    let visible = sheet_xml(&[("A1", "id"), ("B1", "name"), ("C1", "x")]);
    let visible = visible.replace(
        "</row>",
        "</row><row><c r=\"A2\" t=\"inlineStr\"><is><t>V1</t></is></c><c r=\"C2\"><v>1</v></c></row>",
    );
    xlsx(&dir.join("h.xlsx"), &[("Skjult", "veryHidden", hidden), ("Ansøgere", "visible", visible)], 0, None);
    std::fs::write(dir.join("r.toml"), RUBRIC).unwrap();
    let default = run(&dir, &["score", "--rubric", "r.toml", "h.xlsx", "--format", "csv"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert!(default.stdout.contains("V1") && !default.stdout.contains("H1"), "{}", default.stdout);
    assert!(default.stderr.contains("sheet 'Ansøgere'"), "{}", default.stderr);
    let named = run(&dir, &["score", "--rubric", "r.toml", "h.xlsx", "--sheet", "Skjult", "--format", "csv"]);
    assert_eq!(named.code, 0, "{}", named.stderr);
    assert!(named.stdout.contains("H1"), "{}", named.stdout);
}

#[test]
fn the_active_sheet_is_read_and_the_other_visible_sheets_are_named() {
    let (_dir, dir) = tempdir();
    let first = sheet_xml(&[("A1", "id"), ("B1", "x")])
        .replace("</row>", "</row><row><c r=\"A2\" t=\"inlineStr\"><is><t>F1</t></is></c></row>");
    let second = sheet_xml(&[("A1", "id"), ("B1", "x")])
        .replace("</row>", "</row><row><c r=\"A2\" t=\"inlineStr\"><is><t>S1</t></is></c></row>");
    xlsx(&dir.join("a.xlsx"), &[("Gammel", "visible", first), ("Ny", "visible", second)], 1, None);
    std::fs::write(dir.join("r.toml"), RUBRIC).unwrap();
    let run = run(&dir, &["score", "--rubric", "r.toml", "a.xlsx", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("S1") && !run.stdout.contains("F1"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "read sheet 'Ny'; the workbook's other visible sheets 'Gammel' are not read (choose one with --sheet)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_xls_declaring_billions_of_cells_is_refused() {
    // A BIFF8 workbook stream whose sheet declares rows 0 to 2^32 − 1 and 256 columns in its
    // DIMENSIONS record: calamine reserves room for all of them before reading a cell.
    let (_dir, dir) = tempdir();
    let record = |kind: u16, data: &[u8]| [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat();
    let mut dims = Vec::new();
    dims.extend_from_slice(&0u32.to_le_bytes());
    dims.extend_from_slice(&u32::MAX.to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    dims.extend_from_slice(&256u16.to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    let bof = [0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let stream =
        [record(0x0809, &bof), record(0x000A, &[]), record(0x0809, &bof), record(0x0200, &dims), record(0x000A, &[])]
            .concat();
    let mut file = cfb::create(dir.join("dims.xls")).unwrap();
    file.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    file.flush().unwrap();
    drop(file);
    assert_refused(&dir, "dims.xls", "more than the 5000000 cells profilmatch reads from a workbook");
}

#[test]
fn an_ods_whose_sheet_never_ends_is_an_error_not_a_hang() {
    // Found by the workbook fuzz target: calamine 0.38 reads the rows of a `<table:table>` until
    // its end tag, and at the end of the file without one it waited for ever.
    let (_dir, dir) = tempdir();
    ods(
        &dir.join("open.ods"),
        "<table:table table:name=\"Ark1\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>id</text:p></table:table-cell></table:table-row>",
    );
    let run = assert_refused(&dir, "open.ods", "cannot read it as an ods workbook: content.xml");
    assert!(run.peak_rss_kb > 0);
}

#[test]
fn an_ods_whose_xml_is_not_well_formed_is_refused_before_calamine_reads_it() {
    // The workbook fuzz target's inputs: an end tag garbled (`</table:table-cee:...>`) after a
    // cell of 240,287,647 spaces, which calamine (not matching end tags) would build all the same;
    // and a cell whose garbled tags made calamine read the sheet's end tag as part of a cell and
    // wait for the sheet's end for ever. XML that is not well-formed is refused before calamine.
    let (_dir, dir) = tempdir();
    ods(
        &dir.join("garbled.ods"),
        "<table:table table:name=\"Ark1\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"0240287647\"/></text:p></table:table-cee:table-row></table:table>",
    );
    assert_refused(&dir, "garbled.ods", "cannot read it as an ods workbook: content.xml is not well-formed");
    // The fuzz target's input as it built it (`fuzz/fuzz_targets/workbook.rs`: after the first
    // byte, the body of content.xml up to the first NUL byte).
    let fuzzed = |input: &str| {
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz").join(input)).unwrap();
        let body = bytes[1..].split(|b| *b == 0).next().unwrap().to_vec();
        String::from_utf8(body).unwrap()
    };
    ods(&dir.join("fuzzed.ods"), &fuzzed("ods-sheet-end-swallowed.bin"));
    assert_refused(&dir, "fuzzed.ods", "cannot read it as an ods workbook: content.xml is not well-formed");
    // A slow unit of the same campaign (a row of 16,384 repeated cells, repeated 246,563 times,
    // in garbled tags): well-formed enough to read, and read at once in little memory.
    ods(&dir.join("slow.ods"), &fuzzed("ods-repeated-garbled.bin"));
    let slow = run(&dir, &["score", "--rubric", "r.toml", "slow.ods", "--format", "csv"]);
    assert!(slow.code == 0 || slow.code == 2 || slow.code == 3, "{}", slow.stderr);
    assert!(slow.peak_rss_kb < 200 * 1024, "peak RSS {} KiB", slow.peak_rss_kb);
}
