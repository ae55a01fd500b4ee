#!/usr/bin/env python3
"""Start-up to first answer and RSS at ready of one server command, median of RUNS runs.

Usage: startup.py RUNS PORT -- command args...   (the command must listen on 127.0.0.1:PORT)
Prints one JSON object: {"startup_ms": median, "startup_ms_all": [...], "rss_mib": median, "cpu_ms": median}.
cpu_ms is the server's own CPU time (utime + stime, all threads) when it first answered: the figure that stays
honest when the box is busy and the wall-clock start-up waits for a core.
The executable is first dropped from the page cache (posix_fadvise DONTNEED, no root needed), so every build is
read in the way a binary is after a reboot: a binary the linker has just written sits in the page cache in the
writer's large folios, and its RSS at ready reads ~2 MiB higher than the same file read back from disk.
Every child is stopped by its PID; every wait is bounded.
"""
import json, os, shutil, socket, statistics, subprocess, sys, time

def answered(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(16).startswith(b"HTTP/")
    except OSError:
        return False

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def once(port, command):
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(30000):  # 30 s at most
            if answered(port):
                return (time.monotonic() - start) * 1000, rss_mib(child.pid), cpu_ms(child.pid)
            if child.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {child.returncode} before answering")
            time.sleep(0.001)
        raise RuntimeError(f"{command[0]} did not answer within 30 s")
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=10)

def evict(executable):
    path = executable if os.path.sep in executable else shutil.which(executable)
    if path:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)

def main():
    runs, port, sep, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    assert sep == "--" and command, __doc__
    evict(command[0])
    results = [once(port, command) for _ in range(runs)]
    print(json.dumps({"startup_ms": statistics.median(r[0] for r in results),
                      "startup_ms_all": [round(r[0], 1) for r in results],
                      "rss_mib": statistics.median(r[1] for r in results),
                      "cpu_ms": statistics.median(r[2] for r in results)}))

main()
