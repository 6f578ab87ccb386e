//! Plain text (`.txt`) and Markdown (`.md`). Text is decoded as applicant files are (UTF-8 with or
//! without BOM, UTF-16 with BOM, otherwise Windows-1252); paragraphs are separated by blank lines.
//! Markdown is read with pulldown-cmark, so markup (`##`, `**`, link targets) is not taken for words.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Extract, Extracted, Failure, Limits, Unit};

/// The plain-text extractor.
pub(super) struct Text;

/// The Markdown extractor.
pub(super) struct Markdown;

impl Extract for Text {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extract(&self, bytes: &[u8], _: &Limits) -> Result<Extracted, Failure> {
        let text = decode(bytes);
        let parts = split_paragraphs(&text);
        Ok(Extracted { unit: Unit::Paragraph, parts })
    }
}

impl Extract for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn extract(&self, bytes: &[u8], _: &Limits) -> Result<Extracted, Failure> {
        let text = decode(bytes);
        let mut parts = Vec::new();
        let mut current = String::new();
        for event in Parser::new(&text) {
            match event {
                Event::Text(t) | Event::Code(t) => current.push_str(&t),
                Event::SoftBreak | Event::HardBreak => current.push('\n'),
                // A list item or table cell inside a paragraph still needs a space from its neighbour.
                Event::Start(Tag::Item | Tag::TableCell) if !current.is_empty() => current.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => {
                    let paragraph = current.trim();
                    if !paragraph.is_empty() {
                        parts.push(paragraph.to_string());
                    }
                    current.clear();
                }
                _ => {}
            }
        }
        if !current.trim().is_empty() {
            parts.push(current.trim().to_string());
        }
        Ok(Extracted { unit: Unit::Paragraph, parts })
    }
}

/// Text in the encodings applicant files come in.
fn decode(bytes: &[u8]) -> String {
    let (encoding, skip) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bom),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, 0),
        None => (encoding_rs::WINDOWS_1252, 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Paragraphs separated by one or more blank lines, each trimmed.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                parts.push(current.trim().to_string());
            }
            current.clear();
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paragraphs_are_separated_by_blank_lines() {
        let source = "Ansøgning\r\n\r\nJeg har budgetansvar\nog ledelse.\n\n\n  Med venlig hilsen ";
        let text = Text.extract(source.as_bytes(), &Limits::default());
        let parts = text.map(|e| e.parts).unwrap_or_default();
        assert_eq!(parts, ["Ansøgning", "Jeg har budgetansvar\nog ledelse.", "Med venlig hilsen"]);
    }

    #[test]
    fn windows_1252_text_is_decoded() {
        // 0xE6 0xF8 0xE5 are æ ø å in Windows-1252, and not valid UTF-8.
        let text = Text.extract(b"\xe6\xf8\xe5", &Limits::default()).map(|e| e.parts).unwrap_or_default();
        assert_eq!(text, ["æøå"]);
    }

    #[test]
    fn markdown_markup_is_not_text() {
        let source = "## Uddannelse\n\n**cand.polit.** fra [KU](https://example.dk)\n\n- Økonomi\n- HR\n";
        let parts = Markdown.extract(source.as_bytes(), &Limits::default()).map(|e| e.parts).unwrap_or_default();
        assert_eq!(parts, ["Uddannelse", "cand.polit. fra KU", "Økonomi", "HR"]);
    }
}
