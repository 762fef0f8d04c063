#!/usr/bin/env python3
"""Disk full (issue 10): 503, nothing half-written, no corruption, recovery without a restart.

The database lives on a small tmpfs of its own (root ignores file modes and has no reserved blocks
on a tmpfs, so this is a real ENOSPC). While `confianza serve` takes a steady stream of signed
generic webhooks (phones running MENU, APORTE n, 1; each message retried with the same id until
it is acknowledged, as a gateway does), the tmpfs is filled to the last byte by a filler file.

While the disk is full: webhooks are answered 503 (never a 200 for a message that was not stored;
nothing of a refused message is in the database), /health keeps answering, the server stays up.
The filler is deleted: the same process recovers by itself and the gateway's retries are stored
once. After a restart, a replay of every id gets its first answer; each acknowledged id is stored
exactly once, ids never acknowledged not at all, contributions are exactly the confirmed amounts,
PRAGMA integrity_check is ok.
Skipped (exit 77) with the reason when a tmpfs cannot be mounted (not root, no mount).
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness as h  # noqa: E402

PHONES = 4 if h.QUICK else 8
SEED = int(os.environ.get("E2E_SEED") or time.time())
FULL_SECONDS = 1.5 if h.QUICK else 3.0      # how long the disk stays full after the first 503
TMPFS_KIB = 8 * 1024


def main():
    h.need_binary()
    why = h.Tmpfs.why_not()
    if why:
        h.skip(why)
    wd = h.Workdir("diskfull")
    fs = h.Tmpfs(wd.file("db"), TMPFS_KIB)
    db = os.path.join(fs.path, "confianza.sqlite")
    filler = os.path.join(fs.path, "filler")
    phones = [f"+5198720{i:04d}" for i in range(PHONES)]
    h.import_members(wd, db, [(p, f"Socia{i}", "socio", "F", i + 1) for i, p in enumerate(phones)]
                     + [("+51987299999", "Articuladora", "articulador", "F", PHONES + 1)])
    server = h.Server(wd, db).start()
    h.info(f"seed {SEED}, {PHONES} phones, database on a {TMPFS_KIB // 1024} MiB tmpfs "
           f"({os.path.getsize(db) // 1024} KiB after import)")
    traffic = h.PhoneTraffic(server, phones, SEED).start()

    # 1. Normal traffic, then the disk fills up under it.
    time.sleep(1.0)
    with traffic.lock:
        before = len(traffic.acks)
        h.check(before > 0 and not traffic.refused, f"before the disk fills: {before} messages acknowledged, no 503")
    traffic.label = "full"
    t_fill = time.monotonic()
    n = fs.fill(filler)
    h.info(f"filler wrote {n // 1024} KiB, {fs.free_bytes()} bytes left")
    got503 = h.wait_until(lambda: traffic.first503 is not None, 30, 0.02)
    h.check(got503, f"webhooks are answered 503 once the disk is full "
            f"(first after {(traffic.first503 or time.monotonic()) - t_fill:.2f}s)")
    time.sleep(FULL_SECONDS)
    h.check(server.proc.poll() is None, f"the server stays up while the disk is full (exit {server.proc.poll()})")
    try:
        ready = h.http_get(server.port, "/ready", timeout=5)
    except OSError as e:
        ready = (None, str(e).encode())
    h.info(f"/ready while full: {ready[0]} {ready[1][:50]!r}")
    pending = traffic.pending()
    stored = {r[0] for r in h.db_rows(db, "SELECT message_id FROM inbound_message")}
    h.check(pending and not (pending & stored),
            f"{len(pending)} message(s) refused with 503 and still pending; none of them is in inbound_message "
            f"(half-written: {sorted(pending & stored)[:3]})")
    with traffic.lock:
        h.info(f"while full: {sum(traffic.refused.values())} 503 answers, {len(traffic.acks) - before} "
               "acknowledged after the fill began (in flight, or in file space already allocated)")

    # 2. The condition clears: the same process recovers, the retries are stored once.
    traffic.label = "freed"
    os.unlink(filler)
    t_free = time.monotonic()
    recovered = h.wait_until(lambda: all(m in traffic.acks for m in pending), 30, 0.02)
    took = time.monotonic() - t_free
    with traffic.lock:
        after = len(traffic.acks)
    time.sleep(0.5)
    with traffic.lock:
        flowing = len(traffic.acks) - after
    h.check(recovered and server.starts == 1,
            f"after the filler is deleted every refused message is acknowledged on retry by the same process "
            f"(in {took:.2f}s, server starts: {server.starts})")
    h.check(flowing > 0, f"new messages keep flowing after the recovery ({flowing} in 0.5s)")
    h.check(traffic.stop(), "every phone finished its last message")
    with traffic.lock:
        h.check(not traffic.other and not traffic.unreachable,
                f"every answer was 200 or 503 (other: {traffic.other[:3]}, transport errors: {traffic.unreachable})")
        h.check(not traffic.health_bad,
                f"/health answered 200 throughout ({traffic.health_ok} probes, bad: {traffic.health_bad[:3]})")
    rc = server.stop()
    h.check(rc == 0, f"server stops cleanly on SIGTERM after the episode (exit {rc})")
    h.check(h.db_rows(db, "PRAGMA integrity_check")[0][0] == "ok", "integrity_check ok after the disk-full episode")

    # 3. After a restart: a gateway replaying every id gets the first answer; the store.
    server.start()
    bad = traffic.replay()
    h.check(not bad, f"every answer to a repeated id equals the first one ({len(traffic.sent)} ids; differing: {bad[:5]})")
    rc = server.stop()
    h.check(rc == 0, f"server stops cleanly (exit {rc})")
    traffic.verify_store(db)
    h.check(h.db_rows(db, "PRAGMA integrity_check")[0][0] == "ok", "SQLite integrity_check ok at the end")
    h.info(f"{len(traffic.sent)} ids, {sum(traffic.refused.values())} 503 answers in all")
    h.finish()


if __name__ == "__main__":
    main()
