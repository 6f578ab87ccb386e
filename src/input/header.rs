//! The header row: column names as written, matched as normalised token sequences (`Aar_Politisk`
//! is `aar politisk`), with duplicates an error and "did you mean" for a name not found.

use super::diagnose;
use crate::error::{Error, Location, Result};
use crate::text::token_key;

/// The header row: names as written, and the normalised keys they are matched by.
#[derive(Debug, Clone)]
pub struct Header {
    names: Vec<String>,
    keys: Vec<String>,
}

impl Header {
    /// Builds a header, failing when two names normalise alike.
    pub fn new(names: Vec<String>, location: &Location) -> Result<Header> {
        let keys: Vec<String> = names.iter().map(|n| token_key(n)).collect();
        let mut clashes = Vec::new();
        // A map, not a pairwise search: a header may have 100,000 columns.
        let mut first: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for (i, key) in keys.iter().enumerate() {
            match first.get(key.as_str()) {
                Some(&j) => {
                    clashes.push(format!("'{}' (column {}) and '{}' (column {})", names[j], j + 1, names[i], i + 1))
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
        if !clashes.is_empty() {
            if let Some(message) = diagnose::title_row(&names) {
                return Err(Error::input(location.clone(), message));
            }
            let message = format!("duplicate column names (compared as normalised words): {}", clashes.join(", "));
            return Err(Error::input(location.clone(), message));
        }
        Ok(Header { names, keys })
    }

    /// A header with no columns, until the real one is read.
    pub(super) fn empty() -> Header {
        Header { names: Vec::new(), keys: Vec::new() }
    }

    /// The column names as written.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the column a name refers to, compared as normalised token sequences.
    pub fn find(&self, name: &str) -> Option<usize> {
        let key = token_key(name);
        self.keys.iter().position(|k| *k == key)
    }

    /// Up to three column names closest to `name`, best first, for a "did you mean" hint.
    pub fn closest(&self, name: &str) -> Vec<&str> {
        let key = token_key(name);
        let mut scored: Vec<(f64, usize)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (strsim::normalized_levenshtein(&key, k), i))
            .filter(|(s, _)| *s >= 0.4)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(3).map(|(_, i)| self.names[i].as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_match_as_token_sequences() {
        let header = Header::new(vec!["Aar_Politisk".into(), "budget_mio".into()], &Location::file("x")).unwrap();
        assert_eq!(header.find("aar politisk"), Some(0));
        assert_eq!(header.find("AAR-POLITISK"), Some(0));
        assert_eq!(header.closest("budget_mi"), vec!["budget_mio"]);
    }

    #[test]
    fn a_hundred_thousand_header_names_are_checked_in_linear_time() {
        let mut names: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        names.push("C99999".into());
        let err = Header::new(names, &Location::line("x.csv", 1)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("'c99999' (column 100000) and 'C99999' (column 100001)"), "{err}");
    }

    #[test]
    fn duplicate_headers_are_an_error() {
        let err = Header::new(vec!["Navn".into(), "navn ".into()], &Location::line("x.csv", 1)).unwrap_err();
        assert!(err.to_string().contains("'Navn' (column 1) and 'navn ' (column 2)"), "{err}");
    }
}
