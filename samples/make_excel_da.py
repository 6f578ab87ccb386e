#!/usr/bin/env python3
"""Write applicants-excel-da.csv: the applicants in applicants.csv as Danish Excel saves them.

    python3 samples/make_excel_da.py [IN.csv [OUT.csv]]

Defaults: samples/applicants.csv -> samples/applicants-excel-da.csv (next to this script).

What changes, and nothing else:
- delimiter `;`, record ends CRLF, encoding Windows-1252 without BOM (fails loudly on any
  character that Windows-1252 cannot hold, rather than writing `?`);
- quoting only where needed (a field containing `;`, `"`, CR or LF); line breaks *inside* a
  quoted cell stay LF, as Excel writes them (Alt+Enter is LF), so every text value is
  byte-for-byte the same string as in the UTF-8 file;
- number cells in NUMBER_COLUMNS written the Danish way: decimal comma (`7.5` -> `7,5`) and
  a point grouping thousands (`1250` -> `1.250`, `1250.5` -> `1.250,5`).
  `birth_year` gets the decimal rule but no grouping (a year column in Excel's General
  format is written `1975`, not `1.975`); it is protected and never scored anyway.
- a number cell that is not a plain number (e.g. `ca. 300`, `12 mio`) is copied unchanged.

Only the Python standard library is used.
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUMBER_COLUMNS = ["years_management", "years_leading_leaders", "budget_mio", "staff_led", "birth_year"]
NO_GROUPING = {"birth_year"}
PLAIN_NUMBER = re.compile(r"^(-?)(\d+)(?:\.(\d+))?$")


def danish_number(cell: str, group: bool) -> str:
    m = PLAIN_NUMBER.match(cell.strip())
    if not m:
        return cell  # blank or deliberately unparseable: copy as is
    sign, whole, frac = m.groups()
    if group and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = ".".join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    return sign + whole + ("," + frac if frac is not None else "")


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "applicants.csv"
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "applicants-excel-da.csv"
    with open(src, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    cols = [header.index(c) for c in NUMBER_COLUMNS]
    for row in rows:
        if len(row) != len(header):
            sys.exit(f"{src}: a row has {len(row)} fields, expected {len(header)}: {row[:1]}")
        for i in cols:
            row[i] = danish_number(row[i], group=header[i] not in NO_GROUPING)
    with open(dst, "w", encoding="cp1252", errors="strict", newline="") as f:
        w = csv.writer(f, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {dst} ({len(rows)} applicants)")


if __name__ == "__main__":
    main()
