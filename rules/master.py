"""Rules against master data: customer, item codes, list prices, currency and credit."""

from __future__ import annotations

from collections.abc import Iterator

from poflow.domain import Finding, OrderLine
from rules.inputs import RuleInput
from rules.text import money, percent


def unknown_customer(given: RuleInput) -> Iterator[Finding]:
    order = given.order
    if order.customer_id is None:
        buyer = f"buyer {order.customer_name!r}" if order.customer_name else "the buyer"
        yield Finding(
            "unknown_customer",
            "customer_id",
            f"{buyer} matches no customer in the master data (name, alias or e-mail domain)",
        )
    elif given.customer is None:
        yield Finding(
            "unknown_customer",
            "customer_id",
            f"customer id {order.customer_id} is not in the master data",
        )


def unknown_sku(given: RuleInput) -> Iterator[Finding]:
    for i, line in enumerate(given.order.lines):
        field = f"lines[{i}].sku"
        if line.sku is None or not line.sku.strip():
            yield Finding("unknown_sku", field, f"line {line.line_no} has no item code")
        elif given.master.product(line.sku) is None:
            yield Finding(
                "unknown_sku",
                field,
                f"line {line.line_no}: item code {line.sku} is not in the product catalogue",
            )


def price_mismatch(given: RuleInput) -> Iterator[Finding]:
    for i, line in enumerate(given.order.lines):
        finding = _line_price(given, line, f"lines[{i}].unit_price")
        if finding is not None:
            yield finding


def _line_price(given: RuleInput, line: OrderLine, field: str) -> Finding | None:
    product = given.master.product(line.sku)
    if product is None or product.unit_price is None or line.unit_price is None:
        return None  # unknown_sku / missing_field speak for these
    order_currency = given.order.currency
    if product.currency and order_currency and product.currency != order_currency:
        customer = given.customer
        if customer and customer.currency and customer.currency != order_currency:
            return None  # the whole order is in a foreign currency: currency_mismatch says so
        return Finding(
            "price_mismatch",
            field,
            f"line {line.line_no}: list price of {line.sku} is in {product.currency}, "
            f"the order is in {order_currency}; prices not compared",
        )
    list_price = product.unit_price
    if list_price == 0:
        if line.unit_price == 0:
            return None
        message = f"unit price {money(line.unit_price)} is charged for an item listed at 0.00"
    else:
        share = abs(line.unit_price - list_price) / list_price * 100
        if share <= given.thresholds.price_tolerance_pct:
            return None
        message = (
            f"unit price {money(line.unit_price)} differs from list price {money(list_price)} "
            f"by {percent(share)}"
        )
    return Finding("price_mismatch", field, message)  # the field path names the line


def currency_mismatch(given: RuleInput) -> Iterator[Finding]:
    customer, currency = given.customer, given.order.currency
    if customer is None or customer.currency is None or currency is None:
        return
    if currency != customer.currency:
        yield Finding(
            "currency_mismatch",
            "currency",
            f"the order is in {currency}, but customer {customer.customer_id} "
            f"buys in {customer.currency}",
        )


def credit_limit(given: RuleInput) -> Iterator[Finding]:
    customer, total = given.customer, given.order.total
    if customer is None or customer.credit_limit is None or total is None:
        return
    currency = given.order.currency
    if customer.currency and currency and currency != customer.currency:
        return  # not comparable; currency_mismatch already sends the order to a person
    if total > customer.credit_limit:
        yield Finding(
            "credit_limit",
            "total",
            f"total {money(total)} exceeds the credit limit {money(customer.credit_limit)} "
            f"of customer {customer.customer_id} by {money(total - customer.credit_limit)}",
        )
