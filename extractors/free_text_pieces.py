"""A line of running text cut into pieces, and the cue words around its numbers.

`free_text` reads order lines typed without a table ("20 x GB-9001 Hi-vis vest @ 3.20 GBP =
64.00"). Each line is made of a few token shapes: numbers, a code, currency, words, CJK runs
and single marks; a word may hold several ("GB-9001:", "3.20€"), so a piece remembers its
word and where in it it starts. Cue words ("x", "pcs", "@", "each", "=") and item-column
labels ("qty", "unit price") say what a number beside them is (`free_text_roles`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from extractors.value_shapes import CURRENCY_CODES, NUMBER_PATTERN, number_value
from extractors.vocabulary import find_labels, norm_token
from poflow.domain import Word

# One piece of a word: a number ("1,745.00", "14,20"), a code ("GB-9001", "M8x40"), a run of
# CJK characters, a run of letters, or one other character ("@", "=", "(", "$").
_CODE = (
    r"[A-Za-z0-9]+(?:(?:[-._#]|/(?=[A-Za-z]*\d))[A-Za-z0-9]+)+"
    r"|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z]+\d[A-Za-z0-9]*"
)
_CODE_AT = re.compile(_CODE)
_NUMBER_AT = re.compile(NUMBER_PATTERN)
_OTHER_AT = re.compile(
    r"(?P<cjk>[\u3400-\u9fff]+)|(?P<word>[^\W\d_\u3400-\u9fff]+)|(?P<other>.)", re.S
)
_SYMBOLS = {"€", "$", "£", "¥", "￥", "元"}
_BULLETS = {"-", "–", "—", "*", "•", "·", "+", ">", "o"}
# Cue words, compared by `norm_token` form. Units that count pieces say "quantity" strongly
# (measurement units, `free_text._MEASURE_UNITS`, are as often part of a description).
TIMES = {"x", "×", "*"}
COUNT_UNITS = {
    "pcs", "pc", "pce", "pces", "piece", "pieces", "stk", "stuck", "st", "units",
    "unit", "u", "ud", "uds", "unidades", "unidad", "pz", "pzs", "box", "boxes", "sets", "set",
    "pair", "pairs", "pr", "roll", "rolls", "pk", "pack", "packs", "ctn", "cartons", "carton",
    "karton", "rolle", "rollen", "paar", "satz", "dz", "doz", "件", "个", "箱", "套", "台",
    "只", "盒", "卷", "支", "把", "pallets", "pallet", "off", "items", "stuk", "stuks",
    "szt", "ks", "pezzi", "pezzo", "pieza", "piezas", "pecas", "peca", "conf", "cf",
}  # fmt: skip
PRICE_BEFORE = {"@", "a", "at", "zu", "je", "per", "for", "unit", "price", "prix", "preis"}
PRICE_AFTER = {"each", "ea", "je", "per", "pro", "/", "apiece", "chacun", "cada", "l'unite"}
AMOUNT_BEFORE = {"="}
# Punctuation passed over on the way from a number to its cue word ("qty: 20", "(20)").
SKIP = {":", "：", ",", "，", "、", ";", "；", "(", ")", "[", "]"}


@dataclass(frozen=True)
class Piece:
    """A piece of a line: its text, kind, the word it is part of and where in that word."""

    text: str
    kind: str  # "num", "code", "cjk", "word", "other", "cur"
    word: int
    start: int

    @property
    def norm(self) -> str:
        return norm_token(self.text) if self.kind != "other" else self.text

    @cached_property
    def value(self) -> Decimal | None:
        return number_value(self.text) if self.kind == "num" else None


def line_pieces(words: tuple[Word, ...]) -> list[Piece]:
    """The line's pieces, word by word, blanks left out."""
    out: list[Piece] = []
    for index, word in enumerate(words):
        at = 0
        while at < len(word.text):
            text, kind = _piece_at(word.text, at)
            if not text.isspace():
                out.append(Piece(text, "cur" if _is_currency(text) else kind, index, at))
            at += len(text)
    return out


def _piece_at(text: str, at: int) -> tuple[str, str]:
    """The piece starting at `at`: the longer of a code and a number ("1.234,56" is a number)."""
    code, number = _CODE_AT.match(text, at), _NUMBER_AT.match(text, at)
    if code and not any(c.isdigit() for c in code.group(0)):
        code = None  # "Hi-vis" is words, not a code
    if code and number and re.fullmatch(r"[xX×]", text[number.end() : code.end()]):
        code = None  # "125.5x": a quantity and its "times", as "2x" is
    if number and (code is None or number.end() >= code.end()):
        return number.group(0), "num"
    if code:
        return code.group(0), "code"
    other = _OTHER_AT.match(text, at)
    assert other is not None  # any non-space character matches
    return other.group(0), other.lastgroup or "other"


def _is_currency(text: str) -> bool:
    return text in _SYMBOLS or (text in CURRENCY_CODES)


def skip_bullet(pieces: list[Piece]) -> int:
    """Index of the first piece after a list bullet ("-", "•", "*")."""
    index = 0
    while index < len(pieces) - 1 and pieces[index].text in _BULLETS:
        index += 1
    return index


def position_piece(pieces: list[Piece], start: int) -> tuple[int | None, int]:
    """ "1)", "2.", "#3" opening the line: the position's piece, and where the item starts."""
    if start + 2 >= len(pieces):
        return None, start
    first, mark = pieces[start], pieces[start + 1]
    if first.text == "#" and mark.kind == "num" and re.fullmatch(r"\d{1,3}", mark.text):
        return start + 1, start + 2
    closed = mark.text == ")" or (mark.text == "." and mark.word == first.word)
    if first.kind == "num" and re.fullmatch(r"\d{1,3}", first.text) and closed:
        return start, start + 2
    return None, start


def clock_times(pieces: list[Piece]) -> set[int | None]:
    """The numbers of a time of day ("10:06 am", "7:00–14:00"): no quantity, price or amount."""
    times: set[int | None] = set()
    for at in range(len(pieces) - 2):
        hour, colon, minute = pieces[at : at + 3]
        one_word = hour.word == minute.word  # "Pos. 3: 12 Stk" is a position and a quantity
        shape = (hour.kind, colon.text, minute.kind) == ("num", ":", "num")
        if shape and one_word and _TIME.fullmatch(f"{hour.text}:{minute.text}"):
            times |= {at, at + 2}
    return times


_TIME = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d")


def is_totals(words: tuple[Word, ...]) -> bool:
    """ "Total: 1,962.60", "Subtotal", "MwSt. 19 %": a totals label opens the line."""
    return any(m.first == 0 for m in find_labels(words, "totals"))


def label_cues(words: tuple[Word, ...], pieces: list[Piece]) -> dict[int, str]:
    """Piece index -> column of the item-column label it is part of ("qty", "unit price")."""
    cues: dict[int, str] = {}
    for match in find_labels(words, "column"):
        for index, piece in enumerate(pieces):
            inside = match.first <= piece.word < match.last or (
                piece.word == match.last
                and (match.value_offset == 0 or piece.start < match.value_offset)
            )
            if inside and piece.kind in {"word", "cjk", "other"}:
                cues[index] = match.field
    return cues


def neighbour(pieces: list[Piece], index: int, step: int) -> int | None:
    """The next piece before/after `index` that is not punctuation or a currency mark."""
    index += step
    while 0 <= index < len(pieces) and (pieces[index].text in SKIP or pieces[index].kind == "cur"):
        index += step
    return index if 0 <= index < len(pieces) else None


def has_currency(pieces: list[Piece], index: int) -> bool:
    near = [index - 1, index + 1]
    return any(0 <= i < len(pieces) and pieces[i].kind == "cur" for i in near)
