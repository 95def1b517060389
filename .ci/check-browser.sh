#!/usr/bin/env bash
# Issue 6's browser proof: headless Chromium (Debian's package) runs a page from another origin
# against the real authstub binary, then clicks through the dashboard. Screenshots go to the
# folder given as $1 (default: a temporary folder; Sources/AuthStub/AuthStub.docc/Resources/
# holds the copy the README and the Frontend Development article show).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium (about a minute)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
screenshots="${1:-$(mktemp -d)}"
swift build --product authstub
python3 -B .ci/browser/check.py "$(swift build --show-bin-path)/authstub" "$screenshots"
