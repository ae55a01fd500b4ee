#!/usr/bin/env python3
"""Turns the JSON lines of one sqs-vs-moto.sh run into the ratio table (Markdown) on stdout.

Usage: report.py RESULTS_DIR | report.py --lines FILE...   (holds <server>.<workload>.json and <server>.startup.json)
"""
import json, pathlib, sys

if sys.argv[1] == "--lines":  # one progress line per result file
    for name in sys.argv[2:]:
        text = pathlib.Path(name).read_text() if pathlib.Path(name).exists() else ""
        if not text.strip():
            print(f"   {name}: no result (failed or hit the time limit)")
            continue
        r = json.loads(text)
        cpu = r.get("serverCPUMicrosecondsPerRequest") or 0
        print(f"   {r['label']}: {r['requestsPerSecond']:.0f} req/s, server CPU {cpu:.1f} us/req, "
              f"p50 {r['latency']['p50Microseconds']:.0f} us, p99 {r['latency']['p99Microseconds']:.0f} us, "
              f"failures {r['failures']}")
    sys.exit(0)

d = pathlib.Path(sys.argv[1])

def load(server, name):
    p = d / f"{server}.{name}.json"
    return json.loads(p.read_text()) if p.exists() and p.stat().st_size else None

def fmt(v, digits=0):
    return "-" if v is None else f"{v:,.{digits}f}"

def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b

rows = []
def row(what, ours, theirs, unit, digits=0, target=""):
    r = ratio(ours, theirs)
    rows.append(f"| {what} | {fmt(r, 3) if r is not None and r < 1 else fmt(r, 2)} | {fmt(ours, digits)} | "
                f"{fmt(theirs, digits)} | {unit} | {target} |")

workloads = [("send1", "SendMessage, sequential"), ("batch1", "SendMessageBatch of 10, sequential"),
             ("send8", "SendMessage, 8 concurrent senders"), ("drain", "receive 10 + DeleteMessageBatch until empty"),
             ("backlog1k", "SendMessage into the small backlog"), ("backlog10k", "SendMessage into the large backlog")]

for ours_name, label in (("memory", "in-memory"), ("durable", "durable")):
    rows.append(f"| **ours ({label}) vs moto** | ratio | ours | moto | unit | target |")
    rows.append("|---|---|---|---|---|---|")
    for key, what in workloads:
        o, m = load(ours_name, key), load("moto", key)
        if not o or not m:
            rows.append(f"| {what} | missing | | | | |")
            continue
        target = "≤ 0.05" if key == "send1" else ""
        what = f"{what} [{o['label']}]"
        row(f"{what}: server CPU per request", o.get("serverCPUMicrosecondsPerRequest"),
            m.get("serverCPUMicrosecondsPerRequest"), "µs", 1, target)
        row(f"{what}: throughput", o["requestsPerSecond"], m["requestsPerSecond"], "req/s")
        row(f"{what}: p50", o["latency"].get("p50Microseconds"), m["latency"].get("p50Microseconds"), "µs")
        row(f"{what}: p99", o["latency"].get("p99Microseconds"), m["latency"].get("p99Microseconds"), "µs")
    rows.append("")

rows.append("| **durable vs in-memory (ours)** | ratio | durable | in-memory | unit | target |")
rows.append("|---|---|---|---|---|---|")
for key, what in workloads:
    o, m = load("durable", key), load("memory", key)
    if o and m:
        what = f"{what} [{o['label']}]"
        row(f"{what}: server CPU per request", o.get("serverCPUMicrosecondsPerRequest"),
            m.get("serverCPUMicrosecondsPerRequest"), "µs", 1, "≤ 2")
        row(f"{what}: p50", o["latency"].get("p50Microseconds"), m["latency"].get("p50Microseconds"), "µs", 0, "")
rows.append("")

rows.append("| **cost as the backlog grows** (large / small backlog, server CPU per SendMessage) | ratio | large | small | unit | target |")
rows.append("|---|---|---|---|---|---|")
for server in ("memory", "durable", "moto"):
    a, b = load(server, "backlog10k"), load(server, "backlog1k")
    if a and b:
        row(f"{server} (backlog {a['backlog']:,} vs {b['backlog']:,})", a.get("serverCPUMicrosecondsPerRequest"), b.get("serverCPUMicrosecondsPerRequest"), "µs", 1,
            "≈ 1 (flat)")
rows.append("")

rows.append("| **start-up and memory** | ours (in-memory) | ours (durable) | moto | target |")
rows.append("|---|---|---|---|---|")
s = {k: load(k, "startup") for k in ("memory", "durable", "moto")}
def g(k, f):
    return fmt(s[k].get(f), 1) if s[k] else "-"
rows.append(f"| start-up to first answer (ms, median) | {g('memory','startup_ms')} | {g('durable','startup_ms')} | "
            f"{g('moto','startup_ms')} | < 100 |")
rows.append(f"| server CPU time at first answer (ms, median) | {g('memory','cpu_ms')} | {g('durable','cpu_ms')} | "
            f"{g('moto','cpu_ms')} | |")
rows.append(f"| RSS at ready (MiB) | {g('memory','rss_mib')} | {g('durable','rss_mib')} | {g('moto','rss_mib')} | < 30 |")
rss_after = {k: (load(k, "drain") or {}).get("serverRSSMiB") for k in ("memory", "durable", "moto")}
rows.append(f"| RSS after the drain workload (MiB) | {fmt(rss_after['memory'],1)} | {fmt(rss_after['durable'],1)} | "
            f"{fmt(rss_after['moto'],1)} | |")
print("\n".join(rows))
