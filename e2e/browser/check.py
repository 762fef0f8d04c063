#!/usr/bin/env python3
"""Real-browser check of the dashboard (Python 3 stdlib + Debian's chromium, no Selenium).

Fills a temp SQLite database with `confianza demo`, starts `confianza serve` on a free loopback port,
drives headless Chromium through the DevTools protocol over a pipe (--remote-debugging-pipe): logs in
through the login form, opens the network list and one network page, checks that the three inline
SVG charts are there and drawn, saves screenshots (desktop and phone) and logs out. Stops the server
and the browser by their PIDs. Prints one line per check and ends with "N passed, M failed".

Usage: e2e/browser/check.py [--keep] [--docs]
  --keep   keep the temp folder (database, server log, screenshots) and print where it is
  --docs   copy the network page screenshot to docs/dashboard.png (for the README)
Environment: CONFIANZA_BIN (default <repo>/.build/debug/confianza), CHROMIUM (default: chromium on PATH).
Exit status: 0 when every check passed, 1 otherwise, 77 when chromium or the binary is missing.
"""
import base64
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
BIN = os.environ.get("CONFIANZA_BIN") or os.path.join(REPO, ".build", "debug", "confianza")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc, name):
    """Stops one process we started, by its PID: SIGTERM, then SIGKILL after 10 s."""
    if proc is None or proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    print(f"  .... stopped {name} (pid {proc.pid})", flush=True)


class Browser:
    """Headless Chromium driven over the DevTools pipe (fd 3: our commands, fd 4: its answers)."""

    def __init__(self, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "--hide-scrollbars", "about:blank"],
            preexec_fn=wire, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise EOFError("chromium closed the pipe")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, name, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == name:
                    del self.events[index]
                    return event
            self.events.append(self._read_message(deadline))

    def open_tab(self):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def load(self, action):
        """Runs `action` (a navigation or a form submit) and waits for the page's load event."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        action()
        self.wait_event("Page.loadEventFired")

    def goto(self, url):
        self.load(lambda: self.call("Page.navigate", {"url": url}))

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def viewport(self, width, height, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def screenshot(self, path):
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        return os.path.getsize(path)

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        stop(self.proc, "chromium")


CHARTS_JS = """JSON.stringify([...document.querySelectorAll('svg.chart')].map(s => ({
  kind: s.getAttribute('class'), shapes: s.querySelectorAll('rect,circle,polyline,line').length,
  texts: s.querySelectorAll('text').length, width: s.getBoundingClientRect().width,
  height: s.getBoundingClientRect().height})))"""


def run(work, docs):
    db = os.path.join(work, "demo.sqlite")
    demo = subprocess.run([BIN, "demo", "--database", f"sqlite:{db}"], cwd=REPO, capture_output=True, text=True, timeout=300)
    check(demo.returncode == 0, "confianza demo fills a fresh database")
    logins = dict(re.findall(r"^\s+(\w+) / (\S+)", demo.stdout, re.M))
    if not check("admin" in logins, "the demo prints an admin login"):
        print(demo.stdout + demo.stderr)
        return
    again = subprocess.run([BIN, "demo", "--database", f"sqlite:{db}"], cwd=REPO, capture_output=True, text=True, timeout=300)
    check(again.returncode != 0 and "already here" in again.stderr, "a second demo refuses and says why")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--database", f"sqlite:{db}", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    browser = None
    try:
        deadline = time.monotonic() + 60
        up = False
        while time.monotonic() < deadline and server.poll() is None:
            try:
                up = urllib.request.urlopen(base + "/health", timeout=2).status == 200
                break
            except OSError:
                time.sleep(0.3)
        if not check(up, f"confianza serve answers on {base} (pid {server.pid})"):
            return
        browser = Browser(os.path.join(work, "profile"))
        browser.open_tab()
        browser.viewport(1280, 900)
        browser.goto(base + "/")
        check(browser.js("location.pathname") == "/login", "without a session the dashboard sends the browser to /login")
        browser.load(lambda: browser.js(
            "document.getElementById('user').value = 'admin';"
            f"document.getElementById('password').value = {json.dumps(logins['admin'])};"
            "document.querySelector('form.login').submit()"))
        check(browser.js("location.pathname") == "/", "logging in through the form opens the network list")
        codes = browser.js("[...document.querySelectorAll('li.card.network h3 a')].map(a => a.getAttribute('href').split('/').pop())")
        check(codes == ["FLORES", "CUYES", "HUAMBO"], f"the network list is worst first: {codes}")
        lights = browser.js("[...document.querySelectorAll('li.card.network .pill')].map(p => p.className.split(' ').pop())")
        check(lights == ["red", "yellow", "green"], f"one red, one yellow, one green network: {lights}")
        check(browser.screenshot(os.path.join(work, "networks.png")) > 10_000, "screenshot of the network list")
        browser.viewport(390, 844, mobile=True)
        wide = browser.js("document.documentElement.scrollWidth")
        check(wide <= 390, f"the network list fits a phone's width ({wide}px)")
        check(browser.screenshot(os.path.join(work, "networks-phone.png")) > 5_000, "screenshot of the list on a phone")
        browser.viewport(1280, 900)

        browser.goto(base + "/networks/HUAMBO")
        check(browser.js("document.querySelector('h1').textContent").startswith("Lácteos Huambocancha"), "the HUAMBO page opens")
        charts = json.loads(browser.js(CHARTS_JS))
        kinds = sorted(c["kind"].split()[-1] for c in charts)
        check(kinds == ["chart-gender", "chart-index", "chart-indicators"], f"three inline SVG charts: {kinds}")
        for chart in charts:
            check(chart["shapes"] > 3 and chart["texts"] > 3 and chart["width"] > 200 and chart["height"] > 100,
                  f"{chart['kind'].split()[-1]} is drawn ({chart['shapes']} shapes, {chart['texts']} labels, "
                  f"{chart['width']:.0f}x{chart['height']:.0f}px)")
        points = browser.js("document.querySelectorAll('svg.chart-index circle').length")
        check(points >= 10, f"the index line has a point for most of the 12 weeks ({points})")
        masked = browser.js("document.body.innerText.includes('+519871000') === false")
        check(masked, "no full member phone on the page")
        shot = os.path.join(work, "network.png")
        check(browser.screenshot(shot) > 20_000, "screenshot of the network page")
        if docs:
            os.makedirs(os.path.join(REPO, "docs"), exist_ok=True)
            shutil.copyfile(shot, os.path.join(REPO, "docs", "dashboard.png"))
            print("  .... copied to docs/dashboard.png")
        browser.viewport(390, 844, mobile=True)
        check(browser.screenshot(os.path.join(work, "network-phone.png")) > 10_000, "screenshot of the network page on a phone")
        browser.viewport(1280, 900)

        browser.load(lambda: browser.js("document.querySelector('header form.inline').submit()"))
        check(browser.js("location.pathname") == "/login", "logging out returns to the login page")
        browser.goto(base + "/networks/HUAMBO")
        check(browser.js("location.pathname") == "/login", "after logout the network page needs a login again")
    finally:
        if browser:
            browser.close()
        stop(server, "confianza serve")
        log.close()


def main():
    keep = "--keep" in sys.argv
    docs = "--docs" in sys.argv
    if not CHROMIUM:
        print("SKIP chromium not found (apt-get install chromium)")
        print("0 passed, 0 failed, 1 skipped")
        sys.exit(77)
    if not os.access(BIN, os.X_OK):
        print(f"SKIP no confianza binary at {BIN} (swift build --product confianza, or set CONFIANZA_BIN)")
        print("0 passed, 0 failed, 1 skipped")
        sys.exit(77)
    work = tempfile.mkdtemp(prefix="confianza-browser.")
    print(f"browser check: {CHROMIUM}, {BIN}", flush=True)
    try:
        run(work, docs)
    except Exception as error:  # a crash of the check itself is one more failure, with its reason
        check(False, f"the check ran to the end ({type(error).__name__}: {error})")
    finally:
        if keep or failed:
            print(f"  .... screenshots and logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
