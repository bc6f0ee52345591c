#!/usr/bin/env bash
# csikit plan: METHODOLOGY 7 test vectors through the command line, JSON output and bad input.
# usage: test_plan.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
json_field() {  # json_field FIELD < json  (flat numeric/string fields of the plan output)
    grep -o "\"$1\": *[^,}]*" | head -1 | sed 's/.*: *//; s/"//g'
}
round1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }

out=$("$cli" plan proportion --margin 0.05) || fail "proportion exit $?"
check_equal "proportion 95%/5% text" "respondents needed 385" "$(echo "$out" | grep 'respondents needed' | tr -s ' ' | sed 's/^ //')"
check_equal "proportion 95%/5% json" "385" "$("$cli" plan proportion --margin 0.05 --json | json_field n)"
check_equal "FPC cochran N=2000" "322.4" "$(round1 "$("$cli" plan proportion --margin 0.05 --population 2000 --json | json_field adjusted)")"
check_equal "FPC simple N=2000" "322.3" "$(round1 "$("$cli" plan proportion --margin 0.05 --population 2000 --fpc simple --json | json_field adjusted)")"
check_equal "mean sd 2 margin .2" "385" "$("$cli" plan mean --sd 2 --margin 0.2 --json | json_field n)"

ney=$("$cli" plan allocate --total 600 --strata 5000,3000,2000 --sd 2,1.5,2.5 --method neyman --json)
check_equal "neyman exact" "307.7 138.5 153.8" "$(echo "$ney" | grep '"exact"' | sed 's/.*: *//; s/,//' | while read -r x; do round1 "$x"; echo; done | paste -sd' ')"
check_equal "neyman integers" "308 138 154" "$(echo "$ney" | grep '"n"' | sed 's/.*: *//; s/,//' | paste -sd' ')"
prop=$("$cli" plan allocate --total 600 --strata 5000,3000,2000 --method proportional)
check_equal "proportional text" "300 180 120" "$(echo "$prop" | awk '$1 ~ /^[123]$/ { print $4 }' | paste -sd' ')"
minimum=$("$cli" plan allocate --total 100 --strata 5000,3000,20 --min 30 --json)
check_equal "minimum: small stratum taken whole" "50 30 20" "$(echo "$minimum" | grep '"n"' | sed 's/.*: *//; s/,//' | paste -sd' ')"

moe=$("$cli" plan moe --n 400 --json | json_field margin)
check_equal "moe n=400" "0.0490" "$(awk -v x="$moe" 'BEGIN { printf "%.4f", x }')"
moe=$("$cli" plan moe --n 400 --deff 1.2 --population 5000 --json | json_field margin)
check_equal "moe deff+fpc" "0.0515" "$(awk -v x="$moe" 'BEGIN { printf "%.4f", x }')"

# Bad input: exit 2 and one message naming the option.
expect_error() { expect_usage_error "$1" "$2" "$cli" "${@:3}"; }  # expect_error NAME TEXT ARGS...
expect_error "missing margin" "--margin" plan proportion
expect_error "bad number" "--margin" plan proportion --margin abc
expect_error "unknown option" "--colour" plan proportion --margin 0.05 --colour red
expect_error "unknown plan" "unknown plan" plan foo
expect_error "neyman without sd" "standard deviation" plan allocate --total 600 --strata 5000,3000 --method neyman
expect_error "minimum too large" "minimum" plan allocate --total 50 --strata 5000,3000,2000 --min 30
expect_error "bad level" "level" plan proportion --margin 0.05 --level 95

"$cli" plan --help >/dev/null || fail "--help"
finish
