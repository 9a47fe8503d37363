"""The sample corpus is a product: every file has a truth file, truths follow the contract,
clean orders are really clean, and every rule of contract §5 has a review case."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date
from decimal import Decimal
from email import message_from_bytes
from email.message import Message
from email.policy import default
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
# blind*: printed by Chromium
SETS = ("corpus", "holdout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7",
        "blind8")  # fmt: skip
RULES = {
    "missing_field", "unknown_customer", "unknown_sku", "price_mismatch", "line_arithmetic",
    "subtotal_mismatch", "total_mismatch", "currency_mismatch", "credit_limit",
    "delivery_before_order", "duplicate_po", "low_confidence",
}  # fmt: skip
KINDS = {"text_pdf", "scan", "photo", "email_body", "email_attachment", "structured"}
NAME = re.compile(r"^(?P<layout>[a-z_]+)-(?P<kind>[a-z_]+)-(?P<nn>\d{2})\.(?P<ext>\w+)$")


def _documents(folder: str) -> list[Path]:
    return sorted(p for p in (SAMPLES / folder).iterdir() if not p.name.endswith(".truth.json"))


def _truth_path(document: Path) -> Path:
    return document.with_name(document.name.rsplit(".", 1)[0] + ".truth.json")


def _truth(document: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_truth_path(document).read_text(encoding="utf-8"))
    return data


ORDER_DOCS = [p for folder in SETS for p in _documents(folder)]
ORDER_IDS = [f"{p.parent.name}/{p.name}" for p in ORDER_DOCS]


def _master() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    with (SAMPLES / "master" / "customers.csv").open(encoding="utf-8") as fh:
        customers = {row["customer_id"]: row for row in csv.DictReader(fh)}
    with (SAMPLES / "master" / "products.csv").open(encoding="utf-8") as fh:
        products = {row["sku"]: row for row in csv.DictReader(fh)}
    return customers, products


def test_master_data_has_the_contract_columns() -> None:
    customers = (SAMPLES / "master" / "customers.csv").read_text(encoding="utf-8")
    products = (SAMPLES / "master" / "products.csv").read_text(encoding="utf-8")
    assert customers.splitlines()[0] == (
        "customer_id,name,aliases,email_domains,country,currency,credit_limit"
    )
    assert products.splitlines()[0] == "sku,description,unit,unit_price,currency"
    found_customers, found_products = _master()
    assert len(found_customers) >= 15 and len(found_products) >= 70
    assert len({c["currency"] for c in found_customers.values()}) >= 6


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    path = SHARED / "contract" / "order.schema.json"
    if not path.exists():
        pytest.skip(f"shared contract not found at {path}")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    loaded["required"] = [key for key in loaded["required"] if key != "evidence"]
    return loaded


@pytest.mark.parametrize("document", ORDER_DOCS, ids=ORDER_IDS)
def test_truth_validates_against_the_order_schema(document: Path, schema: dict[str, Any]) -> None:
    import jsonschema

    truth = _truth(document)
    jsonschema.validate(truth, schema)
    assert "evidence" not in truth
    assert truth["expected_status"] in ("approved", "needs_review")
    assert (truth["expected_status"] == "approved") == (truth["expected_rules"] == [])
    assert set(truth["expected_rules"]) <= RULES
    assert truth["kind"] in KINDS


@pytest.mark.parametrize("document", ORDER_DOCS, ids=ORDER_IDS)
def test_file_name_says_layout_and_kind(document: Path) -> None:
    match = NAME.match(document.name)
    assert match is not None, document.name
    truth = _truth(document)
    assert (match["layout"], match["kind"]) == (truth["layout"], truth["kind"])


def test_every_sample_has_a_truth_file_and_every_truth_a_sample() -> None:
    for folder in (*SETS, "bad"):
        files = {p.name for p in (SAMPLES / folder).iterdir()}
        for name in files:
            if name.endswith(".truth.json"):
                stem = name.removesuffix(".truth.json")
                assert any(f.rsplit(".", 1)[0] == stem and f != name for f in files), name
            else:
                assert f"{name.rsplit('.', 1)[0]}.truth.json" in files, name


def test_every_rule_has_a_review_case() -> None:
    fired = {rule for p in _documents("corpus") for rule in _truth(p)["expected_rules"]}
    assert fired == RULES


def test_corpus_is_varied() -> None:
    corpus = [_truth(p) for p in _documents("corpus")]
    holdout = [_truth(p) for p in _documents("holdout")]
    layouts = {t["layout"] for t in corpus}
    held_out = {t["layout"] for t in holdout}
    assert len(layouts) >= 8 and len(held_out) >= 2
    assert not layouts & held_out
    kinds = {t["kind"] for t in corpus}
    assert kinds >= {"text_pdf", "scan", "photo", "email_body", "email_attachment"}
    assert len({t["currency"] for t in corpus}) >= 6
    assert len(corpus) >= 60


def test_holdout_is_broad_enough_to_measure_generalisation() -> None:
    """The hold-out set only helps if it spans many unseen layouts, every input kind, several
    buyers per country style, and both clean and review orders in most layouts."""
    holdout = [_truth(p) for p in _documents("holdout")]
    layouts = {t["layout"] for t in holdout}
    assert len(layouts) >= 8 and len(holdout) >= 30
    assert {t["kind"] for t in holdout} >= {"text_pdf", "scan", "photo", "email_attachment"}
    photo_layouts = {t["layout"] for t in holdout if t["kind"] == "photo"}
    assert len(photo_layouts) >= 3
    assert len({t["currency"] for t in holdout}) >= 5
    review = [t for t in holdout if t["expected_status"] != "approved"]
    assert 4 <= len(review) <= len(holdout) // 3
    for layout in layouts:
        count = sum(t["layout"] == layout for t in holdout)
        assert count >= 2, layout


def test_held_out_layouts_are_registered_as_held_out() -> None:
    """A `held_out` layout must never be used in the corpus plan, and vice versa."""
    from samples.generator import plan
    from samples.generator.layouts import REGISTRY

    held = {spec.layout_id for spec in REGISTRY.values() if spec.held_out}
    assert not held & {job.layout for job in plan.CORPUS}
    assert {job.layout for job in plan.HOLDOUT} - {"ho_mail_de"} <= held


@pytest.mark.parametrize(
    ("folder", "earlier", "least", "megabytes"),
    [
        ("blind", ("corpus", "holdout"), (8, 12, 4, 2), 3.0),
        ("blind2", ("corpus", "holdout", "blind"), (8, 12, 4, 2), 3.0),
        ("blind3", ("corpus", "holdout", "blind", "blind2"), (6, 9, 3, 2), 1.6),
        ("blind4", ("corpus", "holdout", "blind", "blind2", "blind3"), (6, 12, 5, 2), 3.0),
        (
            "blind5",
            ("corpus", "holdout", "blind", "blind2", "blind3", "blind4"),
            (7, 13, 5, 2),
            3.0,
        ),
        (
            "blind6",
            ("corpus", "holdout", "blind", "blind2", "blind3", "blind4", "blind5"),
            (7, 14, 5, 2),
            3.0,
        ),
        (  # text PDFs and e-mails only: the sample folder is near its size budget
            "blind7",
            ("corpus", "holdout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6"),
            (7, 14, 0, 0),
            1.6,
        ),
        (  # text PDFs and e-mails only, like blind7
            "blind8",
            SETS[:-1],  # every earlier set
            (7, 16, 0, 0),
            0.9,
        ),
    ],
)
def test_blind_set_is_made_another_way_and_shares_no_layout(
    folder: str, earlier: tuple[str, ...], least: tuple[int, int, int, int], megabytes: float
) -> None:
    """A blind set measures generalisation only if nothing in it is what extraction was
    tuned on: its own layouts (none from an earlier set), printed by Chromium (Skia) instead
    of reportlab, scans and photos besides text PDFs (but for the last, which has none),
    several review cases but mostly clean orders, and small enough to commit. `least`:
    layouts, text PDFs, scans and photos at least."""
    blind = {p: _truth(p) for p in _documents(folder)}
    tuned = {_truth(p)["layout"] for earlier_set in earlier for p in _documents(earlier_set)}
    layouts = {t["layout"] for t in blind.values()}
    assert len(layouts) >= least[0] and not layouts & tuned
    kinds = Counter(t["kind"] for t in blind.values())
    assert kinds["text_pdf"] >= least[1] and kinds["scan"] >= least[2]
    assert kinds["photo"] >= least[3]
    assert len({rule for t in blind.values() for rule in t["expected_rules"]}) >= 4
    review = sum(t["expected_status"] != "approved" for t in blind.values())
    assert 4 <= review <= len(blind) * 2 // 5
    for document, truth in blind.items():
        if truth["kind"] == "text_pdf":
            assert b"/Producer (Skia" in document.read_bytes(), document.name
    size = sum(p.stat().st_size for p in (SAMPLES / folder).iterdir())
    assert size <= megabytes * 1024 * 1024


def _approved() -> list[Path]:
    return [p for p in ORDER_DOCS if _truth(p)["expected_status"] == "approved"]


@pytest.mark.parametrize("document", _approved(), ids=lambda p: p.name)
def test_approved_order_is_really_clean(document: Path) -> None:
    """Everything a rule checks holds for an order that is expected to be approved."""
    t = _truth(document)
    customers, products = _master()
    assert t["po_number"] and t["order_date"] and t["customer_name"] and t["lines"]
    buyer = customers[t["customer_id"]]
    assert t["currency"] == buyer["currency"]
    line_sum = Decimal(0)
    for line in t["lines"]:
        product = products[line["sku"]]
        assert Decimal(line["unit_price"]) == Decimal(product["unit_price"])
        exact = Decimal(line["quantity"]) * Decimal(line["unit_price"])
        assert abs(exact - Decimal(line["amount"])) <= Decimal("0.01")
        line_sum += Decimal(line["amount"])
    if t["subtotal"] is not None:
        assert Decimal(t["subtotal"]) == line_sum
    parts = [t["subtotal"] or str(line_sum), t["tax"] or "0", t["shipping"] or "0"]
    assert sum(Decimal(v) for v in parts) == Decimal(t["total"])
    if buyer["credit_limit"]:
        assert Decimal(t["total"]) <= Decimal(buyer["credit_limit"])
    if t["delivery_date"]:
        assert t["delivery_date"] >= t["order_date"]


def test_duplicate_po_follows_its_original() -> None:
    seen: set[tuple[str, str]] = set()
    duplicates = 0
    for document in _documents("corpus"):
        t = _truth(document)
        key = (t["customer_id"], t["po_number"])
        if "duplicate_po" in t["expected_rules"]:
            assert key in seen, f"{document.name} sorts before its original"
            duplicates += 1
        elif t["po_number"] is not None:
            assert key not in seen, f"{document.name} repeats a PO without expecting it"
        seen.add(key)
    assert duplicates >= 1


def _pdf_text(data: bytes) -> str:
    from io import BytesIO

    with pdfplumber.open(BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _body(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return str(part.get_content()) if part is not None else ""


def _printed_text(document: Path) -> str | None:
    """The text a reader can get without OCR: PDF text layers and e-mail bodies (with the
    subject, where some writers put only the PO number)."""
    data = document.read_bytes()
    if document.suffix == ".pdf":
        return _pdf_text(data)
    if document.suffix != ".eml":
        return None
    message = message_from_bytes(data, policy=default)
    if _truth(document)["kind"] == "email_body":
        body = _body(message)
        return f"{message['Subject'] or ''}\n{body}" if body.strip() else body
    for part in message.iter_attachments():  # type: ignore[attr-defined]
        name = part.get_filename() or ""
        if name.startswith("PO_"):
            return _pdf_text(part.get_content())
    return None


@pytest.mark.parametrize("document", ORDER_DOCS, ids=ORDER_IDS)
def test_truth_values_are_printed(document: Path) -> None:
    """Item codes and the PO number of the truth are printed on documents with a text layer."""
    text = _printed_text(document)
    if text is None or not text.strip():
        pytest.skip("image-only document: checked by the OCR benchmarks, not here")
    truth = _truth(document)
    compact = re.sub(r"\s+", "", text)
    if truth["po_number"]:
        assert truth["po_number"].replace(" ", "") in compact
    for line in truth["lines"]:
        assert line["sku"].replace(" ", "") in compact
    digits = re.sub(r"\D", "", text)
    assert re.sub(r"\D", "", truth["total"]) in digits


def test_bad_inputs_expect_failure() -> None:
    documents = _documents("bad")
    assert len(documents) >= 7
    for document in documents:
        truth = _truth(document)
        assert truth["expected_status"] == "failed" and truth["kind"] == "bad"
        assert truth["reason"]


def test_committed_corpus_is_at_most_27_mb() -> None:
    """About 10 MB for the corpus and hold-out set, at most 3 MB for each of six blind sets,
    1.6 MB for the seventh and 0.9 MB for the eighth (text PDFs and e-mails only)."""
    size = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert size <= 27 * 1024 * 1024


@pytest.mark.parametrize("folder", SETS)
def test_committed_truth_is_what_the_generator_plans(folder: str) -> None:
    """Regeneration is deterministic: the generator's plan gives exactly the committed truth
    (so nobody hand-edits a truth file and the generator never drifts from the corpus)."""
    from samples.generator.build import SETS as PLANNED_SETS
    from samples.generator.build import planned

    expected = {item.name: item.truth() for item in planned(PLANNED_SETS[folder], folder)}
    assert {p.name for p in _documents(folder)} == set(expected)
    for name, truth in expected.items():
        assert _truth(SAMPLES / folder / name) == truth, name


def test_long_orders_continue_on_a_second_page() -> None:
    long_pdfs = [p for p in _documents("corpus")
                 if p.suffix == ".pdf" and len(_truth(p)["lines"]) > 12]  # fmt: skip
    assert len(long_pdfs) >= 3
    for document in long_pdfs:
        with pdfplumber.open(document) as pdf:
            assert len(pdf.pages) >= 2, document.name


_STYLES = ("EN", "DE", "FR", "FR_PLAIN", "CH")


@given(
    value=st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False),
    style_name=st.sampled_from(_STYLES),
)
def test_printed_money_reads_back_as_the_truth_value(value: Decimal, style_name: str) -> None:
    """What the generator prints, stripped of its grouping, is the truth's decimal string."""
    from samples.generator import formatting

    style = getattr(formatting, style_name)
    printed = formatting.number(value, style)
    plain = printed.replace(style.group, "").replace(style.decimal, ".")
    assert plain == f"{value:.2f}"


@given(
    value=st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
    style_name=st.sampled_from(_STYLES),
)
def test_printed_quantity_reads_back_as_the_truth_value(value: Decimal, style_name: str) -> None:
    from samples.generator import formatting

    style = getattr(formatting, style_name)
    printed = formatting.quantity(value, style)
    plain = printed.replace(style.group, "").replace(style.decimal, ".")
    assert Decimal(plain) == value
    assert plain == formatting.quantity_truth(value)


@pytest.mark.parametrize(
    ("amount", "capital"),
    [
        ("187.24", "壹佰捌拾柒元贰角肆分"),
        ("1000.05", "壹仟元零伍分"),
        ("10010", "壹万零壹拾元整"),
        ("1050000.00", "壹佰零伍万元整"),
        ("3778.90", "叁仟柒佰柒拾捌元玖角整"),
    ],
)
def test_chinese_capital_total_is_written_as_chinese_forms_write_it(
    amount: str, capital: str
) -> None:
    """The blind set's Chinese orders print the total again in financial capitals (大写);
    zeros inside the number are said once (零), a round amount ends in 整."""
    from samples.generator.blind.layouts import chinese_capital

    assert chinese_capital(Decimal(amount)) == capital


@pytest.mark.parametrize(
    ("day", "printed"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (23, "23rd"), (31, "31st")],
)  # fmt: skip
def test_british_ordinal_dates_are_written_as_british_letters_write_them(
    day: int, printed: str
) -> None:
    """The second blind set's UK orders print '5th March 2026'; 11-13 take 'th'."""
    from datetime import date

    from samples.generator.blind2.layouts import ordinal_en

    assert ordinal_en(date(2026, 3, day)) == f"{printed} March 2026"


def test_second_blind_set_numbers_orders_in_each_layouts_own_style() -> None:
    """Real systems number orders their own way; the second blind set's truth keeps the
    number as its layout prints it, and every order of a layout shares that style."""
    shapes = {
        "nb_netsuite": r"PO1\d{4}", "nb_ariba": r"EP\d{7}", "nb_odoo_fr": r"P\d{5}",
        "nb_dynamics_de": r"106\d{3}", "nb_sage_gb": r"\d{4}", "nb_carta_es": r"PC-\d{2}/\d{4}",
        "nb_ca_bilingual": r"P\d{2}-\d{5}", "nb_handform": r"00\d{4}",
    }  # fmt: skip
    truths = [_truth(p) for p in _documents("blind2")]
    assert {t["layout"] for t in truths} == set(shapes)
    for truth in truths:
        assert re.fullmatch(shapes[truth["layout"]], truth["po_number"]), truth["po_number"]


def test_third_blind_set_numbers_orders_in_each_layouts_own_style() -> None:
    """The third blind set's layouts number orders as their systems and trades do (a JDE
    order number, an Italian 'n./year', a job number and sequence, a contract number from
    the signing date); the truth keeps the number as printed."""
    shapes = {
        "nc_jde_grid": r"2\d{4}", "nc_ordine_it": r"\d{3}/2026", "nc_site_gb": r"J2\d{3}-\d{3}",
        "nc_hetong_cn": r"HT-2026\d{4}-\d{2}", "nc_fax_word": r"26-\d{4}",
        "nc_abruf_de": r"26\d{2}-\d{4}",
    }  # fmt: skip
    truths = [_truth(p) for p in _documents("blind3")]
    assert {t["layout"] for t in truths} == set(shapes)
    for truth in truths:
        assert re.fullmatch(shapes[truth["layout"]], truth["po_number"]), truth["po_number"]
    contracts = [t for t in truths if t["layout"] == "nc_hetong_cn"]
    for truth in contracts:  # a Chinese contract is numbered by the day it is signed
        assert truth["po_number"][3:11] == truth["order_date"].replace("-", "")


def test_construction_orders_deliver_to_the_job_site() -> None:
    """A site order's delivery address is the site, never the contractor's own office."""
    from samples.generator.content import SHIP_TO_ALTERNATES
    from samples.generator.master import customer

    sites = [_truth(p) for p in _documents("blind3") if _truth(p)["layout"] == "nc_site_gb"]
    assert sites
    for truth in sites:
        own = (customer(truth["customer_id"]).address, SHIP_TO_ALTERNATES["GB"])
        assert truth["ship_to"] and truth["ship_to"] not in {"\n".join(a) for a in own}


@pytest.mark.parametrize(
    ("day", "printed"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (5, "5th"), (11, "11th"), (12, "12th"), (21, "21st"),
     (22, "22nd"), (23, "23rd"), (31, "31st")],
)  # fmt: skip
def test_us_ordinal_dates_are_written_as_us_letters_write_them(day: int, printed: str) -> None:
    """The faxed Word order prints 'March 5th, 2026'; 11-13 take 'th'."""
    from datetime import date

    from samples.generator.blind3.layouts import us_ordinal

    assert us_ordinal(date(2026, 3, day)) == f"March {printed}, 2026"


def test_fourth_blind_set_numbers_orders_in_each_layouts_own_style() -> None:
    """The fourth blind set's layouts number orders as their systems do (a Lawson PO Nbr,
    a D365 'PO-' number, a Polish 'ZZ/nnnn/MM/YYYY' from the order month, a Mexican folio,
    a Kingdee 'CGDD' number, an EDI document number, a bare Epicor number); its e-mails keep
    the buyer's own."""
    shapes = {
        "nd_lawson_us": r"10\d{5}", "nd_dynfo_gb": r"PO-\d{7}",
        "nd_zamowienie_pl": r"ZZ/\d{4}/\d{2}/2026", "nd_oc_mx": r"OC-00\d{4}",
        "nd_kingdee_cn": r"CGDD\d{6}", "nd_webedi": r"CDE26\d{5}", "nd_epicor_ca": r"[1-3]\d{4}",
    }  # fmt: skip
    truths = [_truth(p) for p in _documents("blind4")]
    assert {t["layout"] for t in truths if t["kind"] != "email_body"} == set(shapes)
    for truth in truths:
        if truth["layout"] in shapes:
            assert re.fullmatch(shapes[truth["layout"]], truth["po_number"]), truth["po_number"]
    for truth in truths:
        if truth["layout"] == "nd_zamowienie_pl":
            assert truth["po_number"][8:10] == truth["order_date"][5:7]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("2222.04", "DOS MIL DOSCIENTOS VEINTIDÓS DÓLARES 04/100 USD"),
        ("1000.00", "MIL DÓLARES 00/100 USD"),
        ("100.50", "CIEN DÓLARES 50/100 USD"),
        ("21531.99", "VEINTIÚN MIL QUINIENTOS TREINTA Y UN DÓLARES 99/100 USD"),
        ("1101000.10", "UN MILLÓN CIENTO UN MIL DÓLARES 10/100 USD"),
    ],
)
def test_mexican_total_in_words_is_written_as_mexican_orders_write_it(
    amount: str, words: str
) -> None:
    """The Mexican order prints the total again in words ('importe con letra'): 100 is CIEN
    alone but CIENTO before more, 21 before MIL is VEINTIÚN, cents as nn/100."""
    from samples.generator.blind4.layouts import spanish_words

    assert spanish_words(Decimal(amount)) == words


def test_fifth_blind_set_numbers_orders_in_each_layouts_own_style() -> None:
    """The fifth blind set's layouts number orders as their systems do (an Oracle EBS number,
    a Japanese 'PO' + year and month, a Visma number, a zero-padded Protheus number, an MYOB
    eight-digit number, an Indian number with the April-March financial year, a QuickBooks
    four-digit number); its e-mails keep the buyer's own."""
    shapes = {
        "ne_oracle_us": r"44\d{5}", "ne_chumon_jp": r"PO26(0[1-9]|1[0-2])-\d{4}",
        "ne_inkop_se": r"2[4-7]\d{3}", "ne_pedido_br": r"00\d{4}", "ne_myob_au": r"00000\d{3}",
        "ne_gst_in": r"PO/2[56]-2[67]/\d{4}", "ne_qb_us": r"1\d{3}",
    }  # fmt: skip
    truths = [_truth(p) for p in _documents("blind5")]
    assert {t["layout"] for t in truths if t["kind"] != "email_body"} == set(shapes)
    for truth in truths:
        if truth["layout"] in shapes:
            assert re.fullmatch(shapes[truth["layout"]], truth["po_number"]), truth["po_number"]
        if truth["layout"] == "ne_chumon_jp":
            assert truth["po_number"][4:6] == truth["order_date"][5:7]


def test_sixth_blind_set_numbers_orders_in_each_layouts_own_style() -> None:
    """The sixth blind set's layouts number orders as their systems do (a Xero "PO-" number,
    a Coupa five-digit number, a Pohoda year + 'OV' number, a Navision 'IK' number, a Logo
    Tiger 'SAS' + year number, a Singapore 'SG-PO-' number, a spreadsheet's year-dash
    number); its e-mails keep the buyer's own."""
    shapes = {
        "nf_xero_gb": r"PO-\d{4}", "nf_coupa_us": r"[6-8]\d{4}", "nf_objednavka_cz": r"26OV\d{5}",
        "nf_indkob_dk": r"IK10[4-9]\d{3}", "nf_siparis_tr": r"SAS2026\d{6}",
        "nf_po_sg": r"SG-PO-\d{6}", "nf_sheet_ca": r"2026-[1-4]\d{2}",
    }  # fmt: skip
    truths = [_truth(p) for p in _documents("blind6")]
    assert {t["layout"] for t in truths if t["kind"] != "email_body"} == set(shapes)
    for truth in truths:
        if truth["layout"] in shapes:
            assert re.fullmatch(shapes[truth["layout"]], truth["po_number"]), truth["po_number"]


def test_seventh_blind_set_numbers_orders_in_each_layouts_own_style() -> None:
    """The seventh blind set's layouts number orders as their systems do (a Workday
    "PO-000" number, an SAP Business One document number, a Sage X3 number with site, year
    and month, a Tango point of issue and number, a 用友 U8 ten-digit number, a contractor's
    contract/order number, the buyer's own number typed at a web shop's checkout); its
    e-mails keep the buyer's own."""
    shapes = {
        "ng_workday_us": r"PO-000\d{5}", "ng_sapbone_at": r"1\d{4}",
        "ng_sage_be": r"POBE26(0[1-9]|1[0-2])-\d{5}", "ng_oc_ar": r"0003-0000\d{4}",
        "ng_yonyou_cn": r"000000\d{4}", "ng_builders_ni": r"C2[1-4]\d{2}/0\d{3}",
        "ng_shop_ca": r"26(0[1-9]|1[0-2])-\d{3}",
    }  # fmt: skip
    truths = [_truth(p) for p in _documents("blind7")]
    assert {t["layout"] for t in truths if t["kind"] != "email_body"} == set(shapes)
    for truth in truths:
        if truth["layout"] in shapes:
            assert re.fullmatch(shapes[truth["layout"]], truth["po_number"]), truth["po_number"]
        month = {"ng_sage_be": slice(6, 8), "ng_shop_ca": slice(2, 4)}.get(truth["layout"])
        if month is not None:
            assert truth["po_number"][month] == truth["order_date"][5:7]


def test_seventh_blind_set_chinese_vat_is_worked_out_per_line() -> None:
    """The 用友 U8-style order prints each line's 13 % VAT, rounded per line; its VAT total is
    their sum, which can differ by a cent from 13 % of the subtotal."""
    from samples.generator.blind7.layouts import line_tax

    for document in _documents("blind7"):
        truth = _truth(document)
        if truth["layout"] == "ng_yonyou_cn":
            taxes = [line_tax(Decimal(line["amount"])) for line in truth["lines"]]
            assert Decimal(truth["tax"]) == sum(taxes, Decimal(0))


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2026, 3, 31), "25-26"), (date(2026, 4, 1), "26-27"), (date(2026, 1, 5), "25-26")],
)
def test_indian_orders_carry_the_april_to_march_financial_year(day: date, year: str) -> None:
    from samples.generator.blind5.layouts import financial_year

    assert financial_year(day) == year


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("397.84", "US Dollars Three Hundred Ninety-Seven and Cents Eighty-Four Only"),
        ("1000.00", "US Dollars One Thousand Only"),
        ("115.10", "US Dollars One Hundred Fifteen and Cents Ten Only"),
        ("1200013.05", "US Dollars One Million Two Hundred Thousand Thirteen and Cents Five Only"),
    ],
)
def test_indian_total_in_words_is_written_as_indian_orders_write_it(
    amount: str, words: str
) -> None:
    """The Indian order prints the grand total again in words, cents as words, 'Only' last."""
    from samples.generator.blind5.layouts import english_words

    assert english_words(Decimal(amount)) == words
