"""The blind set's documents: which layout, input kind, buyer and review case each one is."""

from __future__ import annotations

from samples.generator.plan import Job, P, S, T, job

BLIND: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("bl_sap", T, "C0002", lines=5),
    job("bl_sap", T, "C0002", "price_mismatch", lines=4),
    job("bl_webshop", T, "C0014", lines=4),
    job("bl_webshop", T, "C0003", "unknown_sku", lines=3),
    job("bl_us_smallbiz", T, "C0009", lines=3),
    job("bl_us_smallbiz", T, "C0003", "total_mismatch", lines=4),
    job("bl_de_din", T, "C0010", lines=5),
    job("bl_fr_bon", T, "C0013", lines=4),
    job("bl_fr_bon", T, "C0004", "delivery_before_order", lines=3),
    job("bl_es_orden", T, "X3", "unknown_customer", lines=4),
    job("bl_cn_bilingual", T, "C0012", lines=4, alias=1),
    job("bl_cn_bilingual", T, "C0005", lines=5, alias=1),
    job("bl_landscape", T, "C0011", lines=6),
    job("bl_nl_inkoop", T, "C0007", lines=15),  # two pages, header repeated
    job("bl_ca_portal", T, "C0015", lines=3),
    # --- scans of the same kinds of printout -------------------------------------------
    job("bl_de_din", S, "C0002", lines=4, variant="pdf300"),
    job("bl_us_smallbiz", S, "C0014", lines=3, variant="png"),
    job("bl_cn_bilingual", S, "C0005", lines=3, variant="pdf200", alias=1),
    job("bl_landscape", S, "C0001", lines=4, variant="pdf200"),
    job("bl_fr_bon", S, "C0013", lines=3, variant="jpeg"),
    # --- phone photos --------------------------------------------------------------------
    job("bl_webshop", P, "C0003", lines=3),
    job("bl_ca_portal", P, "C0006", lines=3),
)

# Appended last so that the documents above keep their names and seeds.
BLIND += (
    job("bl_ch_bestellung", T, "C0008", lines=4),
    job("bl_ch_bestellung", T, "C0016", lines=3, alias=1),
    job("bl_ch_bestellung", S, "C0008", lines=3, variant="pdf200"),
)
