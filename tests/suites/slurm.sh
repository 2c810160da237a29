#!/bin/bash
# A real Slurm run on this machine: slurmctld + slurmd on loopback with free
# ports (../shared/notes/slurm-single-node.md), the project's array script
# (scripts/slurm/pactwatch-array.sbatch) as a 4-task array over the sample
# corpus, `pactwatch merge` of the shards, compared byte for byte with one
# `pactwatch code --sorted` process. The daemons are stopped by their pid
# files in a trap. When Slurm cannot run here (not installed, not root,
# daemons do not come up) the suite prints "SKIP slurm: <reason>" and
# counts the check as skipped, never as passed.
# Env: PW_BIN (default build/pactwatch). Last line: "N passed, N failed".
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${PW_BIN:-$SRC/build/pactwatch}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
skip() { echo "SKIP slurm: $1"; echo "$pass passed, $fail failed (slurm skipped)"; exit 0; }

command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 &&
	command -v sbatch >/dev/null 2>&1 || skip "slurm-wlm is not installed (scripts/install-deps.sh --all installs it)"
[ "$(id -u)" = 0 ] || skip "slurmd must run as root for a throw-away cluster (SlurmUser=root)"
[ -x "$BIN" ] || skip "no pactwatch binary at $BIN"
if ! "$BIN" code --help 2>&1 | grep -q -- '--shard'; then
	bad "pactwatch code --help does not offer --shard"; echo "$pass passed, $fail failed"; exit 1
fi

T=$(mktemp -d /tmp/pw-slurm.XXXXXX)
cleanup() {
	# only our daemons, by the pids they wrote; wait so that no slurmd
	# outlives the test (and holds its port) when the next one starts
	local f pid i
	for f in "$T/ctld.pid" "$T/d.pid"; do
		[ -s "$f" ] || continue
		pid=$(cat "$f")
		kill "$pid" 2>/dev/null
		for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

ports=$(python3 -c '
import socket
s=[socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1",0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
set -- $ports
CPORT=$1; DPORT=$2
HOST=$(hostname -s)
NCPU=$(nproc)
mkdir -p "$T/state" "$T/spool" "$T/out"
CONF="$T/slurm.conf"
cat > "$CONF" <<EOF
ClusterName=pwtest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CPORT
SlurmdPort=$DPORT
AuthType=auth/none
CredType=cred/none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SchedulerType=sched/backfill
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/ctld.pid
SlurmdPidFile=$T/d.pid
SlurmctldLogFile=$T/ctld.log
SlurmdLogFile=$T/d.log
SlurmUser=root
ReturnToService=2
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$NCPU State=UNKNOWN
PartitionName=local Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$CONF"
slurmctld -c -f "$CONF" >"$T/ctld.out" 2>&1 || skip "slurmctld did not start: $(tail -n 3 "$T/ctld.log" "$T/ctld.out" 2>/dev/null | tr '\n' ' ')"
slurmd -f "$CONF" >"$T/d.out" 2>&1 || skip "slurmd did not start: $(tail -n 3 "$T/d.log" "$T/d.out" 2>/dev/null | tr '\n' ' ')"
up=0
for _ in $(seq 1 60); do
	if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then up=1; break; fi
	sleep 0.5
done
[ $up = 1 ] || skip "the node did not become idle in 30 s: $(sinfo 2>&1 | tail -n 2 | tr '\n' ' ') $(tail -n 3 "$T/d.log" 2>/dev/null | tr '\n' ' ')"
ok "slurmctld and slurmd up on 127.0.0.1:$CPORT/$DPORT"

# the sample corpus: every year, one input file so the order is fixed; a
# snapshot of the data so every task sees the same dictionaries
cp -r "$SRC/data" "$T/data"
CORPUS="$T/corpus.jsonl"
cat "$SRC"/sample/corpus/news-*.jsonl > "$CORPUS"
export PW_INPUT="$CORPUS" PW_OUT="$T/out" PW_BIN="$BIN" PW_THREADS=1
export PW_CODE_ARGS="--data $T/data"
if (cd "$T" && timeout 300 sbatch --wait --array=0-3 --export=ALL \
	"$SRC/scripts/slurm/pactwatch-array.sbatch" >"$T/sbatch.out" 2>&1); then
	ok "sbatch --array=0-3 finished"
else
	bad "sbatch --array=0-3: $(tail -n 5 "$T/sbatch.out" "$T"/pactwatch-*.log 2>/dev/null)"
fi
n=$(ls "$T"/out/shard-*.jsonl 2>/dev/null | wc -l)
[ "$n" = 4 ] && ok "4 shard outputs" || bad "expected 4 shard outputs, got $n"
# every task ran as its own array element with its own shard
if grep -h 'pactwatch shard' "$T"/pactwatch-*.log 2>/dev/null | sort | awk '{print $3}' | tr '\n' ' ' | grep -q '^0/4 1/4 2/4 3/4 $'; then
	ok "tasks coded shards 0/4 1/4 2/4 3/4"
else
	bad "task logs do not show shards 0..3 of 4"
fi
"$BIN" merge -q "$T"/out/shard-*.jsonl > "$T/merged.jsonl" 2>"$T/merge.err" || bad "merge: $(cat "$T/merge.err")"
"$BIN" code --sorted --data "$T/data" "$CORPUS" > "$T/single.jsonl" 2>/dev/null
[ -s "$T/single.jsonl" ] && ok "single-process run has events" || bad "single-process run is empty"
if [ -s "$T/single.jsonl" ] && cmp -s "$T/merged.jsonl" "$T/single.jsonl"; then
	ok "slurm 4-shard merge is byte-identical to one process ($(wc -l < "$T/single.jsonl") events)"
else
	bad "slurm merge differs from one process: $(diff "$T/merged.jsonl" "$T/single.jsonl" | head -n 3 | cut -c1-160)"
fi
# merged into a store, the store holds what a single ingest of the same events holds
if "$BIN" merge -q --db "$T/merged.db" "$T"/out/shard-*.jsonl 2>"$T/mdb.err" &&
	"$BIN" ingest -q --db "$T/single.db" --events "$T/single.jsonl" >/dev/null 2>&1 &&
	"$BIN" export --db "$T/merged.db" --what dump > "$T/merged.dump" 2>/dev/null &&
	"$BIN" export --db "$T/single.db" --what dump > "$T/single.dump" 2>/dev/null &&
	[ -s "$T/single.dump" ] && cmp -s "$T/merged.dump" "$T/single.dump"; then
	ok "merge --db store equals ingest --events of the single run (store dump)"
else
	bad "merge --db store differs from the single run's store: $(cat "$T/mdb.err" | head -n 3)"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
