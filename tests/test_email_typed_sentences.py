"""Orders typed as sentences or phone tables in an e-mail body: several items in one
sentence, a table with "|" between cells, a lone sum under the items, an address after
"at:", a PO number named in a sentence. Synthetic texts; real `extract_email`.
"""

from __future__ import annotations

from decimal import Decimal

from extractors import reading
from extractors.email_cover import po_number_in
from extractors.email_text import align_pipe_columns, item_list_lines, typed_address
from extractors.free_text import free_text_lines
from poflow.domain import ExtractedOrder
from tests.test_email_body_orders import _order  # the body as a whole e-mail, extracted


def _lines(order: ExtractedOrder) -> list[tuple[object, ...]]:
    return [(ln.sku, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines]


# --- several items in one sentence ----------------------------------------------------------


def test_a_sentence_listing_items_becomes_a_line_per_item() -> None:
    text = (
        "Thanks. Could you ship 3 pcs KL-7720 (clamp) at 4.10 = 12.30; 12.5x 99001234 (hose) "
        "at 2.00 = 25.00 plus 1x RT-55 at 9.99 = 9.99. Order ref is below."
    )
    assert item_list_lines(text).split("\n") == [
        "Thanks.",
        "Could you ship",
        "3 pcs KL-7720 (clamp) at 4.10 = 12.30;",
        "12.5x 99001234 (hose) at 2.00 = 25.00 plus",
        "1x RT-55 at 9.99 = 9.99.",
        "Order ref is below.",
    ]


def test_sizes_and_a_single_item_leave_the_line_as_it_is() -> None:
    for text in (
        "Please send 2x AB-100 at 5.00 = 10.00 by Friday. Thanks.",
        "Steel plate 50 x 1200 mm, 20 x 600 mm and 30 x 900 mm, all 3 mm thick",
    ):
        assert item_list_lines(text) == text


def test_a_quantity_with_decimals_before_x_is_read_as_the_quantity() -> None:
    page = reading.text_to_page("12.5x GB-8120 copper tape at 3.20 = 40.00")
    (row,) = free_text_lines([page])
    assert (row["quantity"].text, row["sku"].text) == ("12.5", "GB-8120")


def test_dutch_stuks_is_a_count_unit_so_a_numeric_code_after_it_is_the_code() -> None:
    page = reading.text_to_page("  4 stuks   5100-330   Koelvloeistof, 5 l   à € 3,00   = € 12,00")
    (row,) = free_text_lines([page])
    assert (row["sku"].text, row["quantity"].text, row["unit"].text) == ("5100-330", "4", "stuks")


SENTENCE_BODY = (
    "Hi Mike,\n\nCan you please send 3x KL-7720 (Hose clamp 40 mm) at $4.10 = $12.30, "
    "2x 99001234 (Grease 400 g) at $6.00 = $12.00 and 1x RT-55 (Torque wrench) at $89.00 = "
    "$89.00 - $113.30 in total. Our PO number for this is PX-55120, dated June 8, 2026.\n\n"
    "We need everything by Friday, June 19, 2026 at: 7 Harbour Road, Leith, Edinburgh EH6 6LX, "
    "United Kingdom.\n\nThanks!\nK. Olsen\n"
)


def test_a_one_sentence_order_is_read_whole() -> None:
    order = _order(SENTENCE_BODY)
    assert _lines(order) == [
        ("KL-7720", Decimal("3"), Decimal("4.10"), Decimal("12.30")),
        ("99001234", Decimal("2"), Decimal("6.00"), Decimal("12.00")),
        ("RT-55", Decimal("1"), Decimal("89.00"), Decimal("89.00")),
    ]
    assert order.total == Decimal("113.30")  # after the last item, on its line
    assert order.po_number == "PX-55120"
    assert order.ship_to == "7 Harbour Road, Leith, Edinburgh EH6 6LX, United Kingdom"


def test_a_po_number_named_in_a_sentence() -> None:
    assert po_number_in("Our PO number for this is PX-55120, dated today.") == "PX-55120"
    assert po_number_in("Our order number will be 4500012345.") == "4500012345"
    assert po_number_in("The order is 250 pcs of the usual.") is None


def test_an_address_after_at_in_a_delivery_sentence() -> None:
    text = "Hello\n\nPlease deliver by 3 July to: Unit 4, 12 Mill Lane, Leeds LS1 4AB.\n"
    assert typed_address(text) == (2, ["Unit 4, 12 Mill Lane, Leeds LS1 4AB"])
    assert typed_address("Invoice to: Unit 4, 12 Mill Lane, Leeds LS1 4AB.") is None
    assert typed_address("Meeting at: 10:30, room 4") is None


# --- a table typed with pipes ------------------------------------------------------------------


def test_pipe_separated_rows_become_aligned_columns() -> None:
    text = align_pipe_columns(
        "| Code | Qty | Price |\n|---|--:|--:|\n| KL-7720 | 3 | 4.10 |\n| RT-55 | 12 | 89.00 |"
    )
    header, first, second = text.split("\n")
    assert header.split() == ["Code", "Qty", "Price"]
    assert first.index("3") == second.index("12") + 1  # figures right-aligned
    assert "|" not in text


def test_a_lone_pipe_in_a_signature_is_left_as_it_is() -> None:
    text = "K. Olsen | Harbour Tools Ltd.\nT +44 131 000 | www.example.net"
    assert align_pipe_columns(text) == text


def test_a_phone_typed_pipe_table_is_read_by_its_header() -> None:
    body = (
        "Go ahead pls. PO# HT-88120\n\n"
        "SKU | Item | Qty | UOM | Price | Ext\n"
        "KL-7720 | Hose clamp 40 mm | 30 | ea | 4.10 | 123.00\n"
        "99001234 | Grease, 400 g cartridge | 5 | ea | 6.00 | 30.00\n\n"
        "Total $153.00\n\nSent from my iPhone\n"
    )
    assert _lines(_order(body)) == [
        ("KL-7720", Decimal("30"), Decimal("4.10"), Decimal("123.00")),
        ("99001234", Decimal("5"), Decimal("6.00"), Decimal("30.00")),
    ]


# --- a lone sum, terms with a remark -------------------------------------------------------------

DUTCH_BODY = (
    "Beste heer Jansen,\n\nHierbij bestellen wij onder ordernummer 771203 het volgende:\n\n"
    "  40 stuks   KB.M6X20.Z   Inbusbout M6x20, verzinkt   à € 0,50   = € 20,00\n"
    "  3 stuks    5100-330     Koelvloeistof, 5 l          à € 12,00  = € 36,00\n\n"
    "Totaal excl. btw: € 56,00\n\nBetaling: 30 dagen netto, zoals afgesproken.\n\n"
    "Met vriendelijke groet,\nP. de Vries\n"
)


def test_a_lone_sum_under_the_items_is_the_total() -> None:
    """Read by the totals block as on any order; the signature's tax number is no tax."""
    order = _order(DUTCH_BODY + "Van der Berg B.V.\nKvK 24318807 | BTW NL8123.45.678.B01\n")
    assert (order.subtotal, order.total) == (None, Decimal("56.00"))
    assert order.payment_terms == "30 dagen netto"


def test_a_wrapped_sentence_of_items_is_read_as_one() -> None:
    wrapped = SENTENCE_BODY.replace("(Grease 400 g) at", "(Grease 400 g) at\n").replace(
        "at $89.00 =", "at $89.00 =\n"
    )
    assert _lines(_order(wrapped)) == _lines(_order(SENTENCE_BODY))
    assert len(_order(wrapped).lines) == 3


def test_items_a_line_each_are_not_joined() -> None:
    order = _order("Please send:\n- 2x KL-7720 at 4.10 = 8.20,\n- 3x RT-55 at 9.99 = 29.97\n")
    assert [ln.sku for ln in order.lines] == ["KL-7720", "RT-55"]


def test_signature_lines_with_pipes_but_unlike_cells_are_no_table() -> None:
    text = (
        "K. Olsen | Buyer | Harbour Tools Ltd.\nT +44 131 000 | www.example.net | VAT GB1 | Leith"
    )
    assert align_pipe_columns(text) == text
