"""The one quantile poflow reports (dashboard, benchmarks): nearest rank, exact for small
counts and always a value that was measured."""

from __future__ import annotations

import math
from collections.abc import Sequence


def nearest_rank(values: Sequence[float], q: float) -> float:
    """The q-quantile (0 < q ≤ 1) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    return sorted(values)[max(math.ceil(q * len(values)) - 1, 0)]
