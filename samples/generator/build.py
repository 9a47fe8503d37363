"""Write the corpus: master data, every planned document with its truth file, bad inputs."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from samples.generator import plan
from samples.generator.bad import write_bad
from samples.generator.content import Order
from samples.generator.kinds import PRODUCERS
from samples.generator.layouts import REGISTRY
from samples.generator.master import write_master
from samples.generator.readme import describe, write_readme
from samples.generator.truth import order_truth, write_truth


def write_set(folder: Path, jobs: tuple[plan.Job, ...], prefix: str) -> list[tuple[str, str]]:
    """Generate every job of one set into `folder` as `<layout>-<kind>-<nn>.<ext>`."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    counts: Counter[tuple[str, str]] = Counter()
    written = []
    for index, job in enumerate(jobs):
        if job.kind not in PRODUCERS or not _known_layout(job.layout):
            continue
        features, render = _layout(job.layout)
        order = plan.build_order(jobs, index, features, prefix)
        rng = random.Random(f"{prefix}/{index}/{job.kind}/{job.variant}")
        ext, data = PRODUCERS[job.kind](order, job, render, rng)
        counts[(job.layout, job.kind)] += 1
        path = folder / f"{job.layout}-{job.kind}-{counts[(job.layout, job.kind)]:02d}.{ext}"
        path.write_bytes(data)
        write_truth(path, order_truth(order, expected_rules=job.expected_rules,
                                      kind=job.kind, layout=job.layout))  # fmt: skip
        text = describe(job, order.buyer.name, order.buyer.country, order.buyer.currency)
        written.append((f"{folder.name}/{path.name}", text))
    return written


def _known_layout(layout_id: str) -> bool:
    from samples.generator import email_build

    return layout_id in REGISTRY or layout_id in email_build.BODY_LAYOUTS


def _layout(layout_id: str) -> tuple[plan.Features, Callable[[Order], bytes]]:
    from samples.generator import email_build

    if layout_id in email_build.BODY_LAYOUTS:
        return email_build.BODY_LAYOUTS[layout_id], email_build.no_pdf
    spec = REGISTRY[layout_id]
    return spec.features, spec.render


def generate(out: Path) -> None:
    """Regenerate everything under `out` (normally `samples/`)."""
    write_master(out / "master")
    rows = write_set(out / "corpus", plan.CORPUS, "corpus")
    rows += write_set(out / "holdout", plan.HOLDOUT, "holdout")
    write_bad(out / "bad")
    write_readme(out / "README.md", rows)
