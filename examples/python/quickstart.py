"""csikit quick start: from a schema and a CSV file to paths, indices and an IPA chart.

usage: python quickstart.py [SCHEMA.json DATA.csv]
Defaults to the ECSI mobile-phone survey in ../shared/data/ecsi (run from the repository root).
"""

from __future__ import annotations

import sys
from pathlib import Path

import csikit

here = Path(__file__).resolve()
default = here.parents[3] / "shared" / "data" / "ecsi"
schema, answers = (sys.argv[1], sys.argv[2]) if len(sys.argv) == 3 else (default / "schema.json",
                                                                          default / "mobi.csv")

survey = csikit.load_survey(schema)
data = csikit.read_responses(answers, survey)
print(survey, "\n", data, "\n")

fit = csikit.estimate(data)                      # the schema's path model, path weighting
boot = fit.bootstrap(resamples=500, seed=42)     # GIL released, Ctrl-C stops it
print(boot.summary())

idx = csikit.indices(fit)
print("\n0-100 indices\n", idx.table[["index", "ci_low", "ci_high"]].round(1))

target = "CUSA" if "CUSA" in fit.construct_ids else fit.construct_ids[-1]
ipma = csikit.ipma(fit, target)
print(f"\nIPMA for {target}\n", ipma.constructs.table.round(3))

try:
    import matplotlib

    matplotlib.use("Agg")
    ax = ipma.constructs.plot()
    ax.set_title(f"Importance-performance map: {target}")
    ax.figure.savefig("ipma.png", dpi=120, bbox_inches="tight")
    print("\nwrote ipma.png")
except ImportError:
    print("\n(install matplotlib for the chart)")
