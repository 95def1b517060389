"""A fake of "Acme Accounts", an auth API unlike AuthStub's bundled ones, for issue 18's
recording proof: `authstub record` stands in front of it, then the recording is served offline.

What makes it different: JSON logins with `email`/`password` answering 201 (422 when fields are
missing), the session token in a header of its own (`X-Acme-Session`), prefixed tokens
(`at_…`, `rt_…`) nested under `session`, rotating refresh tokens, a `DELETE` logout answering
204, ids in paths, an absolute redirect to itself, and a device cookie with `Domain` and
`Secure`. Two routes misbehave on purpose: `/api/v2/slow` answers after 3 s and
`/api/v2/garbage` answers with bytes that are not HTTP.

Usage: python3 upstream.py PORT (0 for any free port); prints `listening on PORT`, then serves
until killed.
"""

import datetime
import json
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USERS = {
    "ada@acme.test": {"password": "correct horse battery", "id": 17, "name": "Ada"},
    "bob@acme.test": {"password": "hunter2hunter2", "id": 18, "name": "Bob"},
}
LOCK = threading.Lock()
ACCESS = {}  # access token -> email
REFRESH = {}  # refresh token -> email


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_session(email):
    access, refresh = "at_" + secrets.token_hex(16), "rt_" + secrets.token_hex(16)
    with LOCK:
        ACCESS[access] = email
        REFRESH[refresh] = email
    return {"accessToken": access, "refreshToken": refresh, "expiresIn": 900, "issuedAt": now_text()}


def public_user(email):
    user = USERS[email]
    return {"id": user["id"], "email": email, "name": user["name"]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=None, headers=()):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            value = json.loads(raw or b"{}")
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def session_user(self):
        token = self.headers.get("X-Acme-Session")
        if not token:
            self.answer(401, {"code": "UNAUTHENTICATED", "message": "sign in first"})
            return None
        with LOCK:
            email = ACCESS.get(token)
        if email is None:
            self.answer(401, {"code": "SESSION_INVALID", "message": "this session has ended"})
        return email

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/api/v2/health":
            self.answer(200, {"status": "ok", "time": now_text()})
        elif path == "/api/v2/docs":
            self.answer(302, None, [("Location", "http://%s/api/v2/docs/index.html" % self.headers.get("Host", ""))])
        elif path == "/api/v2/me":
            email = self.session_user()
            if email:
                self.answer(200, public_user(email))
        elif path.startswith("/api/v2/users/"):
            email = self.session_user()
            if email:
                wanted = path.rsplit("/", 1)[1]
                found = [e for e, u in USERS.items() if str(u["id"]) == wanted]
                if found:
                    self.answer(200, public_user(found[0]))
                else:
                    self.answer(404, {"code": "NOT_FOUND", "message": "no user " + wanted})
        elif path == "/api/v2/slow":
            time.sleep(3)
            self.answer(200, {"slow": True})
        elif path == "/api/v2/garbage":
            self.wfile.write(b"THIS IS NOT HTTP\r\n\r\n")
            self.close_connection = True
        else:
            self.answer(404, {"code": "NOT_FOUND", "message": "no route " + path})

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        body = self.body()
        if body is None:
            self.answer(400, {"code": "BAD_JSON", "message": "the body is not a JSON object"})
        elif path == "/api/v2/sessions":
            email, password = body.get("email"), body.get("password")
            if not isinstance(email, str) or not isinstance(password, str):
                self.answer(422, {"code": "VALIDATION_FAILED", "message": "email and password are required"})
            elif email not in USERS or USERS[email]["password"] != password:
                self.answer(401, {"code": "INVALID_LOGIN", "message": "email or password is wrong"})
            else:
                cookie = "acme_device=%s; Domain=%s; Path=/; HttpOnly; Secure; SameSite=None" % (
                    secrets.token_hex(8),
                    self.headers.get("Host", "").split(":")[0],
                )
                self.answer(201, {"session": new_session(email), "user": public_user(email)}, [("Set-Cookie", cookie)])
        elif path == "/api/v2/sessions/refresh":
            token = body.get("refreshToken")
            with LOCK:
                email = REFRESH.pop(token, None) if isinstance(token, str) else None
            if email is None:
                self.answer(401, {"code": "REFRESH_INVALID", "message": "refresh token is not valid"})
            else:
                self.answer(200, {"session": new_session(email)})
        else:
            self.answer(404, {"code": "NOT_FOUND", "message": "no route " + path})

    def do_DELETE(self):
        path = self.path.split("?", 1)[0]
        if path == "/api/v2/sessions/current":
            email = self.session_user()
            if email:
                with LOCK:
                    ACCESS.pop(self.headers.get("X-Acme-Session"), None)
                self.answer(204)
        else:
            self.answer(404, {"code": "NOT_FOUND", "message": "no route " + path})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
    server.daemon_threads = True
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
