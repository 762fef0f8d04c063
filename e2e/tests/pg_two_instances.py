#!/usr/bin/env python3
"""Two `confianza serve` instances on one PostgreSQL (issue 8).

A throw-away PostgreSQL 15 cluster, two servers on it (different ports), both running the outbox
worker and the scheduler, which sends the generic gateway's outbound messages to a fake gateway.
Phones script MENU, APORTE <amount>, 1 in a loop, half through the generic webhook (inline
replies), half through the Android webhook (replies through the outbox); each message goes to a
random instance, retried with the same id until acknowledged, and some are sent again to the
OTHER instance (a duplicate after the ack, or a twin while the first attempt is in flight).
Meanwhile both schedulers find the weekly summary due; afterwards `confianza summaries run` for an
older week runs twice at once.

Then, counted in PostgreSQL with psql: every message recorded once; contributions exactly the
confirmed ones; every Android message has exactly one reply row in the outbox; the fake gateway
got every outbox row exactly once; one summary per network, week and recipient.
"""
import datetime
import json
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness as h  # noqa: E402
import pg  # noqa: E402

PHONES = 8 if h.QUICK else 16
CYCLES = 4 if h.QUICK else 8
NETWORKS = ("E2E", "E2F")
SEED = int(os.environ.get("E2E_SEED") or time.time())


def iso_week(day):
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def main():
    why = pg.why_not()
    if why:
        h.skip(why)
    h.need_binary()
    rnd = random.Random(SEED)
    h.info(f"seed {SEED} (E2E_SEED to repeat), {PHONES} phones x {CYCLES} cycles on 2 instances")
    wd = h.Workdir("pg2")
    cluster = pg.Cluster("two")
    url = cluster.url
    gateway = pg.FakeGateway()

    phones = [f"+5198720{i:04d}" for i in range(PHONES)]
    csv = wd.file("members.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("network,phone,name,role,gender,roster\n")
        for n, code in enumerate(NETWORKS):
            f.write(f"{code},+5198729{n:04d},Presidenta{n},presidente,F,1\n")
            f.write(f"{code},+51987299999,Articuladora,articulador,F,2\n")
        for i, p in enumerate(phones):
            f.write(f"{NETWORKS[i % 2]},{p},Socia{i},socio,F,{i + 3}\n")
    h.confianza(["import", "members", csv, "--database", url], wd.path)

    # Both schedulers: the weekly summary slot is today 00:00 in Lima, so it is due at start.
    lima = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=-5)))
    env = {**pg.outbound_env(gateway),
           "CONFIANZA_SCHEDULE_WEEKDAY": str(lima.isoweekday()), "CONFIANZA_SCHEDULE_TIME": "00:00",
           "CONFIANZA_SCHEDULE_CATCH_UP_HOURS": "48", "CONFIANZA_SCHEDULE_TICK_SECONDS": "1"}
    servers = [h.Server(wd, None, env=env, database=url, log=f"serve-{n}.log") for n in ("a", "b")]
    for s in servers:
        s.start()
    h.info(f"instances on ports {servers[0].port} and {servers[1].port}, fake gateway on {gateway.port}")

    lock = threading.Lock()
    acks = {}             # (gateway, id) -> [answer bodies] (generic: every 200 body; android: status only)
    expected = {p: [] for p in phones}
    stats = {"dup_other": 0, "twins": {}, "errors": [], "retries": 0}

    def send(route, port, msg_id, phone, text):
        try:
            if route == "generic":
                return h.generic(port, msg_id, phone, text)
            return pg.android(port, msg_id, phone, text)
        except OSError:
            return None, b""

    def until_ok(route, port, msg_id, phone, text, deadline):
        tries = 0
        while True:
            tries += 1
            st, body = send(route, port, msg_id, phone, text)
            if st == 200:
                return body, tries
            if st not in (None, 502, 503, 504):
                raise RuntimeError(f"{msg_id}: HTTP {st} {body[:200]!r}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{msg_id} not acknowledged after {tries} tries")
            time.sleep(0.05)

    def phone_script(i, phone, seed):
        r = random.Random(seed)
        route = "generic" if i % 2 == 0 else "android"
        try:
            for c in range(CYCLES):
                amount = 10 + i * 100 + c
                for step, text in (("menu", "MENU"), ("aporte", f"APORTE {amount}"), ("si", "1")):
                    msg_id = f"{phone}-{c}-{step}"
                    first, other = r.sample(servers, 2)
                    twin, twin_out = None, []
                    if r.random() < 0.2:   # a retry reaches the other instance while the first is in flight
                        twin = threading.Thread(
                            target=lambda: twin_out.append(send(route, other.port, msg_id, phone, text)), daemon=True)
                        twin.start()
                    body, tries = until_ok(route, first.port, msg_id, phone, text, time.monotonic() + 60)
                    answers = [body]
                    if twin:
                        twin.join(30)
                        st = twin_out[0][0] if twin_out else None
                        with lock:
                            stats["twins"][st] = stats["twins"].get(st, 0) + 1
                        if st == 200:
                            answers.append(twin_out[0][1])
                    if r.random() < 0.3:   # the gateway lost our 200 and its retry lands on the other instance
                        again, _ = until_ok(route, other.port, msg_id, phone, text, time.monotonic() + 60)
                        answers.append(again)
                        with lock:
                            stats["dup_other"] += 1
                    with lock:
                        acks[(route, msg_id)] = answers
                        stats["retries"] += tries - 1
                with lock:
                    expected[phone].append(amount * 100)
        except Exception as e:  # noqa: BLE001
            with lock:
                stats["errors"].append(f"{phone}: {e}")

    t0 = time.monotonic()
    threads = [threading.Thread(target=phone_script, args=(i, p, rnd.random()), daemon=True) for i, p in enumerate(phones)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    burst = time.monotonic() - t0
    for e in stats["errors"]:
        h.check(False, f"sender error: {e}")
    total = PHONES * CYCLES * 3
    h.info(f"burst: {total} messages in {burst:.1f}s, {stats['dup_other']} duplicates sent to the other instance "
           f"after the ack, concurrent twins by answer {stats['twins']}, {stats['retries']} retries")
    h.check(len(acks) == total, f"every message acknowledged ({len(acks)}/{total})")
    h.check(set(stats["twins"]) <= {200, 503}, "a concurrent twin on the other instance gets 200 or 503 (retry later)")
    differing = [k for k, bodies in acks.items() if k[0] == "generic" and any(b != bodies[0] for b in bodies)]
    h.check(not differing, f"every answer to a repeated generic id, from either instance, equals the first ({differing[:3]})")

    # Summaries for an older week, enqueued by two CLI runs at once.
    old_week = iso_week(lima.date() - datetime.timedelta(days=14))
    argv = [h.BIN, "summaries", "run", "--week", old_week, "--database", url]
    runs = [h.PROCS.spawn(argv, cwd=wd.path, env=h.base_env(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outs = []
    for p in runs:
        out, _ = p.communicate(timeout=60)
        outs.append(out.strip().splitlines()[0] if out.strip() else f"exit {p.returncode}")
        h.check(p.returncode == 0, f"summaries run --week {old_week} exits 0 ({outs[-1]})")

    # Both outbox workers drain the outbox.
    def drained():
        return cluster.scalar("SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')") == "0"
    h.check(h.wait_until(drained, 60, 0.2), "both outbox workers drain the outbox")
    time.sleep(1.5)   # a late duplicate send would show up now
    for s in servers:
        st, _ = h.http_get(s.port, "/ready")
        h.check(st == 200, f"/ready on port {s.port}: {st}")
    for s in servers:
        rc = s.stop()
        h.check(rc == 0, f"instance on port {s.port} stops cleanly on SIGTERM (exit {rc})")

    # The database.
    rows = cluster.psql("SELECT gateway, message_id, COUNT(*) FROM inbound_message GROUP BY gateway, message_id")
    stored = {(g, m): int(n) for g, m, n in rows}
    acked = set(acks)
    h.check(all(n == 1 for n in stored.values()) and set(stored) == acked,
            f"inbound_message holds each of the {len(acked)} acknowledged messages exactly once (rows {sum(stored.values())}, "
            f"missing {len(acked - set(stored))}, extra {len(set(stored) - acked)})")
    bad_replies = []
    for g, m, replies in cluster.psql("SELECT gateway, message_id, array_to_json(replies) FROM inbound_message WHERE gateway = 'generic'"):
        want = [r["text"] for r in json.loads(acks.get((g, m), [b'{"replies": []}'])[0])["replies"]]
        if json.loads(replies) != want:
            bad_replies.append(m)
    h.check(not bad_replies, f"stored replies equal the acknowledged ones ({bad_replies[:3]})")
    got = {}
    for phone, cents in cluster.psql("SELECT m.phone, c.amount_cents FROM contribution c JOIN member m ON m.id = c.member_id"):
        got.setdefault(phone, []).append(int(cents))
    want_n = sum(map(len, expected.values()))
    got_n = sum(map(len, got.values()))
    h.check(all(sorted(got.get(p, [])) == sorted(expected[p]) for p in phones) and got_n == want_n,
            f"contributions: {got_n} stored = {want_n} confirmed, same amounts per phone (none lost, none doubled)")

    android_ids = [m for g, m in acks if g == "android"]
    per_phone = {}
    for m in android_ids:
        phone = m.split("-")[0]
        per_phone[phone] = per_phone.get(phone, 0) + 1
    replies = {p: int(n) for p, n in cluster.psql("SELECT recipient, COUNT(*) FROM outbox WHERE kind = 'reply' GROUP BY recipient")}
    h.check(replies == per_phone,
            f"one reply row in the outbox per Android message: {sum(replies.values())} rows for {len(android_ids)} messages, "
            f"per phone equal")
    sent = gateway.ids()
    outbox_ids = {r[0] for r in cluster.psql("SELECT id FROM outbox")}
    statuses = dict(cluster.psql("SELECT status, COUNT(*) FROM outbox GROUP BY status"))
    h.check(len(sent) == len(set(sent)) and set(sent) == outbox_ids,
            f"the fake gateway got each of the {len(outbox_ids)} outbox rows exactly once ({len(sent)} requests, "
            f"{len(set(sent))} distinct); statuses {statuses}")
    h.check(set(statuses) == {"sent"}, f"every outbox row ended sent: {statuses}")

    summaries = cluster.psql(
        "SELECT s.week, s.network_id, s.recipient, (SELECT COUNT(*) FROM outbox o WHERE o.kind = 'summary' "
        "AND o.network_id = s.network_id AND o.recipient = s.recipient) FROM summary_sent s")
    weeks = {}
    for week, network, recipient, _ in summaries:
        weeks.setdefault(week, set()).add((network, recipient))
    summary_rows = int(cluster.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'summary'"))
    claims = len(summaries)
    networks = {n for n, in cluster.psql("SELECT id FROM network")}
    h.info(f"summary claims per week: { {w: len(v) for w, v in weeks.items()} }, summary rows in the outbox {summary_rows}, "
           f"CLI: {outs}")
    h.check(len(weeks) == 2 and old_week in weeks, f"two weeks summarised: the scheduler's and {old_week}")
    h.check(all({n for n, _ in v} == networks for v in weeks.values()),
            "every network has its summary claimed for both weeks")
    h.check(summary_rows == claims and claims > 0,
            f"one summary per network, week and recipient: {summary_rows} outbox rows = {claims} claims")
    h.finish()


if __name__ == "__main__":
    main()
