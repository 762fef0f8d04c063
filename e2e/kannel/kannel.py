"""A throw-away Kannel on 127.0.0.1 for Confianza's end-to-end tests (stdlib only).

bearerbox + smsbox + fakesmsc (the handsets), configured from kannel.conf.in. fakesmsc runs in
interactive mode: MO lines go to its stdin, MT lines ("Got message N: <from to type payload>")
come out of its stdout and are decoded into `Kannel.mt` (concatenated parts joined, UCS-2
decoded). The ports stay the same across stop()/start(), so the bot's sendsms URL stays valid.

    k = Kannel(run_dir, mo_url="http://127.0.0.1:PORT/webhooks/kannel?key=...&from=%p...")
    k.start(); k.mo("+51987000001", k.shortcode, "¿Cómo está?", ucs2=True)
    k.wait_mt(lambda m: m["to"] == "+51987000001"); k.stop()
"""
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import PROCS, free_ports, wait_until  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BEARERBOX = os.environ.get("KANNEL_BEARERBOX") or shutil.which("bearerbox") or "/usr/sbin/bearerbox"
SMSBOX = os.environ.get("KANNEL_SMSBOX") or shutil.which("smsbox") or "/usr/sbin/smsbox"
FAKESMSC = os.environ.get("KANNEL_FAKESMSC") or shutil.which("fakesmsc") or "/usr/lib/kannel/test/fakesmsc"
GOT = re.compile(rb"Got message \d+: <(.*)>$")
HEAD = re.compile(rb"^(\S+) (\S+) (text|data|ucs-2|udh) (.*)$", re.S)


def missing():
    """The Kannel programs that are not installed (empty when all are)."""
    return [p for p in (BEARERBOX, SMSBOX, FAKESMSC) if not (os.path.isfile(p) and os.access(p, os.X_OK))]


def _unq(b):
    return urllib.parse.unquote_to_bytes(b.replace(b"+", b" "))


def _concat(udh):
    """(ref, total, seq) of a concatenation information element, or None."""
    i, end = 1, min(len(udh), 1 + (udh[0] if udh else 0))
    while i + 1 < end:
        iei, n = udh[i], udh[i + 1]
        v = udh[i + 2:i + 2 + n]
        if iei == 0 and n == 3:
            return v[0], v[1], v[2]
        if iei == 8 and n == 4:
            return (v[0] << 8) | v[1], v[2], v[3]
        i += 2 + n
    return None


def _listening(port):
    import socket
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Kannel:
    def __init__(self, run_dir, mo_url, shortcode="12345", user="bot", password="botpass"):
        self.run = run_dir
        os.makedirs(run_dir, exist_ok=True)
        self.mo_url, self.shortcode, self.user, self.password = mo_url, shortcode, user, password
        self.admin_password = "adminpass"
        self.admin_port, self.smsbox_port, self.smsc_port, self.sendsms_port = free_ports(4)
        self.sendsms_url = f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms"
        self.mt = []           # decoded MT messages, in arrival order
        self.mt_raw = []       # raw MT lines
        self.cond = threading.Condition()
        self.procs = {}
        self._lock = threading.Lock()
        self._threads = []
        self._stopping = threading.Event()
        self._parts = {}

    # ---- lifecycle -----------------------------------------------------------
    def _config(self):
        text = open(os.path.join(HERE, "kannel.conf.in"), encoding="utf-8").read()
        for k, v in {
            "RUN_DIR": self.run, "ADMIN_PORT": self.admin_port, "ADMIN_PASSWORD": self.admin_password,
            "SMSBOX_PORT": self.smsbox_port, "SMSC_PORT": self.smsc_port, "SENDSMS_PORT": self.sendsms_port,
            "SHORTCODE": self.shortcode, "SENDSMS_USER": self.user, "SENDSMS_PASSWORD": self.password,
            "MO_URL": self.mo_url,
        }.items():
            text = text.replace(f"@{k}@", str(v))
        if '"' in self.mo_url or not self.mo_url.startswith("http://127.0.0.1:"):
            raise ValueError("the MO URL must be http://127.0.0.1:… without quotes")
        path = os.path.join(self.run, "kannel.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def status(self):
        url = f"http://127.0.0.1:{self.admin_port}/status.txt?password={self.admin_password}"
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8", "replace")

    def _log(self, name):
        return open(os.path.join(self.run, f"{name}.log"), "ab")

    def start(self, timeout=20):
        conf = self._config()
        self._stopping.clear()
        bb = PROCS.spawn([BEARERBOX, "-v", "1", conf], cwd=self.run, stdout=self._log("bearerbox"), stderr=subprocess.STDOUT)
        self.procs["bearerbox"] = bb
        self._wait("bearerbox ports", timeout, bb, lambda: all(
            _listening(p) for p in (self.admin_port, self.smsbox_port, self.smsc_port)))
        # fakesmsc: stdin unbuffered (stdbuf -i0) so each line we write is read at once; -i 0: no pacing.
        argv = [FAKESMSC, "-H", "127.0.0.1", "-r", str(self.smsc_port), "-i", "0"]
        if shutil.which("stdbuf"):
            argv = ["stdbuf", "-i0"] + argv
        # fakesmsc logs (and so prints the MT it gets) on stderr.
        fs = PROCS.spawn(argv, cwd=self.run, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.procs["fakesmsc"] = fs
        self._threads = [threading.Thread(target=self._read_mt, args=(fs,), daemon=True),
                         threading.Thread(target=self._poke, args=(fs,), daemon=True)]
        for t in self._threads:
            t.start()
        self._wait("fake SMSC online", timeout, fs, lambda: f"FAKE:{self.smsc_port} (online" in self.status())
        sb = PROCS.spawn([SMSBOX, "-v", "1", conf], cwd=self.run, stdout=self._log("smsbox"), stderr=subprocess.STDOUT)
        self.procs["smsbox"] = sb
        self._wait("smsbox online", timeout, sb, lambda: _listening(self.sendsms_port) and re.search(
            r"smsbox:.*on-line", self.status()) is not None)
        return self

    def _wait(self, what, timeout, proc, pred):
        def ready():
            if proc.poll() is not None:
                raise RuntimeError(f"Kannel: {what}: process exited with {proc.returncode} (logs in {self.run})")
            return pred()
        if not wait_until(ready, timeout, 0.1):
            raise RuntimeError(f"Kannel: timeout waiting for {what} (logs in {self.run})")

    def stop(self):
        """fakesmsc (TERM: its SIGINT path crashes), then smsbox, then bearerbox; all by PID."""
        self._stopping.set()
        for name in ("fakesmsc", "smsbox", "bearerbox"):
            p = self.procs.pop(name, None)
            if p is not None:
                if name == "fakesmsc":
                    with self._lock:
                        try:
                            p.stdin.close()
                        except OSError:
                            pass
                PROCS.stop(p, signal.SIGTERM, 10)
        for t in self._threads:
            t.join(3)
        self._threads = []

    # ---- handsets --------------------------------------------------------------
    def mo(self, frm, to, text, ucs2=False):
        """A handset sends text: as 7-bit "text" (raw UTF-8) or as "ucs2" (URL-encoded UTF-16BE,
        what a phone does for ó, ú, í…; smsbox's mo-recode gives the bot UTF-8)."""
        if ucs2 or "\n" in text:
            line = f"{frm} {to} ucs2 {urllib.parse.quote(text.encode('utf-16-be'), safe='')}"
        else:
            line = f"{frm} {to} text {text}"
        with self._lock:
            self.procs["fakesmsc"].stdin.write(line.encode("utf-8") + b"\n")
            self.procs["fakesmsc"].stdin.flush()

    def _poke(self, fs):
        # fakesmsc reads its socket only when stdin wakes it (or once a second): an empty line
        # every 100 ms brings MT messages out at once; fakesmsc ignores empty lines.
        while not self._stopping.wait(0.1):
            with self._lock:
                try:
                    fs.stdin.write(b"\n")
                    fs.stdin.flush()
                except (OSError, ValueError):
                    return

    def _emit(self, frm, to, coding, text, parts=1):
        with self.cond:
            self.mt.append({"from": frm, "to": to, "coding": coding, "text": text, "parts": parts,
                            "at": time.time()})
            self.cond.notify_all()

    def _read_mt(self, fs):
        fd, buf, pending = fs.stderr.fileno(), b"", None   # pending: a 7-bit text that may continue
        log = self._log("fakesmsc")

        def flush():
            nonlocal pending
            if pending:
                self._emit(pending[0], pending[1], "text", pending[2].decode("utf-8", "replace"))
                pending = None
        while True:
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                flush()
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                flush()
                log.close()
                return
            log.write(chunk)
            log.flush()
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                g = GOT.search(line)
                if not g:
                    continue
                self.mt_raw.append(g.group(1))
                m = HEAD.match(g.group(1))
                if not m:   # a newline inside a 7-bit text: fakesmsc shows the rest as its own "message"
                    if pending:
                        pending = (pending[0], pending[1], pending[2] + b"\n" + g.group(1))
                    continue
                flush()
                frm, to = m.group(1).decode(), m.group(2).decode()
                kind, rest = m.group(3), m.group(4)
                if kind == b"text":
                    pending = (frm, to, rest)
                elif kind == b"data":
                    self._emit(frm, to, "data", _unq(rest).decode("utf-8", "replace"))
                elif kind == b"ucs-2":
                    self._emit(frm, to, "ucs-2", _unq(rest).decode("utf-16-be", "replace"))
                else:  # udh <udh> data <payload>: one part of a concatenated message
                    u, _, d = rest.partition(b" data ")
                    udh, data = _unq(u), _unq(d)
                    ci = _concat(udh) or (0, 1, 1)
                    key = (frm, to, ci[0], ci[1])
                    got = self._parts.setdefault(key, {})
                    got[ci[2]] = data
                    if len(got) == ci[1]:
                        del self._parts[key]
                        whole = b"".join(got[i] for i in sorted(got))
                        ucs = len(whole) % 2 == 0 and whole[0::2].count(0) * 2 >= len(whole) // 2
                        self._emit(frm, to, "ucs-2" if ucs else "text",
                                   whole.decode("utf-16-be" if ucs else "utf-8", "replace"), ci[1])

    def wait_mt(self, pred, count=1, timeout=15):
        """Waits until `count` MT messages satisfy pred; returns them (fewer on timeout)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                hits = [m for m in self.mt if pred(m)]
                left = deadline - time.monotonic()
                if len(hits) >= count or left <= 0:
                    return hits
                self.cond.wait(min(left, 0.2))
