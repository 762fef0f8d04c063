#!/usr/bin/env python3
"""Outbox crash test (issue 6): kill -9 the real server while it drains the outbox.

Rows are written into the outbox of a stopped server; the server sends them through its generic
JSON gateway to a counting fake gateway here (signature checked, ~10 ms per request, a 503 on the
first try of every 17th row). While it drains, the server is killed with SIGKILL and restarted:
once deliberately in the worst window (the gateway has accepted a message, our 200 never reaches
the server, so the row is still 'sending') and then at random moments.

Our outbox id is the idempotency key: the gateway delivers each id to the phone once. The test
measures how many duplicate deliveries reached the gateway (each must repeat an id with the
same payload, at most one per send in flight at the kill: outbox.concurrency) and asserts that no row is lost, that
each phone message arrives exactly once after the gateway's dedupe, and that every row ends 'sent'.
"""
import http.server
import json
import os
import random
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness as h  # noqa: E402

ROWS = 120 if h.QUICK else 300
KILLS = 4 if h.QUICK else 10
LEASE = 5          # seconds (the configuration's minimum): a row claimed by a killed server waits this long
CONCURRENCY = 4    # outbox.concurrency: sends in flight at once, so at most this many duplicates per kill
SEED = int(os.environ.get("E2E_SEED") or time.time())


class Gateway(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Condition()
        self.deliveries = {}     # outbox id -> [(to, text), ...] every accepted request
        self.phone = []          # (id, to, text) after dedupe by id: what the handsets get
        self.accepted = 0        # accepted requests, duplicates included
        self.refused = set()     # ids answered 503 once
        self.bad = []            # requests that failed verification
        self.window_kill = None  # callable: accept the next message, then kill the server before answering

    def handle_send(self, body, ts, sig):
        if h.sign(body, ts=ts)[1] != sig:
            self.bad.append("signature")
            return 401, {}
        m = json.loads(body)
        oid, to, text = int(m["id"]), m["to"], m["text"]
        time.sleep(0.005 + random.random() * 0.01)
        with self.lock:
            if oid % 17 == 0 and oid not in self.refused:
                self.refused.add(oid)
                return 503, {"error": "try later"}
            first = oid not in self.deliveries
            self.deliveries.setdefault(oid, []).append((to, text))
            if first:
                self.phone.append((oid, to, text))
            self.accepted += 1
            self.lock.notify_all()
            kill, self.window_kill = self.window_kill, None
        if kill:
            kill()            # accepted, but the server dies before it hears our 200
            return None, None
        return 200, {"gateway_id": f"fg-{oid}"}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, answer = self.server.handle_send(
            body, self.headers.get("X-Confianza-Timestamp", ""), self.headers.get("X-Confianza-Signature", ""))
        if status is None:
            self.close_connection = True
            return
        out = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        try:
            self.end_headers()
            self.wfile.write(out)
        except OSError:   # the server was killed while we answered: it never hears this 200
            pass

    def log_message(self, *_):
        pass


def main():
    h.need_binary()
    rnd = random.Random(SEED)
    h.info(f"seed {SEED}, {ROWS} outbox rows, {KILLS} kills (1 in the accepted-but-unrecorded window), lease {LEASE}s")
    wd = h.Workdir("outbox")
    db = wd.file("confianza.sqlite")
    h.import_members(wd, db, [("+51987300001", "Socia", "socio", "F", 1)])
    now = time.time()
    con = sqlite3.connect(db)
    with con:
        for i in range(ROWS):
            con.execute(
                "INSERT INTO outbox (recipient, text, encoding, segments, gateway, kind, network_id, status, attempts,"
                " not_before, created_at, updated_at) VALUES (?, ?, 'gsm7', 1, 'generic', 'e2e', NULL, 'queued', 0, ?, ?, ?)",
                (f"+5198740{i:04d}", f"Aviso {i}: reunion el sabado a las 3", now, now, now))
    con.close()
    ids = [r[0] for r in h.db_rows(db, "SELECT id FROM outbox ORDER BY id")]

    gw = Gateway()
    threading.Thread(target=gw.serve_forever, daemon=True).start()
    server = h.Server(wd, db, env={
        "CONFIANZA_GATEWAYS_OUTBOUND": "generic",
        "CONFIANZA_GATEWAYS_GENERIC_OUTBOUND_URL": f"http://127.0.0.1:{gw.server_port}/send",
        "CONFIANZA_GATEWAYS_GENERIC_OUTBOUND_SECRET": h.GENERIC_SECRET,
        "CONFIANZA_OUTBOX_LEASE_SECONDS": str(LEASE),
        "CONFIANZA_OUTBOX_BATCH_SIZE": "8",
        "CONFIANZA_OUTBOX_CONCURRENCY": str(CONCURRENCY),
        "CONFIANZA_OUTBOX_POLL_SECONDS": "0.05",
        "CONFIANZA_OUTBOX_BACKOFF_BASE_SECONDS": "0.2",
        "CONFIANZA_OUTBOX_BACKOFF_MAX_SECONDS": "1",
    })
    t0 = time.monotonic()
    server.start()
    points = sorted(rnd.randint(int(ROWS * 0.1), int(ROWS * 0.9)) for _ in range(KILLS))
    for n, point in enumerate(points):
        with gw.lock:
            gw.lock.wait_for(lambda: gw.accepted >= point, timeout=60)
        if n == 0:
            killed = threading.Event()
            gw.window_kill = lambda: (server.kill9(), killed.set())
            if not killed.wait(30):
                gw.window_kill = None
                h.check(False, "the window kill happened")
                server.kill9()
        else:
            time.sleep(rnd.random() * 0.05)
            server.kill9()
        server.start()

    def drained():
        return h.db_rows(db, "SELECT COUNT(*) FROM outbox WHERE status NOT IN ('sent', 'delivered', 'dead')")[0][0] == 0
    h.check(h.wait_until(drained, 90, 0.2), "the outbox drains after the last restart")
    took = time.monotonic() - t0
    rc = server.stop()
    h.check(rc == 0, f"server stops cleanly on SIGTERM (exit {rc})")

    with gw.lock:
        deliveries = {k: list(v) for k, v in gw.deliveries.items()}
        phone = list(gw.phone)
    dups = {oid: v for oid, v in deliveries.items() if len(v) > 1}
    n_dup = sum(len(v) - 1 for v in dups.values())
    h.info(f"drained {ROWS} rows through {KILLS} kills in {took:.1f}s; gateway got {sum(map(len, deliveries.values()))} "
           f"accepted requests, {len(gw.refused)} answered 503 once")
    h.info(f"duplicate deliveries at the gateway (kill after the request reached it, before our commit): {n_dup} "
           f"on ids {sorted(dups)[:10]}; deduped by our outbox id")
    h.check(not gw.bad, f"every request carried a valid X-Confianza-Signature ({len(gw.bad)} bad)")
    h.check(set(deliveries) == set(ids), f"no row lost: {len(set(deliveries) & set(ids))}/{len(ids)} ids reached the gateway")
    h.check(n_dup >= 1, "the window kill produced the expected duplicate (proves the resend carries the same id)")
    h.check(n_dup <= KILLS * CONCURRENCY,
            f"at most one duplicate per send in flight at a kill ({CONCURRENCY} at once): {n_dup} <= {KILLS * CONCURRENCY}")
    h.check(all(len(set(v)) == 1 for v in deliveries.values()), "a repeated id always carried the same recipient and text")
    rows = {r[0]: r[1:] for r in h.db_rows(db, "SELECT id, recipient, text, status, gateway_id, attempts FROM outbox")}
    pairs = [(to, text) for _, to, text in phone]
    h.check(len(phone) == ROWS and len(set(pairs)) == ROWS and all(rows[i][:2] == (to, text) for i, to, text in phone),
            f"after dedupe by id each phone got its message exactly once ({len(phone)} messages, {len(set(pairs))} distinct)")
    bad_status = {i: r[2] for i, r in rows.items() if r[2] != "sent" or r[3] != f"fg-{i}"}
    h.check(not bad_status, f"every row is 'sent' with the gateway's id recorded (wrong: {list(bad_status.items())[:5]})")
    retried = [i for i in gw.refused if rows[i][4] < 2]
    h.check(not retried, f"rows answered 503 were retried with backoff ({len(gw.refused)} rows, attempts >= 2)")
    h.check(h.db_rows(db, "PRAGMA integrity_check")[0][0] == "ok", "SQLite integrity_check ok")
    gw.shutdown()
    h.finish()


if __name__ == "__main__":
    main()
