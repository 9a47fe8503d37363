"""The sixth blind set: new purchase-order layouts and e-mail orders, made after the fifth
blind set had been studied, so that one measurement of generalisation is again honestly blind.

HTML/CSS templates drawn from how real orders look (a Xero purchase order of a UK small firm;
a Coupa procurement-portal PO print with a version, requisition and contract number and a
Need By under each line; a Czech 'Objednávka' with IČO/DIČ and a DPH recap; a Danish
Navision 'Indkøbsordre' with moms 25 %; a Turkish Logo Tiger 'Satın Alma Siparişi' with KDV
%20; a Singapore order with UEN, GST 9 % and day-first dates; a Canadian spreadsheet
template with its totals block on the left), printed by headless Chromium like the earlier
blind sets, and e-mail bodies written the ways people write them (`mail`). They were written
from the world's documents, never from what poflow's extractors handle.
"""

from samples.generator.blind6.layouts import LAYOUTS, adapt, render
from samples.generator.blind6.mail import MAILS, body_email

__all__ = ["LAYOUTS", "MAILS", "adapt", "body_email", "render"]
