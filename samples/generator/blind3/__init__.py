"""The third blind set: new purchase-order layouts, made after the second blind set had been
studied, so that one measurement of generalisation is again honestly blind.

HTML/CSS templates drawn from how real orders look (a JD Edwards printout with a boxed
header grid, an Italian 'Ordine di acquisto', a British construction order for a job site,
a Chinese purchase contract, a faxed Word-typed order, a German call-off against a framework
order), printed by headless Chromium like the earlier blind sets. They were written from the
world's documents, never from what poflow's extractors handle.
"""

from samples.generator.blind3.layouts import LAYOUTS, adapt, render

__all__ = ["LAYOUTS", "adapt", "render"]
