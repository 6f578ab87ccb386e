//! The library's error type: every failure carries the file and, where there is one, the line and
//! column it comes from, so that a user can go straight to the cell or rubric line at fault.

use std::fmt;
use std::path::PathBuf;

use crate::exit::Exit;

/// A place in an input file: the path, and the 1-based line and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it (`-` for standard input).
    pub path: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u64>,
    /// 1-based column (a CSV field number, or a character column in a rubric), when known.
    pub column: Option<u64>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<String>) -> Location {
        Location { path: path.into(), line: None, column: None }
    }

    /// A location naming a file and a line.
    pub fn line(path: impl Into<String>, line: u64) -> Location {
        Location { path: path.into(), line: Some(line), column: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One problem found in a rubric; a rubric is checked whole and all its problems are reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricProblem {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for RubricProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Everything that can stop profilmatch.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The rubric has one or more problems; all of them are listed.
    #[error("{}", join_lines(.0))]
    Rubric(Vec<RubricProblem>),
    /// The applicant file cannot be used as a whole (bad header, missing columns, duplicate ids).
    #[error("{location}: {message}")]
    Input {
        /// Where.
        location: Location,
        /// What.
        message: String,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// Writing the results failed.
    #[error("writing {}: {source}", path)]
    Output {
        /// The output path (`-` for standard output).
        path: String,
        /// The reason.
        source: std::io::Error,
    },
}

fn join_lines(problems: &[RubricProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

impl Error {
    /// The process exit code for this error: [`Exit::BadInput`] (2) for bad input or usage,
    /// [`Exit::Failure`] (1) for anything else.
    pub fn exit_code(&self) -> Exit {
        match self {
            Error::Rubric(_) | Error::Input { .. } | Error::Usage(_) => Exit::BadInput,
            Error::Io { .. } => Exit::BadInput,
            Error::Output { .. } => Exit::Failure,
        }
    }

    /// A shorthand for an input error at a location.
    pub fn input(location: Location, message: impl Into<String>) -> Error {
        Error::Input { location, message: message.into() }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
