#!/usr/bin/env python3
"""Checks the fixture JSON Schema and every bundled fixture file against it.

Run from anywhere (paths are relative to the repository root):

    python3 .ci/check-fixture-schema.py

1. `fixtures/authstub-fixtures.schema.json` must be a valid draft 2020-12 schema.
2. Every `fixtures/*/*.json` file (a service folder's files, as the fixture loader reads them;
   `*.schema.json` skipped), and every file under `Tests/Fixtures`, must validate: one line `ok  <file>` per good file, and
   `<file>: <JSON path>: <reason>` for every problem.
3. Built-in in-memory documents must be rejected (negative checks), at the expected JSON path, so
   a schema that accepts everything cannot pass; a few must be accepted (positive checks).

Exits 1 on any problem. Needs Python 3.8+ and the `jsonschema` package (4.x, for draft 2020-12);
installs it with pip when it is missing.

Two deliberate differences from a plain `Draft202012Validator`, both bringing Python closer to
what editors and AuthStub's reader do:
- `pattern` uses ECMA-262 semantics for `$` (end of text), as JSON Schema specifies; Python's `re`
  also lets `$` match before a final newline, which would accept e.g. "POST\\n" as a method.
- `integer` means an integer literal (`200`), not any whole number (`200.0`): the reader rejects
  numbers written with a fraction or exponent.
"""

import copy
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SCHEMA_FILE = FIXTURES / "authstub-fixtures.schema.json"


def import_jsonschema():
    try:
        return importlib.import_module("jsonschema")
    except ImportError:
        pass
    print("jsonschema is not installed; running: pip install --quiet jsonschema", file=sys.stderr)
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "jsonschema"])
    importlib.invalidate_caches()
    try:
        if result.returncode == 0:
            return importlib.import_module("jsonschema")
    except ImportError:
        pass
    print("error: the Python package jsonschema is needed; install it with "
          f"`{Path(sys.executable).name} -m pip install jsonschema` and run this again", file=sys.stderr)
    sys.exit(1)


jsonschema = import_jsonschema()
if not hasattr(jsonschema, "Draft202012Validator"):
    print(f"error: jsonschema {getattr(jsonschema, '__version__', '?')} has no Draft202012Validator; "
          "upgrade it: pip install --upgrade 'jsonschema>=4'", file=sys.stderr)
    sys.exit(1)
from jsonschema import Draft202012Validator, ValidationError, validators  # noqa: E402

# ---------------------------------------------------------------------------------------------
# The validator


def ecma_pattern(pattern):
    """`pattern` for Python's `re`, with every `$` anchor (outside a character class) meaning
    the end of the text, as in ECMA-262, instead of "end, or before a final newline"."""
    out, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)


_compiled = {}


def pattern_keyword(validator, pattern, instance, schema):
    if not validator.is_type(instance, "string"):
        return
    regex = _compiled.get(pattern)
    if regex is None:
        regex = _compiled[pattern] = re.compile(ecma_pattern(pattern))
    if not regex.search(instance):
        message = schema.get("patternErrorMessage")
        if message:
            yield ValidationError(f"{json.dumps(instance)}: {message}")
        else:
            yield ValidationError(f"{json.dumps(instance)} does not match {pattern!r}")


def is_integer_literal(checker, instance):
    return isinstance(instance, int) and not isinstance(instance, bool)


FixtureValidator = validators.extend(
    Draft202012Validator,
    validators={"pattern": pattern_keyword},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer_literal),
)

# ---------------------------------------------------------------------------------------------
# Reading and reporting


class FixtureJSONError(ValueError):
    pass


def reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise FixtureJSONError(f"duplicate key {json.dumps(key)}")
        seen[key] = value
    return seen


def reject_constant(name):
    raise FixtureJSONError(f"{name} is not JSON")


def load_json(path):
    """The file's JSON, parsed as strictly as AuthStub's parser (no duplicate keys, no NaN)."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=reject_duplicates, parse_constant=reject_constant)


PLAIN_KEY = re.compile(r"[A-Za-z0-9_]+\Z")


def json_path(parts):
    """`$.responses[0].status`, `$.headers["Content-Type"]`: the paths AuthStub's reader prints."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif PLAIN_KEY.match(part):
            text += f".{part}"
        else:
            text += f"[{json.dumps(part)}]"
    return text


def describe(error):
    # A failed "not" or "contains" says only that something matched or did not; the schema's
    # description says which rule it is.
    if error.validator in ("not", "contains") and isinstance(error.schema, dict) and error.schema.get("description"):
        return error.schema["description"]
    return error.message


def problems(validator, document):
    """(JSON path, reason) for every error, in document order."""
    found = []
    for error in validator.iter_errors(document):
        found.append((json_path(error.absolute_path), describe(error), list(error.absolute_path)))
    found.sort(key=lambda problem: [(0, part) if isinstance(part, int) else (1, part) for part in problem[2]])
    return [(path, reason) for path, reason, _ in found]


def relative(path):
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# Built-in checks: small documents that must be rejected (at the given path) or accepted.

SERVICE = {
    "kind": "service",
    "name": "demo",
    "credentials": {"scheme": "jsonBody"},
    "token": {"scheme": "header", "header": "auth-token", "idleTimeout": "8h"},
    "users": [{"username": "user", "password": "secret"}],
    "errors": {"mediaType": "application/json", "body": {"code": "{{status}}", "message": "{{message}}"}},
}

ENDPOINT = {
    "kind": "endpoint",
    "name": "login",
    "method": "POST",
    "path": "/v1/auth/login",
    "role": "login",
    "responses": [
        {"name": "ok", "when": "success", "status": 201,
         "headers": {"Content-Type": "application/json", "auth-token": "{{token}}"},
         "body": {"token": "{{token}}", "note": "{{ request.body.note }}"}},
    ],
}


def changed(base, edit):
    document = copy.deepcopy(base)
    edit(document)
    return document


def set_at(keys, value):
    def edit(document):
        target = document
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return edit


def delete(key):
    return lambda document: document.pop(key)


NEGATIVE_CHECKS = [
    # (what, document, JSON path an error must be reported at)
    ("unknown key in a response", changed(ENDPOINT, set_at(["responses", 0, "statusCode"], 201)), "$.responses[0]"),
    ("status as a string", changed(ENDPOINT, set_at(["responses", 0, "status"], "201")), "$.responses[0].status"),
    ("status written 201.0", changed(ENDPOINT, set_at(["responses", 0, "status"], 201.0)), "$.responses[0].status"),
    ("status out of 100-599", changed(ENDPOINT, set_at(["responses", 0, "status"], 600)), "$.responses[0].status"),
    ("lower-case method", changed(ENDPOINT, set_at(["method"], "post")), "$.method"),
    ("method ending in a newline", changed(ENDPOINT, set_at(["method"], "POST\n")), "$.method"),
    ("unknown role", changed(ENDPOINT, set_at(["role"], "admin")), "$.role"),
    ("service without credentials", changed(SERVICE, delete("credentials")), "$"),
    ("unknown credentials scheme", changed(SERVICE, set_at(["credentials", "scheme"], "form")), "$.credentials.scheme"),
    ("unknown scheme in a credential check array",
     changed(SERVICE, set_at(["credentials"], [{"scheme": "body"}, {"scheme": "form"}])), "$.credentials[1].scheme"),
    ("an empty credential check array", changed(SERVICE, set_at(["credentials"], [])), "$.credentials"),
    ("an account list called users", changed(SERVICE, set_at(["accounts"], {"users": []})), "$.accounts"),
    ("header token scheme without header", changed(SERVICE, lambda d: d["token"].pop("header")), "$.token"),
    ("idleTimeout with units out of order", changed(SERVICE, set_at(["token", "idleTimeout"], "30m1h")), "$.token.idleTimeout"),
    ("base path ending in /", changed(SERVICE, set_at(["basePaths"], ["/m2m/"])), "$.basePaths[0]"),
    ("unknown key in service.json", changed(SERVICE, set_at(["endpoints"], [])), "$"),
    ("unknown kind", changed(SERVICE, set_at(["kind"], "services")), "$.kind"),
    ("path with a query", changed(ENDPOINT, set_at(["path"], "/v1/auth/login?x=1")), "$.path"),
    ("body on a 204 response", changed(ENDPOINT, set_at(["responses", 0, "status"], 204)), "$.responses[0].body"),
    ("badToken response on a login endpoint",
     changed(ENDPOINT, lambda d: d["responses"].append({"name": "bad", "when": "badToken", "status": 401})),
     "$.responses[1].when"),
    ("responses without a success", changed(ENDPOINT, set_at(["responses", 0, "when"], "badRequest")), "$.responses"),
    ("header name with a space", changed(ENDPOINT, set_at(["responses", 0, "headers"], {"Content Type": "x"})),
     "$.responses[0].headers"),
    ("header value with a line feed", changed(ENDPOINT, set_at(["responses", 0, "headers", "X-A"], "a\nb")),
     '$.responses[0].headers["X-A"]'),
    ("unknown placeholder", changed(ENDPOINT, set_at(["responses", 0, "body", "token"], "{{tokn}}")),
     "$.responses[0].body.token"),
    ("unclosed placeholder", changed(ENDPOINT, set_at(["responses", 0, "headers", "auth-token"], "{{token")),
     '$.responses[0].headers["auth-token"]'),
    ("deprecatedAt on 30 February",
     changed(ENDPOINT, set_at(["deprecation"], {"deprecatedAt": "2026-02-30T00:00:00+00:00"})), "$.deprecation.deprecatedAt"),
    ("source without seed", changed(ENDPOINT, set_at(["source"], {"section": "POST /login"})), "$.source"),
    ("a rate limit without a window",
     changed(SERVICE, set_at(["rateLimits"], [{"name": "per-user", "requests": 5, "per": "user"}])), "$.rateLimits[0]"),
    ("a rate limit of 0 requests",
     changed(SERVICE, set_at(["rateLimits"], [{"name": "burst", "requests": 0, "window": "1s"}])), "$.rateLimits[0].requests"),
    ("a rate limit per ip", changed(ENDPOINT, set_at(["rateLimits"], [{"name": "burst", "requests": 5, "window": "1m", "per": "ip"}])),
     "$.rateLimits[0].per"),
    ("lockout after 0 wrong passwords", changed(SERVICE, set_at(["lockout"], {"after": 0})), "$.lockout.after"),
    ("lockout without after", changed(SERVICE, set_at(["lockout"], {"for": "15m"})), "$.lockout"),
    ("lockout for a time that is no duration", changed(SERVICE, set_at(["lockout"], {"after": 5, "for": "soon"})), "$.lockout.for"),
]

POSITIVE_CHECKS = [
    ("the minimal service", SERVICE),
    ("the minimal endpoint", ENDPOINT),
    ("bearer token, basic credentials, idleTimeout 1h0m30s500ms",
     changed(SERVICE, lambda d: d.update(credentials={"scheme": "basic", "challenge": "Basic realm=\"x\""},
                                         token={"scheme": "bearer", "idleTimeout": "1h0m30s500ms"}))),
    ("204 with documentedBody, requires-token endpoint with badToken, deprecation with Z timestamps",
     changed(ENDPOINT, lambda d: d.update(
         role="requiresToken",
         deprecation={"deprecatedAt": "2020-02-29T00:00:00Z", "sunsetAt": "2026-11-23t10:00:00.5z",
                      "successor": {"method": "DELETE", "path": "/v1/auth/logout"}},
         responses=[{"name": "done", "when": "success", "status": 204, "documentedBody": {"code": "{{nope"}},
                    {"name": "bad", "when": "badToken", "status": 401}]))),
    ("an endpoint with no responses", changed(ENDPOINT, set_at(["responses"], []))),
    ("credential checks: a client by Basic against accounts.clients, a user by body fields, a named check's answer",
     changed(ENDPOINT, lambda d: d.update(
         credentials=[{"scheme": "basic", "accounts": "clients", "name": "client"}, {"scheme": "body", "name": "user"}],
         responses=[{"name": "ok", "when": "success", "status": 200},
                    {"name": "no-client", "when": "badCredentials", "check": "client", "status": 401}]))),
    ("a service with a lockout, a login answering a locked account",
     changed(SERVICE, set_at(["lockout"], {"after": 5, "for": "15m"}))),
    ("a login documenting the account states",
     changed(ENDPOINT, lambda d: d["responses"].extend([
         {"name": "locked", "when": "accountLocked", "status": 423},
         {"name": "expired", "when": "passwordExpired", "status": 403},
         {"name": "disabled", "when": "accountDisabled", "status": 403}]))),
    ("a service with account lists", changed(SERVICE, set_at(["accounts"], {"clients": [{"username": "app", "password": "s3cret"}]}))),
    ("rate limits on a service and an endpoint, and a rateLimited answer",
     changed(ENDPOINT, lambda d: d.update(
         rateLimits=[{"name": "login-per-user", "requests": 5, "window": "1m", "per": "user"},
                     {"name": "login-burst", "requests": 100, "window": "1s"}],
         responses=d["responses"] + [{"name": "slow-down", "when": "rateLimited", "status": 429,
                                      "body": {"message": "slow down", "retry_after": "{{retryAfter}}"}}]))),
]


def run_builtin_checks(validator):
    failures = []
    rejected = 0
    for what, document, expected_path in NEGATIVE_CHECKS:
        found = problems(validator, document)
        if any(path == expected_path for path, _ in found):
            rejected += 1
        elif found:
            failures.append(f"negative check \"{what}\": rejected, but not at {expected_path}: "
                            + "; ".join(f"{path}: {reason}" for path, reason in found))
        else:
            failures.append(f"negative check \"{what}\": the schema accepts it, but AuthStub's reader rejects it")
    accepted = 0
    for what, document in POSITIVE_CHECKS:
        found = problems(validator, document)
        if found:
            failures.append(f"positive check \"{what}\": rejected: "
                            + "; ".join(f"{path}: {reason}" for path, reason in found))
        else:
            accepted += 1
    return rejected, accepted, failures


# ---------------------------------------------------------------------------------------------


def main():
    failed = False

    try:
        schema = load_json(SCHEMA_FILE)
    except (OSError, ValueError) as error:
        print(f"{relative(SCHEMA_FILE)}: $: cannot read the schema: {error}")
        return 1
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        print(f"{relative(SCHEMA_FILE)}: {json_path(error.absolute_path)}: not a valid draft 2020-12 schema: {error.message}")
        return 1
    for pattern in sorted({p for p in _patterns(schema)}):
        try:
            re.compile(ecma_pattern(pattern))
        except re.error as error:
            print(f"{relative(SCHEMA_FILE)}: pattern {pattern!r} does not compile: {error}")
            failed = True
    if failed:
        return 1
    print(f"ok  {relative(SCHEMA_FILE)} (draft 2020-12 meta-schema)")
    validator = FixtureValidator(schema)

    files = sorted(path for path in FIXTURES.glob("*/*.json") if not path.name.endswith(".schema.json"))
    # Issue 16: the public-API fixture folders the end-to-end tests serve (.ci/check-public-apis.sh).
    files += sorted(ROOT.glob("Tests/Fixtures/**/*.json"))
    if not files:
        print(f"{relative(FIXTURES)}: no fixture files found under {relative(FIXTURES)}/*/")
        failed = True
    for path in files:
        name = relative(path)
        try:
            document = load_json(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"{name}: $: not valid JSON: {error}")
            failed = True
            continue
        # The loader reads service.json as the service and every other file as an endpoint, whatever
        # its "kind" says; a wrong "kind" is one problem, and the rest is checked as the loader reads it.
        expected_kind = "service" if path.name == "service.json" else "endpoint"
        kind_problem = []
        if isinstance(document, dict) and isinstance(document.get("kind"), str) and document["kind"] != expected_kind:
            kind_problem = [("$.kind", f"{path.name} is read as {'the service' if expected_kind == 'service' else 'an endpoint'} "
                                       f"file, so \"kind\" must be \"{expected_kind}\", not {json.dumps(document['kind'])}")]
            document = dict(document, kind=expected_kind)
        found = kind_problem + problems(validator, document)
        if found:
            failed = True
            for json_location, reason in found:
                print(f"{name}: {json_location}: {reason}")
        else:
            print(f"ok  {name}")

    rejected, accepted, failures = run_builtin_checks(validator)
    for failure in failures:
        print(failure)
    print(f"negative checks: {rejected} of {len(NEGATIVE_CHECKS)} rejected as expected")
    print(f"positive checks: {accepted} of {len(POSITIVE_CHECKS)} accepted as expected")
    failed = failed or bool(failures)

    print("FAILED" if failed else f"all {len(files)} fixture files match the schema")
    return 1 if failed else 0


def _patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


if __name__ == "__main__":
    sys.exit(main())
