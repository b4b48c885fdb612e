#!/usr/bin/env bash
# Cost of one per-service sampling round (ProcessSampler): CPU time and bytes allocated by the
# sampling thread, with 100 and 1,000 services of one sleeping process each.
#
#   bench/stats-sampling.sh              # 100 and 1000 services
#   bench/stats-sampling.sh 10 100 500   # other sizes
#   JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" bench/stats-sampling.sh
#
# Needs JDK 25 and util-linux setsid. Figures are documented in docs/stats.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

mvn -q -B -pl ppm-runtime -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="ppm-runtime/target/test-classes:ppm-runtime/target/classes:$(cat ppm-runtime/target/bench-classpath.txt)"

echo "JVM options: ${JAVA_OPTS:-(none)}; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$classpath" \
    io.partner.ppm.runtime.stats.SamplingCostBenchmark "$@"
