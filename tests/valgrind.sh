#!/bin/sh
# The unit and data-file suites under valgrind memcheck (release build).
# Any invalid read/write or definite leak fails the run (error exit 99).
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
B=${PW_VALGRIND_BUILD:-$SRC/build}
# unit tests that loop over fault points sample fewer of them under memcheck
export PW_FAULTS_QUICK=1
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind not installed: skipped"
	echo "0 passed, 0 failed"
	exit 0
fi
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/pactwatch" <<EOW
#!/bin/sh
exec $VG "$B/pactwatch" "\$@"
EOW
chmod +x "$tmp/pactwatch"
pass=0; fail=0
for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	if (cd "$SRC" && $VG "$t") >"$tmp/log" 2>&1; then pass=$((pass + 1))
	else fail=$((fail + 1)); echo "FAIL valgrind unit $(basename "$t")"; tail -n 40 "$tmp/log"; fi
done
# Data-file cases through the valgrind wrapper; cases that exercise huge
# inputs are marked with "--- valgrind skip" and are not run here.
cases=$(grep -L -- '^--- valgrind skip' $(find "$SRC/tests/cases" -name '*.case' | sort) 2>/dev/null)
if [ -n "$cases" ]; then
	# one case per job, PW_VALGRIND_JOBS in parallel (default: all cores):
	# memcheck is ~30x slower, and the cases are independent
	mkdir -p "$tmp/logs"
	echo "$cases" | awk '{printf "%s\t%05d\n", $0, NR}' |
		xargs -P "${PW_VALGRIND_JOBS:-$(nproc)}" -L 1 sh -c \
			'python3 "$0/tests/run_cases.py" "$1/pactwatch" "$2" >"$1/logs/$3.log" 2>&1' "$SRC" "$tmp"
	cat "$tmp"/logs/*.log | grep -vE '^(ok |cases: )' | tail -n 60
	cp=$(cat "$tmp"/logs/*.log | grep -c '^ok ')
	cf=$(cat "$tmp"/logs/*.log | grep -c '^FAIL ')
	echo "valgrind cases: $cp passed, $cf failed"
	pass=$((pass + cp)); fail=$((fail + cf))
fi
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
