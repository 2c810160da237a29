#!/bin/sh
# Ingest + segment throughput and peak memory: `pactwatch segment --summary`
# on a generated corpus of at least 200 MB (cached in $PW_BENCH_DIR), once as
# one JSON-lines file and once as a directory of plain-text files (plus the
# same text as one stream, to separate text processing from file opening).
# Prints MB/s by wall clock and per CPU second (this machine is shared and
# noisy: the CPU figure is the one-core throughput), docs/s and peak RSS.
# PW_BENCH_INGEST_MB overrides the size (e.g. 20 for a quick run).
set -u
: "${PW_BIN:?set by bench/run.sh}" "${PW_BUILD:?}" "${PW_BENCH_DIR:?}"
GEN="$PW_BUILD/gen_corpus"
MB=${PW_BENCH_INGEST_MB:-200}
J="$PW_BENCH_DIR/ingest-$MB.jsonl"
T="$PW_BENCH_DIR/ingest-$MB-txt"
mkdir -p "$PW_BENCH_DIR"
if [ ! -s "$J" ]; then
	echo "generating $MB MB of JSON lines..."
	"$GEN" --mb "$MB" --format jsonl --seed 1 > "$J.tmp" && mv "$J.tmp" "$J" || exit 1
fi
S="$PW_BENCH_DIR/ingest-$MB.txt"
if [ ! -s "$S" ]; then
	"$GEN" --mb "$MB" --format txt --seed 3 > "$S.tmp" && mv "$S.tmp" "$S" || exit 1
fi
if [ ! -f "$T/.complete" ]; then
	echo "generating $MB MB of text files..."
	rm -rf "$T" && mkdir -p "$T" && "$GEN" --mb "$MB" --format txt --seed 2 --dir "$T" &&
		touch "$T/.complete" || exit 1
fi
measure() { # LABEL ARGS...: run pactwatch, print the figures
	python3 - "$@" <<'PY'
import json, resource, subprocess, sys, time
label, args = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
p = subprocess.run(args, capture_output=True, text=True)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
try:
    s = json.loads(p.stdout.strip().splitlines()[-1])
except Exception:
    print("%s: failed (exit %d): %s" % (label, p.returncode, p.stderr[-500:]))
    sys.exit(1)
mb = s["bytes"] / 1e6
print("%-6s %7.1f MB %8d docs %9d sentences | %6.1f MB/s wall, %6.1f MB/s per CPU s, "
      "%7.0f docs/s | peak RSS %.1f MB | rejected %d"
      % (label, mb, s["documents"], s["sentences"], mb / wall, mb / cpu if cpu else 0,
         s["documents"] / wall, ru.ru_maxrss / 1024.0, s["rejected"]))
PY
}
measure jsonl "$PW_BIN" segment --summary "$J"
measure txt "$PW_BIN" segment --summary --date 2024-01-01 "$T"
# the same text path without the per-file cost (open/read/close of ~150k
# small files dominates the directory run): one text stream as one document
measure txt-1 "$PW_BIN" segment --summary --date 2024-01-01 --max-doc-bytes 1000000000 "$S"
