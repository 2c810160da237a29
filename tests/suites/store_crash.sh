#!/bin/sh
# Crash consistency: ingest killed with SIGKILL at random points (25 times)
# and re-run; after every kill the store must be consistent (each stored
# document has exactly its events: no torn document), and after the final
# re-run its canonical dump must equal a clean ingest's, byte for byte.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
KILLS=${PW_CRASH_KILLS:-25}
NDOCS=${PW_CRASH_DOCS:-3000}
t=$(mktemp -d /tmp/pwcrash.XXXXXX)
trap 'rm -rf "$t"' EXIT INT TERM
python3 "$SRC/tests/suites/store_gen.py" "$NDOCS" 7 >"$t/ev.jsonl"
exec python3 - "$BIN" "$t" "$KILLS" <<'PY'
import os, random, signal, subprocess, sys, time
BIN, T, KILLS = sys.argv[1], sys.argv[2], int(sys.argv[3])
# PW_CRASH_PG="HOST PORT": the same test on a running PostgreSQL (store_pg.sh)
PG = os.environ.get("PW_CRASH_PG", "").split()
def newdb(name):
    if not PG:
        return os.path.join(T, name + ".db")
    name = "crash_%d_%s" % (os.getpid(), name)
    subprocess.run(["psql", "-h", PG[0], "-p", PG[1], "-U", "postgres", "-q", "-c", "CREATE DATABASE " + name],
                   check=True, capture_output=True)
    return "postgresql://postgres@%s:%s/%s" % (PG[0], PG[1], name)
ev = os.path.join(T, "ev.jsonl")
def ingest(db, **kw):
    return subprocess.Popen([BIN, "ingest", "--events", "--batch", "25", "--quiet", ev, "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
def dump(db):
    p = subprocess.run([BIN, "export", "--what", "dump", "--db", db], capture_output=True, text=True)
    if p.returncode:
        raise SystemExit("dump failed: " + p.stderr)
    return p.stdout
def by_doc(d):
    docs, rows = set(), {}
    for l in d.splitlines():
        f = l.split("\t")
        if f[0] == "D":
            docs.add(f[1])
        rows.setdefault(f[1], []).append(l)
    return docs, rows
passed = failed = 0
def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s%s" % ("pg " if PG else "", what))
    else:
        failed += 1
        print("FAIL %s%s" % ("pg " if PG else "", what))
clean = newdb("clean")
t0 = time.time()
p = ingest(clean); p.wait()
dur = time.time() - t0
check(p.returncode == 0, "clean ingest (%.2f s)" % dur)
ref = dump(clean)
ref_docs, ref_rows = by_doc(ref)
# Rounds: kill and re-run on one store until a run completes by itself,
# check it equals the clean ingest, then start a new store; until KILLS
# kills have landed mid-run.
rnd = random.Random(11)
kills = rounds = 0
while kills < KILLS and rounds < 4 * KILLS:
    rounds += 1
    db = newdb("crash%d" % rounds)
    for i in range(200):
        p = ingest(db)
        time.sleep(rnd.uniform(0.0, dur))
        killed = p.poll() is None
        if killed:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
        docs, rows = by_doc(dump(db))
        torn = [d for d in docs if rows.get(d) != ref_rows.get(d)]
        if torn or not docs <= ref_docs:
            check(False, "round %d kill %d: torn documents %s" % (rounds, i + 1, torn[:3]))
        if not killed:
            break
    check(p.returncode == 0, "round %d: a re-run finishes the job" % rounds)
    check(dump(db) == ref, "round %d: store after %d kill(s) + re-run equals a clean ingest (%d documents, %d checked consistent after each kill)"
          % (rounds, i, len(ref_docs), i))
check(kills >= KILLS, "%d ingests killed with SIGKILL mid-run in %d rounds (>= %d wanted)" % (kills, rounds, KILLS))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
