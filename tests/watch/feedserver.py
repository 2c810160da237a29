#!/usr/bin/env python3
"""Loopback HTTP server for tests/suites/watch.sh.

Two roles:

  feedserver.py feeds STATE_DIR   serves news feeds whose content depends on the
      phase written in STATE_DIR/phase (1, 2, 3...), so a test changes the feeds
      between polls by writing that file. Routes:
        /a.rss      RSS, grows in phase 2 (ETag + Last-Modified, answers 304)
        /moved      302 redirect to /b.atom
        /b.atom     Atom, fixed content (ETag)
        /c.jsonl    JSON lines, fixed content (no validators)
        /flaky.rss  500 in phase 1, a good feed from phase 2
        /bad.rss    truncated XML in phase 1, the full feed from phase 2
        /slow.rss   sleeps 3 s before answering (the client's timeout is shorter)
      Every request is appended to STATE_DIR/requests.jsonl (path, status,
      If-None-Match, User-Agent).

  feedserver.py hook STATE_DIR N [PORT]  a webhook receiver: the first N POSTs get a
      500, the others 200; accepted bodies are appended to
      STATE_DIR/received.jsonl.

Both bind 127.0.0.1 on a free port and write it to STATE_DIR/<role>.port.
The feed texts are written for these tests (fictional, simple sentences).
"""
import hashlib, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROLE, STATE = sys.argv[1], sys.argv[2]
FAILS = int(sys.argv[3]) if len(sys.argv) > 3 else 0
PORT = int(sys.argv[4]) if len(sys.argv) > 4 else 0
lock = threading.Lock()
hook_count = [0]


def phase():
    try:
        with open(os.path.join(STATE, "phase")) as f:
            return int(f.read().strip() or 1)
    except OSError:
        return 1


def rss(title, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>',
           f"<title>{title}</title><link>http://example.org/</link>"]
    for guid, date, head, text in items:
        out.append(f"<item><title>{head}</title><link>http://example.org/{guid}</link>"
                   f'<guid isPermaLink="false">{guid}</guid><pubDate>{date}</pubDate>'
                   f"<description>{text}</description></item>")
    out.append("</channel></rss>")
    return "\n".join(out)


A1 = ("wire-a1", "Wed, 10 Jan 2024 09:00:00 +0000", "Niger and Russia sign defence pact",
      "Niger and Russia signed a military cooperation agreement in Niamey on Wednesday.")
A2 = ("wire-a2", "Thu, 11 Jan 2024 09:00:00 +0000", "Floods in Maradi",
      "Heavy rains flooded several districts of Maradi, officials said.")
A3 = ("wire-a3", "Thu, 01 Feb 2024 09:00:00 +0000", "Russian instructors arrive",
      "Russian military instructors arrived in Niamey to train the Nigerien army.")
E1 = ("flaky-e1", "Mon, 15 Jan 2024 09:00:00 +0000", "Drones for Ouagadougou",
      "Turkey delivered Bayraktar TB2 drones to Burkina Faso on Monday.")
M1 = ("bad-m1", "Sat, 20 Jan 2024 09:00:00 +0000", "Berlin and N'Djamena sign",
      "Germany and Chad signed a military cooperation agreement in N'Djamena.")

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Defense Desk</title><id>urn:test:desk</id>
<updated>2024-01-12T10:00:00Z</updated>
<entry><title>Moscow and Niamey seal military accord</title><id>urn:test:desk:b1</id>
<link href="http://example.org/desk/b1"/><published>2024-01-10T18:00:00Z</published>
<summary>Russia and Niger signed a military cooperation agreement on Wednesday, officials said.</summary></entry>
<entry><title>Chad ends French pact</title><id>urn:test:desk:b2</id>
<link href="http://example.org/desk/b2"/><published>2024-01-12T10:00:00Z</published>
<summary>Chad ended its defence cooperation agreement with France on Friday.</summary></entry>
</feed>
"""

JSONL = json.dumps({"id": "monitor-c1", "date": "2024-01-22", "lang": "en",
                    "title": "Mali expels French troops", "source": "West Africa Monitor",
                    "url": "http://example.org/monitor/c1",
                    "text": "Mali expelled French troops on Monday."}) + "\n"


def feed_for(path, ph):
    """(status, body, content type, validators?) for a feed path."""
    if path == "/a.rss":
        items = [A1, A2] + ([A3] if ph >= 2 else [])
        return 200, rss("Sahel Wire", items), "application/rss+xml", True
    if path == "/b.atom":
        return 200, ATOM, "application/atom+xml", True
    if path == "/c.jsonl":
        return 200, JSONL, "application/x-ndjson", False
    if path == "/flaky.rss":
        if ph < 2:
            return 500, "internal error", "text/plain", False
        return 200, rss("Flaky Post", [E1]), "application/rss+xml", True
    if path == "/bad.rss":
        full = rss("Bad Gazette", [M1])
        if ph < 2:
            return 200, full[: len(full) // 2 + 7], "application/rss+xml", False
        return 200, full, "application/rss+xml", True
    return 404, "not found", "text/plain", False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def record(self, status):
        with lock, open(os.path.join(STATE, "requests.jsonl"), "a") as f:
            f.write(json.dumps({"path": self.path, "status": status, "phase": phase(),
                                "inm": self.headers.get("If-None-Match"),
                                "ua": self.headers.get("User-Agent")}) + "\n")

    def send(self, status, body=b"", ctype="text/plain", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        ph = phase()
        if self.path == "/slow.rss":
            time.sleep(3)
            self.record(200)
            try:
                self.send(200, rss("Slow", [A2]).encode(), "application/rss+xml")
            except OSError:
                pass
            return
        if self.path == "/moved":
            self.record(302)
            return self.send(302, extra=[("Location", "/b.atom")])
        status, body, ctype, validators = feed_for(self.path, ph)
        body = body.encode()
        extra = []
        if status == 200 and validators:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            extra = [("ETag", etag), ("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")]
            if self.headers.get("If-None-Match") == etag:
                self.record(304)
                return self.send(304, extra=extra)
        self.record(status)
        self.send(status, body, ctype, extra)

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        with lock:
            hook_count[0] += 1
            fail = hook_count[0] <= FAILS
            if not fail:
                with open(os.path.join(STATE, "received.jsonl"), "a") as f:
                    f.write(body.decode() + "\n")
        self.send(500 if fail else 200, b'{"ok":%s}' % (b"false" if fail else b"true"),
                  "application/json")


ThreadingHTTPServer.allow_reuse_address = True
srv = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
srv.daemon_threads = True
with open(os.path.join(STATE, ROLE + ".port.tmp"), "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(os.path.join(STATE, ROLE + ".port.tmp"), os.path.join(STATE, ROLE + ".port"))
srv.serve_forever()
