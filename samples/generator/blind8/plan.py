"""The eighth blind set's documents: which layout, input kind, buyer and review case each is.

Six of twenty-three are review cases (one a price above list in an e-mail body). Three
repeat an earlier PO number of the same buyer and so are `duplicate_po` (the contract has no
rule of its own for them): a revised re-send, a change order ('Change Order No. 1 to PO
...', variant `change`, the revised lines) and a cancellation notice (variant `cancel`,
listing the cancelled order's lines unchanged). The unknown buyer (X5) is a US medical
centre not in master data.
"""

from __future__ import annotations

from samples.generator.plan import EA, EB, Job, T, job

BLIND8: tuple[Job, ...] = (
    # --- text PDFs ---------------------------------------------------------------------
    job("nh_acumatica_us", T, "C0014", lines=14),  # two pages, header repeated
    job("nh_acumatica_us", T, "C0003", lines=4),
    job("nh_acumatica_us", T, "C0003", "duplicate_po", lines=4, revises=True, variant="change"),
    job("nh_ifs_fi", T, "C0002", lines=5),
    job("nh_ifs_fi", T, "C0010", lines=3),
    job("nh_phc_pt", T, "C0004", lines=4),
    job("nh_phc_pt", T, "C0013", lines=3),
    job("nh_phc_pt", T, "C0013", "duplicate_po", lines=3, variant="cancel"),
    job("nh_balju_kr", T, "C0014", lines=4),
    job("nh_balju_kr", T, "C0003", lines=3),
    job("nh_gov_us", T, "C0003", lines=5),
    job("nh_gov_us", T, "X5", "unknown_customer", lines=3),
    job("nh_abacus_ch", T, "C0008", lines=4),
    job("nh_abacus_ch", T, "C0016", "total_mismatch", lines=3),
    job("nh_sheet_gb", T, "C0011", lines=4),
    job("nh_sheet_gb", T, "C0011", "duplicate_po", lines=4, revises=True),
    # --- orders typed in the e-mail body -------------------------------------------------
    job("nh_mail_reply", EB, "C0014", lines=3),
    job("nh_mail_italiano", EB, "C0002", lines=3),
    job("nh_mail_pipes", EB, "C0015", "price_mismatch", lines=4),
    job("nh_mail_atprice", EB, "C0001", lines=3, variant="nodate"),
    job("nh_mail_betreff", EB, "C0010", lines=3),
    # --- e-mails with the order attached -------------------------------------------------
    job("nh_ifs_fi", EA, "C0010", lines=3),
    job("nh_balju_kr", EA, "C0014", lines=3),
)
