#!/usr/bin/env bash
# Installs what Confianza needs on a Debian machine and builds it. Safe to run again.
#   ./setup.sh && swift run confianza serve
set -euo pipefail
cd "$(dirname "$0")"

need=()
for pkg in libcurl4-openssl-dev libsqlite3-dev; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi
command -v swift >/dev/null || { echo "Swift 6.1 or newer is needed (https://swift.org/install)"; exit 1; }

swift build --product confianza
mkdir -p data
echo
echo "Ready. Start the server with:   swift run confianza serve"
echo "Register a network from a CSV:  swift run confianza import members examples/members.csv"
echo "Talk to the bot as a member:    swift run confianza chat --phone +51987000004 HOLA"
