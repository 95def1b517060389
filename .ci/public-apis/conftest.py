"""Starts the real `authstub serve` on the public-API fixture folders under Tests/Fixtures, for
tests written with Python `requests` (a client AuthStub's authors did not write).

The CLI is found through AUTHSTUB_BIN (set by .ci/check-public-apis.sh). Each test module gets
one server for its fixture folder (`FIXTURE_FOLDER`; None: the bundled services); every test
starts from `POST /__control/reset`."""

import os
import pathlib
import subprocess

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "Fixtures"


class Stub:
    """A running `authstub serve` and its control API."""

    def __init__(self, process, url):
        self.process = process
        self.url = url

    def api(self, method, path, **kwargs):
        """An API request with a fresh connection and no cookie jar (a `requests.Session`
        is used where a test wants cookies kept)."""
        return requests.request(method, self.url + path, timeout=10, **kwargs)

    def control(self, method, path, json=None):
        answer = requests.request(method, self.url + "/__control" + path, json=json, timeout=10)
        assert answer.status_code < 300, f"{method} /__control{path}: {answer.status_code} {answer.text}"
        return answer

    def advance(self, duration):
        self.control("POST", "/clock", {"advance": duration})

    def journal(self, **filters):
        query = "&".join(f"{name}={value}" for name, value in filters.items())
        return self.control("GET", "/requests" + ("?" + query if query else "")).json()["requests"]

    def token_info(self, token):
        return self.control("GET", "/tokens/" + token).json()


def start(folder):
    """`authstub serve` on `folder`, or on the bundled services when it is None."""
    binary = os.environ.get("AUTHSTUB_BIN") or str(ROOT / ".build" / "debug" / "authstub")
    fixtures = [] if folder is None else ["--fixtures", str(folder)]
    process = subprocess.Popen(
        [binary, "serve", "--port", "0", "--quiet", "--seed", "16", *fixtures],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"authstub serve did not start: {line}{process.stderr.read()}")
    return Stub(process, line.split()[-1])


def stop(stub):
    stub.process.terminate()
    stub.process.wait(timeout=10)
    assert stub.process.returncode == 0, f"authstub exited with {stub.process.returncode}: {stub.process.stderr.read()}"


@pytest.fixture(scope="module")
def server(request):
    folder = request.module.FIXTURE_FOLDER
    stub = start(None if folder is None else FIXTURES / folder)
    yield stub
    stop(stub)


@pytest.fixture
def stub(server):
    server.control("POST", "/reset")
    return server
