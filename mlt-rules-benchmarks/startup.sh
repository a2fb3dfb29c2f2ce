#!/usr/bin/env bash
# Start-up as a host sees it: each run is a fresh JVM that loads the bundled rules and assesses one case
# (StartupProbe prints the times from JVM start); /usr/bin/time adds the process wall and CPU times.
#   mlt-rules-benchmarks/startup.sh [runs] [extra JVM options...]
# MVN_FLAGS defaults to -o (offline); set MVN_FLAGS= to let Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
mvn -B -q ${MVN_FLAGS--o} package -pl mlt-rules-benchmarks -am -DskipTests
module=mlt-rules-benchmarks/target
for _ in $(seq "$runs"); do
  /usr/bin/time -f "process: %e s wall, %U s user CPU, %S s system CPU" \
    java "$@" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$module/classes:$(cat "$module/classpath.txt")" \
    org.mltrules.bench.StartupProbe
done
