"""1,000 concurrent keep-alive connections against a running AuthStub (issue 8).

Every connection logs in (wice, POST /v1/auth/login) and stays open; once all 1,000 are
open and answered at the same time, each logs out (DELETE /v1/auth/logout) with its own
token on the same connection, and every one must get its 204.

Usage: keepalive-clients.py BASE_URL SERVER_PID [COUNT]
"""
import os
import socket
import sys
import time
from urllib.parse import urlsplit

TIMEOUT = 30  # seconds per read: a wait on a loaded machine, not a speed limit
CREDENTIALS = b'{"username":"user","password":"secret"}'


def login_request(host):
    return (b"POST /v1/auth/login HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\n"
            b"Accept: application/json\r\nContent-Length: %d\r\n\r\n" % len(CREDENTIALS) + CREDENTIALS)


def logout_request(host, token):
    return b"DELETE /v1/auth/logout HTTP/1.1\r\nHost: " + host + b"\r\nauth-token: " + token + b"\r\n\r\n"


class Client:
    """One blocking keep-alive connection with its unread bytes."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=TIMEOUT)
        self.buffer = b""

    def response(self):
        """(status, headers as a lower-cased dict, body) of the next response."""
        while b"\r\n\r\n" not in self.buffer:
            self._receive()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        length = 0 if status in (204, 304) or status < 200 else int(headers.get(b"content-length", b"0"))
        while len(self.buffer) < length:
            self._receive()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def _receive(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed a kept-alive connection")
        self.buffer += chunk


def descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def main():
    base, pid = sys.argv[1], int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    url = urlsplit(base)
    host = url.netloc.encode()
    address = (url.hostname, url.port)

    started = time.monotonic()
    clients = [Client(address) for _ in range(count)]
    # Every connection sends before any reads, so all of them are in flight at once.
    for client in clients:
        client.sock.sendall(login_request(host))
    tokens = []
    for client in clients:
        status, headers, _ = client.response()
        if status != 201 or b"auth-token" not in headers or headers.get(b"connection") == b"close":
            sys.exit(f"keepalive: a login got {status} {headers}")
        tokens.append(headers[b"auth-token"])
    first = time.monotonic() - started
    held = descriptors(pid)
    if held < count:
        sys.exit(f"keepalive: the server holds {held} descriptors, fewer than the {count} open connections")

    started = time.monotonic()
    for client, token in zip(clients, tokens):
        client.sock.sendall(logout_request(host, token))
    for client in clients:
        status, headers, _ = client.response()
        if status != 204:
            sys.exit(f"keepalive: a logout on a kept-alive connection got {status} {headers}")
    second = time.monotonic() - started
    for client in clients:
        client.sock.close()
    print(f"keepalive: {count} connections open at once (the server held {held} descriptors); "
          f"{count} logins in {first:.2f} s, then {count} logouts on the same connections in {second:.2f} s")


if __name__ == "__main__":
    main()
