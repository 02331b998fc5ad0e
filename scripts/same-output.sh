#!/usr/bin/env bash
# Checks that a change leaves the output unchanged: extracts corpus/gold, corpus/heldout and the
# shared seed (when present) and compares the JSONL with a baseline.
#
#   bash scripts/same-output.sh --save   # record the baseline (target/same-output.jsonl)
#   bash scripts/same-output.sh          # compare; prints the first differences, exit 1 if any
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin civic
BASE=target/same-output.jsonl
extract() {
    local inputs=(corpus/gold corpus/heldout)
    [ -e ../shared/corpus/seed-de.json ] && inputs+=(../shared/corpus/seed-de.json)
    for dir in "${inputs[@]}"; do
        python3 ../shared/tools/score.py inputs "$dir" 2>/dev/null || true
    done | ./target/release/civic extract --quiet --threads 1
}
if [ "${1:-}" = "--save" ]; then
    extract > "$BASE"
    echo "baseline: $(wc -l < "$BASE") documents in $BASE"
    exit 0
fi
[ -e "$BASE" ] || { echo "no baseline: run with --save first" >&2; exit 2; }
NOW=target/same-output.now.jsonl
extract > "$NOW"
if cmp -s "$BASE" "$NOW"; then
    echo "same output: $(wc -l < "$NOW") documents"
else
    echo "OUTPUT CHANGED:"
    diff <(python3 -m json.tool --json-lines "$BASE" 2>/dev/null || cat "$BASE") \
         <(python3 -m json.tool --json-lines "$NOW" 2>/dev/null || cat "$NOW") | head -40
    exit 1
fi
