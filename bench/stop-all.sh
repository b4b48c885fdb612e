#!/usr/bin/env bash
# `ppm stop all` with many crash-looping services (200 by default): a real daemon with
# its JMX endpoint, the command line in the same JVM (warmed by one `ppm ls`), services
# that crash every 0.3 s, restart after 100-200 ms and ignore SIGTERM (so each stop of a
# running one lasts its stop_timeout, 2 s). Prints the time from the command to the last
# service stopped; the run fails when it is not within stop_timeout plus a second.
#
#   bench/stop-all.sh [SERVICES]
#
# Needs a JDK 25 and Maven; builds what it needs (nothing is installed). See
# docs/performance.md, "Stopping everything".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
services=${1:-200}
mvn -B -q -pl ppm-cli -am test -Dtest=StopAllTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dppm.stopAll.services="$services"
grep -h "ppm stop all" ppm-cli/target/surefire-reports/io.partner.ppm.cli.StopAllTest-output.txt
