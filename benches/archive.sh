#!/usr/bin/env bash
# End-to-end throughput and memory of `civic extract` on a large JSONL archive.
#
#   bash benches/archive.sh          # ~200 MB archive
#   bash benches/archive.sh 1000     # ~1 GB archive (size in MB)
#   bash benches/archive.sh 200 vi   # ~200 MB of one language (a folder of corpus/gold)
#
# Builds the archive from the texts of corpus/gold (ids made unique; all languages in turn,
# a few documents of each, unless a folder is named) into bench-data/
# (git-ignored), runs target/release/civic extract with --threads 1 and 2 to /dev/null and
# prints a markdown table: MB/s, CPU time and peak RSS for each (MB per CPU second is the
# figure to compare on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-200}"
FOLDER="${2:-}"
if [ -n "$FOLDER" ] && [ ! -d "corpus/gold/$FOLDER" ]; then
    echo "no folder corpus/gold/$FOLDER" >&2
    exit 2
fi
mkdir -p bench-data
ARCHIVE="bench-data/archive-${MB}mb${FOLDER:+-$FOLDER}.jsonl"

if [ ! -s "$ARCHIVE" ]; then
    echo "building $ARCHIVE ..." >&2
    python3 - "$MB" "$ARCHIVE" "corpus/gold/$FOLDER" <<'PY'
import json, pathlib, sys
target = int(sys.argv[1]) * 1_000_000
docs = []
for f in sorted(pathlib.Path(sys.argv[3]).rglob("*.json")):
    d = json.loads(f.read_text(encoding="utf-8"))
    if isinstance(d, dict) and "text" in d:
        docs.append((d.get("id", f.stem), d["text"]))
size, n = 0, 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    while size < target:
        for i, (doc_id, text) in enumerate(docs):
            line = json.dumps({"id": f"{doc_id}#{n}", "text": text}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            n += 1
print(f"{n} documents, {size / 1e6:.0f} MB", file=sys.stderr)
PY
fi

if [ ! -x target/release/civic ] || [ -n "$(find src corpus/lexicons Cargo.toml -newer target/release/civic -print -quit)" ]; then
    cargo build --release --quiet
fi

BYTES=$(stat -c %s "$ARCHIVE")

# runs a command; prints "peak-RSS-KB cpu-seconds" (/usr/bin/time -v when present, else polls
# /proc for VmHWM and reads the CPU time from /proc/PID/stat just before the process ends)
measure() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" 2> bench-data/time.log > /dev/null
        awk -F': ' '/Maximum resident set size/ {r = $2} /User time/ {u = $2} /System time/ {s = $2}
            END {print r, u + s}' bench-data/time.log
    else
        "$@" > /dev/null 2> bench-data/time.log &
        local pid=$! hwm=0 cpu=0 v t
        local hz
        hz=$(getconf CLK_TCK)
        while kill -0 "$pid" 2> /dev/null; do
            v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
            t=$(awk -v hz="$hz" '{print ($14 + $15) / hz}' "/proc/$pid/stat" 2> /dev/null || true)
            [ -n "$v" ] && hwm=$v
            [ -n "$t" ] && cpu=$t
            sleep 0.1
        done
        wait "$pid"
        echo "$hwm $cpu"
    fi
}

echo "| threads | archive MB | seconds | MB/s | CPU seconds | MB per CPU second | peak RSS MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for t in 1 2; do
    start=$(date +%s.%N)
    read -r rss cpu < <(measure target/release/civic extract "$ARCHIVE" --threads "$t" --quiet -o /dev/null)
    end=$(date +%s.%N)
    awk -v t="$t" -v b="$BYTES" -v s="$start" -v e="$end" -v r="$rss" -v c="$cpu" 'BEGIN {
        d = e - s
        printf "| %d | %.0f | %.1f | %.2f | %.1f | %.2f | %.0f |\n", t, b / 1e6, d, b / 1e6 / d, c, b / 1e6 / c, r / 1024
    }'
done
