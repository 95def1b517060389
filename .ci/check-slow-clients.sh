#!/usr/bin/env bash
# Issue 8's slow-client proof: slowhttptest (Debian) attacks the real CLI with 200 connections
# of slow headers (-H), a slow body (-B) and a slow read (-X), one after another. While each
# runs, a normal client logs in (wice, POST /v1/auth/login) twice a second; every login must
# get its 201 within $bound seconds, and slowhttptest must never find the service unavailable.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v slowhttptest >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "Installing Debian's slowhttptest and curl…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq slowhttptest curl >/dev/null
fi
source .ci/serve-helpers.sh
serve

connections=200
duration=20     # seconds per attack: under the server's 30 s request timeout, so all 200 stay
bound=2         # seconds: an availability check on a shared machine, not a benchmark
failed=0

# One login; prints its status (000 when it failed outright) and its time in seconds.
login() {
    curl -s -o /dev/null --max-time 10 -w '%{http_code} %{time_total}\n' -X POST \
        -H 'Content-Type: application/json' -H 'Accept: application/json' \
        -d '{"username":"user","password":"secret"}' "$url/v1/auth/login" || true
}

# The server's CPU time so far (user + system), in milliseconds.
cpu_ms() { awk -v tick="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / tick) }' "/proc/$pid/stat"; }

# attack NAME SLOWHTTPTEST-FLAGS…: runs one attack, logs in during it, checks and summarises.
attack() {
    local name="$1"; shift
    local report="$work/${name// /-}"
    slowhttptest "$@" -c "$connections" -r "$connections" -l "$duration" -p 3 -g -o "$report" > "$report.log" 2>&1 &
    local attacker=$! cpu_before
    cpu_before="$(cpu_ms)"
    sleep 3   # its connections are open by now
    : > "$report.logins"
    while kill -0 "$attacker" 2>/dev/null; do
        login >> "$report.logins"
        sleep 0.5
    done
    wait "$attacker" || { echo "slow-clients: slowhttptest $name failed:"; cat "$report.log"; exit 1; }
    local cpu=$(($(cpu_ms) - cpu_before))

    # CSV columns: seconds, closed, pending, connected, service available (0 when it was not).
    local peak unavailable closed
    peak="$(awk -F, 'NR > 1 && $4 > max { max = $4 } END { print max + 0 }' "$report.csv")"
    closed="$(awk -F, 'NR > 1 { last = $2 } END { print last + 0 }' "$report.csv")"
    unavailable="$(awk -F, 'NR > 1 && $5 == 0 { n++ } END { print n + 0 }' "$report.csv")"
    if sed 's/\x1b\[[0-9;]*[a-zA-Z]//g' "$report.log" | grep -q 'service available: *NO'; then
        unavailable=$((unavailable + 1))
    fi
    local summary
    summary="$(awk -v bound="$bound" '
        { n++; ms = $2 * 1000; sum += ms; if (ms > max) max = ms
          if ($1 != "201") bad++; else if ($2 > bound) slow++ }
        END { printf "%d logins, %d failed, %d over %s s; mean %.0f ms, max %.0f ms", n, bad, slow, bound, (n ? sum / n : 0), max
              exit (n == 0 || bad > 0 || slow > 0) }' "$report.logins")" || failed=1
    echo "slow-clients: $name: $peak of $connections connections held at once, $closed closed by the server;" \
         "service unavailable in $unavailable samples; server CPU $cpu ms in ${duration} s; $summary"
    if [ "$peak" -lt $((connections * 9 / 10)) ] || [ "$unavailable" -gt 0 ]; then failed=1; fi
}

attack "slow headers" -H -i 2 -x 24 -u "$url/v1/auth/login"
attack "slow body" -B -i 2 -x 24 -s 8192 -u "$url/v1/auth/login"
# Slow read: four pipelined requests for the 14 KiB dashboard per connection, read 32 bytes a
# second through a receive window of at most 64 bytes.
attack "slow read" -X -k 4 -n 1 -w 1 -y 64 -z 32 -u "$url/__control"

kill -0 "$pid" || { echo "slow-clients: the server died"; exit 1; }
if [ "$failed" -ne 0 ]; then
    echo "slow-clients: FAILED: see the lines above"
    exit 1
fi
echo "slow-clients: every login succeeded within $bound s under each attack; the server is still up"
