"""Layouts behind a registry: each one is a buyer's order form (labels, geometry, formats).

A layout module registers its render functions with `@layout(...)`; `REGISTRY` maps the
layout id to its spec. `held_out` layouts only ever appear in `samples/holdout/`.
"""

from __future__ import annotations

from samples.generator.layouts import (  # noqa: F401
    asian,
    european,
    held_out,
    held_out_forms,
    held_out_local,
    north_american,
)
from samples.generator.layouts.common import REGISTRY, LayoutSpec

__all__ = ["REGISTRY", "LayoutSpec"]
