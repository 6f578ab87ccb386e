//! The formats of `profilmatch score` and the dispatch from a [`Format`] to its file.

use std::io::{self, Write};

use super::{Render, View, csv, explain, json, matrix, table, xlsx};

/// The output formats of `profilmatch score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// CSV: `rank,tied,id,name,total,<competencies>,meets_requirements,requirements,core` (a leading
    /// `rubric` column when several rubrics are scored).
    Csv,
    /// The same CSV as Danish Excel opens it: `;` between fields, decimal comma, UTF-8 with a
    /// byte-order mark, CRLF line ends.
    CsvDa,
    /// The same table as an Excel workbook (`.xlsx`), numbers as numbers.
    Xlsx,
    /// A JSON array in rank order, with full explanations.
    Json,
    /// One JSON object a line, in rank order.
    Jsonl,
    /// A readable explanation of every shown candidate's score.
    Explain,
    /// With several rubrics: a candidate × position table of totals, with each candidate's best fit
    /// (CSV, also on a terminal).
    Matrix,
}

impl Render for Format {
    fn render(&self, view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Format::Table => table::render(view, out),
            Format::Csv => csv::render(view, out),
            Format::CsvDa => csv::render_danish(view, out),
            Format::Xlsx => xlsx::render(view, out),
            Format::Json => json::render(view, out, false),
            Format::Jsonl => json::render(view, out, true),
            Format::Explain => explain::render(view, out),
            Format::Matrix => matrix::render(view, out),
        }
    }
}
