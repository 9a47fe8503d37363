"""Order and delivery dates the way unfamiliar layouts print them: under the title with no
label, in a letter's "Place, date" line, with a format hint beside the label, and under
the labels of ERPs and portals in several languages."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from extractors.header_dates import UNLABELLED_DATE
from extractors.raw import RawOrder
from extractors.reading import text_to_page
from poflow.domain import ExtractionContext, PageText
from tests.fields_helpers import page

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.",))
OCR = 0.93


def _dates(raw: RawOrder) -> dict[str, str]:
    return {k: v.text for k, v in raw.header.items() if k.endswith("_date")}


def _erp_header(*under_title: str, confidence: float = 1.0) -> PageText:
    """A NetSuite-like top: company left, title right, then lines under the title."""
    rows = [
        (40, [(40, "Pacific Coast Robotics Corp."), (420, "Purchase Order")]),
        (55, [(40, "1550 Bayshore Blvd")]),
    ]
    rows += [
        (70 + 14 * n, [(40, "USA" if n == 0 else ""), (430, text)])
        for n, text in enumerate(under_title)
    ]
    rows += [(160, [(40, "VENDOR"), (300, "SHIP TO")]), (175, [(40, "Acme Supply Co.")])]
    return page([(y, [c for c in cells if c[1]]) for y, cells in rows], confidence=confidence)


def test_a_lone_date_under_the_title_is_the_order_date_but_not_a_sure_one() -> None:
    raw = extract_raw([_erp_header("#PO10811", "5/18/2026")], CONTEXT)
    assert _dates(raw) == {"order_date": "5/18/2026"}
    assert raw.header["order_date"].confidence <= UNLABELLED_DATE < 0.9


def test_two_lone_dates_under_the_title_are_no_guess() -> None:
    rows = [
        (40, [(40, "Pacific Coast Robotics Corp."), (420, "Purchase Order")]),
        (55, [(420, "5/18/2026"), (480, "6/08/2026")]),
    ]
    assert "order_date" not in _dates(extract_raw([page(rows)], CONTEXT))


def test_a_lone_date_away_from_the_title_is_no_order_date() -> None:
    rows = [
        (40, [(40, "Pacific Coast Robotics Corp."), (420, "Purchase Order")]),
        (55, [(40, "5/18/2026")]),
    ]
    assert "order_date" not in _dates(extract_raw([page(rows)], CONTEXT))


def test_a_labelled_date_wins_over_the_date_under_the_title() -> None:
    raw = extract_raw([_erp_header("#PO10811", "5/18/2026", "Date: 5/17/2026")], CONTEXT)
    assert _dates(raw)["order_date"] == "5/17/2026"


def test_a_date_label_ocr_garbled_under_the_title_still_dates_the_order() -> None:
    raw = extract_raw([_erp_header("N° 004235", "pate 1/25/26", confidence=OCR)], CONTEXT)
    assert _dates(raw) == {"order_date": "1/25/26"}


def test_a_word_before_a_date_under_the_title_is_no_garbled_date_label() -> None:
    raw = extract_raw([_erp_header("N° 004235", "Ship 1/25/26", confidence=OCR)], CONTEXT)
    assert "order_date" not in _dates(raw)


def test_a_letter_dated_after_its_place() -> None:
    letter = page(
        [
            (60, [(40, "Suministros Industriales Levante S.L.")]),
            (100, [(40, "Nuestra ref.: PC-26/5823"), (330, "Acme Supply GmbH")]),
            (130, [(330, "Paterna, 17 de enero de 2026")]),
            (160, [(40, "Asunto: Pedido nº PC-26/5823")]),
        ]
    )
    raw = extract_raw([letter], CONTEXT)
    assert _dates(raw) == {"order_date": "17 de enero de 2026"}
    assert raw.header["order_date"].confidence <= UNLABELLED_DATE


@pytest.mark.parametrize("place", ["Berlin, den 5. März 2026", "Lyon, le 5 mars 2026"])
def test_places_and_articles_before_a_letters_date(place: str) -> None:
    letter = page([(60, [(40, "Kessler & Söhne KG")]), (130, [(330, place)])])
    assert (
        _dates(extract_raw([letter], CONTEXT))["order_date"]
        == place.split(", ")[1].split(" ", 1)[1]
    )


def test_a_street_before_a_date_is_no_place() -> None:
    letter = page(
        [(60, [(40, "Kessler & Söhne KG")]), (130, [(330, "Am Mühlbach 3, 5. März 2026")])]
    )
    assert "order_date" not in _dates(extract_raw([letter], CONTEXT))


def test_a_date_format_hint_beside_a_bilingual_label_is_no_value() -> None:
    form = page(
        [
            (
                100,
                [
                    (20, "P.O. NO. / N° DE COMMANDE"),
                    (170, "DATE (YYYY/MM/DD) / DATE (AAAA/MM/JJ)"),
                    (400, "DELIVERY DATE / DATE DE LIVRAISON"),
                ],
            ),
            (115, [(20, "P26-01740"), (170, "2026/01/25"), (400, "2026/02/08")]),
        ]
    )
    assert _dates(extract_raw([form], CONTEXT)) == {
        "order_date": "2026/01/25",
        "delivery_date": "2026/02/08",
    }


@pytest.mark.parametrize(
    ("label", "value", "field"),
    [
        ("Order submitted on:", "Monday, 5 January 2026", "order_date"),
        ("Belegdatum", "20.02.26", "order_date"),
        ("Erw. Wareneingangsdat.", "22.03.26", "delivery_date"),
        ("Wareneingangsdatum", "22.03.26", "delivery_date"),
        ("Receive By", "6/8/2026", "delivery_date"),
        ("Date prévue", "05/04/2026", "delivery_date"),
    ],
)
def test_erp_and_portal_date_labels(label: str, value: str, field: str) -> None:
    rows = page([(100, [(40, label), (200, value)])])
    assert _dates(extract_raw([rows], CONTEXT)) == {field: value.removeprefix("Monday, ")}


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Please deliver on or before 20 March 2026.", "20 March 2026"),
        ("Wir benötigen die Ware bis zum 5. März 2026.", "5. März 2026"),
        ("Lieferung bis spätestens 20.03.2026", "20.03.2026"),
        ("Merci de nous livrer, à livrer avant le 5 mars 2026.", "5 mars 2026"),
        ("Entrega antes del 24 de enero de 2026.", "24 de enero de 2026"),
    ],
)
def test_delivery_dates_in_an_e_mails_sentences(sentence: str, value: str) -> None:
    assert _dates(extract_raw([text_to_page(sentence)], CONTEXT)) == {"delivery_date": value}


def test_a_sentence_about_delivery_without_a_date_gives_none() -> None:
    body = "Die Lieferung bis zum Lager erfolgt frei Haus. Zahlung bis spätestens 20.03.2026."
    assert _dates(extract_raw([text_to_page(body)], CONTEXT)) == {}
