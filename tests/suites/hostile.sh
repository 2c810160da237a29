#!/bin/sh
# Hostile input too big or too multi-step for a .case file (the small ones
# are tests/cases/hostile/*.case). Each must end in the expected clear error
# or result, in bounded time and memory, with no lost data: the good
# documents of the run are all there.
#
#   1 GB single JSON line (streamed through a pipe, never on disk)
#   gzip bomb: 1 MB .jsonl.gz inflating to 1 GB of one line
#   10^6 tiny documents (exactly the expected events come out)
#   a directory of random junk files with every extension, plus good files
#   SQL-injection / path-traversal ids through the store (ingest, dump, queries)
#   invalid UTF-8 in every field: output must be valid UTF-8 (JSON) and the
#   store must accept it
#
# On an ASan build ($PW_BUILD ends in -asan or the binary links ASan) the
# sizes are scaled down 10x (1 GB -> 100 MB, 10^6 -> 10^5 docs) to keep CI
# under its time budget; the release build runs the full sizes.
#
# Known bugs are reported as "XFAIL" lines and counted apart (not failures)
# until fixed; PW_HOSTILE_STRICT=1 makes them failures.
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
BUILD=${PW_BUILD:-$(dirname "$BIN")}
T=$(mktemp -d /tmp/pwhostile.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0; fail=0; xfail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$T/err" ] && tail -n 5 "$T/err" | sed 's/^/     | /'; }
known() { # known bug: XFAIL unless strict
	if [ "${PW_HOSTILE_STRICT:-0}" = 1 ]; then ko "$1"; else xfail=$((xfail + 1)); echo "XFAIL $1"; fi
}
scale=1
case "$BUILD" in *asan*) scale=10 ;; esac
nm "$BIN" 2>/dev/null | grep -q __asan_init && scale=10

# run_measured OUT ERR CMD...: run with stdout/stderr to files; prints
# "rc seconds peak_rss_mb" (peak RSS of the child from getrusage).
run_measured() {
	python3 - "$@" <<'PY'
import resource, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
t = time.time()
with open(out, "wb") as o, open(err, "wb") as e:
    rc = subprocess.call(cmd, stdout=o, stderr=e)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(rc, round(time.time() - t, 1), ru.ru_maxrss // 1024)
PY
}

good='{"id":"good","date":"2024-01-02","text":"France withdrew its troops from Niger."}'

# ---- 1 GB single line, streamed through a pipe
mb=$((1024 / scale))
echo "$good" >"$T/good.jsonl"
cat >"$T/gen.py" <<'EOF'
import sys
w = sys.stdout.buffer
w.write(b'{"id":"huge","date":"2024-01-01","text":"')
chunk = b"Russia signed a defence agreement with Mali " * 23831
for _ in range(int(sys.argv[1])):
    w.write(chunk)
w.write(b'"}\n')
w.write(open(sys.argv[2], "rb").read())
EOF
echo "python3 '$T/gen.py' $mb '$T/good.jsonl' | exec '$BIN' code -" >"$T/gen.sh"
set -- $(run_measured "$T/out" "$T/err" sh "$T/gen.sh")
rc=$1 secs=$2 rss=$3
if [ "$rc" = 1 ] && grep -q 'line longer than' "$T/err" && grep -q '"doc":"good"' "$T/out"; then
	ok "${mb} MB single line: rejected with its line number, next document coded (${secs}s, peak ${rss} MB)"
else ko "${mb} MB single line: exit $rc, $(wc -l <"$T/out") lines out"; fi
[ "$rss" -lt 400 ] && ok "${mb} MB single line: peak RSS ${rss} MB < 400 MB (streamed)" ||
	ko "${mb} MB single line: peak RSS ${rss} MB"
echo "figure: long_line_mb=$mb seconds=$secs peak_rss_mb=$rss"

# ---- gzip bomb: a small .gz that inflates to a huge single line
python3 - "$T/bomb.jsonl.gz" "$mb" "$good" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    f.write(b'{"id":"bomb","text":"')
    z = b"0" * (1 << 20)
    for _ in range(int(sys.argv[2])):
        f.write(z)
    f.write(b'"}\n' + sys.argv[3].encode() + b"\n")
PY
set -- $(run_measured "$T/out" "$T/err" "$BIN" code "$T/bomb.jsonl.gz")
rc=$1 secs=$2 rss=$3
if [ "$rc" = 1 ] && grep -q 'bomb.jsonl.gz' "$T/err" && grep -q '"doc":"good"' "$T/out" && [ "$rss" -lt 400 ]; then
	ok "gzip bomb ($(($(wc -c <"$T/bomb.jsonl.gz") / 1024)) KB -> ${mb} MB): rejected, next document coded (${secs}s, peak ${rss} MB)"
else ko "gzip bomb: exit $rc, peak ${rss} MB"; fi

# ---- 10^6 tiny documents: every 1000th has one event, none is lost
n=$((1000000 / scale))
python3 -c "
for i in range($n):
    t = 'France withdrew its troops from Niger number %d.' % i if i % 1000 == 0 else 'x%d' % i
    print('{\"id\":\"t%d\",\"date\":\"2024-01-01\",\"lang\":\"en\",\"text\":\"%s\"}' % (i, t))" >"$T/tiny.jsonl"
set -- $(run_measured "$T/out" "$T/err" "$BIN" code "$T/tiny.jsonl")
rc=$1 secs=$2 rss=$3
got=$(grep -c '"event":"RETREAT"' "$T/out")
if [ "$rc" = 0 ] && [ "$got" = $((n / 1000)) ]; then
	ok "$n tiny documents: all $got expected events (${secs}s, peak ${rss} MB)"
else ko "$n tiny documents: exit $rc, $got events, expected $((n / 1000))"; fi
echo "figure: tiny_docs=$n seconds=$secs peak_rss_mb=$rss"

# ---- a directory of junk with every extension, and good files among it
mkdir -p "$T/junk/sub"
for ext in jsonl txt html htm xml rss atom gz zst json md; do
	head -c 20000 /dev/urandom >"$T/junk/rand.$ext"
	head -c 3000 /dev/urandom >"$T/junk/sub/r2.$ext"
done
printf '\037\213\010\000garbage' >"$T/junk/bad.jsonl.gz"
printf '\050\265\057\375garbage' >"$T/junk/bad.jsonl.zst"
: >"$T/junk/empty.jsonl"
echo "$good" >"$T/junk/sub/good.jsonl"
printf '<html><head><title>T</title></head><body><p>Russia signed a defence agreement with Mali.</p></body></html>' >"$T/junk/page.html"
"$BIN" code --date 2024-03-01 "$T/junk" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -le 1 ] && grep -q '"doc":"good"' "$T/out" && grep -q '"country":"MLI"' "$T/out" &&
	! grep -qiE 'Sanitizer|runtime error' "$T/err"; then
	ok "junk directory: exit $rc, good documents coded, $(grep -c . "$T/err") diagnostics"
else ko "junk directory: exit $rc"; fi

# ---- SQL-injection and path-traversal ids through the store
cat >"$T/ids.jsonl" <<'EOF'
{"id":"'; DROP TABLE events; --","date":"2024-03-05","text":"Russia signed a defence agreement with Mali."}
{"id":"../../etc/passwd","date":"2024-03-05","text":"Russia signed a defence agreement with Chad."}
{"id":"x\" OR 1=1; DELETE FROM documents; --","date":"2024-03-05","text":"France withdrew its troops from Niger."}
{"id":"/tmp/pw-hostile-created","date":"2024-03-05","text":"Turkey will deliver drones to Niger."}
{"id":"Robert'); DROP TABLE documents;--","date":"2024-03-06","text":"Algeria and Mali signed a security pact."}
EOF
(cd "$T" && "$BIN" ingest --quiet --db "$T/ids.db" "$T/ids.jsonl") 2>"$T/err"
rc=$?
"$BIN" export --what dump --db "$T/ids.db" >"$T/dump" 2>>"$T/err"
docs=$(grep -c '^D	' "$T/dump")
tabs=$(sqlite3 "$T/ids.db" "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('documents','events')")
if [ $rc = 0 ] && [ "$docs" = 5 ] && [ "$tabs" = 2 ] && [ ! -e /tmp/pw-hostile-created ] &&
	grep -q "^D	'; DROP TABLE events; --	" "$T/dump"; then
	ok "hostile ids in the store: 5 documents stored verbatim, tables intact, no file created"
else ko "hostile ids in the store: exit $rc, $docs documents, $tabs tables"; fi
"$BIN" timeline RUS MLI --json --db "$T/ids.db" >"$T/out" 2>"$T/err"
if [ $? = 0 ] && grep -q "DROP TABLE events" "$T/out"; then ok "hostile ids: timeline returns the document as data"
else ko "hostile ids: timeline"; fi
# the same ingest again changes nothing (idempotent with hostile ids)
"$BIN" ingest --quiet --db "$T/ids.db" "$T/ids.jsonl" 2>"$T/err"
"$BIN" export --what dump --db "$T/ids.db" | cmp -s - "$T/dump" && ok "hostile ids: re-ingest is a no-op" ||
	ko "hostile ids: re-ingest changed the store"

# ---- invalid UTF-8 in every field
printf '{"id":"u\377\3761","date":"2024-03-\300\2575","title":"T\355\240\200","source":"s\370\210\200\200\200","url":"http://\342\202","lang":"e\377n","text":"Russia \303\050signed a defence agreement with Mali.\364\220\200\200"}\n%s\n' "$good" >"$T/utf8.jsonl"
"$BIN" code "$T/utf8.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -le 1 ] && grep -q '"doc":"good"' "$T/out" && [ "$(grep -c '"event"' "$T/out")" -ge 2 ]; then
	ok "invalid UTF-8 in every field: both documents coded (exit $rc)"
else ko "invalid UTF-8 in every field: exit $rc"; fi
valid() { python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' 2>/dev/null; }
# the malformed date and language are quoted escaped in the diagnostics
if valid <"$T/err" && grep -q "malformed date '2024-03-\\\\xC0\\\\xAF5'" "$T/err"; then
	ok "invalid UTF-8 in every field: diagnostics are valid UTF-8, values escaped"
else ko "invalid UTF-8 in every field: diagnostics quote raw bytes"; fi
if valid <"$T/out"; then ok "invalid UTF-8 in every field: code output is valid UTF-8"
else known "invalid UTF-8 in id/title/source/url passes through to the JSON output (ingest/jsonl.c repairs only the text)"; fi
"$BIN" segment "$T/utf8.jsonl" 2>/dev/null | valid && ok "invalid UTF-8: segment output is valid UTF-8" ||
	known "invalid UTF-8 in metadata: segment output is not valid UTF-8"
"$BIN" ingest --quiet --db "$T/u.db" "$T/utf8.jsonl" 2>"$T/err"
rc=$?
n=$("$BIN" export --what dump --db "$T/u.db" 2>/dev/null | grep -c '^D	')
if [ $rc -le 1 ] && [ "$n" = 2 ]; then ok "invalid UTF-8: both documents stored"; else ko "invalid UTF-8: ingest exit $rc, $n documents"; fi
"$BIN" export --what events --db "$T/u.db" 2>/dev/null | valid && ok "invalid UTF-8: exported events are valid UTF-8" ||
	known "invalid UTF-8 in metadata reaches the store and the export"

echo "hostile: $xfail known bugs (XFAIL)"
echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
