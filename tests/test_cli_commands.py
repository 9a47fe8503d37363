"""The real `poflow` command line in a subprocess: help, bad inputs, later commands, contract JSON.

Bad inputs must end with exit code 3 and exactly one line on stderr that names the file and
says why, never a traceback, and the file must be left as it was (contract §1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from poflow.cli import build_parser
from poflow.errors import NotYetAvailable
from tests.test_scoreboard_eval import TRUTH, write_po_pdf

SHARED = Path(__file__).resolve().parents[2] / "shared"
ORDER_SCHEMA = SHARED / "contract" / "order.schema.json"


def poflow(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POFLOW_HOME": str(home), "OMP_THREAD_LIMIT": "1"}
    env.pop("POFLOW_DATABASE_URL", None)
    env.pop("POFLOW_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "poflow.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- bad inputs -----------------------------------------------------------------------


def _empty(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def _truncated(folder: Path) -> Path:
    whole = write_po_pdf(folder / "whole.pdf").read_bytes()
    path = folder / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    return path


def _encrypted(folder: Path) -> Path:
    if shutil.which("qpdf") is None:
        pytest.fail("qpdf is needed to make an encrypted PDF (apt-get install qpdf)")
    plain = write_po_pdf(folder / "plain.pdf")
    path = folder / "encrypted.pdf"
    subprocess.run(
        ["qpdf", "--encrypt", "u", "o", "256", "--", str(plain), str(path)],
        check=True,
        capture_output=True,
    )
    return path


def _random_bytes(folder: Path) -> Path:
    path = folder / "random.pdf"
    path.write_bytes(os.urandom(8192))
    return path


def _zip(folder: Path) -> Path:
    path = folder / "orders.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("po.txt", "PO 123, 10 x AX-1000")
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, r"empty|0 bytes"),
    "truncated": (_truncated, r"corrupt|damaged|truncated|cannot|broken|invalid|error"),
    "encrypted": (_encrypted, r"encrypt|password"),
    "random_bytes": (_random_bytes, r"not a|unsupported|unknown|corrupt|cannot"),
    "zip": (_zip, r"not a|unsupported|unknown"),
}


def assert_one_clear_line(done: subprocess.CompletedProcess[str], name: str, reason: str) -> None:
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert name in lines[0], lines[0]
    assert re.search(reason, lines[0], re.IGNORECASE), lines[0]


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_extract_of_a_bad_input_exits_3_with_one_line(case: str, tmp_path: Path) -> None:
    make, reason = BAD_INPUTS[case]
    path = make(tmp_path)
    before = sha256(path)
    done = poflow("extract", str(path), home=tmp_path / "var")
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert_one_clear_line(done, path.name, reason)
    assert path.is_file() and sha256(path) == before, "a bad input must be left as it was"
    assert done.stdout == ""


def test_extract_of_a_missing_file_exits_3_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "po-404.pdf"
    done = poflow("extract", "--json", str(path), home=tmp_path / "var")
    assert done.returncode == 3
    assert_one_clear_line(done, "po-404.pdf", r"no such file|not found|missing|does not exist")


def test_extract_writes_nothing(tmp_path: Path) -> None:
    pdf = write_po_pdf(tmp_path / "po.pdf")
    home = tmp_path / "var"
    done = poflow("extract", str(pdf), home=home)
    assert done.returncode == 0, done.stderr
    assert not home.exists() or not any(home.rglob("*")), "extract must not write anything"


def test_process_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    bad = _random_bytes(tmp_path)
    good = write_po_pdf(tmp_path / "po.pdf")
    before = sha256(bad)
    done = poflow("process", "--json", str(bad), str(good), home=tmp_path / "var")
    assert "Traceback" not in done.stdout + done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [r["status"] for r in results][:1] == ["failed"], done.stdout + done.stderr
    assert len(results) == 2
    assert results[0]["file"] == str(bad) and results[0]["reasons"]
    assert results[1]["status"] in ("approved", "needs_review")
    assert sha256(bad) == before


# --- usage ----------------------------------------------------------------------------


def test_a_pdf_with_flawed_fonts_is_read_without_pdfminer_warnings(tmp_path: Path) -> None:
    # Its Japanese font has no FontBBox: pdfminer warned once per glyph.
    sample = Path(__file__).resolve().parents[1] / "samples/blind5/ne_chumon_jp-text_pdf-01.pdf"
    done = poflow("extract", str(sample), home=tmp_path)
    assert done.returncode == 0
    assert done.stderr == ""


def test_help_lists_the_commands(tmp_path: Path) -> None:
    done = poflow("--help", home=tmp_path / "var")
    assert done.returncode == 0
    for command in ("extract", "process", "master", "watch", "mail", "serve", "eval"):
        assert command in done.stdout


def test_an_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    done = poflow("frobnicate", home=tmp_path / "var")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def _later_commands() -> list[str]:
    """Commands still wired to the 'not available yet' placeholder of poflow.cli."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = []
    for name, command in sub.choices.items():
        run = command.get_default("run")
        if run is not None and "_later" in getattr(run, "__qualname__", ""):
            found.append(name)
    return found


def test_a_command_of_a_later_issue_exits_2_with_a_clear_line(tmp_path: Path) -> None:
    later = _later_commands()
    if not later:
        pytest.skip("every command is available now")
    done = poflow(later[0], home=tmp_path / "var", timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and later[0] in lines[0] and "not available" in lines[0]


def test_a_command_not_available_yet_is_a_usage_error_at_the_boundary() -> None:
    """The placeholder of later commands, whether or not any command still uses it."""
    import poflow.cli as cli

    parser = cli.build_parser()
    args = parser.parse_args(["extract", "x.pdf"])
    args.run, args.command = cli._later("issue #99"), "teleport"
    with pytest.raises(NotYetAvailable) as raised:
        args.run(args)
    assert raised.value.exit_code == 2
    assert "'poflow teleport' is not available yet (issue #99)" in str(raised.value)


# --- the order object (contract §2) ----------------------------------------------------


def test_extract_json_validates_against_the_contract_schema(tmp_path: Path) -> None:
    if not ORDER_SCHEMA.is_file():
        pytest.skip(f"{ORDER_SCHEMA} is not beside the clone")
    import jsonschema

    pdf = write_po_pdf(tmp_path / "po.pdf")
    done = poflow("extract", "--json", str(pdf), home=tmp_path / "var")
    assert done.returncode == 0, done.stderr
    order = json.loads(done.stdout)
    jsonschema.validate(order, json.loads(ORDER_SCHEMA.read_text(encoding="utf-8")))
    assert order["po_number"] == TRUTH["po_number"]
    assert len(order["lines"]) == len(TRUTH["lines"])
    for path, evidence in order["evidence"].items():
        assert path in order or path.startswith("lines["), path
        assert 0.0 <= evidence["confidence"] <= 1.0
