#!/usr/bin/env bash
# The command line's shared rules (issue 11 #6, #9, #16, #17, #18): whole numbers with their
# ranges, sizes beyond the plan limit, a stdout that cannot be written, control characters in
# messages, clear messages for a symlink loop, NaN and a failed convergence; `__options --json`.
# usage: test_rules.sh <csikit binary> <source dir> <shared data dir>
set -u
cli="$1" src="$2"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bank=$src/examples/bank_branch
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

# expect RC NAME PATTERN ARGS...: exit code RC and PATTERN (grep -F) in stderr.
expect() {
    local want=$1 name=$2 pattern=$3; shift 3
    "$cli" "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?
    if [ "$rc" -ne "$want" ]; then bad "$name: exit $rc, expected $want ($(head -c 300 "$tmp/err"))"; return; fi
    if ! grep -qF -- "$pattern" "$tmp/err"; then bad "$name: stderr lacks [$pattern]: $(head -c 300 "$tmp/err")"; return; fi
    ok "$name"
}

# ---- #6: a size beyond the limit is refused, not printed as 0 ------------------------------
expect 2 "plan proportion --margin 1e-10" "beyond the limit" plan proportion --margin 1e-10
expect 2 "plan mean --margin 1e-10" "beyond the limit" plan mean --sd 1 --margin 1e-10

# ---- #9: whole numbers with ranges: no wrap-around, the full seed range -----------------------
expect 2 "--threads 4294967297" "is outside 0..1024" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --threads 4294967297
expect 2 "--threads -1" "is outside 0..1024" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --threads -1
expect 2 "--seed 2^64" "is outside 0..18446744073709551615" simulate --model ecsi --n 10 --seed 18446744073709551616 --out "$tmp/s"
expect 2 "--bootstrap 1e3" "is not a whole number" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --bootstrap 1e3
expect 2 "--n 10^12" "is outside 2..10000000" simulate --model ecsi --n 1000000000000 --out "$tmp/s"
if "$cli" simulate --model ecsi --n 50 --seed 18446744073709551615 --out "$tmp/maxseed" > /dev/null 2> "$tmp/err"; then
    ok "--seed 2^64-1 accepted"
else
    bad "--seed 2^64-1 refused: $(cat "$tmp/err")"
fi

# ---- #16: a stdout that cannot be written is an error -----------------------------------------
if [ -w /dev/full ]; then
    for args in "plan proportion --margin 0.05 --json" "validate --schema $bank/schema.json" "--version" "__options --json" \
                "score --schema $bank/schema.json --data $bank/responses.csv --json"; do
        # shellcheck disable=SC2086
        "$cli" $args > /dev/full 2> "$tmp/err"; rc=$?
        if [ "$rc" -eq 2 ] && grep -q "cannot write the output" "$tmp/err"; then ok "/dev/full: $args"; else bad "/dev/full: $args: exit $rc: $(cat "$tmp/err")"; fi
    done
fi

# An output file that cannot be written (--out, --html, --schema-out) names the file and what it
# held (src/cli/output_file.cpp, shared by every command that writes files).
if [ -w /dev/full ]; then
    monthly="$src/examples/monthly_trend"
    expect 2 "trend --out /dev/full" "/dev/full: cannot write the JSON" trend --schema "$monthly/schema.json" --data "$monthly/responses.csv" --out /dev/full
    expect 2 "trend --html /dev/full" "/dev/full: cannot write the HTML report" trend --schema "$monthly/schema.json" --data "$monthly/responses.csv" --html /dev/full
    expect 2 "import --schema-out /dev/full" "/dev/full: cannot write the schema" import "$bank/responses.csv" --schema-out /dev/full
fi

# ---- #17: control characters from input are escaped in messages -------------------------------
{ head -2 "$bank/responses.csv"; head -2 "$bank/responses.csv" | tail -1 | sed 's/,4,4,3,/,\x1b[2J\x1b]0;pwned\x07,4,3,/'; } > "$tmp/evil.csv"
LC_ALL=C grep -q $'\033' "$tmp/evil.csv" || bad "the test file has no ESC"
"$cli" score --schema "$bank/schema.json" --data "$tmp/evil.csv" > /dev/null 2> "$tmp/err"
if LC_ALL=C grep -q $'\033' "$tmp/err" || LC_ALL=C grep -q $'\a' "$tmp/err"; then bad "ESC/BEL echoed raw to stderr"; else ok "no raw ESC/BEL in messages"; fi
grep -qF '\x1b[2J\x1b]0;pwned\x07' "$tmp/err" && ok "the cell is quoted escaped" || bad "the cell is not quoted escaped: $(head -c 300 "$tmp/err")"
expect 2 "unknown option with ESC is escaped" '\x1b' score --schema "$bank/schema.json" --data "$bank/responses.csv" $'--x\033y' 1

# ---- #18: messages -------------------------------------------------------------------------
ln -s "$tmp/loop" "$tmp/loop"
expect 2 "symlink loop as --model" "$tmp/loop: cannot read the file" simulate --model "$tmp/loop" --n 10 --out "$tmp/s"
if grep -q "internal error" "$tmp/err"; then bad "symlink loop: internal error"; fi
expect 2 "--confidence NaN" '--confidence: "NaN" is not a finite number' analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --confidence NaN
expect 2 "--max-iter 1" "expected < 1e-07" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --max-iter 1 --missing mean

# ---- #5: tiny weights give the same analysis (Kish n_eff, intervals, impacts); weights whose
# squares overflow are refused by the reader (a documented limit), so 1e200 is checked on
# csikit::kish_n_eff / effective_n in test_format and tests/python/test_rules.py.
python3 - "$bank/responses.csv" "$tmp" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
k = rows[0].index("weight")
for name, f in (("tiny", 1e-300),):
    with open(f"{sys.argv[2]}/{name}.csv", "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(rows[0])
        for r in rows[1:]:
            r = list(r)
            r[k] = repr(float(r[k]) * f) if r[k] else r[k]
            w.writerow(r)
PY
for name in responses tiny; do
    d="$bank/responses.csv"; [ "$name" = responses ] || d="$tmp/$name.csv"
    "$cli" analyze --schema "$bank/schema.json" --data "$d" --target SAT --missing mean --json > "$tmp/w_$name.json" 2> "$tmp/err" || bad "analyze with $name weights: $(cat "$tmp/err")"
done
if python3 - "$tmp" <<'PY'
import json, math, sys
def leaves(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items(): yield from leaves(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x): yield from leaves(v, f"{path}[{i}]")
    else:
        yield path, x
base = dict(leaves(json.load(open(f"{sys.argv[1]}/w_responses.json"))))
bad = 0
for name in ("tiny",):
    other = dict(leaves(json.load(open(f"{sys.argv[1]}/w_{name}.json"))))
    for path, v in base.items():
        if "settings" in path or "data" == path.split(".")[-1]:
            continue
        o = other.get(path)
        if isinstance(v, float) and (o is None or not isinstance(o, (int, float)) or not math.isclose(v, o, rel_tol=1e-9, abs_tol=1e-9)):
            if bad < 5: print(f"{name}: {path}: {v} vs {o}")
            bad += 1
        elif v is not None and o is None:
            if bad < 5: print(f"{name}: {path}: {v} became null")
            bad += 1
sys.exit(1 if bad else 0)
PY
then ok "weights x 1e-300 give the same analysis"; else bad "weights x 1e-300 change the analysis"; fi

# ---- __options --json: the flags each command accepts -----------------------------------------
"$cli" __options --json > "$tmp/options.json" || bad "__options exit $?"
if python3 - "$tmp/options.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
names = lambda c: {e["name"]: e["takes_value"] for e in o[c]}
assert names("analyze") == names("report"), "analyze and report share one option list"
assert names("analyze")["seed"] is True and names("analyze")["json"] is False
assert "plan proportion" in o and names("plan moe")["n"] is True
assert names("simulate")["drop-complaints"] is False
assert not any(k.startswith("__") for k in o)
PY
then ok "__options --json"; else bad "__options --json"; fi
if "$cli" --help | grep -q "__options"; then bad "__options is listed in --help"; else ok "__options hidden"; fi

exit $fail
