//! profilmatch scores job applicants against competency rubrics taken from real job profiles, ranks
//! them, and explains every score.
//!
//! The pipeline, one module per stage, in the order data flows:
//! [`input`] (CSV and workbook reading, encodings, numbers, folders of application documents) →
//! [`rubric`] (format, validation, compilation) → [`text`] (normalisation, tokens, term matching) →
//! [`score`] (parallel scoring with evidence) → [`rank`] → [`redact`] (blind mode) → [`output`]
//! (formats), [`tune`] (weights) and [`report`] (the committee's shortlist); [`record`] says what a
//! run did. [`pipeline`] joins the stages; `app` runs the commands and `cli` holds the raw command
//! line (both only with the default `cli` feature, which also builds the binary).
//! [`Scorer`] scores records from your own program, without a file, from any threads.
//! [`diagnostic`] holds row and cell problems as data, and [`inert`] makes text safe to display.
//!
//! ```
//! use profilmatch::{input::ReadOptions, pipeline::{score_file, ScoreOptions}, rubric};
//! # let dir = tempfile::tempdir().unwrap();
//! # let csv = dir.path().join("a.csv");
//! # std::fs::write(&csv, "id,name,cv\n1,Ann,budgetansvar og byråd\n2,Bo,ingenting\n").unwrap();
//! let rubric = rubric::parse("r.toml", r#"
//!     [rubric]
//!     id = "r"
//!     title = "Direktør"
//!     organisation = "Eksempel Kommune"
//!     source = "profile"
//!     version = "1"
//!     [[competency]]
//!     id = "oekonomi"
//!     label = "Økonomi"
//!     source = "..."
//!     [[competency.criterion]]
//!     id = "budget"
//!     label = "Budget"
//!     source = "..."
//!     kind = "terms"
//!     terms = ["budget*", "byråd"]
//!     need = 2
//! "#).unwrap();
//! let session = score_file(vec![rubric], &csv, "a.csv", &ReadOptions::default(), ScoreOptions::default(), &mut |_| {})
//!     .unwrap();
//! let run = &session.runs[0];
//! let first = run.placements[0];
//! let card = &session.scorecards(0, &[first.index]).unwrap()[0];
//! // Ann's text has both terms ("budget*" as a prefix of "budgetansvar", and "byråd"): 2 of need 2.
//! assert_eq!((first.rank, card.id.as_str(), card.total), (1, "1", 100.0));
//! assert_eq!(card.competencies[0].criteria[0].detail.evidence[0].text, "budgetansvar");
//! ```
#![deny(missing_docs)]

#[cfg(feature = "cli")]
pub mod app;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod diagnostic;
pub mod digest;
pub mod error;
pub mod exit;
pub mod inert;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod rank;
pub mod record;
pub mod redact;
pub mod report;
pub mod rubric;
pub mod score;
pub mod scorer;
pub mod suggest;
pub mod text;
pub mod tune;

pub use error::{Error, Result};
pub use exit::Exit;
pub use scorer::{Cache, ScoreError, Scorer, ScorerOptions};
