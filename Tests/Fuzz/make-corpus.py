#!/usr/bin/env python3
"""Writes the committed seed corpus of the fuzz targets (issue 8) under Tests/Fuzz/corpus/.

Run from anywhere; it replaces the folders it writes. The parser seeds are the rows of
shared/hostile-requests.md, the response-parser seeds well-formed, cut-off and refused
responses, the loader seeds the bundled fixtures, the control seeds valid
bodies from the SPEC's control API, the Accept seeds a spread of real-world headers.
"""
import json
import pathlib
import random
import shutil

ROOT = pathlib.Path(__file__).resolve().parent
REPO = ROOT.parent.parent
CORPUS = ROOT / "corpus"

G = b"GET / HTTP/1.1\r\nHost: a\r\n"
P = b"POST / HTTP/1.1\r\nHost: a\r\n"
PC = P + b"Transfer-Encoding: chunked\r\n\r\n"
END = b"\r\n"

# Byte 0 of a parser seed: bit 7 small limits, bits 0-2 the count of chunk-length bytes after it.
WHOLE_THEN_BYTES = b"\x00"             # split feed: byte by byte
SPLIT_5_12_1 = b"\x03\x04\x0b\x00"     # split feed: chunks of 5, 12, 1, 5, 12, 1, ...
SMALL = b"\x81\x06"                    # small limits, chunks of 7

rng = random.Random(8)
PARSER = {
    "01-lowercase-method": b"get / HTTP/1.1\r\nHost: a\r\n\r\n",
    "02-non-token-method": b"G\xc9T / HTTP/1.1\r\nHost: a\r\n\r\n",
    "02-nul-in-method": b"GE\x00T / HTTP/1.1\r\nHost: a\r\n\r\n",
    "03-unknown-method": b"FOO / HTTP/1.1\r\nHost: a\r\n\r\n",
    "04-http09": b"GET /\r\n\r\n",
    "05-http2-version": b"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
    "06-version-1-10": b"GET / HTTP/1.10\r\nHost: a\r\n\r\n",
    "06-version-suffix": b"GET / HTTP/1.1x\r\nHost: a\r\n\r\n",
    "07-two-spaces": b"GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
    "08-space-in-target": b"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
    "08-cr-in-target": b"GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n",
    "08-ff-in-target": b"GET /a\xffb HTTP/1.1\r\nHost: a\r\n\r\n",
    "09-absolute-form": b"GET http://evil.example/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n",
    "10-asterisk-get": b"GET * HTTP/1.1\r\nHost: a\r\n\r\n",
    "10-asterisk-options": b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    "11-connect": b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n",
    "13-bare-lf": b"GET / HTTP/1.1\nHost: a\n\n",
    "14-leading-crlf": b"\r\n\r\n" + G + END,
    "15-bad-percent": b"GET /%zz%E0%A4 HTTP/1.1\r\nHost: a\r\n\r\n",
    "16-dot-dot": b"GET /../../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n",
    "16-encoded-dot-dot": b"GET /%2e%2e/ HTTP/1.1\r\nHost: a\r\n\r\n",
    "17-tls-client-hello": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(rng.randrange(256) for _ in range(40)),
    "18-http2-preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "19-no-host": b"GET / HTTP/1.1\r\n\r\n",
    "20-two-hosts": G + b"Host: b\r\n\r\n",
    "21-space-before-colon": G + b"X-A : b\r\n\r\n",
    "22-obs-fold": G + b"X-A: b\r\n c\r\n\r\n",
    "24-empty-name": G + b": x\r\n\r\n",
    "24-at-in-name": G + b"Fo@: x\r\n\r\n",
    "24-utf8-name": G + "föo: x\r\n\r\n".encode(),
    "24-no-colon": G + b"nocolon\r\n\r\n",
    "25-nul-in-value": G + b"X-A: a\x00b\r\n\r\n",
    "25-cr-in-value": G + b"X-A: a\rb\r\n\r\n",
    "25-ctl-in-value": G + b"X-A: a\x01b\tc\r\n\r\n",
    "26-bare-lf-in-block": G + b"x:x\nTransfer-Encoding: chunked\r\n\r\n",
    "27-utf8-value": G + "X-A: bär\r\n\r\n".encode(),
    "27-obs-text-value": G + b"X-A: \xff\xfe\r\n\r\n",
    "30-unfinished-head": G + b"X-Slow: 1\r\n",
    "31-nothing": b"",
    "32-cl-and-te": P + b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    "33-two-lengths": P + b"Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "34-same-length-twice": P + b"Content-Length: 2\r\nContent-Length: 2\r\n\r\nab",
    "34-length-list": P + b"Content-Length: 2, 2\r\n\r\nab",
    "35-plus-length": P + b"Content-Length: +5\r\n\r\nhello",
    "36-negative-length": P + b"Content-Length: -1\r\n\r\n",
    "37-huge-length": P + b"Content-Length: 99999999999999999999\r\n\r\n",
    "38-length-with-space": P + b"Content-Length: 4 2\r\n\r\n",
    "38-empty-length": P + b"Content-Length:\r\n\r\n",
    "38-hex-length": P + b"Content-Length: 0x10\r\n\r\n",
    "38-exponent-length": P + b"Content-Length: 1e3\r\n\r\n",
    "39-length-too-large": P + b"Content-Length: 1000000000\r\n\r\nab",
    "40-te-gzip": P + b"Transfer-Encoding: gzip\r\n\r\n",
    "40-te-chunked-gzip": P + b"Transfer-Encoding: chunked, gzip\r\n\r\n",
    "40-te-chunkedchunked": P + b"Transfer-Encoding: chunkedchunked\r\n\r\n",
    "40-te-kelvin": P + "Transfer-Encoding: chun\u212aed\r\n\r\n".encode(),
    "41-http10-chunked": b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "42-17-hex-digits": PC + b"00000000000000003\r\nabc\r\n0\r\n\r\n",
    "43-chunk-size-max": PC + b"FFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n",
    "44-chunk-minus": PC + b"-1\r\n\r\n",
    "44-chunk-plus": PC + b"+3\r\nabc\r\n0\r\n\r\n",
    "44-chunk-0x": PC + b"0x3\r\nabc\r\n0\r\n\r\n",
    "45-bare-lf-after-size": PC + b"3\nabc\r\n0\r\n\r\n",
    "45-bare-lf-in-extension": PC + b"3;a=b\nabc\r\n0\r\n\r\n",
    "46-no-crlf-after-data": PC + b"3\r\nabcXX0\r\n\r\n",
    "47-space-after-size": PC + b"3 \r\nabc\r\n0\r\n\r\n",
    "48-trailer": PC + b"3;a=\"b\\\"c\"\r\nabc\r\n0\r\nX-T: v\r\n\r\n",
    "49-get-with-body": G + b"Content-Length: 5\r\n\r\nhello",
    "50-smuggled": P + b"Content-Length: 2\r\n\r\nabGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n",
    "51-short-body": P + b"Content-Length: 100\r\n\r\n0123456789",
    "52-two-requests": G + END + G + END,
    "53-close-then-pipelined": G + b"Connection: close\r\n\r\n" + G + END,
    "54-http10": b"GET / HTTP/1.0\r\n\r\n",
    "55-http10-keep-alive": b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    "57-expect-continue": P + b"Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
    "57-expect-continue-chunked": P + b"Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    "58-expect-foo": G + b"Expect: foo\r\n\r\n",
    "59-head-then-get": b"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n" + G + END,
    "62-binary-garbage": bytes(rng.randrange(256) for _ in range(512)),
    "64-control-foreign-host": b"GET /__control/status HTTP/1.1\r\nHost: attacker.example\r\n\r\n",
    "65-control-cross-site": b"POST /__control/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
                             b"Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n",
    "wice-login": b"POST /m2m/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
                  b"Accept: application/vnd.se.alkit.wice.authservice-v2+json\r\nContent-Length: 39\r\n\r\n"
                  b'{"username":"user","password":"secret"}',
    "usertoken-login": b"POST /auth/login HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic dXNlcjpzZWNyZXQ=\r\n"
                       b"Accept: application/json\r\nConnection: keep-alive\r\n\r\n",
}
# Rows about limits, cut to size: under the small limits (64-byte line, 128-byte header section,
# 6 fields, 64-byte body, 32-byte chunk line) short inputs reach 414, 431 and 413.
PARSER_SMALL = {
    "12-long-target": b"GET /" + b"a" * 80 + b" HTTP/1.1\r\nHost: a\r\n\r\n",
    "28-many-fields": G + b"".join(b"X-%d: v\r\n" % n for n in range(8)) + END,
    "29-long-value": G + b"X-A: " + b"v" * 140 + b"\r\n\r\n",
    "39-body-over-limit": P + b"Content-Length: 65\r\n\r\nab",
    "43-chunks-over-limit": PC + b"3f\r\n" + b"x" * 63 + b"\r\n2\r\nxx\r\n0\r\n\r\n",
    "chunk-line-over-limit": PC + b"3;" + b"e" * 40 + b"\r\nabc\r\n0\r\n\r\n",
}

CONTROL_BODY_ROUTES = ["faults", "clock", "deprecations", "fixtures", "users", "tokens", "tokens/t", "requests/count",
                       "provider-states"]
CONTROL_METHODS = ["GET", "POST", "DELETE", "PATCH", "PUT", "HEAD"]
ENDPOINT = {"kind": "endpoint", "name": "me", "method": "GET", "path": "/v1/auth/me", "role": "requiresToken",
            "responses": [{"name": "ok", "when": "success", "status": 200, "headers": {"Content-Type": "application/json"},
                           "body": {"user": "{{user}}", "at": "{{now}}"}},
                          {"name": "denied", "when": "badToken", "status": 401, "body": {"message": "{{message}}"}}]}
SERVICE = {"kind": "service", "name": "extra", "basePaths": ["/x"], "credentials": {"scheme": "basic", "challenge": "Basic realm=\"x\""},
           "token": {"scheme": "bearer", "idleTimeout": "1h30m"}, "users": [{"username": "u", "password": "p"}],
           "errors": {"mediaType": "application/json", "body": {"code": "{{status}}", "message": "{{message}}"}}}
CONTROL_BODIES = {
    "faults": [
        {"kind": "unauthorized"},
        {"kind": "status", "status": 503, "headers": {"Retry-After": "2"}, "body": {"error": "down"},
         "match": {"method": "POST", "path": "/auth/bump", "token": "t"}, "times": 2},
        {"kind": "status", "status": 418, "body": "short and stout"},
        {"kind": "delay", "delayMs": 250, "match": {"path": "/m2m/v1/auth/*"}},
        {"kind": "drop", "times": 1}, {"kind": "reset"}, {"kind": "malformed", "times": None},
        {"kind": "tokenExpired", "match": {"token": "5c0b"}}, {"kind": "deprecatedRemoved"},
    ],
    "clock": [{"advance": "8h"}, {"advance": "1h30m"}, {"advance": "-90s", "freeze": False}, {"advanceSeconds": 28800},
              {"advanceSeconds": 1.5}, {"set": "2026-11-23T10:00:00+00:00"}, {"set": "2026-11-23T10:00:00.123Z", "freeze": True}],
    "deprecations": [{"method": "POST", "path": "/m2m/v1/auth/logout", "phase": "sunset", "sunsetAt": "2026-12-01T00:00:00Z"},
                     {"method": "post", "path": "/v1/auth/logout", "phase": "removed"},
                     {"method": "POST", "path": "/m2m/v1/auth/logout", "phase": "deprecated"}],
    "fixtures": [{"service": "wice", "endpoint": ENDPOINT}, {"service": SERVICE, "endpoints": [ENDPOINT]}],
    "users": [{"service": "wice", "username": "alice", "password": "pw"}, {"service": "usertoken", "username": "user", "password": ""}],
    "tokens": [{"service": "wice", "user": "user"}, {"service": "usertoken"}],
    "tokens/t": [{"enabled": False}, {"enabled": True}],
    "requests/count": [{"method": "POST", "path": "/m2m/v1/auth/*"}, {"deprecated": True},
                       {"unmatched": True, "fault": False, "status": 201, "service": "wice"}],
    "provider-states": [{"state": "a valid token exists", "params": {"service": "wice", "token": "t", "user": "user"}},
                        {"states": [{"name": "the token has expired"}], "params": {"service": "usertoken"}, "action": "teardown"},
                        {"state": ""}],
}
CONTROL_PATHS = {
    "GET": ["", "status", "faults", "tokens", "clock", "requests", "deprecations", "fixtures", "users", "pact", "faults/f1",
            "requests?method=POST&path=/m2m/*&deprecated=true", "requests?status=201&fault=0&unmatched=",
            "pact?consumer=web%20app&provider=authstub"],
    "POST": ["reset", "tokens/expire", "tokens/t/expire", "fixtures/reload"],
    "DELETE": ["faults", "faults/%66%31", "requests", "tokens//expire"],
    "HEAD": ["status"],
}

ACCEPT = [
    "application/json", "*/*", "application/*", "application/vnd.se.alkit.wice.authservice-v2+json",
    "application/vnd.se.alkit.wice.authservice-v2+json;q=0.9, application/json;q=0.8",
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "application/json; charset=UTF-8\napplication/json;charset=utf-8;q=0",
    "text/plain, application/json;q=0\n>application/json\n>text/plain;charset=utf-8",
    'application/json;profile="a,b";q=0.5, */*;q=0.001',
    "application/json;q=1.000, application/*;q=0.999, */*;q=0",
    "application/json;q=1.5, application/json;q=0.1234, */*;q=x",
    "*/json, application/, /json, ,,, ;q=1",
    "application/json;q=0.5;q=0.6\napplication/json;;;",
    'text/*;format="a\\"b", application/json;format=flowed\n>text/plain;format="a\\"b"\n>application/json;format=fixed',
    "APPLICATION/JSON;Q=0.7\n>Application/Json",
    "\t application/json \t;\tq=0.3\t",
]


# Byte 0 of a response-parser seed: bit 7 small limits, bit 6 close at the end, bit 5 the first
# response answers HEAD, bits 0-2 the count of chunk-length bytes after it.
R_WHOLE = b"\x00"                     # split feed: byte by byte
R_SPLIT = b"\x43\x04\x0b\x00"          # close at the end; chunks of 5, 12, 1, ...
R_HEAD = b"\x60"                      # close at the end; the first answers HEAD
R_SMALL = b"\xc1\x06"                  # small limits, close at the end, chunks of 7
OK = b"HTTP/1.1 200 OK\r\n"
RESPONSES = {
    "length": OK + b"Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
    "pipelined": OK + b"Content-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
    "no-reason": b"HTTP/1.1 204\r\n\r\n",
    "chunked": OK + b"Transfer-Encoding: chunked\r\n\r\n4;a=\"b c\"\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-T: t\r\n\r\n",
    "until-close": OK + b"Content-Type: text/plain\r\n\r\neverything until the close",
    "http10": b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx",
    "continue": b"HTTP/1.1 100 Continue\r\n\r\n" + OK + b"Content-Length: 2\r\n\r\n{}",
    "not-modified": b"HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n" + OK + b"Content-Length: 0\r\n\r\n",
    "redirect": b"HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 5\r\n\r\nmoved",
    "cut-body": OK + b"Content-Length: 10\r\n\r\n{}",
    "cut-chunk": OK + b"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nd",
    "ssh-banner": b"SSH-2.0-OpenSSH_9.2\r\n",
    "tls-alert": b"\x15\x03\x03\x00\x02\x02\x50",
    "http2": b"HTTP/2.0 200 OK\r\n\r\n",
    "short-status": b"HTTP/1.1 20 OK\r\n\r\n",
    "bare-lf": b"HTTP/1.1 200 OK\nContent-Length: 0\n\n",
    "cl-and-te": OK + b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    "two-lengths": OK + b"Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "gzip": OK + b"Transfer-Encoding: gzip\r\n\r\n",
    "obs-fold": OK + b"X-A: b\r\n c\r\nContent-Length: 0\r\n\r\n",
    "huge-chunk": OK + b"Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n",
}
RESPONSES_SMALL = {
    "small-long-status": b"HTTP/1.1 200 " + b"r" * 40 + b"\r\n\r\n",
    "small-many-fields": OK + b"".join(b"X-%d: v\r\n" % i for i in range(8)) + b"\r\n",
    "small-large-body": OK + b"Content-Length: 65\r\n\r\n" + b"b" * 65,
    "small-large-until-close": OK + b"\r\n" + b"b" * 65,
}


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for name, data in PARSER.items():
        write("fuzz-http-parser", name, WHOLE_THEN_BYTES + data)
        write("fuzz-http-parser", name + "-split", SPLIT_5_12_1 + data)
    for name, data in PARSER_SMALL.items():
        write("fuzz-http-parser", name, SMALL + data)
    for name, data in RESPONSES.items():
        write("fuzz-http-response-parser", name, R_WHOLE + data)
        write("fuzz-http-response-parser", name + "-split", R_SPLIT + data)
    write("fuzz-http-response-parser", "head", R_HEAD + OK + b"Content-Length: 9\r\n\r\n" + OK + b"Content-Length: 1\r\n\r\nx")
    for name, data in RESPONSES_SMALL.items():
        write("fuzz-http-response-parser", name, R_SMALL + data)
    for path in sorted((REPO / "fixtures").glob("*/*.json")):
        write("fuzz-fixture-loader", f"{path.parent.name}-{path.name}", path.read_bytes())
    for route, bodies in CONTROL_BODIES.items():
        selector = CONTROL_BODY_ROUTES.index(route)
        for index, body in enumerate(bodies):
            write("fuzz-control-json", f"{route.replace('/', '-')}-{index}", bytes([selector]) + json.dumps(body).encode())
    for method, paths in CONTROL_PATHS.items():
        selector = len(CONTROL_BODY_ROUTES) + CONTROL_METHODS.index(method)
        for index, path in enumerate(paths):
            write("fuzz-control-json", f"{method.lower()}-{index}", bytes([selector]) + path.encode())
    for index, text in enumerate(ACCEPT):
        write("fuzz-accept", f"accept-{index:02}", text.encode())


if __name__ == "__main__":
    main()
