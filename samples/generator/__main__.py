"""`python -m samples.generator --out samples` regenerates the committed corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from samples.generator.build import generate


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the poflow sample corpus.")
    parser.add_argument("--out", type=Path, default=Path("samples"))
    generate(parser.parse_args().out)


if __name__ == "__main__":
    main()
