"""UN/CEFACT Cross Industry XML (Factur-X / ZUGFeRD invoices, Order-X orders) → `XmlOrder`.

Both share the `ram:` vocabulary: `ExchangedDocument` (number, type, date),
`SupplyChainTradeTransaction` with the lines and the header agreement (parties),
delivery (ship-to, dates) and settlement (currency, terms, totals). Values are taken
as written (a corrective invoice's negative total stays negative).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors import structured_xml as x
from poflow.domain import ExtractedOrder, OrderLine

CII_ROOTS = frozenset(
    {"CrossIndustryInvoice", "SCRDMCCBDACIOMessageStructure", "CrossIndustryDocument"}
)

# ZUGFeRD 1.0 (`CrossIndustryDocument`) names the same blocks differently: `A|B` takes either.
_DOCUMENT = "ExchangedDocument|HeaderExchangedDocument"
_TRADE = "SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction"
_AGREEMENT = "ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement"
_DELIVERY = "ApplicableHeaderTradeDelivery|ApplicableSupplyChainTradeDelivery"
_SETTLEMENT = "ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement"
_SUMMATION = (
    "SpecifiedTradeSettlementHeaderMonetarySummation|SpecifiedTradeSettlementMonetarySummation"
)
_LINE_AGREEMENT = "SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement"
_LINE_DELIVERY = "SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery"
_LINE_SETTLEMENT = "SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement"
_LINE_SUMMATION = (
    "SpecifiedTradeSettlementLineMonetarySummation|SpecifiedTradeSettlementMonetarySummation"
)


def read_cii(root: x.Element) -> x.XmlOrder:
    """The order (or invoice, read as one) carried by a CII document."""
    document = x.find(root, _DOCUMENT)
    trade = x.find(root, _TRADE)
    agreement = x.find(trade, _AGREEMENT)
    delivery = x.find(trade, _DELIVERY)
    settlement = x.find(trade, _SETTLEMENT)
    buyer = x.find(agreement, "BuyerTradeParty")
    currency = x.first_text(settlement, "OrderCurrencyCode", "InvoiceCurrencyCode")
    order = ExtractedOrder(
        po_number=x.text(document, "ID"),
        order_date=x.date_at(document, "IssueDateTime/DateTimeString"),
        delivery_date=_delivery_date(delivery),
        currency=currency.upper() if currency else None,
        customer_name=x.one_line(x.text(buyer, "Name")),
        ship_to=_address(x.find(delivery, "ShipToTradeParty")),
        payment_terms=x.one_line(x.text(settlement, "SpecifiedTradePaymentTerms/Description")),
        lines=tuple(_line(item, i) for i, item in enumerate(_items(trade), start=1)),
    )
    order = _with_totals(order, x.find(settlement, _SUMMATION), currency)
    return x.XmlOrder(
        order=order,
        buyer_text=_party_text(buyer),
        document_type=x.text(document, "TypeCode"),
    )


def _items(trade: x.Element | None) -> list[x.Element]:
    return x.find_all(trade, "IncludedSupplyChainTradeLineItem")


def _delivery_date(delivery: x.Element | None) -> date | None:
    # An order asks for a date; an invoice states when it was delivered.
    for event in ("RequestedDeliverySupplyChainEvent", "ActualDeliverySupplyChainEvent"):
        found = x.date_at(delivery, f"{event}/OccurrenceDateTime/DateTimeString")
        if found is not None:
            return found
    return None


def _address(party: x.Element | None) -> str | None:
    address = x.find(party, "PostalTradeAddress")
    if address is None:
        return None
    return x.address_lines(
        [x.text(address, f"Line{n}") for n in ("One", "Two", "Three")],
        x.text(address, "PostcodeCode"),
        x.text(address, "CityName"),
        x.text(address, "CountryID"),
    )


def _party_text(party: x.Element | None) -> str:
    """Everything that identifies the buyer, one item a line (name, address, ids, e-mail)."""
    if party is None:
        return ""
    values = [
        x.text(party, "Name"),
        _address(party),
        x.text(party, "ID"),
        x.text(party, "GlobalID"),
        x.text(party, "SpecifiedTaxRegistration/ID"),
        x.text(party, "URIUniversalCommunication/URIID"),
        x.text(party, "DefinedTradeContact/EmailURIUniversalCommunication/URIID"),
    ]
    return "\n".join(v for v in values if v)


def _with_totals(
    order: ExtractedOrder, summation: x.Element | None, currency: str | None
) -> ExtractedOrder:
    return order.with_(
        subtotal=x.money(x.decimal(x.text(summation, "LineTotalAmount"))),
        tax=x.money(_tax_total(summation, currency)),
        shipping=x.money(x.decimal(x.text(summation, "ChargeTotalAmount"))),
        total=x.money(x.decimal(x.text(summation, "GrandTotalAmount"))),
    )


def _tax_total(summation: x.Element | None, currency: str | None) -> Decimal | None:
    """The tax in the document currency (a second `TaxTotalAmount` may be in a tax currency)."""
    amounts = list(x.children(summation, "TaxTotalAmount"))
    preferred = [a for a in amounts if a.get("currencyID") in (None, currency)]
    chosen = (preferred or amounts)[:1]
    return x.decimal(chosen[0].text) if chosen else None


def _line(item: x.Element, position: int) -> OrderLine:
    product = x.find(item, "SpecifiedTradeProduct")
    agreement = x.find(item, _LINE_AGREEMENT)
    quantity = x.find(
        x.find(item, _LINE_DELIVERY),
        "RequestedQuantity|BilledQuantity|AgreedQuantity",
    )
    line_id = x.text(item, "AssociatedDocumentLineDocument/LineID")
    return OrderLine(
        line_no=x.line_number(line_id, position),
        sku=x.first_text(product, "SellerAssignedID", "BuyerAssignedID", "GlobalID"),
        description=x.first_text(product, "Name", "Description"),
        quantity=x.quantity(x.decimal(quantity.text if quantity is not None else None)),
        unit=x.unit_name(quantity.get("unitCode") if quantity is not None else None),
        unit_price=_unit_price(agreement),
        amount=x.money(
            x.decimal(x.text(item, f"{_LINE_SETTLEMENT}/{_LINE_SUMMATION}/LineTotalAmount"))
        ),
    )


def _unit_price(agreement: x.Element | None) -> Decimal | None:
    """The net price per unit; the gross price only when no net price is given."""
    for kind in ("NetPriceProductTradePrice", "GrossPriceProductTradePrice"):
        price = x.find(agreement, kind)
        amount = x.decimal(x.text(price, "ChargeAmount"))
        if amount is not None:
            return x.price_per_unit(amount, x.decimal(x.text(price, "BasisQuantity")))
    return None
