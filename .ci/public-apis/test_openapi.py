"""`authstub openapi` describes what the public-API fixture folders add: path parameters,
several endpoints on one route, form bodies, required headers, cookies and the refusal
statuses of each reason."""

import json
import os
import subprocess

import pytest

from conftest import FIXTURES, ROOT


def openapi(folder):
    binary = os.environ.get("AUTHSTUB_BIN") or str(ROOT / ".build" / "debug" / "authstub")
    command = [binary, "openapi", "--fixtures", str(FIXTURES / folder)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


@pytest.fixture(scope="module")
def directus():
    return openapi("directus")


@pytest.fixture(scope="module")
def firebase():
    return openapi("firebase")


def test_path_parameters_are_declared(directus):
    operation = directus["paths"]["/users/{id}"]["get"]
    assert operation["parameters"] == [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    assert "parameters" not in directus["paths"]["/users/me"]["get"]


def test_refusal_statuses_of_each_reason(directus):
    login = directus["paths"]["/auth/login"]["post"]["responses"]
    assert {"200", "400", "401"} <= set(login)
    me = directus["paths"]["/users/me"]["get"]["responses"]
    assert {"200", "401", "403"} <= set(me)
    assert set(me["403"]["content"]["application/json; charset=utf-8"]["examples"]) == {"forbidden", "invalid-token"}


def test_a_route_served_by_two_endpoints_lists_both(directus):
    operation = directus["paths"]["/auth/refresh"]["post"]
    examples = operation["responses"]["200"]["content"]["application/json; charset=utf-8"]["examples"]
    assert set(examples) == {"refresh#refreshed", "refresh-cookie#refreshed-cookie", "refresh-cookie#refreshed-json"}
    assert {"200", "400", "401"} <= set(operation["responses"])
    assert "Set-Cookie" in operation["responses"]["200"]["headers"]


def test_required_headers(firebase):
    sign_in = firebase["paths"]["/v1/accounts:signInWithPassword"]["post"]
    assert [(p["in"], p["name"], p["required"]) for p in sign_in["parameters"]] == [("header", "X-Goog-Api-Key", True)]
    assert {"200", "400", "403"} <= set(sign_in["responses"])


def test_form_bodies(firebase):
    content = firebase["paths"]["/v1/token"]["post"]["requestBody"]["content"]
    assert set(content) == {"application/x-www-form-urlencoded", "application/json"}
    assert content["application/x-www-form-urlencoded"]["schema"]["required"] == ["grant_type", "refresh_token"]


def test_a_service_that_takes_another_services_tokens(firebase):
    document = firebase["paths"]["/v1/projects/{project}/databases/(default)/documents/{collection}/{document}"]["get"]
    assert [p["name"] for p in document["parameters"]] == ["project", "collection", "document"]
    assert document["security"] == [{"firestore-token": []}]
    assert {"200", "401", "403"} <= set(document["responses"])
    assert "WWW-Authenticate" in document["responses"]["401"]["headers"]
