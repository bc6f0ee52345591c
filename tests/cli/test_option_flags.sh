#!/usr/bin/env bash
# The flags that make every option of the estimate, the bootstrap and the scores reachable from
# the CLI (docs/options.md): each changes report.json the way it should, and bad values are
# refused with the option named.
# Usage: test_option_flags.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
bank=$src/examples/bank_branch
ecsi=$shared/ecsi
analyze=("$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --missing mean --json)
plsc=("$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --mode plsc --json)
score=("$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --json)

# json FILE EXPR: the Python expression EXPR over the report `r` loaded from FILE is true.
json() {
    python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

# 1. The estimate: --no-weights, --no-quality, --stopping, --f2-reestimate, --strict.
expect_exit 0 default "${analyze[@]}"
expect_exit 0 no_weights "${analyze[@]}" --no-weights
check "the bank data are weighted by default (n_eff < used)" \
    json "$tmp/default.out" 'r["settings"]["use_weights"] and r["sample"]["effective_n"] < r["sample"]["used"] - 1'
check "--no-weights: the unweighted effective n (= used)" \
    json "$tmp/no_weights.out" 'not r["settings"]["use_weights"] and r["sample"]["effective_n"] == r["sample"]["used"]'
check "--no-weights: the indices are unweighted too (index n_eff = index n)" \
    json "$tmp/no_weights.out" 'all(abs(c["index_effective_n"] - c["index_n"]) < 1e-9 for c in r["constructs"])'
check "--no-weights: other path estimates" python3 - "$tmp/default.out" "$tmp/no_weights.out" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
sys.exit(0 if any(abs(p["estimate"] - q["estimate"]) > 1e-6 for p, q in zip(a["paths"], b["paths"])) else 1)
PY

expect_exit 0 no_quality "${analyze[@]}" --no-quality
check "default: reliability and HTMT in the report" \
    json "$tmp/default.out" 'r["constructs"][0]["ave"] is not None and r["htmt"]'
check "--no-quality: no reliability, HTMT or GoF" \
    json "$tmp/no_quality.out" 'r["constructs"][0].get("ave") is None and not r.get("htmt") and not (r.get("fit") or {}).get("gof")'

expect_exit 0 plspm "${analyze[@]}" --stopping plspm
check "--stopping plspm is the rule of the estimate" json "$tmp/plspm.out" 'r["settings"]["stopping"] == "plspm"'
check "default stopping rule: max_abs_change" json "$tmp/default.out" 'r["settings"]["stopping"] == "max_abs_change"'
expect_usage_error "--stopping bad" "--stopping: unknown rule" "${analyze[@]}" --stopping fastest

# f2 by re-estimation differs where a construct has several predictors (ECSI's CUSA, CUSL).
ecsi_pls=("$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --json)
expect_exit 0 f2_default "${ecsi_pls[@]}"
expect_exit 0 f2 "${ecsi_pls[@]}" --f2-reestimate
check "--f2-reestimate: other f2 values" python3 - "$tmp/f2_default.out" "$tmp/f2.out" <<'PY'
import json, sys
a, b = (json.load(open(f))["f2"] for f in sys.argv[1:])
assert a and len(a) == len(b), "no f2 in the report"
sys.exit(0 if any(abs(x["value"] - y["value"]) > 1e-6 for x, y in zip(a, b)) else 1)
PY

expect_exit 0 plsc_flagged "${plsc[@]}"
check "PLSc on ECSI: an inadmissible solution is flagged" json "$tmp/plsc_flagged.out" 'r["diagnostics"]["admissible"] is False'
expect_exit 2 plsc_strict "${plsc[@]}" --strict
check "--strict: the inadmissible solution is an error" grep -qF "not positive definite" "$tmp/plsc_strict.err"

# 2. The bootstrap: --no-bca, --jackknife-max, --max-failed-share, --drop-inadmissible.
boot=("${analyze[@]}" --bootstrap 30 --seed 7 --threads 2)
expect_exit 0 boot "${boot[@]}"
expect_exit 0 boot_nobca "${boot[@]}" --no-bca
expect_exit 0 boot_jk "${boot[@]}" --jackknife-max 40
check "default: BCa from an exact jackknife over the 600 respondents" \
    json "$tmp/boot.out" 'r["bootstrap"]["jackknife"] == 600 and r["paths"][0]["bca_low"] is not None'
check "--no-bca: no jackknife, no BCa bounds" \
    json "$tmp/boot_nobca.out" 'r["bootstrap"]["jackknife"] == 0 and r["paths"][0].get("bca_low") is None'
check "--jackknife-max 40: a grouped jackknife of 40" json "$tmp/boot_jk.out" 'r["bootstrap"]["jackknife"] == 40'
expect_usage_error "--jackknife-max above its range" "--jackknife-max: 1000000001 is outside 0..1000000000" \
    "${boot[@]}" --jackknife-max 1000000001
expect_usage_error "--max-failed-share above 1" "--max-failed-share: 1.5 is outside 0..1" "${boot[@]}" --max-failed-share 1.5

pboot=("${plsc[@]}" --bootstrap 60 --seed 3 --threads 2 --no-bca)
expect_exit 0 kept "${pboot[@]}"
expect_exit 0 dropped "${pboot[@]}" --drop-inadmissible --max-failed-share 1
check "PLSc resamples: inadmissible ones are kept by default" json "$tmp/kept.out" 'r["bootstrap"]["failed"] == 0'
check "--drop-inadmissible: they count as failed" \
    json "$tmp/dropped.out" 'r["bootstrap"]["failed"] > 0 and r["bootstrap"]["failed_by_reason"]["inadmissible"] == r["bootstrap"]["failed"]'
expect_exit 2 share0 "${pboot[@]}" --drop-inadmissible --max-failed-share 0
check "--max-failed-share 0: one failed resample stops the bootstrap" grep -qF "failed" "$tmp/share0.err"

# 3. The scores: --promoter-min, --detractor-max, --top-box, --no-waves.
expect_exit 0 s_default "${score[@]}"
expect_exit 0 s_bands "${score[@]}" --promoter-min 8 --detractor-max 5
check "--promoter-min 8 --detractor-max 5: more promoters, fewer detractors" python3 - "$tmp/s_default.out" "$tmp/s_bands.out" <<'PY'
import json, sys
a, b = (json.load(open(f))["overall"]["nps"] for f in sys.argv[1:])
sys.exit(0 if b["promoters"] > a["promoters"] and b["detractors"] < a["detractors"] else 1)
PY
expect_usage_error "overlapping NPS bands" "--promoter-min: detractors <= 6 and promoters >= 6 overlap" \
    "${score[@]}" --promoter-min 6
scale=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(next(c["id"] for c in s["scales"] if c["id"] != "nps"))' "$bank/schema.json")
expect_exit 0 s_top "${score[@]}" --top-box "$scale=5"
check "--top-box $scale=5: a narrower top box on that scale" python3 - "$tmp/s_default.out" "$tmp/s_top.out" "$scale" <<'PY'
import json, sys
a, b = (json.load(open(f))["overall"]["items"] for f in sys.argv[1:3])
changed = [(x, y) for x, y in zip(a, b) if x["scale"] == sys.argv[3]]
assert changed
sys.exit(0 if all(y["top_box_values"] == [5] and y["top_box"]["share"] <= x["top_box"]["share"] for x, y in changed)
         and any(y["top_box"]["share"] < x["top_box"]["share"] for x, y in changed) else 1)
PY
expect_usage_error "--top-box of an unknown scale" '--top-box: "nosuch" is not a scale of the schema' "${score[@]}" --top-box nosuch=5
expect_usage_error "--top-box without values" '--top-box: "" in "'"$scale"'=" is not a number' "${score[@]}" --top-box "$scale="
expect_exit 0 s_nowaves "${score[@]}" --no-waves
check "default: wave-over-wave changes" json "$tmp/s_default.out" 'len(r["changes"]) > 0'
check "--no-waves: no per-wave results or changes" json "$tmp/s_nowaves.out" 'not r.get("changes") and not r.get("by_wave")'

# 4. The usage texts name every new flag.
"$cli" analyze --help > "$tmp/analyze.help"
expect_text "$tmp/analyze.help" --no-weights --no-quality --stopping --f2-reestimate --strict --no-bca --jackknife-max \
    --max-failed-share --drop-inadmissible
"$cli" report --help > "$tmp/report.help"
expect_text "$tmp/report.help" --no-weights --no-bca
"$cli" score --help > "$tmp/score.help"
expect_text "$tmp/score.help" --promoter-min --detractor-max --top-box --no-waves

finish
