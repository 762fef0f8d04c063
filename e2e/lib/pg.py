"""PostgreSQL pieces of the end-to-end tier (Python 3 stdlib only).

- Cluster: a throw-away PostgreSQL 15 cluster (scripts/pg-test-cluster.sh) on a Unix socket in its
  own folder under /tmp, stopped (and removed) at exit even when the test fails; its postmaster
  PID is recorded in $E2E_PIDFILE so run.sh's trap stops it if this interpreter is killed.
  stop_fast()/start() take it down and up again under a running server (outage tests).
- psql(): one query, rows as lists of strings.
- FakeGateway: the generic gateway's outbound side on 127.0.0.1 (gateways.md §8), recording every
  outbox id it is handed, answering 200.
- android(): a signed SMS Gateway for Android webhook (gateways.md §3.3, §3.4).
"""
import atexit
import hashlib
import hmac
import http.server
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import harness as h

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
SCRIPT = os.path.join(h.REPO, "scripts", "pg-test-cluster.sh")
ANDROID_KEY = "e2e-android-key"


def why_not():
    """Why no cluster can be started here (PostgreSQL 15 binaries missing), or None."""
    gone = [b for b in ("initdb", "pg_ctl", "postgres", "psql") if not os.access(os.path.join(PG_BIN, b), os.X_OK)]
    if gone:
        return f"PostgreSQL 15 binaries missing in {PG_BIN}: {', '.join(gone)} (apt-get install postgresql-15)"
    return None


class Cluster:
    """One cluster in /tmp/confianza-e2e-pg.XXXX (short: the socket path must fit in 107 bytes; a
    folder directly under /tmp, because the postgres user must reach it)."""

    def __init__(self, tag):
        self.dir = tempfile.mkdtemp(prefix=f"confianza-e2e-pg-{tag}.", dir="/tmp")
        self.url = None
        self.stops = 0
        atexit.register(self.remove)
        self.start()

    def _run(self, argv, timeout=90):
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)

    def start(self):
        r = self._run([SCRIPT, "start", self.dir])
        if r.returncode != 0:
            raise RuntimeError(f"pg-test-cluster.sh start failed: {r.stderr.strip()}")
        self.url = r.stdout.strip()
        pid = self.postmaster_pid()
        if pid and os.environ.get("E2E_PIDFILE"):
            with open(os.environ["E2E_PIDFILE"], "a") as f:
                # run.sh kills a leftover only while its command line still names this folder.
                f.write(f"{pid} {self.dir}\n")
        return self.url

    def postmaster_pid(self):
        try:
            with open(os.path.join(self.dir, "postmaster.pid")) as f:
                return int(f.readline().strip())
        except (OSError, ValueError):
            return None

    def running(self):
        return self.postmaster_pid() is not None

    def stop_fast(self):
        """pg_ctl stop -m fast on exactly this cluster (by its folder)."""
        self.stops += 1
        r = self._run([SCRIPT, "stop", self.dir])
        if r.returncode != 0:
            raise RuntimeError(f"pg-test-cluster.sh stop failed: {r.stderr.strip()}")

    def remove(self):
        # run.sh's timeout sends SIGTERM: finish stopping the cluster rather than leave it behind.
        previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            self._remove()
        finally:
            signal.signal(signal.SIGTERM, previous)

    def _remove(self):
        if self.running():
            try:
                self._run([SCRIPT, "stop", self.dir], 60)
            except Exception:  # noqa: BLE001
                pid = self.postmaster_pid()
                if pid:
                    try:
                        os.kill(pid, 9)
                    except OSError:
                        pass
        if os.environ.get("E2E_KEEP") == "1":
            print(f"  (kept PostgreSQL cluster {self.dir})", flush=True)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, sql, db="postgres"):
        """Rows of one query (tab-separated fields), as lists of strings."""
        r = self._run([os.path.join(PG_BIN, "psql"), "-X", "-q", "-At", "-F", "\t", "-h", self.dir, "-U", "postgres",
                       "-d", db, "-v", "ON_ERROR_STOP=1", "-c", sql], 60)
        if r.returncode != 0:
            raise RuntimeError(f"psql failed: {r.stderr.strip()}")
        return [line.split("\t") for line in r.stdout.splitlines() if line]

    def scalar(self, sql):
        rows = self.psql(sql)
        return rows[0][0] if rows else None


class FakeGateway:
    """POST /send of the generic gateway (outbound): records each outbox id, answers 200."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []   # (outbox id, to, text)
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(n) or b"{}")
                with gateway.lock:
                    gateway.received.append((str(body.get("id")), body.get("to"), body.get("text")))
                answer = json.dumps({"gateway_id": f"fake-{body.get('id')}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        atexit.register(self.close)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/send"

    def ids(self):
        with self.lock:
            return [r[0] for r in self.received]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def outbound_env(gateway):
    """Serve settings that send the outbox through `gateway`, with no quiet hours and no weekly cap."""
    return {
        "CONFIANZA_GATEWAYS_OUTBOUND": "generic",
        "CONFIANZA_GATEWAYS_GENERIC_OUTBOUND_URL": gateway.url,
        "CONFIANZA_GATEWAYS_GENERIC_OUTBOUND_SECRET": "e2e-outbound-secret",
        "CONFIANZA_GATEWAYS_ANDROID_SIGNING_KEY": ANDROID_KEY,
        "CONFIANZA_SCHEDULE_QUIET_FROM": "00:00",
        "CONFIANZA_SCHEDULE_QUIET_UNTIL": "00:00",
        "CONFIANZA_SCHEDULE_WEEKLY_CAP": "0",
    }


def android(port, event_id, frm, text, timeout=10):
    """One signed SMS Gateway for Android webhook (replies go to the outbox). Returns (status, body)."""
    body = json.dumps({
        "deviceId": "e2e-device", "event": "sms:received", "id": event_id, "webhookId": "e2e",
        "payload": {"messageId": hashlib.sha1(event_id.encode()).hexdigest(), "message": text, "sender": frm,
                    "recipient": "+51900000000", "simNumber": 1},
    }, ensure_ascii=False).encode()
    ts = str(int(time.time()))
    sig = hmac.new(ANDROID_KEY.encode(), body + ts.encode(), hashlib.sha256).hexdigest()
    return h.http_request(port, "POST", "/webhooks/android", body, {
        "Content-Type": "application/json", "X-Signature": sig, "X-Timestamp": ts}, timeout)
