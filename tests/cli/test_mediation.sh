#!/usr/bin/env bash
# `csikit analyze --mediation`: the mediation table, every specific indirect effect (JSON
# against cSEM to 1e-8), the bootstrapped criteria tables, and bad chains exiting 2.
# Usage: test_mediation.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
data=$shared/ecsi
args=(analyze --schema "$data/schema.json" --data "$data/mobi.csv")

expect_exit 0 med -- "$cli" "${args[@]}" --bootstrap 300 --seed 3 --threads 2 --mediation IMAG,CUSA,CUSL --mediation all
expect_text "$tmp/med.out" "Bootstrapped HTMT" "upper" "Mediation (95% percentile intervals" \
    "IMAG -> CUSA -> CUSL" "complementary partial mediation" "All specific indirect effects" \
    "IMAG -> CUEX -> PERQ -> PERV -> CUSA -> CUSCO -> CUSL" "adjusted R2" "total indirect"

expect_exit 0 point -- "$cli" "${args[@]}" --tolerance 1e-12 --mediation IMAG,CUSA,CUSL --json
check "specific indirect effects match cSEM (1e-8)" python3 - "$tmp/point.out" "$data/reference" <<'PY'
import csv, json, sys
doc = json.load(open(sys.argv[1]))
got = {e["label"]: e["estimate"] for e in doc["indirect_effects"]}
ref = {r["effect"]: float(r["cSEM_tol1e12"]) for r in csv.DictReader(open(f"{sys.argv[2]}/seminr_cSEM_ecsi_mediation_effects_deterministic.csv"))
       if r["block"] == "specific_indirect"}
assert len(got) == len(ref) == 49, (len(got), len(ref))
bad = [k for k in ref if abs(got[k] - ref[k]) > 1e-8]
assert not bad, bad
assert doc["mediation"] is None and doc["htmt_bootstrap"] is None  # no bootstrap, no classes
PY

expect_usage_error "a chain that is no path" 'the chain "IMAG -> CUSL -> CUSA" is not a path in the model: there is no path CUSL -> CUSA' \
    "$cli" "${args[@]}" --bootstrap 20 --mediation IMAG,CUSL,CUSA
expect_usage_error "no path, no bootstrap" 'no path CUSL -> CUSA' "$cli" "${args[@]}" --mediation IMAG,CUSL,CUSA
expect_usage_error "no mediator" '"IMAG,CUSL" names no mediator' "$cli" "${args[@]}" --mediation IMAG,CUSL
expect_usage_error "unknown construct" '"NOPE", which is not a construct' "$cli" "${args[@]}" --bootstrap 20 --mediation IMAG,NOPE,CUSL
expect_usage_error "mediation needs the criteria" 'mediation chains need the criteria' \
    "$cli" "${args[@]}" --bootstrap 20 --no-criteria --mediation IMAG,CUSA,CUSL
expect_exit 0 plain -- "$cli" "${args[@]}" --bootstrap 20 --no-criteria --json
check "--no-criteria: no criteria, no classes" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["htmt_bootstrap"] == [] and d["mediation"] == [] and "mean" not in d["indirect_effects"][0]
' "$tmp/plain.out"
finish
