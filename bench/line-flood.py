#!/usr/bin/env python3
"""A service floods the daemon's output for a minute while another is killed again and again.

  bench/line-flood.py [--seconds 60] [--output stalled|drained] [--kills-every 2.0] [--launcher PATH]

The installed daemon runs `yes` (a flood of short lines) and a victim service that is SIGKILLed every
--kills-every seconds. The daemon's stdout and stderr are one pipe that this script either never reads
(`stalled`: a log driver that stopped) or reads as fast as it can and throws away (`drained`). For each
kill it measures the time until the victim's replacement has written its pid (kill -> replacement
running); at the end it sends SIGTERM and measures the time to the daemon's exit, which must be within
daemon.shutdown.timeout (3 s here) with no service process left. Exit status 0 when every kill was
followed by a restart and the shutdown was on time. Figures are in docs/performance.md
("Surviving a flood").
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LAUNCHER = os.path.join(ROOT, "distribution", "target", "ppm", "bin", "ppm")
SHUTDOWN_TIMEOUT = 3.0
RESTART_DEADLINE = 5.0

CONFIG = """daemon:
  jmx: { enabled: false }
  jolokia: { enabled: false }
  shutdown: { timeout: 3s }
services:
  - name: flood
    command: [yes, "a chatty service fills the daemon's output with short lines"]
  - name: victim
    command: [sh, -c, 'echo $$ >> {pids}; exec sleep 100000']
    restart: always
    backoff: { interval: 1ms, max: 1ms }
"""


def read_pids(path):
    try:
        with open(path) as f:
            return [int(line) for line in f.read().split()]
    except (OSError, ValueError):
        return []


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.0005)
    return False


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--output", choices=["stalled", "drained"], default="stalled")
    parser.add_argument("--kills-every", type=float, default=2.0)
    parser.add_argument("--launcher", default=DEFAULT_LAUNCHER)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="ppm-flood-")
    pids = os.path.join(work, "pids")
    config = os.path.join(work, "ppm.yml")
    with open(config, "w") as f:
        f.write(CONFIG.replace("{pids}", pids))

    daemon = subprocess.Popen([args.launcher, "daemon", "--config", config],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    drained = [0]
    if args.output == "drained":
        def drain():
            while True:
                chunk = daemon.stdout.read1(1 << 20)
                if not chunk:
                    return
                drained[0] += len(chunk)
        threading.Thread(target=drain, daemon=True).start()

    if not wait_for(lambda: len(read_pids(pids)) == 1, 30):
        print("the victim never started", file=sys.stderr)
        daemon.kill()
        return 1

    latencies = []
    missed = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        before = read_pids(pids)
        victim = before[-1]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        if wait_for(lambda: len(read_pids(pids)) > len(before), RESTART_DEADLINE):
            latencies.append((time.monotonic() - killed_at) * 1000)
        else:
            missed += 1
        time.sleep(max(0.0, args.kills_every - (time.monotonic() - killed_at)))

    started = read_pids(pids)
    signalled = time.monotonic()
    daemon.send_signal(signal.SIGTERM)
    try:
        code = daemon.wait(timeout=SHUTDOWN_TIMEOUT + 10)
    except subprocess.TimeoutExpired:
        daemon.kill()
        code = None
    took = time.monotonic() - signalled
    left = [pid for pid in started if alive(pid)]

    print(f"output {args.output}, {args.seconds:.0f} s, {len(latencies) + missed} kills")
    if latencies:
        latencies.sort()
        p90 = latencies[int(0.9 * (len(latencies) - 1))]
        print(f"kill -> replacement running: median {statistics.median(latencies):.1f} ms, "
              f"p90 {p90:.1f} ms, max {latencies[-1]:.1f} ms; missed {missed}")
    if args.output == "drained":
        print(f"relayed {drained[0] / 1e6 / args.seconds:.0f} MB/s on average")
    print(f"SIGTERM -> exit: {took:.2f} s (timeout {SHUTDOWN_TIMEOUT:.0f} s), exit code {code}, "
          f"victims left {len(left)}")
    ok = missed == 0 and code == 0 and took <= SHUTDOWN_TIMEOUT + 0.5 and not left
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
