#!/usr/bin/env bash
# Issue 8: builds the libFuzzer targets and runs each for a bounded time, two at a time, from a
# copy of the committed seed corpus (Tests/Fuzz/corpus/<target>), so the checkout is not changed.
#
#   .ci/fuzz.sh [seconds per target] [target...]     default: 60 s, every target
#
# Exits non-zero when a target crashes, breaks one of its invariants, leaks, runs out of memory
# or times out on an input, and prints where the input was saved and how to replay it.
#
# Toolchain quirks (Swift 6.3.1 on Linux), found while writing this:
# - swift-driver keeps only the last `-sanitize=` option, so `swift build --sanitize=fuzzer
#   --sanitize=address` compiles with AddressSanitizer and without coverage: libFuzzer runs
#   blind ("no interesting inputs were found"). `-Xswiftc -sanitize=fuzzer,address` (one option)
#   gives both; `--sanitize=fuzzer` stays so that SwiftPM links libFuzzer's `main`.
# - A scratch path directly inside the package (`.build-fuzz`) makes every build after the first
#   fail with "unknown build description": the AuthStubFixtures target's path is the package
#   root. A folder under `.build/` is safe.
# - Release builds run 4-5 times as many inputs a second as debug ones; overflow and bounds
#   checks still trap at -O, and the product has no assert() that -O would drop.
# - Every link prints "Cannot export local symbol '__asan_…'" from the linker; harmless, filtered.
# - A harness's main.swift is compiled as a library under `--sanitize=fuzzer` (libFuzzer has the
#   `main`), so it holds no top-level code; in a plain build its program does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
targets=(fuzz-http-parser fuzz-http-response-parser fuzz-accept fuzz-fixture-loader fuzz-control-json)
if (( $# > 1 )); then targets=("${@:2}"); fi
scratch=.build/fuzz

for target in "${targets[@]}"; do
    echo "== building $target"
    swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --scratch-path "$scratch" --product "$target" \
        2>&1 | { grep -v "Cannot export local symbol" || true; }
done
bin="$(swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --scratch-path "$scratch" --show-bin-path)"
work="$(mktemp -d "${TMPDIR:-/tmp}/authstub-fuzz.XXXXXX")"

# Runs one target for $seconds from a fresh copy of its seeds; its exit status is libFuzzer's.
run() {
    local target="$1" dir="$work/$1"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    cp Tests/Fuzz/corpus/"$target"/* "$dir/corpus/"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" \
        "$bin/$target" "$dir/corpus" -dict="Tests/Fuzz/dict/$target.dict" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/" >"$dir/log" 2>&1
}

failed=()
for (( index = 0; index < ${#targets[@]}; index += 2 )); do
    pair=("${targets[@]:index:2}")
    pids=()
    for target in "${pair[@]}"; do
        echo "== fuzzing $target for ${seconds}s"
        run "$target" & pids+=($!)
    done
    for position in "${!pair[@]}"; do
        wait "${pids[$position]}" || failed+=("${pair[$position]}")
    done
done

# libFuzzer's `cov:` (edges) and `corp:` (inputs kept) when the seeds were loaded and at the end.
field() { grep -E "^#[0-9]+[[:space:]]+$2 " "$1" | tail -1 | grep -oE "$3: [0-9]+" | grep -oE '[0-9]+' || echo '?'; }
echo "== results"
printf '%-20s %10s %8s %16s %14s\n' target inputs input/s "edges seeds->end" "kept seeds->end"
for target in "${targets[@]}"; do
    log="$work/$target/log"
    printf '%-20s %10s %8s %16s %14s\n' "$target" \
        "$(grep -oE 'number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+' || echo '?')" \
        "$(grep -oE 'average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')" \
        "$(field "$log" INITED cov) -> $(field "$log" DONE cov)" \
        "$(field "$log" INITED corp) -> $(field "$log" DONE corp)"
done

if (( ${#failed[@]} > 0 )); then
    for target in "${failed[@]}"; do
        echo "== $target FAILED; end of its log:"
        tail -n 40 "$work/$target/log"
        for input in "$work/$target/artifacts"/*; do
            [[ -e "$input" ]] || continue
            echo "input: $input"
            echo "replay: SWIFT_BACKTRACE=enable=no $bin/$target $input"
        done
    done
    echo "logs and grown corpora are kept under $work"
    exit 1
fi
rm -rf "$work"
echo "fuzzing passed: ${#targets[@]} targets, ${seconds}s each, no crash, leak or timeout"
