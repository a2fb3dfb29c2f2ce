#!/usr/bin/env bash
# End-to-end batch of mCODE bundles through the command-line tool, as a host exports its records: N bundles, one per
# JSON Lines line, alternating the two example bundles of examples/fhir (vignettes v02 and v11, 14 and 21 entries),
# each with its own Bundle.id and identifier (so its own caseId). Times 'assess --format jsonl' (read, HAPI parse,
# map, assess, write with the mapping report) and 'map --format jsonl'. Needs python3 to write the input.
#   mlt-rules-benchmarks/fhir-batch.sh [count] [heap]        e.g. fhir-batch.sh 10000 512m
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
heap=${2:-512m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mlt-rules --version > /dev/null            # builds the tool on first use
python3 - "$count" "$work/bundles.jsonl" <<'PY'
import json, sys
count, out = int(sys.argv[1]), sys.argv[2]
examples = [json.load(open(f"examples/fhir/{name}.json", encoding="utf-8"))
            for name in ("lms-oligorecurrence-v02", "gist-induced-oligoprogression-v11")]
with open(out, "w", encoding="utf-8") as f:
    for i in range(count):
        b = examples[i % 2]
        b["id"] = f"bench-{i:07d}"
        if "identifier" in b:
            b["identifier"]["value"] = f"bench-{i:07d}"
        f.write(json.dumps(b, separators=(",", ":"), ensure_ascii=False) + "\n")
PY
echo "input: $count bundles, $(du -h "$work/bundles.jsonl" | cut -f1)"

for command in "assess --no-progress" map; do
  start=$(date +%s.%N)
  MLT_RULES_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%M" -o "$work/rss" \
    ./mlt-rules $command --format jsonl "$work/bundles.jsonl" > "$work/out.jsonl" || true
  end=$(date +%s.%N)
  lines=$(wc -l < "$work/out.jsonl")
  errors=$(grep -c '^{"index"' "$work/out.jsonl" || true)
  awk -v c="${command%% *}" -v n="$lines" -v x="$errors" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" -v heap="$heap" 'BEGIN {
    printf "%s: %d bundles (%d error records) in %.1f s wall = %.0f bundles/s end to end (JVM start included), -Xmx%s, peak RSS %.0f MiB\n",
           c, n, x, e - s, n / (e - s), heap, rss / 1024 }'
done
