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

use calamine::{Data, ExcelDateTime, Reader, SheetType, SheetVisible, Sheets};
use quick_xml::events::Event;

use super::bounds::{MAX_CELLS, MAX_TEXT_BYTES, too_big};

use super::workbook::WorkbookFormat;
use super::{CsvReader, DecimalMode, Encoding, InputInfo, ReadOptions};
use crate::diagnostic::{Diagnostic, Kind};
use crate::error::{Error, Location, Result};

/// Opens one sheet of a workbook as a [`CsvReader`] over its CSV spool.
pub(super) fn open(path: &Path, display: &str, format: WorkbookFormat, options: &ReadOptions) -> Result<CsvReader> {
    // What the file describes is bounded before calamine allocates it.
    super::bounds::check(path, display, format)?;
    let failed = |e: &dyn std::fmt::Display| {
        Error::input(Location::file(display), format!("cannot read it as an {} workbook: {e}", format.name()))
    };
    let mut workbook = open_workbook(path, format).map_err(|e| failed(&e))?;
    let mut warnings = Vec::new();
    let sheet = choose_sheet(&workbook, path, display, format, options.sheet.as_deref(), &mut warnings)?;
    let cells = read_cells(&mut workbook, &sheet, display).map_err(|e| match e {
        CellsError::Calamine(e) => failed(&e),
        CellsError::Limit(e) => e,
    })?;
    drop(workbook);
    let Some(first) = cells.used().next().map(|(row, _, _)| row) else {
        return Err(Error::input(Location::file(display), format!("sheet '{sheet}' is empty: no header row")));
    };
    let first_column = cells.used().map(|(_, column, _)| column).min().unwrap_or(0);
    let origin = Origin { sheet: &sheet, row: first, column: first_column };
    let spool = write_spool(&cells, &origin, display, &mut warnings)
        .map_err(|source| Error::Io { path: display.into(), source })?;
    drop(cells);
    let info = InputInfo {
        path: display.to_string(),
        encoding: Encoding::Workbook,
        delimiter: b',',
        // Numeric cells read alike in both modes (see the module doc); this only concerns text cells.
        decimal_comma: options.decimal == DecimalMode::Comma,
        sep_line: false,
        sheet: Some(sheet.clone()),
        documents: None,
    };
    CsvReader::from_spool(spool, info, u64::from(first) + 1, warnings)
}

/// The sheet to read: the one named by `--sheet`, or else the active sheet if it is a visible
/// worksheet, or else the first visible worksheet. A hidden or "very hidden" sheet is never read
/// unless named, and when other visible worksheets are left unread, a warning names them.
fn choose_sheet(
    workbook: &Sheets<BufReader<File>>,
    path: &Path,
    display: &str,
    format: WorkbookFormat,
    wanted: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<String> {
    let sheets = workbook.sheets_metadata();
    if let Some(name) = wanted {
        return sheets.iter().find(|s| s.name == name).map(|s| s.name.clone()).ok_or_else(|| {
            let known: Vec<String> = sheets.iter().map(|s| format!("'{}'", s.name)).collect();
            Error::input(
                Location::file(display),
                format!("--sheet '{name}': no such sheet; it has {}", known.join(", ")),
            )
        });
    }
    let visible: Vec<&calamine::Sheet> =
        sheets.iter().filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet).collect();
    let active = active_sheet(path, format, sheets);
    let chosen = match active.and_then(|name| visible.iter().find(|s| s.name == name)) {
        Some(sheet) => sheet.name.clone(),
        None => match visible.first() {
            Some(sheet) => sheet.name.clone(),
            None if sheets.is_empty() => {
                return Err(Error::input(Location::file(display), "the workbook has no sheets"));
            }
            None => {
                let known: Vec<String> = sheets.iter().map(|s| format!("'{}'", s.name)).collect();
                return Err(Error::input(
                    Location::file(display),
                    format!(
                        "the workbook has no visible worksheet; name one with --sheet (it has {})",
                        known.join(", ")
                    ),
                ));
            }
        },
    };
    let others: Vec<String> = visible.iter().filter(|s| s.name != chosen).map(|s| s.name.clone()).collect();
    if !others.is_empty() {
        warnings.push(Diagnostic::new(Location::file(display), Kind::OtherSheets { sheet: chosen.clone(), others }));
    }
    Ok(chosen)
}

/// The sheet a spreadsheet program opens on: `activeTab` in an `.xlsx` workbook's
/// `workbook.xml`, `ActiveTable` in an `.ods` workbook's `settings.xml`.
fn active_sheet(path: &Path, format: WorkbookFormat, sheets: &[calamine::Sheet]) -> Option<String> {
    let file = File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).ok()?;
    let (part, wanted) = match format {
        WorkbookFormat::Xlsx => ("xl/workbook.xml", "workbookView"),
        WorkbookFormat::Ods => ("settings.xml", "config-item"),
        _ => return None,
    };
    let entry = zip.by_name(part).ok()?;
    // The settings part is small; a larger one is not worth reading for this.
    if entry.size() > 4 << 20 {
        return None;
    }
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    let mut in_active_table = false;
    loop {
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == wanted => {
                if format == WorkbookFormat::Xlsx {
                    let tab = e.try_get_attribute("activeTab").ok()?;
                    let index: usize = tab.map_or(Some(0), |a| a.value.trim().parse().ok())?;
                    return sheets.get(index).map(|s| s.name.clone());
                }
                in_active_table =
                    e.try_get_attribute("config:name").ok().flatten().is_some_and(|a| a.value == "ActiveTable");
            }
            Event::Text(t) if in_active_table => return Some(t.xml10_content().into_owned()),
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
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

/// A non-empty cell: its absolute 0-based position and value.
#[derive(Debug)]
struct SheetCell {
    row: u32,
    column: u32,
    value: Data,
}

/// A sheet's cells: streamed and kept sparse (`.xlsx`, `.xlsb`), or calamine's range (`.ods` and
/// `.xls`, which calamine reads whole; kept as it is rather than copied).
enum SheetCells {
    Streamed(Vec<SheetCell>),
    Range(calamine::Range<Data>),
}

impl SheetCells {
    /// The non-empty cells in row order: absolute 0-based row, column, and value.
    fn used(&self) -> Box<dyn Iterator<Item = (u32, u32, &Data)> + '_> {
        match self {
            SheetCells::Streamed(cells) => Box::new(cells.iter().map(|c| (c.row, c.column, &c.value))),
            SheetCells::Range(range) => {
                let (top, left) = range.start().unwrap_or((0, 0));
                Box::new(range.used_cells().map(move |(r, c, value)| (top + r as u32, left + c as u32, value)))
            }
        }
    }
}

enum CellsError {
    Calamine(calamine::Error),
    Limit(Error),
}

/// A sheet's non-empty cells in row order. An `.xlsx` or `.xlsb` sheet is streamed cell by cell,
/// and refused as soon as it spans more than [`MAX_CELLS`] cells or its cells hold more than
/// [`MAX_TEXT_BYTES`] of text; `.ods` and `.xls` sheets were bounded before the workbook opened.
fn read_cells(
    workbook: &mut Sheets<BufReader<File>>,
    sheet: &str,
    display: &str,
) -> std::result::Result<SheetCells, CellsError> {
    let mut cells = Vec::new();
    let mut bound = Bound::default();
    let label = sheet_label(sheet);
    let mut keep = |row: u32, column: u32, value: Data| {
        if value != Data::Empty {
            bound.add(row, column, &value, &label, display).map_err(CellsError::Limit)?;
            cells.push(SheetCell { row, column, value });
        }
        Ok(())
    };
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(|e| CellsError::Calamine(e.into()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| CellsError::Calamine(e.into()))? {
                let (row, column) = cell.get_position();
                keep(row, column, Data::from(cell.get_value().clone()))?;
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb.worksheet_cells_reader(sheet).map_err(|e| CellsError::Calamine(e.into()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| CellsError::Calamine(e.into()))? {
                let (row, column) = cell.get_position();
                keep(row, column, Data::from(cell.get_value().clone()))?;
            }
        }
        other => {
            let range = other.worksheet_range(sheet).map_err(CellsError::Calamine)?;
            let mut range_bound = Bound::default();
            if let Some((top, left)) = range.start() {
                for (r, c, value) in range.used_cells() {
                    range_bound
                        .add(top + r as u32, left + c as u32, value, &label, display)
                        .map_err(CellsError::Limit)?;
                }
            }
            return Ok(SheetCells::Range(range));
        }
    }
    // Cells stream in row order in every workbook a program writes; a file that does not is sorted.
    if !cells.is_sorted_by_key(|c| (c.row, c.column)) {
        cells.sort_by_key(|c| (c.row, c.column));
    }
    Ok(SheetCells::Streamed(cells))
}

fn sheet_label(sheet: &str) -> String {
    format!("sheet '{}'", crate::inert::inert(sheet))
}

/// The rectangle a sheet's cells span and the text they hold, checked against the limits as
/// each cell arrives.
#[derive(Debug, Default)]
struct Bound {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
    text: u64,
}

impl Bound {
    fn add(&mut self, row: u32, column: u32, value: &Data, sheet: &str, display: &str) -> Result<()> {
        let widen = |span: &mut Option<(u32, u32)>, at: u32| {
            let (low, high) = span.get_or_insert((at, at));
            *low = (*low).min(at);
            *high = (*high).max(at);
        };
        widen(&mut self.rows, row);
        widen(&mut self.columns, column);
        let (Some((top, bottom)), Some((left, right))) = (self.rows, self.columns) else { return Ok(()) };
        let height = u64::from(bottom - top) + 1;
        let width = u64::from(right - left) + 1;
        if height.saturating_mul(width) > MAX_CELLS {
            let span = format!(
                "{sheet} spans rows {}–{} and columns {}–{}: {} cells",
                u64::from(top) + 1,
                u64::from(bottom) + 1,
                column_letters(u64::from(left)),
                column_letters(u64::from(right)),
                height.saturating_mul(width)
            );
            return Err(too_big(display, span, format!("{MAX_CELLS} cells")));
        }
        if let Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) = value {
            self.text = self.text.saturating_add(text.len() as u64);
            if self.text > MAX_TEXT_BYTES {
                let what = format!("the cells of {sheet} hold more than {MAX_TEXT_BYTES} bytes of text");
                return Err(too_big(display, what, format!("{MAX_TEXT_BYTES} bytes")));
            }
        }
        Ok(())
    }
}

/// Where the sheet's used range starts (0-based), for naming cells in warnings.
struct Origin<'a> {
    sheet: &'a str,
    row: u32,
    column: u32,
}

impl Origin<'_> {
    /// The cell `Sheet1!C7` at absolute 0-based (`row`, `column`).
    fn cell(&self, row: u32, column: u32) -> String {
        format!("{}!{}{}", self.sheet, column_letters(u64::from(column)), u64::from(row) + 1)
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

/// Writes the cells (in row order) as CSV, one record per sheet row from the first used row to
/// the last, each as wide as the used columns.
fn write_spool(
    cells: &SheetCells,
    origin: &Origin<'_>,
    display: &str,
    warnings: &mut Vec<Diagnostic>,
) -> io::Result<tempfile::NamedTempFile> {
    let mut spool = tempfile::NamedTempFile::new()?;
    let left = origin.column;
    let width = cells.used().map(|(_, column, _)| column - left + 1).max().unwrap_or(0) as usize;
    let last_row = cells.used().last().map_or(origin.row, |(row, _, _)| row);
    {
        let out = io::BufWriter::new(spool.as_file_mut());
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        let mut fields = vec![String::new(); width];
        let mut next = cells.used().peekable();
        for row in origin.row..=last_row {
            fields.iter_mut().for_each(String::clear);
            while let Some((row, column, value)) = next.next_if(|c| c.0 == row) {
                let field = &mut fields[(column - left) as usize];
                field.clear();
                if let Err(problem) = cell_text(value, field) {
                    let kind = Kind::WorkbookCell { cell: origin.cell(row, column), problem };
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
        assert_eq!(origin.cell(6, 2), "Ark1!C7");
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
