#!/usr/bin/env python3
"""PPM as PID 1 at the edges of its life: many short runs of the installed launcher, each as PID 1
of a fresh PID namespace (`unshare --pid --fork --mount-proc`, so it needs root).

  bench/pid1-edges.py exit-codes [--runs 1000] [--jobs 2] [--load 0] [--launcher PATH] [--entry E]
      `ppm daemon -- sh -c 'exit N'` with N varied (0-255); every run must exit with N, and the
      output must not say "cannot start".
  bench/pid1-edges.py sigterm [--runs 200] [--spread 2.0] [--jobs 1] [--load 0] [--launcher PATH] [--entry E]
      SIGTERM to PID 1 at moments spread evenly over 0..SPREAD s after launch (in a shuffled order);
      every run must exit 0 within daemon.shutdown.timeout (8 s, the default) of the signal, with nothing of
      its namespace left. Runs that miss are sorted into: lost (still running 10 s after the timeout; then
      SIGKILLed), exit 143 (the JVM's own SIGTERM handling: nothing stopped in order), other.

--entry says what PID 1 runs: `launcher` (bin/ppm daemon, the default), `direct` (the container
recipe's ENTRYPOINT from distribution/src/docker/Dockerfile, which runs java with lib/ppm-daemon.args,
its /opt/ppm read as the layout of --launcher and its java found through JAVA_HOME), or `both`: every
run (every N, every moment) once with each, alternating, counted apart.
--jobs runs that many at once (more load); --load adds that many busy-looping processes for
the duration. Prints one summary line per outcome and the slowest runs; exit status 0 when every
run passed. Figures are in docs/performance.md ("PID 1 at start and exit").
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LAUNCHER = os.path.join(ROOT, "distribution", "target", "ppm", "bin", "ppm")
DOCKERFILE = os.path.join(ROOT, "distribution", "src", "docker", "Dockerfile")
SHUTDOWN_TIMEOUT = 8.0

NO_ENDPOINTS = """daemon:
  jmx: { enabled: false }
  jolokia: { enabled: false }
  shutdown: { timeout: 8s }
"""

SERVICES = NO_ENDPOINTS + """services:
  - name: plain
    command: ["sleep", "1000"]
  - name: stubborn
    command: "trap '' TERM; while true; do sleep 0.2; done"
    stop_timeout: 1s
  - name: family
    command: "sleep 1001 & sleep 1002 & wait"
"""


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return None


def pid_namespace(pid):
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None


def processes_in(namespace):
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.readlink(f"/proc/{entry}/ns/pid") == namespace:
                    count += 1
            except OSError:
                pass
    return count


def direct_entry(launcher):
    """The Dockerfile's ENTRYPOINT, for the layout --launcher belongs to instead of /opt/ppm."""
    home = os.path.dirname(os.path.dirname(os.path.abspath(launcher)))
    with open(DOCKERFILE) as f:
        line = next(l for l in f if l.startswith("ENTRYPOINT "))
    entry = [arg.replace("/opt/ppm", home) for arg in json.loads(line[len("ENTRYPOINT "):])]
    if not os.path.exists(os.path.join(home, "lib", "ppm-daemon.args")):
        sys.exit(f"pid1-edges: no {home}/lib/ppm-daemon.args (build with mvn package, or run bin/ppm-daemon-argfile)")
    return entry


def direct_env():
    env = dict(os.environ, MALLOC_ARENA_MAX="2")
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        env["PATH"] = os.path.join(java_home, "bin") + os.pathsep + env.get("PATH", "")
    return env


def launch(entry, config, args, log):
    command, env = entry
    return subprocess.Popen(["unshare", "--pid", "--fork", "--mount-proc"] + command + ["--config", config] + args,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)


def exit_code_run(entry, config, workdir, n):
    with tempfile.TemporaryFile(dir=workdir) as log:
        started = time.monotonic()
        proc = launch(entry, config, ["--", "sh", "-c", f"exit {n}"], log)
        try:
            code = proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = None
        took = time.monotonic() - started
        log.seek(0)
        output = log.read().decode(errors="replace")
    ok = code == n and "cannot start" not in output
    return {"ok": ok, "outcome": "ok" if ok else f"exit {code}", "took": took, "output": output, "n": n}


def sigterm_run(entry, config, workdir, delay):
    with tempfile.TemporaryFile(dir=workdir) as log:
        started = time.monotonic()
        proc = launch(entry, config, [], log)
        pid1 = None
        while pid1 is None and proc.poll() is None:
            kids = children_of(proc.pid)
            pid1 = kids[0] if kids else None
        # Launch is when PID 1 runs the launcher (a container's entry point), not unshare's set-up before it.
        while pid1 and proc.poll() is None and comm(pid1) in ("unshare", None):
            pass
        started = time.monotonic()
        namespace = pid_namespace(pid1) if pid1 else None
        pause = started + delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        sent = time.monotonic()
        running = comm(pid1) if pid1 else None
        if pid1:
            try:
                os.kill(pid1, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            code = proc.wait(timeout=SHUTDOWN_TIMEOUT + 10)
            took = time.monotonic() - sent
        except subprocess.TimeoutExpired:
            code, took = None, None
            if pid1:
                os.kill(pid1, signal.SIGKILL)
            proc.wait()
        left = processes_in(namespace) if namespace else 0
        log.seek(0)
        output = log.read().decode(errors="replace")
    if code is None:
        outcome = "lost"
    elif code == 143:
        outcome = "exit 143"
    elif code == 0 and took <= SHUTDOWN_TIMEOUT and left == 0 and "cannot start" not in output:
        outcome = "ok"
    else:
        outcome = f"exit {code} after {took:.2f} s, {left} left"
    return {"ok": outcome == "ok", "outcome": outcome, "took": took, "output": output, "delay": delay,
            "sent_after": sent - started, "running": running}


def summarise(mode, entry, results):
    outcomes = {}
    for result in results:
        outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    print(f"{entry}: {len(results)} runs")
    for outcome, count in sorted(outcomes.items(), key=lambda kv: -kv[1]):
        print(f"  {outcome}: {count}")
    if mode == "sigterm":
        times = sorted(r["took"] for r in results if r["took"] is not None)
        if times:
            print(f"  SIGTERM -> exit: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")
        missed = sorted((r["sent_after"], r["running"]) for r in results if not r["ok"])
        if missed:
            print("  missed at (ms after launch, PID 1 then): " + ", ".join(f"{m * 1000:.0f} ({c})" for m, c in missed))
    elif results:
        times = sorted(r["took"] for r in results)
        print(f"  launch -> exit: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["exit-codes", "sigterm"])
    parser.add_argument("--runs", type=int)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--load", type=int, default=0)
    parser.add_argument("--spread", type=float, default=2.0)
    parser.add_argument("--launcher", default=DEFAULT_LAUNCHER)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--entry", choices=["launcher", "direct", "both"], default="launcher")
    args = parser.parse_args()
    if not os.access(args.launcher, os.X_OK):
        sys.exit(f"pid1-edges: no launcher at {args.launcher} (build with mvn package, or pass --launcher)")
    random.seed(args.seed)
    entries = {}
    if args.entry in ("launcher", "both"):
        entries["launcher"] = ([args.launcher, "daemon"], None)
    if args.entry in ("direct", "both"):
        entries["direct"] = (direct_entry(args.launcher), direct_env())
    workdir = tempfile.mkdtemp(prefix="ppm-pid1-")
    if args.mode == "exit-codes":
        runs = args.runs or 1000
        jobs = args.jobs or 2
        config = os.path.join(workdir, "ppm.yml")
        with open(config, "w") as f:
            f.write(NO_ENDPOINTS)
        codes = [random.randrange(256) for _ in range(runs)]
        work = [lambda n=n, e=e: dict(exit_code_run(entries[e], config, workdir, n), entry=e) for n in codes for e in entries]
    else:
        runs = args.runs or 200
        jobs = args.jobs or 1
        config = os.path.join(workdir, "ppm.yml")
        with open(config, "w") as f:
            f.write(SERVICES)
        delays = [args.spread * i / max(1, runs - 1) for i in range(runs)]
        random.shuffle(delays)
        work = [lambda d=d, e=e: dict(sigterm_run(entries[e], config, workdir, d), entry=e) for d in delays for e in entries]

    stop = threading.Event()
    # Processes, not threads: threads share one interpreter lock.
    hog_procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
    started = time.monotonic()
    print(f"{args.mode}: {runs} runs of {' and '.join(entries)}, {jobs} at a time, {args.load} busy loops, {os.cpu_count()} CPUs, "
          f"load average {open('/proc/loadavg').read().split()[0]}", flush=True)
    results = []
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for i, result in enumerate(pool.map(lambda w: w(), work)):
                results.append(result)
                if not result["ok"]:
                    where = f"N={result['n']}" if "n" in result else f"SIGTERM {result['sent_after'] * 1000:.0f} ms after launch, to {result['running']}"
                    print(f"run {i + 1} ({result['entry']}): {result['outcome']} ({where})", flush=True)
                    print("  | " + "\n  | ".join(result["output"].strip().splitlines()[-6:]), flush=True)
                elif (i + 1) % 50 == 0:
                    print(f"{i + 1} runs done, load average {open('/proc/loadavg').read().split()[0]}", flush=True)
    finally:
        stop.set()
        for hog in hog_procs:
            hog.kill()
    elapsed = time.monotonic() - started
    print(f"done in {elapsed:.0f} s; load average at the end {open('/proc/loadavg').read().split()[0]}")
    for entry in entries:
        summarise(args.mode, entry, [r for r in results if r["entry"] == entry])
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
