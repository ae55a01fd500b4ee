"""Crash test: kill -9 the emulator in the middle of a bounded concurrent send/receive/delete load, restart it on
the same state file, and check that no acknowledged message was lost or duplicated beyond SQS's at-least-once
rule, and that no acknowledged delete came back.

Usage: python3 crash_recovery.py DEVSTACK_EXECUTABLE STATE_DIRECTORY
Every emulator process this script starts is stopped by its PID before it exits.
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time

import boto3
from botocore.config import Config

DEVSTACK, STATE_DIR = sys.argv[1], sys.argv[2]
STATE = os.path.join(STATE_DIR, "crash.sqlite")
SENDERS, PER_SENDER, DELETERS = 4, 150, 2


def start():
    process = subprocess.Popen([DEVSTACK, "emulator", "--port", "0", "--state", STATE],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = process.stdout.readline()
        match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
        if match:
            return process, match.group(1)
        if process.poll() is not None:
            break
    process.kill()
    raise SystemExit("FAILED: the emulator did not start")


def client(endpoint):
    return boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=5))


acked_sends = set()
acked_deletes = set()
# Deletes sent whose answer may have been cut off by the kill: such a message may be gone without an
# acknowledgement, which is not a loss.
attempted_deletes = set()
lock = threading.Lock()
stop = threading.Event()


def sender(endpoint, url, index):
    sqs = client(endpoint)
    for n in range(PER_SENDER):
        if stop.is_set():
            return
        body = "s%d-%d" % (index, n)
        try:
            sqs.send_message(QueueUrl=url, MessageBody=body)
        except Exception:
            return
        with lock:
            acked_sends.add(body)


def deleter(endpoint, url):
    sqs = client(endpoint)
    while not stop.is_set():
        try:
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
            if not messages:
                continue
            with lock:
                attempted_deletes.update(m["Body"] for m in messages)
            answer = sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
            ok = {e["Id"] for e in answer.get("Successful", [])}
            with lock:
                for i, m in enumerate(messages):
                    if str(i) in ok:
                        acked_deletes.add(m["Body"])
        except Exception:
            return


first, endpoint = start()
second = None
try:
    sqs = client(endpoint)
    url = sqs.create_queue(QueueName="crash", Attributes={"VisibilityTimeout": "1"})["QueueUrl"]
    threads = [threading.Thread(target=sender, args=(endpoint, url, i)) for i in range(SENDERS)]
    threads += [threading.Thread(target=deleter, args=(endpoint, url)) for _ in range(DELETERS)]
    for thread in threads:
        thread.start()
    deadline = time.time() + 20
    while time.time() < deadline:
        with lock:
            if len(acked_sends) >= SENDERS * PER_SENDER // 3 and len(acked_deletes) >= 20:
                break
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    with lock:
        sends, deletes, attempted = set(acked_sends), set(acked_deletes), set(attempted_deletes)
    if len(sends) < 50 or len(deletes) < 10:
        raise SystemExit("FAILED: too little load before the kill (%d sends, %d deletes)" % (len(sends), len(deletes)))

    second, endpoint = start()
    sqs = client(endpoint)
    url = sqs.get_queue_url(QueueName="crash")["QueueUrl"]
    time.sleep(1.1)  # messages in flight at the crash become visible again after their 1 s timeout
    seen = {}
    empty_in_a_row = 0
    for _ in range(2000):
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600).get("Messages", [])
        if not messages:
            empty_in_a_row += 1
            if empty_in_a_row >= 3:
                break
            continue
        empty_in_a_row = 0
        for message in messages:
            seen[message["Body"]] = seen.get(message["Body"], 0) + 1
    lost = [body for body in sends if body not in attempted and body not in seen]
    unacknowledged_gone = [body for body in attempted - deletes if body in sends and body not in seen]
    resurrected = [body for body in deletes if body in seen]
    duplicated = [body for body, count in seen.items() if count > 1]
    if lost or resurrected or duplicated:
        raise SystemExit("FAILED: lost %s resurrected %s duplicated %s" % (lost[:5], resurrected[:5], duplicated[:5]))
    if len(unacknowledged_gone) > DELETERS * 10:
        raise SystemExit("FAILED: %d messages vanished that were never acknowledged as deleted (at most the last "
                         "batch per deleter may)" % len(unacknowledged_gone))
    print("OK acknowledged sends %d, acknowledged deletes %d, recovered %d, deletes cut off by the kill %d"
          % (len(sends), len(deletes), len(seen), len(unacknowledged_gone)))
finally:
    for process in (first, second):
        if process is not None and process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
