#!/bin/sh
# `make eval`: code every ../shared/eval/*.jsonl (gold files are valid
# `pactwatch code` input) and score it with ../shared/eval/score.py.
# Prints each file's summary and its final metrics line.
# Usage: scripts/eval.sh [PACTWATCH_BINARY]
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-${PW_BIN:-$SRC/build/pactwatch}}
EVAL=$(dirname "$SRC")/shared/eval
if [ ! -d "$EVAL" ] || [ ! -f "$EVAL/score.py" ]; then
	echo "eval: $EVAL not found, skipping"
	exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for g in "$EVAL"/*.jsonl; do
	[ -f "$g" ] || continue
	name=$(basename "$g" .jsonl)
	"$BIN" code "$g" >"$out/$name.events.jsonl" 2>"$out/$name.err"
	rc=$?
	if [ $rc -gt 1 ]; then
		echo "== $name: pactwatch code failed (exit $rc)"; tail -n 5 "$out/$name.err"; status=1; continue
	fi
	echo "== $name"
	python3 "$EVAL/score.py" "$g" "$out/$name.events.jsonl" | grep -E '^(events|security|modality|traps|sec\[|security_f1)'
done
exit $status
