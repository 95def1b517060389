"""Firebase Auth (identitytoolkit sign-in, securetoken refresh) and Cloud Firestore reads with
its ID tokens, faked from Tests/Fixtures/firebase and driven with Python `requests` as an app
would call the real API."""

FIXTURE_FOLDER = "firebase"
KEY = {"X-Goog-Api-Key": "fake-web-api-key"}
USER_ID = "tRcfmLH7o2XrNELi9Jn9Ux9tzLS2"
DOCUMENT = "/v1/projects/demo-project/databases/(default)/documents/notes/n1"
BASE64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def sign_in(stub, email="user@example.com", password="secret", headers=KEY):
    body = {"returnSecureToken": True}
    if email is not None:
        body["email"] = email
    if password is not None:
        body["password"] = password
    return stub.api("POST", "/v1/accounts:signInWithPassword", json=body, headers=headers)


def signed_in(stub):
    answer = sign_in(stub)
    assert answer.status_code == 200, answer.text
    return answer.json()


def refresh(stub, refresh_token, grant_type="refresh_token"):
    form = {"grant_type": grant_type, "refresh_token": refresh_token}
    return stub.api("POST", "/v1/token", data=form, headers=KEY)


def read_document(stub, id_token=None):
    headers = {"Authorization": "Bearer " + id_token} if id_token else {}
    return stub.api("GET", DOCUMENT, headers=headers)


def error_message(answer):
    return answer.json()["error"]["message"]


def test_sign_in_answers_the_documented_payload_with_an_id_token(stub):
    body = signed_in(stub)
    assert body["localId"] == USER_ID
    assert body["email"] == "user@example.com"
    assert body["registered"] is True
    assert body["expiresIn"] == "3600"
    assert body["idToken"].startswith("id.") and len(body["idToken"]) == len("id.") + 40
    assert set(body["idToken"][3:]) <= BASE64URL


def test_the_id_token_reads_a_firestore_document(stub):
    body = signed_in(stub)
    answer = read_document(stub, body["idToken"])
    assert answer.status_code == 200, answer.text
    document = answer.json()
    assert document["name"] == "projects/demo-project/databases/(default)/documents/notes/n1"
    assert document["fields"]["owner"] == {"stringValue": USER_ID}


def test_sign_in_refusals_follow_the_documented_error_codes(stub):
    wrong = sign_in(stub, password="wrong")
    assert (wrong.status_code, error_message(wrong)) == (400, "INVALID_LOGIN_CREDENTIALS")
    unknown = sign_in(stub, email="nobody@example.com")
    assert (unknown.status_code, error_message(unknown)) == (400, "INVALID_LOGIN_CREDENTIALS")
    no_password = sign_in(stub, password=None)
    assert (no_password.status_code, error_message(no_password)) == (400, "MISSING_PASSWORD")
    no_email = sign_in(stub, email=None)
    assert (no_email.status_code, error_message(no_email)) == (400, "MISSING_EMAIL")
    assert [(entry["refusal"], entry.get("refusalReason")) for entry in stub.journal()] == [
        ("badCredentials", "wrong"),
        ("badCredentials", "wrong"),
    ] + [("badRequest", None)] * 2


def test_the_api_key_is_required_before_anything_else(stub):
    missing = sign_in(stub, headers={})
    assert missing.status_code == 403
    assert missing.json()["error"]["status"] == "PERMISSION_DENIED"
    wrong = sign_in(stub, headers={"X-Goog-Api-Key": "another-key"})
    assert wrong.status_code == 400
    assert wrong.json()["error"]["message"] == "API key not valid. Please pass a valid API key."
    assert [(entry["refusal"], entry["refusalReason"]) for entry in stub.journal()] == [
        ("badHeader", "missing"),
        ("badHeader", "wrong"),
    ]


def test_sign_in_takes_json_only(stub):
    answer = stub.api(
        "POST", "/v1/accounts:signInWithPassword", data={"email": "user@example.com", "password": "secret"}, headers=KEY
    )
    assert answer.status_code == 415


def test_a_form_encoded_refresh_gives_a_new_id_token_and_keeps_the_refresh_token(stub):
    body = signed_in(stub)
    assert body["refreshToken"].startswith("AMf-") and len(body["refreshToken"]) == len("AMf-") + 60
    assert set(body["refreshToken"][4:]) <= BASE64URL
    answer = refresh(stub, body["refreshToken"])
    assert answer.status_code == 200, answer.text
    refreshed = answer.json()
    assert refreshed["token_type"] == "Bearer"
    assert refreshed["expires_in"] == "3600"
    assert refreshed["user_id"] == USER_ID
    assert refreshed["refresh_token"] == body["refreshToken"], "Firebase refresh tokens are not rotated"
    assert refreshed["id_token"] != body["idToken"]
    assert read_document(stub, refreshed["id_token"]).status_code == 200
    assert read_document(stub, body["idToken"]).status_code == 200, "the earlier ID token lives its hour"
    again = refresh(stub, body["refreshToken"])
    assert again.status_code == 200, "an unrotated refresh token can be used again"


def test_the_refresh_route_also_takes_a_json_body(stub):
    body = signed_in(stub)
    answer = stub.api(
        "POST", "/v1/token", json={"grant_type": "refresh_token", "refresh_token": body["refreshToken"]}, headers=KEY
    )
    assert answer.status_code == 200, answer.text


def test_refresh_refusals_by_grant_type_and_refresh_token(stub):
    body = signed_in(stub)
    wrong_grant = refresh(stub, body["refreshToken"], grant_type="password")
    assert (wrong_grant.status_code, error_message(wrong_grant)) == (400, "INVALID_GRANT_TYPE")
    no_grant = stub.api("POST", "/v1/token", data={"refresh_token": body["refreshToken"]}, headers=KEY)
    assert (no_grant.status_code, error_message(no_grant)) == (400, "MISSING_GRANT_TYPE")
    no_token = stub.api("POST", "/v1/token", data={"grant_type": "refresh_token"}, headers=KEY)
    assert (no_token.status_code, error_message(no_token)) == (400, "MISSING_REFRESH_TOKEN")
    unknown = refresh(stub, "AMf-" + "x" * 60)
    assert (unknown.status_code, error_message(unknown)) == (400, "INVALID_REFRESH_TOKEN")
    an_id_token = refresh(stub, body["idToken"])
    assert (an_id_token.status_code, error_message(an_id_token)) == (400, "INVALID_REFRESH_TOKEN")


def test_a_malformed_form_body_is_a_400(stub):
    answer = stub.api(
        "POST",
        "/v1/token",
        data=b"grant_type=refresh_token&refresh_token=%zz",
        headers={**KEY, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 400
    assert stub.journal(path="/v1/token")[-1]["status"] == 400


def test_firestore_refusal_reasons_no_token_unknown_token_expired_token(stub):
    missing = read_document(stub)
    assert missing.status_code == 403
    assert missing.json()["error"]["status"] == "PERMISSION_DENIED"
    unknown = read_document(stub, "id." + "A" * 40)
    assert unknown.status_code == 401
    assert unknown.json()["error"]["status"] == "UNAUTHENTICATED"
    assert 'error="invalid_token"' in unknown.headers["WWW-Authenticate"]
    body = signed_in(stub)
    stub.advance("59m")
    assert read_document(stub, body["idToken"]).status_code == 200
    stub.advance("1m")
    expired = read_document(stub, body["idToken"])
    assert expired.status_code == 401, "an ID token lives one hour from issue, used or not"
    journal = stub.journal(path=DOCUMENT)
    assert [(entry["refusal"], entry["refusalReason"]) for entry in journal if entry["status"] >= 400] == [
        ("badToken", "missing"),
        ("badToken", "unknown"),
        ("badToken", "expired"),
    ]


def test_the_refresh_token_outlives_the_id_token(stub):
    body = signed_in(stub)
    stub.advance("30d")
    assert read_document(stub, body["idToken"]).status_code == 401
    answer = refresh(stub, body["refreshToken"])
    assert answer.status_code == 200, answer.text
    assert read_document(stub, answer.json()["id_token"]).status_code == 200


def test_revoking_the_users_tokens_ends_refresh_and_id_tokens(stub):
    first = signed_in(stub)
    second = signed_in(stub)
    assert stub.control("POST", "/tokens/revoke", {"service": "firebase-auth", "user": "user@example.com"}).json() == {"revoked": 4}
    for body in (first, second):
        assert read_document(stub, body["idToken"]).status_code == 401
        answer = refresh(stub, body["refreshToken"])
        assert (answer.status_code, error_message(answer)) == (400, "TOKEN_EXPIRED")
    assert signed_in(stub)["idToken"], "signing in again still works"


def test_a_disabled_id_token_is_refused_and_reset_forgets_every_token(stub):
    body = signed_in(stub)
    stub.control("PATCH", "/tokens/" + body["idToken"], {"enabled": False})
    assert read_document(stub, body["idToken"]).status_code == 401
    assert stub.journal(path=DOCUMENT)[-1]["refusalReason"] == "disabled"
    stub.control("PATCH", "/tokens/" + body["idToken"], {"enabled": True})
    assert read_document(stub, body["idToken"]).status_code == 200
    stub.control("POST", "/reset")
    assert read_document(stub, body["idToken"]).status_code == 401
    assert stub.journal(path=DOCUMENT)[-1]["refusalReason"] == "unknown"


def test_an_unknown_path_answers_in_googles_error_shape(stub):
    answer = stub.api("GET", "/v1/projects/demo-project/databases/(default)/indexes")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == 404
    wrong_method = stub.api("DELETE", "/v1/accounts:signInWithPassword", headers=KEY)
    assert wrong_method.status_code == 405
    assert wrong_method.headers["Allow"] == "POST"
    assert wrong_method.json()["error"]["code"] == 405

