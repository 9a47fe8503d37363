"""A site's YAML rules file: disable, threshold overrides, custom rules, validation errors."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from poflow.errors import ConfigError
from poflow.settings import load_settings
from rules.config import RuleSet, load_rule_set
from rules.inputs import never_taken
from tests.test_rules_default import MASTER, clean_order


def rule_set_from(tmp_path: Path, text: str, **settings: object) -> RuleSet:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rule_set(load_settings(home=tmp_path, rules_file=path, **settings))


def test_without_a_file_the_defaults_and_settings_apply(tmp_path: Path) -> None:
    rule_set = load_rule_set(load_settings(home=tmp_path, price_tolerance_pct=D("7")))
    assert len(rule_set.ids) == 12 and rule_set.thresholds.price_tolerance_pct == D("7")


def test_disable_takes_a_rule_out(tmp_path: Path) -> None:
    rule_set = rule_set_from(tmp_path, "disable: [credit_limit, duplicate_po]\n")
    assert "credit_limit" not in rule_set.ids and "duplicate_po" not in rule_set.ids
    assert len(rule_set.ids) == 10
    order = clean_order(customer_id="C0042", total=D("99999.00"))
    found = rule_set.evaluate(order, master=MASTER, po_number_taken=lambda c, p: True)
    assert {f.rule for f in found} == {"total_mismatch"}


def test_threshold_override_beats_the_setting(tmp_path: Path) -> None:
    rule_set = rule_set_from(
        tmp_path,
        "thresholds: {price_tolerance_pct: 10, confidence_threshold: 0.5}\n",
        price_tolerance_pct=D("2"),
    )
    assert rule_set.thresholds.price_tolerance_pct == D("10")
    assert rule_set.thresholds.confidence_threshold == 0.5
    assert rule_set.thresholds.amount_tolerance == D("0.01")  # untouched


def test_custom_rules_fire_with_their_own_id(tmp_path: Path) -> None:
    rule_set = rule_set_from(
        tmp_path,
        """
custom:
  - {id: max_total, label: "large orders get a second look", field: total, max: 200}
  - {id: blocked_sku, field: "lines[*].sku", not_in: [BX-2000]}
  - {id: po_format, field: po_number, pattern: "45\\\\d{8}"}
""",
    )
    found = rule_set.evaluate(clean_order(), master=MASTER, po_number_taken=never_taken)
    assert [(f.rule, f.field) for f in found] == [
        ("max_total", "total"),
        ("blocked_sku", "lines[1].sku"),
    ]
    assert "270.00" in found[0].message and "200" in found[0].message
    assert "BX-2000" in found[1].message
    bad_po = clean_order(po_number="PO-1")
    found = rule_set.evaluate(bad_po, master=MASTER, po_number_taken=never_taken)
    assert "po_format" in {f.rule for f in found}


def test_custom_required_and_min(tmp_path: Path) -> None:
    rule_set = rule_set_from(
        tmp_path,
        "custom:\n  - {id: need_delivery, field: delivery_date, required: true}\n"
        "  - {id: min_qty, field: 'lines[*].quantity', min: 20}\n",
    )
    order = clean_order(delivery_date=None)
    found = rule_set.evaluate(order, master=MASTER, po_number_taken=never_taken)
    assert [(f.rule, f.field) for f in found] == [
        ("need_delivery", "delivery_date"),
        ("min_qty", "lines[1].quantity"),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("disable: [no_such_rule]\n", "no_such_rule"),
        ("thresholds: {price_tolerance: 5}\n", "price_tolerance"),
        ("thresholds: {confidence_threshold: 3}\n", "confidence_threshold"),
        ("custom:\n  - {id: x, field: colour, max: 1}\n", "colour"),
        ("custom:\n  - {id: x, field: total}\n", "condition"),
        ("custom:\n  - {id: x, field: po_number, max: 1}\n", "max/min"),
        ("custom:\n  - {id: price_mismatch, field: total, max: 1}\n", "already taken"),
        ("custom:\n  - {id: x, field: po_number, pattern: '('}\n", "regular expression"),
        ("colour: red\n", "colour"),
        ("- just a list\n", "mapping"),
        ("disable: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_bad_file_is_a_config_error_naming_file_and_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        rule_set_from(tmp_path, text)
    assert "rules.yaml" in str(caught.value) and problem in str(caught.value)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_rule_set(load_settings(home=tmp_path, rules_file=tmp_path / "nope.yaml"))
