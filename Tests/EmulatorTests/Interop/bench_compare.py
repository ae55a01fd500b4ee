"""Side-by-side SQS benchmark: this emulator (in memory and durable) against moto server, same bounded workload
(`devstack bench sqs`), in one run. Reports throughput, p50/p99, the server's CPU time per request from /proc,
start-up time to the first answer and resident memory at ready, then the ratios.

Usage: python3 bench_compare.py DEVSTACK [MOTO_SERVER] [--messages N] [--backlog N]
Every server this script starts is stopped by its PID.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("devstack")
parser.add_argument("moto_server", nargs="?")
parser.add_argument("--messages", type=int, default=1000)
parser.add_argument("--backlog", type=int, default=10000)
args = parser.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start(command, ready_url):
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = began + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(ready_url, timeout=1).read()
            return process, time.monotonic() - began
        except Exception:
            if process.poll() is not None:
                raise SystemExit("server exited: %s" % command)
            time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    raise SystemExit("server not ready: %s" % command)


def stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def bench(name, command, port, ready_path):
    process, startup = start(command, "http://127.0.0.1:%d%s" % (port, ready_path))
    try:
        memory = rss_kb(process.pid)
        output = subprocess.run(
            [args.devstack, "bench", "sqs", "--port", str(port), "--server-pid", str(process.pid),
             "--messages", str(args.messages), "--backlog", str(args.backlog)],
            capture_output=True, text=True, timeout=1800)
        if output.returncode != 0:
            raise SystemExit("bench against %s failed: %s" % (name, output.stderr))
        phases = [json.loads(line) for line in output.stdout.splitlines() if line.strip()]
        return {"name": name, "startup_ms": startup * 1000, "rss_mb": memory / 1024, "phases": phases}
    finally:
        stop(process)


results = []
port = free_port()
results.append(bench("emulator (in memory)", [args.devstack, "emulator", "--port", str(port), "--in-memory"], port,
                     "/_devstack/health"))
with tempfile.TemporaryDirectory() as directory:
    port = free_port()
    results.append(bench("emulator (SQLite)", [args.devstack, "emulator", "--port", str(port), "--state",
                                                os.path.join(directory, "bench.sqlite")], port, "/_devstack/health"))
if args.moto_server:
    port = free_port()
    results.append(bench("moto server", [args.moto_server, "-H", "127.0.0.1", "-p", str(port)], port,
                         "/moto-api/data.json"))

print("| server | start-up to first answer | RSS at ready |")
print("|---|---|---|")
for result in results:
    print("| %s | %.0f ms | %.1f MB |" % (result["name"], result["startup_ms"], result["rss_mb"]))
print()
print("| phase | server | req/s | p50 ms | p99 ms | server CPU ms/request |")
print("|---|---|---|---|---|---|")
for index, phase in enumerate(results[0]["phases"]):
    for result in results:
        p = result["phases"][index]
        print("| %s | %s | %.0f | %.2f | %.2f | %.3f |" % (phase["phase"], result["name"], p["requestsPerSecond"],
                                                       p["p50Ms"], p["p99Ms"], p.get("serverCpuMsPerRequest", -1)))
if len(results) == 3:
    print()
    print("| phase | moto CPU / emulator CPU (in memory) | durable / in-memory CPU |")
    print("|---|---|---|")
    for index, phase in enumerate(results[0]["phases"]):
        ours = results[0]["phases"][index].get("serverCpuMsPerRequest") or 1e-9
        durable = results[1]["phases"][index].get("serverCpuMsPerRequest") or 0
        moto = results[2]["phases"][index].get("serverCpuMsPerRequest") or 0
        print("| %s | %.1f× | %.2f× |" % (phase["phase"], moto / ours, durable / ours))
