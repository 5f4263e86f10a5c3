"""Importers: one module per source format, plus the pipeline that saves what they parse.

Each format module exposes `FORMAT`, `sniff(head, filename)` and `parse(path)` (see `base.py`).
Modules are imported on first use, so a format whose module or library is unavailable does not
stop the others from working.
"""

import importlib
from pathlib import Path
from types import ModuleType

from .base import ImportFormatError

# Format name → module. Auto-detection asks them in this order: the most specific first, plain
# text last because almost anything that is not markup could be plain text.
FORMAT_MODULES = {
    "wxr": "articles.importers.wxr",
    "newsml": "articles.importers.newsml",
    "feed": "articles.importers.feeds",
    "ninjs": "articles.importers.ninjs",
    "html": "articles.importers.html",
    "text": "articles.importers.text",
}
FORMAT_NAMES = tuple(FORMAT_MODULES)
SNIFF_BYTES = 8192


def get_format(name: str) -> ModuleType:
    """The parser module for format `name`.

    Raises ImportFormatError for an unknown format or one this installation cannot read.
    """
    try:
        module_name = FORMAT_MODULES[name]
    except KeyError:
        known = ", ".join(FORMAT_NAMES)
        raise ImportFormatError(f"unknown format {name!r} (known: {known})") from None
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise ImportFormatError(f"the {name} format is not available") from None


def available_formats() -> list[ModuleType]:
    """The format modules that can be imported, in detection order."""
    modules = []
    for name in FORMAT_NAMES:
        try:
            modules.append(get_format(name))
        except ImportFormatError:
            continue
    return modules


def detect_format(path: Path) -> ModuleType:
    """The format module that recognises the start of the file at `path`.

    Reads the first few kilobytes and asks each format's `sniff()`. Raises ImportFormatError when
    the file is empty, unreadable, or no format recognises it.
    """
    try:
        with open(path, "rb") as file:
            head = file.read(SNIFF_BYTES)
    except OSError as error:
        raise ImportFormatError(f"cannot read the file: {error.strerror or error}") from None
    if not head.strip():
        raise ImportFormatError("the file is empty")
    for module in available_formats():
        if module.sniff(head, path.name):
            return module
    raise ImportFormatError("not a format the newsroom can import (text, ninjs, NewsML-G2, "
                            "WordPress export, RSS/Atom feed or saved web page)")  # fmt: skip
