#!/usr/bin/env bash
# System calls and context switches per webhook of `confianza serve` (SQLite) under the wrk mix, or behind a
# real Kannel, counted with `perf stat` on the server's tracepoints. A diagnostic beside bench/run.sh, not a
# figure of its table: it says where a webhook's CPU goes to the kernel (reads of pages, WAL writes, fsyncs, lock waits), which the
# rate alone cannot tell apart from noise on a shared machine.
#
#   bench/scripts/syscalls.sh [BINARY]     (default: the bench package's release build of confianza)
#
# Settings (environment): SYSCALLS_DURATION (s, default 5), SYSCALLS_CONNECTIONS (default 16),
# SYSCALLS_PORT (default 18281). SYSCALLS_LOAD=kannel sends the load through a real Kannel instead
# (scripts/kannel_e2e.py, the handsets of bench/run.sh): SYSCALLS_COUNT messages (default 3000) after 300
# to warm up; SYSCALLS_KANNEL_CPUS=0 runs Kannel on CPU 0 and the server on the others (split cores).
# Needs perf (apt-get install -y linux-perf) and root or
# kernel.perf_event_paranoid <= 1 for the tracepoints, and wrk. Loopback only; the server it starts is
# stopped by its PID.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$(dirname "$HERE")")"
BIN="${1:-$ROOT/bench/.build/release/confianza}"
DURATION="${SYSCALLS_DURATION:-5}"
CONNECTIONS="${SYSCALLS_CONNECTIONS:-16}"
PORT="${SYSCALLS_PORT:-18281}"
LOAD="${SYSCALLS_LOAD:-wrk}"
COUNT="${SYSCALLS_COUNT:-3000}"
case "$LOAD" in wrk|kannel) ;; *) echo "SYSCALLS_LOAD must be wrk or kannel" >&2; exit 2 ;; esac
for tool in perf curl python3 $([ "$LOAD" = wrk ] && echo wrk || echo bearerbox); do
  command -v "$tool" >/dev/null || { echo "syscalls.sh needs $tool" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "no binary at $BIN (swift build -c release --package-path bench --product confianza)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/confianza-syscalls.XXXXXX)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The roster mix.lua draws from by default: 10 networks of 30 members.
python3 "$HERE/roster.py" 10 30 > "$WORK/roster.csv"
export CONFIANZA_DATABASE="sqlite:$WORK/c.sqlite" CONFIANZA_MESSAGES_DIRECTORY="$ROOT/config/messages"
export CONFIANZA_GATEWAYS_KANNEL_SECRET=syscalls CONFIANZA_LIMITS_FLOOD_PER_MINUTE=10000 CONFIANZA_LOG_LEVEL=warning
export CONFIANZA_GATEWAYS_KANNEL_SENDSMS_URL=http://127.0.0.1:9/cgi-bin/sendsms
export CONFIANZA_GATEWAYS_KANNEL_USERNAME=bench CONFIANZA_GATEWAYS_KANNEL_PASSWORD=bench
(cd "$WORK" && "$BIN" import members "$WORK/roster.csv" > "$WORK/import.log" 2>&1) || { cat "$WORK/import.log"; exit 1; }
(cd "$WORK" && exec "$BIN" serve --port "$PORT" > "$WORK/serve.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$PORT/health" || { echo "server did not start"; cat "$WORK/serve.log"; exit 1; }

switches() { cat /proc/"$SERVER_PID"/task/*/status | awk '/^voluntary_ctxt_switches|^nonvoluntary_ctxt_switches/ { s += $2 } END { print s }'; }
cpu() { awk '{ print $14 + $15 }' /proc/"$SERVER_PID"/stat; }
events=syscalls:sys_enter_pread64,syscalls:sys_enter_pwrite64,syscalls:sys_enter_fdatasync,syscalls:sys_enter_futex
events+=,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_writev
events+=,syscalls:sys_enter_accept4,syscalls:sys_enter_close
# Warm-up, then the counted run.
if [ "$LOAD" = wrk ]; then
  BENCH_KEY=syscalls BENCH_RUN="warm$$" wrk -t2 -c"$CONNECTIONS" -d2s -s "$HERE/mix.lua" "http://127.0.0.1:$PORT" > /dev/null 2>&1
  s0=$(switches); c0=$(cpu)
  perf stat -x, -e "$events" -p "$SERVER_PID" -o "$WORK/perf.csv" -- sleep "$DURATION" &
  PERF_PID=$!
  BENCH_KEY=syscalls BENCH_RUN="count$$" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$HERE/mix.lua" "http://127.0.0.1:$PORT" > "$WORK/load.txt" 2>&1
  wait "$PERF_PID"
else
  python3 "$HERE/roster.py" --handsets 10 30 > "$WORK/handsets.tsv"
  MO="http://127.0.0.1:$PORT/webhooks/kannel?key=syscalls&from=%p&to=%P&text=%b&id=%I&ts=%T&coding=%c&charset=%C"
  if [ -n "${SYSCALLS_KANNEL_CPUS:-}" ]; then
    taskset -a -p -c "$(python3 -c "import os; print(','.join(str(c) for c in sorted(os.sched_getaffinity(0)) if str(c) != '$SYSCALLS_KANNEL_CPUS'))")" "$SERVER_PID" > /dev/null
    export KANNEL_CPUS="$SYSCALLS_KANNEL_CPUS"
  fi
  python3 "$HERE/kannel_e2e.py" warm "$MO" 300 "$WORK" "$WORK/handsets.tsv" > /dev/null 2>&1
  s0=$(switches); c0=$(cpu)
  perf stat -x, -e "$events" -p "$SERVER_PID" -o "$WORK/perf.csv" &
  PERF_PID=$!
  python3 "$HERE/kannel_e2e.py" count "$MO" "$COUNT" "$WORK" "$WORK/handsets.tsv" > "$WORK/load.txt" 2>&1
  kill -INT "$PERF_PID"; wait "$PERF_PID"
fi
s1=$(switches); c1=$(cpu)
grep -q "WRKRESULT\|KANNELRESULT.*rate=" "$WORK/load.txt" || { echo "the load failed"; cat "$WORK/load.txt"; exit 1; }
python3 - "$WORK/perf.csv" "$WORK/load.txt" "$s0" "$s1" "$c0" "$c1" "$(getconf CLK_TCK)" <<'PY'
import re, sys
perf, load, s0, s1, c0, c1, hz = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
line = next(l for l in open(load) if l.startswith(("WRKRESULT", "KANNELRESULT")))
result = dict(re.findall(r"(\w+)=([\d.]+)", line))
if line.startswith("WRKRESULT"):
    requests = int(result["requests"])
    print(f"{requests} webhooks in {result['seconds']} s ({float(result['rps']):,.0f} req/s, p99 {int(result['p99_us']) / 1000:.1f} ms)")
else:
    requests = int(result["messages"])
    print(f"{requests} messages through Kannel in {result['seconds']} s ({float(result['rate']):,.0f} msgs/s, "
          f"Kannel CPU {float(result['kannel_cpu_s']) * 1000 / requests:.3f} ms per message)")
print(f"  server CPU        {(c1 - c0) / hz * 1000 / requests:6.3f} ms per webhook")
print(f"  context switches  {(s1 - s0) / requests:6.2f} per webhook")
for line in open(perf):
    fields = line.strip().split(",")
    if len(fields) > 2 and fields[2].startswith("syscalls:sys_enter_") and fields[0].isdigit():
        print(f"  {fields[2].removeprefix('syscalls:sys_enter_'):<17} {int(fields[0]) / requests:6.2f} per webhook")
PY
