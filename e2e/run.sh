#!/usr/bin/env bash
# Confianza end-to-end tests: the real `confianza serve` (and a real Kannel) on 127.0.0.1 only.
#
# Usage: e2e/run.sh [--quick] [--keep] [TEST...]
#   TEST        crash_inbound | outbox_crash | kannel_roundtrip | disk_full | readonly_db |
#               slow_gateway | pg_two_instances | pg_restart   (default: all)
#   --quick     fewer kills and messages (for CI); each test well under a minute
#   --keep      keep the temp dirs (databases, server and Kannel logs)
# Environment: CONFIANZA_BIN (default: <repo>/.build/debug/confianza), E2E_SEED (repeat a run).
# Needs python3 (stdlib only); the Kannel test is skipped when bearerbox/smsbox/fakesmsc are missing
# (apt-get install kannel kannel-extras); disk_full and readonly_db mount a tmpfs / a loop ext4 image
# and are skipped with the reason when that is impossible (not root, no loop devices); the pg_* tests
# start their own PostgreSQL 15 cluster (scripts/pg-test-cluster.sh) and are skipped without it.
# Prints PASS/FAIL/SKIP per test and ends with "N passed, M failed" (", K skipped" when any);
# exit status 0 only when nothing failed.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
ALL=(crash_inbound outbox_crash kannel_roundtrip disk_full readonly_db slow_gateway pg_two_instances pg_restart)

QUICK=0; TESTS=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --keep) export E2E_KEEP=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "e2e: unknown option $a" >&2; exit 2 ;;
    *) TESTS+=("$a") ;;
  esac
done
[ ${#TESTS[@]} -gt 0 ] || TESTS=("${ALL[@]}")
export E2E_REPO="$REPO" E2E_QUICK="$QUICK"
export CONFIANZA_BIN="${CONFIANZA_BIN:-$REPO/.build/debug/confianza}"
LIMIT=$([ "$QUICK" = 1 ] && echo 120 || echo 600)   # seconds per test, then SIGTERM (+10 s SIGKILL)

command -v python3 >/dev/null || { echo "e2e: python3 is required"; exit 2; }
if [ ! -x "$CONFIANZA_BIN" ]; then
  echo "e2e: no confianza binary at $CONFIANZA_BIN (swift build --product confianza, or set CONFIANZA_BIN)"
  echo "0 passed, ${#TESTS[@]} failed"; exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/confianza-e2e.XXXXXX")"
export E2E_TMP="$WORK" E2E_PIDFILE="$WORK/pids"
: > "$E2E_PIDFILE"
cleanup() {
  # Each test stops what it started; this catches leftovers of a test that was itself killed.
  # By recorded PID only, and only while /proc still shows the program that was started there.
  local pid name
  while read -r pid name; do
    [ -r "/proc/$pid/cmdline" ] || continue
    if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$name"; then
      kill -KILL "$pid" 2>/dev/null && echo "e2e: stopped leftover $name (pid $pid)"
    fi
  done < "$E2E_PIDFILE"
  # Mounts of a test that was killed before its own cleanup (listed by the test as it mounts).
  if [ -f "$WORK/mounts" ]; then
    while read -r m; do
      mountpoint -q -- "$m" 2>/dev/null || continue
      umount -- "$m" 2>/dev/null || umount -l -- "$m" 2>/dev/null
      echo "e2e: unmounted leftover $m"
    done < "$WORK/mounts"
  fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then echo "e2e: kept $WORK"; else rm -rf -- "$WORK"; fi
}
CHILD=""
on_signal() { # stop the running test first (timeout passes the TERM on; the test stops its processes)
  if [ -n "$CHILD" ]; then kill -TERM "$CHILD" 2>/dev/null; wait "$CHILD" 2>/dev/null; fi
  echo "e2e: interrupted"; exit 130
}
trap cleanup EXIT
trap on_signal INT TERM

echo "e2e: binary $CONFIANZA_BIN, $([ "$QUICK" = 1 ] && echo quick || echo full) mode"
PASS=0; FAIL=0; SKIP=0
for t in "${TESTS[@]}"; do
  f="$HERE/tests/$t.py"
  echo "== $t"
  if [ ! -f "$f" ]; then echo "FAIL  $t (no such test)"; FAIL=$((FAIL + 1)); continue; fi
  start=$(date +%s%N)
  timeout -k 10 "$LIMIT" python3 -u "$f" 2> "$WORK/$t.stderr" &
  CHILD=$!
  wait "$CHILD"; rc=$?; CHILD=""
  secs=$(( ($(date +%s%N) - start) / 1000000 ))
  took="$((secs / 1000)).$(( (secs % 1000) / 100 ))s"
  case $rc in
    0) echo "PASS  $t ($took)"; PASS=$((PASS + 1)) ;;
    77) echo "SKIP  $t ($took)"; SKIP=$((SKIP + 1)) ;;
    *)
      [ $rc = 124 ] && echo "  timed out after ${LIMIT}s"
      if [ -s "$WORK/$t.stderr" ]; then echo "  -- stderr (last 20 lines):"; tail -n 20 "$WORK/$t.stderr" | sed 's/^/  | /'; fi
      echo "FAIL  $t ($took, exit $rc)"; FAIL=$((FAIL + 1)) ;;
  esac
done
if [ $SKIP -gt 0 ]; then echo "$PASS passed, $FAIL failed, $SKIP skipped"; else echo "$PASS passed, $FAIL failed"; fi
[ $FAIL -eq 0 ]
