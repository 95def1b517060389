#!/usr/bin/env bash
# Issue 19's generator proof: a client that swift-openapi-generator makes from `authstub openapi`
# calls every operation of the bundled fixtures (refusals included) against `authstub serve`, as
# users run it, and meets no `.undocumented` answer, no body that does not decode and no declared
# header it cannot read. The consumer package (.ci/openapi-client, not the product) builds into
# .build/openapi-client; the document is written into it first and never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh
package=.ci/openapi-client
"$bin" openapi > "$package/Sources/openapi-client-check/openapi.json"
scratch="$PWD/.build/openapi-client"
if ! swift build --package-path "$package" --scratch-path "$scratch" > "$work/build.log" 2>&1; then
    cat "$work/build.log"
    echo "openapi-client: the generated client does not build"
    exit 1
fi
serve
"$(swift build --package-path "$package" --scratch-path "$scratch" --show-bin-path)/openapi-client-check" "$url"
