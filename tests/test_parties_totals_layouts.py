"""Party blocks and totals on layouts with traits first met on the blind set: a letter-spaced
document title, wrapped legal forms, a contact person beside "Buyer", instruction sentences
under a ship-to address, totals labels wrapped beside their amount, a net value as the only
total."""

from __future__ import annotations

from extractors.fields import extract_raw
from poflow.domain import ExtractionContext
from tests.fields_helpers import page

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.", "Acme Supply GmbH", "Acme"))

TABLE = [
    (300, [(40, "Item"), (100, "Description"), (330, "Qty"), (420, "Unit Price"), (500, "Amount")]),
    (315, [(40, "AX-1000"), (100, "Hex bolt M8x40"), (335, "250"), (440, "0.42"), (505, "105.00")]),
]


def test_document_title_is_never_the_customer_name() -> None:
    rows = [
        (40, [(40, "Van der Berg Techniek B.V.")]),
        (55, [(40, "Havenweg 31")]),
        (90, [(40, "I N K O O P O R D E R")]),  # letter-spaced heading, taller than the name
        (110, [(40, "Ordernummer"), (160, "675171")]),
    ]
    built = page(rows)
    title = [w for w in built.words if w.top == 90]
    taller = [w.__class__(w.text, w.x0, w.top - 8, w.x1, w.bottom + 8) for w in title]
    words = tuple(w for w in built.words if w.top != 90) + tuple(taller)
    raw = extract_raw([built.__class__(1, 595, 842, words, "text_layer")], CONTEXT)
    assert raw.header["customer_name"].text == "Van der Berg Techniek B.V."
    assert raw.header["po_number"].text == "675171"


def test_name_without_the_separators_printed_after_it() -> None:
    rows = [(40, [(40, "Kessler & Söhne KG ·"), (160, "Am Mühlbach 3 · 80331 München")])]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["customer_name"].text == "Kessler & Söhne KG"


def test_contact_person_beside_buyer_is_not_the_customer() -> None:
    rows = [
        (40, [(40, "Pemberton Engineering plc")]),
        (70, [(40, "Buyer"), (120, "J. Miller")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["customer_name"].text == "Pemberton Engineering plc"


def test_wrapped_legal_form_stays_with_the_name() -> None:
    rows = [
        (40, [(40, "Billing address"), (300, "Shipping address")]),
        (55, [(40, "Hudson Valley Fabrication"), (300, "Hudson Valley Fabrication")]),
        (68, [(40, "Inc."), (300, "Inc.")]),
        (81, [(40, "418 River Street"), (300, "418 River Street")]),
        (94, [(40, "Kingston, NY 12401"), (300, "Kingston, NY 12401")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["customer_name"].text == "Hudson Valley Fabrication Inc."
    assert raw.header["ship_to"].text == "418 River Street\nKingston, NY 12401"


def test_ship_to_keeps_its_site_line_and_ends_before_instructions() -> None:
    rows = [
        (40, [(40, "Bergmann Maschinenbau GmbH")]),
        (100, [(40, "Please deliver to:")]),
        (115, [(40, "Bergmann Maschinenbau GmbH")]),
        (130, [(40, "Werk 2, Tor 4")]),
        (145, [(40, "Hafenstraße 77")]),
        (160, [(40, "28217 Bremen")]),
        (175, [(40, "Anlieferung Mo.-Fr. 7:00-14:30 Uhr, bitte Bestell-Nr. angeben")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["ship_to"].text == "Werk 2, Tor 4\nHafenstraße 77\n28217 Bremen"


def test_ship_to_ends_before_a_sentence() -> None:
    rows = [
        (40, [(40, "Pemberton Engineering plc")]),
        (100, [(40, "Ship To:")]),
        (115, [(40, "Unit 4, Castle Park")]),
        (130, [(40, "Leeds LS12 6QT")]),
        (145, [(40, "We hereby order the goods below subject to our terms of purchase")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["ship_to"].text == "Unit 4, Castle Park\nLeeds LS12 6QT"


_LETTERHEAD = ("Hudson Valley Fabrication Inc.", "418 River Street", "Kingston, NY 12401", "USA")


def test_totals_labels_wrapped_beside_their_amounts() -> None:
    rows = [
        (400, [(300, "Subtotal (1 item)"), (505, "105.00")]),
        (413, [(300, "Shipping & handling"), (510, "0.00")]),
        (426, [(300, "Estimated sales tax")]),
        (431, [(510, "7.61")]),  # centred on the two label lines
        (436, [(300, "(7.25%)")]),
        (456, [(500, "$112.61")]),  # the total over its currency, the label between
        (462, [(300, "Order total")]),
        (468, [(510, "USD")]),
    ]
    address = [(40 + 13 * i, [(40, text)]) for i, text in enumerate(_LETTERHEAD)]
    raw = extract_raw([page([*address, *TABLE, *rows])], CONTEXT)
    found = {f: raw.header[f].text for f in ("subtotal", "tax", "total") if f in raw.header}
    assert found == {"subtotal": "105.00", "tax": "7.61", "total": "$112.61"}


def test_net_value_as_the_only_total_is_the_order_total() -> None:
    rows = [(400, [(40, "Total net value excl. tax"), (450, "EUR"), (505, "105.00")])]
    raw = extract_raw([page([*TABLE, *rows])], CONTEXT)
    assert raw.header["total"].text == "105.00"
    assert "subtotal" not in raw.header


def test_net_value_stays_the_subtotal_when_a_total_label_is_printed() -> None:
    rows = [
        (400, [(300, "Total Lines"), (505, "105.00")]),
        (415, [(300, "PO Total GBP")]),  # its amount unreadable (a smudge on a scan)
    ]
    raw = extract_raw([page([*TABLE, *rows])], CONTEXT)
    assert raw.header["subtotal"].text == "105.00"
    assert "total" not in raw.header


def test_letterhead_words_spaced_wide_by_ocr_are_one_name() -> None:
    rows = [
        (40, [(40, "Hudson"), (110, "Valley"), (170, "Fabrication"), (260, "Inc.")]),
        (40, [(400, "PURCHASE ORDER")]),
        (60, [(40, "418 River Street")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["customer_name"].text == "Hudson Valley Fabrication Inc."


def test_totals_amount_with_an_ocr_ruling_glued_on() -> None:
    rows = [
        (400, [(40, "合计 Subtotal"), (480, "--¥105.00")]),
        (415, [(40, "价税合计 Total"), (500, "¥118.65")]),
    ]
    raw = extract_raw([page([*TABLE, *rows])], CONTEXT)
    assert raw.header["subtotal"].text == "¥105.00"
    assert raw.header["total"].text == "¥118.65"


def test_ocr_specks_at_address_line_ends_are_dropped() -> None:
    rows = [
        (40, [(40, "Van der Berg Techniek B.V.")]),
        (100, [(40, "Ship To:")]),
        (115, [(40, "- Havenweg 31")]),
        (130, [(40, "3011 AB Rotterdam"), (140, "四")]),
        (145, [(40, "Nederland"), (120, ":")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["ship_to"].text == "Havenweg 31\n3011 AB Rotterdam\nNederland"


def test_a_ship_to_line_boxed_taller_by_ocr_is_no_letterhead() -> None:
    rows = [
        (40, [(40, "Zurcher Feinmechanik GmbH"), (300, "Order no."), (380, "4500013717")]),
        (52, [(40, "Hardturmstrasse 120")]),
        (100, [(40, "Delivery to:")]),
        (112, [(40, "Lager Ost")]),
        (124, [(40, "Industriestrasse 8")]),  # OCR boxed it with specks: 2.6 times as tall
    ]
    built = page([*rows, *TABLE])
    words = tuple(
        w.__class__(w.text, w.x0, w.top - 8, w.x1, w.bottom + 8) if w.top == 124 else w
        for w in built.words
    )
    raw = extract_raw([built.__class__(1, 595, 842, words, "text_layer")], CONTEXT)
    assert raw.header["customer_name"].text == "Zurcher Feinmechanik GmbH"
    assert raw.header["ship_to"].text.splitlines()[:2] == ["Lager Ost", "Industriestrasse 8"]
