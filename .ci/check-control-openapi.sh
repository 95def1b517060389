#!/usr/bin/env bash
# Issue 19's control API proof: `authstub openapi --control` passes openapi-spec-validator, and
# Schemathesis, driven by the document a running `authstub serve` serves at
# /__control/openapi.json, finds no 5xx, no undocumented status, content type or header, no
# answer off its schema, and no refused call (4xx) that changed the server's state (the check
# in .ci/control-openapi/state_hooks.py). Then, on a server with a control token, every call
# without it (driven by the printed document, as the served one needs the token too) gets the
# documented 401 and changes nothing.
# Python tools live in a venv under /tmp (PyPI), made by .ci/openapi-venv.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh
source .ci/openapi-venv.sh
hooks="$(pwd)/.ci/control-openapi"
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance
checks+=,response_schema_conformance,state_unchanged_by_refusal

"$bin" openapi --control > "$work/control-openapi.json"
"$venv/bin/openapi-spec-validator" "$work/control-openapi.json"

# Runs Schemathesis against the server at $url with the document $2 ("served": the one the
# server serves; otherwise a file in $work, its calls going to $url); "$@" adds options.
# Its report is kept to a file (its pytest-style closing line would read like a test runner's)
# and shown whole only when it fails. It runs inside $work, where it leaves its cache.
fuzz() {
    local name="$1" document="$2"
    shift 2
    [ "$document" = served ] && document="$url/__control/openapi.json" || set -- --url "$url/__control" "$@"
    if ! (cd "$work" && PYTHONPATH="$hooks" SCHEMATHESIS_HOOKS=state_hooks AUTHSTUB_CONTROL_URL="$url/__control" \
        "$venv/bin/schemathesis" run "$document" --checks "$checks" --seed 19 --no-color "$@" \
        > "$name.log" 2>&1); then
        cat "$work/$name.log"
        echo "control-openapi: Schemathesis found a problem ($name)"
        exit 1
    fi
    echo "control-openapi: $name: Schemathesis cases $(grep -Eo '[0-9]+ generated' "$work/$name.log" | head -n 1), no failure"
}

serve
fuzz open served --max-examples 20

serve --control-token ci-control-token
AUTHSTUB_CONTROL_TOKEN=ci-control-token fuzz guarded control-openapi.json --max-examples 3 --phases examples,fuzzing

kill -0 "$pid"
echo "control-openapi: the document validates; Schemathesis found no failure, with and without a control token"
