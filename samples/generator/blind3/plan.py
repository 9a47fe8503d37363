"""The third blind set's documents: which layout, input kind, buyer and review case each is.

Five of fourteen are review cases. The Italian layout's unknown buyer (X4) is an Italian
firm missing from master data; its Swiss buyers order for their Ticino plant in Italian.
"""

from __future__ import annotations

from samples.generator.plan import Job, P, S, T, job

BLIND3: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("nc_jde_grid", T, "C0014", lines=14),  # two pages, header grid repeated
    job("nc_jde_grid", T, "C0003", "price_mismatch", lines=4),
    job("nc_ordine_it", T, "X4", "unknown_customer", lines=4),
    job("nc_ordine_it", T, "C0008", lines=5),
    job("nc_site_gb", T, "C0011", lines=5),
    job("nc_site_gb", T, "C0001", "delivery_before_order", lines=4),
    job("nc_hetong_cn", T, "C0005", lines=4, alias=1),
    job("nc_fax_word", T, "C0009", "credit_limit", lines=3),
    job("nc_abruf_de", T, "C0002", lines=4),
    # --- scans ---------------------------------------------------------------------------
    job("nc_fax_word", S, "C0003", lines=3, variant="pdf200"),
    job("nc_abruf_de", S, "C0010", "unknown_sku", lines=4, variant="png"),
    job("nc_hetong_cn", S, "C0012", lines=3, variant="pdf200", alias=1),
    # --- phone photos --------------------------------------------------------------------
    job("nc_site_gb", P, "C0001", lines=3),
    job("nc_ordine_it", P, "C0016", lines=3),
)
