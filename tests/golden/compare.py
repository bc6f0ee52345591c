#!/usr/bin/env python3
"""Compares a golden file with a fresh output: text identical, numbers equal within rounding.

Floating-point results may differ in the last bits between machines (libm and vector code
paths depend on the CPU), so a byte comparison fails on a machine that is not the one the
golden files were written on. Text between numbers must match exactly; each number may differ
by one unit in its last printed digit, or by 1e-9 relative (plus 1e-12 absolute) for numbers
printed at full precision.
Usage: compare.py EXPECTED ACTUAL  (exit 0 if equal, 1 with the first differences otherwise)
"""
import re
import sys

NUMBER = re.compile(rb"-?\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?")


def tokens(data):
    pos = 0
    for m in NUMBER.finditer(data):
        yield ("text", data[pos:m.start()])
        yield ("num", m.group(0))
        pos = m.end()
    yield ("text", data[pos:])


def last_digit_unit(tok):
    mant, _, exp = tok.lower().partition(b"e")
    decimals = len(mant.partition(b".")[2])
    return 10.0 ** (-decimals + (int(exp) if exp else 0))


def close(a, b):
    x, y = float(a), float(b)
    tol = max(1.0000001 * max(last_digit_unit(a), last_digit_unit(b)) if max(len(a), len(b)) < 15 else 0.0,
              1e-9 * max(abs(x), abs(y)) + 1e-12)
    return abs(x - y) <= tol


def main():
    exp = open(sys.argv[1], "rb").read()
    act = open(sys.argv[2], "rb").read()
    if exp == act:
        return 0
    te, ta = list(tokens(exp)), list(tokens(act))
    problems = []
    if len(te) != len(ta):
        problems.append(f"different number of numeric fields ({len(te) // 2} vs {len(ta) // 2})")
    for (ke, ve), (ka, va) in zip(te, ta):
        if ke != ka or (ke == "text" and ve != va) or (ke == "num" and not close(ve, va)):
            problems.append(f"expected {ve[-60:]!r}, got {va[-60:]!r}")
            if len(problems) >= 10:
                break
    if not problems:
        return 0
    print("\n".join(problems))
    return 1


if __name__ == "__main__":
    sys.exit(main())
