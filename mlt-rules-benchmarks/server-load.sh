#!/usr/bin/env bash
# Load on the CDS Hooks service over loopback: 8 concurrent clients, 2,000 calls with a realistic prefetch, every
# answer checked; prints p50/p90/p99/max latency and the throughput. Arguments: [CLIENTS [REQUESTS [WARMUP]]].
#   mlt-rules-benchmarks/server-load.sh            (8 clients, 2,000 calls after 1,000 warm-up calls, ES384)
#   JAVA_OPTS=-Dalg=RS384 mlt-rules-benchmarks/server-load.sh   (the same with RS384 tokens)
# MVN_FLAGS defaults to -o (offline); set MVN_FLAGS= to let Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS--o} package -pl mlt-rules-benchmarks -am -DskipTests
module=mlt-rules-benchmarks/target
exec java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$module/classes:$(cat "$module/classpath.txt")" \
  org.mltrules.bench.ServerLoad "$@"
