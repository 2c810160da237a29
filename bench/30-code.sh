#!/bin/sh
# End-to-end coding: documents (JSON lines) -> JSONL events, on a generated
# corpus (bench/gen_corpus, default 50 MB). Prints MB/s, docs/s, events/s and
# peak RSS for -j 1 and -j 2 (target >= 20 MB/s on one core, near-linear
# speed-up). Peak RSS comes from getrusage(RUSAGE_CHILDREN) in python3.
# The events are written to /dev/shm when it exists (see below).
set -u
B=${PW_BUILD:-build}
BIN=${PW_BIN:-$B/pactwatch}
D=${PW_BENCH_DIR:-/tmp}
MB=${PW_CODE_MB:-50}
corpus="$D/code-corpus-$MB.jsonl"
if [ ! -s "$corpus" ]; then
	"$B/gen_corpus" --mb "$MB" --format jsonl > "$corpus" || { echo "gen_corpus failed"; exit 1; }
fi
OUT=$D
if [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT=/dev/shm; fi
for j in 1 2; do
	python3 - "$BIN" "$corpus" "$j" "$OUT" <<'PY'
import resource, subprocess, sys, time, os
bin_, corpus, j, outdir = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
size = os.path.getsize(corpus)
docs = sum(1 for _ in open(corpus, 'rb'))
t0 = time.monotonic()
# events go to a file in memory (tmpfs when there is one) and are counted
# afterwards: a reader on the pipe would compete with the workers for the
# cores, and a disk file would measure the disk
out = os.path.join(outdir, "code-j%s.out" % j)
with open(out, "wb") as f:
    rc = subprocess.call([bin_, "code", "-j", j, corpus], stdout=f, stderr=subprocess.DEVNULL)
dt = time.monotonic() - t0
with open(out, "rb") as f:
    events = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
os.unlink(out)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("code -j %s: %.1f MB in %.2f s = %.1f MB/s, %.0f docs/s, %.0f events/s, peak RSS %.1f MB (exit %d)"
      % (j, size / 1e6, dt, size / 1e6 / dt, docs / dt, events / dt, rss / 1024.0, rc))
PY
done
