#!/usr/bin/env bash
# Issue 21's figures: the product path (`authstub serve`) against the Hummingbird peer with
# ../shared/bench/compare.sh, then the in-process transports (`authstub-bench inprocess` and
# `authstub-bench startup`). Not part of .ci/run: the peer takes minutes to build, and a full
# run (5 servers × 3 rounds × about 18 s) takes about 5 minutes of a machine that should be
# doing nothing else; --quick takes under a minute.
#
#   .ci/bench.sh [--rounds N] [--quick] [--out DIR] [--before AUTHSTUB]
#     --rounds N  compare.sh rounds, interleaved, every figure a median over them (default 3)
#     --quick     1 round, short loads, fewer pairs and starts: to try the script, not for figures
#     --out DIR   where compare.json, compare.md, the in-process output and the server logs go
#                 (default .build/bench/<date-time>)
#     --before AUTHSTUB  an older `authstub` binary, served as one more row (`authstub-before`,
#                 `serve --quiet`, not judged) to show a change's effect in the same run
#
# Rows, every ratio against the first (Hummingbird 2.28.1 on SwiftNIO, the bench's peer):
#   authstub      `authstub serve --quiet`: the product path (bundled fixtures, so the login is
#                 wice's at /m2m/v1/auth/login; journal and tokens on; no request log)
#   authstub-log  `authstub serve`: the same with the default request log (one line a request,
#                 written to compare.sh's server log files)
#   authstub-static  `authstub serve --quiet` built with --static-swift-stdlib, as
#                 .ci/check-static-binary.sh builds the binary for machines without Swift (into
#                 .build/static): the same code, with the Swift runtime and Foundation linked in,
#                 which saves the dynamic loader most of the start (not judged)
#   http-layer    `authstub-bench serve`: StubHTTP alone with a hand-written login handler
# The PASS/MISS column judges the authstub rows against the issue's targets. Last come the
# instructions a request (.ci/instructions.sh, callgrind), which repeat where times do not.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

rounds=3
quick=0
out=""
before=""
while (($#)); do
    case "$1" in
    --rounds)
        [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --rounds needs a whole number from 1" >&2; exit 64; }
        rounds="$2"
        shift 2
        ;;
    --quick) quick=1; shift ;;
    --before)
        [[ -x "${2:-}" ]] || { echo "bench.sh: --before needs an authstub binary" >&2; exit 64; }
        before="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
        shift 2
        ;;
    --out)
        [[ -n "${2:-}" ]] || { echo "bench.sh: --out needs a folder" >&2; exit 64; }
        out="$2"
        shift 2
        ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done

bench_dir="$root/../shared/bench"
[[ -x "$bench_dir/compare.sh" ]] || { echo "bench.sh: no compare.sh in $bench_dir (the shared bench beside the repo)" >&2; exit 1; }
bench_dir="$(cd "$bench_dir" && pwd)"
out="${out:-$root/.build/bench/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

if ((quick)); then
    rounds=1
    load=(--starts 2 --warmup 1 --lat-secs 2 --tp-secs 3)
    pairs=500
    runs=50
else
    load=()
    pairs=2000
    runs=300
fi

if commit="$(git rev-parse --short HEAD 2> /dev/null)"; then
    git diff --quiet HEAD -- Sources Package.swift fixtures || commit+=", with uncommitted changes"
    echo "== AuthStub at $commit"
fi
# The static build links FoundationNetworking's libcurl (as .ci/check-static-binary.sh's does);
# the load needs wrk and curl.
source .ci/debian-packages.sh
install_packages libcurl4-openssl-dev wrk curl

echo "== building release authstub and authstub-bench"
swift build -c release --product authstub
swift build -c release --product authstub-bench
echo "== building the static authstub (--static-swift-stdlib, .build/static)"
swift build -c release --static-swift-stdlib --scratch-path "$root/.build/static" --product authstub
authstub="$root/.build/release/authstub"
static_authstub="$root/.build/static/release/authstub"
bench="$root/.build/release/authstub-bench"

hbpeer="$bench_dir/peers/hummingbird-peer/.build/release/hbpeer"
if [[ ! -x "$hbpeer" ]]; then
    echo "== building the Hummingbird peer (about 4 minutes on 2 cores)"
    (cd "$bench_dir/peers/hummingbird-peer" && swift build -c release)
fi

# compare.sh's probes against `authstub serve`: its start-up poll (GET /health, then
# GET /__control/status) and its check (the login twice, 201 with an auth-token).
echo "== checking that authstub serve answers compare.sh's probes"
probe_log="$out/probe-serve.log"
"$authstub" serve --quiet --port 0 > "$probe_log" 2>&1 &
probe_pid=$!
trap 'kill "$probe_pid" 2> /dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
    url="$(head -n 1 "$probe_log" | awk '/listening on/ {print $NF}')"
    [[ -n "$url" ]] && break
    sleep 0.1
done
[[ -n "$url" ]] || { echo "bench.sh: authstub serve did not start:" >&2; cat "$probe_log" >&2; exit 1; }
health="$(curl -s -o /dev/null -w '%{http_code}' "$url/health")"
status="$(curl -s -o /dev/null -w '%{http_code}' "$url/__control/status")"
login="$(curl -s -o /dev/null -D - -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data '{"username":"user","password":"secret"}' "$url/m2m/v1/auth/login" | tr -d '\r')"
kill "$probe_pid"
wait "$probe_pid" || true
trap - EXIT
echo "   GET /health → $health, GET /__control/status → $status, POST /m2m/v1/auth/login → $(head -n 1 <<< "$login")"
if [[ "$health" != 200 && "$status" != 200 ]] || ! grep -q '^HTTP/[0-9.]* 201' <<< "$login" || ! grep -qi '^auth-token: .' <<< "$login"; then
    echo "bench.sh: authstub serve does not answer compare.sh's probes (GET /health or /__control/status → 200, the login → 201 with auth-token)" >&2
    exit 1
fi

compare=(
    "$bench_dir/compare.sh" --rounds "$rounds" ${load[@]+"${load[@]}"}
    --json "$out/compare.json" --md "$out/compare.md" --logdir "$out/logs"
    "hummingbird=$hbpeer"
    "authstub=$authstub serve --quiet --port \$PORT"
    "authstub-log=$authstub serve --port \$PORT"
    "authstub-static=$static_authstub serve --quiet --port \$PORT"
    "http-layer=$bench serve --port \$PORT"
)
[[ -n "$before" ]] && compare+=("authstub-before=$before serve --quiet --port \$PORT")
echo "== $(printf '%q ' "${compare[@]}")"
compare_status=0
"${compare[@]}" > "$out/compare.txt" || compare_status=$?
[[ -f "$out/compare.json" ]] || { cat "$out/compare.txt"; echo "bench.sh: compare.sh wrote no figures (exit $compare_status)" >&2; exit 1; }

python3 - "$out/compare.json" "$quick" << 'PY' | tee "$out/table.md"
import json
import sys

run = json.load(open(sys.argv[1]))
quick = sys.argv[2] == "1"
summary, order, base = run["summary"], run["order"], run["order"][0]
# key, header, name in a MISS, format, target as (comparison, bound) on the ratio to the baseline
columns = [
    ("tp_rps", "c64 req/s", "c64 req/s", "{:.0f}", (">=", 1.5)),
    ("cpu_ms_per_1k", "CPU ms/1k req", "CPU", "{:.1f}", ("<=", 0.6)),
    ("tp_p99_us", "c64 p99 µs", "c64 p99", "{:.0f}", ("<=", 1.0)),
    ("lat_p99_us", "c1 p99 µs", "c1 p99", "{:.0f}", ("<=", 1.1)),
    ("rss_mib", "peak RSS MiB", "peak RSS", "{:.1f}", ("<=", 1.5)),
    ("startup_ms", "start ms", "start", "{:.1f}", ("<=", 1.1)),
]
judged = {"authstub", "authstub-log"}
meta = run["meta"]
print()
print(f"compare.sh: {run['config']['rounds']} round(s), {meta['started']} → {meta['finished']}, "
      f"load {meta['load_before']} before, {meta['load_after']} after" + (" (QUICK RUN: short loads, 1 round)" if quick else ""))
print(f"each cell: the absolute figure (its ratio to {base}); targets judged for the {' and '.join(sorted(judged))} rows")
print()
print("| server | " + " | ".join(h for _, h, _, _, _ in columns) + " | targets |")
print("|---|" + "---:|" * len(columns) + "---|")
print("| target | " + " | ".join(f"{'≥' if c == '>=' else '≤'} {b:.1f}×" for _, _, _, _, (c, b) in columns) + " | |")
for name in order:
    s, cells, missed = summary[name], [], []
    for key, _, short, fmt, (comparison, bound) in columns:
        value, reference = s.get(key), summary[base].get(key)
        if value is None or not reference:
            cells.append("—")
            if name in judged:
                missed.append(short)
            continue
        ratio = value / reference
        met = ratio >= bound if comparison == ">=" else ratio <= bound
        if name in judged and not met:
            missed.append(short)
        cells.append(f"{fmt.format(value)} ({ratio:.2f}×)")
    verdict = ("PASS" if not missed else "MISS: " + ", ".join(missed)) if name in judged else ""
    if not s.get("correct"):
        verdict = ("NOT CORRECT: " + "; ".join(s.get("problems") or ["?"]) + ". " + verdict).strip()
    print("| " + " | ".join([name, *cells, verdict]).rstrip() + " |")
PY
echo
echo "this table: $out/table.md; compare.sh's full report (every figure, every round): $out/compare.md; server logs: $out/logs"

echo
echo "== $bench inprocess --pairs $pairs"
"$bench" inprocess --pairs "$pairs" | tee "$out/inprocess.txt"
echo
echo "== $bench startup --runs $runs"
"$bench" startup --runs "$runs" | tee "$out/startup.txt"
echo
echo "== instructions a request (.ci/instructions.sh)"
.ci/instructions.sh "$bench" | tee "$out/instructions.txt"

if ((compare_status != 0)); then
    echo "bench.sh: compare.sh ended with status $compare_status (3: a server failed its check, could not start, or died)" >&2
    exit "$compare_status"
fi
