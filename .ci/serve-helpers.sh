# Sourced by the .ci/check-*.sh scripts that run `authstub serve` in the background.
# Sets $bin (the built CLI) and $work (a temporary folder); every server started with `serve`
# is stopped and $work removed when the script exits.
bin="$(swift build --show-bin-path)/authstub"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# Starts `authstub serve --port 0 --quiet "$@"` in the background, sets $url to where it
# listens and $pid to its process.
serve() { serve_logging --quiet "$@"; }

# `serve` with the default request log on: one line per request into $log, which it sets.
serve_logging() {
    log="$work/serve-${#pids[@]}.log"
    : > "$log"
    "$bin" serve --port 0 "$@" > "$log" 2>&1 &
    pid="$!"
    pids+=("$pid")
    for _ in $(seq 1 100); do
        url="$(head -n 1 "$log" | awk '/listening on/ {print $NF}')"
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "authstub serve did not start:"; cat "$log"; exit 1
}
