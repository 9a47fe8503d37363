"""Header fields the way scans and unfamiliar layouts print them: labels OCR misspelt, dates
split over two cells, PO numbers OCR tore apart, letters that date themselves, labels in
prose whose value runs on to the next line, and addresses with OCR's usual misreads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from extractors.fields import extract_raw
from extractors.normalise import build_order, parse_date
from extractors.printed_text import ocr_misreads_fixed
from extractors.raw import RawOrder, RawValue
from extractors.vocabulary import find_labels
from poflow.domain import ExtractionContext, InputKind, MasterData, Product
from tests.fields_helpers import page

CONTEXT = ExtractionContext()
OCR = 0.93  # a typical word confidence of a clean scan


def _header(raw: RawOrder) -> dict[str, str]:
    return {k: v.text for k, v in raw.header.items()}


def test_labels_ocr_misspelt_by_one_letter_are_found() -> None:
    scan = page(
        [
            (100, [(300, "Bestelinummer:"), (420, "4500041784")]),
            (115, [(300, "estelldatum:"), (420, "02.02.2026")]),
            (130, [(300, "Lieferdatun:"), (420, "23.02.2026")]),
        ],
        confidence=OCR,
    )
    found = _header(extract_raw([scan], CONTEXT))
    assert found["po_number"] == "4500041784"
    assert found["order_date"] == "02.02.2026"
    assert found["delivery_date"] == "23.02.2026"


def test_a_label_word_ocr_split_in_two_is_found() -> None:
    scan = page([(100, [(300, "Order"), (345, "refe"), (380, "rence"), (430, "PO-2026-77923")])])
    words = tuple(replace(w, confidence=OCR) for w in scan.words)
    [match] = find_labels(words, "header")
    assert (match.field, match.first, match.last) == ("po_number", 0, 2)
    printed = find_labels(scan.words, "header")  # a text layer's words are as printed
    assert [m.phrase for m in printed] == ["Order"]


def test_two_label_words_ocr_ran_together_are_found() -> None:
    scan = page(
        [
            (100, [(300, "N°"), (314, "decommande:"), (420, "BC-8990/26")]),
            (115, [(300, "Purchaseorder"), (374, "date:"), (420, "23.02.2026")]),
        ],
        confidence=OCR,
    )
    found = _header(extract_raw([scan], CONTEXT))
    assert found["po_number"] == "BC-8990/26"
    assert found["order_date"] == "23.02.2026"
    printed = page([(100, [(300, "N°"), (314, "decommande:"), (420, "BC-8990/26")])])
    assert find_labels(printed.words, "header") == []  # as printed: no such label


def test_a_text_layer_label_must_be_spelt_right() -> None:
    printed = page([(100, [(300, "estelldatum:"), (420, "x")])]).words
    scanned = page([(100, [(300, "estelldatum:"), (420, "x")])], confidence=OCR).words
    assert find_labels(printed, "header") == []  # a text layer reads exactly what is printed
    assert [m.field for m in find_labels(scanned, "header")] == ["order_date"]


def test_a_date_split_over_two_cells_is_joined() -> None:
    scan = page([(100, [(300, "Bestelldatum"), (420, "9."), (470, "Mai 2026")])], confidence=OCR)
    assert _header(extract_raw([scan], CONTEXT))["order_date"] == "9. Mai 2026"


def test_a_po_number_fragment_loses_to_the_whole_number_under_another_label() -> None:
    scan = page(
        [
            (100, [(300, "Bestellnummer:"), (420, "1784")]),  # "450004" went astray
            (400, [(40, "Bestellung 4500041784 - Seite 2")]),
        ],
        confidence=OCR,
    )
    assert _header(extract_raw([scan], CONTEXT))["po_number"] == "4500041784"


def test_a_short_po_number_is_still_taken_when_there_is_no_other() -> None:
    text = page([(100, [(300, "PO Number:"), (420, "1784")])])
    assert _header(extract_raw([text], CONTEXT))["po_number"] == "1784"


def test_a_letter_dates_itself_and_names_its_order_in_prose() -> None:
    letter = page(
        [
            (60, [(40, "Pemberton Engineering plc")]),
            (100, [(40, "Acme Supply Company"), (400, "17 January 2026")]),
            (160, [(40, "Please supply the following under our purchase order reference")]),
            (175, [(40, "NW410719, for delivery by")]),
            (190, [(40, "16 February 2026:")]),
        ]
    )
    found = _header(extract_raw([letter], CONTEXT))
    assert found["order_date"] == "17 January 2026"
    assert found["delivery_date"] == "16 February 2026"


def test_a_row_of_headings_is_no_value_of_its_neighbour() -> None:
    portal = page(
        [
            (100, [(40, "ORDER DATE"), (150, "NEED BY"), (260, "PAYMENT TERMS"), (400, "TOTAL")]),
            (115, [(40, "04/19/2026"), (150, "05/03/2026"), (260, "Net 30"), (400, "$144.52")]),
        ]
    )
    found = _header(extract_raw([portal], CONTEXT))
    assert found["payment_terms"] == "Net 30"
    assert found["delivery_date"] == "05/03/2026"


def test_sap_style_and_issued_labels() -> None:
    erp = page(
        [
            (60, [(40, "Purchasing document"), (200, "4500037721")]),
            (75, [(40, "Issued"), (200, "15.03.2026")]),
        ]
    )
    found = _header(extract_raw([erp], CONTEXT))
    assert (found["po_number"], found["order_date"]) == ("4500037721", "15.03.2026")


@pytest.mark.parametrize(
    ("ocr", "printed"),
    [
        ("Werk 2, HafenstraBe 77", "Werk 2, Hafenstraße 77"),
        ("GroBen Weg 3", "Großen Weg 3"),
        ("Bristol BS2 OQT", "Bristol BS2 0QT"),
        ("Burnaby, BC V5] 5K3", "Burnaby, BC V5J 5K3"),
        ("Maple Ridge, BC V2xX 2T7", "Maple Ridge, BC V2X 2T7"),  # a letter read twice
        ("Maple Ridge, BC V2aX 2T7", "Maple Ridge, BC V2aX 2T7"),  # two letters: no guess
        ("eBay Inc.", "eBay Inc."),
        ("BS2 AQT", "BS2 AQT"),
        ("Bristol BS20QT", "Bristol BS2 0QT"),  # the space lost: the inward code is 3 long
        ("London SW1A1AA", "London SW1A 1AA"),
        ("Unit 9, Meridian Park", "Unit 9, Meridian Park"),
        ("75 Queen StE", "75 Queen St E"),  # the space before a compass point lost
        ("1200 Main AveNW", "1200 Main Ave NW"),
        ("410 MAIN ST STE 200", "410 MAIN ST STE 200"),  # STE: a suite, not St E
        ("Suite 5, 88 King St W", "Suite 5, 88 King St W"),
    ],
)
def test_address_misreads_that_the_shape_gives_away(ocr: str, printed: str) -> None:
    assert ocr_misreads_fixed(ocr) == printed


@pytest.mark.parametrize(
    ("printed", "address"),
    [
        ("Bahnhofstrasse 52, 6300 Zug, Schweiz.", "Bahnhofstrasse 52, 6300 Zug, Schweiz"),
        ("12 Main St.", "12 Main St."),  # an abbreviation keeps its dot
        ("Springfield, Calif.", "Springfield, Calif."),
    ],
)
@pytest.mark.parametrize("confidence", [OCR, 1.0])
def test_an_address_ends_without_a_full_stop(printed: str, address: str, confidence: float) -> None:
    raw = RawOrder(header={"ship_to": RawValue(printed, confidence)}, pages=1)
    assert build_order(raw, None, CONTEXT).ship_to == address


def test_a_label_ocr_ran_into_the_next_one_is_the_longer_label() -> None:
    scan = page([(100, [(300, "““orderDate"), (420, "19-JUN-2026")])], confidence=OCR)
    [match] = find_labels(scan.words, "header")
    assert (match.field, match.value_offset) == ("order_date", 0)
    assert _header(extract_raw([scan], CONTEXT))["order_date"] == "19-JUN-2026"


def test_split_date_parses() -> None:
    assert parse_date("9. Mai 2026") == date(2026, 5, 9)


def test_a_bare_numeric_date_is_no_letter_date() -> None:
    scan = page([(100, [(40, "Acme Supply GmbH")]), (115, [(400, "05.02.2026")])], confidence=OCR)
    assert "order_date" not in _header(extract_raw([scan], CONTEXT))


def test_a_value_beside_its_label_that_went_to_the_line_above() -> None:
    skewed = page(
        [
            (100, [(40, "65830 Kriftel")]),
            (108, [(420, "30 Tage netto")]),  # beside the label, but read a little higher
            (113, [(40, "Deutschland"), (300, "Zahlungsbedingungen:")]),
        ],
        confidence=OCR,
    )
    assert _header(extract_raw([skewed], CONTEXT))["payment_terms"] == "30 Tage netto"


def test_the_next_line_right_of_a_label_is_no_value_beside_it() -> None:
    rows = page(
        [
            (100, [(40, "Deutschland"), (300, "Zahlungsbedingungen:")]),
            (114, [(420, "Please deliver to gate 4")]),
        ],
        confidence=OCR,
    )
    assert "payment_terms" not in _header(extract_raw([rows], CONTEXT))


def _raw_line(sku: str, confidence: float) -> RawOrder:
    cells = {"sku": sku, "quantity": "250", "unit_price": "0.58", "amount": "145.00"}
    row = {k: RawValue(v, confidence, 1, (10.0, 20.0, 60.0, 30.0)) for k, v in cells.items()}
    return RawOrder(lines=(row,), kind=InputKind.SCAN, pages=1)


def test_an_ocr_d_item_code_takes_the_catalogues_letter_case() -> None:
    catalogue = {
        "SZ-M8X30": Product("SZ-M8X30", "Hex bolt", "EA", Decimal("0.58"), "CNY"),
        "AB-1": Product("AB-1", "Nut", "EA", Decimal("1"), "CNY"),
        "ab-1": Product("ab-1", "Other nut", "EA", Decimal("1"), "CNY"),
    }
    context = ExtractionContext(master=MasterData(products=catalogue))

    def sku(printed: str, confidence: float) -> str | None:
        return build_order(_raw_line(printed, confidence), None, context).lines[0].sku

    assert sku("SZ-M8x30", OCR) == "SZ-M8X30"
    assert sku("SZ-M8x30", 1.0) == "SZ-M8x30"  # a text layer reads what is printed
    assert sku("Ab-1", OCR) == "Ab-1"  # two catalogue codes alike but for case: no guess


def test_an_ocr_value_ending_with_a_comma_runs_on_into_the_next_cell() -> None:
    line = "Lieferanschrift: Am Mühlbach 3, 80331 München,"
    rows = [(100, [(50, line), (50 + 5.5 * (len(line) + 2), "Deutschland")])]
    scan = page(rows, confidence=OCR)
    ship_to = extract_raw([scan], CONTEXT).header["ship_to"].text
    assert ship_to.endswith("München, Deutschland")
    printed = extract_raw([page(rows)], CONTEXT).header["ship_to"].text  # a gap as printed
    assert "Deutschland" not in printed


def test_a_number_word_before_the_code_under_a_title_is_no_part_of_it() -> None:
    scan = page(
        [
            (100, [(50, "Pacific Coast Robotics Corp."), (400, "PURCHASE ORDER")]),
            (115, [(50, "1550 Bayshore Blvd"), (420, "N° 005811")]),
        ],
        confidence=OCR,
    )
    assert _header(extract_raw([scan], CONTEXT))["po_number"] == "005811"


def test_terms_set_wide_under_their_label_are_read_whole() -> None:
    scan = page(
        [
            (100, [(100, "TERMS / MODALITES"), (300, "CURRENCY / DEVISE")]),
            (115, [(100, "Net"), (140, "60"), (300, "CAD")]),
        ],
        confidence=OCR,
    )
    assert _header(extract_raw([scan], CONTEXT))["payment_terms"] == "Net 60"


def test_a_speck_read_as_a_digit_inside_the_terms_is_dropped() -> None:
    scan = page(
        [(100, [(100, "Zahlungsbedingungen:"), (220, "14 Tage 2 9 % Skonto, 30 Tage netto")])]
    )
    words = tuple(
        replace(w, bottom=w.top + 5, confidence=OCR)
        if w.text == "9"
        else replace(w, confidence=OCR)
        for w in scan.words
    )
    found = _header(extract_raw([replace(scan, words=words)], CONTEXT))
    assert found["payment_terms"] == "14 Tage 2 % Skonto, 30 Tage netto"


def test_terms_beside_a_label_ocr_could_not_read_are_known_by_their_wording() -> None:
    scan = page(
        [
            (100, [(300, "Bestellnummer:"), (420, "4500022344")]),
            (115, [(300, "nn"), (420, "30 Tage netto")]),  # the label, unreadable
            (200, [(40, "Pos."), (100, "Bezeichnung"), (330, "Menge"), (420, "Preis")]),
            (215, [(40, "1"), (100, "Schraube M8, net 30 g"), (330, "10"), (420, "1,20")]),
        ],
        confidence=OCR,
    )
    terms = extract_raw([scan], CONTEXT).header["payment_terms"]
    assert terms.text == "30 Tage netto" and terms.confidence < 0.9
    labelled = page([(100, [(300, "Terms:"), (420, "Net 45")]), (115, [(420, "Net 30")])])
    assert extract_raw([labelled], CONTEXT).header["payment_terms"].text == "Net 45"


def test_a_po_label_whose_rest_ocr_garbled_has_its_number_under_it() -> None:
    scan = page(
        [
            (100, [(40, "P.O. NO_/N’"), (120, "OMMANDE"), (250, "DATE")]),
            (115, [(40, "P26-54557"), (250, "2026/03/25")]),
        ],
        confidence=OCR,
    )
    assert _header(extract_raw([scan], CONTEXT))["po_number"] == "P26-54557"
