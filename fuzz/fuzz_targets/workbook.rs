//! Workbook input: arbitrary workbooks as applicant files.
//!
//! The first byte chooses the shape. Raw (`0`–`3`): the rest is the file itself, read as `.xlsx`,
//! `.ods`, `.xls` or `.xlsb`. Built (`4`–`255`): the rest is split at each `\0` into parts that are
//! zipped into a well-formed package, so that the fuzzer spends its time in the sheets rather than
//! in the zip format: for an `.xlsx` (even selector) the first sheet's XML, the shared strings, the
//! second sheet's XML and the two sheets' states (`visible`, `hidden`, `veryHidden`) and the active
//! tab; for an `.ods` (odd selector) the body of `content.xml` and of `settings.xml`.
//!
//! Asserted: no panic, and no allocation beyond libFuzzer's limit (`-rss_limit_mb`,
//! `-malloc_limit_mb`): every size a workbook describes is bounded before it is allocated. Once
//! the workbook opens, reading never fails; every row is a record, a rejection or a blank; line
//! numbers (sheet rows) strictly rise; a record has as many fields as
//! the header; fetching a record again by its offset gives the same fields.
#![no_main]

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use profilmatch::input::{CsvReader, ReadOptions, Row};
use zip::write::SimpleFileOptions;

fn directory() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().to_path_buf();
        (dir, path)
    });
    path
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        zip.start_file(*name, options).expect("a zip entry");
        zip.write_all(data).expect("writing to memory");
    }
    zip.finish().expect("a zip").into_inner()
}

fn state(byte: u8) -> &'static str {
    ["visible", "hidden", "veryHidden"][usize::from(byte % 3)]
}

fn xlsx(parts: &[&[u8]]) -> Vec<u8> {
    let part = |i: usize| parts.get(i).copied().unwrap_or(b"");
    let flags = part(3);
    let (first, second) = (state(flags.first().copied().unwrap_or(0)), state(flags.get(1).copied().unwrap_or(0)));
    let active = flags.get(2).copied().unwrap_or(0) % 3;
    let workbook = format!(
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><bookViews><workbookView activeTab=\"{active}\"/></bookViews><sheets><sheet name=\"Ark1\" sheetId=\"1\" state=\"{first}\" r:id=\"rId1\"/><sheet name=\"Ark2\" sheetId=\"2\" state=\"{second}\" r:id=\"rId2\"/></sheets></workbook>"
    );
    let rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    let root = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", part(0)),
        ("xl/sharedStrings.xml", part(1)),
        ("xl/worksheets/sheet2.xml", part(2)),
    ])
}

fn ods(parts: &[&[u8]]) -> Vec<u8> {
    let part = |i: usize| parts.get(i).copied().unwrap_or(b"");
    let content = [
        &b"<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>"[..],
        part(0),
        b"</office:spreadsheet></office:body></office:document-content>",
    ]
    .concat();
    let settings = [
        &b"<?xml version=\"1.0\"?><office:document-settings xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\"><office:settings>"[..],
        part(1),
        b"</office:settings></office:document-settings>",
    ]
    .concat();
    let manifest = b"<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/></manifest:manifest>";
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
        ("settings.xml", &settings),
    ])
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let parts: Vec<&[u8]> = rest.split(|b| *b == 0).collect();
    let (extension, bytes) = match selector {
        0 => ("xlsx", rest.to_vec()),
        1 => ("ods", rest.to_vec()),
        2 => ("xls", rest.to_vec()),
        3 => ("xlsb", rest.to_vec()),
        s if s % 2 == 0 => ("xlsx", xlsx(&parts)),
        _ => ("ods", ods(&parts)),
    };
    let path = directory().join(format!("input.{extension}"));
    std::fs::write(&path, bytes).expect("writing the input");
    let Ok(mut reader) = CsvReader::open(&path, "fuzz", &ReadOptions::default()) else {
        return;
    };
    let width = reader.header().names().len();
    let fetcher = reader.fetcher();
    let mut last_line = 0;
    loop {
        // The spool is UTF-8 CSV written by profilmatch itself, so reading a record cannot fail.
        let Some(row) = reader.next_row().expect("reading a record of the spool") else {
            break;
        };
        let line = match &row {
            Row::Record(record) => {
                assert_eq!(record.fields.len(), width, "a record has as many fields as the header");
                let again = fetcher.fetch(record.offset, record.line).expect("fetching a record by its offset");
                assert_eq!(again.fields, record.fields, "the record of line {} reads alike twice", record.line);
                record.line
            }
            Row::Rejected(rejected) => rejected.line,
            Row::Blank { line } => *line,
        };
        assert!(line > last_line, "line {line} after line {last_line}");
        last_line = line;
    }
});
