//! OpenDocument text (`.odt`): the paragraphs and headings of `content.xml`. Tracked changes
//! (`text:tracked-changes`, which hold deleted text), comments (`office:annotation`) and note
//! citations are left out; page headers and footers live in `styles.xml` and are not read.

use super::zipxml::{Vocabulary, paragraphs, small_part};
use super::{Extract, Extracted, Failure, Limits};

/// The ODT extractor.
pub(super) struct Odt;

const ODF: Vocabulary = Vocabulary {
    paragraphs: &["p", "h"],
    text: None,
    tabs: &["tab"],
    breaks: &["line-break"],
    hyphens: &[],
    spaces: &["s"],
    skip: &["tracked-changes", "annotation", "note-citation"],
};

impl Extract for Odt {
    fn name(&self) -> &'static str {
        "odt"
    }

    fn extract(&self, bytes: &[u8], limits: &Limits) -> Result<Extracted, Failure> {
        // A password-protected ODT keeps a readable manifest that says its parts are encrypted.
        if small_part(bytes, "META-INF/manifest.xml", 1 << 20).is_some_and(|m| m.contains("encryption-data")) {
            return Err(Failure::Encrypted);
        }
        paragraphs(bytes, "content.xml", &ODF, limits)
    }
}
