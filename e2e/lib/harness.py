"""Shared pieces of the end-to-end tier (Python 3 stdlib only).

- Procs: starts processes, records each PID (also in $E2E_PIDFILE, so run.sh's trap can stop
  them if this interpreter dies), and stops them by PID only.
- Server: the real `confianza serve` on a temp SQLite database, 127.0.0.1 and a free port.
- generic(): a signed POST to /webhooks/generic (gateways.md §8).
- Tmpfs: a small tmpfs for one test (disk full). Mounts are unmounted at exit and listed in
  $E2E_TMP/mounts so that run.sh's trap unmounts them if this interpreter is killed.
- Ext4Image: an ext4 image loop-mounted with errors=remount-ro (read-only under a running server).
- PhoneTraffic: phones scripting MENU / APORTE n / 1 with gateway-style retries, and the checks
  of the store against what was acknowledged.
- http_get(), percentile(): probes and their latency figures.
- check()/info()/finish(): result reporting; exit 0 pass, 1 fail, 77 skip.
"""
import atexit
import errno
import hashlib
import hmac
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
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
        # These tests count every outbox row: keep the scheduler's automatic messages (weekly
        # summaries, digests, reminders) out of them. Its own tests live in Tests/EngineTests.
        "CONFIANZA_SCHEDULE_WEEKDAY": "7",
        "CONFIANZA_SCHEDULE_TIME": "23:59",
        "CONFIANZA_SCHEDULE_CATCH_UP_HOURS": "0",
        "CONFIANZA_SCHEDULE_DIGESTS": "false",
        "CONFIANZA_SCHEDULE_REMINDERS": "false",
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
    """`confianza serve` on 127.0.0.1:port with a SQLite file (or `database`, a postgres:// URL);
    restartable on the same port."""

    def __init__(self, wd, db, env=None, port=None, database=None, log="serve.log"):
        self.wd, self.db = wd, db
        self.database = database or f"sqlite:{db}"
        self.port = port or free_ports(1)[0]
        self.env = base_env({"CONFIANZA_SERVER_PUBLIC_URL": f"http://127.0.0.1:{self.port}", **(env or {})})
        self.proc = None
        self.starts = 0
        self.log = wd.file(log)

    def start(self, timeout=30):
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("confianza serve is still running: stop or kill it first")
        argv = [BIN, "serve", "--database", self.database, "--host", "127.0.0.1", "--port", str(self.port)]
        cfg = os.path.join(REPO, "config", "confianza.yaml")
        if os.path.exists(cfg):
            argv += ["--config", cfg]
        log = open(self.log, "ab")
        log.write(f"---- start {self.starts + 1}\n".encode())
        log.flush()
        self.proc = PROCS.spawn(argv, cwd=self.wd.path, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.starts += 1
        up = wait_until(lambda: self.proc.poll() is not None or self.healthy(), timeout)
        rc = self.proc.poll()
        if rc is not None:   # it exited: say so at once instead of waiting out the timeout
            raise RuntimeError(f"confianza serve exited with {rc} at start; log {self.log}:\n{self.tail()}")
        if not up:
            raise RuntimeError(f"confianza serve not healthy after {timeout}s; log {self.log}:\n{self.tail()}")
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
    return http_request(port, "POST", "/webhooks/generic", body, {
        "Content-Type": "application/json", "X-Confianza-Timestamp": ts, "X-Confianza-Signature": sig}, timeout)


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


def http_request(port, method, path, body=None, headers=None, timeout=5):
    """One request to 127.0.0.1:port on a fresh connection. Returns (status, body bytes); raises OSError
    on transport errors."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def http_get(port, path, timeout=5):
    """GET on 127.0.0.1:port. Returns (status, body bytes); raises OSError on transport errors."""
    return http_request(port, "GET", path, timeout=timeout)


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list (p in 0..100)."""
    v = sorted(values)
    return v[max(0, min(len(v) - 1, -(-len(v) * p // 100) - 1))]


def _run(argv, timeout=30):
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)


def _keep():
    return os.environ.get("E2E_KEEP") == "1" or bool(_failures and os.environ.get("E2E_KEEP_FAILED") == "1")


class Mount:
    """A filesystem mounted on `path` for one test (disk full, read-only).

    Recorded in $E2E_TMP/mounts (run.sh's trap unmounts leftovers if this interpreter is killed)
    and unmounted at exit after this test's processes have been stopped; a busy mount is detached
    lazily. With E2E_KEEP=1 its files are copied to `<path>.kept` first.
    """

    def __init__(self, path):
        self.path = path
        self.mounted = False
        os.makedirs(path, exist_ok=True)
        atexit.register(self.unmount)

    @staticmethod
    def why_not():
        """Why no filesystem can be mounted here (not root, no mount), or None."""
        if os.geteuid() != 0:
            return "needs root to mount a filesystem for the database (CI runs as root)"
        if not shutil.which("mount") or not shutil.which("umount"):
            return "mount/umount not installed"
        return None

    def _mount(self, argv):
        r = _run(argv)
        if r.returncode != 0:
            raise OSError(f"{' '.join(argv[:4])}… failed: {r.stderr.strip() or r.returncode}")
        if not self.mounted and os.environ.get("E2E_TMP"):
            with open(os.path.join(os.environ["E2E_TMP"], "mounts"), "a") as f:
                f.write(self.path + "\n")
        self.mounted = True

    def options(self):
        return _run(["findmnt", "-n", "-o", "OPTIONS", self.path]).stdout.strip()

    def free_bytes(self):
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize

    def unmount(self, final=True):
        if not self.mounted:
            return
        if final:
            PROCS.stop_all()   # a server still holding files here would keep the mount busy
            if _keep():
                keep = self.path.rstrip("/") + ".kept"
                shutil.copytree(self.path, keep, dirs_exist_ok=True, ignore_dangling_symlinks=True)
                print(f"  (mounted files copied to {keep})", flush=True)
        if _run(["umount", self.path]).returncode != 0:
            if not final:
                raise OSError(f"umount {self.path} failed (busy?)")
            _run(["umount", "-l", self.path])
        self.mounted = False


class Tmpfs(Mount):
    """A tmpfs of `size_kib` KiB: fill() makes a real disk full (root has no reserved space here)."""

    def __init__(self, path, size_kib):
        super().__init__(path)
        self._mount(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "e2e-tmpfs", path])

    @staticmethod
    def why_not():
        why = Mount.why_not()
        if why:
            return why
        probe = tempfile.mkdtemp(prefix="confianza-e2e-mountprobe.", dir=os.environ.get("E2E_TMP") or None)
        try:
            r = _run(["mount", "-t", "tmpfs", "-o", "size=64k", "e2e-probe", probe])
            if r.returncode != 0:
                return f"cannot mount a tmpfs here ({r.stderr.strip() or 'exit ' + str(r.returncode)})"
            _run(["umount", probe])
            return None
        finally:
            os.rmdir(probe)

    def fill(self, filler, chunk=4096):
        """Writes `filler` until the filesystem is full (ENOSPC); returns the bytes written."""
        n = 0
        buf = b"\0" * chunk
        with open(filler, "wb", buffering=0) as f:
            while True:
                try:
                    w = f.write(buf)
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
                    if chunk > 1:   # the last partial page
                        chunk //= 2
                        buf = buf[:chunk]
                        continue
                    break
                n += w
        return n


class Ext4Image(Mount):
    """An ext4 image file loop-mounted with errors=remount-ro.

    trigger_error() makes the kernel record a filesystem error, and with errors=remount-ro the
    mount turns read-only at once, under the open files of a running server (what a failing disk
    does; `mount -o remount,ro` refuses while files are open for writing). Such a mount cannot be
    made read-write again: unmount, e2fsck, mount.
    """

    TOOLS = ("losetup", "mkfs.ext4", "e2fsck", "findmnt")

    def __init__(self, path, image, size_mib):
        super().__init__(path)
        self.image = image
        with open(image, "wb") as f:
            f.truncate(size_mib * 1024 * 1024)
        # No lazy init (no background zeroing after mount), and the image flushed before use, so
        # that the server's fsyncs do not pay for mkfs's writes.
        r = _run(["mkfs.ext4", "-q", "-F", "-m", "0", "-E", "lazy_itable_init=0,lazy_journal_init=0", image], 60)
        if r.returncode != 0:
            raise OSError(f"mkfs.ext4 failed: {r.stderr.strip()}")
        self._flush_image()
        self.mount()

    def _flush_image(self):
        fd = os.open(self.image, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    @staticmethod
    def why_not():
        why = Mount.why_not()
        if why:
            return why
        gone = [t for t in Ext4Image.TOOLS if not shutil.which(t)]
        if gone:
            return f"missing {', '.join(gone)} (apt-get install e2fsprogs util-linux)"
        if not os.path.exists("/dev/loop-control"):
            return "no loop devices here (/dev/loop-control missing)"
        probe = tempfile.mkdtemp(prefix="confianza-e2e-loopprobe.", dir=os.environ.get("E2E_TMP") or None)
        try:
            img = os.path.join(probe, "img")
            with open(img, "wb") as f:
                f.truncate(8 * 1024 * 1024)
            if _run(["mkfs.ext4", "-q", "-F", img], 60).returncode != 0:
                return "mkfs.ext4 failed on a scratch image"
            mnt = os.path.join(probe, "m")
            os.mkdir(mnt)
            r = _run(["mount", "-o", "loop", img, mnt])
            if r.returncode != 0:
                return f"cannot loop-mount an ext4 image here ({r.stderr.strip() or 'exit ' + str(r.returncode)})"
            try:
                dev = os.path.basename(_run(["findmnt", "-n", "-o", "SOURCE", mnt]).stdout.strip())
                if not os.path.exists(f"/sys/fs/ext4/{dev}/trigger_fs_error"):
                    return f"this kernel has no /sys/fs/ext4/{dev}/trigger_fs_error to make the mount read-only"
            finally:
                _run(["umount", mnt])
            return None
        finally:
            shutil.rmtree(probe, ignore_errors=True)

    def mount(self):
        self._mount(["mount", "-o", "loop,errors=remount-ro", self.image, self.path])
        self.device = os.path.basename(_run(["findmnt", "-n", "-o", "SOURCE", self.path]).stdout.strip())

    def trigger_error(self):
        with open(f"/sys/fs/ext4/{self.device}/trigger_fs_error", "w") as f:
            f.write("confianza e2e: simulated disk error\n")

    def readonly(self):
        opts = self.options().split(",")
        return "ro" in opts or "emergency_ro" in opts

    def fsck(self):
        """e2fsck -fy on the unmounted image; returns (exit status, last line). 0/1: clean/fixed."""
        r = _run(["e2fsck", "-fy", self.image], 120)
        self._flush_image()
        lines = [ln for ln in r.stdout.splitlines() if ln.strip()] or [ln for ln in r.stderr.splitlines() if ln.strip()]
        return r.returncode, (lines[-1].split(": ", 1)[-1] if lines else "")


class PhoneTraffic:
    """Phones running MENU, APORTE <amount>, 1 in a loop through a server's generic webhook, each
    message retried with the same id until it gets a 200 (what a gateway does), plus a /health
    probe every 0.1 s. Amounts are unique per phone and cycle; `expected[phone]` holds the
    confirmed ones (céntimos). Everything is recorded under `lock`:
    acks (id -> every 200 body), refused (id -> 503 count), unreachable (transport errors),
    other (any other answer), first503 (monotonic time), health_ok / health_bad."""

    def __init__(self, server, phones, seed=0):
        self.server, self.phones = server, phones
        self.rnd = random.Random(seed)
        self.lock = threading.Lock()
        self.acks, self.refused, self.sent = {}, {}, {}
        self.unreachable, self.other = 0, []
        self.expected = {p: [] for p in phones}
        self.first503 = None
        self.health_ok, self.health_bad = 0, []
        self.label = "start"
        self.stopping = False
        self.threads = []
        self.gate = threading.Event()   # set: phones may send
        self.gate.set()
        self.inflight = 0
        self.slowest = (0.0, None, None, b"")   # the longest request: seconds, label, status, body

    def pause(self, timeout=30):
        """Holds every phone before its next request and waits until none is in flight."""
        self.gate.clear()
        return wait_until(lambda: self.inflight == 0, timeout, 0.005)

    def resume(self):
        self.gate.set()

    def send_until_ok(self, msg_id, phone, text):
        with self.lock:
            self.sent[msg_id] = (phone, text)
        while True:
            self.gate.wait()
            with self.lock:
                self.inflight += 1
            t0 = time.monotonic()
            try:
                st, body = generic(self.server.port, msg_id, phone, text)
            except (OSError, http.client.HTTPException) as e:
                st, body = None, type(e).__name__.encode()
            took = time.monotonic() - t0
            with self.lock:
                self.inflight -= 1
                if took > self.slowest[0]:
                    self.slowest = (took, self.label, st, body[:40])
                if st == 200:
                    self.acks.setdefault(msg_id, []).append(body)
                    return body
                if st == 503:
                    self.refused[msg_id] = self.refused.get(msg_id, 0) + 1
                    if self.first503 is None:
                        self.first503 = time.monotonic()
                elif st is None:
                    self.unreachable += 1
                else:
                    self.other.append((msg_id, st, body[:200]))
            time.sleep(0.05 + self.rnd.random() * 0.05)

    def _phone(self, i, phone):
        c = 0
        while not self.stopping:
            amount = 10 + i * 1000 + c
            self.send_until_ok(f"{phone}-{c}-menu", phone, "MENU")
            self.send_until_ok(f"{phone}-{c}-aporte", phone, f"APORTE {amount}")
            self.send_until_ok(f"{phone}-{c}-si", phone, "1")
            with self.lock:
                self.expected[phone].append(amount * 100)
            c += 1

    def _health(self):
        while not self.stopping:
            try:
                st, _ = http_get(self.server.port, "/health", timeout=2)
            except (OSError, http.client.HTTPException) as e:
                st = type(e).__name__
            with self.lock:
                if st == 200:
                    self.health_ok += 1
                else:
                    self.health_bad.append((self.label, st))
            time.sleep(0.1)

    def start(self, health=True):
        self.threads = [threading.Thread(target=self._phone, args=(i, p), daemon=True) for i, p in enumerate(self.phones)]
        if health:
            self.threads.append(threading.Thread(target=self._health, daemon=True))
        for t in self.threads:
            t.start()
        return self

    def stop(self, timeout=60):
        """Lets every phone finish the message it is on (until acknowledged), then stops."""
        self.stopping = True
        for t in self.threads:
            t.join(timeout)
        return not any(t.is_alive() for t in self.threads)

    def pending(self):
        with self.lock:
            return {m for m in self.refused if m not in self.acks}

    def replay(self):
        """Sends every id once more; returns the ids whose answer was not a 200 equal to the first."""
        bad = []
        for msg_id, (phone, text) in list(self.sent.items()):
            try:
                st, body = generic(self.server.port, msg_id, phone, text)
            except OSError:
                st, body = None, b""
            first = self.acks.get(msg_id, [None])[0]
            if st != 200 or body != first:
                bad.append(msg_id)
        differing = [m for m, b in self.acks.items() if any(x != b[0] for x in b)]
        return bad + differing

    def verify_store(self, db):
        """The database against what was acknowledged: each id once, replies as answered,
        contributions exactly the confirmed amounts."""
        rows = db_rows(db, "SELECT message_id, replies FROM inbound_message WHERE gateway = 'generic'")
        ids = [r[0] for r in rows]
        acked = set(self.acks)
        check(len(ids) == len(set(ids)) and set(ids) == acked,
              f"inbound_message holds each of the {len(acked)} acknowledged ids exactly once (rows {len(ids)}, "
              f"distinct {len(set(ids))}, missing {len(acked - set(ids))}, never acknowledged but stored "
              f"{len(set(ids) - acked)})")
        bad = [m for m, replies in rows
               if m in self.acks and json.loads(replies) != [r["text"] for r in json.loads(self.acks[m][0])["replies"]]]
        check(not bad, f"stored replies equal the acknowledged ones (bad: {bad[:3]})")
        got = {}
        for phone, cents in db_rows(db, "SELECT m.phone, c.amount_cents FROM contribution c JOIN member m ON m.id = c.member_id"):
            got.setdefault(phone, []).append(cents)
        diff = {}
        for p in set(self.phones) | set(got):
            want, have = sorted(self.expected.get(p, [])), sorted(got.get(p, []))
            if want != have:
                missing = [c for c in want if c not in have]
                extra = [c for c in have if c not in want or have.count(c) > want.count(c)]
                diff[p] = {"missing": missing, "extra": extra}
        check(not diff,
              f"contributions: {sum(map(len, got.values()))} stored = {sum(map(len, self.expected.values()))} confirmed, "
              f"same amounts per phone (none lost, none doubled)" + (f"; differences: {diff}" if diff else ""))
