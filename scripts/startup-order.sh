#!/usr/bin/env bash
# Writes scripts/devstack-startup.order: the functions of `devstack` that run while the emulator starts (in
# memory, on a new state file, on an existing one) and serves a short SQS workload, one mangled name a line.
# scripts/build-release.sh hands it to the linker (lld --symbol-ordering-file), which puts those functions next
# to each other at the front of .text. Without it they are spread over 24 MB of code, and the kernel maps 64 KiB
# around every page touched: the emulator's RSS at ready falls from ~32 MiB to ~25 MiB with it (Benchmarks/).
#
# Usage: scripts/startup-order.sh [DEVSTACK]   (default: a build made by scripts/build-release.sh)
# Needs valgrind (callgrind) and curl. Rerun it when start-up code changes a lot; a stale entry is only ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build-release/release/devstack}"
[ -x "$binary" ] || { echo "no devstack at $binary (run scripts/build-release.sh first)" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# valgrind 3.19 cannot read the DWARF 5 debug info swiftc writes; the symbol table is all it needs.
objcopy --strip-debug "$binary" "$work/devstack"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

profile() {  # profile NAME ARGS... : callgrind dumps at ready (NAME.1), and the rest when it exits (NAME)
  local name="$1"; shift
  local port; port="$(free_port)"
  valgrind --tool=callgrind --demangle=no --dump-instr=no --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$work/$name" "$work/devstack" emulator --port "$port" "$@" >/dev/null 2>"$work/$name.log" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do  # 60 s at most
    curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/_devstack/health" && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  callgrind_control -d "$pid" >/dev/null 2>&1
  "$binary" bench sqs --endpoint "http://127.0.0.1:$port" --messages 30 --duration-limit 60 >/dev/null
  "$binary" bench sqs --endpoint "http://127.0.0.1:$port" --workload drain --messages 30 --duration-limit 60 >/dev/null
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
}

profile memory --in-memory
profile fresh --state "$work/state.sqlite"
profile existing --state "$work/state.sqlite"

# Start-up functions first, then those only the workload ran; sorted within each group so the file diffs well.
python3 - "$work" > scripts/devstack-startup.order <<'PY'
import glob, sys
def functions(path):
    names, obj, current = set(), None, None
    for line in open(path, errors="replace"):
        if line.startswith("ob="):
            obj = line[3:].strip()
        elif line.startswith("fn="):
            current = line[3:].strip() if obj and obj.endswith("/devstack") else None
            # A function without a symbol is named by its address: nothing the linker can order.
            if current and not current.startswith("0x"): names.add(current)
    return names
work = sys.argv[1]
startup = set().union(*(functions(p) for p in glob.glob(f"{work}/*.1")))
later = set().union(*(functions(f"{work}/{name}") for name in ("memory", "fresh", "existing")))
for name in sorted(startup) + sorted(later - startup):
    print(name)
PY
echo "scripts/devstack-startup.order: $(wc -l < scripts/devstack-startup.order) functions"
