#!/bin/sh
# Live monitoring (`pactwatch watch`) against loopback servers started here
# (tests/watch/feedserver.py): feeds that change between polls, answer 304,
# time out, return 500, malformed XML and a redirect; a webhook receiver
# that fails its first attempts. Checks: items ingested exactly once (also
# across restarts), one alert per change, every alert delivered exactly
# once, filters, and a clean stop on SIGTERM. Prints "N passed, N failed".
set -u
BIN=${PW_BIN:?}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1 (got '$2', want '$3')"; fi; }
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT INT TERM
serve() { # ROLE [ARGS]: start a server, wait for its port file
	python3 "$SRC/tests/watch/feedserver.py" "$@" > /dev/null 2>&1 &
	PIDS="$PIDS $!"
	i=0; while [ ! -f "$T/$1.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
echo 1 > "$T/phase"
serve feeds "$T"; P=$(cat "$T/feeds.port")
serve hook "$T" 3; H=$(cat "$T/hook.port")
cat > "$T/feeds.txt" <<FEEDS
# test feeds: URL [format]
http://127.0.0.1:$P/a.rss
http://127.0.0.1:$P/moved atom   # a redirect to /b.atom
http://127.0.0.1:$P/c.jsonl jsonl
http://127.0.0.1:$P/flaky.rss
http://127.0.0.1:$P/bad.rss rss
http://127.0.0.1:$P/slow.rss
FEEDS
FAST="--timeout 1s --retries 1 --backoff 0.1s --host-interval 0.01s"
w() { "$BIN" watch --feeds "$T/feeds.txt" $FAST "$@"; }
q() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
alerts() { # FILE: "A-B:from>to" sorted, one per line
	python3 -c "
import json, sys
for l in open(sys.argv[1]):
    a = json.loads(l); print('%s-%s:%s>%s' % (a['pair'][0], a['pair'][1], a['from'], a['to']))" "$1" | sort | tr '\n' ' '
}

# -- usage and feed-list errors
printf 'http://127.0.0.1:1/x.rss\nftp://example.org/feed\n' > "$T/badfeeds.txt"
"$BIN" watch --once --feeds "$T/badfeeds.txt" --db "$T/x.db" 2> "$T/err"; rc=$?
check "bad feeds file: exit 2" "$rc" 2
if grep -q "badfeeds.txt:2" "$T/err"; then ok "bad feeds file: names file:line"; else ko "bad feeds file: $(cat "$T/err")"; fi
"$BIN" watch --once --feeds "$T/feeds.txt" --every soon 2>/dev/null; check "bad --every: exit 2" "$?" 2

# -- round 1 (phase 1): a.rss, redirect to b.atom, jsonl; 500, malformed, timeout
DB="$T/w.db"
w --once --db "$DB" --alerts "$T/alerts.jsonl" --webhook "http://127.0.0.1:$H/hook" 2> "$T/log1"; rc=$?
check "round 1: exit 0 despite failing feeds" "$rc" 0
check "round 1: alerts" "$(alerts "$T/alerts.jsonl")" "FRA-MLI:none>ended FRA-TCD:none>ended NER-RUS:none>agreed "
for pat in "flaky.rss: HTTP 500" "bad.rss: malformed XML" "slow.rss: .*timed out" "moved: HTTP 200.*redirected"; do
	if grep -q "$pat" "$T/log1"; then ok "round 1: log '$pat'"; else ko "round 1: no log '$pat'"; fi
done
check "round 1: items remembered" "$(q "$DB" "SELECT group_concat(id, ' ') FROM (SELECT id FROM watch_items ORDER BY id)")" \
	"monitor-c1 urn:test:desk:b1 urn:test:desk:b2 wire-a1 wire-a2"
check "round 1: documents stored" "$(q "$DB" "SELECT COUNT(*) FROM documents")" 5
check "round 1: failed feeds counted" "$(q "$DB" "SELECT COUNT(*) FROM watch_feeds WHERE failures = 1")" 3
ua=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['ua'])" "$T/requests.jsonl")
case "$ua" in pactwatch/*"(+http"*) ok "User-Agent '$ua'";; *) ko "User-Agent '$ua'";; esac
# the evidence of the NER-RUS alert carries its sentence and URL
ev=$(python3 -c "
import json, sys
for l in open(sys.argv[1]):
    a = json.loads(l)
    if a['pair'] == ['NER', 'RUS']:
        e = a['evidence'][0]; print(e['url'], '|', e['text'])" "$T/alerts.jsonl")
check "alert evidence: URL and sentence" "$ev" \
	"http://example.org/wire-a1 | Niger and Russia signed a military cooperation agreement in Niamey on Wednesday."

# -- round 2 (phase 2, a new process: a restart): a.rss grows, flaky and bad recover
echo 2 > "$T/phase"
w --once --db "$DB" --alerts "$T/alerts.jsonl" --webhook "http://127.0.0.1:$H/hook" 2> "$T/log2"
check "round 2: all alerts" "$(alerts "$T/alerts.jsonl")" \
	"BFA-TUR:none>active DEU-TCD:none>agreed FRA-MLI:none>ended FRA-TCD:none>ended NER-RUS:agreed>active NER-RUS:none>agreed "
check "round 2: documents stored once" "$(q "$DB" "SELECT COUNT(*) FROM documents")" 8
check "round 2: items" "$(q "$DB" "SELECT COUNT(*) FROM watch_items")" 8
n304=$(grep -c '"path": "/b.atom", "status": 304, "phase": 2' "$T/requests.jsonl")
check "round 2: b.atom answered 304 to the conditional GET" "$n304" 1
if grep -q "slow.rss.*failure 2 in a row" "$T/log2"; then ok "round 2: the slow feed keeps failing, loop goes on"; else ko "round 2: slow feed log"; fi

# -- round 3 (phase 3 = same content): nothing new
echo 3 > "$T/phase"
w --once --db "$DB" --alerts "$T/alerts.jsonl" --webhook "http://127.0.0.1:$H/hook" 2> "$T/log3"
check "round 3: no new alert" "$(wc -l < "$T/alerts.jsonl" | tr -d ' ')" 6
check "round 3: no new document" "$(q "$DB" "SELECT COUNT(*) FROM documents")" 8
check "round 3: 304s" "$(grep -c '"status": 304, "phase": 3' "$T/requests.jsonl")" 4
if grep -q "round: 6 feeds (1 ok, 4 not modified, 1 failed), 1 items (0 new" "$T/log3"; then ok "round 3: summary"; else ko "round 3: $(tail -1 "$T/log3")"; fi
check "alert ids unique" "$(python3 -c "
import json, sys
ids = [json.loads(l)['alert'] for l in open(sys.argv[1])]; print(len(ids) == len(set(ids)))" "$T/alerts.jsonl")" True

# -- webhook: failed the first 3 POSTs, still got every alert exactly once
got=$(python3 -c "
import json, sys, collections
sent = sorted(json.loads(l)['alert'] for l in open(sys.argv[1]))
recv = collections.Counter(json.loads(l)['alert'] for l in open(sys.argv[2]))
print(sorted(recv) == sent and set(recv.values()) == {1}, len(sent))" "$T/alerts.jsonl" "$T/received.jsonl")
check "webhook: every alert received exactly once despite 3 failures" "$got" "True 6"
check "outbox: all delivered" "$(q "$DB" "SELECT COUNT(*) FROM watch_outbox WHERE delivered IS NULL")" 0
check "outbox: retried rows" "$(q "$DB" "SELECT COUNT(*) FROM watch_outbox WHERE attempts > 1")" 3

# -- webhook down for a whole run: the outbox keeps the alerts for the next run
mkdir "$T/h2"
H2=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
w --once --db "$T/w2.db" --alerts "$T/alerts2.jsonl" --webhook "http://127.0.0.1:$H2/hook" --retries 0 2> "$T/log4"
check "webhook down: alerts pending" "$(q "$T/w2.db" "SELECT COUNT(*) FROM watch_outbox WHERE delivered IS NULL")" 6
python3 "$SRC/tests/watch/feedserver.py" hook "$T/h2" 0 "$H2" > /dev/null 2>&1 & PIDS="$PIDS $!"
i=0; while [ ! -f "$T/h2/hook.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1.2 # the rows' next try (back-off 1 s) must have come
w --once --db "$T/w2.db" --alerts "$T/alerts2.jsonl" --retries 0 --backoff 1s 2> "$T/log5"
check "webhook back: outbox drained by the next run" "$(q "$T/w2.db" "SELECT COUNT(*) FROM watch_outbox WHERE delivered IS NULL")" 0
check "webhook back: received 6 once each" "$(sort "$T/h2/received.jsonl" | python3 -c "
import json, sys; ids = [json.loads(l)['alert'] for l in sys.stdin]; print(len(ids), len(set(ids)))")" "6 6"
check "webhook back: no alert repeated" "$(wc -l < "$T/alerts2.jsonl" | tr -d ' ')" 6

# -- filters
w --once --db "$T/w3.db" --alerts "$T/alerts3.jsonl" --min-sources 2 2>/dev/null
check "--min-sources 2: only the corroborated change" "$(alerts "$T/alerts3.jsonl")" "NER-RUS:none>agreed "
check "--min-sources 2: two sources, both URLs" "$(python3 -c "
import json, sys
a = json.loads(open(sys.argv[1]).readline())
print(a['sources'], ' '.join(sorted(set(e['url'] for e in a['evidence']))))" "$T/alerts3.jsonl")" \
	"2 http://example.org/desk/b1 http://example.org/wire-a1"
w --once --db "$T/w4.db" --alerts - --country TCD --domain military 2>/dev/null > "$T/alerts4.jsonl"
check "--country TCD (stdout)" "$(alerts "$T/alerts4.jsonl")" "DEU-TCD:none>agreed FRA-TCD:none>ended "

# -- loop mode: runs rounds until SIGTERM, then exits cleanly
# (the binary itself in the background, not the shell function, so the
# signal reaches pactwatch)
"$BIN" watch --feeds "$T/feeds.txt" $FAST --db "$T/w5.db" --alerts "$T/alerts5.jsonl" --every 1s \
	--retries 0 2> "$T/log6" &
WP=$!
i=0; while [ "$(cat "$T/alerts5.jsonl" 2>/dev/null | wc -l)" -lt 6 ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
i=0; while [ "$(grep -c "round:" "$T/log6")" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $WP; wait $WP; rc=$?
check "loop: exit 0 after SIGTERM" "$rc" 0
if grep -q "stopped by signal" "$T/log6"; then ok "loop: stopped cleanly"; else ko "loop: $(tail -2 "$T/log6")"; fi
check "loop: alerts once across rounds" "$(wc -l < "$T/alerts5.jsonl" | tr -d ' ')" 6
rounds=$(grep -c "round:" "$T/log6")
if [ "$rounds" -ge 2 ]; then ok "loop: $rounds rounds"; else ko "loop: $rounds rounds"; fi

# -- brief over the bundled sample corpus: content, then rendered by Chromium
"$BIN" ingest --quiet --db "$T/s.db" "$SRC/sample/corpus" 2>/dev/null
"$BIN" brief --db "$T/s.db" --since 2025-01-01 --until 2025-12-31 --format md > "$T/brief.md" 2> "$T/brief.err"
check "brief md: exit 0" "$?" 0
while IFS= read -r want; do
	if grep -qF -- "$want" "$T/brief.md"; then ok "brief md: '$want'"; else ko "brief md: no '$want'"; fi
done <<'WANT'
# Security partnerships: brief, 2025-01-01 to 2025-12-31
- **Mali – Russia** (military): active → **ended**, 2025-06-06 — 2 sources
  > The Russian private military company Wagner Group said on Friday that it was ending its mission in Mali
  - [Russia's Mali mission changes name, not course](https://example.org/continental-desk/2025/06/russia-s-mali-mission-changes-name-not-course) (Continental Desk, 2025-06-06; doc `pw-2025-0035`)
- **Ivory Coast – France** (military): discussed → **ended**, 2025-02-20
** (military): active → **ended**, 2025-09-30
## Withdrawals and suspensions (
WANT
"$BIN" brief --db "$T/s.db" --since 7d --today 2025-06-10 --format md > "$T/brief7.md"
if grep -q "brief, 2025-06-03 to 2025-06-10" "$T/brief7.md" && grep -q "Mali – Russia" "$T/brief7.md" &&
	! grep -q "Ivory Coast" "$T/brief7.md"; then ok "brief --since 7d: the week only"; else ko "brief --since 7d"; fi
"$BIN" brief --db "$T/s.db" --since 2025-01-01 --until 2025-12-31 --country SEN > "$T/brief_sen.md"
if grep -q "Senegal" "$T/brief_sen.md" && ! grep -q "Mali – Russia" "$T/brief_sen.md"; then ok "brief --country SEN"; else ko "brief --country SEN"; fi
"$BIN" brief --db "$T/s.db" --since 2025-01-01 --until 2025-12-31 --format html -o "$T/brief.html"
if grep -q "<svg class=\"map\"" "$T/brief.html" && grep -q "<style>" "$T/brief.html" &&
	! grep -qE '<(link|script)[^>]*(href|src)=' "$T/brief.html"; then ok "brief html: self-contained, inline SVG map"
else ko "brief html: not self-contained"; fi
mkdir -p "$SRC/tests/artifacts"
cp "$T/brief.html" "$SRC/tests/artifacts/brief.html"
rm -f "$SRC/tests/artifacts/brief.png"
if [ -x /usr/bin/chromium ]; then
	timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--window-size=1000,1400 --screenshot="$SRC/tests/artifacts/brief.png" \
		"file://$SRC/tests/artifacts/brief.html" > /dev/null 2>&1
	if [ -s "$SRC/tests/artifacts/brief.png" ]; then ok "brief html: rendered to tests/artifacts/brief.png"
	else ko "brief html: chromium screenshot failed"; fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
