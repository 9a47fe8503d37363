"""The eighth blind set: new purchase-order layouts and e-mail orders, made by an author who
did not look at poflow's extractors, rules or vocabulary, so that one measurement of
generalisation is again honestly blind.

HTML/CSS templates drawn from how real orders look (an Acumatica purchase order with a
'Promised' date per line; an IFS Applications 'Ostotilaus' of a German firm's Finnish plant
with ALV 25,5 %; a Portuguese 'Nota de Encomenda' in the PHC/Primavera style with NIF and IVA
23 %; a Korean 발주서 with English item names; a US government-style order form with
numbered blocks; a Swiss Abacus 'Bestellung' with MWST 8,1 % and 1'234.50 numbers; a small
UK firm's spreadsheet order with the buyer's address at the foot), printed by headless
Chromium like the earlier blind sets, plus two notices that are not new orders (the
cancellation of an earlier PO and a change order to one), and e-mail bodies written the ways
people write them (`mail`). Text PDFs and e-mails only: no scans or photos.
"""

from samples.generator.blind8.layouts import LAYOUTS, adapt, render
from samples.generator.blind8.mail import MAILS, body_email

__all__ = ["LAYOUTS", "MAILS", "adapt", "body_email", "render"]
