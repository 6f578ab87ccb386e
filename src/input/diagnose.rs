//! Likely causes of an applicant file that cannot be read as intended: a workbook renamed to `.csv`
//! (or a CSV named `.xlsx`), a title row above the header, the wrong delimiter, the wrong file.
//! A newcomer meets these first; each message names the cause and the fix, not only the symptom.

use std::io::Read;
use std::path::Path;

use super::{InputInfo, WorkbookFormat, delimiter_name};
use crate::error::{Error, Location, Result};
use crate::text::token_key;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// How many header names a message shows before `…`.
const SHOWN_NAMES: usize = 8;

/// Refuses a file whose content contradicts its extension, before it is read as the wrong thing:
/// a CSV named `.xlsx` would otherwise fail with a zip error, and a workbook named `.csv` with every
/// rubric column missing.
pub(super) fn check_content(path: &Path, display: &str, workbook: Option<WorkbookFormat>) -> Result<()> {
    let Ok(prefix) = prefix(path) else {
        // Unreadable here is reported, with its reason, by the reader itself.
        return Ok(());
    };
    let kind = container(&prefix);
    let message = match (workbook, kind) {
        (Some(WorkbookFormat::Xls), Some(Container::Ole)) | (Some(_), Some(Container::Zip(_))) => return Ok(()),
        (Some(format), _) if looks_like_text(&prefix) => format!(
            "not an {} workbook: the file is text (it looks like CSV{}); if it is CSV, rename it to .csv",
            format.name(),
            first_line(&prefix)
        ),
        (None, Some(container)) => format!("this is {}, not CSV text; {}", container.describe(), container.fix()),
        _ => return Ok(()),
    };
    Err(Error::input(Location::file(display), message))
}

fn prefix(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(4096);
    std::fs::File::open(path)?.take(4096).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a binary file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// A zip archive: xlsx, ods, docx, or another.
    Zip(&'static str),
    /// An OLE compound file: an old Excel (`.xls`) or Word (`.doc`) file.
    Ole,
}

impl Container {
    fn describe(self) -> String {
        match self {
            Container::Zip("docx") => "a Word document (a zip archive)".into(),
            Container::Zip(ext) => format!("a spreadsheet workbook (.{ext}, a zip archive)"),
            Container::Ole => "an old Excel workbook (.xls) or Word document (.doc)".into(),
        }
    }

    fn fix(self) -> String {
        match self {
            Container::Zip("docx") => "give the applicant list (CSV or a workbook), or a folder of applications".into(),
            Container::Zip(ext) => format!("rename it to .{ext}, and profilmatch reads it as a workbook"),
            Container::Ole => "if it is a workbook, rename it to .xls, and profilmatch reads it as one".into(),
        }
    }
}

fn container(prefix: &[u8]) -> Option<Container> {
    if prefix.starts_with(OLE) {
        return Some(Container::Ole);
    }
    if !prefix.starts_with(ZIP) {
        return None;
    }
    let has = |needle: &[u8]| prefix.windows(needle.len()).any(|w| w == needle);
    Some(Container::Zip(if has(b"opendocument.spreadsheet") {
        "ods"
    } else if has(b"word/") {
        "docx"
    } else {
        "xlsx"
    }))
}

/// Text has no NUL byte, unless it is UTF-16 with a byte order mark.
fn looks_like_text(prefix: &[u8]) -> bool {
    prefix.starts_with(b"\xFF\xFE") || prefix.starts_with(b"\xFE\xFF") || !prefix.contains(&0)
}

fn first_line(prefix: &[u8]) -> String {
    let text = String::from_utf8_lossy(prefix);
    let line = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("").trim();
    if line.is_empty() {
        return String::new();
    }
    let shown: String = line.chars().take(60).collect();
    let more = if shown.len() < line.len() { "…" } else { "" };
    format!(": its first line is '{shown}{more}'")
}

/// A header whose names are mostly empty is a title row (`Ansøgere 2024;;;`) read as the header.
pub(super) fn title_row(names: &[String]) -> Option<String> {
    let named: Vec<&String> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    if names.len() < 2 || named.len() * 2 > names.len() {
        return None;
    }
    let shown: Vec<String> = named.iter().take(3).map(|n| format!("'{}'", n.trim())).collect();
    Some(format!(
        "the first row looks like a title, not a header: only {} of its {} cells {} text ({}); \
         delete the rows above the header row, so that the column names are the first row",
        named.len(),
        names.len(),
        if named.len() == 1 { "has" } else { "have" },
        shown.join(", ")
    ))
}

/// One line for a file in which the rubric's columns were not found: the header as read (`names`),
/// and the likely cause. `missing` are the rubric's column names the header lacks, `named` how
/// many different columns the rubric names.
pub fn missing_columns(names: &[String], info: &InputInfo, missing: &[&str], named: usize) -> String {
    let mut shown: Vec<String> = names.iter().take(SHOWN_NAMES).map(|n| format!("'{}'", short(n))).collect();
    if names.len() > SHOWN_NAMES {
        shown.push("…".into());
    }
    let read = format!(
        "the header read (delimiter '{}') has {} column{}: {}",
        delimiter_name(info.delimiter),
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        shown.join(", ")
    );
    match likely_cause(names, info, missing, named) {
        Some(cause) => format!("{read}; likely cause: {cause}"),
        None => read,
    }
}

fn short(name: &str) -> String {
    let shown: String = name.chars().take(40).collect();
    if shown.len() < name.len() { format!("{shown}…") } else { shown }
}

fn likely_cause(names: &[String], info: &InputInfo, missing: &[&str], named: usize) -> Option<String> {
    let missing_keys: Vec<String> = missing.iter().map(|m| token_key(m)).collect();
    for candidate in [b';', b',', b'\t', b'|'].into_iter().filter(|d| *d != info.delimiter) {
        let split = names.iter().flat_map(|n| n.split(char::from(candidate))).map(token_key);
        if split.filter(|k| missing_keys.contains(k)).count() > 0 {
            let option = if candidate == b'\t' { "tab".to_string() } else { char::from(candidate).to_string() };
            return Some(format!(
                "the delimiter: the names are separated by '{}', not '{}'; give --delimiter '{option}'",
                delimiter_name(candidate),
                delimiter_name(info.delimiter)
            ));
        }
    }
    if names.iter().any(|n| n.contains('\u{fffd}') || n.chars().any(|c| c.is_control() && c != '\t')) {
        return Some("the file is not CSV text (a workbook renamed to .csv?): give it its real extension".into());
    }
    if let Some(title) = title_row(names) {
        return Some(title);
    }
    if names.len() == 1 {
        return Some(
            "the first row has a single cell: a title above the header? Delete the rows above the header row".into(),
        );
    }
    (missing.len() == named).then(|| {
        "none of the rubric's columns is in this header: is this the applicant file for this rubric? \
         (a title row above the header reads like this too)"
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_archive_is_named_by_what_it_holds() {
        assert_eq!(
            container(b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
            Some(Container::Zip("ods"))
        );
        assert_eq!(container(b"PK\x03\x04....[Content_Types].xml xl/workbook.xml"), Some(Container::Zip("xlsx")));
        assert_eq!(container(b"PK\x03\x04....word/document.xml"), Some(Container::Zip("docx")));
        assert_eq!(container(b"id,name\n"), None);
    }

    #[test]
    fn a_header_of_mostly_empty_names_is_a_title_row() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(title_row(&names(&["Ansøgere 2024", "", "", ""])).is_some());
        assert!(title_row(&names(&["id", "name", "", "cv"])).is_none());
    }
}
