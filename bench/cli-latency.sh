#!/usr/bin/env bash
# CLI latency: `ppm ls` with N services against `supervisorctl status` with N programs, measured in
# the same run, alternating, on the same machine. Prints the median and minimum wall time of each
# and the ratio of the medians.
#
#   bench/cli-latency.sh [-n RUNS] [-s SERVICES] [--url URL]
#
#   -n RUNS       measured runs of each command (default 30, after 3 warm-up runs)
#   -s SERVICES   services / programs to run (default 100)
#   --url URL     measure against an already running daemon instead of starting `ppm daemon`
#
# Needs JDK 25 (JAVA_HOME), Maven, python3 and supervisor (apt-get install supervisor).
# PPM_CLASSPATH may name the CLI's class path; otherwise it is built with Maven.
set -euo pipefail

RUNS=30
SERVICES=100
URL=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) RUNS="$2"; shift 2 ;;
        -s) SERVICES="$2"; shift 2 ;;
        --url) URL="$2"; shift 2 ;;
        *) echo "usage: $0 [-n RUNS] [-s SERVICES] [--url URL]" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
command -v supervisord >/dev/null || { echo "supervisord not found: apt-get install supervisor" >&2; exit 2; }
WORK="$(mktemp -d /tmp/ppm-cli-bench.XXXXXX)"
DAEMON_PID=""
SUPERVISOR_CONF="$WORK/supervisord.conf"

cleanup() {
    if [[ -f "$WORK/supervisord.pid" ]]; then
        supervisorctl -c "$SUPERVISOR_CONF" shutdown >/dev/null 2>&1 || true
    fi
    if [[ -n "$DAEMON_PID" ]]; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# The launcher's flags (see docs/performance.md): C1 only, serial GC, small stacks.
FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -Xss512k)

if [[ -z "${PPM_CLASSPATH:-}" ]]; then
    echo "building the CLI ..." >&2
    (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" mvn -q -B -pl ppm-cli -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >&2)
    PPM_CLASSPATH="$(ls "$ROOT"/ppm-cli/target/ppm-cli-*.jar | grep -v -- -tests | head -1):$(cat "$WORK/cp.txt")"
fi
PPM=("$JAVA" "${FLAGS[@]}" -cp "$PPM_CLASSPATH" io.partner.ppm.cli.Ppm)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

export PPM_RUNTIME_FILE="$WORK/daemon.json"
if [[ -z "$URL" ]]; then
    JMX_PORT="$(free_port)"; JOLOKIA_PORT="$(free_port)"
    {
        echo "daemon:"
        echo "  jmx: { enabled: true, host: 127.0.0.1, port: $JMX_PORT }"
        echo "  jolokia: { enabled: true, host: 127.0.0.1, port: $JOLOKIA_PORT }"
        echo "services:"
        for i in $(seq 1 "$SERVICES"); do
            echo "  - name: sleeper-$i"
            echo "    command: [\"sleep\", \"100000\"]"
        done
    } > "$WORK/ppm.yml"
    "${PPM[@]}" daemon --config "$WORK/ppm.yml" > "$WORK/daemon.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 1 600); do
        [[ -s "$PPM_RUNTIME_FILE" ]] && break
        kill -0 "$DAEMON_PID" 2>/dev/null || { echo "ppm daemon exited:" >&2; cat "$WORK/daemon.log" >&2; exit 1; }
        sleep 0.1
    done
    [[ -s "$PPM_RUNTIME_FILE" ]] || { echo "ppm daemon did not start within 60 s" >&2; exit 1; }
else
    export PPM_URL="$URL"
fi

{
    echo "[unix_http_server]"
    echo "file=$WORK/supervisor.sock"
    echo "[supervisord]"
    echo "pidfile=$WORK/supervisord.pid"
    echo "logfile=$WORK/supervisord.log"
    echo "childlogdir=$WORK"
    echo "[rpcinterface:supervisor]"
    echo "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface"
    echo "[supervisorctl]"
    echo "serverurl=unix://$WORK/supervisor.sock"
    for i in $(seq 1 "$SERVICES"); do
        echo "[program:sleeper-$i]"
        echo "command=sleep 100000"
        echo "startsecs=0"
    done
} > "$SUPERVISOR_CONF"
supervisord -c "$SUPERVISOR_CONF"
for _ in $(seq 1 600); do
    running="$(supervisorctl -c "$SUPERVISOR_CONF" status 2>/dev/null | grep -c RUNNING || true)"
    [[ "$running" -ge "$SERVICES" ]] && break
    sleep 0.2
done

# Wait until the daemon lists every service, then train the AOT cache on a real `ppm ls`.
for _ in $(seq 1 600); do
    count="$("${PPM[@]}" ls --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)"
    [[ "$count" -ge "$SERVICES" ]] && break
    sleep 0.2
done
"$JAVA" "${FLAGS[@]}" -XX:AOTCacheOutput="$WORK/ppm.aot" -cp "$PPM_CLASSPATH" io.partner.ppm.cli.Ppm ls >/dev/null 2>"$WORK/aot.log"

python3 - "$RUNS" "$SUPERVISOR_CONF" "$WORK/ppm.aot" "$JAVA" "$PPM_CLASSPATH" "${FLAGS[@]}" <<'PY'
import os, statistics, subprocess, sys, time
runs, conf, aot, java, cp, flags = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
commands = {
    "supervisorctl status": ["supervisorctl", "-c", conf, "status"],
    "ppm ls (lean flags)": [java, *flags, "-cp", cp, "io.partner.ppm.cli.Ppm", "ls"],
    "ppm ls (lean flags + AOT cache)": [java, *flags, f"-XX:AOTCache={aot}", "-cp", cp, "io.partner.ppm.cli.Ppm", "ls"],
}
times = {name: [] for name in commands}
for i in range(runs + 3):
    for name, argv in commands.items():
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - start) * 1000
        # supervisorctl status exits 0 only when every program is RUNNING; anything else is a failure.
        if done.returncode != 0:
            sys.exit(f"{name} failed ({done.returncode}): {done.stderr.decode()[:300]}")
        if i >= 3:
            times[name].append(elapsed)
base = statistics.median(times["supervisorctl status"])
print(f"{'command':36} {'median ms':>10} {'min ms':>8} {'vs supervisorctl':>17}")
for name, values in times.items():
    median = statistics.median(values)
    print(f"{name:36} {median:10.0f} {min(values):8.0f} {median / base:16.2f}x")
load = os.getloadavg()[0]
print(f"runs: {runs} each, alternating; load average at the end: {load:.2f} on {os.cpu_count()} cores")
PY
