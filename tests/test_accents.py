"""Free-text values of an OCR'd page re-read in the page's language (real Tesseract on pages
drawn with PIL): accents English cannot read come back, nothing else changes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.accents import page_language, reread_accents, reread_language, same_word
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


def _ship_to_as_read(
    page: PageText, street: str = "avenue", city: str = "Bordeaux"
) -> ExtractedOrder:
    """An order whose ship-to is the page's two address lines (those of the words `street`
    and `city`) as the first pass read them."""
    keys = [next(w for w in page.words if w.text == t).line_key for t in (street, city)]
    lines = [[w for w in page.words if w.line_key == key] for key in keys]
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


# Pages in Czech, Danish and Turkish: a street whose accents English cannot read, a city.
OTHER_PAGES = {
    "ces": (
        [
            "OBJEDNAVKA",
            "Odběratel Dodavatel",
            "Datum vystavení 18. 2. 2026",
            "Místo dodání",
            "Sklad Mladá Boleslav",
            "Česká republika",
            "293 01 Brno",
            "Platební podmínky splatnost",
        ],
        ("Sklad", "republika"),
        "Sklad Mladá Boleslav\nČeská republika",
    ),
    "dan": (
        [
            "INDKØBSORDRE",
            "Ordredato 30-03-2026",
            "Leveringsadresse",
            "Lager Nord",
            "Kornmarksvej 21",
            "2605 Brøndby",
            "Betalingsbetingelse Netto 30 dage",
            "Beskrivelse Antal Enhed Beløb",
        ],
        ("Kornmarksvej", "2605"),
        "Kornmarksvej 21\n2605 Brøndby",
    ),
    "tur": (
        [
            "SATIN ALMA SİPARİŞİ",
            "Sipariş Tarihi 04.04.2026",
            "Teslimat Adresi",
            "Depo 2",
            "Sanayi Bölgesi 1600",
            "41400 Gebze",
            "Ödeme Şekli 60 gün vadeli",
            "Malzeme Kodu Miktar Birim Fiyat Tutar",
        ],
        ("1600", "41400"),
        "Sanayi Bölgesi 1600\n41400 Gebze",
    ),
}


@pytest.mark.parametrize("language", sorted(OTHER_PAGES))
def test_czech_danish_and_turkish_pages_are_re_read_in_their_language(language: str) -> None:
    lines, (street, city), printed = OTHER_PAGES[language]
    [page] = read_pages(_png(lines), "image", CONTEXT, name="po.png")
    assert reread_language(page, CONTEXT) == language
    order = _ship_to_as_read(page, street, city)
    assert order.ship_to != printed  # what eng cannot read
    assert reread_accents(order, [page], CONTEXT).ship_to == printed


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


def test_letters_with_no_accent_to_strip_fold_to_their_english_reading() -> None:
    # Turkish dotless "ı" read as "i", Danish "æ" read as "ae".
    assert same_word(_word("Altınkılıç", 0.95), _word("Altinkilic", 0.95), ENGLISH)
    assert same_word(_word("Ordrebekræftelse", 0.95), _word("Ordrebekraeftelse", 0.6), ENGLISH)


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
    everywhere = [*languages, "ces", "dan", "tur"]
    assert page_language(_words("Zamówienie Ilość Cena Razem przelew"), everywhere) == "pol"
    czech = "Objednávka Odběratel Dodavatel Platební podmínky splatnost"
    assert page_language(_words(czech), everywhere) == "ces"
    danish = "Indkøbsordre Leveringsadresse Beløb Antal moms"
    assert page_language(_words(danish), everywhere) == "dan"
    turkish = "Sipariş Tarihi Teslimat Adresi Ödeme Şekli"
    assert page_language(_words(turkish), everywhere) == "tur"
    # Two languages in equal measure: neither is the page's.
    mixed = "Bestellung Menge Preis Commande Quantité Prix"
    assert page_language(_words(mixed), languages) is None
