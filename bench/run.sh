#!/usr/bin/env bash
# Confianza benchmarks: ONE command builds everything in release and, in one run, measures each
# ceiling and our matching figure, then writes bench/results/latest.md and latest.tsv.
#
#   bench/run.sh [--quick]
#
#   webhook  wrk (loopback, 2 threads) on the Kannel GET route with the realistic mix of
#            scripts/mix.lua, at 16 and 64 connections: confianza serve (SQLite, synchronous=FULL)
#            vs ceiling-hello (Hummingbird hello world) and ceiling-sqlite (one insert per request,
#            synchronous=FULL), same script, interleaved repetitions, medians.
#   outbox   drain-outbox (Engine.OutboxService + GenericSender + CurlClient, SQLite outbox) vs
#            ceiling-curl easy (one handle reused) and multi (16 in flight), all against ceiling-hello.
#   kannel   end to end through a real Kannel (fakesmsc → bearerbox → smsbox → webhook → reply →
#            fakesmsc): confianza vs the same Kannel in front of a trivial echo webhook (ceiling-hello
#            /echo), first on shared cores, then split (Kannel on CPU 0, the webhook server on the others, as
#            on separate machines), each with Kannel's and the server's CPU time. Skipped when Kannel is not
#            installed (apt-get install -y kannel kannel-extras).
#   postgres the webhook figure again with `confianza serve --database postgres://…` vs ceiling-postgres
#            (Hummingbird + one postgres-nio INSERT per request), same wrk script, 16 and 64 connections,
#            on a throw-away PostgreSQL 15 cluster with fsync ON, started and stopped here (its data dir).
#            Skipped when PostgreSQL 15 is not installed or BENCH_POSTGRES=0.
#   indicators  issue 4 at scale: indicators-sqlite builds (or reuses) a SQLite file of 10,000 networks ×
#            30 members × 52 weeks, then every network's indicators + index + stage through the product's
#            path (IndicatorExport over SQLiteStore, as `confianza export indicators`) for the year and for
#            its last ISO week (--quick, or BENCH_INDICATORS_WEEK=1), vs one raw GROUP BY pass over the same
#            rows; one process per phase.
#   core     package-benchmark micro-benchmarks (Benchmarks/Core): time and allocations.
#
# Settings (environment): BENCH_DURATION (s per wrk run, default 10; --quick 3), BENCH_REPS (default
# 3; --quick 1), BENCH_DRAIN (messages per drain, default 5000), BENCH_KANNEL=0 (skip Kannel),
# BENCH_KANNEL_COUNT (messages through Kannel per run, default 10000), CONFIANZA_BIN (use this binary
# instead of building one; CONFIANZA_BIN_COMMIT says which commit it was built from, for the report),
# BENCH_POSTGRES=0 (skip PostgreSQL), BENCH_INDICATORS_NETWORKS (default 10000; --quick 1000; 0 skips),
# BENCH_INDICATORS_REPS (default 1), BENCH_INDICATORS_WEEK=1 (also the last ISO week; default only with
# --quick), BENCH_INDICATORS_DIR (where the generated file is kept and reused, default bench/.build/bench-data),
# BENCH_SKIP_BUILD=1 (reuse the last build; skips the micro-benchmarks), BENCH_LOCK (a lock file:
# the whole run holds it with flock, so that no other build disturbs the measurement; on a shared
# machine `flock LOCK bench/run.sh` does the same).
# Every process this script starts is stopped by its own PID; everything listens on 127.0.0.1.
set -uo pipefail

if [ -n "${BENCH_LOCK:-}" ] && [ -z "${BENCH_LOCK_HELD:-}" ]; then
  exec env BENCH_LOCK_HELD=1 flock "$BENCH_LOCK" "$0" "$@"
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,37p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --quick)" >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then DEFAULT_DURATION=3; DEFAULT_REPS=1; DEFAULT_DRAIN=1000; DEFAULT_KANNEL=500; DEFAULT_INDICATORS=1000
else DEFAULT_DURATION=10; DEFAULT_REPS=3; DEFAULT_DRAIN=5000; DEFAULT_KANNEL=10000; DEFAULT_INDICATORS=10000; fi
DURATION="${BENCH_DURATION:-$DEFAULT_DURATION}"
REPS="${BENCH_REPS:-$DEFAULT_REPS}"
DRAIN="${BENCH_DRAIN:-$DEFAULT_DRAIN}"
KANNEL_COUNT="${BENCH_KANNEL_COUNT:-$DEFAULT_KANNEL}"
INDICATORS_NETWORKS="${BENCH_INDICATORS_NETWORKS:-$DEFAULT_INDICATORS}"
# One repetition by default: at 10,000 networks our phase runs for minutes, so its noise is small.
INDICATORS_REPS="${BENCH_INDICATORS_REPS:-1}"
# The last ISO week costs as much as the year (the product loads the whole look-back window either
# way), so it is measured by default only with --quick's 1,000 networks.
INDICATORS_WEEK="${BENCH_INDICATORS_WEEK:-$QUICK}"
CONNECTIONS=(16 64)
NETWORKS=10
MEMBERS=30
KEY="bench-secret-$$"
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 60 ] || { echo "BENCH_DURATION must be 1..60" >&2; exit 2; }
[ "$REPS" -ge 1 ] && [ "$REPS" -le 9 ] || { echo "BENCH_REPS must be 1..9" >&2; exit 2; }
[ "$INDICATORS_NETWORKS" -ge 0 ] && [ "$INDICATORS_NETWORKS" -le 99999 ] || { echo "BENCH_INDICATORS_NETWORKS must be 0..99999" >&2; exit 2; }
[ "$INDICATORS_REPS" -ge 1 ] && [ "$INDICATORS_REPS" -le 9 ] || { echo "BENCH_INDICATORS_REPS must be 1..9" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/confianza-bench.XXXXXX")"
RAW="$WORK/raw.tsv"
: > "$RAW"
declare -A PID_NAME=()
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# ---- processes: started here, stopped here, by PID -------------------------------------------
start() {  # start NAME LOGFILE COMMAND...; sets STARTED_PID
  local name="$1" logfile="$2"
  shift 2
  "$@" > "$logfile" 2>&1 < /dev/null &
  STARTED_PID=$!
  PID_NAME[$STARTED_PID]="$name"
}
stop_pid() {
  local pid="$1"
  [ -n "${PID_NAME[$pid]:-}" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  unset "PID_NAME[$pid]"
}
PG_DIR=""
cleanup() {
  for pid in "${!PID_NAME[@]}"; do stop_pid "$pid"; done
  [ -n "$PG_DIR" ] && pg_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The throw-away PostgreSQL cluster: started and stopped by its data directory (pg_ctl reads the
# postmaster's PID from it). initdb and postgres refuse root, so as root they run as `postgres`.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi; }
pg_start() {  # pg_start: sets PG_DIR and PG_URL; fsync ON, the production settings for durability
  PG_DIR="$(mktemp -d /tmp/confianza-bench-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$WORK/pg-initdb.log" 2>&1 || return 1
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 60 -l "$PG_DIR/log" \
    -o "-k $PG_DIR -c listen_addresses='' -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200" \
    start > "$WORK/pg-start.log" 2>&1 || { cat "$PG_DIR/log" >> "$WORK/pg-start.log" 2>/dev/null; return 1; }
  PG_URL="postgres://postgres@localhost/postgres?host=$PG_DIR"
}
pg_stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 60 stop -m fast > /dev/null 2>&1
  cp "$PG_DIR/log" "$WORK/postgres.log" 2>/dev/null
  rm -rf "$PG_DIR"
  PG_DIR=""
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() {  # wait_http URL PID
  for _ in $(seq 300); do
    kill -0 "$2" 2>/dev/null || return 1
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}

# ---- build --------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
  log "BENCH_SKIP_BUILD=1: using the existing release build, no micro-benchmarks"
else
  log "building release (bench package: ceilings, drain, micro-benchmarks, and the confianza product)"
  swift build -c release --package-path "$HERE" > "$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
fi
BIN="$(swift build -c release --package-path "$HERE" --show-bin-path)"
if [ -n "${CONFIANZA_BIN:-}" ]; then
  CONFIANZA="$CONFIANZA_BIN"
else
  swift build -c release --package-path "$HERE" --product confianza >> "$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; exit 1; }
  CONFIANZA="$BIN/confianza"
fi
[ -x "$CONFIANZA" ] || { echo "no confianza binary at $CONFIANZA" >&2; exit 1; }

# ---- machine facts --------------------------------------------------------------------------------
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || COMMIT="$COMMIT+uncommitted"
{
  echo "date	$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command	bench/run.sh $*"
  echo "commit	$COMMIT"
  echo "binary	$CONFIANZA${CONFIANZA_BIN_COMMIT:+ (built from commit $CONFIANZA_BIN_COMMIT)}"
  echo "nproc	$(nproc)"
  echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "memory	$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel	$(uname -r)"
  echo "swift	$(swift --version 2>/dev/null | head -1)"
  echo "wrk	$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "load	$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings	wrk -t2, ${DURATION} s per run, ${REPS} repetitions (median), connections ${CONNECTIONS[*]}; drain ${DRAIN} messages; indicators ${INDICATORS_NETWORKS} networks, ${INDICATORS_REPS} repetitions"
} > "$WORK/machine.tsv"

# ---- servers ----------------------------------------------------------------------------------------
HELLO_PORT="$(free_port)"
start ceiling-hello "$WORK/hello.log" "$BIN/ceiling-hello" "$HELLO_PORT"
HELLO_PID=$STARTED_PID
wait_http "http://127.0.0.1:$HELLO_PORT/" "$HELLO_PID" || { echo "ceiling-hello did not start"; cat "$WORK/hello.log"; exit 1; }

SQLITE_PORT="$(free_port)"
start ceiling-sqlite "$WORK/sqlite.log" "$BIN/ceiling-sqlite" "$SQLITE_PORT" "$WORK/ceiling.sqlite"
SQLITE_PID=$STARTED_PID
wait_http "http://127.0.0.1:$SQLITE_PORT/?id=warm" "$SQLITE_PID" || { echo "ceiling-sqlite did not start"; cat "$WORK/sqlite.log"; exit 1; }

# The roster the mix script draws from: NETWORKS networks of MEMBERS (board = roster 1-3).
python3 "$HERE/scripts/roster.py" "$NETWORKS" "$MEMBERS" > "$WORK/roster.csv"
OUR_PORT="$(free_port)"
export CONFIANZA_DATABASE="sqlite:$WORK/confianza.sqlite"
export CONFIANZA_MESSAGES_DIRECTORY="$ROOT/config/messages"
export CONFIANZA_GATEWAYS_KANNEL_SECRET="$KEY"
export CONFIANZA_GATEWAYS_KANNEL_SENDSMS_URL="http://127.0.0.1:$HELLO_PORT/cgi-bin/sendsms"
export CONFIANZA_GATEWAYS_KANNEL_USERNAME=bench CONFIANZA_GATEWAYS_KANNEL_PASSWORD=bench
export CONFIANZA_LIMITS_FLOOD_PER_MINUTE=10000
export CONFIANZA_LOG_LEVEL="${CONFIANZA_LOG_LEVEL:-warning}"
(cd "$WORK" && "$CONFIANZA" import members "$WORK/roster.csv") > "$WORK/import.log" 2>&1 \
  || { echo "roster import failed"; cat "$WORK/import.log"; exit 1; }
start confianza "$WORK/confianza.log" bash -c "cd '$WORK' && exec '$CONFIANZA' serve --port $OUR_PORT"
OUR_PID=$STARTED_PID
wait_http "http://127.0.0.1:$OUR_PORT/health" "$OUR_PID" || { echo "confianza serve did not start"; tail -20 "$WORK/confianza.log"; exit 1; }

# ---- wrk ----------------------------------------------------------------------------------------------
CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
run_wrk() {  # run_wrk FIGURE PID PORT CONNECTIONS REP
  local figure="$1" pid="$2" port="$3" connections="$4" rep="$5" before after t0 t1 line
  before="$(cpu_ticks "$pid")"; t0="$(date +%s.%N)"
  line="$(BENCH_KEY="$KEY" BENCH_RUN="$figure-c$connections-r$rep-$$" BENCH_NETWORKS=$NETWORKS BENCH_MEMBERS=$MEMBERS \
    wrk -t2 -c"$connections" -d"${DURATION}s" --timeout 5s -s "$HERE/scripts/mix.lua" "http://127.0.0.1:$port" 2>&1 \
    | tee -a "$WORK/wrk.log" | grep '^WRKRESULT')"
  t1="$(date +%s.%N)"; after="$(cpu_ticks "$pid")"
  [ -n "$line" ] || { echo "wrk gave no result for $figure c$connections"; return 1; }
  local cpu rss
  cpu="$(python3 -c "print(round(100 * ($after - $before) / $CLK_TCK / ($t1 - $t0), 1))")"
  rss="$(rss_kib "$pid")"
  echo -e "http\t$figure\t$connections\t$rep\t${line#WRKRESULT } cpu_pct=$cpu rss_kib=$rss" >> "$RAW"
  log "$figure c$connections rep $rep: ${line#WRKRESULT } cpu=$cpu% rss=${rss}KiB"
}

log "warm-up"
for spec in "hello $HELLO_PID $HELLO_PORT" "sqlite $SQLITE_PID $SQLITE_PORT" "confianza $OUR_PID $OUR_PORT"; do
  set -- $spec
  BENCH_KEY="$KEY" BENCH_RUN="warm-$1-$$" wrk -t2 -c16 -d2s -s "$HERE/scripts/mix.lua" "http://127.0.0.1:$3" > /dev/null 2>&1
done
for rep in $(seq "$REPS"); do
  for connections in "${CONNECTIONS[@]}"; do
    run_wrk ceiling-hello "$HELLO_PID" "$HELLO_PORT" "$connections" "$rep"
    run_wrk ceiling-sqlite "$SQLITE_PID" "$SQLITE_PORT" "$connections" "$rep"
    run_wrk confianza-webhook "$OUR_PID" "$OUR_PORT" "$connections" "$rep"
  done
done
curl -s "http://127.0.0.1:$OUR_PORT/metrics" > "$WORK/metrics.txt" 2>/dev/null

# ---- end to end through a real Kannel: our webhook vs a trivial echo webhook -----------------------
if [ "${BENCH_KANNEL:-1}" = 1 ] && command -v bearerbox > /dev/null && [ -x /usr/lib/kannel/test/fakesmsc ]; then
  # The handsets: registered members only (an unknown phone is answered once a day), the same weights.
  python3 "$HERE/scripts/roster.py" --handsets "$NETWORKS" "$MEMBERS" > "$WORK/handsets.tsv"
  OUR_MO="http://127.0.0.1:$OUR_PORT/webhooks/kannel?key=$KEY&from=%p&to=%P&text=%b&id=%I&ts=%T&coding=%c&charset=%C"
  kannel_run() {  # kannel_run FIGURE LABEL MO_URL SERVER_PID: one kannel_e2e.py run, with the webhook server's CPU
    local before after line
    before="$(cpu_ticks "$4")"
    line="$(python3 "$HERE/scripts/kannel_e2e.py" "$2" "$3" "$KANNEL_COUNT" "$WORK" "$WORK/handsets.tsv" 2>&1 | grep '^KANNELRESULT')"
    after="$(cpu_ticks "$4")"
    line="$line server_cpu_s=$(python3 -c "print(round(($after - $before) / $CLK_TCK, 2))")"
    echo -e "kannel\t$1\t0\t$rep\t${line#KANNELRESULT }" >> "$RAW"; log "$1 rep $rep: $line"
  }
  # Shared cores: Kannel and the webhook server compete for the same CPUs.
  for rep in $(seq "$REPS"); do
    kannel_run kannel-echo echo-r$rep "http://127.0.0.1:$HELLO_PORT/echo?text=%b" "$HELLO_PID"
    kannel_run kannel-confianza confianza-r$rep "$OUR_MO" "$OUR_PID"
  done
  # Split cores, as Kannel and the application on separate machines: Kannel on CPU 0, the webhook server (echo or
  # ours, every thread) on the others; affinities restored afterwards.
  if [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
    ALL_CPUS="0-$(( $(nproc) - 1 ))"
    taskset -a -p -c "1-$(( $(nproc) - 1 ))" "$HELLO_PID" > /dev/null && taskset -a -p -c "1-$(( $(nproc) - 1 ))" "$OUR_PID" > /dev/null
    for rep in $(seq "$REPS"); do
      KANNEL_CPUS=0 kannel_run kannel-split-echo split-echo-r$rep "http://127.0.0.1:$HELLO_PORT/echo?text=%b" "$HELLO_PID"
      KANNEL_CPUS=0 kannel_run kannel-split-confianza split-confianza-r$rep "$OUR_MO" "$OUR_PID"
    done
    taskset -a -p -c "$ALL_CPUS" "$HELLO_PID" > /dev/null; taskset -a -p -c "$ALL_CPUS" "$OUR_PID" > /dev/null
  fi
else
  log "Kannel comparison skipped (BENCH_KANNEL=0 or kannel/kannel-extras not installed)"
fi
stop_pid "$OUR_PID"
stop_pid "$SQLITE_PID"

# ---- webhook on PostgreSQL: confianza serve --database postgres://… vs one INSERT per request --------
if [ "${BENCH_POSTGRES:-1}" = 1 ] && [ -x "$PG_BIN/initdb" ]; then
  if pg_start; then
    log "PostgreSQL cluster in $PG_DIR (fsync on, synchronous_commit on)"
    PGC_PORT="$(free_port)"
    start ceiling-postgres "$WORK/ceiling-postgres.log" "$BIN/ceiling-postgres" "$PGC_PORT" "$PG_URL"
    PGC_PID=$STARTED_PID
    wait_http "http://127.0.0.1:$PGC_PORT/?id=warm" "$PGC_PID" || { echo "ceiling-postgres did not start"; cat "$WORK/ceiling-postgres.log"; exit 1; }
    (cd "$WORK" && CONFIANZA_DATABASE="$PG_URL" "$CONFIANZA" import members "$WORK/roster.csv") > "$WORK/import-pg.log" 2>&1 \
      || { echo "roster import into PostgreSQL failed"; cat "$WORK/import-pg.log"; exit 1; }
    OUR_PG_PORT="$(free_port)"
    start confianza-postgres "$WORK/confianza-postgres.log" \
      bash -c "cd '$WORK' && CONFIANZA_DATABASE='$PG_URL' exec '$CONFIANZA' serve --port $OUR_PG_PORT"
    OUR_PG_PID=$STARTED_PID
    wait_http "http://127.0.0.1:$OUR_PG_PORT/health" "$OUR_PG_PID" || { echo "confianza serve (PostgreSQL) did not start"; tail -20 "$WORK/confianza-postgres.log"; exit 1; }
    for spec in "postgres $PGC_PID $PGC_PORT" "confianza-pg $OUR_PG_PID $OUR_PG_PORT"; do
      set -- $spec
      BENCH_KEY="$KEY" BENCH_RUN="warm-$1-$$" wrk -t2 -c16 -d2s -s "$HERE/scripts/mix.lua" "http://127.0.0.1:$3" > /dev/null 2>&1
    done
    for rep in $(seq "$REPS"); do
      for connections in "${CONNECTIONS[@]}"; do
        run_wrk ceiling-postgres "$PGC_PID" "$PGC_PORT" "$connections" "$rep"
        run_wrk confianza-webhook-postgres "$OUR_PG_PID" "$OUR_PG_PORT" "$connections" "$rep"
      done
    done
    stop_pid "$OUR_PG_PID"
    stop_pid "$PGC_PID"
    pg_stop
  else
    log "PostgreSQL did not start (see pg-start.log); PostgreSQL figures skipped"
    cat "$WORK/pg-initdb.log" "$WORK/pg-start.log" >&2 2>/dev/null
    rm -rf "$PG_DIR"; PG_DIR=""
  fi
else
  log "PostgreSQL comparison skipped (BENCH_POSTGRES=0 or no PostgreSQL 15 in $PG_BIN)"
fi

# ---- outbox drain vs libcurl ------------------------------------------------------------------------
GATEWAY="http://127.0.0.1:$HELLO_PORT/send"
for rep in $(seq "$REPS"); do
  for mode in easy multi; do
    line="$("$BIN/ceiling-curl" "$mode" "$GATEWAY" $((DRAIN * 4)) 16 2>&1 | tail -1)"
    echo -e "curl\tceiling-curl-$mode\t$([ $mode = easy ] && echo 1 || echo 16)\t$rep\t$line" >> "$RAW"
    log "ceiling-curl $mode rep $rep: $line"
  done
  line="$("$BIN/drain-outbox" "$GATEWAY" "$DRAIN" "$WORK/outbox.sqlite" 2>&1 | tail -1)"
  echo -e "curl\tconfianza-outbox-drain\t4\t$rep\t$line" >> "$RAW"
  log "drain-outbox rep $rep: $line"
done
stop_pid "$HELLO_PID"

# ---- indicators at scale (issue 4): every network's report vs one raw aggregate pass -------------------
if [ "$INDICATORS_NETWORKS" -gt 0 ]; then
  IND_DIR="${BENCH_INDICATORS_DIR:-$HERE/.build/bench-data}"
  IND_FILE="$IND_DIR/indicators-$INDICATORS_NETWORKS.sqlite"
  mkdir -p "$IND_DIR"
  indicators() {  # indicators FIGURE REP ARGS...: one phase in its own process, its line into raw.tsv
    local figure="$1" rep="$2" line
    shift 2
    line="$("$BIN/indicators-sqlite" "$@" 2>> "$WORK/indicators.err" | grep '^INDICATORS')"
    [ -n "$line" ] || { echo "indicators-sqlite $* gave no result (see indicators.err)"; tail -5 "$WORK/indicators.err"; return 1; }
    echo -e "indicators\t$figure\t0\t$rep\t${line#INDICATORS }" >> "$RAW"
    log "$figure rep $rep: ${line#INDICATORS }"
  }
  log "indicators: $INDICATORS_NETWORKS networks in $IND_FILE (generated once, then reused)"
  if indicators indicators-generate 1 generate "$IND_FILE" "$INDICATORS_NETWORKS"; then
    # Same cache state for both: the file is read into the page cache once, and a discarded ceiling
    # pass warms SQLite's path; then ceiling and ours alternate.
    cat "$IND_FILE" > /dev/null
    "$BIN/indicators-sqlite" ceiling "$IND_FILE" > /dev/null 2>> "$WORK/indicators.err"
    for rep in $(seq "$INDICATORS_REPS"); do
      indicators indicators-ceiling "$rep" ceiling "$IND_FILE"
      indicators indicators-ours-year "$rep" ours "$IND_FILE" 2026
    done
    [ "$INDICATORS_WEEK" = 1 ] && indicators indicators-ours-week 1 ours "$IND_FILE" 2026-W52
  fi
fi

# ---- core micro-benchmarks ------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "core micro-benchmarks (package-benchmark)"
  # The plugin's first invocation in a fresh .build can fail without a message (package-benchmark builds
  # its tool and the dynamically linked malloc interposer on that first call); a second call then
  # works. So: record the exit code, and try once more before giving up.
  for attempt in 1 2; do
    (cd "$HERE" && BENCH_QUICK="$QUICK" swift package --disable-sandbox benchmark --target Core --format markdown --no-progress) \
      > "$WORK/core.md" 2> "$WORK/core.err"
    rc=$?
    echo "swift package benchmark: exit code $rc (attempt $attempt)" >> "$WORK/core.err"
    [ "$rc" = 0 ] && [ -s "$WORK/core.md" ] && break
    cp "$WORK/core.err" "$WORK/core-attempt$attempt.err"
    log "micro-benchmarks failed (exit code $rc, attempt $attempt); last lines of core.err:"
    tail -20 "$WORK/core.err" >&2
  done
fi

# ---- report -----------------------------------------------------------------------------------------
mkdir -p "$HERE/results"
python3 "$HERE/scripts/report.py" "$WORK" "$HERE/results/latest.md" "$HERE/results/latest.tsv"
log "wrote $HERE/results/latest.md and latest.tsv (raw data in $WORK)"
