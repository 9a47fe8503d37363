"""The fourth blind set's documents: which layout, input kind, buyer and review case each is.

Eight of twenty-eight are review cases, spread over text PDFs, scans, photos and e-mails. The
Lawson layout's unknown buyer (X5) is a hospital missing from master data; the Mexican
layout's (X6) a Mexican manufacturer buying in USD.
"""

from __future__ import annotations

from samples.generator.plan import EA, EB, Job, P, S, T, job

BLIND4: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("nd_lawson_us", T, "C0014", lines=14),  # two pages
    job("nd_lawson_us", T, "X5", "unknown_customer", lines=4),
    job("nd_dynfo_gb", T, "C0001", lines=4, alias=1),
    job("nd_dynfo_gb", T, "C0011", "price_mismatch", lines=3),
    job("nd_zamowienie_pl", T, "C0002", lines=5),
    job("nd_zamowienie_pl", T, "C0010", "delivery_before_order", lines=3),
    job("nd_oc_mx", T, "X6", "unknown_customer", lines=4),
    job("nd_oc_mx", T, "C0014", lines=4),
    job("nd_kingdee_cn", T, "C0005", lines=5, alias=1),
    job("nd_kingdee_cn", T, "C0012", lines=3, alias=1),
    job("nd_webedi", T, "C0004", lines=4),
    job("nd_webedi", T, "C0007", "credit_limit", lines=3),
    # --- scans ---------------------------------------------------------------------------
    job("nd_lawson_us", S, "C0003", lines=3, variant="pdf300"),
    job("nd_dynfo_gb", S, "C0001", lines=3, variant="pdf200"),
    job("nd_zamowienie_pl", S, "C0002", lines=4, variant="png"),
    job("nd_kingdee_cn", S, "C0012", lines=4, variant="pdf300", alias=1),
    job("nd_webedi", S, "C0013", "subtotal_mismatch", lines=3, variant="pdf200"),
    # --- phone photos --------------------------------------------------------------------
    job("nd_oc_mx", P, "C0014", lines=3),
    job("nd_kingdee_cn", P, "C0005", lines=3, alias=1),
    job("nd_lawson_us", P, "C0009", lines=3),
    # --- orders typed in the e-mail body -------------------------------------------------
    job("nd_mail_bullets", EB, "C0001", lines=3, variant="nodate", alias=2),
    job("nd_mail_forward", EB, "C0014", lines=3),
    job("nd_mail_reply", EB, "C0004", lines=3, variant="nodate"),
    job("nd_mail_tsv", EB, "C0002", "unknown_sku", lines=4),
    # --- e-mails with the order attached -------------------------------------------------
    job("nd_dynfo_gb", EA, "C0011", lines=3),
    job("nd_webedi", EA, "C0007", lines=3, variant="terms"),
)

# Appended last so that the documents above keep their names and seeds.
BLIND4 += (
    job("nd_epicor_ca", T, "C0015", lines=5),
    job("nd_epicor_ca", T, "C0006", "total_mismatch", lines=3),
)
