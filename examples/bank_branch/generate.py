#!/usr/bin/env python3
"""Generate the bank-branch example responses (responses.csv) from a latent model.

Two half-year waves of respondents answer the questionnaire in schema.json. Six correlated
dimension factors drive satisfaction (SAT), satisfaction drives loyalty (LOY) and the 0-10
recommendation score. The second wave is better on efficiency and on overall satisfaction,
so the wave-over-wave change is visible. Answers are mapped to the 1-5 scale with the usual
skew towards "fairly satisfied"; some cells are empty and some hold the don't-know (8) or
not-applicable (9) codes.

Python 3 standard library only. The output depends only on SEED and the options, so running
the script again reproduces responses.csv byte for byte:

    python3 generate.py                    # rewrites responses.csv next to this script
    python3 generate.py --out /tmp/x.csv   # writes elsewhere (used by the tests)
"""

import argparse
import csv
import math
import os
import random

SEED = 20250630
PER_WAVE = 300
WAVES = ("2025H1", "2025H2")

# Dimension -> (items, item offsets on the latent scale, weight of the dimension in SAT).
# Offsets make some items harder to please (fees) and some easier (environment).
DIMENSIONS = [
    ("ENV", ["ENV1", "ENV2", "ENV3"], [0.35, 0.25, 0.10], 0.10),
    ("LOB", ["LOB1", "LOB2", "LOB3", "LOB4"], [0.20, 0.10, 0.15, 0.05], 0.15),
    ("TEL", ["TEL1", "TEL2", "TEL3"], [0.25, 0.35, 0.15], 0.20),
    ("EFF", ["EFF1", "EFF2", "EFF3"], [-0.45, -0.20, -0.30], 0.30),
    ("FEE", ["FEE1", "FEE2"], [-0.30, -0.40], 0.10),
    ("SSV", ["SSV1", "SSV2", "SSV3"], [0.05, 0.20, -0.25], 0.15),
]
SAT_ITEMS = (["SAT1", "SAT2", "SAT3"], [0.10, -0.05, -0.25])
LOY_ITEMS = (["LOY1", "LOY2"], [0.30, 0.05])

AGE_BANDS = [("<30", 0.20), ("31-40", 0.25), ("41-50", 0.22), ("51-60", 0.18), (">60", 0.15)]
CHANNELS = [("counter", 0.35), ("self-service", 0.15), ("online", 0.20), ("phone", 0.05), ("mobile", 0.25)]

RHO = 0.70            # loading of each dimension on the common attitude: dimensions correlate 0.49
LOADING = 0.80        # loading of an item on its factor
SAT_R2 = 0.64         # share of SAT explained by the dimensions
LOY_PATH = 0.70       # SAT -> LOY
WAVE2_SHIFT = {"EFF": 0.45}  # wave 2: shorter queues after the branch reorganised its counters
WAVE2_SAT_SHIFT = 0.20       # ... and a little more satisfied overall
# Cut points on a standard normal latent answer: about 3/6/21/40/30 % for 1/2/3/4/5.
CUTS = (-1.88, -1.34, -0.52, 0.52)

P_EMPTY = 0.02        # unanswered cells, every rating item
P_DONT_KNOW = 0.03    # code 8 on fees and self-service items
P_NOT_APPLICABLE = 0.02  # code 9 on self-service items (customers who never use the machines)


def pick(rng, options):
    """One label from [(label, probability)], using a single uniform draw."""
    u = rng.random()
    total = 0.0
    for label, p in options:
        total += p
        if u < total:
            return label
    return options[-1][0]


def five_point(z):
    """A standard-normal latent answer on the 1-5 scale."""
    return 1 + sum(1 for c in CUTS if z > c)


def sat_scale():
    """Standard deviation of the weighted sum of the correlated dimension factors."""
    betas = [d[3] for d in DIMENSIONS]
    var = sum(b * b for b in betas)
    var += sum(bi * bj * RHO * RHO for i, bi in enumerate(betas) for j, bj in enumerate(betas) if i != j)
    return math.sqrt(var)


def respondent(rng, wave_index):
    """One respondent: background columns and the answers to every item (None = empty)."""
    age_band = pick(rng, AGE_BANDS)
    channel = pick(rng, CHANNELS)
    weight = min(2.0, max(0.5, math.exp(rng.gauss(0.0, 0.3))))
    # Older customers are a little more lenient: a small shift of the common attitude.
    age_shift = 0.08 * ([a for a, _ in AGE_BANDS].index(age_band) - 2)
    common = rng.gauss(0.0, 1.0) + age_shift
    answers = {}
    factors = {}
    for dim, items, offsets, _ in DIMENSIONS:
        f = RHO * common + math.sqrt(1 - RHO * RHO) * rng.gauss(0.0, 1.0)
        if wave_index == 1:
            f += WAVE2_SHIFT.get(dim, 0.0)
        if dim == "SSV" and channel in ("self-service", "mobile", "online"):
            f += 0.20  # people who choose machines like them better
        factors[dim] = f
        for item, offset in zip(items, offsets):
            answers[item] = five_point(LOADING * f + math.sqrt(1 - LOADING ** 2) * rng.gauss(0.0, 1.0) + offset)
    drive = sum(d[3] * factors[d[0]] for d in DIMENSIONS) / sat_scale()
    sat = math.sqrt(SAT_R2) * drive + math.sqrt(1 - SAT_R2) * rng.gauss(0.0, 1.0)
    if wave_index == 1:
        sat += WAVE2_SAT_SHIFT
    loy = LOY_PATH * sat + math.sqrt(1 - LOY_PATH ** 2) * rng.gauss(0.0, 1.0)
    for latent, (items, offsets) in ((sat, SAT_ITEMS), (loy, LOY_ITEMS)):
        for item, offset in zip(items, offsets):
            answers[item] = five_point(LOADING * latent + math.sqrt(1 - LOADING ** 2) * rng.gauss(0.0, 1.0) + offset)
    nps_z = 0.85 * loy + math.sqrt(1 - 0.85 ** 2) * rng.gauss(0.0, 1.0)
    answers["NPS"] = min(10, max(0, int(round(7.6 + 1.9 * nps_z))))

    # Missing answers: empty cells everywhere, reason codes where they make sense.
    for item in answers:
        u = rng.random()
        if u < P_EMPTY:
            answers[item] = None
        elif item[:3] in ("FEE", "SSV") and u < P_EMPTY + P_DONT_KNOW:
            answers[item] = 8
        elif item[:3] == "SSV" and u < P_EMPTY + P_DONT_KNOW + P_NOT_APPLICABLE:
            answers[item] = 9
    return age_band, channel, weight, answers


def item_order():
    order = [i for _, items, _, _ in DIMENSIONS for i in items]
    return order + SAT_ITEMS[0] + LOY_ITEMS[0] + ["NPS"]


def generate(path, seed=SEED, per_wave=PER_WAVE):
    rng = random.Random(seed)
    items = item_order()
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["resp_id", "wave", "age_band", "channel", "weight"] + items)
        number = 0
        for wave_index, wave in enumerate(WAVES):
            for _ in range(per_wave):
                number += 1
                age_band, channel, weight, answers = respondent(rng, wave_index)
                cells = ["" if answers[i] is None else str(answers[i]) for i in items]
                writer.writerow([f"R{number:04d}", wave, age_band, channel, f"{weight:.3f}"] + cells)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "responses.csv"), help="output CSV file")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    parser.add_argument("--per-wave", type=int, default=PER_WAVE, help="respondents per wave")
    args = parser.parse_args()
    generate(args.out, args.seed, args.per_wave)


if __name__ == "__main__":
    main()
