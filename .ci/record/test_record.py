"""Issue 18's end-to-end proof, through real sockets and the real CLI: `authstub record` in
front of a real upstream (upstream.py, a fake of an auth API unlike the bundled ones), a client
flow driven by Python `requests`, the recording saved by a control call and by SIGINT, checked
with `authstub validate`, served with `authstub serve`, and the same flow replayed offline with
the same statuses. An upstream that is slow or answers garbage gives the client a 504 or 502
with the reason, and the recording keeps everything seen until then.

The CLI is found through AUTHSTUB_BIN (set by .ci/check-record.sh)."""

import json
import os
import pathlib
import signal
import subprocess
import sys

import pytest
import requests

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BINARY = os.environ.get("AUTHSTUB_BIN") or str(ROOT / ".build" / "debug" / "authstub")
ADA = ("ada@acme.test", "correct horse battery")


def start(arguments):
    """The CLI with `arguments`; returns (process, base URL) once its first line names the URL."""
    process = subprocess.Popen([BINARY, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"authstub {arguments[0]} did not start: {line}{process.stderr.read()}")
    return process, line.split()[-1]


def stop(process, sig=signal.SIGTERM):
    """Stops the CLI with `sig`; returns what it printed after its banner."""
    process.send_signal(sig)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, f"authstub exited with {process.returncode}: {err}"
    return out


@pytest.fixture
def upstream():
    process = subprocess.Popen([sys.executable, str(HERE / "upstream.py"), "0"], stdout=subprocess.PIPE, text=True)
    port = int(process.stdout.readline().split()[-1])
    yield f"http://127.0.0.1:{port}"
    process.kill()
    process.wait()


def flow(base, email, password):
    """The client flow a frontend runs: the statuses it saw, and the tokens it was given."""
    seen = []

    def call(method, path, **kwargs):
        answer = requests.request(method, base + path, timeout=10, allow_redirects=False, **kwargs)
        seen.append((method, path, answer.status_code))
        return answer

    call("GET", "/api/v2/health")
    call("GET", "/api/v2/docs")
    call("POST", "/api/v2/sessions", json={})
    call("POST", "/api/v2/sessions", json={"email": email, "password": "not the password"})
    login = call("POST", "/api/v2/sessions", json={"email": email, "password": password})
    session = login.json()["session"]
    token = {"X-Acme-Session": session["accessToken"]}
    call("GET", "/api/v2/me", headers=token)
    call("GET", "/api/v2/me")
    call("GET", "/api/v2/users/17", headers=token)
    call("GET", "/api/v2/users/18", headers=token)
    call("GET", "/api/v2/users/999", headers=token)
    refreshed = call("POST", "/api/v2/sessions/refresh", json={"refreshToken": session["refreshToken"]})
    call("POST", "/api/v2/sessions/refresh", json={"refreshToken": session["refreshToken"]})
    token = {"X-Acme-Session": refreshed.json()["session"]["accessToken"]}
    call("GET", "/api/v2/me", headers=token)
    call("DELETE", "/api/v2/sessions/current", headers=token)
    call("GET", "/api/v2/me", headers=token)
    return seen, login, session


def test_record_then_replay_offline(upstream, tmp_path):
    out = tmp_path / "recorded"
    recorder, base = start(["record", "--target", upstream, "--out", str(out), "--service", "acme", "--port", "0"])
    try:
        recorded, login, session = flow(base, *ADA)
        # The client got the real answers through the recorder, cookies rewritten for localhost.
        cookie = login.headers["Set-Cookie"]
        assert "acme_device=" in cookie and "Domain" not in cookie and "Secure" not in cookie
        docs = requests.get(base + "/api/v2/docs", allow_redirects=False, timeout=10)
        assert docs.headers["Location"] == base + "/api/v2/docs/index.html"
        saved = requests.post(base + "/__control/recording/save", timeout=10)
        assert saved.status_code == 200, saved.text
        report = saved.json()
    finally:
        printed = stop(recorder, signal.SIGINT)
    folder = pathlib.Path(report["folder"])
    assert folder == out / "acme"
    assert "Wrote" in printed and "Scrubbed:" in printed, printed

    # Secrets are never written: not the passwords, tokens or cookie values seen.
    written = "".join(path.read_text() for path in folder.glob("*.json"))
    for secret in (ADA[1], "not the password", session["accessToken"], session["refreshToken"], cookie.split(";")[0].split("=")[1]):
        assert secret not in written, f"{secret!r} was written"
    users = {user["username"]: user["password"] for user in report["users"]}
    assert set(users) == {ADA[0]} and users[ADA[0]] != ADA[1]
    assert ADA[0] in printed and users[ADA[0]] in printed, printed

    check = subprocess.run([BINARY, "validate", str(folder)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    described = subprocess.run([BINARY, "openapi", "--fixtures", str(folder)], capture_output=True, text=True)
    assert described.returncode == 0, described.stderr
    paths = json.loads(described.stdout)["paths"]
    assert set(paths["/api/v2/users/{userId}"]["get"]["responses"]) >= {"200", "404"}
    assert "201" in paths["/api/v2/sessions"]["post"]["responses"]

    server, replay_base = start(["serve", "--fixtures", str(folder), "--port", "0", "--quiet"])
    try:
        replayed, replay_login, _ = flow(replay_base, ADA[0], users[ADA[0]])
        assert replayed == recorded
        assert replay_login.json()["user"] == login.json()["user"]
        assert replay_login.headers["Content-Type"] == login.headers["Content-Type"]
    finally:
        stop(server)


def test_kept_credentials_and_extra_scrubbed_fields(upstream, tmp_path):
    out = tmp_path / "private"
    recorder, base = start(
        ["record", "--target", upstream, "--out", str(out), "--service", "acme", "--port", "0", "--keep-credentials", "--scrub", "name"]
    )
    try:
        requests.post(base + "/api/v2/sessions", json={"email": ADA[0], "password": ADA[1]}, timeout=10)
    finally:
        printed = stop(recorder, signal.SIGTERM)
    written = "".join(path.read_text() for path in (out / "acme").glob("*.json"))
    assert ADA[1] in written  # kept, as asked, for a private folder
    assert '"Ada"' not in written  # the extra field was scrubbed
    assert "name" in printed


def test_upstream_slow_or_garbage_gives_504_or_502_and_the_recording_keeps_the_rest(upstream, tmp_path):
    out = tmp_path / "partial"
    recorder, base = start(
        ["record", "--target", upstream, "--out", str(out), "--service", "acme", "--port", "0", "--proxy-timeout", "1s"]
    )
    try:
        assert requests.get(base + "/api/v2/health", timeout=10).status_code == 200
        slow = requests.get(base + "/api/v2/slow", timeout=10)
        assert slow.status_code == 504 and "no complete answer within 1.0 seconds" in slow.json()["error"], slow.text
        garbage = requests.get(base + "/api/v2/garbage", timeout=10)
        assert garbage.status_code == 502 and upstream in garbage.json()["error"], garbage.text
        status = requests.get(base + "/__control/recording", timeout=10).json()
        assert status["exchanges"] == 1
        journal = requests.get(base + "/__control/requests", timeout=10).json()["requests"]
        assert [entry["status"] for entry in journal] == [200, 504, 502]
        assert all(entry["proxiedTo"].startswith(upstream) for entry in journal)
    finally:
        stop(recorder, signal.SIGHUP)
    assert (out / "acme" / "service.json").exists()
    files = sorted(path.name for path in (out / "acme").glob("*.json"))
    assert len(files) == 2, files  # service.json and the health endpoint


def test_upstream_down_gives_502_never_a_hang(tmp_path):
    recorder, base = start(["record", "--target", "http://127.0.0.1:9", "--out", str(tmp_path / "down"), "--port", "0"])
    try:
        answer = requests.get(base + "/anything", timeout=10)
        assert answer.status_code == 502
        assert "127.0.0.1:9" in answer.json()["error"]
    finally:
        stop(recorder)


def test_serve_proxies_what_it_does_not_fake(upstream):
    """A team fakes auth with the bundled services and passes the rest of its API through."""
    server, base = start(["serve", "--port", "0", "--quiet", "--proxy-unmatched", upstream])
    try:
        faked = requests.post(base + "/auth/login", auth=("user", "secret"), timeout=10)
        assert faked.status_code == 200 and "X-AuthStub-Example" in faked.headers
        passed = requests.get(base + "/api/v2/health", headers={"Origin": "http://localhost:3000"}, timeout=10)
        assert passed.status_code == 200 and passed.json()["status"] == "ok"
        assert passed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
        journal = requests.get(base + "/__control/requests", timeout=10).json()["requests"]
        assert "proxiedTo" not in journal[0] or journal[0]["proxiedTo"] is None
        assert journal[1]["proxiedTo"] == upstream + "/api/v2/health"
    finally:
        stop(server)
