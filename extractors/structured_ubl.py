"""OASIS UBL 2.x `Order`, `Invoice` and `CreditNote` → `XmlOrder`.

The buyer is `BuyerCustomerParty` on an order and `AccountingCustomerParty` on an
invoice; lines are `OrderLine/LineItem`, `InvoiceLine` or `CreditNoteLine`; the totals
are `AnticipatedMonetaryTotal` (order) or `LegalMonetaryTotal` (invoice).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors import structured_xml as x
from poflow.domain import ExtractedOrder, OrderLine

UBL_ROOTS = frozenset({"Order", "Invoice", "CreditNote"})

_MONETARY_TOTAL = "AnticipatedMonetaryTotal|LegalMonetaryTotal|RequestedMonetaryTotal"


def read_ubl(root: x.Element) -> x.XmlOrder:
    """The order (or invoice, read as one) carried by a UBL document."""
    party = x.find(root, "BuyerCustomerParty|AccountingCustomerParty")
    buyer = x.find(party, "Party")
    delivery = x.find(root, "Delivery")
    currency = x.first_text(root, "DocumentCurrencyCode", "PricingCurrencyCode")
    totals = x.find(root, _MONETARY_TOTAL)
    order = ExtractedOrder(
        po_number=x.text(root, "ID"),
        order_date=x.date_at(root, "IssueDate"),
        delivery_date=_delivery_date(delivery),
        currency=currency.upper() if currency else None,
        customer_name=x.one_line(
            x.first_text(buyer, "PartyName/Name", "PartyLegalEntity/RegistrationName")
        ),
        ship_to=_address(x.find(delivery, "DeliveryLocation/Address|DeliveryAddress")),
        payment_terms=x.one_line(x.text(root, "PaymentTerms/Note")),
        lines=tuple(_line(item, i) for i, item in enumerate(_items(root), start=1)),
        subtotal=x.money(x.decimal(x.text(totals, "LineExtensionAmount"))),
        tax=x.money(x.decimal(x.text(root, "TaxTotal/TaxAmount"))),
        shipping=x.money(x.decimal(x.text(totals, "ChargeTotalAmount"))),
        total=x.money(x.decimal(x.first_text(totals, "TaxInclusiveAmount", "PayableAmount"))),
    )
    return x.XmlOrder(order=order, buyer_text=_party_text(buyer), document_type=x.local_name(root))


def _items(root: x.Element) -> list[x.Element]:
    return x.find_all(root, "OrderLine/LineItem") or x.find_all(root, "InvoiceLine|CreditNoteLine")


def _delivery_date(delivery: x.Element | None) -> date | None:
    for path in (
        "RequestedDeliveryPeriod/EndDate",
        "RequestedDeliveryPeriod/StartDate",
        "PromisedDeliveryPeriod/EndDate",
        "ActualDeliveryDate",
    ):
        found = x.date_at(delivery, path)
        if found is not None:
            return found
    return None


def _address(address: x.Element | None) -> str | None:
    if address is None:
        return None
    street = " ".join(
        p for p in (x.text(address, "StreetName"), x.text(address, "BuildingNumber")) if p
    )
    extra = [x.text(line, "Line") for line in x.children(address, "AddressLine")]
    return x.address_lines(
        [street or None, x.text(address, "AdditionalStreetName"), *extra],
        x.text(address, "PostalZone"),
        x.text(address, "CityName"),
        x.text(address, "Country/IdentificationCode"),
    )


def _party_text(party: x.Element | None) -> str:
    if party is None:
        return ""
    values = [
        x.text(party, "PartyName/Name"),
        x.text(party, "PartyLegalEntity/RegistrationName"),
        _address(x.find(party, "PostalAddress")),
        x.text(party, "PartyIdentification/ID"),
        x.text(party, "EndpointID"),
        x.text(party, "PartyTaxScheme/CompanyID"),
        x.text(party, "Contact/ElectronicMail"),
    ]
    return "\n".join(v for v in values if v)


def _line(item: x.Element, position: int) -> OrderLine:
    quantity = x.find(item, "Quantity|InvoicedQuantity|CreditedQuantity")
    product = x.find(item, "Item")
    price = x.find(item, "Price")
    line_id = x.text(item, "ID")
    return OrderLine(
        line_no=x.line_number(line_id, position),
        sku=x.first_text(
            product,
            "SellersItemIdentification/ID",
            "BuyersItemIdentification/ID",
            "StandardItemIdentification/ID",
        ),
        description=x.first_text(product, "Name", "Description"),
        quantity=x.quantity(x.decimal(quantity.text if quantity is not None else None)),
        unit=x.unit_name(quantity.get("unitCode") if quantity is not None else None),
        unit_price=_unit_price(price),
        amount=x.money(x.decimal(x.text(item, "LineExtensionAmount"))),
    )


def _unit_price(price: x.Element | None) -> Decimal | None:
    return x.price_per_unit(
        x.decimal(x.text(price, "PriceAmount")), x.decimal(x.text(price, "BaseQuantity"))
    )
