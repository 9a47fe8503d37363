"""A web shop's B2B order confirmation (blind7): the customer under "Company:", payment
terms with their due date after a middle dot, a ship-to block that names the contact and
the company before the address and is followed by a "Shipping method" heading, a time of
day that is no item, and item cards whose numbers take two lines."""

from __future__ import annotations

from extractors.fields import terms_shape
from extractors.free_text import free_text_lines
from extractors.vocabulary import find_labels
from tests.fields_helpers import Row, page, texts
from tests.test_header_labels_blind3 import _header, _words

CARDS: list[Row] = [
    (300, [(60, "24")]),
    (312, [(80, "Carriage bolt 1/2 x 6 in, galvanized")]),
    (324, [(80, "SKU: MRP-55020"), (400, "$46.08")]),
    (336, [(80, "$1.92 × 24")]),
    (356, [(60, "5")]),
    (368, [(80, "Extension cord 50 ft, 12/3 SJTW")]),
    (380, [(80, "SKU: MRP-90500"), (400, "$320.00")]),
    (392, [(80, "$64.00 × 5")]),
]


def test_item_cards_with_their_numbers_on_two_lines() -> None:
    rows = free_text_lines([page(CARDS)])
    assert texts(rows, "sku") == ["MRP-55020", "MRP-90500"]
    assert texts(rows, "quantity") == ["24", "5"]
    assert texts(rows, "unit_price") == ["1.92", "64.00"]
    assert texts(rows, "amount") == ["46.08", "320.00"]


def test_two_lines_whose_numbers_do_not_add_up_to_the_cent_are_no_item() -> None:
    card: list[Row] = [
        (100, [(80, "SKU: MRP-55020"), (400, "$46.00")]),  # 24 × 1.92 = 46.08
        (112, [(80, "$1.92 × 24")]),
    ]
    rows = free_text_lines([page(card)])
    assert rows == ()


def test_a_time_of_day_is_no_quantity_or_price() -> None:
    """ "Placed on March 4," over "2026 at 10:06 am.": no item of 2026 at 10.00."""
    rows = free_text_lines(
        [page([(100, [(40, "Placed on March 4,")]), (112, [(40, "2026 at 10:06 am.")])])]
    )
    assert rows == ()


def test_a_position_with_its_colon_is_no_time_of_day() -> None:
    """ "Pos. 3: 12 Stk": the 3 and the 12 are two words, a position and a quantity."""
    typed = [(100, [(40, "Pos. 3: 12 Stk Art.-Nr. 5520-100 Kugellager à 6,90 EUR = 82,80 EUR")])]
    rows = free_text_lines([page(typed)])
    assert texts(rows, "quantity") == ["12"]


def test_company_labels_the_customer_only_with_its_colon() -> None:
    assert [m.field for m in find_labels(_words("Company:"), "header")] == ["buyer"]
    assert find_labels(_words("Acme", "Supply", "Company"), "header") == []


def test_terms_end_before_a_due_date_set_off_by_a_middle_dot() -> None:
    words = terms_shape(_words("Net", "15", "·", "payment", "due", "March", "19,", "2026"))
    assert words is not None and " ".join(w.text for w in words) == "Net 15"
    kept = terms_shape(_words("2 %", "10", "days", "·", "30", "days", "net"))
    assert kept is not None and len(kept) == 7  # no date after the dot: all terms


def test_the_customer_under_company_and_the_ship_to_address_alone() -> None:
    header = _header(
        [
            (40, [(40, "ACME SUPPLY · Wholesale"), (400, "Order #AS2591")]),
            (60, [(40, "Company: Toronto Precision Parts Inc.")]),
            (72, [(40, "PO number: 2603-643")]),
            (200, [(40, "Shipping address"), (250, "Billing address")]),
            (212, [(40, "J. Miller"), (250, "Accounts Payable")]),
            (224, [(40, "Toronto Precision Parts Inc."), (250, "Toronto Precision Parts Inc.")]),
            (236, [(40, "75 Queen St E"), (250, "75 Queen St E")]),
            (248, [(40, "Toronto, ON M5C 1R8"), (250, "Toronto, ON M5C 1R8")]),
            (260, [(40, "Shipping method"), (250, "Payment")]),
            (272, [(40, "Freight – LTL (3–5 business days)"), (250, "Net 15")]),
        ]
    )
    assert header["customer_name"] == "Toronto Precision Parts Inc."
    assert header["ship_to"] == "75 Queen St E\nToronto, ON M5C 1R8"


def test_an_order_date_whose_year_wrapped_onto_the_next_line() -> None:
    header = _header(
        [
            (40, [(40, "ACME SUPPLY · Wholesale"), (400, "Order #AS2591")]),
            (60, [(40, "Hi, we're getting your order ready to be shipped. Placed on March 4,")]),
            (72, [(40, "2026 at 10:06 am.")]),
        ]
    )
    assert header["order_date"] == "March 4, 2026"
