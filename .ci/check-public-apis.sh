#!/usr/bin/env bash
# Issue 16's end-to-end proof: the fixture folders for three public auth APIs (Tests/Fixtures:
# Firebase Auth with Cloud Firestore, Directus, Laravel Sanctum's cookie session) served by the
# real `authstub serve` and driven by Python `requests` under pytest (.ci/public-apis). pytest and requests live in a
# venv under .build (PyPI), never in the repository.
# Issue 17's interoperability proof runs here too: Authlib drives the bundled oauth2 service and
# PyJWT verifies its tokens with the published JWKS (.ci/public-apis/test_oauth2.py).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=".build/ci-venv-public-apis"
if ! "$venv/bin/python" -c 'import pytest, requests, authlib, jwt, cryptography' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pytest==9.2.0 requests==2.34.2 \
        authlib==1.9.10 pyjwt==2.15.1 cryptography==51.0.1
fi
bin="$(swift build --show-bin-path)/authstub"
"$bin" validate Tests/Fixtures/firebase Tests/Fixtures/directus Tests/Fixtures/sanctum
# No .pytest_cache and no __pycache__ are left in the checkout.
PYTHONDONTWRITEBYTECODE=1 AUTHSTUB_BIN="$bin" "$venv/bin/python" -m pytest -p no:cacheprovider -q .ci/public-apis
