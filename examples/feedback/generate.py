#!/usr/bin/env python3
"""Writes schema.json and responses.csv of the feedback-records example (docs/feedback.md).

A parcel-delivery survey of 240 respondents in two quarterly waves and two channels (app,
counter), with respondent weights: three five-point items under one index, a multi-response
complaint question ("what went wrong?": price, delivery, staff, app; each a 0/1 column) and a
free-text comment. The truth is known: respondents with a low delivery answer name "delivery"
far more often (70% against 10%), so `csikit feedback` should put delivery first among the
dissatisfied. A few comments hold HTML characters (<, &, quotes) to show that the report
escapes them.
Deterministic: a fixed seed, stdlib only. Run: python3 generate.py  (from this directory)
"""
import csv
import json
import random

SEED = 20251202
N = 240
WAVES = ["2025-Q1", "2025-Q2"]
CHANNELS = ["app", "counter"]
ITEMS = [  # id, zh, en, mean
    ("PRICE", "价格合理", "The price is fair", 3.6),
    ("SPEED", "送达及时", "Parcels arrive on time", 3.4),
    ("STAFF", "快递员态度友好", "The courier is friendly", 4.0),
]
CATEGORIES = [  # id, zh, en
    ("price", "价格", "Price"),
    ("delivery", "配送", "Delivery"),
    ("staff", "服务人员", "Staff"),
    ("app", "应用程序", "App"),
]
COMMENTS_LOW = ["Parcel came three days late", "包裹晚到了三天", "Driver left it at the gate <again>",
                "Tracking said \"delivered\" & it was not", "Too slow, 太慢了"]
COMMENTS_HIGH = ["Fine", "很好", "Quick and friendly", "No problems", ""]


def answer(rng, mean, sd=0.9):
    return min(5, max(1, round(rng.gauss(mean, sd))))


def main():
    rng = random.Random(SEED)
    five = {"id": "five", "min": 1, "max": 5, "top_box": [4, 5],
            "values": [{"value": v, "label": {"zh": zh, "en": en}} for v, zh, en in [
                (5, "非常满意", "very satisfied"), (4, "比较满意", "fairly satisfied"), (3, "一般", "neutral"),
                (2, "不太满意", "not very satisfied"), (1, "很不满意", "very dissatisfied")]]}
    schema = {
        "name": "Courier feedback records (快递反馈记录)",
        "languages": ["en", "zh"],
        "scales": [five],
        "items": [{"id": i, "text": {"zh": zh, "en": en}, "scale": "five"} for i, zh, en, _ in ITEMS],
        "hierarchy": {"id": "CSI", "label": {"zh": "满意度指数", "en": "Satisfaction index"},
                      "children": [{"item": i} for i, *_ in ITEMS]},
        "weight_column": "weight",
        "segment_columns": ["channel"],
        "wave_column": "wave",
        "multi_response": [{
            "id": "complaint",
            "label": {"zh": "哪些方面出了问题？", "en": "What went wrong?"},
            "categories": [{"id": c, "column": "complaint_" + c, "label": {"zh": zh, "en": en}}
                           for c, zh, en in CATEGORIES],
        }],
        "verbatim_column": "comment",
    }
    with open("schema.json", "w", encoding="utf-8") as f:
        json.dump(schema, f, ensure_ascii=False, indent=2)
        f.write("\n")

    header = ["id", "wave", "channel", "weight"] + [i for i, *_ in ITEMS] + \
             ["complaint_" + c for c, *_ in CATEGORIES] + ["comment"]
    with open("responses.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in range(N):
            wave = WAVES[r * len(WAVES) // N]
            channel = CHANNELS[rng.random() < 0.45]
            weight = round(rng.choice([0.8, 1.0, 1.0, 1.25]), 2)
            answers = [answer(rng, m) for *_, m in ITEMS]
            low_speed = answers[1] <= 2
            p = {"price": 0.35 if answers[0] <= 2 else 0.08, "delivery": 0.7 if low_speed else 0.1,
                 "staff": 0.3 if answers[2] <= 2 else 0.05, "app": 0.25 if channel == "app" else 0.02}
            coded = [int(rng.random() < p[c]) for c, *_ in CATEGORIES]
            if r % 37 == 5:
                coded = [""] * len(coded)  # skipped the question: no answer
            comment = rng.choice(COMMENTS_LOW if low_speed else COMMENTS_HIGH)
            w.writerow([r + 1, wave, channel, weight] + answers + coded + [comment])


if __name__ == "__main__":
    main()
