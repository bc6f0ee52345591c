#!/usr/bin/env python3
"""Writes s.json and d.csv for the `csikit ipa --importance lmg` timing of docs/performance.md:
15 five-point driver items (the LMG limit) and an overall item driven by the first five,
2,000 respondents, fixed seed. Usage: python3 ipa_lmg_data.py OUT_DIR"""
import json
import random
import sys
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(5)
items = [{"id": f"X{k}", "scale": "five"} for k in range(15)] + [{"id": "OV", "scale": "five"}]
json.dump({"name": "lmg", "scales": [{"id": "five", "min": 1, "max": 5}], "items": items, "overall_item": "OV"},
          open(out / "s.json", "w"))
with open(out / "d.csv", "w") as f:
    f.write(",".join(i["id"] for i in items) + "\n")
    for _ in range(2000):
        x = [rng.randint(1, 5) for _ in range(15)]
        ov = min(5, max(1, round(sum(x[:5]) / 5 + rng.gauss(0, 0.7))))
        f.write(",".join(map(str, x + [ov])) + "\n")
