#!/usr/bin/env bash
# Issue 8's keep-alive proof: 1,000 concurrent keep-alive connections to the real CLI, each
# answered, held open, then answered again on the same connection (.ci/keepalive-clients.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

# The server and the clients each hold 1,000 sockets: raise the soft limit (both inherit it).
wanted=4096
hard="$(ulimit -Hn)"
if [ "$hard" != unlimited ] && [ "$hard" -lt "$wanted" ]; then wanted="$hard"; fi
soft="$(ulimit -Sn)"
if [ "$soft" != unlimited ] && [ "$soft" -lt "$wanted" ]; then ulimit -Sn "$wanted"; fi
soft="$(ulimit -Sn)"
if [ "$soft" != unlimited ] && [ "$soft" -lt 1100 ]; then
    echo "keepalive: ulimit -n is $soft (hard $hard); 1,000 connections need at least 1100"
    exit 1
fi

serve
python3 -B .ci/keepalive-clients.py "$url" "$pid" 1000
kill -0 "$pid"
