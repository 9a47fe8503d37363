"""Orders typed in an e-mail body, end to end: a table pasted as tab-separated text, a reply
that orders by confirming the offer it quotes, an informal note whose address and total
have no label. Real parts: `extract_email` with the real `extract_document`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from email.message import EmailMessage

from extractors.email import extract_email
from extractors.email_text import align_tab_columns, money_in_text, quoted_text, typed_address
from extractors.pipeline import extract_document
from poflow.domain import ExtractedOrder, ExtractionContext, OrderLine


def _order(body: str, subject: str = "Order") -> ExtractedOrder:
    message = EmailMessage()
    message["From"] = "J. Miller <buyer@example.net>"
    message["To"] = "orders@acme-supply.example"
    message["Subject"] = subject
    message["Date"] = "Thu, 04 Jun 2026 15:10:00 +0000"
    message.set_content(body)
    return extract_email(message.as_bytes(), "po.eml", ExtractionContext(), extract_document)


def _lines(order: ExtractedOrder) -> list[tuple[object, ...]]:
    return [(ln.sku, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines]


# --- a table pasted from a spreadsheet ---------------------------------------------------

TSV_BODY = (
    "Guten Tag,\n\nanbei unsere Bestellung 4500012345 vom 02.03.2026.\n\n"
    "Pos\tArtikel\tBezeichnung\tMenge\tEinzelpreis\tGesamt\n"
    "1\tAX-1000\tSechskantschraube M8x40 DIN 933, verzinkt, 8.8\t250\t0,42\t105,00\n"
    "2\tB-22\tScheibe\t1000\t0,05\t50,00\n"
    "\t\t\t\tSumme EUR\t155,00\n\n"
    "Zahlungsbedingung: 30 Tage netto\n"
)


def test_tab_separated_rows_become_aligned_columns() -> None:
    text = align_tab_columns("Item\tDescription\tQty\nAX-1000\tHex bolt M8x40, long text\t250\n")
    header, row = text.splitlines()[:2]
    assert header.index("Qty") <= row.index("250") < header.index("Qty") + len("Qty")
    assert "\t" not in text


def test_a_single_tab_indented_line_is_left_as_it_is() -> None:
    assert align_tab_columns("Dear Jane,\n\tplease send 4 x B-22\nThanks") == (
        "Dear Jane,\n\tplease send 4 x B-22\nThanks"
    )


def test_a_pasted_tab_separated_table_is_read_by_its_header() -> None:
    order = _order(TSV_BODY)
    assert _lines(order) == [
        ("AX-1000", Decimal("250"), Decimal("0.42"), Decimal("105.00")),
        ("B-22", Decimal("1000"), Decimal("0.05"), Decimal("50.00")),
    ]
    assert order.payment_terms == "30 Tage netto"


# --- a reply confirming the quoted offer --------------------------------------------------

REPLY_BODY = """Bonjour,

nous vous passons commande selon votre offre ci-dessous.
Notre n° de commande : BC-0412/26.

Cordialement,
Marie Lemoine

Le lun. 1 juin 2026 à 16:12, Acme Ventes <orders@acme.example> a écrit :
> Bonjour,
>
> voici notre offre :
>
> - Réf. FR-220 – Vis M6x20 – 1 000 U x 0,24 € = 240,00 €
> - Réf. FR-310 – Rondelle – 12 U x 3,50 € = 42,00 €
>
> Total HT : 282,00 €
"""


def test_the_quoted_message_without_its_intro_and_marks() -> None:
    quoted = quoted_text(REPLY_BODY)
    assert quoted.startswith("Bonjour,\n\nvoici notre offre :")
    assert ">" not in quoted and "a écrit" not in quoted


def test_a_reply_that_confirms_the_quoted_offer_takes_its_items() -> None:
    order = _order(REPLY_BODY, subject="RE: Votre offre OF-26-0311")
    assert order.po_number == "BC-0412/26"
    assert _lines(order) == [
        ("FR-220", Decimal("1000"), Decimal("0.24"), Decimal("240.00")),
        ("FR-310", Decimal("12"), Decimal("3.50"), Decimal("42.00")),
    ]
    assert Decimal("282.00") in (order.subtotal, order.total)  # the sums come with the items


def test_a_reply_with_its_own_items_ignores_the_quote() -> None:
    body = (
        "PO number: 7781\nPlease deliver 20 x AX-1000 Hex bolt M8x40 at 0.42\n\n"
        "On Fri, 27 Feb 2026 at 16:02, Acme Sales <sales@acme.example> wrote:\n"
        "> our quote: 10 x AX-2000 Washer at 0.05 = 0.50\n"
    )
    order = _order(body)
    assert [ln.sku for ln in order.lines] == ["AX-1000"]


def test_an_attached_order_s_items_win_over_a_quoted_offer() -> None:
    message = EmailMessage()
    message["From"] = "J. Miller <buyer@example.net>"
    message["Subject"] = "Our order"
    message.set_content(
        "Please see our order attached, PO number: 7781.\n\n"
        "On Fri, 27 Feb 2026 at 16:02, Acme Sales <sales@acme.example> wrote:\n"
        "> our quote: 10 x AX-2000 Washer at 0.05 = 0.50\n"
    )
    message.add_attachment(b"%PDF-1.4 order", maintype="application", subtype="pdf")
    attached = ExtractedOrder(lines=(OrderLine(line_no=1, sku="AX-1000", quantity=Decimal(5)),))

    def reader(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
        return attached

    order = extract_email(message.as_bytes(), "po.eml", ExtractionContext(), reader)
    assert [ln.sku for ln in order.lines] == ["AX-1000"]
    assert order.po_number == "7781"


# --- an informal note -----------------------------------------------------------------------

NOTE_BODY = """Hi Sarah,

could you send the following over please, our ref NW519415:

  • 4 × GB-8120 Copper earth tape 25 x 3 mm – £12.80 ea = £51.20
  • 2 × GB-9200 Workbench 1800 mm – £412.00 ea = £824.00

That's £875.20 all in.
Need it by Wednesday, 25 June 2026 if poss.

Usual address:
12 Harbour Rd
Portsmouth PO1 2AB
United Kingdom

Cheers,
Miller
"""


def test_an_address_typed_under_an_address_line() -> None:
    assert typed_address("Usual address:\n12 Harbour Rd\nPortsmouth\n\nCheers") == (
        1,
        ["12 Harbour Rd", "Portsmouth"],
    )
    assert typed_address("Invoice address:\n12 Harbour Rd\nPortsmouth\n") is None
    assert typed_address("Our e-mail address:\nbuyer@example.net\n") is None


def test_amounts_with_cents_in_text() -> None:
    assert [m[3] for m in money_in_text("That's £875.20 all in, or 1.316,00 EUR; 25 x 3 mm")] == [
        "875.20",
        "1.316,00",
    ]


def test_an_informal_note_gives_its_reference_date_address_and_stated_total() -> None:
    order = _order(NOTE_BODY)
    assert order.po_number == "NW519415"
    assert order.delivery_date == date(2026, 6, 25)
    assert order.ship_to == "12 Harbour Rd\nPortsmouth PO1 2AB\nUnited Kingdom"
    assert order.total == Decimal("875.20")
    assert order.evidence["total"].confidence >= 0.95


def test_an_amount_that_is_not_the_sum_of_the_lines_is_no_total() -> None:
    order = _order(NOTE_BODY.replace("That's £875.20 all in.", "Last time it was £870.00."))
    assert order.total is None


def test_a_po_number_named_in_the_typed_order_is_as_sure_as_a_labelled_one() -> None:
    body = "Hi,\n\nplease enter it as PO PO-2026-84198.\n\n5 x AX-1000 Hex bolt @ 2.00 = 10.00\n"
    order = _order(body, subject="Fwd: parts for line 3")
    assert order.po_number == "PO-2026-84198"
    assert order.evidence["po_number"].confidence >= 0.9


def test_a_mere_reference_or_a_short_number_stays_unsure() -> None:
    order = _order(NOTE_BODY)  # "our ref NW519415": perhaps not the PO number
    assert order.evidence["po_number"].confidence < 0.9
    order = _order("Hi,\n\nour order 250 pcs of AX-1000 at 2.00 each\n")
    assert order.evidence["po_number"].confidence < 0.9


# --- a reply repeating the quoted earlier order -------------------------------------------

REPEAT_BODY = """Hallo Herr Berg,

bitte liefern Sie uns wie letztes Mal, zusätzlich 4 x KL-77 Klemme @ 2,50 € (= 10,00 €).
Unsere neue Bestellnummer: BE-2291. Summe diesmal 64,00 €.

Gruß
Anna Roth

-----Original Message-----
From: Anna Roth <einkauf@example.net>
Sent: Monday, 2 March 2026 09:10
Subject: Bestellung BE-2107

1) 10 x SR-10 Schraube M6 @ 3,00 € = 30,00 €
2) 6 x MU-06 Mutter M6 @ 4,00 € = 24,00 €

Summe 54,00 €

Lieferadresse:
Halle 3, Tor 2
Werkstraße 5
12345 Musterstadt
"""


def test_a_reply_repeating_the_quoted_order_adds_its_items_to_the_quoted_ones() -> None:
    order = _order(REPEAT_BODY, subject="AW: Bestellung BE-2107")
    assert order.po_number == "BE-2291"
    assert _lines(order)[:2] == [
        ("SR-10", Decimal("10"), Decimal("3.00"), Decimal("30.00")),
        ("MU-06", Decimal("6"), Decimal("4.00"), Decimal("24.00")),
    ]
    added = order.lines[2]
    assert "KL-77" in f"{added.sku} {added.description}"
    assert (added.quantity, added.amount) == (Decimal("4"), Decimal("10.00"))
    assert [ln.line_no for ln in order.lines] == [1, 2, 3]
    assert order.ship_to is not None and order.ship_to.startswith("Halle 3, Tor 2")
    assert order.total == Decimal("64.00")  # the reply's stated sum, not the quote's 54,00


def test_a_reply_with_items_that_only_repeats_the_address_keeps_its_own_items() -> None:
    body = REPEAT_BODY.replace("wie letztes Mal, zusätzlich", "an dieselbe Adresse wie zuletzt")
    body = body.replace("wie zuletzt", "wie gehabt")
    order = _order(body)
    assert [(ln.quantity, ln.amount) for ln in order.lines] == [(Decimal("4"), Decimal("10.00"))]


def test_the_repeat_wording_in_english_german_and_french() -> None:
    from extractors.email_quoted import REPEAT_ORDER

    for said in (
        "Could we have the same again please",
        "same as last time, plus 2 x AB-1",
        "Bitte wie beim letzten Mal liefern",
        "merci de nous livrer comme la dernière fois",
        "la même commande que le mois dernier",
    ):
        assert REPEAT_ORDER.search(said), said
    for said in ("Same delivery address as before", "as last time we spoke", "same day"):
        assert not REPEAT_ORDER.search(said), said


def test_an_address_ending_a_delivery_sentence_without_a_colon() -> None:
    sentence = "Lieferung bis Montag, 11.05.2026 an Werk 2, Tor 4, Hafenstraße 77, 28217 Bremen."
    assert typed_address(sentence) == (0, ["Werk 2, Tor 4, Hafenstraße 77, 28217 Bremen"])
    # No postcode and town, or too few parts: no address.
    assert typed_address("Please send it to me, I need 2, 3 or 4 pieces.") is None
    assert typed_address("Please deliver to Leeds, 12 pallets.") is None


# --- a delivery sentence ending in a colon; a net sum as the only sum ---------------------


def test_a_delivery_sentence_ending_in_a_colon_introduces_the_address_below() -> None:
    items = "PO 4471\n\n40 x BR-220 Ball bearing @ 7.95\n\n"
    for intro in ("Ship to our Plant 2 dock:", "Livraison à notre dépôt :", "Ship to:"):
        order = _order(f"Hi,\n\n{items}{intro}\n410 Industrial Dr\nKingston, NY 12401\n\nDave")
        assert order.ship_to == "410 Industrial Dr\nKingston, NY 12401", intro
    beside = _order(f"Hi,\n\n{items}Ship to: Plant 2, 410 Industrial Dr, Kingston\n\nDave")
    assert beside.ship_to == "Plant 2, 410 Industrial Dr, Kingston"


FRENCH_NET_ONLY = (
    "Bonjour,\n\nCommande n° CMD-2026-0412 :\n\n"
    "* Réf. FR-3310 – Vérin pneumatique 32x100 : 6 pièces à 48,20 € HT\n"
    "* Réf. FR-3320 – Distributeur 5/2 : 4 pièces à 61,50 € HT\n\n"
)


def test_a_net_sum_that_quantities_times_prices_make_is_the_orders_total() -> None:
    order = _order(FRENCH_NET_ONLY + "Total HT : 535,20 €\n\nCordialement")
    assert (order.subtotal, order.total) == (None, Decimal("535.20"))
    freight = _order(FRENCH_NET_ONLY + "Total HT : 535,20 €\nFrais de port : 12,00 €\n")
    assert (freight.subtotal, freight.total) == (Decimal("535.20"), None)  # more to pay
    other = _order(FRENCH_NET_ONLY + "Total HT : 600,00 €\n")
    assert (other.subtotal, other.total) == (Decimal("600.00"), None)  # the lines disagree


def test_gesamtsumme_netto_is_the_net_sum() -> None:
    lines = (
        "Bestellnummer: 2026-1187\n\n"
        "Pos. 1: 500 St. 4711-220 Sechskantschraube à 0,38 EUR = 190,00 EUR\n"
        "Pos. 2: 500 St. 4711-230 Sechskantmutter à 0,11 EUR = 55,00 EUR\n\n"
    )
    alone = _order(lines + "Gesamtsumme netto: 245,00 EUR\n")
    assert (alone.subtotal, alone.total) == (None, Decimal("245.00"))
    assert alone.evidence["total"].confidence >= 0.9
    taxed = _order(
        lines + "Gesamtsumme netto: 245,00 EUR\nMwSt. 19 %: 46,55 EUR\n"
        "Gesamtsumme brutto: 291,55 EUR\n"
    )
    assert (taxed.subtotal, taxed.tax, taxed.total) == (
        Decimal("245.00"), Decimal("46.55"), Decimal("291.55")
    )  # fmt: skip


def test_a_delivery_date_typed_without_its_year_takes_the_orders_year() -> None:
    lines = "PO 77120 dated December 9, 2026\n\n6 x TL-7781 at 42.60\n\n"
    for asked, day in (("Please deliver by December 23.", date(2026, 12, 23)),
                       ("We need it by 15 January.", date(2027, 1, 15)),
                       ("Liefertermin: 23.12.", date(2026, 12, 23))):  # fmt: skip
        order = _order(lines + asked + "\n\nKim")
        assert order.delivery_date == day, asked
        assert order.evidence["delivery_date"].confidence < 0.9  # the year is a guess
    assert _order(lines + "Drill bit set 29 pieces.\n\nKim").delivery_date is None


def test_an_item_code_in_brackets_after_the_name_is_the_item_code() -> None:
    order = _order(
        "Vi preghiamo di inviarci quanto segue:\n\n"
        "n. 10 pz. Kugellager 6205-2RS (cod. 5520-100) a € 6,90 cad. = € 69,00\n"
        "5 x Galvanised flat bar 50 x 6 mm (P00418) @ £29.40 = £147.00\n\nGrazie"
    )
    assert [(ln.sku, ln.description) for ln in order.lines] == [
        ("5520-100", "Kugellager 6205-2RS"),
        ("P00418", "Galvanised flat bar 50 x 6 mm"),
    ]


def test_a_typed_address_ends_where_the_sentence_says_when() -> None:
    order = _order(
        "Order ref NW309651, please send:\n\n5 x P00418 @ £29.40 = £147.00\n\n"
        "Delivery to Goods In, Bay 7, Bristol BS2 0QT, United Kingdom by 6 April please.\n"
    )
    assert order.ship_to == "Goods In, Bay 7, Bristol BS2 0QT, United Kingdom"
    below = _order(
        "Ordine 4471:\n\nn. 10 pz. 5520-100 a € 6,90 = € 69,00\n\n"
        "Consegna entro il 13 giugno 2026 presso:\nStabilimento di Brescia\n"
        "Via Industriale 41\n25030 Castel Mella (BS)\n\nCordiali saluti"
    )
    assert below.ship_to == "Stabilimento di Brescia\nVia Industriale 41\n25030 Castel Mella (BS)"
