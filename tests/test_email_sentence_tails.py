"""What a typed sentence says around a value: a delivery date after the address, receiving
hours in brackets, a date asked for in a delivery sentence, a label that runs on to its
colon. Synthetic texts; real `extract_email`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors import reading
from extractors.address_tail import split_address
from extractors.free_text import free_text_lines
from extractors.header_dates import said_delivery_date
from extractors.layout import page_layout
from extractors.position_prices import with_position_prices
from extractors.raw import RawValue
from tests.test_email_body_orders import _order  # the body as a whole e-mail, extracted


def _split(text: str) -> tuple[str, str | None]:
    address, dated = split_address(RawValue(text, 1.0, 1, (10.0, 3.0, 10.0 + len(text), 4.0)))
    return address.text, dated.text if dated is not None else None


def test_a_date_clause_after_the_address_is_the_delivery_date() -> None:
    assert _split("12 Mill Lane, Leeds LS1 4AB, UK by Fri 3 July 2026 please") == (
        "12 Mill Lane, Leeds LS1 4AB, UK",
        "3 July 2026",
    )
    assert _split("Werk 2, Hafenstraße 77, 28217 Bremen bis Freitag, 20.03.2026") == (
        "Werk 2, Hafenstraße 77, 28217 Bremen",
        "20.03.2026",
    )


def test_the_date_box_is_cut_from_the_address_box() -> None:
    text = "12 Mill Lane, Leeds LS1 4AB by 3 July 2026"
    address, dated = split_address(RawValue(text, 1.0, 1, (0.0, 5.0, float(len(text)), 6.0)))
    assert address.bbox == (0.0, 5.0, 27.0, 6.0)
    assert dated is not None and dated.bbox == (31.0, 5.0, 42.0, 6.0)
    assert dated.confidence < 0.9  # no label named it


def test_receiving_hours_in_brackets_are_no_part_of_the_address() -> None:
    assert _split("ZI des Chênes, 59160 Lomme, France (quai 2, ouvert de 7h à 16h).") == (
        "ZI des Chênes, 59160 Lomme, France",
        None,
    )
    assert _split("Tor 4, 28217 Bremen (Mo-Fr 7:00-14:30)")[0] == "Tor 4, 28217 Bremen"


def test_an_address_keeps_what_is_its_own() -> None:
    for text in (
        "C/ Ciudad de Sevilla 41, 46988 Paterna (Valencia)",
        "Calle 12 de Octubre 15, 28001 Madrid",
        "Unit 4, Castle Park, Leeds LS12 6QT",
    ):
        assert _split(text) == (text, None)


def _said(text: str) -> str | None:
    found = said_delivery_date([page_layout(reading.text_to_page(text))])
    return found.text if found is not None else None


def test_a_date_a_delivery_sentence_asks_for_is_the_delivery_date() -> None:
    assert _said("Hi,\n\nWe need these on site by Saturday 6/13/2026, shipping to Dock 3.") == (
        "6/13/2026"
    )
    assert _said("Merci de livrer pour le mardi 2 juin 2026 au plus tard.") == "2 juin 2026"
    assert _said("Por favor entregar antes del 5 de junio de 2026 en la planta.") == (
        "5 de junio de 2026"
    )


def test_a_date_of_anything_else_is_no_delivery_date() -> None:
    assert _said("Please send the invoice by 30.06.2026.") is None
    assert _said("Payment by 30 June 2026. We need the goods soon.") is None
    assert _said("Ship to Dock 3. Quote of 12.05.2026 attached.") is None


def test_a_label_runs_on_to_its_colon() -> None:
    order = _order(
        "Hallo,\n\nbitte liefern Sie 10 x AB-1000 à 2,50 € = 25,00 €.\n\n"
        "Bestellung 4500012999 vom 02.06.2026.\n"
        "Zahlungsbedingungen wie gewohnt: 30 Tage netto\n"
    )
    assert order.payment_terms == "30 Tage netto"


def test_a_typed_order_with_the_date_in_its_delivery_sentence() -> None:
    order = _order(
        "Morning,\n\nPlease put through:\n\n"
        "KL-7720 x 3 - Hose clamp 40 mm @ £4.10 = £12.30\n"
        "RT-55 x 1 - Torque wrench @ £89.00 = £89.00\n\n"
        "Delivery to 7 Harbour Road, Edinburgh EH6 6LX, United Kingdom by Tue 16 June 2026 "
        "please.\n\nCheers\nKim\n\nPO: PX-55120\n"
    )
    assert order.ship_to == "7 Harbour Road, Edinburgh EH6 6LX, United Kingdom"
    assert order.delivery_date == date(2026, 6, 16)


# --- prices typed apart from their items, by item number ----------------------------------------

NUMBERED_BODY = (
    "Hello,\n\nPlease send on our order PX-77120:\n\n"
    "1. 40 m - 55-2020 Cable tray, galvanised\n"
    "2. 12 ea - KL-7720 Hose clamp 40 mm\n\n"
    "Prices as quoted: item 1 at €8.25/m (€330.00), item 2 at €4.10 each (€49.20). "
    "€379.20 in all.\n\nRegards,\nA. Berg\n"
)


def test_prices_given_by_item_number_price_the_numbered_items() -> None:
    order = _order(NUMBERED_BODY)
    assert [(ln.sku, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("55-2020", Decimal("40"), Decimal("8.25"), Decimal("330.00")),
        ("KL-7720", Decimal("12"), Decimal("4.10"), Decimal("49.20")),
    ]
    assert order.total == Decimal("379.20")


def test_a_price_by_item_number_that_the_amount_contradicts_stays_unsure() -> None:
    page = reading.text_to_page("1. 40 m - 55-2020 Cable tray\n\n#1 at 8.25 (999.00)\n")
    (row,) = with_position_prices(free_text_lines([page]), [page])
    assert row["unit_price"].text == "8.25" and "amount" not in row
    assert row["unit_price"].confidence < 0.9


def test_a_number_without_a_price_cue_prices_nothing() -> None:
    page = reading.text_to_page("1. 40 m - 55-2020 Cable tray\n\nSee item 1 on page 2 of 3.\n")
    (row,) = with_position_prices(free_text_lines([page]), [page])
    assert "unit_price" not in row
