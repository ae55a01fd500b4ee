#!/usr/bin/env bash
# Before/after of this session's changes, same box, one run: CPU per request and start-up.
set -u
B=/tmp/emu-perf-bench
ROOT=/work/wt/emu-perf
CLIENT=$B/devstack-after
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
for round in 1 2; do
for v in before after; do
  for mode in memory durable; do
    port=$(free_port)
    rm -f $B/ab.sqlite*
    arg=--in-memory; [ $mode = durable ] && arg="--state $B/ab.sqlite"
    $B/devstack-$v emulator --host 127.0.0.1 --port $port $arg > /dev/null 2>&1 &
    pid=$!
    for i in $(seq 100); do curl -s -o /dev/null --max-time 1 http://127.0.0.1:$port/ && break; sleep 0.1; done
    echo "== round $round $v $mode"
    $CLIENT bench sqs --endpoint http://127.0.0.1:$port --server-pid $pid --messages 2000
    $CLIENT bench sqs --endpoint http://127.0.0.1:$port --server-pid $pid --messages 5000 --batch
    $CLIENT bench sqs --endpoint http://127.0.0.1:$port --server-pid $pid --workload drain --messages 5000
    kill $pid; wait $pid 2>/dev/null
  done
done
done
for v in before after; do
  port=$(free_port)
  echo "== startup $v in-memory: $(python3 $ROOT/Benchmarks/startup.py 7 $port -- $B/devstack-$v emulator --host 127.0.0.1 --port $port --in-memory)"
  rm -f $B/abs.sqlite*
  echo "== startup $v durable: $(python3 $ROOT/Benchmarks/startup.py 7 $port -- $B/devstack-$v emulator --host 127.0.0.1 --port $port --state $B/abs.sqlite)"
done
