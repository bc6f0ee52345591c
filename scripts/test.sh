#!/usr/bin/env bash
# From a fresh clone: install dependencies, build, and run the whole test suite with ctest:
# the C++ doctest suites, the CLI tests, the C ABI tests, the consumer projects, the browser
# check of the HTML report, and the Python package (pip-installed into a venv, then pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DCSIKIT_TEST_PYTHON=ON
ctest --test-dir build --output-on-failure --timeout 1800 -j2
