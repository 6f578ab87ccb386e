//! The extraction cache: a document's extracted text (or the reason it has none), kept under the
//! SHA-256 of the document's bytes, so that a rerun with other weights or another rubric does not
//! extract an unchanged document again. A changed document has another digest and is extracted
//! afresh; a new profilmatch version uses new entries.
//!
//! The cache is a folder of small JSON files, one per document: `PROFILMATCH_CACHE_DIR`, or the
//! user's cache folder (`$XDG_CACHE_HOME/profilmatch/extract`, `~/.cache/profilmatch/extract` on
//! Linux). It holds applicants' text, so its files are readable by their owner only, and it is
//! safe to delete at any time (`--no-cache` bypasses it). An entry that cannot be read is ignored
//! and written again.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Extracted, Failure};

/// Bumped whenever extraction or clean-up changes what a document gives.
const FORMAT: u32 = 1;

/// Where extracted text is kept, if anywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cache {
    folder: Option<PathBuf>,
}

/// What a cache entry holds: the text, or why there is none.
pub type Entry = Result<Extracted, Failure>;

impl Cache {
    /// No cache: every document is extracted every time.
    pub fn disabled() -> Cache {
        Cache { folder: None }
    }

    /// A cache in `folder`.
    pub fn at(folder: PathBuf) -> Cache {
        Cache { folder: Some(folder) }
    }

    /// The default cache: `PROFILMATCH_CACHE_DIR`, else the user's cache folder; disabled when
    /// neither is known.
    pub fn default_location() -> Cache {
        let folder = std::env::var_os("PROFILMATCH_CACHE_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::cache_dir().map(|d| d.join("profilmatch").join("extract")));
        Cache { folder }
    }

    /// The folder, when the cache is on.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// The entry for a document's bytes read by `format`, if one was kept.
    pub fn get(&self, digest: &str, format: &str) -> Option<Entry> {
        let path = self.path(digest, format)?;
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Keeps an entry. A cache that cannot be written is not an error: the run goes on without it.
    pub fn put(&self, digest: &str, format: &str, entry: &Entry) {
        let (Some(folder), Some(path)) = (self.folder.as_deref(), self.path(digest, format)) else { return };
        let _ = write_entry(folder, &path, entry);
    }

    fn path(&self, digest: &str, format: &str) -> Option<PathBuf> {
        let version = env!("CARGO_PKG_VERSION");
        Some(self.folder.as_ref()?.join(format!("{digest}.{format}.{version}.{FORMAT}.json")))
    }
}

fn write_entry(folder: &Path, path: &Path, entry: &Entry) -> std::io::Result<()> {
    create_private_folder(folder)?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder.tempfile_in(folder)?;
    serde_json::to_writer(&mut temp, entry)?;
    temp.flush()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn create_private_folder(folder: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

/// The SHA-256 of `bytes`, in lower-case hex: the document's identity in the cache and the run record.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::documents::Unit;

    #[test]
    fn entries_are_kept_by_digest_and_format() {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::at(folder.path().join("c"));
        let text: Entry = Ok(Extracted { unit: Unit::Page, parts: vec!["budget".into()] });
        let digest = digest(b"pdf bytes");
        assert_eq!(cache.get(&digest, "pdf"), None);
        cache.put(&digest, "pdf", &text);
        assert_eq!(cache.get(&digest, "pdf"), Some(text));
        assert_eq!(cache.get(&digest, "docx"), None);
        let failure: Entry = Err(Failure::NoText);
        cache.put(&digest, "docx", &failure);
        assert_eq!(cache.get(&digest, "docx"), Some(failure));
    }

    #[test]
    fn a_damaged_entry_is_ignored() {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::at(folder.path().to_path_buf());
        let digest = digest(b"x");
        let path = cache.path(&digest, "pdf").unwrap_or_default();
        std::fs::write(path, b"{not json").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get(&digest, "pdf"), None);
    }

    #[test]
    fn the_digest_is_sha256() {
        // SHA-256 of the empty string, as published in FIPS 180-4's examples.
        assert_eq!(digest(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
