//! The reader DOCX and ODT share: one XML part of a zip archive, streamed through quick-xml with a
//! cap on how much it may unpack to (a zip bomb stops at the cap, not at the end of memory), and
//! turned into paragraphs by a small vocabulary of element names per format.

use std::io::{self, BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::extracted::push_limited;
use super::{Extracted, Failure, Limits, Unit};

/// Which elements mean what, by local name (without the namespace prefix).
pub(super) struct Vocabulary {
    /// Elements that hold one paragraph (they may nest: a text box inside a paragraph).
    pub paragraphs: &'static [&'static str],
    /// Elements whose text counts; `None`: all text inside a paragraph counts.
    pub text: Option<&'static [&'static str]>,
    /// Empty elements that stand for a tab.
    pub tabs: &'static [&'static str],
    /// Empty elements that stand for a line break.
    pub breaks: &'static [&'static str],
    /// Empty elements that stand for a hyphen that does not break (Word's `w:noBreakHyphen`).
    pub hyphens: &'static [&'static str],
    /// Empty elements that stand for `c` spaces (ODF's `text:s`).
    pub spaces: &'static [&'static str],
    /// Elements whose whole subtree is left out: deleted text of tracked changes, comments, the
    /// fallback copy of a text box.
    pub skip: &'static [&'static str],
}

/// Reads the paragraphs of the XML part `part` of a zip archive.
pub(super) fn paragraphs(
    bytes: &[u8],
    part: &str,
    vocabulary: &Vocabulary,
    limits: &Limits,
) -> Result<Extracted, Failure> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Failure::Damaged(format!("not a readable zip archive ({e})")))?;
    let entry = archive.by_name(part).map_err(|_| Failure::Damaged(format!("it has no {part}")))?;
    let mut capped = Capped { inner: entry, left: limits.unpacked_bytes, over: false };
    let result = walk(BufReader::new(&mut capped), vocabulary, limits);
    if capped.over {
        return Err(Failure::TooLarge(format!(
            "{part} unpacks to more than {} bytes (a zip bomb?)",
            limits.unpacked_bytes
        )));
    }
    result
}

/// Whether the archive holds a part of this name, and its first `limit` bytes as text.
pub(super) fn small_part(bytes: &[u8], part: &str, limit: u64) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let entry = archive.by_name(part).ok()?;
    let mut text = String::new();
    entry.take(limit).read_to_string(&mut text).ok()?;
    Some(text)
}

fn walk(source: impl io::BufRead, vocabulary: &Vocabulary, limits: &Limits) -> Result<Extracted, Failure> {
    let mut reader = Reader::from_reader(source);
    let mut buffer = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut parts = Vec::new();
    let (mut in_text, mut skipping, mut total) = (0usize, 0usize, 0usize);
    let damaged = |e: quick_xml::Error| Failure::Damaged(format!("its XML cannot be read ({e})"));
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(damaged)?;
        let counts = |in_text: usize, open: &[String]| !open.is_empty() && (vocabulary.text.is_none() || in_text > 0);
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || vocabulary.skip.contains(&name) {
                    skipping += 1;
                } else if vocabulary.paragraphs.contains(&name) {
                    open.push(String::new());
                } else if vocabulary.text.is_some_and(|t| t.contains(&name)) {
                    in_text += 1;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                } else if vocabulary.paragraphs.contains(&name) {
                    if let Some(paragraph) = open.pop() {
                        let paragraph = paragraph.trim();
                        if !paragraph.is_empty() {
                            total += paragraph.len();
                            if total > limits.text_bytes {
                                return Err(Failure::TooLarge(format!(
                                    "it holds more than {} bytes of text",
                                    limits.text_bytes
                                )));
                            }
                            parts.push(paragraph.to_string());
                        }
                    }
                } else if vocabulary.text.is_some_and(|t| t.contains(&name)) {
                    in_text = in_text.saturating_sub(1);
                }
            }
            Event::Empty(e) if skipping == 0 => {
                let name = e.local_name();
                let name = name.as_ref();
                let Some(paragraph) = open.last_mut() else { continue };
                if vocabulary.tabs.contains(&name) {
                    paragraph.push('\t');
                } else if vocabulary.breaks.contains(&name) {
                    paragraph.push('\n');
                } else if vocabulary.hyphens.contains(&name) {
                    paragraph.push('-');
                } else if vocabulary.spaces.contains(&name) {
                    let count = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "c")
                        .and_then(|a| a.value.trim().parse::<usize>().ok())
                        .unwrap_or(1);
                    paragraph.extend(std::iter::repeat_n(' ', count.min(64)));
                }
            }
            Event::Text(text) if skipping == 0 && counts(in_text, &open) => {
                if let Some(paragraph) = open.last_mut() {
                    push_limited(paragraph, &text.xml10_content(), &mut total, limits.text_bytes)?;
                }
            }
            Event::CData(text) if skipping == 0 && counts(in_text, &open) => {
                if let Some(paragraph) = open.last_mut() {
                    push_limited(paragraph, &text.into_inner(), &mut total, limits.text_bytes)?;
                }
            }
            Event::GeneralRef(reference) if skipping == 0 && counts(in_text, &open) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&reference.xml10_content()).map(str::to_string),
                };
                if let (Some(text), Some(paragraph)) = (resolved, open.last_mut()) {
                    push_limited(paragraph, &text, &mut total, limits.text_bytes)?;
                }
            }
            _ => {}
        }
        buffer.clear();
    }
    Ok(Extracted { unit: Unit::Paragraph, parts })
}

/// A reader that fails once more than `left` bytes have been read, and says so in `over`.
struct Capped<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.over = true;
            return Err(io::Error::other("the part unpacks to more than the limit"));
        }
        let room = buffer.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buffer[..room])?;
        self.left -= n as u64;
        Ok(n)
    }
}
