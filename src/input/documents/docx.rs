//! Word documents (`.docx`): the paragraphs of `word/document.xml`, text from `w:t` runs only, so
//! deleted text of tracked changes (`w:delText`), field codes (`w:instrText`) and the fallback copy
//! of a text box (`mc:Fallback`) are left out. Headers and footers (separate parts) are not read:
//! they repeat on every page and carry no application text.

use super::zipxml::{Vocabulary, paragraphs};
use super::{Extract, Extracted, Failure, Limits};

/// The DOCX extractor.
pub(super) struct Docx;

const WORD: Vocabulary = Vocabulary {
    paragraphs: &["p"],
    text: Some(&["t"]),
    tabs: &["tab", "ptab"],
    breaks: &["br", "cr"],
    hyphens: &["noBreakHyphen"],
    spaces: &[],
    skip: &["Fallback", "del", "moveFrom", "comment"],
};

/// The first bytes of an OLE compound file: how Word stores a password-protected document (and
/// how an old `.doc` looks).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

impl Extract for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extract(&self, bytes: &[u8], limits: &Limits) -> Result<Extracted, Failure> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(if contains_utf16(bytes, "EncryptionInfo") {
                Failure::Encrypted
            } else {
                Failure::Damaged("an old binary Word file (.doc) named .docx: save it as .docx or PDF".into())
            });
        }
        paragraphs(bytes, "word/document.xml", &WORD, limits)
    }
}

/// Whether `bytes` hold `text` in UTF-16LE, as OLE stream names are written.
fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}
