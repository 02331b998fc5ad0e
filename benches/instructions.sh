#!/usr/bin/env bash
# Instructions per input byte of Extractor::extract on corpus/gold (valgrind cachegrind):
# a figure that does not depend on how busy the machine is, for comparing changes.
#
#   bash benches/instructions.sh [DIR...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example throughput
BIN=${BIN:-target/release/examples/throughput}
ir() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$BIN" "$@" 2>&1 \
        | grep "I *refs" | tr -d ',' | awk '{print $NF}'
}
base=$(ir 0 "$@")
run=$(ir 3 "$@")
bytes=$("$BIN" 0 "$@" | awk '/bytes per round/ {print $NF}')
awk -v a="$base" -v b="$run" -v n="$bytes" \
    'BEGIN { printf "instructions per byte: %.0f (start-up %.0f M instructions)\n", (b - a) / (3 * n), a / 1e6 }'
