#!/usr/bin/env bash
# csikit plan: METHODOLOGY 7 test vectors through the command line, JSON output and bad input.
# usage: test_plan.sh <csikit binary> <source dir> <shared data dir>
set -u
csikit="$1"
fail=0
check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" != "$3" ]; then echo "FAIL: $1: expected [$2], got [$3]"; fail=1; else echo "ok: $1"; fi
}
json_field() {  # json_field FIELD < json  (flat numeric/string fields of the plan output)
    grep -o "\"$1\": *[^,}]*" | head -1 | sed 's/.*: *//; s/"//g'
}
round1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }

out=$("$csikit" plan proportion --margin 0.05) || { echo "FAIL: proportion exit $?"; fail=1; }
check "proportion 95%/5% text" "respondents needed 385" "$(echo "$out" | grep 'respondents needed' | tr -s ' ' | sed 's/^ //')"
check "proportion 95%/5% json" "385" "$("$csikit" plan proportion --margin 0.05 --json | json_field n)"
check "FPC cochran N=2000" "322.4" "$(round1 "$("$csikit" plan proportion --margin 0.05 --population 2000 --json | json_field adjusted)")"
check "FPC simple N=2000" "322.3" "$(round1 "$("$csikit" plan proportion --margin 0.05 --population 2000 --fpc simple --json | json_field adjusted)")"
check "mean sd 2 margin .2" "385" "$("$csikit" plan mean --sd 2 --margin 0.2 --json | json_field n)"

ney=$("$csikit" plan allocate --total 600 --strata 5000,3000,2000 --sd 2,1.5,2.5 --method neyman --json)
check "neyman exact" "307.7 138.5 153.8" "$(echo "$ney" | grep '"exact"' | sed 's/.*: *//; s/,//' | while read -r x; do round1 "$x"; echo; done | paste -sd' ')"
check "neyman integers" "308 138 154" "$(echo "$ney" | grep '"n"' | sed 's/.*: *//; s/,//' | paste -sd' ')"
prop=$("$csikit" plan allocate --total 600 --strata 5000,3000,2000 --method proportional)
check "proportional text" "300 180 120" "$(echo "$prop" | awk '$1 ~ /^[123]$/ { print $4 }' | paste -sd' ')"
minimum=$("$csikit" plan allocate --total 100 --strata 5000,3000,20 --min 30 --json)
check "minimum: small stratum taken whole" "50 30 20" "$(echo "$minimum" | grep '"n"' | sed 's/.*: *//; s/,//' | paste -sd' ')"

moe=$("$csikit" plan moe --n 400 --json | json_field margin)
check "moe n=400" "0.0490" "$(awk -v x="$moe" 'BEGIN { printf "%.4f", x }')"
moe=$("$csikit" plan moe --n 400 --deff 1.2 --population 5000 --json | json_field margin)
check "moe deff+fpc" "0.0515" "$(awk -v x="$moe" 'BEGIN { printf "%.4f", x }')"

# Bad input: exit 2 and one message naming the option.
expect_error() {  # expect_error NAME PATTERN ARGS...
    local name="$1" pattern="$2"; shift 2
    local err rc
    err=$("$csikit" "$@" 2>&1 >/dev/null); rc=$?
    if [ "$rc" -ne 2 ]; then echo "FAIL: $name: exit $rc, expected 2"; fail=1; return; fi
    if ! echo "$err" | grep -q -- "$pattern"; then echo "FAIL: $name: message [$err] lacks [$pattern]"; fail=1; return; fi
    echo "ok: $name"
}
expect_error "missing margin" "--margin" plan proportion
expect_error "bad number" "--margin" plan proportion --margin abc
expect_error "unknown option" "--colour" plan proportion --margin 0.05 --colour red
expect_error "unknown plan" "unknown plan" plan foo
expect_error "neyman without sd" "standard deviation" plan allocate --total 600 --strata 5000,3000 --method neyman
expect_error "minimum too large" "minimum" plan allocate --total 50 --strata 5000,3000,2000 --min 30
expect_error "bad level" "level" plan proportion --margin 0.05 --level 95

"$csikit" plan --help >/dev/null || { echo "FAIL: --help"; fail=1; }
exit $fail
