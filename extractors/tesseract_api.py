"""Tesseract in this process, through libtesseract's C API: the same engine and models as the
`tesseract` command, without its start-up on every call.

A call of the command starts a process, loads the language models (eng 0.13 s, deu+eng
0.3 s, chi_sim+eng 0.35 s), and reads the page back from a file. A page is read in
0.6–1.4 s, and a second read of a few boxes in a few hundredths of a second, so start-up
was a sixth of a page and nearly all of a box. Here each configuration (languages and
initial variables) is loaded once per process and kept, at most `KEPT_ENGINES` of them.
A character whitelist is set per call (`PER_CALL`), so box reads with different whitelists
share one loaded engine.

The words are the command's: the same TSV, given the same page, languages, `--psm`,
`--dpi` and `-c` variables. `OMP_THREAD_LIMIT=1` is set before the library loads, since
OpenMP reads it once. A call's time limit is a deadline Tesseract checks while it
recognises words; its layout analysis, bounded by the page's pixel cap, is not
interrupted. Tesseract's own messages go to /dev/null, as the command's stderr did.

`available()` is False where libtesseract 5 cannot be loaded: `ocr` then runs the command
through pytesseract.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
from collections import OrderedDict
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

KEPT_ENGINES = 6  # loaded configurations kept per process (eng: ~25 MB, chi_sim+eng: ~60 MB)
# Variables read at recognition, not when the models load: the same words set either way.
PER_CALL = ("tessedit_char_whitelist",)
_OEM_LSTM_ONLY = 1
# The command's first row; the library's TSV starts at the page's row.
TSV_HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
    "left\ttop\twidth\theight\tconf\ttext\n"
)


class Timeout(Exception):
    """The call's deadline passed before Tesseract had recognised the page."""


class Failed(Exception):
    """The library could not read the image."""


class MissingLanguages(Exception):
    """Tesseract has no traineddata for one of the languages asked for."""


@cache
def _library() -> Any | None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    try:
        lib = ctypes.CDLL(name)
        lib.TessVersion.restype = ctypes.c_char_p
        if not (lib.TessVersion() or b"").startswith(b"5"):
            return None
    except (OSError, AttributeError):
        return None
    handle, text, c_int = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    strings = ctypes.POINTER(ctypes.c_char_p)
    signatures: dict[str, tuple[list[Any], Any]] = {
        "TessBaseAPICreate": ([], handle),
        "TessBaseAPIDelete": ([handle], None),
        "TessBaseAPIEnd": ([handle], None),
        "TessBaseAPIInit4": (
            [handle, text, text, c_int, strings, c_int, strings, strings, ctypes.c_size_t, c_int],
            c_int,
        ),
        "TessBaseAPISetVariable": ([handle, text, text], c_int),
        "TessBaseAPISetPageSegMode": ([handle, c_int], None),
        "TessBaseAPISetImage": ([handle, ctypes.c_void_p, c_int, c_int, c_int, c_int], None),
        "TessBaseAPIRecognize": ([handle, handle], c_int),
        "TessBaseAPIGetTsvText": ([handle, c_int], ctypes.c_void_p),
        "TessBaseAPIClear": ([handle], None),
        "TessDeleteText": ([ctypes.c_void_p], None),
        "TessMonitorCreate": ([], handle),
        "TessMonitorDelete": ([handle], None),
        "TessMonitorSetDeadlineMSecs": ([handle, c_int], None),
    }
    for function, (arguments, result) in signatures.items():
        getattr(lib, function).argtypes = arguments
        getattr(lib, function).restype = result
    _quiet_leptonica()
    return lib


_LEPTONICA_SEVERITY_NONE = 6


def _quiet_leptonica() -> None:
    """Leptonica, Tesseract's image library, writes its own complaints to stderr ('Error in
    boxClipToRectangle: box outside rectangle' on a crop at the page's edge): harmless, and
    out of a user's terminal as the command's stderr was."""
    for name in ("leptonica", "lept"):
        path = ctypes.util.find_library(name)
        if path:
            try:
                ctypes.CDLL(path).setMsgSeverity(ctypes.c_int(_LEPTONICA_SEVERITY_NONE))
            except (OSError, AttributeError):
                continue
            return


def available() -> bool:
    """Whether libtesseract 5 loads in this process."""
    return _library() is not None


class _Engine:
    """One loaded configuration. Tesseract's API object is not safe for two threads at once:
    a lock makes a second caller wait."""

    def __init__(self, lib: Any, languages: str, variables: dict[str, str]) -> None:
        self.lib = lib
        self.lock = threading.Lock()
        self.handle: int | None = lib.TessBaseAPICreate()
        self.per_call = dict.fromkeys(PER_CALL, "")  # the defaults
        names = {**variables, "debug_file": os.devnull}
        keys = (ctypes.c_char_p * len(names))(*(k.encode() for k in names))
        values = (ctypes.c_char_p * len(names))(*(v.encode() for v in names.values()))
        # Tesseract's own data folder, the languages, LSTM only, no config files, the
        # variables (set before the models load, as the command's `-c` are), all of them.
        status = lib.TessBaseAPIInit4(
            self.handle,
            None,
            languages.encode(),
            _OEM_LSTM_ONLY,
            None,
            0,
            keys,
            values,
            len(names),
            0,
        )
        if status != 0:
            lib.TessBaseAPIDelete(self.handle)
            raise MissingLanguages(
                f"Tesseract cannot load the languages {languages!r} (apt tesseract-ocr-LANG)"
            )

    def tsv(
        self, image: np.ndarray, *, psm: int, dpi: int, timeout_s: float, per_call: dict[str, str]
    ) -> str | None:
        """The TSV, or None when the engine was closed meanwhile (the caller loads it again)."""
        import time

        import numpy as np

        pixels = np.ascontiguousarray(image, dtype=np.uint8)
        if pixels.ndim != 2 or 0 in pixels.shape:
            raise Failed("the page image is not a grayscale image")
        lib = self.lib
        with self.lock:
            if self.handle is None:
                return None
            lib.TessBaseAPISetPageSegMode(self.handle, psm)
            lib.TessBaseAPISetVariable(self.handle, b"user_defined_dpi", str(dpi).encode())
            for name in PER_CALL:
                value = per_call.get(name, "")
                if self.per_call[name] != value:
                    lib.TessBaseAPISetVariable(self.handle, name.encode(), value.encode())
                    self.per_call[name] = value
            height, width = pixels.shape
            lib.TessBaseAPISetImage(
                self.handle, pixels.ctypes.data, width, height, 1, pixels.strides[0]
            )
            monitor = lib.TessMonitorCreate()
            start = time.monotonic()
            try:
                lib.TessMonitorSetDeadlineMSecs(monitor, max(1, round(timeout_s * 1000)))
                if lib.TessBaseAPIRecognize(self.handle, monitor) != 0:
                    if time.monotonic() - start >= timeout_s:
                        raise Timeout(f"Tesseract timed out after {timeout_s:g} s")
                    raise Failed("Tesseract could not recognise the image")
                text = lib.TessBaseAPIGetTsvText(self.handle, 0)
                try:
                    rows = ctypes.string_at(text).decode("utf-8", "replace") if text else ""
                finally:
                    lib.TessDeleteText(text)
                return TSV_HEADER + rows
            finally:
                lib.TessMonitorDelete(monitor)
                lib.TessBaseAPIClear(self.handle)

    def close(self) -> None:
        with self.lock:
            if self.handle is not None:
                self.lib.TessBaseAPIEnd(self.handle)
                self.lib.TessBaseAPIDelete(self.handle)
                self.handle = None


_engines: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], _Engine] = OrderedDict()
_engines_lock = threading.Lock()


def tsv(
    image: np.ndarray,
    *,
    languages: str,
    psm: int,
    dpi: int,
    timeout_s: float,
    variables: dict[str, str] | None = None,
) -> str:
    """Tesseract's TSV for a grayscale image: what
    `tesseract IMAGE - -l LANGUAGES --oem 1 --psm PSM --dpi DPI -c K=V… tsv` prints.
    Raises `Timeout` when the deadline passes, `MissingLanguages` when the languages do not
    load, `Failed` when the image cannot be read."""
    variables = variables or {}
    at_load = {k: v for k, v in variables.items() if k not in PER_CALL}
    per_call = {k: v for k, v in variables.items() if k in PER_CALL}
    while True:  # an engine closed by another thread between lookup and use is loaded again
        engine = _engine(languages, at_load)
        text = engine.tsv(image, psm=psm, dpi=dpi, timeout_s=timeout_s, per_call=per_call)
        if text is not None:
            return text


def load(languages: str) -> None:
    """Load the languages now (at a worker's start) rather than on the first page."""
    _engine(languages, {})


def _engine(languages: str, variables: dict[str, str]) -> _Engine:
    lib = _library()
    if lib is None:
        raise MissingLanguages("libtesseract 5 is not installed (apt tesseract-ocr)")
    key = (languages, tuple(sorted(variables.items())))
    with _engines_lock:
        engine = _engines.get(key)
        if engine is not None:
            _engines.move_to_end(key)
            return engine
        engine = _Engine(lib, languages, variables)
        _engines[key] = engine
        while len(_engines) > KEPT_ENGINES:
            _, oldest = _engines.popitem(last=False)
            oldest.close()
        return engine


@atexit.register
def _close_all() -> None:
    """Ending each engine before exit: else Tesseract's cache reports its models as leaks."""
    with _engines_lock:
        while _engines:
            _engines.popitem()[1].close()
