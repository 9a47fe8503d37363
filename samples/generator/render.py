"""Drawing helpers shared by the layouts: a page with top-left coordinates, wrapped text,
a line table that continues on the next page with its header repeated, a totals block.

Reportlab runs in invariant mode so regenerating gives byte-identical PDFs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from samples.generator.content import Line

_FONT_FILES = {
    "Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "Sans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "Serif-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "Cond": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "Cond-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "Mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "Mono-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "CJK": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # apt: fonts-wqy-zenhei
}
PAGE_A4 = A4
PAGE_LETTER = LETTER


def register_fonts() -> None:
    """Register the TrueType fonts once; DejaVu covers umlauts, WenQuanYi Zen Hei covers CJK."""
    for name, path in _FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
    pdfmetrics.registerFont(TTFont("CJK-Bold", _FONT_FILES["CJK"], subfontIndex=0))


class Doc:
    """A PDF being drawn, addressed from the page's top-left corner in points."""

    def __init__(self, pagesize: tuple[float, float], font: str = "Sans", bold: str = "Sans-Bold"):
        register_fonts()
        self._buffer = BytesIO()
        self.canvas = Canvas(self._buffer, pagesize=pagesize, invariant=1, pageCompression=1)
        self.width, self.height = pagesize
        self.font, self.bold = font, bold
        self.page_no = 1

    def text(
        self, x: float, y: float, s: str, size: float = 9, *, bold: bool = False, align: str = "l"
    ) -> None:
        """Draw one line whose top is at `y`; `align` r/c anchors x at the right/centre."""
        c = self.canvas
        c.setFont(self.bold if bold else self.font, size)
        base = self.height - y - size * 0.8
        if align == "r":
            c.drawRightString(x, base, s)
        elif align == "c":
            c.drawCentredString(x, base, s)
        else:
            c.drawString(x, base, s)

    def block(
        self, x: float, y: float, rows: Sequence[str], size: float = 9, *, bold_first: bool = False
    ) -> float:
        """Draw lines under each other; returns the y below the block."""
        for i, row in enumerate(rows):
            self.text(x, y, row, size, bold=bold_first and i == 0)
            y += size * 1.3
        return y

    def width_of(self, s: str, size: float, *, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(s, self.bold if bold else self.font, size)

    def wrap(self, s: str, width: float, size: float) -> list[str]:
        """Greedy word wrap to `width` points."""
        rows: list[str] = []
        current = ""
        for word in s.split(" "):
            trial = f"{current} {word}".strip()
            if current and self.width_of(trial, size) > width:
                rows.append(current)
                current = word
            else:
                current = trial
        return [*rows, current]

    def hline(self, x0: float, x1: float, y: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - y, x1, self.height - y)

    def rect(self, x: float, y: float, w: float, h: float, *, gray: float | None = None) -> None:
        """A frame, or a filled box when `gray` is given (0 black .. 1 white)."""
        c = self.canvas
        c.setLineWidth(0.6)
        if gray is not None:
            c.setFillGray(gray)
            c.rect(x, self.height - y - h, w, h, stroke=0, fill=1)
            c.setFillGray(0)
        else:
            c.rect(x, self.height - y - h, w, h, stroke=1, fill=0)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page_no += 1

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self._buffer.getvalue()


@dataclass(frozen=True)
class Column:
    header: str  # "\n" makes a two-row header (bilingual layouts)
    width: float
    cell: Callable[[Line], str]
    align: str = "l"
    wrap: bool = False


@dataclass(frozen=True)
class TableStyle:
    size: float = 8.5
    pad: float = 4.0
    header_gray: float | None = 0.88
    grid: bool = False
    rule_rows: bool = True
    bold_header: bool = True
    max_rows_per_page: int = 99
    bottom_margin: float = 70.0


def _draw_header(doc: Doc, x: float, y: float, cols: Sequence[Column], st: TableStyle) -> float:
    rows = max(col.header.count("\n") + 1 for col in cols)
    h = rows * st.size * 1.25 + 2 * st.pad
    total = sum(col.width for col in cols)
    if st.header_gray is not None:
        doc.rect(x, y, total, h, gray=st.header_gray)
    cx = x
    for col in cols:
        for i, part in enumerate(col.header.split("\n")):
            yy = y + st.pad + i * st.size * 1.25
            _cell_text(doc, cx, yy, col, part, st, bold=st.bold_header)
        cx += col.width
    if st.grid:
        doc.rect(x, y, total, h)
    else:
        doc.hline(x, x + total, y + h, 0.9)
    return y + h


def _cell_text(
    doc: Doc, x: float, y: float, col: Column, s: str, st: TableStyle, *, bold: bool = False
) -> None:
    if col.align == "r":
        doc.text(x + col.width - 3, y, s, st.size, bold=bold, align="r")
    elif col.align == "c":
        doc.text(x + col.width / 2, y, s, st.size, bold=bold, align="c")
    else:
        doc.text(x + 3, y, s, st.size, bold=bold)


def draw_table(
    doc: Doc,
    x: float,
    y: float,
    cols: Sequence[Column],
    lines: Sequence[Line],
    st: TableStyle,
    continued: Callable[[Doc], float],
) -> float:
    """Draw the line table from `y`; on overflow call `continued` (draws the next page's
    header and returns where the table resumes) and repeat the column header."""
    y = _draw_header(doc, x, y, cols, st)
    on_page = 0
    total = sum(col.width for col in cols)
    for line in lines:
        cells = [doc.wrap(col.cell(line), col.width - 6, st.size) if col.wrap
                 else [col.cell(line)] for col in cols]  # fmt: skip
        h = max(len(c) for c in cells) * st.size * 1.25 + 2 * st.pad
        if y + h > doc.height - st.bottom_margin or on_page >= st.max_rows_per_page:
            doc.new_page()
            y = _draw_header(doc, x, continued(doc), cols, st)
            on_page = 0
        cx = x
        for col, rows in zip(cols, cells, strict=True):
            for i, row in enumerate(rows):
                _cell_text(doc, cx, y + st.pad + i * st.size * 1.25, col, row, st)
            if st.grid:
                doc.rect(cx, y, col.width, h)
            cx += col.width
        if st.rule_rows and not st.grid:
            doc.hline(x, x + total, y + h, 0.3)
        y += h
        on_page += 1
    return y


def draw_totals(
    doc: Doc,
    x_label: float,
    x_value: float,
    y: float,
    rows: Sequence[tuple[str, str]],
    size: float = 9,
    *,
    bold_last: bool = True,
) -> float:
    """Label/value rows, values right-aligned at `x_value`; the last row (the total) bold."""
    for i, (label, value) in enumerate(rows):
        last = bold_last and i == len(rows) - 1
        if last:
            doc.hline(x_label, x_value, y - 2, 0.8)
        doc.text(x_label, y, label, size, bold=last)
        doc.text(x_value, y, value, size, bold=last, align="r")
        y += size * 1.6
    return y
