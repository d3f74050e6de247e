#!/usr/bin/env python3
"""Opens and holds many idle keep-alive connections to one server, for load-compare.sh's idle-10k.

Each connection first completes one GET, so the server has been through a whole request on it and
then left it idle: what a server keeps per idle connection (buffers, parser state, timers) is then
what it keeps between requests, which is the memory that matters for a mostly idle fleet.

The conversation runs over stdin/stdout so the caller can measure the server between steps:

    -> WARMED             after one throw-away open/request/close cycle (JIT, pools, heap pages)
    <- any line           the caller has taken its "before" reading
    -> HOLDING n          n connections are open and idle
    <- any line           the caller has taken its "after" reading
    -> OPEN m             m of them were still open (the server closed the rest); then all close

With `--tls CERT.pem` every connection first completes a TLS handshake (trusting that certificate,
SNI `localhost`), so the reading is the cost of an idle TLS connection.

Only the standard library; the caller raises `ulimit -n` above the connection count.
"""
import argparse
import errno
import select
import socket
import ssl
import sys


def read_response(sock):
    """Reads one response with a Content-Length body; the contract's GET /plaintext has one."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("server closed before answering")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("server closed mid-body")
        body += chunk
    if not head.startswith(b"HTTP/1.1 200"):
        raise ConnectionError("unexpected answer: " + head.split(b"\r\n")[0].decode(errors="replace"))


def open_connections(host, port, count, path, tls):
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    sockets = []
    try:
        for _ in range(count):
            sock = socket.create_connection((host, port), timeout=30)
            if tls:
                # Handshakes take long enough that a burst would meet the idle timeout: ask at once.
                sock = tls.wrap_socket(sock, server_hostname="localhost")
                sock.sendall(request)
                read_response(sock)
            sockets.append(sock)
    except OSError as e:
        close_all(sockets)
        hint = " (out of ephemeral ports: wait for TIME_WAIT to drain)" if e.errno == errno.EADDRNOTAVAIL else ""
        raise SystemExit(f"connection {len(sockets) + 1} of {count} failed: {e}{hint}")
    # Send every request before reading any answer, so the server sees a burst, not a slow trickle.
    if not tls:
        for sock in sockets:
            sock.sendall(request)
        for sock in sockets:
            read_response(sock)
    return sockets


def still_open(sockets):
    """A socket that polls readable while idle has been closed (EOF) or reset by the server."""
    poller = select.poll()
    by_fd = {sock.fileno(): sock for sock in sockets}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    closed = 0
    for fd, _ in poller.poll(0):
        if isinstance(by_fd[fd], ssl.SSLSocket):
            closed += 1  # an idle TLS connection has nothing to read but close_notify or EOF
            continue
        try:
            if by_fd[fd].recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                closed += 1
        except OSError:
            closed += 1
    return len(sockets) - closed


def close_all(sockets):
    for sock in sockets:
        sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--path", default="/plaintext")
    parser.add_argument("--tls", metavar="CERT_PEM", help="speak TLS, trusting this certificate")
    args = parser.parse_args()
    tls = ssl.create_default_context(cafile=args.tls) if args.tls else None

    close_all(open_connections(args.host, args.port, args.count, args.path, tls))
    print("WARMED", flush=True)
    sys.stdin.readline()

    sockets = open_connections(args.host, args.port, args.count, args.path, tls)
    print(f"HOLDING {len(sockets)}", flush=True)
    sys.stdin.readline()

    print(f"OPEN {still_open(sockets)}", flush=True)
    close_all(sockets)


if __name__ == "__main__":
    main()
