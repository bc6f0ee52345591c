#!/usr/bin/env bash
# CLI test of `csikit trend` (issue 14 item 4, docs/trend.md) on the monthly example: the tables
# and the JSON; the trend test recomputed here from the JSON's own wave estimates by the closed
# form of weighted least squares; the control limits from the JSON's sizes; the example's known
# truth (delivery rises, April's staff dip is flagged); the HTML chart; bad input exits 2 naming
# where and what. Usage: test_trend.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$src/examples/monthly_trend/schema.json
data=$src/examples/monthly_trend/responses.csv

expect_exit 0 table -- "$cli" trend --schema "$schema" --data "$data"
expect_text "$tmp/table.out" "Trend over 6 waves of \"month\"" "slope/wave" "out of control" "DEL" "2025-04"
expect_exit 0 json -- "$cli" trend --schema "$schema" --data "$data" --json --html "$tmp/trend.html"
python3 - "$tmp/json.out" <<'PY' || fail "json: trend figures"
import json, math, sys
r = json.load(open(sys.argv[1]))
assert r["analysis"] == "trend" and r["wave_column"] == "month", r.keys()
assert [w["value"] for w in r["waves"]] == [f"2025-0{k}" for k in range(1, 7)]
series = {(s["figure"], s["id"]): s for s in r["series"]}
for key in [("node_score", "CSI"), ("node_score", "DEL"), ("node_score", "STF"), ("satisfaction_rate", "CSI"),
            ("nps", "nps"), ("item_score", "DEL1"), ("item_top_box", "DEL1"), ("item_satisfied", "STF2")]:
    assert key in series, key
for s in r["series"]:
    pts = s["points"]
    x = list(range(len(pts)))
    y = [p["estimate"] for p in pts]
    if s["unit"] == "share":  # the pooled p: Cochran-Armitage weights
        pbar = sum(p["n_eff"] * p["estimate"] for p in pts) / sum(p["n_eff"] for p in pts)
        v = [pbar * (1 - pbar) / p["n_eff"] for p in pts]
        assert abs(s["center"] - pbar) < 1e-12
    else:
        v = [p["se"] ** 2 for p in pts]
    w = [1 / vi for vi in v]
    sw = sum(w); xw = sum(a * b for a, b in zip(w, x)) / sw; yw = sum(a * b for a, b in zip(w, y)) / sw
    sxx = sum(a * (b - xw) ** 2 for a, b in zip(w, x))
    slope = sum(a * (b - xw) * (c - yw) for a, b, c in zip(w, x, y)) / sxx
    z = slope * math.sqrt(sxx)
    t = s["trend"]
    assert abs(t["slope"] - slope) < 1e-9 * max(1, abs(slope)), (s["id"], t["slope"], slope)
    assert abs(t["statistic"] - z) < 1e-9 * max(1, abs(z)), (s["id"], t["statistic"], z)
    assert abs(t["p"] - math.erfc(abs(z) / math.sqrt(2))) < 1e-9, (s["id"], t["p"])
    # Limits: center -/+ 3 SE from each wave's n (shares: the pooled p; scores: the pooled SD).
    # (NPS: from the pooled promoter and detractor shares, so the half-width times sqrt(n_eff) is
    # the same in every wave; checked against the first wave's.)
    k_nps = (pts[0]["upper_limit"] - s["center"]) * math.sqrt(pts[0]["n_eff"])
    for p, vi in zip(pts, v):
        if s["unit"] == "share":
            half = 3 * math.sqrt(vi)
        elif s["unit"] == "score":
            half = 3 * s["pooled_sd"] / math.sqrt(p["n_eff"])
        else:
            half = k_nps / math.sqrt(p["n_eff"])
        lo, hi = s["center"] - half, s["center"] + half
        if s["unit"] == "share":
            lo, hi = max(0, lo), min(1, hi)
        assert abs(p["lower_limit"] - lo) < 1e-9 and abs(p["upper_limit"] - hi) < 1e-9, (s["id"], p)
        assert p["out_of_control"] == (p["estimate"] < lo or p["estimate"] > hi)
    fl = s["first_last"]
    assert fl["from"] == pts[0]["wave"] and fl["to"] == pts[-1]["wave"]
    assert abs(fl["test"]["difference"] - (pts[-1]["estimate"] - pts[0]["estimate"])) < 1e-9
    assert len(s["consecutive"]) == len(pts) - 1
# The example's truth: delivery improves by 2 points of 0-100 a month; April's staff dip.
d = series[("node_score", "DEL")]["trend"]
assert d["significant"] and 0.8 < d["slope"] < 3.2, d
april = [p for p in series[("node_score", "STF")]["points"] if p["wave"] == "2025-04"][0]
assert april["out_of_control"], april
PY
expect_text "$tmp/trend.html" 'id="sec-trend"' '<svg' 'class="pt out"'

# Python-free cross-check of the face: --out writes the same JSON as --json.
expect_exit 0 out -- "$cli" trend --schema "$schema" --data "$data" --out "$tmp/trend.json" --json
check "out equals json" cmp -s "$tmp/trend.json" "$tmp/out.out"

# Bad input exits 2 and names where and what.
head -361 "$data" >"$tmp/two.csv"   # the header and two months
expect_usage_error two_waves 'wave column "month" has 2 waves (expected at least 3 for a trend)' \
    "$cli" trend --schema "$schema" --data "$tmp/two.csv"
expect_usage_error unknown_wave 'nosuch' "$cli" trend --schema "$schema" --data "$data" --wave nosuch
expect_usage_error sigma '--sigma' "$cli" trend --schema "$schema" --data "$data" --sigma 0
expect_usage_error unknown_flag '--by' "$cli" trend --schema "$schema" --data "$data" --by region
# Another column as the wave: three regions.
expect_exit 0 region -- "$cli" trend --schema "$schema" --data "$data" --wave region --json
check "region waves" python3 -c "import json,sys; r=json.load(open('$tmp/region.out')); assert [w['value'] for w in r['waves']]==['east','north','south']"
finish
