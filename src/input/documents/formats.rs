//! The formats read: the extractor chosen by a file name's extension, why a file of another type
//! is skipped, and [`extract`], which runs an extractor within the limits and applies the clean-up
//! every format shares.

#[cfg(feature = "pdf")]
use super::pdf;
use super::{Extract, Extracted, Failure, Limits, Unit, clean, docx, odt, plain};

/// The extractor for a file name's extension (case-insensitive), or `None` for a type that is
/// not read (an image, a spreadsheet, an old binary Word file).
pub fn extractor(name: &str) -> Option<&'static dyn Extract> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        #[cfg(feature = "pdf")]
        "pdf" => Some(&pdf::Pdf),
        "docx" | "docm" => Some(&docx::Docx),
        "odt" => Some(&odt::Odt),
        "txt" | "text" => Some(&plain::Text),
        "md" | "markdown" => Some(&plain::Markdown),
        _ => None,
    }
}

/// Why a file of this name is not read, for the warning that lists it.
pub fn unsupported_reason(name: &str) -> String {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        #[cfg(not(feature = "pdf"))]
        "pdf" => "PDF support was left out of this build (cargo feature 'pdf')".into(),
        "doc" => "an old binary Word file (.doc): save it as .docx or PDF".into(),
        "csv" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            "a spreadsheet, not an application (an applicant list is given with --applicants)".into()
        }
        "jpg" | "jpeg" | "png" | "gif" | "tif" | "tiff" | "heic" | "bmp" => "an image: no text to read".into(),
        "rtf" => {
            "RTF is not read (no well-kept crate reads it well; see docs/documents.md): save it as DOCX or PDF".into()
        }
        "" => "no file type (no extension)".into(),
        other => format!("'.{other}' is not a document type profilmatch reads (PDF, DOCX, ODT, TXT, MD)"),
    }
}

/// Extracts one document's bytes with `extractor`, applying the limits and the clean-up every
/// format shares, and never panicking on the bytes: a panic inside a parser is reported as damage.
pub fn extract(extractor: &dyn Extract, bytes: &[u8], limits: &Limits) -> Result<Extracted, Failure> {
    if bytes.len() as u64 > limits.file_bytes {
        return Err(Failure::TooLarge(format!("{} bytes; the limit is {} bytes", bytes.len(), limits.file_bytes)));
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(bytes, limits)))
        .unwrap_or_else(|_| Err(Failure::Damaged(format!("the {} reader could not parse it", extractor.name()))));
    let mut extracted = result?;
    if extracted.chars() > limits.text_bytes {
        return Err(Failure::TooLarge(format!("it holds more than {} bytes of text", limits.text_bytes)));
    }
    clean::clean(&mut extracted);
    if extracted.is_blank() {
        return Err(match extracted.unit {
            Unit::Page => Failure::NoText,
            Unit::Paragraph => Failure::Damaged("it holds no text".into()),
        });
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractors_are_chosen_by_extension_whatever_the_case() {
        assert_eq!(extractor("A001/CV.DOCX").map(|e| e.name()), Some("docx"));
        assert_eq!(extractor("a.odt").map(|e| e.name()), Some("odt"));
        assert_eq!(extractor("a.Md").map(|e| e.name()), Some("markdown"));
        assert!(extractor("foto.jpg").is_none());
        assert!(extractor("README").is_none());
        assert!(unsupported_reason("gammel.doc").contains(".docx"));
        assert!(unsupported_reason("liste.xlsx").contains("--applicants"));
    }

    #[test]
    fn an_oversized_file_is_refused_before_it_is_parsed() {
        let limits = Limits { file_bytes: 10, ..Limits::default() };
        let result = extract(&plain::Text, b"budgetansvar i 12 aar", &limits);
        assert!(matches!(result, Err(Failure::TooLarge(_))), "{result:?}");
    }

    #[test]
    fn a_panicking_parser_is_reported_as_damage() {
        struct Panics;
        impl Extract for Panics {
            fn name(&self) -> &'static str {
                "test"
            }
            fn extract(&self, _: &[u8], _: &Limits) -> Result<Extracted, Failure> {
                panic!("parser bug")
            }
        }
        let result = extract(&Panics, b"x", &Limits::default());
        assert!(matches!(result, Err(Failure::Damaged(_))), "{result:?}");
    }
}
