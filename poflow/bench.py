"""`poflow bench WHAT DIR`: speed benchmarks that print figures (never timed tests)."""

from __future__ import annotations

from pathlib import Path

from poflow.settings import Settings


def run_bench(what: str, directory: Path, settings: Settings, *, limit: int | None = None) -> int:
    if what == "review":
        from poflow.benchmarks.review import bench_review

        return bench_review(settings)
    if what == "intake":
        from poflow.benchmarks.intake import bench_intake

        return bench_intake(directory, settings, limit=limit)
    if what == "extract":
        from poflow.benchmarks.extract import bench_extract

        return bench_extract(directory, settings, limit=limit)
    from poflow.benchmarks.process import bench_process

    return bench_process(directory, settings, limit=limit)
