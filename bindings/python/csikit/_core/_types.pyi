"""Aliases shared by the stubs of csikit._core (stub-only: no such module at run time)."""

from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Model = dict[str, list[dict[str, Any]]]
