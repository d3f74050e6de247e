#!/usr/bin/env python3
"""The hostile side of soak.sh: many idle connections, a slowloris burst and slow readers, at once.

    idle         N connections that each complete one GET /plaintext, then stay open and silent
    slowloris    M connections that send a request line and then one header line every few seconds,
                 never finishing the head (the server should answer 408 after its head timeout)
    slow readers K connections that POST a large body to /echo and then read the answer a few KiB
                 per second (the server must keep serving everyone else and not grow without bound)

Prints READY once all three are under way, then a status line every 5 s, and a summary at the end.
Standard library only; the caller raises `ulimit -n`.
"""
import argparse
import selectors
import socket
import sys
import time


def connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def open_idle(port, n):
    held = []
    for i in range(n):
        s = connect(port)
        s.sendall(b"GET /plaintext HTTP/1.1\r\nHost: soak\r\n\r\n")
        data = b""
        while not data.endswith(b"Hello, World!"):
            chunk = s.recv(4096)
            if not chunk:
                raise ConnectionError("idle connection %d closed before its answer" % i)
            data += chunk
        s.setblocking(False)
        held.append(s)
    return held


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--idle", type=int, default=10000)
    ap.add_argument("--slowloris", type=int, default=500)
    ap.add_argument("--slow-readers", type=int, default=20)
    ap.add_argument("--body-kib", type=int, default=1024)
    ap.add_argument("--duration", type=float, default=40.0)
    a = ap.parse_args()

    idle = open_idle(a.port, a.idle)
    loris = []
    for _ in range(a.slowloris):
        s = connect(a.port)
        s.sendall(b"GET /plaintext HTTP/1.1\r\nHost: soak\r\n")
        s.setblocking(False)
        loris.append(s)
    body = b"x" * (a.body_kib * 1024)
    readers = []
    for _ in range(a.slow_readers):
        s = connect(a.port)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        s.setblocking(False)
        readers.append([s, 0])
    print("READY idle=%d slowloris=%d slow_readers=%d" % (len(idle), len(loris), len(readers)), flush=True)

    sel = selectors.DefaultSelector()
    loris_408 = loris_closed = 0
    open_loris = set(loris)
    for s in loris:
        sel.register(s, selectors.EVENT_READ, "loris")
    start = last_tick = last_status = time.time()
    while time.time() - start < a.duration:
        for key, _ in sel.select(timeout=0.2):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except (BlockingIOError, ConnectionError):
                data = b""
            if b" 408 " in data:
                loris_408 += 1
            if not data or b" 408 " in data:
                sel.unregister(s)
                open_loris.discard(s)
                loris_closed += 1
                s.close()
        now = time.time()
        if now - last_tick >= 2:
            last_tick = now
            for s in list(open_loris):
                try:
                    s.send(b"X-Slow: 1\r\n")
                except OSError:
                    pass
            for r in readers:
                try:
                    r[1] += len(r[0].recv(8192))
                except (BlockingIOError, ConnectionError):
                    pass
        if now - last_status >= 5:
            last_status = now
            print("t=%.0fs slowloris 408=%d closed=%d open=%d slow-reader KiB read=%d" % (
                now - start, loris_408, loris_closed, len(open_loris), sum(r[1] for r in readers) // 1024), flush=True)

    still_idle = 0
    for s in idle:
        try:
            if s.recv(1) == b"":
                continue
        except BlockingIOError:
            still_idle += 1
        except ConnectionError:
            pass
    print("SUMMARY idle_still_open=%d/%d slowloris_408=%d/%d slow_reader_kib=%d" % (
        still_idle, len(idle), loris_408, len(loris), sum(r[1] for r in readers) // 1024), flush=True)


if __name__ == "__main__":
    sys.exit(main())
