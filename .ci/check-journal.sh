#!/usr/bin/env bash
# Issue 15's journal proof, through the real CLI: `authstub-bench journal` against a fresh
# `authstub serve` (default flags). It prints its figures and fails when a bound breaks:
# 300 POSTs of 1 MiB grow RSS by at most 96 MiB and the whole journal then lists in under
# 8 MiB; logins keep a p99 under 250 ms while the worst journal filter runs back to back, and
# while a dashboard's polls do with 10,000 tokens and a full journal (a poll moving under 256 KiB).
# AUTHSTUB_JOURNAL_PATHS (default 1,000, the issue's probe) sets how many long paths the worst
# filter reads: with the linear glob matcher a run takes about 1 s in a debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product authstub
swift build --product authstub-bench
source .ci/serve-helpers.sh
serve
"$(swift build --show-bin-path)/authstub-bench" journal --url "$url" --pid "$pid" --paths "${AUTHSTUB_JOURNAL_PATHS:-1000}"
