"""The one settings object: environment variables with the `POFLOW_` prefix, validated at start-up.

Stages never read the environment; they receive what they need as arguments.
The README's settings table is generated from the field descriptions below
(`python -m poflow.settings --markdown`), so each fact lives here once.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from poflow.domain import ExtractionContext
from poflow.errors import ConfigError

_READING = ExtractionContext()  # the extractors' defaults, stated once there

PipeList = Annotated[tuple[str, ...], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POFLOW_", extra="ignore", frozen=True)

    # --- where things live
    home: Path = Field(Path("./var"), description="Data folder: originals, database, folders.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default `sqlite:///$POFLOW_HOME/poflow.db`."
    )

    # --- who we are (so extraction never takes the supplier for the customer)
    supplier_name: str = Field(
        "Acme Supply Co.", description="Our own company's name, as customers address it."
    )
    supplier_aliases: PipeList = Field(
        ("Acme Supply Company", "Acme Supply GmbH", "Acme"),
        description="Other names of our company, `|`-separated.",
    )

    # --- reading documents
    ocr_languages: str = Field(
        _READING.ocr_languages,
        description="Tesseract languages for the first pass (`deu+eng` where most orders are "
        "German: no second pass for them).",
    )
    ocr_extra_languages: str = Field(
        _READING.ocr_extra_languages,
        description="Languages added when a page looks German or Chinese (a second pass of the "
        "page, 1.2–1.5 × the first).",
    )
    ocr_reread_languages: str = Field(
        _READING.ocr_reread_languages,
        description="Languages an OCR'd page's names, addresses and payment terms are re-read "
        "in when the page is written in one (accents English cannot read); those Tesseract "
        "has no traineddata for are skipped.",
    )
    ocr_timeout_s: float = Field(
        _READING.ocr_timeout_s, gt=0, description="Timeout of one Tesseract call."
    )
    max_pages: int = Field(_READING.max_pages, gt=0, description="Pages read per document at most.")
    max_image_pixels: int = Field(
        _READING.max_image_pixels, gt=0, description="Pixels per image at most."
    )
    max_file_bytes: int = Field(50_000_000, gt=0, description="Bytes per input file at most.")

    # --- rules (contract §5)
    price_tolerance_pct: Decimal = Field(
        Decimal("2"), ge=0, description="`price_mismatch`: allowed deviation from list price, %."
    )
    amount_tolerance: Decimal = Field(
        Decimal("0.01"), ge=0, description="Arithmetic rules: allowed difference in money."
    )
    confidence_threshold: float = Field(
        0.9, ge=0, le=1, description="`low_confidence`: deciding values below this need review."
    )
    rules_file: Path | None = Field(
        None, description="YAML file that switches rules off or adds a site's own rules."
    )

    # --- review
    review_sla_hours: float = Field(
        24.0, gt=0, description="Review tasks older than this stand out."
    )

    # --- intake
    watch_dir: Path | None = Field(
        None, description="Watched folder; default `$POFLOW_HOME/inbox`."
    )
    watch_stable_seconds: float = Field(
        2.0, ge=0, description="A file is taken when unchanged for this long."
    )
    watch_rescan_seconds: float = Field(30.0, gt=0, description="Periodic rescan of the folder.")
    watch_polling: bool = Field(False, description="Use a polling observer (network shares).")
    imap_host: str | None = Field(None, description="IMAP server; mail intake is off without it.")
    imap_port: int = Field(993, description="IMAP port.")
    imap_tls: bool = Field(True, description="IMAP over TLS (plain only for loopback tests).")
    imap_user: str | None = Field(None, description="IMAP user.")
    imap_password: SecretStr | None = Field(None, description="IMAP password.")
    imap_folder: str = Field("INBOX", description="Folder to read purchase orders from.")
    imap_poll_seconds: float = Field(60.0, gt=0, description="Time between mailbox polls.")
    max_message_bytes: int = Field(30_000_000, gt=0, description="Largest e-mail taken.")

    # --- workers and Prefect
    prefect: bool = Field(
        True, description="Run each document as a Prefect flow run (shown in the Prefect UI)."
    )
    prefect_port: int = Field(4200, description="Port of the local Prefect server (`poflow run`).")
    prefect_work_pool: str = Field(
        "poflow", description="Prefect work pool the workers join (pause it to stop them)."
    )
    worker_lease_seconds: float = Field(
        60.0, gt=0, description="A crashed worker's document is taken up again after this."
    )

    # --- web app
    web_host: str = Field("127.0.0.1", description="Address of the review web app.")
    web_port: int = Field(8000, description="Port of the review web app.")

    @field_validator("supplier_aliases", mode="before")
    @classmethod
    def _split_pipes(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split("|") if v.strip())
        return value

    @cached_property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.home.resolve() / 'poflow.db'}"

    @cached_property
    def blob_dir(self) -> Path:
        return self.home / "originals"

    @cached_property
    def inbox(self) -> Path:
        return self.watch_dir or self.home / "inbox"

    @property
    def supplier_names(self) -> tuple[str, ...]:
        return (self.supplier_name, *self.supplier_aliases)


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment; a bad value is a `ConfigError` naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "POFLOW_" + "_".join(str(p) for p in first["loc"]).upper()
        raise ConfigError(f"setting {name}: {first['msg']}") from None


def settings_table() -> str:
    """The README's settings table, from the field descriptions."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for name, info in Settings.model_fields.items():
        default = info.default
        if isinstance(default, tuple):
            default = "|".join(default)
        shown = "" if default is None else f"`{default}`"
        meaning = info.description or ""
        cells = (f"`POFLOW_{name.upper()}`", shown, meaning)
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


if __name__ == "__main__" and "--markdown" in sys.argv:
    print(settings_table())
