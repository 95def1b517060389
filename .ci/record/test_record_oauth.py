"""Issue 18's recording proof with a real OAuth 2.0 client: Authlib (which AuthStub's authors
did not write) goes through `authstub record` in front of AuthStub's own `oauth2` service; the
recording is served on its own and the same Authlib flow replayed against it with the client
secret and password the recorder made up."""

import pathlib
import signal
import subprocess

import requests
from authlib.integrations.requests_client import OAuth2Session

from test_record import BINARY, start, stop


def flow(base, client_secret, password):
    """Client credentials, password grant, a resource with and without the token, a refresh
    that rotates, the old refresh token reused, a wrong client secret: each step's status."""
    token_url = base + "/oauth2/token"
    seen = []
    client = OAuth2Session("client", client_secret, token_endpoint_auth_method="client_secret_basic")
    machine = client.fetch_token(token_url, grant_type="client_credentials")
    seen.append(("client_credentials", bool(machine["access_token"]), machine["token_type"]))
    user = client.fetch_token(token_url, grant_type="password", username="user", password=password, scope="openid profile")
    seen.append(("password", bool(user["refresh_token"]), user["token_type"]))
    resource = requests.get(base + "/oauth2/resource", headers={"Authorization": "Bearer " + user["access_token"]}, timeout=10)
    seen.append(("resource", resource.status_code))
    seen.append(("resource without a token", requests.get(base + "/oauth2/resource", timeout=10).status_code))
    refreshed = client.refresh_token(token_url, refresh_token=user["refresh_token"])
    seen.append(("refresh", refreshed["refresh_token"] != user["refresh_token"]))
    reused = requests.post(token_url, auth=("client", client_secret), timeout=10,
                           data={"grant_type": "refresh_token", "refresh_token": user["refresh_token"]})
    seen.append(("refresh reused", reused.status_code, reused.json().get("error")))
    wrong = requests.post(token_url, auth=("client", "not the secret"), data={"grant_type": "client_credentials"}, timeout=10)
    seen.append(("wrong client secret", wrong.status_code, wrong.json().get("error")))
    return seen


def test_authlib_through_the_recorder_then_offline(tmp_path):
    upstream, upstream_base = start(["serve", "--port", "0", "--quiet"])
    try:
        recorder, base = start(["record", "--target", upstream_base, "--out", str(tmp_path), "--service", "oauth", "--port", "0"])
        try:
            recorded = flow(base, "secret", "secret")
            report = requests.post(base + "/__control/recording/save", timeout=10).json()
        finally:
            stop(recorder, signal.SIGINT)
    finally:
        stop(upstream)
    assert recorded[-2:] == [("refresh reused", 400, "invalid_grant"), ("wrong client secret", 401, "invalid_client")]
    secrets = {(user["list"], user["username"]): user["password"] for user in report["users"]}
    assert set(secrets) == {("clients", "client"), ("users", "user")}, secrets
    assert "secret" not in secrets.values()
    written = "".join(path.read_text() for path in pathlib.Path(report["folder"]).glob("*.json"))
    assert '"secret"' not in written

    check = subprocess.run([BINARY, "validate", report["folder"]], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    server, replay_base = start(["serve", "--fixtures", report["folder"], "--port", "0", "--quiet"])
    try:
        assert flow(replay_base, secrets[("clients", "client")], secrets[("users", "user")]) == recorded
    finally:
        stop(server)
