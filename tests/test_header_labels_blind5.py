"""Header fields and totals on layouts with traits first met on the blind5 set: a Japanese
注文書 (bilingual labels, the value beside the Japanese one), a Brazilian Pedido de Compra
(the number under the title, signature captions under the totals, a totals column beside
the delivery address), a separator set apart before a PO number, instalment terms, and a
tax printed in parts (India's CGST + SGST)."""

from __future__ import annotations

import pytest

from extractors.fields import code_shape, terms_shape
from tests.test_header_labels_blind3 import Row, _header, _words

JAPANESE: list[Row] = [
    (40, [(200, "注 文 書")]),
    (55, [(330, "注文番号 No."), (420, "PO2604-7194")]),
    (68, [(330, "発行日 Date"), (420, "2026年4月15日")]),
    (90, [(40, "Pacific Coast Robotics Corp.")]),
    (500, [(40, "納期"), (110, "2026/04/29")]),
    (511, [(40, "Delivery Date")]),
    (530, [(40, "納入場所"), (110, "Yokohama Branch, 12F Landmark Tower")]),
    (541, [(40, "Delivery Place"), (110, "2-2-1 Minatomirai, Nishi-ku")]),
    (552, [(110, "Yokohama, Kanagawa 220-8112")]),
    (575, [(40, "支払条件"), (110, "月末締め翌月末払い")]),
    (586, [(40, "Payment Terms")]),
    (600, [(40, "受渡条件"), (110, "DAP Osaka (Incoterms 2020)")]),
    (611, [(40, "Trade Terms")]),
]


def test_a_japanese_order_reads_its_bilingual_labels() -> None:
    header = _header(JAPANESE)
    assert header["po_number"] == "PO2604-7194"
    assert header["order_date"] == "2026年4月15日"
    assert header["delivery_date"] == "2026/04/29"
    assert header["payment_terms"] == "月末締め翌月末払い"  # not the trade terms' label below
    assert header["ship_to"].startswith("Yokohama Branch, 12F Landmark Tower")


def test_japanese_totals_labels() -> None:
    rows: list[Row] = [
        (400, [(300, "小計 Sub Total"), (505, "105.00")]),
        (413, [(300, "運賃 Freight"), (505, "20.00")]),
        (426, [(300, "合計 Total (US$)"), (505, "125.00")]),
    ]
    header = _header(rows)
    assert (header["subtotal"], header["shipping"], header["total"]) == (
        "105.00",
        "20.00",
        "125.00",
    )


PEDIDO: list[Row] = [
    (
        40,
        [(40, "Metalúrgica Vale do Paraíba Ltda."), (398, "PEDIDO"), (445, "DE"), (464, "COMPRA")],
    ),
    (51, [(40, "Av. Brasil 3150, Distrito Industrial")]),
    (62, [(40, "12244-000 São José dos Campos - SP"), (419, "Nº"), (440, "002638")]),
    (80, [(355, "1ª Emissão"), (424, "Data de Emissão: 12/06/2026")]),
    (400, [(40, "Local de Entrega:"), (300, "Valor das Mercadorias: 105,00")]),
    (411, [(40, "Almoxarifado Central"), (300, "Descontos: 0,00")]),
    (422, [(40, "Rod. Presidente Dutra, km 148"), (300, "Frete: 0,00")]),
    (433, [(40, "12240-420 São José dos Campos - SP")]),
    (
        444,
        [(40, "Local de Cobrança: o mesmo do faturamento"), (300, "Valor Total do Pedido: 105,00")],
    ),
    (455, [(40, "Condição de Pagamento: 30/60/90 dias")]),
    (480, [(60, "Comprador"), (160, "Gerência de Suprimentos"), (300, "Diretoria")]),
]


def test_a_brazilian_pedido_de_compra() -> None:
    header = _header(PEDIDO)
    assert header["po_number"] == "002638"  # "Nº 002638" under the title
    assert header["customer_name"] == "Metalúrgica Vale do Paraíba Ltda."  # not the caption
    assert header["ship_to"] == (
        "Almoxarifado Central\nRod. Presidente Dutra, km 148\n12240-420 São José dos Campos - SP"
    )
    assert header["payment_terms"] == "30/60/90 dias"
    assert (header["subtotal"], header["total"]) == ("105,00", "105,00")


def test_a_number_under_a_title_needs_a_number_word() -> None:
    rows = [
        row if row[0] != 62 else (62, [(40, "12244-000 São José"), (440, "002638")])
        for row in PEDIDO
    ]
    assert "po_number" not in _header(rows)


def test_a_separator_set_apart_before_the_po_number_is_no_part_of_it() -> None:
    shaped = code_shape(_words(":", "PO/25-26/1800"))
    assert shaped is not None and shaped[0].text == "PO/25-26/1800"
    assert code_shape(_words(":")) is None


@pytest.mark.parametrize(
    ("text", "kept"), [("30/60/90 dias", True), ("28 DDL", True), ("15/03/2026", False)]
)
def test_instalment_terms_are_no_date(text: str, kept: bool) -> None:
    assert (terms_shape(_words(*text.split())) is not None) == kept


def test_a_tax_printed_in_parts_is_their_sum_when_the_total_confirms_it() -> None:
    rows: list[Row] = [
        (400, [(300, "Total Taxable Value"), (505, "105.00")]),
        (413, [(300, "Add: CGST"), (505, "9.45")]),
        (426, [(300, "Add: SGST"), (505, "9.45")]),
        (439, [(300, "Grand Total (USD)"), (505, "123.90")]),
    ]
    header = _header(rows)
    assert (header["subtotal"], header["tax"], header["total"]) == ("105.00", "18.90", "123.90")
    unconfirmed = [*rows[:3], (439, [(300, "Grand Total (USD)"), (505, "130.00")])]
    assert _header(unconfirmed)["tax"] == "9.45"  # the last part, as before: the rules look


def test_a_totals_label_after_its_misread_chinese_or_japanese_version() -> None:
    rows: list[Row] = [
        (400, [(300, "小計 Sub Total"), (505, "105.00")]),
        (413, [(300, "运作 Freight"), (505, "20.00")]),  # OCR's reading of 運賃
        (426, [(300, "合計 Total (US$)"), (505, "125.00")]),
    ]
    assert _header(rows)["shipping"] == "20.00"


def test_a_tax_part_after_an_ocr_marked_modifier() -> None:
    rows: list[Row] = [
        (400, [(300, "Total Taxable Value"), (505, "105.00")]),
        (413, [(300, "‘Add: CGST."), (505, "9.45")]),
        (426, [(300, "_Add: SGST"), (505, "9.45")]),
        (439, [(300, "Grand Total (USD)"), (505, "123.90")]),
    ]
    assert _header(rows)["tax"] == "18.90"
