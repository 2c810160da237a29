#!/bin/sh
# HTTP load test: `pactwatch serve` on a 100,000-document store (the store
# benchmark's, reused from $PW_BENCH_DIR when present, else generated), then
# wrk on loopback for a bounded time (-t2 -c16 -d10s) on /api/partners and
# /api/timeline: requests/s, p50/p99 latency, errors (non-2xx and socket
# errors), and the server's peak RSS (VmHWM).
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
DIR=${PW_BENCH_DIR:-$(mktemp -d /tmp/pwbench.XXXXXX)}
N=${PW_BENCH_STORE_DOCS:-100000}
DUR=${PW_BENCH_WRK_SECONDS:-10}
mkdir -p "$DIR"
command -v wrk >/dev/null 2>&1 || { echo "serve bench: wrk not installed (apt-get install wrk), skipped"; exit 0; }

DB="$DIR/store-bench.db"
if [ ! -s "$DB" ]; then
	DB="$DIR/serve-bench.db"
	if [ ! -s "$DB" ]; then
		EV="$DIR/store-events-$N.jsonl"
		[ -s "$EV" ] || python3 "$SRC/tests/suites/store_gen.py" "$N" 3 >"$EV" || { echo "serve bench: generator failed"; exit 1; }
		"$BIN" ingest --events --quiet --batch 1000 --db "$DB" "$EV" || { echo "serve bench: ingest failed"; exit 1; }
	fi
fi
DOCS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$DB")

OUT=$(mktemp)
"$BIN" serve --db "$DB" --port 0 --threads 4 --web "$SRC/web/dist" >"$OUT" 2>/dev/null &
PID=$!
i=0
while ! grep -q 'http://' "$OUT"; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 $PID 2>/dev/null; then echo "serve bench: server did not start"; exit 1; fi
	sleep 0.1
done
URL=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$OUT" | head -n 1)
rm -f "$OUT"

load() { # $1 label, $2 path
	code=$(python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).status)" "$URL$2" 2>/dev/null)
	[ "$code" = 200 ] || { echo "$1: GET $2 answered ${code:-nothing}, skipped"; return; }
	wrk -t2 -c16 -d"${DUR}s" --timeout 15s --latency "$URL$2" 2>&1 | awk -v label="$1" -v docs="$DOCS" '
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		/Requests\/sec/ { rps = $2 }
		/Non-2xx or 3xx responses/ { non2xx = $5 }
		/Socket errors/ { serr = $0; sub(/.*Socket errors: /, "", serr) }
		END { printf "%s on %s documents: %s req/s, p50 %s, p99 %s, errors: %s non-2xx, socket %s\n",
			label, docs, rps, p50, p99, non2xx ? non2xx : 0, serr ? serr : "none" }'
}
load "serve partners (NER, as of 2023-06-01)" "/api/partners?country=NER&as_of=2023-06-01"
load "serve partners (RUS, latest)" "/api/partners?country=RUS"
load "serve timeline (RUS-MLI)" "/api/timeline?a=RUS&b=MLI"
load "serve health (HTTP layer only)" "/api/health"
RSS=$(awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' /proc/$PID/status 2>/dev/null)
echo "serve peak RSS (4 worker connections): ${RSS:-unknown}"
kill $PID
wait $PID 2>/dev/null
