"""Maintenance commands for the schema: `python -m storage upgrade URL | revision MESSAGE`.

`revision` autogenerates a new Alembic migration in `storage/migrations/versions/` by
comparing the models with a scratch SQLite database at the newest revision; review it,
make it run on SQLite and PostgreSQL, and commit it with the model change.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from poflow.errors import PoflowError
from storage.db import MIGRATIONS, open_database


def new_revision(message: str) -> None:
    """Autogenerate a migration from the difference between the models and the newest schema."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'scratch.db'}"
        with open_database(url) as db, db.engine.connect() as connection, connection.begin():
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "upgrade":
        with open_database(argv[1]) as db:
            print(f"{db.url}: at the newest schema")
        return 0
    if len(argv) == 2 and argv[0] == "revision":
        new_revision(argv[1])
        return 0
    print(__doc__.strip().splitlines()[0], file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except PoflowError as error:
        print(f"storage: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
