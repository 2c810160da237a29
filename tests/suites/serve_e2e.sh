#!/bin/sh
# The dashboard in headless Chromium (playwright-core, tests/e2e): starts
# `pactwatch serve` on a store of known partnerships
# (tests/e2e/fixtures/events.jsonl) and, when the bundled sample corpus
# exists (sample/corpus), on a store ingested from it too. Screenshots go to
# tests/artifacts/. Prints a clear skip if chromium or node is absent.
# Last line: "N passed, N failed".
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
case "$BIN" in /*) ;; *) BIN="$SRC/$BIN" ;; esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
ART=${PW_E2E_ARTIFACTS:-$SRC/tests/artifacts}

if [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1; then
	echo "skip: serve_e2e needs $CHROMIUM and node (apt-get install chromium nodejs)"
	echo "0 passed, 0 failed"
	exit 0
fi
if [ ! -f "$SRC/web/dist/index.html" ] || [ ! -d "$SRC/tests/e2e/node_modules/playwright-core" ]; then
	"$SRC/scripts/build-web.sh" >/dev/null 2>&1 || {
		echo "FAIL the dashboard or the e2e driver could not be built (scripts/build-web.sh)"
		echo "0 passed, 1 failed"
		exit 1
	}
fi

TMP=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
pass=0; fail=0

start_server() { # $1 store
	"$BIN" serve --db "$1" --port 0 --web "$SRC/web/dist" >"$TMP/serve.out" 2>"$TMP/serve.err" &
	PID=$!
	i=0
	while ! grep -q 'http://' "$TMP/serve.out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $PID 2>/dev/null; then
			cat "$TMP/serve.err"
			return 1
		fi
		sleep 0.1
	done
	URL=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*/\).*|\1|p' "$TMP/serve.out" | head -n 1)
}

stop_server() {
	kill "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	PID=
	if grep -qiE 'AddressSanitizer|runtime error' "$TMP/serve.err"; then
		cat "$TMP/serve.err"
		echo "FAIL sanitizer report from the server"
		fail=$((fail + 1))
	fi
}

run() { # $1 mode, rest: env
	mode=$1
	shift
	(cd "$SRC/tests/e2e" && env PW_E2E_URL="$URL" PW_E2E_MODE="$mode" PW_E2E_ARTIFACTS="$ART" \
		CHROMIUM="$CHROMIUM" "$@" timeout 180 node dashboard.test.mjs) >"$TMP/e2e.log" 2>&1
	sed "s/^/[$mode] /" "$TMP/e2e.log" | grep -v '\] ok ' | grep -v 'passed, .* failed'
	line=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$TMP/e2e.log" | tail -n 1)
	if [ -z "$line" ]; then fail=$((fail + 1)); tail -n 20 "$TMP/e2e.log"; return; fi
	pass=$((pass + $(echo "$line" | awk '{print $1}')))
	fail=$((fail + $(echo "$line" | awk '{print $3}')))
}

# 1. fixture store: exact expectations
if "$BIN" ingest --events --quiet --db "$TMP/fixture.db" "$SRC/tests/e2e/fixtures/events.jsonl" >"$TMP/ingest.log" 2>&1 &&
	start_server "$TMP/fixture.db"; then
	run fixture
	stop_server
else
	cat "$TMP/ingest.log"
	echo "FAIL fixture store or server"
	fail=$((fail + 1))
fi

# 2. the bundled sample corpus, coded by the real pipeline: structural
#    checks (RUS-MLI expected; absent before its first evidence, the 2019
#    military cooperation agreement that the 2021 reports recall).
if [ -d "$SRC/sample/corpus" ]; then
	if "$BIN" ingest --quiet --db "$TMP/sample.db" "$SRC/sample/corpus" >"$TMP/ingest.log" 2>&1 ||
		[ -s "$TMP/sample.db" ]; then
		start_server "$TMP/sample.db" && {
			run corpus PW_E2E_PAIR="${PW_E2E_SAMPLE_PAIR:-MLI-RUS}" PW_E2E_ABSENT="${PW_E2E_SAMPLE_ABSENT:-2018-06-01}"
			stop_server
		}
	else
		cat "$TMP/ingest.log"
		echo "FAIL ingest of sample/corpus"
		fail=$((fail + 1))
	fi
else
	echo "note: sample/corpus absent, only the fixture store was tested"
fi
echo "screenshots: $ART/dashboard-*.png"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
