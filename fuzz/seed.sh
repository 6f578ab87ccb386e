#!/bin/sh
# Builds the seed corpora under fuzz/corpus/<target>/ (not committed) from tests/data/hostile/,
# samples/applicants.csv and the shipped rubrics. Run from the repository root: sh fuzz/seed.sh
set -eu
root=$(pwd)
corpus=fuzz/corpus
mkdir -p "$corpus/csv_ingest" "$corpus/rubric_parse" "$corpus/score_end_to_end" "$corpus/workbook"
python3 - "$root" "$corpus" <<'PY'
import csv, io, os, sys
root, corpus = sys.argv[1], sys.argv[2]
def put(target, name, data):
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data)
hostile = os.path.join(root, "tests/data/hostile")
inputs = sorted(f for f in os.listdir(hostile) if not f.endswith(".toml"))
for name in inputs:
    data = open(os.path.join(hostile, name), "rb").read()
    # csv_ingest: the first byte chooses the options (even: defaults; odd: ';' and decimal comma).
    put("csv_ingest", name + ".default", b"\x00" + data)
    put("csv_ingest", name + ".semicolon", b"\x01" + data)
    # score_end_to_end: the first byte chooses the rubric; the rows follow the samples' header.
    body = data.split(b"\n", 1)[1] if b"\n" in data else data
    put("score_end_to_end", name, b"\x05" + body)
sample = open(os.path.join(root, "samples/applicants.csv"), "rb").read()
put("csv_ingest", "applicants.csv", b"\x00" + sample)
excel = open(os.path.join(root, "samples/applicants-excel-da.csv"), "rb").read()
put("csv_ingest", "applicants-excel-da.csv", b"\x01" + excel)
# The samples' rows, four at a time, each chunk with another rubric.
rows = list(csv.reader(io.StringIO(sample.decode("utf-8"))))[1:]
for i in range(0, len(rows), 4):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows[i:i + 4])
    put("score_end_to_end", "applicants-%02d" % (i // 4), bytes([i // 4 % 6]) + out.getvalue().encode("utf-8"))
for d in (os.path.join(root, "rubrics"), hostile):
    for name in sorted(os.listdir(d)):
        if name.endswith(".toml"):
            put("rubric_parse", name, open(os.path.join(d, name), "rb").read())
# workbook: raw workbooks (selector 0 xlsx, 1 ods), and built ones (4: xlsx parts, 5: ods parts,
# separated by NUL bytes; see fuzz/fuzz_targets/workbook.rs).
for name, selector in [("tests/data/cells.xlsx", 0), ("samples/applicants.xlsx", 0), ("tests/data/cells.ods", 1), ("samples/applicants.ods", 1)]:
    put("workbook", os.path.basename(name), bytes([selector]) + open(os.path.join(root, name), "rb").read())
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
def sheet(rows):
    return ('<worksheet %s><sheetData>%s</sheetData></worksheet>' % (ns, rows)).encode()
rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>2.5</v></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t>A2</t></is></c><c r="C4" t="e"><v>#DIV/0!</v></c></row>')
shared = ('<sst %s uniqueCount="2"><si><t>name</t></si><si><t>Mette Holm</t></si></sst>' % ns).encode()
put("workbook", "built.xlsx", b"\x04" + sheet(rows) + b"\x00" + shared + b"\x00" + sheet(rows.replace("A1<", "B1<")) + b"\x00" + b"\x01\x01\x01")
put("workbook", "hidden.xlsx", b"\x04" + sheet(rows) + b"\x00" + shared + b"\x00" + sheet(rows) + b"\x00" + b"\x02\x01\x01")
cell = lambda t: '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % t
table = ('<table:table table:name="Ark1"><table:table-row>%s%s%s</table:table-row>'
         '<table:table-row table:number-rows-repeated="3">%s<table:table-cell/>%s</table:table-row>'
         '<table:table-row>%s%s<table:table-cell office:value-type="float" office:value="7"/></table:table-row></table:table>'
         % (cell("id"), cell("name"), cell("x"), cell("B"), cell("5"), cell("C1"), cell("Eva<text:s text:c=\"3\"/>Ek")))
settings = '<config:config-item config:name="ActiveTable" config:type="string">Ark1</config:config-item>'
# The reported bombs, as built inputs: cells A1 and XFD1048576; a row repeated across 16,384
# columns 100,000 times; four billion spaces.
far = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
put("workbook", "far.xlsx", b"\x04" + sheet(far) + b"\x00" + shared + b"\x00" + sheet(far) + b"\x00" + b"\x01\x01\x01")
rep = ('<table:table table:name="Ark1"><table:table-row table:number-rows-repeated="100000">'
       '<table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>'
       '</table:table-row></table:table>')
put("workbook", "rep.ods", b"\x05" + rep.encode() + b"\x00" + settings.encode())
spaces = '<table:table table:name="Ark1"><table:table-row>%s</table:table-row></table:table>' % cell('a<text:s text:c="4000000000"/>')
put("workbook", "spaces.ods", b"\x05" + spaces.encode())
put("workbook", "built.ods", b"\x05" + table.encode() + b"\x00" + settings.encode())
PY
for t in csv_ingest rubric_parse score_end_to_end workbook; do echo "$t: $(ls "$corpus/$t" | wc -l) seeds"; done
