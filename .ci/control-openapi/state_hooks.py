"""Schemathesis hooks for .ci/check-control-openapi.sh: a refused control call changes nothing.

Before each call the server's observable state is read through the control API's own GETs
(status, tokens, faults, clock, users with their account states, deprecations, fixtures, each
service's signing keys); after each call answered 4xx it is read again, and the check
`state_unchanged_by_refusal` fails naming the call when the two differ. Left out: the journal (it grows by design; control calls
never enter it anyway) and what moves on its own (a running clock's `now`, a frozen clock's
`offsetMs`).

AUTHSTUB_CONTROL_URL names the control API (`http://127.0.0.1:PORT/__control`);
AUTHSTUB_CONTROL_TOKEN, when set, is sent as the bearer token of these reads.
"""

import json
import os
import urllib.error
import urllib.request

import schemathesis

CONTROL = os.environ["AUTHSTUB_CONTROL_URL"]
TOKEN = os.environ.get("AUTHSTUB_CONTROL_TOKEN", "")

# Snapshots taken around each call, by the id of the response they belong to.
_before = None
_around = {}


def _get(path):
    request = urllib.request.Request(CONTROL + path, headers={"Accept": "application/json"})
    if TOKEN:
        request.add_header("Authorization", "Bearer " + TOKEN)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _state():
    """Everything a control GET shows, minus what moves without a call."""
    _, status = _get("/status")
    status.pop("journal", None)
    status.pop("requestLog", None)
    _, clock = _get("/clock")
    # A running clock's `now` moves; a frozen one's distance from real time does.
    moving = "offsetMs" if clock.get("frozen") else "now"
    clock.pop(moving, None)
    status.pop("clock", None)
    state = {"status": status, "clock": clock}
    for path in ["/tokens", "/faults", "/users?passwords=true", "/deprecations", "/fixtures"]:
        state[path] = _get(path)
    for service in status.get("services", []):
        path = "/keys?service=" + urllib.request.quote(service["name"], safe="")
        state[path] = _get(path)
    return state


@schemathesis.hook
def before_call(context, case, kwargs):
    global _before
    _before = _state()


@schemathesis.hook
def after_call(context, case, response):
    if 400 <= response.status_code < 500 and _before is not None:
        _around[id(response)] = (_before, _state())


@schemathesis.check
def state_unchanged_by_refusal(ctx, response, case):
    """A call answered 4xx leaves every control GET's answer as it was."""
    snapshots = _around.get(id(response))
    if snapshots is None:
        return
    before, after = snapshots
    changed = [key for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]
    if changed:
        raise AssertionError(
            f"{case.method} {case.path} answered {response.status_code} but changed {', '.join(changed)}: "
            + "; ".join(f"{key}: {json.dumps(before.get(key))[:400]} -> {json.dumps(after.get(key))[:400]}" for key in changed)
        )
