#!/bin/sh
# Build the dashboard into web/dist (served by `pactwatch serve`), and install
# the e2e test driver (tests/e2e). npm ci from the committed lock files: the
# dashboard's libraries are bundled at build time, nothing is fetched at run
# time. Usage: scripts/build-web.sh [--no-e2e]
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
command -v npm >/dev/null 2>&1 || { echo "build-web: npm not found (apt-get install npm)"; exit 1; }
# npm 11 here writes lock files without the other platforms' optional
# packages (rollup's), which `npm ci` then calls out of sync; fall back to
# `npm install`, which keeps the locked versions.
install() {
	npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
		{ echo "build-web: npm ci refused the lock file in $(pwd), using npm install"; \
		  npm install --no-audit --no-fund --loglevel=error; }
}
cd "$SRC/web"
install
npm run build --silent
test -f dist/index.html || { echo "build-web: web/dist/index.html missing after build"; exit 1; }
if [ "${1:-}" != "--no-e2e" ] && [ -f "$SRC/tests/e2e/package-lock.json" ]; then
	cd "$SRC/tests/e2e"
	install
fi
echo "build-web: dashboard built in web/dist"
