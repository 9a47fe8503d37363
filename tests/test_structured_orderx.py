"""Order-X and UBL orders: embedded in a PDF (real qpdf attachment) or as bare XML; safe parsing."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from extractors.structured import read_embedded_order, read_order_xml
from extractors.structured_xml import decimal, money, price_per_unit, quantity, xml_date
from poflow.domain import ExtractionContext, InputKind

ORDER_X = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:SCRDMCCBDACIOMessageStructure
  xmlns:rsm="urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:128">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>urn:order-x.eu:1p0:basic</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>PO-77120</ram:ID>
    <ram:TypeCode>220</ram:TypeCode>
    <ram:IssueDateTime>
      <udt:DateTimeString format="102">20260310</udt:DateTimeString>
    </ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct>
        <ram:SellerAssignedID>AX-1000</ram:SellerAssignedID>
        <ram:Name>Hex bolt M8x40, zinc</ram:Name>
      </ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:NetPriceProductTradePrice>
          <ram:ChargeAmount>42.00</ram:ChargeAmount>
          <ram:BasisQuantity unitCode="C62">100</ram:BasisQuantity>
        </ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery>
        <ram:RequestedQuantity unitCode="C62">250.000</ram:RequestedQuantity>
      </ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:SpecifiedTradeSettlementLineMonetarySummation>
          <ram:LineTotalAmount>105.00</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Acme Supply Co.</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Northwind Traders Ltd.</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>GB</ram:CountryID></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ShipToTradeParty>
        <ram:Name>Northwind Warehouse</ram:Name>
        <ram:PostalTradeAddress>
          <ram:PostcodeCode>PO1 2AB</ram:PostcodeCode>
          <ram:LineOne>12 Harbour Rd</ram:LineOne>
          <ram:CityName>Portsmouth</ram:CityName>
          <ram:CountryID>GB</ram:CountryID>
        </ram:PostalTradeAddress>
      </ram:ShipToTradeParty>
      <ram:RequestedDeliverySupplyChainEvent>
        <ram:OccurrenceDateTime>
          <udt:DateTimeString format="102">20260401</udt:DateTimeString>
        </ram:OccurrenceDateTime>
      </ram:RequestedDeliverySupplyChainEvent>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:OrderCurrencyCode>GBP</ram:OrderCurrencyCode>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>Net 30</ram:Description>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>105.00</ram:LineTotalAmount>
        <ram:ChargeTotalAmount>0.00</ram:ChargeTotalAmount>
        <ram:TaxBasisTotalAmount>105.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="GBP">21.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>126.00</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:SCRDMCCBDACIOMessageStructure>
"""

UBL_ORDER = b"""<?xml version="1.0" encoding="UTF-8"?>
<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>4500012345</cbc:ID>
  <cbc:IssueDate>2026-03-15</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>usd</cbc:DocumentCurrencyCode>
  <cac:BuyerCustomerParty><cac:Party>
    <cac:PartyName><cbc:Name>Contoso Hardware Inc.</cbc:Name></cac:PartyName>
  </cac:Party></cac:BuyerCustomerParty>
  <cac:Delivery>
    <cac:DeliveryLocation><cac:Address>
      <cbc:StreetName>Main Street</cbc:StreetName><cbc:BuildingNumber>5</cbc:BuildingNumber>
      <cbc:CityName>Springfield</cbc:CityName><cbc:PostalZone>12345</cbc:PostalZone>
      <cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country>
    </cac:Address></cac:DeliveryLocation>
    <cac:RequestedDeliveryPeriod><cbc:EndDate>2026-04-02</cbc:EndDate></cac:RequestedDeliveryPeriod>
  </cac:Delivery>
  <cac:TaxTotal><cbc:TaxAmount currencyID="USD">0.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:AnticipatedMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="USD">1234.50</cbc:LineExtensionAmount>
    <cbc:PayableAmount currencyID="USD">1234.50</cbc:PayableAmount>
  </cac:AnticipatedMonetaryTotal>
  <cac:OrderLine><cac:LineItem>
    <cbc:ID>1</cbc:ID>
    <cbc:Quantity unitCode="H87">3</cbc:Quantity>
    <cbc:LineExtensionAmount currencyID="USD">1234.50</cbc:LineExtensionAmount>
    <cac:Price><cbc:PriceAmount currencyID="USD">411.50</cbc:PriceAmount></cac:Price>
    <cac:Item>
      <cbc:Name>Bench grinder 8in</cbc:Name>
      <cac:BuyersItemIdentification><cbc:ID>BG-8</cbc:ID></cac:BuyersItemIdentification>
    </cac:Item>
  </cac:LineItem></cac:OrderLine>
</Order>
"""


def _pdf_page(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def order_x_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    folder: Path = tmp_path_factory.mktemp("orderx")
    (folder / "in.pdf").write_bytes(_pdf_page("PURCHASE ORDER PO-77120"))
    (folder / "order-x.xml").write_bytes(ORDER_X)
    subprocess.run(
        ["qpdf", "in.pdf", "--add-attachment", "order-x.xml", "--mimetype=text/xml", "--",
         "out.pdf"],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip
    return (folder / "out.pdf").read_bytes()


def test_an_order_x_pdf_is_read_from_its_xml_with_full_confidence(order_x_pdf: bytes) -> None:
    order = read_embedded_order(order_x_pdf, ExtractionContext())
    assert order is not None
    assert order.kind is InputKind.STRUCTURED
    assert (order.po_number, order.order_date) == ("PO-77120", date(2026, 3, 10))
    assert order.delivery_date == date(2026, 4, 1)
    assert order.customer_name == "Northwind Traders Ltd."  # the buyer, never the seller
    assert order.currency == "GBP"
    assert order.ship_to == "12 Harbour Rd\nPortsmouth PO1 2AB\nGB"
    assert order.payment_terms == "Net 30"
    assert (order.subtotal, order.tax, order.shipping, order.total) == (
        Decimal("105.00"), Decimal("21.00"), Decimal("0.00"), Decimal("126.00"),
    )  # fmt: skip
    [line] = order.lines
    assert (line.sku, line.description, line.unit) == ("AX-1000", "Hex bolt M8x40, zinc", "EA")
    # 42.00 per 100 pieces is 0.42 a piece; the quantity is read, never divided out.
    assert (line.quantity, line.unit_price, line.amount) == (
        Decimal("250"), Decimal("0.42"), Decimal("105.00"),
    )  # fmt: skip
    assert {e.confidence for e in order.evidence.values()} == {1.0}
    assert "lines[0].unit_price" in order.evidence
    assert order.evidence["po_number"].bbox is not None  # "PO-77120" is printed on the page


def test_an_attachment_found_only_through_a_compressed_catalog(tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    (tmp_path / "in.pdf").write_bytes(_pdf_page("PURCHASE ORDER PO-77120"))
    (tmp_path / "order-x.xml").write_bytes(ORDER_X)
    subprocess.run(
        ["qpdf", "in.pdf", "--add-attachment", "order-x.xml", "--", "--object-streams=generate",
         "out.pdf"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    # The optional `/Type /EmbeddedFile` blanked out (same length: offsets stay valid).
    data = (tmp_path / "out.pdf").read_bytes().replace(b"/Type /EmbeddedFile", b" " * 19)
    assert b"/EmbeddedFile" not in data
    order = read_embedded_order(data, ExtractionContext())
    assert order is not None and order.po_number == "PO-77120"


def test_a_pdf_without_embedded_files_is_passed_over_cheaply() -> None:
    assert read_embedded_order(_pdf_page("PURCHASE ORDER 1"), ExtractionContext()) is None


def test_broken_pdf_bytes_are_left_to_the_regular_reader() -> None:
    assert read_embedded_order(b"%PDF-1.7 /EmbeddedFile garbage", ExtractionContext()) is None


def test_a_ubl_order_is_read() -> None:
    order = read_order_xml(UBL_ORDER, ExtractionContext())
    assert order is not None
    assert (order.po_number, order.order_date, order.currency) == (
        "4500012345", date(2026, 3, 15), "USD",
    )  # fmt: skip
    assert order.customer_name == "Contoso Hardware Inc."
    assert order.delivery_date == date(2026, 4, 2)
    assert order.ship_to == "Main Street 5\nSpringfield 12345\nUS"
    assert order.total == Decimal("1234.50")
    [line] = order.lines
    assert (line.sku, line.quantity, line.unit_price) == ("BG-8", Decimal("3"), Decimal("411.50"))


def test_other_xml_is_not_an_order() -> None:
    assert read_order_xml(b"<svg xmlns='http://www.w3.org/2000/svg'/>", ExtractionContext()) is None
    assert read_order_xml(b"<Order><unclosed></Order>", ExtractionContext()) is None


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<Order xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        "<cbc:ID>&x;</cbc:ID></Order>"
    ).encode()
    order = read_order_xml(xml, ExtractionContext())
    assert order is None or "TOPSECRET" not in (order.po_number or "")


def test_an_entity_bomb_does_not_expand() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    xml = f"<?xml version='1.0'?><!DOCTYPE Order [{entities}]><Order><ID>&i;</ID></Order>"
    order = read_order_xml(xml.encode(), ExtractionContext())
    assert order is None or len(order.po_number or "") < 1000


@given(st.dates(min_value=date(1000, 1, 1)))
def test_xml_dates_round_trip_in_both_formats(day: date) -> None:
    assert xml_date(day.strftime("%Y%m%d"), "102") == day
    assert xml_date(day.isoformat()) == day


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**9,
                   max_value=10**9))  # fmt: skip
def test_xml_decimals_are_exact(value: Decimal) -> None:
    read = decimal(format(value, "f"))
    assert read == value
    assert money(read) == value
    assert quantity(read) == value
    assert "E" not in format(quantity(read), "f")


@pytest.mark.parametrize("text", ["", "1,5", "NaN", "-Infinity", "12abc", "1.234,56"])
def test_malformed_numbers_are_not_read(text: str) -> None:
    assert decimal(text) is None


def test_a_price_per_basis_quantity_is_a_price_per_unit() -> None:
    assert price_per_unit(Decimal("10"), Decimal("3")) == Decimal("3.333333")
    assert price_per_unit(Decimal("5.50"), None) == Decimal("5.50")


ZUGFERD_1 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:HeaderExchangedDocument>
    <ram:ID>RE-1001</ram:ID><ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime>
      <udt:DateTimeString format="102">20190110</udt:DateTimeString>
    </ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:BuyerTradeParty><ram:Name>Beispielkunde GmbH</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="EUR">30.00</ram:LineTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">5.70</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">35.70</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument>
        <ram:LineID>1</ram:LineID>
      </ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedSupplyChainTradeAgreement>
        <ram:NetPriceProductTradePrice>
          <ram:ChargeAmount>10.0000</ram:ChargeAmount>
        </ram:NetPriceProductTradePrice>
      </ram:SpecifiedSupplyChainTradeAgreement>
      <ram:SpecifiedSupplyChainTradeDelivery>
        <ram:BilledQuantity unitCode="C62">3.0000</ram:BilledQuantity>
      </ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement>
        <ram:SpecifiedTradeSettlementMonetarySummation>
          <ram:LineTotalAmount currencyID="EUR">30.00</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementMonetarySummation>
      </ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>W-1</ram:SellerAssignedID>
        <ram:Name>Widget</ram:Name></ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>
"""


def test_a_zugferd_1_invoice_is_read_too() -> None:
    order = read_order_xml(ZUGFERD_1, ExtractionContext())
    assert order is not None
    assert (order.po_number, order.order_date, order.currency) == (
        "RE-1001", date(2019, 1, 10), "EUR",
    )  # fmt: skip
    assert order.customer_name == "Beispielkunde GmbH"
    assert (order.subtotal, order.tax, order.total) == (
        Decimal("30.00"), Decimal("5.70"), Decimal("35.70"),
    )  # fmt: skip
    [line] = order.lines
    assert (line.sku, line.quantity, line.unit_price, line.amount) == (
        "W-1", Decimal("3"), Decimal("10.00"), Decimal("30.00"),
    )  # fmt: skip


UBL_INVOICE = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>INV-5</cbc:ID>
  <cbc:IssueDate>2026-02-01</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Acme Supply GmbH</cbc:Name></cac:PartyName>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>Kunden AG</cbc:RegistrationName>
    </cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentTerms><cbc:Note>30 Tage netto</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">19.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">119.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">119.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="KGM">12.5</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Granulat</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>GR-1</cbc:ID></cac:SellersItemIdentification>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">8.00</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>
"""


def test_a_ubl_invoice_reads_its_customer_not_its_supplier() -> None:
    order = read_order_xml(UBL_INVOICE, ExtractionContext())
    assert order is not None
    assert (order.po_number, order.customer_name) == ("INV-5", "Kunden AG")
    assert (order.subtotal, order.tax, order.total) == (
        Decimal("100.00"), Decimal("19.00"), Decimal("119.00"),
    )  # fmt: skip
    assert order.payment_terms == "30 Tage netto"
    [line] = order.lines
    assert (line.sku, line.quantity, line.unit, line.unit_price, line.amount) == (
        "GR-1", Decimal("12.5"), "KG", Decimal("8.00"), Decimal("100.00"),
    )  # fmt: skip
