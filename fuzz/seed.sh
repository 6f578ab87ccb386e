#!/bin/sh
# Builds the seed corpora under fuzz/corpus/<target>/ (not committed) from tests/data/hostile/,
# samples/applicants.csv and the shipped rubrics. Run from the repository root: sh fuzz/seed.sh
set -eu
root=$(pwd)
corpus=fuzz/corpus
mkdir -p "$corpus/csv_ingest" "$corpus/rubric_parse" "$corpus/score_end_to_end"
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
PY
for t in csv_ingest rubric_parse score_end_to_end; do echo "$t: $(ls "$corpus/$t" | wc -l) seeds"; done
