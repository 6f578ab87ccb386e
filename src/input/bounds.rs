//! A workbook's size, checked before it is read: a file of a few hundred bytes can describe a
//! sheet of seventeen billion cells (two cells, `A1` and `XFD1048576`), a cell inflated from two
//! megabytes to gigabytes, or a row repeated a million times across 16,384 columns. calamine
//! allocates what a file describes, so a description beyond these limits is refused with an error
//! naming the limit, before calamine sees the file:
//!
//! - [`MAX_INFLATED_BYTES`]: the parts of a zipped workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`)
//!   that are read, by the sizes the archive declares (the zip reader stops at a declared size, so
//!   a part cannot inflate beyond it);
//! - [`MAX_CELLS`]: the cells the sheet spans (rows × columns from its first used cell to its
//!   last), and for `.ods` and `.xls` the cells of every sheet, repeats expanded, since those are
//!   read whole when the workbook is opened; and a shared-string table's declared count;
//! - [`MAX_TEXT_BYTES`]: the text the cells hold, each repeat of a repeated cell counted (calamine
//!   builds an `.ods` run of spaces, `<text:s text:c="…"/>`, one space at a time).
//!
//! The limits are far above any list of applicants a committee reads (a thousand applicants with
//! thirty columns are 30,000 cells); a larger list belongs in a CSV file, which is streamed.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::workbook::WorkbookFormat;
use crate::error::{Error, Location, Result};

/// The most bytes the read parts of a zipped workbook may declare, inflated: 256 MiB.
pub const MAX_INFLATED_BYTES: u64 = 256 << 20;
/// The most cells a sheet (or, for `.ods` and `.xls`, the whole workbook) may span: 5 million.
pub const MAX_CELLS: u64 = 5_000_000;
/// The most text a sheet's cells (or an `.ods` workbook's) may hold: 64 MiB.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

/// Checks what can be checked before calamine opens the workbook.
pub(super) fn check(path: &Path, display: &str, format: WorkbookFormat) -> Result<()> {
    match format {
        WorkbookFormat::Xlsx | WorkbookFormat::Xlsb | WorkbookFormat::Ods => {
            let mut zip = open_zip(path, display, format)?;
            check_inflated(&mut zip, display)?;
            match format {
                WorkbookFormat::Xlsx => check_shared_strings(&mut zip, display),
                WorkbookFormat::Ods => check_ods(&mut zip, display),
                _ => Ok(()),
            }
        }
        WorkbookFormat::Xls => check_xls(path, display),
    }
}

/// A limit exceeded: an input error naming the file, what it holds and the limit.
pub(super) fn too_big(display: &str, what: String, limit: String) -> Error {
    Error::input(
        Location::file(display),
        format!(
            "{what}, more than the {limit} profilmatch reads from a workbook; delete the unused rows and columns, or save the sheet as CSV"
        ),
    )
}

fn open_zip(path: &Path, display: &str, format: WorkbookFormat) -> Result<zip::ZipArchive<BufReader<File>>> {
    let file = File::open(path).map_err(|source| Error::Io { path: display.into(), source })?;
    zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        Error::input(Location::file(display), format!("cannot read it as an {} workbook: {e}", format.name()))
    })
}

/// Whether a part of a zipped workbook is one calamine may read (not a picture or a thumbnail).
fn is_read(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".xml") || name.ends_with(".bin") || name.ends_with(".rels") || name == "mimetype"
}

fn check_inflated(zip: &mut zip::ZipArchive<BufReader<File>>, display: &str) -> Result<()> {
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        if entry.name().is_ok_and(|name| is_read(&name)) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_INFLATED_BYTES {
        return Err(too_big(
            display,
            format!("its parts inflate to {total} bytes"),
            format!("{MAX_INFLATED_BYTES} bytes"),
        ));
    }
    Ok(())
}

fn xml_part<'z>(
    zip: &'z mut zip::ZipArchive<BufReader<File>>,
    name: &str,
) -> Option<quick_xml::Reader<BufReader<zip::read::ZipFile<'z, BufReader<File>>>>> {
    let index = zip.index_for_name(name)?;
    let entry = zip.by_index(index).ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    reader.config_mut().expand_empty_elements = false;
    Some(reader)
}

/// calamine reserves room for the count a shared-string table declares (`uniqueCount`) before it
/// reads a string: a count the part cannot hold (each string takes at least 5 bytes, `<si/>`) is
/// refused.
fn check_shared_strings(zip: &mut zip::ZipArchive<BufReader<File>>, display: &str) -> Result<()> {
    let name = (0..zip.len())
        .filter_map(|i| zip.name_for_index(i).and_then(|n| n.ok()).map(|n| n.into_owned()))
        .find(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
    let Some(name) = name else { return Ok(()) };
    let size = zip.index_for_name(&name).and_then(|i| zip.by_index_raw(i).ok().map(|e| e.size())).unwrap_or(0);
    let Some(mut xml) = xml_part(zip, &name) else { return Ok(()) };
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                for attribute in ["uniqueCount", "count"] {
                    let declared = number_attribute(&e, attribute).unwrap_or(0);
                    if declared > (size / 5).max(MAX_CELLS) {
                        return Err(too_big(
                            display,
                            format!("its shared-string table declares {declared} strings in {size} bytes"),
                            format!("{} strings", (size / 5).max(MAX_CELLS)),
                        ));
                    }
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => buf.clear(),
        }
    }
}

fn number_attribute(element: &BytesStart<'_>, name: &str) -> Option<u64> {
    let value = element.try_get_attribute(name).ok().flatten()?.value;
    let text = value.trim();
    // A number too large for u64 is as good as infinite.
    Some(text.parse::<u64>().unwrap_or(if text.bytes().all(|b| b.is_ascii_digit()) { u64::MAX } else { 0 }))
}

/// What an `.ods` workbook's `content.xml` makes calamine hold, every sheet at once (it reads all
/// of them when the workbook is opened).
#[derive(Debug, Default)]
struct OdsSize {
    /// Cells held before repeated rows are expanded: each row element's cells up to its last
    /// non-empty one.
    rows_read: u64,
    /// Cells after expansion: for each sheet, the rows from its first non-empty row to its last
    /// (repeats counted) times its widest row.
    expanded: u64,
    /// Text bytes in cells, each repeat of a cell and of its row counted (text in an empty cell
    /// too: calamine may hold it).
    text: u64,
}

fn check_ods(zip: &mut zip::ZipArchive<BufReader<File>>, display: &str) -> Result<()> {
    let Some(mut xml) = xml_part(zip, "content.xml") else { return Ok(()) };
    // Only well-formed XML is handed on: calamine does not match end tags, so in XML that is not
    // well-formed it can read a sheet's end tag as part of a cell and then wait for the sheet's
    // end for ever (both found by the workbook fuzz target). In well-formed XML it reads the
    // elements as this scan does. A spreadsheet program writes well-formed XML.
    let config = xml.config_mut();
    config.check_end_names = true;
    config.trim_text(false);
    config.expand_empty_elements = true;
    let size = scan_ods(&mut xml).map_err(|problem| {
        Error::input(Location::file(display), format!("cannot read it as an ods workbook: content.xml {problem}"))
    })?;
    let cells = size.rows_read.saturating_add(size.expanded);
    if cells > MAX_CELLS {
        return Err(too_big(
            display,
            format!("its sheets span {cells} cells once repeated rows and columns are expanded"),
            format!("{MAX_CELLS} cells"),
        ));
    }
    if size.text > MAX_TEXT_BYTES {
        return Err(too_big(
            display,
            format!("its cells hold {} bytes of text once repeated rows and columns are expanded", size.text),
            format!("{MAX_TEXT_BYTES} bytes"),
        ));
    }
    Ok(())
}

/// `content.xml` as it streams past: the sheet, row and cell being read, and the sums so far.
#[derive(Debug, Default)]
struct OdsScan {
    size: OdsSize,
    table: Option<OdsTable>,
    row: Option<OdsRow>,
    cell: Option<OdsCell>,
    /// Inside an `office:annotation`, which calamine skips to its end tag.
    annotation: bool,
}

/// One sheet's figures as its rows stream past.
#[derive(Debug, Default)]
struct OdsTable {
    /// Rows so far, repeats counted.
    rows: u64,
    /// Where (repeats counted) the first non-empty row starts, and where the last one ends.
    first: Option<u64>,
    last: u64,
    widest: u64,
}

/// One row element as its cells stream past.
#[derive(Debug, Default)]
struct OdsRow {
    repeats: u64,
    /// Cells so far (repeats counted), and the count up to the last non-empty cell.
    cells: u64,
    used: u64,
}

/// One cell element.
#[derive(Debug, Default)]
struct OdsCell {
    repeats: u64,
    value: bool,
}

impl OdsScan {
    // Every figure is counted when its element starts, not when it ends: in XML that is not
    // well-formed (calamine does not match end tags) an element may never end, and calamine will
    // have built it all the same.
    fn start(&mut self, e: &BytesStart<'_>) {
        match e.name().as_ref() {
            "table:table" => {
                self.end_table();
                self.table = Some(OdsTable::default());
            }
            "table:table-row" => {
                self.end_row();
                self.row = Some(OdsRow { repeats: repeats(e, "table:number-rows-repeated"), ..OdsRow::default() });
            }
            "table:table-cell" | "table:covered-table-cell" => self.start_cell(e),
            "text:s" => self.text(repeats(e, "text:c")),
            "office:annotation" => self.annotation = true,
            "text:p" | "text:tab" | "text:line-break" => self.text(1),
            _ => {}
        }
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) {
        let mut cell = OdsCell { repeats: repeats(e, "table:number-columns-repeated"), ..OdsCell::default() };
        let mut text = 0u64;
        for attribute in e.attributes().flatten() {
            let key = attribute.key.as_ref();
            let office_value = key.starts_with("office:") && key.ends_with("value");
            if office_value || key.ends_with(":value-type") || key == "table:formula" {
                cell.value = true;
            }
            text = text.saturating_add(attribute.value.len() as u64);
        }
        if let Some(row) = self.row.as_mut() {
            row.cells = row.cells.saturating_add(cell.repeats);
            if cell.value {
                row.used = row.cells;
            }
        }
        self.cell = Some(cell);
        self.text(text);
    }

    /// Text in the current cell, as often as the cell and its row are repeated.
    fn text(&mut self, bytes: u64) {
        let Some(cell) = &self.cell else { return };
        let rows = self.row.as_ref().map_or(1, |r| r.repeats);
        let copies = cell.repeats.saturating_mul(rows);
        self.size.text = self.size.text.saturating_add(bytes.saturating_mul(copies));
    }

    fn end(&mut self, name: &str) {
        match name {
            "table:table-cell" | "table:covered-table-cell" => self.cell = None,
            "table:table-row" => self.end_row(),
            "table:table" => self.end_table(),
            "office:annotation" => self.annotation = false,
            _ => {}
        }
    }

    fn end_row(&mut self) {
        self.cell = None;
        let (Some(row), Some(table)) = (self.row.take(), self.table.as_mut()) else { return };
        if row.used > 0 {
            table.first.get_or_insert(table.rows);
            table.last = table.rows.saturating_add(row.repeats);
            table.widest = table.widest.max(row.used);
            self.size.rows_read = self.size.rows_read.saturating_add(row.used);
        }
        table.rows = table.rows.saturating_add(row.repeats);
    }

    fn end_table(&mut self) {
        self.end_row();
        let Some(table) = self.table.take() else { return };
        if let Some(first) = table.first {
            let span = table.last.saturating_sub(first);
            self.size.expanded = self.size.expanded.saturating_add(span.saturating_mul(table.widest));
        }
    }
}

/// Streams `content.xml`, adding up what calamine would hold. XML that is not well-formed (an end
/// tag that does not match, an element left open at the end) is refused: calamine 0.38 may then
/// wait for a sheet's end for ever.
fn scan_ods<R: BufRead>(xml: &mut quick_xml::Reader<R>) -> std::result::Result<OdsSize, String> {
    let mut scan = OdsScan::default();
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                depth += 1;
                scan.start(&e);
            }
            Ok(Event::Empty(e)) => {
                scan.start(&e);
                scan.end(e.name().as_ref());
            }
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                scan.end(e.name().as_ref());
            }
            Ok(Event::Eof) if depth > 0 => return Err("ends before its elements do".into()),
            Ok(Event::Text(t)) => scan.text(t.len() as u64),
            Ok(Event::GeneralRef(_)) => scan.text(4),
            Ok(Event::Eof) if scan.table.is_some() || scan.annotation => return Err("ends inside a sheet".into()),
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("is not well-formed at byte {}: {e}", xml.buffer_position())),
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(scan.size)
}

/// A repeat count attribute (1 when absent; a count too large for u64 is as good as infinite).
fn repeats(element: &BytesStart<'_>, name: &str) -> u64 {
    match element.try_get_attribute(name) {
        Ok(Some(_)) => number_attribute(element, name).unwrap_or(1),
        _ => 1,
    }
}

/// calamine reads every sheet of an `.xls` workbook when it opens it, and gives each a dense
/// range from its first used cell to its last, after reserving what the sheet's `DIMENSIONS`
/// record declares. Both are checked here on the BIFF records of the `Workbook` stream.
fn check_xls(path: &Path, display: &str) -> Result<()> {
    let failed = |e: &dyn std::fmt::Display| {
        Error::input(Location::file(display), format!("cannot read it as an xls workbook: {e}"))
    };
    let mut file = cfb::open(path).map_err(|e| failed(&e))?;
    let name = if file.is_stream("/Workbook") { "/Workbook" } else { "/Book" };
    let mut stream = Vec::new();
    file.open_stream(name).and_then(|mut s| s.read_to_end(&mut stream)).map_err(|e| failed(&e))?;
    let cells = xls_cells(&stream);
    if cells > MAX_CELLS {
        return Err(too_big(display, format!("its sheets span {cells} cells"), format!("{MAX_CELLS} cells")));
    }
    Ok(())
}

/// The cells calamine would reserve and fill for every sheet of a BIFF workbook stream.
fn xls_cells(stream: &[u8]) -> u64 {
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])));
    let u32_at =
        |d: &[u8], i: usize| d.get(i..i + 4).map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
    let mut total: u64 = 0;
    // The current substream's declared dimensions and the bounds of its cells.
    let mut declared: u64 = 0;
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let mut depth = 0usize;
    let mut i = 0;
    let close = |declared: &mut u64, bounds: &mut Option<(u64, u64, u64, u64)>, total: &mut u64| {
        let used = bounds
            .take()
            .map_or(0, |(r0, r1, c0, c1)| (r1.saturating_sub(r0) + 1).saturating_mul(c1.saturating_sub(c0) + 1));
        *total = total.saturating_add(*declared).saturating_add(used);
        *declared = 0;
    };
    while i + 4 <= stream.len() {
        let kind = u16_at(stream, i);
        let len = u16_at(stream, i + 2) as usize;
        let data = &stream[(i + 4).min(stream.len())..(i + 4 + len).min(stream.len())];
        i += 4 + len;
        let mut cell = |row: u64, first: u64, last: u64| {
            let (r0, r1, c0, c1) = bounds.get_or_insert((row, row, first, last));
            *r0 = (*r0).min(row);
            *r1 = (*r1).max(row);
            *c0 = (*c0).min(first);
            *c1 = (*c1).max(last);
        };
        match kind {
            0x0809 => depth += 1,
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close(&mut declared, &mut bounds, &mut total);
                }
            }
            // DIMENSIONS: BIFF8 rows as u32, BIFF5 as u16.
            0x0200 => {
                let (first_row, last_row, first_col, last_col) = if data.len() >= 14 {
                    (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8), u16_at(data, 10))
                } else {
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6))
                };
                let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
                declared = last_row
                    .saturating_sub(first_row)
                    .saturating_add(1)
                    .saturating_mul(last_col.saturating_sub(first_col).saturating_add(1));
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                let column = u16_at(data, 2);
                cell(u16_at(data, 0), column, column);
            }
            // MULRK: a row, the first column, ..., the last column.
            0x00BD if data.len() >= 6 => cell(u16_at(data, 0), u16_at(data, 2), u16_at(data, data.len() - 2)),
            _ => {}
        }
    }
    close(&mut declared, &mut bounds, &mut total);
    total
}
