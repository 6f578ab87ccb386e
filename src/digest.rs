//! The one hash: SHA-256, in lower-case hex, of files (the run record's inputs) and of canonical
//! texts (a rubric's approved weights and rules). Everything that fingerprints uses these two
//! functions, so that a digest shown in a report, a record and a rubric can be compared by eye.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The SHA-256 of bytes, in lower-case hex: the one hash every output and record uses.
///
/// ```
/// // FIPS 180-2, appendix B.1.
/// assert_eq!(
///     profilmatch::digest::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The size and SHA-256 (lower-case hex) of a file's bytes, read in blocks; errors name `display`.
pub fn sha256_file(path: &Path, display: &str) -> Result<(u64, String)> {
    let io_error = |source| Error::Io { path: display.into(), source };
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buffer).map_err(io_error)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
    Ok((bytes, hex(&hasher.finalize())))
}
