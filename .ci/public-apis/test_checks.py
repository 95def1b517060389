"""Issue 20's interoperability proof for the auth-aware checks: Authlib (an OAuth 2.0 client
AuthStub's authors did not write) drives the bundled oauth2 service through the real
`authstub serve`, and `POST /__control/verify` judges what it sent: passing when the client
behaves, naming the offending requests when it does not."""

import pytest
from authlib.integrations.requests_client import OAuth2Session, OAuthError

FIXTURE_FOLDER = None  # the bundled services

TOKEN = "/oauth2/token"
RESOURCE = "/oauth2/resource"
REVOKE = "/oauth2/revoke"


def client(stub):
    return OAuth2Session(
        "client", "secret", token_endpoint_auth_method="client_secret_post", revocation_endpoint_auth_method="client_secret_post"
    )


def verify(stub, checks=None):
    body = {} if checks is None else {"checks": checks}
    answer = stub.control("POST", "/verify", body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def failed(report, check):
    result = next(result for result in report["results"] if result["check"] == check)
    assert result["held"] is False, report
    return result["requests"]


def test_a_client_that_behaves_passes_every_check(stub):
    session = client(stub)
    token = session.fetch_token(stub.url + TOKEN, username="user", password="secret")
    assert session.get(stub.url + RESOURCE).status_code == 200
    stub.advance("61m")
    assert session.get(stub.url + RESOURCE).status_code == 401  # expired on the server clock
    session.refresh_token(stub.url + TOKEN, refresh_token=token["refresh_token"])
    assert session.get(stub.url + RESOURCE).status_code == 200
    assert session.revoke_token(stub.url + REVOKE, token=session.token["refresh_token"], token_type_hint="refresh_token").status_code == 200
    report = verify(stub)
    assert report["passed"] is True, report
    assert report["checked"] == 6 and report["dropped"] == 0
    assert [result["check"] for result in report["results"]] == [
        "noTokenUseAfterEnd", "oneRefresh", "respectsRetryAfter", "credentialRetries", "noCallsAfterSunset", "noTokenLeaks",
    ]


def test_a_client_that_misbehaves_is_named_request_by_request(stub):
    session = client(stub)
    token = session.fetch_token(stub.url + TOKEN, username="user", password="secret")  # 1
    session.refresh_token(stub.url + TOKEN, refresh_token=token["refresh_token"])  # 2
    with pytest.raises(OAuthError):
        session.refresh_token(stub.url + TOKEN, refresh_token=token["refresh_token"])  # 3: the rotated one again
    stale = stub.api("GET", RESOURCE + "?access_token=" + session.token["access_token"])  # 4: a token in the URL
    assert stale.status_code == 401
    report = verify(stub, [{"check": "noTokenUseAfterEnd"}, {"check": "oneRefresh", "window": "30s"}, {"check": "noTokenLeaks"}])
    assert report["passed"] is False
    reused = failed(report, "noTokenUseAfterEnd")
    assert [(r["id"], r["method"], r["path"]) for r in reused] == [(3, "POST", TOKEN)]
    assert reused[0]["token"] == token["refresh_token"][:4] + "…"
    assert "used after #2 POST /oauth2/token (200) had told the client it had ended" in reused[0]["reason"]
    assert [r["id"] for r in failed(report, "oneRefresh")] == [3]
    leaks = failed(report, "noTokenLeaks")
    assert [(r["id"], r["reason"]) for r in leaks] == [(4, "put a token in the query string (access_token=)")]
    # The journal shows that token shortened, as it does everywhere else.
    assert session.token["access_token"] not in str(stub.journal())


def test_a_password_retried_forever_and_a_bad_body(stub):
    for _ in range(4):
        with pytest.raises(OAuthError):
            client(stub).fetch_token(stub.url + TOKEN, username="user", password="wrong")
    report = verify(stub, [{"check": "credentialRetries", "atMost": 2}])
    assert [r["id"] for r in failed(report, "credentialRetries")] == [4]
    answer = stub.api("POST", "/__control/verify", json={"checks": [{"check": "oneRefresh", "atMost": 1}]})
    assert answer.status_code == 400 and answer.json()["field"] == "checks.atMost", answer.text
