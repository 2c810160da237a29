#!/bin/sh
# Scale: end-to-end coding (JSON lines in, events out) of one generated
# corpus with -j 1 and -j 2, in one run: MB/s, documents/s, events/s, peak
# RSS, CPU seconds, the -j 2 speed-up, whether the outputs are identical;
# then the dictionaries alone (load time, RSS); then the peers when asked.
#
# Env: PW_BIN, PW_BUILD, PW_BENCH_DIR (set by bench/run.sh),
#   PW_SCALE_MB     corpus size in MB (default 32)
#   PW_PEER_TABARI / PW_PEER_PETRARCH2
#                   a command that codes the same corpus the way the peer
#                   does, run as `$PW_PEER_X CORPUS.jsonl OUTDIR` (a wrapper
#                   converting to the peer's input and running it: see
#                   docs/SCALE.md). Never downloaded; skipped when unset.
# Figures are measured by python3's getrusage(RUSAGE_CHILDREN) around each
# child process, so peak RSS is the child's, dictionaries included.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
B=${PW_BUILD:-$SRC/build}
BIN=${PW_BIN:-$B/pactwatch}
D=${PW_BENCH_DIR:-$SRC/bench/out}
MB=${PW_SCALE_MB:-32}
mkdir -p "$D"
CORPUS="$D/scale-$MB.jsonl"
if [ ! -s "$CORPUS" ]; then
	"$B/gen_corpus" --mb "$MB" --seed 60 > "$CORPUS.tmp" && mv "$CORPUS.tmp" "$CORPUS" || {
		echo "60-scale: cannot generate the corpus with $B/gen_corpus"; exit 1; }
fi
echo "corpus: $CORPUS ($(wc -c < "$CORPUS") bytes, $(wc -l < "$CORPUS") documents), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# measure LABEL OUTFILE CMD...: one line of figures for a child process
measure() {
	python3 - "$CORPUS" "$@" <<'EOF'
import os, resource, subprocess, sys, time
corpus, label, out, *cmd = sys.argv[1:]
size = os.path.getsize(corpus)
docs = sum(1 for _ in open(corpus, "rb"))
t0 = time.monotonic()
with open(out, "wb") as f:
    rc = subprocess.call(cmd, stdout=f, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
events = sum(1 for _ in open(out, "rb")) if os.path.isfile(out) else 0
print(f"{label:<10} exit={rc} wall={wall:.2f}s cpu={cpu:.2f}s  {size/1e6/wall:7.2f} MB/s  "
      f"{docs/wall:8.0f} docs/s  {events/wall:9.0f} events/s  peak RSS {ru.ru_maxrss/1024:.1f} MB  "
      f"({size/1e6/cpu if cpu else 0:.2f} MB per CPU-second)")
open(out + ".wall", "w").write(f"{wall}\n")
EOF
}

# outputs (hundreds of MB) go to memory when there is a tmpfs: on disk the
# single-threaded run measured the disk as much as the coder
O=$D
if [ -d /dev/shm ] && [ -w /dev/shm ]; then O=/dev/shm; fi
measure "-j 1" "$O/scale-j1.out" "$BIN" code -j 1 "$CORPUS"
measure "-j 2" "$O/scale-j2.out" "$BIN" code -j 2 "$CORPUS"
python3 - "$O/scale-j1.out.wall" "$O/scale-j2.out.wall" <<'EOF'
import sys
a, b = (float(open(p).read()) for p in sys.argv[1:3])
print(f"speed-up -j 2 / -j 1: {a / b:.2f}x (2.00 is linear)")
EOF
if cmp -s "$O/scale-j1.out" "$O/scale-j2.out"; then echo "outputs -j 1 and -j 2: byte-identical"
else echo "outputs -j 1 and -j 2: DIFFERENT"; fi
rm -f "$O/scale-j1.out" "$O/scale-j2.out"  # hundreds of MB of memory when on tmpfs

# dictionaries alone: what one context (one worker) costs to load and hold
if [ -x "$B/bench_scale" ]; then
	for j in 1 2; do
		"$B/bench_scale" -j "$j" --load-only | awk -v j="$j" '{
			for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "dictionaries, %d context(s): load %.2f s, peak RSS %.1f MB\n", (j > 1 ? j : 1), v["load_secs"], v["rss_kb"] / 1024 }'
	done
	# the same run in-process (no pipe to a file): CPU-time throughput
	"$B/bench_scale" -j 1 "$CORPUS" | awk '{
		for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		printf "in-process -j 1: %.2f MB per CPU-second (target 50)\n", v["mb_per_cpu_s"] }'
fi

for peer in TABARI PETRARCH2; do
	eval "cmd=\${PW_PEER_$peer:-}"
	if [ -z "$cmd" ]; then
		echo "peer $peer: skipped (set PW_PEER_$peer to a wrapper command; see docs/SCALE.md)"
		continue
	fi
	mkdir -p "$D/peer-$peer"
	measure "$peer" "$D/peer-$peer.out" sh -c "$cmd \"\$1\" \"\$2\"" peer "$CORPUS" "$D/peer-$peer"
	python3 - "$O/scale-j1.out.wall" "$D/peer-$peer.out.wall" "$peer" <<'EOF'
import sys
a, b = (float(open(p).read()) for p in sys.argv[1:3])
print(f"pactwatch -j 1 vs {sys.argv[3]}: {b / a:.1f}x faster (wall, same corpus)")
EOF
done
