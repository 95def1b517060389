#!/usr/bin/env bash
# Issue 21: instructions a request on the request path, counted by valgrind's callgrind, which
# repeats to the instruction where times on this shared machine do not (perf's hardware counters
# are not offered in this VM, and callgrind stops with a SIGSEGV on `authstub serve`'s event
# loop). `authstub-bench requests` runs the path without socket or task: bytes → parser →
# handler → FinishedResponse → serialized answer. Each row runs it twice, with LOW and HIGH
# requests after the same warm-up, and divides the difference in instructions by HIGH − LOW, so
# start-up and fixture loading cancel out. Not part of .ci/run (.ci/bench.sh calls it).
#
#   .ci/instructions.sh [AUTHSTUB_BENCH]     default: builds release authstub-bench
#
# Rows: the wice login (as compare.sh sends it); the same once the token store is full (after
# 10,500 logins of one user, past TokenLimits' 10,000 a user, so each login evicts that user's
# oldest token, as in every compare.sh run after its first second); wice login/logout pairs;
# the HTTP layer alone with authstub-bench serve's hand-written login. "engine" is the login's
# count minus the layer's. Counts are instructions, not time: the full store's cache misses
# (its slots are spread over megabytes) show only in a profile of the real server.
set -euo pipefail
cd "$(dirname "$0")/.."

bench="${1:-}"
if [ -z "$bench" ]; then
    swift build -c release --product authstub-bench 2>&1 | tail -n 1
    bench=.build/release/authstub-bench
fi
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
low=1000
high=5000

# Instructions of one run: handler, extra flag (or ""), count.
instructions() {
    local out
    out="$(mktemp)"
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" requests --handler "$1" $2 --count "$3" >/dev/null 2>&1
    callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
    rm -f "$out"
}

# Instructions a request: the difference between HIGH and LOW requests, per request.
per_request() {
    local a b
    a="$(instructions "$1" "$2" "$low")"
    b="$(instructions "$1" "$2" "$high")"
    echo $(((b - a) / (high - low)))
}

login="$(per_request product "")"
full="$(per_request product "--warm-up 10500")"
pairs="$(per_request product --pairs)"
layer="$(per_request layer "")"
echo "command: valgrind --tool=callgrind $bench requests --handler {product [--pairs | --warm-up 10500]|layer} --count {$low,$high}"
echo "| request path | instructions a request |"
echo "|---|---:|"
echo "| authstub: wice login | $login |"
echo "| authstub: wice login, the token store full (--warm-up 10500) | $full |"
echo "| authstub: wice login/logout pair, per request | $pairs |"
echo "| HTTP layer alone: hand-written login | $layer |"
echo "| engine's share of the login (authstub − layer) | $((login - layer)) |"
