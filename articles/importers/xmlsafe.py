"""Reading untrusted XML: no entity expansion, no external entities, clear errors.

Every XML format (WordPress exports, feeds, NewsML-G2) goes through here. The parser is
defusedxml's, which refuses any `<!ENTITY …>` declaration, so "billion laughs" bombs and
external-entity (XXE) reads fail before a single entity is expanded or a local file is opened.
"""

import codecs
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from xml.etree.ElementTree import Element
from xml.parsers.expat import errors

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from defusedxml.ElementTree import iterparse as defused_iterparse

from articles.importers.base import ImportFormatError

# A sniffer needs no more than this to see the XML declaration, comments and the root element.
SNIFF_BYTES = 4096

_PROLOG = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", re.S | re.I)
_ROOT = re.compile(rb"<([A-Za-z][\w:.-]*)")
_LEADING = re.compile(rb"(?:\s+|<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>)*", re.S | re.I)
_START_TAG = re.compile(rb"<[A-Za-z][\w:.-]*((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>")
_DECLARED_PREFIX = re.compile(rb"\bxmlns:([\w.-]+)\s*=")
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*?\bencoding\s*=\s*[\"']([\w.:-]+)")
# What expat says when the input stops before the document does: a cut-off file.
_ENDS_EARLY = {
    errors.codes[message]
    for message in (
        errors.XML_ERROR_NO_ELEMENTS,
        errors.XML_ERROR_UNCLOSED_TOKEN,
        errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        errors.XML_ERROR_PARTIAL_CHAR,
    )
}


class TruncatedXML(ImportFormatError):
    """The file stops before its XML is complete (an interrupted download or copy).

    `line` and `column` say where the file ends, counted as the parser counts (lines from 1,
    characters from 0), so the point is easy to find in an editor.
    """

    def __init__(self, message: str, *, line: int, column: int):
        super().__init__(message)
        self.line = line
        self.column = column


def iter_events(
    path: Path,
    *,
    events: tuple[str, ...] = ("start", "end"),
    declare: Mapping[str, str] | None = None,
) -> Iterator:
    """Stream `(event, element)` pairs from the XML file at `path`, safely.

    The caller clears or detaches elements it has handled, so memory stays bounded however
    large the file is. `declare` maps namespace prefixes to URIs for files that use a prefix
    without declaring it: each one the root element does not declare is added to it.

    Raises ImportFormatError when the file is empty, not well-formed, in an encoding the parser
    cannot read, or declares entities (the pipeline adds the file name); TruncatedXML when it
    stops before the XML is complete.
    """
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        if not head.strip() and len(head) < SNIFF_BYTES:
            raise ImportFormatError("the file is empty")
        stream.seek(0)
        source = _Declaring(stream, head, declare or {})
        try:
            yield from defused_iterparse(source, events=events)
        except ParseError as error:
            source.correct(error)
            if error.code in _ENDS_EARLY:
                line, column = _end_of(path, head)
                raise TruncatedXML(str(xml_error(error)), line=line, column=column) from error
            raise xml_error(error) from error
        except (DefusedXmlException, ValueError) as error:
            raise xml_error(error) from error


def parse_bytes(data: bytes) -> Element | None:
    """The root of the XML in `data`, parsed with entity declarations refused.

    Returns None for XML that is merely malformed but declares no entities, because lenient
    readers (feedparser) cope with real-world feeds that are not quite well-formed. Raises
    ImportFormatError when `data` is empty or declares entities or external references.
    """
    if not data.strip():
        raise ImportFormatError("the file is empty")
    try:
        return fromstring(data)
    except DefusedXmlException as error:
        raise xml_error(error) from error
    except (ParseError, ValueError) as error:
        # A malformed document may fail before its DTD is reached; look for declarations directly.
        if b"<!entity" in data.lower():
            raise ImportFormatError(
                "refused: the XML declares entities, which are not allowed in imports"
            ) from error
        return None


def xml_error(error: Exception) -> ImportFormatError:
    """An ImportFormatError that says, in the newsroom's words, why the XML could not be read."""
    if isinstance(error, DefusedXmlException):
        return ImportFormatError(
            "refused: the XML declares entities or external references, "
            f"which are not allowed in imports ({type(error).__name__})"
        )
    if isinstance(error, ParseError):
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":", 1)[0]
        if reason.startswith(("no element found", "unclosed")):
            reason = f"the file ends before the XML is complete, truncated? ({reason})"
        elif reason.endswith("(invalid token)"):
            reason += "; a stray character, or text not in the encoding the file declares"
        return ImportFormatError(f"not well-formed XML at line {line}, column {column}: {reason}")
    return ImportFormatError(f"cannot read the XML: {error}; save the file as UTF-8")


class _Declaring:
    """A binary stream that reads as the file, with missing namespace declarations added to the
    root element's start tag. Nothing is added when the root declares every prefix."""

    def __init__(self, stream, head: bytes, declare: Mapping[str, str]):
        self.stream = stream
        self.added = self.pending = b""
        self.line = self.column = 0
        tag = None
        if declare and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            start = _LEADING.match(head, 3 if head.startswith(codecs.BOM_UTF8) else 0).end()
            tag = _START_TAG.match(head, start)
        if tag is None:
            return
        declared = set(_DECLARED_PREFIX.findall(tag.group(1)))
        self.added = b"".join(
            b' xmlns:%s="%s"' % (prefix.encode(), uri.encode())
            for prefix, uri in declare.items()
            if prefix.encode() not in declared
        )
        if self.added:
            at = tag.start(1)
            self.pending = head[:at] + self.added
            self.stream.seek(at)
            self.line = head.count(b"\n", 0, at) + 1
            line_start = head.rfind(b"\n", 0, at) + 1
            self.column = len(head[line_start:at].decode("utf-8", "replace"))  # as expat counts

    def read(self, size: int = -1) -> bytes:
        if self.pending:
            data, self.pending = self.pending, b""
            return data
        return self.stream.read(size)

    def correct(self, error: ParseError) -> None:
        """Point `error` at the file as it is, not as read with the added declarations."""
        line, column = getattr(error, "position", (0, 0))
        if self.added and line == self.line and column >= self.column + len(self.added):
            error.position = (line, column - len(self.added))


def _end_of(path: Path, head: bytes) -> tuple[int, int]:
    """(line, column) of the end of the file, in characters as expat counts them."""
    declared = _DECLARED_ENCODING.search(head)
    try:
        single_byte = bool(declared) and codecs.lookup(declared.group(1).decode()).name != "utf-8"
    except LookupError:
        single_byte = False
    line, column, decoder = 1, 0, codecs.getincrementaldecoder("utf-8")("replace")
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if newlines := chunk.count(b"\n"):
                line += newlines
                chunk = chunk[chunk.rindex(b"\n") + 1 :]
                column, decoder = 0, codecs.getincrementaldecoder("utf-8")("replace")
            # An incomplete character at the very end is held back by the decoder: not counted.
            column += len(chunk) if single_byte else len(decoder.decode(chunk))
    return line, column


def root_name(head: bytes) -> bytes:
    """The name of the document element in the first bytes of a file (b"" if none is seen),
    past any byte order mark, XML declaration, comments and DOCTYPE."""
    root = _ROOT.search(_PROLOG.sub(b"", head.lstrip(b"\xef\xbb\xbf")))
    return root.group(1) if root else b""


def local_name(tag: str) -> str:
    """`{namespace}name` → `name`."""
    return tag.rsplit("}", 1)[-1]
