"""The seventh blind set: new purchase-order layouts and e-mail orders, made after the sixth
blind set had been studied, so that one measurement of generalisation is again honestly blind.

HTML/CSS templates drawn from how real orders look (a Workday Procurement PO print; an SAP
Business One 'Bestellung' of a German firm's Austrian plant with a text line between items;
a Sage X3 'Commande fournisseur / Bestelbon' of a Belgian branch, every label in French and
Dutch; an Argentine 'Orden de Compra' in dollars with CUIT and IVA 21 %; a 用友 U8-style
采购订单 with prices excluding and including VAT and a delivery date per line; a Northern
Ireland contractor's official order with free-text rows between items; a web shop's B2B
order confirmation sent on as the PO), printed by headless Chromium like the earlier blind
sets, and e-mail bodies written the ways people write them (`mail`). Text PDFs and e-mails
only: no scans or photos. They were written from the world's documents, never from what
poflow's extractors handle.
"""

from samples.generator.blind7.layouts import LAYOUTS, adapt, render
from samples.generator.blind7.mail import MAILS, body_email

__all__ = ["LAYOUTS", "MAILS", "adapt", "body_email", "render"]
