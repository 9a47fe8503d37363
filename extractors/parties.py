"""Who sends the order (the buyer) and where it goes (ship-to), never our own company.

Why geometry: party blocks are a label ("Bill To", "Lieferanschrift", "收货地址") with a few
lines under it or to its right, often side by side with another block; the block's column
runs from its first value word to the next label on the label's line. The buyer is the
block labelled Buyer / Customer / Sold To, else the letterhead (the largest company-like
line at the top of page 1), else the Bill To block; the supplier (`context.supplier_names`,
fuzzy) is never returned as the customer, nor is a document title or a contact person.
A block ends at the next label, a blank gap, or an instruction sentence after the address.

Contract: `find_parties(layouts, hits, context) -> Parties` with `values` for
`customer_name`, `bill_to`, `ship_to` (address lines joined by "\\n", without the company
name line), and `buyer_text` (all buyer-side text, for customer matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from extractors.customers import strip_separators
from extractors.label_values import (
    Hit,
    heading_row,
    raw_value,
    right_cell,
    same_cell_value,
    starts_with_label,
)
from extractors.label_words import ORDER_TITLE_WORDS
from extractors.layout import Cell, Layout, Line
from extractors.raw import RawValue
from extractors.table_header import header_columns
from extractors.table_rows import trim_specks
from extractors.value_shapes import is_money
from extractors.vocabulary import find_labels, has_cjk, is_box_number, strip_accents
from poflow.domain import ExtractionContext, Word

_COMPANY = re.compile(
    r"\b(ltd|limited|llc|inc|corp|corporation|co|company|gmbh|ag|kg|ohg|ug|se|sa|sas|sarl|"
    r"sàrl|srl|spa|s\.?l|s\.?a|b\.?v|n\.?v|plc|oy|ab|as|pty|group|gruppe|holding|industries|"
    r"trading|traders|werke?|manufacturing|solutions|systems|ltda|eireli|pvt)\b\.?",
    re.IGNORECASE,
)
_CJK_COMPANY = re.compile(r"(有限公司|公司|集团|厂|企业|会社)")
# Document-type words: a title, never a company name ("PURCHASE ORDER", "INKOOPORDER").
_TITLES = re.compile(rf"^((standard|blanket)\s*)?({ORDER_TITLE_WORDS})\b", re.IGNORECASE)
# A person (the buyer's contact), not the buying company: "J. Miller", "Mr. J. Miller".
_HONORIFIC = r"(?i:mr|mrs|ms|dr|herr|frau|mme|sr|sra)\.?\s+"
_PERSON = re.compile(rf"^({_HONORIFIC})?([A-Z]\.\s*)+[A-Z][\w'-]+$|^{_HONORIFIC}\S+(\s+\S+)?$")
# Where an address block ends: a label-less "Heading:" line, a clock time (delivery hours).
# ("6300 Zug:" starts with a digit: a postcode line with an OCR speck, not a heading.)
_INSTRUCTION = re.compile(r"^(?!\d).*\w:$|^[^\d\s]\S*(?:\s[^\W\d_]+)?\w:\s|\b\d{1,2}:\d{2}\b")
# A clause after the address ends its Chinese sentence ("…, China，运费由乙方承担。"): an
# address does not end with a full stop.
_CJK_REMARK = re.compile(r"[，;；]\s*[\u3400-\u9fff][^，;；\n]*。\s*$")
_CONTACT = re.compile(r"@|www\.|https?:|\b(tel|phone|fax|e-?mail)\b|^\+?\d[\d\s()/-]{6,}$", re.I)
_BUYER_FIELDS = ("buyer", "bill_to", "ship_to")
_ALL_PARTY = (*_BUYER_FIELDS, "supplier")


@dataclass(frozen=True)
class Parties:
    values: dict[str, RawValue] = field(default_factory=dict)
    buyer_text: str = ""


@dataclass(frozen=True)
class Block:
    """The lines of a party block (label excluded), each as its words, with the label."""

    label: str
    lines: tuple[tuple[Word, ...], ...]
    page_no: int

    def texts(self) -> list[str]:
        return [" ".join(w.text for w in ws) for ws in self.lines]


def find_parties(layouts: list[Layout], hits: list[Hit], context: ExtractionContext) -> Parties:
    blocks = {name: [read_block(h) for h in hits if h.field == name] for name in _ALL_PARTY}
    suppliers = list(context.supplier_names) + [
        " ".join(b.texts()[:1]) for b in blocks["supplier"] if b.lines
    ]
    values: dict[str, RawValue] = {}
    buyer = _buyer_name(layouts, blocks, suppliers)
    if buyer is not None:
        values["customer_name"] = buyer
    names = suppliers + ([buyer.text] if buyer is not None else [])
    for name in ("bill_to", "ship_to"):
        addresses = [a for b in blocks[name] if (a := _address(b, names))]
        # "Ship To" beside "Deliver To: J. Miller, Goods receiving": the block with a house
        # number or postcode is the address, the other one names a person or a dock.
        address = next((a for a in addresses if any(c.isdigit() for c in a.text)), None)
        if address is not None or addresses:
            values[name] = address or addresses[0]
    buyer_lines = [t for name in _BUYER_FIELDS for b in blocks[name] for t in b.texts()]
    if buyer is not None:
        buyer_lines.insert(0, buyer.text)
    kept = [t for t in buyer_lines if not is_supplier(t, suppliers)]
    return Parties(values, "\n".join(dict.fromkeys(kept)))


def is_supplier(text: str, suppliers: list[str]) -> bool:
    """Fuzzy: our own company printed as the addressee ("Vendor: ACME Supplies Ltd")."""
    low = strip_accents(text.lower())
    for name in suppliers:
        other = strip_accents(name.lower())
        if other and (fuzz.token_set_ratio(low, other) >= 88 or fuzz.ratio(low, other) >= 85):
            return True
    return False


def _like_any(text: str, names: list[str]) -> bool:
    """Fuzzy containment; a name of a few letters (an OCR speck read as "i") contains nothing."""
    low = strip_accents(text.lower())
    return any(
        fuzz.partial_ratio(low, strip_accents(n.lower())) >= 90 for n in names if len(n) >= 4
    )


def is_company(text: str) -> bool:
    return bool(_COMPANY.search(text) or _CJK_COMPANY.search(text))


# --- reading a block ----------------------------------------------------------------------


def read_block(hit: Hit, max_lines: int = 7) -> Block:
    """The lines of the block a party label heads: right of it and then below, in its column."""
    layout = hit.layout
    slack = 1.5 * layout.word_height
    first: tuple[Word, ...] = same_cell_value(hit)
    if len(first) == 1 and first[0].text.isdigit() and _starts_under_label(hit):
        first = ()  # "SHIP TO 5400": a plant or location number; the address runs below
    if _only_labels(first):
        first = ()  # "NAD+DP · Delivery party ·": the heading goes on; the block runs below
    if first and _introduces(first, hit.cell.words):
        first = ()  # "Ship to our Plant 2 dock:", a sentence that introduces the block below
    if first and hit.match.first > 0 and first[-1].text.endswith(","):
        rest = _sentence_run_on(hit)
        if rest:  # an address inside a sentence: one line, to the sentence's end
            return Block(hit.label_text, (first + rest,), layout.page_no)
    right_limit = _right_limit(hit)
    if not first:
        right = right_cell(hit)
        if right is not None and not _is_label_cell(right):
            # In a row of headings ("Comprador | Centro de costos"), the next heading.
            if heading_row(hit) or _block_under_label(hit, right):
                right_limit = min(right_limit, right.x0 - 0.5 * layout.word_height)
            else:
                first = right.words
    # A label ending its line ("Please deliver to:") heads a block starting at the line's
    # left edge; a label with its value beside it heads a block in the value's column.
    column_x0 = first[0].x0 if first else hit.cell.x0
    lines: list[tuple[Word, ...]] = [first] if first else []
    previous = hit.line
    for line in layout.lines[hit.line.index + 1 :]:
        gap = line.center - previous.center
        if len(lines) >= max_lines or gap > 1.9 * layout.line_pitch:
            break
        if lines and layout.page.unit == "char" and gap >= 2:
            break  # a blank line in typed text ends the paragraph (the sign-off is not address)
        if any(hit.cell.x0 - slack <= c.x0 < column_x0 - slack for c in line.cells):
            break  # something in the label's margin: the next labelled block begins
        cells = [c for c in line.cells if column_x0 - slack <= c.x0 < right_limit]
        if header_columns(line) is not None:  # the item table begins beside or below
            cells = [c for c in cells if not find_labels(c.words, "column")]
            if not cells:
                break
        if not cells or (lines and cells[0].x0 > column_x0 + 2 * slack):
            # A line of a neighbouring column, interleaved with this block; address lines
            # start where the block's first line starts.
            continue
        if _is_label_cell(cells[0]):
            if _is_field_label(cells[0]) or (lines and _only_labels(cells[0].words)):
                break  # a field's label, or a heading alone ("Shipping method"): a new block
            previous = line
            continue  # "Tel:", "Attn:" lines are not address lines
        words = _without_specks([w for c in cells for w in c.words])
        if not words:
            continue
        if lines and all(is_box_number(w.text) for w in words):
            break  # "17(a). (b). (c).": a form's box numbers over the table that follows
        if lines and _instruction(" ".join(w.text for w in words)):
            break  # "Anlieferung Mo.–Fr. 7:00–14:30 Uhr", "We hereby order…:" end the address
        if lines and _legal_form_only(words):
            lines[-1] += words  # "Hudson Valley Fabrication / Inc." wrapped in a narrow column
        else:
            lines.append(words)
        previous = line
    return Block(hit.label_text, tuple(lines), layout.page_no)


def _introduces(value: tuple[Word, ...], cell: tuple[Word, ...]) -> bool:
    """A label's value that ends its cell with a colon ("our Plant 2 dock:", "à notre
    dépôt :"): no value, but what is written below."""
    last = cell[-1]
    return last.text.endswith((":", "：")) and (last is value[-1] or cell[-2:-1] == value[-1:])


def _sentence_run_on(hit: Hit) -> tuple[Word, ...]:
    """The rest of a label's value in running text that a line break cut after a comma
    ("Lugar de entrega: Polígono …, / C/ Ciudad de Sevilla 41, 46988 Paterna (Valencia).
    Horario …"): the next line's words up to the end of the sentence, or none when the
    sentence does not end on that line."""
    layout = hit.layout
    following = layout.lines[hit.line.index + 1 : hit.line.index + 2]
    if not following or following[0].center - hit.line.center > 1.6 * layout.line_pitch:
        return ()
    start = following[0].cells[0]
    if abs(start.x0 - hit.cell.x0) > layout.word_height:
        return ()  # not the paragraph going on
    words = start.words
    for i, word in enumerate(words):
        ends = word.text.endswith(".") and len(word.text) > 3
        if ends and (i + 1 == len(words) or words[i + 1].text[:1].isupper()):
            stop = Word(word.text[:-1], word.x0, word.top, word.x1, word.bottom, word.confidence)
            return (*words[:i], stop)
    return ()


def _only_labels(words: tuple[Word, ...]) -> bool:
    """Words that are all header labels or marks between them ("· Buyer · GLN"): more of
    the heading, no value."""
    if not words:
        return False
    labelled = {i for m in find_labels(words, "header") for i in range(m.first, m.last + 1)}
    return all(i in labelled or not any(c.isalnum() for c in w.text) for i, w in enumerate(words))


def _block_under_label(hit: Hit, right: Cell) -> bool:
    """The cell right of the label is another column's (a supplier's address block beside
    "Adresse de livraison :"), and the label's own block runs under it: the next line starts
    where the label starts, far left of that cell."""
    if right.x0 - hit.x1 < 6 * hit.layout.word_height:
        return False
    return _starts_under_label(hit, before=right.x0)


def _starts_under_label(hit: Hit, before: float = float("inf")) -> bool:
    """The next line has a cell starting where the label starts (ending left of `before`)
    that is not a label: the label's block runs under it."""
    layout = hit.layout
    if hit.line.index + 1 >= len(layout.lines):
        return False
    below = layout.lines[hit.line.index + 1]
    if below.center - hit.line.center > 1.9 * layout.line_pitch:
        return False
    for start in below.cells:
        if abs(start.x0 - hit.cell.x0) <= layout.word_height:
            return start.x1 < before and not _is_label_cell(start)
    return False


def _without_specks(words: list[Word]) -> tuple[Word, ...]:
    """Lone marks at a line's ends ("+ Bristol BS2 0QT :"), and a lone Chinese character
    ending a Latin line ("Rotterdam 四"), are OCR specks or rulings."""
    words = trim_specks(words)
    latin = not any(has_cjk(w.text) for w in words[:-1])
    if len(words) > 1 and len(words[-1].text) == 1 and has_cjk(words[-1].text) and latin:
        words = words[:-1]
    return tuple(words)


def _instruction(text: str) -> bool:
    """A sentence or a heading after an address, not one of its lines."""
    words = text.split()
    lower = sum(w[:1].islower() for w in words if w[:1].isalpha())
    return bool(_INSTRUCTION.search(text)) or (len(words) >= 8 and 2 * lower >= len(words))


def _legal_form_only(words: tuple[Word, ...]) -> bool:
    return bool(_COMPANY.fullmatch(" ".join(w.text for w in words)))


def _right_limit(hit: Hit) -> float:
    """Where the block's column ends: the next party/field label to the right on its line."""
    for cell in hit.line.cells[hit.cell_index + 1 :]:
        if _is_label_cell(cell) or starts_with_label(cell, ("totals",)):  # totals beside it
            return cell.x0 - 0.5 * hit.layout.word_height
    return hit.layout.page.width + 1


def _is_label_cell(cell: Cell) -> bool:
    return any(m.first == 0 for m in find_labels(cell.words, "header"))


def _is_field_label(cell: Cell) -> bool:
    return any(m.first == 0 and m.field != "other" for m in find_labels(cell.words, "header"))


# --- choosing the buyer ---------------------------------------------------------------------


def _buyer_name(
    layouts: list[Layout], blocks: dict[str, list[Block]], suppliers: list[str]
) -> RawValue | None:
    for block in blocks["buyer"]:
        name = _block_name(block, suppliers)
        if name is not None and not _signature_caption(name, layouts):
            return name
    in_blocks = {id(w) for found in blocks.values() for b in found for ln in b.lines for w in ln}
    letterhead = _letterhead(layouts, suppliers, in_blocks)
    if letterhead is not None:
        return letterhead
    for block in blocks["bill_to"] + blocks["ship_to"]:
        name = _block_name(block, suppliers)
        if name is not None and is_company(name.text):
            return name
    return _signature_company(layouts, suppliers)


def _signature_caption(name: RawValue, layouts: list[Layout]) -> bool:
    """A buyer label below the order's totals captions a signature box ("Comprador | Gerência
    de Suprimentos | Diretoria"): party blocks are printed above the items and totals, so
    what stands beside it is a department or a role, not the buyer, unless it is a company's
    name."""
    if name.bbox is None or name.page is None or name.page > len(layouts):
        return False
    if is_company(name.text):
        return False
    top = name.bbox[1]
    for layout in layouts[: name.page]:
        for line in layout.lines:
            above = layout.page_no < name.page or line.bottom < top
            if above and _totals_row(line):
                return True
    return False


def _totals_row(line: Line) -> bool:
    """A line with a totals label and an amount beside it ("Valor Total do Pedido: 1.418,00")."""
    return any(
        starts_with_label(cell, ("totals",)) and any(is_money(w.text) for w in line.words)
        for cell in line.cells
    )


def _block_name(block: Block, suppliers: list[str]) -> RawValue | None:
    for words in block.lines[:2]:
        text = " ".join(w.text for w in words)
        if not _name_like(text) or _PERSON.match(text) or _sentence_fragment(text):
            continue
        if not is_supplier(text, suppliers):
            return name_value(words, block.page_no, block.label)
    return None


def _sentence_fragment(text: str) -> bool:
    """Words of running text after a label word that starts a line of prose ("Report
    substitutions to the / Buyer before shipment."): a name has a capital somewhere."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].islower() for w in words)


def name_value(words: tuple[Word, ...] | list[Word], page_no: int, label: str | None) -> RawValue:
    """A company name without the separators printed around it: `Kessler & Söhne KG ·`
    (a sender line `Name · Street · City`), `Pemberton Engineering plc,`, an OCR'd `"`."""
    value = raw_value(words, page_no, label)
    return replace(value, text=strip_separators(value.text))


def _name_like(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    return letters >= 2 and digits <= letters // 3 and not _CONTACT.search(text)


def document_title(text: str) -> bool:
    """ "PURCHASE ORDER", also letter-spaced ("I N KO O P O R D E R") for a wide heading."""
    squeezed = "".join(text.split()) if len(text) > 2 * len(text.replace(" ", "")) - 2 else text
    return bool(_TITLES.match(text) or _TITLES.match(squeezed))


def _letterhead(
    layouts: list[Layout], suppliers: list[str], in_blocks: set[int]
) -> RawValue | None:
    """The largest company-like line at the top of page 1, above the item table and outside
    the labelled party blocks (`in_blocks`: ids of their words; a ship-to street is no
    letterhead, however tall OCR boxed it)."""
    if not layouts or layouts[0].page.unit == "char":
        return None  # a typed e-mail body has no letterhead
    layout = layouts[0]
    candidates: list[tuple[float, Cell, int]] = []
    for line in layout.lines:
        if line.top > 0.3 * layout.page.height or header_columns(line) is not None:
            break
        for at, cell in enumerate(line.cells):
            if any(id(w) in in_blocks for w in cell.words) or not _letterhead_like(cell, suppliers):
                continue
            if document_title(" ".join(c.text for c in line.cells[at:])):
                continue  # "PURCHASE | ORDER": a title set wide, each word a cell
            score = max(w.bottom - w.top for w in cell.words) / layout.word_height
            score += 1.0 if is_company(cell.text) else 0.0
            candidates.append((score - 0.01 * line.index, cell, line.index))
    if not candidates:
        return None
    _, best, line_no = max(candidates, key=lambda c: c[0])
    return name_value(_name_with_legal_form(layout, best, line_no), layout.page_no, None)


def _name_with_legal_form(layout: Layout, cell: Cell, line_no: int) -> tuple[Word, ...]:
    """The name with its legal form set apart: spaced wide on the same line (a large
    letterhead read by OCR: "Hudson | Valley | Fabrication | Inc."), or wrapped onto the
    next line of a narrow letterhead."""
    line = layout.lines[line_no]
    height = max(w.bottom - w.top for w in cell.words)
    at = line.cells.index(cell)

    def joins(left: Cell, right: Cell, other: Cell) -> bool:
        near = right.x0 - left.x1 <= 4 * height
        return near and _name_like(other.text) and not document_title(other.text)

    end = at  # up to the last legal form right of the cell, over name-like cells
    for index in range(at + 1, len(line.cells)):
        if not joins(line.cells[index - 1], line.cells[index], line.cells[index]):
            break
        if _legal_form_only(line.cells[index].words):
            end = index
    start = at
    if end > at:  # the legal form is found: so are the name's first words, to its left
        while start > 0 and joins(line.cells[start - 1], line.cells[start], line.cells[start - 1]):
            start -= 1
    words = tuple(w for c in line.cells[start : end + 1] for w in c.words)
    if end > at or line_no + 1 >= len(layout.lines):
        return words
    for below in layout.lines[line_no + 1].cells:
        if abs(below.x0 - cell.x0) <= layout.word_height and _legal_form_only(below.words):
            return words + below.words
    return words


def _letterhead_like(cell: Cell, suppliers: list[str]) -> bool:
    text = cell.text
    if not _name_like(text) or document_title(text) or text[:1].isdigit() or len(text) < 4:
        return False
    if _legal_form_only(cell.words) or _PERSON.match(text):
        return False
    if find_labels(cell.words, "header"):
        return False
    headings = sum(m.last - m.first + 1 for m in find_labels(cell.words, "column"))
    if headings * 2 >= len(cell.words):
        return False  # a table heading, not a name

    return not is_supplier(text, suppliers)


def _signature_company(layouts: list[Layout], suppliers: list[str]) -> RawValue | None:
    """A company-like line anywhere (an e-mail signature), when nothing better exists."""
    for layout in layouts:
        for line in layout.lines:
            text = line.cells[0].text
            if (
                is_company(text)
                and _name_like(text)
                and len(text) < 70
                and not is_supplier(text, suppliers)
                and not find_labels(line.cells[0].words, "header")
            ):
                return name_value(line.cells[0].words, layout.page_no, None)
    return None


def _without_leading_name(words: tuple[Word, ...], names: list[str]) -> tuple[Word, ...]:
    """An address on one line after its company's name and a dash ("Officine Rossi S.r.l. –
    Via Roma 1, 25125 Brescia"): the name is the addressee, not part of the address."""
    for index, word in enumerate(words):
        if word.text not in _DASHES:
            continue
        name = " ".join(w.text for w in words[:index])
        rest = words[index:]
        while rest and rest[0].text in _DASHES:
            rest = rest[1:]
        # "Werk 2 – Tor 4, …" names a site of the address, not a company.
        named = not any(c.isdigit() for c in name) and (is_company(name) or _like_any(name, names))
        return rest if named and any(c.isdigit() for w in rest for c in w.text) else words
    return words


_DASHES = {"-", "–", "—", "·", "|"}


def _address(block: Block, names: list[str]) -> RawValue | None:
    """Address lines of a block, without the leading company and contact name lines.

    `names` are the company names known on the page (buyer, supplier): a first line like
    one of them is the addressee, not part of the address.
    """
    lines = list(block.lines)
    while len(lines) > 1:
        text = " ".join(w.text for w in lines[0])
        # "Werk 2, Tor 4" is a site of the address, not the company ("…werke") heading it.
        company = is_company(text) and not any(c.isdigit() for c in text)
        # A contact person above the company ("J. Miller"): the addressee, no address line.
        name_line = company or _like_any(text, names) or bool(_PERSON.match(text))
        if not name_line and not (_name_like(text) and has_cjk(text) and "公司" in text):
            break
        lines.pop(0)
    if not lines:
        return None
    lines[0] = _without_leading_name(lines[0], names)
    words = [w for ws in lines for w in ws]
    value = raw_value(words, block.page_no, block.label)
    text = _CJK_REMARK.sub("", "\n".join(" ".join(w.text for w in ws) for ws in lines))
    return RawValue(text, value.confidence, value.page, value.bbox, block.label)
