#!/usr/bin/env bash
# Issue 18's end-to-end proof: `authstub record` in front of a real upstream (.ci/record/
# upstream.py, Python's http.server faking an auth API unlike the bundled ones), driven by
# Python `requests` under pytest; the recording validated, served and replayed offline; a slow,
# garbage-speaking or absent upstream answered with 504/502; `serve --proxy-unmatched`; and
# Authlib's OAuth 2.0 flows recorded from the bundled oauth2 service and replayed offline.
# pytest, requests and Authlib come from the venv check-public-apis.sh makes (PyPI, under .build).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=".build/ci-venv-public-apis"
if ! "$venv/bin/python" -c 'import pytest, requests, authlib' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pytest==9.2.0 requests==2.34.2 \
        authlib==1.9.10 cryptography==51.0.1
fi
bin="$(swift build --show-bin-path)/authstub"
PYTHONDONTWRITEBYTECODE=1 AUTHSTUB_BIN="$bin" "$venv/bin/python" -m pytest -p no:cacheprovider -q .ci/record
