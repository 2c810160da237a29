#!/bin/sh
# Fault injection on the CLI: every fault must end in a non-zero exit with a
# clear message on stderr, and the store must stay intact (integrity_check
# "ok" and an unchanged canonical dump).
#
#   output:  /dev/full (ENOSPC) for code/segment/actors/export, a file size
#            limit (EFBIG short writes) on code output
#   store:   read-only file, read-only directory (run as user nobody: root
#            ignores permissions), a lock held by another process (sqlite3
#            CLI in BEGIN EXCLUSIVE), ENOSPC-like failure mid-ingest (file
#            size limit), a garbage database file, a directory as database
#   memory:  allocation failure at every point of coding and storing is in
#            tests/unit/test_faults.c (the context's failing-malloc hook)
#   SIGKILL mid-write: tests/suites/store_crash.sh (not duplicated here)
#
# Usage: PW_BIN=build/pactwatch sh tests/suites/faults.sh
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
T=$(mktemp -d /tmp/pwfaults.XXXXXX)
LOCKPID=
trap '[ -n "$LOCKPID" ] && kill "$LOCKPID" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
chmod 755 "$T"
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/     | /' "$T/err" | head -n 8; }

# expect_fail NAME PATTERN CMD...: non-zero exit, not a signal, and stderr
# matching PATTERN (case-insensitive extended regex).
expect_fail() {
	name=$1 pat=$2; shift 2
	"$@" >/dev/null 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ]; then ko "$name: exit 0 (claimed success)"
	elif [ $rc -gt 128 ]; then ko "$name: killed by signal $((rc - 128))"
	elif grep -qiE "AddressSanitizer|runtime error|LeakSanitizer" "$T/err"; then ko "$name: sanitizer report"
	elif ! grep -qiE "$pat" "$T/err"; then ko "$name: exit $rc without a clear message (/$pat/)"
	else ok "$name (exit $rc)"; fi
}

dump() { "$BIN" export --what dump --db "$1" 2>/dev/null; }
# integrity_check needs the sqlite3 CLI (installed by scripts/install-deps.sh);
# without it the dump comparison still runs
if command -v sqlite3 >/dev/null 2>&1; then HAVE_SQLITE3=1; else HAVE_SQLITE3=0; echo "sqlite3 CLI missing: integrity and lock checks skipped"; fi
integrity() { if [ $HAVE_SQLITE3 = 1 ]; then sqlite3 "$1" 'PRAGMA integrity_check;' 2>&1; else echo ok; fi; }
# store_intact NAME DB REFERENCE_DUMP
store_intact() {
	if [ "$(integrity "$2")" != ok ]; then ko "$1: integrity_check: $(integrity "$2" | head -n 3)"
	elif ! dump "$2" | cmp -s - "$3"; then ko "$1: store content changed"
	else ok "$1: store intact"; fi
}

# ---- inputs
cat >"$T/docs.jsonl" <<'EOF'
{"id":"f1","date":"2024-03-05","text":"Russia signed a defence agreement with Mali on Tuesday."}
{"id":"f2","date":"2024-03-06","text":"France withdrew its troops from Niger."}
{"id":"f3","date":"2024-03-07","lang":"fr","text":"Le Burkina Faso et la Russie ont signé un accord militaire."}
EOF
python3 "$SRC/tests/suites/store_gen.py" 400 11 >"$T/ev1.jsonl"
python3 "$SRC/tests/suites/store_gen.py" 3000 12 | sed 's/"doc": "doc/"doc": "big/; s/"id": "doc/"id": "big/' >"$T/ev2.jsonl"
chmod 644 "$T"/*.jsonl

# ---- output faults
expect_fail "code stdout /dev/full (jsonl)" "write|space|EIO" sh -c "exec '$BIN' code '$T/docs.jsonl' >/dev/full"
expect_fail "code stdout /dev/full (tsv)" "write|space|EIO" sh -c "exec '$BIN' code --format tsv '$T/docs.jsonl' >/dev/full"
expect_fail "code stdout /dev/full (csv)" "write|space|EIO" sh -c "exec '$BIN' code --format csv '$T/docs.jsonl' >/dev/full"
expect_fail "segment stdout /dev/full" "write|space|EIO" sh -c "exec '$BIN' segment '$T/docs.jsonl' >/dev/full"
expect_fail "actors stdout /dev/full" "write|space|EIO" sh -c "exec '$BIN' actors '$T/docs.jsonl' >/dev/full"
# a short write on a regular file: the file size limit makes write() return
# EFBIG once 4 KiB are written (SIGXFSZ ignored so the write fails instead)
python3 -c 'for i in range(300): print("{\"id\":\"r%d\",\"date\":\"2024-03-05\",\"text\":\"Russia signed a defence agreement with Mali number %d.\"}" % (i, i))' >"$T/many.jsonl"
expect_fail "code to a file hitting the size limit (short write)" "write|large|EFBIG|EIO" \
	sh -c "trap '' XFSZ; ulimit -f 4; exec '$BIN' code '$T/many.jsonl' >'$T/out.jsonl'"

# A write error stops the run: exit 3 and one error line for the whole run,
# not one per document still to come (300 documents, each with an event).
# A closed pipe is EPIPE only where SIGPIPE is ignored (a parent that
# ignores it passes that on); with the default action the process ends by
# the signal, quietly, as `cat` does under `head`.
# expect_stop NAME STDOUT(full|closed) CMD...: run with SIGPIPE ignored
expect_stop() {
	name=$1; shift
	python3 - "$T/err" "$@" <<'PY'
import signal, subprocess, sys
err, out, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
with open(err, "wb") as e:
    if out == "full":
        with open("/dev/full", "wb") as o:
            rc = subprocess.call(cmd, stdout=o, stderr=e, restore_signals=False)
    else:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=e, restore_signals=False)
        p.stdout.close()
        rc = p.wait()
sys.exit(rc if rc >= 0 else 128 - rc)
PY
	rc=$?
	n=$(grep -v ': note: ' "$T/err" | grep -c .)
	if [ $rc -ne 3 ]; then ko "$name: exit $rc, not 3"
	elif [ "$n" -ne 1 ]; then ko "$name: $n error lines, not 1"
	elif grep -qiE "Sanitizer|runtime error" "$T/err"; then ko "$name: sanitizer report"
	elif ! grep -qE "No space left on device|Broken pipe" "$T/err"; then
		ko "$name: the message does not say why: $(head -c 200 "$T/err")"
	else ok "$name: exit 3, one message with its cause"; fi
}
for args in "" "-j2" "--line-buffered" "--format tsv" "--stage segment" "--stage actors"; do
	# shellcheck disable=SC2086 # the options are words
	expect_stop "code${args:+ $args} to /dev/full stops" full "$BIN" code $args "$T/many.jsonl"
	# shellcheck disable=SC2086
	expect_stop "code${args:+ $args} to a closed pipe (EPIPE) stops" closed "$BIN" code $args "$T/many.jsonl"
done
python3 -c 'import signal, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdout.close()
sys.exit(0 if p.wait() == -signal.SIGPIPE else 1)' "$BIN" code "$T/many.jsonl" &&
	ok "code to a closed pipe, SIGPIPE default: ends by the signal" ||
	ko "code to a closed pipe, SIGPIPE default: not ended by SIGPIPE"

# ---- a reference store
"$BIN" ingest --events --quiet --db "$T/ref.db" "$T/ev1.jsonl" 2>"$T/err" || ko "reference ingest"
dump "$T/ref.db" >"$T/ref.dump"
[ -s "$T/ref.dump" ] || ko "reference dump is empty"
expect_fail "export dump > /dev/full" "write|space|EIO" sh -c "exec '$BIN' export --what dump --db '$T/ref.db' >/dev/full"
expect_fail "export events > /dev/full" "write|space|EIO" sh -c "exec '$BIN' export --what events --db '$T/ref.db' >/dev/full"

# ---- read-only database file and directory (as nobody: root bypasses modes)
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
elif [ "$(id -u)" != 0 ]; then
	AS_NOBODY=""
else
	AS_NOBODY=none
fi
if [ "$AS_NOBODY" != none ]; then
	mkdir "$T/ro"; cp "$T/ref.db" "$T/ro/store.db"
	chmod 444 "$T/ro/store.db"; chmod 755 "$T/ro"
	expect_fail "ingest into a read-only database file" "read-only|readonly|permission|denied|open" \
		$AS_NOBODY "$BIN" ingest --db "$T/ro/store.db" "$T/docs.jsonl"
	store_intact "read-only file" "$T/ro/store.db" "$T/ref.dump"
	mkdir "$T/rodir"; chmod 555 "$T/rodir"
	expect_fail "ingest into a new database in a read-only directory" "read-only|readonly|permission|denied|open|unable" \
		$AS_NOBODY "$BIN" ingest --db "$T/rodir/new.db" "$T/docs.jsonl"
	if [ -e "$T/rodir/new.db" ]; then ko "read-only directory: a database file appeared"; else ok "read-only directory: nothing created"; fi
	# writable file in a read-only directory: SQLite cannot create its
	# journal/WAL next to it
	mkdir "$T/rodir2"; cp "$T/ref.db" "$T/rodir2/store.db"; chmod 666 "$T/rodir2/store.db"; chmod 555 "$T/rodir2"
	$AS_NOBODY "$BIN" ingest --db "$T/rodir2/store.db" "$T/docs.jsonl" >/dev/null 2>"$T/err"
	rc=$?
	if [ $rc -gt 128 ]; then ko "writable db in a read-only directory: signal"
	elif [ $rc -ne 0 ] && ! [ -s "$T/err" ]; then ko "writable db in a read-only directory: silent failure"
	else ok "writable db in a read-only directory: exit $rc with a message or success"; fi
	[ "$(integrity "$T/rodir2/store.db")" = ok ] && ok "writable db in a read-only directory: integrity" ||
		ko "writable db in a read-only directory: integrity"
else
	echo "skip read-only cases: running as root without setpriv"
fi

# ---- a database locked by another process
if [ $HAVE_SQLITE3 = 1 ]; then
cp "$T/ref.db" "$T/locked.db"
( echo "BEGIN EXCLUSIVE; INSERT INTO schema_version SELECT * FROM schema_version WHERE 0;"; sleep 16; echo "ROLLBACK;" ) |
	sqlite3 "$T/locked.db" >/dev/null 2>&1 &
LOCKPID=$!
sleep 1
start=$(date +%s)
expect_fail "ingest while another process holds an exclusive lock" "lock|busy" \
	"$BIN" ingest --quiet --db "$T/locked.db" "$T/docs.jsonl"
el=$(( $(date +%s) - start ))
[ $el -le 15 ] && ok "locked: gave up after ${el}s (bounded wait)" || ko "locked: waited ${el}s"
# readers are not blocked by a writer in WAL mode: export reads the last
# committed state, which must be exactly the reference
if dump "$T/locked.db" | cmp -s - "$T/ref.dump"; then ok "locked: export still reads the committed store"
else ko "locked: export during the lock differs"; fi
wait "$LOCKPID" 2>/dev/null; LOCKPID=
store_intact "locked" "$T/locked.db" "$T/ref.dump"
if "$BIN" ingest --quiet --db "$T/locked.db" "$T/docs.jsonl" 2>"$T/err" && dump "$T/locked.db" | grep -q '^D	f3	'; then
	ok "locked: the same ingest succeeds once the lock is gone"
else ko "locked: retry after the lock failed"; fi
fi

# ---- ENOSPC-like failure mid-ingest: file size limit (EFBIG) on the store
cp "$T/ref.db" "$T/full.db"
size_kb=$(( $(wc -c <"$T/full.db") / 1024 + 64 ))
expect_fail "ingest that runs out of space mid-way (file size limit)" "disk|full|space|large|I/O|write|store" \
	sh -c "trap '' XFSZ; ulimit -f $size_kb; exec '$BIN' ingest --events --quiet --batch 50 --db '$T/full.db' '$T/ev2.jsonl'"
if [ "$(integrity "$T/full.db")" = ok ]; then ok "out of space: integrity_check ok"; else ko "out of space: integrity $(integrity "$T/full.db" | head -n 2)"; fi
# the earlier documents are all still there, unchanged
dump "$T/full.db" | grep -v '	big' >"$T/full.dump"
grep -v '	big' "$T/ref.dump" | cmp -s - "$T/full.dump" && ok "out of space: earlier documents unchanged" ||
	ko "out of space: earlier documents changed"
# every stored document of the failed run is whole: as many events as in the input
python3 - "$T/ev2.jsonl" <<PY >"$T/err" 2>&1 && ok "out of space: no half-written document" || ko "out of space: half-written document"
import collections, json, subprocess, sys
want = collections.Counter(json.loads(l)["doc"] for l in open(sys.argv[1]))
out = subprocess.run(["$BIN", "export", "--what", "dump", "--db", "$T/full.db"], capture_output=True, text=True).stdout
got = collections.Counter(); docs = set()
for l in out.splitlines():
    f = l.split("\t")
    if f[0] == "D" and f[1].startswith("big"): docs.add(f[1])
    if f[0] == "E" and f[1].startswith("big"): got[f[1]] += 1
bad = [d for d in docs if got[d] != want[d]]
print(len(docs), "stored,", len(bad), "torn", bad[:5])
sys.exit(1 if bad else 0)
PY
if "$BIN" ingest --events --quiet --db "$T/full.db" "$T/ev2.jsonl" 2>"$T/err"; then
	"$BIN" ingest --events --quiet --db "$T/clean.db" "$T/ev1.jsonl" "$T/ev2.jsonl" 2>/dev/null
	if dump "$T/full.db" | cmp -s - "$(dump "$T/clean.db" >"$T/clean.dump"; echo "$T/clean.dump")"; then
		ok "out of space: a re-run without the limit completes the store"
	else ko "out of space: re-run store differs from a clean ingest"; fi
else ko "out of space: re-run failed"; fi

# ---- broken database files
head -c 20000 /dev/urandom >"$T/garbage.db"
expect_fail "ingest into a garbage file" "database|store|not a|corrupt|malformed" \
	"$BIN" ingest --quiet --db "$T/garbage.db" "$T/docs.jsonl"
expect_fail "export from a garbage file" "database|store|not a|corrupt|malformed" \
	"$BIN" export --what dump --db "$T/garbage.db"
mkdir "$T/isdir.db"
expect_fail "ingest into a directory" "database|store|directory|open|unable" \
	"$BIN" ingest --quiet --db "$T/isdir.db" "$T/docs.jsonl"
# truncated database: the first half of a real one
head -c $(( $(wc -c <"$T/ref.db") / 2 )) "$T/ref.db" >"$T/trunc.db"
"$BIN" export --what dump --db "$T/trunc.db" >/dev/null 2>"$T/err"
rc=$?
if [ $rc -gt 128 ] || grep -qiE "Sanitizer|runtime error" "$T/err"; then ko "truncated database: crash"
elif [ $rc -ne 0 ] && ! [ -s "$T/err" ]; then ko "truncated database: silent failure"
else ok "truncated database: exit $rc, no crash"; fi
# unwritable output path
expect_fail "export -o into a missing directory" "open|No such|write|cannot" "$BIN" export --what events --db "$T/ref.db" -o "$T/nope/out.jsonl"

echo "SIGKILL mid-write: see tests/suites/store_crash.sh"
echo "faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
