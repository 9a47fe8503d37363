"""The words of an e-mail body as a person reads them: HTML as text, no quotes or signatures.

Pure text functions (no MIME): `html_to_text` keeps an HTML table's columns aligned,
because the field stage reads the text on a character grid; `order_text` drops quoted
replies, reply intros and the signature, but keeps a forwarded message (usually the order).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


def order_text(text: str, *, forwarded: bool = False, keep_quotes: bool = False) -> str:
    """The sender's own text and any forwarded text; no quoted replies, headers or signatures.

    When stripping leaves nothing, the quoted text is the order (a reply that only quotes).
    `keep_quotes` appends the quoted message, without its quote marks and intro, to the
    own text: a customer may order by confirming the offer quoted below.
    """
    own, passed_on = split_forward(text, forwarded=forwarded)
    parts = [_own_or_quoted(own, keep_quotes)]
    if passed_on is not None:
        parts.append(_own_or_quoted(_drop_header_block(passed_on), keep_quotes))
    text = align_pipe_columns(align_tab_columns(_tidy("\n\n".join(p for p in parts if p))))
    return "\n\n".join(_item_list_paragraph(p) for p in text.split("\n\n"))


def align_tab_columns(text: str) -> str:
    """Tab-separated rows (a table pasted from a spreadsheet) as space-aligned columns.

    A mail client expands a tab to the next multiple of 8, so a cell longer than the others
    pushes the rest of its row out of line with the header; the field stage reads columns
    by position, so each run of rows with cells between tabs is padded like a table.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and "\t" in lines[end].strip():
            end += 1
        if end - i >= 2:
            out.extend(_aligned([line.rstrip().split("\t") for line in lines[i:end]]))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


_PIPE_ROW = re.compile(r"^\|?[^|]*(?:\|[^|]*){2,}\|?$")  # three cells or more
_PIPE_RULE = re.compile(r"^[|:\-\s+]*-[|:\-\s+]*$")  # a Markdown table's "|---|---|"


def align_pipe_columns(text: str) -> str:
    """Rows typed with "|" between cells (a table typed on a phone, a Markdown table) as
    space-aligned columns, for the same reason as `align_tab_columns`; rule lines dropped."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and (
            _PIPE_ROW.match(lines[end].strip()) or (end > i and _PIPE_RULE.match(lines[end]))
        ):
            end += 1
        rows = [ln.strip().strip("|").split("|") for ln in lines[i:end] if not _PIPE_RULE.match(ln)]
        if len(rows) >= 2 and len({len(row) for row in rows}) == 1:  # a table: cells alike
            out.extend(_aligned(rows))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _aligned(rows: list[list[str]]) -> list[str]:
    cells = [[cell.strip() for cell in row] for row in rows]
    width = max(len(row) for row in cells)
    col = [max((len(row[j]) for row in cells if j < len(row)), default=0) for j in range(width)]
    return ["  ".join(_padded(c, col[j]) for j, c in enumerate(row)).rstrip() for row in cells]


_FIGURE = re.compile(r"[-+]?[\d.,' ]*\d")


def _padded(cell: str, width: int) -> str:
    """Figures right-aligned, as a spreadsheet shows them; text left-aligned."""
    return cell.rjust(width) if _FIGURE.fullmatch(cell) else cell.ljust(width)


# "2x BR-225", "125.5 x GB-8120", "10 pcs 4711-220": a quantity opening an item typed in
# running text (a number, a times sign or a count word, then a code: a word with a digit).
_ITEM_START = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:[x×]|pcs\.?|pieces|units|stuks?|st[üu]ck|stk\.?)\s+"
    r"(?=(?:[^\W\d_][\w./-]*\d|\d[\w./-]*[^\W\d_]|\d{4,})[\w./-]*(?![\w./-]))"
    r"(?!\d+\s?(?:mm|cm|m|in|ft|kg|g|lb|l)\b)",  # "50 x 1200 mm" is a size
    re.IGNORECASE,
)
# What joins the items of a list: a comma, a semicolon, "and" in the customers' languages.
_LIST_JOINT = re.compile(r"(?:[,;]|\s(?:and|und|en|et|y|e|och|og|i|plus|&|\+))\s*$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])")


def item_list_lines(line: str) -> str:
    """A sentence listing several items ("please send 2x BR-225 at $24.50 = $49.00, 10x
    AX-1010 at $0.12 = $1.20 - $50.20 in total. Our PO …") as one line per item, what is
    typed before and after on lines of its own: items are read a line each, and a PO
    number typed after them is then no part of the last item."""
    starts = _item_starts(line)
    if len(starts) < 2:
        return line
    intro = _SENTENCE_END.split(line[: starts[0]])
    items = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
    after = _SENTENCE_END.split(items.pop())
    parts = [*intro, *items, *after]  # "please send" alone: no text before the first code
    return "\n".join(part.strip() for part in parts if part.strip())


def _item_starts(line: str) -> list[int]:
    """Where the items of a list typed in `line` start (the first item, then those after a
    comma or "and")."""
    starts = [m.start() for m in _ITEM_START.finditer(line)]
    return starts[:1] + [at for at in starts[1:] if _LIST_JOINT.search(line[:at])]


def _item_list_paragraph(paragraph: str) -> str:
    """`item_list_lines` on each line; on the paragraph as one line when its sentence of
    items was wrapped (a mail client breaks plain text at ~72 characters), which shows as
    more items in the joined text than lines that open with one."""
    lines = paragraph.split("\n")
    joined = " ".join(line.strip() for line in lines)
    prose = not any(re.search(r"\S {2,}\S", line.strip()) for line in lines)  # no columns
    opening = sum(_item_starts(line.strip().lstrip("-–*•· "))[:1] == [0] for line in lines)
    if len(lines) > 1 and prose and len(_item_starts(joined)) > max(1, opening):
        return item_list_lines(joined)
    return "\n".join(item_list_lines(line) for line in lines)


def _own_or_quoted(text: str, keep_quotes: bool = False) -> str:
    own = strip_reply(text)
    if not own:
        return _tidy(unquote(text))
    quoted = quoted_text(text) if keep_quotes else ""
    return f"{own}\n\n{quoted}" if quoted else own


def quoted_text(text: str) -> str:
    """The quoted message of a reply as plain text: after its intro ("On … wrote:", an
    Outlook From/Sent block), without quote marks; else just the `>` lines unquoted."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _OUTLOOK_FROM.match(stripped) and _OUTLOOK_NEXT.match(following):
            return _tidy(unquote(_drop_header_block("\n".join(lines[i:]))))
        if _REPLY_INTRO.match(stripped):
            return _tidy(unquote("\n".join(lines[i + 1 :])))
        if _REPLY_INTRO.match(f"{stripped} {following}"):
            return _tidy(unquote("\n".join(lines[i + 2 :])))
    return _tidy(unquote("\n".join(ln for ln in lines if ln.strip().startswith(">"))))


FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|wg|tr|rv|doorst)\s*:", re.IGNORECASE)
_FORWARD_MARK = re.compile(
    r"^(-+\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado)"
    r"\s*-+|begin forwarded message:)$",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^[^\W\d][\w .-]{0,30}:\s")


def split_forward(text: str, *, forwarded: bool = False) -> tuple[str, str | None]:
    """(the sender's own text, the forwarded message) split at the forward marker.

    A message whose subject says it is forwarded (Fwd:, FW:, WG:) is split at the
    quoted message's intro too, as Outlook marks forwards like replies.
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _FORWARD_MARK.match(stripped):
            return "\n".join(lines[:i]), "\n".join(lines[i + 1 :])
        if forwarded and starts_quoted_message(stripped, following):
            start = i if _OUTLOOK_FROM.match(stripped) else i + 1
            return "\n".join(lines[:i]), "\n".join(lines[start:])
    return text, None


# The header names of a forwarded message's block, in the mail clients' languages.
_FORWARDED_FROM = frozenset({"from", "von", "de"})
_FORWARDED_DATE = frozenset({"date", "sent", "datum", "gesendet", "envoyé", "enviado", "fecha"})


def forwarded_header(text: str, *, forwarded: bool = False) -> tuple[str | None, str | None]:
    """(From, Date) as typed in the header block of the message forwarded in `text`
    (Gmail's "Forwarded message" line, Apple Mail's "Begin forwarded message:", an
    Outlook From/Sent block); (None, None) when the body forwards nothing."""
    _, passed_on = split_forward(text, forwarded=forwarded)
    sender = sent = None
    lines = (passed_on or "").replace("\xa0", " ").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines) and _HEADER_LINE.match(lines[i].strip()):
        name, _, value = lines[i].strip().partition(":")
        name = name.strip().strip("*").casefold()
        if name in _FORWARDED_FROM and sender is None:
            sender = value.strip()
        elif name in _FORWARDED_DATE and sent is None:
            sent = value.strip()
        i += 1
    return sender, sent


def _drop_header_block(text: str) -> str:
    """The forwarded message without its From/Date/Subject/To lines."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines) and _HEADER_LINE.match(lines[i].strip()):
        i += 1
    return "\n".join(lines[i:])


_REPLY_INTRO = re.compile(
    r"^(on\b.*\bwrote:|am\b.*\bschrieb\b.*:|le\b.*\ba écrit\s?:|"
    r"-{2,}\s*(original message|ursprüngliche nachricht|message d'origine)\s*-{2,})$",
    re.IGNORECASE,
)
# French puts a space before the colon ("De : …", "Envoyé : …").
_OUTLOOK_FROM = re.compile(r"^(from|von|de)\s?:\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(
    r"^(sent|date|gesendet|datum|envoyé|enviado|fecha|to|an|à|para)\s?:\s", re.IGNORECASE
)


def strip_reply(text: str) -> str:
    """Cut at the signature (`-- `) or the quoted message's intro; drop `>` lines."""
    lines = text.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _ends_own_text(stripped, following):
            break
        if not stripped.startswith(">"):
            kept.append(line.rstrip())
    return _tidy("\n".join(kept))


def _ends_own_text(line: str, following: str) -> bool:
    if line in ("--", "-- ") or re.fullmatch(r"_{10,}", line):
        return True
    return starts_quoted_message(line, following)


def starts_quoted_message(line: str, following: str) -> bool:
    if _REPLY_INTRO.match(line) or _REPLY_INTRO.match(f"{line} {following}"):
        return True
    return bool(_OUTLOOK_FROM.match(line) and _OUTLOOK_NEXT.match(following))


def unquote(text: str) -> str:
    return "\n".join(re.sub(r"^(\s*>)+ ?", "", line) for line in text.split("\n"))


def _tidy(text: str) -> str:
    """Trailing spaces off, runs of blank lines down to one, no blank edges."""
    lines = [line.rstrip() for line in text.replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# --- what a typed order states without a label ----------------------------------------

# "Usual address:", "à l'adresse :": a line ending in an address word introduces the
# address typed below it; in an order the customer types, that is where to deliver.
_ADDRESS_INTRO = re.compile(
    r"\b(address|adresse|anschrift|lieferanschrift|dirección|direccion|indirizzo|adres|"
    r"endereço|adresa)\s*[:：]$",
    re.IGNORECASE,
)
_OTHER_ADDRESS = re.compile(
    r"invoice|invoicing|billing|bill|rechnung|factur|fattur|e-?mail|our\s+address|sender",
    re.IGNORECASE,
)
MAX_ADDRESS_LINES = 6


def typed_address(text: str) -> tuple[int, list[str]] | None:
    """(index of its first line, its lines) of an address typed under "…address:" and
    ended by a blank line (of 2 to 6 lines), else of one typed on the line of a delivery
    sentence after "at:"; None when there is neither."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        intro = line.strip()
        if not _introduces_address(intro) or _OTHER_ADDRESS.search(intro):
            continue
        block: list[str] = []
        for following in lines[i + 1 :]:
            if not following.strip():
                break
            block.append(following.strip())
        if 2 <= len(block) <= MAX_ADDRESS_LINES:
            return i + 1, block
    return _inline_address(lines)


# "Consegna entro il 13 giugno presso:", "Please deliver on Monday to:": a delivery sentence
# that ends in its preposition and a colon, the address typed below.
_DELIVERY_INTRO = re.compile(
    r"\b(?:at|to|an|à|a|presso|naar|aan|en|till|bei|nach)\s*[:：]$", re.IGNORECASE
)


def _introduces_address(line: str) -> bool:
    if _ADDRESS_INTRO.search(line):
        return True
    return bool(_DELIVERY_INTRO.search(line) and _DELIVERY_WORD.search(line))


# "We'd need everything by Friday at: 12 Mill Lane, Leeds LS1 4AB.": a delivery sentence
# that ends in "at:"/"to:" and the address, its parts typed on one line between commas.
_DELIVERY_WORD = re.compile(
    r"\b(deliver\w*|ship\w*|send|sent|need\w*|bring|liefer\w*|livr\w*|lever\w*|"
    r"entreg\w*|consegn\w*|envi\w*)\b",
    re.IGNORECASE,
)
_INLINE_ADDRESS = re.compile(
    r"\b(?:at|to|an|à|a|naar|aan|en|till)\s?[:：]\s*(?P<address>[^:]*\d[^:]*,[^:]*?)\s*\.?$",
    re.IGNORECASE,
)


# "Lieferung bitte bis Montag an Werk 2, Tor 4, Hafenstraße 77, 28217 Bremen.": without the
# colon only an address that shows its shape: three comma-separated parts or more, one a
# postcode and town, ending the sentence.
_BARE_ADDRESS = re.compile(
    r"\b(?:at|to|an|à|naar|aan|till)\s+(?P<address>[^:,]*\d[^:,]*(?:,[^:,]+){2,}?)\s*\.?$",
    re.IGNORECASE,
)
_POSTCODE_TOWN = re.compile(r"(?:^|,)\s*\d{4,5}\s+[A-ZÀ-Þ][^\W\d_]+")


def _inline_address(lines: list[str]) -> tuple[int, list[str]] | None:
    for i, line in enumerate(lines):
        found = _INLINE_ADDRESS.search(line.strip()) or _bare_address(line.strip())
        intro = line.strip()[: found.start()] if found else ""
        if found and _DELIVERY_WORD.search(intro) and not _OTHER_ADDRESS.search(intro):
            return i, [found["address"].rstrip(". ")]
    return None


def _bare_address(line: str) -> re.Match[str] | None:
    found = _BARE_ADDRESS.search(line)
    return found if found and _POSTCODE_TOWN.search(found["address"]) else None


# An amount with cents ("£587.00", "1.316,00 EUR"), not part of a longer figure.
_MONEY_IN_TEXT = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.'\u00a0]?\d{3})*[.,]\d{2}(?![\d]|[.,]\d)")


def money_in_text(text: str) -> list[tuple[int, int, int, str]]:
    """Every amount with cents: (line index, first column, end column, text as typed)."""
    return [
        (row, m.start(), m.end(), m.group(0))
        for row, line in enumerate(text.split("\n"))
        for m in _MONEY_IN_TEXT.finditer(line.expandtabs(8))
    ]


# --- HTML to text ------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"section", "article", "header", "footer", "hr", "pre", "address", "center", "dl", "dd"}
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "template", "blockquote"})


def html_to_text(html: str, *, keep_quotes: bool = False) -> str:
    """Readable text of an HTML body: block breaks as line breaks, tables as aligned columns.

    Aligned columns matter: the field stage reads the text on a character grid, so a table
    typed in an HTML mail keeps its columns. Quoted replies (`<blockquote>`) are left out.
    """
    parser = _HtmlText(skipped=_SKIPPED_TAGS - {"blockquote"} if keep_quotes else _SKIPPED_TAGS)
    parser.feed(html)
    parser.close()
    return _tidy(parser.result())


class _Cell:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        if text != "\n" and (not self.parts or self.parts[-1].endswith("\n")):
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)

    def lines(self) -> list[str]:
        return [line.strip() for line in "".join(self.parts).split("\n") if line.strip()]


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []

    def cell(self) -> _Cell:
        if not self.rows:
            self.rows.append([])
        if not self.rows[-1]:
            self.rows[-1].append(_Cell())
        return self.rows[-1][-1]

    def render(self) -> str:
        rows = [[c.lines() for c in row] for row in self.rows]
        rows = [row for row in rows if any(row)]
        width = max((len(row) for row in rows), default=0)
        col = [max((_width(row, j) for row in rows), default=0) for j in range(width)]
        out: list[str] = []
        for row in rows:
            for k in range(max(len(cell) for cell in row)):
                texts = [cell[k] if k < len(cell) else "" for cell in row]
                out.append("  ".join(t.ljust(col[j]) for j, t in enumerate(texts)).rstrip())
        return "\n".join(out)


def _width(row: list[list[str]], j: int) -> int:
    return max((len(line) for line in row[j]), default=0) if j < len(row) else 0


class _HtmlText(HTMLParser):
    def __init__(self, skipped: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped = skipped
        self.top = _Cell()
        self.tables: list[_Table] = []
        self.skipping = 0
        self.preformatted = 0  # inside <pre>: spaces and line breaks are the layout

    def result(self) -> str:
        while self.tables:  # unclosed tables in sloppy HTML
            self._close_table()
        return "".join(self.top.parts)

    def _target(self) -> _Cell:
        return self.tables[-1].cell() if self.tables else self.top

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.skipped:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "table":
            self._target().write("\n")
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            table.rows[-1].append(_Cell())
        elif tag in _BLOCK_TAGS:
            self.preformatted += tag == "pre"
            self._target().write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipped:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag == "table" and self.tables:
            self._close_table()
        elif tag in _BLOCK_TAGS and tag not in ("tr", "br"):
            self.preformatted = max(0, self.preformatted - (tag == "pre"))
            self._target().write("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.preformatted:
            self._target().parts.append(data.replace("\r\n", "\n"))
        else:  # HTML collapses white space, but not non-breaking spaces (used to align)
            self._target().write(re.sub(r"[ \t\r\n\f]+", " ", data))

    def _close_table(self) -> None:
        rendered = self.tables.pop().render()
        target = self._target()
        target.write("\n")
        target.parts.append(rendered + "\n")  # verbatim: keep the column padding
