#!/bin/sh
# Store and tracker suite on the embedded SQLite back end (always runs).
SRC=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$SRC/tests/suites/store_check.py" "${PW_BIN:-$SRC/build/pactwatch}" sqlite
