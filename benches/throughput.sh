#!/usr/bin/env bash
# End-to-end throughput of the release binary on synthetic applicants (examples/synth.rs, about
# 2 KB a row, Danish and English, typos), at 10k, 100k and 1M rows: MB/s, rows/s and peak RSS
# for --threads 1 and 2, beside the cost of merely reading the file with the csv crate
# (examples/read_csv.rs), five rubrics in one pass, and all rows written as CSV.
#
#   benches/throughput.sh [ROWS ...]      (default: 10000 100000 1000000)
#
# Files are generated once into ${PROFILMATCH_BENCH_DIR:-/tmp/profilmatch-bench} (the 1M-row file is
# about 2 GB). Peak RSS is GNU time's "maximum resident set size".
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin profilmatch --example synth --example read_csv
dir=${PROFILMATCH_BENCH_DIR:-/tmp/profilmatch-bench}
mkdir -p "$dir"
rubric=rubrics/hoeje-taastrup-oekonomidirektoer.toml
bin=target/release/profilmatch
rows_list=("$@")
[ ${#rows_list[@]} -gt 0 ] || rows_list=(10000 100000 1000000)

# measure LABEL FILE ROWS COMMAND...: one line with seconds, MB/s, rows/s and peak RSS.
measure() {
  local label=$1 file=$2 rows=$3
  shift 3
  local size out seconds rss
  size=$(stat -c %s "$file")
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > /dev/null 2> /dev/null || true
  out=$(tail -n 1 "$dir/time.txt")
  seconds=${out% *}
  rss=${out#* }
  awk -v l="$label" -v s="$seconds" -v b="$size" -v r="$rows" -v m="$rss" 'BEGIN {
    if (s <= 0) s = 0.001
    printf "  %-34s %7.2f s %8.1f MB/s %10.0f rows/s %8.1f MB peak RSS\n", l, s, b / 1e6 / s, r / s, m / 1024 }'
}

echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%dT%H:%MZ)"
for rows in "${rows_list[@]}"; do
  file="$dir/synth-$rows.csv"
  [ -s "$file" ] || target/release/examples/synth --rows "$rows" --seed 7 > "$file"
  echo "$rows rows, $(( $(stat -c %s "$file") / 1000000 )) MB:"
  measure "csv crate read (floor)" "$file" "$rows" target/release/examples/read_csv "$file"
  for threads in 1 2; do
    measure "score --top 10, --threads $threads" "$file" "$rows" \
      "$bin" score --rubric "$rubric" "$file" --top 10 --format csv --threads "$threads"
  done
  measure "score, 5 rubrics, --threads 2" "$file" "$rows" \
    "$bin" score --rubrics rubrics "$file" --top 10 --format csv --threads 2
  measure "score, all rows as CSV, --threads 2" "$file" "$rows" \
    "$bin" score --rubric "$rubric" "$file" --format csv --threads 2
done
