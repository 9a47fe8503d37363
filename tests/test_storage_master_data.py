"""Master-data import: idempotent upserts, all-or-nothing files, errors naming file/row/column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poflow.errors import MasterDataError
from storage.db import open_database
from storage.master_data import import_csvs, load_master_data, read_customers

CUSTOMERS = """\
customer_id,name,aliases,email_domains,country,currency,credit_limit
C0001,Northwind Traders Ltd.,Northwind Traders|Northwind,northwind.co.uk,GB,GBP,20000.00
C0002,Bergmann Maschinenbau GmbH,,@Bergmann-MB.de|bmb.de,de,EUR,
C0003,"Acme, Widgets & Co",Acme Widgets,,US,USD,1234567.8912
"""
PRODUCTS = """\
sku,description,unit,unit_price,currency
AX-1000,"Hex bolt M8x40, zinc plated",EA,0.42,USD
AX-1010,Hex nut M8,EA,0.12,USD
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_twice_is_idempotent(database_url: str, tmp_path: Path) -> None:
    customers = write(tmp_path, "customers.csv", CUSTOMERS)
    products = write(tmp_path, "products.csv", PRODUCTS)
    with open_database(database_url) as db:
        first = import_csvs(db, customers=customers, products=products)
        snapshot = load_master_data(db)
        second = import_csvs(db, customers=customers, products=products)
        assert load_master_data(db) == snapshot
    assert first == "customers: 3 added, 0 updated; products: 2 added, 0 updated"
    assert second == (
        "customers: 0 added, 0 updated, 3 unchanged; products: 0 added, 0 updated, 2 unchanged"
    )


def test_loaded_master_data_has_typed_values(database_url: str, tmp_path: Path) -> None:
    customers = write(tmp_path, "customers.csv", CUSTOMERS)
    products = write(tmp_path, "products.csv", PRODUCTS)
    with open_database(database_url) as db:
        import_csvs(db, customers=customers, products=products)
        master = load_master_data(db)
    northwind = master.customer("C0001")
    bergmann = master.customer("C0002")
    acme = master.customer("C0003")
    assert northwind is not None and bergmann is not None and acme is not None
    assert northwind.aliases == ("Northwind Traders", "Northwind")
    assert northwind.credit_limit == Decimal("20000.00")
    assert bergmann.email_domains == ("bergmann-mb.de", "bmb.de")
    assert bergmann.country == "DE" and bergmann.credit_limit is None
    assert acme.name == "Acme, Widgets & Co"
    assert acme.credit_limit == Decimal("1234567.8912")
    bolt = master.product("AX-1000")
    assert bolt is not None and bolt.unit_price == Decimal("0.42")
    assert bolt.description == "Hex bolt M8x40, zinc plated"


def test_changed_rows_are_updated(database_url: str, tmp_path: Path) -> None:
    with open_database(database_url) as db:
        import_csvs(db, customers=None, products=write(tmp_path, "products.csv", PRODUCTS))
        cheaper = PRODUCTS.replace("0.12", "0.11") + "AX-2000,Washer,EA,0.05,USD\n"
        summary = import_csvs(db, customers=None, products=write(tmp_path, "p2.csv", cheaper))
        nut = load_master_data(db).product("AX-1010")
    assert summary == "products: 1 added, 1 updated, 1 unchanged"
    assert nut is not None and nut.unit_price == Decimal("0.11")


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("C0009,Bad Ltd,,,GB,GBP,abc", "customers.csv row 5, column credit_limit: 'abc' is not"),
        ("C0009,Bad Ltd,,,GBR,GBP,", "customers.csv row 5, column country: 'GBR' is not a 2-"),
        ("C0009,Bad Ltd,,,GB,£,", "customers.csv row 5, column currency: '£' is not a 3-letter"),
        (",Bad Ltd,,,GB,GBP,", "customers.csv row 5, column customer_id: is empty"),
        ("C0001,Again Ltd,,,GB,GBP,", "customers.csv row 5, column customer_id: 'C0001' is alr"),
        ("C0009,Bad Ltd,,,GB,GBP,-5", "customers.csv row 5, column credit_limit: '-5' is not"),
        ("C0009,Bad Ltd,,GB,GBP,", "customers.csv row 5: 6 values for 7 columns"),
    ],
)
def test_a_bad_row_imports_nothing(
    database_url: str, tmp_path: Path, bad_line: str, message: str
) -> None:
    customers = write(tmp_path, "customers.csv", CUSTOMERS + bad_line + "\n")
    products = write(tmp_path, "products.csv", PRODUCTS)
    with open_database(database_url) as db:
        with pytest.raises(MasterDataError) as raised:
            import_csvs(db, customers=customers, products=products)
        master = load_master_data(db)
    assert str(raised.value).startswith(message)
    assert master.customers == () and master.products == {}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("sku,description,unit,unit_price", "missing column(s) currency"),
        ("sku,description,unit,unit_price,currency,colour", "unknown column(s) colour"),
        ("", "empty file"),
    ],
)
def test_bad_header_is_an_error(tmp_path: Path, header: str, message: str) -> None:
    products = write(tmp_path, "products.csv", header + "\n" if header else "")
    with open_database(f"sqlite:///{tmp_path / 'p.db'}") as db:
        with pytest.raises(MasterDataError, match=r"products\.csv") as raised:
            import_csvs(db, customers=None, products=products)
        assert load_master_data(db).products == {}
    assert message in str(raised.value)


def test_columns_may_come_in_any_order_and_with_a_bom(tmp_path: Path) -> None:
    text = "\ufeffcurrency,sku,unit_price,unit,description\nEUR,X-1,1.50,EA,Thing\n"
    path = write(tmp_path, "products.csv", text)
    with open_database(f"sqlite:///{tmp_path / 'p.db'}") as db:
        import_csvs(db, customers=None, products=path)
        product = load_master_data(db).product("X-1")
    assert product is not None and product.currency == "EUR"
    assert product.unit_price == Decimal("1.50")


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    latin = tmp_path / "customers.csv"
    latin.write_bytes(CUSTOMERS.replace("Ltd.", "Lørdag").encode("latin-1"))
    with pytest.raises(MasterDataError, match=r"customers\.csv: not UTF-8"):
        read_customers(latin)
    with pytest.raises(MasterDataError, match=r"nope\.csv: no such file"):
        read_customers(tmp_path / "nope.csv")


@settings(max_examples=40, deadline=None)
@given(limit=st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False))
def test_credit_limit_parses_exactly(
    tmp_path_factory: pytest.TempPathFactory, limit: Decimal
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    row = f"C1,Name,,,US,USD,{limit}\n"
    (customer,) = read_customers(
        write(folder, "customers.csv", CUSTOMERS.splitlines()[0] + "\n" + row)
    )
    assert customer.credit_limit == limit
