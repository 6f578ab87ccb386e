//! Row and cell diagnostics as data: where (file, line, field), which column, the cell text the
//! message quotes, and what is wrong. Text is made only at the edge (`Display`), so that an output
//! can drop the applicant's own words without parsing a message: blind mode replaces
//! [`Diagnostic::value`] (see [`crate::redact::blind_diagnostic`]), and everything else stays.
//!
//! The quoted value is shown inert (control and format characters escaped, see [`crate::inert`])
//! and at most [`VALUE_CHARS`] characters long, so that a stray quote in a CV cell cannot copy the
//! whole CV into a warning.

use std::fmt;

use crate::error::Location;
use crate::inert::inert;

/// At most this many characters of a cell are quoted in a diagnostic.
pub const VALUE_CHARS: usize = 80;

/// A problem with one row or cell of an applicant file: a warning (the row is scored) or the
/// reason a row is rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, the line the problem is on and the 1-based field, as far as known.
    pub location: Location,
    /// The name of the column, when the problem concerns one.
    pub column: Option<String>,
    /// The cell text the message quotes: the applicant's own words, which blind mode hides.
    pub value: Option<String>,
    /// What is wrong.
    pub kind: Kind,
}

/// What a [`Diagnostic`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A number column's cell is not a number; the criterion gets credit 0.
    NotANumber,
    /// A flag column's cell is neither yes nor no; the criterion gets credit 0.
    NeitherYesNorNo,
    /// Text follows a closing quote (`"5" diskette`), so the cell is read as the value.
    TextAfterQuote,
    /// A cell holds bytes that are not UTF-8 in an otherwise UTF-8 file; each invalid sequence
    /// reads as U+FFFD.
    NotUtf8 {
        /// How many invalid byte sequences the cell holds.
        sequences: usize,
    },
    /// A workbook cell that cannot be read as text is read as empty.
    WorkbookCell {
        /// The cell as a spreadsheet names it (`Ark1!C7`).
        cell: String,
        /// Why (`error cell #DIV/0!`).
        problem: String,
    },
    /// A workbook's sheet was read while other visible worksheets were not.
    OtherSheets {
        /// The sheet read.
        sheet: String,
        /// The other visible worksheets.
        others: Vec<String>,
    },
    /// The rubric's id column is not in the file: each applicant's id is its line number.
    NoIdColumn {
        /// The rubric's id.
        rubric: String,
    },
    /// The rubric's id column is also its name, contact or protected column: ids are shown even
    /// in blind mode, so that column would be shown too. A warning, and in blind mode an error.
    IdColumnHasAnotherRole {
        /// The rubric's id.
        rubric: String,
        /// `name`, `contact` or `protected`.
        role: &'static str,
    },
    /// Rejected: the record has another number of fields than the header.
    FieldCount {
        /// Fields found.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// Rejected: a quote opened in a field is never closed.
    UnterminatedQuote {
        /// The physical line of the quote.
        line: u64,
        /// The 1-based field it opens.
        field: usize,
        /// How many lines after it the field would swallow.
        swallowed_lines: u64,
    },
    /// Rejected: the id cell is blank.
    BlankId,
    /// Rejected in blind mode: the id holds what blind mode hides (the applicant's own name,
    /// contact or protected value, or an e-mail address, phone or CPR number), and ids are shown.
    IdWouldReveal,
    /// A row of the applicant list without an id is left out of the join with a folder of
    /// applications.
    ListRowWithoutId,
    /// A row of the applicant list that could not be read is left out of the join.
    LeftOutOfJoin {
        /// Why the row could not be read.
        reason: Box<Diagnostic>,
    },
    /// A document in a folder of applications that was not read, or gave no text. The document's
    /// file name is the [`Diagnostic::value`] (it may hold the applicant's name, so blind mode
    /// hides it).
    Document {
        /// What happened, in words that quote nothing of the applicant's.
        problem: String,
    },
    /// A note about a folder of applications as a whole (applicants without documents or without
    /// a list row, by id).
    Folder {
        /// The note.
        note: String,
    },
    /// A problem with one applicant's documents (a scan without text, no list row); when it
    /// concerns one document, its file name is the [`Diagnostic::value`].
    Applicant {
        /// The applicant's id.
        applicant: String,
        /// What is wrong.
        problem: String,
    },
}

impl Diagnostic {
    /// A diagnostic at a location, without column or value.
    pub fn new(location: Location, kind: Kind) -> Diagnostic {
        Diagnostic { location, column: None, value: None, kind }
    }

    /// The same diagnostic naming a column.
    pub fn column(mut self, name: impl Into<String>) -> Diagnostic {
        self.column = Some(name.into());
        self
    }

    /// The same diagnostic quoting a cell's text.
    pub fn value(mut self, text: impl Into<String>) -> Diagnostic {
        self.value = Some(text.into());
        self
    }

    /// The message without its location.
    pub fn message(&self) -> String {
        let column = self.column.as_deref().map(|c| inert(c).into_owned()).unwrap_or_default();
        let value = self.value.as_deref().map(shown).unwrap_or_default();
        let field = self.location.column.unwrap_or(0);
        match &self.kind {
            Kind::NotANumber => format!("column '{column}': '{value}' is not a number; credit 0"),
            Kind::NeitherYesNorNo => format!("column '{column}': '{value}' is neither yes nor no; credit 0"),
            Kind::TextAfterQuote => format!(
                "field {field}{}: text follows a closing quote, so the cell is read as '{value}' (inside a quoted cell, write a quote as \"\")",
                in_column(&column)
            ),
            Kind::NotUtf8 { sequences } => format!(
                "column '{column}': {sequences} byte sequence(s) that are not UTF-8, each read as U+FFFD (the rest of the file is UTF-8)"
            ),
            Kind::WorkbookCell { cell, problem } => format!("{}: {}; read as empty", inert(cell), inert(problem)),
            Kind::OtherSheets { sheet, others } => {
                let others: Vec<String> = others.iter().map(|o| format!("'{}'", inert(o))).collect();
                format!(
                    "read sheet '{}'; the workbook's other visible sheets {} are not read (choose one with --sheet)",
                    inert(sheet),
                    others.join(", ")
                )
            }
            Kind::NoIdColumn { rubric } => format!(
                "rubric '{}': no '{column}' column; each applicant's id is the line number where its record starts",
                inert(rubric)
            ),
            Kind::IdColumnHasAnotherRole { rubric, role } => format!(
                "rubric '{}': the id column '{column}' is also its {role} column; ids are shown even with --blind",
                inert(rubric)
            ),
            Kind::FieldCount { found, expected } => format!("found {found} fields, but the header has {expected}"),
            Kind::UnterminatedQuote { line, field, swallowed_lines } => format!(
                "the quote that opens field {field}{} on line {line} is never closed: it runs to the end of the file and would swallow the {swallowed_lines} line(s) after it",
                in_column(&column)
            ),
            Kind::BlankId => format!("blank id in column '{column}'"),
            Kind::ListRowWithoutId => "a row without an id is left out of the join".to_string(),
            Kind::LeftOutOfJoin { reason } => format!("left out of the join: {}", reason.message()),
            Kind::Document { problem } => format!("{value}: {}", inert(problem)),
            Kind::Folder { note } => inert(note).into_owned(),
            Kind::Applicant { applicant, problem } => match &self.value {
                Some(_) => format!("applicant {}: {value}: {}", inert(applicant), inert(problem)),
                None => format!("applicant {}: {}", inert(applicant), inert(problem)),
            },
            Kind::IdWouldReveal => format!(
                "the id in column '{column}' holds a name, contact or protected value, an e-mail address, a phone or a CPR number, which --blind would show; use another id column"
            ),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Kind::Document { problem } = &self.kind {
            // A document is named by its path in the folder: `apps/A1 cv.pdf: …`.
            let document = self.value.as_deref().map(shown).unwrap_or_default();
            return write!(f, "{}/{document}: {}", inert(&self.location.path), inert(problem));
        }
        write!(
            f,
            "{}: {}",
            Location { path: inert(&self.location.path).into_owned(), ..self.location.clone() },
            self.message()
        )
    }
}

fn in_column(column: &str) -> String {
    if column.is_empty() { String::new() } else { format!(" (column '{column}')") }
}

/// A cell's text as a message quotes it: inert, and cut after [`VALUE_CHARS`] characters.
fn shown(value: &str) -> String {
    let value = inert(value);
    match value.char_indices().nth(VALUE_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64, column: u64) -> Location {
        Location { path: "a.csv".into(), line: Some(line), column: Some(column) }
    }

    #[test]
    fn messages_read_as_before() {
        let d = Diagnostic::new(at(211, 10), Kind::NotANumber).column("budget_mio").value("ca. 300");
        assert_eq!(d.to_string(), "a.csv:211:10: column 'budget_mio': 'ca. 300' is not a number; credit 0");
        let d = Diagnostic::new(at(3, 2), Kind::TextAfterQuote).column("cv").value("5 diskette");
        assert_eq!(
            d.to_string(),
            "a.csv:3:2: field 2 (column 'cv'): text follows a closing quote, so the cell is read as '5 diskette' (inside a quoted cell, write a quote as \"\")"
        );
        let d = Diagnostic::new(Location::line("a.csv", 4), Kind::FieldCount { found: 5, expected: 4 });
        assert_eq!(d.message(), "found 5 fields, but the header has 4");
    }

    #[test]
    fn a_document_is_named_by_its_path_and_blind_mode_hides_the_name() {
        let kind = Kind::Document { problem: "damaged: not a readable zip archive".into() };
        let d = Diagnostic::new(Location::file("apps"), kind).value("A1 ansøgning Holm.docx");
        assert_eq!(d.to_string(), "apps/A1 ansøgning Holm.docx: damaged: not a readable zip archive");
        let blind = crate::redact::blind_diagnostic(&d);
        assert_eq!(blind.to_string(), "apps/▇▇▇: damaged: not a readable zip archive");
        // A list row left out of the join keeps its reason, without the cell it quotes.
        let reason = Diagnostic::new(at(4, 2), Kind::NotANumber).column("budget").value("Mette Holm");
        let d = Diagnostic::new(Location::line("list.csv", 4), Kind::LeftOutOfJoin { reason: Box::new(reason) });
        assert_eq!(
            crate::redact::blind_diagnostic(&d).to_string(),
            "list.csv:4: left out of the join: column 'budget': '▇▇▇' is not a number; credit 0"
        );
    }

    #[test]
    fn a_long_value_is_cut_and_controls_are_escaped() {
        let cv = format!("\u{1b}[2J{}", "x".repeat(200));
        let d = Diagnostic::new(at(2, 3), Kind::NeitherYesNorNo).column("flag").value(cv);
        let text = d.to_string();
        assert!(text.contains("'\\u{1b}[2Jxxx"), "{text}");
        // 80 characters of the inert value ("\u{1b}" is 6 of them), then the ellipsis.
        assert!(text.contains(&format!("{}…' is neither", "x".repeat(80 - 9))), "{text}");
        assert!(!text.contains('\u{1b}'));
    }
}
