#!/usr/bin/env bash
# Records the current `civic eval` F1 per gold folder and kind in corpus/gold/scores.tsv: the
# floor that tests/integration/gold.rs defends. Run it after an improvement, never to hide a drop.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin civic
{
  echo "# folder	kind	F1 floor (written by scripts/record-scores.sh; tests fail below it)"
  for dir in corpus/gold/*/; do
    folder=$(basename "$dir")
    ./target/release/civic eval "$dir" --json 2>/dev/null | tail -n 1 | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
for k in ("official", "unit", "count", "issue"):
    # two decimals, rounded down, so that the floor is what was measured (from the three-decimal
    # figure: tests/integration/gold.rs allows for its rounding)
    print("%s\t%s\t%.2f" % (sys.argv[1], k, int(s[k + "_f1"] * 100) / 100))
' "$folder"
  done
} > corpus/gold/scores.tsv
cat corpus/gold/scores.tsv
