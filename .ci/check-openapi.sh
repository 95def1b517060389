#!/usr/bin/env bash
# Issues 7 and 19's OpenAPI proof: `authstub openapi` passes openapi-spec-validator, and
# Schemathesis, driven by that document against a running `authstub serve`, finds no 5xx, no
# crash, no undocumented status, and no body, header or content type the document does not
# declare. Issue 20: the same again for Tests/Fixtures/ratelimited, whose tight rate limits
# Schemathesis runs into, so every 429 and its Retry-After must be declared too.
# Python tools live in a venv under /tmp (PyPI), never in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh
source .ci/openapi-venv.sh

# Exports the document of the fixtures "$@" names (none: the bundled ones), validates it, and
# drives a server of the same fixtures with Schemathesis.
check() {
    "$bin" openapi "$@" > "$work/openapi.json"
    "$venv/bin/openapi-spec-validator" "$work/openapi.json"

    serve "$@"

    # Its report is kept to a file (its pytest-style closing line would read like a test runner's)
    # and shown whole only when it fails.
    # It runs inside $work, where it leaves its cache, so the checkout stays clean.
    if ! (cd "$work" && "$venv/bin/schemathesis" run openapi.json --url "$url" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
        --max-examples 50 --seed 7 --no-color > schemathesis.log 2>&1); then
        cat "$work/schemathesis.log"
        echo "openapi: Schemathesis found a problem"
        exit 1
    fi
    echo "openapi: Schemathesis cases $(grep -Eo '[0-9]+ generated' "$work/schemathesis.log" | head -n 1), no 5xx, no undocumented status, header, content type or body"
    # Still alive and answering after the fuzzing.
    python3 -c 'import sys, urllib.request; assert urllib.request.urlopen(sys.argv[1] + "/__control/status").status == 200' "$url"
    kill -0 "$pid"
    echo "openapi: the document validates; Schemathesis found no 5xx and no nonconformance, and the server is still up"
}

check
check --fixtures Tests/Fixtures/ratelimited
# The fuzzing met the limits: the server answered some requests 429.
python3 -c 'import json, sys, urllib.request
page = json.load(urllib.request.urlopen(sys.argv[1] + "/__control/requests?status=429&limit=1"))
assert page["requests"], "Schemathesis met no rate limit"' "$url"
echo "openapi: the rate-limited fixtures' 429s conform to their document"
