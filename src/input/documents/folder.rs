//! Finding the applicants in a folder of applications, and each one's documents.
//!
//! The conventions (docs/documents.md has them with examples):
//!
//! - **A subfolder per applicant**, named by the applicant's id (`A001/`, or `A001 Mette Holm/`),
//!   holding any number of documents, in subfolders too.
//! - **Or loose files whose names start with the id**: `A001 ansøgning.pdf`, `A001_cv.docx`,
//!   `A001-cv.pdf`. The id ends at the first space, `_` or `-` (or the extension).
//! - An id has at least one digit, so that a document named `ansøgning.pdf` or `Mette Holm.pdf`
//!   is a mistake reported as one, never an applicant called `ansøgning`. With an applicant list,
//!   the list's ids are known and an id may also contain spaces, `_` or `-` (`2024-017`).
//! - Files and folders whose names start with `.` or `~$` (system files, Word's lock files) are
//!   passed over; symbolic links are listed and skipped (an application is a file, not a link).
//!
//! Each document's **kind** names the text field it becomes: `ansoegning` for a cover letter
//! (`ansøgning`, `ansoegning`, `application`, `cover letter`, `følgebrev`, `motiveret`), `cv` for
//! a CV (`cv`, `curriculum vitae`, `resume`, `résumé`, `livsforløb`), otherwise the rest of the
//! file name folded to a column name (`A001 eksamensbevis.pdf` → `eksamensbevis`), or `dokument`
//! when nothing is left. The first kind word in the name decides: `ansøgning og CV.pdf` is a letter.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::text::token_key;

/// One document of an applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    /// The file to read.
    pub path: PathBuf,
    /// Its name relative to the applications folder, with `/` separators: what citations show.
    pub name: String,
    /// The text field it becomes (`ansoegning`, `cv`, …).
    pub kind: String,
}

/// What a folder holds: applicants with their documents, by id, and what was passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Each applicant's documents, in file-name order, by id (in byte order of the ids).
    pub applicants: BTreeMap<String, Vec<DocumentFile>>,
    /// Files not read, with the reason: types profilmatch does not read, links.
    pub skipped: Vec<(String, String)>,
}

/// Why a pipe, socket or device is not read (reading a pipe could wait for ever).
const NOT_A_FILE: &str = "not a regular file (a pipe, socket or device)";

/// How deep subfolders of an applicant's folder are searched.
const MAX_DEPTH: usize = 8;

/// Finds the applicants and their documents in `folder` (named `display` in messages). `known`
/// holds the applicant list's ids, when there is one; `exclude` is a file in the folder that is
/// not an application (the list itself).
pub fn scan(folder: &Path, display: &str, known: Option<&[String]>, exclude: Option<&Path>) -> Result<Scan> {
    let mut scan = Scan::default();
    let mut misnamed = Vec::new();
    let exclude = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    for entry in sorted_entries(folder, display)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if passed_over(&name)
            || exclude.as_ref().is_some_and(|x| std::fs::canonicalize(entry.path()).ok().as_ref() == Some(x))
        {
            continue;
        }
        let file_type = entry.file_type().map_err(|source| Error::Io { path: entry.path(), source })?;
        if file_type.is_symlink() {
            scan.skipped.push((name, "a symbolic link; links are not followed".into()));
        } else if file_type.is_dir() {
            match applicant_id(&name, known) {
                Some((id, _)) => collect(&entry.path(), &name, &id, 0, display, &mut scan)?,
                None => misnamed.push(format!("{name}/")),
            }
        } else if !file_type.is_file() {
            scan.skipped.push((name, NOT_A_FILE.into()));
        } else if super::extractor(&name).is_none() {
            scan.skipped.push((name.clone(), super::unsupported_reason(&name)));
        } else {
            match applicant_id(&name, known) {
                Some((id, rest)) => {
                    let kind = kind(rest);
                    scan.applicants.entry(id).or_default().push(DocumentFile { path: entry.path(), name, kind });
                }
                None => misnamed.push(name),
            }
        }
    }
    if !misnamed.is_empty() {
        return Err(Error::input(Location::file(display), misnamed_message(&misnamed, known.is_some())));
    }
    if scan.applicants.is_empty() {
        return Err(Error::input(
            Location::file(display),
            "no applications here: put each applicant's documents in a folder named by the id (A001/cv.pdf), or start each file name with the id (A001 cv.pdf)",
        ));
    }
    Ok(scan)
}

fn misnamed_message(misnamed: &[String], with_list: bool) -> String {
    let quoted: Vec<String> = misnamed.iter().map(|n| format!("'{n}'")).collect();
    let rule = if with_list {
        "a name must start with an id from the applicant list"
    } else {
        "an id is the name's first word and has at least one digit"
    };
    format!(
        "{} not named by an applicant id: {} ({rule}). Put each applicant's documents in a folder named by the id (A001/cv.pdf), or start each file name with the id (A001 cv.pdf)",
        if misnamed.len() == 1 { "1 entry is" } else { "entries are" },
        quoted.join(", "),
    )
}

/// System files and Word's lock files, which no one means as an application.
fn passed_over(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

fn sorted_entries(folder: &Path, display: &str) -> Result<Vec<std::fs::DirEntry>> {
    let io_error = |source| Error::Io { path: PathBuf::from(display), source };
    let mut entries: Vec<std::fs::DirEntry> =
        std::fs::read_dir(folder).map_err(io_error)?.collect::<std::io::Result<_>>().map_err(io_error)?;
    entries.sort_by_key(|e| e.file_name());
    Ok(entries)
}

/// Every document under an applicant's folder `path` (named `relative` from the applications folder).
fn collect(path: &Path, relative: &str, id: &str, depth: usize, display: &str, scan: &mut Scan) -> Result<()> {
    if depth >= MAX_DEPTH {
        scan.skipped.push((format!("{relative}/"), format!("more than {MAX_DEPTH} folders deep")));
        return Ok(());
    }
    for entry in sorted_entries(path, &format!("{display}/{relative}"))? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if passed_over(&name) {
            continue;
        }
        let full = format!("{relative}/{name}");
        let file_type = entry.file_type().map_err(|source| Error::Io { path: entry.path(), source })?;
        if file_type.is_symlink() {
            scan.skipped.push((full, "a symbolic link; links are not followed".into()));
        } else if file_type.is_dir() {
            collect(&entry.path(), &full, id, depth + 1, display, scan)?;
        } else if !file_type.is_file() {
            scan.skipped.push((full, NOT_A_FILE.into()));
        } else if super::extractor(&name).is_none() {
            scan.skipped.push((full, super::unsupported_reason(&name)));
        } else {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            let documents = scan.applicants.entry(id.to_string()).or_default();
            documents.push(DocumentFile { path: entry.path(), name: full, kind: kind(stem) });
        }
    }
    Ok(())
}

/// Characters that end an id in a file or folder name.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '_' | '-' | '.')
}

/// The applicant id a file or folder name starts with, and the rest of the name without its
/// extension; `None` when the name does not start with an id.
pub fn applicant_id<'a>(name: &'a str, known: Option<&[String]>) -> Option<(String, &'a str)> {
    let stem = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !extension.contains(' ') => stem,
        _ => name,
    };
    if let Some(known) = known {
        // The longest listed id the name starts with, followed by a separator or nothing.
        let found = known
            .iter()
            .filter(|id| {
                stem.strip_prefix(id.as_str()).is_some_and(|rest| rest.chars().next().is_none_or(is_separator))
            })
            .max_by_key(|id| id.len());
        if let Some(id) = found {
            return Some((id.clone(), &stem[id.len()..]));
        }
    }
    let end = stem.find(is_separator).unwrap_or(stem.len());
    let id = &stem[..end];
    id.chars().any(|c| c.is_ascii_digit()).then(|| (id.to_string(), &stem[end..]))
}

/// Words that make a document a cover letter, folded as `token_key` folds them.
const LETTER_WORDS: &[&str] = &["ansoegning", "ansogning", "application", "cover", "foelgebrev", "motiveret", "letter"];
/// Words that make a document a CV.
const CV_WORDS: &[&str] = &["cv", "curriculum", "resume", "livsforloeb"];

/// The text field a document becomes, from the rest of its name.
pub fn kind(rest: &str) -> String {
    let key = token_key(rest);
    for word in key.split(' ') {
        if LETTER_WORDS.contains(&word) {
            return "ansoegning".into();
        }
        if CV_WORDS.contains(&word) {
            return "cv".into();
        }
    }
    if key.is_empty() { "dokument".into() } else { key.replace(' ', "_") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_first_word_of_a_name_and_have_a_digit() {
        assert_eq!(applicant_id("A001 ansøgning.pdf", None), Some(("A001".into(), " ansøgning")));
        assert_eq!(applicant_id("A001_cv.docx", None), Some(("A001".into(), "_cv")));
        assert_eq!(applicant_id("A001-cv.pdf", None), Some(("A001".into(), "-cv")));
        assert_eq!(applicant_id("A001.pdf", None), Some(("A001".into(), "")));
        assert_eq!(applicant_id("A001", None), Some(("A001".into(), "")));
        assert_eq!(applicant_id("17 Mette Holm", None), Some(("17".into(), " Mette Holm")));
        assert_eq!(applicant_id("ansøgning.pdf", None), None);
        assert_eq!(applicant_id("Mette Holm", None), None);
    }

    #[test]
    fn a_list_lets_ids_hold_separators() {
        let known = ["2024-017".to_string(), "2024".to_string()];
        assert_eq!(applicant_id("2024-017 cv.pdf", Some(&known)), Some(("2024-017".into(), " cv")));
        assert_eq!(applicant_id("2024 cv.pdf", Some(&known)), Some(("2024".into(), " cv")));
        // Not in the list, but shaped like an id: an applicant the list lacks.
        assert_eq!(applicant_id("A070 cv.pdf", Some(&known)), Some(("A070".into(), " cv")));
    }

    #[test]
    fn kinds_come_from_the_first_kind_word() {
        assert_eq!(kind(" ansøgning"), "ansoegning");
        assert_eq!(kind("Ansoegning"), "ansoegning");
        assert_eq!(kind("cover letter"), "ansoegning");
        assert_eq!(kind("_CV"), "cv");
        assert_eq!(kind("CV Mette Kjærgaard Holm"), "cv");
        assert_eq!(kind("Résumé"), "cv");
        assert_eq!(kind(" ansøgning og CV"), "ansoegning");
        assert_eq!(kind(" Eksamensbevis kandidat"), "eksamensbevis_kandidat");
        assert_eq!(kind(""), "dokument");
    }
}
