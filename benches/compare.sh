#!/usr/bin/env bash
# Two profilmatch binaries compared on one file, interleaved so that both see the same machine:
# each round runs the csv crate's floor, then OLD and NEW with --threads 2 and 1, then NEW with
# all five shipped rubrics, printing seconds and peak RSS (GNU time) for each.
#
#   benches/compare.sh OLD_BINARY NEW_BINARY FILE [ROUNDS]      (default: 2 rounds)
#
# OLD_RUBRIC=PATH gives the old binary a rubric of its own (default: the same as the new one), for
# when the rubric format has moved on: `git show OLD:rubrics/X.toml > /tmp/old.toml`. NEW_RUBRIC=PATH
# does the same for the new binary.
#
# For an old binary, build a commit in a worktree: `git worktree add /tmp/old COMMIT &&
# (cd /tmp/old && cargo build --release)`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n '2,9p' "$0"; exit 2; }
old=$1 new=$2 file=$3 rounds=${4:-2}
cargo build --release --quiet --example read_csv
rubric=${NEW_RUBRIC:-rubrics/hoeje-taastrup-oekonomidirektoer.toml}
old_rubric=${OLD_RUBRIC:-$rubric}
timed() {
  local label=$1 out seconds rss
  shift
  out=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$out" "$@" > /dev/null 2>&1 || true
  read -r seconds rss < <(tail -n 1 "$out")
  rm -f "$out"
  printf '  %-30s %7s s %9s KB peak RSS\n' "$label" "$seconds" "$rss"
}
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%dT%H:%MZ); $file"
for round in $(seq "$rounds"); do
  echo "round $round:"
  timed "csv crate read (floor)" target/release/examples/read_csv "$file"
  for bin in "$old" "$new"; do
    r=$rubric
    [ "$bin" = "$old" ] && r=$old_rubric
    for threads in 2 1; do
      timed "$(basename "$bin") --threads $threads" "$bin" score --rubric "$r" "$file" --top 10 --format csv --threads "$threads" -o /dev/null
    done
  done
  timed "$(basename "$new") 5 rubrics, 2 thr" "$new" score --rubrics rubrics "$file" --top 10 --format csv --threads 2 -o /dev/null
done
