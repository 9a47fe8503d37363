"""An item table that prints a delivery date on every line gives the order its delivery
date when the lines agree; lines that disagree leave it to the reviewer."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from extractors.line_dates import is_delivery_heading
from poflow.domain import ExtractionContext
from tests.fields_helpers import page

CONTEXT = ExtractionContext(supplier_names=("Acme Supply GmbH",))


Rows = list[tuple[float, list[tuple[float, str]]]]


def items(heading: str, dates: list[str], header: list[str] | None = None) -> Rows:
    """An ERP item table under `heading`'s date column, maybe below header lines."""
    rows: Rows = [(60.0, [(40.0, text)]) for text in header or []]
    rows.append(
        (
            100,
            [
                (40, "Item"),
                (75, "Material"),
                (180, heading),
                (260, "Qty"),
                (300, "Price"),
                (360, "Amount"),
            ],
        )
    )
    for n, date in enumerate(dates):
        rows.append(
            (
                120 + 20 * n,
                [
                    (40, f"000{n + 1}0"),
                    (75, f"AB-{n + 1}00"),
                    (180, date),
                    (265, "2"),
                    (300, "5,00"),
                    (360, "10,00"),
                ],
            )
        )
    return rows


@pytest.mark.parametrize(
    "heading",
    ["Deliv. date", "Liefertermin", "Need-by Date", "交货日期", "Date prévue", "Receive by"],
)
def test_one_date_on_every_line_is_the_orders_delivery_date(heading: str) -> None:
    raw = extract_raw([page(items(heading, ["23.06.2026", "23.06.2026"]))], CONTEXT)
    assert raw.header["delivery_date"].text == "23.06.2026"
    assert raw.header["delivery_date"].page == 1 and raw.header["delivery_date"].bbox
    assert [set(row) & {"delivery_date"} for row in raw.lines] == [set(), set()]  # lines as before


@pytest.mark.parametrize("dates", [["23.06.2026", "30.06.2026"], ["23.06.2026", ""]])
def test_lines_that_disagree_or_lack_a_date_leave_it_open(dates: list[str]) -> None:
    raw = extract_raw([page(items("Deliv. date", dates))], CONTEXT)
    assert "delivery_date" not in raw.header
    assert len(raw.lines) == 2


@pytest.mark.parametrize("heading", ["Need by", "Date prévue"])
def test_a_header_label_over_the_lines_dates_takes_them_only_when_they_agree(heading: str) -> None:
    """The heading is a header label too: the date under it is the first line's, which is
    the order's only when every line prints it."""
    agree = extract_raw([page(items(heading, ["23.06.2026", "23.06.2026"]))], CONTEXT)
    assert agree.header["delivery_date"].text == "23.06.2026"
    differ = extract_raw([page(items(heading, ["23.06.2026", "30.06.2026"]))], CONTEXT)
    assert "delivery_date" not in differ.header
    assert len(differ.lines) == 2


def test_a_date_column_not_named_for_delivery_is_no_delivery_date() -> None:
    raw = extract_raw([page(items("Date", ["23.06.2026", "23.06.2026"]))], CONTEXT)
    assert "delivery_date" not in raw.header


def test_the_headers_own_delivery_date_wins() -> None:
    rows = items("Deliv. date", ["23.06.2026", "23.06.2026"], header=["Delivery date: 01.07.2026"])
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.header["delivery_date"].text == "01.07.2026"


@pytest.mark.parametrize(
    ("label", "delivery"),
    [
        ("Delivery Date", True),
        ("DELIV. DATE", True),
        ("Date de livraison", True),
        ("Date", False),
        ("Discount", False),
    ],
)
def test_delivery_headings(label: str, delivery: bool) -> None:
    assert is_delivery_heading(label) is delivery


def test_a_delivery_heading_ocr_misread_by_one_character_still_dates_the_order() -> None:
    rows = items("交货日其", ["2026-02-03", "2026-02-03"])  # 交货日期, 期 read as 其
    rows.append((180, [(75, "合计"), (360, "20,00")]))  # the sum row the table ran on into
    delivery = extract_raw([page(rows, confidence=0.93)], CONTEXT).header["delivery_date"]
    assert delivery.text == "2026-02-03" and delivery.confidence < 0.9
    assert not is_delivery_heading("交货日其") and is_delivery_heading("交货日其", slips=1)
    assert not is_delivery_heading("Termine", slips=1)  # short: another word, not a slip
