"""Sampling plans: sample sizes, margins of error, design effects, stratified allocation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np

from . import _core
from ._args import PLAN_N_RANGE, PLAN_TOTAL_RANGE, integer

__all__ = ["Allocation", "MarginOfError", "SampleSize", "allocate", "design_effect", "effective_n", "moe_mean",
           "moe_proportion", "sample_size_mean", "sample_size_proportion"]

Fpc = Literal["cochran", "simple"]


@dataclass(frozen=True)
class SampleSize:
    """A sample size and the steps behind it."""

    n: int                     #: respondents to collect (ceil of ``adjusted``)
    n0: float                  #: infinite-population size
    adjusted: float            #: after the finite-population correction
    z: float                   #: normal quantile of the level
    population: float | None   #: N, if given


@dataclass(frozen=True)
class MarginOfError:
    """The margin of error of a finished survey."""

    margin: float  #: z * se * sqrt(deff) * fpc
    z: float
    se: float
    deff: float
    fpc: float
    n: int
    p: float


@dataclass(frozen=True)
class Allocation:
    """Respondents per stratum."""

    n: list[int]              #: integers summing to the total
    exact: list[float]        #: before rounding
    at_minimum: list[bool]
    at_cap: list[bool]
    variance: float           #: variance of the stratified mean (NaN without SDs)


def sample_size_proportion(margin: float, *, level: float = 0.95, p: float = 0.5, population: float | None = None,
                           fpc: Fpc = "cochran") -> SampleSize:
    """Size to estimate a proportion within +/- ``margin`` (95%, 0.05 -> 385)."""
    return SampleSize(**_core.sampling.sample_size_proportion(margin, level, p, population, fpc))


def sample_size_mean(sd: float, margin: float, *, level: float = 0.95, population: float | None = None,
                     fpc: Fpc = "cochran") -> SampleSize:
    """Size to estimate a mean within +/- ``margin`` (same metric as ``sd``)."""
    return SampleSize(**_core.sampling.sample_size_mean(sd, margin, level, population, fpc))


def moe_proportion(n: int, *, p: float = 0.5, level: float = 0.95, population: float | None = None,
                   deff: float = 1.0) -> MarginOfError:
    """Margin of error of a proportion from ``n`` respondents (a non-negative integer)."""
    n = integer("moe_proportion", "n", n, *PLAN_N_RANGE)
    return MarginOfError(**_core.sampling.moe_proportion(n, p, level, population, deff))


def moe_mean(n: int, sd: float, *, level: float = 0.95, population: float | None = None,
             deff: float = 1.0) -> MarginOfError:
    """Margin of error of a mean from ``n`` respondents (a non-negative integer)."""
    n = integer("moe_mean", "n", n, *PLAN_N_RANGE)
    return MarginOfError(**_core.sampling.moe_mean(n, sd, level, population, deff))


def design_effect(weights: Sequence[float] | np.ndarray) -> float:
    """Kish design effect of respondent weights, n sum w^2 / (sum w)^2."""
    return _core.sampling.design_effect(np.asarray(weights, dtype=float))


def effective_n(weights: Sequence[float] | np.ndarray) -> float:
    """Kish effective sample size (sum w)^2 / sum w^2."""
    return _core.sampling.effective_n(np.asarray(weights, dtype=float))


def allocate(total: int, population: Sequence[float], *, method: Literal["proportional", "neyman"] = "proportional",
             sd: Sequence[float] = (), cost: Sequence[float] = (), minimum: float = 0,
             cap: bool = True) -> Allocation:
    """Allocates ``total`` respondents (a non-negative integer) over strata of sizes ``population``."""
    total = integer("allocate", "total", total, *PLAN_TOTAL_RANGE)
    return Allocation(**_core.sampling.allocate(total, list(population), method=method, sd=list(sd), cost=list(cost),
                                       minimum=minimum, cap=cap))
