"""A date printed before the order date stands in for a delivery date nobody labelled, so
that `delivery_before_order` still fires; a read delivery date or later dates change nothing."""

from __future__ import annotations

from datetime import date

from extractors.date_guard import EARLIER_DATE_CONFIDENCE, printed_dates
from extractors.fields import extract_raw
from extractors.layout import page_layout
from extractors.normalise import build_order
from poflow.domain import ExtractedOrder, ExtractionContext, MasterData
from tests.fields_helpers import page

CONTEXT = ExtractionContext(master=MasterData(), supplier_names=("Acme Supply Co.",))


def _order(rows: list[tuple[float, list[tuple[float, str]]]]) -> ExtractedOrder:
    return build_order(extract_raw([page(rows)], CONTEXT), None, CONTEXT)


def test_every_printed_date_is_found_with_its_box() -> None:
    layout = page_layout(page([(100, [(50, "Issued 2026-05-17, wanted 12.05.2026 latest")])]))
    dates = printed_dates([layout])
    assert [d.text for d in dates] == ["2026-05-17", "12.05.2026"]
    first, second = dates[0].bbox, dates[1].bbox
    assert first is not None and second is not None and second[0] > first[2]


def test_an_unlabelled_date_before_the_order_date_becomes_a_doubtful_delivery_date() -> None:
    order = _order(
        [
            (60, [(50, "Purchase Order"), (350, "Order No. 4711-22")]),
            (80, [(50, "Order date: 17.05.2026"), (350, "Zeitpunkt 12.05.2026")]),
        ]
    )
    assert order.order_date == date(2026, 5, 17)
    assert order.delivery_date == date(2026, 5, 12)
    assert order.evidence["delivery_date"].confidence == EARLIER_DATE_CONFIDENCE


def test_later_dates_and_a_read_delivery_date_are_left_as_they_are() -> None:
    later = _order([(80, [(50, "Order date: 17.05.2026"), (350, "Termin 30.05.2026")])])
    assert later.delivery_date is None
    labelled = _order(
        [
            (80, [(50, "Order date: 17.05.2026"), (350, "Delivery date: 20.05.2026")]),
            (100, [(50, "Quotation of 02.05.2026")]),
        ]
    )
    assert labelled.delivery_date == date(2026, 5, 20)
