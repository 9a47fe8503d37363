"""Header, column and totals labels of languages first met on the blind6 set, as their ERPs
print them: a Danish Indkøbsordre (Navision), a Czech Objednávka (the number "č." under the
title, the item code after the description), a Turkish Satın Alma Siparişi (a line-number
column before the code); their document titles, and letters that have no accent to strip
(ı, ø) or a number word that is one only with its háček ("č.")."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from extractors.parties import document_title
from extractors.vocabulary import Group, find_labels, norm_token
from tests.fields_helpers import page
from tests.test_header_labels_blind3 import CONTEXT, Row, _header, _words


@pytest.mark.parametrize(
    ("printed", "group", "field"),
    [
        # Danish
        ("Indkøbsordre", "header", "po_number"),
        ("Ordredato", "header", "order_date"),
        ("Forventet modtagelse", "header", "delivery_date"),
        ("Ønsket leveringsdato", "header", "delivery_date"),
        ("Betalingsbetingelse", "header", "payment_terms"),
        ("Betalingsvilkår", "header", "payment_terms"),
        ("Leveringsadresse", "header", "ship_to"),
        ("Leverandørnr.", "header", "other"),
        ("Leveringsbetingelse", "header", "other"),  # delivery terms, not payment terms
        ("Nettobeløb", "totals", "subtotal"),
        ("Fragt", "totals", "shipping"),
        ("25% moms", "totals", "tax"),
        ("I alt EUR inkl. moms", "totals", "total"),
        ("Købspris", "column", "unit_price"),
        ("Beløb", "column", "amount"),
        ("Varenr.", "column", "sku"),
        # Czech
        ("Číslo objednávky:", "header", "po_number"),
        ("Datum vystavení:", "header", "order_date"),
        ("Termín dodání:", "header", "delivery_date"),
        ("Platební podmínky:", "header", "payment_terms"),
        ("Místo dodání:", "header", "ship_to"),
        ("Odběratel:", "header", "buyer"),
        ("Dodavatel:", "header", "supplier"),
        ("IČO:", "header", "other"),
        ("Základ", "totals", "subtotal"),
        ("DPH", "totals", "tax"),
        ("Celkem k úhradě:", "totals", "total"),
        ("Dopravné", "totals", "shipping"),
        ("Kód", "column", "sku"),
        ("Označení dodávky", "column", "description"),
        ("Počet", "column", "quantity"),
        ("Cena za MJ", "column", "unit_price"),
        ("Celkem bez DPH", "column", "amount"),
        ("DPH %", "column", "other"),
        # Turkish (dotless ı and dotted İ as printed, and as OCR reads them)
        ("Sipariş No", "header", "po_number"),
        ("SİPARİŞ TARİHİ", "header", "order_date"),
        ("Teslim Tarihi", "header", "delivery_date"),
        ("Ödeme Şekli:", "header", "payment_terms"),
        ("Teslimat Adresi", "header", "ship_to"),
        ("Döviz", "header", "currency"),
        ("Vergi Dairesi:", "header", "other"),
        ("Ara Toplam", "totals", "subtotal"),
        ("KDV (%20)", "totals", "tax"),
        ("Nakliye", "totals", "shipping"),
        ("Genel Toplam", "totals", "total"),
        ("Sıra", "column", "line_no"),
        ("Sira", "column", "line_no"),
        ("Malzeme Kodu", "column", "sku"),
        ("Miktar", "column", "quantity"),
        ("Birim Fiyat", "column", "unit_price"),
        ("Tutar", "column", "amount"),
    ],
)
def test_danish_czech_and_turkish_labels(printed: str, group: Group, field: str) -> None:
    words = _words(*printed.split())
    found = find_labels(words, group)
    assert found and found[0].field == field
    if group != "totals":
        assert found[-1].last == len(words) - 1, "the label spans the whole phrase"


@pytest.mark.parametrize(
    ("token", "norm"), [("Sayın", "sayin"), ("Købspris", "kobspris"), ("č.", "no"), ("c.", "c")]
)
def test_letters_without_an_accent_to_strip_and_the_czech_number_word(
    token: str, norm: str
) -> None:
    assert norm_token(token) == norm


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("OBJEDNÁVKA", True),
        ("Indkøbsordre", True),
        ("SATIN ALMA SİPARİŞİ", True),
        ("Satınalma Siparişi", True),
        ("Strojírny Vysočina s.r.o.", False),
        ("Siparisci Ltd.", False),
    ],
)
def test_document_titles_in_danish_czech_and_turkish(text: str, title: bool) -> None:
    assert document_title(text) == title


CZECH: list[Row] = [
    (40, [(40, "OBJEDNÁVKA")]),
    (52, [(40, "č. 26OV88844")]),
    (70, [(40, "Odběratel:"), (300, "Dodavatel:")]),
    (82, [(40, "Strojírny Vysočina s.r.o."), (300, "Acme Supply Co.")]),
    (94, [(40, "Jihlavská 2214/18"), (300, "Vídeňská 546/55")]),
    (120, [(40, "Datum vystavení: 14. 2. 2026"), (300, "Termín dodání: 7. 3. 2026")]),
    (132, [(40, "Forma úhrady: převodem"), (300, "Platební podmínky: splatnost 45 dní")]),
    (150, [(40, "Místo dodání:")]),
    (162, [(40, "Sklad 2, brána B")]),
    (174, [(40, "Průmyslová 1480")]),
    (186, [(40, "530 02 Pardubice")]),
]


def test_a_czech_objednavka() -> None:
    header = _header(CZECH)
    assert header["po_number"] == "26OV88844"  # "č." under the title
    assert header["order_date"] == "14. 2. 2026"
    assert header["delivery_date"] == "7. 3. 2026"
    assert header["payment_terms"] == "splatnost 45 dní"  # not the method ("převodem")
    assert header["ship_to"] == "Sklad 2, brána B\nPrůmyslová 1480\n530 02 Pardubice"
    assert header["customer_name"] == "Strojírny Vysočina s.r.o."  # not the title


def test_a_czech_item_table_with_the_code_after_the_description() -> None:
    table: list[Row] = [
        (300, [(40, "Označení dodávky"), (220, "Kód"), (290, "Počet"), (330, "MJ")]),
        (300, [(360, "Cena za MJ"), (420, "DPH %"), (470, "Celkem bez DPH")]),
        (315, [(40, "Rundstahl S235, Ø 20 mm"), (220, "9200-020"), (290, "7,5"), (330, "m")]),
        (315, [(370, "4,85"), (430, "21"), (490, "36,38")]),
        (330, [(40, "Kugellager 6205-2RS"), (220, "5520-100"), (290, "20"), (330, "ks")]),
        (330, [(370, "6,90"), (430, "21"), (490, "138,00")]),
    ]
    raw = extract_raw([page([*CZECH, *table])], CONTEXT)
    rows = [
        {k: raw_line[k].text for k in ("sku", "quantity", "unit_price", "amount")}
        for raw_line in raw.lines
    ]
    assert rows == [
        {"sku": "9200-020", "quantity": "7,5", "unit_price": "4,85", "amount": "36,38"},
        {"sku": "5520-100", "quantity": "20", "unit_price": "6,90", "amount": "138,00"},
    ]


def _totals(header: dict[str, str]) -> tuple[str, ...]:
    return tuple(header[name] for name in ("subtotal", "shipping", "tax", "total"))


TURKISH: list[Row] = [
    (40, [(40, "Bergmann Maschinenbau GmbH"), (330, "Sipariş No"), (420, "SAS2026616802")]),
    (52, [(40, "Türkiye Şubesi"), (330, "Sipariş Tarihi"), (420, "15.04.2026")]),
    (64, [(330, "Teslim Tarihi"), (420, "06.05.2026")]),
    (90, [(200, "SATIN ALMA SİPARİŞİ")]),
    (110, [(40, "Tedarikçi"), (330, "Teslimat Adresi")]),
    (122, [(40, "Sayın Acme Supply Co."), (330, "Manisa Fabrikası, Mal Kabul")]),
    (134, [(40, "Melek Aras Bulvarı No: 84"), (330, "Ahmet Nazif Zorlu Bulvarı No: 8")]),
    (146, [(40, "34956 Tuzla / İstanbul"), (330, "45030 Yunusemre / Manisa")]),
    (400, [(40, "Ödeme Şekli: 60 gün vadeli"), (330, "Ara Toplam"), (505, "105,00")]),
    (413, [(330, "Nakliye"), (505, "20,00")]),
    (426, [(330, "KDV (%20)"), (505, "25,00")]),
    (439, [(330, "Genel Toplam"), (505, "150,00")]),
]


def test_a_turkish_satin_alma_siparisi() -> None:
    header = _header(TURKISH)
    assert header["po_number"] == "SAS2026616802"
    assert (header["order_date"], header["delivery_date"]) == ("15.04.2026", "06.05.2026")
    assert header["payment_terms"] == "60 gün vadeli"
    assert header["ship_to"].startswith("Manisa Fabrikası, Mal Kabul\nAhmet Nazif Zorlu")
    assert _totals(header) == ("105,00", "20,00", "25,00", "150,00")


DANISH: list[Row] = [
    (40, [(40, "Van der Berg Techniek B.V."), (330, "Indkøbsordre"), (420, "IK109908")]),
    (52, [(40, "Acme Supply Co."), (330, "Ordredato"), (430, "08-03-2026")]),
    (64, [(330, "Forventet modtagelse"), (430, "22-03-2026")]),
    (76, [(330, "Betalingsbetingelse"), (430, "Netto 14 dage")]),
    (100, [(40, "Leveringsadresse")]),
    (112, [(40, "Lager Brøndby")]),
    (124, [(40, "Kornmarksvej 21")]),
    (136, [(40, "2605 Brøndby")]),
    (400, [(330, "Subtotal"), (505, "105,00")]),
    (413, [(330, "Fragt"), (505, "20,00")]),
    (426, [(330, "25% moms"), (505, "31,25")]),
    (439, [(330, "I alt EUR inkl. moms"), (505, "156,25")]),
]


def test_a_danish_indkobsordre() -> None:
    header = _header(DANISH)
    assert header["po_number"] == "IK109908"
    assert (header["order_date"], header["delivery_date"]) == ("08-03-2026", "22-03-2026")
    assert header["payment_terms"] == "Netto 14 dage"
    assert header["ship_to"] == "Lager Brøndby\nKornmarksvej 21\n2605 Brøndby"
    assert _totals(header) == ("105,00", "20,00", "31,25", "156,25")
