"""Which number of a typed line is its quantity, unit price and amount.

Every reading of the line's numbers as quantity, price and amount is scored by the cue
words around them (`free_text_pieces`), and qty × price ≈ amount both confirms a reading
and decides which number is which; OCR's lost decimal points are allowed for.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import permutations

from extractors.free_text_pieces import (
    AMOUNT_BEFORE,
    COUNT_UNITS,
    PRICE_AFTER,
    PRICE_BEFORE,
    TIMES,
    Piece,
    has_currency,
    neighbour,
)

_MAX_NUMBERS = 10


@dataclass(frozen=True)
class Roles:
    """Piece indexes of the numbers read as quantity (always one), unit price and amount."""

    quantity: int
    unit_price: int | None = None
    amount: int | None = None

    def indexes(self) -> set[int]:
        return {i for i in (self.quantity, self.unit_price, self.amount) if i is not None}


def _quantity_cue(pieces: list[Piece], cues: dict[int, str], index: int) -> float:
    """2 for "20 x", "20 pcs", "qty 20"; 1 for "GB-9001 x 20"; 0 for "25 x 3 mm", "2500 kg"
    (sizes in a description; a line opening with "5 kg" gets its quantity from the position)."""
    after, before = neighbour(pieces, index, 1), neighbour(pieces, index, -1)
    score = 0.0
    if after is not None and pieces[after].word <= pieces[index].word + 1:
        norm = pieces[after].norm
        if norm in COUNT_UNITS or (norm in TIMES and not _size(pieces, after)):
            score = 2.0
        following = neighbour(pieces, after, 1)
        if norm in PRICE_AFTER and following is not None and pieces[following].kind == "num":
            score = 2.5  # "10 ea 42.60 426.00": a unit column between quantity and price
    if before is not None and cues.get(before) == "quantity":
        score = max(score, 2.5)
    if before is not None and pieces[before].norm in TIMES and not _size(pieces, before):
        score = max(score, 1.0)  # "GB-9001 x 20"
    return score


def _size(pieces: list[Piece], times: int) -> bool:
    """ "25 x 3 mm", "300 x 4.8": numbers either side of the "x" are a size (or qty × price)."""
    left, right = neighbour(pieces, times, -1), neighbour(pieces, times, 1)
    return all(i is not None and pieces[i].kind == "num" for i in (left, right))


def _price_cue(pieces: list[Piece], cues: dict[int, str], index: int) -> float:
    after, before = neighbour(pieces, index, 1), neighbour(pieces, index, -1)
    score = 1.0 if has_currency(pieces, index) else 0.0
    if before is not None and (
        pieces[before].norm in PRICE_BEFORE or cues.get(before) == "unit_price"
    ):
        score += 2.0
    if after is not None and (pieces[after].norm in PRICE_AFTER or pieces[after].text == "/"):
        score += 2.0
    return score


def _amount_cue(pieces: list[Piece], cues: dict[int, str], index: int) -> float:
    before = neighbour(pieces, index, -1)
    score = 1.0 if has_currency(pieces, index) else 0.0
    if before is not None and (
        pieces[before].text in AMOUNT_BEFORE or cues.get(before) == "amount"
    ):
        score += 2.0
    return score


def agrees(quantity: Decimal, price: Decimal, amount: Decimal) -> bool:
    return amount > 0 and abs(quantity * price - amount) <= max(Decimal("0.011"), amount / 500)


def best_roles(
    pieces: list[Piece],
    cues: dict[int, str],
    body_start: int,
    excluded: set[int | None],
    *,
    ocr: bool = False,
) -> Roles | None:
    """The best-scored reading of the line's numbers as quantity, unit price and amount."""
    numbers = [
        i
        for i, p in enumerate(pieces)
        if p.kind == "num" and i not in excluded and p.value is not None and not _percent(pieces, i)
    ]
    if len(numbers) > _MAX_NUMBERS:
        return None  # a row of figures (a rate table, a phone list), not a typed item
    scores = {
        i: (
            _quantity_cue(pieces, cues, i) + (1.0 if i == body_start else 0.0),
            _price_cue(pieces, cues, i),
            _amount_cue(pieces, cues, i),
        )
        for i in numbers
    }
    best: tuple[float, Roles] | None = None
    for roles in _readings(numbers):
        score = _score(pieces, scores, roles, ocr=ocr)
        if score is not None and (best is None or score > best[0]):
            best = (score, roles)
    return best[1] if best else None


def _percent(pieces: list[Piece], index: int) -> bool:
    return index + 1 < len(pieces) and pieces[index + 1].text == "%"


def _readings(numbers: list[int]) -> list[Roles]:
    options: list[int | None] = [*numbers, None]
    out: list[Roles] = []
    for q in numbers:
        for p, a in permutations(options, 2) if len(options) > 1 else [(None, None)]:
            if q not in {p, a} and (p != a or p is None):
                out.append(Roles(q, p, a))
        out.append(Roles(q, None, None))
    return out


def _score(
    pieces: list[Piece],
    scores: dict[int, tuple[float, float, float]],
    roles: Roles,
    *,
    ocr: bool = False,
) -> float | None:
    """Cue scores plus 5 when qty × price = amount; None when a number has no reason to be it.
    OCR loses decimal points ("1.92" read "192"): in print order, qty × price = amount with
    one of them off by a power of ten counts almost as much (normalise restores the point)."""
    q, p, a = roles.quantity, roles.unit_price, roles.amount
    placed = [i for i in (q, p, a) if i is not None]
    in_order = placed == sorted(placed)
    exact = consistent(pieces, roles)
    shifted = not exact and ocr and in_order and consistent(pieces, roles, shifts=(1, 2))
    arithmetic = exact or shifted
    if not arithmetic and (
        scores[q][0] <= 0
        or (p is not None and scores[p][1] <= 0)
        or (a is not None and scores[a][2] <= 0)
    ):
        return None
    total = (
        scores[q][0]
        + (scores[p][1] if p is not None else 0)
        + (scores[a][2] if a is not None else 0)
    )
    if arithmetic:
        total += 5.0 if exact else 4.9
    elif p is not None and a is not None:
        total -= 1.0  # both printed but they disagree (a discount?): kept only on strong cues
    if in_order:
        total += 0.5
    return total - 0.001 * q  # the earlier quantity when all else is equal


def consistent(pieces: list[Piece], roles: Roles, shifts: tuple[int, ...] = ()) -> bool:
    if roles.unit_price is None or roles.amount is None:
        return False
    q, p, a = (pieces[i].value for i in (roles.quantity, roles.unit_price, roles.amount))
    if q is None or p is None or a is None:
        return False
    if not shifts:
        return agrees(q, p, a)
    return any(agrees(q, p.scaleb(-k), a) or agrees(q, p, a.scaleb(-k)) for k in shifts)


def adds_up(pieces: list[Piece], roles: Roles, *, ocr: bool) -> bool:
    """No amount or price to check against, or qty × price = amount (OCR: a point lost)."""
    if roles.unit_price is None or roles.amount is None:
        return True
    return consistent(pieces, roles) or (ocr and consistent(pieces, roles, shifts=(1, 2)))
