"""The one exception tree of poflow.

    PoflowError                      anything poflow raises on purpose
    ├── BadDocument                  the input cannot be read as a document  (CLI exit 3)
    │   ├── MissingFile
    │   ├── EmptyFile
    │   ├── CorruptFile
    │   ├── EncryptedFile
    │   ├── UnsupportedType
    │   ├── TooLarge                 page, pixel or byte caps (resource bombs)
    │   └── NoTextFound              a PDF/image in which no text at all is found
    ├── ConfigError                  bad settings or a bad rules file          (CLI exit 2)
    ├── MasterDataError              a bad master-data CSV row                 (CLI exit 3)
    ├── StorageError                 the database cannot be reached or written (CLI exit 4)
    └── NotYetAvailable              a command whose capability comes later    (CLI exit 2)

Stages raise these; they are turned into exit codes (poflow/cli.py) or HTTP
responses (review_queue) at exactly one boundary each. Expected outcomes such as
"needs review" are results (`poflow.domain.Verdict`), never exceptions.
"""

from __future__ import annotations


class PoflowError(Exception):
    """Base of every error poflow raises on purpose; `str()` is a one-line message for people."""

    exit_code = 1


class BadDocument(PoflowError):
    exit_code = 3

    def __init__(self, reason: str, *, name: str | None = None) -> None:
        self.reason = reason
        self.name = name
        super().__init__(f"{name}: {reason}" if name else reason)

    def for_file(self, name: str) -> BadDocument:
        """The same error, naming the file (stages deep down often know only bytes)."""
        return type(self)(self.reason, name=name)


class MissingFile(BadDocument):
    pass


class EmptyFile(BadDocument):
    pass


class CorruptFile(BadDocument):
    pass


class EncryptedFile(BadDocument):
    pass


class UnsupportedType(BadDocument):
    pass


class TooLarge(BadDocument):
    pass


class NoTextFound(BadDocument):
    pass


class ConfigError(PoflowError):
    exit_code = 2


class MasterDataError(PoflowError):
    """A master-data CSV that cannot be imported; the message names file, row and column."""

    exit_code = 3


class StorageError(PoflowError):
    exit_code = 4


class NotYetAvailable(PoflowError):
    exit_code = 2
