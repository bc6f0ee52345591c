#!/usr/bin/env python3
"""A mutation smoke test of the readers (not a fuzzer: no coverage feedback, no sanitizers):
random byte edits, deletions and insertions of one fixture, each read with read_responses
through the Python module; anything but a result or a csikit.Error (a crash, a UnicodeDecodeError)
fails. Usage: mutation_smoke.py FIXTURE SEED RUNS (with csikit importable). docs/reliability.md
records the runs.
"""
import os
import random
import sys
import tempfile

import csikit

here = os.path.dirname(os.path.abspath(__file__))
survey = csikit.load_survey(os.path.join(here, "shop.json"))
name, seed, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
src = open(os.path.join(here, name), "rb").read()
read = refused = 0
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "mutated")
    for _ in range(runs):
        b = bytearray(src)
        for _ in range(rng.choice([1, 2, 4, 8, 32])):
            k = rng.randrange(len(b))
            op = rng.random()
            if op < 0.6:
                b[k] = rng.randrange(256)
            elif op < 0.8:
                del b[k:k + rng.randrange(1, 64)]
            else:
                b[k:k] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        with open(path, "wb") as f:
            f.write(b)
        try:
            csikit.read_responses(path, survey)
            read += 1
        except csikit.Error:
            refused += 1
print(f"{name}: {runs} runs, {read} read, {refused} refused with a csikit error")
