#!/usr/bin/env bash
# The benchmarks at scale: each figure of this project beside the limit of the same machine,
# measured in the same run, with its target. `make bench` runs it on the province and the
# nation's exam day; `make bench-quick` (--quick) at district scale. See bench/README.md.
#
#   bench/run.sh [--quick] [--build DIR] [--seed N] [--duration SECONDS] [--port N]
#
# Needs: the built targets (yanzhen, the plugins, yanzhen_bench_generate, yanzhen_bench_limits),
# wrk, bash, awk. Data is generated once per scale and seed under BUILD/bench-data; logs go to
# BUILD/bench-results. The table goes to stdout and to bench/RESULTS.md (--quick:
# BUILD/bench-results/RESULTS-quick.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build
QUICK=0
SEED=1
DURATION=
PORT=18480
DATE=2026-11-28

while [ $# -gt 0 ]; do
    case $1 in
    --quick) QUICK=1 ;;
    --build) BUILD=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --port) PORT=$2; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--build DIR] [--seed N] [--duration S] [--port N]" >&2
       exit 2 ;;
    esac
    shift
done

if [ $QUICK -eq 1 ]; then
    READ=district IMPORT=examdistrict DURATION=${DURATION:-8}
    OUT=$BUILD/bench-results/RESULTS-quick.md
else
    READ=province IMPORT=examday DURATION=${DURATION:-20}
    OUT=$ROOT/bench/RESULTS.md
fi

BIN=$BUILD/bin/yanzhen
GEN=$BUILD/bench/yanzhen_bench_generate
LIM=$BUILD/bench/yanzhen_bench_limits
WORK=$BUILD/bench-results
mkdir -p "$WORK"
for tool in "$BIN" "$GEN" "$LIM"; do
    [ -x "$tool" ] || { echo "bench: $tool is missing: build first (make build)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
SERVER=
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -f "$WORK"/import.db* "$WORK"/raw.db*
}
trap cleanup EXIT

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Data ---------------------------------------------------------------------------------
say "data: $READ and $IMPORT (seed $SEED), generated once and reused"
"$GEN" --scale "$READ" --seed "$SEED" --today "$DATE" >&2
"$GEN" --scale "$IMPORT" --seed "$SEED" --today "$DATE" >&2
RD=$BUILD/bench-data/$READ-seed$SEED
ID=$BUILD/bench-data/$IMPORT-seed$SEED
TOKEN=$(cat "$RD/token")
WORKERS=$(cat "$RD/workers")
PEOPLE=$(awk -F= '$1 == "people" { print $2 }' "$RD/generated.txt")
EVIDENCE=$(awk -F= '$1 == "evidence" { print $2 }' "$RD/generated.txt")

# --- Full recompute (first: it fills whatever the read path may keep per worker) ----------
# Both the recompute and the scan beside it read the whole file: read it once before either, so
# that neither pays for the disk while the other finds it in the page cache (the recompute,
# run first on a cache emptied by a build, once measured 70 s against its 41 s).
cat "$RD"/yanzhen.db* > /dev/null
if "$BIN" progress --help 2>/dev/null | grep -q -- '--all'; then
    RECOMPUTE_HOW='`yanzhen progress --all`'
    say "recompute: yanzhen progress --all"
    t0=$(now)
    "$BIN" progress --all --db "$RD/yanzhen.db" --date "$DATE" --lang en > "$WORK/recompute.log" 2>&1
    RECOMPUTE_S=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
else
    RECOMPUTE_HOW='a loop over ProgressService::forPerson (yanzhen_bench_limits recompute; no `progress --all` yet)'
    say "recompute: no 'yanzhen progress --all' yet; the forPerson loop of the bench tool"
    read -r _ RECOMPUTE_S _ < <("$LIM" recompute "$RD/yanzhen.db" --date "$DATE")
fi
say "scan: one SQL aggregate over every evidence row"
read -r _ SCAN_S _ < <("$LIM" scan "$RD/yanzhen.db")

# --- Progress reads beside the bare endpoint ----------------------------------------------
say "reads: yanzhen serve --bench-endpoints on $READ, port $PORT"
"$BIN" serve --db "$RD/yanzhen.db" --port "$PORT" --bench-endpoints --threads 64 \
    > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 3000); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    sleep 0.01
done
BYTES=$("$LIM" bytes - --port "$PORT" --token "$TOKEN" --workers "$WORKERS" --date "$DATE")
URL=http://127.0.0.1:$PORT
wrk_run() { # name seconds script args...
    local name=$1 seconds=$2 script=$3
    shift 3
    wrk -t2 -c32 -d"${seconds}s" --latency -s "$ROOT/bench/wrk/$script" "$URL" -- "$@" \
        > "$WORK/wrk-$name.log" 2>&1
    grep '^RESULT' "$WORK/wrk-$name.log" | tail -1
}
field() { # RESULT-line key
    echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}
say "reads: bare endpoint, ${BYTES} bytes (warm-up, then ${DURATION} s)"
wrk_run bare-warm 3 bare.lua "$BYTES" > /dev/null
BARE=$(wrk_run bare "$DURATION" bare.lua "$BYTES")
HWM_BARE_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER/status")
say "reads: progress of random workers (warm-up, then ${DURATION} s)"
wrk_run progress-warm 5 progress.lua "$TOKEN" "$WORKERS" "$DATE" > /dev/null
PROG=$(wrk_run progress "$DURATION" progress.lua "$TOKEN" "$WORKERS" "$DATE")
HWM_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER/status")
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=
for r in "$BARE" "$PROG"; do
    if [ "$(field "$r" non2xx)" != 0 ] || [ "$(field "$r" errors)" != 0 ]; then
        say "WARNING: failed requests in a read benchmark: $r"
    fi
done
rps() { awk -v n="$(field "$1" requests)" -v d="$(field "$1" duration_us)" \
    'BEGIN { printf "%.0f", n / (d / 1e6) }'; }
BARE_RPS=$(rps "$BARE")
PROG_RPS=$(rps "$PROG")
BARE_P99=$(awk -v v="$(field "$BARE" p99_us)" 'BEGIN { printf "%.2f", v / 1000 }')
PROG_P99=$(awk -v v="$(field "$PROG" p99_us)" 'BEGIN { printf "%.2f", v / 1000 }')

# --- Licensing figures: by community, as the server keeps them between writes, and cold -----
say "licensure: the figures by community, $PEOPLE people"
read -r LIC_COLD_MS LIC_WARM_MS LIC_LIMIT_MS LIC_POSTS LIC_RECORDS < <("$LIM" licensure \
    "$RD/yanzhen.db" --date "$DATE" --runs 5)

# --- Cold start ---------------------------------------------------------------------------
say "cold start: 10 starts of yanzhen serve to the first progress answer"
read -r COLD_MS COLD_MIN COLD_MAX EXEC_MS < <("$LIM" coldstart "$RD/yanzhen.db" --binary "$BIN" \
    --port $((PORT + 1)) --token "$TOKEN" --worker 1 --date "$DATE" --runs 10)

# --- Evidence import beside a raw insert loop ---------------------------------------------
IMPORT_ROWS=$(awk -F= '$1 == "exam_results" { print $2 }' "$ID/generated.txt")
say "import: yanzhen evidence import of $IMPORT_ROWS exam results"
cp "$ID/yanzhen.db" "$WORK/import.db"
t0=$(now)
"$BIN" evidence import "$ID/exam-results.csv" --db "$WORK/import.db" --lang en \
    > "$WORK/import.log" 2>&1 || { cat "$WORK/import.log" >&2; exit 1; }
IMPORT_S=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
rm -f "$WORK"/import.db*
say "import: raw sqlite3 prepared insert of the same rows"
cp "$ID/yanzhen.db" "$WORK/raw.db"
read -r RAW_ROWS RAW_S < <("$LIM" raw-insert "$WORK/raw.db" --scale "$IMPORT" --seed "$SEED" \
    --today "$DATE")
rm -f "$WORK"/raw.db*

# --- The table ----------------------------------------------------------------------------
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
CORES=$(nproc)
RAM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
CXX=$(awk -F= '/^CMAKE_CXX_COMPILER:/ { print $2 }' "$BUILD/CMakeCache.txt")
CXXV=$("$CXX" --version | head -1)
BUILD_TYPE=$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$BUILD/CMakeCache.txt")

row() { # figure ours limit ratio target met
    printf '| %s | %s | %s | %s | %s | %s |\n' "$@"
}
met() { awk -v v="$1" -v op="$2" -v t="$3" \
    'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "**missed**" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

R_READ=$(ratio "$PROG_RPS" "$BARE_RPS")
R_P99=$(ratio "$PROG_P99" "$BARE_P99")
IMPORT_RPS=$(awk -v n="$IMPORT_ROWS" -v s="$IMPORT_S" 'BEGIN { printf "%.0f", n / s }')
RAW_RPS=$(awk -v n="$RAW_ROWS" -v s="$RAW_S" 'BEGIN { printf "%.0f", n / s }')
R_IMPORT=$(ratio "$IMPORT_RPS" "$RAW_RPS")
R_RECOMPUTE=$(ratio "$RECOMPUTE_S" "$SCAN_S")
R_COLD=$(ratio "$COLD_MS" "$EXEC_MS")
R_LIC=$(ratio "$LIC_WARM_MS" "$LIC_LIMIT_MS")
HWM_MB=$(awk -v k="$HWM_KB" 'BEGIN { printf "%.0f", k / 1024 }')
HWM_BARE_MB=$(awk -v k="$HWM_BARE_KB" 'BEGIN { printf "%.0f", k / 1024 }')
R_HWM=$(ratio "$HWM_MB" "$HWM_BARE_MB")

{
    echo "# Benchmark results ($([ $QUICK -eq 1 ] && echo quick, district scale || echo province and exam day))"
    echo
    echo "Made by \`bench/run.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "- Machine: $CPU, $CORES cores, $RAM RAM, Linux $(uname -r)"
    echo "- Load average (1, 5, 15 min) at the start: $LOAD_BEFORE; at the end: $(cut -d' ' -f1-3 /proc/loadavg) (above $CORES, other work shared the machine and the absolute figures suffer)"
    echo "- Build: $CXXV, $BUILD_TYPE; $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')"
    echo "- Read data: $READ, seed $SEED: $PEOPLE people ($WORKERS workers), $EVIDENCE evidence rows"
    echo "- Import data: $IMPORT, seed $SEED: $IMPORT_ROWS exam results of one sitting"
    echo
    echo "| figure | yanzhen | limit (same machine, same run) | ratio | target | |"
    echo "|---|---:|---:|---:|---|---|"
    row "progress reads, requests/s (wrk 2 threads, 32 connections, random workers; limit: \`GET /bench/bare\` with a body of the same ${BYTES} bytes)" \
        "$PROG_RPS" "$BARE_RPS" "$R_READ" ">= 0.60 of the limit" "$(met "$R_READ" ">=" 0.6)"
    row "progress reads, p99 latency, ms (limit: the bare endpoint's)" \
        "$PROG_P99" "$BARE_P99" "${R_P99}x" "<= 10 ms" "$(met "$PROG_P99" "<=" 10)"
    row "evidence import, rows/s (\`yanzhen evidence import\`, $IMPORT_ROWS rows, whole command; limit: raw sqlite3 prepared insert, one transaction)" \
        "$IMPORT_RPS" "$RAW_RPS" "$R_IMPORT" ">= 0.50 of the limit" "$(met "$R_IMPORT" ">=" 0.5)"
    row "full recompute of every worker's progress, s (limit: one SQL scan aggregating every row per person and module)" \
        "$RECOMPUTE_S" "$SCAN_S" "${R_RECOMPUTE}x" "<= 3x the limit" "$(met "$R_RECOMPUTE" "<=" 3)"
    row "cold start of \`yanzhen serve\` to the first progress answer, ms, median of 10 (min $COLD_MIN, max $COLD_MAX; limit: exec of \`yanzhen --version\`)" \
        "$COLD_MS" "$EXEC_MS" "${R_COLD}x" "<= 150 ms" "$(met "$COLD_MS" "<=" 150)"
    row "licensing figures by community, ms of server time while nothing changed (LicensureKeeper; $LIC_POSTS posts, $LIC_RECORDS rows; cold, after a write: $LIC_COLD_MS ms; limit: the same rows read by raw sqlite3)" \
        "$LIC_WARM_MS" "$LIC_LIMIT_MS" "${R_LIC}x" "<= 50 ms" "$(met "$LIC_WARM_MS" "<=" 50)"
    row "peak memory of the server during the reads, VmHWM, MB (limit: the same server after the bare run)" \
        "$HWM_MB" "$HWM_BARE_MB" "${R_HWM}x" "<= 200 MB" "$(met "$HWM_MB" "<=" 200)"
    echo
    echo "Recompute: $RECOMPUTE_HOW. Import: wall time of the whole command (process start,"
    echo "plugins, CSV parsing, checks, one transaction); raw: bind/step/commit only."
    echo "Logs: \`build/bench-results/\` (wrk output, the import's, the server's)."
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
