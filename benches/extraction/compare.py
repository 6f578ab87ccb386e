#!/usr/bin/env python3
"""Scores text extractors against what the sample documents really say.

    python3 benches/extraction/compare.py EXTRACTOR_COMMAND...

For every PDF in samples/applications/ (or every file of the extension given with --ext), the
command is run with the extractor name and the file's path appended, and its standard output is
compared with the text the document was made from (samples/applications-text.csv, written by
samples/make_applications.py). Words are lower-cased runs of letters and digits.

- word recall: the share of the document's words (as a multiset) found in the output;
- word precision: the share of the output's words that are the document's (headers and footers
  repeated on every page, and garbage, lower it);
- bigram recall: the share of the document's adjacent word pairs found in the output: it falls
  when columns are interleaved or hyphenated words stay split;
- æøå recall: word recall over the words holding æ, ø or å;
- split words: output words that are the first half of a word hyphenated at a line end
  (a word ending in '-' followed by a line break and a lower-case letter).
"""

import argparse
import collections
import csv
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APPS = os.path.join(ROOT, "samples", "applications")
WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def bigrams(ws):
    return collections.Counter(zip(ws, ws[1:]))


def overlap(a, b):
    return sum((a & b).values())


def truth_for(path, twins):
    """The text the document was made from: its applicant's letter or CV column."""
    relative = os.path.relpath(path, APPS)
    id_ = re.match(r"[A-Z]\d+", relative).group(0)
    name = relative.lower()
    field = "cv" if re.search(r"(^|[ /_-])(cv|resume)", name) and "ansøgning og" not in name else "ansoegning"
    return twins[id_][field]


def cleaned(profilmatch, text):
    """The text as profilmatch's clean-up leaves it: ligatures, hyphenation at line ends."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "X1 cv.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        run = subprocess.run([profilmatch, "extract", "--no-cache", folder], capture_output=True, text=True)
        rows = list(csv.DictReader(run.stdout.splitlines(keepends=True)))
        return rows[0]["cv"] if rows else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ext", default=".pdf")
    parser.add_argument("--skip", default="A008/CV.pdf", help="files left out (the scan has no text)")
    parser.add_argument("--clean-with", metavar="PROFILMATCH",
                        help="pass the output through profilmatch's clean-up (as a .txt document) before scoring")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    with open(os.path.join(ROOT, "samples", "applications-text.csv"), encoding="utf-8") as f:
        twins = {r["id"]: r for r in csv.DictReader(f)}
    files = []
    for folder, _, names in os.walk(APPS):
        for n in names:
            p = os.path.join(folder, n)
            if n.lower().endswith(args.ext) and os.path.relpath(p, APPS) != args.skip:
                files.append(p)
    files.sort()
    totals = collections.Counter()
    print(f"{'document':38} {'recall':>7} {'prec.':>7} {'bigram':>7} {'æøå':>7} {'split':>6} {'ms':>7}")
    for path in files:
        truth = truth_for(path, twins)
        start = time.perf_counter()
        run = subprocess.run(args.command + [path], capture_output=True, text=True)
        ms = (time.perf_counter() - start) * 1000
        out = run.stdout if run.returncode == 0 else ""
        out = "\n".join(l for l in out.split("\n") if not l.startswith("=== page "))
        if args.clean_with:
            out = cleaned(args.clean_with, out)
        tw, ow = collections.Counter(words(truth)), collections.Counter(words(out))
        tb, ob = bigrams(words(truth)), bigrams(words(out))
        ta = collections.Counter({w: n for w, n in tw.items() if re.search("[æøå]", w)})
        split = len(re.findall(r"\w-\n\s*[a-zæøå]", out))
        row = {
            "recall": overlap(tw, ow) / max(1, sum(tw.values())),
            "precision": overlap(tw, ow) / max(1, sum(ow.values())),
            "bigram": overlap(tb, ob) / max(1, sum(tb.values())),
            "aeoeaa": overlap(ta, ow) / sum(ta.values()) if ta else float("nan"),
        }
        totals["truth"] += sum(tw.values()); totals["out"] += sum(ow.values()); totals["hit"] += overlap(tw, ow)
        totals["tb"] += sum(tb.values()); totals["bhit"] += overlap(tb, ob)
        totals["ta"] += sum(ta.values()); totals["ahit"] += overlap(ta, ow)
        totals["split"] += split; totals["ms"] += ms; totals["failed"] += run.returncode != 0
        name = os.path.relpath(path, APPS)[:38]
        status = "" if run.returncode == 0 else "  FAILED: " + run.stderr.strip().splitlines()[-1][:60]
        print(f"{name:38} {row['recall']:7.3f} {row['precision']:7.3f} {row['bigram']:7.3f} {row['aeoeaa']:7.3f} {split:6} {ms:7.0f}{status}")
    print(f"{'ALL (' + str(len(files)) + ' documents)':38} {totals['hit']/totals['truth']:7.3f} {totals['hit']/max(1,totals['out']):7.3f} "
          f"{totals['bhit']/totals['tb']:7.3f} {totals['ahit']/totals['ta']:7.3f} {totals['split']:6} {totals['ms']:7.0f}"
          + (f"  ({totals['failed']} failed)" if totals["failed"] else ""))


if __name__ == "__main__":
    sys.exit(main())
