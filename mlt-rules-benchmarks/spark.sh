#!/usr/bin/env bash
# Throughput of the Spark job against the command line, on one machine: generates a cohort of 3-lesion cases, then
# assesses it with the command line on 1 and 2 worker threads and with the Spark job (run-local.sh) on local[1] and
# local[2]. Prints for each the wall time (JVM and Spark start-up included), cases per second, and cases per CPU-second
# (user + system time of the whole JVM: GC, JIT and Spark's own threads included), which is the throughput of one
# core that the process has to itself, and does not depend on what else runs on the machine.
#   mlt-rules-benchmarks/spark.sh [count] [json|parquet]     e.g. spark.sh 1000000 (default 200000 json)
# Run it on a quiet machine (see uptime): the figures are per core, and other processes take cores away. On a
# shared machine, `nice -n -10` approximates a quiet one (as for docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200000}
format=${2:-json}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mlt-rules --version > /dev/null                                   # builds the tool on first use
mlt-rules-spark/run-local.sh examples/cases/demo.jsonl "$work/warm" > /dev/null 2>&1   # builds the job jar, class path
rm -rf "$work/warm"
./mlt-rules generate --count "$count" --seed 42 --lesions 3 --output "$work/cohort.jsonl"
echo "cohort: $count cases with 3 lesions, $(du -h "$work/cohort.jsonl" | cut -f1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

report() {   # name cores start end cpu-seconds
  awk -v name="$1" -v cores="$2" -v n="$count" -v s="$3" -v e="$4" -v cpu="$5" 'BEGIN {
    printf "%-30s %6.1f s wall %7.0f cases/s %6.0f per core | %6.1f CPU-s %7.0f cases per CPU-s\n",
           name, e - s, n / (e - s), n / (e - s) / cores, cpu, n / cpu }'
}
cpu() { awk '{ print $1 + $2 }' "$1"; }

for workers in 1 2; do
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/time" \
    ./mlt-rules assess --format jsonl --no-progress --workers "$workers" "$work/cohort.jsonl" > "$work/cli.jsonl"
  end=$(date +%s.%N)
  report "CLI assess --workers $workers" "$workers" "$start" "$end" "$(cpu "$work/time")"
done

for slots in 1 2; do
  start=$(date +%s.%N)
  SPARK_MASTER="local[$slots]" /usr/bin/time -f "%U %S" -o "$work/time" \
    mlt-rules-spark/run-local.sh "$work/cohort.jsonl" "$work/spark-$slots" \
    --format "$format" 2> "$work/spark-$slots.log" > /dev/null
  end=$(date +%s.%N)
  report "Spark AssessJob local[$slots]" "$slots" "$start" "$end" "$(cpu "$work/time")"
  grep -E '^(mlt-rules-spark:|output:)' "$work/spark-$slots.log" | sed 's/^/    /'
  echo "    output size: $(du -sh "$work/spark-$slots" | cut -f1) ($format); CLI jsonl: $(du -h "$work/cli.jsonl" | cut -f1)"
  rm -rf "$work/spark-$slots"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
