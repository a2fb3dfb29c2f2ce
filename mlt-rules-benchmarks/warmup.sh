#!/usr/bin/env bash
# The JIT warm-up curve of one thread assessing generated 3-lesion cases (and writing their JSON), second by second,
# with CPU time per case, in a fresh JVM; any JVM options to compare follow the number of seconds:
#   mlt-rules-benchmarks/warmup.sh 45 -XX:TieredStopAtLevel=1
#   mlt-rules-benchmarks/warmup.sh 45 -XX:InlineSmallCode=500 -XX:MaxInlineSize=20 -XX:FreqInlineSize=100
# MVN_FLAGS defaults to -o (offline); set MVN_FLAGS= to let Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
mvn -B -q ${MVN_FLAGS--o} package -pl mlt-rules-benchmarks -am -DskipTests
module=mlt-rules-benchmarks/target
exec java -Xshare:auto -XX:+UseSerialGC "$@" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/classes:$(cat "$module/classpath.txt")" org.mltrules.bench.WarmupProbe "$seconds"
