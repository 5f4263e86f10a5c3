"""WordPress post content → plain story HTML.

WordPress stores a post as block markup (`<!-- wp:paragraph -->…`), as "classic" text whose
paragraphs are blank lines (WordPress adds the `<p>` only when it displays the post), or as a
mix, sprinkled with shortcodes (`[caption]`, `[gallery]`, `[embed]`…). `clean_content` turns all
of that into the plain HTML a story body holds and reports which media-library items the post
shows, so the importer can attach them as photos.
"""

import html
import re
from dataclasses import dataclass, field

from articles.text import normalize_space, sanitize_html

from .text import parse_credit

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_IMAGE_ID = re.compile(r'<!-- wp:(?:image|cover|media-text)\s+\{[^}]*?"(?:id|mediaId)":(\d+)')
_IMAGE_CLASS_ID = re.compile(r"\bwp-image-(\d+)\b")

# Core and widespread plugin shortcodes. Anything else in square brackets is left alone, since
# stories legitimately contain "[sic]" or "[1]".
_SHORTCODE = re.compile(
    r"\[(/?)(caption|wp_caption|gallery|embed|audio|video|playlist|youtube|vimeo|tweet|"
    r"instagram|soundcloud|googlemaps|contact-form(?:-7)?|gravityform|vc_\w+|et_pb_\w+|"
    r"fusion_\w+|su_\w+)\b((?:[^\]\"']|\"[^\"]*\"|'[^']*')*)\]"
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_MEDIA_ELEMENT = re.compile(
    r"<(audio|video|iframe)\b[^>]*?\bsrc=[\"']([^\"']+)[\"'][^>]*>(?:.*?</\1>)?", re.S | re.I
)
_EMBED_FIGURE = re.compile(
    r'<figure class="wp-block-embed[^"]*">\s*<div class="wp-block-embed__wrapper">\s*'
    r"(https?://\S+?)\s*</div>(.*?)</figure>",
    re.S,
)
_BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
_BLOCK_TAG = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|"
    r"form|blockquote|address|p|h[1-6]|hr|section|article|aside|header|footer|nav|figure|"
    r"figcaption|details|summary|audio|video|iframe)"
)
_AROUND_BLOCKS = re.compile(rf"(<{_BLOCK_TAG}\b[^>]*>)|(</{_BLOCK_TAG}>)", re.I)
_STARTS_BLOCK = re.compile(rf"^</?{_BLOCK_TAG}\b", re.I)
_EMPTY_ELEMENT = re.compile(r"<(p|span|figure)>(?:\s|&nbsp;|<br>)*</\1>")
_H1 = re.compile(r"<(/?)h1\b", re.I)

# "… Photo: Jane Roe / Valley Wire", "… (Photo by Jane Roe)", "… (Jane Roe/AP)" at a caption's end.
_LABELLED_CREDIT = re.compile(
    r"[\s(\[|—–-]*\b((?:photo(?:graph)?s?|credit|image|foto)\s*(?::|by\b)\s*[^()\[\]]+?)[)\]]?\s*$",
    re.I,
)
_BRACKETED_CREDIT = re.compile(r"\s*[(\[]([^()\[\]]+/[^()\[\]]+)[)\]]\s*$")

# Layout wrappers whose content is the story; everything else listed above has none worth keeping
# as text (forms) or is handled one by one.
_UNWRAP = re.compile(r"vc_|et_pb_|fusion_|su_")


@dataclass
class CleanedContent:
    html: str
    attachment_ids: list[int] = field(default_factory=list)  # media items shown, in order


def clean_content(raw: str) -> CleanedContent:
    """Plain, sanitised story HTML for WordPress post content, with the media ids it shows.

    Block comments and `<!--more-->` markers go; classic paragraphs get their `<p>`;
    `[caption]` becomes `<figure>`/`<figcaption>`; embeds, audio and video become links;
    galleries are removed from the text and their images reported in `attachment_ids`.
    """
    ids: list[int] = []
    seen: set[int] = set()

    def note(number: str) -> None:
        if number.isdigit() and int(number) not in seen:
            seen.add(int(number))
            ids.append(int(number))

    for match in _BLOCK_IMAGE_ID.finditer(raw):
        note(match.group(1))
    is_block_markup = "<!-- wp:" in raw
    text = _COMMENT.sub("", raw)
    text = _replace_shortcodes(text, note)
    for match in _IMAGE_CLASS_ID.finditer(text):
        note(match.group(1))
    text = _EMBED_FIGURE.sub(lambda m: _link(m.group(1)) + _figcaption_paragraph(m.group(2)), text)
    text = _MEDIA_ELEMENT.sub(lambda m: _link(m.group(2)), text)
    if not is_block_markup:
        # WordPress turns a URL alone on its line into an embed when it shows a classic post.
        text = _BARE_URL_LINE.sub(lambda m: _link(m.group(1)), text)
        text = autop(text)
    # A story's headline is its only h1: headings in the body start one level down.
    cleaned = _EMPTY_ELEMENT.sub("", sanitize_html(_H1.sub(r"<\1h2", text)))
    return CleanedContent(html=re.sub(r">\s*\n\s*<", ">\n<", cleaned).strip(), attachment_ids=ids)


def split_caption_credit(text: str) -> tuple[str, str, str]:
    """(caption, photographer, agency) from a caption that may end with its credit.

    "Rex at the park. Photo: Jane Roe / Valley Wire" → ("Rex at the park.", "Jane Roe",
    "Valley Wire"). A caption without a recognisable credit comes back whole.
    """
    text = normalize_space(text)
    for pattern in (_LABELLED_CREDIT, _BRACKETED_CREDIT):
        match = pattern.search(text)
        if match and (credit := parse_credit(match.group(1))):
            return text[: match.start()].strip(" -—–|"), *credit
    return text, "", ""


def autop(text: str) -> str:
    """Wrap classic WordPress text in paragraphs: blank lines part paragraphs, single ones are
    line breaks, and block-level elements (lists, quotes, headings, figures) stand on their own.
    """
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    text = _PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _AROUND_BLOCKS.sub(
        lambda m: f"\n\n{m.group(1)}" if m.group(1) else f"{m.group(2)}\n\n", text
    )
    parts = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("\x00") or _STARTS_BLOCK.match(chunk):
            parts.append(chunk)
        else:
            parts.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    joined = "\n".join(parts)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], joined)


def _replace_shortcodes(text: str, note) -> str:
    """Rewrite the shortcodes WordPress would expand when it shows the post."""
    out: list[str] = []
    position = 0
    for match in _SHORTCODE.finditer(text):
        closing, name, raw_attributes = match.groups()
        out.append(text[position : match.start()])
        position = match.end()
        if closing or _UNWRAP.match(name):
            continue
        attributes = _attributes(raw_attributes)
        body, end = _enclosed(text, name, position)
        if name in ("caption", "wp_caption"):
            if attributes.get("id", "").startswith("attachment_"):
                note(attributes["id"].removeprefix("attachment_"))
            out.append(_caption_figure(body if end else "", attributes))
        elif name == "gallery":
            for number in re.split(r"[,\s]+", attributes.get("ids", "")):
                note(number)
        elif name in ("embed", "youtube", "vimeo"):
            positional = raw_attributes.strip() if "=" not in raw_attributes.split("?")[0] else ""
            url = (body if end else "").strip() or attributes.get("url", "") or positional
            out.append(_link(url))
        elif name in ("audio", "video"):
            url = attributes.get("src") or next(
                (
                    attributes[k]
                    for k in ("mp3", "m4a", "ogg", "wav", "mp4", "webm")
                    if k in attributes
                ),
                "",
            )
            out.append(_link(url))
        if end:
            position = end
    out.append(text[position:])
    return "".join(out)


def _enclosed(text: str, name: str, start: int) -> tuple[str, int]:
    """The content of an enclosing shortcode `[name]…[/name]` opened just before `start`."""
    closing = f"[/{name}]"
    end = text.find(closing, start)
    nested = text.find(f"[{name}", start)
    if end == -1 or (nested != -1 and nested < end):
        return "", 0
    return text[start:end], end + len(closing)


def _attributes(raw: str) -> dict[str, str]:
    attributes = {}
    for match in _ATTRIBUTE.finditer(raw):
        name, *values = match.groups()
        attributes[name.lower()] = html.unescape(next((v for v in values if v is not None), ""))
    return attributes


def _caption_figure(body: str, attributes: dict[str, str]) -> str:
    """`[caption]<img …> Text[/caption]` → `<figure><img …><figcaption>Text</figcaption>`."""
    media = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", body, re.S)
    image, caption = (media.group(1), media.group(2)) if media else ("", body)
    caption = caption.strip() or attributes.get("caption", "")
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image}{figcaption}</figure>\n\n"


def _figcaption_paragraph(rest: str) -> str:
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", rest, re.S)
    return f"<p>{caption.group(1)}</p>" if caption else ""


def _link(url: str) -> str:
    url = url.strip()
    if not re.match(r"https?://", url):
        return ""
    escaped = html.escape(url)
    return f'\n\n<p><a href="{escaped}">{escaped}</a></p>\n\n'
