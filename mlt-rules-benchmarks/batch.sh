#!/usr/bin/env bash
# End-to-end batch benchmark through the command-line tool, as a research analyst runs it: generate a synthetic
# cohort of 3-lesion cases, then assess it (parse JSON Lines, assess, write JSON Lines) with a capped heap.
# Prints cases per second, peak resident memory, and the start-up of a one-case run.
#   mlt-rules-benchmarks/batch.sh [count] [heap]        e.g. batch.sh 1000000 256m
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200000}
heap=${2:-256m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mlt-rules --version > /dev/null            # builds the tool on first use
./mlt-rules generate --count "$count" --seed 42 --lesions 3 --output "$work/cohort.jsonl"
echo "cohort: $count cases with 3 lesions, $(du -h "$work/cohort.jsonl" | cut -f1)"

start=$(date +%s.%N)
MLT_RULES_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%M" -o "$work/rss" \
  ./mlt-rules assess --format jsonl --no-progress "$work/cohort.jsonl" > "$work/out.jsonl"
end=$(date +%s.%N)
lines=$(wc -l < "$work/out.jsonl")
awk -v n="$lines" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" -v heap="$heap" 'BEGIN {
  printf "assessed: %d cases in %.1f s wall = %.0f cases/s end to end (JVM start included), -Xmx%s, peak RSS %.0f MiB\n",
         n, e - s, n / (e - s), heap, rss / 1024 }'

head -n 1 "$work/cohort.jsonl" > "$work/one.jsonl"
for _ in 1 2 3; do
  /usr/bin/time -f "one case: %e s wall (launcher, JVM start, rules loaded, case assessed and written)" \
    ./mlt-rules assess "$work/one.jsonl" > /dev/null
done
