#!/usr/bin/env python3
"""Read-only database (issue 10): 503 while read-only, acknowledged = durable, no corruption.

As root, file modes stop nothing and `mount -o remount,ro` is refused while the server holds the
database open for writing. What does turn a database read-only under a running server is a disk
error on a filesystem mounted errors=remount-ro: so the database lives on an ext4 image,
loop-mounted errors=remount-ro, and the kernel is told to record an error
(/sys/fs/ext4/<dev>/trigger_fs_error) while signed generic webhooks stream in (phones running
MENU, APORTE n, 1, each message retried with the same id until acknowledged; they pause for the
instant of the error, so that no commit races it).

Proves: once the mount is read-only, webhooks are answered 503 (never a 200 for an unstored
message) and /health keeps answering; a server started on the read-only database refuses to run
rather than acknowledge anything; after the operator's repair (stop, unmount, e2fsck, mount,
start) the gateway's retries are stored once, every message acknowledged before the failure is
still there (synchronous=FULL), a replay of every id gets its first answer, contributions are
exactly the confirmed amounts, PRAGMA integrity_check is ok.
Skipped (exit 77) with the reason when an ext4 image cannot be loop-mounted here.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness as h  # noqa: E402

PHONES = 4 if h.QUICK else 8
SEED = int(os.environ.get("E2E_SEED") or time.time())
RO_SECONDS = 1.5 if h.QUICK else 3.0


def main():
    h.need_binary()
    why = h.Ext4Image.why_not()
    if why:
        h.skip(why)
    wd = h.Workdir("readonly")
    fs = h.Ext4Image(wd.file("db"), wd.file("ext4.img"), 32)
    db = os.path.join(fs.path, "confianza.sqlite")
    phones = [f"+5198730{i:04d}" for i in range(PHONES)]
    h.import_members(wd, db, [(p, f"Socia{i}", "socio", "F", i + 1) for i, p in enumerate(phones)]
                     + [("+51987399999", "Articuladora", "articulador", "F", PHONES + 1)])
    server = h.Server(wd, db).start()
    h.info(f"seed {SEED}, {PHONES} phones, database on a 32 MiB ext4 image on /dev/{fs.device} ({fs.options()})")
    traffic = h.PhoneTraffic(server, phones, SEED).start()

    # 1. Normal traffic, then the filesystem turns read-only under the running server.
    time.sleep(1.0)
    with traffic.lock:
        before = set(traffic.acks)
        h.check(before and not traffic.refused, f"before the error: {len(before)} messages acknowledged, no 503")
    # The error falls between requests: a commit whose fsync races the disk error can be lost by
    # ext4 itself (a bare SQLite writer with synchronous=FULL loses one now and then too), which
    # no server can promise against. Everything acknowledged before it must survive.
    h.check(traffic.pause(), "the phones pause between two requests")
    traffic.label = "read-only"
    t_err = time.monotonic()
    fs.trigger_error()
    traffic.resume()
    with traffic.lock:
        acked_at_error = set(traffic.acks)
    h.check(fs.readonly(), f"the mount is read-only after the disk error ({fs.options()})")
    got503 = h.wait_until(lambda: traffic.first503 is not None, 30, 0.02)
    h.check(got503, f"webhooks are answered 503 once the database is read-only "
            f"(first after {(traffic.first503 or time.monotonic()) - t_err:.2f}s)")
    time.sleep(RO_SECONDS)
    h.check(server.proc.poll() is None, f"the server stays up while the database is read-only (exit {server.proc.poll()})")
    pending = traffic.pending()
    with traffic.lock:
        acked_ro = set(traffic.acks) - acked_at_error
        h.info(f"while read-only: {sum(traffic.refused.values())} 503 answers, {len(pending)} messages waiting")
        h.check(not acked_ro, f"nothing is acknowledged once the database is read-only ({sorted(acked_ro)[:3]})")
        h.check(not traffic.health_bad,
                f"/health answered 200 throughout ({traffic.health_ok} probes, bad: {traffic.health_bad[:3]})")

    # 2. The operator restarts it on the same, still read-only, disk.
    rc = server.stop()
    h.info(f"server stopped on SIGTERM while read-only (exit {rc})")
    try:
        server.start(timeout=20)
        statuses = []
        for _ in range(3):
            try:
                statuses.append(h.generic(server.port, "readonly-probe", phones[0], "MENU")[0])
            except OSError as e:
                statuses.append(type(e).__name__)
        h.check(all(s == 503 for s in statuses),
                f"a server started on the read-only database answers webhooks 503 ({statuses})")
        server.stop()
    except RuntimeError as e:
        reason = next((ln for ln in reversed(str(e).splitlines()) if "rror" in ln), str(e).splitlines()[0])
        h.check(server.proc.poll() not in (None, 0),
                f"a server started on the read-only database refuses to run (exit {server.proc.poll()}): {reason[:140]}")

    # 3. Repair: unmount, e2fsck, mount, start. The gateway has kept retrying all along.
    traffic.label = "repair"
    fs.unmount(final=False)
    rc, last = fs.fsck()
    h.check(rc in (0, 1), f"e2fsck -fy: exit {rc} ({last})")
    fs.mount()
    h.check(not fs.readonly(), "mounted read-write again")
    server.start()
    t_up = time.monotonic()
    recovered = h.wait_until(lambda: all(m in traffic.acks for m in pending), 30, 0.02)
    h.check(recovered, f"after the repair every refused message is acknowledged on retry "
            f"({len(pending)} in {time.monotonic() - t_up:.2f}s)")
    time.sleep(0.3)
    h.check(traffic.stop(), "every phone finished its last message")
    h.info(f"longest webhook request: {traffic.slowest[0]:.2f}s ({traffic.slowest[1]}, {traffic.slowest[2]} {traffic.slowest[3]!r})")
    # Before any replay: is every acknowledged message in the repaired database?
    stored = {r[0] for r in h.db_rows(db, "SELECT message_id FROM inbound_message")}
    with traffic.lock:
        acked = set(traffic.acks)
    lost = acked - stored
    h.check(not lost, f"every acknowledged message survived the disk error and the repair ({len(acked_at_error)} "
            f"acknowledged before it, {len(acked)} in all; lost: {len(lost)} {sorted(lost)[:3]})")
    with traffic.lock:
        h.check(not traffic.other, f"every answer was 200 or 503 (other: {traffic.other[:3]}); "
                f"{traffic.unreachable} connection errors while the server was down")

    # 4. Replay of every id; the store.
    bad = traffic.replay()
    h.check(not bad, f"every answer to a repeated id equals the first one ({len(traffic.sent)} ids; differing: {bad[:5]})")
    rc = server.stop()
    h.check(rc == 0, f"server stops cleanly (exit {rc})")
    traffic.verify_store(db)
    h.check(h.db_rows(db, "PRAGMA integrity_check")[0][0] == "ok", "SQLite integrity_check ok at the end")
    h.finish()


if __name__ == "__main__":
    main()
