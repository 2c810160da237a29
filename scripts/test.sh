#!/bin/sh
# The README's test command (via `make test`): every suite on the release
# build and on the ASan+UBSan build. Last line: "N passed, N failed".
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
cd "$SRC"
out=$(mktemp)
total_p=0; total_f=0
for b in build build-asan; do
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/run-all.sh "$b" "$b" | tee "$out"
	line=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	p=$(echo "$line" | awk '{print $1}'); f=$(echo "$line" | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	total_p=$((total_p + p)); total_f=$((total_f + f))
done
rm -f "$out"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
