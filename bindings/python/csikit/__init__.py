"""csikit: customer-satisfaction analytics (survey scores, ACSI/ECSI/CCSI index models with PLS
path modelling, bootstrap inference, importance-performance analysis, sampling plans).

A thin Python face over the C++ core (the private module ``csikit._core``); results come back
as pandas DataFrames with named rows and columns. Survey, Responses, Fit and BootstrapResult
can be pickled and deep-copied (multiprocessing, Dask). Quick start::

    import csikit
    survey = csikit.load_survey("schema.json")
    data = csikit.read_responses("answers.csv", survey)
    fit = csikit.estimate(data)
    print(fit.summary())
    boot = fit.bootstrap(resamples=1000, seed=42)
    csikit.ipma(fit, "CUSA").constructs.table
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as exc:  # pragma: no cover - only without a compiled module
    raise ImportError(
        "csikit: the compiled module csikit._core is missing (expected a package installed with "
        "`pip install .` from the csikit repository)"
    ) from exc

from .bootstrap import BootstrapResult, bootstrap
from .data import Responses, read_responses
from .errors import (
    ArgumentError,
    CancelledError,
    ConvergenceError,
    DataError,
    Error,
    IoError,
    ModelError,
    NumericError,
    ParseError,
    SchemaError,
)
from .fit import Fit, estimate
from .fit import categorical_slopes, higher_order, interactions  # models with HOCs, interaction terms, categorical moderators
from .indices import IndexResult, indices
from .ipa import IpaResult, IpmaResult, derived_importance, importance, ipa, ipma, quadrant_label
from .mga import MgaResult, mga
from .model import model, preset, preset_names
from .predict import PredictionResult, predict
from .sampling import (
    Allocation,
    MarginOfError,
    SampleSize,
    allocate,
    design_effect,
    effective_n,
    moe_mean,
    moe_proportion,
    sample_size_mean,
    sample_size_proportion,
)
from .scoring import Feedback, ScoreReport, Trend, feedback, mean_ci, nps, proportion_interval, score, score_file, trend
from .simulate import simulate
from .readers import draft_schema  # readers: a schema drafted from a data file
from .summary import Summary
from .survey import Survey, load_survey

# The top layer: imported for the follow-ups it provides (Fit.summary(), IpaResult.plot(), ...);
# matplotlib itself is imported only when a chart is drawn.
from . import plots  # noqa: E402,F401  isort: skip

#: The version of the C++ core this package wraps.
__version__: str = _core.__version__

__all__ = [
    "draft_schema",  # readers
    "Allocation",
    "ArgumentError",
    "BootstrapResult",
    "CancelledError",
    "ConvergenceError",
    "DataError",
    "Error",
    "Fit",
    "IndexResult",
    "IoError",
    "IpaResult",
    "IpmaResult",
    "MarginOfError",
    "MgaResult",
    "ModelError",
    "NumericError",
    "ParseError",
    "PredictionResult",
    "Responses",
    "SampleSize",
    "SchemaError",
    "ScoreReport",
    "Trend",
    "Feedback",
    "Summary",
    "Survey",
    "__version__",
    "allocate",
    "bootstrap",
    "derived_importance",
    "design_effect",
    "effective_n",
    "estimate",
    "higher_order",
    "interactions",
    "categorical_slopes",
    "importance",
    "mga",
    "indices",
    "ipa",
    "ipma",
    "load_survey",
    "mean_ci",
    "model",
    "moe_mean",
    "moe_proportion",
    "nps",
    "predict",
    "preset",
    "preset_names",
    "proportion_interval",
    "quadrant_label",
    "read_responses",
    "sample_size_mean",
    "sample_size_proportion",
    "score",
    "score_file",
    "trend",
    "feedback",
    "simulate",
]
# Issue 14 (helper ipa): the IPA of a survey without a path model.
from .ipa import SurveyIpa, survey_ipa  # noqa: E402
__all__ += ["SurveyIpa", "survey_ipa"]
# Issue 14 (helper xtab): crosstabs.
from .crosstab import Crosstab, crosstab  # noqa: E402
__all__ += ["Crosstab", "crosstab"]
# Issue 14 (helper xtab2): composition-adjusted scores.
from .standardize import Standardized, standardize  # noqa: E402
__all__ += ["Standardized", "standardize"]

from .accumulator import Accumulator  # noqa: E402  incremental tracking (docs/streaming.md)
__all__ += ["Accumulator"]


def __dir__() -> list[str]:
    """Only the public names (tab completion shows what users should use)."""
    return __all__
