#!/bin/sh
# Build the libFuzzer harnesses (clang, ASan+UBSan) and run each for
# SECONDS (default 60) on its seed corpus. A crash fails the run and leaves
# the reproducer in tests/fuzz/crashes/<harness>/ — add it as a regression
# test (tests/fuzz/regressions/<harness>/ is replayed by every run).
# Harnesses: fuzz_jsonl, fuzz_html, fuzz_feed (RSS/Atom), fuzz_dict (ours and
# Phoenix's formats), fuzz_dates, fuzz_tokenize, fuzz_code (the whole coding
# path), fuzz_serve_path (the server's path and token checks).
# PW_FUZZ_FIGURES=FILE appends "harness executions seconds" per harness.
set -u
SECONDS_EACH=${1:-60}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B="$SRC/build-fuzz"
if ! command -v clang >/dev/null 2>&1; then
	echo "clang not installed: fuzzing skipped"
	echo "0 passed, 0 failed"
	exit 0
fi
# -Werror stays with the gcc builds (make all asan): a clang-only warning
# must not stop the fuzzers from running
CC=clang cmake -S "$SRC" -B "$B" -DCMAKE_BUILD_TYPE=Debug -DPW_SANITIZE=ON -DPW_FUZZ=ON -DPW_WERROR=OFF >/dev/null &&
	cmake --build "$B" -j "$(nproc)" >"$B.log" 2>&1 || { tail -n 30 "$B.log"; echo "0 passed, 1 failed"; exit 1; }
pass=0; fail=0
for h in "$B"/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h")
	seeds="$SRC/tests/fuzz/seeds/$name"
	regs="$SRC/tests/fuzz/regressions/$name"
	# the growing corpus lives in the build dir (not in the source tree);
	# tests/fuzz/seeds/ is the curated seed corpus kept in the repo
	work="$B/corpus/$name"
	crashes="$SRC/tests/fuzz/crashes/$name"
	mkdir -p "$work" "$crashes"
	# replay the regressions first: each once
	if [ -d "$regs" ] && [ -n "$(ls -A "$regs")" ] && ! "$h" "$regs"/* >"$work.log" 2>&1; then
		fail=$((fail + 1)); echo "FAIL $name regressions"; tail -n 30 "$work.log"; continue
	fi
	set -- "$work"
	[ -d "$seeds" ] && set -- "$work" "$seeds"
	if ASAN_OPTIONS=detect_leaks=1 "$h" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 \
		-timeout=10 -artifact_prefix="$crashes/" -print_final_stats=1 "$@" >"$work.log" 2>&1; then
		execs=$(grep -E 'stat::number_of_executed_units' "$work.log" | awk '{print $2}')
		[ -n "${PW_FUZZ_FIGURES:-}" ] && echo "$name ${execs:-0} $SECONDS_EACH" >>"$PW_FUZZ_FIGURES"
		echo "ok   $name: ${execs:-?} executions in ${SECONDS_EACH}s"
		rmdir "$crashes" 2>/dev/null # keep the tree clean when nothing crashed
		pass=$((pass + 1))
	else
		echo "FAIL $name"; grep -E 'ERROR|SUMMARY|runtime error' "$work.log" | head -n 10
		fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
