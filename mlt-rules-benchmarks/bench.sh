#!/usr/bin/env bash
# Builds the benchmarks (no tests) and runs JMH on the module's classpath; arguments go to JMH, e.g.
#   mlt-rules-benchmarks/bench.sh AssessBenchmark -p lesions=3
#   mlt-rules-benchmarks/bench.sh -l                       (list the benchmarks)
# MVN_FLAGS defaults to -o (offline); set MVN_FLAGS= to let Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS--o} package -pl mlt-rules-benchmarks -am -DskipTests
module=mlt-rules-benchmarks/target
exec java -cp "$module/classes:$(cat "$module/classpath.txt")" org.openjdk.jmh.Main "$@"
