"""The second blind set's documents: which layout, input kind, buyer and review case each is.

About a third are review cases, as in the first blind set. The hand-filled order book is
only scanned or photographed: such a form never exists as a text PDF.
"""

from __future__ import annotations

from samples.generator.plan import Job, P, S, T, job

BLIND2: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("nb_netsuite", T, "C0014", lines=5),
    job("nb_netsuite", T, "C0009", "credit_limit", lines=3),
    job("nb_ariba", T, "C0001", lines=4),
    job("nb_ariba", T, "C0007", "unknown_sku", lines=3),
    job("nb_ariba", T, "C0012", lines=4, alias=2),
    job("nb_odoo_fr", T, "C0004", lines=4),
    job("nb_odoo_fr", T, "C0013", "delivery_before_order", lines=3),
    job("nb_dynamics_de", T, "C0010", lines=14),  # two pages, header repeated
    job("nb_dynamics_de", T, "C0002", "price_mismatch", lines=4),
    job("nb_sage_gb", T, "C0011", lines=5),
    job("nb_carta_es", T, "X3", "unknown_customer", lines=4),
    job("nb_ca_bilingual", T, "C0015", "total_mismatch", lines=3),
    # --- scans ---------------------------------------------------------------------------
    job("nb_handform", S, "C0003", "line_arithmetic", lines=3, variant="pdf300"),
    job("nb_handform", S, "C0009", lines=3, variant="png"),
    job("nb_sage_gb", S, "C0001", lines=4, variant="pdf200"),
    job("nb_dynamics_de", S, "C0008", lines=4, variant="pdf200"),
    job("nb_ca_bilingual", S, "C0006", lines=3, variant="jpeg"),
    job("nb_odoo_fr", S, "C0013", lines=3, variant="pdf200"),
    # --- phone photos --------------------------------------------------------------------
    job("nb_handform", P, "C0014", lines=3),
    job("nb_netsuite", P, "C0003", lines=3),
    job("nb_ca_bilingual", P, "C0015", lines=3),
    job("nb_sage_gb", P, "C0011", lines=3),
)
