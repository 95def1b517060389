#!/usr/bin/env bash
# Issue 7's Pact proof: traffic against one AuthStub (the documented calls that `verify` makes,
# plus a call with a token that went idle) is exported with GET /__control/pact, and that Pact
# file is verified against a second, fresh AuthStub by pact-python's verifier, which sets up
# each interaction's provider state through POST /__control/provider-states. The Pact holds no
# password and no full token; provider states make its stand-ins valid on the fresh AuthStub.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh
venv="${AUTHSTUB_CI_VENV:-/tmp/authstub-ci-venv}"
if ! "$venv/bin/python" -c 'import pact' 2>/dev/null; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pact-python==4.2.0
fi

serve
consumer_url="$url"
"$bin" verify --base-url "$consumer_url" > /dev/null
python3 - "$consumer_url" <<'PY'
import json, sys, urllib.error, urllib.request
base = sys.argv[1]
def call(method, path, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)
status, headers = call("POST", "/m2m/v1/auth/login", b'{"username":"user","password":"secret"}',
                       {"Content-Type": "application/json", "Accept": "application/json"})
assert status == 201, status
call("POST", "/__control/clock", b'{"advance": "9h"}', {"Content-Type": "application/json"})
status, _ = call("DELETE", "/m2m/v1/auth/logout", headers={"auth-token": headers["auth-token"]})
assert status == 401, status
PY
python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
    "$consumer_url/__control/pact?consumer=ci-consumer&provider=authstub" > "$work/pact.json"
for state in "a valid token exists" "the token has expired" "the user exists" "no user has the credentials shown"; do
    grep -qF "\"$state\"" "$work/pact.json" || { echo "the exported Pact has no provider state \"$state\""; exit 1; }
done
# No password or Basic credentials are written down (the provider states recreate them).
for secret in '"secret"' "$(printf 'user:secret' | base64)"; do
    ! grep -qF "$secret" "$work/pact.json" || { echo "the exported Pact shows $secret"; exit 1; }
done

serve
if ! "$venv/bin/python" .ci/verify-pact.py "$work/pact.json" "$url" > "$work/pact-verify.log" 2>&1; then
    cat "$work/pact-verify.log"
    echo "pact: pact-python's verifier found a mismatch"
    exit 1
fi
echo "pact: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["interactions"]))' "$work/pact.json") interactions exported from AuthStub verified against a fresh AuthStub by pact-python"

# The verifier is not vacuous: the same Pact against an AuthStub whose bump answers 202 fails.
cp -R fixtures "$work/drifted"
sed -i 's/"status": 200/"status": 202/' "$work/drifted/usertoken/bump.json"
serve --fixtures "$work/drifted/usertoken" --fixtures "$work/drifted/wice"
if "$venv/bin/python" .ci/verify-pact.py "$work/pact.json" "$url" > "$work/pact-drift.log" 2>&1; then
    cat "$work/pact-drift.log"
    echo "pact: the verifier passed against a drifted AuthStub"
    exit 1
fi
grep -q "expected 200 but was 202" "$work/pact-drift.log" || { cat "$work/pact-drift.log"; echo "pact: the drift was not the one named"; exit 1; }
echo "pact: the same Pact fails against an AuthStub whose bump answers 202"
