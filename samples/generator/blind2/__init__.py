"""The second blind set: new purchase-order layouts, made after the first blind set had been
studied, so that one measurement of generalisation is again honestly blind.

HTML/CSS templates drawn from how real orders look (NetSuite, SAP Ariba, Odoo, Dynamics 365
Business Central, Sage 50, a Spanish business letter, a bilingual Canadian form, a hand-filled
carbon order book), printed by headless Chromium like the first blind set. They were written
from the world's documents, never from what poflow's extractors handle.
"""

from samples.generator.blind2.layouts import LAYOUTS, render, renumber

__all__ = ["LAYOUTS", "render", "renumber"]
