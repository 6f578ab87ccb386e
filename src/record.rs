//! The run record: what a run read, how it read it, with which settings, and what became of
//! every row, so that a committee can show later exactly how a ranking came about and reproduce it.
//!
//! It holds profilmatch's version, the SHA-256 of every input file's raw bytes, the detected
//! encoding, delimiter and decimal convention, every option that can change a result (never
//! `--threads` or `--progress`, which cannot), the weights in force, the row counts, the time
//! in UTC, and the fingerprints of the weights and rules used beside the rubric's approval.
//! `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) replaces the clock, so that a record
//! written twice from the same inputs is byte-identical. `score --record FILE` writes it; reports
//! embed the same [`RunRecord`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::input::InputInfo;
use crate::pipeline::{RowCounts, Session};

/// A run record. Fields serialise in this order; options in name order.
#[derive(Debug, Clone, Serialize)]
pub struct RunRecord {
    /// `profilmatch` and its version.
    pub profilmatch: String,
    /// When the run happened, RFC 3339 in UTC (from `SOURCE_DATE_EPOCH` when set).
    pub time: String,
    /// Every input file, with its digest.
    pub inputs: Vec<InputDigest>,
    /// How the applicant file was read.
    pub applicants: InputInfo,
    /// Every option that can change a result, by its command-line name.
    pub options: BTreeMap<String, serde_json::Value>,
    /// Per rubric: its identity, the weights in force and the row accounting.
    pub rubrics: Vec<RubricRecord>,
}

/// An input file and the SHA-256 of its raw bytes.
#[derive(Debug, Clone, Serialize)]
pub struct InputDigest {
    /// What it is: `applicants` or `rubric`.
    pub role: String,
    /// The file as the user named it.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, in lower-case hex.
    pub sha256: String,
}

/// A rubric as it was applied.
#[derive(Debug, Clone, Serialize)]
pub struct RubricRecord {
    /// The rubric's id.
    pub id: String,
    /// The rubric's version.
    pub version: String,
    /// Competency weights (after `--weight` overrides) and criterion weights.
    pub competencies: Vec<WeightRecord>,
    /// The fingerprint of the weights used ([`crate::rubric::approval::weights_sha256`]).
    pub weights_sha256: String,
    /// The fingerprint of the scoring rules used ([`crate::rubric::approval::rules_sha256`]).
    pub rules_sha256: String,
    /// The rubric's `[approval]`, and whether the weights and rules used are the approved ones.
    pub approval: crate::rubric::ApprovalStatus,
    /// How every row was accounted for.
    pub rows: RowCounts,
}

/// A competency's weight and its criteria's weights.
#[derive(Debug, Clone, Serialize)]
pub struct WeightRecord {
    /// The competency's id.
    pub id: String,
    /// Its weight.
    pub weight: f64,
    /// Its criteria's weights, in rubric order.
    pub criteria: Vec<CriterionWeight>,
}

/// A criterion's weight.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionWeight {
    /// The criterion's id.
    pub id: String,
    /// Its weight within its competency.
    pub weight: f64,
}

/// A file to list in the record: its role, the path to read and the name the user gave it.
#[derive(Debug, Clone)]
pub struct RecordInput<'a> {
    /// `applicants` or `rubric`.
    pub role: &'a str,
    /// The path to read (for standard input, the spooled copy).
    pub path: &'a Path,
    /// The name shown (`-` for standard input).
    pub display: &'a str,
}

/// Builds the record of a scored session. `options` are the result-changing options, by name.
pub fn run_record(
    session: &Session,
    inputs: &[RecordInput<'_>],
    options: BTreeMap<String, serde_json::Value>,
) -> Result<RunRecord> {
    let inputs = inputs
        .iter()
        .map(|input| match &session.input.documents {
            // A folder of applications: one digest over every document and the list.
            Some(documents) if input.path.is_dir() => Ok(InputDigest {
                role: input.role.to_string(),
                path: input.display.to_string(),
                bytes: documents.bytes(),
                sha256: documents.manifest_sha256(),
            }),
            _ => digest(input),
        })
        .collect::<Result<Vec<_>>>()?;
    let rubrics = session
        .engine
        .rubrics
        .iter()
        .zip(&session.runs)
        .map(|(compiled, run)| {
            let rubric = &compiled.rubric;
            RubricRecord {
                id: rubric.meta.id.clone(),
                version: rubric.meta.version.clone(),
                competencies: rubric
                    .competencies
                    .iter()
                    .map(|c| WeightRecord {
                        id: c.id.clone(),
                        weight: c.weight,
                        criteria: c
                            .criteria
                            .iter()
                            .map(|k| CriterionWeight { id: k.id.clone(), weight: k.weight })
                            .collect(),
                    })
                    .collect(),
                weights_sha256: crate::rubric::approval::weights_sha256(rubric),
                rules_sha256: crate::rubric::approval::rules_sha256(rubric),
                approval: crate::rubric::ApprovalStatus::of(rubric),
                rows: run.counts,
            }
        })
        .collect();
    Ok(RunRecord {
        profilmatch: format!("profilmatch {}", env!("CARGO_PKG_VERSION")),
        time: timestamp()?,
        inputs,
        applicants: session.input.clone(),
        options,
        rubrics,
    })
}

fn digest(input: &RecordInput<'_>) -> Result<InputDigest> {
    let (bytes, sha256) = crate::digest::sha256_file(input.path, input.display)?;
    Ok(InputDigest { role: input.role.to_string(), path: input.display.to_string(), bytes, sha256 })
}

/// The time of the run in UTC, RFC 3339 to the second: `SOURCE_DATE_EPOCH` when it is set,
/// otherwise the clock. A `SOURCE_DATE_EPOCH` that is not a whole number of seconds is an error.
pub fn timestamp() -> Result<String> {
    let time = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => {
            let seconds: i64 = value.trim().parse().map_err(|_| bad_epoch(&value))?;
            time::OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| bad_epoch(&value))?
        }
        Err(_) => time::OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
    };
    time.format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| Error::Usage(format!("cannot format the time {time}: {e}")))
}

fn bad_epoch(value: &str) -> Error {
    Error::Usage(format!("SOURCE_DATE_EPOCH={value:?}: expected whole seconds since 1970-01-01 UTC"))
}

/// Writes a record as pretty-printed JSON with a final newline.
pub fn write_json(record: &RunRecord, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, record)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc");
        std::fs::write(&path, "abc").unwrap();
        let d = digest(&RecordInput { role: "applicants", path: &path, display: "abc" }).unwrap();
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assert_eq!(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(d.bytes, 3);
    }
}
