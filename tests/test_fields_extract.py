"""extract_raw on hand-built pages: label beside/below, party blocks, tables, totals."""

from __future__ import annotations

from extractors.fields import extract_raw
from extractors.raw import RawOrder
from extractors.reading import text_to_page
from poflow.domain import ExtractionContext, PageText
from tests.fields_helpers import page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.", "Acme Supply GmbH", "Acme"))


def header(raw: RawOrder) -> dict[str, str]:
    return {k: v.text for k, v in raw.header.items()}


def classic() -> PageText:
    """Letterhead, labels beside values, side-by-side Vendor / Ship To, table, totals."""
    return page(
        [
            (40, [(40, "Northwind Traders Ltd.")]),
            (55, [(40, "12 Harbour Rd, Portsmouth")]),
            (80, [(40, "PURCHASE ORDER")]),
            (110, [(40, "PO Number: 4500012345"), (300, "Date: 03/15/2026")]),
            (125, [(40, "Payment Terms: Net 30"), (300, "Delivery Date: 04/01/2026")]),
            (160, [(40, "Vendor:"), (300, "Ship To:")]),
            (175, [(40, "Acme Supply Co."), (300, "Northwind Traders Ltd.")]),
            (190, [(40, "500 Commerce Drive"), (300, "12 Harbour Rd")]),
            (205, [(40, "Allentown, PA 18103"), (300, "Portsmouth PO1 2AB")]),
            (220, [(300, "United Kingdom")]),
            (
                260,
                [
                    (40, "Item"),
                    (100, "Description"),
                    (330, "Qty"),
                    (370, "Unit"),
                    (420, "Unit Price"),
                    (500, "Amount"),
                ],
            ),
            (
                275,
                [
                    (40, "AX-1000"),
                    (100, "Hex bolt M8x40, zinc"),
                    (335, "250"),
                    (370, "EA"),
                    (440, "0.42"),
                    (505, "105.00"),
                ],
            ),
            (
                290,
                [
                    (40, "BX-2000"),
                    (100, "Washer M8"),
                    (335, "100"),
                    (370, "EA"),
                    (440, "0.10"),
                    (510, "10.00"),
                ],
            ),
            (305, [(100, "stainless, A2")]),
            (340, [(400, "Subtotal"), (505, "115.00")]),
            (355, [(400, "VAT 20%"), (510, "23.00")]),
            (370, [(400, "Total GBP"), (505, "138.00")]),
        ]
    )


def test_classic_layout_fields_table_and_totals() -> None:
    raw = extract_raw([classic()], CONTEXT)
    assert header(raw) == {
        "po_number": "4500012345",
        "order_date": "03/15/2026",
        "delivery_date": "04/01/2026",
        "payment_terms": "Net 30",
        "customer_name": "Northwind Traders Ltd.",
        "ship_to": "12 Harbour Rd\nPortsmouth PO1 2AB\nUnited Kingdom",
        "subtotal": "115.00",
        "tax": "23.00",
        "total": "138.00",
        "currency": "GBP",
    }
    assert texts(raw.lines, "sku") == ["AX-1000", "BX-2000"]
    assert texts(raw.lines, "description") == ["Hex bolt M8x40, zinc", "Washer M8 stainless, A2"]
    assert texts(raw.lines, "quantity") == ["250", "100"]
    assert texts(raw.lines, "unit_price") == ["0.42", "0.10"]
    assert "Acme" not in raw.buyer_text


def test_evidence_has_page_box_and_lowest_confidence() -> None:
    raw = extract_raw(
        [page([(100, [(40, "PO No.: 4711-A"), (300, "Total"), (400, "9.99")])], confidence=0.8)],
        CONTEXT,
    )
    po = raw.header["po_number"]
    assert (po.text, po.page, po.confidence, po.label) == ("4711-A", 1, 0.8, "PO No.:")
    assert po.bbox is not None and po.bbox[0] > 40 and po.bbox[1] == 100


def test_labels_above_values_in_a_row() -> None:
    rows = [
        (40, [(40, "Bergmann Maschinenbau GmbH")]),
        (80, [(40, "Bestellnummer"), (200, "Datum"), (330, "Liefertermin")]),
        (93, [(40, "4500035201"), (200, "02.02.2026"), (330, "04.03.2026")]),
        (110, [(40, "Zahlungsbedingungen"), (200, "Währung")]),
        (123, [(40, "30 Tage netto"), (200, "EUR")]),
    ]
    assert header(extract_raw([page(rows)], CONTEXT)) == {
        "po_number": "4500035201",
        "order_date": "02.02.2026",
        "delivery_date": "04.03.2026",
        "payment_terms": "30 Tage netto",
        "currency": "EUR",
        "customer_name": "Bergmann Maschinenbau GmbH",
    }


def test_a_heading_the_vocabulary_does_not_know_is_no_value_of_its_left_neighbour() -> None:
    # "SIGNED OFF" is no known label: right of "TERMS" in a row of headings it is the next
    # heading, and each value is the text under its own heading.
    rows = [
        (80, [(40, "ORDERED BY"), (150, "SHIP VIA"), (260, "TERMS"), (360, "SIGNED OFF")]),
        (93, [(40, "J. Miller"), (150, "Best Way"), (260, "Net 30"), (360, "K. Lee")]),
    ]
    assert header(extract_raw([page(rows)], CONTEXT))["payment_terms"] == "Net 30"


def test_labels_beside_values_in_a_row_still_take_the_right_cell() -> None:
    rows = [(80, [(40, "Terms"), (150, "Net 30"), (260, "Ship via"), (360, "UPS")])]
    assert header(extract_raw([page(rows)], CONTEXT))["payment_terms"] == "Net 30"


def test_one_label_for_two_fields_over_a_value_of_two_parts() -> None:
    rows = [
        (80, [(330, "Purchase order no./Date")]),
        (93, [(330, "4500016516 / 06.02.2026")]),
        (110, [(330, "Contact person/Telephone")]),
        (123, [(330, "Mr. J. Miller / +49 711 4455-210")]),
    ]
    got = header(extract_raw([page(rows)], CONTEXT))
    assert (got["po_number"], got["order_date"]) == ("4500016516", "06.02.2026")


def test_payment_terms_end_with_their_sentence() -> None:
    line = "Forma de pago: Transferencia a 60 días.Mercancía a portes pagados"
    raw = extract_raw([text_to_page(line)], CONTEXT)
    assert header(raw)["payment_terms"] == "Transferencia a 60 días"


def test_payment_terms_wrapped_in_a_narrow_box_are_put_back_together() -> None:
    rows = [
        (80, [(57, "Payment terms: 2% 10, Net"), (239, "Kingston, NY 12401")]),
        (93, [(57, "30"), (239, "USA")]),
        (106, [(57, "Shipping method: UPS")]),
    ]
    assert header(extract_raw([page(rows)], CONTEXT))["payment_terms"] == "2% 10, Net 30"


def test_several_key_value_pairs_on_one_line() -> None:
    raw = extract_raw([text_to_page("PO No: 4500012345 Date: 03/15/2026 Terms: Net 30")], CONTEXT)
    assert header(raw) == {
        "po_number": "4500012345",
        "order_date": "03/15/2026",
        "payment_terms": "Net 30",
    }


def test_side_by_side_bill_to_and_ship_to_are_split_by_column() -> None:
    rows = [
        (40, [(40, "Bill To:"), (300, "Ship To:")]),
        (55, [(40, "Hudson Valley Fabrication Inc."), (300, "Receiving Dock 3")]),
        (70, [(40, "418 River Street"), (300, "1200 Industrial Pkwy")]),
        (85, [(40, "Kingston, NY 12401"), (300, "Dayton, OH 45414")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.header["ship_to"].text == "Receiving Dock 3\n1200 Industrial Pkwy\nDayton, OH 45414"
    assert raw.header["bill_to"].text == "418 River Street\nKingston, NY 12401"
    assert raw.header["customer_name"].text == "Hudson Valley Fabrication Inc."


def test_supplier_letterhead_is_never_the_customer() -> None:
    rows = [
        (40, [(40, "Acme Supply Co.")]),  # e.g. a form printed on our own template
        (80, [(40, "Customer:"), (120, "Atelier Lemoine SARL")]),
        (95, [(120, "7 rue des Tanneurs")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.header["customer_name"].text == "Atelier Lemoine SARL"
    assert "Atelier Lemoine SARL" in raw.buyer_text and "Acme" not in raw.buyer_text


def test_bilingual_labels_take_the_value_after_both() -> None:
    rows = [
        (40, [(40, "Bestell-Nr. / PO No."), (200, "4500010758")]),
        (55, [(40, "Zahlungsbedingungen / Terms"), (200, "Zahlbar in 30 Tagen")]),
        (70, [(40, "采购方 Buyer: 深圳华信电子有限公司")]),
    ]
    assert header(extract_raw([page(rows)], CONTEXT)) == {
        "po_number": "4500010758",
        "payment_terms": "Zahlbar in 30 Tagen",
        "customer_name": "深圳华信电子有限公司",
    }


def test_table_with_unusual_column_order_and_sku_in_description() -> None:
    rows = [
        (100, [(40, "Amount"), (110, "Qty"), (160, "Description"), (400, "Price")]),
        (
            115,
            [(40, "1,134.00"), (115, "6"), (160, "10045501 Cutting fluid, 5 gal"), (400, "189.00")],
        ),
        (130, [(48, "45.00"), (110, "500"), (160, "AX-1020 Flat washer 8 mm"), (405, "0.09")]),
        (160, [(300, "Total"), (400, "1,179.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "amount") == ["1,134.00", "45.00"]
    assert texts(raw.lines, "quantity") == ["6", "500"]
    assert texts(raw.lines, "sku") == ["10045501", "AX-1020"]
    assert texts(raw.lines, "description") == ["Cutting fluid, 5 gal", "Flat washer 8 mm"]
    assert raw.header["total"].text == "1,179.00"


def _table_page(page_no: int, first: int, count: int, *, totals: bool) -> PageText:
    rows: list[tuple[float, list[tuple[float, str]]]] = [
        (
            60,
            [
                (40, "Pos."),
                (80, "Artikel-Nr."),
                (160, "Bezeichnung"),
                (360, "Menge"),
                (420, "Einzelpreis"),
                (500, "Betrag"),
            ],
        ),
    ]
    y = 80.0
    for n in range(first, first + count):
        rows.append(
            (
                y,
                [
                    (45, str(n)),
                    (80, f"4711-{n:03d}"),
                    (160, f"Schraube M{n}"),
                    (370, "10"),
                    (430, "1,00"),
                    (510, "10,00"),
                ],
            )
        )
        rows.append((y + 11, [(160, "verzinkt, DIN 933")]))
        y += 30
    if totals:
        rows.append((y + 20, [(400, "Gesamtbetrag"), (505, f"{count * 10},00")]))
    else:
        rows.append((800, [(250, "Seite 1 von 2 – Übertrag")]))
    return page(rows, page_no=page_no)


def test_table_continued_over_pages_with_multiline_descriptions() -> None:
    pages = [_table_page(1, 1, 3, totals=False), _table_page(2, 4, 2, totals=True)]
    raw = extract_raw(pages, CONTEXT)
    assert texts(raw.lines, "line_no") == ["1", "2", "3", "4", "5"]
    assert texts(raw.lines, "sku")[3] == "4711-004"
    assert texts(raw.lines, "description")[0] == "Schraube M1 verzinkt, DIN 933"
    assert [r["amount"].page for r in raw.lines] == [1, 1, 1, 2, 2]
    assert raw.header["total"].text == "20,00"


def test_rows_without_header_are_found_by_arithmetic() -> None:
    body = "Please send:\n\nAX-1000 Hex bolt M8 250 0.42 105.00\nSF-1122 Gloves 24 14.20 340.80\n"
    raw = extract_raw([text_to_page(body)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "SF-1122"]
    assert texts(raw.lines, "amount") == ["105.00", "340.80"]
    assert raw.notes


def test_typed_email_order() -> None:
    body = (
        "Hello Acme team,\n\nour PO number is 4500077123, order date 12 March 2026.\n"
        "Required by: 2026-04-02\n\n"
        "Qty   SKU        Description                 Unit price    Total\n"
        "10    AX-1000    Hex bolt M8x40, zinc        0.42          4.20\n\n"
        "Total: EUR 4.20\n\nShip to:\nIndustriestrasse 14\n70565 Stuttgart\n\n"
        "Best regards\nJana Weber\nBergmann Maschinenbau GmbH\n"
    )
    raw = extract_raw([text_to_page(body)], CONTEXT)
    assert header(raw) == {
        "po_number": "4500077123",
        "order_date": "12 March 2026",
        "delivery_date": "2026-04-02",
        "customer_name": "Bergmann Maschinenbau GmbH",
        "ship_to": "Industriestrasse 14\n70565 Stuttgart",
        "total": "4.20",
        "currency": "EUR",
    }
    assert texts(raw.lines, "unit_price") == ["0.42"]


def test_ocr_split_row_is_put_back_together() -> None:
    rows = [
        (100, [(40, "SKU"), (120, "Description"), (330, "Qty"), (420, "Price"), (500, "Amount")]),
        (118, [(510, "45.00")]),  # the amount OCR read a little above its row
        (120, [(40, "AX-1020"), (120, "Flat washer 8 mm"), (335, "500"), (425, "0.09")]),
        (
            140,
            [
                (40, "TL-7790"),
                (120, "Drill bit set"),
                (335, "10"),
                (420, "129.00"),
                (500, "1,290.00"),
            ],
        ),
        (160, [(400, "Total"), (500, "1,335.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "amount") == ["45.00", "1,290.00"]
    assert texts(raw.lines, "sku") == ["AX-1020", "TL-7790"]


def test_columns_are_decided_by_their_data_when_headings_are_unknown() -> None:
    rows = [
        (
            100,
            [
                (40, "Ref"),
                (110, "Article wording"),
                (330, "Pieces"),
                (420, "Price"),
                (500, "Amount"),
            ],
        ),
        (
            120,
            [
                (40, "AX-1020"),
                (110, "Flat washer 8 mm"),
                (335, "500"),
                (425, "0.09"),
                (505, "45.00"),
            ],
        ),
        (
            140,
            [
                (40, "TL-7790"),
                (110, "Drill bit set"),
                (335, "10"),
                (420, "129.00"),
                (500, "1,290.00"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1020", "TL-7790"]
    assert texts(raw.lines, "description") == ["Flat washer 8 mm", "Drill bit set"]
    assert texts(raw.lines, "quantity") == ["500", "10"]


def test_item_column_of_phrases_is_the_description() -> None:
    rows = [
        (100, [(40, "Item"), (300, "Qty"), (380, "Price"), (480, "Total")]),
        (120, [(40, "Socket head cap screw M10x60"), (305, "5"), (380, "1.35"), (485, "6.75")]),
        (140, [(40, "Threaded rod M12 x 1 m"), (300, "50"), (380, "6.80"), (480, "340.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == [None, None]
    assert texts(raw.lines, "description")[0] == "Socket head cap screw M10x60"


def test_postcodes_and_delivery_dates_are_not_totals() -> None:
    rows = [
        (100, [(40, "Shipping address: 1550 Bayshore Blvd, San Mateo, CA 94402")]),
        (115, [(40, "Delivery date: 12.03.2026")]),
        (140, [(400, "Shipping"), (500, "25.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.header["shipping"].text == "25.00"
    assert raw.header["delivery_date"].text == "12.03.2026"


def test_quantity_inside_the_description_is_found_by_arithmetic() -> None:
    rows = [
        (100, [(40, "Item"), (110, "Description"), (400, "Unit Price"), (500, "Amount")]),
        (120, [(40, "AX-1020"), (110, "500 x Flat washer 8 mm"), (410, "0.09"), (505, "45.00")]),
        (140, [(300, "Order total"), (500, "45.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "quantity") == ["500"]
    assert texts(raw.lines, "description") == ["Flat washer 8 mm"]


def test_ordinal_dates_and_gross_totals() -> None:
    rows = [
        (100, [(40, "Order Date: 15th March 2026")]),
        (140, [(300, "Gross total"), (500, "€ 1.004,14")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.header["order_date"].text == "15th March 2026"
    assert raw.header["total"].text == "1.004,14"


def test_headings_stacked_over_two_lines() -> None:
    rows = [
        (100, [(40, "Item"), (110, "Description"), (330, "Order"), (400, "Unit"), (480, "Line")]),
        (111, [(40, "No."), (330, "Qty"), (400, "Price"), (480, "Total")]),
        (
            130,
            [
                (40, "AX-1020"),
                (110, "Flat washer 8 mm"),
                (335, "500"),
                (405, "0.09"),
                (485, "45.00"),
            ],
        ),
        (150, [(300, "Total"), (480, "45.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert raw.lines[0]["sku"].text == "AX-1020"
    assert raw.lines[0]["description"].text == "Flat washer 8 mm"
    assert (raw.lines[0]["quantity"].text, raw.lines[0]["unit_price"].text) == ("500", "0.09")


def test_order_reference_in_a_letter_sentence() -> None:
    body = "hiermit bestellen wir gemäß Bestellung Nr. 4500012345 vom 15.03.2026 folgende Artikel:"
    assert header(extract_raw([text_to_page(body)], CONTEXT)) == {
        "po_number": "4500012345",
        "order_date": "15.03.2026",
    }


def test_columns_that_are_no_field_of_ours_are_set_aside() -> None:
    rows = [
        (
            100,
            [
                (40, "Item No."),
                (110, "Description"),
                (300, "Delivery Date"),
                (380, "Qty"),
                (420, "Price"),
                (500, "Value"),
            ],
        ),
        (
            120,
            [
                (40, "A-77.420"),
                (110, "Magnetventil 5/2, 24 V"),
                (300, "22.06.2026"),
                (385, "4"),
                (420, "74.20"),
                (500, "296.80"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    row = {k: v.text for k, v in raw.lines[0].items()}
    assert row == {
        "sku": "A-77.420",
        "description": "Magnetventil 5/2, 24 V",
        "quantity": "4",
        "unit_price": "74.20",
        "amount": "296.80",
    }
