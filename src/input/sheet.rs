//! Spreadsheet input: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods` workbooks, read with calamine.
//!
//! One sheet (the first, or the one named by `--sheet`) is written to a temporary UTF-8 CSV spool
//! (comma-delimited, `\n`-terminated, one record per sheet row from the first used row to the
//! last; `--delimiter` does not apply), so that every later stage (two passes by byte offset, rejects, blank rows) works on it as
//! on any CSV. What a workbook changes:
//!
//! - **Line numbers are sheet row numbers.** A cell holding a line break is quoted in the spool and
//!   spans several physical lines there; messages still name the sheet row (`applicants.xlsx:7:3`).
//!   Columns are counted from the table's first used column (column A in every ordinary list).
//! - **Numeric cells stay numbers.** A cell that holds a number is written in a canonical form that
//!   [`parse_number`](super::parse_number) reads back as exactly the same `f64` in decimal-point
//!   *and* decimal-comma mode: Rust's shortest round-trip display (integers without `.0`, never an
//!   exponent, never a grouping mark), with a `0` appended when exactly three digits follow the
//!   point, since decimal-comma mode reads `2.125` as 2125 but `2.1250` as 2.125. So no per-cell
//!   bookkeeping is needed and `--decimal-comma` cannot change a number the spreadsheet stored.
//! - **Text cells follow the command line**, as in a CSV: a text cell `1.250` is 1.25 by default
//!   (a workbook has no delimiter to guess a convention from) and 1250 with `--decimal-comma`.
//! - Dates and times become ISO 8601 text (`2024-03-01`, `2024-03-01T09:30:00`, `09:30:00`),
//!   durations `h:mm:ss`, booleans `true`/`false`, and error cells (`#DIV/0!`) are read as empty,
//!   with a warning naming the cell (`Sheet1!C7`). calamine reads an `.ods` error cell as its
//!   text (`#DIV/0!`), which a number criterion then reports as not a number, with its location.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;

use calamine::{Data, ExcelDateTime, Range, Reader, Sheets};

use super::{CsvReader, DecimalMode, Encoding, InputInfo, ReadOptions};
use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};

/// A workbook format calamine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97–2003 (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl WorkbookFormat {
    /// The format a file's extension names (case-insensitive), or `None` for anything else (read as CSV).
    pub fn of(path: &Path) -> Option<WorkbookFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" | "xlsm" => Some(WorkbookFormat::Xlsx),
            "xlsb" => Some(WorkbookFormat::Xlsb),
            "xls" => Some(WorkbookFormat::Xls),
            "ods" => Some(WorkbookFormat::Ods),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Xlsb => "xlsb",
            WorkbookFormat::Xls => "xls",
            WorkbookFormat::Ods => "ods",
        }
    }
}

/// Opens one sheet of a workbook as a [`CsvReader`] over its CSV spool.
pub(super) fn open(path: &Path, display: &str, format: WorkbookFormat, options: &ReadOptions) -> Result<CsvReader> {
    let (sheet, range) = read_sheet(path, display, format, options.sheet.as_deref())?;
    let Some((first_row, first_column)) = range.start() else {
        return Err(Error::input(Location::file(display), format!("sheet '{sheet}' is empty: no header row")));
    };
    let origin = Origin { sheet: &sheet, row: first_row, column: first_column };
    let mut warnings = Vec::new();
    let spool = write_spool(&range, &origin, display, &mut warnings)
        .map_err(|source| Error::Io { path: display.into(), source })?;
    let info = InputInfo {
        path: display.to_string(),
        encoding: Encoding::Workbook,
        delimiter: b',',
        // Numeric cells read alike in both modes (see the module doc); this only concerns text cells.
        decimal_comma: options.decimal == DecimalMode::Comma,
        sep_line: false,
        sheet: Some(sheet.clone()),
    };
    CsvReader::from_spool(spool, info, u64::from(first_row) + 1, warnings)
}

fn read_sheet(
    path: &Path,
    display: &str,
    format: WorkbookFormat,
    wanted: Option<&str>,
) -> Result<(String, Range<Data>)> {
    let failed = |e: &dyn std::fmt::Display| {
        Error::input(Location::file(display), format!("cannot read it as an {} workbook: {e}", format.name()))
    };
    let mut workbook = open_workbook(path, format).map_err(|e| failed(&e))?;
    let names = workbook.sheet_names();
    let sheet = match wanted {
        Some(name) => names.iter().find(|n| n.as_str() == name).cloned().ok_or_else(|| {
            let known: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            Error::input(
                Location::file(display),
                format!("--sheet '{name}': no such sheet; it has {}", known.join(", ")),
            )
        })?,
        None => {
            names.first().cloned().ok_or_else(|| Error::input(Location::file(display), "the workbook has no sheets"))?
        }
    };
    let range = workbook.worksheet_range(&sheet).map_err(|e| failed(&e))?;
    Ok((sheet, range))
}

fn open_workbook(path: &Path, format: WorkbookFormat) -> std::result::Result<Sheets<BufReader<File>>, calamine::Error> {
    use calamine::open_workbook as open;
    Ok(match format {
        WorkbookFormat::Xlsx => Sheets::Xlsx(open(path).map_err(calamine::Error::Xlsx)?),
        WorkbookFormat::Xlsb => Sheets::Xlsb(open(path).map_err(calamine::Error::Xlsb)?),
        WorkbookFormat::Xls => Sheets::Xls(open(path).map_err(calamine::Error::Xls)?),
        WorkbookFormat::Ods => Sheets::Ods(open(path).map_err(calamine::Error::Ods)?),
    })
}

/// Where the sheet's used range starts (0-based), for naming cells in warnings.
struct Origin<'a> {
    sheet: &'a str,
    row: u32,
    column: u32,
}

impl Origin<'_> {
    /// The cell `Sheet1!C7` at offset (`row`, `column`) from the range's start.
    fn cell(&self, row: usize, column: usize) -> String {
        let row = u64::from(self.row) + row as u64 + 1;
        format!("{}!{}{row}", self.sheet, column_letters(u64::from(self.column) + column as u64))
    }
}

/// Spreadsheet column letters for a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_letters(column: u64) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn write_spool(
    range: &Range<Data>,
    origin: &Origin<'_>,
    display: &str,
    warnings: &mut Vec<Diagnostic>,
) -> io::Result<tempfile::NamedTempFile> {
    let mut spool = tempfile::NamedTempFile::new()?;
    // Trailing columns with nothing in them (formatted but unused) would be nameless header columns.
    let width = (0..range.width()).rev().find(|&c| range.rows().any(|row| row[c] != Data::Empty)).map_or(0, |c| c + 1);
    {
        let out = io::BufWriter::new(spool.as_file_mut());
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        let mut fields = vec![String::new(); width];
        for (r, row) in range.rows().enumerate() {
            for (c, (cell, field)) in row.iter().zip(fields.iter_mut()).enumerate() {
                field.clear();
                if let Err(problem) = cell_text(cell, field) {
                    let kind = Kind::WorkbookCell { cell: origin.cell(r, c), problem };
                    warnings.push(Diagnostic::new(Location::file(display), kind));
                }
            }
            writer.write_record(&fields)?;
        }
        writer.flush()?;
    }
    Ok(spool)
}

/// Writes a cell's value as CSV text; an error cell is left empty and described.
fn cell_text(cell: &Data, out: &mut String) -> std::result::Result<(), String> {
    match cell {
        Data::Empty => {}
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => out.push_str(text),
        Data::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Data::Float(x) if x.is_finite() => write_number(*x, out),
        Data::Float(x) => return Err(format!("the cell holds {x}, which is not a number")),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::DateTime(moment) => write_datetime(moment, out),
        Data::Error(e) => return Err(format!("error cell {e}")),
    }
    Ok(())
}

/// A finite number in a form `parse_number` reads as exactly `x` in either decimal mode.
fn write_number(x: f64, out: &mut String) {
    let start = out.len();
    let _ = write!(out, "{x}");
    if let Some(point) = out[start..].find('.')
        && out.len() - (start + point + 1) == 3
    {
        // Three digits after a lone `.` group thousands in decimal-comma mode; a fourth makes it a decimal mark.
        out.push('0');
    }
}

fn write_datetime(moment: &ExcelDateTime, out: &mut String) {
    if moment.is_duration() {
        let seconds = (moment.as_f64() * 86_400.0).round() as i64;
        let sign = if seconds < 0 { "-" } else { "" };
        let seconds = seconds.unsigned_abs();
        let _ = write!(out, "{sign}{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
        return;
    }
    let (year, month, day, hour, minute, second, milli) = moment.to_ymd_hms_milli();
    let has_time = (hour, minute, second, milli) != (0, 0, 0, 0);
    if moment.as_f64() >= 1.0 || !has_time {
        let _ = write!(out, "{year:04}-{month:02}-{day:02}");
    }
    if has_time {
        if moment.as_f64() >= 1.0 {
            out.push('T');
        }
        let _ = write!(out, "{hour:02}:{minute:02}:{second:02}");
        if milli != 0 {
            let _ = write!(out, ".{milli:03}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_number;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn text(cell: Data) -> std::result::Result<String, String> {
        let mut out = String::new();
        cell_text(&cell, &mut out).map(|()| out)
    }

    #[test]
    fn numbers_read_back_exactly_in_both_decimal_modes() {
        let cases = [
            (12.0, "12"),
            (2.125, "2.1250"),
            (1234.5, "1234.5"),
            (-0.001, "-0.0010"),
            (0.1 + 0.2, "0.30000000000000004"),
            (2400.0, "2400"),
            (1e21, "1000000000000000000000"),
        ];
        for (x, written) in cases {
            let mut out = String::new();
            write_number(x, &mut out);
            assert_eq!(out, written);
            assert_eq!(parse_number(&out, false), Ok(x), "{out}");
            assert_eq!(parse_number(&out, true), Ok(x), "{out}");
        }
    }

    #[test]
    fn cells_of_every_kind_become_text() {
        assert_eq!(text(Data::Int(-7)), Ok("-7".into()));
        assert_eq!(text(Data::Bool(true)), Ok("true".into()));
        assert_eq!(text(Data::String("1.250".into())), Ok("1.250".into()));
        assert_eq!(text(Data::Empty), Ok(String::new()));
        // 45352 days after 1899-12-30 is 2024-03-01; .5 is noon.
        let date = ExcelDateTime::new(45352.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(date)), Ok("2024-03-01".into()));
        let noon = ExcelDateTime::new(45352.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(noon)), Ok("2024-03-01T12:00:00".into()));
        // 0.375 of a day is 9 hours; 1.5 days are 36 hours.
        let time = ExcelDateTime::new(0.375, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(time)), Ok("09:00:00".into()));
        let span = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(text(Data::DateTime(span)), Ok("36:00:00".into()));
        assert_eq!(text(Data::Error(CellErrorType::Div0)), Err("error cell #DIV/0!".into()));
    }

    #[test]
    fn cells_are_named_like_a_spreadsheet_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        let origin = Origin { sheet: "Ark1", row: 1, column: 2 };
        assert_eq!(origin.cell(5, 0), "Ark1!C7");
    }

    #[test]
    fn workbook_formats_are_chosen_by_extension() {
        assert_eq!(WorkbookFormat::of(Path::new("a/b.XLSX")), Some(WorkbookFormat::Xlsx));
        assert_eq!(WorkbookFormat::of(Path::new("b.ods")), Some(WorkbookFormat::Ods));
        assert_eq!(WorkbookFormat::of(Path::new("b.xls")), Some(WorkbookFormat::Xls));
        assert_eq!(WorkbookFormat::of(Path::new("b.csv")), None);
        assert_eq!(WorkbookFormat::of(Path::new("-")), None);
    }
}
