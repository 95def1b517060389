#!/usr/bin/env bash
# Issue 16's end-to-end proof: the fixture folders for three public auth APIs (Tests/Fixtures:
# Firebase Auth with Cloud Firestore, Directus, Laravel Sanctum's cookie session) served by the
# real `authstub serve` and driven by Python `requests` under pytest (.ci/public-apis). pytest and requests live in a
# venv under .build (PyPI), never in the repository.
# Issue 17's interoperability proof runs here too: Authlib drives the bundled oauth2 service and
# PyJWT verifies its tokens with the published JWKS (.ci/public-apis/test_oauth2.py).
# Issue 20's: the same Authlib client judged by `POST /__control/verify` (.ci/public-apis/test_checks.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/python-clients.sh
bin="$(swift build --show-bin-path)/authstub"
"$bin" validate Tests/Fixtures/firebase Tests/Fixtures/directus Tests/Fixtures/sanctum
# No .pytest_cache and no __pycache__ are left in the checkout.
PYTHONDONTWRITEBYTECODE=1 AUTHSTUB_BIN="$bin" "$venv/bin/python" -m pytest -p no:cacheprovider -q .ci/public-apis
