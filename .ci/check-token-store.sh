#!/usr/bin/env bash
# Issue 15's token-store figures (a benchmark with generous bounds, not a timed test):
# `authstub-bench tokens` grows one server, in process, from 0 to 1,000,000 live tokens (the
# limits raised), 10,000 logins first, then one login in 100 and control-API mints for the rest.
# It fails when the process's RSS at 1,000,000 live tokens is over 150 MiB, when a token costs
# over 160 bytes, or when login p99.9 (the thread's CPU time, so a busy machine's other work
# does not count) while growing is over three times its p99.9 over the first 10,000 logins
# (measured: release 0.7x, debug 1.1-1.7x).
# The debug build, as `.ci/run` builds it; 30-50 s on the shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product authstub-bench
"$(swift build --show-bin-path)/authstub-bench" tokens --tokens 1000000 \
    --max-rss-mib 150 --max-bytes-per-token 160 --max-p999-ratio 3
