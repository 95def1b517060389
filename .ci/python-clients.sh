# Sourced by the checks that drive AuthStub with Python clients (check-public-apis.sh,
# check-record.sh): one venv under .build (never in the repository) with one set of pinned PyPI
# packages, made or completed when one is missing. Sets $venv.
venv=".build/ci-venv-public-apis"
if ! "$venv/bin/python" -c 'import pytest, requests, authlib, jwt, cryptography' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pytest==9.2.0 requests==2.34.2 \
        authlib==1.9.10 pyjwt==2.15.1 cryptography==51.0.1
fi
