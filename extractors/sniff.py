"""What an input file really is, by its first bytes (never by its name).

A `.pdf` that is really a PNG is read as an image; an e-mail saved without an extension is
recognised by its RFC-822 headers. Unknown bytes are `UnsupportedType`, no bytes `EmptyFile`.
"""

from __future__ import annotations

import re
from typing import Literal

from poflow.errors import EmptyFile, UnsupportedType

Format = Literal["pdf", "image", "eml"]

# Image signatures Pillow decodes (PNG, JPEG, TIFF both byte orders, BMP, GIF, WebP).
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"BM",
    b"GIF87a",
    b"GIF89a",
)
# Headers almost every stored message carries; one of them near the top marks an e-mail.
_MAIL_HEADERS = re.compile(
    rb"^(from|received|mime-version|content-type|return-path|message-id|delivered-to|"
    rb"subject|to|date|x-[a-z0-9-]+):[ \t]",
    re.IGNORECASE | re.MULTILINE,
)
_STRONG_MAIL_HEADERS = (b"from", b"received", b"mime-version", b"content-type", b"return-path")


def sniff(data: bytes, name: str) -> Format:
    """ "pdf", "image" or "eml" by magic bytes; `name` is only used in the error message."""
    if not data:
        raise EmptyFile("the file is empty (0 bytes)", name=name)
    # PDF readers accept junk before the header (within the first KB), so do we.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if _looks_like_mail(data[:4096]):
        return "eml"
    raise UnsupportedType(f"not a PDF, image or e-mail (starts with {data[:8]!r})", name=name)


def _looks_like_mail(head: bytes) -> bool:
    """RFC-822 headers at the very top: the first line is a header, and a strong one is near."""
    head = head.lstrip(b"\r\n")
    if head.startswith(b"From ") and b"\n" in head:  # mbox "From " separator line
        head = head.split(b"\n", 1)[1]
    first_line = head.split(b"\n", 1)[0]
    if not _MAIL_HEADERS.match(first_line):
        return False
    found = {m.group(1).lower() for m in _MAIL_HEADERS.finditer(head)}
    return any(h in found for h in _STRONG_MAIL_HEADERS) and len(found) >= 2


_EMBEDDED_TOKEN = b"/EmbeddedFile"
_OBJECT_STREAM = b"/ObjStm"


def might_embed_files(data: bytes) -> bool:
    """A byte scan, no parsing: False only when the PDF surely embeds no file (so the XML
    and pdfium readers of `structured` need not even be imported).

    An embedded file's stream usually says `/Type /EmbeddedFile`, but that entry is
    optional; when the catalog (with its `/EmbeddedFiles` tree) may sit compressed in an
    object stream, only pdfium can tell.
    """
    return _EMBEDDED_TOKEN in data or _OBJECT_STREAM in data
