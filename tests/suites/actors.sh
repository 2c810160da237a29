#!/bin/sh
# Phoenix dictionary counts: the phrase lines of the Phoenix files, counted
# here independently with awk, must equal what `pactwatch dict stats`
# reports as loaded phrases plus documented rejects; and the load must keep
# the documented rejects few. Prints "N passed, N failed" last.
set -u
BIN=${PW_BIN:?}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
stats=$("$BIN" dict stats --json) || { echo "dict stats failed"; echo "0 passed, 1 failed"; exit 1; }
for f in Phoenix.Countries.actors.txt Phoenix.International.actors.txt Phoenix.MilNonState.actors.txt; do
	# phrase lines: primary phrases and +synonyms (not comments, blank or indented code lines)
	n=$(awk '{ sub(/#.*/, ""); sub(/[ \t\r]+$/, "") } /^[^ \t]/ { n++ } END { print n + 0 }' "$SRC/data/phoenix/$f")
	got=$(echo "$stats" | python3 -c "
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    if d['file'].endswith('/$f'):
        print(d['lines'], d['phrases'], d['rejects'], d['rej_nocode'] + d['rej_empty'])")
	set -- $got
	if [ "$#" -eq 4 ] && [ "$n" -eq "$1" ] && [ "$n" -eq $(($2 + $3)) ] && [ "$3" -eq "$4" ]; then
		ok "$f: $n phrase lines = $2 loaded + $3 documented rejects"
	else
		ko "$f: counted $n phrase lines, stats say: $got"
	fi
	# rejects stay a small documented minority
	if [ "$#" -eq 4 ] && [ "$3" -lt $(($n / 100 + 1)) ]; then ok "$f: rejects under 1%"; else ko "$f: too many rejects ($got)"; fi
done
# agents: one entry per phrase line (not comments, not !CLASS! definitions)
f=Phoenix.agents.txt
n=$(awk '{ sub(/#.*/, ""); gsub(/^[ \t]+|[ \t\r]+$/, "") } /^[^!]/ && length($0) > 0 { n++ } END { print n + 0 }' "$SRC/data/phoenix/$f")
got=$(echo "$stats" | python3 -c "
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    if d['file'].endswith('/$f'):
        print(d['lines'], d['phrases'], d['rejects'])")
set -- $got
if [ "$#" -eq 3 ] && [ "$n" -eq "$1" ] && [ "$n" -eq $(($2 + $3)) ]; then ok "$f: $n lines = $2 + $3 rejects"; else ko "$f: counted $n, stats: $got"; fi
# the shipped Phoenix files are the shared ones, unchanged
for f in Phoenix.Countries.actors.txt Phoenix.International.actors.txt Phoenix.MilNonState.actors.txt Phoenix.agents.txt; do
	if [ ! -f "/work/shared/data/phoenix-dictionaries/$f" ] || cmp -s "$SRC/data/phoenix/$f" "/work/shared/data/phoenix-dictionaries/$f"; then
		ok "$f unchanged"; else ko "$f differs from the source"; fi
done
# total phrases: tens of thousands
total=$(echo "$stats" | python3 -c "import json,sys; print(sum(json.loads(l)['phrases'] for l in sys.stdin))")
if [ "$total" -gt 30000 ]; then ok "total phrases $total"; else ko "total phrases $total"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
