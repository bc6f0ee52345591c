#!/usr/bin/env python3
"""Writes schema.json and responses.csv of the monthly tracking example (docs/trend.md).

Six monthly waves of a parcel-delivery survey, 180 respondents a month: two dimensions
(delivery, staff) of two five-point items each, and a 0-10 recommendation item (NPS). The truth
is known: the delivery items improve steadily (+0.08 on the 1-5 mean per month), the staff items
stay where they are except in April, when a staffing gap pulls them down by 0.45. So `csikit
trend` should find a rising delivery trend and flag April on the staff charts.
Deterministic: a fixed seed, stdlib only. Run: python3 generate.py  (from this directory)
"""
import csv
import json
import random

SEED = 20250701
N_PER_MONTH = 180
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
ITEMS = [  # id, dimension, zh, en, mean in January
    ("DEL1", "DEL", "按时送达", "Parcels arrive on time", 3.55),
    ("DEL2", "DEL", "物流信息准确", "Tracking information is accurate", 3.65),
    ("STF1", "STF", "快递员态度友好", "The courier is friendly", 4.05),
    ("STF2", "STF", "快递员送货上门", "The courier delivers to the door", 3.85),
]


def answer(rng, mean, sd=0.85, low=1, high=5):
    return min(high, max(low, round(rng.gauss(mean, sd))))


def main():
    rng = random.Random(SEED)
    five = {"id": "five", "min": 1, "max": 5, "top_box": [4, 5],
            "values": [{"value": v, "label": {"zh": zh, "en": en}} for v, zh, en in [
                (5, "非常满意", "very satisfied"), (4, "比较满意", "fairly satisfied"), (3, "一般", "neutral"),
                (2, "不太满意", "not very satisfied"), (1, "很不满意", "very dissatisfied")]]}
    nps = {"id": "nps", "min": 0, "max": 10,
           "values": [{"value": 0, "label": {"zh": "完全不可能", "en": "not at all likely"}},
                      {"value": 10, "label": {"zh": "极有可能", "en": "extremely likely"}}]}
    items = [{"id": i, "text": {"zh": zh, "en": en}, "scale": "five"} for i, _, zh, en, _ in ITEMS]
    items.append({"id": "NPS", "text": {"zh": "向亲友推荐的可能性", "en": "Likelihood to recommend"}, "scale": "nps"})
    dims = {"DEL": ("配送", "Delivery", 0.6), "STF": ("快递员服务", "Courier staff", 0.4)}
    hierarchy = {"id": "CSI", "label": {"zh": "快递满意度指数", "en": "Delivery satisfaction index"},
                 "children": [{"id": d, "label": {"zh": zh, "en": en}, "weight": wt,
                               "children": [{"item": i} for i, dim, *_ in ITEMS if dim == d]}
                              for d, (zh, en, wt) in dims.items()]}
    schema = {"name": "Monthly delivery tracking (快递服务月度跟踪)", "languages": ["zh", "en"],
              "scales": [five, nps], "items": items, "hierarchy": hierarchy,
              "wave_column": "month", "segment_columns": ["region"], "nps_item": "NPS"}
    with open("schema.json", "w", encoding="utf-8") as f:
        json.dump(schema, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open("responses.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["resp_id", "month", "region"] + [i["id"] for i in items])
        r = 0
        for k, month in enumerate(MONTHS):
            for _ in range(N_PER_MONTH):
                r += 1
                row = []
                for iid, dim, _, _, mean in ITEMS:
                    if dim == "DEL":
                        mean += 0.08 * k
                    elif month == "2025-04":
                        mean -= 0.45
                    row.append(answer(rng, mean))
                rec = min(10, max(0, round(rng.gauss(7.6 + 1.2 * (sum(row) / len(row) - 3.8), 1.6))))
                w.writerow([f"M{r:05d}", month, rng.choice(["north", "south", "east"])] + row + [rec])


if __name__ == "__main__":
    main()
