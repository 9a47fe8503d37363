"""Label vocabularies (en, de, fr, es, zh and more): the words printed beside a value.

Why apart from the matcher (`vocabulary`): these are data, read and extended as lists by
whoever meets a new print ("Bestell-Nr.", "订单号"), not code; the matcher only turns them
into patterns. One tuple of phrases per field, per group: `HEADER_LABELS` (an order's
header fields), `COLUMN_LABELS` (item-table headings), `TOTALS_LABELS` (the totals block);
`GENERIC` are the phrases that rank below a specific one ("Date", "Total").
"""

from __future__ import annotations

# Field -> phrases ("|"-separated). Generic phrases ("Date", "Total") rank below specific
# ones. Kept as one string per field so the vocabulary reads as a list, not as code.


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


# The number of the document, which is the order (ERP and EDI prints; generic, so a "PO
# number" label beside it wins): 单据编号 is Kingdee's and Yonyou's, Folio a Mexican print's.
DOCUMENT_NUMBER_LABELS = _phrases(
    "Document No|Document number|Doc. No.|Doc No|单据编号|单据号|Folio"
)

# The words that title an order document, as one regular expression (titles run together
# in print and in file names: "PURCHASEORDER", "Bestellung_4711"): a title is never a
# company name (`parties`), and an attachment so named is an order (`email_agreement`).
ORDER_TITLE_WORDS = (
    r"purchase\s*order|order|bestellung|auftrag|bon\s*de\s*commande|"
    r"commande|pedido|orden\s*de\s*compra|inkooporder|bestelling|bestelbon|ordine|"
    r"ordem\s*de\s*compra|zam[oó]wienie|best[aä]llning|ink[oö]psorder|"
    r"ind?k[oø]bsordre|objedn[aá]vka|(sat[ıi]n\s*al?ma\s*)?si\u0307?par[ıi]\u0307?[sş]"
    r"(?:[ıi]\u0307?)?|采购订单|订单|订购单|注文書|発注書|po"
)

# The words that title a quote, offer or pro-forma: the supplier's document, not the
# buyer's order, in a file name (`email_agreement`) or as a page's title (`not_an_order`).
QUOTE_TITLE_WORDS = (
    r"quot(e|ation)|offer|angebot|kostenvoranschlag|offert[ae]?|devis|cotizaci[oó]n|cotizaci|"
    r"presupuesto|preventivo|oferta|pro-?forma|报价单|报价|見積書|御見積書|お見積書"
)

# Label words that also end names ("Acme Supply Company"): a label only with its colon
# ("Company: Toronto Precision Parts Inc." on a web shop's confirmation).
COLON_ONLY = frozenset(_phrases("Company"))

HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "po_number": _phrases(
        "PO Number|PO No|P.O. No.|P.O. Number|PO #|P.O. #|PO|P/O No|Purchase Order No|"
        "Purchase Order Number|Purchase Order #|Purchase Order|Order #|Order No|"
        "Order Number|Our Order No|Your Order No|Order Ref|Order Reference|PO Ref|"
        "Purchase Order Ref|Order|Bestellnummer|Bestell-Nr.|Bestell Nr|Bestellung Nr|"
        "Bestellung|Auftragsnummer|Auftrags-Nr.|Auftrag Nr|Bestellnr|N° de commande|"
        "No de commande|Numéro de commande|Bon de commande n°|Commande n°|Commande No|"
        "Réf. commande|Référence commande|Número de pedido|Pedido nº|Pedido No|"
        "N° de pedido|Nº pedido|Orden de compra|Orden de compra No|Número de orden|订单号|"
        "采购订单号|订单编号|采购单号|订单号码|采购订单编号|Ordernummer|Order nr.|Bestelnummer|"
        "Inkoopordernummer|Bestelnr.|Bestelnr|N° commande|Nº commande|No commande|"
        "Your PO number|Your PO no|Customer PO|Numero ordine|N. ordine|Rif. ordine|"
        "Riferimento ordine|Ordine n.|Ordine nr.|Vs. ordine|"
        "Número do pedido|Nr zamówienia|Numer zamówienia|Beställningsnummer|"
        "Purchasing document|Purchasing doc.|Purchase order reference|PO reference|"
        "Bestellreferenz|Référence de commande|Referencia del pedido|"
        "Standard Purchase Order|"  # Oracle's title, the number beside it
        "合同编号|合同号|采购合同编号"  # a purchase contract's number is its order number
        "|Purchase No|Purchase No.|"  # MYOB's "Purchase No."
        "注文番号|注文書番号|発注番号|注文No|発注No"  # Japanese
        "|Indkøbsordre|Indkøbsordrenr.|Indkøbsordrenummer|Købsordre|Købsordrenr.|Ordrenr.|"
        "Ordrenummer|Bestillingsnr.|Bestillingsnummer|"  # Danish
        "Objednávka|Objednávka č.|Číslo objednávky|Č. objednávky|Objednávka číslo|"  # Czech
        "Sipariş No|Sipariş Numarası|Sipariş|Satın Alma Sipariş No|Satınalma Sipariş No|"
        "Satın Alma Siparişi|Satınalma Siparişi|Sipariş Belge No"  # Turkish
        "|Tilausnumero|Tilausnro|Tilaus nro|Ostotilausnumero|Ostotilaus nro|"  # Finnish
        "Ostotilaus|Tilaus|"
        "발주번호|발주 번호|주문번호|주문 번호|발주서 번호|구매번호|"  # Korean
        "Nota de encomenda|Nota de encomenda n.º|Encomenda|Encomenda n.º|Encomenda nº|"
        "N.º encomenda|Nº encomenda|Número da encomenda|N.º da encomenda"  # Portuguese
    )
    + DOCUMENT_NUMBER_LABELS,
    "order_date": _phrases(
        "Order Date|PO Date|P.O. Date|Purchase Order Date|Date|Date of Order|"
        "Issue Date|Date Issued|Datum|Bestelldatum|Auftragsdatum|Belegdatum|"
        "Date de commande|Date commande|Fecha|Fecha de pedido|Fecha del pedido|"
        "Fecha de emisión|订单日期|日期|下单日期|采购日期|Dated|Date of issue|"
        "Date ordered|Order placed|Bestellt am|Erstellt am|Datum der Bestellung|Fait le|"
        "Émis le|Date d'émission|Fecha de la orden|制单日期|dated|vom|en date du|datée du|"
        "Issued|Issued on|Ausgestellt am|Émise le|Emitido|"
        "de fecha|Orderdatum|Besteldatum|Data ordine|Data do pedido|Data zamówienia|"
        "Beställningsdatum|Order submitted on|Submitted on|Ordered on|Order placed on|"
        "Document date|Dokumentdatum|Buchungsdatum|Posting Date|Placed on|Date du document|"
        "Fecha del documento|Data|"
        "Data documento|Data emissione|签订日期|签约日期|合同日期|"
        "Data wystawienia|Data de emissão|Data de emissão do pedido|"
        "発行日|発行年月日|注文日|注文年月日|発注日|発注年月日"
        "|Ordredato|Bestillingsdato|Bilagsdato|Dato|Udstedt|"  # Danish
        "Datum vystavení|Datum objednávky|Datum vyhotovení|Ze dne|Vystaveno dne|"  # Czech
        "Sipariş Tarihi|Tarih|Belge Tarihi|Düzenleme Tarihi|Düzenlenme Tarihi"  # Turkish
        "|Tilauspäivä|Tilauspvm|Tilauspäivämäärä|Päiväys|Päivämäärä|Pvm|"  # Finnish
        "발주일자|발주일|주문일자|주문일|작성일자|작성일|일자|"  # Korean
        "Data da encomenda"  # Portuguese
    ),
    "delivery_date": _phrases(
        "Delivery Date|Required by|Required Date|Date Required|Need by|Needed by|Need-by|"
        "Need-by Date|Need By Date|Need Date|"
        "Ship Date|Shipping Date|Requested Delivery|Requested Delivery Date|"
        "Delivery by|Deliver by|Due Date|Delivery|Expected|Expected date|Expected delivery|"
        "Liefertermin|Lieferdatum|"
        "Wunschtermin|Gewünschter Liefertermin|Liefertermin bis|Date de livraison|"
        "Livraison souhaitée|Délai de livraison|Fecha de entrega|Entrega|交货日期|交货期|到货日期|"
        "送货日期|Leverdatum|Gewenste leverdatum|Leveringsdatum|Data di consegna|"
        "Data de entrega|Data dostawy|Leveransdatum|Receive by|Expected receipt|"
        "Expected receipt date|Expected arrival|Arrival date|Promised date|"
        "Erw. Wareneingangsdat.|Wareneingangsdatum|Date prévue|Date de livraison prévue|"
        "Livraison prévue|Fecha de entrega prevista|Deliver on or before|Delivery on or before|"
        "Deliver before|Delivery no later than|Deliver no later than|Lieferung bis|Liefern bis|"
        "Anlieferung bis|Ware bis zum|À livrer avant le|À livrer le|Livrer avant le|"
        "Livraison avant le|Livraison pour le|Entregar antes del|Entrega antes del|"
        "Required|Requested|Data consegna|Consegna|Consegna entro|Consegna entro il|"
        "Termine di consegna|Consegna richiesta|交货时间|交货期限|到货时间|送货时间|"
        "Requested ship date|Date needed|Date requise|Fecha requerida|Bedarfstermin|"
        "Anliefertermin|Data richiesta|要求交货日期|要求到货日期|"
        "Need it by|Need them by|Need this by|Need these by|Needed it by|Needed them by|"
        "Termin dostawy|Termin realizacji|Data realizacji|Wymagany termin dostawy|交期|要求交期|"
        "Fecha entrega|"
        "Need everything by|Need it all by|Need all items by|Need the goods by|"
        "Need the order by|Need delivery by|Need them delivered by|Need it delivered by|"
        "Data de entrega prevista|Prazo de entrega|"
        "納期|納入日|納品日|希望納期|納入期日|納入期限"
        "|Leveringsdato|Forventet modtagelse|Forventet modtagelsesdato|Forventet levering|"
        "Ønsket leveringsdato|Ønsket levering|Leveres senest|Modtagelsesdato|"  # Danish
        "Termín dodání|Datum dodání|Požadovaný termín dodání|Požadované datum dodání|"
        "Termín plnění|Dodat do|Dodací lhůta|"  # Czech
        "Teslim Tarihi|Teslimat Tarihi|İstenen Teslim Tarihi|Termin Tarihi|Sevk Tarihi"  # tr
        "|Toimituspäivä|Toimituspvm|Toimitusaika|Haluttu toimituspäivä|"  # Finnish
        "Deliver to FOB point by|Deliver to FOB point by (date)|Deliver by (date)|"  # US forms
        "납기일|납기|납기일자|납품일|납품일자|입고일|입고예정일"  # Korean
    ),
    "payment_terms": _phrases(
        "Payment Terms|Terms|Terms of Payment|Payment|Zahlungsbedingungen|Zahlungsziel|"
        "Zahlung|Conditions de paiement|Modalités de paiement|Conditions de règlement|"
        "Règlement|Condiciones de pago|Forma de pago|付款条件|付款方式|结算方式|Conditions|"
        "Betalingsconditie|Betalingscondities|"
        "Betalingsvoorwaarden|Betaaltermijn|Zahlungskonditionen|Condizioni di pagamento|"
        "Condições de pagamento|Warunki płatności|Betalningsvillkor|Pagamento|"
        "Modalità di pagamento|Termini di pagamento|付款期限|付款方式及期限|结算方式及期限|"
        "Zahlungsbedingung|Zahlungskondition|Condition de paiement|Condición de pago|"
        "Forma płatności|Termin płatności|Sposób płatności|"
        "Betaling|Betalingstermijn|Betalingsvoorwaarde|"
        "Condição de pagamento|Cond. pagamento|Cond. de pagamento|"
        "支払条件|お支払条件|支払方法|お支払方法|支払期日"
        "|Betalingsbetingelse|Betalingsbetingelser|Betalingsvilkår|Betalingsfrist|"  # Danish
        "Platební podmínky|Platební podmínka|Podmínky platby|Forma úhrady|"
        "Způsob úhrady|Způsob platby|"  # Czech ("Forma úhrady" is generic: the method)
        "Ödeme Şekli|Ödeme Koşulları|Ödeme Koşulu|Ödeme Şartları|Ödeme Vadesi|"
        "Ödeme"  # Turkish
        "|Maksuehto|Maksuehdot|Discount terms|"  # Finnish; US forms
        "결제조건|결제 조건|지불조건|지급조건|대금지급조건"  # Korean
    ),
    "currency": _phrases(
        "Currency|Währung|Devise|Monnaie|Moneda|Divisa|币种|货币|Waluta|Valuta|Měna|Döviz|"
        "Para Birimi|Döviz Cinsi|Valuutta|통화"
    ),
    "ship_to": _phrases(
        "Ship To|Deliver To|Delivery Address|Shipping Address|Ship-To|Consignee|"
        "Ship All Items To|Ship Items To|Expédier à|Expédié à|"
        "Delivery To|Lieferadresse|Lieferanschrift|Liefern an|Lieferung an|"
        "Warenempfänger|Adresse de livraison|Livrer à|Livraison|Dirección de envío|"
        "Dirección de entrega|Enviar a|Entregar a|收货地址|送货地址|交货地址|收货人|"
        "Afleveradres|Leveradres|Leveringsadres|"
        "Indirizzo di consegna|Endereço de entrega|Adres dostawy|Leveransadress|"
        "Luogo di consegna|Destinazione merce|Deliver to site|Delivery to site|Site address|"
        "Delivery site|Lieferort|交货地点|收货地点|送货地点|Anlieferadresse|Anlieferstelle|"
        "Lieferstelle|Delivery point|Indirizzo di spedizione|Destinatario merce|收货单位|"
        "Lugar de entrega|Entregar en|Domicilio de entrega|Punto de entrega|Miejsce dostawy|"
        "Odbiorca|Delivery party|"
        "Delivery Place|Place of Delivery|Local de entrega|Local de recebimento|"
        "納入場所|納品場所|納入先|納品先|お届け先|"
        "Leveringsadresse|Leveres til|Levering til|Leveringssted|Varemodtager|"  # Danish
        "Místo dodání|Dodací adresa|Adresa dodání|Místo určení|Doručit na|"  # Czech
        "Adresa pro doručení|Místo dodávky|"
        "Teslimat Adresi|Teslim Adresi|Sevk Adresi|Teslim Yeri|Sevkiyat Adresi|"  # Turkish
        "Toimitusosoite|Toimituspaikka|"  # Finnish
        "납품장소|납품처|배송지|인도장소|"  # Korean
        "Local de descarga|Morada de entrega|Local de descarga/entrega|"  # Portuguese
        "NAD+DP|NAD+ST"  # EDIFACT party qualifiers (UN/EDIFACT 3035), printed by EDI portals
    ),
    "bill_to": _phrases(
        "Bill To|Invoice To|Billing Address|Invoice Address|Bill-To|Rechnungsadresse|"
        "Rechnungsanschrift|Rechnung an|Facturer à|Adresse de facturation|Facturation|"
        "Facturar a|Dirección de facturación|开票地址|发票地址|Factuuradres|"
        "Indirizzo di fatturazione|"
        "Endereço de faturação|Adres do faktury|Fakturaadress|Invoicee|Płatnik|NAD+IV|"
        "Local de cobrança|Endereço de cobrança"
        "|Fakturaadresse|Faktureres til|Fakturační adresa|Fakturovat na|Fatura Adresi|"
        "Laskutusosoite|Morada de faturação|Morada de faturacao"
    ),
    "buyer": _phrases(
        "Buyer|Customer|Sold To|Purchaser|Ordered By|Ordering Party|Client|Besteller|"
        "Kunde|Auftraggeber|Käufer|Acheteur|Donneur d'ordre|Cliente|Comprador|买方|客户|"
        "采购方|订货单位|购货单位|Klant|Opdrachtgever|Kund|Klient|甲方|需方|Committente|"
        "Acquirente|Zamawiający|Nabywca|NAD+BY"
        "|Company|Company name|Køber|Bestiller|Odběratel|Objednatel|Kupující|Alıcı|Müşteri|"
        "Ostaja|Tilaaja|발주처|발주자|주문자|Issued by"
    ),
    "supplier": _phrases(
        "Vendor|Supplier|To|Seller|Lieferant|An|Fournisseur|Vendeur|Proveedor|Vendedor|"
        "供应商|卖方|供货单位|乙方|供方|Fornitore|Dostawca|Sprzedawca|NAD+SU"
        "|Leverandør|Kreditor|Dodavatel|Prodávající|Tedarikçi|Satıcı|Toimittaja|"
        "공급자|공급처|공급업체|수신"
    ),
    "other": _phrases(
        "Customer No|Customer Number|Customer ID|Customer #|Account No|Vendor No|"
        "Vendor Number|Vendor ID|Supplier No|Supplier Number|Quote No|Quotation No|"
        "Invoice No|Invoice Number|Contract No|Kundennummer|Kunden-Nr.|Kunden Nr|"
        "Lieferantennummer|Lieferanten-Nr.|Angebotsnummer|Angebot Nr|N° client|"
        "Code client|N° fournisseur|Número de cliente|Nº cliente|客户编号|供应商编号|Tel|Phone|"
        "Telephone|Fax|Email|E-mail|Web|Telefon|Téléphone|Teléfono|电话|传真|邮箱|VAT No|"
        "VAT ID|Tax ID|USt-IdNr.|USt-ID|Steuernummer|N° TVA|SIRET|CIF|NIF|税号|Contact|"
        "Attn|Attention|Ansprechpartner|Kontakt|Interlocuteur|Contacto|联系人|Page|Seite|"
        "Página|页|Notes|Note|Comments|Remarks|Instructions|Bemerkungen|Hinweise|"
        "Anmerkungen|Remarques|Observaciones|Notas|备注|说明|Incoterms|Shipping Method|"
        "Ship Via|Versandart|Lieferbedingungen|Requisitioner|Reference|Your Ref|"
        "Our Ref|Ihr Zeichen|Unser Zeichen|Address|Adresse|Anschrift|Dirección|"
        "Domicilio|地址|Postal Address|Klantnummer|Relatienummer|Uw relatienummer|"
        "Leveranciersnummer|KvK|Inkoper|Contactpersoon|Telefoon|Opmerkingen|Pagina|"
        "Leveringsinstructies|Leveringsvoorwaarden|Codice cliente|Telefono|Numer klienta|"
        "Kundnummer|Contact person|Terms of delivery|Delivery terms|Freight terms|"
        "Requester|Requestor|Requested by|"  # a person, not the "Requested" date
        "Cost centre|Cost center|Kostenstelle|Centre de coût|Centro de costos|Centro de coste|"
        "Exchange rate|Tipo de cambio|RFC|GLN|NIP|Osoba kontaktowa|Warunki dostawy|Uwagi|"
        "Strona|Deliver to dept|Deliver to department"  # a department, not an address
        "|Trade Terms|Tipo de frete|Transportadora|"
        "受渡条件|取引条件|備考|担当"  # delivery (trade) terms, remarks, contact: no field
        "|Leverandørnr.|Kreditornr.|Indkøber|Vores ref.|Deres ref.|Leveringsbetingelse|"
        "Leveringsbetingelser|Side|CVR-nr.|CVR|Bemærkninger|"  # Danish
        "IČO|IČ|DIČ|Vyřizuje|Způsob dopravy|Dodací podmínky|Vaše nabídka č.|Strana|"
        "Poznámka|Kontaktní osoba|Bankovní spojení|Vystavil|"  # Czech
        "Vergi Dairesi|Vergi No|MERSİS No|İlgili|Teslim Şekli|Teslim Koşulları|Açıklamalar|"
        "Tedarikçi Kodu|Sayfa|Hazırlayan|Onaylayan"  # Turkish
        "|Y-tunnus|ALV-numero|ALV-tunniste|Sivu|Viitteemme|Viitteenne|Toimitusehto|"
        "Toimitustapa|Yhteyshenkilö|Puhelin|Sähköposti|Lisätiedot|"  # Finnish
        "담당자|담당|연락처|전화|사업자등록번호|비고|검토|승인|"  # Korean
        "Requisitante|Contribuinte|N.º contribuinte|Observações|Telefone|"  # Portuguese
        "Payment will be made by|Administered by|Requisition no|Purch request no|Priority|"
        "Contracting officer|Ordering officer|Contracting/ordering officer"  # US forms
    ),
}

# Headings of an item table's per-line date that mean delivery.
DELIVERY_COLUMN_LABELS = _phrases(
    "Delivery Date|Deliv. Date|Delivery|Due Date|Date Due|Required by|Required Date|Need by|"
    "Need-by|Need-by Date|Need By Date|Ship Date|Requested Date|Req. Date|Liefertermin|"
    "Lieferdatum|Liefertag|Termin|Wunschtermin|Date de livraison|Date livraison|Délai|"
    "Fecha de entrega|Fecha entrega|交货日期|Leverdatum|Data di consegna|Data consegna|"
    "Data de entrega|Receive by|Expected date|Expected delivery|Expected receipt|"
    "Promised date|Promised|Arrival date|Erw. Wareneingang|Wareneingangsdatum|"
    "Date de livraison prévue|Fecha prevista|交期|Termin dostawy|"
    "Req'd|Req'd Date|Reqd Date|Date Req'd|"
    "Dt. Entrega|Dt Entrega|Data Entrega|Data de Entrega|納期|納入日"
)

COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "line_no": _phrases(
        "#|Line|Line No|Ln|Pos.|Pos|Position|Item #|No|Nr|Lfd. Nr.|Ligne|Línea|Lín.|序号|行号|项次|"
        "Regel|Regelnr|Riga|Linha|Lp.|Partida|S.No.|S. No.|Sr. No.|Sl. No."
        "|Linje|Pos. č.|Poř.|Poř. č.|Pol.|Sıra|Sıra No|Rivi|Rivinro|순번|번호"
    ),
    "sku": _phrases(
        "Item|Item No|Item Code|Item Number|SKU|Part No|Part Number|Part #|"
        "Product Code|Product No|Product|Article|Article No|Art.-Nr.|Art. Nr.|"
        "Artikel-Nr.|Artikelnummer|Artikel|Material|Materialnummer|Sachnummer|Réf.|"
        "Référence|Réf|Code article|Code|Código|Código artículo|Ref.|Referencia|"
        "Catalog No|Model|Material No|Our ref|Stock code|Codice|Artikelcode|Artikelnr|"
        "Référence article|"
        "物料编号|货号|物料号|产品编号|编号|型号|物料代码|物料编码|商品编码|料号|Codice articolo|"
        "Código do artigo|Referência|Indeks|Clave|Clave artículo"
        "|Varenr.|Varenummer|Kód|Kód zboží|Katalogové číslo|Kat. číslo|Číslo zboží|"
        "Malzeme Kodu|Stok Kodu|Ürün Kodu|Kod|Tuotenumero|Tuotekoodi|Nimikenumero|Nimikekoodi|"
        "품번|품목코드|품목번호|자재코드|Artigo|Cód. artigo|Código artigo"
    ),
    # The supplier's own code beside the buyer's item number ("Item" | "Vendor #"): the code
    # the order desk knows (`table_columns.resolve_columns` prefers it).
    "supplier_sku": _phrases(
        "Vendor #|Vendor No|Vendor Part|Vendor Part No|Vendor Part #|Vendor Item|Vendor Item No|"
        "Vendor Code|Vendor SKU|Supplier Part|Supplier Part #|Supplier Part No|Supplier Item|"
        "Supplier Item No|Supplier Code|Supplier SKU|Supplier ref|Mfr part no|Mfr. Part #|"
        "Manufacturer Part No|Your item no|Your item number|Your part no|Your ref|Your code|"
        "Ihre Art.-Nr.|Ihre Artikelnummer|Ihre Artikel-Nr.|Lieferanten-Art.-Nr.|"
        "Lief.-Art.-Nr.|Votre réf.|Votre référence|Réf. fournisseur|Référence fournisseur|"
        "Su referencia|Ref. proveedor|Referencia proveedor|Código proveedor"
    ),
    "description": _phrases(
        "Description|Item Description|Product Description|Bezeichnung|Beschreibung|"
        "Artikelbezeichnung|Désignation|Libellé|Descripción|Concepto|Artículo|Details|"
        "名称|描述|物料名称|品名|产品名称|规格|产品描述|品名规格|规格型号|Goods|"
        "Description of goods|Particulars|Article description|Leistung|Artikeltext|"
        "Produit|Produkt|Désignation article|Producto|Item name|Product name|Short text|"
        "Kurztext|Material description|Materialkurztext|Specification|Spezifikation|"
        "Omschrijving|Descrizione|Denominazione|Designation|Item details|Artikelomschrijving|"
        "Descrição|Opis|Nazwa|Benämning|Beskrivning|Nazwa towaru|Nazwa towaru lub usługi"
        "|Beskrivelse|Varebeskrivelse|Tekst|Označení dodávky|Označení|Název|Název zboží|"
        "Popis|Malzeme Açıklaması|Malzeme Adı|Ürün Adı|Stok Adı|Açıklama|Ürün|"
        "Nimike|Nimitys|Kuvaus|Tuote|Tuotenimi|품명|품목|품목명|규격"
    ),
    "quantity": _phrases(
        "Qty|Quantity|Qty Ordered|Order Qty|Ordered|Menge|Anzahl|Bestellmenge|Qté|"
        "Quantité|Qte|Cantidad|Cant.|Uds.|数量|Pcs|Pieces|Units|No. of units|Count|Stück|"
        "Stückzahl|Anz.|Nombre|Unidades|Cant|Quantity ordered|Ordered qty|订购数量|订货数量|"
        "No. off|Qty off|Qty req|Qty required|Ord. qty|Order quantity|Quantité commandée|"
        "Qté commandée|Cantidad pedida|Liefermenge|Aantal|Quantità|Qtà|"
        "Quantidade|Qtd.|Ilość|Antal|Abrufmenge|Auftragsmenge|Bestellte Menge|Call-off qty|"
        "Call-off quantity|Release qty|Release quantity|Scheduled qty"
        "|Počet|Množství|Miktar|Määrä|Tilattu määrä|수량|발주수량|Qtd|Quant."
    ),
    "unit": _phrases(
        "Unit|UoM|U/M|UM|Einheit|ME|Unité|Unidad|Ud.|单位|Mengeneinheit|BME|Eenheid|Unità|"
        "Unidade|Jedn.|Enhet|J.m."
        "|Enhed|MJ|Jednotka|Birim|Yks.|Yksikkö|단위|Un.|Unid."
    ),
    "unit_price": _phrases(
        "Unit Price|Price|Rate|Unit Cost|Price/Unit|Price Each|Each|Einzelpreis|Preis|"
        "E-Preis|EK-Preis|Einkaufspreis|Stückpreis|Preis/Einheit|Prix unitaire|Prix unit.|"
        "Prix|P.U.|PU HT|"
        "Prix unitaire HT|Precio unitario|Precio|Precio unit.|单价|含税单价|未税单价|"
        "Net price|Nettopreis|Net unit price|Prix net|Precio neto|Unit rate|Prezzo|"
        "Prijs/eenheid|Prijs|"
        "Stukprijs|Eenheidsprijs|Preço unitário|Preço|Cena jedn.|Cena|Cena netto|"
        "Styckpris|Pris|"
        "Price per unit|Price/UoM|Price/EA|Preis/ME|Preis je ME|Preis pro ME|Preis pro Einheit|"
        "Prix par unité|Prix/U|Precio por unidad|Prezzo unitario|P. Unitario|P. Unit.|"
        "Costo unitario|Valor unitario|Cena netto|Cena jednostkowa"
        "|Købspris|Enhedspris|Stykpris|Cena za MJ|Cena/MJ|Jedn. cena|Jednotková cena|"
        "Birim Fiyat|Birim Fiyatı|à-hinta|A-hinta|Yksikköhinta|Hinta|단가|"
        "Preço unit.|Preço unit|P. unit.|Preço unitário s/ IVA"
    ),
    # The quantity a price is quoted for ("12,50 per 100 ST"): not a field, it scales the price.
    "price_unit": _phrases("per|Price unit|Preiseinheit|PE"),
    "amount": _phrases(
        "Amount|Total|Line Total|Ext. Price|Extended|Extended Price|Net Amount|"
        "Total Price|Value|Betrag|Gesamt|Gesamtpreis|Summe|Wert|Montant|Montant HT|"
        "Total HT|Total ligne|Importe|Total línea|金额|总价|小计金额|含税金额|Net value|"
        "Line value|Line amount|Extension|Ext. amount|Nettowert|Positionswert|Valeur|"
        "Importe neto|Bedrag|Importo|Regeltotaal|Totaal|Valor|Wartość|Belopp|Subtotal|Sub-total|"
        "Extended Cost|Ext. Cost|Wartość netto|Amt|Line Amt|Ext. Amt|Net Amt|"
        "Nettobetrag|Prix HT|Gesamtbetrag|"
        # Indian GST orders: the line's value before tax, beside a tax-inclusive total
        "Taxable Value|Taxable Amount|Assessable Value"
        "|Beløb|Linjebeløb|Celkem bez DPH|Cena celkem|Celkem|Částka|Tutar|Toplam Tutar|"
        "Toplam|Yhteensä|Rivisumma|Summa|Arvo|공급가액|금액"
    ),
    # Columns an order line may have that are no field of ours: read, then set aside (a
    # delivery date the same on every line becomes the order's: `line_dates`).
    "other": DELIVERY_COLUMN_LABELS
    + _phrases(
        "Date|"
        "Discount|Disc.|Disc %|Rabatt|Zeilenrabatt|Remise|Descuento|折扣|VAT|VAT %|Tax|Tax %|"
        "Taxes|Tax Rate|Steuersatz|Steuer|USt.-Satz|MwSt.-Satz|Taux TVA|Rem.|"
        "MwSt.|MwSt %|USt.|TVA|IVA|税率|Weight|Gewicht|Poids|Peso|Lead time|Notes|Remarks|"
        "Tax code|Steuerkennzeichen|Cost centre|Cost center|Kostenstelle|GL account|"
        "Storage location|Lagerort|Korting|Sconto|Desconto|Rabat|Levertijd|Charge Account|"
        # Tariff codes and the tax of one line (its rate and amount), not the line's amount
        "HSN|HSN Code|HSN/SAC|SAC|SAC Code|CGST|SGST|IGST|UTGST|Cess|CGST Amt|SGST Amt|"
        "IGST Amt|UTGST Amt|CGST Amount|SGST Amount|IGST Amount|Tax Amt|Tax Amount|VAT Amount"
        "|Rabat %|Linjerabat %|Momskode|DPH|DPH %|Sazba DPH|Sleva|KDV|KDV %|İskonto|"
        "İskonto %"
    ),
}

TOTALS_LABELS: dict[str, tuple[str, ...]] = {
    "subtotal": _phrases(
        "Subtotal|Sub-total|Sub total|Net total|Net|Total net|Net Amount|"
        "Total before tax|Zwischensumme|Nettobetrag|Netto|Summe netto|Gesamt netto|"
        "Gesamtsumme netto|Gesamtbetrag netto|Bestellsumme netto|Auftragssumme netto|"
        "Nettosumme|Warenwert|Sous-total|Total HT|Montant HT|Base imponible|Subtotal|"
        "Total neto|Importe neto|小计|不含税金额|未税金额|合计（不含税）|"
        "Summe ohne MwSt.|Gesamt ohne MwSt.|Summe exkl. MwSt.|Total ohne MwSt.|"
        "Total before VAT|Total hors TVA|Total sin IVA|"
        "Merchandise|Merchandise Total|"
        "Goods Total|Items Total|Total Items|Total excl. VAT|Total excl. tax|"
        "Summe Positionen|Total hors taxes|Total Merchandise|Net Value|Nettowert|Subtotaal|"
        "Goods|Goods value|Value of goods|Total goods|Net order value|"
        "Totaal excl. BTW|Totaal netto|Netto bedrag|Total Lines|Lines total|Total net value|"
        "Total net value excl. tax|Net value excl. tax|Total exkl. MWST|Summe exkl. MwSt.|"
        "Imponibile|Totale imponibile|Subtotale|Valor líquido|Razem netto|Wartość netto|"
        "Delsumma|Summa exkl. moms|Imponibile merce|Totale merce|Netto merce|Suma netto|"
        # ERP wording for the sum of the item lines (Epicor, Lawson, Dynamics, EDIFACT MOA 79)
        "Line Total|Line Totals|Sum of lines|Lines amount|Total line items amount|"
        "Line items total|Total line items|Total lines amount|"
        "Valor das mercadorias|Valor dos produtos|Total das mercadorias|Total dos produtos|"
        "Total Taxable Value|Taxable Value|Total taxable amount|"  # Indian GST: before CGST/SGST
        "Rechnungssumme ohne USt.|Summe ohne USt.|Gesamt ohne USt.|"  # ZUGFeRD prints
        "小計"
        "|Nettobeløb|I alt ekskl. moms|Beløb ekskl. moms|Subtotal ekskl. moms|"  # Danish
        "Celkem bez DPH|Základ DPH|Základ|Mezisoučet|Součet|"  # Czech
        "Ara Toplam|Ara Toplam Tutar|Mal Hizmet Toplam Tutarı|Toplam Tutar (KDV Hariç)|"
        "Veroton yhteensä|Yhteensä ilman ALV|Veroton summa|Välisumma|"  # Finnish
        "공급가액 합계|공급가액|소계|"  # Korean
        "Total ilíquido|Total iliquido|Total s/ IVA|Total sem IVA|Valor ilíquido"  # pt
    ),
    "tax": _phrases(
        "Tax|VAT|GST|Sales Tax|HST|Tax Amount|MwSt.|MwSt|USt.|USt|Mehrwertsteuer|"
        "Umsatzsteuer|TVA|Montant TVA|IVA|Impuesto|Impuestos|税额|增值税|税金|税|BTW|"
        "Input tax|Vorsteuer|TVH|TPS|TVQ|GST/HST|QST|PST|"
        "BTW-bedrag|Omzetbelasting|Estimated sales tax|Estimated tax|Imposta|Podatek VAT|Moms|"
        "Kwota VAT|消費税|CGST|SGST|IGST|UTGST|Central GST|State GST|Integrated GST"
        "|Momsbeløb|DPH|Částka DPH|KDV|Hesaplanan KDV|KDV Tutarı|"
        # the sum of the tax: a tax word before or after "total" is the tax, not the total
        "VAT total|Tax total|Total VAT|Total tax|Total taxes|Taxes|Total TVA|Steuerbetrag|"
        "Summe USt.|Summe MwSt.|"
        "ALV|Arvonlisävero|ALV yhteensä|부가세|부가가치세|세액"
    ),
    "shipping": _phrases(
        "Shipping|Freight|Delivery charge|Delivery|Shipping & Handling|"
        "Shipping and Handling|Carriage|Postage|Fracht|Frachtkosten|Versand|"
        "Versandkosten|Lieferkosten|Porto|Frais de port|Frais de livraison|Transport|"
        "Envío|Gastos de envío|Portes|运费|物流费|快递费|Verzendkosten|Vrachtkosten|"
        "Transportkosten|Verpackung und Fracht|Fracht und Verpackung|Packing and freight|"
        "Spese di spedizione|Frete|Koszty wysyłki|Frakt|Spese di trasporto|Trasporto|"
        "Charges|Misc. Charges|Miscellaneous charges|Misc charges|"  # freight and the like
        "Flete|Fletes|Costo de flete|Freight Charges|運賃|送料|配送料|運送料"
        "|Fragt|Fragtomkostninger|Forsendelse|Levering|Doprava|Dopravné|Poštovné|"
        "Náklady na dopravu|Nakliye|Nakliye Bedeli|Navlun|Kargo|Taşıma|Rahti|"
        "Toimituskulut|운송비|배송비"
    ),
    "total": _phrases(
        "Total|Grand Total|Order Total|Total Amount|Total Due|Amount Due|Total Order|"
        "Total Value|Gesamtbetrag|Gesamtsumme|Endbetrag|Gesamt|Summe|Bruttobetrag|"
        "Brutto|Gesamt brutto|Rechnungsbetrag|Total TTC|Montant total|Montant TTC|"
        "Net à payer|Total general|Importe total|Total pedido|Sum|Total payable|"
        "Amount payable|Balance due|Total to pay|Order value|Total incl. VAT|"
        "Total inc. VAT|Total including VAT|Gesamt inkl. MwSt.|Summe brutto|"
        "Summe inkl. MwSt.|Summe mit MwSt.|Total con IVA|"
        "Gesamtsumme brutto|Total à payer|Montant à payer|Total a pagar|Gross total|"
        "Gross amount|Total gross|Gross|Total amount due|Total order value|Order amount|"
        "Endsumme|Gesamtwert|Bruttosumme|Total brut|Total general|Total bruto|Gross value|"
        "Total gross value|"
        "总计|合计|总金额|订单总额|价税合计|总额|Totaal|Totaal incl. BTW|Te betalen|Totaalbedrag|"
        "PO Total|Total inkl. MWST|Totale|Totale ordine|Totale documento|Total do pedido|"
        "Valor total|Razem|Do zapłaty|Wartość brutto|Att betala|Totalt|Bruttowert|"
        "Razem brutto|Razem do zapłaty|Valor total do pedido|Total geral|"
        "合計|総合計|合計金額|総額|Due payable"
        "|I alt|I alt inkl. moms|Total inkl. moms|Beløb i alt|Samlet beløb|At betale|"  # da
        "Celkem k úhradě|K úhradě|Celkem s DPH|Celková částka|Celkem|"  # Czech
        "Genel Toplam|Toplam|Ödenecek Tutar|Vergiler Dahil Toplam|KDV Dahil Toplam"  # tr
        "|Yhteensä|Kokonaissumma|Loppusumma|Maksettava|Verollinen yhteensä|"  # Finnish
        "합계금액|합계|총액|총합계|총금액"  # Korean
    ),
}

# A bare "Order #" may be the seller's own number (a web shop's): "PO number" ranks above it.
GENERIC = set(
    _phrases(
        "合计|date|datum|fecha|日期|total|po|delivery|payment|to|an|bestellung|purchase order|"
        "order|entrega|livraison|no|nr|item|product|code|each|value|net|summe|gesamt|税|zahlung|"
        "conditions|issued|goods|order #|order no|order number|data|required|requested|"
        "consegna|pagamento|trasporto|document no|document number|doc. no|doc no|单据编号|单据号|"
        "folio|objednavka|siparis|indkøbsordre|dato|tarih|odeme|forma uhrady|"
        "toplam|celkem|levering|zaklad|tilaus|encomenda|pvm|yhteensa|합계|일자"
    )
)
