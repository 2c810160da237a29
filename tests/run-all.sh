#!/bin/sh
# Run every test suite against one build directory and print a total.
# Usage: tests/run-all.sh BUILD_DIR [LABEL]
# Suites: unit tests (cmocka), data-file cases, and the scripted suites in
# tests/suites/*.sh (each prints "N passed, N failed" as its last line).
set -u
B=${1:?build dir}
LABEL=${2:-$B}
SRC=$(cd "$(dirname "$0")/.." && pwd)
pass=0; fail=0
add() { # add the last "N passed, N failed" of a log to the totals
	line=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then fail=$((fail + 1)); return; fi
	pass=$((pass + $(echo "$line" | awk '{print $1}')))
	fail=$((fail + $(echo "$line" | awk '{print $3}')))
}
log=$(mktemp)
# unit tests
up=0; uf=0
for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	if (cd "$SRC" && "$t") >"$log" 2>&1; then up=$((up + 1)); echo "ok   unit $(basename "$t")"
	else uf=$((uf + 1)); echo "FAIL unit $(basename "$t")"; tail -n 30 "$log"; fi
done
pass=$((pass + up)); fail=$((fail + uf))
# data-file cases
python3 "$SRC/tests/run_cases.py" "$B/pactwatch" >"$log" 2>&1
grep -v '^ok ' "$log"
add "$log"
# scripted suites
for s in "$SRC"/tests/suites/*.sh; do
	[ -f "$s" ] || continue
	PW_BIN="$B/pactwatch" PW_BUILD="$B" sh "$s" >"$log" 2>&1
	rc=$?
	grep -v '^ok ' "$log" | tail -n 40
	if grep -qE '[0-9]+ passed, [0-9]+ failed' "$log"; then add "$log"
	elif [ $rc -ne 0 ]; then fail=$((fail + 1)); fi
done
rm -f "$log"
echo "$LABEL: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
