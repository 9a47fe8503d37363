"""Order lines typed as running text: the forms people write, what is not an item, e2e by mail.

Real parts throughout: `text_to_page` builds the char-grid page an e-mail body becomes, and the
end-to-end tests run the whole extraction (`extract_email` with the real `extract_document`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.email import extract_email
from extractors.fields import extract_raw
from extractors.free_text import free_text_lines, line_item
from extractors.pipeline import extract_document
from extractors.reading import text_to_page
from poflow.domain import ExtractionContext, InputKind, OrderLine, PageText, Word


def _rows(text: str) -> list[dict[str, str]]:
    return [{k: v.text for k, v in row.items()} for row in free_text_lines([text_to_page(text)])]


def _row(text: str) -> dict[str, str]:
    rows = _rows(text)
    assert len(rows) == 1, rows
    return rows[0]


# (line, expected columns as printed); columns not listed must be absent.
LINES = [
    (
        "20 x GB-9001  Hi-vis vest, orange, size XL  @ 3.20 GBP = 64.00",
        {"sku": "GB-9001", "quantity": "20", "unit_price": "3.20", "amount": "64.00",
         "description": "Hi-vis vest, orange, size XL"},
    ),
    (
        "12 x GB-8120  Copper earth tape 25 x 3 mm  @ 12.80 GBP = 153.60",
        {"sku": "GB-8120", "quantity": "12", "unit_price": "12.80", "amount": "153.60",
         "description": "Copper earth tape 25 x 3 mm"},
    ),
    (
        "5 x GB-9100  Pallet truck 2500 kg, 1150 mm forks  @ 349.00 GBP = 1,745.00",
        {"sku": "GB-9100", "quantity": "5", "unit_price": "349.00", "amount": "1,745.00",
         "description": "Pallet truck 2500 kg, 1150 mm forks"},
    ),
    (
        "GB-9001 – Hi-vis vest – qty 20 – 3.20 each – 64.00",
        {"sku": "GB-9001", "quantity": "20", "unit_price": "3.20", "amount": "64.00",
         "description": "Hi-vis vest"},
    ),
    (
        "2 pcs AX-1000 (hex bolt) at $0.42/ea",
        {"sku": "AX-1000", "quantity": "2", "unit": "pcs", "unit_price": "0.42",
         "description": "hex bolt"},
    ),
    (
        "Item AX-1000, quantity 250, unit price 0.42, total 105.00",
        {"sku": "AX-1000", "quantity": "250", "unit_price": "0.42", "amount": "105.00"},
    ),
    (
        "- 5 × SF-1122 Nitrile gloves 14,20 € = 71,00 €",
        {"sku": "SF-1122", "quantity": "5", "unit_price": "14,20", "amount": "71,00",
         "description": "Nitrile gloves"},
    ),
    (
        "Art.-Nr. 4711-220: 10 Stück à 12,50 EUR = 125,00 EUR",
        {"sku": "4711-220", "quantity": "10", "unit": "Stück", "unit_price": "12,50",
         "amount": "125,00"},
    ),
    (
        "3 Stk. Art.-Nr. 12345 Schraube je 1,20 €",
        {"sku": "12345", "quantity": "3", "unit": "Stk", "unit_price": "1,20",
         "description": "Schraube"},
    ),
    (
        "Menge: 5, Artikel 4711-220, Einzelpreis 12,50 EUR",
        {"sku": "4711-220", "quantity": "5", "unit_price": "12,50"},
    ),
    (
        "Réf. FR-220 : 12 pièces à 3,50 € = 42,00 €",
        {"sku": "FR-220", "quantity": "12", "unit": "pièces", "unit_price": "3,50",
         "amount": "42,00"},
    ),
    (
        "6 uds. de ES-100 Guantes a 4,50 € = 27,00 €",
        {"sku": "ES-100", "quantity": "6", "unit": "uds", "unit_price": "4,50",
         "amount": "27,00", "description": "Guantes"},
    ),
    (
        "10 件 CN-1001 单价 ¥12.00 金额 ¥120.00",
        {"sku": "CN-1001", "quantity": "10", "unit": "件", "unit_price": "12.00",
         "amount": "120.00"},
    ),
    (
        "CN-1001 六角螺栓 M8 数量：500 单价：0.35 金额：175.00",
        {"sku": "CN-1001", "quantity": "500", "unit_price": "0.35", "amount": "175.00",
         "description": "六角螺栓 M8"},
    ),
    (
        "1) 4 x HX-200 Hammer drill @ 89.00",
        {"line_no": "1", "sku": "HX-200", "quantity": "4", "unit_price": "89.00",
         "description": "Hammer drill"},
    ),
    (
        "2. 3 pcs KB-12 Keyboard at 19.90 each",
        {"line_no": "2", "sku": "KB-12", "quantity": "3", "unit": "pcs",
         "unit_price": "19.90", "description": "Keyboard"},
    ),
    (
        "#3 10 x ZZ-9 Widget @ $1,250.00 = $12,500.00",
        {"line_no": "3", "sku": "ZZ-9", "quantity": "10", "unit_price": "1,250.00",
         "amount": "12,500.00", "description": "Widget"},
    ),
    (
        "AX-1000 Hex bolt M8x40 250 0.42 105.00",
        {"sku": "AX-1000", "quantity": "250", "unit_price": "0.42", "amount": "105.00",
         "description": "Hex bolt M8x40"},
    ),
    (
        "Qty 2 of part 77-1234-5 Pump seal kit at USD 45.00 each",
        {"sku": "77-1234-5", "quantity": "2", "unit_price": "45.00",
         "description": "Pump seal kit"},
    ),
    (
        "• 100 Stk. 8801301 Sechskantmutter M8 je 0,05 EUR",
        {"sku": "8801301", "quantity": "100", "unit": "Stk", "unit_price": "0,05",
         "description": "Sechskantmutter M8"},
    ),
    (
        "20 x Hi-vis vest @ 3.20",
        {"quantity": "20", "unit_price": "3.20", "description": "Hi-vis vest"},
    ),
    (
        "Hi-vis vest GB-9001, 20 pcs, 3.20 each",
        {"sku": "GB-9001", "quantity": "20", "unit": "pcs", "unit_price": "3.20",
         "description": "Hi-vis vest"},
    ),
    (
        "Please send 12 x GB-8120 copper tape @ 12.80",
        {"sku": "GB-8120", "quantity": "12", "unit_price": "12.80",
         "description": "copper tape"},
    ),
    (
        "20 x AX-1000 @ 3.20 less 10% = 57.60",
        {"sku": "AX-1000", "quantity": "20", "unit_price": "3.20", "amount": "57.60",
         "description": "less 10%"},
    ),
    (
        "20 x 3.20 = 64.00",
        {"quantity": "20", "unit_price": "3.20", "amount": "64.00"},
    ),
    (
        "P00733   Safety relay 24 V DC, 2 NO    3    86.00    258.00",
        {"sku": "P00733", "quantity": "3", "unit_price": "86.00", "amount": "258.00",
         "description": "Safety relay 24 V DC, 2 NO"},
    ),
    (
        "250 AX-1000 hex bolts",
        {"sku": "AX-1000", "quantity": "250", "description": "hex bolts"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("line", "expected"), LINES, ids=[line for line, _ in LINES])
def test_line_forms(line: str, expected: dict[str, str]) -> None:
    assert _row(line) == expected


NOT_ITEMS = [
    "Our PO number: NW361719",
    "Order date: 5 June 2026",
    "Requested delivery: 05.07.2026",
    "Subtotal: 1,962.60 GBP",
    "Total: 1,962.60 GBP",
    "Total incl. VAT: 1.234,56 EUR",
    "Zwischensumme 125,00 EUR",
    "VAT 20%: 392.52",
    "合计 ¥120.00",
    "Shipping: 15.00",
    "Goods In, Bay 7",
    "Bristol BS2 0QT",
    "Unit 12, Meridian Park",
    "Leicester LE19 1WZ",
    "9000 St. Gallen",
    "Bahnhofstrasse 52, 6300 Zug",
    "Tel: +44 117 496 0000",
    "Tel. +49 89 1234 5678",
    "IBAN DE89 3704 0044 0532 0130 00",
    "VAT no. GB123456789",
    "Order 4500012345 for 3 pallets",
    "Please deliver 20 pallets by Friday",
    "Please deliver by 05.07.2026: 20 x AX-1000",
    "3 items, total 105.00",
    "Payment terms: 2% 10 days, net 30",
    "Kind regards,",
    "J. Miller",
]


@pytest.mark.parametrize("line", NOT_ITEMS)
def test_not_an_item(line: str) -> None:
    assert _rows(line) == []


BODY = """Hello,

Our PO number: NW361719
Order date: 5 June 2026
Requested delivery: 5 July 2026

20 x GB-9001  Hi-vis vest, orange, size XL  @ 3.20 GBP = 64.00
12 x GB-8120  Copper earth tape 25 x 3 mm  @ 12.80 GBP
5 x GB-9100  Pallet truck 2500 kg, 1150 mm forks  @ 349.00 GBP = 1,745.00

Subtotal: 1,962.60 GBP
Total: 1,962.60 GBP

Please deliver to:
Goods In, Bay 7
Riverside Trading Estate
Bristol BS2 0QT
United Kingdom

Kind regards,
J. Miller
"""


def test_body_lines_in_document_order() -> None:
    rows = _rows(BODY)
    assert [r["sku"] for r in rows] == ["GB-9001", "GB-8120", "GB-9100"]
    assert "amount" not in rows[1]  # not printed: never computed


TWO_LINE_ITEMS = """Please supply:

1. GB-9001 Hi-vis vest, orange, size XL
   Qty: 20  Price: 3.20 GBP  Total: 64.00 GBP
2. GB-8120 Copper earth tape 25 x 3 mm
   Qty: 12  Price: 12.80 GBP  Total: 153.60 GBP

Article: AX-1000 Hex bolt M8x40
Quantity: 250 pcs, unit price 0.42 EUR

Total: 217.60 GBP
"""


def test_items_over_two_lines_take_code_and_text_from_the_first() -> None:
    assert _rows(TWO_LINE_ITEMS) == [
        {"line_no": "1", "sku": "GB-9001", "description": "Hi-vis vest, orange, size XL",
         "quantity": "20", "unit_price": "3.20", "amount": "64.00"},
        {"line_no": "2", "sku": "GB-8120", "description": "Copper earth tape 25 x 3 mm",
         "quantity": "12", "unit_price": "12.80", "amount": "153.60"},
        {"sku": "AX-1000", "description": "Hex bolt M8x40", "quantity": "250", "unit": "pcs",
         "unit_price": "0.42"},
    ]  # fmt: skip


def test_a_code_line_after_a_blank_line_is_no_heading() -> None:
    rows = _rows("Ref NW361719\n\n20 x Hi-vis vest @ 3.20\n")
    assert rows == [{"quantity": "20", "unit_price": "3.20", "description": "Hi-vis vest"}]


def test_evidence_is_the_union_of_the_words_and_their_lowest_confidence() -> None:
    words = (
        Word("20", 10, 50, 22, 60, 0.95),
        Word("x", 25, 50, 30, 60, 0.9),
        Word("AX-1000", 35, 50, 80, 60, 0.7),
        Word("Hex", 85, 50, 100, 60, 0.99),
        Word("bolt", 104, 50, 125, 60, 0.8),
        Word("@", 130, 50, 136, 60, 0.9),
        Word("0.42", 140, 49, 160, 61, 0.6),
    )
    page = PageText(2, 600, 800, words, "ocr", unit="px")
    (row,) = free_text_lines([page])
    assert row["sku"].bbox == (35, 50, 80, 60) and row["sku"].confidence == 0.7
    assert row["description"].text == "Hex bolt"
    assert row["description"].bbox == (85, 50, 125, 60)
    assert row["description"].confidence == 0.8
    assert row["unit_price"].page == 2 and row["unit_price"].confidence == 0.6


def test_extract_raw_reads_typed_lines_when_there_is_no_table() -> None:
    raw = extract_raw([text_to_page(BODY)], ExtractionContext())
    assert [r["quantity"].text for r in raw.lines] == ["20", "12", "5"]


# --- generated lines: what is printed is read back exactly ----------------------------------

_SKUS = st.from_regex(r"[A-Z]{2}-[0-9]{3,5}", fullmatch=True)
_DESCRIPTIONS = st.lists(
    st.sampled_from(["Hex", "bolt", "vest", "orange", "Nitrile", "gloves", "steel", "M8x40"]),
    min_size=1,
    max_size=4,
).map(" ".join)


def _german(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@settings(max_examples=60, deadline=None)
@given(
    quantity=st.integers(1, 5000),
    cents=st.integers(1, 99999),
    sku=_SKUS,
    description=_DESCRIPTIONS,
    form=st.sampled_from(
        [
            "{q} x {sku} {d} @ {p} = {a}",
            "{sku} – {d} – qty {q} – {p} each – {a}",
            "- {q} pcs {sku} {d} at {p} = {a}",
            "Item {sku}, quantity {q}, unit price {p}, total {a}",
            "{sku} {d} {q} {p} {a}",
            "Art.-Nr. {sku}: {q} Stück {d} à {pde} EUR = {ade} EUR",
            "{q} 件 {sku} 单价 ¥{p} 金额 ¥{a}",
        ]
    ),
)
def test_generated_lines_read_back(
    quantity: int, cents: int, sku: str, description: str, form: str
) -> None:
    price = Decimal(cents) / 100
    amount = (price * quantity).quantize(Decimal("0.01"))
    printed = {"p": f"{price:,.2f}", "a": f"{amount:,.2f}", "pde": _german(price)}
    printed["ade"] = _german(amount)
    line = form.format(q=quantity, sku=sku, d=description, **printed)
    row = _row(line)
    assert (row["sku"], row["quantity"]) == (sku, str(quantity))
    german = "pde" in form
    assert row["unit_price"] == printed["pde" if german else "p"]
    assert row["amount"] == printed["ade" if german else "a"]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="abcXYZ0123456789 .,-:/@x€$", max_size=60))
def test_any_line_read_as_item_has_a_quantity_and_a_code_or_price(text: str) -> None:
    words = text_to_page(text).words
    row = line_item(words, 1)
    if row is not None:
        assert "quantity" in row and ("sku" in row or "unit_price" in row)


# --- end to end: a typed order e-mail ------------------------------------------------------


def _eml(body: str) -> bytes:
    message = EmailMessage()
    message["From"] = "J. Miller <buyer@example.net>"
    message["To"] = "orders@acme-supply.example"
    message["Subject"] = "Order"
    message["Date"] = "Thu, 04 Jun 2026 15:10:00 +0000"
    message.set_content(body)
    return message.as_bytes()


def test_typed_order_email_end_to_end() -> None:
    order = extract_email(_eml(BODY), "po.eml", ExtractionContext(), extract_document)
    assert order.kind == InputKind.EMAIL_BODY
    assert order.po_number == "NW361719"
    assert order.order_date == date(2026, 6, 5)
    assert [(ln.sku, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("GB-9001", Decimal("20"), Decimal("3.20"), Decimal("64.00")),
        ("GB-8120", Decimal("12"), Decimal("12.80"), None),
        ("GB-9100", Decimal("5"), Decimal("349.00"), Decimal("1745.00")),
    ]
    assert order.lines[0].description == "Hi-vis vest, orange, size XL"
    assert order.total == Decimal("1962.60")


GERMAN_BODY = """Guten Tag,

bitte liefern Sie gemäß unserer Bestellung 4500012345:

1) Art.-Nr. 4711-220: 10 Stück à 12,50 EUR = 125,00 EUR
2) Art.-Nr. 4711-310: 4 Stück à 7,25 EUR = 29,00 EUR

Lieferanschrift:
Kessler & Söhne KG
Industriestraße 12
70565 Stuttgart

Mit freundlichen Grüßen
"""


def test_german_typed_order_end_to_end() -> None:
    order = extract_email(_eml(GERMAN_BODY), "po.eml", ExtractionContext(), extract_document)
    assert [
        OrderLine(ln.line_no, ln.sku, None, ln.quantity, None, ln.unit_price, ln.amount)
        for ln in order.lines
    ] == [
        OrderLine(1, "4711-220", None, Decimal("10"), None, Decimal("12.50"), Decimal("125.00")),
        OrderLine(2, "4711-310", None, Decimal("4"), None, Decimal("7.25"), Decimal("29.00")),
    ]


FRENCH_BODY = """Bonjour,

Veuillez trouver notre commande n° BC-2026-0412 :

- Réf. FR-220 : 12 pièces à 3,50 € = 42,00 €
- Réf. FR-310 : 2 pièces à 125,00 € = 250,00 €

Total HT : 292,00 €

Adresse de livraison :
Atelier Lemoine SARL
14 rue des Artisans
69003 Lyon

Cordialement,
Marie Lemoine
"""


def test_french_typed_order_end_to_end_and_sign_off_is_not_ship_to() -> None:
    order = extract_email(_eml(FRENCH_BODY), "po.eml", ExtractionContext(), extract_document)
    assert order.po_number == "BC-2026-0412"
    assert order.currency == "EUR"
    assert [(ln.sku, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("FR-220", Decimal("12"), Decimal("3.50"), Decimal("42.00")),
        ("FR-310", Decimal("2"), Decimal("125.00"), Decimal("250.00")),
    ]
    assert order.ship_to is not None and order.ship_to.endswith("69003 Lyon")


def test_each_between_quantity_and_price_is_the_quantitys_unit() -> None:
    row = _row("ITM-43428 TL-7781 Carbide end mill 1/2 in, 4 flute  10 ea  42.60  426.00")
    assert (row["quantity"], row["unit_price"], row["amount"]) == ("10", "42.60", "426.00")


def test_an_ocr_price_that_lost_its_point_stays_in_its_place() -> None:
    """ "10 EA 1.92 19.20" read "192 19.20": in print order the price lost its point (the
    arithmetic holds a power of ten off), rather than the amount printed before the price."""
    texts = ["MRP-55020", "Carriage", "bolt", "1/2", "x", "6", "in", "10", "EA", "192", "19.20"]

    def words(confidence: float) -> tuple[Word, ...]:
        return tuple(
            Word(t, 10.0 * i, 0, 10.0 * i + 8, 10, confidence) for i, t in enumerate(texts)
        )

    ocr = line_item(words(0.9), 1)
    assert ocr is not None
    assert (ocr["quantity"].text, ocr["unit_price"].text, ocr["amount"].text) == (
        "10",
        "192",
        "19.20",
    )
    printed = line_item(words(1.0), 1)  # a text layer reads what is printed: no point lost
    assert printed is not None and printed["unit_price"].text == "19.20"


def test_digits_grouped_by_a_space_are_one_number_when_the_arithmetic_holds() -> None:
    row = _row("- Réf. FR-220 – Vis M6x20 – 1 000 U x 0,24 € = 240,00 €")
    assert (row["quantity"], row["unit_price"], row["amount"]) == ("1 000", "0,24", "240,00")
    row = _row("5 x AX-1000 Profile 20 100 mm @ 2.00 = 10.00")  # a size, not 20100
    assert (row["quantity"], row["unit_price"], row["amount"]) == ("5", "2.00", "10.00")


def test_numbers_of_a_line_that_does_not_add_up_are_unsure() -> None:
    """Which number is which was told by cue words alone, and the arithmetic says no."""
    (row,) = free_text_lines([text_to_page("3 x AX-1000 Hex bolt @ 2.00 = 7.00")])
    assert all(row[name].confidence < 0.9 for name in ("quantity", "unit_price", "amount"))
    (row,) = free_text_lines([text_to_page("3 x AX-1000 Hex bolt @ 2.00 = 6.00")])
    assert all(row[name].confidence == 1.0 for name in ("quantity", "unit_price", "amount"))
