#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster for tests.
#
#   scripts/pg-test-cluster.sh start DIR   initdb into DIR (when empty) and start it; prints the URL
#   scripts/pg-test-cluster.sh stop DIR    stops exactly the cluster in DIR
#
# The server listens only on a Unix socket inside DIR (no TCP port, so several clusters can run
# side by side), with fsync off (test data only). initdb and postgres refuse to run as root, so as
# root they run as the `postgres` user through runuser. Only the URL goes to stdout, so that
#   export CONFIANZA_TEST_POSTGRES_URL=$(scripts/pg-test-cluster.sh start /tmp/confianza-pg)
# works; everything else goes to stderr.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$(realpath -m -- "$2")

# Runs a server binary as the postgres user when we are root, as ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

case $command in
start)
    [[ -x $PG_BIN/initdb ]] || { echo "no PostgreSQL 15 in $PG_BIN (apt-get install postgresql-15)" >&2; exit 1; }
    # The socket path must fit in sun_path (107 bytes): DIR/.s.PGSQL.5432.
    if (( ${#dir} > 90 )); then
        echo "DIR is too long for a Unix socket path: $dir" >&2
        exit 1
    fi
    mkdir -p -- "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: -- "$dir"
        chmod 700 -- "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            echo "the postgres user cannot reach $dir (a parent folder is closed to it); use a folder under /tmp" >&2
            exit 1
        fi
    fi
    if [[ ! -f $dir/PG_VERSION ]]; then
        as_owner "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir.initdb.log" 2>&1 || {
            cat "$dir.initdb.log" >&2
            exit 1
        }
        rm -f -- "$dir.initdb.log"
    fi
    if as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        echo "a cluster is already running in $dir" >&2
    else
        as_owner "$PG_BIN/pg_ctl" -D "$dir" -w -t 60 -l "$dir/log" \
            -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >&2 || {
            tail -n 20 "$dir/log" >&2 || true
            exit 1
        }
    fi
    echo "postgres://postgres@localhost/postgres?host=$dir"
    ;;
stop)
    if [[ ! -f $dir/postmaster.pid ]]; then
        echo "no cluster running in $dir" >&2
        exit 0
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$dir" -w -t 60 stop -m fast >&2
    ;;
*)
    usage
    ;;
esac
