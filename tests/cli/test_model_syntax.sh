#!/usr/bin/env bash
# csikit analyze/validate --model FILE: lavaan-style syntax replaces the schema's model; HOCs and
# interaction terms reach the tables and report.json; bad syntax exits 2 naming line and column.
# Usage: test_model_syntax.sh CSIKIT_BINARY SOURCE_DIR SHARED_DATA_DIR
set -u
. "$(dirname "$0")/lib.sh" "$@"
ecsi=$shared/ecsi
# ECSI (the fixture shared with the C++ and Python model tests) with PERQ as a second-order
# construct and a moderated loyalty equation.
{
    cat "$src/tests/data/model/ecsi_core.model"
    cat <<'MODEL'
PERQ_T =~ PERQ1 + PERQ2 + PERQ4 + PERQ6
PERQ_S =~ PERQ3 + PERQ5 + PERQ7
PERQ =~ PERQ_T + PERQ_S
CUSL ~ IMAG + CUSA + CUSCO + PERV +
       PERV:IMAG
MODEL
} >"$tmp/hoc.model"

expect_exit 0 tables "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --model "$tmp/hoc.model" --target CUSL
expect_text "$tmp/tables.out" "Higher-order constructs" "PERQ  PERQ_T  two_stage" "PERV*IMAG  CUSL" "Stage 1 (first-order model)"
# Issue 15: the 0-100 indices and the IPMA of the HOC model (the interaction term left out).
expect_text "$tmp/tables.out" "0-100 indices" "  PERQ_T " "  PERQ " "IPA of the drivers of CUSL" "Indicator IPMA for CUSL" \
    "no 0-100 index for the interaction term PERV*IMAG"

expect_exit 0 json "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --model "$tmp/hoc.model" --target CUSL --json --bootstrap 50
check "json: interaction in paths, model_extension" python3 - "$tmp/json.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert any(p["from"] == "PERV*IMAG" and p["to"] == "CUSL" and "se" in p for p in d["paths"]), "interaction path"
ext = d["model_extension"]
assert ext["higher_order"][0]["id"] == "PERQ"
assert [s["moderator_sd"] for s in ext["interactions"][0]["simple_slopes"]] == [-1, 0, 1]
assert ext["stage1"]["paths"], "stage 1"
assert any("stage 1 re-estimated in every resample" in n for n in d["notes"]), d["notes"]
# Issue 15: indices (LOCs and the HOC, not the interaction), impacts and the IPMA.
ids = {c["construct"]: c for c in d["indices"]}
assert ids["PERQ"]["index"] is not None and ids["PERQ_T"]["index"] is not None, d["indices"]
assert "PERV*IMAG" not in ids
assert next(c for c in d["constructs"] if c["id"] == "PERQ")["index"] is not None
assert all(i["driver"] != "PERV*IMAG" for i in d["impacts"]), "interaction has no impact"
assert any(i["driver"] == "PERQ" and i["target"] == "CUSL" for i in d["impacts"]), d["impacts"]
assert {p["factor"] for p in d["ipa"]} >= {"PERQ", "PERV", "CUSA"}, d["ipa"]
assert "PERV*IMAG" not in {p["factor"] for p in d["ipa"]}
assert d["ipma_indicators"], "indicator IPMA"
PY

{ printf '@interaction two_stage\n'; grep -v '^PERQ' "$tmp/hoc.model" | grep -v '^# '; \
  printf 'PERQ =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\nPERQ ~ CUEX\n'; } >"$tmp/twostage.model"
expect_exit 0 twostage "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --model "$tmp/twostage.model" --json --bootstrap 40 --threads 2
check "json: a two-stage interaction's stage 1 re-run in the bootstrap" python3 - "$tmp/twostage.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert any("two-stage interaction term: stage 1 re-estimated in every resample" in n for n in d["notes"]), d["notes"]
assert any(p["from"] == "PERV*IMAG" and p["se"] > 0 for p in d["paths"]), "interaction path with an SE"
PY

expect_exit 0 validate "$cli" validate --schema "$ecsi/schema.json" --model "$tmp/hoc.model"
expect_text "$tmp/validate.out" "higher-order 1" "interactions 1" "valid"

printf 'IMAG =~ IMAG1\nCUSA =~ CUSA1\nCUSA ~ IMAG + NOPE\n' >"$tmp/bad.model"
expect_usage_error "unknown construct" "bad.model:3: column 15: unknown construct \"NOPE\"" \
    "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --model "$tmp/bad.model"
printf 'IMAG =~ IMAG1 + IMAG9\nCUSA =~ CUSA1\nCUSA ~ IMAG\n' >"$tmp/item.model"
expect_usage_error "unknown item" "construct IMAG: unknown item \"IMAG9\"" \
    "$cli" validate --schema "$ecsi/schema.json" --model "$tmp/item.model"
expect_usage_error "missing file" "cannot open the model file" \
    "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --model "$tmp/none.model"
# A categorical moderator over the segment column "channel" (examples/bank_branch): slopes per
# channel in the tables, report.json and the HTML report.
bank=$src/examples/bank_branch
expect_exit 0 cat "$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --model "$bank/channel_moderation.model"
expect_text "$tmp/cat.out" "Slopes per category (categorical moderator)" "counter (reference)" "SAT*CH[mobile]" \
    "no 0-100 index for the dummy constructs CH[mobile]"
expect_exit 0 catjson "$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --model "$bank/channel_moderation.model" --json --bootstrap 50
check "json: categorical slopes, dummy paths" python3 - "$tmp/catjson.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ext = d["model_extension"]
assert ext["categorical"][0]["reference"] == "counter", ext["categorical"]
cats = ext["categorical_slopes"][0]["categories"]
assert [c["category"] for c in cats] == ["counter", "mobile", "online", "phone", "self-service"], cats
assert cats[0]["term"] is None and cats[0]["difference"] == 0
assert all(abs(c["difference"] - (c["slope"] - cats[0]["slope"])) < 1e-12 for c in cats)
assert any(p["from"] == "SAT*CH[mobile]" and p["to"] == "LOY" and p["se"] > 0 for p in d["paths"]), "interaction path with an SE"
assert any(p["from"] == "CH[online]" and p["to"] == "LOY" for p in d["paths"]), "dummy path"
PY
expect_exit 0 cathtml "$cli" report --schema "$bank/schema.json" --data "$bank/responses.csv" --model "$bank/channel_moderation.model" --out "$tmp/catrep"
expect_text "$tmp/catrep/report.html" "slopes per category" "SAT*CH[mobile]"
printf 'SAT =~ SAT1\nCH =~ channel\nCH ~ SAT\n' >"$tmp/catdep.model"
expect_usage_error "categorical dependent" "categorical construct \"CH\" cannot be a dependent construct" \
    "$cli" validate --schema "$bank/schema.json" --model "$tmp/catdep.model"
finish
