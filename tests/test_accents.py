"""Free-text values of an OCR'd page re-read in the page's language (real Tesseract on pages
drawn with PIL): accents English cannot read come back, nothing else changes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.accents import page_language, reread_accents, same_word
from extractors.layout import union_bbox
from extractors.reading import read_pages
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, PageText, Word
from tests.test_second_read import _png  # a page of lines of text, drawn as a 150 dpi scan

CONTEXT = ExtractionContext()
FRENCH_PAGE = [
    "BON DE COMMANDE",
    "Date de commande 12/03/2026",
    "Adresse de livraison",
    "45 avenue Jean Jaurès",
    "33000 Bordeaux",
    "Conditions de paiement",
    "Quantité Prix unitaire Montant",
]


@pytest.fixture(scope="module")
def french_scan() -> PageText:
    [page] = read_pages(_png(FRENCH_PAGE), "image", CONTEXT, name="bon.png")
    return page


def _ship_to_as_read(page: PageText) -> ExtractedOrder:
    """An order whose ship-to is the page's two address lines as the first pass read them."""
    street = next(w for w in page.words if w.text == "avenue")
    city = next(w for w in page.words if w.text == "Bordeaux")
    lines = [
        [w for w in page.words if w.line_key == street.line_key],
        [w for w in page.words if w.line_key == city.line_key],
    ]
    text = "\n".join(" ".join(w.text for w in line) for line in lines)
    box = union_bbox([w for line in lines for w in line])
    return ExtractedOrder(ship_to=text, evidence={"ship_to": Evidence(0.8, page.page_no, box)})


def test_an_accent_english_cannot_read_is_re_read_in_the_page_language(
    french_scan: PageText,
) -> None:
    order = _ship_to_as_read(french_scan)
    assert order.ship_to != "45 avenue Jean Jaurès\n33000 Bordeaux"  # what eng cannot read
    reread = reread_accents(order, [french_scan], CONTEXT)
    assert reread.ship_to == "45 avenue Jean Jaurès\n33000 Bordeaux"
    assert reread.evidence["ship_to"].confidence <= 0.8  # never raised by the re-read


def test_no_re_read_without_the_language_in_the_settings(french_scan: PageText) -> None:
    order = _ship_to_as_read(french_scan)
    context = replace(CONTEXT, ocr_reread_languages="deu")
    assert reread_accents(order, [french_scan], context) == order


def test_a_text_layer_page_is_not_re_read(french_scan: PageText) -> None:
    order = _ship_to_as_read(french_scan)
    text_layer = replace(french_scan, method="text_layer")
    assert reread_accents(order, [text_layer], CONTEXT) == order


def test_a_page_already_read_in_its_language_is_not_re_read(french_scan: PageText) -> None:
    order = _ship_to_as_read(french_scan)
    read_in_french = replace(french_scan, notes=("OCR in fra+eng: 20 words",))
    assert reread_accents(order, [read_in_french], CONTEXT) == order


ENGLISH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZé")  # eng's letters


def _word(text: str, confidence: float) -> Word:
    return Word(text, 0.0, 0.0, 10.0, 10.0, confidence)


@pytest.mark.parametrize(
    ("second", "first"),
    [
        ("Jaurès", "Jaurés"),
        ("Jaurès", "Jaures"),  # sure, but English has no "è" to read
        ("Wrocław", "Wroctaw"),
        ("Hafenstraße", "Hafenstrake"),
        ("Antônio", "AntOnio"),
    ],
)
def test_a_letter_english_cannot_write_is_taken(second: str, first: str) -> None:
    assert same_word(_word(second, 0.95), _word(first, 0.95), ENGLISH)


@pytest.mark.parametrize(
    ("second", "first", "first_confidence"),
    [
        ("dés", "des", 0.93),  # English writes "é": its sure "des" has none
        ("12322-030", "12322-0308", 0.5),  # a digit is never re-read away
        ("V5]", "V5J", 0.4),  # nor a letter into a mark
        ("Blvd.", "Bivd.", 0.95),  # a look-alike of a sure word
        ("Lille", "Lyon", 0.5),  # another word
        ("Sud", "Nord", 0.5),
    ],
)
def test_another_word_is_not_taken(second: str, first: str, first_confidence: float) -> None:
    assert not same_word(_word(second, 0.97), _word(first, first_confidence), ENGLISH)


def test_a_look_alike_of_an_unsure_word_is_taken_from_a_surer_re_read() -> None:
    assert same_word(_word("Blvd.", 0.9), _word("Bivd.", 0.6), ENGLISH)
    assert not same_word(_word("Blvd.", 0.5), _word("Bivd.", 0.6), ENGLISH)


def _words(text: str) -> list[Word]:
    return [Word(t, 10.0 * i, 0.0, 10.0 * i + 8, 10.0) for i, t in enumerate(text.split())]


def test_the_page_language_is_the_one_its_words_are_written_in() -> None:
    languages = ["deu", "fra", "spa", "por", "ita", "pol", "nld"]
    assert page_language(_words("Bon de commande Quantité Prix Livraison"), languages) == "fra"
    assert page_language(_words("Zamówienie Ilość Cena Razem przelew"), languages) == "pol"
    assert page_language(_words("Purchase Order Quantity Price Total Ship to"), languages) is None
    # Two languages in equal measure: neither is the page's.
    mixed = "Bestellung Menge Preis Commande Quantité Prix"
    assert page_language(_words(mixed), languages) is None
