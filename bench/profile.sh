#!/usr/bin/env bash
# Where the time of a progress request goes: `yanzhen serve` on the benchmark data under the
# same wrk load as bench/run.sh, sampled by perf with DWARF call graphs; prints the functions
# with the largest inclusive share. Needs linux-perf; the data must exist (run bench/run.sh
# or yanzhen_bench_generate first).
#
#   bench/profile.sh [--quick] [--build DIR] [--seconds N] [--port N]
#
# The full report stays in BUILD/bench-results/progress.perf (perf report -i ... --children).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build
SCALE=province
SECONDS_SAMPLED=12
PORT=18580
while [ $# -gt 0 ]; do
    case $1 in
    --quick) SCALE=district ;;
    --build) BUILD=$2; shift ;;
    --seconds) SECONDS_SAMPLED=$2; shift ;;
    --port) PORT=$2; shift ;;
    *) echo "usage: bench/profile.sh [--quick] [--build DIR] [--seconds N] [--port N]" >&2; exit 2 ;;
    esac
    shift
done
DATA=$BUILD/bench-data/$SCALE-seed1
[ -f "$DATA/generated.txt" ] || { echo "no data in $DATA: run bench/run.sh first" >&2; exit 1; }
OUT=$BUILD/bench-results
mkdir -p "$OUT"

"$BUILD/bin/yanzhen" serve --db "$DATA/yanzhen.db" --port "$PORT" > "$OUT/profile-serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    sleep 0.01
done
wrk -t2 -c32 -d$((SECONDS_SAMPLED + 10))s --latency -s "$ROOT/bench/wrk/progress.lua" \
    "http://127.0.0.1:$PORT" -- "$(cat "$DATA/token")" "$(cat "$DATA/workers")" 2026-11-28 \
    > "$OUT/profile-wrk.log" 2>&1 &
WRK=$!
sleep 5 # warm
perf record -F 250 --call-graph dwarf,32768 -p "$SERVER" -o "$OUT/progress.perf" \
    -- sleep "$SECONDS_SAMPLED" > /dev/null 2>&1
wait "$WRK"
grep -E 'Requests/sec|99%' "$OUT/profile-wrk.log"
echo "inclusive share of the server's CPU samples (yanzhen, SQLite, Poco::Data, allocation, kernel reads):"
perf report -i "$OUT/progress.perf" --children --stdio --sort symbol -g none 2>/dev/null |
    grep -E '^ +[0-9]' | sed -E 's/ {3,}/  /g' | cut -c1-140 |
    grep -E 'yanzhen::|sqlite3_prepare|sqlite3_step|Poco::Data::StatementImpl::compile|pread|malloc$|_int_malloc' |
    grep -vE 'std::function|_M_invoke|__invoke' | head -40
