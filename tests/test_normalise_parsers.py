"""The value parsers of `extractors.normalise`: examples, then round trips with hypothesis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.normalise import (
    infer_decimal_comma,
    parse_currency,
    parse_date,
    parse_money,
    parse_quantity,
    split_quantity_unit,
)
from extractors.normalise_dates import parse_yearless_date
from extractors.value_shapes import find_date, find_yearless_date

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", D("1234.56")),
        ("1.234,56", D("1234.56")),
        ("1 234,56", D("1234.56")),
        ("1\u00a0234,56", D("1234.56")),
        ("1\u202f234,56", D("1234.56")),
        ("1\u2009234,56", D("1234.56")),
        ("1'234.56", D("1234.56")),
        ("1\u2019234.56", D("1234.56")),
        ("¥12,800.00", D("12800.00")),
        ("$ 1,234", D("1234")),
        ("EUR 99,90", D("99.90")),
        ("99,90 €", D("99.90")),
        ("CHF 1'234.50", D("1234.50")),
        ("US$ 5.00", D("5.00")),
        ("(12.50)", D("-12.50")),
        ("-12.50", D("-12.50")),
        ("\u221212.50", D("-12.50")),
        ("12.50-", D("-12.50")),
        ("97,00 €.-", D("97.00")),  # a mark after the currency: no trailing minus
        ("97.00 -", D("97.00")),
        ("€ -3,00", D("-3.00")),
        ("１２３．４５", D("123.45")),
        ("1,234.56.", D("1234.56")),
        ("4,.180,94", D("4180.94")),  # OCR doubled a mark: the one well-formed reading
        ("12,,50", D("12.50")),
        ("1O0.00", D("100.00")),
        ("Y3,162.00", D("3162.00")),  # OCR read the yuan sign as a "Y"
        ("0.425", D("0.425")),
        ("0,425", D("0.425")),
        ("1.234.567", D("1234567")),
        ("1,234,567.89", D("1234567.89")),
        ("12,5", D("12.5")),
        ("1,234", D("1234")),
    ],
)
def test_parse_money_examples(text: str, expected: Decimal) -> None:
    value = parse_money(text)
    assert value == expected
    assert value is not None and value.as_tuple().exponent == expected.as_tuple().exponent


@pytest.mark.parametrize(
    "text", ["", "abc", "N/A", "15.03.2026", "12 50", "12 pcs", "1,23,4", "XY3.00", "Y3 Y"]
)
def test_parse_money_rejects_non_money(text: str) -> None:
    assert parse_money(text) is None


def test_three_digits_after_a_lone_separator_follow_the_hint() -> None:
    assert parse_money("1,234", decimal_comma=True) == D("1.234")
    assert parse_money("1,234", decimal_comma=False) == D("1234")
    assert parse_money("1.234", decimal_comma=True) == D("1234")
    assert parse_money("1.234", decimal_comma=False) == D("1.234")
    assert parse_quantity("1.000", decimal_comma=True) == D("1000")
    assert parse_quantity("1.000", decimal_comma=False) == D("1")


def test_infer_decimal_comma_from_unambiguous_amounts() -> None:
    assert infer_decimal_comma(["1.234,56", "12,50", "1.000"]) is True
    assert infer_decimal_comma(["1,234.56", "$ 12.50", "1,000"]) is False
    assert infer_decimal_comma(["1,000", "250"]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250", (D("250"), None)),
        ("2.5", (D("2.5"), None)),
        ("250 EA", (D("250"), "EA")),
        ("12 pcs", (D("12"), "pcs")),
        ("EA 5", (D("5"), "EA")),
        ("3 Stk.", (D("3"), "Stk")),
        ("1.000,5 kg", (D("1000.5"), "kg")),
        ("abc", (None, None)),
    ],
)
def test_split_quantity_unit(text: str, expected: tuple[Decimal | None, str | None]) -> None:
    assert split_quantity_unit(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-15",
        "15.03.2026",
        "15/03/2026",
        "03/15/2026",
        "15 March 2026",
        "March 15, 2026",
        "15-Mar-2026",
        "Mar 15 2026",
        "15th March 2026",
        "15. März 2026",
        "15 mars 2026",
        "15 de marzo de 2026",
        "2026年3月15日",
        "2026/3/15",
        "Order date: Sunday, 15 March 2026",
        "Monday, 15th of March 2026",
        "15 de marzo del 2026",
        "Paterna, 15 de marzo de 2026",
        "Berlin, den 15. März 2026",
        "15 maart 2026",
        "15 marzo 2026",
        "15.03.26",
        "１５．０３．２０２６",
        "15/mar/2026",
    ],
)
def test_parse_date_styles(text: str) -> None:
    assert parse_date(text) == date(2026, 3, 15)
    assert parse_date(text, month_first=True) == date(2026, 3, 15)


def test_ambiguous_numeric_dates_follow_month_first() -> None:
    assert parse_date("03/04/2026", month_first=True) == date(2026, 3, 4)
    assert parse_date("03/04/2026", month_first=False) == date(2026, 4, 3)
    assert parse_date("03/04/2026") == date(2026, 4, 3)
    assert parse_date("3/4/26", month_first=True) == date(2026, 3, 4)


@pytest.mark.parametrize("text", ["31.04.2026", "30 February 2026", "nothing", "13/13/2026"])
def test_parse_date_rejects_impossible_dates(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_takes_the_first_date_in_the_text() -> None:
    assert parse_date("Ordered 15.03.2026, deliver by 2026-04-01") == date(2026, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$ 12.00", "USD"),
        ("US$ 12", "USD"),
        ("CA$ 12", "CAD"),
        ("C$5", "CAD"),
        ("A$ 7", "AUD"),
        ("HK$ 7", "HKD"),
        ("€ 5", "EUR"),
        ("£ 5", "GBP"),
        ("¥ 100", "CNY"),
        ("¥ 100 (JPY)", "JPY"),
        ("100 円", "JPY"),
        ("100 元", "CNY"),
        ("RMB 100", "CNY"),
        ("Fr. 12.50", "CHF"),
        ("Currency: CHF", "CHF"),
        ("Prices in EUR, total $ 12", "EUR"),
        ("no currency here", None),
    ],
)
def test_parse_currency(text: str, expected: str | None) -> None:
    assert parse_currency(text) == expected


# --- property tests: print a value in each locale style, parse it back ----------------

STYLES = [(",", "."), (".", ","), (" ", ","), ("\u202f", ","), ("'", "."), ("", ".")]
amounts = st.decimals(min_value=D("0.01"), max_value=D("9999999.99"), places=2)


def _print(value: Decimal, group: str, decimal: str) -> str:
    text = f"{value:,.2f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


@given(amounts, st.sampled_from(STYLES), st.sampled_from(["", "$", "€ ", "EUR ", " CHF"]))
def test_money_round_trip(value: Decimal, style: tuple[str, str], mark: str) -> None:
    group, decimal = style
    printed = _print(value, group, decimal)
    printed = mark + printed if not mark.startswith(" ") else printed + mark
    assert parse_money(printed) == value
    assert parse_money(f"({printed})") == -value


@given(st.integers(min_value=0, max_value=99_999_999), st.sampled_from(STYLES))
def test_integer_amounts_round_trip_with_hint(value: int, style: tuple[str, str]) -> None:
    group, decimal = style
    printed = f"{value:,}".replace(",", group)
    assert parse_money(printed, decimal_comma=decimal == ",") == value
    assert parse_quantity(printed, decimal_comma=decimal == ",") == value


@given(
    st.decimals(min_value=D("0.001"), max_value=D("99999"), places=3),
    st.sampled_from(STYLES),
)
def test_quantity_round_trip(value: Decimal, style: tuple[str, str]) -> None:
    group, decimal = style
    printed = f"{value:,.3f}".replace(",", "\x00").replace(".", decimal).replace("\x00", group)
    assert parse_quantity(printed + " EA", decimal_comma=decimal == ",") == value


MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")  # fmt: skip
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip

DATE_STYLES = {
    "long_de": lambda d: f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}",
    "long_fr": lambda d: f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}",
    "long_es": lambda d: f"{d.day} de {MONTHS_ES[d.month - 1]} de {d.year}",
    "short_en_us": lambda d: f"{d.strftime('%b')} {d.day}, {d.year}",
    "ymd_slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "iso": lambda d: d.isoformat(),
    "dot": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "slash_dmy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "us": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "us_short": lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    "long_en": lambda d: d.strftime("%d %B %Y"),
    "long_en_us": lambda d: d.strftime("%B %d, %Y"),
    "abbrev": lambda d: d.strftime("%d-%b-%Y"),
    "cjk": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "weekday_en": lambda d: d.strftime("%A, %-d %B %Y"),
    "ordinal_en": lambda d: f"{d.day}{_ordinal(d.day)} of {d.strftime('%B')} {d.year}",
    "ordinal_en_us": lambda d: f"{d.strftime('%B')} {d.day}{_ordinal(d.day)}, {d.year}",
    "letter_es": lambda d: f"Paterna, {d.day} de {MONTHS_ES[d.month - 1]} del {d.year}",
    "letter_de": lambda d: f"Berlin, den {d.day}. {MONTHS_DE[d.month - 1]} {d.year}",
    "dot_short": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    "slash_abbrev_es": lambda d: f"{d.day:02d}/{MONTHS_ES_SHORT[d.month - 1]}/{d.year}",
    "year_month_day": lambda d: f"{d.year} {d.strftime('%b').upper()} {d.day:02d}",  # US forms
}
MONTHS_ES_SHORT = (
    "ene",
    "feb",
    "mar",
    "abr",
    "may",
    "jun",
    "jul",
    "ago",
    "sep",
    "oct",
    "nov",
    "dic",
)


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 < 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(sorted(DATE_STYLES)),
)
def test_date_round_trip(day: date, style: str) -> None:
    printed = DATE_STYLES[style](day)
    assert parse_date(printed, month_first=style.startswith("us")) == day


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(sorted(DATE_STYLES)),
)
def test_the_shape_check_finds_every_date_the_parser_reads(day: date, style: str) -> None:
    """A label's value is taken only when `find_date` sees a date in it: what it cuts out
    must be the whole date, so that the parser reads the same day from it."""
    printed = DATE_STYLES[style](day)
    span = find_date(printed)
    assert span is not None
    assert parse_date(printed[span[0] : span[1]], month_first=style.startswith("us")) == day


YEARLESS_STYLES = {
    "month day": lambda d: f"{d:%B} {d.day}",
    "day month": lambda d: f"{d.day} {d:%B}",
    "abbreviated": lambda d: f"{d:%b}. {d.day}{_ordinal(d.day)}",
    "german": lambda d: f"{d.day:02d}.{d.month:02d}.",
}


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)),
    st.integers(min_value=0, max_value=300),
    st.sampled_from(sorted(YEARLESS_STYLES)),
)
def test_a_date_without_its_year_is_the_next_such_day_from_the_order_date(
    ordered: date, ahead: int, style: str
) -> None:
    """Any day up to ~10 months after the order, printed without its year: the shape check
    cuts it out whole and the parser puts it in the right year."""
    day = date.fromordinal(ordered.toordinal() + ahead)
    printed = f"deliver by {YEARLESS_STYLES[style](day)} please"
    span = find_yearless_date(printed)
    assert span is not None
    assert parse_yearless_date(printed[span[0] : span[1]], after=ordered) == day


def test_a_yearless_day_shortly_before_the_order_date_stays_in_its_year() -> None:
    assert parse_yearless_date("Feb 20", after=date(2026, 3, 9)) == date(2026, 2, 20)
    assert parse_yearless_date("15 Jan", after=date(2026, 12, 10)) == date(2027, 1, 15)
    assert parse_yearless_date("31.02.", after=date(2026, 1, 1)) is None
    assert find_yearless_date("23.03.2026") is None  # a full date is find_date's
    assert find_yearless_date("Net 30, 2 weeks") is None


@given(st.text(max_size=30))
def test_parsers_never_raise(text: str) -> None:
    parse_money(text)
    parse_quantity(text)
    parse_date(text)
    parse_date(text, month_first=True)
    parse_yearless_date(text, after=date(2026, 3, 9))
    parse_currency(text)
