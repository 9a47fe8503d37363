"""A site's own rules, from a small declarative set (no code in configuration files).

    custom:
      - {id: max_total, label: "Large orders get a second look", field: total, max: 50000}
      - {id: blocked_sku, field: "lines[*].sku", not_in: [OLD-1, OLD-2]}
      - {id: po_format, field: po_number, pattern: "45\\d{8}"}
      - {id: need_delivery, field: delivery_date, required: true}

A condition is one of `max`, `min` (money and quantity fields), `in`, `not_in`,
`pattern` (the whole value must match), `required`. A value that is absent passes every
condition but `required`: absence of the standard fields is `missing_field`'s business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from poflow.domain import HEADER_FIELDS, LINE_FIELDS, Finding
from rules.inputs import RuleInput
from rules.registry import Rule

NUMERIC_FIELDS = {"subtotal", "tax", "shipping", "total", "quantity", "unit_price", "amount"}
LINE_PREFIX = "lines[*]."


class CustomRuleSpec(BaseModel):
    """One `custom:` entry of a rules file, validated when the file is loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str | None = None
    field: str
    max: Decimal | None = None
    min: Decimal | None = None
    in_: tuple[str, ...] | None = Field(None, alias="in")
    not_in: tuple[str, ...] | None = None
    pattern: str | None = None
    required: bool = False

    @model_validator(mode="after")
    def _check(self) -> CustomRuleSpec:
        name = self.field.removeprefix(LINE_PREFIX)
        known = LINE_FIELDS if self.field.startswith(LINE_PREFIX) else HEADER_FIELDS
        if name not in known:
            raise ValueError(
                f"field {self.field!r} is not an order field "
                f"(use one of {', '.join(HEADER_FIELDS)} or lines[*].<{'|'.join(LINE_FIELDS)}>)"
            )
        conditions = (self.max, self.min, self.in_, self.not_in, self.pattern)
        if all(c is None for c in conditions) and not self.required:
            raise ValueError("give a condition: max, min, in, not_in, pattern or required")
        if (self.max is not None or self.min is not None) and name not in NUMERIC_FIELDS:
            raise ValueError(f"max/min need a money or quantity field, not {self.field!r}")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(
                    f"pattern {self.pattern!r} is not a regular expression: {exc}"
                ) from None
        return self


@dataclass(frozen=True)
class _Value:
    path: str
    where: str  # "" for the header, "line 3: " for a line
    value: Any


def _values(spec: CustomRuleSpec, given: RuleInput) -> list[_Value]:
    if not spec.field.startswith(LINE_PREFIX):
        return [_Value(spec.field, "", getattr(given.order, spec.field))]
    name = spec.field.removeprefix(LINE_PREFIX)
    return [
        _Value(f"lines[{i}].{name}", f"line {line.line_no}: ", getattr(line, name))
        for i, line in enumerate(given.order.lines)
    ]


def _text(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _violation(spec: CustomRuleSpec, value: Any) -> str | None:
    """Why `value` breaks the rule, or None when it passes."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "is missing" if spec.required else None
    shown = _text(value)
    if spec.max is not None and value > spec.max:
        return f"{shown} is over the maximum {_text(spec.max)}"
    if spec.min is not None and value < spec.min:
        return f"{shown} is under the minimum {_text(spec.min)}"
    if spec.in_ is not None and shown not in spec.in_:
        return f"{shown} is not one of {', '.join(spec.in_)}"
    if spec.not_in is not None and shown in spec.not_in:
        return f"{shown} is not allowed"
    if spec.pattern is not None and not re.fullmatch(spec.pattern, shown):
        return f"{shown} does not match {spec.pattern}"
    return None


def custom_rule(spec: CustomRuleSpec) -> Rule:
    """A `Rule` whose findings carry the site's rule id and name the field path."""
    field_name = spec.field.removeprefix(LINE_PREFIX).replace("_", " ")

    def check(given: RuleInput) -> Iterator[Finding]:
        for item in _values(spec, given):
            why = _violation(spec, item.value)
            if why is not None:
                label = f" ({spec.label})" if spec.label else ""
                yield Finding(spec.id, item.path, f"{item.where}{field_name} {why}{label}")

    return Rule(spec.id, spec.label or f"site rule on {spec.field}", check)
