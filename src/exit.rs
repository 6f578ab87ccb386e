//! The process exit codes, the same for every subcommand (the README's table lists them).

/// How a run ended, as the process exit code: `main` turns it into a [`std::process::ExitCode`].
///
/// ```
/// use profilmatch::Exit;
///
/// assert_eq!(Exit::RowsRejected.code(), 3);
/// assert_eq!(std::process::ExitCode::from(Exit::BadInput), std::process::ExitCode::from(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// 0: finished, and every row was scored.
    Success = 0,
    /// 1: anything else, for example a failed write (`-o /dev/full`).
    Failure = 1,
    /// 2: bad input or usage: an invalid rubric, a missing column, duplicate ids, an unreadable
    /// file, a command line asking for something impossible. Nothing is written.
    BadInput = 2,
    /// 3: finished and wrote its results, but some rows were rejected (or a document gave no
    /// text), so an applicant is missing from the ranking or incompletely read.
    RowsRejected = 3,
}

impl Exit {
    /// The number the process exits with.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_table_lists_every_code() {
        // The README's exit-code table has one `| N | meaning |` row per variant.
        let readme = include_str!("../README.md");
        let table = &readme[readme.find("**Exit codes**").expect("the README has the exit codes")..];
        for exit in [Exit::Success, Exit::Failure, Exit::BadInput, Exit::RowsRejected] {
            assert!(table.contains(&format!("\n| {} | ", exit.code())), "{exit:?}");
        }
    }
}
