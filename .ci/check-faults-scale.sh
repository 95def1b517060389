#!/usr/bin/env bash
# Issue 15's fault and glob figures, as a benchmark with generous bounds (not a timed test):
# `authstub-bench faults --check` runs an in-process server on loopback and fails when a ratio
# passes its bound (each figure beside a baseline from the same run, so a slow machine moves
# both):
# - a login with 0, 1, 100,000 and 1,000,000 exact-path faults on other paths: flat (≤ 3×);
# - spending 20,000 `times: 1` faults, one per login: linear (the last tenth ≤ 3× the first and
#   the other way round, the median ≤ 3× a plain login), and a login afterwards: flat;
# - the worst glob fault (`/*` + 4,000 `a` + `b*`) on an 8,000-byte path: ≤ 3× a short glob;
# - the same pattern as a journal filter over 1,000 such entries: ≤ 10× a short glob.
# About 50 s with the debug build on the shared 2-core machine; peak RSS about 1 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product authstub-bench
"$(swift build --show-bin-path)/authstub-bench" faults --check
