"""A site's rule set: the defaults minus `disable`, thresholds overridden, plus `custom` rules.

    # rules.yaml  (POFLOW_RULES_FILE)
    disable: [credit_limit]
    thresholds: {price_tolerance_pct: 5, confidence_threshold: 0.85}
    custom:
      - {id: max_total, label: "Large orders get a second look", field: total, max: 50000}

The file is validated when loaded: an unknown rule id, an unknown key or a malformed
entry is a `ConfigError` naming the file and the problem, at start-up, not mid-batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from poflow.domain import ExtractedOrder, Finding, MasterData
from poflow.errors import ConfigError
from poflow.settings import Settings
from rules.custom import CustomRuleSpec, custom_rule
from rules.inputs import PoNumberTaken, Thresholds
from rules.registry import DEFAULT_RULES, RULE_IDS, Rule, evaluate


class ThresholdOverrides(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    price_tolerance_pct: Annotated[Decimal | None, Field(ge=0)] = None
    amount_tolerance: Annotated[Decimal | None, Field(ge=0)] = None
    confidence_threshold: Annotated[float | None, Field(ge=0, le=1)] = None


class RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    disable: tuple[str, ...] = ()
    thresholds: ThresholdOverrides = ThresholdOverrides()
    custom: tuple[CustomRuleSpec, ...] = ()

    @model_validator(mode="after")
    def _check_ids(self) -> RulesFile:
        unknown = [rule_id for rule_id in self.disable if rule_id not in RULE_IDS]
        if unknown:
            raise ValueError(
                f"disable: unknown rule id {', '.join(map(repr, unknown))} "
                f"(known: {', '.join(sorted(RULE_IDS))})"
            )
        seen: set[str] = set()
        for spec in self.custom:
            if spec.id in RULE_IDS or spec.id in seen:
                raise ValueError(f"custom: rule id {spec.id!r} is already taken")
            seen.add(spec.id)
        return self


@dataclass(frozen=True)
class RuleSet:
    """The rules and thresholds one pipeline (or one backtest candidate) runs with."""

    rules: tuple[Rule, ...]
    thresholds: Thresholds
    source: Path | None = None  # the rules file it came from, if any

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    def evaluate(
        self, order: ExtractedOrder, *, master: MasterData, po_number_taken: PoNumberTaken
    ) -> tuple[Finding, ...]:
        return evaluate(
            order,
            master=master,
            thresholds=self.thresholds,
            po_number_taken=po_number_taken,
            rules=self.rules,
        )

    def with_threshold(self, confidence_threshold: float) -> RuleSet:
        return replace(
            self, thresholds=replace(self.thresholds, confidence_threshold=confidence_threshold)
        )


def load_rule_set(settings: Settings) -> RuleSet:
    """The site's rule set: the settings' thresholds, adjusted by `settings.rules_file`."""
    base = Thresholds.from_settings(settings)
    if settings.rules_file is None:
        return RuleSet(DEFAULT_RULES, base)
    return load_rules_file(settings.rules_file, base)


def load_rules_file(path: Path, base: Thresholds) -> RuleSet:
    """A rule set from one YAML file on top of `base` thresholds; `ConfigError` when bad."""
    spec = _parse(path)
    overrides = {k: v for k, v in spec.thresholds.model_dump().items() if v is not None}
    rules = [rule for rule in DEFAULT_RULES if rule.id not in spec.disable]
    rules.extend(custom_rule(entry) for entry in spec.custom)
    return RuleSet(tuple(rules), replace(base, **overrides), source=path)


def _parse(path: Path) -> RulesFile:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"rules file {path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"rules file {path}: not valid YAML ({_one_line(exc)})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"rules file {path}: expected a mapping with disable/thresholds/custom")
    try:
        return RulesFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"rules file {path}: {_describe(exc)}") from None


def _describe(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def rule_labels(rule_set: RuleSet | None = None) -> Sequence[tuple[str, str]]:
    """(id, label) of each rule, for the review UI's list of rules."""
    return [(rule.id, rule.label) for rule in (rule_set.rules if rule_set else DEFAULT_RULES)]
