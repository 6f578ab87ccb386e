//! A real workbook (`-o ranking.xlsx`, or `--format xlsx`), written with rust_xlsxwriter: the rows
//! of the CSV output on one sheet named "Rangering", numbers stored as numbers (rounded to 6
//! decimals, as every output carries them) and shown with one decimal, text stored as text. A
//! string cell is never a formula, whatever it starts with, so applicant text cannot run.
//!
//! The workbook's creation time is fixed (1980-01-01, as the zip entries' times are), so that the
//! same inputs give the same bytes, as every other format does.

use std::io::{self, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::View;
use super::csv::{Cell, rows};
use crate::rank::round6;

/// 1980-01-01T00:00:00Z, the earliest time a zip entry can carry.
const FIXED_TIME: i64 = 315_532_800;

pub(super) fn render(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let bytes = workbook(view)?;
    out.write_all(&bytes)
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("cannot write the workbook: {e}"))
}

fn workbook(view: &View<'_>) -> io::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_timestamp(FIXED_TIME).map_err(xlsx_error)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name("Rangering").map_err(xlsx_error)?;
    let bold = Format::new().set_bold();
    let one_decimal = Format::new().set_num_format("0.0");
    let mut row_index: u32 = 0;
    rows(view, &mut |row| {
        for (column, cell) in row.iter().enumerate() {
            let column = u16::try_from(column).map_err(|_| io::Error::other("more than 65,535 columns"))?;
            let written = match cell {
                Cell::Text(t) if row_index == 0 => sheet.write_string_with_format(row_index, column, t, &bold),
                Cell::Text(t) => sheet.write_string(row_index, column, t),
                Cell::Count(n) => sheet.write_number(row_index, column, *n as f64),
                Cell::Number(x) => sheet.write_number_with_format(row_index, column, round6(*x), &one_decimal),
                Cell::Flag(b) => sheet.write_boolean(row_index, column, *b),
            };
            written.map_err(xlsx_error)?;
        }
        row_index += 1;
        Ok(())
    })?;
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    sheet.autofit();
    workbook.save_to_buffer().map_err(xlsx_error)
}
