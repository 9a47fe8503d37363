"""The totals block: subtotal, tax, shipping and total, each a label with an amount to its right.

Why after the table: the word "Total" is also a column heading and may end a line item;
only labels below the table header (or anywhere when there is no table) count. Among
several candidates the most specific label wins ("Grand Total" over "Total"), then the
last one printed; a total that equals subtotal + tax + shipping beats one that does not.
A net value printed as the only total (no tax or total label at all) is the order total only
when the document confirms it (see `_net_value_is_total`); otherwise it stays a subtotal and
the order has no total, so a person looks. A total label with no amount but a bare number
beside it ("Total  74": a smudge ate the cents) gives that number: calibration's arithmetic
confirms it or marks it unsure, which is more use to a reviewer than no total.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from extractors.label_values import Hit, below_cells, collect_hits, raw_value, tail_word
from extractors.layout import Layout, union_bbox
from extractors.raw import RawValue
from extractors.tables import Table
from extractors.value_shapes import find_currency, find_date, is_money, number_value
from extractors.vocabulary import find_labels
from poflow.domain import Word

TOTAL_FIELDS = ("subtotal", "tax", "shipping", "total")


def find_totals(layouts: list[Layout], table: Table) -> dict[str, RawValue]:
    candidates: dict[str, list[tuple[Hit, RawValue]]] = {f: [] for f in TOTAL_FIELDS}
    labelled: set[str] = set()
    unread: dict[str, Hit] = {}
    fragments: list[tuple[Hit, RawValue]] = []
    for hit in collect_hits(layouts, "totals"):
        if not _after_table(hit, table) or (hit.match.first != 0 and not _after_rate(hit)):
            continue
        if _part_of_header_label(hit):
            continue  # "Delivery date", "Shipping address": not a delivery charge
        if hit.field == "tax" and (_names_a_total(hit) or _registration_number(hit)):
            continue  # "Total excluding VAT", "BTW NL8123.45.678.B01": no tax line
        labelled.add(hit.field)
        value = amount_right_of(hit)
        if value is not None:
            candidates[hit.field].append((hit, value))
        else:
            fragment = number_right_of(hit)
            if fragment is not None:
                fragments.append((hit, fragment))
            if _garbled_amount(hit):
                unread.setdefault(hit.field, hit)
    if not candidates["total"]:
        # A total label with only a bare number beside it (a smudge ate the cents): the
        # number is a reading to check, not nothing; the arithmetic then confirms it or not.
        candidates["total"] = [(h, v) for h, v in fragments if h.field == "total"]
    chosen: dict[str, RawValue] = {}
    for name in TOTAL_FIELDS:
        ranked = sorted(candidates[name], key=lambda c: (c[0].match.priority, c[0].order))
        if ranked:
            chosen[name] = ranked[-1][1]
    chosen.update(_marks_lost(chosen, labelled, fragments))
    split = _split_tax(chosen, candidates["tax"], candidates["total"])
    if split is not None:
        chosen["tax"] = split
    consistent = _consistent_total(chosen, [v for _, v in candidates["total"]])
    if consistent is not None:
        chosen["total"] = consistent
    else:
        tax = _consistent_tax(chosen, [v for _, v in candidates["tax"]])
        if tax is not None:
            chosen["tax"] = tax
    if "total" in chosen and "subtotal" not in chosen:
        goods = _goods_total(candidates["total"], chosen["total"], table)
        if goods is not None:
            chosen["subtotal"] = goods
    for name in ("subtotal", "tax"):
        if name in unread and name not in chosen:
            summed = _unread_amount(unread[name], chosen, labelled, table)
            if summed is not None:
                chosen[name] = summed
    # The net value is the only total printed (an ERP order without tax, "Total net value
    # excl. tax"): it is what the order is worth, if the document confirms it. Any tax or
    # total label, even one whose amount could not be read, keeps it a subtotal.
    only_net = labelled == {"subtotal"} and set(chosen) == {"subtotal"}
    if only_net and _net_value_is_total(chosen["subtotal"], layouts, table):
        return {"total": chosen["subtotal"]}
    return chosen


def _marks_lost(
    chosen: dict[str, RawValue], labelled: set[str], fragments: list[tuple[Hit, RawValue]]
) -> dict[str, RawValue]:
    """A part of the totals printed as a bare number ("TVA 20 %  151052" for 151,52) when
    the other parts are read and leave exactly that amount, OCR having lost the decimal
    mark or read it as a digit: the digits say it is the amount, the sum says where the
    mark goes. Nothing is taken on the sum alone. (A total's bare number is chosen already,
    as a reading to check; it is settled here the same way.)"""
    found: dict[str, RawValue] = {}
    for hit, fragment in fragments:
        name = hit.field
        if chosen.get(name, fragment) is not fragment or name in found:
            continue  # read with its cents, or settled by an earlier fragment
        expected = _left_by_others(name, chosen, labelled)
        if expected is not None and _digits_of(expected, fragment.text):
            cents = f"{expected:.2f}"
            mark = _decimal_mark(chosen)
            found[name] = replace(fragment, text=cents.replace(".", mark))
    return found


def _left_by_others(name: str, chosen: dict[str, RawValue], labelled: set[str]) -> Decimal | None:
    """What `name` must be for subtotal + tax + shipping = total, from the other parts read
    (a part not labelled at all counts as none; one labelled but unread leaves it open)."""
    parts: dict[str, Decimal] = {}
    for other in TOTAL_FIELDS:
        if other == name:
            continue
        if other in chosen:
            value = number_value(chosen[other].text)
            if value is None:
                return None
            parts[other] = value
        elif other in labelled or other in ("subtotal", "total"):
            return None
    rest = sum((v for k, v in parts.items() if k != "total"), Decimal(0))
    expected = rest if name == "total" else parts["total"] - rest
    return expected if expected > 0 else None


def _digits_of(expected: Decimal, printed: str) -> bool:
    """The printed digits are the amount's with its decimal mark lost or read as one digit."""
    digits = "".join(ch for ch in printed if ch.isdigit())
    wanted = f"{expected:.2f}".replace(".", "")
    return digits == wanted or (
        len(digits) == len(wanted) + 1 and digits[:-3] + digits[-2:] == wanted
    )


def _decimal_mark(chosen: dict[str, RawValue]) -> str:
    """The document's decimal mark, as the amounts read with cents print it."""
    for value in chosen.values():
        found = _CENTS.search(value.text)
        if found:
            return found.group()[0]
    return "."


def _net_value_is_total(net: RawValue, layouts: list[Layout], table: Table) -> bool:
    """Taking a net value for the total is a guess on a layout whose tax or total label we
    may not know; the lines would agree with it all the same. So it needs the document's
    confirmation: every item's amount (printed, or quantity × price) adding up to it, and
    no other amount outside the item rows (where an unrecognised tax, freight or total
    would be)."""
    value, items = number_value(net.text), _item_sum(table)
    if value is None or items is None or abs(items - value) > Decimal("0.01"):
        return False
    return not any(_other_amounts(layout, table, net) for layout in layouts)


def _item_sum(table: Table) -> Decimal | None:
    """Σ the item amounts as printed, quantity × price on a row that prints none (an order
    typed as "6 pièces à 48,20 €"); None unless every row gives one."""
    amounts = [_row_amount(row) for row in table.rows]
    if not amounts or any(a is None for a in amounts):
        return None
    return sum((a for a in amounts if a is not None), Decimal(0))


def _row_amount(row: dict[str, RawValue]) -> Decimal | None:
    if "amount" in row:
        return number_value(row["amount"].text)
    quantity = number_value(row["quantity"].text) if "quantity" in row else None
    price = number_value(row["unit_price"].text) if "unit_price" in row else None
    if quantity is None or price is None:
        return None
    return (quantity * price).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _garbled_amount(hit: Hit) -> bool:
    """Right of the label, figures that are no amount ("991-75") and that OCR read unsure:
    a misread amount, not words ("Net 30 days" is terms) nor digits printed so."""
    words = _words_right_of(hit)
    rate = max((i for i, w in enumerate(words) if "%" in w.text), default=-1)
    words = words[rate + 1 :]  # after a rate ("TVA 20 %"): the amount's figures
    text = "".join(w.text for w in words)
    figures = sum(c.isdigit() for c in text) >= 3 and not any(c.isalpha() for c in text)
    return figures and max(w.confidence for w in words) < UNSURE_READING


UNSURE_READING = 0.5  # OCR's own doubt: a clean misreading is not second-guessed


UNREAD_CONFIDENCE = 0.6  # taken on two sums, not read: a person looks


def _unread_amount(
    hit: Hit, chosen: dict[str, RawValue], labelled: set[str], table: Table
) -> RawValue | None:
    """A subtotal or tax label whose amount OCR could not read ("Goods  991-75", "TVA 20 %
    1652"): the amount the total leaves once the other parts read are taken off, when a
    second sum gives it too: the item amounts' for a subtotal, the printed rate of the
    subtotal for a tax. Two sums agreeing say what was printed; a reading at a low
    confidence, all the same."""
    expected = _left_by_others(hit.field, chosen, labelled)
    second = _item_sum(table) if hit.field == "subtotal" else _rated_tax(hit, chosen)
    if second is None or expected is None or abs(second - expected) > Decimal("0.01"):
        return None
    text = f"{second:.2f}".replace(".", _decimal_mark(chosen))
    where = union_bbox(_words_right_of(hit))  # the misread figures: what a person checks
    return RawValue(text, UNREAD_CONFIDENCE, hit.layout.page_no, where, hit.label_text)


def _rated_tax(hit: Hit, chosen: dict[str, RawValue]) -> Decimal | None:
    """The tax at the rate printed on its line ("TVA 20 %") of the subtotal read."""
    rates = _RATE.findall(hit.line.text)
    base = number_value(chosen["subtotal"].text) if "subtotal" in chosen else None
    if len(rates) != 1 or base is None:
        return None
    rate = number_value(rates[0])
    return None if rate is None else (base * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


_RATE = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s?%")


def _goods_total(
    totals: list[tuple[Hit, RawValue]], total: RawValue, table: Table
) -> RawValue | None:
    """A total label over the sum of the item amounts, printed before a larger final total,
    is the subtotal ("Total 720,90 / TVA 20 % 144,18 / Total TTC 865,08" with the "HT"
    lost): the order then has both, and the final total is checked against it."""
    items, final = _item_sum(table), number_value(total.text)
    last = max((hit.order for hit, value in totals if value is total), default=None)
    if items is None or final is None or last is None:
        return None
    for hit, value in totals:
        amount = number_value(value.text)
        if amount is None or hit.order >= last:
            continue
        if amount < final and abs(amount - items) <= Decimal("0.01"):
            return value
    return None


def _other_amounts(layout: Layout, table: Table, net: RawValue) -> bool:
    """Whether the page prints an amount below the table header, outside the item rows,
    other than the net value itself."""
    for line in layout.lines:
        if table.header_at is not None and (layout.page_no, line.index) <= table.header_at:
            continue
        if _inside_rows(layout.page_no, line.center, table):
            continue
        for word in _amounts(list(line.words)):
            if layout.page_no != net.page or (word.x0, word.top, word.x1, word.bottom) != net.bbox:
                return True
    return False


def _part_of_header_label(hit: Hit) -> bool:
    return any(
        m.first <= hit.match.first and m.last > hit.match.last
        for m in find_labels(hit.cell.words, "header")
    )


def _names_a_total(hit: Hit) -> bool:
    """A tax word after "excl."/"incl." and a totals label in the same cell ("Total
    excluding VAT", "Summe netto ohne USt") names what that total leaves out or takes in."""
    words = hit.cell.words
    first = hit.match.first
    if first < 2 or not _WITH_OR_WITHOUT.fullmatch(words[first - 1].text):
        return False
    return any(m.last < first - 1 for m in find_labels(words, "totals"))


# A total's qualifier; not "plus", "zzgl." or "add": "zzgl. 19 % MwSt. 19,00" is a tax line.
_WITH_OR_WITHOUT = re.compile(
    r"\(?(?:excl|excluding|exclusive|ex|exkl|exklusive|exclusief|ohne|hors|before|zonder|sans|"
    r"sin|senza|sem|utan|incl|including|inclusive|inkl|inklusive|inclusief|mit|avec|con|com|"
    r"met|med|with|without)\.?",
    re.IGNORECASE,
)


def _registration_number(hit: Hit) -> bool:
    """ "BTW NL8123.45.678.B01", "VAT Reg. No GB 123 4567 89" in a letterhead, a footer or a
    signature: the tax word names the buyer's tax registration, not a tax amount."""
    following = _words_right_of(hit)
    if not following:
        return False
    text = following[0].text.strip(":#.")
    if text.lower() in _REGISTRATION_WORDS:
        return True
    digits = sum(ch.isdigit() for ch in text)
    return bool(_TAX_ID.match(text)) and digits >= 6 and not _amount_like(text)


_REGISTRATION_WORDS = frozenset(["reg", "no", "nr", "number", "id", "registration", "nummer"])
_TAX_ID = re.compile(r"[A-Z]{2}[A-Z]?\d")  # a country code, then the number: "GB123456789"


def _amount_like(text: str) -> bool:
    """Totals print cents ("1,234.00") or a currency; "94402" is a postcode, not a total."""
    return is_money(text) and bool(_CENTS.search(text) or find_currency(text))


_CENTS = re.compile(r"[.,]\d{2}(?!\d)")


def _after_rate(hit: Hit) -> bool:
    """ "zzgl. 19 % MwSt." — a label after rate words, not one inside a sentence."""
    return not hit.match.colon or (hit.match.first <= 3 and not find_date(hit.cell.text))


def _after_table(hit: Hit, table: Table) -> bool:
    if table.header_at is None:
        return True
    after = (hit.layout.page_no, hit.line.index) > table.header_at
    return after and not _inside_rows(hit.layout.page_no, hit.line.center, table)


def _inside_rows(page_no: int, center: float, table: Table) -> bool:
    """A label inside an item row (a line item called "Freight") is not a totals label."""
    for row in table.rows:
        for value in row.values():
            box = value.bbox
            same_page = value.page == page_no and "quantity" in row
            if same_page and box is not None and box[1] <= center <= box[3]:
                return True
    return False


def _words_right_of(hit: Hit) -> list[Word]:
    """The words on the label's line right of the label, up to the next totals label."""
    words: list[Word] = []
    if hit.match.ends_inside_word:
        tail = tail_word(hit.cell.words[hit.match.last], hit.match.value_offset)
        if tail is not None:
            words.append(tail)
    words.extend(hit.cell.words[hit.match.last + 1 :])
    for cell in hit.line.cells[hit.cell_index + 1 :]:
        if any(m.first == 0 for m in find_labels(cell.words, "totals")):
            break  # "Subtotal 100.00   Tax 20.00   Total 120.00" on one line
        words.extend(cell.words)
    return words


def amount_right_of(hit: Hit) -> RawValue | None:
    """The last amount on the label's line right of the label (not a "19 %" rate)."""
    amounts = _amounts(_glued(_words_right_of(hit)))
    if not amounts:
        under = below_cells(hit, max_lines=1)  # a row of totals labels over their amounts
        amounts = _amounts([w for c in under for w in c.words])
        if find_date(" ".join(w.text for w in amounts)):
            amounts = []
    if not amounts:
        amounts = _amount_beside(hit)
    if not amounts:
        return None
    return raw_value([amounts[-1]], hit.layout.page_no, hit.label_text)


def _glued(words: list[Word]) -> list[Word]:
    """The words with a leading figure OCR split off an amount ("£1" | "20.00" for £120.00)
    joined to it again: nearer to it than a space, the one word printed."""
    out: list[Word] = []
    for word in sorted(words, key=lambda w: w.x0):
        if out and _split_off(out[-1], word):
            last = out[-1]
            top, bottom = min(last.top, word.top), max(last.bottom, word.bottom)
            confidence = min(last.confidence, word.confidence)
            out[-1] = Word(last.text + word.text, last.x0, top, word.x1, bottom, confidence)
        else:
            out.append(word)
    return out


def _split_off(figure: Word, amount: Word) -> bool:
    gap = amount.x0 - figure.x1
    touching = 0 <= gap < GLUED_GAP * (amount.bottom - amount.top)
    shapes = _SPLIT_FIGURE.fullmatch(figure.text) and _CENTS.search(amount.text)
    return touching and bool(shapes) and amount.text[:1].isdigit()


GLUED_GAP = 0.3  # of the amount's height: a space between words is wider
_SPLIT_FIGURE = re.compile(r"[£$€¥]?\d{1,3}")


def number_right_of(hit: Hit) -> RawValue | None:
    """The last bare number right of the label ("Order Total (USD)  74", "Total TTC  Z 3296")."""
    numbers = [w for w in _cleaned(_words_right_of(hit)) if _BARE_NUMBER.fullmatch(w.text)]
    return raw_value([numbers[-1]], hit.layout.page_no, hit.label_text) if numbers else None


_BARE_NUMBER = re.compile(r"\d[\d.,']*")


def _cleaned(words: list[Word]) -> list[Word]:
    return [replace(w, text=w.text.lstrip(_RULINGS).rstrip(_RULINGS[1:])) for w in words]


def _amounts(words: list[Word]) -> list[Word]:
    """The amounts among words, without the rulings OCR glues to them ("--¥3,238.00")."""
    return [w for w in _cleaned(words) if "%" not in w.text and _amount_like(w.text)]


_RULINGS = "-–—_~=|:;'\"‘’“”"  # at the end, "-" stays: "45,-" is an amount


def _amount_beside(hit: Hit) -> list[Word]:
    """An amount printed right of the label but vertically centred on a label that wraps
    ("Estimated sales tax / (7.25%)"), or a large total with its currency under it: a line
    of its own, less than a line pitch above or below, holding nothing but the amount."""
    layout = hit.layout
    near = [
        line
        for line in layout.lines[max(hit.line.index - 1, 0) : hit.line.index + 2]
        if line is not hit.line and abs(line.center - hit.line.center) < 0.75 * layout.line_pitch
    ]
    for line in sorted(near, key=lambda line: abs(line.center - hit.line.center)):
        cells = [c for c in line.cells if c.x0 > hit.x1]
        if len(cells) != len(line.cells) or any(find_labels(c.words, "totals") for c in cells):
            continue  # the line has its own label: the amount is that label's
        amounts = _amounts([w for c in cells for w in c.words])
        if amounts:
            return amounts
    return []


def _split_tax(
    chosen: dict[str, RawValue],
    taxes: list[tuple[Hit, RawValue]],
    totals: list[tuple[Hit, RawValue]],
) -> RawValue | None:
    """A tax printed in parts under different names (India's CGST + SGST, Canada's GST +
    PST) is their sum, when the total confirms it (subtotal + shipping + Σ parts = total)
    and the one part alone does not."""
    parts = {hit.match.phrase.lower(): value for hit, value in taxes}
    amounts = [number_value(v.text) for v in parts.values()]
    others = [number_value(chosen[f].text) for f in ("subtotal", "shipping") if f in chosen]
    if len(parts) < 2 or "subtotal" not in chosen or None in amounts or None in others:
        return None
    base = sum((a for a in others if a is not None), Decimal(0))
    tax = sum((a for a in amounts if a is not None), Decimal(0))
    printed = {number_value(v.text) for _, v in totals}
    alone = number_value(chosen["tax"].text) if "tax" in chosen else None
    if base + tax not in printed or (alone is not None and base + alone in printed):
        return None
    first = next(iter(parts.values()))
    text = f"{tax:.2f}".replace(".", _decimal_mark(chosen))
    confidence = min(v.confidence for v in parts.values())
    return RawValue(text, confidence, first.page, first.bbox, " + ".join(parts))


def _consistent_total(chosen: dict[str, RawValue], totals: list[RawValue]) -> RawValue | None:
    parts = [number_value(chosen[f].text) for f in ("subtotal", "tax", "shipping") if f in chosen]
    if "subtotal" not in chosen or any(p is None for p in parts):
        return None
    return _last_equal(totals, sum((p for p in parts if p is not None), Decimal(0)))


def _consistent_tax(chosen: dict[str, RawValue], taxes: list[RawValue]) -> RawValue | None:
    """The tax amount that makes subtotal + tax + shipping = total, when the one chosen by
    label rank does not: a rate table's row ("7 % UST 5,80" under the totals, a VAT
    breakdown's "Steuerbetrag" column) also carries a tax word, the sum says which is the
    order's tax."""
    if "subtotal" not in chosen or "total" not in chosen or len(taxes) < 2:
        return None
    parts = [number_value(chosen[f].text) for f in ("subtotal", "shipping", "total") if f in chosen]
    if any(p is None for p in parts):
        return None
    *base, total = [p for p in parts if p is not None]
    return _last_equal(taxes, total - sum(base, Decimal(0)))


def _last_equal(values: list[RawValue], wanted: Decimal) -> RawValue | None:
    """The last of `values` that prints `wanted` (to the cent)."""
    for value in reversed(values):
        amount = number_value(value.text)
        if amount is not None and abs(amount - wanted) <= Decimal("0.01"):
            return value
    return None
