#!/usr/bin/env bash
# SQS side by side: our emulator (in-memory and durable) against moto server, the same workloads, one run.
# Run by hand from anywhere:  Benchmarks/sqs-vs-moto.sh      (never part of `swift test`)
# Knobs (environment): CONFIG=release (scripts/build-release.sh) or debug, SEND=2000 (sequential SendMessage count), DRAIN=10000 (backlog),
# LIMIT=300 (seconds per workload), STARTUP_RUNS=3, OUT=<results dir>, DEVSTACK=<prebuilt binary, skips the
# build>, BATCH=SEND*10 and SEND8=SEND*2 (messages of the batch and 8-sender workloads), BACKLOG_SEND/BACKLOG_SMALL/BACKLOG_LARGE=1000/1000/10000, SCRATCH=<scratch path for the build>, SERVERS="memory durable moto" (which servers to run).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONFIG=${CONFIG:-release}
SEND=${SEND:-2000}
DRAIN=${DRAIN:-10000}
LIMIT=${LIMIT:-300}
BATCH=${BATCH:-$(( SEND * 10 ))}
SEND8=${SEND8:-$(( SEND * 2 ))}
BACKLOG_SEND=${BACKLOG_SEND:-1000}
BACKLOG_SMALL=${BACKLOG_SMALL:-1000}
BACKLOG_LARGE=${BACKLOG_LARGE:-10000}
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

if [ -z "${DEVSTACK:-}" ]; then
    # The build we ship (scripts/build-release.sh: static, start-up functions ordered); CONFIG=debug for a quick
    # look with a plain debug build. SCRATCH=PATH builds in another scratch folder.
    build_start=$(date +%s)
    if [ "$CONFIG" = release ]; then
        DEVSTACK="$(SCRATCH=${SCRATCH:-.build-release} scripts/build-release.sh devstack 2>&1 | tee "$OUT/build.log" | tail -1)/devstack"
    else
        scratch=()
        [ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")
        swift build -c "$CONFIG" "${scratch[@]}" --product devstack 2>&1 | grep -E 'error|Build complete' || true
        DEVSTACK="$(swift build -c "$CONFIG" "${scratch[@]}" --show-bin-path)/devstack"
    fi
    echo "== the $CONFIG build of devstack took $(( $(date +%s) - build_start )) s"
else
    echo "== using the prebuilt $DEVSTACK"
fi
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
SERVERS=${SERVERS:-memory durable moto}
for server in $SERVERS; do
    port=$(free_port)
    # shellcheck disable=SC2046
    python3 Benchmarks/startup.py "$STARTUP_RUNS" "$port" -- $(server_command "$server" "$port" "$OUT/startup-$server.sqlite") \
        > "$OUT/$server.startup.json"
    echo "== $server start-up: $(cat "$OUT/$server.startup.json")"
done

run_workloads() {
    local server=$1 port=$2 pid=$3
    bench=("$DEVSTACK" bench sqs --endpoint "http://127.0.0.1:$port" --server-pid "$pid"
        --duration-limit "$LIMIT" --json)
    one "$server" send1 --messages "$SEND"
    one "$server" batch1 --messages "$BATCH" --batch
    one "$server" send8 --messages "$SEND8" --concurrency 8
    one "$server" drain --workload drain --messages "$DRAIN"
    one "$server" backlog1k --messages "$BACKLOG_SEND" --backlog "$BACKLOG_SMALL"
    one "$server" backlog10k --messages "$BACKLOG_SEND" --backlog "$BACKLOG_LARGE"
}

# one SERVER KEY ARGS...: one workload; a failure or the time limit leaves an empty result (shown as "-").
one() {
    local server=$1 key=$2
    shift 2
    "${bench[@]}" "$@" > "$OUT/$server.$key.json" || { echo "== $server $key failed or hit the limit"; : > "$OUT/$server.$key.json"; }
}

for server in $SERVERS; do
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
