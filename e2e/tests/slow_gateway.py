#!/usr/bin/env python3
"""Slow gateway (issue 10): the outbox backs off, the server stays responsive.

`confianza serve` sends its outbox through the generic JSON gateway to a fake gateway here whose
behaviour changes by phase:
  fast   answers 200 at once (baseline, and at the end to drain);
  slow   answers 503 after SLOW seconds;
  hang   (full mode) never answers one request: our HTTP client gives up after its total timeout
         (15 s for the generic gateway), then the gateway is fast again.
Outbox rows come from `AYUDA …` webhooks (a question forwarded to the articulador). A probe loop
runs all along: GET /health and a signed generic webhook, one after the other, every 50 ms.

Proves, from the outbox rows themselves (read when the next attempt arrives at the gateway): each
retry waits the configured backoff, base * 2^(attempts-1) with ±50% jitter, capped, counted from
the failed answer (not_before - failure time), and never comes early; `attempts` counts every try;
a hung request is cut at the client timeout and retried like a 503. Meanwhile /health and webhooks
keep answering fast (p50/p99/max per phase; all 200, p99 under P99_LIMIT while the gateway is
slow or hung). At the end every row is 'sent' and the gateway got each outbox id exactly once.
"""
import http.server
import json
import os
import select
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness as h  # noqa: E402

SLOW = 2.0                              # seconds before the slow gateway's 503
SLOW_PHASE = 7.0 if h.QUICK else 10.0
HANG = not h.QUICK                      # the 15 s client timeout costs 15 s
BASE, CAP = 0.5, 4.0                    # outbox.backoff_base_seconds / backoff_max_seconds
CLIENT_TIMEOUT = 15.0                   # GenericConfig.totalTimeout
P99_LIMIT = 0.5                         # seconds; the gateway takes 2 s (slow) or 15 s (hang)
TOL_EARLY, TOL_LATE = 0.05, 0.35        # clock and commit slack on the backoff window
SOCIOS = [f"+5198760{i:04d}" for i in range(4)]
ARTI = "+51987609999"


class Gateway(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, db):
        super().__init__(("127.0.0.1", 0), Handler)
        self.db = db
        self.mode = "fast"
        self.lock = threading.Lock()
        self.requests = []          # dicts: oid, start, end, outcome, row (attempts, not_before, status, last_error)
        self.accepted = {}          # oid -> count of 200s
        self.bad = []
        self.closing = threading.Event()

    def handle_send(self, handler, body, ts, sig):
        start = time.time()
        if h.sign(body, ts=ts)[1] != sig:
            self.bad.append("signature")
            return 401, {}
        oid = int(json.loads(body)["id"])
        row = h.db_rows(self.db, "SELECT attempts, not_before, status, last_error FROM outbox WHERE id = ?", (oid,))
        rec = {"oid": oid, "start": start, "row": row[0] if row else None}
        with self.lock:
            mode = self.mode
            if mode == "hang":
                self.mode = "fast"      # only one request hangs
            self.requests.append(rec)
        if mode == "hang":
            conn = handler.connection
            while not self.closing.is_set():
                r, _, _ = select.select([conn], [], [], 0.05)
                if r and conn.recv(1, socket.MSG_PEEK) == b"":
                    break               # our client gave up and closed the connection
            rec.update(end=time.time(), outcome="timeout")
            return None, None
        if mode == "slow":
            self.closing.wait(SLOW)
            rec.update(end=time.time(), outcome="503")
            return 503, {"error": "busy"}
        with self.lock:
            self.accepted[oid] = self.accepted.get(oid, 0) + 1
        rec.update(end=time.time(), outcome="200")
        return 200, {"gateway_id": f"fg-{oid}"}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, answer = self.server.handle_send(
            self, body, self.headers.get("X-Confianza-Timestamp", ""), self.headers.get("X-Confianza-Signature", ""))
        if status is None:
            self.close_connection = True
            return
        out = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)
        except OSError:
            pass

    def log_message(self, *_):
        pass


class Probe:
    """GET /health and a signed webhook, alternately, every 50 ms; latencies by phase."""

    def __init__(self, port):
        self.port = port
        self.phase = "fast"
        self.samples = []           # (phase, kind, seconds, status)
        self.stop = threading.Event()
        self.n = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def timed(self, kind, fn):
        t = time.monotonic()
        try:
            st = fn()[0]
        except OSError as e:
            st = type(e).__name__
        self.samples.append((self.phase, kind, time.monotonic() - t, st))

    def run(self):
        while not self.stop.is_set():
            self.n += 1
            self.timed("health", lambda: h.http_get(self.port, "/health", timeout=10))
            phone = SOCIOS[self.n % len(SOCIOS)]
            self.timed("webhook", lambda: h.generic(self.port, f"probe-{self.n}", phone, "MENU", timeout=10))
            self.stop.wait(0.05)

    def figures(self, phase, kind):
        xs = [s for p, k, s, _ in self.samples if p == phase and k == kind]
        bad = [st for p, k, _, st in self.samples if p == phase and k == kind and st != 200]
        if not xs:
            return None
        return {"n": len(xs), "p50": h.percentile(xs, 50), "p99": h.percentile(xs, 99), "max": max(xs), "bad": bad}


def expected_delay(failures):
    """The un-jittered backoff after `failures` failed attempts (OutboxSettings.backoff)."""
    return min(CAP, BASE * 2 ** max(0, failures - 1))


def main():
    h.need_binary()
    wd = h.Workdir("slowgw")
    db = wd.file("confianza.sqlite")
    h.import_members(wd, db, [(p, f"Socia{i}", "socio", "F", i + 1) for i, p in enumerate(SOCIOS)]
                     + [(ARTI, "Arturo", "articulador", "M", 99)])
    gw = Gateway(db)
    threading.Thread(target=gw.serve_forever, daemon=True).start()
    server = h.Server(wd, db, env={
        "CONFIANZA_GATEWAYS_OUTBOUND": "generic",
        "CONFIANZA_GATEWAYS_GENERIC_OUTBOUND_URL": f"http://127.0.0.1:{gw.server_port}/send",
        "CONFIANZA_GATEWAYS_GENERIC_OUTBOUND_SECRET": h.GENERIC_SECRET,
        "CONFIANZA_OUTBOX_POLL_SECONDS": "0.05",
        "CONFIANZA_OUTBOX_BACKOFF_BASE_SECONDS": str(BASE),
        "CONFIANZA_OUTBOX_BACKOFF_MAX_SECONDS": str(CAP),
        "CONFIANZA_OUTBOX_MAX_ATTEMPTS": "50",
    }).start()
    h.info(f"gateway: slow = 503 after {SLOW}s for {SLOW_PHASE}s, then "
           + ("one request left unanswered (client timeout), then " if HANG else "")
           + f"fast; backoff base {BASE}s cap {CAP}s")
    probe = Probe(server.port)
    probe.thread.start()
    asked = []

    def ask(n):
        msg_id = f"ask-{n}"
        body, _ = h.generic_until_ok(server.port, msg_id, SOCIOS[n % len(SOCIOS)],
                                     f"AYUDA pregunta {n}: ¿a qué hora es la reunión del sábado?", time.monotonic() + 20)
        asked.append(msg_id)
        return body

    def rows():
        return h.db_rows(db, "SELECT id, status, attempts, not_before, last_error FROM outbox ORDER BY id")

    # A. Fast gateway: the baseline.
    t = time.monotonic()
    body = ask(0)
    h.check("enviada a su articulador" in json.loads(body)["replies"][0]["text"], "AYUDA is answered inline")
    sent = h.wait_until(lambda: rows() and rows()[0][1] == "sent", 5, 0.02)
    h.check(sent, f"with a fast gateway the forwarded question is sent at once ({time.monotonic() - t:.2f}s)")
    time.sleep(1.0)

    # B. Slow gateway: 503 after SLOW seconds.
    with gw.lock:
        gw.mode = "slow"
    probe.phase = "slow"
    ask(1)
    time.sleep(SLOW_PHASE / 2)
    if not h.QUICK:
        ask(2)                  # queued behind the slow sends of the first one
    time.sleep(SLOW_PHASE / 2)

    # C. One request never answered: cut by our client's timeout.
    if HANG:
        with gw.lock:
            gw.mode = "hang"
        probe.phase = "hang"
        ask(len(asked))
        hung = h.wait_until(lambda: any(r.get("outcome") == "timeout" for r in gw.requests), CLIENT_TIMEOUT + 15, 0.1)
        h.check(hung, "the unanswered request was given up by the server")
    else:
        with gw.lock:
            gw.mode = "fast"

    # D. Fast again: everything drains.
    probe.phase = "drain"
    t = time.monotonic()
    drained = h.wait_until(lambda: all(r[1] == "sent" for r in rows()) and len(rows()) == len(asked), 30, 0.05)
    h.check(drained, f"after the gateway is fast again the outbox drains ({time.monotonic() - t:.1f}s)")
    time.sleep(0.5)
    probe.stop.set()
    probe.thread.join(15)
    rc = server.stop()
    h.check(rc == 0, f"server stops cleanly on SIGTERM (exit {rc})")
    gw.closing.set()
    gw.shutdown()

    # The backoff, attempt by attempt, from the rows as the next attempt found them.
    final = {r[0]: r for r in rows()}
    by_id = {}
    for rec in gw.requests:
        by_id.setdefault(rec["oid"], []).append(rec)
    early, outside, spacing = [], [], []
    for oid, recs in by_id.items():
        for prev, cur in zip(recs, recs[1:]):
            attempts, not_before = cur["row"][0], cur["row"][1]
            failures = attempts - 1                      # failed tries before this one
            d = expected_delay(failures)
            delay = not_before - prev["end"]             # what the server scheduled after the failure
            spacing.append((oid, failures, prev["outcome"], round(delay, 2), round(d * 0.5, 2), round(d * 1.5, 2)))
            if not (0.5 * d - TOL_EARLY <= delay <= 1.5 * d + TOL_LATE):
                outside.append(spacing[-1])
            if cur["start"] < not_before - TOL_EARLY:
                early.append((oid, failures, round(not_before - cur["start"], 2)))
    for oid, recs in sorted(by_id.items()):
        steps = [r["outcome"] + (f" (retry scheduled +{r2['row'][1] - r['end']:.2f}s, came +{r2['start'] - r['end']:.2f}s)"
                                 if r2 else "") for r, r2 in zip(recs, recs[1:] + [None])]
        h.info(f"outbox {oid}: " + " → ".join(steps) + f"  (db: {final[oid][1]}, attempts {final[oid][2]})")
    waits = [(cur["start"] - cur["row"][1], oid) for oid, recs in by_id.items() for cur in recs[1:]]
    if waits:
        w, oid = max(waits)
        h.info(f"longest wait past a row's not_before: {w:.2f}s (outbox {oid}); the worker sends one message at a "
               "time, so a slow or hung request holds back every other due row")
    slow_fails = max((sum(1 for r in recs if r["outcome"] == "503") for recs in by_id.values()), default=0)
    h.check(slow_fails >= (2 if h.QUICK else 3), f"a row was retried against the slow gateway {slow_fails} times")
    h.check(spacing and not outside,
            f"each retry scheduled base*2^(attempts-1) ±50% (cap {CAP}s) after the failure: {len(spacing)} retries "
            f"checked, outside the window: {outside[:3]}")
    h.check(not early, f"no retry came before its row's not_before ({early[:3]})")
    h.check(all(final[oid][2] == len(recs) for oid, recs in by_id.items()),
            f"'attempts' in the outbox equals the requests the gateway saw for every row "
            f"({[(oid, final[oid][2], len(recs)) for oid, recs in by_id.items()]})")
    h.check(any(r["row"][3] and "503" in r["row"][3] for r in gw.requests),
            "a retried row carries the gateway's failure as last_error ('HTTP 503')")
    if HANG:
        hangs = [r for r in gw.requests if r.get("outcome") == "timeout"]
        took = [r["end"] - r["start"] for r in hangs]
        h.check(len(hangs) == 1 and CLIENT_TIMEOUT - 0.5 <= took[0] <= CLIENT_TIMEOUT + 2,
                f"the unanswered request was cut by the client timeout after {took and round(took[0], 2)}s "
                f"(configured {CLIENT_TIMEOUT:.0f}s)")
        after = [cur["row"][3] for recs in by_id.values() for prev, cur in zip(recs, recs[1:]) if prev.get("outcome") == "timeout"]
        h.info(f"last_error after the timeout: {after[:1]}")
        h.check(bool(after), "the timed-out row was retried (backoff checked above)")

    # Responsiveness.
    limits_ok = True
    for phase in ["fast", "slow"] + (["hang"] if HANG else []) + ["drain"]:
        for kind in ("health", "webhook"):
            f = probe.figures(phase, kind)
            if f is None:
                continue
            h.info(f"{phase:5} {kind:7}: n={f['n']:3} p50 {f['p50'] * 1000:6.1f} ms  p99 {f['p99'] * 1000:6.1f} ms  "
                   f"max {f['max'] * 1000:6.1f} ms" + (f"  non-200: {f['bad'][:3]}" if f["bad"] else ""))
            if f["bad"] or (phase in ("slow", "hang") and f["p99"] > P99_LIMIT):
                limits_ok = False
    h.check(limits_ok, f"/health and webhooks answered 200 throughout, p99 < {P99_LIMIT * 1000:.0f} ms while the gateway "
            f"was slow{' or hung' if HANG else ''}")

    # Delivery.
    h.check(not gw.bad, "every request carried a valid signature")
    h.check(len(final) == len(asked) and all(r[1] == "sent" for r in final.values()),
            f"one outbox row per AYUDA ({len(final)} rows, {len(asked)} questions), all 'sent'")
    h.check(sorted(gw.accepted) == sorted(final) and all(n == 1 for n in gw.accepted.values()),
            f"the gateway accepted each outbox id exactly once ({gw.accepted})")
    probes = [s for s in probe.samples if s[1] == "webhook"]
    stored = h.db_rows(db, "SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE 'probe-%'")[0][0]
    h.check(stored == len(probes), f"every probe webhook stored once ({stored}/{len(probes)})")
    h.check(h.db_rows(db, "PRAGMA integrity_check")[0][0] == "ok", "SQLite integrity_check ok")
    h.finish()


if __name__ == "__main__":
    main()
