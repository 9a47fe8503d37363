"""Which documents make up the corpus, the hold-out set, and what each one exercises.

A `Job` names a layout, an input kind, a buyer and a review case; `build_order` turns it
into the printed order, seeded by the job's position so regeneration is deterministic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from samples.generator.content import Features, Order, apply_case, make_order, money, with_lines
from samples.generator.master import UNKNOWN_CUSTOMERS, Customer, customer

CLEAN = "clean"


@dataclass(frozen=True)
class Job:
    layout: str
    kind: str  # text_pdf, scan, photo, email_body, email_attachment
    buyer: str  # customer id, or "X1"/"X2" for a buyer missing from master data
    case: str = CLEAN  # a contract §5 rule id, or "clean"
    lines: int = 4
    variant: str = ""  # scan: pdf300/pdf200/png/tiff/jpeg; e-mail: terms/logo/scan/nodate
    alias: int = 0  # 0 prints the official name, k prints alias k-1
    revises: bool = False  # duplicate_po: a revised re-send of the job just before it
    printed_name: str = ""  # a name variant that is neither name nor alias (matched by domain)

    @property
    def expected_rules(self) -> list[str]:
        return [] if self.case == CLEAN else [self.case]


def job(layout: str, kind: str, buyer: str, case: str = CLEAN, **kw: int | str | bool) -> Job:
    return Job(layout, kind, buyer, case, **kw)  # type: ignore[arg-type]


T, S, P, EB, EA = "text_pdf", "scan", "photo", "email_body", "email_attachment"

CORPUS: tuple[Job, ...] = (
    # --- text PDFs -------------------------------------------------------------------
    job("us_classic", T, "C0003", lines=4),
    job("us_classic", T, "C0014", lines=14),  # two pages, header repeated
    job("us_classic", T, "C0009", "credit_limit", lines=3),
    job("us_classic", T, "C0014", lines=5, alias=1),
    job("us_compact", T, "C0014", lines=5),
    job("us_compact", T, "C0003", "line_arithmetic", lines=4),
    job("ca_minimal", T, "C0006", lines=3),
    job("ca_minimal", T, "C0015", "total_mismatch", lines=4),
    job("gb_grid", T, "C0001", lines=5),
    job("gb_grid", T, "C0011", "currency_mismatch", lines=3),
    job("gb_grid", T, "C0001", lines=4, alias=1),
    job("gb_grid", T, "X1", "unknown_customer", lines=3),
    job("de_bestellung", T, "C0002", lines=6),
    job("de_bestellung", T, "C0010", lines=13),  # two pages
    job("de_bestellung", T, "C0002", "price_mismatch", lines=4),
    job("de_bestellung", T, "C0010", "missing_field", lines=3),
    job("fr_bon", T, "C0004", lines=4),
    job("fr_bon", T, "C0013", "delivery_before_order", lines=3),
    job("fr_bon", T, "C0004", lines=3),
    job("fr_bon", T, "C0004", "duplicate_po", lines=3, revises=True),
    job("nl_sidebar", T, "C0007", lines=5),
    job("nl_sidebar", T, "C0007", "unknown_sku", lines=4),
    job("ch_bilingual", T, "C0008", lines=4),
    job("ch_bilingual", T, "C0016", "subtotal_mismatch", lines=5),
    job("cn_bilingual", T, "C0005", lines=5, alias=1),
    job("cn_bilingual", T, "C0012", lines=4, alias=1),
    # --- scans -------------------------------------------------------------------------
    job("us_classic", S, "C0003", lines=4, variant="pdf300"),
    job("us_classic", S, "C0014", lines=14, variant="pdf200"),  # two scanned pages
    job("us_compact", S, "C0009", lines=3, variant="pdf200"),
    job("ca_minimal", S, "C0006", lines=4, variant="png"),
    job("gb_grid", S, "C0011", lines=4, variant="pdf300"),
    job("gb_grid", S, "C0001", lines=3, variant="tiff"),
    job("gb_grid", S, "C0001", "delivery_before_order", lines=3, variant="pdf300"),
    job("de_bestellung", S, "C0002", lines=5, variant="pdf300"),
    job("de_bestellung", S, "C0010", lines=4, variant="pdf200"),
    job("de_bestellung", S, "C0002", lines=3, variant="jpeg"),
    job("fr_bon", S, "C0013", lines=4, variant="jpeg"),
    job("nl_sidebar", S, "C0007", lines=4, variant="pdf300"),
    job("ch_bilingual", S, "C0008", "price_mismatch", lines=3, variant="pdf200"),
    job("cn_bilingual", S, "C0005", lines=4, variant="pdf300", alias=1),
    job("cn_bilingual", S, "C0012", lines=3, variant="png", alias=1),
    # --- phone photos ------------------------------------------------------------------
    job("us_classic", P, "C0003", lines=3),
    job("us_compact", P, "C0014", "low_confidence", lines=3, variant="smudge"),
    job("gb_grid", P, "C0011", lines=3),
    job("de_bestellung", P, "C0002", lines=3),
    job("fr_bon", P, "C0004", lines=3),
    job("ca_minimal", P, "C0015", lines=3),
    job("nl_sidebar", P, "C0007", lines=3),
    job("cn_bilingual", P, "C0005", lines=3, alias=1),
    # --- orders typed in the e-mail body -------------------------------------------------
    job("mail_plain", EB, "C0001", lines=3),
    job("mail_plain", EB, "C0003", lines=2, variant="nodate"),
    job("mail_plain", EB, "C0008", lines=3),
    job("mail_plain", EB, "X2", "unknown_customer", lines=2),
    job("mail_plain", EB, "C0004", lines=2, variant="nodate"),
    job("mail_table", EB, "C0002", lines=4),
    job("mail_table", EB, "C0014", lines=3, variant="nodate"),
    job("mail_table", EB, "C0006", lines=3),
    # --- e-mails with the order attached -------------------------------------------------
    job("de_bestellung", EA, "C0010", lines=4),
    job("us_classic", EA, "C0014", lines=3, variant="terms"),
    job("us_classic", EA, "C0003", lines=3),
    job("us_classic", EA, "C0003", "duplicate_po", lines=3, revises=True),
    job("gb_grid", EA, "C0001", lines=4, variant="logo"),
    job("cn_bilingual", EA, "C0012", lines=3, alias=1),
    job("fr_bon", EA, "C0013", lines=3, variant="scan"),
    job("ch_bilingual", EA, "C0008", lines=3, variant="terms"),
    job("ca_minimal", EA, "C0015", lines=4),
    job("nl_sidebar", EA, "C0007", lines=3, variant="logo"),
)

# Appended last so that adding them renames and re-seeds nothing above.
CORPUS += (
    job("mail_plain", EB, "C0003", lines=3, printed_name="HVF Inc."),
    job("de_bestellung", S, "C0002", lines=13, variant="tiff"),  # two-page fax-style TIFF
    job("gb_grid", EA, "C0011", lines=3, variant="photo"),  # the attachment is a phone photo
    job("ch_bilingual", T, "C0008", "unknown_sku", lines=3),
    job("fr_bon", S, "C0004", "low_confidence", lines=3, variant="smudge200"),
)

HOLDOUT: tuple[Job, ...] = (
    job("ho_letter", T, "C0011", lines=3),
    job("ho_letter", S, "C0003", lines=3, variant="pdf300"),
    job("ho_letter", P, "C0001", lines=2),
    job("ho_letter", EA, "C0014", lines=3),
    job("ho_ledger", T, "C0002", lines=4),
    job("ho_ledger", T, "C0013", "price_mismatch", lines=3),
    job("ho_ledger", S, "C0007", lines=3, variant="png"),
    job("ho_ledger", T, "C0016", lines=4),
    job("ho_mail_de", EB, "C0002", lines=3),
    job("ho_mail_de", EB, "C0010", lines=2, variant="nodate"),
)

# Appended last so that the documents above keep their names and seeds.
HOLDOUT += (
    job("ho_erp", T, "C0002", lines=5),
    job("ho_erp", S, "C0010", lines=4, variant="pdf300"),
    job("ho_erp", T, "C0003", "unknown_sku", lines=3),
    job("ho_erp", EA, "C0008", lines=3),
    job("ho_portal", T, "C0014", lines=4),
    job("ho_portal", P, "C0003", lines=3),
    job("ho_portal", S, "C0001", lines=4, variant="pdf200"),
    job("ho_portal", T, "C0009", "total_mismatch", lines=3),
    job("ho_sheet", T, "C0011", lines=5),
    job("ho_sheet", T, "C0007", lines=4),
    job("ho_sheet", S, "C0003", lines=3, variant="pdf300"),
    job("ho_smallbiz", T, "C0006", lines=3),
    job("ho_smallbiz", P, "C0015", lines=3),
    job("ho_smallbiz", T, "C0003", "delivery_before_order", lines=3),
    job("ho_fr_ca", T, "C0015", lines=4),
    job("ho_fr_ca", S, "C0006", lines=3, variant="png"),
    job("ho_fr_ca", T, "C0006", "subtotal_mismatch", lines=3),
    job("ho_blocks", T, "C0008", lines=4),
    job("ho_blocks", S, "C0016", lines=3, variant="pdf200"),
    job("ho_blocks", T, "C0002", lines=5),
)


def _buyer(job: Job) -> tuple[Customer, str | None]:
    if job.buyer.startswith("X"):
        return UNKNOWN_CUSTOMERS[int(job.buyer[1:]) - 1], None
    found = customer(job.buyer)
    return found, found.customer_id


def _order_date(rng: random.Random) -> date:
    return date(2026, 1, 5) + timedelta(days=rng.randrange(170))


def _clean_order(job: Job, seed: str, features: Features) -> Order:
    """A clean order, re-drawn until it stays well inside the buyer's credit limit."""
    buyer, customer_id = _buyer(job)
    name = job.printed_name or (buyer.aliases[job.alias - 1] if job.alias else None)
    for attempt in range(50):
        rng = random.Random(f"{seed}/{attempt}")
        order = make_order(rng, buyer, features, line_count=job.lines,
                           order_date=_order_date(rng), customer_id=customer_id,
                           name_variant=name)  # fmt: skip
        if buyer.credit_limit is None or order.total <= buyer.credit_limit * Decimal("0.6"):
            return order
    raise AssertionError(f"no order within credit for {job}")


def revise(order: Order) -> Order:
    """A revised re-send of an order: same buyer and PO number, one quantity changed."""
    lines = list(order.lines)
    first = lines[0]
    qty = first.quantity + (10 if first.unit_price < 20 else 1)
    lines[0] = replace(first, quantity=qty, amount=money(qty * first.unit_price))
    return with_lines(order, lines)


def build_order(jobs: tuple[Job, ...], index: int, features: Features, prefix: str) -> Order:
    """The printed order of `jobs[index]` (originals are rebuilt for `duplicate_po`)."""
    job = jobs[index]
    if job.revises:
        assert jobs[index - 1].buyer == job.buyer and jobs[index - 1].layout == job.layout
        original = build_order(jobs, index - 1, features, prefix)
        return revise(original)
    seed = f"{prefix}/{index}/{job.layout}/{job.kind}"
    order = _clean_order(job, seed, features)
    return apply_case(random.Random(seed + "/case"), order, job.case)
