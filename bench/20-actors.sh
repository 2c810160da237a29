#!/bin/sh
# Actor stage: dictionary load time (ours + Phoenix, ~40k phrases; target
# < 0.5 s) and matching throughput on one core (target >= 50 MB/s), peak RSS.
set -u
B=${PW_BUILD:-build}
"$B/bench_actors" "${PW_ACTORS_MB:-64}"
