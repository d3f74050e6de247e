#!/usr/bin/env python3
"""Time from starting a server's process to its first 200, for several servers, alternating.

usage: first_response.py [--runs N] [--path /plaintext] [--port P] [--csv FILE] NAME=COMMAND ...

Each COMMAND is run by bash from the current directory, with {port} replaced by --port. A run starts
the process, then asks GET PATH over a new connection every 2 ms (a refused connection costs microseconds)
until one answers 200; the time from just before the process started to the end of that answer's status
line is the run's value, with the CPU time the process had used by then (user + system, all its threads,
to the kernel's tick): on a shared machine the wall time includes waiting for a core, the CPU time does
not. Then the process group gets SIGTERM (SIGKILL after 10 s). Round r runs the
servers in order when r is odd and in reverse when even (A B, B A, ...), so that a neighbour's load falls
on both alike. Prints one Markdown row per server: medians of both, and the wall time's min and max, in ms.
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time

POLL_S = 0.002
GIVE_UP_S = 60


def first_200(port, path, started, proc):
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    while time.monotonic() - started < GIVE_UP_S:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                head = b""
                while b"\r\n" not in head:
                    chunk = s.recv(256)
                    if not chunk:
                        break
                    head += chunk
                if head.startswith(b"HTTP/1.1 200"):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(POLL_S)
    raise RuntimeError(f"no 200 within {GIVE_UP_S} s")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        proc.wait()


def one_run(command, port, path):
    started = time.monotonic()
    proc = subprocess.Popen(["bash", "-c", "exec " + command.replace("{port}", str(port))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wall = first_200(port, path, started, proc)
        return wall * 1000, cpu_ms(proc.pid)
    finally:
        stop(proc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per server (default 10)")
    parser.add_argument("--path", default="/plaintext")
    parser.add_argument("--port", type=int, default=19180)
    parser.add_argument("--csv", help="also write name,round,ms,cpu_ms rows here")
    parser.add_argument("servers", nargs="+", metavar="NAME=COMMAND")
    args = parser.parse_args()
    servers = [s.split("=", 1) for s in args.servers]
    if any(len(s) != 2 for s in servers):
        parser.error("each server is NAME=COMMAND")
    times = {name: [] for name, _ in servers}
    cpu = {name: [] for name, _ in servers}
    rows = []
    for r in range(1, args.runs + 1):
        for name, command in (servers if r % 2 else list(reversed(servers))):
            ms, cpu_used = one_run(command, args.port, args.path)
            times[name].append(ms)
            cpu[name].append(cpu_used)
            rows.append((name, r, ms, cpu_used))
            print(f"{name} run {r}: {ms:.0f} ms, CPU {cpu_used:.0f} ms", file=sys.stderr)
    if args.csv:
        with open(args.csv, "w") as f:
            f.write("name,round,ms,cpu_ms\n")
            f.writelines(f"{n},{r},{ms:.1f},{c:.0f}\n" for n, r, ms, c in rows)
    print("| server | start to first 200, median (ms) | min | max | CPU used by then, median (ms) | runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} "
              f"| {statistics.median(cpu[name]):.0f} | {len(values)} |")


if __name__ == "__main__":
    main()
