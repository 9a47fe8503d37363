"""Second reads of the number cells of lines that do not add up (real Tesseract on a table
drawn with PIL), and what `calibrate` makes of a repaired value."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr_boxes
from extractors.confidence import calibrate
from extractors.reading import read_pages, text_to_page
from extractors.second_read import (
    NUMBER_CHARACTERS,
    numbers_in,
    reread_line_numbers,
    reread_totals,
)
from poflow.domain import (
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    InputKind,
    OrderLine,
    PageText,
    Word,
)

CONTEXT = ExtractionContext()
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ROWS = [  # code, quantity, unit price, amount: as printed
    ("AX-1000", "12", "23.75", "285.00"),
    ("AX-2040", "25", "1.35", "33.75"),
    ("TL-7790", "10", "129.00", "1,290.00"),
    ("GB-9002", "30", "10.00", "301.00"),  # printed so: no reading makes it add up
]
SUBTOTAL_AT = 140 + len(ROWS) * 80 + 40
COLUMNS = {"sku": 110, "quantity": 520, "unit_price": 760, "amount": 1060}  # right edges


def _png() -> bytes:
    image = Image.new("L", (1275, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for i, row in enumerate(ROWS):
        y = 140 + i * 80
        draw.text((COLUMNS["sku"], y), row[0], fill=0, font=font)
        for name, text in zip(("quantity", "unit_price", "amount"), row[1:], strict=True):
            draw.text(
                (COLUMNS[name] - draw.textlength(text, font=font), y), text, fill=0, font=font
            )
    subtotal = "1,608.75"  # of the first three rows
    draw.text((COLUMNS["sku"], SUBTOTAL_AT), "Subtotal", fill=0, font=font)
    draw.text(
        (COLUMNS["amount"] - draw.textlength(subtotal, font=font), SUBTOTAL_AT),
        subtotal,
        fill=0,
        font=font,
    )
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(150, 150))
    return out.getvalue()


@pytest.fixture(scope="module")
def table() -> PageText:
    [page] = read_pages(_png(), "image", CONTEXT, name="table.png")
    return page


def _word(page: PageText, text: str, row: int) -> Word:
    y = 140 + row * 80
    return next(w for w in page.words if w.text == text and abs(w.top - y) < 40)


def _order(page: PageText, read: dict[tuple[int, str], Decimal | None]) -> ExtractedOrder:
    """The printed table as an order, but for the cells `read` says were read otherwise
    (None: not read at all, so without evidence)."""
    lines, evidence = [], {}
    for i, (sku, *numbers) in enumerate(ROWS):
        values = {}
        for name, text in zip(("quantity", "unit_price", "amount"), numbers, strict=True):
            value = read.get((i, name), Decimal(text.replace(",", "")))
            values[name] = value
            if value is not None:
                evidence[f"lines[{i}].{name}"] = Evidence(0.7, 1, _word(page, text, i).bbox)
        evidence[f"lines[{i}].sku"] = Evidence(0.9, 1, _word(page, sku, i).bbox)
        lines.append(OrderLine(line_no=i + 1, sku=sku, **values))
    return ExtractedOrder(lines=tuple(lines), kind=InputKind.SCAN, evidence=evidence)


def test_many_boxes_are_read_in_one_call(table: PageText) -> None:
    words = [_word(table, text, i) for i, row in enumerate(ROWS) for text in row[1:]]
    texts = ocr_boxes.read_boxes(
        table.image,  # type: ignore[arg-type]
        [w.bbox for w in words],
        scale=1.0,
        preparation=ocr_boxes.SECOND_READS[0],
        timeout_s=30,
        characters=NUMBER_CHARACTERS,
    )
    assert texts == [w.text for w in words]


def test_a_misread_price_is_re_read_where_the_line_then_adds_up(table: PageText) -> None:
    order = _order(table, {(0, "unit_price"): Decimal("23.15"), (1, "unit_price"): Decimal("2535")})
    repaired = reread_line_numbers(order, [table], CONTEXT)
    assert repaired.lines[0].unit_price == Decimal("23.75")
    assert repaired.lines[1].unit_price == Decimal("1.35")
    assert repaired.evidence["lines[0].unit_price"].confidence < 0.9


def test_a_cell_not_read_at_all_is_read_where_its_column_crosses_its_row(
    table: PageText,
) -> None:
    order = _order(table, {(2, "quantity"): None, (0, "amount"): None})
    repaired = reread_line_numbers(order, [table], CONTEXT)
    assert repaired.lines[2].quantity == Decimal("10")
    assert repaired.lines[0].amount == Decimal("285.00")
    assert repaired.evidence["lines[2].quantity"].page == 1


def test_a_line_printed_so_that_it_does_not_add_up_stays_as_read(table: PageText) -> None:
    order = _order(table, {})
    assert reread_line_numbers(order, [table], CONTEXT) == order


def test_a_text_layer_is_not_re_read() -> None:
    page = text_to_page("GB-9002  3  10.00  31.00")
    order = ExtractedOrder(
        lines=(OrderLine(1, "GB-9002", None, Decimal(3), None, Decimal(10), Decimal(31)),),
        evidence={"lines[0].amount": Evidence(1.0, 1, page.words[-1].bbox)},
    )
    assert reread_line_numbers(order, [page], CONTEXT) == order


def test_a_repaired_value_is_sure_only_when_the_totals_confirm_it(table: PageText) -> None:
    order = _order(table, {(0, "unit_price"): Decimal("23.15")})
    evidence = {k: v for k, v in order.evidence.items() if not k.startswith("lines[3]")}
    whole = order.with_(lines=order.lines[:3], evidence=evidence)  # without the odd line
    repaired = reread_line_numbers(whole, [table], CONTEXT)
    assert repaired.lines[0].unit_price == Decimal("23.75")
    alone = calibrate(repaired, CONTEXT)
    assert alone.evidence["lines[0].unit_price"].confidence < 0.9
    totalled = calibrate(repaired.with_(subtotal=Decimal("1608.75")), CONTEXT)
    assert totalled.evidence["lines[0].unit_price"].confidence >= 0.95


@pytest.mark.parametrize(
    ("text", "name", "numbers"),
    [
        ("23.75.", "unit_price", {"23.75"}),
        ("0,65..65,00.", "amount", {"0.65", "65.00"}),  # two cells run together: either
        ("0,1234", "amount", set()),  # more decimals than an amount has
        ("1,290.00", "amount", {"1290.00"}),
        ("1.234", "quantity", {"1.234", "1234"}),  # thousands or decimals: arithmetic decides
        ("-213.00", "amount", {"213.00"}),
        ("", "amount", set()),
    ],
)
def test_the_numbers_a_second_reading_may_be(text: str, name: str, numbers: set[str]) -> None:
    assert numbers_in(text, name) == {Decimal(n) for n in numbers}


def _with_subtotal(order: ExtractedOrder, page: PageText, read: Decimal) -> ExtractedOrder:
    printed = next(w for w in page.words if w.text == "1,608.75")
    evidence = {**order.evidence, "subtotal": Evidence(0.6, 1, printed.bbox)}
    return order.with_(subtotal=read, evidence=evidence)


def test_a_subtotal_the_lines_do_not_add_up_to_is_re_read(table: PageText) -> None:
    whole = _order(table, {}).with_(lines=_order(table, {}).lines[:3])
    order = _with_subtotal(whole, table, Decimal("160875"))  # both marks lost
    repaired = reread_totals(order, [table], CONTEXT)
    assert repaired.subtotal == Decimal("1608.75")
    assert repaired.evidence["subtotal"].confidence < 0.9
    assert calibrate(repaired, CONTEXT).evidence["subtotal"].confidence >= 0.95


def test_a_subtotal_read_right_is_not_changed_to_the_sum_of_wrong_lines(table: PageText) -> None:
    order = _with_subtotal(_order(table, {}), table, Decimal("1608.75"))  # four lines: 1909.75
    assert reread_totals(order, [table], CONTEXT) == order
