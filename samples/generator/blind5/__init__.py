"""The fifth blind set: new purchase-order layouts and e-mail orders, made after the fourth
blind set had been studied, so that one measurement of generalisation is again honestly blind.

HTML/CSS templates drawn from how real orders look (an Oracle E-Business Suite standard PO;
a Japanese-English 注文書 of a trading company, also a US firm's Yokohama branch's; a Swedish
'Inköpsorder' of an EU firm's branch; a Brazilian TOTVS 'Pedido de Compra'; an Australian
MYOB purchase order; an Indian order with GSTIN, HSN codes and CGST/SGST per line; a
QuickBooks small-business order), printed by headless Chromium like the earlier blind sets,
and e-mail bodies typed the ways people type them (`mail`). They were written from the
world's documents, never from what poflow's extractors handle.
"""

from samples.generator.blind5.layouts import LAYOUTS, adapt, render
from samples.generator.blind5.mail import MAILS, body_email

__all__ = ["LAYOUTS", "MAILS", "adapt", "body_email", "render"]
