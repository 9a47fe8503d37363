"""The seventh blind set's documents: which layout, input kind, buyer and review case each is.

Six of twenty are review cases, spread over text PDFs, an e-mail body and an e-mail
attachment. Text PDFs and e-mails only (the sample folder is near its size budget). The
Austrian layout's unknown buyer (X11) is a Graz conveyor maker buying in euros; it is not in
master data.
"""

from __future__ import annotations

from samples.generator.plan import EA, EB, Job, T, job

BLIND7: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("ng_workday_us", T, "C0014", lines=14),  # two pages
    job("ng_workday_us", T, "C0009", "credit_limit", lines=3),
    job("ng_sapbone_at", T, "C0002", lines=5),
    job("ng_sapbone_at", T, "X11", "unknown_customer", lines=3),
    job("ng_sage_be", T, "C0013", lines=4),
    job("ng_sage_be", T, "C0007", "price_mismatch", lines=4),
    job("ng_oc_ar", T, "C0014", lines=4),
    job("ng_oc_ar", T, "C0003", lines=3),
    job("ng_yonyou_cn", T, "C0005", lines=5, alias=1),
    job("ng_yonyou_cn", T, "C0012", lines=3, alias=1),
    job("ng_builders_ni", T, "C0011", lines=10),
    job("ng_builders_ni", T, "C0001", "total_mismatch", lines=3),
    job("ng_shop_ca", T, "C0015", lines=4),
    job("ng_shop_ca", T, "C0006", lines=3),
    # --- orders typed in the e-mail body -------------------------------------------------
    job("ng_mail_numbered", EB, "C0014", lines=3),
    job("ng_mail_livrer", EB, "C0013", "delivery_before_order", lines=3),
    job("ng_mail_cotizacion", EB, "C0002", lines=3),
    job("ng_mail_skulines", EB, "C0011", lines=4, variant="nodate"),
    # --- e-mails with the order attached -------------------------------------------------
    job("ng_sage_be", EA, "C0004", lines=3),
    job("ng_workday_us", EA, "C0003", "unknown_sku", lines=3, variant="logo"),
)
