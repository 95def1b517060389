# Sourced by the checks that drive Schemathesis (check-openapi.sh, check-control-openapi.sh):
# one venv under /tmp (never in the repository) with the pinned PyPI packages, made when one
# is missing. Sets $venv (AUTHSTUB_CI_VENV overrides where).
venv="${AUTHSTUB_CI_VENV:-/tmp/authstub-ci-venv}"
if ! "$venv/bin/python" -c 'import schemathesis, openapi_spec_validator' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5 openapi-spec-validator==0.9.0
fi
