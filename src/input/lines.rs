//! Physical line numbers and record offsets, and fetching a record again by its offset.
//!
//! The csv crate reports where records start, but leaves the `\n` of a CRLF terminator (and any
//! skipped empty lines) at the start of the next record, and does not count CR-only line ends. So
//! the bytes are counted here, as they stream into the csv reader: [`LineReader`] notes every line
//! terminator it passes, and turns the csv crate's start offset into the true start and its line.
//! Only terminators not yet asked about are kept, so memory stays bounded by the read-ahead.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Location, Result};

use super::record::Record;

/// A reader that counts line terminators (`\r\n`, `\n`, `\r`) in the bytes that pass through it.
#[derive(Debug)]
pub(super) struct LineReader<R> {
    inner: R,
    /// Bytes passed so far.
    position: u64,
    /// Terminators passed and not yet behind a record start: (start, end) byte offsets.
    terminators: VecDeque<(u64, u64)>,
    /// A `\r` at the end of the last read, whose terminator length depends on the next byte.
    pending_cr: Option<u64>,
    /// Terminators wholly before the last record start.
    lines_before: u64,
    /// The bytes from `window_start` on: the records being read, so that their raw bytes can be
    /// checked (see [`LineReader::bytes`]). Bytes before the last record start are dropped.
    window: Vec<u8>,
    window_start: u64,
}

impl<R: Read> LineReader<R> {
    pub(super) fn new(inner: R) -> LineReader<R> {
        LineReader {
            inner,
            position: 0,
            terminators: VecDeque::new(),
            pending_cr: None,
            lines_before: 0,
            window: Vec::new(),
            window_start: 0,
        }
    }

    /// The true start and the 1-based line of a record that the csv crate says starts at `offset`:
    /// past any terminator that `offset` falls on or in (the rest of a CRLF, empty lines).
    pub(super) fn record_start(&mut self, offset: u64) -> (u64, u64) {
        let mut start = offset;
        while let Some(&(t_start, t_end)) = self.terminators.front() {
            if t_end <= start {
                self.lines_before += 1;
                self.terminators.pop_front();
            } else if t_start <= start {
                start = t_end;
            } else {
                break;
            }
        }
        self.release(start);
        (start, self.lines_before + 1)
    }

    /// The raw bytes from `start` to `end`, if they are still in the window (a record's own bytes
    /// are, from its start until the next record start is asked for).
    pub(super) fn bytes(&self, start: u64, end: u64) -> &[u8] {
        let from = start.saturating_sub(self.window_start) as usize;
        let to = end.saturating_sub(self.window_start) as usize;
        self.window.get(from..to.min(self.window.len())).unwrap_or(&[])
    }

    /// Drops window bytes before `start`, in large steps so that the copying stays amortised.
    fn release(&mut self, start: u64) {
        let before = start.saturating_sub(self.window_start) as usize;
        if before >= 64 * 1024 && before * 2 >= self.window.len() {
            self.window.drain(..before.min(self.window.len()));
            self.window_start += before as u64;
        }
    }

    fn note(&mut self, buffer: &[u8]) {
        let base = self.position;
        let mut from = 0;
        if let Some(cr) = self.pending_cr.take() {
            let end = if buffer.first() == Some(&b'\n') { cr + 2 } else { cr + 1 };
            self.terminators.push_back((cr, end));
            from = usize::from(buffer.first() == Some(&b'\n'));
        }
        for i in memchr::memchr2_iter(b'\r', b'\n', &buffer[from..]).map(|i| i + from) {
            let at = base + i as u64;
            match buffer[i] {
                b'\n' if i > 0 && buffer[i - 1] == b'\r' => {}
                b'\n' => self.terminators.push_back((at, at + 1)),
                _ => match buffer.get(i + 1) {
                    Some(b'\n') => self.terminators.push_back((at, at + 2)),
                    Some(_) => self.terminators.push_back((at, at + 1)),
                    None => self.pending_cr = Some(at),
                },
            }
        }
        self.position += buffer.len() as u64;
    }
}

impl<R: Read> Read for LineReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buffer)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.terminators.push_back((cr, cr + 1));
            }
        } else {
            self.note(&buffer[..n]);
            self.window.extend_from_slice(&buffer[..n]);
        }
        Ok(n)
    }
}

/// Fetches records by the offsets a [`super::CsvReader`] gave them, from any thread, reading only
/// those records (positioned reads; nothing is mapped or held).
///
/// Each thread keeps one csv reader over the file and moves it from record to record: building a
/// csv reader costs more than reading a typical record.
pub struct Fetcher {
    file: Arc<File>,
    delimiter: u8,
    path: String,
    _spool: Option<Arc<tempfile::NamedTempFile>>,
    /// One reader per worker thread, plus one for callers outside the pool.
    readers: Vec<Mutex<Option<csv::Reader<At>>>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("path", &self.path).finish()
    }
}

impl Fetcher {
    pub(super) fn new(
        file: Arc<File>,
        delimiter: u8,
        path: String,
        spool: Option<Arc<tempfile::NamedTempFile>>,
    ) -> Fetcher {
        let readers = (0..rayon::current_num_threads() + 1).map(|_| Mutex::new(None)).collect();
        Fetcher { file, delimiter, path, _spool: spool, readers }
    }

    /// The record starting at `offset` on `line`.
    pub fn fetch(&self, offset: u64, line: u64) -> Result<Record> {
        let failed = |message: &str| Error::input(Location::line(self.path.clone(), line), message);
        let slot = rayon::current_thread_index().unwrap_or(self.readers.len() - 1).min(self.readers.len() - 1);
        // A poisoned lock only means another fetch panicked; the reader is repositioned anyway.
        let mut guard = self.readers[slot].lock().unwrap_or_else(|e| e.into_inner());
        let reader = guard.get_or_insert_with(|| {
            csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(self.delimiter).from_reader(At {
                file: Arc::clone(&self.file),
                position: 0,
                newline: false,
            })
        });
        let mut position = csv::Position::new();
        position.set_byte(offset).set_line(line);
        reader.seek_raw(io::SeekFrom::Start(offset), position).map_err(|e| failed(&e.to_string()))?;
        let mut raw = csv::ByteRecord::new();
        if !reader.read_byte_record(&mut raw).map_err(|e| failed(&e.to_string()))? {
            return Err(failed("the file changed while it was read"));
        }
        // Decoded as pass 1 decoded it: a damaged cell reads alike in both passes.
        Ok(Record::decode(line, offset, raw))
    }
}

/// The data file read from a position of its own (positioned reads, so threads share no cursor).
///
/// Seeking also puts a line end before the data: the csv crate drops a UTF-8 BOM at the start of
/// what it reads, and pass 1 read a BOM that begins a record (a file made by joining two exports)
/// as part of that record. After the line end, which the csv crate skips as an empty line, the
/// record does not start what is read, and keeps its BOM.
struct At {
    file: Arc<File>,
    position: u64,
    newline: bool,
}

impl Read for At {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.newline && !buffer.is_empty() {
            self.newline = false;
            buffer[0] = b'\n';
            return Ok(1);
        }
        let n = read_at_once(&self.file, buffer, self.position)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl io::Seek for At {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        match to {
            io::SeekFrom::Start(position) => {
                self.position = position;
                self.newline = true;
                Ok(position)
            }
            _ => Err(io::Error::new(io::ErrorKind::Unsupported, "records are fetched by their start offset only")),
        }
    }
}

#[cfg(unix)]
fn read_at_once(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    use std::os::unix::fs::FileExt;
    file.read_at(buffer, offset)
}

#[cfg(windows)]
fn read_at_once(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    use std::os::windows::fs::FileExt;
    file.seek_read(buffer, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(data: &[u8], csv_offsets: &[u64]) -> Vec<(u64, u64)> {
        let mut reader = LineReader::new(data);
        io::copy(&mut reader.by_ref(), &mut io::sink()).unwrap();
        csv_offsets.iter().map(|&o| reader.record_start(o)).collect()
    }

    #[test]
    fn crlf_leaves_no_trace_in_lines_or_offsets() {
        // "id\r\n1\r\n": the csv crate says the second record starts at 3 (the "\n"); it is at 4, line 2.
        assert_eq!(starts(b"id\r\n1\r\n", &[0, 3]), vec![(0, 1), (4, 2)]);
    }

    #[test]
    fn cr_only_and_empty_lines_count() {
        assert_eq!(starts(b"a\rb\rc", &[0, 2, 4]), vec![(0, 1), (2, 2), (4, 3)]);
        // "a\n\n\nb": after "a", the csv crate resumes at 2 (an empty line); "b" is at 4 on line 4.
        assert_eq!(starts(b"a\n\n\nb", &[0, 2]), vec![(0, 1), (4, 4)]);
    }

    #[test]
    fn a_cr_split_across_reads_is_one_terminator() {
        let mut reader = LineReader::new(&b""[..]);
        reader.note(b"a\r");
        reader.note(b"\nb");
        assert_eq!(reader.record_start(2), (3, 2));
    }
}
