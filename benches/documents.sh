#!/usr/bin/env bash
# Reading a folder of applications: throughput (documents and PDF pages a second) and peak memory,
# as docs/performance.md reports them. Needs GNU time (/usr/bin/time, Debian's `time`).
#
#   bash benches/documents.sh [COPIES]
#
# 1. One synthetic 200-page PDF (examples/bigpdf.rs), cold: the bounded-memory figure.
# 2. The sample folder copied COPIES times (default 20) under new ids: 12·COPIES applicants, a
#    realistic mix of PDF, Word, OpenDocument, text and Markdown, read cold (--no-cache) with one
#    and with two threads, and then from a warm cache, three runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-20}
cargo build --release --quiet --bins --examples
bin=target/release/profilmatch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PROFILMATCH_CACHE_DIR="$work/cache"

measure() { # label, then the command
    local label=$1
    shift
    /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak RSS" "$@" >/dev/null 2>"$work/err" || true
    grep -E "peak RSS|documents \(" "$work/err" | sed 's/^profilmatch: //'
}

mkdir -p "$work/one"
target/release/examples/bigpdf 200 >"$work/one/A1 cv.pdf"
echo "== one 200-page PDF ($(stat -c %s "$work/one/A1 cv.pdf") bytes)"
for run in 1 2 3; do measure "cold $run" "$bin" extract "$work/one" --no-cache -o /dev/null; done

mkdir -p "$work/many"
for copy in $(seq 1 "$copies"); do
    # A001 becomes A001K1, A001K2, …: a new id per copy, names otherwise as in the samples.
    for entry in samples/applications/*; do
        name=$(basename "$entry")
        [ "$name" = ansoegerliste.xlsx ] && continue
        cp -r "$entry" "$work/many/$(echo "$name" | sed -E "s/^(A[0-9]{3})/\1K$copy/")"
    done
done
echo "== the sample folder $copies times: $(find "$work/many" -type f | wc -l) files, $(du -sh "$work/many" | cut -f1)"
for threads in 1 2; do
    for run in 1 2 3; do measure "cold, $threads thread(s), run $run" "$bin" extract "$work/many" --no-cache --threads "$threads" -o /dev/null; done
done
"$bin" extract "$work/many" -o /dev/null 2>/dev/null || true
for run in 1 2 3; do measure "cached, run $run" "$bin" extract "$work/many" -o /dev/null; done
