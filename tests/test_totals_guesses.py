"""Totals that are guesses: a net value printed as the only total becomes the order total
only when the document confirms it (else it stays a subtotal, the order has no total and
goes to review); a total label with only a bare number beside it gives that number, for
the arithmetic to confirm or contradict."""

from __future__ import annotations

from dataclasses import replace

from extractors.fields import extract_raw
from poflow.domain import ExtractionContext
from tests.fields_helpers import page

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.",))
UNSURE = 0.3  # OCR's confidence in a reading it garbled

HEADER = (
    300,
    [(40, "Item"), (100, "Description"), (330, "Qty"), (420, "Unit Price"), (500, "Amount")],
)
TABLE = [
    HEADER,
    (315, [(40, "AX-1000"), (100, "Hex bolt M8x40"), (335, "250"), (440, "0.42"), (505, "105.00")]),
    (330, [(40, "AX-1010"), (100, "Hex nut M8"), (335, "100"), (440, "0.12"), (510, "12.00")]),
]
NET = (400, [(40, "Total net value excl. tax"), (450, "EUR"), (505, "117.00")])


def totals_of(rows: list[tuple[float, list[tuple[float, str]]]]) -> dict[str, str]:
    raw = extract_raw([page(rows)], CONTEXT)
    return {f: raw.header[f].text for f in ("subtotal", "tax", "total") if f in raw.header}


def test_net_value_the_lines_add_up_to_and_nothing_else_printed_is_the_total() -> None:
    assert totals_of([*TABLE, NET]) == {"total": "117.00"}


def test_an_amount_under_an_unknown_label_keeps_the_net_value_a_subtotal() -> None:
    # Labels the vocabulary does not know: the 125.19 may well be the real total.
    rows = [
        *TABLE,
        NET,
        (415, [(40, "Environmental levy"), (515, "8.19")]),
        (430, [(40, "Balance"), (505, "125.19")]),
    ]
    assert totals_of(rows) == {"subtotal": "117.00"}


def test_a_second_amount_on_the_net_value_line_keeps_it_a_subtotal() -> None:
    rows = [*TABLE, (400, [(40, "Total net value excl. tax"), (300, "117.00"), (505, "141.57")])]
    assert "total" not in totals_of(rows)


def test_lines_that_do_not_add_up_to_the_net_value_keep_it_a_subtotal() -> None:
    rows = [*TABLE, (400, [(40, "Total net value excl. tax"), (505, "171.00")])]
    assert totals_of(rows) == {"subtotal": "171.00"}


def test_lines_without_printed_amounts_confirm_the_net_value_by_quantity_times_price() -> None:
    header = (300, [(40, "Item"), (100, "Description"), (330, "Qty"), (420, "Unit Price")])
    rows = [
        header,
        (315, [(40, "AX-1000"), (100, "Hex bolt M8x40"), (335, "250"), (440, "0.42")]),
        (330, [(40, "AX-1010"), (100, "Hex nut M8"), (335, "100")]),  # no price to add up
    ]
    net = (400, [(40, "Total net value excl. tax"), (505, "105.00")])
    assert totals_of([*rows[:2], net]) == {"total": "105.00"}
    assert totals_of([*rows, net]) == {"subtotal": "105.00"}
    other = (400, [(40, "Total net value excl. tax"), (505, "150.00")])
    assert totals_of([*rows[:2], other]) == {"subtotal": "150.00"}


def test_a_total_whose_cents_a_smudge_ate_is_read_as_the_bare_number() -> None:
    rows = [
        *TABLE,
        (400, [(300, "Merchandise"), (505, "117.00")]),
        (415, [(300, "Order Total (USD)"), (520, "74")]),
    ]
    assert totals_of(rows) == {"subtotal": "117.00", "total": "74"}


def test_a_bare_number_never_beats_a_total_amount() -> None:
    rows = [
        *TABLE,
        (400, [(300, "Total quantity"), (520, "350")]),
        (415, [(300, "Grand total"), (505, "117.00")]),
    ]
    assert totals_of(rows)["total"] == "117.00"


def test_a_total_label_over_the_item_sum_before_the_final_total_is_the_subtotal() -> None:
    """'Total HT' with the 'HT' lost to OCR, then the tax and 'Total TTC'."""
    rows = [
        *TABLE,
        (400, [(300, "Total"), (505, "117.00")]),
        (415, [(300, "TVA20%"), (510, "23.40")]),
        (430, [(300, "Total TTC"), (505, "140.40")]),
    ]
    found = totals_of(rows)
    assert found["subtotal"] == "117.00" and found["total"] == "140.40"


def test_an_earlier_total_the_items_do_not_add_up_to_stays_out() -> None:
    rows = [
        *TABLE,
        (400, [(300, "Total"), (505, "118.00")]),
        (430, [(300, "Total TTC"), (505, "140.40")]),
    ]
    assert totals_of(rows) == {"total": "140.40"}


def _french(tax: str) -> list[tuple[float, list[tuple[float, str]]]]:
    return [
        *TABLE,
        (400, [(300, "Total HT"), (505, "117,00 €")]),
        (415, [(300, "Frais de port HT"), (510, "25,00 €")]),
        (430, [(300, "TVA 20 %"), (505, tax)]),
        (445, [(300, "Net à payer TTC"), (505, "165,40 €")]),
    ]


def test_a_tax_whose_decimal_mark_ocr_lost_is_the_amount_the_sum_leaves() -> None:
    assert totals_of(_french("23040"))["tax"] == "23,40"  # the comma read as a 0
    assert totals_of(_french("2340"))["tax"] == "23,40"  # the comma lost


def test_a_bare_number_with_other_digits_is_no_tax() -> None:
    assert "tax" not in totals_of(_french("23050"))
    assert "tax" not in totals_of(_french("20"))


def test_a_tax_word_in_a_totals_own_label_is_no_tax_line() -> None:
    """The colon would make "VAT:" a label of its own, its amount the tax."""
    for label in ("Total excluding VAT:", "Summe netto ohne USt:", "Totaal exclusief btw:"):
        rows = [*TABLE, (400, [(300, label), (505, "117.00")])]
        assert totals_of(rows) == {"total": "117.00"}, label


def test_a_tax_registration_number_under_the_totals_keeps_the_net_value_the_total() -> None:
    """A footer's "VAT Reg No" or a signature's "BTW NL…" is no tax whose amount was lost."""
    for footer in ("BTW NL8123.45.678.B01", "VAT Reg No: GB 123 4567 89"):
        rows = [*TABLE, NET, (600, [(40, "KvK 24318807"), (200, footer)])]
        assert totals_of(rows) == {"total": "117.00"}, footer


def test_a_tax_label_with_an_unreadable_amount_keeps_the_net_value_a_subtotal() -> None:
    rows = [*TABLE, NET, (415, [(300, "VAT 20 %"), (505, "2B.4O")])]
    assert totals_of(rows) == {"subtotal": "117.00"}


def test_a_figure_ocr_split_off_an_amount_is_joined_to_it_again() -> None:
    rows = [
        *TABLE,
        (400, [(400, "Subtotal"), (505, "117.00")]),
        (415, [(400, "Freight"), (493, "£1"), (505, "20.00")]),  # touching: one word printed
        (430, [(400, "Total"), (505, "237.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.header["shipping"].text == "£120.00"
    apart = [*rows[:-2], (415, [(400, "Freight"), (480, "1"), (505, "20.00")]), rows[-1]]
    assert extract_raw([page(apart)], CONTEXT).header["shipping"].text == "20.00"


def test_a_subtotal_ocr_could_not_read_is_the_item_sum_the_total_leaves() -> None:
    rows = [
        *TABLE,
        (400, [(400, "Goods"), (505, "177-00")]),
        (415, [(400, "Tax"), (505, "23.40")]),
        (430, [(400, "Total"), (505, "140.40")]),
    ]
    raw = extract_raw([page(rows, confidence=UNSURE)], CONTEXT)
    assert raw.header["subtotal"].text == "117.00"
    assert raw.header["subtotal"].confidence < 0.9  # taken on the sums, not read
    other = [*rows[:-1], (430, [(400, "Total"), (505, "150.40")])]  # sums disagree: no guess
    assert "subtotal" not in extract_raw([page(other, confidence=UNSURE)], CONTEXT).header
    assert "subtotal" not in extract_raw([page(rows)], CONTEXT).header  # printed so


def test_a_tax_ocr_could_not_read_is_its_rate_of_the_subtotal_when_the_total_agrees() -> None:
    rows = [
        *TABLE,
        (400, [(400, "Total HT"), (505, "117,00")]),
        (415, [(400, "TVA 20 %"), (505, "2A40 ¢")]),
        (430, [(400, "Net à payer"), (505, "140,40")]),
    ]
    tax = extract_raw([page(rows, confidence=UNSURE)], CONTEXT).header.get("tax")
    assert tax is None  # "2A40": a letter, so words, not figures OCR garbled
    rows[-2] = (415, [(400, "TVA 20 %"), (505, "2390 ¢")])
    tax = extract_raw([page(rows, confidence=UNSURE)], CONTEXT).header["tax"]
    assert tax.text == "23,40" and tax.confidence < 0.9
    rows[-2] = (415, [(400, "TVA 10 %"), (505, "2390 ¢")])  # 11,70 by the rate: no guess
    assert "tax" not in extract_raw([page(rows, confidence=UNSURE)], CONTEXT).header


def test_a_totals_label_after_its_native_version_ocr_garbled_is_still_the_label() -> None:
    rows = [
        *TABLE,
        (400, [(400, "/\\et Sub Total"), (505, "117.00")]),  # 小計 Sub Total
        (415, [(400, "Bit Total (USD)"), (505, "117.00")]),  # 合計 Total
    ]
    words = [
        replace(w, confidence=0.0 if w.text in ("/\\et", "Bit") else 0.95) for w in page(rows).words
    ]
    raw = extract_raw([replace(page(rows), words=tuple(words))], CONTEXT)
    assert (raw.header["subtotal"].text, raw.header["total"].text) == ("117.00", "117.00")
    sure = extract_raw([page(rows)], CONTEXT)  # words read surely: a sentence, not a label
    assert "subtotal" not in sure.header


def test_a_tax_word_beside_total_is_the_tax_not_the_total() -> None:
    # "VAT total: 19.80" sums the tax; "Due payable" is the total (GnuAccounting's print).
    rows = [
        *TABLE,
        (400, [(40, "Net total:"), (505, "117.00")]),
        (415, [(60, "VAT total:"), (510, "22.23")]),
        (430, [(40, "Due payable:"), (505, "139.23")]),
    ]
    assert totals_of(rows) == {"subtotal": "117.00", "tax": "22.23", "total": "139.23"}


def test_the_tax_that_makes_the_sum_beats_a_rate_row_printed_later() -> None:
    # A surcharge table under the totals: "7 % USt. 5,80" is one row's tax, not the order's.
    rows = [
        *TABLE,
        (400, [(200, "Rechnungssumme ohne USt."), (505, "117.00")]),
        (415, [(200, "Steuerbetrag"), (510, "22.23")]),
        (430, [(200, "Bruttosumme"), (505, "139.23")]),
        (470, [(40, "Zuschlag Versand"), (250, "137,30"), (330, "7 % USt."), (510, "5.80")]),
    ]
    assert totals_of(rows) == {"subtotal": "117.00", "tax": "22.23", "total": "139.23"}
