#!/usr/bin/env bash
# Runs the mlt-rules Spark job (org.mltrules.spark.AssessJob) in local mode, as spark-submit would, without a Spark
# installation: the job jar this module builds, on Spark's own class path resolved from the Maven repository.
#
#   mlt-rules-spark/run-local.sh INPUT OUTPUT_DIR [--rules DIR] [--format json|parquet]
#
# INPUT: JSON Lines cases (a file, a folder or a glob); OUTPUT_DIR must not exist. Builds what is missing or stale
# with Maven (a reactor build of this module and what it needs; nothing is installed).
#
# Environment:
#   SPARK_MASTER               the master (default local[*]: one task slot per processor)
#   MLT_RULES_SPARK_JAVA_OPTS  extra JVM options, e.g. -Xmx4g
#   JAVA_HOME                  the Java 17+ to run (default: java on the PATH)
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd -P "$here/.." && pwd)"

if [ $# -lt 2 ]; then
  echo "usage: $0 INPUT OUTPUT_DIR [--rules DIR] [--format json|parquet]" >&2
  exit 2
fi
input="$1"
output="$2"
shift 2

java="java"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi

jar="$here/target/mlt-rules-spark-job.jar"
classpath="$here/target/spark-runtime.classpath"

stale() {
  [ -f "$jar" ] || return 0
  [ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "run-local: building the job jar with Maven (first run or sources changed)..." >&2
  command -v mvn >/dev/null 2>&1 || { echo "run-local: Maven (mvn) is needed to build the job jar" >&2; exit 1; }
  (cd "$root" && mvn -B -q -DskipTests package -pl mlt-rules-spark -am) >&2
fi
if [ ! -f "$classpath" ] || [ "$here/spark-runtime.pom.xml" -nt "$classpath" ]; then
  echo "run-local: resolving Spark's class path with Maven..." >&2
  mkdir -p "$here/target"
  mvn -B -q -f "$here/spark-runtime.pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath" >&2
fi

# The JVM options Spark's launcher adds on Java 17 (--add-opens and others): kept in one place, the POM property
# spark.java.options, which the tests use too.
read -r -a module_opts <<< "$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$here/pom.xml")"
if [ ${#module_opts[@]} -eq 0 ]; then
  echo "run-local: no spark.java.options in $here/pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086 # MLT_RULES_SPARK_JAVA_OPTS is a list of options
exec "$java" "${module_opts[@]}" -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  ${MLT_RULES_SPARK_JAVA_OPTS:-} -cp "$(cat "$classpath")" \
  org.apache.spark.deploy.SparkSubmit \
  --master "${SPARK_MASTER:-local[*]}" \
  --conf spark.ui.enabled=false \
  --conf spark.ui.showConsoleProgress=false \
  --class org.mltrules.spark.AssessJob \
  "$jar" --input "$input" --output "$output" "$@"
