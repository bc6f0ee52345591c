#!/usr/bin/env python3
"""Writes schema.json and responses.csv of the courier example (DOMAIN.md, docs/ipa.md).

Ten service factors, each rated twice on a five-point scale: how satisfied the customer is
(performance) and how important the factor is to them (stated importance). The answers are
simulated around the factor means of docs/ipa.md's worked example, so the importance-performance
map lands in the quadrants the source reports. Deterministic: a fixed seed, stdlib only.
Run: python3 generate.py  (from this directory)
"""
import csv
import json
import random

N = 160
SEED = 20240517

# id, zh, en, importance mean, performance mean (1-5 scale; 0-100 in docs/ipa.md)
FACTORS = [
    ("delivery_time", "投递时限", "Delivery time", 4.50, 3.00),
    ("tracking", "邮件查询服务", "Mail tracking service", 4.25, 3.25),
    ("safety", "安全可靠", "Safety and reliability", 4.75, 4.50),
    ("pickup", "上门揽收", "Pick-up at the door", 4.00, 4.25),
    ("staff_attitude", "服务态度", "Staff attitude", 4.00, 4.25),
    ("tariff", "资费标准", "Tariff", 3.25, 3.00),
    ("international", "国际业务", "International service", 3.00, 2.75),
    ("service_range", "业务种类", "Range of services", 3.25, 4.25),
    ("counter_efficiency", "窗口与揽收效率", "Counter and pick-up efficiency", 3.50, 4.00),
    ("payment_methods", "付款方式", "Payment methods", 3.00, 4.50),
]


def answer(rng, mean):
    """One 1-5 answer: a rounded normal draw around `mean`, kept on the scale."""
    return min(5, max(1, round(rng.gauss(mean, 0.75))))


def scale(sid, labels):
    """A 1-5 scale with (value, zh, en) labels."""
    return {"id": sid, "min": 1, "max": 5,
            "values": [{"value": v, "label": {"zh": zh, "en": en}} for v, zh, en in labels]}


# Overall satisfaction (the "overall_item"): driven by the performance answers with these weights,
# so derived importance (csikit ipa --importance rwa) has a known order to find.
OVERALL_WEIGHTS = {"delivery_time": 0.30, "tracking": 0.20, "safety": 0.15, "pickup": 0.08, "staff_attitude": 0.08,
                   "tariff": 0.07, "international": 0.03, "service_range": 0.03, "counter_efficiency": 0.03,
                   "payment_methods": 0.03}


def main():
    rng = random.Random(SEED)
    overall_rng = random.Random(SEED + 1)  # a separate stream: the factor answers stay as they were
    five = scale("five", [(5, "非常满意", "very satisfied"), (4, "比较满意", "fairly satisfied"),
                          (3, "一般", "neutral"), (2, "不太满意", "not very satisfied"),
                          (1, "很不满意", "very dissatisfied")])
    important = scale("importance", [(5, "非常重要", "very important"), (3, "一般", "neutral"),
                                     (1, "很不重要", "not important at all")])
    items = []
    for fid, zh, en, _, _ in FACTORS:
        items.append({"id": fid, "text": {"zh": zh + "（满意度）", "en": en + " (satisfaction)"}, "scale": "five",
                      "importance_item": fid + "_imp"})
    for fid, zh, en, _, _ in FACTORS:
        items.append({"id": fid + "_imp", "text": {"zh": zh + "（重要性）", "en": en + " (importance)"},
                      "scale": "importance"})
    items.append({"id": "overall", "text": {"zh": "总体满意度", "en": "Overall satisfaction"}, "scale": "five"})
    children = [{"item": fid} for fid, *_ in FACTORS]
    schema = {
        "name": "Courier service satisfaction (快递服务满意度调查)",
        "languages": ["zh", "en"],
        "scales": [five, important],
        "items": items,
        "hierarchy": {"id": "CSI", "label": {"zh": "快递服务满意度", "en": "Courier satisfaction"},
                      "children": children},
        "segment_columns": ["customer_type"],
        "overall_item": "overall",
    }
    with open("schema.json", "w", encoding="utf-8") as f:
        json.dump(schema, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open("responses.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["resp_id", "customer_type"] + [i["id"] for i in items])
        for r in range(N):
            kind = "business" if rng.random() < 0.4 else "private"
            perf = [answer(rng, p) for _, _, _, _, p in FACTORS]
            imp = [answer(rng, i) for _, _, _, i, _ in FACTORS]
            drive = sum(OVERALL_WEIGHTS[f[0]] * x for f, x in zip(FACTORS, perf))
            overall = min(5, max(1, round(drive + overall_rng.gauss(0, 0.35))))
            w.writerow([f"C{r + 1:04d}", kind] + perf + imp + [overall])


if __name__ == "__main__":
    main()
