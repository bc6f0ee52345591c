#!/usr/bin/env bash
# From a fresh clone: install dependencies, build, and score the bundled bank-branch survey.
# Prints the summary tables and writes out/bank_branch/score.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
mkdir -p out/bank_branch
build/csikit score --schema examples/bank_branch/schema.json \
                   --data examples/bank_branch/responses.csv --by channel \
                   --out out/bank_branch/score.json
echo
echo "Report written to out/bank_branch/score.json"
