#!/bin/sh
# The server under hostile clients and a bounded loopback load (the API's
# normal behaviour, token and limits one by one are in serve_api.sh):
#   - garbage and malformed requests (raw bytes, bad request line, lying
#     Content-Length, huge header, huge chunked body, NUL in the path)
#   - SQL injection and traversal in query parameters and paths
#   - slowloris: connections that send half a header and stall
#   - a connection flood past the connection limit
#   - load: W writer threads POSTing documents with the token and R reader
#     threads querying, for a fixed number of requests
# After all of it the server must still answer, the store must pass
# integrity_check, and hold exactly the documents whose POST returned 2xx.
# Prints the load held ("figure: ..."), "N passed, N failed" last.
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
case "$BIN" in /*) ;; *) BIN="$SRC/$BIN" ;; esac
BUILD=${PW_BUILD:-$(dirname "$BIN")}
T=$(mktemp -d /tmp/pwserveh.XXXXXX)
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
scale=1
case "$BUILD" in *asan*) scale=4 ;; esac

echo '{"id":"seed","date":"2024-01-01","text":"France withdrew its troops from Niger."}' >"$T/seed.jsonl"
if ! "$BIN" ingest --quiet --db "$T/store.db" "$T/seed.jsonl" >"$T/ingest.log" 2>&1; then
	cat "$T/ingest.log"; echo "0 passed, 1 failed"; exit 1
fi
mkdir -p "$T/web"; echo '<!doctype html><title>t</title>' >"$T/web/index.html"
PACTWATCH_TOKEN=hostile-token-42 "$BIN" serve --db "$T/store.db" --port 0 --web "$T/web" \
	--threads 4 --max-body 262144 --timeout 3 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
i=0
while ! grep -q 'http://' "$T/serve.out" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 150 ] || ! kill -0 $PID 2>/dev/null; then
		cat "$T/serve.err"; echo "0 passed, 1 failed"; exit 1
	fi
	sleep 0.1
done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/serve.out" | head -n 1)

PORT=$PORT SCALE=$scale SERVER_PID=$PID DB="$T/store.db" BIN="$BIN" python3 - <<'EOF'
import http.client, json, os, socket, subprocess, sys, threading, time

PORT = int(os.environ["PORT"]); TOKEN = "hostile-token-42"; SCALE = int(os.environ["SCALE"])
PID = int(os.environ["SERVER_PID"]); DB = os.environ["DB"]; BIN = os.environ["BIN"]
passed = failed = 0

def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1; print("ok   " + name)
    else:
        failed += 1; print("FAIL " + name + (": " + str(detail) if detail else ""))

def alive():
    try:
        os.kill(PID, 0)
    except OSError:
        return False
    try:
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        c.request("GET", "/api/health"); r = c.getresponse(); r.read(); c.close()
        return r.status == 200
    except Exception:
        return False

def raw(data, wait=3.0):
    """Send raw bytes, return the status line (or '' if closed without one)."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=wait)
    try:
        s.sendall(data)
        buf = b""
        while b"\r\n" not in buf:
            d = s.recv(4096)
            if not d:
                break
            buf += d
        return buf.split(b"\r\n", 1)[0].decode("latin-1")
    except (socket.timeout, ConnectionError):
        return ""
    finally:
        s.close()

def req(method, path, body=None, headers=None, timeout=20):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data

check("server up", alive())

# ---- malformed requests: each gets a 4xx or a closed connection, never a crash
cases = {
    "garbage bytes": bytes(range(256)) * 4 + b"\r\n\r\n",
    "bad request line": b"GET\r\n\r\n",
    "unknown method": b"BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n",
    "HTTP/9": b"GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n",
    "NUL in path": b"GET /api/he\x00alth HTTP/1.1\r\nHost: x\r\n\r\n",
    "lying Content-Length": b"POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 999999\r\n\r\n{\"id\":",
    "negative Content-Length": b"POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    "huge header": b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n",
    "10k headers": b"GET /api/health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(10000)) + b"\r\n",
    "huge chunked body": b"POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n" + (b"10000\r\n" + b"a" * 0x10000 + b"\r\n") * 8 + b"0\r\n\r\n",
    "encoded traversal": b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    "double-encoded traversal": b"GET /%252e%252e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    "backslash traversal": b"GET /..\\..\\etc\\passwd HTTP/1.1\r\nHost: x\r\n\r\n",
}
for name, data in cases.items():
    st = raw(data)
    code = st.split(" ")[1] if st.startswith("HTTP/") and len(st.split(" ")) > 1 else ""
    ok = code == "" or code.startswith("4") or code == "505" or code == "501"
    check("malformed: %s -> %s" % (name, st or "closed"), ok and "root:" not in st)
check("server up after malformed requests", alive())

# ---- hostile query parameters: 400 with a JSON error, tables intact
for q in ["/api/partners?country=%27%3B%20DROP%20TABLE%20events%3B%20--",
          "/api/timeline?a=NER%27%20OR%20%271%27%3D%271&b=FRA",
          "/api/events?since=2024%27%20OR%201%3D1&limit=10",
          "/api/events?limit=-1", "/api/events?limit=99999999999999999999",
          "/api/search?q=%27%20OR%201%3D1%20--", "/api/search?q=" + "%25" * 3000,
          "/api/evidence?doc=..%2F..%2Fetc%2Fpasswd&sentence=0",
          "/api/evidence?doc=seed&sentence=-99999999999"]:
    try:
        st, body = req("GET", q)
        okj = True
        try:
            json.loads(body or b"{}")
        except ValueError:
            okj = False
        check("query %s -> %d" % (q[:60], st), st in (200, 400, 404, 413, 414) and okj and b"root:" not in body)
    except Exception as e:
        check("query %s" % q[:60], False, e)
n = subprocess.run(["sqlite3", DB, "SELECT count(*) FROM sqlite_master WHERE name IN ('events','documents')"],
                   capture_output=True, text=True).stdout.strip()
check("tables intact after injection attempts", n == "2", n)

# ---- slowloris: 60 stalled half-headers; others are still served, stalls time out
stalled = []
for i in range(60):
    try:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        stalled.append(s)
    except OSError:
        break
t0 = time.time()
check("served during slowloris (%d stalled)" % len(stalled), alive())
time.sleep(4.5)  # past --timeout 3
closed = 0
for s in stalled:
    try:
        s.settimeout(2)
        if s.recv(1) == b"":
            closed += 1
    except (socket.timeout, OSError):
        pass
    except Exception:
        pass
    s.close()
check("stalled connections closed by the idle timeout (%d/%d)" % (closed, len(stalled)), closed >= len(stalled) * 0.9)

# ---- connection flood: 600 sockets (limit 256 by default)
flood = []
for i in range(600):
    try:
        flood.append(socket.create_connection(("127.0.0.1", PORT), timeout=2))
    except OSError:
        break
for s in flood:
    s.close()
time.sleep(0.5)
check("server up after a flood of %d connections" % len(flood), alive())

# ---- reads stay served while an ingest waits: a long ingest (here one
# blocked behind another process's write lock, as a cron `pactwatch ingest`
# would hold it) must not stall the other connections of any server thread.
# Keep-alive connections are spread over the server's threads first.
import sqlite3
held = sqlite3.connect(DB, timeout=10, isolation_level=None)
conns = []
for i in range(16):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=3 * SCALE)
    c.request("GET", "/api/health"); c.getresponse().read()
    conns.append(c)
held.execute("BEGIN IMMEDIATE")
locked_at = time.time()
post = {}
def long_post():
    body = json.dumps({"id": "while-locked", "date": "2024-03-01",
                       "text": "Chad and France signed a defence agreement."}).encode()
    try:
        post["st"], post["data"] = req("POST", "/api/documents", body,
                                       {"Authorization": "Bearer " + TOKEN}, timeout=60)
    except Exception as e:
        post["err"] = repr(e)
    post["t"] = time.time()
pt = threading.Thread(target=long_post); pt.start()
time.sleep(0.5)
slow, read_errs = [], []
for rnd in range(2):
    for i, c in enumerate(conns):
        t = time.time()
        try:
            c.request("GET", "/api/stats"); r = c.getresponse(); r.read()
            if r.status != 200:
                read_errs.append(r.status)
        except Exception as e:
            read_errs.append(repr(e))
            conns[i] = c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=3 * SCALE)
        if time.time() - t > 1.0 * SCALE:
            slow.append(round(time.time() - t, 2))
still_waiting = "t" not in post
# past --timeout 3: the waiting POST's connection must not be dropped idle
time.sleep(max(0.0, locked_at + 3.5 - time.time()))
held.execute("ROLLBACK"); held.close()
pt.join()
for c in conns:
    c.close()
check("an ingest waiting for the write lock was still running during the reads", still_waiting, post)
check("32 reads on 16 kept-alive connections served while it waited (none > %.0fs, no error)" % SCALE,
      not slow and not read_errs, (slow, read_errs[:3]))
ans = json.loads(post.get("data") or b"{}")
check("the ingest, waiting longer than --timeout, then completed: 200, stored 1", post.get("st") == 200 and ans.get("stored") == 1, post)

# ---- load: writers POST documents, readers query; bounded by request count
W, R = 4, 8
per_writer = 60 // SCALE + 5
per_reader = 200 // SCALE + 10
ok_docs, errors, lat = [], [], []
lock = threading.Lock()
def writer(w):
    for i in range(per_writer):
        doc_id = "load-%d-%d" % (w, i)
        body = json.dumps({"id": doc_id, "date": "2024-02-%02d" % (i % 28 + 1),
                           "text": "Russia signed a defence agreement with Mali number %d %d." % (w, i)})
        try:
            t = time.time()
            # no retry: ingest runs off the connection threads, so a POST
            # is never dropped for a worker busy with another one
            st, data = req("POST", "/api/documents", body.encode(),
                           {"Authorization": "Bearer " + TOKEN,
                            "Content-Type": "application/x-ndjson"}, timeout=60)
            with lock:
                lat.append(time.time() - t)
                if 200 <= st < 300:
                    ok_docs.append(doc_id)
                elif st not in (429, 503):
                    errors.append("POST %d %s" % (st, data[:200]))
        except Exception as e:
            with lock:
                errors.append("POST %r" % e)
def reader(r):
    paths = ["/api/stats", "/api/partners?country=MLI", "/api/timeline?a=RUS&b=MLI", "/api/events?limit=50",
             "/api/network", "/api/health"]
    for i in range(per_reader):
        try:
            t = time.time()
            st, data = req("GET", paths[i % len(paths)], timeout=60)
            with lock:
                lat.append(time.time() - t)
                if st != 200:
                    errors.append("GET %s %d %s" % (paths[i % len(paths)], st, data[:200]))
        except Exception as e:
            with lock:
                errors.append("GET %r" % e)
t0 = time.time()
th = [threading.Thread(target=writer, args=(w,)) for w in range(W)] + \
     [threading.Thread(target=reader, args=(r,)) for r in range(R)]
for t in th: t.start()
for t in th: t.join()
secs = time.time() - t0
total = W * per_writer + R * per_reader
lat.sort()
p99 = lat[int(len(lat) * 0.99) - 1] if lat else 0
print("figure: load %d writers x %d POSTs + %d readers x %d GETs = %d requests in %.1fs (%.0f req/s), p99 %.3fs, %d errors"
      % (W, per_writer, R, per_reader, total, secs, total / secs, p99, len(errors)))
check("load: no errors", not errors, errors[:3])
check("load: all %d POSTs stored" % (W * per_writer), len(ok_docs) == W * per_writer, len(ok_docs))
check("server up after load", alive())
ic = subprocess.run(["sqlite3", DB, "PRAGMA integrity_check"], capture_output=True, text=True).stdout.strip()
check("store integrity_check after load", ic == "ok", ic[:200])
dump = subprocess.run([BIN, "export", "--what", "dump", "--db", DB], capture_output=True, text=True).stdout
stored = {l.split("\t")[1] for l in dump.splitlines() if l.startswith("D\t")}
missing = [d for d in ok_docs if d not in stored]
check("every acknowledged document is in the store (%d)" % len(ok_docs), not missing, missing[:5])
check("the seed document is still there", "seed" in stored)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
rc=$?
if ! kill -0 "$PID" 2>/dev/null; then
	echo "FAIL server died"; tail -n 20 "$T/serve.err"; echo "0 passed, 1 failed"; exit 1
fi
exit $rc
