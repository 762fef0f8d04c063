#!/usr/bin/env bash
# Runs every test tier: unit and HTTP tests (swift test), store conformance on SQLite and on a
# throw-away PostgreSQL 15 cluster, and the end-to-end tier with the real binary and Kannel.
#   ./test.sh            everything (what CI runs)
#   ./test.sh --quick    shorter fault tests
set -uo pipefail
cd "$(dirname "$0")"
quick=""; [ "${1:-}" = "--quick" ] && quick="--quick"

install_missing() {
    local need=()
    for pkg in libcurl4-openssl-dev libsqlite3-dev kannel kannel-extras chromium chromium-driver postgresql-15; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        echo "== installing: ${need[*]}"
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" || return 1
    fi
}
install_missing || { echo "could not install the system packages"; exit 1; }

pgdir=""
cleanup() {
    if [ -n "$pgdir" ]; then scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; fi
}
trap cleanup EXIT

if [ -x scripts/pg-test-cluster.sh ]; then
    pgdir=$(mktemp -d /tmp/confianza-pg.XXXXXX)
    if url=$(scripts/pg-test-cluster.sh start "$pgdir" | tail -1); then
        export CONFIANZA_TEST_POSTGRES_URL="$url"
        echo "== PostgreSQL test cluster: $url"
    else
        echo "== could not start PostgreSQL; its conformance tests will be skipped"
    fi
fi

status=0
echo "== swift test"
swift build --build-tests || exit 1
swift test --skip-build 2>&1 | tee /tmp/confianza-swift-test.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ -x e2e/run.sh ]; then
    echo "== end-to-end tier"
    swift build --product confianza || exit 1
    CONFIANZA_BIN="$(swift build --show-bin-path)/confianza" e2e/run.sh $quick || status=1
fi
if [ -f e2e/browser/check.py ]; then
    echo "== dashboard in a real browser (headless Chromium)"
    CONFIANZA_BIN="$(swift build --show-bin-path)/confianza" python3 e2e/browser/check.py || status=1
fi
exit $status
