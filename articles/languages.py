"""Languages: the newsroom's own, from its locale, and a story's when it is written in another.

Both are BCP 47 tags ("en-US", "de", "sr-Latn") as pages (`lang`), structured data
(`inLanguage`), feeds and ninjs carry them.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

# A language, then script, region or variant subtags: "de", "en-GB", "zh-Hant-TW".
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def site_language() -> str:
    """The newsroom's language as a BCP 47 tag (“en-US”), from its locale setting."""
    return tag_of(getattr(settings, "NEWSROOM_LOCALE", "") or settings.LANGUAGE_CODE)


def tag_of(value: str) -> str:
    """`value` written as a BCP 47 tag ("de_DE" → "de-DE", "EN-gb" → "en-GB"), or "" when it
    is not one."""
    value = (value or "").strip().replace("_", "-")
    if not _TAG.fullmatch(value):
        return ""
    language, *rest = value.split("-")
    subtags = [language.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            subtags.append(part.title())  # a script: "Latn"
        elif len(part) == 2 and part.isalpha():
            subtags.append(part.upper())  # a region: "GB"
        else:
            subtags.append(part.lower())
    return "-".join(subtags)


def story_language(value: str) -> str:
    """What a story stores for the language a source or an editor gives (`value`): its tag, or
    "" when that is the site's own language or not a language at all."""
    tag = tag_of(value)
    return "" if tag == site_language() else tag


def validate_language(value: str) -> None:
    if value and not tag_of(value):
        raise ValidationError(
            "Give the language as a tag such as “de”, “fr” or “en-GB”.", code="invalid"
        )
