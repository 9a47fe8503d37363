"""The blind set: purchase orders drawn a different way from the corpus and the hold-out set.

HTML/CSS templates in the manner of real ERP, webshop, procurement-portal and small-business
printouts, printed to PDF by headless Chromium (not reportlab), so fonts, spacing, table
drawing and label wording share nothing with the other sets. Nothing here was designed from
what poflow's extractors handle; it measures how extraction generalises.
"""

from samples.generator.blind.layouts import LAYOUTS, render

__all__ = ["LAYOUTS", "render"]
