#!/usr/bin/env python3
"""Measures PPM against supervisord in one run and prints a Markdown report.

Called by bench/run.sh, which compiles the probes (stamp, gen, verify), finds
or builds both supervisors and passes their locations here. Every wait has a
deadline, every daemon is stopped on the way out (SIGTERM, then SIGKILL), and
every probe process still alive afterwards is killed by pid: a probe is
recognised by its executable, which lives in this run's private bin directory.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

MIB = 1024 * 1024
LINE_BYTES = 80          # one generated line, newline included (see probes/gen.c)
POLL_S = 0.002           # how often a waiting loop looks again
STOP_GRACE_S = 15        # SIGTERM -> SIGKILL for a daemon that does not stop


class BenchError(Exception):
    """A measurement could not be taken; the message says what was seen."""


class OutOfTime(BaseException):
    """The whole run went over its time limit."""


RUNNING = set()  # supervisors started and not yet stopped, for the final clean-up


# ----------------------------------------------------------------------------
# small helpers

def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def wait_until(condition, timeout_s, what, daemon=None):
    """Polls condition() until it returns a truthy value; fails after timeout_s or if the daemon dies."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = condition()
        if result:
            return result
        if daemon is not None:
            daemon.check_alive(what)
        if time.monotonic() > deadline:
            raise BenchError(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(POLL_S)


def read_stamps(path):
    """The (ns, pid) lines a stamp probe appended to path; a half-written last line is ignored."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return []
    stamps = []
    for line in data.split(b"\n")[:-1]:
        ns, pid = line.split()
        stamps.append((int(ns), int(pid)))
    return stamps


def cpu_time_ns(pid):
    """utime+stime of a whole process (all its threads), in ns, through its CPU-time clock."""
    clock_id = ((~pid) << 3) | 2  # CPUCLOCK_SCHED of the process, as clock_getcpuclockid(3) builds it
    return time.clock_gettime_ns(clock_id)


def cpu_ticks(pid):
    """utime+stime from /proc/PID/stat, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def thread_ticks(pid):
    """{thread id: (name, utime+stime ticks)} for every thread of a process."""
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        threads[tid] = (name, int(fields[11]) + int(fields[12]))
    return threads


def busiest_threads(before, after, seconds, top=5):
    """The threads that used the most CPU between two thread_ticks snapshots, as '% of a core' texts."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {}
    for tid, (name, ticks) in after.items():
        delta = ticks - before.get(tid, (name, 0))[1]
        if delta > 0:
            used[name] = used.get(name, 0) + delta
    ranked = sorted(used.items(), key=lambda item: -item[1])[:top]
    return [f"{name} {100.0 * ticks / tick / seconds:.3f} %" for name, ticks in ranked]


def thread_kinds(threads, top=4):
    """The most common thread names (digits folded), e.g. ['200 × ppm-out-#', ...]."""
    counts = {}
    for name, _ in threads.values():
        kind = re.sub(r"\d+", "#", name)
        counts[kind] = counts.get(kind, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:top]
    return [f"{count} × {kind}" for kind, count in ranked]


def memory_mib(pid):
    """(RSS, Pss, Pss_Anon) of a process in MiB."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                values["rss"] = int(line.split()[1]) / 1024
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("Pss", "Pss_Anon"):
                values[key.lower()] = int(rest.split()[0]) / 1024
    return values.get("rss"), values.get("pss"), values.get("pss_anon")


def exe_of(pid):
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return ""


def children_of(pid):
    result = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        result.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return result


def kill_probes(bin_dir):
    """Kills, by pid, every process whose executable is one of this run's probes; returns how many."""
    killed = 0
    prefix = bin_dir.rstrip("/") + "/"
    for entry in os.listdir("/proc"):
        if entry.isdigit() and exe_of(int(entry)).startswith(prefix):
            try:
                os.kill(int(entry), signal.SIGKILL)
                killed += 1
            except ProcessLookupError:
                pass
    return killed


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ----------------------------------------------------------------------------
# the supervisors under test

@dataclass
class Service:
    name: str
    argv: list
    restart: bool = True       # restart at once after a crash
    relay: bool = False        # its stdout is what the relay benchmark measures


class Supervisor:
    """A supervisor daemon started in the foreground with a generated configuration."""

    label = "?"

    def __init__(self, work_dir, bin_dir):
        self.work_dir = work_dir
        self.bin_dir = bin_dir
        self.proc = None
        self.pid = None
        self.log_path = None
        self.notes = []
        self.stop_seconds = []
        self.command_line = None

    # configuration and command line, per supervisor
    def write_config(self, run_dir, services, relay_path):
        raise NotImplementedError

    def command(self, config_path):
        raise NotImplementedError

    def environment(self, run_dir):
        return dict(os.environ)

    def daemon_stdout(self, run_dir, relay_path):
        return os.path.join(run_dir, "daemon.out")

    def find_daemon_pid(self, launched_pid):
        """Waits until the forked child has executed the daemon (its command line is no longer ours)."""
        with open("/proc/self/cmdline", "rb") as f:
            ours = f.read()

        def executed():
            try:
                with open(f"/proc/{launched_pid}/cmdline", "rb") as f:
                    theirs = f.read()
            except OSError:
                return launched_pid  # already gone: check_alive will say so
            return launched_pid if theirs and theirs != ours else None
        return wait_until(executed, 30, f"{self.label} to start", self)

    def start(self, run_name, services, relay_path=None):
        """Starts the daemon; returns the CLOCK_REALTIME ns taken just before it was executed."""
        run_dir = os.path.join(self.work_dir, f"{self.key}-{run_name}")
        os.makedirs(run_dir, exist_ok=True)
        config_path = self.write_config(run_dir, services, relay_path)
        self.log_path = os.path.join(run_dir, "daemon.err")
        stdout_path = self.daemon_stdout(run_dir, relay_path)
        self.stdout_path = stdout_path
        with open(stdout_path, "wb") as out, open(self.log_path, "wb") as err:
            launched_ns = time.time_ns()
            self.proc = subprocess.Popen(self.command(config_path), stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=err, env=self.environment(run_dir), cwd=run_dir,
                                         start_new_session=True)
        RUNNING.add(self)
        try:
            self.pid = self.find_daemon_pid(self.proc.pid)
        except BaseException:
            self.stop()
            raise
        if self.command_line is None:
            try:
                with open(f"/proc/{self.pid}/cmdline", "rb") as f:
                    self.command_line = [a.decode(errors="replace") for a in f.read().split(b"\0")[:-1]]
            except OSError:
                pass
        return launched_ns

    def check_alive(self, what):
        code = self.proc.poll() if self.proc else None
        if code is not None:
            raise BenchError(f"{self.label} exited with code {code} while waiting for {what}; "
                             f"{self.tail_of_logs()}")

    def tail_of_logs(self):
        parts = []
        for path in (self.log_path, self.stdout_path):
            try:
                with open(path, "rb") as f:
                    f.seek(max(0, os.path.getsize(path) - 600))
                    text = f.read().decode(errors="replace").strip()
                if text:
                    parts.append(f"end of {os.path.basename(path)}: {text[-600:]!r}")
            except (OSError, TypeError):
                pass
        return "; ".join(parts) or "it printed nothing"

    def stop(self):
        """SIGTERM, wait, SIGKILL if needed, then kill any service it left behind. Returns notes."""
        notes = []
        RUNNING.discard(self)
        if self.proc is None:
            return notes
        if self.proc.poll() is not None:
            notes.append(f"had already exited with code {self.proc.returncode} when it was to be stopped")
        else:
            started = time.monotonic()
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(STOP_GRACE_S)
                self.stop_seconds.append(time.monotonic() - started)
                if self.proc.returncode != 0:
                    notes.append(f"exited with code {self.proc.returncode} after SIGTERM")
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
                notes.append(f"did not stop within {STOP_GRACE_S} s of SIGTERM; killed")
        leftovers = wait_for_probes_to_go(self.bin_dir)
        if leftovers:
            notes.append(f"{leftovers} service process(es) still alive after the daemon ended; killed")
        self.proc = None
        return notes


def wait_for_probes_to_go(bin_dir, grace_s=2.0):
    """Gives services a moment to finish dying, then kills the rest; returns how many were killed."""
    prefix = bin_dir.rstrip("/") + "/"
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        if not any(e.isdigit() and exe_of(int(e)).startswith(prefix) for e in os.listdir("/proc")):
            return 0
        time.sleep(0.05)
    return kill_probes(bin_dir)


class Ppm(Supervisor):
    label = "PPM"
    key = "ppm"

    def __init__(self, work_dir, bin_dir, launcher):
        super().__init__(work_dir, bin_dir)
        self.launcher = launcher

    def write_config(self, run_dir, services, relay_path):
        lines = ["daemon:", "  jmx: { enabled: false }", "  jolokia: { enabled: false }", "services:"]
        for service in services:
            lines.append(f"  - name: {service.name}")
            lines.append(f"    command: {json.dumps(service.argv)}")
            if service.restart:
                lines.append("    restart: on-failure")
                lines.append("    backoff: { interval: 0s, max: 0s }")
            else:
                lines.append("    restart: never")
        path = os.path.join(run_dir, "ppm.yml")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def command(self, config_path):
        return [self.launcher, "daemon", "--config", config_path]

    def environment(self, run_dir):
        env = dict(os.environ)
        env.pop("PPM_CONFIG", None)
        home = os.path.join(run_dir, "home")
        os.makedirs(home, exist_ok=True)
        env["HOME"] = home              # keep the daemon's runtime files inside this run
        env["XDG_RUNTIME_DIR"] = home
        return env

    def daemon_stdout(self, run_dir, relay_path):
        # PPM relays service output to its own stdout: that is the relay target.
        return relay_path or os.path.join(run_dir, "daemon.out")

    def find_daemon_pid(self, launched_pid):
        """The launcher script is expected to exec java; if it forks instead, measure the java child."""
        shells = ("bash", "sh", "dash")
        super().find_daemon_pid(launched_pid)

        def daemon_pid():
            if self.proc.poll() is not None:
                return launched_pid
            if os.path.basename(exe_of(launched_pid)) not in shells:
                return launched_pid
            for child in children_of(launched_pid):
                if os.path.basename(exe_of(child)) == "java":
                    return child
            return None
        pid = wait_until(daemon_pid, 30, "the PPM launcher to start the daemon", self)
        if pid != launched_pid:
            self.notes.append(f"the launcher did not exec java (pid {launched_pid} kept running); "
                              f"measured the java child {pid}")
        return pid


class Supervisord(Supervisor):
    label = "supervisord"
    key = "supervisord"

    def __init__(self, work_dir, bin_dir, executable):
        super().__init__(work_dir, bin_dir)
        self.executable = executable

    def write_config(self, run_dir, services, relay_path):
        child_logs = os.path.join(run_dir, "childlogs")
        os.makedirs(child_logs, exist_ok=True)
        lines = ["[supervisord]", "nodaemon=true", f"logfile={run_dir}/supervisord.log",
                 f"pidfile={run_dir}/supervisord.pid", f"childlogdir={child_logs}", ""]
        for service in services:
            lines += [f"[program:{service.name}]",
                      "command=" + " ".join(service.argv),
                      "autostart=true",
                      "startsecs=0",
                      "startretries=1000000"]
            lines.append("autorestart=" + ("unexpected" if service.restart else "false"))
            if service.restart:
                lines.append("exitcodes=0")
            if service.relay:
                lines += [f"stdout_logfile={relay_path}", "stdout_logfile_maxbytes=0",
                          "stdout_logfile_backups=0"]
            lines.append("")
        path = os.path.join(run_dir, "supervisord.conf")
        with open(path, "w") as f:
            f.write("\n".join(lines))
        return path

    def command(self, config_path):
        return [self.executable, "-n", "-c", config_path]


# ----------------------------------------------------------------------------
# the benchmarks

@dataclass
class Settings:
    kills: int
    warmup_kills: int
    relay_lines: int
    relay_reps: int
    settle_s: float
    idle_s: float
    launch_services: int
    small_services: int


def measure_restart(sup, settings, bin_dir, rng):
    """SIGKILL -> replacement running: kill time taken just before kill(), replacement time from its own stamp."""
    stamps_path = os.path.join(sup.work_dir, f"{sup.key}-restart.stamps")
    service = Service("victim", [os.path.join(bin_dir, "stamp"), stamps_path])
    sup.start("restart", [service])
    latencies_ms = []
    total = settings.warmup_kills + settings.kills
    try:
        for i in range(total):
            wait_until(lambda: len(read_stamps(stamps_path)) >= i + 1, 60,
                       f"the victim service to be running (start {i + 1})", sup)
            time.sleep(rng.uniform(0.05, 0.25))  # random phase against any periodic tick of the supervisor
            stamps = read_stamps(stamps_path)
            if len(stamps) != i + 1:
                raise BenchError(f"the victim service started {len(stamps) - i - 1} extra time(s) unasked")
            victim_pid = stamps[-1][1]
            kill_ns = time.time_ns()
            os.kill(victim_pid, signal.SIGKILL)
            new = wait_until(lambda: read_stamps(stamps_path)[i + 1:], 30,
                             f"a replacement after kill {i + 1}", sup)
            if i >= settings.warmup_kills:
                latencies_ms.append((new[0][0] - kill_ns) / 1e6)
    finally:
        notes = sup.stop()
    return {"median_ms": statistics.median(latencies_ms), "p90_ms": percentile(latencies_ms, 0.9),
            "min_ms": min(latencies_ms), "max_ms": max(latencies_ms), "kills": len(latencies_ms),
            "samples_ms": [round(v, 3) for v in latencies_ms], "notes": notes}


def wait_for_relay_end(out_path, lines, daemon, started_mono):
    """Polls the relay target until the last generated line is in it; returns the CLOCK_REALTIME ns seen."""
    payload_bytes = lines * LINE_BYTES
    marker = b"%010d " % (lines - 1)
    last_size, last_growth = -1, time.monotonic()
    while True:
        try:
            size = os.stat(out_path).st_size
        except FileNotFoundError:
            size = 0
        now = time.monotonic()
        if size != last_size:
            last_size, last_growth = size, now
            if size >= payload_bytes:
                with open(out_path, "rb") as f:
                    f.seek(max(0, size - 16384))
                    if marker in f.read():
                        return time.time_ns()
        elif now - last_growth > 15:
            raise BenchError(f"relay stalled: {size:,} bytes written, the last line never arrived")
        if now - started_mono > 300:
            raise BenchError("relay took more than 300 s")
        if daemon is not None:
            daemon.check_alive("the relay to finish")
        time.sleep(POLL_S)


def verify_relay(bin_dir, out_path, lines):
    result = subprocess.run([os.path.join(bin_dir, "verify"), out_path, str(lines)],
                            capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(result.stdout)
    if result.stderr.strip():
        report["stderr"] = result.stderr.strip()
    return report


def measure_relay(sup, settings, bin_dir, work_dir, rep):
    """One relay run through a supervisor (sup) or, with sup None, through a plain `gen | cat > file` pipe."""
    key = sup.key if sup else "cat"
    run_dir = os.path.join(work_dir, f"{key}-relay-{rep}")
    os.makedirs(run_dir, exist_ok=True)
    out_path = os.path.join(run_dir, "relayed.out")
    stamp_path = os.path.join(run_dir, "gen.stamp")
    lines = settings.relay_lines
    try:
        return relay_once(sup, lines, bin_dir, out_path, stamp_path, f"relay-{rep}")
    finally:
        if os.path.exists(out_path):
            os.remove(out_path)  # up to 200 MB per run


WARMUP_LINES = 250_000  # 20 MB of 80-byte lines


def warmup_script(bin_dir):
    """A wrapper that runs the generator with its output on stderr (the relay file gets stdout only)."""
    path = os.path.join(bin_dir, "gen-to-stderr")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write('#!/bin/sh\nexec "$(dirname "$0")/gen" "$@" 1>&2\n')
        os.chmod(path, 0o755)
    return path


def relay_once(sup, lines, bin_dir, out_path, stamp_path, run_name):
    notes = []
    gen = os.path.join(bin_dir, "gen")
    started = time.monotonic()
    if sup is None:
        with open(out_path, "wb") as out:
            # The generator waits 500 ms so that cat is running before the clock starts.
            producer = subprocess.Popen([gen, str(lines), "500", stamp_path], stdout=subprocess.PIPE)
            consumer = subprocess.Popen(["cat"], stdin=producer.stdout, stdout=out)
            producer.stdout.close()
        try:
            end_ns = wait_for_relay_end(out_path, lines, None, started)
        finally:
            producer_ok = reap(producer)
            cpu_s = reap(consumer)
        if producer_ok is None or cpu_s is None:
            raise BenchError("the gen | cat pipe did not end")
    else:
        # A long-running daemon relays with compiled code: 20 MB on the warm-up service's stderr
        # first (a JVM compiles the relay's loops meanwhile; supervisord has nothing to warm), then
        # the measured output on the generator's stdout two seconds after start.
        warmup = Service("warmup", [warmup_script(bin_dir), str(WARMUP_LINES), "0", stamp_path + ".warmup"],
                         restart=False)
        service = Service("gen", [gen, str(lines), "2000", stamp_path], restart=False, relay=True)
        sup.start(run_name, [warmup, service], relay_path=out_path)
        try:
            wait_until(lambda: os.path.exists(stamp_path) and os.path.getsize(stamp_path) > 0, 60,
                       "the generator to start", sup)
            cpu_before = cpu_time_ns(sup.pid)
            end_ns = wait_for_relay_end(out_path, lines, sup, started)
            cpu_s = (cpu_time_ns(sup.pid) - cpu_before) / 1e9
        finally:
            notes += sup.stop()
    with open(stamp_path) as f:
        start_ns = int(f.read())
    seconds = (end_ns - start_ns) / 1e9
    check = verify_relay(bin_dir, out_path, lines)
    return {"mb_per_s": lines * LINE_BYTES / 1e6 / seconds, "seconds": seconds, "cpu_s": cpu_s,
            "check": check, "notes": notes}


def reap(proc):
    """Waits for a child (killing it after 30 s); returns the CPU seconds it used, or None if it was killed."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_utime + usage.ru_stime
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    return None


def measure_fleet(sup, settings, bin_dir, count, with_idle_cpu):
    """Launch -> `count` services running, then the daemon's memory after settling, then idle CPU."""
    stamps_path = os.path.join(sup.work_dir, f"{sup.key}-fleet{count}.stamps")
    services = [Service(f"s{i:03d}", [os.path.join(bin_dir, "stamp"), stamps_path]) for i in range(1, count + 1)]
    launched_ns = sup.start(f"fleet{count}", services)
    result = {}
    try:
        stamps = wait_until(lambda: (s := read_stamps(stamps_path)) and len(s) >= count and s, 120,
                            f"{count} services to be running", sup)
        times = sorted(ns for ns, _ in stamps)
        result["launch_s"] = (times[count - 1] - launched_ns) / 1e9
        result["first_s"] = (times[0] - launched_ns) / 1e9
        time.sleep(settings.settle_s)
        sup.check_alive("the services to settle")
        result["rss_mib"], result["pss_mib"], result["pss_anon_mib"] = memory_mib(sup.pid)
        threads = thread_ticks(sup.pid)
        result["threads"] = len(threads)
        result["thread_kinds"] = thread_kinds(threads)
        if with_idle_cpu:
            threads0 = thread_ticks(sup.pid)
            cpu0, ticks0, wall0 = cpu_time_ns(sup.pid), cpu_ticks(sup.pid), time.monotonic_ns()
            time.sleep(settings.idle_s)
            cpu1, ticks1, wall1 = cpu_time_ns(sup.pid), cpu_ticks(sup.pid), time.monotonic_ns()
            result["idle_busiest_threads"] = busiest_threads(threads0, thread_ticks(sup.pid),
                                                             (wall1 - wall0) / 1e9)
            sup.check_alive("the idle CPU window to end")
            result["idle_cpu_pct"] = 100.0 * (cpu1 - cpu0) / (wall1 - wall0)
            result["idle_cpu_ticks_pct"] = 100.0 * (ticks1 - ticks0) / os.sysconf("SC_CLK_TCK") / ((wall1 - wall0) / 1e9)
            result["idle_window_s"] = (wall1 - wall0) / 1e9
        stamps = read_stamps(stamps_path)
        alive = sum(1 for _, pid in stamps if os.path.exists(f"/proc/{pid}"))
        if len(stamps) != count or alive != count:
            result["anomaly"] = f"{len(stamps)} starts recorded, {alive} of them alive (expected {count})"
    finally:
        result["notes"] = sup.stop()
    return result


# ----------------------------------------------------------------------------
# running everything and reporting

def attempt(results, key, function, *args):
    """Runs one measurement; a failure is recorded, not fatal."""
    try:
        results[key] = function(*args)
    except BenchError as error:
        log(f"{key}: FAILED: {error}")
        results[key] = {"error": str(error)}


def run(args):
    settings = Settings(kills=args.kills, warmup_kills=args.warmup_kills,
                        relay_lines=args.relay_mb * 1_000_000 // LINE_BYTES, relay_reps=args.relay_reps,
                        settle_s=args.settle, idle_s=args.idle, launch_services=100, small_services=10)
    supervisors = []
    if args.ppm:
        supervisors.append(Ppm(args.work_dir, args.bin_dir, args.ppm))
    if args.supervisord:
        supervisors.append(Supervisord(args.work_dir, args.bin_dir, args.supervisord))
    rng = random.Random(20250101)
    results = {s.key: {} for s in supervisors}
    results["cat"] = {}
    load = {"start": loadavg()}

    for sup in supervisors:
        log(f"{sup.label}: restart latency, {settings.warmup_kills} + {settings.kills} kills")
        attempt(results[sup.key], "restart", measure_restart, sup, settings, args.bin_dir, rng)

    for rep in range(settings.relay_reps):
        log(f"relay run {rep + 1}/{settings.relay_reps}: {settings.relay_lines * LINE_BYTES / 1e6:g} MB through cat")
        attempt(results["cat"], f"relay{rep}", measure_relay, None, settings, args.bin_dir, args.work_dir, rep)
        for sup in supervisors:
            log(f"relay run {rep + 1}/{settings.relay_reps}: through {sup.label}")
            attempt(results[sup.key], f"relay{rep}", measure_relay, sup, settings, args.bin_dir, args.work_dir, rep)

    for sup in supervisors:
        log(f"{sup.label}: {settings.small_services} idle services, settle {settings.settle_s:g} s")
        attempt(results[sup.key], "fleet10", measure_fleet, sup, settings, args.bin_dir,
                settings.small_services, False)
    for sup in supervisors:
        log(f"{sup.label}: {settings.launch_services} services, settle {settings.settle_s:g} s, "
            f"idle CPU over {settings.idle_s:g} s")
        attempt(results[sup.key], "fleet100", measure_fleet, sup, settings, args.bin_dir,
                settings.launch_services, True)
    load["end"] = loadavg()
    for sup in supervisors:
        if sup.notes:
            results[sup.key]["daemon_notes"] = sorted(set(sup.notes))
        if sup.stop_seconds:
            results[sup.key]["stop_after_sigterm_max_s"] = max(sup.stop_seconds)
        results[sup.key]["command_line"] = sup.command_line
    return settings, results, load


def fmt(value, digits):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    r = a / b
    return f"{r:.3g}×" if r >= 0.01 else f"{r:.2g}×"


def pick(results, key, field):
    entry = results.get(key, {})
    return entry.get(field) if "error" not in entry else None


def relay_summary(results, reps):
    runs = [results.get(f"relay{i}", {}) for i in range(reps)]
    good = [r for r in runs if "error" not in r and r]
    if not good:
        return None, None, None
    speeds = [r["mb_per_s"] for r in good]
    lost = max(r["check"]["missing"] + r["check"]["duplicates"] + r["check"]["damaged"] for r in good)
    cpu = statistics.median(r["cpu_s"] for r in good)
    return statistics.median(speeds), lost, cpu


def report(args, settings, results, load, host):
    ppm, sup, cat = results.get("ppm", {}), results.get("supervisord", {}), results["cat"]
    mb = settings.relay_lines * LINE_BYTES / 1e6
    rows = []

    def row(name, p, s, digits, target="", cat_value=None, cat_ratio=None):
        rows.append(f"| {name} | {fmt(p, digits)} | {fmt(s, digits)} | {ratio(p, s)} | "
                    f"{fmt(cat_value, digits) if cat_value is not None else ''} | "
                    f"{cat_ratio or ''} | {target} |")

    row(f"restart latency, median of {settings.kills} kills (ms)", pick(ppm, "restart", "median_ms"),
        pick(sup, "restart", "median_ms"), 2, "≤ 5")
    row("restart latency, p90 (ms)", pick(ppm, "restart", "p90_ms"), pick(sup, "restart", "p90_ms"), 2)
    p_mbs, p_lost, p_cpu = relay_summary(ppm, settings.relay_reps)
    s_mbs, s_lost, s_cpu = relay_summary(sup, settings.relay_reps)
    c_mbs, c_lost, c_cpu = relay_summary(cat, settings.relay_reps)
    row(f"relay {mb:g} MB of {LINE_BYTES}-byte lines into a file, median of {settings.relay_reps} (MB/s)",
        p_mbs, s_mbs, 0, "≥ 1.0× supervisord, ≥ 0.7× cat", c_mbs, ratio(p_mbs, c_mbs))
    row("relay: lines lost, duplicated or damaged (worst run)", p_lost, s_lost, 0, "0", c_lost)
    row("relay: CPU time of the relaying process, median (s)", p_cpu, s_cpu, 2, "", c_cpu, ratio(p_cpu, c_cpu))
    row(f"launch → {settings.launch_services} services running (s)", pick(ppm, "fleet100", "launch_s"),
        pick(sup, "fleet100", "launch_s"), 2, "≤ 2")
    row(f"own RSS, {settings.small_services} services (MiB)", pick(ppm, "fleet10", "rss_mib"),
        pick(sup, "fleet10", "rss_mib"), 1)
    row(f"own Pss, {settings.small_services} services (MiB)", pick(ppm, "fleet10", "pss_mib"),
        pick(sup, "fleet10", "pss_mib"), 1)
    row(f"own RSS, {settings.launch_services} services (MiB)", pick(ppm, "fleet100", "rss_mib"),
        pick(sup, "fleet100", "rss_mib"), 1, "≤ 72")
    row(f"own Pss, {settings.launch_services} services (MiB)", pick(ppm, "fleet100", "pss_mib"),
        pick(sup, "fleet100", "pss_mib"), 1)
    row(f"idle CPU, {settings.launch_services} services, {settings.idle_s:g} s (% of a core)",
        pick(ppm, "fleet100", "idle_cpu_pct"), pick(sup, "fleet100", "idle_cpu_pct"), 3, "≤ 0.15")

    out = [f"# PPM benchmark, {host['date']}", "",
           f"Mode: {'quick' if args.quick else 'full'}. Host: {host['cpu']}, {host['cores']} cores, "
           f"Linux {host['kernel']}. Load average at start {load['start']}, at end {load['end']}.",
           f"PPM {host['ppm']} on {host['java']}; supervisord {host['supervisord']} on {host['python']}.", "",
           "| measurement | PPM | supervisord | PPM ÷ supervisord | `cat` pipe | PPM ÷ `cat` | target |",
           "| --- | ---: | ---: | ---: | ---: | ---: | --- |"] + rows
    out += ["", "Lower is better for latency, time, memory and CPU; higher is better for relay MB/s "
            "(1 MB = 10^6 bytes of generated lines, prefixes not counted). "
            "PPM relays to its stdout (redirected to a file) with a `name | ` prefix per line; "
            "supervisord copies the raw bytes to `stdout_logfile`.", "", "## Details", ""]
    out += details(settings, results)
    return "\n".join(out) + "\n"


def details(settings, results):
    lines = []
    for key, label in (("ppm", "PPM"), ("supervisord", "supervisord"), ("cat", "cat pipe")):
        if key not in results:
            continue
        entry = results[key]
        lines.append(f"**{label}**")
        lines.append("")
        restart = entry.get("restart")
        if restart:
            if "error" in restart:
                lines.append(f"- restart latency: FAILED — {restart['error']}")
            else:
                lines.append(f"- restart latency (ms): median {restart['median_ms']:.2f}, p90 {restart['p90_ms']:.2f}, "
                             f"min {restart['min_ms']:.2f}, max {restart['max_ms']:.2f}, n = {restart['kills']}; "
                             f"samples {restart['samples_ms']}")
        for i in range(settings.relay_reps):
            relay = entry.get(f"relay{i}")
            if not relay:
                continue
            if "error" in relay:
                lines.append(f"- relay run {i + 1}: FAILED — {relay['error']}")
                continue
            c = relay["check"]
            lines.append(f"- relay run {i + 1}: {relay['mb_per_s']:,.0f} MB/s ({relay['seconds']:.3f} s, "
                         f"relaying process used {relay['cpu_s']:.2f} s of CPU); "
                         f"{c['unique']:,} of {c['expected']:,} lines present, {c['missing']} missing, "
                         f"{c['duplicates']} duplicated, {c['damaged']} damaged, {c['other']} other lines, "
                         f"prefix {c['prefix_len']} bytes, {c['bytes']:,} bytes written"
                         + (f"; {c['stderr']}" if "stderr" in c else ""))
        for fleet in ("fleet10", "fleet100"):
            f = entry.get(fleet)
            if not f:
                continue
            if "error" in f:
                lines.append(f"- {fleet[5:]} services: FAILED — {f['error']}")
                continue
            text = (f"- {fleet[5:]} services: first running after {f['first_s']:.3f} s, all after "
                    f"{f['launch_s']:.3f} s; RSS {f['rss_mib']:.1f} MiB, Pss {f['pss_mib']:.1f} MiB, "
                    f"Pss_Anon {f['pss_anon_mib']:.1f} MiB, {f['threads']} threads ("
                    + ", ".join(f.get("thread_kinds", [])) + ")")
            if "idle_cpu_pct" in f:
                text += (f"; idle CPU {f['idle_cpu_pct']:.3f} % over {f['idle_window_s']:.1f} s "
                         f"({f['idle_cpu_ticks_pct']:.3f} % from /proc/PID/stat ticks")
                if f.get("idle_busiest_threads"):
                    text += "; busiest threads, by name: " + ", ".join(f["idle_busiest_threads"])
                text += ")"
            if "anomaly" in f:
                text += f"; ANOMALY: {f['anomaly']}"
            lines.append(text)
        notes = set()
        for value in entry.values():
            if isinstance(value, dict):
                notes.update(value.get("notes", []))
        notes.update(entry.get("daemon_notes", []))
        for note in sorted(notes):
            lines.append(f"- daemon: {note}")
        if "stop_after_sigterm_max_s" in entry:
            lines.append(f"- every stop by SIGTERM took at most {entry['stop_after_sigterm_max_s']:.2f} s")
        if entry.get("command_line"):
            lines.append(f"- daemon process: `{' '.join(entry['command_line'])}`")
        lines.append("")
    return lines


def host_info(args, results):
    def first_line(command):
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=30)
            return (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "unknown"
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = re.sub(r"\s+", " ", line.split(":", 1)[1].strip())
                break
    ppm_line = results.get("ppm", {}).get("command_line") or ["java"]
    java = ppm_line[0] if os.path.basename(ppm_line[0]) == "java" else "java"
    python = (results.get("supervisord", {}).get("command_line") or ["python3"])[0]
    return {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "cpu": cpu, "cores": os.cpu_count(),
            "kernel": platform.release(), "ppm": args.ppm_version or "not measured",
            "java": first_line([java, "-version"]) if args.ppm else "no JVM",
            "python": first_line([python, "--version"]),
            "supervisord": first_line([args.supervisord, "--version"]) if args.supervisord else "not measured"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--ppm", help="the ppm launcher; omit to skip PPM")
    parser.add_argument("--ppm-version", default="")
    parser.add_argument("--supervisord", help="the supervisord executable; omit to skip it")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--warmup-kills", type=int, default=2)
    parser.add_argument("--relay-mb", type=int, default=200)
    parser.add_argument("--relay-reps", type=int, default=3)
    parser.add_argument("--settle", type=float, default=10)
    parser.add_argument("--idle", type=float, default=30)
    parser.add_argument("--time-limit", type=int, default=600, help="seconds for the whole run")
    parser.add_argument("--output", help="also write the report to this file")
    args = parser.parse_args()

    def out_of_time(signum, frame):
        raise OutOfTime()

    def terminated(signum, frame):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, terminated)
    signal.alarm(args.time_limit)
    try:
        settings, results, load = run(args)
    except OutOfTime:
        log(f"the run went over its limit of {args.time_limit} s; stopped")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        signal.alarm(0)
        for sup in list(RUNNING):
            sup.stop()
        killed = kill_probes(args.bin_dir)
        if killed:
            log(f"killed {killed} leftover service process(es)")
    host = host_info(args, results)
    text = report(args, settings, results, load, host)
    print(text, end="")
    if args.output:
        os.makedirs(os.path.dirname(args.output), exist_ok=True)
        with open(args.output, "w") as f:
            f.write(text)
        with open(os.path.splitext(args.output)[0] + ".json", "w") as f:
            json.dump({"results": results, "load": load, "host": host}, f, indent=1)
        log(f"report written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
