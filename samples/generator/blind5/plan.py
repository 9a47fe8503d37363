"""The fifth blind set's documents: which layout, input kind, buyer and review case each is.

Eight of twenty-eight are review cases, spread over text PDFs, scans and e-mails. The
Japanese layout's unknown buyer (X7) is an Osaka trading company buying in dollars, the
Brazilian layout's (X8) a São Paulo state metalworks; neither is in master data.
"""

from __future__ import annotations

from samples.generator.plan import EA, EB, Job, P, S, T, job

BLIND5: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("ne_oracle_us", T, "C0014", lines=14),  # two pages
    job("ne_oracle_us", T, "C0003", "price_mismatch", lines=4),
    job("ne_chumon_jp", T, "C0014", lines=4),
    job("ne_chumon_jp", T, "X7", "unknown_customer", lines=3),
    job("ne_inkop_se", T, "C0007", lines=5),
    job("ne_inkop_se", T, "C0002", lines=3),
    job("ne_pedido_br", T, "X8", "unknown_customer", lines=4),
    job("ne_pedido_br", T, "C0003", lines=3),
    job("ne_myob_au", T, "C0001", lines=4),
    job("ne_myob_au", T, "C0011", "total_mismatch", lines=3),
    job("ne_gst_in", T, "C0014", lines=5),
    job("ne_gst_in", T, "C0003", "subtotal_mismatch", lines=3),
    job("ne_qb_us", T, "C0009", "credit_limit", lines=3),
    job("ne_qb_us", T, "C0003", lines=4),
    # --- scans ---------------------------------------------------------------------------
    job("ne_oracle_us", S, "C0009", lines=3, variant="pdf300"),
    job("ne_inkop_se", S, "C0007", lines=4, variant="pdf200"),
    job("ne_gst_in", S, "C0014", lines=3, variant="png"),
    job("ne_myob_au", S, "C0001", "unknown_sku", lines=3, variant="pdf200"),
    job("ne_chumon_jp", S, "C0014", lines=3, variant="pdf300"),
    # --- phone photos --------------------------------------------------------------------
    job("ne_qb_us", P, "C0003", lines=3),
    job("ne_pedido_br", P, "C0009", lines=3),
    job("ne_myob_au", P, "C0011", lines=3),
    # --- orders typed in the e-mail body -------------------------------------------------
    job("ne_mail_sentence", EB, "C0003", lines=3),
    job("ne_mail_sentence", EB, "C0001", lines=2, variant="nodate"),
    job("ne_mail_iphone", EB, "C0014", lines=3, variant="nodate"),
    job("ne_mail_nl", EB, "C0007", "delivery_before_order", lines=3),
    # --- e-mails with the order attached -------------------------------------------------
    job("ne_inkop_se", EA, "C0002", lines=3),
    job("ne_qb_us", EA, "C0003", lines=3, variant="terms"),
)
