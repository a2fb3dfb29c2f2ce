#!/usr/bin/env bash
# End-to-end batch benchmark through the command-line tool, as a research analyst runs it: generate a synthetic
# cohort of 3-lesion cases, then assess it (parse JSON Lines, assess, write JSON Lines) with a capped heap.
# Prints cases per second, CPU time, peak resident memory, and the start-up of a one-case run.
#
#   mlt-rules-benchmarks/batch.sh [count] [heap]                          e.g. batch.sh 1000000 256m
#   mlt-rules-benchmarks/batch.sh --compare REV [--rounds N] [count] [heap]
#
# --compare runs the tool as committed at REV (any git revision, e.g. the commit a change started from) and the
# working tree's tool in the same run, alternating (REV, HEAD, HEAD, REV, ...) so that both see the same load on a
# shared machine, and reports the medians and the ratios. REV is exported with `git archive` into
# mlt-rules-benchmarks/target/compare-<hash>/ and built there by its own launcher (once; Maven, no install).
# Per round and tool: the whole cohort (wall, user+sys CPU, peak RSS, output kept to compare), the first 1,000
# cases of it, and one case, each in a fresh JVM through the launcher. The two outputs of the cohort must be
# byte-identical, except the "fingerprint" of the rule set when REV bundles other rule files (then it is masked
# and said). Times under load are floors: compare the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
compare=""
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --compare) compare=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) break ;;
  esac
done
count=${1:-200000}
heap=${2:-256m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mlt-rules --version > /dev/null            # builds the tool on first use
./mlt-rules generate --count "$count" --seed 42 --lesions 3 --output "$work/cohort.jsonl"
echo "cohort: $count cases with 3 lesions, $(du -h "$work/cohort.jsonl" | cut -f1)"

if [ -z "$compare" ]; then
  start=$(date +%s.%N)
  MLT_RULES_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%M %U %S" -o "$work/rss" \
    ./mlt-rules assess --format jsonl --no-progress "$work/cohort.jsonl" > "$work/out.jsonl"
  end=$(date +%s.%N)
  lines=$(wc -l < "$work/out.jsonl")
  read -r rss user sys < "$work/rss"
  awk -v n="$lines" -v s="$start" -v e="$end" -v rss="$rss" -v cpu="$(echo "$user + $sys" | bc)" -v heap="$heap" 'BEGIN {
    printf "assessed: %d cases in %.1f s wall = %.0f cases/s end to end (JVM start included), %.1f s CPU, -Xmx%s, peak RSS %.0f MiB\n",
           n, e - s, n / (e - s), cpu, heap, rss / 1024 }'

  head -n 1 "$work/cohort.jsonl" > "$work/one.jsonl"
  for _ in 1 2 3; do
    /usr/bin/time -f "one case: %e s wall (launcher, JVM start, rules loaded, case assessed and written)" \
      ./mlt-rules assess "$work/one.jsonl" > /dev/null
  done
  exit 0
fi

# --- side by side: REV against the working tree ---
hash=$(git rev-parse --verify --short=12 "$compare^{commit}")
ref="$here/mlt-rules-benchmarks/target/compare-$hash"
if [ ! -x "$ref/mlt-rules" ]; then
  rm -rf "$ref.tmp"
  mkdir -p "$ref.tmp"
  git archive "$hash" | tar -x -C "$ref.tmp"
  mv "$ref.tmp" "$ref"
fi
echo "building $compare ($hash) in $ref (once)..."
"$ref/mlt-rules" --version > /dev/null
head -n 1000 "$work/cohort.jsonl" > "$work/first1000.jsonl"
head -n 1 "$work/cohort.jsonl" > "$work/one.jsonl"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"

# run NAME ROOT INPUT OUT: one fresh JVM through the launcher; appends "name input wall cpu rss" to the results
run() {
  local name=$1 root=$2 input=$3 out=$4 s e user sys rss
  s=$(date +%s.%N)
  MLT_RULES_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%M %U %S" -o "$work/time" \
    "$root/mlt-rules" assess --format jsonl --no-progress "$input" > "$out"
  e=$(date +%s.%N)
  read -r rss user sys < "$work/time"
  echo "$name $(basename "$input" .jsonl) $(echo "$e - $s" | bc) $(echo "$user + $sys" | bc) $((rss / 1024))" \
    | tee -a "$work/results"
}

masked() {   # the output with the rule set's fingerprint masked (only when the bundled rules differ)
  sed -E 's/"fingerprint":"sha256:[0-9a-f]+"/"fingerprint":"*"/' "$1"
}

for r in $(seq "$rounds"); do
  if [ $((r % 2)) = 1 ]; then order="rev head"; else order="head rev"; fi
  for who in $order; do
    if [ "$who" = rev ]; then root=$ref; else root=$here; fi
    run "$who" "$root" "$work/cohort.jsonl" "$work/out-$who.jsonl"
    run "$who" "$root" "$work/first1000.jsonl" /dev/null
    run "$who" "$root" "$work/one.jsonl" /dev/null
  done
  if cmp -s "$work/out-rev.jsonl" "$work/out-head.jsonl"; then
    echo "round $r: outputs byte-identical ($(wc -l < "$work/out-head.jsonl") lines)"
  elif cmp -s <(masked "$work/out-rev.jsonl") <(masked "$work/out-head.jsonl"); then
    echo "round $r: outputs identical except the rule set's fingerprint (the bundled rule files differ)"
  else
    echo "round $r: OUTPUTS DIFFER" >&2
    exit 1
  fi
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -v count="$count" -v rev="$compare" '
  { key = $1 " " $2; n[key]++; wall[key, n[key]] = $3; cpu[key, n[key]] = $4; rss[key, n[key]] = $5 }
  function median(arr, key, k,   i, j, t, v) {
    for (i = 1; i <= k; i++) v[i] = arr[key, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
  }
  END {
    split("cohort first1000 one", inputs, " ")
    for (x = 1; x <= 3; x++) {
      in_ = inputs[x]; a = "rev " in_; b = "head " in_
      wa = median(wall, a, n[a]); wb = median(wall, b, n[b]); ca = median(cpu, a, n[a]); cb = median(cpu, b, n[b])
      printf "%-9s median of %d: %s %7.2f s wall %7.2f s CPU %4d MiB | HEAD %7.2f s wall %7.2f s CPU %4d MiB | HEAD/REV wall %.2f CPU %.2f\n",
        in_, n[b], rev, wa, ca, median(rss, a, n[a]), wb, cb, median(rss, b, n[b]), wb / wa, cb / ca
      if (in_ == "cohort")
        printf "          cases/s end to end: %s %.0f, HEAD %.0f (x%.2f)\n", rev, count / wa, count / wb, wa / wb
    }
  }' "$work/results"
