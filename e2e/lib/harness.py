"""Shared pieces of the end-to-end tier (Python 3 stdlib only).

- Procs: starts processes, records each PID (also in $E2E_PIDFILE, so run.sh's trap can stop
  them if this interpreter dies), and stops them by PID only.
- Server: the real `confianza serve` on a temp SQLite database, 127.0.0.1 and a free port.
- generic(): a signed POST to /webhooks/generic (gateways.md §8).
- check()/info()/finish(): result reporting; exit 0 pass, 1 fail, 77 skip.
"""
import atexit
import hashlib
import hmac
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.environ.get("E2E_REPO") or os.path.join(HERE, "..", ".."))
BIN = os.environ.get("CONFIANZA_BIN") or os.path.join(REPO, ".build", "debug", "confianza")
QUICK = os.environ.get("E2E_QUICK") == "1" or "--quick" in sys.argv
SKIP = 77
GENERIC_SECRET = "e2e-generic-secret"
NETWORK = "E2E"
T0 = time.monotonic()

_failures = []
_checks = 0


def info(msg):
    print(f"  [{time.monotonic() - T0:6.1f}s] {msg}", flush=True)


def check(ok, what):
    """Records one assertion; a failed one fails the test but the test goes on."""
    global _checks
    _checks += 1
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        _failures.append(what)
    return ok


def finish():
    sys.exit(1 if _failures or _checks == 0 else 0)


def skip(reason):
    print(f"  SKIP {reason}", flush=True)
    sys.exit(SKIP)


def free_ports(n):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def wait_until(pred, timeout, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if pred():
                return True
        except Exception:
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


class Procs:
    """Every process a test starts; stopped by PID (and only while /proc shows the same program)."""

    def __init__(self):
        self.live = {}  # pid -> (Popen, program basename)
        self.pidfile = os.environ.get("E2E_PIDFILE")
        self.closing = False
        atexit.register(self.stop_all)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)

    @staticmethod
    def _on_signal(signum, _frame):
        raise SystemExit(128 + signum)  # runs finally blocks and atexit

    def spawn(self, argv, **kw):
        if self.closing:
            raise SystemExit("shutting down: not starting " + argv[0])
        kw.setdefault("stdin", subprocess.DEVNULL)
        p = subprocess.Popen(argv, **kw)
        name = os.path.basename(argv[0]) if argv[0] != "stdbuf" else os.path.basename(argv[2])
        self.live[p.pid] = (p, name)
        if self.pidfile:
            with open(self.pidfile, "a") as f:
                f.write(f"{p.pid} {name}\n")
        return p

    def ours(self, pid):
        p, name = self.live.get(pid, (None, None))
        if p is None or p.poll() is not None:
            return False
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return name.encode() in f.read()
        except OSError:
            return False

    def send(self, p, sig):
        if self.ours(p.pid):
            os.kill(p.pid, sig)

    def stop(self, p, sig=signal.SIGTERM, grace=10.0):
        """Sends sig, waits up to grace seconds, then SIGKILL; reaps the process."""
        if p is None:
            return None
        self.send(p, sig)
        try:
            p.wait(grace)
        except subprocess.TimeoutExpired:
            self.send(p, signal.SIGKILL)
            p.wait(5)
        self.live.pop(p.pid, None)
        return p.returncode

    def stop_all(self):
        self.closing = True
        for pid in list(self.live):
            p, _ = self.live[pid]
            self.stop(p, signal.SIGKILL, 5)


PROCS = Procs()


class Workdir:
    """A temp dir removed at exit (kept when E2E_KEEP=1 or the test failed and E2E_KEEP_FAILED=1)."""

    def __init__(self, tag):
        base = os.environ.get("E2E_TMP") or None
        self.path = tempfile.mkdtemp(prefix=f"confianza-e2e-{tag}.", dir=base)
        atexit.register(self.remove)

    def remove(self):
        keep = os.environ.get("E2E_KEEP") == "1" or (_failures and os.environ.get("E2E_KEEP_FAILED") == "1")
        if keep:
            print(f"  (kept {self.path})", flush=True)
        else:
            shutil.rmtree(self.path, ignore_errors=True)

    def file(self, name):
        return os.path.join(self.path, name)


def need_binary():
    if not (os.path.isfile(BIN) and os.access(BIN, os.X_OK)):
        print(f"  FAIL confianza binary not found at {BIN} (build it: swift build --product confianza; or set CONFIANZA_BIN)")
        sys.exit(1)


def base_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFIANZA_")}
    env.update({
        "CONFIANZA_MESSAGES_DIRECTORY": os.path.join(REPO, "config", "messages"),
        "CONFIANZA_GATEWAYS_GENERIC_SECRET": GENERIC_SECRET,
        "CONFIANZA_LIMITS_FLOOD_PER_MINUTE": "10000",
        "CONFIANZA_LOG_LEVEL": "notice",
    })
    env.update(extra or {})
    return env


def confianza(args, workdir, env=None, db=None, check_rc=True):
    """Runs a one-shot CLI command (import, migrate, chat) and returns its stdout."""
    argv = [BIN] + args + (["--database", f"sqlite:{db}"] if db else [])
    cfg = os.path.join(REPO, "config", "confianza.yaml")
    if os.path.exists(cfg):
        argv += ["--config", cfg]
    r = subprocess.run(argv, cwd=workdir, env=base_env(env), capture_output=True, text=True, timeout=60)
    if check_rc and r.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({r.returncode}): {r.stdout}{r.stderr}")
    return r.stdout


def import_members(wd, db, rows):
    """rows: (phone, name, role, gender, roster)."""
    path = wd.file("members.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("network,phone,name,role,gender,roster\n")
        for phone, name, role, gender, roster in rows:
            f.write(f"{NETWORK},{phone},{name},{role},{gender},{roster}\n")
    return confianza(["import", "members", path], wd.path, db=db)


class Server:
    """`confianza serve` on 127.0.0.1:port with a SQLite file; restartable on the same port."""

    def __init__(self, wd, db, env=None, port=None):
        self.wd, self.db = wd, db
        self.port = port or free_ports(1)[0]
        self.env = base_env({"CONFIANZA_SERVER_PUBLIC_URL": f"http://127.0.0.1:{self.port}", **(env or {})})
        self.proc = None
        self.starts = 0
        self.log = wd.file("serve.log")

    def start(self, timeout=30):
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("confianza serve is still running: stop or kill it first")
        argv = [BIN, "serve", "--database", f"sqlite:{self.db}", "--host", "127.0.0.1", "--port", str(self.port)]
        cfg = os.path.join(REPO, "config", "confianza.yaml")
        if os.path.exists(cfg):
            argv += ["--config", cfg]
        log = open(self.log, "ab")
        log.write(f"---- start {self.starts + 1}\n".encode())
        log.flush()
        self.proc = PROCS.spawn(argv, cwd=self.wd.path, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.starts += 1
        if not wait_until(self.healthy, timeout):
            rc = self.proc.poll()
            raise RuntimeError(f"confianza serve not healthy after {timeout}s (exit {rc}); log {self.log}:\n{self.tail()}")
        return self

    def healthy(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"confianza serve exited with {self.proc.returncode}:\n{self.tail()}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
            c.request("GET", "/health")
            ok = c.getresponse().status == 200
            c.close()
            return ok
        except OSError:
            return False

    def kill9(self):
        PROCS.stop(self.proc, signal.SIGKILL, 5)

    def stop(self):
        return PROCS.stop(self.proc, signal.SIGTERM, 15)

    def tail(self, n=25):
        try:
            with open(self.log, "rb") as f:
                return b"\n".join(f.read().splitlines()[-n:]).decode("utf-8", "replace")
        except OSError:
            return ""


def sign(body, secret=None, ts=None):
    """(timestamp, "sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>")."""
    ts = ts or str(int(time.time()))
    mac = hmac.new((GENERIC_SECRET if secret is None else secret).encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return ts, "sha256=" + mac


def generic(port, msg_id, frm, text, to="+51100", timeout=10):
    """One signed generic webhook. Returns (status, body bytes); raises OSError on transport errors."""
    body = json.dumps({"id": msg_id, "from": frm, "to": to, "text": text}, ensure_ascii=False).encode()
    ts, sig = sign(body)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("POST", "/webhooks/generic", body=body, headers={
            "Content-Type": "application/json", "X-Confianza-Timestamp": ts, "X-Confianza-Signature": sig})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def generic_until_ok(port, msg_id, frm, text, deadline):
    """Sends until HTTP 200 (same id every time): the behaviour of a gateway that retries."""
    tries = 0
    while True:
        tries += 1
        try:
            status, body = generic(port, msg_id, frm, text)
            if status == 200:
                return body, tries
            if status not in (502, 503, 504):
                raise RuntimeError(f"{msg_id}: HTTP {status} {body[:200]!r}")
        except (OSError, http.client.HTTPException):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{msg_id} not acknowledged after {tries} tries")
        time.sleep(0.02 if tries < 5 else 0.1)


def db_rows(db, sql, args=()):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
