"""Matching the buyer of an order against the customers of the master data."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.customers import (
    CONFIDENT,
    customer_index,
    match_customer,
    name_as_printed,
    normalise_company_name,
    strip_separators,
    trim_to_name,
)
from extractors.raw import RawOrder, RawValue
from poflow.domain import Customer, ExtractionContext, MasterData

CUSTOMERS = (
    Customer("C1", "Northwind Traders Ltd.", ("Northwind Traders", "Northwind"),
             ("northwind.co.uk",), "GB", "GBP"),
    Customer("C2", "Bergmann Maschinenbau GmbH", ("Bergmann Maschinenbau",),
             ("bergmann-mb.de",), "DE", "EUR"),
    Customer("C3", "Hudson Valley Fabrication Inc.", ("HV Fabrication",), ("hvfab.com",), "US",
             "USD"),
    Customer("C4", "Kessler & Söhne KG", ("Kessler und Söhne",), ("kessler-soehne.de",), "DE",
             "EUR"),
    Customer("C5", "Shenzhen Huaxin Electronics Co., Ltd.", ("深圳华信电子有限公司",),
             ("huaxin-elec.cn",), "CN", "CNY"),
    Customer("C6", "Atlas Components GmbH", (), ("atlas-components.de",), "DE", "EUR"),
    Customer("C7", "Atlas Components Inc.", (), ("atlascomponents.com",), "US", "USD"),
)  # fmt: skip
MASTER = MasterData(customers=CUSTOMERS)
SUPPLIER = ("Precision Parts Supply GmbH",)


def _raw(name: str | None = None, buyer_text: str = "") -> RawOrder:
    header = {"customer_name": RawValue(name, 0.95)} if name else {}
    return RawOrder(header=header, buyer_text=buyer_text)


def _context(sender: str | None = None) -> ExtractionContext:
    return ExtractionContext(master=MASTER, supplier_names=SUPPLIER, sender_email=sender)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Northwind Traders Ltd.", "C1"),
        ("NORTHWIND TRADERS LIMITED", "C1"),
        ("Northwind", "C1"),
        ("Bergmann Maschinenbau", "C2"),
        ("Bergman Maschinenbau GmbH", "C2"),  # OCR dropped a letter
        ("Hudson Valley Fabrication, Inc", "C3"),
        ("HV Fabrication LLC", "C3"),
        ("Kessler und Soehne", "C4"),
        ("Kessler and Söhne", "C4"),
        ("深圳华信电子有限公司", "C5"),
        ("Shenzhen Huaxin Electronics Co. Ltd", "C5"),
    ],
)
def test_printed_name_matches_customer(printed: str, expected: str) -> None:
    match = match_customer(_raw(printed), _context())
    assert match is not None and match.customer.customer_id == expected
    assert match.score >= CONFIDENT and match.confident


def test_buyer_block_text_matches_when_no_name_field() -> None:
    raw = _raw(buyer_text="Bill to:\nHudson Valley Fabrication Inc.\n418 River Street\nKingston")
    match = match_customer(raw, _context())
    assert match is not None and match.customer.customer_id == "C3" and match.confident
    assert match.by == "buyer_text"


def test_email_domain_and_subdomain() -> None:
    match = match_customer(_raw(), _context("buyer@purchasing.bergmann-mb.de"))
    assert match is not None and match.customer.customer_id == "C2"
    assert match.by == "email_domain" and match.confident
    assert match_customer(_raw(), _context("someone@notbergmann-mb.de")) is None


def test_name_and_email_agreeing_is_stronger_than_either() -> None:
    name_only = match_customer(_raw("Northwind Trader"), _context())
    both = match_customer(_raw("Northwind Trader"), _context("a@northwind.co.uk"))
    assert name_only is not None and both is not None
    assert both.score > name_only.score and both.by.endswith("+email_domain")


def test_supplier_is_never_the_buyer() -> None:
    raw = _raw(
        "Precision Parts Supply GmbH",
        buyer_text="Precision Parts Supply GmbH\nIndustriestr. 1\nOrdered by: Northwind Traders",
    )
    match = match_customer(raw, _context())
    assert match is not None and match.customer.customer_id == "C1"
    master = MasterData(customers=(*CUSTOMERS, Customer("C9", "Precision Parts Supply GmbH")))
    context = ExtractionContext(master=master, supplier_names=SUPPLIER)
    assert match_customer(_raw("Precision Parts Supply"), context) is None


def test_ambiguous_name_is_not_confident() -> None:
    match = match_customer(_raw("Atlas Components"), _context())
    assert match is None or not match.confident


def test_ambiguous_name_settled_by_email_domain() -> None:
    match = match_customer(_raw("Atlas Components"), _context("p@atlascomponents.com"))
    assert match is not None and match.customer.customer_id == "C7" and match.confident


@pytest.mark.parametrize("printed", ["Globex Corporation", "Acme Widgets", "Purchase Order"])
def test_unknown_buyer_has_no_confident_match(printed: str) -> None:
    match = match_customer(_raw(printed), _context())
    assert match is None or not match.confident


def test_normalise_company_name_folds_legal_forms() -> None:
    assert normalise_company_name("Kessler & Söhne KG") == "kessler and soehne"
    assert normalise_company_name("Northwind Traders Ltd.") == "northwind traders"
    assert normalise_company_name("Atelier Lemoine S.A.R.L.") == "atelier lemoine"
    assert normalise_company_name("深圳华信电子有限公司") == "深圳华信电子"
    assert normalise_company_name("Ltd.") == "ltd"  # a bare legal form stays something


def test_index_is_built_once_per_master() -> None:
    assert customer_index(MASTER) is customer_index(MASTER)


MASTER_CSV = Path(__file__).resolve().parent.parent / "samples" / "master" / "customers.csv"


def _load_csv_customers(path: Path) -> tuple[Customer, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Customer(
                customer_id=row["customer_id"],
                name=row["name"],
                aliases=tuple(a for a in row["aliases"].split("|") if a),
                email_domains=tuple(d for d in row["email_domains"].split("|") if d),
                country=row["country"] or None,
                currency=row["currency"] or None,
                credit_limit=Decimal(row["credit_limit"]) if row["credit_limit"] else None,
            )
            for row in csv.DictReader(handle)
        )


@pytest.mark.skipif(not MASTER_CSV.exists(), reason="sample master data not generated yet")
def test_every_sample_customer_matches_its_own_names() -> None:
    customers = _load_csv_customers(MASTER_CSV)
    context = ExtractionContext(master=MasterData(customers=customers))
    for customer in customers:
        for printed in (customer.name, *customer.aliases, customer.name.upper()):
            match = match_customer(_raw(printed), context)
            assert match is not None, printed
            assert match.customer.customer_id == customer.customer_id, printed
            assert match.confident, printed


def test_name_printed_elsewhere_in_the_document_is_a_last_resort() -> None:
    raw = RawOrder(
        header={"customer_name": RawValue("SKU", 1.0)},
        buyer_text="SKU\nReceiving Dock 3",
        full_text="PURCHASE ORDER\nORDER   Hudson Valley Fabrication Inc.\nSKU Qty Price",
    )
    match = match_customer(raw, _context())
    assert match is not None and match.customer.customer_id == "C3" and match.confident
    assert match.by == "full_text" and match.printed is not None


def test_a_line_naming_the_supplier_still_names_the_buyer_in_its_other_cell() -> None:
    # The supplier's and the bill-to boxes side by side: one line, two cells.
    raw = RawOrder(
        header={"customer_name": RawValue("Pere", 0.2)},
        full_text="Precision Parts Supply GmbH   a8   Northwind Traders Ltd., Accounts Payable",
    )
    match = match_customer(raw, ExtractionContext(master=MASTER, supplier_names=SUPPLIER))
    assert match is not None and match.customer.customer_id == "C1" and match.confident
    assert match.printed == "Northwind Traders Ltd., Accounts Payable"
    alone = RawOrder(full_text="Precision Parts Supply GmbH, Northwind Traders Ltd.")
    context = ExtractionContext(master=MASTER, supplier_names=SUPPLIER)
    assert match_customer(alone, context) is None  # one cell: about the supplier


@pytest.mark.parametrize(
    ("printed", "trimmed"),
    [
        ("ORDER   Hudson Valley Fabrication Inc.", "Hudson Valley Fabrication Inc."),
        (
            "Hudson Valley Fabrication Inc. Purchase Order 4711 Page 2",
            "Hudson Valley Fabrication Inc.",
        ),
        ("Hudson Valley Fabrication Inc.", "Hudson Valley Fabrication Inc."),
        ("HV Fabrication", "HV Fabrication"),
    ],
)
def test_trim_to_name_drops_glued_words(printed: str, trimmed: str) -> None:
    assert trim_to_name(printed, CUSTOMERS[2]) == trimmed


@given(st.text(max_size=40), st.text(max_size=80), st.one_of(st.none(), st.emails()))
def test_match_customer_takes_any_text(name: str, buyer: str, sender: str | None) -> None:
    raw = RawOrder(header={"customer_name": RawValue(name)}, buyer_text=buyer, full_text=buyer)
    match = match_customer(raw, _context(sender))
    assert match is None or 0.0 <= match.score <= 1.0


def test_a_name_ocr_garbled_inside_is_read_where_the_document_prints_it_whole() -> None:
    maple = Customer("C8", "Maple Ridge Industrial Supply Ltd.", ("Maple Ridge",))
    footer = "Issued by Maple Ridge Industrial Supply Ltd. via the procurement portal"
    garbled = "Maple Ridge ie rola Supply Ltd."  # "Supply" is the name's own word, not kept
    assert name_as_printed(garbled, maple, footer) == "Maple Ridge Industrial Supply Ltd."
    assert name_as_printed(garbled, maple, "") == "Maple Ridge"  # no whole printing
    bill_to = "Acme Supply Company   Northwind Traders Ltd., Accounts Payable"
    assert name_as_printed("Northwind rreGers Ltd.", CUSTOMERS[0], bill_to) == (
        "Northwind Traders Ltd."
    )  # only the legal form left to show the name went on
    # Words after the name that are not the name's own: trimmed as always, no other reading.
    northwind = CUSTOMERS[0]
    accounts = "Northwind Traders, Accounts Payable"
    assert name_as_printed(accounts, northwind, "Northwind Traders Ltd.") == "Northwind Traders"


def test_a_legal_form_ocr_misread_by_a_letter_is_kept_as_registered() -> None:
    pemberton = Customer("C9", "Pemberton Engineering plc", ("Pemberton Engineering",))
    assert name_as_printed("Pemberton Engineering ple", pemberton, "") == (
        "Pemberton Engineering plc"
    )
    # Another word after the name, or a form two letters off, stays dropped.
    assert name_as_printed("Pemberton Engineering pty", pemberton, "") == "Pemberton Engineering"
    assert name_as_printed("Pemberton Engineering Leeds", pemberton, "") == (
        "Pemberton Engineering"
    )


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("(Hudson Valley Fabrication)", "Hudson Valley Fabrication"),  # "Thx, Rosa (HVF)"
        ("(Hudson Valley Fabrication", "Hudson Valley Fabrication"),
        ("[Northwind Traders Ltd.]", "Northwind Traders Ltd."),
        (" - Northwind Traders Ltd., ", "Northwind Traders Ltd."),
        ("Alpenwerk AG (Schweiz)", "Alpenwerk AG (Schweiz)"),  # part of the name
    ],
)
def test_a_name_loses_the_brackets_around_it_but_not_inside(printed: str, name: str) -> None:
    assert strip_separators(printed) == name
