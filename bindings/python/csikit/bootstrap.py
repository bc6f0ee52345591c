"""Bootstrap inference: ``bootstrap`` and its ``BootstrapResult`` tables. A BootstrapResult
pickles with its fit and every statistic (nothing is resampled again)."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Callable, Sequence

import pandas as pd

from . import _core, _followups
from ._args import JACKKNIFE_MAX_RANGE, RESAMPLES_RANGE, SEED_RANGE, THREADS_RANGE, integer
from ._attrs import core_attr
from .fit import Fit

__all__ = ["BootstrapResult", "bootstrap"]

_STATS = ["estimate", "mean", "bias", "se", "t", "p", "ci_low", "ci_high", "bca_low", "bca_high"]


class BootstrapResult:
    """Standard errors, t and p values, percentile and BCa intervals of every weight, loading,
    path, total effect and R2 of a fit (immutable)."""

    def __init__(self, core: _core.bootstrap.Bootstrap, fit: Fit) -> None:
        self._core = core
        self.fit = fit

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _restore, (self.fit, self._core.result_state())

    @property
    def core(self) -> _core.bootstrap.Bootstrap:
        """The compiled handle (``csikit._core.bootstrap.Bootstrap``), for the other csikit modules."""
        return self._core

    @cached_property
    def table(self) -> pd.DataFrame:
        """Every parameter: index (kind, label), columns estimate, mean, bias, se, t, p,
        ci_low, ci_high, bca_low, bca_high."""
        return pd.DataFrame(self._core.parameters).set_index(["kind", "label"])[_STATS]

    def _pairs(self, kind: str) -> pd.DataFrame:
        return _by_pair(self.table.loc[kind].copy())

    @property
    def paths(self) -> pd.DataFrame:
        """Path statistics, index (from, to)."""
        return self._pairs("path")

    @property
    def total_effects(self) -> pd.DataFrame:
        """Total-effect statistics, index (from, to)."""
        return self._pairs("total_effect")

    @property
    def weights(self) -> pd.DataFrame:
        """Outer-weight statistics, by indicator."""
        return self.table.loc["weight"].rename_axis("indicator")

    @property
    def loadings(self) -> pd.DataFrame:
        """Loading statistics, by indicator."""
        return self.table.loc["loading"].rename_axis("indicator")

    @property
    def r2(self) -> pd.DataFrame:
        """R2 statistics, by construct."""
        return self.table.loc["r2"].rename_axis("construct")

    @property
    def indices(self) -> pd.DataFrame:
        """Statistics of the 0-100 indices, by construct (empty with ``indices=False``)."""
        if "index" not in self.table.index.get_level_values("kind"):
            return pd.DataFrame(columns=_STATS, index=pd.Index([], name="construct"), dtype=float)
        return self.table.loc["index"].rename_axis("construct")

    @cached_property
    def criteria(self) -> pd.DataFrame:
        """The bootstrapped quality criteria and specific indirect effects from the same
        resamples: index (kind, label) with kind htmt, f2, r2_adjusted, total_indirect or
        indirect_effect; the columns of ``table`` plus ``upper`` (HTMT: the one-sided bound at
        ``confidence``, the 95th percentile at 0.95) and ``mediators``."""
        return pd.DataFrame(self._core.criteria).set_index(["kind", "label"])[_STATS + ["upper", "mediators"]]

    def _criterion(self, kind: str) -> pd.DataFrame:
        if kind not in self.criteria.index.get_level_values("kind"):
            return pd.DataFrame(columns=_STATS + ["upper", "mediators"], dtype=float)
        return self.criteria.loc[kind].copy()

    @property
    def htmt(self) -> pd.DataFrame:
        """HTMT of every pair, index (from, to), with ``upper``, the one-sided upper bound."""
        part = self._criterion("htmt").drop(columns="mediators")
        return _by_pair(part)

    @property
    def f2(self) -> pd.DataFrame:
        """f2 of every path, index (from, to)."""
        part = self._criterion("f2")[_STATS]
        return _by_pair(part)

    @property
    def r2_adjusted(self) -> pd.DataFrame:
        """Adjusted R2 statistics, by construct."""
        return self._criterion("r2_adjusted")[_STATS].rename_axis("construct")

    @property
    def total_indirect_effects(self) -> pd.DataFrame:
        """Total indirect effects (the sum of a pair's specific indirect effects), index (from, to)."""
        part = self._criterion("total_indirect")[_STATS]
        return _by_pair(part)

    @property
    def indirect_effects(self) -> pd.DataFrame:
        """Every specific indirect effect, index ``chain`` ("A -> M -> B"), with ``mediators``."""
        return self._criterion("indirect_effect").drop(columns="upper").rename_axis("chain")

    @cached_property
    def mediation(self) -> pd.DataFrame:
        """The mediation class of every specific indirect effect (Zhao, Lynch & Chen 2010),
        index ``chain``: the requested chains first. ``type`` is no_effect, direct_only,
        indirect_only, complementary or competitive; ``type_en`` / ``type_zh`` are labels."""
        return pd.DataFrame(self._core.mediation).set_index("label").rename_axis("chain")

    resamples = core_attr[int]("Resamples requested.")

    succeeded = core_attr[int]("Resamples behind the statistics.")

    failed = core_attr[int]("Resamples that could not be estimated.")

    failed_by_reason = core_attr[dict[str, int]]('Failed resamples by reason ("constant_item", "singular", ...).')

    seed = core_attr[int]("The seed; the numbers depend on it only, never on the thread count.")

    confidence = core_attr[float]("Level of the intervals.")

    def to_dict(self) -> dict[str, Any]:
        """report.json of the fit with these bootstrap statistics (as ``csikit analyze --bootstrap``)."""
        return self.fit.to_dict(self)

    def summary(self) -> Any:
        """The fit's summary with bootstrap columns (a ``csikit.summary.Summary``)."""
        return _followups.call("BootstrapResult.summary", self)

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()

    def __repr__(self) -> str:
        return f"BootstrapResult({self.succeeded}/{self.resamples} resamples, seed {self.seed})"


def bootstrap(
    fit: Fit,
    *,
    resamples: int = 5000,
    seed: int = 1,
    threads: int = 0,
    confidence: float = 0.95,
    bca: bool = True,
    jackknife_max: int = 2000,
    max_failed_share: float = 0.2,
    drop_inadmissible: bool = False,
    indices: bool = True,
    criteria: bool = True,
    mediation: Sequence[Sequence[str] | str] = (),
    progress: Callable[[int, int], bool | None] | None = None,
) -> BootstrapResult:
    """Bootstraps ``fit``: ``resamples`` resamples of its respondents, re-estimated with the
    fit's options on ``threads`` worker threads (0 = all cores) with the GIL released.

    ``indices=True`` (the default, as the CLI) bootstraps every construct's 0-100 index too
    (``BootstrapResult.indices``);
    ``drop_inadmissible=True`` leaves out PLSc resamples with inadmissible solutions.
    ``criteria=True`` (the default) also bootstraps HTMT, f2, adjusted R2 and the total and
    specific indirect effects from the same resamples (``BootstrapResult.criteria``).
    ``mediation`` names chains (``["IMAG", "CUSA", "CUSL"]`` or ``"IMAG,CUSA,CUSL"``) whose
    mediation class heads ``BootstrapResult.mediation``; every specific indirect effect is
    bootstrapped anyway (``BootstrapResult.indirect_effects``). A chain that is not a path of
    the model raises ``ModelError`` naming it.
    The numbers depend on ``seed`` only. ``progress(done, total)`` is called on this thread
    about every 50 ms; returning False cancels (``CancelledError``). Ctrl-C interrupts with
    ``KeyboardInterrupt``.

    ``seed`` is an integer 0..2**64-1, ``threads`` 0..1024, ``resamples`` 0..10**8 (the core then
    asks >= 2) and ``jackknife_max`` 0..10**9 (>= 2 with BCa): the ranges of the CLI's flags
    (``ArgumentError`` otherwise, naming the keyword).
    """
    where = "bootstrap"
    resamples = integer(where, "resamples", resamples, *RESAMPLES_RANGE)
    seed = integer(where, "seed", seed, *SEED_RANGE)
    threads = integer(where, "threads", threads, *THREADS_RANGE)
    jackknife_max = integer(where, "jackknife_max", jackknife_max, *JACKKNIFE_MAX_RANGE)
    chains = [[s.strip() for s in c.split(",")] if isinstance(c, str) else [str(s) for s in c] for c in mediation]
    core = _core.bootstrap.bootstrap(fit.core, resamples=resamples, seed=seed, threads=threads,
                                     confidence=confidence, bca=bca, jackknife_max=jackknife_max,
                                     max_failed_share=max_failed_share, drop_inadmissible=drop_inadmissible,
                                     indices=indices, criteria=criteria, mediation=chains, progress=progress)
    return BootstrapResult(core, fit)


def _restore(fit: Fit, state: tuple[Any, ...]) -> BootstrapResult:
    """Unpickles a BootstrapResult onto its (unpickled) fit."""
    return BootstrapResult(_core.bootstrap.restore(fit.core, state), fit)


_followups.provide("Fit.bootstrap", bootstrap)


def _by_pair(part: pd.DataFrame) -> pd.DataFrame:
    """`part` with its "A -> B" index split into a (from, to) MultiIndex."""
    part.index = pd.MultiIndex.from_tuples([tuple(e) for e in part.index.str.split(" -> ", n=1)], names=["from", "to"])
    return part
