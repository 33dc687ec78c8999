#!/usr/bin/env bash
# Builds tally with its tests and runs all of them: the doctest unit suite,
# the end-to-end suites that drive the program, and the browser test of the
# HTML report (skipped, and said so, where Chromium is not installed).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${TALLY_BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DTALLY_BUILD_TESTS=ON >/dev/null
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
