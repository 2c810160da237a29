#!/bin/sh
# Install the Debian 12 packages pactwatch needs to build, test and demo.
# Usage: scripts/install-deps.sh [--all]   (--all adds the test-only servers and browser)
# Run as root or through sudo. Idempotent.
set -eu
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
BUILD="build-essential cmake pkg-config clang libclang-rt-14-dev
       libxml2-dev libutf8proc-dev libsqlite3-dev libpq-dev libmicrohttpd-dev
       libjansson-dev libstemmer-dev libzstd-dev zlib1g-dev libcmocka-dev
       libcurl4-openssl-dev python3"
TEST="valgrind postgresql sqlite3 wrk chromium nodejs npm slurm-wlm"
PKGS="$BUILD"
if [ "${1:-}" = "--all" ]; then PKGS="$BUILD $TEST"; fi
missing=""
for p in $PKGS; do
	case "$p" in
	# Node.js may come from elsewhere (e.g. NodeSource's nodejs, which bundles
	# npm and conflicts with Debian's npm package): any working node and npm do.
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
