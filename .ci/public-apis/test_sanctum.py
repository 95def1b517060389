"""Laravel Sanctum's SPA authentication: a cookie session with CSRF protection, faked from
Tests/Fixtures/sanctum and driven with a `requests.Session`, which keeps cookies as a browser
does (the CSRF header is copied from the XSRF-TOKEN cookie, as Axios does)."""

import requests

FIXTURE_FOLDER = "sanctum"
JSON = {"Accept": "application/json"}


def browser_logged_in(stub):
    browser = requests.Session()
    assert browser.get(stub.url + "/sanctum/csrf-cookie").status_code == 204
    answer = browser.post(stub.url + "/login", json={"email": "taylor@example.com", "password": "password"}, headers=JSON)
    assert answer.status_code == 204, answer.text
    return browser


def csrf_header(browser):
    return {**JSON, "X-XSRF-TOKEN": browser.cookies["XSRF-TOKEN"]}


def test_the_session_cookie_carries_the_login(stub):
    with browser_logged_in(stub) as browser:
        session = browser.cookies["laravel_session"]
        assert len(session) == 40 and session.isalnum()
        answer = browser.get(stub.url + "/api/user", headers=JSON)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"id": 1, "name": "Taylor Otwell", "email": "taylor@example.com"}
        assert stub.api("GET", "/api/user", headers=JSON).status_code == 401, "no cookie, no session"


def test_a_classic_form_post_logs_in_too(stub):
    with requests.Session() as browser:
        answer = browser.post(stub.url + "/login", data={"email": "taylor@example.com", "password": "password"})
        assert answer.status_code == 204, answer.text
        assert browser.get(stub.url + "/api/user", headers=JSON).json()["email"] == "taylor@example.com"
    wrong = stub.api("POST", "/login", data={"email": "taylor@example.com", "password": "pass+word"}, headers=JSON)
    assert wrong.status_code == 422
    malformed = stub.api(
        "POST",
        "/login",
        data=b"email=taylor%40example.com&password=%E0%A4",
        headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
    )
    # A body that cannot be read is a badRequest; this folder documents Laravel's 422 for it.
    assert malformed.status_code == 422
    entry = stub.journal(path="/login")[-1]
    assert entry["refusal"] == "badRequest" and "password" in entry["reason"], entry["reason"]
    text = stub.api("POST", "/login", data="email=taylor@example.com", headers={**JSON, "Content-Type": "text/plain"})
    assert text.status_code == 415


def test_login_refusals(stub):
    failed = stub.api("POST", "/login", json={"email": "taylor@example.com", "password": "nope"}, headers=JSON)
    assert failed.status_code == 422
    assert failed.json()["errors"]["email"] == ["These credentials do not match our records."]
    missing = stub.api("POST", "/login", json={"password": "password"}, headers=JSON)
    assert missing.status_code == 422
    assert missing.json()["message"] == "The email field is required."


def test_logout_needs_the_csrf_header_equal_to_the_cookie(stub):
    with browser_logged_in(stub) as browser:
        missing = browser.post(stub.url + "/logout", headers=JSON)
        assert missing.status_code == 419
        assert missing.json() == {"message": "CSRF token mismatch."}
        wrong = browser.post(stub.url + "/logout", headers={**JSON, "X-XSRF-TOKEN": "forged"})
        assert wrong.status_code == 419
        assert browser.get(stub.url + "/api/user", headers=JSON).status_code == 200, "refused logouts end nothing"
        refusals = [(entry["refusal"], entry["refusalReason"]) for entry in stub.journal(path="/logout")]
        assert refusals == [("badCsrf", "missing"), ("badCsrf", "wrong")]

        answer = browser.post(stub.url + "/logout", headers=csrf_header(browser))
        assert answer.status_code == 204
        assert "laravel_session" not in browser.cookies, "the session cookie is deleted"
        assert browser.get(stub.url + "/api/user", headers=JSON).status_code == 401


def test_a_logged_out_session_cookie_stays_refused(stub):
    with browser_logged_in(stub) as browser:
        session = browser.cookies["laravel_session"]
        assert browser.post(stub.url + "/logout", headers=csrf_header(browser)).status_code == 204
    replayed = stub.api("GET", "/api/user", headers=JSON, cookies={"laravel_session": session})
    assert replayed.status_code == 401
    assert stub.journal(path="/api/user")[-1]["refusalReason"] == "revoked"


def test_the_session_ends_after_two_idle_hours_and_each_use_extends_it(stub):
    with browser_logged_in(stub) as browser:
        stub.advance("1h59m")
        assert browser.get(stub.url + "/api/user", headers=JSON).status_code == 200
        stub.advance("1h59m")
        assert browser.get(stub.url + "/api/user", headers=JSON).status_code == 200
        stub.advance("2h")
        assert browser.get(stub.url + "/api/user", headers=JSON).status_code == 401


def test_reset_forgets_sessions_and_csrf_tokens(stub):
    with browser_logged_in(stub) as browser:
        stub.control("POST", "/reset")
        assert browser.get(stub.url + "/api/user", headers=JSON).status_code == 401
        assert browser.post(stub.url + "/logout", headers=csrf_header(browser)).status_code in (401, 419)
