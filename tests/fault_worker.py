"""A real poflow process for the fault tests: `worker` or `watch`, settings from the environment.

    python tests/fault_worker.py worker [--sleep S] [--fake]
    python tests/fault_worker.py watch  [--sleep S] [--fake]

`--sleep` waits before each extraction (so a test can kill the process mid-document);
`--fake` replaces extraction at the pipeline's seam with an instant empty order (the
500-files test measures intake, not OCR). Everything else is the production code path.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.pipeline import ExtractFn, _real_extract
from flows.service import watch, work
from poflow.domain import ExtractedOrder, ExtractionContext
from poflow.settings import load_settings


def extractor(sleep: float, fake: bool) -> ExtractFn:
    real = _real_extract()

    def extract(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
        time.sleep(sleep)
        return ExtractedOrder() if fake else real(data, name, context)

    return extract


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=("worker", "watch"))
    parser.add_argument("--sleep", type=float, default=0.0)
    parser.add_argument("--fake", action="store_true")
    args = parser.parse_args()
    settings = load_settings()
    extract = extractor(args.sleep, args.fake)
    if args.role == "worker":
        return work(settings, extract=extract)
    return watch(settings, extract=extract)


if __name__ == "__main__":
    sys.exit(main())
