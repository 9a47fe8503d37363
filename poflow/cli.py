"""The `poflow` command line (contract §1).

This is the one boundary where `PoflowError`s become exit codes and one clear line on
stderr. Heavy libraries are imported inside the command functions, so that
`poflow extract` on a text PDF starts fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from poflow.errors import NotYetAvailable, PoflowError

if TYPE_CHECKING:
    from poflow.domain import ExtractedOrder
    from poflow.settings import Settings

log = logging.getLogger("poflow")


def _settings() -> Settings:
    from poflow.settings import load_settings

    return load_settings()


# --- commands -------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    from poflow.app import extract_path

    order = extract_path(Path(args.file), _settings())
    if args.json:
        print(json.dumps(order.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_order_summary(order)
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    from poflow.app import process_paths, result_line

    for path, verdict in process_paths([Path(p) for p in args.files], _settings()):
        line = result_line(path, verdict)
        if args.json:
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:
            reasons = "; ".join(r["message"] for r in line["reasons"])
            print(
                f"{line['status']:<13} {path}" + (f"  ({reasons})" if reasons else ""), flush=True
            )
    return 0


def cmd_master_import(args: argparse.Namespace) -> int:
    from poflow.app import import_master_data

    if not args.customers and not args.products:
        raise _usage("master import: give --customers CSV and/or --products CSV")
    summary = import_master_data(
        _settings(),
        customers=Path(args.customers) if args.customers else None,
        products=Path(args.products) if args.products else None,
    )
    print(summary)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from poflow.scoreboard import run_eval

    return run_eval(Path(args.dir), _settings(), process=args.process, as_json=args.json)


def cmd_bench(args: argparse.Namespace) -> int:
    from poflow.bench import run_bench

    return run_bench(args.what, Path(args.dir), _settings(), limit=args.limit)


def cmd_rules_backtest(args: argparse.Namespace) -> int:
    from rules.backtest import run_backtest

    return run_backtest(
        _settings(),
        threshold=args.threshold,
        rules_file=Path(args.rules_file) if args.rules_file else None,
    )


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from poflow.app import upgrade_database

    print(upgrade_database(_settings()))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from flows.service import watch

    overrides: dict[str, object] = {"watch_dir": Path(args.dir)} if args.dir else {}
    return watch(_settings_with(overrides), intake_only=args.intake_only)


def cmd_mail(args: argparse.Namespace) -> int:
    from flows.service import mail

    return mail(_settings(), once=args.once, intake_only=args.intake_only)


def cmd_worker(args: argparse.Namespace) -> int:
    from flows.service import work

    return work(_settings())


def cmd_run(args: argparse.Namespace) -> int:
    from flows.service import run

    return run(_settings(), workers=args.workers)


def _settings_with(overrides: dict[str, object]) -> Settings:
    from poflow.settings import load_settings

    return load_settings(**overrides)


def _later(issue: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        raise NotYetAvailable(f"'poflow {args.command}' is not available yet ({issue})")

    return run


# --- parser ---------------------------------------------------------------------------


class _UsageError(PoflowError):
    exit_code = 2


def _usage(message: str) -> _UsageError:
    return _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="poflow", description="Purchase orders in, sales orders out."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "extract", help="OCR + field extraction of one document (no database writes)"
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the order object (contract §2)")
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("process", help="the whole pipeline: intake, extraction, rules, routing")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="one result line per file (contract §3)")
    p.set_defaults(run=cmd_process)

    p = sub.add_parser("master", help="master data")
    msub = p.add_subparsers(dest="master_command", required=True, metavar="ACTION")
    m = msub.add_parser("import", help="load or update customers and products (idempotent)")
    m.add_argument("--customers", metavar="CSV")
    m.add_argument("--products", metavar="CSV")
    m.set_defaults(run=cmd_master_import)

    p = sub.add_parser(
        "eval", help="scoreboard: extraction (and --process: routing) against truth files"
    )
    p.add_argument("dir")
    p.add_argument(
        "--process", action="store_true", help="run the whole pipeline into a throw-away database"
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("bench", help="speed benchmarks that print figures")
    p.add_argument("what", choices=["extract", "process", "intake", "review"])
    p.add_argument("dir", nargs="?", default="samples")
    p.add_argument("--limit", type=int, default=None, help="at most this many documents")
    p.set_defaults(run=cmd_bench)

    p = sub.add_parser("rules", help="validation rules")
    rsub = p.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    r = rsub.add_parser(
        "backtest", help="replay stored documents with candidate thresholds or rules"
    )
    r.add_argument("--threshold", type=float, default=None, help="candidate confidence threshold")
    r.add_argument("--rules-file", default=None, help="candidate YAML rules file")
    r.set_defaults(run=cmd_rules_backtest)

    p = sub.add_parser("db", help="database")
    dsub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    d = dsub.add_parser("upgrade", help="create or migrate the database to the newest schema")
    d.set_defaults(run=cmd_db_upgrade)

    intake_only = "only store new documents; `poflow worker` processes decide them"
    p = sub.add_parser("watch", help="watched-folder intake until stopped")
    p.add_argument("dir", nargs="?", help="the folder (default $POFLOW_WATCH_DIR)")
    p.add_argument("--intake-only", action="store_true", help=intake_only)
    p.set_defaults(run=cmd_watch)
    p = sub.add_parser("mail", help="fetch purchase orders from an IMAP mailbox")
    p.add_argument("--once", action="store_true", help="one poll, then exit")
    p.add_argument("--intake-only", action="store_true", help=intake_only)
    p.set_defaults(run=cmd_mail)
    from review_queue.commands import add_commands  # serve, users add, tokens add (issue #6)

    add_commands(sub)
    p = sub.add_parser("run", help="the whole service: Prefect, intake, workers, web app")
    p.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    p.set_defaults(run=cmd_run)
    p = sub.add_parser("worker", help="a worker: claims documents and runs their flows")
    p.set_defaults(run=cmd_worker)
    return parser


def _print_order_summary(order: ExtractedOrder) -> None:
    data = order.to_json()
    for key, value in data.items():
        if key in ("lines", "evidence"):
            continue
        print(f"{key:>14}: {value if value is not None else '-'}")
    for line in data["lines"]:
        print(
            f"  {line['line_no']:>3}  {line['sku'] or '-':<14} {line['quantity'] or '-':>8} "
            f"{line['unit'] or '':<4} x {line['unit_price'] or '-':>10} "
            f"= {line['amount'] or '-':>11}  {(line['description'] or '')[:40]}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # pdfminer warns about flaws in a PDF's fonts (no FontBBox, …) that cost poflow nothing
    # and that no user can mend: a line per glyph drowned the log on some Japanese orders.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return int(args.run(args))
    except PoflowError as exc:
        print(f"poflow: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("poflow: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last boundary: a bug, said in one line unless debugging
        if os.environ.get("POFLOW_DEBUG"):
            traceback.print_exc()
        print(f"poflow: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
