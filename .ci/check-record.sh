#!/usr/bin/env bash
# Issue 18's end-to-end proof: `authstub record` in front of a real upstream (.ci/record/
# upstream.py, Python's http.server faking an auth API unlike the bundled ones), driven by
# Python `requests` under pytest; the recording validated, served and replayed offline; a slow,
# garbage-speaking or absent upstream answered with 504/502; `serve --proxy-unmatched`; and
# Authlib's OAuth 2.0 flows recorded from the bundled oauth2 service and replayed offline.
# pytest, requests and Authlib come from the venv .ci/python-clients.sh makes (PyPI, under .build).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/python-clients.sh
bin="$(swift build --show-bin-path)/authstub"
PYTHONDONTWRITEBYTECODE=1 AUTHSTUB_BIN="$bin" "$venv/bin/python" -m pytest -p no:cacheprovider -q .ci/record
