#!/usr/bin/env bash
# PPM's benchmark suite: measures PPM and supervisord in the same run and
# prints a Markdown table of both values and their ratio.
#
#   bench/run.sh [--quick] [--no-build] [--ppm-launcher PATH] [--skip-ppm] [--skip-supervisord]
#
# Needs bash, python3, gcc and (for PPM) a JDK 25 and Maven. supervisord is
# installed from the distribution's packages when it is missing and apt-get
# can be used; otherwise its column is skipped. --ppm-launcher measures another
# installation's bin/ppm instead of building this checkout. The report also
# goes to bench/results/<date>_<time>.md, the raw numbers to a .json beside it.
# See docs/performance.md for what each figure means.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench_dir")

quick=0 build=1 with_ppm=1 with_supervisord=1
launcher="$root/distribution/target/ppm/bin/ppm"
while (( $# )); do
    arg=$1
    shift
    case "$arg" in
        --quick) quick=1 ;;
        --no-build) build=0 ;;
        --ppm-launcher)
            [[ $# -gt 0 ]] || { echo "run.sh: --ppm-launcher needs a path" >&2; exit 2; }
            launcher=$1 build=0
            shift ;;
        --skip-ppm) with_ppm=0 ;;
        --skip-supervisord) with_supervisord=0 ;;
        -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "[bench] $*" >&2; }

for tool in python3 gcc; do
    command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is needed but not on PATH" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ppm-bench.XXXXXX")
harness_pid=""
cleanup() {
    # The harness stops its daemons itself; this covers an interrupted run.
    if [[ -n "$harness_pid" ]] && kill -0 "$harness_pid" 2>/dev/null; then
        kill -TERM "$harness_pid" 2>/dev/null || true
        wait "$harness_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- probes -------------------------------------------------------------------
mkdir -p "$work/bin"
for probe in stamp gen verify; do
    # Static where the C library allows it: less dynamic linking in the measured start time.
    gcc -O2 -static -o "$work/bin/$probe" "$bench_dir/probes/$probe.c" 2>/dev/null \
        || gcc -O2 -o "$work/bin/$probe" "$bench_dir/probes/$probe.c"
done

# --- supervisord ----------------------------------------------------------------
supervisord=""
if (( with_supervisord )); then
    if ! command -v supervisord >/dev/null && command -v apt-get >/dev/null; then
        sudo=""
        [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && sudo="sudo -n"
        say "installing supervisor from the distribution's packages"
        $sudo apt-get install -y -q supervisor >&2 || say "could not install supervisor"
    fi
    if command -v supervisord >/dev/null; then
        supervisord=$(command -v supervisord)
    else
        say "supervisord is not available: its column is skipped"
    fi
fi

# --- PPM ------------------------------------------------------------------------
ppm="" ppm_version=""
if (( with_ppm )); then
    if [[ -z "${JAVA_HOME:-}" ]]; then
        for candidate in /usr/lib/jvm/*25*; do
            [[ -x "$candidate/bin/java" ]] && { export JAVA_HOME=$candidate; break; }
        done
    fi
    if (( build )); then
        if command -v mvn >/dev/null; then
            say "building PPM (mvn package -DskipTests)"
            (cd "$root" && mvn -q -B package -DskipTests >&2) || say "the PPM build failed"
        else
            say "mvn is not on PATH: using an existing build if there is one"
        fi
    fi
    if [[ -x "$launcher" ]]; then
        ppm=$launcher
        if [[ $launcher -ef $root/distribution/target/ppm/bin/ppm ]]; then
            ppm_version=$(git -C "$root" describe --always --dirty 2>/dev/null || echo "unknown revision")
        else
            ppm_version=$launcher
        fi
    else
        say "no PPM launcher at $launcher: its column is skipped"
    fi
fi

# --- run ------------------------------------------------------------------------
if (( quick )); then
    sizes=(--kills 5 --warmup-kills 1 --relay-mb 50 --relay-reps 1 --settle 3 --idle 10 --time-limit 240)
else
    sizes=(--kills 30 --warmup-kills 2 --relay-mb 200 --relay-reps 5 --settle 10 --idle 30 --time-limit 600)
fi
args=(--work-dir "$work" --bin-dir "$work/bin" --output "$bench_dir/results/$(date +%Y-%m-%d_%H%M%S).md")
(( quick )) && args+=(--quick)
[[ -n "$ppm" ]] && args+=(--ppm "$ppm" --ppm-version "$ppm_version")
[[ -n "$supervisord" ]] && args+=(--supervisord "$supervisord")

python3 "$bench_dir/harness.py" "${args[@]}" "${sizes[@]}" &
harness_pid=$!
status=0
wait "$harness_pid" || status=$?
harness_pid=""
exit "$status"
