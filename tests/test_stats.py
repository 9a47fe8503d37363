"""Nearest-rank quantiles: always a measured value, 0 for none."""

from __future__ import annotations

from poflow.stats import nearest_rank


def test_nearest_rank() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert nearest_rank(values, 0.5) == 3.0
    assert nearest_rank(values, 0.9) == 5.0
    assert nearest_rank(values, 0.2) == 1.0
    assert nearest_rank([], 0.5) == 0.0
