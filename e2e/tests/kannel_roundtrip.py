#!/usr/bin/env python3
"""Kannel round trip (issue 6): a real bearerbox + smsbox + fakesmsc (e2e/kannel/) in front of
the real `confianza serve`, whose outbox sends through Kannel's sendsms.

1. MO with Spanish accents, sent as UCS-2 like a handset does: `¿Cómo está? APORTE 20` is stored
   byte-exact and the reply reaches fakesmsc intact; `Apórte 20` → `¿Confirma …` (a GSM-7 character
   outside ASCII) → `1` → a contribution.
2. Push: `AYUDA <long question>` → inline reply + an outbox row → sendsms → a 2-part message at the
   articulador's handset, text identical to the outbox row; the DLR marks the row delivered.
3. Kannel stopped in the middle of an outbox drain (pushes paced at 4/s): the outbox retries with
   backoff and, after Kannel is back on the same ports, every push arrives exactly once.
4. The server killed (-9) while a handset sends: smsbox retries (http-request-retry), the MO is
   stored once and its reply arrives once.
"""
import http.client
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kannel"))
import harness as h  # noqa: E402
import kannel  # noqa: E402

KEY = "e2e-kannel-key"
PUSHES = 6 if h.QUICK else 12
ANA, BEA, ARTI = "+51987500001", "+51987500002", "+51987500099"


def inbound(db, text):
    return h.db_rows(db, "SELECT message_id, text, replies FROM inbound_message WHERE gateway = 'kannel' AND text = ?", (text,))


def dlrs(k):
    """DLRs bearerbox has received so far (its access log)."""
    try:
        return sum(1 for line in open(os.path.join(k.run, "access.log"), errors="replace") if "Receive DLR" in line)
    except OSError:
        return 0


def http_get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def main():
    gone = kannel.missing()
    if gone:
        h.skip(f"Kannel is not installed (missing {', '.join(gone)}); apt-get install kannel kannel-extras")
    h.need_binary()
    wd = h.Workdir("kannel")
    db = wd.file("confianza.sqlite")
    socios = [(ANA, "Ana", "socio", "F", 1), (BEA, "Bea", "socio", "F", 2)]
    socios += [(f"+5198751{i:04d}", f"Socia{i}", "socio", "F", 10 + i) for i in range(PUSHES)]
    h.import_members(wd, db, socios + [(ARTI, "Arturo", "articulador", "M", 99)])

    port = h.free_ports(1)[0]
    k = kannel.Kannel(os.path.join(wd.path, "kannel"), f"http://127.0.0.1:{port}/webhooks/kannel?key={KEY}"
                      "&from=%p&to=%P&text=%b&id=%I&ts=%T&smsc=%i&coding=%c&charset=%C")
    server = h.Server(wd, db, port=port, env={
        "CONFIANZA_GATEWAYS_KANNEL_SECRET": KEY,
        "CONFIANZA_GATEWAYS_KANNEL_SENDSMS_URL": k.sendsms_url,
        "CONFIANZA_GATEWAYS_KANNEL_USERNAME": k.user,
        "CONFIANZA_GATEWAYS_KANNEL_PASSWORD": k.password,
        "CONFIANZA_GATEWAYS_OUTBOUND": "kannel",
        "CONFIANZA_OUTBOX_POLL_SECONDS": "0.05",
        "CONFIANZA_OUTBOX_BACKOFF_BASE_SECONDS": "0.5",
        "CONFIANZA_OUTBOX_BACKOFF_MAX_SECONDS": "2",
        "CONFIANZA_OUTBOX_MAX_ATTEMPTS": "50",
        "CONFIANZA_OUTBOX_RATE_PER_SECOND": "4",
    })
    t = time.monotonic()
    k.start()
    server.start()
    h.info(f"Kannel up (sendsms {k.sendsms_url}), serve on :{port}, {time.monotonic() - t:.1f}s")

    def to(phone):
        return lambda m: m["to"] == phone

    def say(phone, text, n_before):
        k.mo(phone, k.shortcode, text, ucs2=any(ord(c) > 127 for c in text))
        got = k.wait_mt(to(phone), n_before + 1, 15)
        return got[n_before] if len(got) > n_before else None

    # 1. MO with accents, reply intact.
    q = "¿Cómo está? APORTE 20"
    mt = say(ANA, q, 0)
    rows = inbound(db, q)
    h.check(len(rows) == 1, f"MO {q!r} (UCS-2 from the handset) stored byte-exact once (rows: {len(rows)})")
    want = "\n".join(json.loads(rows[0][2])) if rows else None
    h.check(mt is not None and mt["text"] == want and mt["from"] == k.shortcode,
            f"its reply reached fakesmsc intact: {mt and mt['text']!r} ({mt and mt['coding']})")
    mt = say(ANA, "Apórte 20", 1)
    h.check(mt is not None and mt["text"].startswith("¿Confirma su aporte de S/ 20.00"),
            f"'Apórte 20' → {mt and mt['text']!r} (¿ is GSM-7, kept)")
    mt = say(ANA, "1", 2)
    h.check(mt is not None and "anotado" in mt["text"], f"'1' → {mt and mt['text']!r}")
    n = h.db_rows(db, "SELECT COUNT(*) FROM contribution c JOIN member m ON m.id = c.member_id WHERE m.phone = ?", (ANA,))[0][0]
    h.check(n == 1, f"one contribution stored for the confirmed APORTE ({n})")

    # 2. Push through sendsms: a forwarded question, two segments, then a delivery report.
    question = ("¿cuándo es la feria de semillas en la comunidad? Tenemos papa nativa, oca y mashua "
                "para llevar y queremos saber si hay puesto para la asociación")
    mt = say(BEA, "AYUDA " + question, 0)
    h.check(mt is not None and "enviada a su articulador" in mt["text"], f"AYUDA answered inline: {mt and mt['text']!r}")
    got = k.wait_mt(to(ARTI), 1, 15)
    row = h.db_rows(db, "SELECT id, text, segments FROM outbox WHERE recipient = ? ORDER BY id", (ARTI,))
    h.check(len(got) == 1 and len(row) == 1 and got[0]["text"] == row[0][1],
            f"push reached the articulador intact via sendsms ({got and got[0]['parts']} part(s), outbox says "
            f"{row and row[0][2]} segment(s)): {got and got[0]['text'][:60]!r}…")
    # The forwarded question is cut to one SMS by the bot (every send fits its budget); what
    # arrives must be exactly as many parts as the outbox row says it costs.
    h.check(bool(got) and bool(row) and got[0]["parts"] == row[0][2], "the push arrived in as many parts as the outbox counted")
    # The fake SMSC reports 8 (accepted by the SMSC) and 1 (delivered), in either order.
    h.wait_until(lambda: dlrs(k) >= 2, 10, 0.1)
    time.sleep(0.5)   # smsbox's GETs of our dlr-url
    status = h.db_rows(db, "SELECT status FROM outbox WHERE id = ?", (row[0][0],))[0][0]
    h.check(status == "delivered", f"after Kannel's DLRs 8 and 1 the row is 'delivered' ({status!r}; {dlrs(k)} DLRs received)")
    # The same two reports, in the order that matters, straight to the status route.
    for typ in (1, 8):
        http_get(port, f"/webhooks/kannel/status?key={KEY}&out={row[0][0]}&type={typ}")
    status = h.db_rows(db, "SELECT status FROM outbox WHERE id = ?", (row[0][0],))[0][0]
    h.check(status == "delivered", f"a late non-final DLR (type 8 after type 1) does not undo 'delivered' ({status!r})")

    # 3. Kannel stopped in the middle of a drain; the outbox retries until it is back.
    before = len(k.wait_mt(to(ARTI), 0, 0))
    asks = [f"pregunta {i} sobre el fondo" for i in range(PUSHES)]
    for i, a in enumerate(asks):   # through the generic webhook: Kannel is about to go away
        h.generic_until_ok(port, f"ask-{i}", f"+5198751{i:04d}", "AYUDA " + a, time.monotonic() + 20)
    k.wait_mt(lambda m: m["to"] == ARTI and "pregunta 0 " in m["text"], 1, 15)
    k.stop()
    stopped_at = len(k.wait_mt(to(ARTI), 0, 0)) - before
    h.info(f"Kannel stopped after {stopped_at} of {PUSHES} pushes arrived")
    retried = h.wait_until(lambda: h.db_rows(
        db, "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND status = 'queued' AND attempts >= 2 AND last_error IS NOT NULL",
        (ARTI,))[0][0] >= 1, 15, 0.1)
    h.check(retried, "while Kannel is down the outbox keeps the rows queued and retries them (attempts >= 2, last_error set)")
    time.sleep(1.5)
    k.start()
    h.info("Kannel restarted on the same ports")
    arrived = k.wait_mt(lambda m: m["to"] == ARTI and "pregunta" in m["text"], PUSHES, 30)
    time.sleep(2)   # anything doubled would show up now
    texts = [m["text"] for m in k.mt if m["to"] == ARTI and "pregunta" in m["text"]]
    counts = {a: sum(1 for x in texts if a in x) for a in asks}
    h.check(len(arrived) >= PUSHES and all(c == 1 for c in counts.values()),
            f"all {PUSHES} pushes arrived exactly once after the restart (counts {sorted(set(counts.values()))}, total {len(texts)})")
    st = h.db_rows(db, "SELECT status, COUNT(*), MAX(attempts) FROM outbox GROUP BY status")
    h.check(all(s in ("sent", "delivered") for s, _, _ in st), f"every outbox row sent or delivered: {st}")

    # 4. The server killed while a handset writes: smsbox retries the webhook.
    before = len(k.wait_mt(to(BEA), 0, 0))
    server.kill9()
    k.mo(BEA, k.shortcode, "MIO")
    time.sleep(1.2)
    server.start()
    got = k.wait_mt(to(BEA), before + 1, 15)
    time.sleep(1.5)
    after = k.wait_mt(to(BEA), 0, 0)
    rows = h.db_rows(db, "SELECT COUNT(*) FROM inbound_message WHERE gateway = 'kannel' AND sender = ? AND text = 'MIO'", (BEA,))[0][0]
    h.check(len(got) > before and len(after) == before + 1 and "Bea" in after[-1]["text"] and rows == 1,
            f"MO sent while the server was down: stored once, one reply after the restart ({after[-1]['text'][:40]!r}…)")

    seen = {}
    for m in k.mt:
        seen[(m["to"], m["text"])] = seen.get((m["to"], m["text"]), 0) + 1
    doubled = [key for key, c in seen.items() if c > 1]
    h.check(not doubled, f"no message arrived twice at any handset ({len(k.mt)} MT in all; doubled: {doubled[:3]})")
    rc = server.stop()
    k.stop()
    h.check(rc == 0, f"server stops cleanly on SIGTERM (exit {rc})")
    errs = [line for name in ("bearerbox", "smsbox") for line in open(os.path.join(k.run, f"{name}.log"), errors="replace")
            if "PANIC:" in line]
    h.check(not errs, f"no PANIC in Kannel's logs {errs[:2]}")
    h.finish()


if __name__ == "__main__":
    main()
