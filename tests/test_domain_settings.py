"""The order object's JSON shape (contract §2) and the settings' validation."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from poflow.domain import Evidence, ExtractedOrder, OrderLine
from poflow.errors import ConfigError
from poflow.settings import Settings, load_settings, settings_table

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "order.schema.json"


def _order() -> ExtractedOrder:
    return ExtractedOrder(
        po_number="4500012345",
        order_date=date(2026, 3, 15),
        currency="USD",
        customer_name="Northwind Traders Ltd.",
        lines=(
            OrderLine(
                line_no=1,
                sku="AX-1000",
                quantity=Decimal("250"),
                unit_price=Decimal("0.42"),
                amount=Decimal("105.00"),
            ),
        ),
        total=Decimal("126.00"),
        evidence={"po_number": Evidence(0.98, 1, (412.0, 88.5, 498.2, 101.0))},
    )


def test_order_json_has_every_key_and_decimal_strings() -> None:
    data = _order().to_json()
    assert data["total"] == "126.00"
    assert data["lines"][0]["unit_price"] == "0.42"
    assert data["order_date"] == "2026-03-15"
    assert data["delivery_date"] is None
    assert data["evidence"]["po_number"] == {
        "confidence": 0.98,
        "page": 1,
        "bbox": [412.0, 88.5, 498.2, 101.0],
    }
    assert list(data)[-1] == "evidence"


def test_order_json_round_trips() -> None:
    order = _order()
    again = ExtractedOrder.from_json(json.loads(json.dumps(order.to_json())))
    assert again == order
    assert again.evidence == order.evidence


@pytest.mark.skipif(not SCHEMA.exists(), reason="shared contract not beside the clone")
def test_order_json_validates_against_contract_schema() -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator(schema).validate(_order().to_json())


def test_settings_read_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("POFLOW_SUPPLIER_ALIASES", "Acme A | Acme B")
    monkeypatch.setenv("POFLOW_PRICE_TOLERANCE_PCT", "5")
    settings = load_settings()
    assert settings.home == tmp_path
    assert settings.supplier_aliases == ("Acme A", "Acme B")
    assert settings.price_tolerance_pct == Decimal("5")
    assert settings.database == f"sqlite:///{tmp_path.resolve() / 'poflow.db'}"


def test_bad_setting_is_a_config_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POFLOW_CONFIDENCE_THRESHOLD", "1.5")
    with pytest.raises(ConfigError, match="POFLOW_CONFIDENCE_THRESHOLD"):
        load_settings()


def test_settings_table_lists_every_setting() -> None:
    table = settings_table()
    for name in Settings.model_fields:
        assert f"`POFLOW_{name.upper()}`" in table


def test_readme_settings_table_is_the_generated_one() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert settings_table() in readme, "run: python -m poflow.settings --markdown"
