//! Encodings: which one a file is in (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
//! Windows-1252 when the bytes are not UTF-8 at all), and a UTF-8 copy of a file in another one.
//! The rule is in the module documentation of [`crate::input`]: encoding per file, damage per cell.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

/// The text encoding an input file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 with a byte order mark.
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    /// UTF-16, little-endian, with a byte order mark.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Windows-1252, Danish Excel's default, assumed for a file that is not UTF-8 at all (see the
    /// documentation of [`crate::input`]).
    #[serde(rename = "Windows-1252")]
    Windows1252,
    /// A spreadsheet workbook: cells are read as values, not bytes (see [`super::WorkbookFormat`]).
    #[serde(rename = "workbook")]
    Workbook,
    /// A folder of application documents, joined into a table (see [`super::documents`]).
    #[serde(rename = "documents")]
    Documents,
}

impl Encoding {
    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Workbook => "workbook",
            Encoding::Documents => "documents",
        }
    }
}

/// Writes a UTF-8 copy (without BOM) of a file in another encoding.
pub(super) fn transcode(path: &Path, encoding: Encoding) -> io::Result<tempfile::NamedTempFile> {
    let mut spool = tempfile::NamedTempFile::new()?;
    let mut decoded = decoded_reader(File::open(path)?, encoding);
    {
        let mut out = io::BufWriter::new(spool.as_file_mut());
        io::copy(&mut decoded, &mut out)?;
        out.flush()?;
    }
    Ok(spool)
}

pub(super) fn detect_encoding(path: &Path) -> io::Result<Encoding> {
    let prefix = read_prefix(path, 4)?;
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8Bom);
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return Ok(Encoding::Utf16Le);
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return Ok(Encoding::Utf16Be);
    }
    let evidence = utf8_evidence(path)?;
    Ok(if evidence.is_utf8() { Encoding::Utf8 } else { Encoding::Windows1252 })
}

/// What a file's bytes say about UTF-8: how many valid multi-byte sequences and how many invalid
/// sequences it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Utf8Evidence {
    multibyte: u64,
    invalid: u64,
}

impl Utf8Evidence {
    /// UTF-8 unless invalid sequences outnumber valid multi-byte ones: one stray byte in a Danish
    /// UTF-8 file does not turn every `æ` into `Ã¦`, while a Windows-1252 file (whose every Danish
    /// letter is an invalid sequence, and which has no valid multi-byte sequence but by chance) is
    /// still read as Windows-1252.
    fn is_utf8(self) -> bool {
        self.invalid <= self.multibyte
    }

    fn count(&mut self, bytes: &[u8]) {
        // The common case, a block that is all valid UTF-8: `simdutf8` checks it many bytes at a
        // time (the standard check slows at every Danish letter), and a byte count gives its
        // multi-byte sequences, where walking `utf8_chunks` costs several instructions a byte. The
        // result is the same.
        if simdutf8::basic::from_utf8(bytes).is_ok() {
            // Lead bytes (0xC0 and up) counted in blocks of 255 with byte-wide sums, which
            // vectorise; a valid sequence has exactly one.
            let lead = |block: &[u8]| block.iter().fold(0u8, |n, &b| n + u8::from(b >= 0xC0));
            self.multibyte += bytes.chunks(255).map(|block| u64::from(lead(block))).sum::<u64>();
            return;
        }
        self.count_chunks(bytes);
    }

    /// [`Utf8Evidence::count`] chunk by chunk: valid runs and invalid sequences in turn.
    fn count_chunks(&mut self, bytes: &[u8]) {
        for chunk in bytes.utf8_chunks() {
            self.multibyte += chunk.valid().bytes().filter(|b| *b >= 0xC0).count() as u64;
            self.invalid += u64::from(!chunk.invalid().is_empty());
        }
    }
}

/// Counts a file's valid multi-byte and invalid UTF-8 sequences, block by block, so that memory
/// stays bounded.
fn utf8_evidence(path: &Path) -> io::Result<Utf8Evidence> {
    let mut file = File::open(path)?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut carried = 0;
    let mut evidence = Utf8Evidence::default();
    loop {
        let n = file.read(&mut buffer[carried..])?;
        let filled = carried + n;
        // A sequence cut at the end of the block is carried into the next one (at most 3 bytes).
        let keep = if n == 0 { 0 } else { incomplete_tail(&buffer[..filled]) };
        evidence.count(&buffer[..filled - keep]);
        buffer.copy_within(filled - keep..filled, 0);
        carried = keep;
        if n == 0 {
            return Ok(evidence);
        }
    }
}

/// How many bytes at the end of `bytes` begin a UTF-8 sequence that the next block may complete.
fn incomplete_tail(bytes: &[u8]) -> usize {
    let start = bytes.len().saturating_sub(3);
    for i in (start..bytes.len()).rev() {
        let needed = match bytes[i] {
            0x80..=0xBF => continue,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        let have = bytes.len() - i;
        return if have < needed { have } else { 0 };
    }
    0
}

pub(super) fn read_prefix(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::with_capacity(limit);
    File::open(path)?.take(limit as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

fn encoding_of(encoding: Encoding) -> &'static encoding_rs::Encoding {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        // A workbook's spool is written in UTF-8.
        Encoding::Workbook | Encoding::Documents => encoding_rs::UTF_8,
    }
}

pub(super) fn decode_prefix(bytes: &[u8], encoding: Encoding) -> String {
    let (text, _, _) = encoding_of(encoding).decode(bytes);
    text.trim_start_matches('\u{feff}').to_string()
}

fn decoded_reader(file: File, encoding: Encoding) -> Box<dyn Read + Send> {
    let buffered = BufReader::with_capacity(256 * 1024, file);
    match encoding {
        Encoding::Utf8 => Box::new(buffered),
        _ => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_of(encoding)))
                .bom_override(true)
                .strip_bom(true)
                .build(buffered),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_evidence_of_valid_blocks_equals_the_chunk_count() {
        // "Økonomi æ" holds two valid multi-byte sequences (Ø, æ) and no invalid one; the
        // three-byte "€" one more.
        for text in ["", "plain ascii", "Økonomi æ", "x€y", "ØØØ"] {
            let (mut fast, mut chunks) = (Utf8Evidence::default(), Utf8Evidence::default());
            fast.count(text.as_bytes());
            chunks.count_chunks(text.as_bytes());
            assert_eq!(fast, chunks, "{text:?}");
        }
        let mut evidence = Utf8Evidence::default();
        evidence.count("Økonomi æ".as_bytes());
        assert_eq!(evidence, Utf8Evidence { multibyte: 2, invalid: 0 });
        // A Windows-1252 "æ" (0xE6) before a space is invalid: the chunk count takes over.
        evidence.count(b"\xE6 x");
        assert_eq!(evidence, Utf8Evidence { multibyte: 2, invalid: 1 });
    }
}
