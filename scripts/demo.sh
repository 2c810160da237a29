#!/bin/sh
# The README's main job (`make demo`): ingest the bundled sample corpus
# (sample/corpus: JSON lines by year, HTML articles, RSS/Atom feeds) into the
# embedded store, then print the partnership summary of the Sahel states
# (Mali, Burkina Faso, Niger, Chad) as of the latest date in the store and the
# partnership changes of its last twelve months.
#   PW_BIN       the pactwatch binary (default build/pactwatch)
#   PW_DEMO_DB   the store (default build/demo.db; a postgresql:// URI works too)
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
DB=${PW_DEMO_DB:-$SRC/build/demo.db}
CORPUS=${PW_DEMO_CORPUS:-$SRC/sample/corpus}
if [ ! -d "$CORPUS" ]; then
	echo "demo: no sample corpus at $CORPUS" >&2
	exit 3
fi
echo "== ingest $CORPUS into $DB"
# exit 1 means some input was rejected (reported above); the rest is stored
"$BIN" ingest --db "$DB" "$CORPUS" || [ $? -eq 1 ]
last=$("$BIN" dyads --by day --csv --db "$DB" | tail -n +2 | cut -d, -f1 | sort | tail -n 1)
if [ -z "$last" ]; then
	echo "demo: the store holds no dated events" >&2
	exit 3
fi
since=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d.replace(year=d.year-1))" "$last" 2>/dev/null || echo "${last%%-*}-01-01")
for cc in MLI BFA NER TCD; do
	echo
	"$BIN" partners "$cc" --as-of "$last" --db "$DB"
done
echo
echo "== changes since $since"
"$BIN" changes --since "$since" --db "$DB"

# Last, the dashboard over the same store (issue 6): Ctrl-C stops it.
#   PW_DEMO_SERVE=0   do not start it     PW_DEMO_PORT   port (default 8080)
if [ "${PW_DEMO_SERVE:-1}" != 0 ]; then
	if [ ! -f "$SRC/web/dist/index.html" ]; then
		echo "demo: the dashboard is not built (scripts/build-web.sh); serving the API only" >&2
	fi
	echo
	echo "== dashboard (Ctrl-C to stop)"
	exec "$BIN" serve --db "$DB" --port "${PW_DEMO_PORT:-8080}"
fi
