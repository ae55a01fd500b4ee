#!/usr/bin/env bash
# SQS side by side: our emulator (in-memory and durable) against moto server, the same workloads, one run.
# Run by hand from anywhere:  Benchmarks/sqs-vs-moto.sh      (never part of `swift test`)
# Knobs (environment): CONFIG=release|debug, SEND=2000 (sequential SendMessage count), DRAIN=10000 (backlog),
# LIMIT=300 (seconds per workload), STARTUP_RUNS=3, OUT=<results dir>.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONFIG=${CONFIG:-release}
SEND=${SEND:-2000}
DRAIN=${DRAIN:-10000}
LIMIT=${LIMIT:-300}
STARTUP_RUNS=${STARTUP_RUNS:-3}
OUT=${OUT:-$ROOT/.build/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
cd "$ROOT"

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -f "$OUT/durable.sqlite" "$OUT/durable.sqlite-wal" "$OUT/durable.sqlite-shm" "$OUT"/startup*.sqlite*
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"

build_start=$(date +%s)
swift build -c "$CONFIG" --product devstack 2>&1 | grep -E 'error|Compiling devstack|Build complete' || true
echo "== swift build -c $CONFIG --product devstack took $(( $(date +%s) - build_start )) s"
DEVSTACK="$(swift build -c "$CONFIG" --show-bin-path)/devstack"
[ -x "$DEVSTACK" ] || { echo "no devstack binary at $DEVSTACK" >&2; exit 1; }

command -v moto_server >/dev/null || pip install 'moto[server]'
echo "== moto $(python3 -c 'import moto; print(moto.__version__)')"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# server_command NAME PORT: the command line of one server kind.
server_command() {
    case "$1" in
        memory) echo "$DEVSTACK emulator --host 127.0.0.1 --port $2 --in-memory" ;;
        durable) echo "$DEVSTACK emulator --host 127.0.0.1 --port $2 --state $3" ;;
        moto) echo "moto_server -H 127.0.0.1 -p $2" ;;
    esac
}

# Start-up to first answer and RSS at ready, median of STARTUP_RUNS fresh starts (durable: one state file, created by the first).
for server in memory durable moto; do
    port=$(free_port)
    # shellcheck disable=SC2046
    python3 Benchmarks/startup.py "$STARTUP_RUNS" "$port" -- $(server_command "$server" "$port" "$OUT/startup-$server.sqlite") \
        > "$OUT/$server.startup.json"
    echo "== $server start-up: $(cat "$OUT/$server.startup.json")"
done

run_workloads() {
    local server=$1 port=$2 pid=$3
    local bench=("$DEVSTACK" bench sqs --endpoint "http://127.0.0.1:$port" --server-pid "$pid"
        --duration-limit "$LIMIT" --json)
    "${bench[@]}" --messages "$SEND" > "$OUT/$server.send1.json"
    "${bench[@]}" --messages "$(( SEND * 10 ))" --batch > "$OUT/$server.batch1.json"
    "${bench[@]}" --messages "$(( SEND * 2 ))" --concurrency 8 > "$OUT/$server.send8.json"
    "${bench[@]}" --workload drain --messages "$DRAIN" > "$OUT/$server.drain.json"
    "${bench[@]}" --messages 1000 --backlog 1000 > "$OUT/$server.backlog1k.json"
    "${bench[@]}" --messages 1000 --backlog 10000 > "$OUT/$server.backlog10k.json"
}

for server in memory durable moto; do
    port=$(free_port)
    # shellcheck disable=SC2046
    $(server_command "$server" "$port" "$OUT/durable.sqlite") > "$OUT/$server.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    ready=0
    for _ in $(seq 1 300); do   # at most ~30 s
        if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then ready=1; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    [ "$ready" = 1 ] || { echo "$server did not become ready; log:" >&2; cat "$OUT/$server.log" >&2; exit 1; }
    echo "== $server (pid $pid, port $port): running workloads"
    run_workloads "$server" "$port" "$pid"
    python3 Benchmarks/report.py --lines "$OUT/$server".{send1,batch1,send8,drain,backlog1k,backlog10k}.json
    kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo
echo "== results in $OUT"
python3 Benchmarks/report.py "$OUT" | tee "$OUT/report.md"
