"""Write the corpus: master data, every planned document with its truth file, bad inputs."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from samples.generator import (
    blind,
    blind2,
    blind3,
    blind4,
    blind5,
    blind6,
    blind7,
    blind8,
    email_build,
    plan,
)
from samples.generator.bad import write_bad
from samples.generator.blind.plan import BLIND
from samples.generator.blind2.plan import BLIND2
from samples.generator.blind3.plan import BLIND3
from samples.generator.blind4.plan import BLIND4
from samples.generator.blind5.plan import BLIND5
from samples.generator.blind6.plan import BLIND6
from samples.generator.blind7.plan import BLIND7
from samples.generator.blind8.plan import BLIND8
from samples.generator.content import Order
from samples.generator.kinds import PRODUCERS, extension
from samples.generator.layouts import REGISTRY
from samples.generator.master import write_master
from samples.generator.readme import describe, write_readme
from samples.generator.truth import order_truth, write_truth

# Every set of orders with truth: folder name under samples/ -> its planned jobs.
SETS: dict[str, tuple[plan.Job, ...]] = {
    "corpus": plan.CORPUS,
    "holdout": plan.HOLDOUT,
    "blind": BLIND,  # HTML printed by Chromium; studied after its first measurement
    "blind2": BLIND2,  # new HTML layouts, made 2026-11-27; studied after its first measurement
    "blind3": BLIND3,  # newer HTML layouts, made 2026-11-27; studied after its first measurement
    "blind4": BLIND4,  # with e-mails, made 2026-11-27; studied after its first measurement
    "blind5": BLIND5,  # newer still, made 2026-11-27: its first measurement is blind
    "blind6": BLIND6,  # made 2026-11-27; studied after its first measurement
    "blind7": BLIND7,  # made 2026-11-27 (no scans): its first measurement is blind
    "blind8": BLIND8,  # newest, made 2026-11-28 (no scans): its first measurement is blind
}


@dataclass(frozen=True)
class Planned:
    """One document of a set, decided but not yet drawn."""

    index: int
    job: plan.Job
    name: str  # <layout>-<kind>-<nn>.<ext>
    order: Order
    render: Callable[[Order], bytes]

    def truth(self) -> dict[str, Any]:
        job = self.job
        return order_truth(self.order, expected_rules=job.expected_rules, kind=job.kind,
                           layout=job.layout)  # fmt: skip


def planned(jobs: tuple[plan.Job, ...], prefix: str) -> Iterator[Planned]:
    """Every job of a set with its file name and printed order (cheap: nothing is drawn)."""
    counts: Counter[tuple[str, str]] = Counter()
    for index, job in enumerate(jobs):
        features, render = _layout(job.layout)
        if job.layout in blind8.LAYOUTS and job.variant in ("cancel", "change"):
            render = partial(blind8.render, blind8.LAYOUTS[job.layout], notice=job.variant)
        # A cancellation notice lists the earlier order it cancels, unchanged.
        source = index - 1 if job.variant == "cancel" else index
        order = plan.build_order(jobs, source, features, prefix)
        order = blind3.adapt(job.layout, blind2.renumber(job.layout, order))
        order = blind5.adapt(job.layout, blind4.adapt(job.layout, order))
        order = blind7.adapt(job.layout, blind6.adapt(job.layout, order))
        order = blind8.adapt(job.layout, order)
        counts[(job.layout, job.kind)] += 1
        name = f"{job.layout}-{job.kind}-{counts[(job.layout, job.kind)]:02d}.{extension(job)}"
        yield Planned(index, job, name, order, render)


def write_set(folder: Path, jobs: tuple[plan.Job, ...], prefix: str) -> list[tuple[str, str]]:
    """Generate every job of one set into `folder`; returns (file, what it exercises) rows."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rows = []
    for item in planned(jobs, prefix):
        job, order = item.job, item.order
        rng = random.Random(f"{prefix}/{item.index}/{job.kind}/{job.variant}")
        _, data = PRODUCERS[job.kind](order, job, item.render, rng)
        path = folder / item.name
        path.write_bytes(data)
        write_truth(path, item.truth())
        text = describe(job, order.buyer.name, order.buyer.country, order.buyer.currency)
        rows.append((f"{folder.name}/{path.name}", text))
    return rows


def _layout(layout_id: str) -> tuple[plan.Features, Callable[[Order], bytes]]:
    if layout_id in email_build.BODY_LAYOUTS:
        return email_build.BODY_LAYOUTS[layout_id], email_build.no_pdf
    for mails in (blind8.MAILS, blind7.MAILS, blind6.MAILS, blind5.MAILS, blind4.MAILS):
        if layout_id in mails:
            return mails[layout_id].features, email_build.no_pdf
    # Chromium-printed HTML layouts
    for printed in (blind8, blind7, blind6, blind5, blind4, blind3, blind2, blind):
        if layout_id in printed.LAYOUTS:
            html_spec = printed.LAYOUTS[layout_id]
            return html_spec.features, partial(printed.render, html_spec)
    spec = REGISTRY[layout_id]
    return spec.features, spec.render


def generate(out: Path) -> None:
    """Regenerate everything under `out` (normally `samples/`)."""
    write_master(out / "master")
    rows = [row for name, jobs in SETS.items() for row in write_set(out / name, jobs, name)]
    write_bad(out / "bad")
    write_readme(out / "README.md", rows, SETS)
