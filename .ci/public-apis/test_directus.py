"""Directus authentication (login in json and cookie mode, refresh with rotation, logout,
/users/me, /users/{id}), faked from Tests/Fixtures/directus and driven with Python `requests`
as an app would call the real API."""

import requests

FIXTURE_FOLDER = "directus"
EMAIL = "hello@example.com"
PASSWORD = "d1r3ctu5"
USER_ID = "8cbb43fe-4cdf-4991-8352-c461779cec02"


def login(stub, **extra):
    return stub.api("POST", "/auth/login", json={"email": EMAIL, "password": PASSWORD, **extra})


def logged_in(stub):
    answer = login(stub)
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]


def me(stub, access_token=None):
    headers = {"Authorization": "Bearer " + access_token} if access_token else {}
    return stub.api("GET", "/users/me", headers=headers)


def refresh(stub, refresh_token):
    return stub.api("POST", "/auth/refresh", json={"refresh_token": refresh_token, "mode": "json"})


def code(answer):
    return answer.json()["errors"][0]["extensions"]["code"]


def test_login_then_read_the_current_user(stub):
    data = logged_in(stub)
    assert data["expires"] == 900000
    answer = me(stub, data["access_token"])
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"] == {"id": USER_ID, "first_name": "Admin", "last_name": "User", "email": EMAIL}


def test_login_refusals_missing_vs_wrong(stub):
    wrong = stub.api("POST", "/auth/login", json={"email": EMAIL, "password": "nope"})
    assert (wrong.status_code, code(wrong)) == (401, "INVALID_CREDENTIALS")
    missing = stub.api("POST", "/auth/login", json={})
    assert (missing.status_code, code(missing)) == (400, "INVALID_PAYLOAD")
    entries = stub.journal(path="/auth/login")
    assert [(entry["refusal"], entry.get("refusalReason")) for entry in entries] == [
        ("badCredentials", "wrong"),
        ("badRequest", "missing"),
    ]


def test_current_user_refusal_reasons(stub):
    missing = me(stub)
    assert (missing.status_code, code(missing)) == (403, "FORBIDDEN")
    unknown = me(stub, "not-a-token")
    assert (unknown.status_code, code(unknown)) == (403, "INVALID_TOKEN")
    data = logged_in(stub)
    stub.advance("14m")
    assert me(stub, data["access_token"]).status_code == 200
    stub.advance("1m")
    expired = me(stub, data["access_token"])
    assert (expired.status_code, code(expired)) == (401, "TOKEN_EXPIRED"), "15 minutes from issue, used or not"


def test_refresh_rotates_and_a_reused_refresh_token_ends_the_whole_login(stub):
    data = logged_in(stub)
    assert len(data["refresh_token"]) == 64
    answer = refresh(stub, data["refresh_token"])
    assert answer.status_code == 200, answer.text
    rotated = answer.json()["data"]
    assert rotated["refresh_token"] != data["refresh_token"]
    assert rotated["access_token"] != data["access_token"]
    assert me(stub, rotated["access_token"]).status_code == 200

    reused = refresh(stub, data["refresh_token"])
    assert (reused.status_code, code(reused)) == (401, "INVALID_CREDENTIALS")
    assert stub.journal(path="/auth/refresh", status=401)[0]["refusalReason"] == "reused"
    # reuse: revokeFamily: the thief's and the owner's tokens of that login end together.
    assert me(stub, rotated["access_token"]).status_code == 403
    assert refresh(stub, rotated["refresh_token"]).status_code == 401
    tokens = stub.control("GET", "/tokens").json()["tokens"]
    assert sorted(token["kind"] for token in tokens) == ["access", "access", "refresh", "refresh"]
    assert [token for token in tokens if token["state"] == "active"] == []


def test_the_refresh_token_lives_seven_days(stub):
    data = logged_in(stub)
    stub.advance("6d23h")
    assert me(stub, data["access_token"]).status_code == 401
    answer = refresh(stub, data["refresh_token"])
    assert answer.status_code == 200, answer.text
    stub.advance("7d1m")
    expired = refresh(stub, answer.json()["data"]["refresh_token"])
    assert (expired.status_code, code(expired)) == (401, "INVALID_CREDENTIALS")


def test_cookie_mode_keeps_the_refresh_token_in_an_http_only_cookie(stub):
    with requests.Session() as browser:
        answer = browser.post(stub.url + "/auth/login", json={"email": EMAIL, "password": PASSWORD, "mode": "cookie"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["data"]["refresh_token"] is None
        set_cookie = answer.headers["Set-Cookie"]
        assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie and "Path=/" in set_cookie
        first = browser.cookies["directus_refresh_token"]
        assert len(first) == 64

        refreshed = browser.post(stub.url + "/auth/refresh", json={"mode": "cookie"})
        assert refreshed.status_code == 200, refreshed.text
        second = browser.cookies["directus_refresh_token"]
        assert second != first, "the cookie carries the rotated refresh token"
        assert me(stub, refreshed.json()["data"]["access_token"]).status_code == 200

        stale = stub.api("POST", "/auth/refresh", json={"mode": "cookie"}, cookies={"directus_refresh_token": first})
        assert stale.status_code == 401

    nothing = stub.api("POST", "/auth/refresh", json={"mode": "cookie"})
    assert (nothing.status_code, code(nothing)) == (400, "INVALID_PAYLOAD")


def test_the_refresh_route_is_chosen_by_where_the_refresh_token_is(stub):
    data = logged_in(stub)
    from_body = refresh(stub, data["refresh_token"])
    assert from_body.status_code == 200
    from_cookie = stub.api(
        "POST", "/auth/refresh", json={"mode": "json"}, cookies={"directus_refresh_token": from_body.json()["data"]["refresh_token"]}
    )
    assert from_cookie.status_code == 200, from_cookie.text
    assert from_cookie.json()["data"]["refresh_token"], "json mode answers the refresh token in the body"
    fixtures = [entry["fixture"] for entry in stub.journal(path="/auth/refresh")]
    assert fixtures == ["directus/refresh#refreshed", "directus/refresh-cookie#refreshed-json"]


def test_logout_ends_the_access_token(stub):
    data = logged_in(stub)
    answer = stub.api("POST", "/auth/logout", json={"mode": "json"}, headers={"Authorization": "Bearer " + data["access_token"]})
    assert answer.status_code == 204
    assert answer.content == b""
    after = me(stub, data["access_token"])
    assert (after.status_code, code(after)) == (403, "INVALID_TOKEN")
    assert stub.journal(path="/users/me")[-1]["refusalReason"] == "revoked"
    again = stub.api("POST", "/auth/logout", headers={"Authorization": "Bearer " + data["access_token"]})
    assert (again.status_code, code(again)) == (401, "INVALID_CREDENTIALS")


def test_logout_ends_the_access_token_and_its_refresh_token(stub):
    data = logged_in(stub)
    answer = stub.api(
        "POST",
        "/auth/logout",
        json={"refresh_token": data["refresh_token"]},
        headers={"Authorization": "Bearer " + data["access_token"]},
    )
    assert answer.status_code == 204
    assert answer.content == b""
    after = me(stub, data["access_token"])
    assert (after.status_code, code(after)) == (403, "INVALID_TOKEN")
    assert refresh(stub, data["refresh_token"]).status_code == 401


def test_revoking_every_token_of_the_user(stub):
    first = logged_in(stub)
    second = logged_in(stub)
    assert stub.control("POST", "/tokens/revoke", {"service": "directus", "user": EMAIL}).json() == {"revoked": 4}
    for data in (first, second):
        assert me(stub, data["access_token"]).status_code == 403
        assert refresh(stub, data["refresh_token"]).status_code == 401
    assert me(stub, logged_in(stub)["access_token"]).status_code == 200


def test_path_parameters_and_literal_routes_first(stub):
    token = logged_in(stub)["access_token"]
    answer = stub.api("GET", "/users/a%20b", headers={"Authorization": "Bearer " + token})
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["id"] == "a b"
    assert me(stub, token).json()["data"]["id"] == USER_ID, "/users/me is not /users/{id}"


def test_unknown_routes_answer_in_the_directus_error_shape(stub):
    answer = stub.api("GET", "/nothing/here")
    assert answer.status_code == 404
    assert "errors" in answer.json()
    wrong_method = stub.api("DELETE", "/users/me")
    assert wrong_method.status_code == 405
    assert "GET" in wrong_method.headers["Allow"]
    assert "errors" in wrong_method.json()


def test_user_data_set_through_the_control_api(stub):
    stub.control(
        "POST",
        "/users",
        {"service": "directus", "username": "ada@example.com", "password": "analytical", "data": {"id": "ada-1", "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"}},
    )
    answer = stub.api("POST", "/auth/login", json={"email": "ada@example.com", "password": "analytical"})
    assert answer.status_code == 200, answer.text
    assert me(stub, answer.json()["data"]["access_token"]).json()["data"]["first_name"] == "Ada"
