#!/usr/bin/env bash
# Start-up as a host sees it: each run is a fresh JVM that loads the bundled rules and assesses one case
# (StartupProbe prints the times from JVM start); /usr/bin/time adds the process wall and CPU times.
# The class path is a host's that depends only on mlt-rules-drl (the slim runtime, as mlt-rules-drl's build writes
# it to target/host-runtime-classpath.txt), plus the probe, its case generator and an SLF4J binding.
#   mlt-rules-benchmarks/startup.sh [runs] [extra JVM options...]
# MVN_FLAGS defaults to -o (offline); set MVN_FLAGS= to let Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
mvn -B -q ${MVN_FLAGS--o} package -pl mlt-rules-benchmarks -am -DskipTests
module=mlt-rules-benchmarks/target
# The project's version from the root POM: target/ may still hold the jars of earlier versions.
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
drl=mlt-rules-drl/target/mlt-rules-drl-$version.jar
extras=$(tr ':' '\n' < "$module/classpath.txt" | grep -e '/mlt-rules-cohort' -e '/slf4j-simple-' | paste -sd: -)
cp="$module/classes:$drl:$(cat mlt-rules-drl/target/host-runtime-classpath.txt):$extras"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "process: %e s wall, %U s user CPU, %S s system CPU" \
    java "$@" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.mltrules.bench.StartupProbe
done
