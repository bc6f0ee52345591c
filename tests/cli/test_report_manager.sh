#!/usr/bin/env bash
# The report a manager reads (issue 14 item 9): a key-findings block on top (index with its
# interval and change, drivers, what to fix first, significant changes) in English and Chinese,
# significant item changes outside the collapsed block, stated weights, reversed items marked,
# the index as the headline card of a model-only report, and a clean PDF from Chromium's
# print-to-PDF (skipped when chromium is missing).
# Usage: test_report_manager.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$src/examples/bank_branch/schema.json
data=$src/examples/bank_branch/responses.csv

# A copy of the bank schema with one reversed item, to see the mark.
python3 - "$schema" "$tmp/schema.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
s["items"][0]["reverse"] = True
json.dump(s, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
for lang in en zh; do
    expect_exit 0 "report_$lang" -- "$cli" report --schema "$tmp/schema.json" --data "$data" --lang "$lang" --out "$tmp/$lang"
done
html=$tmp/en/report.html
expect_text "$html" 'id="sec-findings"' "Key findings" "The satisfaction index" "The strongest drivers" \
    "Stated weight" 'class="badge reversed"'
expect_text "$tmp/zh/report.html" "主要结论" "满意度指数" "最重要的驱动因素"
# The findings come before the headline cards, which come before the sections.
python3 - "$html" <<'PY' || fail "findings are not on top"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
assert t.index('id="sec-findings"') < t.index('id="sec-summary"') < t.index('id="sec-sample"')
PY
# Every significant item change is outside the collapsed <details> block.
python3 - "$tmp/en/report.json" "$html" <<'PY' || fail "significant item changes hidden"
import json, re, sys
d = json.load(open(sys.argv[1]))
t = open(sys.argv[2], encoding="utf-8").read()
waves = t[t.index('id="sec-waves"'):]
waves = waves[:waves.index("</section>")]
shown = re.sub(r"<details>.*?</details>", "", waves, flags=re.S)
sig = [c for c in d["scores"]["changes"] if c["kind"] in ("item_score", "item_top_box") and c["test"]["significant"]]
for c in sig:
    assert ">" + c["id"] + "  " in shown or ">" + c["id"] + " " in shown, c["id"]
print(len(sig), "significant item changes shown")
PY

# A model-only report: the satisfaction index is the first headline card.
expect_exit 0 analyze -- "$cli" analyze --schema "$schema" --data "$data" --missing mean --target SAT --out "$tmp/model"
python3 - "$tmp/model/report.html" <<'PY' || fail "headline card"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
k = t[t.index('id="sec-summary"'):]
first = k[k.index('kpi-title">') + 11:]
assert first.startswith("SAT"), first[:60]
PY

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "skipped: chromium not found (scripts/setup.sh installs it); the HTML checks passed"
    finish
fi
mkdir -p "$tmp/profile"
timeout 180 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --no-pdf-header-footer \
    --print-to-pdf="$tmp/report.pdf" "file://$html" >"$tmp/pdf.log" 2>&1 || fail "chromium --print-to-pdf failed"
check "PDF written" test -s "$tmp/report.pdf"
check "PDF header" test "$(head -c 5 "$tmp/report.pdf")" = "%PDF-"
python3 - "$tmp/report.pdf" <<'PY' || fail "PDF pages"
import re, sys
pdf = open(sys.argv[1], "rb").read()
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
assert 3 <= pages <= 40, pages  # the whole report on A4, not one endless page
boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)", pdf)
assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes), boxes[:3]  # A4
PY
finish
