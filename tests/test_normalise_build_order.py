"""`build_order`: printed texts of a hand-made raw order to the typed order of contract §2."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from extractors.confidence import calibrate
from extractors.customers import CustomerMatch, match_customer
from extractors.normalise import build_order
from extractors.raw import RAW_HEADER_FIELDS, RAW_LINE_FIELDS, RawOrder, RawValue
from poflow.domain import (
    LINE_FIELDS,
    Customer,
    ExtractionContext,
    InputKind,
    MasterData,
    Product,
)

US = Customer("C0003", "Hudson Valley Fabrication Inc.", ("HV Fabrication",), ("hvfab.com",),
              "US", "USD")  # fmt: skip
DE = Customer("C0002", "Bergmann Maschinenbau GmbH", (), ("bergmann-mb.de",), "DE", "EUR")
CA = Customer("C0006", "Maple Ridge Industrial Supply Ltd.", (), (), "CA", "CAD")
MASTER = MasterData(customers=(US, DE, CA))
CONTEXT = ExtractionContext(master=MASTER, supplier_names=("Acme Supply Co.",))


def _v(text: str, confidence: float = 1.0) -> RawValue:
    return RawValue(text, confidence, page=1, bbox=(10.0, 20.0, 60.0, 30.0))


def _raw(**header: str) -> RawOrder:
    return RawOrder(header={k: _v(v) for k, v in header.items()}, kind=InputKind.TEXT_PDF, pages=1)


def _match(customer: Customer) -> CustomerMatch:
    return CustomerMatch(customer, 0.97, "name", customer.name)


def test_ambiguous_date_follows_the_customers_country() -> None:
    raw = _raw(order_date="03/04/2026", customer_name="Some Buyer")
    assert build_order(raw, _match(US), CONTEXT).order_date == date(2026, 3, 4)
    assert build_order(raw, _match(DE), CONTEXT).order_date == date(2026, 4, 3)


def test_unknown_customer_dates_are_judged_by_the_document() -> None:
    raw = RawOrder(
        header={"order_date": _v("03/04/2026"), "delivery_date": _v("03/25/2026")},
        full_text="Order date 03/04/2026\nDeliver by 03/25/2026",
    )
    assert build_order(raw, None, CONTEXT).order_date == date(2026, 3, 4)
    raw_day_first = RawOrder(header={"order_date": _v("03/04/2026")}, full_text="Date 03/04/2026")
    assert build_order(raw_day_first, None, CONTEXT).order_date == date(2026, 4, 3)


def test_full_order_from_german_printing() -> None:
    raw = RawOrder(
        header={
            "po_number": _v("Nr. 4500012345"),
            "order_date": _v("15. März 2026"),
            "delivery_date": _v("01.04.2026"),
            "customer_name": _v("Bergmann Maschinenbau GmbH"),
            "ship_to": _v("Bergmann Maschinenbau GmbH\nWerk 2, Tor 4\n  Hafenstraße 77 \n"),
            "payment_terms": _v("30 Tage netto"),
            "subtotal": _v("1.234,50 €"),
            "tax": _v("234,56"),
            "total": _v("1.469,06 EUR"),
        },
        lines=(
            {
                "line_no": _v("10"),
                "sku": _v("4711-220"),
                "description": _v("Schraube M8"),
                "quantity": _v("1.000"),
                "unit": _v("Stk"),
                "unit_price": _v("0,425"),
                "amount": _v("425,00"),
            },
            {
                "line_no": _v("20"),
                "sku": _v("7300-020"),
                "quantity": _v("12,5 m"),
                "unit_price": _v("64,72"),
                "amount": _v("809,50"),
            },
        ),
        full_text="Bestellung ... Summe 1.469,06 EUR",
        kind=InputKind.TEXT_PDF,
        pages=2,
    )
    order = build_order(raw, _match(DE), CONTEXT)
    assert order.po_number == "4500012345"
    assert (order.order_date, order.delivery_date) == (date(2026, 3, 15), date(2026, 4, 1))
    assert order.currency == "EUR" and order.customer_id == "C0002"
    assert order.customer_name == "Bergmann Maschinenbau GmbH"
    assert order.ship_to == "Werk 2, Tor 4\nHafenstraße 77"
    assert order.payment_terms == "30 Tage netto"
    assert (order.subtotal, order.tax, order.total) == (
        Decimal("1234.50"),
        Decimal("234.56"),
        Decimal("1469.06"),
    )
    first, second = order.lines
    assert (first.line_no, first.quantity, first.unit, first.unit_price) == (
        10,
        Decimal("1000"),
        "Stk",
        Decimal("0.425"),
    )
    assert (second.quantity, second.unit, second.amount) == (
        Decimal("12.5"),
        "m",
        Decimal("809.50"),
    )
    assert order.to_json()["lines"][0]["quantity"] == "1000"
    assert order.to_json()["lines"][0]["amount"] == "425.00"
    assert order.kind == InputKind.TEXT_PDF and order.pages == 2
    assert order.evidence["lines[1].quantity"].page == 1
    assert order.evidence["po_number"].bbox == (10.0, 20.0, 60.0, 30.0)


def test_dollar_sign_takes_the_customers_dollar_currency() -> None:
    raw = RawOrder(header={"total": _v("$1,234.00")}, full_text="Total $1,234.00")
    assert build_order(raw, _match(CA), CONTEXT).currency == "CAD"
    assert build_order(raw, _match(US), CONTEXT).currency == "USD"
    assert build_order(raw, None, CONTEXT).currency == "USD"


def test_explicit_currency_beats_the_customers() -> None:
    raw = RawOrder(header={"currency": _v("GBP")}, full_text="Prices in GBP, total $ 5")
    assert build_order(raw, _match(US), CONTEXT).currency == "GBP"


def test_no_currency_printed_falls_back_to_customer() -> None:
    raw = RawOrder(header={"total": _v("1,234.00")}, full_text="Total 1,234.00")
    order = build_order(raw, _match(DE), CONTEXT)
    assert order.currency == "EUR" and "currency" in order.evidence


def test_lines_without_sane_numbers_are_renumbered_and_notes_dropped() -> None:
    rows = (
        {"line_no": _v("3"), "sku": _v("A-1"), "quantity": _v("2"), "amount": _v("4.00")},
        {"description": _v("Please deliver to gate 4")},
        {"line_no": _v("1"), "sku": _v("B-2"), "quantity": _v("1"), "amount": _v("9.00")},
    )
    order = build_order(RawOrder(lines=rows), None, CONTEXT)
    assert [ln.line_no for ln in order.lines] == [1, 2]
    assert [ln.sku for ln in order.lines] == ["A-1", "B-2"]
    assert "lines[1].sku" in order.evidence


def test_message_date_stands_in_for_a_missing_order_date() -> None:
    context = ExtractionContext(master=MASTER, message_date=date(2026, 5, 2))
    order = build_order(RawOrder(), None, context)
    assert order.order_date == date(2026, 5, 2)
    assert order.evidence["order_date"].confidence < 0.9


def test_customer_name_is_as_printed_and_id_only_when_confident() -> None:
    raw = _raw(customer_name="HV FABRICATION")
    match = match_customer(raw, CONTEXT)
    order = build_order(raw, match, CONTEXT)
    assert order.customer_name == "HV FABRICATION" and order.customer_id == "C0003"
    weak = CustomerMatch(US, 0.7, "name", "HV FABRICATION")
    assert build_order(raw, weak, CONTEXT).customer_id is None


def test_empty_raw_order_gives_all_nulls() -> None:
    data = build_order(RawOrder(), None, ExtractionContext()).to_json()
    assert data["lines"] == [] and data["evidence"] == {}
    assert all(data[k] is None for k in ("po_number", "order_date", "currency", "total"))


def test_ocr_table_noise_in_lines() -> None:
    rows = (
        {"sku": _v("1 SZ-M6X20", 0.9), "unit": _v("1,200| PCS", 0.8), "amount": _v("¥384.00")},
        {"sku": _v('|8801301"', 0.9), "quantity": _v("4)", 0.9), "amount": _v("¥35.00")},
    )
    order = build_order(RawOrder(lines=rows), None, CONTEXT)
    first, second = order.lines
    assert (first.line_no, first.sku, first.quantity, first.unit) == (1, "SZ-M6X20", 1200, "PCS")
    assert order.evidence["lines[0].quantity"].confidence == 0.8  # read from the unit cell
    assert (second.sku, second.quantity) == ("8801301", 4)


def test_description_overflowing_into_number_cells() -> None:
    row = {"sku": _v("AX-2040"), "quantity": _v("10/"), "unit_price": _v("12.9 $1.35")}
    (line,) = build_order(RawOrder(lines=(row,)), None, CONTEXT).lines
    assert (line.quantity, line.unit_price) == (10, Decimal("1.35"))


def test_ocr_spaces_between_cjk_characters_are_dropped() -> None:
    name, ship_to = "深圳 华信电子有限公司", "深圳市南山区科技园路 88 号\nShenzhen 518057"
    ocr = RawOrder(header={"customer_name": _v(name, 0.9), "ship_to": _v(ship_to, 0.9)})
    order = build_order(ocr, None, CONTEXT)
    assert order.customer_name == "深圳华信电子有限公司"
    assert order.ship_to == "深圳市南山区科技园路88号\nShenzhen 518057"
    text_layer = build_order(_raw(customer_name=name), None, CONTEXT)
    assert text_layer.customer_name == name  # a text layer's spaces are as printed


def test_ocr_dash_before_a_number_is_not_a_minus() -> None:
    rows = (
        {"sku": _v("A-1"), "quantity": _v("10"), "unit_price": _v("24.50", 0.9),
         "amount": _v("—245.00", 0.9)},
        {"sku": _v("DISC"), "quantity": _v("1"), "unit_price": _v("-5.00", 0.9),
         "amount": _v("-5.00", 0.9)},
        {"sku": _v("B-2"), "quantity": _v("1"), "unit_price": _v("5.00"), "amount": _v("-5.00")},
    )  # fmt: skip
    first, credit, printed = build_order(RawOrder(lines=rows), None, CONTEXT).lines
    assert first.amount == Decimal("245.00")
    assert (credit.unit_price, credit.amount) == (Decimal("-5.00"), Decimal("-5.00"))
    assert printed.amount == Decimal("-5.00")  # a text layer's minus is printed


def test_ocr_lost_accents_come_back_from_master_data() -> None:
    fr = Customer("C0013", "Rivière Équipements SAS", ("Rivière Équipements",), (), "FR", "EUR")
    product = Product("7300-015", "Hydrauliköl HLP 46, 20-l-Kanister", "Stk", Decimal("86.40"))
    context = ExtractionContext(master=MasterData(customers=(fr,), products={product.sku: product}))
    row = {"sku": _v("7300-015", 0.9), "description": _v("Hydraulikol HLP 46, 20-l-Kanister", 0.9)}
    raw = RawOrder(header={"customer_name": _v("Riviere Equipements SAS", 0.9)}, lines=(row,))
    order = build_order(raw, CustomerMatch(fr, 0.95, "name"), context)
    assert order.customer_name == "Rivière Équipements SAS"
    confused = RawOrder(header={"customer_name": _v("Riviére Equipements SAS", 0.9)})
    assert build_order(confused, CustomerMatch(fr, 0.95, "name"), context).customer_name == (
        "Rivière Équipements SAS"
    )
    assert order.lines[0].description == "Hydrauliköl HLP 46, 20-l-Kanister"
    text_layer = RawOrder(header={"customer_name": _v("Riviere Equipements SAS")})
    assert build_order(text_layer, CustomerMatch(fr, 0.95, "name"), context).customer_name == (
        "Riviere Equipements SAS"  # printed so: a text layer is not second-guessed
    )


def test_an_ocr_code_that_looks_like_a_catalogue_code_at_its_price_is_that_code() -> None:
    listed = {p.sku: p for p in (Product("P00418", "Bracket", "EA", Decimal("29.40")),
                                 Product("PK-0500", "Packing tape", "EA", Decimal("23.75")),
                                 Product("5-102", "Seal", "EA", Decimal("4.10")),
                                 Product("S-102", "Seal kit", "EA", Decimal("9.00")))}  # fmt: skip
    context = ExtractionContext(master=MasterData(products=listed))

    def read(sku: str, price: str, confidence: float = 0.8) -> str | None:
        row = {"sku": _v(sku, confidence), "quantity": _v("10", confidence),
               "unit_price": _v(price, confidence)}  # fmt: skip
        return build_order(RawOrder(lines=(row,)), None, context).lines[0].sku

    assert read("Poo418", "29.40") == "P00418"
    assert read("Pk-0500°", "23.75") == "PK-0500"  # a speck after it, a small capital
    assert read("Poo418", "31.00") == "Poo418"  # another price: perhaps another product
    assert read("5-1O2", "4.10") == "5-1O2"  # looks like two listed codes: neither is sure
    assert read("Poo418", "29.40", confidence=1.0) == "Poo418"  # a text layer is as printed


def test_an_ocr_slip_in_the_matched_customers_name_takes_the_master_spelling() -> None:
    slipped = RawOrder(header={"customer_name": _v("HupDSON VALLEY FABRICATION INC.", 0.9)})
    assert build_order(slipped, _match(US), CONTEXT).customer_name == US.name
    capitals = RawOrder(header={"customer_name": _v("HUDSON VALLEY FABRICATION INC.", 0.9)})
    assert build_order(capitals, _match(US), CONTEXT).customer_name == (
        "HUDSON VALLEY FABRICATION INC."  # only case differs: as printed
    )
    garbled = RawOrder(header={"customer_name": _v("Hutson Volley Fabricatoin Inc.", 0.9)})
    assert build_order(garbled, _match(US), CONTEXT).customer_name == (
        "Hutson Volley Fabricatoin Inc."  # more than a slip: no guess at the spelling
    )
    unsure = CustomerMatch(US, 0.7, "name", US.name)
    assert build_order(slipped, unsure, CONTEXT).customer_name == "HupDSON VALLEY FABRICATION INC."
    text_layer = RawOrder(header={"customer_name": _v("HupDSON VALLEY FABRICATION INC.")})
    assert build_order(text_layer, _match(US), CONTEXT).customer_name == (
        "HupDSON VALLEY FABRICATION INC."  # printed so
    )


def test_totals_rows_read_into_the_table_are_not_lines() -> None:
    product = Product("9200-010", "Rundstahl", "m", Decimal("56.17"))
    context = ExtractionContext(master=MasterData(products={product.sku: product}))
    rows = (
        {"sku": _v("9200-010 2000"), "quantity": _v("10"), "amount": _v("561.70")},
        {"sku": _v("X-1"), "quantity": _v("1"), "amount": _v("38.30")},
        {"description": _v("Setup fee"), "amount": _v("50.00")},
        {"description": _v("Subtotal"), "amount": _v("650.00")},
        {"description": _v("Total"), "amount": _v("780.00")},
    )
    order = build_order(RawOrder(lines=rows), None, context)
    assert [ln.sku for ln in order.lines] == ["9200-010", "X-1", None]
    assert order.lines[2].description == "Setup fee"  # a fee is a line of its own
    assert order.subtotal == Decimal("650.00") and "subtotal" in order.evidence
    assert "lines[3].amount" not in order.evidence


def test_a_totals_row_beside_a_note_or_letter_spaced_is_no_line() -> None:
    def item(sku: str, qty: str, price: str, amount: str) -> dict[str, RawValue]:
        return {"sku": _v(sku), "quantity": _v(qty), "unit_price": _v(price), "amount": _v(amount)}

    rows = (
        item("AX-1000", "250", "0.42", "105.00"),
        item("AX-1010", "100", "0.12", "12.00"),
        # A note's first words in the code's cell, "Line Total" read into the description.
        {"sku": _v("IMPORTANT PO Nbr must"), "description": _v("Line Total 1. appear on all"),
         "amount": _v("117.00")},
        {"description": _v("Freight charge"), "amount": _v("25.00")},
    )  # fmt: skip
    order = build_order(RawOrder(lines=rows), None, CONTEXT)
    assert [ln.sku for ln in order.lines] == ["AX-1000", "AX-1010"]
    assert order.subtotal == Decimal("117.00")
    spaced = ({"description": _v("合 计"), "amount": _v("200.00")},)  # not the sum: no subtotal
    order = build_order(RawOrder(lines=rows[:2] + spaced), None, CONTEXT)
    assert len(order.lines) == 2 and order.subtotal is None


_cell_text = st.text(
    alphabet=st.sampled_from(list("0123456789.,'- $€¥()|OlAEx年月日/")), max_size=14
)


@given(
    st.dictionaries(st.sampled_from(sorted(RAW_HEADER_FIELDS)), _cell_text, max_size=8),
    st.lists(st.dictionaries(st.sampled_from(RAW_LINE_FIELDS), _cell_text), max_size=4),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_build_order_takes_any_printed_text(
    header: dict[str, str], rows: list[dict[str, str]], read: float
) -> None:
    raw = RawOrder(
        header={k: _v(v, read) for k, v in header.items()},
        lines=tuple({k: _v(v, read) for k, v in row.items()} for row in rows),
        full_text=" ".join(header.values()),
    )
    order = build_order(raw, None, CONTEXT)
    data = order.to_json()
    assert set(order.evidence) <= {
        *data,
        *(f"lines[{i}].{f}" for i in range(4) for f in LINE_FIELDS),
    }
    assert all(ln.line_no >= 1 for ln in order.lines)
    calibrated = calibrate(order, CONTEXT)
    assert set(calibrated.evidence) == set(order.evidence)
    assert all(0.0 <= ev.confidence <= 1.0 for ev in calibrated.evidence.values())


def test_ocr_lost_decimal_mark_is_put_back_where_the_line_adds_up() -> None:
    rows = (
        {"sku": _v("A-1"), "quantity": _v("2000", 0.9), "unit_price": _v("092", 0.9),
         "amount": _v("1840.00", 0.9)},
        {"sku": _v("A-2"), "quantity": _v("8", 0.9), "unit_price": _v("64.80", 0.9),
         "amount": _v("51840", 0.9)},
        {"sku": _v("A-3"), "quantity": _v("50"), "unit_price": _v("740"), "amount": _v("370.00")},
    )  # fmt: skip
    first, second, printed = build_order(RawOrder(lines=rows), None, CONTEXT).to_json()["lines"]
    assert (first["unit_price"], second["amount"]) == ("0.92", "518.40")
    assert printed["unit_price"] == "740.00"  # a text layer prints what it prints


def test_unknown_customers_dollar_order_in_portuguese_or_with_decimal_commas_is_day_first() -> None:
    portuguese = RawOrder(
        header={"order_date": _v("12/06/2026"), "currency": _v("US$")},
        full_text="Pedido de Compra\nData de Emissão: 12/06/2026\nCondição de Pagamento: 28 DDL\n"
        "Local de Entrega: Almoxarifado da Fábrica\nSó aceitaremos a mercadoria com o número do "
        "nosso pedido na Nota Fiscal para a entrega de materiais",
    )
    assert build_order(portuguese, None, CONTEXT).order_date == date(2026, 6, 12)
    comma = RawOrder(
        header={"order_date": _v("12/06/2026"), "currency": _v("USD"), "total": _v("1.418,00")},
        full_text="Order 12/06/2026\nTotal USD 1.418,00",
    )
    assert build_order(comma, None, CONTEXT).order_date == date(2026, 6, 12)
    english = RawOrder(
        header={"order_date": _v("12/06/2026"), "currency": _v("USD"), "total": _v("1,418.00")},
        full_text="Order date 12/06/2026\nPlease quote our order number on the invoice",
    )
    assert build_order(english, None, CONTEXT).order_date == date(2026, 12, 6)


def test_a_date_read_by_the_currency_alone_is_unsure_when_it_reads_both_ways() -> None:
    def order_date_confidence(printed: str, customer: CustomerMatch | None = None) -> float:
        raw = RawOrder(header={"order_date": _v(printed), "currency": _v("USD")}, full_text="PO")
        return build_order(raw, customer, CONTEXT).evidence["order_date"].confidence

    assert order_date_confidence("03/04/2026") < 0.9  # an unknown buyer: 4 March or 3 April
    assert order_date_confidence("03/24/2026") == 1.0  # only one reading
    assert order_date_confidence("03/04/2026", _match(US)) == 1.0  # the customer's country


def test_a_speck_ocr_read_as_a_stop_between_two_words_of_the_terms_is_a_space() -> None:
    ocr = RawOrder(header={"payment_terms": _v("30 jours fin.de mois", 0.9)})
    assert build_order(ocr, None, CONTEXT).payment_terms == "30 jours fin de mois"
    abbreviated = RawOrder(header={"payment_terms": _v("Ri.Ba. 30/60 gg d.f.", 0.9)})
    assert build_order(abbreviated, None, CONTEXT).payment_terms == "Ri.Ba. 30/60 gg d.f."
    printed = RawOrder(header={"payment_terms": _v("30 jours fin.de mois")})
    assert build_order(printed, None, CONTEXT).payment_terms == "30 jours fin.de mois"
