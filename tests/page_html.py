"""Reading the public pages' HTML as a browser would: tags and attributes, not string matches."""

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every start tag of a page as (tag, attributes), and the code written inside the page: the
    text of each <style> and of each <script> that a browser runs (not a data block such as
    JSON-LD)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.inline_code: list[tuple[str, str]] = []
        self._open: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        attributes = dict(attrs)
        if tag == "style" or (tag == "script" and is_javascript(attributes.get("type"))):
            self._open = tag

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open and data.strip():
            self.inline_code.append((self._open, data))

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag]


def is_javascript(script_type: str | None) -> bool:
    """Whether a <script> of this type runs (JSON-LD and other data blocks do not)."""
    kind = (script_type or "").split(";")[0].strip().lower()
    return kind in ("", "module", "text/javascript", "application/javascript")


def meta_tags(html: str) -> dict[str, list[str]]:
    """The page's <meta> contents by property or name, in page order."""
    found: dict[str, list[str]] = {}
    for attrs in Elements(html).all("meta"):
        key = attrs.get("property") or attrs.get("name")
        if key:
            found.setdefault(key, []).append(attrs.get("content", ""))
    return found
