"""Header labels and party blocks on layouts with traits first met on the blind3 set: a bare
"Required" beside the delivery date, Italian order labels, a "Deliver to site" box, a Chinese
purchase contract (甲方/乙方, numbered clause headings, a remark after the address), a plant
number beside "Ship To", and payment terms followed by another sentence."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw, terms_shape
from extractors.printed_text import terms_cleaned
from extractors.vocabulary import find_labels
from poflow.domain import ExtractionContext, Word
from tests.fields_helpers import page
from tests.test_parties_totals_layouts import TABLE

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.", "Acme Supply Company"))

Row = tuple[int, list[tuple[int, str]]]


def _header(rows: list[Row]) -> dict[str, str]:
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    return {name: value.text for name, value in raw.header.items()}


def _words(*texts: str) -> tuple[Word, ...]:
    return tuple(Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(texts))


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Required:", "delivery_date"),
        ("Requested", "delivery_date"),
        ("Requester", "other"),  # one letter off "Requested": a person, no date
        ("Consegna entro il", "delivery_date"),
        ("Data", "order_date"),
        ("Pagamento", "payment_terms"),
        ("Luogo di consegna", "ship_to"),
        ("Deliver to site", "ship_to"),
        ("Bedarfstermin", "delivery_date"),
        ("Fecha requerida", "delivery_date"),
        ("要求到货日期：", "delivery_date"),
        ("Anlieferadresse", "ship_to"),  # the whole phrase: "site" is no value
        ("合同编号：", "po_number"),
        ("签订日期：", "order_date"),
        ("交货时间：", "delivery_date"),
        ("交货地点：", "ship_to"),
        ("付款方式及期限：", "payment_terms"),
    ],
)
def test_header_labels_of_unseen_layouts(printed: str, field: str) -> None:
    words = _words(*printed.split())
    found = find_labels(words, "header")
    assert [m.field for m in found] == [field]
    assert found[0].last == len(words) - 1


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Imponibile merce", "subtotal"),
        ("Spese di trasporto", "shipping"),
        ("Totale ordine", "total"),
        ("Bruttowert", "total"),
    ],
)
def test_totals_labels_of_unseen_layouts(printed: str, field: str) -> None:
    assert [m.field for m in find_labels(_words(*printed.split()), "totals")] == [field]


def test_a_bare_required_label_needs_a_date() -> None:
    rows: list[Row] = [
        (40, [(40, "Northwind Traders Ltd.")]),
        (60, [(300, "Order Date: 19-Jan-26")]),
        (73, [(300, "Required: 14-Jan-26 AM")]),
        (86, [(300, "Required: signature on delivery")]),
    ]
    header = _header(rows)
    assert header["delivery_date"] == "14-Jan-26"
    assert _header([rows[0], rows[3]]).get("delivery_date") is None


def test_a_chinese_label_with_its_aside_in_brackets() -> None:
    header = _header(
        [
            (40, [(40, "采 购 合 同")]),
            (60, [(40, "合同编号：HT-20260618-08")]),
            (
                73,
                [
                    (40, "甲方（需方）：深圳华信电子有限公司"),
                    (300, "乙方（供方）：Acme Supply Company"),
                ],
            ),
            (86, [(40, "签订日期：2026年6月18日")]),
        ]
    )
    assert header["po_number"] == "HT-20260618-08"
    assert header["customer_name"] == "深圳华信电子有限公司"
    assert header["order_date"] == "2026年6月18日"


def test_a_numbered_chinese_heading_is_a_label_a_word_mid_sentence_is_not() -> None:
    header = _header(
        [
            (40, [(40, "深圳华信电子有限公司")]),
            (60, [(40, "四、结算方式及期限")]),
            (73, [(52, "月结30天；乙方须开具全额增值税专用发票。")]),
        ]
    )
    assert header["payment_terms"] == "月结30天"
    assert not find_labels(_words("月结30天；乙方须开具全额增值税专用发票。"), "header")


def test_a_remark_after_a_chinese_address_is_no_part_of_it() -> None:
    header = _header(
        [
            (40, [(40, "深圳华信电子有限公司")]),
            (60, [(40, "交货地点：二号仓库, 东莞市长安镇振安路21号, China，运费由乙方承担。")]),
        ]
    )
    assert header["ship_to"] == "二号仓库, 东莞市长安镇振安路21号, China"


SITE_CONTACT_BELOW: list[Row] = [  # a "Site contact:" line ends the site address
    (40, [(40, "Northwind Traders Ltd.")]),
    (100, [(40, "SUPPLIER"), (300, "DELIVER TO SITE")]),
    (113, [(40, "Acme Supply Company"), (300, "Plot 14, Kirkstall Forge")]),
    (126, [(40, "Unit 9, Meridian Park"), (300, "Leeds LS5 3NF")]),
    (139, [(300, "Site contact: D. Hartley 07700 900494")]),
]
PLANT_NUMBER_BESIDE: list[Row] = [  # "SHIP TO 5400": a plant number, the address below
    (40, [(40, "Pacific Coast Robotics Corp.")]),
    (100, [(40, "SUPPLIER 48386"), (300, "SHIP TO 5400")]),
    (113, [(40, "Acme Supply Co."), (300, "Pacific Coast Robotics Corp.")]),
    (126, [(40, "2200 Commerce Drive"), (300, "1550 Bayshore Blvd")]),
    (139, [(40, "Columbus, OH 43219"), (300, "San Mateo, CA 94402")]),
]


@pytest.mark.parametrize(
    ("rows", "address"),
    [
        (SITE_CONTACT_BELOW, "Plot 14, Kirkstall Forge\nLeeds LS5 3NF"),
        (PLANT_NUMBER_BESIDE, "1550 Bayshore Blvd\nSan Mateo, CA 94402"),
    ],
)
def test_ship_to_blocks_of_unseen_layouts(rows: list[Row], address: str) -> None:
    assert _header(rows)["ship_to"] == address


@pytest.mark.parametrize(
    ("printed", "terms"),
    [
        ("Net 30. Ship UPS Ground on our account #4W8798.", "Net 30"),
        ("2% 10, Net 30. Ship UPS Ground", "2% 10, Net 30"),
        ("Zahlbar bis 15. März 2026 netto", "Zahlbar bis 15. März 2026 netto"),  # a date's dot
        ("Ri.Ba. 30/60 gg d.f.", "Ri.Ba. 30/60 gg d.f."),
    ],
)
def test_payment_terms_end_with_their_sentence(printed: str, terms: str) -> None:
    shaped = terms_shape(_words(*printed.split()))
    assert shaped is not None
    assert " ".join(w.text for w in shaped) == terms


@pytest.mark.parametrize(
    ("printed", "address"),
    [
        (
            "Officine Rossi S.r.l. – Via Orzinuovi 112, 25125 Brescia (BS), Italia",
            "Via Orzinuovi 112, 25125 Brescia (BS), Italia",
        ),
        ("Werk 2 – Tor 4, 70565 Stuttgart", "Werk 2 – Tor 4, 70565 Stuttgart"),  # a site
    ],
)
def test_a_company_name_before_a_one_line_address_is_the_addressee(
    printed: str, address: str
) -> None:
    header = _header(
        [
            (40, [(40, "Officine Rossi S.r.l.")]),
            (100, [(40, "Luogo di consegna")]),
            (113, [(40, printed)]),
        ]
    )
    assert header["ship_to"] == address


@pytest.mark.parametrize(
    ("read", "terms"),
    [("Ri.Ba. 30/60 gg d.f.", "Ri.Ba. 30/60 gg d.f."), (": Net 30.", "Net 30")],
)
def test_an_abbreviation_keeps_its_full_stop_at_the_end_of_terms(read: str, terms: str) -> None:
    assert terms_cleaned(read) == terms


def test_a_remark_pointing_back_to_an_agreement_is_no_part_of_the_terms() -> None:
    assert terms_cleaned("Net 30, as agreed") == "Net 30"
    assert terms_cleaned("30 dagen netto, zoals afgesproken.") == "30 dagen netto"
    assert terms_cleaned("As agreed") == "As agreed"  # nothing else: the remark is the terms
