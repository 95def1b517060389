"""Issue 17's interoperability proof: the bundled `oauth2` service driven by Authlib (an OAuth 2.0
client AuthStub's authors did not write) and every token checked by PyJWT against the JWKS the
server publishes.

Token times are checked against the server's clock (`GET /__control/clock`), never the wall
clock: the tests move the clock, and the tokens must follow it."""

import base64
import datetime
import hashlib
import secrets
import urllib.parse

import jwt
import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session, OAuthError

FIXTURE_FOLDER = None  # the bundled services

REDIRECT_URI = "http://127.0.0.1:53682/callback"


def metadata(stub):
    answer = stub.api("GET", "/.well-known/openid-configuration")
    assert answer.status_code == 200, answer.text
    return answer.json()


def server_now(stub):
    """The server clock, in Unix seconds."""
    now = stub.control("GET", "/clock").json()["now"]
    return datetime.datetime.fromisoformat(now.replace("Z", "+00:00")).timestamp()


def verified_claims(stub, token, audience, typ="at+jwt"):
    """PyJWT checks the signature with the published JWKS, `iss` and `aud`; `exp`, `iat` (and
    `nbf`) are compared with the server clock instead of the wall clock."""
    keys = jwt.PyJWKClient(metadata(stub)["jwks_uri"], cache_jwk_set=False)
    key = keys.get_signing_key_from_jwt(token)
    claims = jwt.decode(
        token,
        key.key,
        algorithms=["RS256"],
        audience=audience,
        issuer=stub.url,
        options={"verify_exp": False, "verify_iat": False, "verify_nbf": False, "require": ["exp", "iat", "iss", "sub"]},
    )
    assert jwt.get_unverified_header(token)["typ"].lower() == typ
    now = server_now(stub)
    assert claims["iat"] <= now + 1 < claims["exp"] + 1, (claims, now)
    return claims


def confidential(stub, method="client_secret_basic", **kwargs):
    return OAuth2Session("client", "secret", token_endpoint_auth_method=method, revocation_endpoint_auth_method=method, **kwargs)


def authorize(stub, session, **params):
    """Follows the authorize endpoint's 302 by hand (no login page): the Location it gives."""
    url, state = session.create_authorization_url(metadata(stub)["authorization_endpoint"], **params)
    answer = requests.get(url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"], state


def code_flow(stub, scope="openid profile read offline_access", nonce=None):
    """Authorization code + PKCE S256 with the public client; the token answer."""
    session = OAuth2Session(
        "public-client", token_endpoint_auth_method="none", redirect_uri=REDIRECT_URI, scope=scope, code_challenge_method="S256"
    )
    verifier = secrets.token_urlsafe(48)
    extra = {"nonce": nonce} if nonce else {}
    location, state = authorize(stub, session, code_verifier=verifier, **extra)
    token = session.fetch_token(metadata(stub)["token_endpoint"], authorization_response=location, state=state, code_verifier=verifier)
    return session, token


def test_discovery_names_every_endpoint(stub):
    document = metadata(stub)
    assert document["issuer"] == stub.url
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint", "revocation_endpoint",
                 "introspection_endpoint", "end_session_endpoint"):
        assert document[name].startswith(stub.url + "/"), name
    assert "S256" in document["code_challenge_methods_supported"]
    rfc8414 = stub.api("GET", "/.well-known/oauth-authorization-server").json()
    assert rfc8414["issuer"] == stub.url and rfc8414["token_endpoint"] == document["token_endpoint"]


@pytest.mark.parametrize("method", ["client_secret_basic", "client_secret_post"])
def test_client_credentials(stub, method):
    session = confidential(stub, method, scope="read")
    token = session.fetch_token(metadata(stub)["token_endpoint"], grant_type="client_credentials")
    assert token["token_type"].lower() == "bearer" and token["expires_in"] == 3600
    claims = verified_claims(stub, token["access_token"], audience="client")
    assert claims["sub"] == "client" and claims["client_id"] == "client" and claims["scope"] == "read"
    assert claims["exp"] - claims["iat"] == 3600


def test_wrong_client_secret_is_invalid_client(stub):
    session = OAuth2Session("client", "wrong", token_endpoint_auth_method="client_secret_post")
    with pytest.raises(OAuthError) as error:
        session.fetch_token(metadata(stub)["token_endpoint"], grant_type="client_credentials")
    assert error.value.error == "invalid_client"


def test_password_grant_and_wrong_password(stub):
    session = confidential(stub, scope="read")
    token = session.fetch_token(metadata(stub)["token_endpoint"], username="user", password="secret")
    assert verified_claims(stub, token["access_token"], audience="client")["sub"] == "user"
    with pytest.raises(OAuthError) as error:
        confidential(stub).fetch_token(metadata(stub)["token_endpoint"], username="user", password="nope")
    assert error.value.error == "invalid_grant"


def test_code_with_pkce_gives_verified_access_and_id_tokens(stub):
    nonce = secrets.token_urlsafe(16)
    _, token = code_flow(stub, nonce=nonce)
    access = verified_claims(stub, token["access_token"], audience="public-client")
    assert access["sub"] == "user" and access["client_id"] == "public-client"
    identity = verified_claims(stub, token["id_token"], audience="public-client", typ="jwt")
    assert identity["nonce"] == nonce and identity["sub"] == "user"
    userinfo = stub.api("GET", "/oauth2/userinfo", headers={"Authorization": "Bearer " + token["access_token"]})
    assert userinfo.status_code == 200 and userinfo.json()["sub"] == "user"


def test_wrong_verifier_and_reused_code_are_invalid_grant(stub):
    session = OAuth2Session("public-client", token_endpoint_auth_method="none", redirect_uri=REDIRECT_URI, code_challenge_method="S256")
    verifier = secrets.token_urlsafe(48)
    location, state = authorize(stub, session, code_verifier=verifier)
    token_endpoint = metadata(stub)["token_endpoint"]
    with pytest.raises(OAuthError) as error:
        session.fetch_token(token_endpoint, authorization_response=location, state=state, code_verifier=secrets.token_urlsafe(48))
    assert error.value.error == "invalid_grant"
    location, state = authorize(stub, session, code_verifier=verifier)
    first = session.fetch_token(token_endpoint, authorization_response=location, state=state, code_verifier=verifier)
    with pytest.raises(OAuthError) as error:
        session.fetch_token(token_endpoint, authorization_response=location, state=state, code_verifier=verifier)
    assert error.value.error == "invalid_grant"
    # RFC 6749 §4.1.2: the tokens issued from a reused code are revoked.
    assert introspect(stub, first["access_token"])["active"] is False


def test_authorize_errors_redirect_with_state(stub):
    stub.control("POST", "/authorizations", {"service": "oauth2", "deny": True})
    session = OAuth2Session("public-client", redirect_uri=REDIRECT_URI, code_challenge_method="S256")
    location, state = authorize(stub, session, code_verifier=secrets.token_urlsafe(48))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    assert query["error"] == ["access_denied"] and query["state"] == [state]
    assert location.startswith(REDIRECT_URI + "?")


def introspect(stub, token):
    answer = confidential(stub).introspect_token(metadata(stub)["introspection_endpoint"], token=token)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_refresh_rotates_and_reuse_revokes_the_family(stub):
    session, token = code_flow(stub)
    token_endpoint = metadata(stub)["token_endpoint"]
    first_refresh = token["refresh_token"]
    second = session.refresh_token(token_endpoint, refresh_token=first_refresh)
    assert second["refresh_token"] != first_refresh
    verified_claims(stub, second["access_token"], audience="public-client")
    with pytest.raises(OAuthError) as error:
        session.refresh_token(token_endpoint, refresh_token=first_refresh)
    assert error.value.error == "invalid_grant"
    # Reuse detection ends the whole family: the rotated refresh token and its access token too.
    with pytest.raises(OAuthError):
        session.refresh_token(token_endpoint, refresh_token=second["refresh_token"])
    assert introspect(stub, second["access_token"])["active"] is False


def test_introspection_follows_the_clock(stub):
    token = confidential(stub, scope="read").fetch_token(metadata(stub)["token_endpoint"], grant_type="client_credentials")
    active = introspect(stub, token["access_token"])
    assert active["active"] is True and active["client_id"] == "client" and active["scope"] == "read"
    assert active["exp"] == verified_claims(stub, token["access_token"], audience="client")["exp"]
    stub.advance("61m")
    assert introspect(stub, token["access_token"]) == {"active": False}
    resource = stub.api("GET", "/oauth2/resource", headers={"Authorization": "Bearer " + token["access_token"]})
    assert resource.status_code == 401 and 'error="invalid_token"' in resource.headers["WWW-Authenticate"]


def test_revocation(stub):
    session, token = code_flow(stub)
    answer = session.revoke_token(metadata(stub)["revocation_endpoint"], token=token["refresh_token"], token_type_hint="refresh_token")
    assert answer.status_code == 200
    # RFC 7009 §2.1: revoking the refresh token ends the access tokens of the same grant.
    assert introspect(stub, token["access_token"]) == {"active": False}
    with pytest.raises(OAuthError) as error:
        session.refresh_token(metadata(stub)["token_endpoint"], refresh_token=token["refresh_token"])
    assert error.value.error == "invalid_grant"
    unknown = session.revoke_token(metadata(stub)["revocation_endpoint"], token="not-a-token")
    assert unknown.status_code == 200  # RFC 7009 §2.2


def test_insufficient_scope(stub):
    token = confidential(stub, scope="read").fetch_token(metadata(stub)["token_endpoint"], grant_type="client_credentials")
    answer = stub.api("GET", "/oauth2/resource/admin", headers={"Authorization": "Bearer " + token["access_token"]})
    assert answer.status_code == 403 and 'error="insufficient_scope"' in answer.headers["WWW-Authenticate"]


def test_refresh_fails_on_demand_then_recovers(stub):
    session, token = code_flow(stub)
    stub.control("POST", "/faults", {"kind": "status", "status": 503, "match": {"grant": "refresh_token"}, "times": 1})
    token_endpoint = metadata(stub)["token_endpoint"]
    with pytest.raises(Exception):
        session.refresh_token(token_endpoint, refresh_token=token["refresh_token"])
    refreshed = session.refresh_token(token_endpoint, refresh_token=token["refresh_token"])
    verified_claims(stub, refreshed["access_token"], audience="public-client")


def test_key_rotation_keeps_old_tokens_verifiable_until_removed(stub):
    session = confidential(stub)
    token_endpoint = metadata(stub)["token_endpoint"]
    old = session.fetch_token(token_endpoint, grant_type="client_credentials")["access_token"]
    rotated = stub.control("POST", "/keys/rotate", {"service": "oauth2"}).json()
    new = session.fetch_token(token_endpoint, grant_type="client_credentials")["access_token"]
    assert jwt.get_unverified_header(new)["kid"] != jwt.get_unverified_header(old)["kid"]
    verified_claims(stub, old, audience="client")
    verified_claims(stub, new, audience="client")
    stub.control("DELETE", "/keys/" + jwt.get_unverified_header(old)["kid"])
    with pytest.raises(jwt.PyJWKClientError):
        verified_claims(stub, old, audience="client")
    assert rotated


def test_queued_claims_and_skew(stub):
    stub.control("POST", "/claims", {"service": "oauth2", "claims": {"tenant": "acme"}})
    session = confidential(stub)
    token_endpoint = metadata(stub)["token_endpoint"]
    first = jwt.decode(session.fetch_token(token_endpoint, grant_type="client_credentials")["access_token"], options={"verify_signature": False})
    second = jwt.decode(session.fetch_token(token_endpoint, grant_type="client_credentials")["access_token"], options={"verify_signature": False})
    assert first["tenant"] == "acme" and "tenant" not in second
    stub.control("POST", "/skew", {"service": "oauth2", "seconds": -600})
    skewed = jwt.decode(session.fetch_token(token_endpoint, grant_type="client_credentials")["access_token"], options={"verify_signature": False})
    assert abs(skewed["iat"] - (server_now(stub) - 600)) <= 2


def test_pkce_challenge_is_rfc7636_s256(stub):
    """Authlib makes the challenge itself; the server checks it the RFC 7636 way (Appendix B)."""
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    location = requests.get(
        metadata(stub)["authorization_endpoint"],
        params={"response_type": "code", "client_id": "public-client", "redirect_uri": REDIRECT_URI, "state": "s",
                "code_challenge": challenge, "code_challenge_method": "S256"},
        allow_redirects=False,
        timeout=10,
    ).headers["Location"]
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    answer = requests.post(
        metadata(stub)["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "client_id": "public-client",
              "code_verifier": verifier},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
