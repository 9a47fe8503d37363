"""The sixth blind set's documents: which layout, input kind, buyer and review case each is.

Eight of twenty-eight are review cases, spread over text PDFs, scans, a phone photo and an
e-mail. The Czech layout's unknown buyer (X9) is a Vysočina engineering works, the Turkish
layout's (X10) an İzmir machine builder; both buy in euros and neither is in master data.
"""

from __future__ import annotations

from samples.generator.plan import EA, EB, Job, P, S, T, job

BLIND6: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("nf_coupa_us", T, "C0014", lines=14),  # two pages
    job("nf_coupa_us", T, "C0003", "price_mismatch", lines=4),
    job("nf_coupa_us", T, "C0009", "credit_limit", lines=3),
    job("nf_xero_gb", T, "C0001", lines=4),
    job("nf_xero_gb", T, "C0011", lines=5),
    job("nf_objednavka_cz", T, "C0002", lines=4),
    job("nf_objednavka_cz", T, "X9", "unknown_customer", lines=3),
    job("nf_indkob_dk", T, "C0007", lines=4),
    job("nf_indkob_dk", T, "C0013", lines=3),
    job("nf_siparis_tr", T, "C0010", lines=4),
    job("nf_siparis_tr", T, "C0002", "subtotal_mismatch", lines=3),
    job("nf_po_sg", T, "C0014", lines=4),
    job("nf_po_sg", T, "C0009", lines=3),
    job("nf_sheet_ca", T, "C0015", lines=5),
    # --- scans ---------------------------------------------------------------------------
    job("nf_xero_gb", S, "C0011", lines=3, variant="pdf300"),
    job("nf_objednavka_cz", S, "C0010", lines=3, variant="pdf200"),
    job("nf_po_sg", S, "C0014", "unknown_sku", lines=3, variant="pdf200"),
    job("nf_siparis_tr", S, "X10", "unknown_customer", lines=3, variant="pdf300"),
    job("nf_sheet_ca", S, "C0006", lines=3, variant="png"),
    # --- phone photos --------------------------------------------------------------------
    job("nf_indkob_dk", P, "C0007", lines=3),
    job("nf_sheet_ca", P, "C0015", "total_mismatch", lines=3),
    job("nf_coupa_us", P, "C0003", lines=3),
    # --- orders typed in the e-mail body -------------------------------------------------
    job("nf_mail_outlook", EB, "C0014", lines=3),
    job("nf_mail_stk", EB, "C0002", "delivery_before_order", lines=3),
    job("nf_mail_again", EB, "C0011", lines=3, variant="nodate"),
    job("nf_mail_disclaimer", EB, "C0003", lines=3),
    # --- e-mails with the order attached -------------------------------------------------
    job("nf_objednavka_cz", EA, "C0002", lines=3),
    job("nf_xero_gb", EA, "C0001", lines=3, variant="logo"),
)
