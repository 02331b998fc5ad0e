#!/usr/bin/env bash
# End-to-end throughput and memory of `civic extract` on a large JSONL archive.
#
#   bash benches/archive.sh          # ~200 MB archive
#   bash benches/archive.sh 1000     # ~1 GB archive (size in MB)
#   bash benches/archive.sh 200 vi   # ~200 MB of one language (a folder of corpus/gold)
#
#   ARCHIVE_STYLE=repeat bash benches/archive.sh   # the gold texts repeated as they are
#
# Builds the archive from the texts of corpus/gold into bench-data/ (all languages in turn, as
# many documents of each as the gold has, unless a folder is named). Each document is new: as
# many sentences as a gold text, drawn at random (seed 0) from the texts of the same folder.
# Repeating a few hundred kilobytes of text would let the processor's branch predictors learn
# it by heart and overstate the speed (the gold texts of one language repeated run about 1.5x
# as fast as the same texts among others). bench-data/ is git-ignored.
#
# Then runs target/release/civic extract with --threads 1 and 2 to /dev/null and
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
# recombined (default): each document is new, its sentences drawn at random from the texts of
# its folder; repeat: the gold texts themselves over and over (as before 2026-12-03)
STYLE="${ARCHIVE_STYLE:-recombined}"
if [ "$STYLE" != recombined ] && [ "$STYLE" != repeat ]; then
    echo "ARCHIVE_STYLE is recombined or repeat" >&2
    exit 2
fi
SUFFIX=""
[ "$STYLE" = repeat ] && SUFFIX="-repeat"
ARCHIVE="bench-data/archive-${MB}mb${FOLDER:+-$FOLDER}${SUFFIX}.jsonl"

if [ ! -s "$ARCHIVE" ]; then
    echo "building $ARCHIVE ..." >&2
    python3 - "$MB" "$ARCHIVE" "corpus/gold/$FOLDER" "$STYLE" <<'PY'
import json, pathlib, random, re, sys
target, out_path, folder, style = int(sys.argv[1]) * 1_000_000, sys.argv[2], sys.argv[3], sys.argv[4]
# the gold texts in order, with their folder (a language, or Vietnamese without diacritics)
docs = []
for f in sorted(pathlib.Path(folder).rglob("*.json")):
    d = json.loads(f.read_text(encoding="utf-8"))
    if isinstance(d, dict) and "text" in d:
        docs.append((d.get("id", f.stem), f.parent.name, d["text"]))
# each language's sentences (paragraph ends kept as sentences of their own)
split = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n+")
pool = {}
for _, lang, text in docs:
    pool.setdefault(lang, []).extend(s for s in split.split(text) if s.strip())
rng = random.Random(0)
size, n = 0, 0
with open(out_path, "w", encoding="utf-8") as out:
    while size < target:
        for doc_id, lang, text in docs:
            if style == "repeat":
                new = text
            else:
                # as many sentences as the gold text, drawn from all of its language's texts:
                # no text repeats, so the processor cannot learn the archive by heart
                k = max(1, len([s for s in split.split(text) if s.strip()]))
                sents = [rng.choice(pool[lang]) for _ in range(k)]
                sep = "" if lang == "zh" else " "
                new = "\n\n".join(sep.join(sents[i:i + 4]) for i in range(0, k, 4))
            line = json.dumps({"id": f"{doc_id}#{n}", "text": new}, ensure_ascii=False) + "\n"
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
