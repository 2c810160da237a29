#!/bin/sh
# `make bench`: every bench/*.sh in order, each printing its figures.
# Machines here are noisy: compare ratios printed within one run.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
export PW_BIN="${PW_BIN:-$SRC/build/pactwatch}" PW_BUILD="${PW_BUILD:-$SRC/build}" PW_BENCH_DIR="${PW_BENCH_DIR:-$SRC/bench/out}"
mkdir -p "$PW_BENCH_DIR"
for s in "$SRC"/bench/[0-9]*.sh; do
	[ -f "$s" ] || continue
	echo "== $(basename "$s" .sh)"
	sh "$s" || echo "bench $(basename "$s") failed"
done
