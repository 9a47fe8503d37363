"""The fourth blind set: new purchase-order layouts and the set's first e-mail orders, made
after the third blind set had been studied, so that one measurement of generalisation is
again honestly blind.

HTML/CSS templates drawn from how real orders look (an Infor Lawson materials-management
PO, also a hospital's; a Dynamics 365 Finance & Operations report; a Polish 'Zamówienie'
from a German firm's plant; a Mexican 'Orden de Compra'; a Kingdee ERP 采购订单; a WebEDI
portal's print of an EDIFACT ORDERS message; a Canadian Epicor order), printed by headless
Chromium like the earlier blind sets, and e-mail bodies typed the ways people type them
(`mail`). They were written from the world's documents, never from what poflow's
extractors handle.
"""

from samples.generator.blind4.layouts import LAYOUTS, adapt, render
from samples.generator.blind4.mail import MAILS, body_email

__all__ = ["LAYOUTS", "MAILS", "adapt", "body_email", "render"]
