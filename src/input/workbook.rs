//! Which workbook format a file is, by its extension: what decides that a file is read as a
//! workbook (by `sheet.rs`, after `bounds.rs` has checked its size) and not as CSV.

use std::path::Path;

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

    pub(super) fn name(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Xlsb => "xlsb",
            WorkbookFormat::Xls => "xls",
            WorkbookFormat::Ods => "ods",
        }
    }
}
