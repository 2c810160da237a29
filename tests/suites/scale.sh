#!/bin/bash
# Scale-out without changing a byte: `pactwatch code` gives the same output
# for -j 1, -j 2 and -j 4, a 4-shard run merged with `pactwatch merge` equals
# one `code --sorted` process, shards are disjoint and complete (FNV-1a of
# the id mod N, recomputed here in Python), and the streaming-filter
# contract holds (stdin in, stdout out, one document's events out before
# the next document comes in with --line-buffered).
# Env: PW_BIN (default build/pactwatch), PW_BUILD (for gen_corpus).
# Last line: "N passed, N failed".
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
B=${PW_BUILD:-$(dirname "$BIN")}
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { if [ "$1" = 0 ]; then ok "$2"; else bad "$2"; fi; }
T=$(mktemp -d /tmp/pw-scale.XXXXXX)
trap 'rm -rf "$T"' EXIT
# a snapshot of the data: every run of the suite must see the same
# dictionaries, even while someone edits data/ in the working tree
cp -r "$SRC/data" "$T/data"
DATA="$T/data"

code() { "$BIN" code --data "$DATA" "$@" 2>>"$T/stderr"; }

# two corpora: the bundled sample (real-looking prose, with content
# duplicates under different ids) and a generated one (many short documents)
cat "$SRC"/sample/corpus/news-*.jsonl > "$T/sample.jsonl"
corpora="sample"
if [ -x "$B/gen_corpus" ]; then
	"$B/gen_corpus" --mb 2 --seed 7 > "$T/gen.jsonl" && corpora="sample gen"
fi

for c in $corpora; do
	in="$T/$c.jsonl"
	code -j 1 "$in" > "$T/$c.j1"; rc1=$?
	code -j 2 "$in" > "$T/$c.j2"; rc2=$?
	code -j 4 "$in" > "$T/$c.j4"
	n=$(wc -l < "$T/$c.j1")
	[ "$rc1" -le 1 ] && [ "$rc2" -le 1 ] && [ "$n" -gt 10 ]; check $? "$c: code -j 1 / -j 2 ran ($n events)"
	cmp -s "$T/$c.j1" "$T/$c.j2"; check $? "$c: -j 2 output byte-identical to -j 1"
	cmp -s "$T/$c.j1" "$T/$c.j4"; check $? "$c: -j 4 output byte-identical to -j 1"
	code -j 3 --format tsv "$in" > "$T/$c.t3"
	code -j 1 --format tsv "$in" > "$T/$c.t1"
	[ -s "$T/$c.t1" ] && cmp -s "$T/$c.t1" "$T/$c.t3"; check $? "$c: TSV -j 3 byte-identical to -j 1"

	code --sorted "$in" > "$T/$c.sorted"
	for i in 0 1 2 3; do code -j 2 --sorted --shard "$i/4" "$in" > "$T/$c.shard$i"; done
	"$BIN" merge -q "$T/$c".shard? > "$T/$c.merged" 2>>"$T/stderr"
	cmp -s "$T/$c.sorted" "$T/$c.merged"; check $? "$c: 4-shard merge byte-identical to one --sorted process"
	# the sorted run is the plain run reordered, nothing more
	[ "$(sort "$T/$c.j1" | md5sum)" = "$(sort "$T/$c.sorted" | md5sum)" ]; check $? "$c: --sorted has the same lines as the plain run"
	# shards are disjoint, complete, and by FNV-1a(id) mod 4
	python3 - "$T/$c" <<'EOF'
import json, sys
base = sys.argv[1]
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001b3) % 2**64
    return h
seen = {}
for i in range(4):
    for line in open(f"{base}.shard{i}", encoding="utf-8"):
        d = json.loads(line)["doc"]
        if fnv(d) % 4 != i: sys.exit(f"doc {d} in shard {i}, expected {fnv(d) % 4}")
        if seen.setdefault(d, i) != i: sys.exit(f"doc {d} in shards {seen[d]} and {i}")
single = {json.loads(l)["doc"] for l in open(f"{base}.sorted", encoding="utf-8")}
if single != set(seen): sys.exit(f"shards cover {len(seen)} docs, single run {len(single)}")
EOF
	check $? "$c: shards disjoint, complete, FNV-1a(id) mod 4"
	# shard outputs in any order and without --sorted still merge to the same bytes
	for i in 0 1 2 3; do code --shard "$i/4" "$in" > "$T/$c.u$i"; done
	"$BIN" merge -q "$T/$c.u3" "$T/$c.u1" "$T/$c.u0" "$T/$c.u2" > "$T/$c.um" 2>>"$T/stderr"
	cmp -s "$T/$c.sorted" "$T/$c.um"; check $? "$c: unsorted shards given out of order merge to the same bytes"
	# de-duplication: a shard given twice (a re-run) changes nothing
	"$BIN" merge -q "$T/$c".shard? "$T/$c.shard2" "$T/$c.shard0" > "$T/$c.dd" 2>>"$T/stderr"
	cmp -s "$T/$c.sorted" "$T/$c.dd"; check $? "$c: merge drops a shard given twice"
done

# duplicates across shards: the sample has copies under different ids; a
# shard must drop its copy when the first one lives in another shard
dups=$(grep -c 'duplicate of doc' "$T/stderr")
[ "$dups" -gt 0 ]; check $? "sample corpus has content duplicates (duplicate notes seen: $dups)"

# streaming filter: stdin to stdout, same bytes as a file argument
code - < "$T/sample.jsonl" > "$T/stdin.out"
cmp -s "$T/sample.j1" "$T/stdin.out"; check $? "code - (stdin) equals code FILE"
code -j 2 --line-buffered - < "$T/sample.jsonl" > "$T/stdin2.out"
cmp -s "$T/sample.j1" "$T/stdin2.out"; check $? "code -j 2 --line-buffered - equals code FILE"
# --line-buffered: the first document's events come out while stdin is open
for j in 1 2; do
python3 - "$BIN" "$DATA" "$T/sample.jsonl" "$j" <<'EOF'
import subprocess, sys, select, json
bin, data, corpus, j = sys.argv[1:5]
docs = [l for l in open(corpus, encoding="utf-8") if l.strip()]
# a document known to produce events, found by coding documents one by one
first = None
for l in docs[:40]:
    r = subprocess.run([bin, "code", "--data", data, "-"], input=l.encode(), capture_output=True)
    if r.stdout:
        first = l; want = r.stdout; break
if first is None: sys.exit("no document with events in the first 40")
p = subprocess.Popen([bin, "code", "--data", data, "-j", j, "--line-buffered", "-"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdin.write(first.encode()); p.stdin.flush()
got = b""
while len(got) < len(want):
    r, _, _ = select.select([p.stdout], [], [], 20)
    if not r: p.kill(); sys.exit(f"-j {j}: no output within 20 s while stdin is open ({len(got)} of {len(want)} bytes)")
    chunk = p.stdout.read1(65536)
    if not chunk: break
    got += chunk
p.stdin.close(); rest = p.stdout.read(); p.wait()
if got != want or rest: sys.exit(f"-j {j}: streamed output differs from the one-shot run")
EOF
check $? "--line-buffered -j $j: a document's events are written before stdin closes"
done

# Hadoop Streaming's TextOutputFormat leaves a tab after each line (no key/
# value split in a JSON line); Spark part files come in any order: merge
# still gives the canonical bytes
sed 's/$/\t/' "$T/sample.u1" > "$T/part-m-00000"
cat "$T/sample.u3" "$T/sample.u0" "$T/sample.u2" | sed 's/$/\r/' > "$T/part-m-00001"
cat "$T/part-m-00000" "$T/part-m-00001" | "$BIN" merge -q - > "$T/hadoop.out" 2>>"$T/stderr"
cmp -s "$T/sample.sorted" "$T/hadoop.out"; check $? "merge - of Hadoop-style parts (trailing tab/CR, any order) equals --sorted"

# a full disk is a failure (exit 3), for the threaded writer too
for j in 1 2; do
	code -j "$j" "$T/sample.jsonl" > /dev/full; [ $? = 3 ]; check $? "-j $j writing to a full device fails with exit 3"
	code -j "$j" --sorted "$T/sample.jsonl" > /dev/full; [ $? = 3 ]; check $? "-j $j --sorted writing to a full device fails with exit 3"
done

# usage errors
code --shard 4/4 "$T/sample.jsonl" >/dev/null; [ $? = 2 ]; check $? "--shard 4/4 is a usage error (exit 2)"
code --shard x "$T/sample.jsonl" >/dev/null; [ $? = 2 ]; check $? "--shard x is a usage error (exit 2)"
"$BIN" merge >/dev/null 2>&1; [ $? = 2 ]; check $? "merge without inputs is a usage error (exit 2)"
# a bad line is reported with file:line and skipped; the rest is merged
{ head -n 2 "$T/sample.shard0"; echo 'not json'; tail -n +3 "$T/sample.shard0"; } > "$T/badline"
"$BIN" merge "$T/badline" > "$T/badline.out" 2>"$T/badline.err"; rc=$?
[ $rc = 1 ] && grep -q "badline:3" "$T/badline.err" && cmp -s "$T/badline.out" "$T/sample.shard0"
check $? "merge reports a bad line as file:line, skips it, exits 1"
"$BIN" merge /nonexistent/shard >/dev/null 2>&1; [ $? = 3 ]; check $? "merge of a missing file fails (exit 3)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
