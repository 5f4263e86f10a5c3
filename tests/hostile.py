"""Hostile input for the abuse tests: the big list of naughty strings (from npm, see package.json),
read by section, and a form filler that submits a page's form as a browser would."""

import functools
from html.parser import HTMLParser

from tests.conftest import NAUGHTY_STRINGS

# The sections of the list meant to break or take over a program, not merely to look odd.
ATTACKS = {
    "Script Injection",
    "SQL Injection",
    "Server Code Injection",
    "Command Injection (Ruby)",
    "Unwanted Interpolation",
    "File Inclusion",
    "Known CVEs and Vulnerabilities",
    "MSDOS/Windows Special Filenames",
    "Terminal escape codes",
}


@functools.cache
def naughty_strings() -> tuple[tuple[str, str], ...]:
    """Every string of the list as (section, string), in the list's order.

    The list's text version names its sections in comments; its JSON version holds the strings
    with their escapes undone. Both keep the same order, so the sections are read from the first
    and the strings from the second.
    """
    import json

    strings = json.loads(NAUGHTY_STRINGS.read_text(encoding="utf-8"))
    sections, section, previous = [], "", ""
    text = NAUGHTY_STRINGS.with_suffix(".txt").read_text(encoding="utf-8")
    for line in text.split("\n"):
        if line.startswith("#\t") and previous == "":
            section = line[2:].strip()
        elif line and not line.startswith("#"):
            sections.append(section)
        previous = line
    # The JSON version starts with the empty string, which the text version cannot hold.
    if strings[:1] == [""]:
        sections.insert(0, "Reserved Strings")
    if len(sections) != len(strings):
        raise ValueError(f"{NAUGHTY_STRINGS} and its .txt disagree: check the list's layout.")
    return tuple(zip(sections, strings, strict=True))


def attacks() -> list[str]:
    return [string for section, string in naughty_strings() if section in ATTACKS]


def sample(every: int) -> list[str]:
    """Every attack, and every `every`-th of the other strings (odd scripts, spaces, numbers)."""
    others = [string for section, string in naughty_strings() if section not in ATTACKS]
    return attacks() + others[::every]


class FormFields(HTMLParser):
    """The fields a browser would submit from a page's main form: text boxes, text areas, hidden
    and checked inputs and selected options, with their current values."""

    def __init__(self, html: str, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.values: dict[str, list[str]] = {}
        self.text_fields: list[str] = []
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._in_form = attributes.get("id") == self.form_id
            return
        name = attributes.get("name")
        if not self._in_form or not name:
            return
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.values.setdefault(name, []).append(attributes.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.values[name] = [attributes.get("value", "")]
                if kind in {"text", "search", "url", "email"}:
                    self.text_fields.append(name)
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]
            self.text_fields.append(name)
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select].append(attributes.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data.removeprefix("\n")
