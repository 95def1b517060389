#!/usr/bin/env bash
# Issue 8: the whole test suite (Swift Testing and XCTest) under ThreadSanitizer and under
# AddressSanitizer. Fails on a failed test or on any sanitizer report, including one from a
# CLI process that a test starts (it is built with the same sanitizer).
#
# `swift test --sanitize=…` stops with "unknown build description" on Swift 6.3.1 here, so the
# tests are built with `swift build --build-tests` into a scratch folder of their own per
# sanitizer (.build/tsan, .build/asan: a scratch path beside .build breaks on the second
# build, see .ci/fuzz.sh) and the test bundle is run
# directly, once per testing library, as `swift test` does; then the CLI suites once more, in
# parallel.
#
#   .ci/check-sanitizers.sh [thread|address]...     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."

# XCTest itself leaks, so LeakSanitizer stays off; every other ASan check is on.
export ASAN_OPTIONS="detect_leaks=0"
# A report is a failure even when the tests pass.
export TSAN_OPTIONS="halt_on_error=0 exitcode=66"
export SWIFT_BACKTRACE="enable=no"

run_suite() {
    local sanitizer="$1" scratch
    case "$sanitizer" in
        thread) scratch=".build/tsan" ;;
        address) scratch=".build/asan" ;;
        *) echo "unknown sanitizer: $sanitizer (thread or address)"; exit 64 ;;
    esac
    echo "== $sanitizer sanitizer: building the tests"
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 | tail -n 3
    local bundle
    bundle="$(swift build --show-bin-path --sanitize="$sanitizer" --scratch-path "$scratch")/AuthStubPackageTests.xctest"
    # One test at a time: the sanitizers slow CPU-bound tests several times over, and run in
    # parallel on a 2-core machine they starved the timed live tests of the concurrency pool
    # for 30 s and more (408s and URLSession timeouts).
    run_pass "$sanitizer" swift-testing "$bundle" --testing-library swift-testing --experimental-maximum-parallelization-width 1
    run_pass "$sanitizer" xctest "$bundle"
    # Then, as users run them, the suites that start `authstub` processes in parallel (about
    # 15 s): a race between tests running at once, such as the one TSan once reported in the
    # tests' spawn lock, shows only there.
    run_pass "$sanitizer" "CLI suites in parallel" "$bundle" --testing-library swift-testing --filter authstubTests
}

# Runs one pass of the test bundle; fails on a failed test or on any sanitizer report.
run_pass() {
    local sanitizer="$1" name="$2" log status=0 reports
    shift 2
    log="$(mktemp)"
    echo "== $sanitizer sanitizer: $name"
    "$@" > "$log" 2>&1 || status=$?
    reports="$(grep -c -E "WARNING: ThreadSanitizer|ERROR: AddressSanitizer" "$log" || true)"
    tail -n 2 "$log"
    if [ "$status" -ne 0 ] || [ "$reports" -ne 0 ]; then
        echo "== $sanitizer sanitizer, $name: exit $status, $reports sanitizer reports"
        grep -B 2 -A 40 -E "WARNING: ThreadSanitizer|ERROR: AddressSanitizer" "$log" | head -n 200 || true
        grep -E "✘|error:|failed" "$log" | head -n 40 || true
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
}

sanitizers=("$@")
[ "${#sanitizers[@]}" -eq 0 ] && sanitizers=(thread address)
for sanitizer in "${sanitizers[@]}"; do run_suite "$sanitizer"; done
echo "== sanitizers: clean"
