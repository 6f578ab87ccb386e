//! Rubrics: the TOML format (see `docs/rubric-format.md`), its validation with every problem reported
//! at once, and compilation against an applicant file's header into something that can score rows.

pub mod approval;
mod compile;
pub mod lexicon;
mod model;
mod parse;

pub use approval::ApprovalStatus;
pub use compile::{CompiledCheck, CompiledCompetency, CompiledEntry, CompiledRubric, MemberRef, VocabIndex};
pub use lexicon::{Lexicon, TermSet};
pub use model::*;
pub use parse::{parse, read};
