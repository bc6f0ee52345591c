#!/usr/bin/env bash
# Plans the next wave of the bank-branch survey with `csikit plan` and checks the key numbers.
# Usage: run.sh [csikit binary]   (default: ../../build/csikit)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
csikit=${1:-$here/../../build/csikit}
check() {  # label, output, expected text
  grep -q -- "$3" <<<"$2" || { echo "FAIL: $1: expected \"$3\" in:" >&2; echo "$2" >&2; exit 1; }
}

echo "1. How many customers to survey for a satisfaction rate within +-5 points (95%),"
echo "   out of the branch's 2,000 active customers?"
out=$("$csikit" plan proportion --margin 0.05 --population 2000)
echo "$out"; echo
check "sample size" "$out" "respondents needed    323"

echo "2. How to split 300 interviews over three age groups (5,000 / 3,000 / 2,000 customers,"
echo "   score SDs 2.0 / 1.5 / 2.5 from the last wave), at least 30 per group?"
out=$("$csikit" plan allocate --total 300 --strata 5000,3000,2000 --sd 2.0,1.5,2.5 --method neyman --min 30)
echo "$out"; echo
check "Neyman allocation" "$out" "1            5000      153.8      154"

echo "3. The margin of error of the finished wave: 600 respondents, weights with n_eff 548.9"
echo "   (design effect 600 / 548.9 = 1.093), 20,000 customers."
out=$("$csikit" plan moe --n 600 --deff 1.093 --population 20000)
echo "$out"
check "margin of error" "$out" "+-4.12 points"
echo
echo "ok: sample-size plan"
