#!/bin/sh
# run_fuzzer.sh FUZZER WORK SEEDS ARTIFACTS: fuzz for $FUZZ_SECONDS (default 20) seconds, new
# inputs into WORK (a folder of the build tree), starting from WORK and the seed corpus SEEDS;
# a crash's input is written into ARTIFACTS and the run fails. `make soak` sets FUZZ_SECONDS.
set -eu
fuzzer=$1 work=$2 seeds=$3 artifacts=$4
mkdir -p "$work" "$artifacts"
exec "$fuzzer" -max_total_time="${FUZZ_SECONDS:-20}" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$seeds"
