#!/bin/sh
# The store and tracker suite (store_check.py) on PostgreSQL: starts a
# throw-away cluster (initdb, C locale so text sorts as in SQLite) on a free
# loopback port, runs the same tests with --db postgresql://..., and stops
# it in a trap even when they fail. Skips (0 passed, 0 failed) only when the
# PostgreSQL server binaries are absent.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || ! command -v psql >/dev/null 2>&1; then
	echo "skip: PostgreSQL server binaries not found (apt-get install postgresql)"
	echo "0 passed, 0 failed"
	exit 0
fi
d=$(mktemp -d /tmp/pwpg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
asuser() { # the server refuses to run as root
	if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
cleanup() {
	asuser "$PGBIN/pg_ctl -D $d/data -m immediate stop" >/dev/null 2>&1
	rm -rf "$d"
}
trap cleanup EXIT INT TERM
[ "$(id -u)" = 0 ] && chown postgres "$d"
if ! asuser "$PGBIN/initdb -D $d/data -A trust -U postgres --locale=C -E UTF8" >"$d.initdb.log" 2>&1; then
	cat "$d.initdb.log"; rm -f "$d.initdb.log"
	echo "PostgreSQL initdb failed"; echo "0 passed, 1 failed"; exit 1
fi
rm -f "$d.initdb.log"
if ! asuser "$PGBIN/pg_ctl -D $d/data -o '-k $d -p $port -c listen_addresses=127.0.0.1 -c fsync=off' -l $d/log -w start" >/dev/null; then
	cat "$d/log"; echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1
fi
echo "postgresql on 127.0.0.1:$port"
python3 "$SRC/tests/suites/store_check.py" "$BIN" pg 127.0.0.1 "$port" >"$d/check.log" 2>&1
cat "$d/check.log"
# the crash-consistency test on this back end too (fewer documents: a
# client/server ingest is slower than embedded SQLite, even pipelined)
PW_CRASH_PG="127.0.0.1 $port" PW_CRASH_DOCS=${PW_CRASH_PG_DOCS:-400} PW_CRASH_KILLS=${PW_CRASH_PG_KILLS:-20} \
	PW_BIN="$BIN" sh "$SRC/tests/suites/store_crash.sh" >"$d/crash.log" 2>&1
cat "$d/crash.log"
# one total for both parts
python3 - "$d/check.log" "$d/crash.log" <<'PY'
import re, sys
p = f = 0
for path in sys.argv[1:]:
    m = re.findall(r"^(\d+) passed, (\d+) failed", open(path).read(), re.M)
    if m:
        p += int(m[-1][0]); f += int(m[-1][1])
    else:
        f += 1
print("%d passed, %d failed" % (p, f))
PY
