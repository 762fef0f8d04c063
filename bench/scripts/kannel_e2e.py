#!/usr/bin/env python3
"""End-to-end rate through a real Kannel: fakesmsc (the handsets, batch mode) → bearerbox → smsbox →
webhook (get-url) → reply → bearerbox → fakesmsc. Starts its own bearerbox, smsbox and fakesmsc on
free loopback ports, stops each by its PID.

    kannel_e2e.py LABEL MO_URL COUNT WORK_DIR [PHONES_FILE]

MO_URL is the get-url with Kannel escapes (%p %P %b %I %T %c %C). The handsets send COUNT messages
drawn at random from a mix of registered phones (PHONES_FILE: `phone<TAB>text` lines) or one fixed
message. The clock runs from the first MO to the last reply part seen at the handsets (the replies have
stopped for 1 s once at least COUNT parts came back, 10 s before that; a long reply is several
parts). Bounded: 180 s.
With KANNEL_CPUS set (a taskset list such as `0`), bearerbox, smsbox and fakesmsc run on those CPUs only.
Prints one line: KANNELRESULT label=… messages=… reply_parts=… seconds=… rate=… kannel_cpu_s=…
(kannel_cpu_s: CPU time of bearerbox, smsbox and fakesmsc together, start to stop).
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BEARERBOX = shutil.which("bearerbox") or "/usr/sbin/bearerbox"
SMSBOX = shutil.which("smsbox") or "/usr/sbin/smsbox"
FAKESMSC = os.environ.get("KANNEL_FAKESMSC") or "/usr/lib/kannel/test/fakesmsc"
LIMIT = 180.0
PIN = ["taskset", "-c", os.environ["KANNEL_CPUS"]] if os.environ.get("KANNEL_CPUS") else []


def cpu_seconds(proc):
    """User + system CPU time of a running process, from /proc (0 once it has gone)."""
    try:
        with open(f"/proc/{proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def listening(port):
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait(what, predicate, proc, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what}: process exited with {proc.returncode}")
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"timeout waiting for {what}")


def stop(proc, sig=signal.SIGTERM):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def main():
    label, mo_url, count, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    phones = sys.argv[5] if len(sys.argv) > 5 else None
    if not 1 <= count <= 20000:
        sys.exit("COUNT must be 1..20000")
    if not mo_url.startswith("http://127.0.0.1:") or '"' in mo_url:
        sys.exit("MO_URL must be http://127.0.0.1:… without quotes")
    for program in (BEARERBOX, SMSBOX, FAKESMSC):
        if not os.access(program, os.X_OK):
            print(f"KANNELRESULT label={label} skipped=missing:{os.path.basename(program)}")
            return
    run = os.path.join(work, f"kannel-{label}")
    os.makedirs(run, exist_ok=True)
    admin, smsbox_port, smsc, sendsms = free_ports(4)
    password = "bench"
    config = open(os.path.join(HERE, "..", "kannel", "kannel.conf.in"), encoding="utf-8").read()
    for key, value in {"ADMIN_PORT": admin, "SMSBOX_PORT": smsbox_port, "SMSC_PORT": smsc, "SENDSMS_PORT": sendsms,
                       "PASSWORD": password, "RUN_DIR": run, "MO_URL": mo_url}.items():
        config = config.replace(f"@{key}@", str(value))
    conf = os.path.join(run, "kannel.conf")
    open(conf, "w", encoding="utf-8").write(config)

    if phones:
        messages = [f"{phone} 4455 text {text}" for phone, text in
                    (line.rstrip("\n").split("\t", 1) for line in open(phones, encoding="utf-8") if "\t" in line)]
    else:
        messages = ["+51987000104 4455 text HOLA"]

    def status():
        with urllib.request.urlopen(f"http://127.0.0.1:{admin}/status.txt?password={password}", timeout=2) as r:
            return r.read().decode("utf-8", "replace")

    bearerbox = smsbox = fakesmsc = None
    logs = []
    try:
        logs.append(open(os.path.join(run, "bearerbox.out"), "wb"))
        bearerbox = subprocess.Popen(PIN + [BEARERBOX, conf], cwd=run, stdout=logs[-1], stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        wait("bearerbox", lambda: listening(admin) and listening(smsbox_port) and listening(smsc), bearerbox)
        logs.append(open(os.path.join(run, "smsbox.out"), "wb"))
        smsbox = subprocess.Popen(PIN + [SMSBOX, conf], cwd=run, stdout=logs[-1], stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
        wait("smsbox", lambda: listening(sendsms) and re.search(r"smsbox:.*on-line", status()) is not None, smsbox)
        mt_log = os.path.join(run, "fakesmsc.log")
        logs.append(open(mt_log, "wb"))
        start = time.time()
        fakesmsc = subprocess.Popen(PIN + [FAKESMSC, "-v", "1", "-H", "127.0.0.1", "-r", str(smsc), "-i", "0", "-m", str(count)]
                                    + messages, cwd=run, stdout=logs[-1], stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        # fakesmsc numbers the MT parts it receives ("Got message N:") but does not log every one.
        got = re.compile(rb"Got message (\d+):")
        parts, last_change, seen = 0, start, 0
        while time.time() - start < LIMIT:
            time.sleep(0.05)
            with open(mt_log, "rb") as f:
                seen = max((int(m.group(1)) for m in map(got.search, f) if m), default=0)
            if seen != parts:
                parts, last_change = seen, time.time()
            # Done when the replies stop: 1 s of quiet once every message could have its reply, 10 s before.
            quiet = time.time() - last_change
            if parts > 0 and quiet > (1.0 if parts >= count else 10.0):
                break
        seconds = last_change - start
        kannel_cpu = sum(cpu_seconds(p) for p in (bearerbox, smsbox, fakesmsc))
        print(f"KANNELRESULT label={label} messages={count} reply_parts={parts} seconds={seconds:.3f} "
              f"rate={count / seconds if seconds > 0 else 0:.1f} kannel_cpu_s={kannel_cpu:.2f}")
    finally:
        stop(fakesmsc)
        stop(smsbox)
        stop(bearerbox)
        for f in logs:
            f.close()


if __name__ == "__main__":
    main()
