#!/bin/sh
# Makes samples/applicants.xlsx and samples/applicants.ods from samples/applicants.csv, and
# tests/data/cells.{xlsx,ods} from tests/data/cells.fods, with
# LibreOffice Calc, headless (Debian: apt-get install -y --no-install-recommends libreoffice-calc).
#
# The CSV import filter's options, in order: 44 = field separator `,`; 34 = text delimiter `"`;
# 76 = character set UTF-8; 1 = start at line 1 (the header becomes row 1); 1/2 = column 1 (id)
# has format 2, Text, so an id like `007` keeps its leading zeros. The other columns are
# "Standard": numbers become numeric cells, everything else text. Special numbers (dates) are not
# detected and formulas are not evaluated (the filter's defaults).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/applicants.csv" "$work/applicants.csv"
for format in xlsx ods; do
    soffice -env:UserInstallation="file://$work/profile" --headless \
        --infilter="CSV:44,34,76,1,1/2" --convert-to "$format" --outdir "$work" "$work/applicants.csv"
    cp "$work/applicants.$format" "$here/applicants.$format"
done
# The test fixture with a cell of every kind (tests/spreadsheet.rs), written by hand as flat ODS.
for format in xlsx ods; do
    soffice -env:UserInstallation="file://$work/profile" --headless \
        --convert-to "$format" --outdir "$here/../tests/data" "$here/../tests/data/cells.fods"
done
