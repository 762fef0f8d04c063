#!/usr/bin/env python3
"""PostgreSQL restarted in the middle of a burst (issue 8).

Two `confianza serve` instances on a throw-away PostgreSQL 15 cluster. Phones script MENU,
APORTE <amount>, 1 through the generic webhook, each message retried with the same id until it is
acknowledged (what a gateway does), alternating between the instances. Once part of the burst is
acknowledged, PostgreSQL is stopped (pg_ctl stop -m fast, by its folder), kept down for a while,
and started again; the servers are NOT restarted. /ready is probed on both instances throughout.
The servers run with a webhook deadline (limits.webhook_deadline_seconds) shorter than the outage
and than the store's 5 s connection wait, so that a webhook arriving while PostgreSQL is down is
answered 503 at its deadline while its transaction waits on in the background.

Then: webhooks caught mid-transaction by the stop and webhooks that arrive during the outage are
answered 503 (at least one by the deadline, counted in /metrics as
confianza_inbound_failed_total{reason="deadline"}), and none waits until the gateway's own timeout;
no 2xx for a message that is then missing; every acknowledged message stored exactly once with the
replies it was answered with, including those whose transaction committed after their webhook had
been answered 503; contributions exactly the confirmed ones (nothing half-written, nothing
doubled); both servers are the processes started at the beginning and answer 200 again by
themselves; /ready said 503 during the outage and 200 again after it.
"""
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness as h  # noqa: E402
import pg  # noqa: E402

PHONES = 6 if h.QUICK else 10
CYCLES = 4 if h.QUICK else 8
OUTAGE = 3.0 if h.QUICK else 8.0
STOP_AT = 0.3   # share of the burst acknowledged before PostgreSQL goes down
HTTP_TIMEOUT = 20.0    # seconds a gateway waits for our answer before it retries
DEADLINE = 1.5         # limits.webhook_deadline_seconds of the servers: well inside the outage
SEED = int(os.environ.get("E2E_SEED") or time.time())


def failures_by_reason(port):
    """confianza_inbound_failed_total of one instance, summed per reason label (from /metrics)."""
    st, body = h.http_get(port, "/metrics")
    counts = {}
    for line in body.decode("utf-8", "replace").splitlines():
        if line.startswith("confianza_inbound_failed_total{") and 'reason="' in line:
            reason = line.split('reason="', 1)[1].split('"', 1)[0]
            counts[reason] = counts.get(reason, 0) + int(float(line.rsplit(" ", 1)[1]))
    return counts if st == 200 else {}


def main():
    why = pg.why_not()
    if why:
        h.skip(why)
    h.need_binary()
    total = PHONES * CYCLES * 3
    h.info(f"seed {SEED} (E2E_SEED to repeat), {PHONES} phones x {CYCLES} cycles = {total} messages, "
           f"PostgreSQL down for {OUTAGE:.0f}s")
    wd = h.Workdir("pgrestart")
    cluster = pg.Cluster("restart")
    url = cluster.url
    phones = [f"+5198730{i:04d}" for i in range(PHONES)]
    csv = wd.file("members.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("network,phone,name,role,gender,roster\n")
        for i, p in enumerate(phones):
            f.write(f"{h.NETWORK},{p},Socia{i},socio,F,{i + 1}\n")
    h.confianza(["import", "members", csv, "--database", url], wd.path)
    env = {"CONFIANZA_LIMITS_WEBHOOK_DEADLINE_SECONDS": str(DEADLINE)}
    servers = [h.Server(wd, None, database=url, env=env, log=f"serve-{n}.log").start() for n in ("a", "b")]
    pids = [s.proc.pid for s in servers]

    lock = threading.Lock()
    events = []        # (monotonic time, msg id, status or None) of every attempt
    acks = {}          # id -> first 200 body
    expected = {p: [] for p in phones}
    errors = []
    ready = {s.port: [] for s in servers}   # (monotonic start, monotonic end, status)
    window = {}        # "down", "up": monotonic instants
    stopping = threading.Event()

    def attempt(server, msg_id, phone, text):
        t = time.monotonic()
        try:
            st, body = h.generic(server.port, msg_id, phone, text, timeout=HTTP_TIMEOUT)
        except OSError:
            st, body = None, b""
        with lock:
            events.append((time.monotonic(), msg_id, st, time.monotonic() - t))
        return st, body

    def phone_script(i, phone):
        try:
            for c in range(CYCLES):
                amount = 10 + i * 100 + c
                for step, text in (("menu", "MENU"), ("aporte", f"APORTE {amount}"), ("si", "1")):
                    msg_id = f"{phone}-{c}-{step}"
                    deadline = time.monotonic() + (40 if h.QUICK else 90)
                    n = 0
                    while True:
                        st, body = attempt(servers[(i + n) % 2], msg_id, phone, text)
                        n += 1
                        if st == 200:
                            with lock:
                                acks[msg_id] = body
                            break
                        if st not in (None, 503):
                            raise RuntimeError(f"{msg_id}: HTTP {st} {body[:200]!r}")
                        if time.monotonic() > deadline:
                            raise TimeoutError(f"{msg_id} not acknowledged after {n} tries")
                        time.sleep(0.2)
                with lock:
                    expected[phone].append(amount * 100)
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append(f"{phone}: {e}")

    def probe(s):
        # One prober per server: during the outage a probe takes about a second (the store's ping waits that
        # long for a connection), and one loop over both servers could miss a short outage on one of them.
        while not stopping.is_set():
            started = time.monotonic()
            try:
                st, _ = h.http_get(s.port, "/ready", timeout=10)
            except OSError:
                st = None
            with lock:
                ready[s.port].append((started, time.monotonic(), st))
            time.sleep(0.2)

    def outage():
        while len(acks) < total * STOP_AT and not stopping.is_set():
            time.sleep(0.01)
        window["down"] = time.monotonic()
        cluster.stop_fast()
        h.info(f"PostgreSQL stopped after {len(acks)} acknowledged messages")
        time.sleep(OUTAGE)
        window["starting"] = time.monotonic()
        cluster.start()
        window["up"] = time.monotonic()
        h.info(f"PostgreSQL started again ({window['up'] - window['starting']:.1f}s to start)")

    t0 = time.monotonic()
    threads = [threading.Thread(target=phone_script, args=(i, p), daemon=True) for i, p in enumerate(phones)]
    probers = [threading.Thread(target=probe, args=(s,), daemon=True) for s in servers]
    killer = threading.Thread(target=outage, daemon=True)
    for t in threads + probers + [killer]:
        t.start()
    for t in threads:
        t.join(100 if h.QUICK else 240)
    stopping.set()
    killer.join(120)
    time.sleep(0.5)
    for t in probers:
        t.join(15)
    burst = time.monotonic() - t0
    for e in errors:
        h.check(False, f"sender error: {e}")
    h.check("up" in window, "PostgreSQL was stopped and started again during the burst")
    down, up = window.get("down", 0), window.get("up", 0)

    refused = [e for e in events if e[2] == 503]
    in_outage = [e for e in refused if down <= e[0] <= up + DEADLINE + 1]
    cut = sum(1 for e in events if e[2] is None)
    first_ok = min((t for t, _, st, _ in events if st == 200 and t > up), default=None)
    slowest = max((e[3] for e in events), default=0)
    h.info(f"burst {burst:.1f}s: {len(events)} requests, {len(acks)} acknowledged, {len(refused)} answered 503 "
           f"({len(in_outage)} in the outage), {cut} timed out or cut, slowest answer {slowest:.1f}s; first 200 "
           + (f"{first_ok - up:.1f}s after PostgreSQL was back" if first_ok else "never") + " after the restart")
    h.check(len(in_outage) >= 1, f"at least one 503 while PostgreSQL was down ({len(in_outage)})")
    h.check(cut == 0 and slowest <= DEADLINE + 3,
            f"every request answered, none left waiting for the gateway's timeout ({cut} cut, slowest {slowest:.1f}s, "
            f"deadline {DEADLINE}s)")
    h.check(len(acks) == total, f"every message acknowledged in the end ({len(acks)}/{total})")
    h.check(first_ok is not None, "the servers answered 200 again after PostgreSQL came back, without a restart")
    h.check([s.proc.pid for s in servers] == pids and all(s.proc.poll() is None for s in servers) and
            all(s.starts == 1 for s in servers), "both servers are the processes started at the beginning")

    for s in servers:
        probes = ready[s.port]
        # Probes wholly inside the outage (one that was still waiting for a connection when PostgreSQL came back
        # may rightly say 200).
        bad = [st for t, end, st in probes if down + 0.5 < t and end < window.get("starting", up)]
        after = [st for t, _, st in probes if t > (first_ok or up)]
        h.info(f"/ready on {s.port}: {len(probes)} probes, during the outage {sorted(set(map(str, bad)))}, "
               f"last {probes[-1][2] if probes else None}")
        h.check(bad and all(st == 503 for st in bad), f"/ready on {s.port} answered 503 during the outage")
        h.check(after and after[-1] == 200, f"/ready on {s.port} answers 200 again after the outage")

    # A final replay of every id: same answer as first acknowledged.
    mismatch = []
    for i, p in enumerate(phones):
        for c in range(CYCLES):
            for step, text in (("menu", "MENU"), ("aporte", f"APORTE {10 + i * 100 + c}"), ("si", "1")):
                msg_id = f"{p}-{c}-{step}"
                st, body = h.generic(servers[c % 2].port, msg_id, p, text)
                if st != 200 or body != acks.get(msg_id):
                    mismatch.append(msg_id)
    h.check(not mismatch, f"a replay of every id on either instance gets the first answer ({mismatch[:3]})")
    failed = {}
    for s in servers:
        for reason, n in failures_by_reason(s.port).items():
            failed[reason] = failed.get(reason, 0) + n
    late = sum(open(s.log, "rb").read().count(b"finished after its deadline") for s in servers)
    h.info(f"confianza_inbound_failed_total by reason on both instances: {failed}; "
           f"{late} transactions finished after their webhook was answered 503")
    h.check(failed.get("deadline", 0) >= 1,
            f"webhooks that arrived during the outage were answered 503 at their deadline ({failed.get('deadline', 0)})")
    for s in servers:
        rc = s.stop()
        h.check(rc == 0, f"instance on port {s.port} stops cleanly on SIGTERM (exit {rc})")

    rows = cluster.psql("SELECT message_id, array_to_json(replies) FROM inbound_message WHERE gateway = 'generic'")
    ids = [m for m, _ in rows]
    h.check(len(ids) == len(set(ids)) and set(ids) == set(acks),
            f"inbound_message holds each of the {len(acks)} acknowledged ids exactly once (rows {len(ids)}, "
            f"missing {len(set(acks) - set(ids))}, stored but never acknowledged {len(set(ids) - set(acks))})")
    bad = [m for m, replies in rows if m in acks and json.loads(replies) != [r["text"] for r in json.loads(acks[m])["replies"]]]
    h.check(not bad, f"stored replies equal the acknowledged ones ({bad[:3]})")
    got = {}
    for phone, cents in cluster.psql("SELECT m.phone, c.amount_cents FROM contribution c JOIN member m ON m.id = c.member_id"):
        got.setdefault(phone, []).append(int(cents))
    want_n, got_n = sum(map(len, expected.values())), sum(map(len, got.values()))
    h.check(all(sorted(got.get(p, [])) == sorted(expected[p]) for p in phones) and got_n == want_n,
            f"contributions: {got_n} stored = {want_n} confirmed (nothing half-written, nothing doubled)")
    states = int(cluster.scalar("SELECT COUNT(*) FROM conversation_state"))
    h.check(states == PHONES, f"one conversation state per phone ({states})")
    h.finish()


if __name__ == "__main__":
    main()
